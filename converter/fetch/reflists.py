"""`kamervragen fetch --reference-lists DIR`: the Tweede Kamer API's own Persoon, Fractie and
FractieZetelPersoon lists, page after page, trimmed to the CSV files converter/reconcile reads (the shape of
converter/data/tk/) and written only once every list has been read."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..publish import write_atomic
from ..reconcile.reference import TK_DIR
from .cache import Cache
from .fields import Fields, RowError
from .tk import rows

_LIVE = "Verwijderd eq false"
CURATED = ("fractie-namen.csv", "fractie-opvolging.csv")  # kept beside the API's lists: not in the API


@dataclass(frozen=True)
class Lists:
    """The three lists as CSV bytes, and one sentence per row that could not be used."""

    files: dict[str, bytes]
    problems: tuple[str, ...]


def _url(api: str, entity: str, expand: str | None = None) -> str:
    params = {"$filter": _LIVE, **({"$expand": expand} if expand else {}), "$orderby": "Id"}
    return f"{api}{entity}?" + "&".join(f"{k}={quote(v, safe='(),$=')}" for k, v in params.items())


def _csv(header: list[str], rows_: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(sorted(rows_))
    return out.getvalue().encode("utf-8")


def _day(f: Fields, key: str) -> str:
    day = f.day(key)
    return day.isoformat() if day else ""


def _person(f: Fields) -> list[str]:
    surname = f.text("Achternaam")
    if not surname:
        raise RowError(f"{f.where}: no Achternaam (a person needs a surname)")
    return [f.guid("Id", required=True) or "", f.text("Roepnaam") or "", f.text("Initialen") or "",
            f.text("Tussenvoegsel") or "", surname, f.text("Functie") or "", "api"]


def _group(f: Fields) -> list[str]:
    abbreviation = f.text("Afkorting") or f.text("NaamNL")
    if not abbreviation:
        raise RowError(f"{f.where}: no Afkorting or NaamNL (a group needs a name)")
    return [f.guid("Id", required=True) or "", abbreviation, f.text("NaamNL") or abbreviation,
            _day(f, "DatumActief"), _day(f, "DatumInactief")]


def _seat(f: Fields) -> list[str]:
    zetel = f.object("FractieZetel")
    group = (zetel.guid("Fractie_Id") if zetel else None)
    if not group:
        raise RowError(f"{f.where}: no FractieZetel with a Fractie_Id (was $expand=FractieZetel ignored?)")
    return [f.guid("Persoon_Id", required=True) or "", group, _day(f, "Van"), _day(f, "TotEnMet"), "", ""]


def _read(cache: Cache, api: str, entity: str, parse: Callable[[Fields], list[str]],
          problems: list[str], expand: str | None = None) -> list[list[str]]:
    found = []
    for where, row in rows(cache, _url(api, entity, expand), api):
        try:
            found.append(parse(Fields(row, f"{entity} {where}")))
        except RowError as exc:
            problems.append(f"{exc}; skipped")
    return found


def read_lists(cache: Cache, api: str) -> Lists:
    """Every live Persoon, Fractie and FractieZetelPersoon; FetchError when a list cannot be had at all."""
    problems: list[str] = []
    people = _read(cache, api, "Persoon", _person, problems)
    groups = _read(cache, api, "Fractie", _group, problems)
    seats = _read(cache, api, "FractieZetelPersoon", _seat, problems, expand="FractieZetel")
    return Lists(files={
        "personen.csv": _csv(["Id", "Roepnaam", "Initialen", "Tussenvoegsel", "Achternaam", "Functie", "Bron"],
                             people),
        "fracties.csv": _csv(["Id", "Afkorting", "NaamNL", "DatumActief", "DatumInactief"], groups),
        "fractiezetelpersonen.csv": _csv(["Persoon_Id", "Fractie_Id", "Van", "TotEnMet", "GezienVan",
                                          "GezienTot"], seats),
    }, problems=tuple(problems))


def write_lists(lists: Lists, folder: Path) -> list[Path]:
    """Each list written atomically into folder (after all three were read: a failure leaves the old ones);
    the curated files of the shipped lists are put beside them where the folder has none."""
    written = []
    for name, data in lists.files.items():
        write_atomic(folder / name, data)
        written.append(folder / name)
    for name in CURATED:
        if not (folder / name).exists():
            write_atomic(folder / name, (TK_DIR / name).read_bytes())
    return written


__all__ = ["CURATED", "Lists", "read_lists", "write_lists"]
