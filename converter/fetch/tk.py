"""The Tweede Kamer open-data API (OData v4): find written-questions cases with their actors and documents."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator
from urllib.parse import quote, urljoin, urlsplit

from .cache import Cache
from .fields import Fields, RowError, day_start
from .http import FetchError
from .records import ACTOR_RELATIONS, DOCUMENT_KINDS, TK_API, ApiActor, ApiDocument, ApiZaak

_EXPAND = "ZaakActor($expand=Persoon,Fractie),Document"
_SOORT = "Soort eq 'Schriftelijke vragen' and Verwijderd eq false"
_ZAAK = re.compile(r"^\d{4}Z\d{5}$")
MAX_PAGES = 2000  # 250 cases a page: half a million cases, far more than a parliament's whole archive


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
    """The query for the cases started on or after since (and before the day after until): Amsterdam days,
    as the API's own GestartOp values are (2024-03-06T00:00:00+01:00)."""
    filter_ = f"{_SOORT} and GestartOp ge {day_start(since)}"
    if until:
        filter_ += f" and GestartOp lt {day_start(until + dt.timedelta(days=1))}"
    return _query(api, filter_)


def rows(cache: Cache, url: str, api: str) -> Iterator[tuple[str, object]]:
    """(where, row) for every row of an OData answer, following @odata.nextLink from page to page (at most
    MAX_PAGES pages: an endless chain of new links ends with a sentence)."""
    seen: set[str] = set()
    while url:
        if url in seen:
            raise FetchError(f"{url}: the API's @odata.nextLink points back to a page already read")
        if len(seen) == MAX_PAGES:
            raise FetchError(f"{url}: the API's @odata.nextLink chain goes on past {MAX_PAGES} pages; expected "
                             "its last page before that (ask for a shorter window with --since/--until)")
        seen.add(url)
        page = cache.json(url)
        value = page.get("value")
        if not isinstance(value, list):
            raise FetchError(f"{url}: expected an OData answer with a 'value' list")
        yield from ((f"row {i + 1} of page {len(seen)}", row) for i, row in enumerate(value))
        url = next_page(page.get("@odata.nextLink"), api, url)


def next_page(link: object, api: str, current: str) -> str:
    """The next page at the base that was asked for: the API writes its links absolute at the official host,
    which a mirror (--tk-api) must not be left for; a link elsewhere is not followed."""
    if link is None or link == "":
        return ""
    if not isinstance(link, str):
        raise FetchError(f"{current}: @odata.nextLink {link!r}: expected a URL")
    target = urlsplit(urljoin(current, link))
    for root in (api, TK_API):
        base = urlsplit(root)
        if target.netloc.lower() == base.netloc.lower() and target.path.startswith(base.path):
            rest = target.path[len(base.path):] + (f"?{target.query}" if target.query else "")
            return api + rest
    raise FetchError(f"{current}: @odata.nextLink {link!r} leads away from {api}; not followed")


class ExpandIgnored(RowError):
    """A row without the expanded navigation properties at all: the server ignored $expand."""


def parse_zaak(row: object, where: str = "a zaak row") -> ApiZaak:
    """One Zaak row (with ZaakActor and Document expanded) as an ApiZaak; RowError says what is wrong."""
    f = Fields(row, where)
    number = f.zaak_number()
    f.where = f"zaak {number} ({where})"
    missing = [key for key in ("ZaakActor", "Document") if key not in f.row]
    if missing:
        raise ExpandIgnored(f"{f.where}: no {' or '.join(missing)} in the row")
    actors = tuple(_actor(a) for a in f.objects("ZaakActor")
                   if _same(a.text("Relatie"), ACTOR_RELATIONS) and not a.flag("Verwijderd"))
    documents = tuple(_document(d) for d in f.objects("Document")
                      if _same(d.text("Soort"), DOCUMENT_KINDS) and not d.flag("Verwijderd"))
    return ApiZaak(
        id=f.guid("Id", required=True) or "",
        number=number,
        subject=f.text("Onderwerp"),
        started=f.day("GestartOp"),
        actors=actors,
        documents=tuple(sorted(documents, key=lambda d: (d.date or dt.date.min, d.id))),
        sha256=hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False).encode()).hexdigest(),
    )


