"""Converting a folder: a process pool, failures isolated and reported, a second run skipping unchanged
letters,
and the fast engines (pyoxigraph, pyshacl-turbo) agreeing with the reference (rdflib, pySHACL)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic
from rdflib.namespace import RDF

from converter.batch import MANIFEST, REPORT
from converter.cli import main
from converter.fastpath import available, serialize_all, validate_fast
from converter.graph import build_graph
from converter.publish import serialize_graph
from converter.read import read_letter
from converter.validate import validate_graph

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "letters"
SDO = "https://schema.org/"
KV = "https://w3id.org/kamervragen/def#"


def example_letters() -> list[Path]:
    letters = sorted(p for p in EXAMPLES.glob("*.txt"))
    if not letters:
        pytest.skip(f"no example letters in {EXAMPLES}")
    return letters


def convertible(limit: int = 3) -> list[Path]:
    """Example letters whose graph conforms (the reader is still being improved)."""
    good = [p for p in example_letters() if validate_fast(build_graph(read_letter(p))).conforms]
    if not good:
        pytest.skip("no example letter converts cleanly yet")
    return good[:limit]


def run(*args: str):  # noqa: ANN202
    return CliRunner().invoke(main, ["convert", *args])


def test_folder_with_a_bad_letter_converts_the_rest(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    for path in convertible():
        shutil.copy(path, inbox)
    (inbox / "kapot.pdf").write_bytes(b"%PDF-1.7\nnot really")
    out = tmp_path / "out"
    result = run(str(inbox), "--out", str(out), "-j", "2", "--format", "ttl")
    assert result.exit_code == 2, result.output
    report = json.loads((out / REPORT).read_text())
    assert report["converted"] == len(list(inbox.glob("*.txt")))
    assert [f["file"] for f in report["failures"]] == [str(inbox / "kapot.pdf")]
    assert "not a readable PDF" in report["failures"][0]["reason"]
    assert not list(out.glob("kapot.*"))
    assert "failed: " in result.output and "report:" in result.output


def test_second_run_skips_unchanged_letters_and_redoes_changed_ones(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    letters = [shutil.copy(p, inbox) for p in convertible(2)]
    out = tmp_path / "out"
    assert run(str(inbox), "--out", str(out), "-j", "1").exit_code == 0
    assert json.loads((out / REPORT).read_text())["converted"] == len(letters)
    assert len((out / MANIFEST).read_text().splitlines()) == len(letters)

    assert run(str(inbox), "--out", str(out), "-j", "1").exit_code == 0
    report = json.loads((out / REPORT).read_text())
    assert (report["converted"], report["skipped_unchanged"]) == (0, len(letters))

    changed = Path(letters[0])
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (out / f"{Path(letters[-1]).stem}.nt").unlink()  # an output lost: that letter is done again too
    assert run(str(inbox), "--out", str(out), "-j", "1").exit_code == 0
    report = json.loads((out / REPORT).read_text())
    assert report["converted"] == min(2, len(letters))

    assert run(str(inbox), "--out", str(out), "-j", "1", "--force").exit_code == 0
    assert json.loads((out / REPORT).read_text())["converted"] == len(letters)


def test_interrupted_run_resumes_from_the_manifest(tmp_path: Path) -> None:
    inbox = tmp_path / "in"
    inbox.mkdir()
    letters = [Path(shutil.copy(p, inbox)) for p in convertible(3)]
    if len(letters) < 2:
        pytest.skip("needs two convertible example letters")
    out = tmp_path / "out"
    assert run(str(letters[0]), "--out", str(out), "-j", "1").exit_code == 0  # as if stopped after one
    with (out / MANIFEST).open("a") as fh:
        fh.write('{"input": "cut sho')  # the line being written when the run was killed
    assert run(str(inbox), "--out", str(out), "-j", "2").exit_code == 0
    report = json.loads((out / REPORT).read_text())
    assert (report["skipped_unchanged"], report["converted"]) == (1, len(letters) - 1)


def test_a_broken_graph_never_overwrites_good_output(tmp_path: Path) -> None:
    letter = convertible(1)[0]
    out = tmp_path / "out"
    assert run(str(letter), "--out", str(out), "-j", "1").exit_code == 0
    good = (out / f"{letter.stem}.ttl").read_bytes()
    broken = tmp_path / letter.name
    broken.write_text("dit is geen brief\n", encoding="utf-8")
    result = run(str(broken), "--out", str(out), "-j", "1")
    assert result.exit_code == 2
    assert (out / f"{letter.stem}.ttl").read_bytes() == good


# --- the fast engines against the reference


@pytest.mark.skipif(not available(), reason="pyshacl-turbo is not installed")
def test_fast_serialisation_writes_the_same_graphs() -> None:
    for path in example_letters():
        try:
            graph = build_graph(read_letter(path))
        except Exception:  # noqa: BLE001 - a letter the reader cannot read yet is not this test's concern
            continue
        fast = serialize_all(graph, ("ttl", "jsonld", "nt"))
        for fmt, parser in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")):
            reference = Graph().parse(data=serialize_graph(graph, fmt), format=parser)
            written = Graph().parse(data=fast[fmt], format=parser)
            _, only_ref, only_fast = graph_diff(reference, written)
            assert isomorphic(reference, written), (
                f"{path.name} {fmt}: {only_ref.serialize()} {only_fast.serialize()}"
            )


def _broken_variants(graph: Graph) -> list[tuple[str, Graph]]:
    """The letter's graph with one deliberate fault each."""
    variants = []
    question = next(graph.subjects(RDF.type, URIRef(KV + "Question")))
    g = Graph() + graph
    g.remove((question, URIRef(SDO + "text"), None))
    variants.append(("question without text", g))
    g = Graph() + graph
    g.set((question, URIRef(SDO + "position"), Literal("een")))
    variants.append(("position not an integer", g))
    g = Graph() + graph
    g.set((question, URIRef(SDO + "text"), Literal("Kent u het bericht?1")))
    variants.append(("footnote digit glued to the text", g))
    g = Graph() + graph
    g.remove((None, URIRef("http://purl.org/dc/terms/isPartOf"), None))
    variants.append(("parts without their whole", g))
    return variants


@pytest.mark.skipif(not available(), reason="pyshacl-turbo is not installed")
def test_fast_validation_finds_exactly_what_pyshacl_finds() -> None:
    letter = convertible(1)[0]
    graph = build_graph(read_letter(letter))
    cases = [("valid", graph), *_broken_variants(graph)]
    for name, data in cases:
        reference, fast = validate_graph(data), validate_fast(data)
        assert fast.conforms == reference.conforms, name
        assert fast.findings == reference.findings, name
        if name != "valid":
            assert not fast.conforms, f"{name}: a letter that violates a shape must be caught"
