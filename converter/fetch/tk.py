"""The Tweede Kamer open-data API (OData v4): find written-questions cases with their actors and documents."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from urllib.parse import quote

from .cache import Cache
from .http import FetchError
from .records import ACTOR_RELATIONS, DOCUMENT_KINDS, ApiActor, ApiDocument, ApiZaak

_EXPAND = "ZaakActor($expand=Persoon,Fractie),Document"
_SOORT = "Soort eq 'Schriftelijke vragen' and Verwijderd eq false"
_ZAAK = re.compile(r"^\d{4}Z\d{5}$")


def check_zaak_number(number: str) -> str:
    """'2024Z18285' (spaces allowed), or FetchError saying what a zaak number looks like."""
    compact = re.sub(r"\s+", "", number).upper()
    if not _ZAAK.match(compact):
        raise FetchError(
            f"{number!r}: not a zaak number; expected four digits, 'Z', five digits, as 2024Z18285"
        )
    return compact


def _query(api: str, filter_: str) -> str:
    params = {"$filter": filter_, "$expand": _EXPAND, "$orderby": "GestartOp"}
    safe = "(),'$="
    return f"{api}Zaak?" + "&".join(f"{k}={quote(v, safe=safe)}" for k, v in params.items())


def zaak_url(api: str, number: str) -> str:
    """The query for one case by its number."""
    return _query(api, f"{_SOORT} and Nummer eq '{number}'")


def since_url(api: str, since: dt.date, until: dt.date | None) -> str:
    """The query for the cases started on or after since (and before the day after until)."""
    filter_ = f"{_SOORT} and GestartOp ge {since.isoformat()}T00:00:00Z"
    if until:
        filter_ += f" and GestartOp lt {(until + dt.timedelta(days=1)).isoformat()}T00:00:00Z"
    return _query(api, filter_)


def rows(cache: Cache, url: str) -> Iterator[dict]:
    """Every row of an OData answer, following @odata.nextLink from page to page."""
    seen = set()
    while url:
        if url in seen:
            raise FetchError(f"{url}: the API's @odata.nextLink points back to a page already read")
        seen.add(url)
        page = cache.json(url)
        value = page.get("value")
        if not isinstance(value, list):
            raise FetchError(f"{url}: expected an OData answer with a 'value' list")
        yield from value
        url = page.get("@odata.nextLink") or ""


def parse_zaak(row: dict) -> ApiZaak:
    """One Zaak row (with ZaakActor and Document expanded) as an ApiZaak."""
    actors = tuple(
        _actor(a)
        for a in row.get("ZaakActor") or []
        if _same(a.get("Relatie"), ACTOR_RELATIONS) and not a.get("Verwijderd")
    )
    documents = tuple(
        _document(d)
        for d in row.get("Document") or []
        if _same(d.get("Soort"), DOCUMENT_KINDS) and not d.get("Verwijderd")
    )
    return ApiZaak(
        id=str(row["Id"]),
        number=str(row["Nummer"]),
        subject=row.get("Onderwerp") or None,
        started=_date(row.get("GestartOp")),
        actors=actors,
        documents=tuple(sorted(documents, key=lambda d: (d.date or dt.date.min, d.id))),
        sha256=hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False).encode()).hexdigest(),
    )


def _same(value: object, allowed: tuple[str, ...]) -> bool:
    return isinstance(value, str) and value.casefold() in {a.casefold() for a in allowed}


def _actor(row: dict) -> ApiActor:
    persoon = row.get("Persoon") or {}
    surname = " ".join(filter(None, (persoon.get("Tussenvoegsel"), persoon.get("Achternaam"))))
    relation = next(r for r in ACTOR_RELATIONS if r.casefold() == row["Relatie"].casefold())
    return ApiActor(
        relation=relation,
        name=(row.get("ActorNaam") or "").strip(),
        party=(row.get("ActorFractie") or "").strip() or None,
        function=(row.get("Functie") or "").strip() or None,
        person_id=row.get("Persoon_Id") or persoon.get("Id"),
        party_id=row.get("Fractie_Id") or (row.get("Fractie") or {}).get("Id"),
        person_name=surname[:1].upper() + surname[1:] if surname else None,
    )


def _document(row: dict) -> ApiDocument:
    kind = next(k for k in DOCUMENT_KINDS if k.casefold() == row["Soort"].casefold())
    return ApiDocument(
        id=str(row["Id"]),
        kind=kind,
        number=row.get("DocumentNummer"),
        date=_date(row.get("Datum")),
        aanhangsel=aanhangsel_id(row.get("Aanhangselnummer")),
        content_type=row.get("ContentType"),
    )


def aanhangsel_id(number: object) -> str | None:
    """Aanhangselnummer '242501244' (or '2024202501244') -> 'ah-tk-20242025-1244'; None if absent or odd."""
    text = str(number or "").strip()
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{5})", text) or re.fullmatch(r"20(\d{2})20(\d{2})(\d{4,6})", text)
    if not m:
        return None
    return f"ah-tk-20{m.group(1)}20{m.group(2)}-{int(m.group(3))}"


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_zaken(cache: Cache, api: str, numbers: list[str]) -> tuple[list[ApiZaak], list[str]]:
    """The cases with these numbers, and an error message for each number the API does not know."""
    found, missing = [], []
    for number in numbers:
        zaken = [parse_zaak(r) for r in rows(cache, zaak_url(api, number))]
        if zaken:
            found.append(zaken[0])
        else:
            missing.append(
                f"zaak {number}: the API has no case of Soort 'Schriftelijke vragen' with this number"
            )
    return found, missing


def zaken_between(cache: Cache, api: str, since: dt.date, until: dt.date | None) -> list[ApiZaak]:
    """Every written-questions case started in the window, page after page."""
    return [parse_zaak(r) for r in rows(cache, since_url(api, since, until))]
