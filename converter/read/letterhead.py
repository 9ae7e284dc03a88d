"""The ministry letterhead in extracted text: the return address, the addressee, the side column (ministry,
directorate, addresses, contact lines, "Ons kenmerk", "Uw brief", "Bijlage(n)", "Bij beantwoording ...
vermelden") and its repeats at the top of later pages ("Datum", "Kenmerk", "Pagina 2 van 4").

Every template of the Rijkshuisstijl prints the same kinds of lines, in a different order and with other
labels, and text extraction puts them before the body, between paragraphs or in the middle of an answer. So
the letterhead is read line by line, not as one block: a line is letterhead by what it is (a label of the
side column and the values under it, an address, a contact line, a standard sentence of the template). The
first "Datum" and "Betreft"/"Onderwerp" stay in place: the header is read from them; later ones are repeats."""

from __future__ import annotations

import re

from .header import zaken_in
from .page import PAGE, append_page

# Labels of the side column, printed alone on a line with their value on the lines below
_LABELS = (
    r"Ons kenmerk|Onze kenmerk|Onze referentie|Onze ref(?:erentie)?\.?|Ons nummer|Kenmerk|Uw kenmerk|Uw referentie|"
    r"Uw brief(?:\s*\((?:kenmerk|nummer)\))?(?:\s+van)?|Uw brief d\.d\.|Bijlagen?\s*\(n\)|Bijlage\(n\)|Bijlagen?|"
    r"Bezoekadres|Postadres|Contactpersoon|Contact|Inlichtingen(?:\s+bij)?|Doorkiesnummer|Telefoon|Telefax|Fax|"
    r"E-?mail|Behandeld door|Afschrift(?:\s+aan)?|Kopie aan|Aantal pagina'?s|Onze referentie\(s\)|"
    r"Ons dossier|Zaaknummer|Datum|Betreft|Onderwerp"
)
_LABEL_ONLY = re.compile(rf"^\s*(?:{_LABELS})\s*:?\s*$", re.I)
_VALUE_LABEL = re.compile(
    r"^\s*(?:Ons kenmerk|Onze referentie|Ons nummer|Kenmerk|Uw kenmerk|Uw referentie|Uw brief(?:\s*\(kenmerk\))?|"
    r"Bijlagen?\(n\)|Bijlage\(n\)|Bijlagen?|Zaaknummer)\s*:?\s+(\S.{0,48})$", re.I)
_OWN_REFERENCE = re.compile(r"^\s*(?:Ons kenmerk|Onze kenmerk|Onze referentie|Onze ref\.?|Ons nummer|Kenmerk)\b", re.I)
_DATE_LINE = re.compile(r"^\s*Datum\s*:?\s+\d{1,2}\s+[a-z]+\s+\d{4}\s*$", re.I)
_SUBJECT_LINE = re.compile(r"^\s*(?:Betreft|Onderwerp)\s*:?\s+\S", re.I)
_PAGE_OF = re.compile(r"^\s*(?:Pagina|Blad)\s+\d{1,3}\s*(?:van|/)\s*\d{1,3}\s*$|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$", re.I)
# Lines that are letterhead by their look
# pieces of an address line, each written once: a postal or telephone line is letterhead wherever it stands
_POSTBUS = r"Postbus\s+\d+"
_PHONE = r"[TFM]\s*:?\s*(?:\+31|0)[\d\s()-]{8,}"
_MPC = r"MPC\s+\d+\s*[A-Z]?"
_POSTCODE = r"\d{4}\s?[A-Z]{2}\s+(?:[A-Z]|'s-)"  # "2500 ES Den Haag", "2594 AC 's-Gravenhage"
_ADDRESS = re.compile(
    rf"^\s*(?:{_POSTBUS}|{_POSTCODE}[\w' -]*|www\.\S+|https?://www\.rijksoverheid\.nl\S*|"
    rf"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|{_PHONE}|(?:\+31|0)\d{{1,3}}[\s-]?\d{{3}}[\s-]?\d{{3,4}}|"
    rf"{_MPC}|Den Haag|'s-Gravenhage|"
    r"[A-Z][a-zà-ÿ]+(?:straat|weg|plein|laan|markt|kade|gracht|plaats|park|singel|hof|dreef|dijk|poort)\s+\d+\w?|"
    r"(?:Plein|Korte Voorhout|Lange Voorhout|Bezuidenhoutseweg|Rijnstraat|Turfmarkt|Parnassusplein|"
    r"Prinses Beatrixlaan|Kneuterdijk|Prins Clauslaan|Koningskade)\s*\d+\w?)\s*$")
