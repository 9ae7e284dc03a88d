"""Page furniture in extracted text: running headers and footers, the Aanhangsel colophon, the letterhead.

Furniture is cut out of the lines (also where an extraction glued it to a label: "Aanhangsel 1Antwoord 3");
each place it stood becomes a PAGE line, so later stages know a page edge was there."""

from __future__ import annotations

import re

from .letterhead import strip_letterhead
from .page import PAGE, append_page

__all__ = ["PAGE", "remove_furniture"]

_IDS = re.compile(r"\b(ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5})")
_GARBLED_ID = re.compile(r"^\s*a?h[ -]tk[ -](\d{8})[ -](\d+)\s*$")  # pymupdf: "h tk 20232024 302"
_YEARS = r"\d{4}\s*[–-]\s*\d{4}"
_FOOTER = re.compile(
    r"ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5}|ISSN\s*\d{4}\s*-\s*\d{4}|[’']s-Gravenhage\s*\d{4}|"
    rf"Tweede Kamer, vergaderjaar\s*{_YEARS},\s*(?:Aanhangsel|Vragen)(?:\s*\d{{1,3}}(?!\d|\s*[.,]\d))?"
)
_HEADER = re.compile(
    r"^\s*Tweede Kamer der Staten-Generaal\s*\d{0,2}|Vergaderjaar\s*" + _YEARS + "|"
    r"Aanhangsel van de Handelingen|Vragen gesteld door de leden der Kamer(?:, met de daarop door de)?|"
    r"^\s*regering gegeven antwoorden"
)
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")


def remove_furniture(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Return the lines without furniture, the identifiers the furniture printed, and the ministry references."""
    ids: list[str] = []
    out: list[str] = []
    after_footer = False
    for line in lines:
        if line == PAGE:
            out.append(PAGE)
            continue
        ids.extend(m.group(1) for m in _IDS.finditer(line))
        garbled = _GARBLED_ID.match(line)
        if garbled:
            ids.append(f"ah-tk-{garbled.group(1)}-{garbled.group(2)}")
            append_page(out)
            continue
        stripped, n_footer = _FOOTER.subn("", line)
        stripped, n_header = _HEADER.subn("", stripped)
        if n_footer or n_header:
            after_footer = bool(n_footer) and "vergaderjaar" in line
            rest = stripped.strip()
            append_page(out)
            if rest:
                out.append(rest)
                after_footer = False
            continue
        if after_footer and _PAGE_NUMBER.match(line):  # the page number under "Tweede Kamer, vergaderjaar ..."
            after_footer = False
            continue
        if line.strip():
            after_footer = False
        out.append(line)
    out, references, zaken = strip_letterhead(out)
    return out, list(dict.fromkeys([*ids, *zaken])), references
