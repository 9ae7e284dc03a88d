"""Official publications cited in a text -> their identifiers on officielebekendmakingen.nl.

Kamerstukken (`kst-36410-IV-15`), the Aanhangsel van de Handelingen (`ah-tk-20232024-2147`), the Handelingen
(`h-tk-20232024-45-12`), the Staatsblad (`stb-2024-153`) and the Staatscourant (`stcrt-2024-5678`), in the
spellings real letters use: missing or glued spaces, `/`, `–` or `-` in the parliamentary year, `II` present or
not, `van de` present or not, several references in one footnote. A reference whose identifier needs a year the
text does not give is returned as unresolved, never completed by a guess."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# --- the pieces every pattern shares -----------------------------------------------------------------------

_DASH = "\u2013\u2014\u2010\u2011-"
_MONTH = ("(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
          "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)")
_YEAR = rf"(?P<y1>(?:19|20)\d\d)\s?[/{_DASH}]\s?(?P<y2>(?:19|20)?\d\d)(?!\d)"  # 2023/24, 2023–2024, 1985/86
_YEAR_OF = rf"(?:\s?,?\s?(?:vergaderjaar|vj\.?)?\s?{_YEAR})"
_NR = r"nrs?\.?\s?"
# "679, nr. 684 en 685"; never the day of a date that follows ("nr. 1031, 5 november 2024")
_MORE = rf"(?:\s?,\s?(?:{_NR})?|\s(?:en|&)\s(?:{_NR})?)\d+(?![\d/])(?!\s\d)(?!\s?{_MONTH}\b)"
_NUMBERS = rf"(?P<nrs>\d+(?:{_MORE})*)"
_CHAMBER = r"(?:\s?(?P<ch>II|ll|I|l|TK|EK)\b)?"
_DOSSIER = r"(?P<dossier>\d{2}\s?\d{3})(?!\d)"
_PART = rf"(?:\s?[{_DASH}]\s?(?P<sub>\d{{1,3}})(?![\d{_DASH}])|\s(?-i:(?P<roman>[IVXLC]+|[A-Z])(?!\w)))?"
_EK_LETTER = r"(?-i:(?P<letter>[A-Z]{1,2})(?!\w))"


@dataclass(frozen=True)
class Publication:
    """An official publication: its identifier on officielebekendmakingen and what kind it is."""

    kind: str  # "kst" Kamerstuk, "ah" Aanhangsel, "h" Handelingen, "stb" Staatsblad, "stcrt" Staatscourant
    identifier: str
    start: int  # where the citation stands in the text searched
    end: int

    @property
    def url(self) -> str:
        """The publication's page: https://zoek.officielebekendmakingen.nl/<id>."""
        return f"https://zoek.officielebekendmakingen.nl/{self.identifier}"


@dataclass(frozen=True)
class Unresolved:
    """A citation of an official publication whose identifier cannot be built (the year is missing)."""

    text: str  # the citation as written
    start: int
    end: int


def _year(m: re.Match[str]) -> str | None:
    """'2023/24' -> '20232024'; None where the second year does not follow the first."""
    y1, y2 = m["y1"], m["y2"]
    if len(y2) == 2:
        y2 = y1[:2] + y2
    return f"{y1}{y2}" if int(y2) == int(y1) + 1 else None


def _chamber(code: str | None) -> str:
    return "ek" if code and code.upper() in ("I", "L", "EK") else "tk"


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


# --- the patterns, tried in this order; a later one never matches inside an earlier one's span -----------

_AH_PREFIX = (r"(?:Aanhang-?sel\s?(?:van\s?de\s?|vande\s?|bij\s?de\s?)?Handelingen|Aanh\.\s?Hand\.|"
              r"Kamervragen\s?\(Aanhang-?sel\))")
_AANHANGSEL = re.compile(rf"{_AH_PREFIX}{_CHAMBER}(?:{_YEAR_OF})?\s?,?\s?(?:{_NR})?{_NUMBERS}", re.I)
# "Handelingen II 2023/24, Aanhangsel van de Handelingen, nr. 1045", "Kamerstukken II, 2023–2024, AvdH 721"
_AANHANGSEL_AFTER_YEAR = re.compile(
    rf"(?:Handelingen|Kamerstukken){_CHAMBER}{_YEAR_OF},?\s?(?:Aanhangsel[^,]{{0,30}},\s?{_NR}|AvdH\s?)"
    rf"{_NUMBERS}", re.I)
_AH_ID = re.compile(
    rf"\bah-(?P<ch>tk|ek)-(?:{_YEAR}|(?P<y>(?:19|20)\d\d(?:19|20)\d\d))(?:,?\s?{_NR}|[{_DASH}])(?P<nrs>\d+)", re.I)
_HANDELINGEN = re.compile(
    rf"Handelingen{_CHAMBER}{_YEAR_OF}?,?\s?{_NR}(?P<nr>\d+)(?:,?\s?item\s?(?P<item>\d+))?", re.I)
_KST_PREFIX = r"(?:Kamerstuk(?:ken)?|Tweede\s?Kamer|Eerste\s?Kamer|\bTK|\bEK)"
_KAMERSTUK = re.compile(
    rf"(?P<pre>{_KST_PREFIX}){_CHAMBER}(?:{_YEAR_OF})?,?\s?{_DOSSIER}{_PART}"
    rf"(?:\s?,?\s?{_NR}{_NUMBERS}|,\s?{_EK_LETTER})", re.I)
# a chamber and year before a dossier, as a second reference after ';': "...; I 2022/23, 36 021, B"
_KAMERSTUK_CHAMBER = re.compile(
    rf"(?<=;\s)(?-i:(?P<ch>II|I))\s?{_YEAR_OF},?\s?{_DOSSIER}{_PART}(?:\s?,?\s?{_NR}{_NUMBERS}|,\s?{_EK_LETTER})")
