"""Repairs of a text extraction's lines before anything is read from them: a text whose line breaks were
flattened into spaces gets its breaks back where the layout must have had them (before a label, around the
page footer, between numbered questions), and a page that a page-list extraction printed twice is kept once."""

from __future__ import annotations

import re

from .page import PAGE

_FLAT_LINE = 600  # a line this long that holds two labels is a flattened page, not a paragraph
_LABEL = (r"(?:Vraag|Vragen|VRAAG|VRAGEN|Antwoord|Antwoorden|ANTWOORD|ANTWOORDEN)(?:\s+op\s+(?:de\s+)?vra(?:ag|gen))?"
          r"\s+\d{1,3}(?:\s*(?:,|en|t/m|-)\s*\d{1,3})*\b(?!\s*(?:is|zijn|en|van|wordt|worden|uit|in|op)\b)")
_LABEL_START = re.compile(rf"(?:(?<=[.?!:;»”’'\")\]\d])|(?<=^))\s*(?={_LABEL})")
_LABELS = re.compile(_LABEL)
_HEADING = re.compile(r"(\(ingezonden \d{1,2} [a-z]{3,9} \d{4}\)\.?)?\s+(?=(?:Antwoord|Mededeling) van\b)")
_FOOTER = re.compile(r"\s*(ah-tk-\d{8}-\d+\s*(?:ISSN\s*\d{4}\s*-\s*\d{4})?\s*(?:[’']s-Gravenhage\s*\d{4})?\s*"
                     r"(?:Tweede Kamer, vergaderjaar\s*\d{4}\s*[–-]\s*\d{4},\s*Aanhangsel\s*\d{0,3})?)\s*")
_PAGE_FURNITURE = re.compile(r"^\s*\d{1,3}\s*$|ah-tk-|ISSN|vergaderjaar|Pagina \d", re.I)
_NUMBERED = re.compile(r"(?<=[.?!»”’'\")])\s+(?=\d{1,2}\.\s+[A-Z])")


def reflow(lines: list[str]) -> list[str]:
    """The lines, with flattened pages broken again and repeated pages dropped."""
    out: list[str] = []
    for line in lines:
        if len(line) > _FLAT_LINE and len(_LABELS.findall(line)) >= 2:
            out.extend(_unflatten(line))
        else:
            out.append(line)
    return _drop_repeated_pages(out)


def _unflatten(line: str) -> list[str]:
    line = _FOOTER.sub(lambda m: f"\n{m.group(1)}\n", line)
    line = _HEADING.sub(lambda m: (m.group(1) or "") + "\n", line)
    line = _LABEL_START.sub("\n\n", line)
    line = _NUMBERED.sub("\n\n", line)
    out: list[str] = []
    for part in line.split("\n"):
        out.extend(_split_label(part.strip()))
    return out


def _split_label(part: str) -> list[str]:
    """'Vraag 1 Bent u ...' -> the label, the text: as a page prints them."""
    m = re.match(rf"^({_LABEL})\s*[:.]?\s+(\S.*)$", part)
    return [m.group(1), m.group(2)] if m else [part]


def _drop_repeated_pages(lines: list[str]) -> list[str]:
    """A page whose text equals an earlier page's (a page-list extraction that printed a page twice)."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == PAGE:
            pages.append([])
        else:
            pages[-1].append(line)
    seen: set[str] = set()
    out: list[str] = []
    for n, page in enumerate(pages):
        key = " ".join(" ".join(x.split()) for x in page if x.strip() and not _PAGE_FURNITURE.search(x))
        if len(key) > 200 and key in seen:
            continue
        seen.add(key)
        if n:
            out.append(PAGE)
        out.extend(page)
    return out
