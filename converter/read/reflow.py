"""Repairs of a text extraction's lines before anything is read from them: a text whose line breaks were
flattened into spaces gets its breaks back where the layout must have had them (before a label, around the
page footer, between numbered questions), and a page that a page-list extraction printed twice is kept once."""

from __future__ import annotations

import re

from .body import NUMBERS
from .page import PAGE, split_pages

_FLAT_LINE = 600  # a line this long that holds two labels is a flattened page, not a paragraph
_LABEL = (r"(?:Vraag|Vragen|VRAAG|VRAGEN|Antwoord|Antwoorden|ANTWOORD|ANTWOORDEN)(?:\s+op\s+(?:de\s+)?vra(?:ag|gen))?"
          rf"\s+{NUMBERS}\b(?!\s*(?:is|zijn|en|van|wordt|worden|uit|in|op)\b)")
_LABELS = re.compile(_LABEL)
_HEADING = re.compile(r"(\(ingezonden \d{1,2} [a-z]{3,9} \d{4}\)\.?)?\s+(?=(?:Antwoord|Mededeling) van\b)")
# the page furniture of an Aanhangsel page, each piece a line of its own as the page prints it
_PIECES = re.compile(r"\s*(ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5}|ISSN\s*\d{4}\s*-\s*\d{4}|[’']s-Gravenhage\s*\d{4}|"
                     r"Tweede Kamer, vergaderjaar\s*\d{4}\s*[–-]\s*\d{4},\s*(?:Aanhangsel|Vragen)"
                     r"(?:\s*\d{1,3}(?=\s|[A-Z]|$))?)\s*")
# lone footnote numbers printed above the colophon ("... opgelost? 1 2 ah-tk-..."): lines of their own
_LONE_NUMBERS = re.compile(r"(?<=[.?!»”’'\")\]])((?:\s+\d{1,2})+)\s*(?=\n(?:ah-tk-|kv-tk-))")
# a footnote body opened by its number glued to its first word ("2Sudan Situation Report"), at a page foot
_GLUED_BODY = re.compile(r"\s+(?=\d{1,2}(?:[A-Z«‘“]|\s(?:https?://|www\.)))")
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
    line = _PIECES.sub(lambda m: f"\n{m.group(1)}\n", line)
    line = _LONE_NUMBERS.sub(lambda m: "\n" + "".join(f"\n{n}" for n in m.group(1).split()) + "\n", line)
    line = _HEADING.sub(lambda m: (m.group(1) or "") + "\n", line)
    line = _break_at_labels(line)
    line = _NUMBERED.sub("\n\n", line)
    parts = line.split("\n")
    out: list[str] = []
    for n, part in enumerate(parts):
        nxt = parts[n + 1] if n + 1 < len(parts) else ""
        if nxt.startswith(("ah-tk-", "kv-tk-")):  # the text just above the colophon holds the footnote bodies
            part = _GLUED_BODY.sub("\n", part)
        for piece in part.split("\n"):
            out.extend(_split_label(piece.strip()))
        if re.match(r"Tweede Kamer, vergaderjaar", part):
            out.append(PAGE)  # the footer ends a page
    return out


_ANY_LABEL = re.compile(rf"(?<!\S)({_LABEL})(?=\s*[:.]?\s+[A-Z«‘“'\"])")


def _break_at_labels(line: str) -> str:
    """A break before each label that ends a sentence before it, or that is the label the sequence expects
    next ('Antwoord 9 Ja Vraag 10 Wilt u': a short answer without its full stop)."""
    out: list[str] = []
    pos = 0
    asked = 0
    for m in _ANY_LABEL.finditer(line):
        numbers = [int(n) for n in re.findall(r"\d{1,3}", m.group(1))]
        question = m.group(1)[:1] in "Vv"
        expected = numbers[0] == asked + 1 if question else asked in numbers or numbers[0] <= asked
        after_sentence = bool(re.search(r"(?:^|[.?!:;»”’'\")\]\d])\s*$", line[:m.start()]))
        if after_sentence or expected:
            out.append(line[pos:m.start()])
            pos = m.start()
            if question:
                asked = max(asked, *numbers)
    out.append(line[pos:])
    return "\n\n".join(x.strip() for x in out if x.strip())


def _split_label(part: str) -> list[str]:
    """'Vraag 1 Bent u ...' -> the label, the text: as a page prints them."""
    m = re.match(rf"^({_LABEL})\s*[:.]?\s+(\S.*)$", part)
    return [m.group(1), m.group(2)] if m else [part]


def _drop_repeated_pages(lines: list[str]) -> list[str]:
    """A page whose text equals an earlier page's (a page-list extraction that printed a page twice)."""
    pages = split_pages(lines)
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