# a dossier and number without a word before them: "(36 200 XIV, nr. 126)", "21 501-20, nr. 2019"
_KAMERSTUK_BARE = re.compile(rf"(?<![\w/.,{_DASH}])(?<!\d\s){_DOSSIER}{_PART}\s?,?\s?{_NR}{_NUMBERS}", re.I)
_KAMERSTUK_GLUED = re.compile(r"Kamerstuk(?:ken)?\s?(?P<dossier>\d{5})-(?P<sub>\d{1,3})-(?P<nrs>\d+)\b", re.I)
_GAZETTE = re.compile(
    r"\b(?P<kind>Stb|Stcrt|Staatsblad|Staatscourant)\.?\s?(?P<year>(?:19|20)\d\d)\s?,?\s?(?:nr\.?\s?)?(?P<nr>\d+)"
    r"(?!\d)", re.I)
_OB_URL = re.compile(
    r"officielebekendmakingen\.nl/(?:[a-z-]+/)*(?P<id>(?:kst|ah|h|stb|stcrt|blg)-[A-Za-z0-9-]*[A-Za-z0-9])", re.I)
_GLUE = re.compile(r"([a-z])- ([a-z])")  # a word a line break hyphenated: "verga- derjaar"

Hit = Publication | Unresolved


def _kamerstuk(m: re.Match[str]) -> list[Hit]:
    groups = m.groupdict()
    dossier = m["dossier"].replace(" ", "")
    part = groups.get("sub") or groups.get("roman")
    stem = "-".join(p for p in ("kst", dossier, part) if p)
    if groups.get("letter"):
        pre, chamber = (groups.get("pre") or "").lower(), groups.get("ch") or ""
        if not (pre.startswith(("eerste", "ek")) or chamber.upper() in ("I", "L", "EK")):
            return []  # a lone letter after a dossier is an Eerste Kamer paper; elsewhere it is no citation
        return [Publication("kst", f"{stem}-{m['letter']}", m.start(), m.end())]
    return [Publication("kst", f"{stem}-{nr}", m.start(), m.end()) for nr in _numbers(m["nrs"])]


def _kamerstuk_glued(m: re.Match[str]) -> list[Hit]:
    return [Publication("kst", f"kst-{m['dossier']}-{m['sub']}-{m['nrs']}", m.start(), m.end())]


def _aanhangsel(m: re.Match[str]) -> list[Hit]:
    groups = m.groupdict()
    year = groups.get("y") or (_year(m) if m["y1"] else None)
    if year is None:
        return [Unresolved(m.group(0), m.start(), m.end())]
    return [Publication("ah", f"ah-{_chamber(m['ch'])}-{year}-{nr}", m.start(), m.end()) for nr in _numbers(m["nrs"])]


def _handelingen(m: re.Match[str]) -> list[Hit]:
    year = _year(m) if m["y1"] else None
    if year is None:
        return [Unresolved(m.group(0), m.start(), m.end())]
    item = f"-{m['item']}" if m["item"] else ""
    return [Publication("h", f"h-{_chamber(m['ch'])}-{year}-{m['nr']}{item}", m.start(), m.end())]


def _gazette(m: re.Match[str]) -> list[Hit]:
    kind = "stb" if m["kind"].lower().startswith(("stb", "staatsb")) else "stcrt"
    return [Publication(kind, f"{kind}-{m['year']}-{m['nr']}", m.start(), m.end())]


def _link(m: re.Match[str]) -> list[Hit]:
    identifier = m["id"]
    return [Publication(identifier.split("-", 1)[0].lower(), identifier, m.start(), m.end())]


# Each step with the words (in lower case) its pattern cannot match without: a text holding none is not scanned,
# which keeps the answers that cite nothing (most of them) cheap.
_STEPS: tuple[tuple[tuple[str, ...], re.Pattern[str], Callable[[re.Match[str]], list[Hit]]], ...] = (
    (("officielebekendmakingen",), _OB_URL, _link),
    (("ah-",), _AH_ID, _aanhangsel),
    (("aanhang", "avdh"), _AANHANGSEL_AFTER_YEAR, _aanhangsel),
    (("aanh",), _AANHANGSEL, _aanhangsel),
    (("handelingen",), _HANDELINGEN, _handelingen),
    (("stb", "stcrt", "staats"), _GAZETTE, _gazette),
    (("kamerstuk",), _KAMERSTUK_GLUED, _kamerstuk_glued),
    (("kamer", "tk", "ek"), _KAMERSTUK, _kamerstuk),
    ((";",), _KAMERSTUK_CHAMBER, _kamerstuk),
    (("nr",), _KAMERSTUK_BARE, _kamerstuk),
)


def find_publications(text: str) -> tuple[list[Publication], list[Unresolved]]:
    """Every official publication a text cites, in the order they stand, each identifier once; and the
    citations whose identifier cannot be built."""
    if "- " in text:
        text = _GLUE.sub(r"\1\2", text)
    lower = text.lower()
    taken: list[tuple[int, int]] = []
    hits: list[Hit] = []
    for words, pattern, make in _STEPS:
        if not any(w in lower for w in words):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            made = make(m)
            if made:
                taken.append((m.start(), m.end()))
                hits += made
    hits.sort(key=lambda h: h.start)
    seen: set[str] = set()
    found = []
    for h in hits:
        if isinstance(h, Publication) and h.identifier not in seen:
            seen.add(h.identifier)
            found.append(h)
    return found, [h for h in hits if isinstance(h, Unresolved)]
