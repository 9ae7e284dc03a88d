"""`kamervragen validate` as a gate: every graph of a TriG or N-Quads file checked apart and named, gzipped
records read, JSON-LD read without any network connection, a file that holds no record refused, and SHACL's
verdict told apart from ours."""

from __future__ import annotations

import gzip
import json
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Dataset, Graph, URIRef

from converter.cli import main
from converter.errors import RecordError
from converter.read.rdf import read_graphs, read_record
from converter.vocab import KV, SDO

HERE = Path(__file__).resolve().parent
MINISTRY = HERE.parent / "examples" / "letters" / "pdftext-pypdf_minocw-2025Z11234.txt"
AANHANGSEL = HERE.parent / "examples" / "letters" / "pdftext-poppler_ah-tk-20232024-9001.txt"
LATE = HERE / "shapes" / "LateAnswerShape-invalid-01.ttl"  # a record with one warning and no violation
GOOD_GRAPH = URIRef("https://example.org/graaf/goed")
BAD_GRAPH = URIRef("https://example.org/graaf/kapot")


def run(*args: str | Path):  # noqa: ANN201
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    """Two conforming letters as graphs."""
    out = tmp_path_factory.mktemp("letters")
    result = run("convert", MINISTRY, AANHANGSEL, "--out", out, "--format", "ttl", "--jobs", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    return {p.stem: read_record(p) for p in out.glob("*.ttl")}


def _broken(graph: Graph) -> Graph:
    """The letter with the text of one question removed: it breaks QuestionShape-text."""
    g = Graph() + graph
    question = sorted(g.subjects(RDF.type, KV.Question))[0]
    g.remove((question, SDO.text, None))
    return g


def _dataset(letters: dict[str, Graph], fmt: str, path: Path) -> Path:
    good, other = (letters[k] for k in sorted(letters))
    ds = Dataset()
    for name, graph in ((GOOD_GRAPH, good), (BAD_GRAPH, _broken(other))):
        target = ds.graph(name)
        for triple in graph:
            target.add(triple)
    ds.serialize(path, format=fmt)
    return path


@pytest.mark.parametrize("fmt,suffix", [("trig", ".trig"), ("nquads", ".nq")])
def test_a_violation_inside_a_named_graph_is_found_and_its_graph_named(
    letters: dict[str, Graph], tmp_path: Path, fmt: str, suffix: str
) -> None:
    record = _dataset(letters, fmt, tmp_path / f"twee{suffix}")
    text = run("validate", record)
    assert text.exit_code == 1, text.output
    assert "QuestionShape-text" in text.output and f"(in graph <{BAD_GRAPH}>)" in text.output
    assert str(GOOD_GRAPH) not in text.output  # the conforming graph has nothing to report
    report = json.loads(run("validate", "--format", "json", record).stdout)["records"][0]
    assert {v["graph"] for v in report["violations"]} == {str(BAD_GRAPH)}
    assert {g["graph"]: g["no_violations"] for g in report["graphs"]} == {str(GOOD_GRAPH): True,
                                                                         str(BAD_GRAPH): False}


def test_each_graph_is_validated_apart_not_their_union(letters: dict[str, Graph], tmp_path: Path) -> None:
    """One letter split over two graphs, its answers in one and their questions in the other: together they
    conform, apart each answer points to a question that is not in its graph."""
    graph = letters[MINISTRY.stem]
    answers = {t for t in graph if t[0] in set(graph.subjects(RDF.type, KV.Answer))}
    ds = Dataset()
    for t in set(graph) - answers:
        ds.graph(GOOD_GRAPH).add(t)
    for t in answers:
        ds.graph(BAD_GRAPH).add(t)
    path = tmp_path / "gesplitst.trig"
    ds.serialize(path, format="trig")
    assert [name for name, _ in read_graphs(path)] == [str(GOOD_GRAPH), str(BAD_GRAPH)]
    assert run("validate", path).exit_code == 1


def test_the_default_graph_is_validated_and_named_too(letters: dict[str, Graph], tmp_path: Path) -> None:
    ds = Dataset()
    for t in _broken(letters[MINISTRY.stem]):
        ds.add(t)  # the default graph
    for t in letters[AANHANGSEL.stem]:
        ds.graph(GOOD_GRAPH).add(t)
    path = tmp_path / "standaard.trig"
    ds.serialize(path, format="trig")
    result = run("validate", path)
    assert result.exit_code == 1 and "(in the default graph)" in result.output
    report = json.loads(run("validate", "--format", "json", path).stdout)["records"][0]
    assert {v["graph"] for v in report["violations"]} == {None}


def test_gzipped_records_are_read(letters: dict[str, Graph], tmp_path: Path) -> None:
    good = tmp_path / "goed.nt.gz"
    good.write_bytes(gzip.compress(letters[MINISTRY.stem].serialize(format="nt", encoding="utf-8")))
    bad = tmp_path / "kapot.ttl.gz"
    bad.write_bytes(gzip.compress(_broken(letters[MINISTRY.stem]).serialize(format="turtle", encoding="utf-8")))
    assert run("validate", good).exit_code == 0
    result = run("validate", bad)
    assert result.exit_code == 1 and "QuestionShape-text" in result.output
    not_gzip = tmp_path / "nep.nt.gz"
    not_gzip.write_bytes(b"<a> <b> <c> .\n")
    result = run("validate", not_gzip)
    assert result.exit_code == 2 and "nep.nt.gz: not a valid gzip file" in result.stderr


def test_the_published_dumps_are_read() -> None:
    data = HERE.parent / "output" / "data"
    sizes = {name: len(read_record(data / name))
             for name in ("kamervragen.nt.gz", "kamervragen.ttl", "kamervragen.trig", "kamervragen.nq")}
    assert len(set(sizes.values())) == 1 and sizes["kamervragen.ttl"] > 100, sizes
    assert len(read_graphs(data / "kamervragen.trig")) > 1


def test_an_empty_record_or_one_without_a_letter_is_no_record(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.ttl"
    empty.write_text("", encoding="utf-8")
    only_prefixes = tmp_path / "prefixen.ttl"
    only_prefixes.write_text("@prefix kv: <https://w3id.org/kamervragen/def#> .\n", encoding="utf-8")
    no_letter = tmp_path / "geen-brief.ttl"
    no_letter.write_text('<https://example.org/p> a <https://schema.org/Person> ; '
                         '<https://schema.org/name> "Jansen" .\n', encoding="utf-8")
    for path in (empty, only_prefixes, no_letter):
        result = run("validate", path)
        assert result.exit_code == 2, (path.name, result.output)
        assert f"{path.name}:" in result.stderr and "a record holds at least one" in result.stderr
    report = json.loads(run("validate", "--format", "json", empty).stdout)
    assert report["records"] == [] and "holds no triples" in report["unreadable"][0]["error"]


def test_json_tells_shacl_verdict_from_ours() -> None:
    result = run("validate", "--format", "json", LATE)
    assert result.exit_code == 0  # warnings only
    report = json.loads(result.stdout)["records"][0]
    assert report["shacl_conforms"] is False  # sh:conforms: any result, warnings included
    assert report["no_violations"] is True and report["conforms"] is True
    assert [w["shape"].rsplit("#", 1)[-1] for w in report["warnings"]] == ["LateAnswerShape"]


class _Connected(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every attempt to open a connection is recorded and fails."""
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise _Connected(f"a network connection was attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    return attempts


REMOTE = "http://contexts.example.org/ctx.jsonld"


@pytest.mark.parametrize("where", ["term-scoped", "type-scoped", "top", "nested node", "@import"])
def test_no_jsonld_read_touches_the_network(tmp_path: Path, no_network: list[object], where: str) -> None:
    context: dict[str, object] = {"@vocab": "https://schema.org/", "kv": "https://w3id.org/kamervragen/def#"}
    node: dict[str, object] = {"@id": "https://example.org/brief", "@type": "kv:AnswerLetter",
                               "about": {"@id": "https://example.org/x", "name": "X"}}
    if where == "term-scoped":
        context["about"] = {"@id": "https://schema.org/about", "@context": REMOTE}
    elif where == "type-scoped":
        context["kv:AnswerLetter"] = {"@id": "https://w3id.org/kamervragen/def#AnswerLetter", "@context": REMOTE}
    elif where == "top":
        context = REMOTE  # type: ignore[assignment]
    elif where == "nested node":
        node["about"] = {"@context": [REMOTE], "@id": "https://example.org/x", "name": "X"}
    else:
        context["@import"] = REMOTE
    path = tmp_path / "scoped.jsonld"
    path.write_text(json.dumps({"@context": context, **node}), encoding="utf-8")
    with pytest.raises(RecordError, match="remote JSON-LD context") as caught:
        read_record(path)
    assert REMOTE in str(caught.value) and "scoped.jsonld" in str(caught.value)
    result = run("validate", path)
    assert result.exit_code == 2 and "never fetches contexts" in result.stderr
    assert no_network == [], "reading JSON-LD opened a network connection"


def test_our_own_jsonld_still_reads_offline(letters: dict[str, Graph], tmp_path: Path,
                                            no_network: list[object]) -> None:
    out = tmp_path / "out"
    assert run("convert", MINISTRY, "--out", out, "--format", "jsonld,ttl", "--jobs", "1",
               "--no-progress").exit_code == 0
    from rdflib.compare import isomorphic

    stem = MINISTRY.stem
    assert isomorphic(read_record(out / f"{stem}.jsonld"), read_record(out / f"{stem}.ttl"))
    assert run("validate", out / f"{stem}.jsonld").exit_code == 0
    assert no_network == []
