"""What the pages need to know, read from the published graph: names, dates, and the letters in it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..graph import bind_prefixes
from ..vocab import KV, SDO

LETTER_KINDS = (KV.AnswerLetter, KV.DelayNotice)
NEIGHBOUR_FACTS = (RDF.type, SDO.name, DCTERMS.title, DCTERMS.identifier, DCTERMS.issued, KV.respondsTo)


@dataclass(frozen=True)
class Entry:
    """One published letter as the index lists it."""

    doc: URIRef  # the letter's page: the answer letter or delay notice, or the questions themselves
    zaak: URIRef
    kind: URIRef  # kv:AnswerLetter, kv:DelayNotice or kv:WrittenQuestions
    date: dt.date | None
    title: str
    offices: tuple[URIRef, ...]


def iris(nodes: Iterable[object]) -> list[URIRef]:
    """The IRIs among some nodes, once each, in IRI order."""
    return sorted({n for n in nodes if isinstance(n, URIRef)}, key=str)


def texts(g: Graph, node: object, pred: URIRef) -> list[str]:
    """The values of a property as sorted strings."""
    return sorted(str(v) for v in g.objects(node, pred))  # type: ignore[arg-type]


def number(g: Graph, node: object, pred: URIRef) -> int:
    """An integer value (a question's position, a footnote's number), 0 where there is none."""
    value = g.value(node, pred)  # type: ignore[call-overload]
    return int(value.toPython()) if isinstance(value, Literal) else 0


def label(g: Graph, node: object) -> str:
    """The name a person would use for a resource: schema:name, title, identifier, or the IRI."""
    for pred in (SDO.name, DCTERMS.title, DCTERMS.identifier):
        values = sorted(str(v) for v in g.objects(node, pred))  # type: ignore[arg-type]
        if values:
            return values[0]
    return str(node)


def doc_name(g: Graph, node: object) -> str:
    """How a document is cited: its Aanhangsel number, another identifier, else its title."""
    official = ("ah", "20")  # "ah-tk-20232024-1076", "AH 604", a zaak number "2024Z18294"
    ids = sorted(texts(g, node, DCTERMS.identifier), key=lambda i: (not i.lower().startswith(official), i))
    return ids[0] if ids else label(g, node)


def date_of(g: Graph, node: object, *preds: URIRef) -> dt.date | None:
    """The first date found under the given properties."""
    for pred in preds:
        for value in sorted(g.objects(node, pred), key=str):  # type: ignore[arg-type]
            if isinstance(value, Literal) and isinstance(value.toPython(), dt.date):
                return value.toPython()
    return None


def sorted_by_label(g: Graph, nodes: object) -> list[URIRef]:
    """IRIs sorted by their label, then by IRI."""
    return sorted({n for n in nodes if isinstance(n, URIRef)},  # type: ignore[attr-defined]
                  key=lambda n: (label(g, n).casefold(), str(n)))


def letter_document(g: Graph) -> tuple[URIRef, URIRef]:
    """(document, zaak) of one letter's graph; the document is the zaak itself for questions only."""
    zaak = next(s for s in g.subjects(RDF.type, KV.WrittenQuestions) if isinstance(s, URIRef))
    for kind in LETTER_KINDS:
        for s in iris(g.subjects(RDF.type, kind)):
            if (s, PROV.wasDerivedFrom, None) in g:
                return s, zaak
    return zaak, zaak


def offices_of(g: Graph, doc: URIRef, zaak: URIRef) -> tuple[URIRef, ...]:
    """Every office a letter concerns: addressed to, signed in, or answered on behalf of."""
    found = set(g.objects(zaak, KV.addressedTo)) | set(g.objects(doc, KV.onBehalfOf))
    for sig in g.objects(doc, KV.signature):
        found |= set(g.objects(sig, KV.office))
    return tuple(sorted_by_label(g, found))


def entry_for(g: Graph, doc: URIRef, zaak: URIRef) -> Entry:
    """The index entry of one letter."""
    kind = next((k for k in LETTER_KINDS if (doc, RDF.type, k) in g), KV.WrittenQuestions)
    date = date_of(g, doc, DCTERMS.issued) or date_of(g, zaak, DCTERMS.dateSubmitted)
    title = next(iter(texts(g, zaak, DCTERMS.title)), "")
    return Entry(doc=doc, zaak=zaak, kind=kind, date=date, title=title, offices=offices_of(g, doc, zaak))


def kind_name(kind: URIRef) -> str:
    """The Dutch name of a kind of document."""
    return {KV.AnswerLetter: "Antwoord", KV.DelayNotice: "Uitstelbericht"}.get(kind, "Schriftelijke vragen")


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Newest first; letters without a date last."""
    return sorted(entries, key=lambda e: (e.date is None, -(e.date.toordinal() if e.date else 0), str(e.doc)))


def neighbourhood(g: Graph, node: URIRef) -> Graph:
    """The triples about a resource and pointing to it, with the types and names of its neighbours."""
    out = bind_prefixes(Graph())
    neighbours = set()
    for s, p, o in g.triples((node, None, None)):
        out.add((s, p, o))
        neighbours.add(o)
    for s, p, o in g.triples((None, None, node)):
        out.add((s, p, o))
        neighbours.add(s)
    for n in neighbours:
        if isinstance(n, URIRef):
            for pred in NEIGHBOUR_FACTS:
                for o in g.objects(n, pred):
                    out.add((n, pred, o))
    return out
