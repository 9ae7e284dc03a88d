"""The front page (a search box, the latest letters, links to the lists and statistics, the ministries) and the
downloads page (dumps, catalogue, shapes, ontology). The catalogue record is the front page's data."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

import pyoxigraph as ox

from .casepage import forward
from .entries import Entry, entry_list
from .page import NAV_EXTRA, Page, esc, folder_of, href, island_files

LATEST = 25
DOWNLOADS_FOLDER = "downloads"
SEARCH_FOLDER = "zoeken"  # h16-search's page; the form posts its words there as ?q=
ROOT_DATA = {"ttl": "index.ttl", "jsonld": "index.jsonld"}


def front_files(latest: list[Entry], total: int, ministries: Mapping[str, tuple[str, str | None, int]], cases: int,
                catalog: bytes, base: str) -> dict[str, bytes]:
    """The front page (the latest letters, newest first), with the catalogue record as its data."""
    extra = " · ".join(f'<a href="{esc(posixpath.join(folder, "index.html"))}">{esc(text)}</a>'
                       for folder, text in NAV_EXTRA)
    ministry_items = "".join(
        f'<li><a href="{href("", page)}">{esc(name)}</a> ({count})</li>' if page is not None
        else f"<li>{esc(name)} ({count})</li>" for name, page, count in ministries.values())
    parts = ["<h1>Schriftelijke Kamervragen en antwoorden</h1>",
             f'<form class="search" id="zoeken" role="search" action="{SEARCH_FOLDER}/index.html" method="get">'
             '<label for="q">Zoek in vragen en antwoorden</label>'
             '<input type="search" id="q" name="q" placeholder="Zoek in vragen, antwoorden en namen">'
             "<button type=\"submit\">Zoeken</button></form>",
             f"<p>{total} brieven in {cases} zaken: schriftelijke vragen van Tweede Kamerleden en de "
             "antwoorden en uitstelberichten van de regering, als Linked Data."
             + (f" Zie ook: {extra}." if extra else "") + "</p>",
             '<h2 id="laatste">Laatste brieven</h2>', entry_list(latest, ""),
             '<h2 id="per-ministerie">Per ministerie</h2>',
             f'<ul class="ministries">{ministry_items}</ul>' if ministry_items else '<p class="none">Geen.</p>',
             f'<p><a href="{DOWNLOADS_FOLDER}/index.html">Downloads, catalogus, vormen en ontologie</a></p>']
    files = _catalog_files(catalog)
    page = Page(folder="", title="Schriftelijke Kamervragen", body="\n".join(parts), iri=f"{base}catalogus",
                alternates=(ROOT_DATA["ttl"], ROOT_DATA["jsonld"]) if files else None,
                island={"@context": {"schema": "https://schema.org/"},
                        "@graph": [{"@id": f"{base}catalogus", "@type": "schema:DataCatalog",
                                    "schema:name": "Schriftelijke Kamervragen"}]})
    files.update(island_files(page))
    return files


def _catalog_files(catalog: bytes) -> dict[str, bytes]:
    if not catalog:
        return {}
    from rdflib import Graph

    from ..jsonld import compact_jsonld

    jsonld = compact_jsonld(Graph().parse(data=catalog, format="turtle"))
    return {ROOT_DATA["ttl"]: catalog, ROOT_DATA["jsonld"]: jsonld}


def downloads_files(downloads: Iterable[tuple[str, str]], catalog: bytes, base: str) -> dict[str, bytes]:
    """The downloads page, and a page forwarding each IRI of the catalogue record to it."""
    folder = DOWNLOADS_FOLDER
    items = "".join(f'<li><a href="{href(folder, "", file=path)}">{esc(path)}</a>: {esc(text)}</li>'
                    for path, text in downloads)
    parts = ["<h1>Downloads</h1>",
             "<p>De hele dataset in elk formaat, het catalogusrecord (DCAT-AP-NL 3.0 en VoID), de SHACL-vormen "
             "waaraan elke brief voldoet en de ontologie. Alles onder CC0.</p>",
             f'<ul class="downloads">{items}</ul>',
             f'<p><a href="{href(folder, "ontology")}">Ontologie: klassen en eigenschappen</a></p>']
    alternates = (f"../{ROOT_DATA['ttl']}", f"../{ROOT_DATA['jsonld']}") if catalog else None
    page = Page(folder=folder, title="Downloads", body="\n".join(parts), alternates=alternates)
    files = island_files(page)
    if catalog:
        for iri in sorted({str(t.subject.value) for t in ox.parse(catalog, format=ox.RdfFormat.TURTLE)
                           if isinstance(t.subject, ox.NamedNode)}):
            at = folder_of(iri, base)
            if at and at != folder and not at.endswith("index.html"):  # an IRI naming a page is that page
                files.setdefault(posixpath.join(at, "index.html"), forward(at, folder, "", iri, {
                    "ttl": ROOT_DATA["ttl"], "jsonld": ROOT_DATA["jsonld"]}))
    return files
