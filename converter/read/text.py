"""Text letters (pdftotext, PyPDF2, pypdf, pymupdf Markdown, Word text) -> Extracted.

Text extraction keeps the page furniture (running headers and footers, the Aanhangsel colophon, the ministry's
letterhead sidebar) and the footnote bodies in the running text. This reader takes them out, and writes each
footnote marker it can pin down as "[^N]"."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..limits import check_text
from ..model import Extracted, Source
from .decode import decode_text
from .footnotes import mark_footnotes, mark_orphan_markers, split_footnotes
from .furniture import remove_furniture
from .hyphens import joins
from .reflow import reflow

_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|__|_|\*)(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_FOOTNOTE = re.compile(r"\[(\d{1,3}(?:\s+\d{1,3})*)\s*\]")  # pymupdf: "[1 ]", two markers "[4 5 ]"
_MD_SUPERSCRIPT = re.compile(r"(?<=\d)\[([a-z]{1,3})\s*\]")  # a superscript ordinal: "11[e ] sanctiepakket"


def _markers(m: re.Match[str]) -> str:
    return "".join(f"[^{n}]" for n in m.group(1).split())


def _demarkdown(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    line = _MD_FOOTNOTE.sub(_markers, _MD_SUPERSCRIPT.sub(r"\1", line))
    for _ in range(2):
        line = _MD_EMPHASIS.sub(r"\2", line)
    return line.replace("**", "")


def normalise_lines(text: str) -> list[str]:
    """Lines with page breaks as their own "\\f" lines, Markdown markup and odd spaces removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u00ad", "")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    # PDF text sets accents apart: "Yes¸ilgöz", "Kostic ´"; put them back on their letter
    text = re.sub(r"(?<=[A-Za-z]) ?\u00b8", "\u0327", text)
    text = re.sub(r"(?<=[A-Za-z]) ?\u00b4(?=\w|\s|$)", "\u0301", text)
    text = unicodedata.normalize("NFC", text)
    markdown = bool(re.search(r"^(#{1,6} |\*\*)", text, flags=re.M))
    lines: list[str] = []
    for raw in text.split("\n"):
        parts = raw.split("\f")
        for i, part in enumerate(parts):
            if i:
                lines.append("\f")
            line = part.rstrip()
            if markdown:
                if line.strip() == "-----":
                    lines.append("\f")
                    continue
                line = _demarkdown(line)
            line = _MD_FOOTNOTE.sub(_markers, line)
            if re.fullmatch(r"\s*[_\-–—=*]{5,}\s*", line):  # a rule drawn with characters
                line = ""
            lines.append(line.replace("\t", " "))
    return lines


_INLINE_HYPHEN = re.compile(r"(?<![\w-])([A-Za-zÀ-ÿ]?[a-zà-ÿ]+)-([a-zà-ÿ]{2,})\b(?!-)")


def _lines_joined(lines: list[str]) -> bool:
    """PyPDF2 and pypdf join the lines of a paragraph, keeping the hyphen of a word the line break split."""
    text = [x for x in lines if x.strip() and x != "\f"]
    if not text:
        return False
    long_share = sum(len(x) > 110 for x in text) / len(text)
    blank_share = 1 - len(text) / max(1, sum(1 for x in lines if x != "\f"))
    return long_share >= 0.15 and blank_share < 0.2


def _rejoin(m: re.Match[str]) -> str:
    return m.group(1) + m.group(2) if joins(m.group(1), m.group(2)) else m.group(0)


def extract_text(path: Path, data: bytes, source: Source) -> Extracted:
    """Read a letter given as text."""
    text, warnings = decode_text(path, data)
    check_text(path, len(text))
    lines = reflow(normalise_lines(text))
    joined = _lines_joined(lines)
    lines, identifiers, references = remove_furniture(lines)
    if joined:
        lines = [_INLINE_HYPHEN.sub(_rejoin, x) for x in lines]
    body, footnotes = split_footnotes(lines)
    labelled = any(re.match(r"^\s*Vraag\s+\d", x) for x in body)
    body = mark_footnotes(body, [f.number for f in footnotes], line_start=labelled)
    body, orphans = mark_orphan_markers(body, {f.number for f in footnotes})
    footnotes = sorted([*footnotes, *orphans], key=lambda f: f.number)
    return Extracted(source=source, lines=tuple(body), footnotes=tuple(footnotes),
                     furniture_ids=tuple(identifiers), references=tuple(references), layout="text",
                     warnings=warnings)
