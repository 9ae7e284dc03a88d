"""The `kamervragen` command line through click's CliRunner: files written, exit codes, options honoured."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, URIRef
from rdflib.compare import isomorphic

from converter.cli import main
from converter.graph import TOOL_IRI
from converter.read.rdf import read_record
from converter.vocab import KV, SDO

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "letters"
AANHANGSEL = EXAMPLES / "pdftext-poppler_ah-tk-20232024-9001.txt"
MINISTRY = EXAMPLES / "pdftext-pypdf_minocw-2025Z11234.txt"


def run(*args: str | Path) -> object:
    """Run the CLI in-process; stdout and stderr kept apart."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def convert(tmp_path: Path, *args: str | Path) -> tuple[object, Path]:
    out = tmp_path / "out"
    result = run("convert", *args, "--out", out, "--jobs", "1", "--no-progress")
    return result, out


def written_letters(out: Path, suffix: str) -> list[str]:
    return sorted(p.name for p in out.glob(f"*{suffix}"))


def test_convert_one_file_writes_three_formats_holding_the_same_graph(tmp_path: Path) -> None:
    result, out = convert(tmp_path, AANHANGSEL)
    assert result.exit_code == 0, result.output
    stem = AANHANGSEL.stem
    graphs = {fmt: read_record(out / f"{stem}.{fmt}") for fmt in ("ttl", "jsonld", "nt")}
    assert len(graphs["ttl"]) > 50
    assert isomorphic(graphs["ttl"], graphs["jsonld"]), "JSON-LD parses back to a different graph than Turtle"
    assert isomorphic(graphs["ttl"], graphs["nt"])
    questions = set(graphs["ttl"].subjects(RDF.type, KV.Question))
    assert len(questions) == 6


def test_convert_a_folder_converts_every_letter(tmp_path: Path) -> None:
    result, out = convert(tmp_path, EXAMPLES, "--format", "ttl")
    assert result.exit_code == 0, result.output
    letters = sorted(p.stem for p in EXAMPLES.iterdir() if p.suffix in {".txt", ".docx", ".xml", ".pdf"})
    assert len(letters) >= 9  # text in several extractions, a Word letter, a PDF and the official XML
    assert sorted(Path(n).stem for n in written_letters(out, ".ttl")) == letters
    assert not written_letters(out, ".jsonld") and not written_letters(out, ".nt")


def test_format_option_picks_the_files_written(tmp_path: Path) -> None:
    result, out = convert(tmp_path, MINISTRY, "--format", "nt,jsonld")
    assert result.exit_code == 0, result.output
    assert {p.suffix for p in out.glob(f"{MINISTRY.stem}.*")} == {".nt", ".jsonld"}


@pytest.mark.parametrize("bad", ["xml", "ttl,rdfxml", ","])
def test_unknown_format_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    result, out = convert(tmp_path, MINISTRY, "--format", bad)
    assert result.exit_code == 2
    assert "--format" in result.output
    assert not list(out.glob(f"{MINISTRY.stem}.*"))


def test_base_iri_is_used_for_every_resource_minted(tmp_path: Path) -> None:
    base = "http://example.org/kv/"
    result, out = convert(tmp_path, MINISTRY, "--format", "ttl", "--base-iri", base)
    assert result.exit_code == 0, result.output
    graph = Graph().parse(out / f"{MINISTRY.stem}.ttl")
    minted = {s for s in graph.subjects() if isinstance(s, URIRef) and s != TOOL_IRI}
    assert minted and all(str(s).startswith(base) for s in minted), sorted(minted)[:5]
    assert (URIRef(base + "zaak/2025Z11234"), RDF.type, KV.WrittenQuestions) in graph


@pytest.mark.parametrize("bad", ["not an iri", "ftp://example.org/", "example.org/kv/"])
def test_bad_base_iri_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    result, out = convert(tmp_path, MINISTRY, "--base-iri", bad)
    assert result.exit_code == 2
    assert "--base-iri" in result.output
    assert not out.exists() or not any(out.iterdir())


