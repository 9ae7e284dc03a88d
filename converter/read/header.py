"""The letter's metadata from its header text: identifiers, dates, askers, offices, signatories."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from ..model import Office, Party, Person, Signature

_MONTH_NAMES = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                "oktober", "november", "december")
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
DATE = r"(\d{1,2})\s*(" + "|".join(MONTHS) + r")\s*(\d{4})"
_TITLES = r"(?:[Mm]inister-[Pp]resident|[Mm]inisters?|[Ss]taats?secretaris(?:sen)?)"
_PAREN = re.compile(r"\(([^()]*)\)")


def parse_date(text: str) -> dt.date | None:
    """'9 juli 2025' -> date(2025, 7, 9); None where there is no such date."""
    m = re.search(DATE, text, flags=re.I)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None


@dataclass
class Header:
    """What the header says; fields stay empty where it does not say it."""

    zaak: str | None = None
    aanhangsel: str | None = None
    title: str | None = None
    submitted: dt.date | None = None
    issued: dt.date | None = None
    askers: list[Person] = field(default_factory=list)
    addressed_to: list[Office] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    on_behalf_of: list[Office] = field(default_factory=list)
    delay_reference: str | None = None
    answer: bool = False
    delay: bool = False


# Ministries as the Tweede Kamer's answer headings name them in brackets: "Minister Keijzer (Volkshuisvesting en
# Ruimtelijke Ordening)". A minister whose bracket names no ministry holds a portfolio: "Minister voor ...".
MINISTRIES = {
    "algemene zaken", "binnenlandse zaken en koninkrijksrelaties", "buitenlandse zaken", "defensie",
    "economische zaken", "economische zaken en klimaat", "financien", "infrastructuur en waterstaat",
    "justitie en veiligheid", "landbouw, natuur en voedselkwaliteit",
    "landbouw, visserij, voedselzekerheid en natuur", "onderwijs, cultuur en wetenschap",
    "sociale zaken en werkgelegenheid", "volksgezondheid, welzijn en sport", "asiel en migratie",
    "volkshuisvesting en ruimtelijke ordening", "klimaat en groene groei", "veiligheid en justitie",
    "infrastructuur en milieu", "economische zaken, landbouw en innovatie",
}


def office_preposition(title: str, ministry: str) -> str:
    """'van' for a ministry ('Minister van Defensie'), 'voor' for a minister's portfolio."""
    key = ministry_key(ministry)
    if not title.lower().startswith("minister") or key.split(" – ")[0].split(" - ")[0] in MINISTRIES:
        return "van"
    return "voor"


_ZAAK = re.compile(r"(?<!\d)(\d{4})\s?Z\s?(\d{5})(?!\d)")  # also glued: "kenmerk2025Z14020" (PyPDF2)


def find_zaak(text: str) -> str | None:
    """The first zaak number in the text, written as the Kamer writes it ("2024Z 17972" -> "2024Z17972")."""
    m = _ZAAK.search(text)
    return f"{m.group(1)}Z{m.group(2)}" if m else None


def zaken_in(text: str) -> list[str]:
    """Every zaak number in the text, in order."""
    return [f"{m.group(1)}Z{m.group(2)}" for m in _ZAAK.finditer(text)]


def parse_header(text: str) -> Header:
    """Read the metadata out of the header text (lines joined by spaces)."""
    h = Header(zaak=find_zaak(text))
    m = re.search(r"^\s*AH\s*(\d+)\b", text)
    if m:
        h.aanhangsel = f"AH {m.group(1)}"
    m = re.search(r"ingezonden(?:\s+op)?\s*" + DATE, text, flags=re.I) or _SUBMITTED_ON.search(text)
    if m:
        h.submitted = parse_date(m.group(0))
    m = (re.search(r"ontvangen\s*" + DATE, text, flags=re.I) or re.search(r"\bDatum\s*:?\s+" + DATE, text)
         or re.search(r"(?:^|\s)(?:Den Haag|[’']s-Gravenhage),?\s+" + DATE, text))
    if m:
        h.issued = parse_date(m.group(0))
    if not h.submitted:
        h.submitted = _submitted_this_year(text, h.issued)
    m = re.search(r"Zie\s*ook\s*Aanhangsel\s*(?:van\s*de\s*)?Handelingen,?\s*"
                  r"vergaderjaar\s*(\d{4})\s*\W\s*(\d{4})\s*,?\s*(?:nr\.?|nummer)\s*(\d+)", text, flags=re.I)
    if m:
        h.delay_reference = f"ah-tk-{m.group(1)}{m.group(2)}-{m.group(3)}"
    _parse_questions_sentence(text, h)
    _parse_answer_sentence(text, h)
    return h


