"""Footnotes a Word letter types as its last paragraphs instead of Word footnotes. The Word reader writes a
digit run set in superscript as "\x00N\x00" (RAISED); these are the markers, and a paragraph opened by one is a
footnote body."""

from __future__ import annotations

import re

from ..model import Footnote
from .footnotes import find_urls, mark_footnotes, mark_orphan_markers, split_footnotes

RAISED = re.compile(r"\x00(\d{1,3})\x00")  # a number in superscript: a footnote marker typed by hand
RAISED_START = re.compile(r"^\s*\x00(\d{1,3})\x00\s*(.*)$")


def typed_footnotes(lines: list[str]) -> tuple[list[str], list[Footnote]]:
    """Bodies typed as the letter's last paragraphs, opened by a raised number ("¹ NOS, ...", "1) ..."): from the
    last paragraph opened by a raised 1 to the end. A paragraph there without its number is the next footnote
    where the text cites that number, else the previous body continued; a raised next number inside a body
    starts the next one (two bodies run together)."""
    starts = [(i, int(m.group(1))) for i, x in enumerate(lines) if (m := RAISED_START.match(x))]
    first = [i for i, n in starts if n == 1] or [i for i, _ in starts[:1]]
    if not first:
        return lines, []
    start = first[-1]
    cited = {int(n) for x in lines[:start] for n in RAISED.findall(x)}
    found: dict[int, str] = {}
    for line in lines[start:]:
        m = RAISED_START.match(line)
        if m:
            number, text = int(m.group(1)), m.group(2)
        elif not line.strip():
            continue
        elif max(found) + 1 in cited:
            number, text = max(found) + 1, line
        else:
            number, text = max(found), found[max(found)] + " " + line
        while (inner := re.search(rf"\x00{number + 1}\x00", text)) is not None and number + 1 in cited:
            found[number] = text[: inner.start()]
            number, text = number + 1, text[inner.end():]
        found[number] = text
    numbers = sorted(found)
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return lines, []
    texts = {n: re.sub(r"\s+", " ", RAISED.sub(r"\1", t)).strip() for n, t in found.items()}
    return lines[:start], [Footnote(number=n, text=texts[n], urls=tuple(find_urls(texts[n]))) for n in numbers]


def plain_footnotes(body: list[str]) -> tuple[list[str], list[Footnote]]:
    body, notes = split_footnotes(body)
    if not notes:
        return body, []
    labelled = any(re.match(r"^\s*Vraag\s+\d", x) for x in body)
    body = mark_footnotes(body, [f.number for f in notes], line_start=labelled)
    body, orphans = mark_orphan_markers(body, {f.number for f in notes})
    return body, sorted([*notes, *orphans], key=lambda f: f.number)
