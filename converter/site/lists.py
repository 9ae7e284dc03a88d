"""Lists of letters, static and readable without scripts: per ministry, party, member and year, and the letters
answered late (more than three weeks after the questions, with no delay notice). Every entry shows the subject,
askers with party, ministry, dates and days taken (site.entries); a long list is split into pages of PAGE_SIZE.

Each list is a unit of its own whose key is the hash of the entries it shows, so a republish that adds letters
renders only the lists they appear in, and the index of lists (lijsten/)."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field

from ..iri import file_stem
from .cases import case_facts
from .entries import Entry, entry, entry_list, ministries, named, person_name, sort_entries
from .page import Page, esc, href, island_files
from .viewtypes import LetterView, SiteInput, SiteUnit

FOLDER = "lijsten"
PAGE_SIZE = 50
KINDS = (("ministerie", "Per ministerie"), ("partij", "Per partij"), ("lid", "Per Kamerlid"), ("jaar", "Per jaar"))
LATE = "te-laat"


@dataclass
class Listing:
    """One list: where it goes, its heading, the page of what it lists (a ministry's, a member's) and its
    entries."""

    folder: str
    kind: str
    title: str
    about: str | None = None
    entries: list[Entry] = field(default_factory=list)


def list_units(site: SiteInput) -> Iterator[SiteUnit]:
    """A unit per list, and one for the index of lists."""
    from . import unit_key  # the site's one way to key a unit (its inputs and the code version)

    listings = collect_listings(site.views, site.names)
    for listing in listings.values():
        yield SiteUnit(f"lists/{listing.folder}", unit_key("list", listing.folder, listing.title, listing.about,
                                                          listing.entries), _render(listing))
    summary = [(lst.folder, lst.kind, lst.title, len(lst.entries)) for lst in listings.values()]
    yield SiteUnit("lists", unit_key("lists", summary), lambda: island_files(index_page(listings)))


def _render(listing: Listing) -> Callable[[], dict[str, bytes]]:
    return lambda: list_files(listing)


def collect_listings(views: tuple[LetterView, ...], names: Mapping[str, str]) -> dict[str, Listing]:
    """Every list with its entries (newest first), by folder."""
    facts = case_facts(views)
    found: dict[str, Listing] = {}
    seen: set[tuple[str, str]] = set()  # (folder, letter): a letter asked by two members of one party is listed once

    def add(kind: str, key: str, title: str, about: str | None, item: Entry) -> None:
        folder = posixpath.join(FOLDER, kind, file_stem(key)) if kind != LATE else posixpath.join(FOLDER, LATE)
        listing = found.setdefault(folder, Listing(folder, kind, title, about))
        if (folder, item["doc"]) not in seen:
            seen.add((folder, item["doc"]))
            listing.entries.append(item)

    for view in views:
        case = facts.get(view["zaak"])
        item = entry(view, case, names)
        for ministry in ministries(view):
            add("ministerie", _key(ministry["page"], ministry["iri"]), named(ministry, names), ministry["page"],
                item)
        for asker in view["askers"]:
            add("lid", _key(asker["page"], asker["iri"]), person_name(asker, names), asker["page"], item)
            if asker["party"] is not None:
                party = asker["party"]
                add("partij", _key(party["page"], party["iri"]), named(party, names), party["page"], item)
        day = view["issued"] or view["submitted"]
        if day:
            add("jaar", day[:4], day[:4], None, item)
        if case is not None and case.late and view["kind"] == "AnswerLetter":
            add(LATE, LATE, "Te laat beantwoord", None, item)
    for listing in found.values():
        listing.entries = sort_entries(listing.entries)
    return dict(sorted(found.items()))


def _key(page: str | None, iri: str) -> str:
    """The last part of an agent's page folder ('mnre1018'), else of its IRI."""
    return (page or iri.rstrip("/")).rsplit("/", 1)[-1]


