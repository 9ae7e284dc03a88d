"""Graph -> static HTML site: a page per letter, set of questions, person, party, office, ministry, cited work and
publisher, an index and
the ontology's documentation. Returns bytes by path; publish writes them.

Every resource IRI under the base has a folder of the same path holding index.html (and index.ttl and
index.jsonld for the pages), so the IRIs dereference from any static host serving the output at the base.
Resources without a page of their own (a question, an answer, a footnote) get a small page that forwards to
the place on their owner's page where they are shown."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping

from rdflib import RDF, Graph, URIRef
from rdflib.term import Node

from ..graph import bind_prefixes
from ..vocab import KV, SDO
from .agents import ministry_page, office_page, party_page, person_page
from .facts import LETTER_KINDS, entry_for, iris, letter_document, neighbourhood
from .index import index_page
from .letters import letter_page, zaak_page
from .ontology import ontology_page
from .page import Page, esc, folder_of, href, page_files
from .sources import source_pages

__all__ = ["render_site"]


def render_site(graphs: Mapping[URIRef, Graph], merged: Graph, base: str, catalog: Graph, ontology: Graph,
                shapes: Iterable[str]) -> dict[str, bytes]:
    """Every file of the site, by path relative to the output folder."""
    docs = {name: letter_document(graph) for name, graph in graphs.items()}
    entries = [entry_for(merged, doc, zaak) for doc, zaak in docs.values()]
    pages = [index_page(merged, entries, base, catalog, shapes), ontology_page(ontology)]
    pages += _document_pages(graphs, docs, merged, base)
    for kind, make in ((SDO.Person, person_page), (KV.PoliticalParty, party_page), (KV.Office, office_page),
                       (SDO.GovernmentOrganization, ministry_page)):
        nodes = iris(merged.subjects(RDF.type, kind))
        pages += [make(merged, node, entries, base) for node in nodes if folder_of(node, base) is not None]
    pages += source_pages(merged, entries, base)
    files: dict[str, bytes] = {}
    for page in pages:
        files.update(page_files(page))
    forwarding = _forwarding_pages({p.folder for p in pages if p.folder}, merged, catalog, base)
    # an IRI that names a file of the site (the catalogue's landing page index.html) needs no forwarding page
    files.update({path: data for path, data in forwarding.items() if path.rsplit("/", 1)[0] not in files})
    return files


def _document_pages(graphs: Mapping[URIRef, Graph], docs: Mapping[URIRef, tuple[URIRef, URIRef]],
                    merged: Graph, base: str) -> list[Page]:
    pages = []
    for zaak in iris(merged.subjects(RDF.type, KV.WrittenQuestions)):
        data = bind_prefixes(Graph())
        for name, (_, z) in docs.items():
            if z == zaak:
                data += graphs[name]
        if folder_of(zaak, base) is not None:
            pages.append(zaak_page(merged, zaak, data if len(data) else neighbourhood(merged, zaak), base))
    own = {doc: graphs[name] for name, (doc, zaak) in docs.items() if doc != zaak}
    for doc in iris(s for kind in LETTER_KINDS for s in merged.subjects(RDF.type, kind)):
        if folder_of(doc, base) is not None:
            pages.append(letter_page(merged, doc, own.get(doc) or neighbourhood(merged, doc), base))
    return pages


def _forwarding_pages(page_folders: set[str], merged: Graph, catalog: Graph, base: str) -> dict[str, bytes]:
    """A small page for every other IRI under the base, forwarding to where its owner's page shows it."""
    files = {}
    nodes = {s for s in merged.subjects() if isinstance(s, URIRef)}
    catalog_nodes = {s for s in catalog.subjects() if isinstance(s, URIRef)}
    letters = {s for kind in LETTER_KINDS for s in merged.subjects(RDF.type, kind)}
    for node in sorted(nodes | catalog_nodes, key=str):
        folder = folder_of(node, base)
        if folder is None or folder in page_folders:
            continue
        owner = _owner(folder, node, merged, page_folders, letters, base, node in catalog_nodes)
        if owner is None:
            continue
        anchor = "-".join(folder[len(owner):].strip("/").split("/")[:2]) if owner else ""
        files[posixpath.join(folder, "index.html")] = _forward(folder, owner, anchor, str(node))
    return files


def _owner(folder: str, node: URIRef, merged: Graph, page_folders: set[str], letters: set[Node], base: str,
           in_catalog: bool) -> str | None:
    """The page that shows a resource: the nearest page above its IRI, else a page that points to it."""
    prefixes = [p for p in page_folders if folder.startswith(p + "/")]
    if prefixes:
        return max(prefixes, key=len)
    # e.g. a source file: shown on the letter derived from it rather than on its questions
    for s in sorted(merged.subjects(None, node), key=lambda s: (s not in letters, str(s))):
        owner = folder_of(s, base)
        if owner in page_folders:
            return owner
    return "" if in_catalog else None


def _forward(folder: str, owner: str, anchor: str, iri: str) -> bytes:
    target = href(folder, owner, anchor)
    ttl, jsonld = href(folder, owner, file="index.ttl"), href(folder, owner, file="index.jsonld")
    return (f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(iri)}</title>\n"
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="alternate" type="text/turtle" href="{ttl}">\n'
            f'<link rel="alternate" type="application/ld+json" href="{jsonld}">\n</head>\n'
            f'<body><p><code>{esc(iri)}</code> staat op <a href="{target}">deze pagina</a>.</p></body>\n'
            "</html>\n"
            ).encode()

