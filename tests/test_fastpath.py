"""convert's shortcuts change no finding and no byte: the graph built in rdflib's lighter store (SimpleMemory),
converted once (fastpath.Triples) for both pyshacl-turbo and the writers, and the findings read from
pyshacl-turbo's report records give the findings its public API and pySHACL give on the ordinary graph, and the
triples and prefixes the slower, plainer conversions give."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SH

from converter import fastpath
from converter.fastpath import Triples, serialize_all, used_prefixes, validate_fast
from converter.graph import build_graph
from converter.jsonld import compact_jsonld, compact_records
from converter.read import read_letter
from converter.reconcile import reconcile_letter
from converter.validate import Report, _finding, finding_order, validate_graph
from converter.vocab import DEFAULT_BASE_IRI, KV_IRI

ROOT = Path(__file__).resolve().parents[1]
LETTERS = sorted(p for p in (ROOT / "examples" / "letters").iterdir() if p.is_file())

_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
pytestmark = pytest.mark.skipif(not fastpath.available(), reason="pyshacl-turbo is not installed")


def _graph(path: Path, store: str) -> Graph:
    letter = read_letter(path)
    graph = build_graph(letter, DEFAULT_BASE_IRI, store)
    reconcile_letter(graph, letter, DEFAULT_BASE_IRI)
    return graph


def _broken(graph: Graph) -> Graph:
    """The letter with a violation and a warning more: a question without text, a date that is no date."""
    questions = sorted(str(s) for s in graph.subjects(RDF.type, URIRef(f"{KV_IRI}Question")))
    if not questions:
        pytest.skip("a letter without questions: nothing to break")
    question = questions[0]
    graph.remove((URIRef(question), URIRef("https://schema.org/text"), None))
    graph.add((URIRef(question), URIRef("https://schema.org/position"), Literal("twee")))
    return graph


def _through_the_public_api(graph: Graph) -> Report:
    """pyshacl-turbo's CompiledShapes.validate and its rdflib report graph, read as validate.py reads pySHACL's."""
    conforms, results, _ = fastpath._compiled_shapes().validate(graph, inference=None, allow_warnings=True)
    findings = (_finding(results, node) for node in results.subjects(RDF.type, SH.ValidationResult))
    return Report(conforms=bool(conforms), findings=tuple(sorted(findings, key=finding_order)))


def _as_tuples(graph: Graph) -> set[tuple[str, str, str]]:
    return {(str(s), str(p), str(o)) for s, p, o in graph}


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.name)
@pytest.mark.parametrize("broken", [False, True], ids=["as-read", "broken"])
def test_the_light_store_converted_once_finds_what_pyshacl_finds(letter: Path, broken: bool) -> None:
    light, plain = _graph(letter, "SimpleMemory"), _graph(letter, "default")
    if broken:
        light, plain = _broken(light), _broken(plain)
    assert _as_tuples(light) == _as_tuples(plain)
    fast = validate_fast(light, Triples(light))
    assert fast == validate_fast(plain) == _through_the_public_api(plain)
    reference = validate_graph(plain)
    assert fast.conforms == reference.conforms and fast.conforms is not broken
    assert [(f.severity, f.focus, f.shape, f.path, f.value) for f in fast.findings] == [
        (f.severity, f.focus, f.shape, f.path, f.value) for f in reference.findings
    ]


def test_triples_are_the_graph_once_each_term_converted_alike() -> None:
    graph = _graph(LETTERS[0], "SimpleMemory")
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("een", lang="nl")))
    graph.add((URIRef("https://example.org/s"), URIRef("https://example.org/p"), Literal("een")))
    converted = Triples(graph)
    nt = graph.serialize(format="nt", encoding="utf-8")
    expected = {q.triple for q in ox.parse(nt, format=ox.RdfFormat.N_TRIPLES)}
    assert len(converted.triples) == len(graph) and set(converted.triples) == expected
    assert len(converted.records) == len({t for triple in graph for t in triple})


def test_used_prefixes_is_every_namespace_an_iri_starts_with() -> None:
    kv, shapes = "https://w3id.org/kamervragen/def#", "https://w3id.org/kamervragen/shapes#"
    triples = [
        ox.Triple(ox.NamedNode(f"{kv}x"), ox.NamedNode("https://schema.org/name"), ox.Literal(f"{shapes}y")),
        ox.Triple(ox.NamedNode(f"{kv}x"), ox.NamedNode("https://example.org/p"),
                  ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
    ]
    assert used_prefixes(triples) == {"kv": kv, "schema": "https://schema.org/",
                                      "xsd": "http://www.w3.org/2001/XMLSchema#"}
    assert used_prefixes([]) == {}


def test_json_ld_from_the_converted_records_is_the_same_bytes() -> None:
    graph = _graph(LETTERS[0], "SimpleMemory")
    s, kv = URIRef("https://example.org/s"), "https://w3id.org/kamervragen/def#"
    for p, o in ((URIRef("https://example.org/p"), BNode("b1")), (URIRef("https://schema.org/name"), Literal("x")),
                 (URIRef("https://schema.org/position"), Literal("7", datatype=_INTEGER)),
                 (URIRef("https://example.org/q"), Literal("7", datatype=_INTEGER)),
                 (URIRef("https://example.org/q"), Literal("zeven", lang="nl")),
                 (RDF.type, URIRef(f"{kv}Question")), (RDF.type, URIRef("https://example.org/C"))):
        graph.add((s, p, o))
    graph.add((BNode("b1"), URIRef(f"{kv}respondsTo"), s))
    converted = Triples(graph)
    expected = compact_jsonld(graph)
    assert serialize_all(graph, ("jsonld",), converted=converted)["jsonld"] == expected
    assert compact_records(converted.records, converted.quads) == expected
    parsed = Graph().parse(data=expected, format="json-ld")
    assert isomorphic(parsed, graph)