def list_files(listing: Listing) -> dict[str, bytes]:
    """The pages of one list: the first at its folder, the next at <folder>/pagina/<n>."""
    chunks = [listing.entries[i:i + PAGE_SIZE] for i in range(0, len(listing.entries), PAGE_SIZE)] or [[]]
    files: dict[str, bytes] = {}
    for number, chunk in enumerate(chunks, 1):
        folder = page_folder(listing.folder, number)
        late = sum(1 for e in listing.entries if e["late"])
        about = (f' · <a href="{href(folder, listing.about)}">pagina van {esc(listing.title)}</a>'
                 if listing.about else "")
        parts = [f'<p class="kicker"><a href="{href(folder, FOLDER)}">Lijsten</a></p>',
                 f"<h1>{esc(_heading(listing))}</h1>",
                 f"<p>{len(listing.entries)} {'brief' if len(listing.entries) == 1 else 'brieven'}, "
                 f"{late} te laat beantwoord{about}</p>",
                 entry_list(chunk, folder), _pager(listing.folder, number, len(chunks))]
        title = _heading(listing) + (f" (pagina {number})" if number > 1 else "")
        files.update(island_files(Page(folder=folder, title=title, body="\n".join(p for p in parts if p))))
    return files


def page_folder(folder: str, number: int) -> str:
    """The folder of a list's page number n (1 is the list's own folder)."""
    return folder if number == 1 else posixpath.join(folder, "pagina", str(number))


def _heading(listing: Listing) -> str:
    if listing.kind == LATE:
        return "Te laat beantwoord: meer dan drie weken, zonder uitstelbericht"
    if listing.kind == "jaar":
        return f"Brieven uit {listing.title}"
    return f"Brieven: {listing.title}"


def _pager(folder: str, number: int, pages: int) -> str:
    """Links to the previous and next page of a list, and to each page by number."""
    if pages == 1:
        return ""
    here = page_folder(folder, number)
    links = [f'<a href="{href(here, page_folder(folder, n))}"'
             + (' aria-current="page"' if n == number else "") + f">{n}</a>" for n in range(1, pages + 1)]
    if number > 1:
        links.insert(0, f'<a rel="prev" href="{href(here, page_folder(folder, number - 1))}">vorige</a>')
    if number < pages:
        links.append(f'<a rel="next" href="{href(here, page_folder(folder, number + 1))}">volgende</a>')
    return f'<nav class="pager" aria-label="Pagina’s">Pagina {number} van {pages}: {" · ".join(links)}</nav>'


def index_page(listings: Mapping[str, Listing]) -> Page:
    """lijsten/: every list with its length, by kind."""
    by_kind: dict[str, list[Listing]] = defaultdict(list)
    for listing in listings.values():
        by_kind[listing.kind].append(listing)
    parts = ["<h1>Lijsten</h1>",
             "<p>Alle brieven per ministerie, partij, Kamerlid en jaar, met wie vroeg, wanneer, en hoeveel dagen het "
             "antwoord duurde. Zie ook de <a href=\"../statistiek/index.html\">statistiek</a> en "
             "<a href=\"../zoeken/index.html\">zoeken</a>.</p>"]
    late = by_kind.get(LATE, [])
    parts.append(f'<p><a href="{href(FOLDER, late[0].folder)}">Te laat beantwoord</a> ({len(late[0].entries)})</p>'
                 if late else "<p>Geen brief te laat beantwoord.</p>")
    for kind, heading in KINDS:
        items = sorted(by_kind.get(kind, []), key=lambda lst: (lst.title if kind != "jaar" else "~" + lst.title))
        if kind == "jaar":
            items.reverse()
        links = "".join(f'<li><a href="{href(FOLDER, lst.folder)}">{esc(lst.title)}</a> ({len(lst.entries)})</li>'
                        for lst in items)
        parts.append(f'<h2 id="{kind}">{esc(heading)}</h2>'
                     + (f'<ul class="lists">{links}</ul>' if links else '<p class="none">Geen.</p>'))
    return Page(folder=FOLDER, title="Lijsten", body="\n".join(parts))
