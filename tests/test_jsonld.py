"""Our compact JSON-LD writer: the same triples as the graph, compact terms, and readable without a network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyld import jsonld
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from converter.jsonld import compact_jsonld
from converter.pipeline import convert_letter
from converter.read.rdf import read_record

EXAMPLES = sorted((Path(__file__).parents[1] / "examples" / "letters").glob("*.txt"))


def _no_network(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"the JSON-LD processor tried to fetch {url}")


def _diff(a: Graph, b: Graph) -> str:
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return f"only in the graph:\n{only_a.serialize(format='nt')}\nonly in the JSON-LD:\n{only_b.serialize(format='nt')}"


@pytest.mark.parametrize("letter", EXAMPLES, ids=lambda p: p.stem)
def test_compact_jsonld_reads_back_as_the_same_graph(letter: Path, tmp_path: Path) -> None:
    graph = convert_letter(letter).graph
    path = tmp_path / "letter.jsonld"
    path.write_bytes(compact_jsonld(graph))
    back = read_record(path)
    assert isomorphic(graph, back), _diff(graph, back)


@pytest.mark.parametrize("letter", EXAMPLES[:2], ids=lambda p: p.stem)
def test_pyld_expands_it_offline_to_the_same_triples(letter: Path) -> None:
    graph = convert_letter(letter).graph
    document = json.loads(compact_jsonld(graph))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": _no_network})
    back = Graph().parse(data=nquads, format="nt")
    assert isomorphic(graph, back), _diff(graph, back)


def test_it_is_compact_sorted_and_carries_its_context() -> None:
    graph = convert_letter(EXAMPLES[0]).graph
    first, second = compact_jsonld(graph), compact_jsonld(graph)
    assert first == second
    document = json.loads(first)
    assert isinstance(document["@context"], dict) and document["@context"]["kv"].startswith("https://w3id.org/")
    ids = [node["@id"] for node in document["@graph"]]
    assert ids == sorted(ids)
    questions = [n for n in document["@graph"] if n.get("@type") == "Question"
                 or isinstance(n.get("@type"), list) and "Question" in n["@type"]]
    assert questions and all(isinstance(q["text"], dict) and q["text"]["@language"] == "nl" for q in questions)
    assert all(isinstance(q["position"], str) and q["position"].isdigit() for q in questions)
    assert all(isinstance(q["isPartOf"], str) for q in questions)
