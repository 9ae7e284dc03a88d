"""A fetched document converted: the API's statements win over the text's, and both are kept apart."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..graph import (
    API_PROPERTIES,
    api_graph_iri,
    bind_prefixes,
    build_api_graph,
    build_graph,
    graph_iri,
    link_ministries,
)
from ..model import Letter
from ..read import read_letter
from ..validate import Report, validate_graph
from ..vocab import DEFAULT_BASE_IRI
from .records import ApiZaak


@dataclass(frozen=True)
class Merged:
    """A document's text-derived graph and the API's graph, their union and its SHACL report."""

    path: Path
    letter: Letter
    text: Graph  # what the document says, less the statements the API overrides
    api: Graph  # what the API says about the case
    union: Graph
    report: Report
    overridden: tuple[str, ...]  # "dcterms:dateSubmitted: text said 2023-11-21, API says 2023-11-20"


def merge_document(path: Path, zaak: ApiZaak, base_iri: str = DEFAULT_BASE_IRI) -> Merged:
    """Read a fetched document, let the API's metadata win, link officials, and validate the union."""
    letter = read_letter(path)
    if letter.zaak != zaak.number:  # the API knows which case this is, whatever the text showed
        letter = dataclasses.replace(letter, zaak=zaak.number)
    text, api = build_graph(letter, base_iri), build_api_graph(zaak, base_iri)
    questions = URIRef(str(next(iter(api.subjects(PROV.wasDerivedFrom, None)))))
    overridden = _override(text, api, questions)
    if zaak.subject and (questions, DCTERMS.title, None) not in text:  # a title only where the text shows none
        api.add((questions, DCTERMS.title, Literal(zaak.subject, lang="nl")))
    day = letter.issued or zaak.started
    link_ministries(text, base_iri, day)
    link_ministries(api, base_iri, day)
    union = bind_prefixes(Graph())
    for g in (text, api):
        for prefix, ns in g.namespaces():
            union.bind(prefix, ns, replace=True)
        union += g
    return Merged(path, letter, text, api, union, validate_graph(union), tuple(overridden))


def _override(text: Graph, api: Graph, questions: URIRef) -> list[str]:
    """Drop from the text graph what the API says about the case; say where the two differed."""
    notes = []
    for prop in API_PROPERTIES:
        said = set(api.objects(questions, prop))
        if not said:
            continue
        guessed = set(text.objects(questions, prop))
        if guessed - said:
            name = text.namespace_manager.normalizeUri(prop)
            notes.append(
                f"{name}: the text gave {', '.join(sorted(map(str, guessed - said)))}; the API says "
                f"{', '.join(sorted(map(str, said)))}"
            )
        text.remove((questions, prop, None))
    return notes


def dataset_of(merged: Merged, zaak: ApiZaak, base_iri: str = DEFAULT_BASE_IRI) -> Dataset:
    """Text and API statements in their own named graphs, each graph prov:wasDerivedFrom its source."""
    ds = Dataset()
    for prefix, ns in merged.union.namespaces():
        ds.bind(prefix, ns, replace=True)
    text_iri, api_iri = graph_iri(merged.letter, base_iri), api_graph_iri(zaak, base_iri)
    for iri, g in ((text_iri, merged.text), (api_iri, merged.api)):
        named = ds.graph(iri)
        for triple in g:
            named.add(triple)
    for source in set(merged.text.objects(None, PROV.wasDerivedFrom)):
        ds.add((text_iri, PROV.wasDerivedFrom, source))
    ds.add((api_iri, PROV.wasDerivedFrom, URIRef(zaak.record_iri)))
    return ds
