"""`kamervragen validate` validates with pyshacl-turbo by default and reports exactly what pySHACL
(`--engine reference`) reports: on the shape tests, the examples (each named graph of the published TriG apart),
a sample of the real letters and deliberately broken records. Compared as the JSON report, with blank node
labels (fresh on every parse) set aside."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF

from converter.cli import main
from converter.fastpath import available
from converter.vocab import KV, SDO

ROOT = Path(__file__).resolve().parents[1]
SHAPE_TESTS = sorted((ROOT / "tests" / "shapes").glob("*.ttl"))
EXAMPLES = ROOT / "examples" / "letters"
PUBLISHED = ROOT / "output" / "data"
CORPUS = ROOT.parent / "shared" / "corpus" / "letters"
# labels of blank nodes, new on every parse: rdflib's (n + 32 hex digits + b + a number) and pyoxigraph's (hex)
_BNODE = re.compile(r"^(?:[nN][0-9a-fA-F]{32}(b\d+)?|[0-9a-f]{16,32})$")

pytestmark = pytest.mark.skipif(not available(), reason="pyshacl-turbo is not installed")


def _report(engine: str, records: list[Path]) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["validate", "--format", "json", "--engine", engine, *map(str, records)],
                                catch_exceptions=False)
    return result.exit_code, json.loads(result.stdout)


def _comparable(report: dict) -> dict:
    """The report with blank node labels replaced by '_:b' and each list of findings sorted."""

    def clean(node: object) -> object:
        if isinstance(node, dict):
            return {k: clean(v) for k, v in node.items()}
        if isinstance(node, list):
            return sorted((clean(v) for v in node), key=lambda v: json.dumps(v, sort_keys=True))
        if isinstance(node, str) and _BNODE.match(node):
            return "_:b"
        return node

    return clean(report)  # type: ignore[return-value]


def _same_findings(records: list[Path]) -> dict:
    fast_code, fast = _report("fast", records)
    reference_code, reference = _report("reference", records)
    assert fast_code == reference_code
    assert _comparable(fast) == _comparable(reference)
    return fast


def test_shape_tests_same_findings() -> None:
    report = _same_findings(SHAPE_TESTS)
    verdicts = {Path(r["file"]).name: r["no_violations"] for r in report["records"]}
    # the comparison is not empty-handed: the invalid examples do break a shape (warnings aside)
    assert any(not ok for name, ok in verdicts.items() if "-invalid-" in name)
    assert all(ok for name, ok in verdicts.items() if "-valid-" in name)
    assert sum(len(r["violations"]) + len(r["warnings"]) for r in report["records"]) > 50


def test_examples_each_named_graph_same_findings() -> None:
    report = _same_findings([PUBLISHED / "kamervragen.trig", PUBLISHED / "kamervragen.nq"])
    assert all(len(r["graphs"]) > 5 for r in report["records"])  # each letter's graph apart


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The examples and every sixth real letter (where ../shared has them), converted into Turtle records."""
    letters = sorted(EXAMPLES.glob("*.txt")) + (sorted(CORPUS.glob("*.txt"))[::6] if CORPUS.is_dir() else [])
    out = tmp_path_factory.mktemp("records")
    CliRunner().invoke(main, ["convert", *map(str, letters), "--out", str(out), "--format", "ttl", "-j", "1",
                              "-q", "--no-progress"])
    records = sorted(out.glob("*.ttl"))
    assert len(records) >= 5
    return records


def test_converted_examples_same_findings(converted: list[Path]) -> None:
    stems = {p.stem for p in EXAMPLES.glob("*.txt")}
    _same_findings([p for p in converted if p.stem in stems])


def test_corpus_sample_same_findings(converted: list[Path]) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"needs the real letters in {CORPUS} (../shared)")
    stems = {p.stem for p in EXAMPLES.glob("*.txt")}
    sample = [p for p in converted if p.stem not in stems]
    assert len(sample) > 8
    _same_findings(sample)


def _broken(graph: Graph) -> list[Graph]:
    """The letter's graph with one deliberate fault each."""
    question = sorted(graph.subjects(RDF.type, KV.Question))[0]
    faults = []
    for change in (
        lambda g: g.remove((question, SDO.text, None)),
        lambda g: g.set((question, SDO.position, Literal("een"))),
        lambda g: g.set((question, SDO.text, Literal("Kent u het bericht?1"))),
        lambda g: g.remove((None, URIRef("http://purl.org/dc/terms/isPartOf"), None)),
        lambda g: g.remove((None, RDF.type, KV.Answer)),
    ):
        g = Graph() + graph
        change(g)
        faults.append(g)
    return faults


def test_broken_records_same_findings(converted: list[Path], tmp_path: Path) -> None:
    graph = Graph().parse(converted[0], format="turtle")
    records, ds = [], Dataset()
    for n, g in enumerate(_broken(graph)):
        records.append(tmp_path / f"kapot-{n}.ttl")
        g.serialize(records[-1], format="turtle")
        for triple in g:
            ds.graph(URIRef(f"https://example.org/graaf/kapot-{n}")).add(triple)
    ds.serialize(tmp_path / "kapot.trig", format="trig")
    report = _same_findings([*records, tmp_path / "kapot.trig"])
    assert not any(r["no_violations"] for r in report["records"])  # every fault is caught
