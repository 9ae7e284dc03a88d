"""Issue 14, point 2: serialised RDF is never edited as text. A paragraph that starts with '@prefix' (or holds
other Turtle/TriG syntax, or a line break other than '\\n') stays in its literal, and the TriG dump equals the
N-Quads dump as datasets."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef

from converter.cli import main
from converter.fastpath import oxigraph_triples, serialize_all, used_prefixes
from converter.publish import serialize_graph
from converter.publish.dumps import serialize_nquads, serialize_trig

ROOT = Path(__file__).resolve().parents[1]
TEXT_LETTER = ROOT / "examples" / "letters" / "docxtext_ah619-2024Z16021.txt"
SYNTAX = [
    "@prefix ex: <http://example.org/> .",
    "@prefix kapot",
    "PREFIX sh: <http://www.w3.org/ns/shacl#>",
    "<https://w3id.org/kamervragen/id/graaf/x> { <a> <b> <c> . }",
    '""" \'\'\' } { . ; ,',
]


def _quads(data: bytes, fmt: ox.RdfFormat) -> set[ox.Quad]:
    return set(ox.parse(data, format=fmt))


def test_a_paragraph_that_starts_with_prefix_stays_in_its_literal(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    answer = "Ja.\n\n" + "\n\n".join(SYNTAX)
    path.write_text(TEXT_LETTER.read_text(encoding="utf-8").replace("Ja.", answer, 1), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["publish", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    trig, nq = (out / "data" / "kamervragen.trig").read_bytes(), (out / "data" / "kamervragen.nq").read_bytes()
    assert _quads(trig, ox.RdfFormat.TRIG) == _quads(nq, ox.RdfFormat.N_QUADS)
    from_rdflib = Dataset()
    from_rdflib.parse(data=trig, format="trig")
    texts = [str(o) for _, _, o, _ in from_rdflib.quads((None, URIRef("https://schema.org/text"), None, None))]
    kept = [t for t in texts if "@prefix" in t]
    markers = ("\n@prefix ex: <http://example.org/>", "\n@prefix kapot", "\nPREFIX sh:", "{ <a> <b> <c>", '"""')
    assert len(kept) == 1 and all(m in kept[0] for m in markers), kept
    assert not any(line.startswith(b"@prefix kapot") for line in trig.splitlines())


def _graph(text: str) -> Graph:
    g = Graph()
    g.add((URIRef("https://w3id.org/kamervragen/id/zaak/x"), URIRef("https://schema.org/text"), Literal(text)))
    return g


@pytest.mark.parametrize("text", ["a\u2028b", "a\x85b", "a\x0bb\x0cc\x1cd\x1de\x1ef", "x\r\ny", *SYNTAX])
def test_every_writer_keeps_a_literal_whole(text: str) -> None:
    g = _graph(text)
    expected = set(oxigraph_triples(g))
    name = URIRef("https://w3id.org/kamervragen/id/graaf/x")
    outputs = [(serialize_graph(g, "nt"), ox.RdfFormat.N_TRIPLES), (serialize_graph(g, "ttl"), ox.RdfFormat.TURTLE),
               (serialize_all(g, ("nt",))["nt"], ox.RdfFormat.N_TRIPLES),
               (serialize_all(g, ("ttl",))["ttl"], ox.RdfFormat.TURTLE)]
    for data, fmt in outputs:
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)} == expected
    trig, nq = serialize_trig({name: g}), serialize_nquads({name: g})
    assert _quads(trig, ox.RdfFormat.TRIG) == _quads(nq, ox.RdfFormat.N_QUADS)
    assert {ox.Triple(q.subject, q.predicate, q.object) for q in _quads(nq, ox.RdfFormat.N_QUADS)} == expected


def test_prefixes_come_from_the_terms_not_from_text() -> None:
    g = _graph("see <http://purl.org/dc/terms/title> and <http://www.w3.org/ns/prov#>")
    used = used_prefixes(oxigraph_triples(g))
    assert set(used) == {"schema", "xsd"}  # the predicate, and xsd:string the literal's datatype
    assert b"@prefix dcterms:" not in serialize_all(g, ("ttl",))["ttl"]


def test_a_construct_answer_from_a_server_is_read_as_terms_not_lines(httpserver) -> None:
    from converter.endpoint import EndpointDataset
    from converter.query import query_endpoint

    g = _graph("regel\u2028regel\x85einde")
    httpserver.expect_request("/sparql").respond_with_data(
        serialize_graph(g, "nt"), content_type="application/n-triples")
    result = query_endpoint(httpserver.url_for("/sparql"), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                            dataset=EndpointDataset())  # the letters' graphs as they are: no probe of the server
    back = {ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(result.triples.encode(), format=ox.RdfFormat.N_TRIPLES)}
    assert back == set(oxigraph_triples(g))
