"""Page furniture in extracted text: running headers and footers, the Aanhangsel colophon, the letterhead.

Furniture is cut out of the lines (also where an extraction glued it to a label: "Aanhangsel 1Antwoord 3");
each place it stood becomes a PAGE line, so later stages know a page edge was there."""

from __future__ import annotations

import re

PAGE = "\f"  # a page edge: a form feed of the extraction, or furniture that stood there

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
_RETURN_ADDRESS = re.compile(r"^\W*Retouradres\b")
_PAGE_NUMBER = re.compile(r"^\s*\d{1,3}\s*$")
_SIDEBAR_START = re.compile(r"^\s*(?:Ministerie van|Directoraat|Retouradres)\b")
_SIDEBAR_END = re.compile(r"vermelden\.?\s*$")
_REFERENCE_LABEL = re.compile(r"^\s*(?:Onze referentie|Ons kenmerk|Kenmerk)\s*:?\s*(.*)$")


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
            _append_page(out)
            continue
        stripped, n_footer = _FOOTER.subn("", line)
        stripped, n_header = _HEADER.subn("", stripped)
        if n_footer or n_header:
            after_footer = bool(n_footer) and "vergaderjaar" in line
            rest = stripped.strip()
            _append_page(out)
            if rest:
                out.append(rest)
                after_footer = False
            continue
        if _RETURN_ADDRESS.match(line):
            continue
        if after_footer and _PAGE_NUMBER.match(line):  # the page number under "Tweede Kamer, vergaderjaar ..."
            after_footer = False
            continue
        if line.strip():
            after_footer = False
        out.append(line)
    out, references = _remove_sidebar(out)
    return out, list(dict.fromkeys(ids)), references


def _append_page(out: list[str]) -> None:
    while out and not out[-1].strip() and out[-1] != PAGE:
        out.pop()
    if not out or out[-1] != PAGE:
        out.append(PAGE)


def _remove_sidebar(lines: list[str]) -> tuple[list[str], list[str]]:
    """Cut the ministry letterhead sidebar ("Ministerie van ... Bij beantwoording ... vermelden.")."""
    out: list[str] = []
    references: list[str] = []
    i = 0
    while i < len(lines):
        if _SIDEBAR_START.match(lines[i]):
            end = next((j for j in range(i, min(i + 40, len(lines))) if _SIDEBAR_END.search(lines[j])), None)
            if end is not None:
                references.extend(_references(lines[i:end + 1]))
                _append_page(out)
                i = end + 1
                continue
        out.append(lines[i])
        i += 1
    return out, references


def _references(block: list[str]) -> list[str]:
    found: list[str] = []
    for i, line in enumerate(block):
        m = _REFERENCE_LABEL.match(line)
        if not m:
            continue
        value = m.group(1).strip()
        j = i + 1
        while j < len(block) and (not value or value.endswith("/")):
            nxt = block[j].strip()
            if nxt and not nxt.startswith("Bij beantwoording"):
                value += nxt
            elif value:
                break
            j += 1
        if value:
            found.append(value)
    return found
