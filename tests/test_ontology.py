"""The ontology parses, declares every term of converter.vocab.KV, labels and defines them in nl and en."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import OWL

from converter.graph import TOOL_IRI
from converter.resources import ontology_dir
from converter.vocab import KV, KV_IRI

ONTOLOGY_IRI = URIRef(KV_IRI.rstrip("#"))

_UNLABELLED = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?lang WHERE {
    VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property }
    VALUES ?lang { "nl" "en" }
    ?term a ?kind .
    FILTER STRSTARTS(STR(?term), "https://w3id.org/kamervragen/def#")
    FILTER NOT EXISTS { ?term rdfs:label ?label FILTER (LANG(?label) = ?lang && STRLEN(?label) > 0) }
}
"""

_UNDEFINED = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?term ?lang WHERE {
    VALUES ?kind { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty rdf:Property }
    VALUES ?lang { "nl" "en" }
    ?term a ?kind .
    FILTER STRSTARTS(STR(?term), "https://w3id.org/kamervragen/def#")
    FILTER NOT EXISTS {
        ?term skos:definition|rdfs:comment ?definition
        FILTER (LANG(?definition) = ?lang && STRLEN(?definition) > 0)
    }
}
"""


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "kamervragen.ttl", format="turtle")


def _vocab_terms() -> list[URIRef]:
    return [KV[name] for name in KV.__annotations__]


def test_ontology_parses_and_has_its_metadata(ontology: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in ontology
    assert str(ontology.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert ontology.value(ONTOLOGY_IRI, URIRef("http://purl.org/dc/terms/license")) == URIRef(
        "https://creativecommons.org/publicdomain/zero/1.0/"
    )


@pytest.mark.parametrize("term", _vocab_terms(), ids=lambda t: t.removeprefix(KV_IRI))
def test_every_vocab_term_is_declared(ontology: Graph, term: URIRef) -> None:
    kinds = set(ontology.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}, f"declare {term} in the ontology"


def test_converter_agent_is_described(ontology: Graph) -> None:
    assert (TOOL_IRI, RDF.type, URIRef("http://www.w3.org/ns/prov#SoftwareAgent")) in ontology


def test_every_kv_term_has_dutch_and_english_labels(ontology: Graph) -> None:
    missing = [(str(row[0]), str(row[1])) for row in ontology.query(_UNLABELLED)]
    assert not missing, f"add rdfs:label in these languages: {missing}"


def test_every_kv_term_has_a_definition_in_dutch_and_english(ontology: Graph) -> None:
    missing = [(str(row[0]), str(row[1])) for row in ontology.query(_UNDEFINED)]
    assert not missing, f"add skos:definition in these languages: {missing}"


def test_no_kv_term_is_undeclared(ontology: Graph) -> None:
    declared = {s for s, p, o in ontology.triples((None, RDF.type, None)) if str(s).startswith(KV_IRI)}
    used = {t for triple in ontology for t in triple if isinstance(t, URIRef) and str(t).startswith(KV_IRI)}
    assert used <= declared, f"terms used but not declared: {sorted(used - declared)}"
    assert declared - {TOOL_IRI} == set(_vocab_terms()), "the ontology and converter.vocab.KV differ"
