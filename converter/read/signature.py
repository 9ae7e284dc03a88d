"""Who signed a ministry letter, and on whose behalf.

A signature block is an office on a paragraph of its own ("DE MINISTER VAN DEFENSIE", "de minister van
Volksgezondheid,/Welzijn en Sport,", "De Staatssecretaris van Financiën – Fiscaliteit,"), then the name on a
line of its own ("F.M. de Vries", "drs. A.B. Hermans"); one to three of them, after "Hoogachtend," or without
it, under the cover letter or after the last answer. "Mede namens de minister van ..." above an office names
an office the letter is sent on behalf of, not a signatory."""

from __future__ import annotations

import re

from ..model import Office, Person, Signature
from .header import MINISTRIES, ministry_key, parse_offices
from .page import PAGE

_TITLE = r"(?:minister-president|minister|staatssecretaris)"
_OFFICE = re.compile(rf"^(?:de\s+|het\s+)?({_TITLE})\b(?:\s+(van|voor)\s+(\S.*?))?\s*,?$", re.I)
_BEHALF_LINE = re.compile(r"^\s*mede\s+namens\s+(.+?)\s*,?\s*$", re.I)
_NAMENS_DEZE = re.compile(r"^\s*namens\s+deze\b", re.I)
_ACADEMIC = r"(?:(?:drs|mr|dr|ir|prof|ing|bc|ds|jhr|mw|dhr)\.?\s+)*"
_NAME = re.compile(rf"^{_ACADEMIC}[A-ZÀ-Ý][\w.'’-]*(?:\s+[\w.'’-]+){{0,5}}$")
_NOT_A_NAME = re.compile(r"^(?:Ministerie|Directoraat|Directie|Postbus|Bezoekadres|Datum|Kenmerk|Bijlage|Vraag|"
                         r"Antwoord|Hoogachtend|Met\b|Pagina|Geachte|Aan\b|De\s+Voorzitter|Mede\b)", re.I)
_SMALL_WORDS = {"van", "voor", "en", "de", "het", "der"}
_SIGN_OFF = re.compile(r"^\s*(?:Hoogachtend|Met (?:de meeste )?(?:vriendelijke )?groet(?:en)?|"
                       r"Met de meeste hoogachting)\s*,?\s*$", re.I)


def is_sign_off(line: str) -> bool:
    return bool(_SIGN_OFF.match(line))


_QUICK = re.compile(rf"^\s*(?:de\s+|het\s+|mede\s+namens\b|{_TITLE})", re.I)


def signature_at(lines: list[str], i: int) -> tuple[int, list[Signature], list[Office]] | None:
    """The signature block that starts at line i: (the index after it, the signatures, the offices signed
    on behalf of), or None where no block starts there. A block starts on a paragraph's first line."""
    if not _QUICK.match(lines[i]) or i and lines[i - 1].strip() and lines[i - 1] != PAGE \
            and not is_sign_off(lines[i - 1]) and not _after_sentence_in_capitals(lines, i):
        return None
    signatures: list[Signature] = []
    behalf: list[Office] = []
    j = i
    while j < len(lines):
        j = _skip_blank(lines, j)
        m = _BEHALF_LINE.match(lines[j]) if j < len(lines) else None
        if m and len(lines[j]) < 120:
            behalf.extend(parse_offices(m.group(1)))
            j += 1
            continue
        found = _office_then_name(lines, j)
        if found is None:
            break
        j, signed = found
        signatures.extend(signed)
    if not signatures:
        return None
    return j, signatures, behalf


def _after_sentence_in_capitals(lines: list[str], i: int) -> bool:
    """An office in capitals right after a sentence's end: a signature where the extraction kept no blank line
    (PyPDF2)."""
    return lines[i].strip().isupper() and re.search(r"[.:!?]\s*$", lines[i - 1]) is not None


def find_signatures(lines: list[str]) -> tuple[list[Signature], list[Office], set[int]]:
    """Every signature block of the letter, in order (a signed cover letter and an annex signed again give
    each signatory once), the offices signed on behalf of, and the indexes of the lines the blocks hold."""
    signatures: list[Signature] = []
    behalf: list[Office] = []
    held: set[int] = set()
    i = 0
    while i < len(lines):
        found = signature_at(lines, i) if lines[i].strip() and lines[i] != PAGE else None
        if found is None:
            i += 1
            continue
        end, more, offices = found
        held.update(range(i, end))
        i = end
        signatures.extend(s for s in more if s not in signatures)
        behalf.extend(o for o in offices if o not in behalf)
    return signatures, behalf, held


