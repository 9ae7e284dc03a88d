"""The page edge mark every text reader writes, and the one rule for writing it."""

from __future__ import annotations

PAGE = "\f"  # a page edge: a form feed of the extraction, or furniture that stood there


def append_page(out: list[str]) -> None:
    """Mark a page edge at the end of out: trailing blank lines go, and two edges never stand together."""
    while out and not out[-1].strip() and out[-1] != PAGE:
        out.pop()
    if not out or out[-1] != PAGE:
        out.append(PAGE)


def split_pages(lines: list[str]) -> list[list[str]]:
    """The lines cut at each page edge (the edges themselves left out): one list per page."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == PAGE:
            pages.append([])
        else:
            pages[-1].append(line)
    return pages