def _parse_questions_sentence(text: str, h: Header) -> None:
    m = re.search(r"(?:het\s+lid|de\s+leden)\s+(.+?)\s+(?:schriftelijke\s+)?vragen\s+gesteld\s+"
                  rf"aan\s+(?:de|het)\s+({_TITLES}\b.+?)\s*over\s*(.+?)(?:\.\s|$)", text)
    if m:
        _fill_questions(h, m)
        return
    found = list(_QUESTIONS_SENTENCE.finditer(text))
    if not found:
        return
    # the Betreft line may name the askers without party; the cover paragraph or the annex heading with it
    _fill_questions(h, max(found, key=lambda m: (m.group(1).count("("), -m.start())))


_END_OF_SENTENCE = (r"(?<!\bnr)(?<!\bjl)(?<!\bprof)(?<!\bdr)(?<!\bmr)(?<!\bdrs)(?<!\bir)(?<!\bart)(?<!\bca)"
                    r"(?<![\s.][A-Z])\.\s+(?=[A-Z])")
_QUESTIONS_SENTENCE = re.compile(
    r"(?:Vragen|vragen|Vraag)\s+(?:van|gesteld\s+door|die)\s+(?:het\s+(?:Kamer)?lid|de\s+(?:Kamer)?leden)\s+(.+?)\s*"
    rf"(?:\baan\s*(?:de|het)\s+({_TITLES}\b.+?)\s*)?"
    r"(?:op\s+\d{1,2}\s+[a-z]+\s+\d{4}\s+(?:heeft|hebben)\s+gesteld\s+)?"  # "die het lid X op <date> heeft gesteld"
    r"over\s*(.+?)"
    r"(?:\s*\(ingezonden|,?\s*ingezonden\s+(?:op\s+)?\d|,?\s+die\s+(?:op|u|zijn|werden)\b|\s*\.\s*Deze vragen|"
    r"\s+Geachte\b|\s+Datum\b|"
    r"\s*\((?:kenmerk\s+)?\d{4}\s?Z\s?\d{5}\b|\s+kunnen\s+niet\s+binnen|\s+worden\s+(?:hierbij\s+)?beantwoord|"
    rf"\s+zoals\s+aangegeven|\s*{_END_OF_SENTENCE}|\.?\s*$)")


def _fill_questions(h: Header, m: re.Match[str]) -> None:
    h.askers = parse_people(m.group(1))
    if m.group(2):
        h.addressed_to = parse_offices(m.group(2))
    title = m.group(3).strip().rstrip(".")
    h.title = title if len(title) < 500 else None


def parse_people(text: str) -> list[Person]:
    """'Tjeerd de Groot en Sneller (beiden D66)' -> two people of D66."""
    text = re.sub(r"\blid\s+", "", text)
    people: list[Person] = []
    waiting: list[str] = []
    pos = 0
    for m in list(_PAREN.finditer(text)) + [None]:
        chunk = text[pos:m.start()] if m else text[pos:]
        names = [n.strip(" ,") for n in re.split(r",|\s+en\s+", chunk) if n.strip(" ,")]
        waiting.extend(names)
        if m is None:
            break
        party = re.sub(r"^(?:beiden|allen|beide|alle drie|allebei)\s+", "", m.group(1).strip(), flags=re.I)
        people.extend(Person(n, Party(party) if party else None) for n in waiting)
        waiting = []
        pos = m.end()
    people.extend(Person(n) for n in waiting if re.search(r"[A-Z]", n))
    return people