_UNIT = re.compile(r"^\s*(?:Ministerie van|Directoraat[- ]?[Gg]eneraal|Directie|Dienst|Afdeling|Programma|"
                   r"Inspectie|Agentschap|Kabinet van|Bureau|Rijksoverheid\.nl|Rijksoverheid)\b")
_ADDRESSEE = re.compile(r"^\s*(?:Aan\s+)?(?:de\s+|De\s+)?Voorzitter van de (?:Tweede|Eerste) Kamer\b"
                        r"|^\s*der Staten-Generaal\s*$|^\s*(?:Binnenhof|Bezuidenhoutseweg|Prinses Irenestraat)\s+\d+",
                        re.I)
_RETURN_ADDRESS = re.compile(r"^\W*Retouradres\b")
_BODY_START = re.compile(r"^(?:Vraag|Vragen|Antwoord|Antwoorden|VRAAG|ANTWOORD|Geachte|Hoogachtend)\b|^\d{1,2}[.)]\s")
_SENTENCE = re.compile(r"[a-zà-ÿ]{2,}\s+[a-zà-ÿ]{2,}\s+[a-zà-ÿ]{2,}\s+[a-zà-ÿ]{2,}")
# a postal address or telephone line is letterhead wherever it stands: running text has no line that is only
# that (a web address alone on a line may be a footnote's)
_STRONG = re.compile(rf"^\s*(?:{_POSTBUS}|{_POSTCODE}[\w'-]*(?:\s[\w'-]+){{0,2}}|{_PHONE}|{_MPC})\s*$")
# The template's standard sentences, which can run over several lines: "Bij beantwoording de datum en ons
# kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen."
_STOCK_START = re.compile(r"^\s*(?:Bij beantwoording|Correspondentie uitsluitend|Wilt u slechts|"
                          r"Bij beantwoording van deze brief)", re.I)
_STOCK_END = re.compile(r"(?:vermelden|behandelen|deze brief|kenmerk(?: van deze brief)?)\.?\s*$", re.I)


def strip_letterhead(lines: list[str]) -> tuple[list[str], list[str], list[str]]:
    """The lines without the letterhead, the ministry's own references ("Ons kenmerk") it printed, and the zaak
    numbers it printed ("Uw brief 2025Z01234")."""
    out: list[str] = []
    references: list[str] = []
    zaken: list[str] = []
    seen_date = seen_subject = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == PAGE:
            out.append(PAGE)
            i += 1
            continue
        if _RETURN_ADDRESS.match(line) or _PAGE_OF.match(line):
            i += 1
            continue
        if _STOCK_START.match(line):
            i = _stock_end(lines, i)
            append_page(out)
            continue
        if _DATE_LINE.match(line) or _label_with_date(lines, i):
            if seen_date:  # a later page repeats the letter's date
                i = i + 1 if _DATE_LINE.match(line) else _value_end(lines, i)
                append_page(out)
                continue
            seen_date = True
        elif _SUBJECT_LINE.match(line) or _LABEL_ONLY.match(line) and re.match(r"\s*(?:Betreft|Onderwerp)", line):
            if seen_subject:
                i = _value_end(lines, i)
                append_page(out)
                continue
            seen_subject = True
        elif _LABEL_ONLY.match(line):
            end = _value_end(lines, i)
            if _OWN_REFERENCE.match(line):
                references.extend(_reference(lines[i + 1:end]))
            zaken.extend(zaken_in(" ".join(lines[i:end])))
            i = end
            append_page(out)
            continue
        elif _VALUE_LABEL.match(line):
            zaken.extend(zaken_in(line))
            if _OWN_REFERENCE.match(line):
                references.extend(_reference([_VALUE_LABEL.match(line).group(1)]))  # type: ignore[union-attr]
            i += 1
            append_page(out)
            continue
        elif _is_letterhead_line(line) and _in_letterhead_run(lines, i):
            i += 1
            append_page(out)
            continue
        out.append(line)
        i += 1
    return out, list(dict.fromkeys(references)), list(dict.fromkeys(zaken))


