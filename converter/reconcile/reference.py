"""The reference lists shipped in converter/data/: Tweede Kamer members, their seats and parliamentary groups
(tk/), cabinet posts (kabinet/), ministries over time and the portfolios of ministers without a ministry of
their own (tooi/)."""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .names import name_key

DATA = Path(__file__).resolve().parent.parent / "data"
TK_DIR = DATA / "tk"
TOOI_DIR = DATA / "tooi"
CABINET_DIR = DATA / "kabinet"
TK_API = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"
REFERENCE_ENV = "KAMERVRAGEN_REFERENCE_LISTS"  # a folder of lists written by `fetch --reference-lists`


def tk_dir() -> Path:
    """The members' and groups' lists in use: the folder KAMERVRAGEN_REFERENCE_LISTS names, else the shipped."""
    chosen = os.environ.get(REFERENCE_ENV)
    return Path(chosen) if chosen else TK_DIR
TOOI_ID = "https://identifier.overheid.nl/tooi/id/ministerie/"
# a seat known only from the roll-call votes a member cast (GezienVan/GezienTot) is taken to cover the days
# around them: the source's votes leave gaps of up to fourteen months (none from December 2022 to February 2024)
SEEN_SLACK = dt.timedelta(days=430)


@dataclass(frozen=True)
class Seat:
    """A FractieZetelPersoon: the group, and the seat's days (Van, TotEnMet) or the days the source saw it."""

    group: str  # the Fractie Id
    begin: dt.date | None = None
    end: dt.date | None = None
    seen_from: dt.date | None = None
    seen_to: dt.date | None = None

    def covers(self, day: dt.date) -> bool:
        if self.begin or self.end:
            return (self.begin is None or self.begin <= day) and (self.end is None or day <= self.end)
        if self.seen_from and self.seen_to:
            return self.seen_from - SEEN_SLACK <= day <= self.seen_to + SEEN_SLACK
        return True


@dataclass(frozen=True)
class Member:
    """A Persoon of the Tweede Kamer API, with their seats."""

    id: str
    first_name: str
    prefix: str  # tussenvoegsel
    surname: str
    initials: str = ""
    seats: tuple[Seat, ...] = ()

    @property
    def display(self) -> str:
        return " ".join(p for p in (self.first_name, self.prefix, self.surname) if p)

    def sits_on(self, day: dt.date | None) -> bool:
        """Whether a seat covers the day; a member without seats in the list says nothing, so counts."""
        return day is None or not self.seats or any(s.covers(day) for s in self.seats)


@dataclass(frozen=True)
class Group:
    """A Fractie: its Id, abbreviation, full name, days, and the groups it succeeded (dcterms:replaces)."""

    id: str
    abbreviation: str
    name: str
    begin: dt.date | None = None
    end: dt.date | None = None
    replaces: tuple[str, ...] = ()


@dataclass(frozen=True)
class Post:
    """A cabinet post held: the person (their Persoon Id where the Kamer knows them), the office and its days."""

    person_id: str
    first_name: str
    prefix: str
    surname: str
    office: str  # Minister van Defensie
    ministry: str  # TOOI code
    begin: dt.date | None
    end: dt.date | None

    @property
    def display(self) -> str:
        return " ".join(p for p in (self.first_name, self.prefix, self.surname) if p)

    @property
    def role(self) -> str:
        return self.office.split(" ", 1)[0]

    def held_on(self, day: dt.date | None) -> bool:
        return day is None or ((self.begin is None or self.begin <= day) and (self.end is None or day <= self.end))


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


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text[:10]) if text else None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def members(folder: Path | None = None) -> tuple[Member, ...]:
    """Every member in personen.csv with their seats from fractiezetelpersonen.csv."""
    return _members(folder or tk_dir())


@cache
def _members(folder: Path) -> tuple[Member, ...]:
    seats: dict[str, list[Seat]] = {}
    for row in _rows(folder / "fractiezetelpersonen.csv"):
        seats.setdefault(row["Persoon_Id"], []).append(Seat(
            group=row["Fractie_Id"], begin=_date(row.get("Van")), end=_date(row.get("TotEnMet")),
            seen_from=_date(row.get("GezienVan")), seen_to=_date(row.get("GezienTot"))))
    return tuple(Member(id=r["Id"], first_name=r["Roepnaam"], prefix=r["Tussenvoegsel"], surname=r["Achternaam"],
                        initials=r["Initialen"], seats=tuple(seats.get(r["Id"], ())))
                 for r in _rows(folder / "personen.csv"))


def group_list(folder: Path | None = None) -> dict[str, Group]:
    """Each Fractie by Id, with the groups it succeeded (fractie-opvolging.csv)."""
    return _group_list(folder or tk_dir())


@cache
def _group_list(folder: Path) -> dict[str, Group]:
    succession: dict[str, list[str]] = {}
    for r in _rows(folder / "fractie-opvolging.csv"):
        succession.setdefault(r["Opvolger_Id"], []).append(r["Fractie_Id"])
    return {r["Id"]: Group(id=r["Id"], abbreviation=r["Afkorting"], name=r["NaamNL"], begin=_date(r["DatumActief"]),
                           end=_date(r["DatumInactief"]), replaces=tuple(sorted(succession.get(r["Id"], ()))))
            for r in _rows(folder / "fracties.csv")}


def groups(folder: Path | None = None) -> dict[str, Group]:
    """Each Fractie by the key of its abbreviation, its full name and the other names letters use for it
    (fractie-namen.csv: 'NSC', 'GL-PvdA')."""
    return _groups(folder or tk_dir())


@cache
def _groups(folder: Path) -> dict[str, Group]:
    by_id = group_list(folder)
    found: dict[str, Group] = {}
    for group in by_id.values():
        for label in (group.name, group.abbreviation):
            found.setdefault(name_key(label), group)
    for r in _rows(folder / "fractie-namen.csv"):
        if r["Fractie_Id"] in by_id:
            found.setdefault(name_key(r["Naam"]), by_id[r["Fractie_Id"]])
    return found


@cache
def posts(folder: Path = CABINET_DIR) -> tuple[Post, ...]:
    """Every cabinet post in bewindspersonen.csv."""
    return tuple(Post(person_id=r["Persoon_Id"], first_name=r["Roepnaam"], prefix=r["Tussenvoegsel"],
                      surname=r["Achternaam"], office=r["Functie"], ministry=r["Ministerie"], begin=_date(r["Van"]),
                      end=_date(r["TotEnMet"]))
                 for r in _rows(folder / "bewindspersonen.csv"))


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
