"""A fetched document converted: the API's statements win over the text's, and both are kept apart."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from ..graph import (
    API_PROPERTIES,
    api_graph_iri,
    bind_prefixes,
    build_api_graph,
    build_graph,
    check_base_iri,
    graph_iri,
)
from ..model import Letter
from ..read import read_letter
from ..reconcile import Unmatched, add_supertypes, reconcile_graph, resolve_union
from ..reconcile.names import name_key
from ..validate import Report, validate_graph
from ..vocab import DEFAULT_BASE_IRI, KV, SDO
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
    unmatched: tuple[Unmatched, ...] = ()  # names the reference lists did not resolve, in either graph


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
    _borrow_ids(text, api)
    base = check_base_iri(base_iri)  # the letters' one code path: people, parties, offices, ministries
    unmatched = [*reconcile_graph(text, base, day), *reconcile_graph(api, base, day)]
    union = bind_prefixes(Graph())
    for g in (add_supertypes(text), add_supertypes(api)):
        for prefix, ns in g.namespaces():
            union.bind(prefix, ns, replace=True)
        union += g
    resolve_union({graph_iri(letter, base_iri): text, api_graph_iri(zaak, base_iri): api}, union)
    return Merged(path, letter, text, api, union, validate_graph(union), tuple(overridden), tuple(unmatched))


def _borrow_ids(text: Graph, api: Graph) -> None:
    """The people and parties the text names as the API does get the API's official Id too (owl:sameAs its
    Persoon or Fractie), so the two graphs name one resource for them, whatever the lists hold."""
    official: dict[str, set[URIRef]] = {}
    for node, same in api.subject_objects(OWL.sameAs):
        for name in api.objects(node, SDO.name):
            official.setdefault(name_key(str(name)), set()).add(URIRef(str(same)))
    for kind in (SDO.Person, KV.PoliticalParty):
        for node in set(text.subjects(RDF.type, kind)):
            found = {same for name in text.objects(node, SDO.name) for same in official.get(name_key(str(name)), ())}
            if len(found) == 1:
                text.add((node, OWL.sameAs, found.pop()))


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