def _is_letterhead_line(line: str) -> bool:
    return bool(_ADDRESS.match(line) or _UNIT.match(line) or _ADDRESSEE.match(line))


def _in_letterhead_run(lines: list[str], i: int) -> bool:
    if _STRONG.match(lines[i]) and len(lines[i].strip()) < 50:
        return True
    if _UNIT.match(lines[i]) or _ADDRESS.match(lines[i]):  # near an address line: the letterhead's block
        near = lines[max(0, i - 3):i + 4]
        if len(lines[i].strip()) < 60 and sum(bool(_STRONG.match(x)) for x in near) >= 1:
            return True
    return _in_letterhead_paragraph(lines, i)


def _in_letterhead_paragraph(lines: list[str], i: int) -> bool:
    """An address or unit line is letterhead where it stands in a short paragraph of such lines (the
    ministry's name may wrap: "Ministerie van Volksgezondheid,/Welzijn en Sport"), not in running text."""
    start = i
    while start and lines[start - 1].strip() and lines[start - 1] != PAGE:
        start -= 1
    end = i
    while end + 1 < len(lines) and lines[end + 1].strip() and lines[end + 1] != PAGE:
        end += 1
    para = lines[start:end + 1]
    if len(para) > 12 or any(len(x.strip()) > 70 for x in para):
        return False
    head = sum(1 for x in para if _is_letterhead_line(x) or _LABEL_ONLY.match(x))
    if _UNIT.match(lines[i]) and i == start:
        return True  # "Ministerie van Defensie" opening a short block; its name may wrap onto the next line
    return head * 2 >= len(para)


def _label_with_date(lines: list[str], i: int) -> bool:
    """'Datum' alone on a line, its date on the next."""
    if not re.match(r"^\s*Datum\s*:?\s*$", lines[i], re.I):
        return False
    nxt = next((x for x in lines[i + 1:i + 3] if x.strip()), "")
    return bool(re.match(r"^\s*\d{1,2}\s+[a-z]+\s+\d{4}\s*$", nxt))


def _value_end(lines: list[str], i: int) -> int:
    """The index after a side-column label's value: at most two short lines under it (more where a line
    ends in "/" or "-": a reference the column wrapped), one blank line allowed between label and value."""
    j = i + 1
    if j < len(lines) and not lines[j].strip() and lines[j] != PAGE:
        j += 1
    taken = 0
    while j < len(lines) and lines[j].strip() and lines[j] != PAGE:
        line = lines[j].strip()
        if (_LABEL_ONLY.match(line) or _STOCK_START.match(line) or _BODY_START.match(line) or len(line) > 45
                or _SENTENCE.search(line)):
            break
        if taken >= 2 and not lines[j - 1].rstrip().endswith(("/", "-")):
            break
        taken += 1
        j += 1
    return j


def _stock_end(lines: list[str], i: int) -> int:
    """The line after a stock sentence of the template (it may run over up to six lines)."""
    for j in range(i, min(i + 6, len(lines))):
        if lines[j] == PAGE:
            return j
        if _STOCK_END.search(lines[j]) and not _STOCK_START.match(lines[j + 1] if j + 1 < len(lines) else ""):
            return j + 1
    return i + 1


def _reference(values: list[str]) -> list[str]:
    value = ""
    for part in (x.strip() for x in values):
        if not part:
            continue
        value += part if not value or value.endswith(("/", "-")) else " " + part
    value = value.strip()
    if not value or re.fullmatch(r"\d{4}\s?Z\s?\d{5}", value):  # the zaak, not the ministry's own reference
        return []
    return [value]