def test_batch_with_one_bad_letter_converts_the_others_and_exits_2(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for letter in (AANHANGSEL, MINISTRY):
        shutil.copy(letter, inbox / letter.name)
    (inbox / "kapot_brief.txt").write_text("Boodschappenlijst:\nmelk\nbrood\nkaas\n", encoding="utf-8")
    result, out = convert(tmp_path, inbox, "--format", "ttl")
    assert result.exit_code == 2
    assert "kapot_brief.txt" in result.stderr
    assert written_letters(out, ".ttl") == sorted(f"{p.stem}.ttl" for p in (AANHANGSEL, MINISTRY))
    assert not list(out.glob("kapot_brief*"))


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A conforming Turtle record of the ministry letter."""
    out = tmp_path_factory.mktemp("record")
    result = run("convert", MINISTRY, "--out", out, "--format", "ttl,jsonld", "--jobs", "1", "--no-progress")
    assert result.exit_code == 0, result.output
    return out / f"{MINISTRY.stem}.ttl"


def broken_copy(record: Path, tmp_path: Path) -> Path:
    """The record with the text of question 1 removed: it breaks QuestionShape-text."""
    graph = Graph().parse(record)
    question = next(q for q in graph.subjects(RDF.type, KV.Question) if str(q).endswith("/vraag/1"))
    graph.remove((question, SDO.text, None))
    path = tmp_path / "broken.ttl"
    graph.serialize(path, format="turtle")
    return path


def test_validate_conforming_record_exits_0(record: Path) -> None:
    result = run("validate", record, record.with_suffix(".jsonld"))
    assert result.exit_code == 0, result.output
    assert result.output.count("conforms") == 2


def test_validate_broken_record_exits_1_naming_the_rule(record: Path, tmp_path: Path) -> None:
    result = run("validate", broken_copy(record, tmp_path))
    assert result.exit_code == 1
    assert "QuestionShape-text" in result.output
    assert "/vraag/1" in result.output


def test_validate_unreadable_record_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.ttl"
    bad.write_text("<a> <b> \"unterminated .\n", encoding="utf-8")
    result = run("validate", bad)
    assert result.exit_code == 2
    assert "kapot.ttl" in result.stderr


def test_validate_json_report_structure(record: Path, tmp_path: Path) -> None:
    broken = broken_copy(record, tmp_path)
    bad = tmp_path / "kapot.nt"
    bad.write_text("this is not N-Triples\n", encoding="utf-8")
    result = run("validate", "--format", "json", record, broken, bad)
    assert result.exit_code == 2  # unreadable wins over not conforming
    report = json.loads(result.stdout)
    assert set(report) == {"records", "unreadable"}
    by_file = {Path(r["file"]).name: r for r in report["records"]}
    assert by_file[record.name]["conforms"] is True and by_file[record.name]["violations"] == []
    assert by_file["broken.ttl"]["conforms"] is False
    violation = by_file["broken.ttl"]["violations"][0]
    assert set(violation) == {"severity", "focus", "shape", "path", "value", "message", "graph"}
    assert violation["graph"] is None  # a Turtle file has only the default graph
    assert violation["severity"] == "Violation"
    assert violation["shape"].endswith("#QuestionShape-text")
    assert violation["focus"].endswith("/vraag/1") and violation["message"]
    assert [Path(u["file"]).name for u in report["unreadable"]] == ["kapot.nt"]
    assert "kapot.nt" in report["unreadable"][0]["error"]


def test_validate_bad_report_format_is_a_usage_error(record: Path) -> None:
    result = run("validate", "--format", "yaml", record)
    assert result.exit_code == 2


def test_written_files_are_readable_like_any_new_file(tmp_path: Path) -> None:
    """Output gets the mode the umask gives a new file (a web server must read it), not mkstemp's 0600."""
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    letter = sorted((Path(__file__).parents[1] / "examples" / "letters").glob("*.txt"))[0]
    result = CliRunner().invoke(main, ["convert", str(letter), "--out", str(tmp_path), "--format", "ttl"])
    assert result.exit_code == 0, result.output
    written = tmp_path / f"{letter.stem}.ttl"
    assert written.stat().st_mode & 0o777 == 0o666 & ~umask