def _same(value: str | None, allowed: tuple[str, ...]) -> bool:
    return value is not None and value.casefold() in {a.casefold() for a in allowed}


def _actor(f: Fields) -> ApiActor:
    persoon, fractie = f.object("Persoon"), f.object("Fractie")
    surname = " ".join(filter(None, (persoon.text("Tussenvoegsel"), persoon.text("Achternaam")))) if persoon else ""
    relation = next(r for r in ACTOR_RELATIONS if r.casefold() == (f.text("Relatie") or "").casefold())
    named = surname + (f.text("ActorNaam") or "") + ((f.text("Functie") or "") if relation == "Gericht aan" else "")
    if not any(ch.isalpha() for ch in named):
        raise RowError(f"{f.where}: no name in ActorNaam or Persoon (the {relation} must be named)")
    return ApiActor(
        relation=relation,
        name=f.text("ActorNaam") or "",
        party=f.text("ActorFractie"),
        function=f.text("Functie"),
        person_id=f.guid("Persoon_Id") or (persoon.guid("Id") if persoon else None),
        party_id=f.guid("Fractie_Id") or (fractie.guid("Id") if fractie else None),
        person_name=surname[:1].upper() + surname[1:] if surname else None,
    )


def _document(f: Fields) -> ApiDocument:
    kind = next(k for k in DOCUMENT_KINDS if k.casefold() == (f.text("Soort") or "").casefold())
    return ApiDocument(
        id=f.guid("Id", required=True) or "",
        kind=kind,
        number=f.document_number(),
        date=f.day("Datum"),
        aanhangsel=aanhangsel_id(f.text("Aanhangselnummer")),
        content_type=f.text("ContentType"),
    )


def aanhangsel_id(number: object) -> str | None:
    """Aanhangselnummer '242501244' (or '2024202501244') -> 'ah-tk-20242025-1244'; None if absent or odd."""
    text = str(number or "").strip()
    m = re.fullmatch(r"(\d{2})(\d{2})(\d{5})", text) or re.fullmatch(r"20(\d{2})20(\d{2})(\d{4,6})", text)
    if not m:
        return None
    return f"ah-tk-20{m.group(1)}20{m.group(2)}-{int(m.group(3))}"


def parse_rows(found: Iterator[tuple[str, object]], api: str) -> tuple[list[ApiZaak], list[str]]:
    """The cases among the rows, and one sentence for each row that cannot be used (and one for a server that
    ignored $expand); the other rows go on."""
    zaken, problems, unexpanded = [], [], []
    for where, row in found:
        try:
            zaken.append(parse_zaak(row, where))
        except ExpandIgnored as exc:
            unexpanded.append(str(exc).split(" (", 1)[0])
        except RowError as exc:
            problems.append(f"{exc}; skipped")
    if unexpanded:
        problems.append(
            f"{api}: the server ignored $expand ({len(unexpanded)} case(s) came without their ZaakActor and "
            f"Document, which is not the same as having no documents yet: {', '.join(unexpanded[:5])}); use "
            "a server or mirror that supports OData $expand")
    return zaken, problems


def find_zaken(cache: Cache, api: str, numbers: list[str]) -> tuple[list[ApiZaak], list[str]]:
    """The cases with these numbers, and an error message for each number the API does not know."""
    found, problems = [], []
    for number in numbers:
        zaken, bad = parse_rows(rows(cache, zaak_url(api, number), api), api)
        problems += bad
        if zaken:
            found.append(zaken[0])
        elif not bad:
            problems.append(
                f"zaak {number}: the API has no case of Soort 'Schriftelijke vragen' with this number"
            )
    return found, problems


def zaken_between(cache: Cache, api: str, since: dt.date, until: dt.date | None) -> tuple[list[ApiZaak], list[str]]:
    """Every written-questions case started in the window (Amsterdam days), page after page."""
    return parse_rows(rows(cache, since_url(api, since, until), api), api)
