"""The reference lists shipped in converter/data/: Tweede Kamer members and their parliamentary groups (tk/),
ministries over time and the portfolios of ministers without a ministry of their own (tooi/)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .names import name_key

DATA = Path(__file__).resolve().parent.parent / "data"
TK_DIR = DATA / "tk"
TOOI_DIR = DATA / "tooi"
TK_API = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
TOOI_ID = "https://identifier.overheid.nl/tooi/id/ministerie/"


@dataclass(frozen=True)
class Member:
    """A Persoon of the Tweede Kamer API, with the groups (Fractie abbreviations) and days of their seats."""

    id: str
    first_name: str
    prefix: str  # tussenvoegsel
    surname: str
    initials: str = ""
    seats: tuple[tuple[str, dt.date | None, dt.date | None], ...] = ()  # (group, from, until)

    @property
    def display(self) -> str:
        return " ".join(p for p in (self.first_name, self.prefix, self.surname) if p)

    def sits_on(self, day: dt.date | None) -> bool:
        """Whether a seat covers the day; a seat without days (a snapshot) says nothing, so counts."""
        dated = [s for s in self.seats if s[1] or s[2]]
        if day is None or not dated:
            return True
        return any((s[1] is None or s[1] <= day) and (s[2] is None or day <= s[2]) for s in dated)


@dataclass(frozen=True)
class Group:
    """A Fractie: its Id (where the list has it), abbreviation and full name."""

    id: str
    abbreviation: str
    name: str


@dataclass(frozen=True)
class MinistryName:
    """One name a ministry bore (TOOI), with the ministry's code and the days of the name."""

    code: str  # mnre1045
    name: str  # Economische Zaken en Klimaat
    begin: dt.date | None
    end: dt.date | None

    @property
    def iri(self) -> str:
        return TOOI_ID + self.code


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def members(folder: Path = TK_DIR) -> tuple[Member, ...]:
    """Every member in personen.csv with their seats from fractiezetelpersonen.csv."""
    seats: dict[str, list[tuple[str, dt.date | None, dt.date | None]]] = {}
    for row in _rows(folder / "fractiezetelpersonen.csv"):
        seats.setdefault(row["Persoon_Id"], []).append((row["Fractie"], _date(row["Van"]), _date(row["TotEnMet"])))
    return tuple(Member(id=r["Id"], first_name=r["Roepnaam"], prefix=r["Tussenvoegsel"], surname=r["Achternaam"],
                        initials=r["Initialen"], seats=tuple(seats.get(r["Id"], ())))
                 for r in _rows(folder / "personen.csv"))


@cache
def groups(folder: Path = TK_DIR) -> dict[str, Group]:
    """Each Fractie by the key of its abbreviation and of its full name."""
    found: dict[str, Group] = {}
    for r in _rows(folder / "fracties.csv"):
        group = Group(id=r["Id"], abbreviation=r["Afkorting"], name=r["NaamNL"])
        for label in (r["NaamNL"], r["Afkorting"]):
            found.setdefault(name_key(label), group)
    return found


@cache
def ministry_names(folder: Path = TOOI_DIR) -> tuple[MinistryName, ...]:
    """Every name in the TOOI list, current and historic."""
    return tuple(MinistryName(code=r["Ministerie"], name=r["NaamExclSoort"], begin=_date(r["Begindatum"]),
                              end=_date(r["Einddatum"]))
                 for r in _rows(folder / "ministeries-6.csv"))


@cache
def portfolios(folder: Path = TOOI_DIR) -> dict[str, tuple[str, str]]:
    """'Minister voor …' portfolios by key: (portfolio as spelled officially, ministry code)."""
    return {name_key(r["Portefeuille"]): (r["Portefeuille"], r["Ministerie"])
            for r in _rows(folder / "portefeuilles.csv")}