def _office_then_name(lines: list[str], j: int) -> tuple[int, list[Signature]] | None:
    """An office paragraph (one to three lines; a wrapped ministry name ends its lines with a comma or is in
    capitals) at j, then a name on a line of its own; two offices side by side on one line (a signature table
    read row by row) with their two names on the line under them."""
    if j >= len(lines):
        return None
    office_lines: list[str] = []
    k = j
    while k < len(lines) and lines[k].strip() and lines[k] != PAGE and len(office_lines) < 3:
        line = lines[k].strip()
        if office_lines and not _continues_office(office_lines[-1], line):
            break
        office_lines.append(line)
        k += 1
    offices = _side_by_side(office_lines[0]) if len(office_lines) == 1 else []
    office_text = re.sub(r"\s+", " ", " ".join(office_lines)).strip()
    matches = [m for m in (_OFFICE.match(o) for o in offices) if m] if offices else [_OFFICE.match(office_text)]
    if not all(matches) or len(office_text) > 130 * len(matches):
        return None
    k = _skip_blank(lines, k)
    if k >= len(lines) or _NAMENS_DEZE.match(lines[k]):  # "namens deze, de directeur-generaal ...": no minister
        return None
    names = _names(lines[k], len(matches))
    if not names:
        return None
    after = lines[k + 1] if k + 1 < len(lines) else ""
    if after.strip() and after != PAGE and not _OFFICE.match(after.strip()) and not _is_name_tail(after):
        return None
    return k + 1, [Signature(Person(_tidy_name(n)), Office(_office_name(m)))  # type: ignore[arg-type]
                   for n, m in zip(names, matches, strict=True)]


_SECOND_TITLE = re.compile(rf"\s+(?=(?:de\s+|het\s+)?{_TITLE}\b)", re.I)


def _side_by_side(line: str) -> list[str]:
    """'DE MINISTER VAN DEFENSIE    DE STAATSSECRETARIS VAN DEFENSIE' -> the two offices; [] for one."""
    parts = [p for p in re.split(r"\s{2,}|\t", line) if p.strip()]
    if len(parts) == 2 and all(_OFFICE.match(p.strip()) for p in parts):
        return [p.strip() for p in parts]
    cuts = [m.end() for m in _SECOND_TITLE.finditer(line) if m.start() > 0]
    cuts = [c for c in cuts if re.match(r"(?:de|het)\s", line[c:], re.I)]  # a new office starts with its article
    if len(cuts) == 1:
        parts = [line[:cuts[0]].strip(" ,"), line[cuts[0]:].strip(" ,")]
        if all(_OFFICE.match(p) for p in parts):
            return parts
    return []


def _names(line: str, n: int) -> list[str]:
    """The n names on a signature's name line: one name, or two set apart by spaces, or two told apart by
    their initials ('R. Brekelmans G. Tuinman'), or four words halved."""
    if n == 1:
        return [line] if _is_name(line) else []
    parts = [p.strip() for p in re.split(r"\s{2,}|\t", line.strip()) if p.strip()]
    if len(parts) != n:
        parts = [p.strip() for p in re.split(r"\s+(?=(?:[A-Z]\.)+\s?[A-Z])", line.strip())]
    if len(parts) != n:
        words = line.split()
        parts = [" ".join(words[:2]), " ".join(words[2:])] if len(words) == 4 and n == 2 else []
    return parts if len(parts) == n and all(_is_name(p) for p in parts) else []


def _continues_office(previous: str, line: str) -> bool:
    if previous.endswith(",") and _completes_ministry(previous, line):
        return True
    if _OFFICE.match(line) or _is_name(line) and not line.isupper():
        return previous.endswith(",") and line.endswith(",") or previous.isupper() and line.isupper()
    return (previous.endswith((",", " -", " –")) or previous.isupper() and line.isupper()
            or previous.endswith((" en", " van")))


def _completes_ministry(previous: str, line: str) -> bool:
    """'de minister van Volksgezondheid,' + 'Welzijn en Sport': the line ends a ministry's name."""
    m = _OFFICE.match(previous)
    if not m or not m.group(3):
        return False
    return ministry_key(f"{m.group(3)} {line}".rstrip(" ,")) in MINISTRIES


def _is_name(line: str) -> bool:
    text = line.strip()
    if not text or len(text) > 60 or text.endswith(",") or re.search(r"\d", text) or _NOT_A_NAME.match(text):
        return False
    if _OFFICE.match(text):
        return False
    return bool(_NAME.match(text))


def _is_name_tail(line: str) -> bool:
    """What may follow a name directly: the letterhead, nothing that reads as a sentence."""
    return not re.search(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", line)


def _tidy_name(line: str) -> str:
    """The name without academic titles ('drs. A.B. Hermans' -> 'A.B. Hermans')."""
    return re.sub(rf"^{_ACADEMIC}", "", re.sub(r"\s+", " ", line).strip(), flags=re.I) or line.strip()


def _office_name(m: re.Match[str]) -> str:
    title, preposition, ministry = m.group(1), m.group(2), m.group(3)
    text = re.sub(r"\s+", " ", f"{title} {preposition} {ministry.rstrip(' ,.')}" if ministry else title)
    if text.isupper():
        return _title_case(text)
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _skip_blank(lines: list[str], j: int) -> int:
    while j < len(lines) and (not lines[j].strip() or lines[j] == PAGE):
        j += 1
    return j


def on_behalf_in(text: str) -> list[Office]:
    """'..., mede namens de staatssecretaris van Jeugd, Preventie en Sport, de antwoorden ...' -> the offices."""
    m = re.search(rf"mede\s*namens\s+(?:de|het)\s+({_TITLE}\b.+?)"
                  r"(?:,?\s+(?:de\s*|het\s*)?(?:antwoord|beantwoord|bied|zend|stuur|aan\b|op\s+(?:de\s+)?vragen|"
                  r"over\b|gesteld|(?:schriftelijke\s+)?vragen\b)|\)|\.(?:\s|$)|$)", text, flags=re.I)
    if not m:
        return []
    return parse_offices(m.group(1).rstrip(" ,"))
