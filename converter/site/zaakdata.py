"""The data of a zaak's page (zaak/…/index.ttl, index.jsonld) from its letters' views: the zaak with its number,
submission day, askers and addressees, its questions (the texts of the view the page shows), and the letters
responding to it, so the zaak's IRI dereferences as Turtle and JSON-LD like every other page's."""

from __future__ import annotations

import posixpath

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..vocab import KV, SDO
from .viewtypes import LetterView

KINDS = {"AnswerLetter": KV.AnswerLetter, "DelayNotice": KV.DelayNotice}


def zaak_graph(zaak: str, best: LetterView, views: tuple[LetterView, ...]) -> Graph:
    """What the views say about the zaak."""
    g = Graph()
    node = URIRef(zaak)
    g.add((node, RDF.type, KV.WrittenQuestions))
    if best["zaak_number"]:
        g.add((node, DCTERMS.identifier, Literal(best["zaak_number"])))
    if best["submitted"]:
        g.add((node, DCTERMS.dateSubmitted, Literal(best["submitted"], datatype=XSD.date)))
    for ref, pred in [*((m, KV.askedBy) for m in best["askers"]), *((o, KV.addressedTo) for o in best["addressees"])]:
        g.add((node, pred, URIRef(ref["iri"])))
        g.add((URIRef(ref["iri"]), SDO.name, Literal(ref["name"])))
    for q in best["questions"]:
        question = URIRef(q["iri"])
        g.add((question, RDF.type, KV.Question))
        g.add((question, DCTERMS.isPartOf, node))
        g.add((question, SDO.position, Literal(q["number"])))
        g.add((question, SDO.text, Literal(q["text"], lang="nl")))
    for v in views:
        if v["doc"] != zaak:
            doc = URIRef(v["doc"])
            g.add((doc, RDF.type, KINDS[v["kind"]]))
            g.add((doc, KV.respondsTo, node))
            if v["issued"]:
                g.add((doc, DCTERMS.issued, Literal(v["issued"], datatype=XSD.date)))
    return g


def zaak_data_files(zaak: str, folder: str, best: LetterView, views: tuple[LetterView, ...]) -> dict[str, bytes]:
    """index.ttl and index.jsonld of the zaak's page."""
    from ..fastpath import serialize_all

    data = serialize_all(zaak_graph(zaak, best, views), ("ttl", "jsonld"))
    return {posixpath.join(folder, "index.ttl"): data["ttl"], posixpath.join(folder, "index.jsonld"): data["jsonld"]}