def parse_offices(text: str) -> list[Office]:
    """'de Minister van A en de Staatssecretaris van B' / 'de Ministers van A en van B' -> offices."""
    text = re.sub(r"^(?:de|het)\s+", "", text.strip())
    parts = re.split(rf",\s*(?:de\s+|het\s+)?(?={_TITLES}(?:\b|[A-Z]))|"
                     rf"\s*\ben\s+(?:de\s+|het\s+)?(?={_TITLES}(?:\b|[A-Z]))", text)
    offices: list[str] = []
    for part in parts:
        m = re.match(r"^([Mm]inisters|[Ss]taats?secretarissen)\s*(.*)$", part)
        if m:
            title = m.group(1)[:-1] if m.group(1).lower() == "ministers" else m.group(1)[:-3]
            for sub in _split_ministries(m.group(2)):
                offices.append(f"{title} {sub if re.match(r'(?:van|voor)', sub) else 'van ' + sub}")
        else:
            offices.append(_tidy_office(part))
    # "de Minister en de Staatssecretaris van X": a bare title takes the ministry of the next office
    for i in range(len(offices) - 2, -1, -1):
        if re.fullmatch(_TITLES, offices[i]) and " " in offices[i + 1]:
            offices[i] += " " + offices[i + 1].split(" ", 1)[1]
    return [Office(o) for o in offices if o]


# "die op 3 februari 2025 werden ingezonden", "Op 24 juli 2025 heeft het lid ... vragen gesteld": a dated 'op'
# whose sentence goes on to say the questions were sent in or put (not "uw brief van ...": the Kamer's letter)
_SUBMITTED_ON = re.compile(r"\b[Oo]p\s+" + DATE + r"(?=[^.]{0,160}?\b(?:ingezonden|gesteld|ingediend)\b)", re.I)


def _submitted_this_year(text: str, issued: dt.date | None) -> dt.date | None:
    """'Op 6 november jl. hebben de leden ... vragen gesteld': the year is the letter's (or the one before)."""
    m = re.search(r"\b[Oo]p\s+(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(?:jl\.?|j\.l\.)", text)
    if not m or issued is None:
        return None
    month = MONTHS[m.group(2)]
    year = issued.year if month <= issued.month else issued.year - 1
    try:
        return dt.date(year, month, int(m.group(1)))
    except ValueError:
        return None


def _split_ministries(text: str) -> list[str]:
    """'van A en van B' -> ['van A', 'van B']; a lost space ('A enB') splits only between two ministries, so
    'Binnenlandse Zaken enKoninkrijksrelaties' stays one."""
    parts: list[str] = []
    for piece in re.split(r"\s*(?:,|\ben\b)\s*(?=van|voor)", text):
        glued = [p.strip() for p in re.split(r"\s*\ben(?=[A-Z])", piece)]
        if len(glued) > 1 and all(ministry_key(re.sub(r"^(?:van|voor)\s*", "", p)) in MINISTRIES for p in glued):
            parts.extend(glued)
        else:
            parts.append(piece.strip())
    return parts


def ministry_key(name: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()).strip()


def _tidy_office(text: str) -> str:
    text = re.sub(r",?\s*bij afwezigheid van\b.*$", "", text)  # "..., bij afwezigheid van de Minister"
    text = re.sub(r"\s+", " ", text).strip(" ,.")
    return text[:1].upper() + text[1:]


def _parse_answer_sentence(text: str, h: Header) -> None:
    m = re.search(r"\b(Antwoord|Mededeling)\s+van\s+(.+?)\s*\(ontvangen", text)
    if not m:
        return
    h.answer = m.group(1) == "Antwoord"
    h.delay = m.group(1) == "Mededeling"
    who = m.group(2)
    behalf = re.split(r",?\s+mede\s+namens\s+", who, maxsplit=1)
    if len(behalf) == 2:
        who = behalf[0]
        h.on_behalf_of = parse_offices(behalf[1])
    for part in re.split(r"\)\s*,?\s*(?:en\s+(?:antwoord\s+van\s+|van\s+)?)?", who):
        sm = re.match(rf"^\s*(?:de\s+)?({_TITLES})\s+(.+?)\s*\(\s*(.+?)\s*$", part + ")" if "(" in part else part)
        if not sm:
            continue
        title, name, ministry = sm.group(1), sm.group(2).strip(), sm.group(3).rstrip(")").strip()
        office = Office(f"{title[:1].upper()}{title[1:]} {office_preposition(title, ministry)} {ministry}")
        h.signatures.append(Signature(Person(name), office))
