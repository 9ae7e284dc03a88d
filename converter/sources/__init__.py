"""Cited works as linked data (issue 11): what a footnote or a running text cites, resolved to one resource per
work (an official publication, another letter, a web source), linked with dcterms:references.

graph.build_graph calls `add_footnote_citations` for each footnote node and `add_text_citations` for each
question and answer text; everything else about sources stays in this package."""

from __future__ import annotations

import re
from typing import Protocol

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..iri import mint_iri
from ..model import Footnote
from ..vocab import KV, SDO
from .official import Publication, Unresolved, find_publications
from .web import WebSource, describe

__all__ = ["Minter", "add_footnote_citations", "add_letter_pointer", "add_text_citations", "describe",
           "find_publications"]


class Minter(Protocol):
    """What this package needs of graph.py's minter: the IRIs of cited works, and the citing letter's own
    identifiers (a letter does not cite itself)."""

    own: frozenset[str]
    name: str  # the citing letter's file name, for messages

    def publication(self, identifier: str) -> URIRef: ...
    def zaak(self, zaak: str) -> URIRef: ...
    def web(self, normalised_url: str) -> URIRef: ...
    def publisher(self, name: str) -> URIRef: ...

PUBLICATION_CLASSES = {"kst": KV.ParliamentaryPaper, "h": KV.Proceedings, "ah": KV.ProceedingsAppendix,
                       "stb": KV.BulletinOfActs, "stcrt": KV.GovernmentGazette, "blg": KV.OfficialPublication}
WEB_CLASSES = {"NewsArticle": SDO.NewsArticle, "WebPage": SDO.WebPage, "Report": SDO.Report,
               "GovernmentDocument": KV.GovernmentDocument, "CreativeWork": SDO.CreativeWork}
_ZAAK = re.compile(r"\b(?:19|20)\d\dZ\d{5}\b")


def add_footnote_citations(g: Graph, m: Minter, owner: URIRef, footnote: URIRef, note: Footnote) -> None:
    """The works a footnote cites: each dcterms:references from the footnote and from its owner (the question,
    answer or letter carrying the marker)."""
    publications, unresolved = find_publications(note.text)
    web_urls = []
    for url in note.urls:
        linked, _ = find_publications(url)
        publications += [p for p in linked if p.identifier not in {q.identifier for q in publications}]
        if not linked:
            web_urls.append(url)
    works = [_add_publication(g, m, p) for p in publications if p.identifier not in m.own]
    works += [_add_zaak(g, m, z) for z in dict.fromkeys(_ZAAK.findall(note.text)) if z not in m.own]
    works += [_add_web(g, m, w) for w in describe(note.text, tuple(web_urls))]
    for work in works:
        g.add((footnote, DCTERMS.references, work))
        g.add((owner, DCTERMS.references, work))
    _add_unresolved(g, footnote, unresolved)


def add_text_citations(g: Graph, m: Minter, owner: URIRef, text: str) -> None:
    """The official publications and letters a question's or answer's own text cites ('zie Kamerstuk 36 200
    VII, nr. 12')."""
    publications, unresolved = find_publications(text)
    works = [_add_publication(g, m, p) for p in publications if p.identifier not in m.own]
    works += [_add_zaak(g, m, z) for z in dict.fromkeys(_ZAAK.findall(text)) if z not in m.own]
    for work in works:
        g.add((owner, DCTERMS.references, work))
    _add_unresolved(g, owner, unresolved)


def add_letter_pointer(g: Graph, m: Minter, doc: URIRef, identifier: str) -> None:
    """A letter's pointer to another by its Aanhangsel number (the delay notice's "Zie ook ..."): cited like any
    other official publication."""
    publications, _ = find_publications(identifier)
    for pub in publications:
        g.add((doc, DCTERMS.references, _add_publication(g, m, pub)))


def _add_publication(g: Graph, m: Minter, pub: Publication) -> URIRef:
    iri = m.publication(pub.identifier)
    g.add((iri, RDF.type, PUBLICATION_CLASSES.get(pub.kind, KV.OfficialPublication)))
    g.add((iri, DCTERMS.identifier, Literal(pub.identifier)))
    g.add((iri, SDO.url, mint_iri(pub.url, f"{m.name}: the address of {pub.identifier}")))
    return iri


def _add_zaak(g: Graph, m: Minter, zaak: str) -> URIRef:
    iri = m.zaak(zaak)
    g.add((iri, RDF.type, SDO.CreativeWork))  # what the zaak is (questions, a debate) the citation does not say
    g.add((iri, DCTERMS.identifier, Literal(zaak)))
    return iri


def _add_web(g: Graph, m: Minter, web: WebSource) -> URIRef:
    iri = m.web(web.url)
    g.add((iri, RDF.type, WEB_CLASSES[web.kind]))
    g.add((iri, RDF.type, SDO.CreativeWork))  # every cited work is one, as the kv: kinds are by their superclass
    g.add((iri, SDO.url, mint_iri(web.url, f"{m.name}: a cited web address")))
    if web.written != web.url:
        g.add((iri, KV.writtenUrl, mint_iri(web.written, f"{m.name}: a cited web address")))
    if web.title:
        g.add((iri, SDO.name, Literal(web.title)))
    if web.date:
        g.add((iri, SDO.datePublished, Literal(web.date, datatype=XSD.date)))
    if web.publisher:
        publisher = m.publisher(web.publisher)
        g.add((publisher, RDF.type, SDO.Organization))
        g.add((publisher, SDO.name, Literal(web.publisher)))
        g.add((iri, SDO.publisher, publisher))
    return iri


def _add_unresolved(g: Graph, node: URIRef, unresolved: list[Unresolved]) -> None:
    for u in unresolved:
        g.add((node, KV.unresolvedCitation, Literal(u.text.strip(), lang="nl")))
