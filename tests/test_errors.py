"""Bad input: a clear message naming the file, exit code 2, no output file, earlier output left alone."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from converter.cli import main
from converter.errors import InputError, RecordError
from converter.read import read_letter
from converter.read.rdf import read_record

HERE = Path(__file__).resolve().parent
GOOD = HERE.parent / "examples" / "letters" / "pdftext-poppler_ah-tk-20232024-9001.txt"

NO_QUESTIONS = """Tweede Kamer der Staten-Generaal

Aanhangsel van de Handelingen

9004
Vragen van het lid Van Dalsum (NSC) aan de Minister van Infrastructuur en
Waterstaat over de dienstregeling van de veerboot (ingezonden 5 maart 2024).
Antwoord van Minister Hoekstra-Brink (Infrastructuur en Waterstaat) (ontvangen
15 april 2024).
De antwoorden volgen zo spoedig mogelijk.
"""

BAD_INPUTS = {
    "empty": b"",
    "blank": b"  \n\n\t\n",
    "binary": bytes(range(256)) * 40,
    "pdf-named-txt": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "no-letter": b"Boodschappenlijst\n\nmelk\nbrood\n2 kilo appels\nkaas\n",
    "no-questions": NO_QUESTIONS.encode(),
}


def run(*args: str | Path) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write_input(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / "in" / f"pdftext-poppler_{kind}.txt"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(BAD_INPUTS[kind])
    return path


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_reader_raises_input_error_naming_the_file(tmp_path: Path, kind: str) -> None:
    path = write_input(tmp_path, kind)
    with pytest.raises(InputError) as caught:
        read_letter(path)
    message = str(caught.value)
    assert str(path) in message
    assert "expected" in message or "not" in message, message


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_convert_bad_input_exits_2_and_writes_nothing(tmp_path: Path, kind: str) -> None:
    path = write_input(tmp_path, kind)
    out = tmp_path / "out"
    result = run("convert", path, "--out", out, "--jobs", "1", "--no-progress")
    assert result.exit_code == 2, result.output
    assert path.name in result.stderr
    assert not list(out.glob(f"{path.stem}*")), "a failed letter left an output file"


def test_missing_path_exits_2_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nergens" / "brief.txt"
    out = tmp_path / "out"
    result = run("convert", missing, "--out", out)
    assert result.exit_code == 2
    assert "brief.txt" in result.output and "does not exist" in result.output
    assert not out.exists()
    with pytest.raises(InputError, match="brief.txt"):
        read_letter(missing)


def test_failing_run_leaves_earlier_output_alone(tmp_path: Path) -> None:
    letter = tmp_path / "in" / GOOD.name
    letter.parent.mkdir()
    shutil.copy(GOOD, letter)
    out = tmp_path / "out"
    first = run("convert", letter, "--out", out, "--jobs", "1", "--no-progress")
    assert first.exit_code == 0, first.output
    earlier = {p.name: p.read_bytes() for p in out.glob(f"{letter.stem}.*")}
    assert set(earlier) == {f"{letter.stem}.{fmt}" for fmt in ("ttl", "jsonld", "nt")}

    letter.write_bytes(BAD_INPUTS["no-letter"])  # the same file, now broken
    second = run("convert", letter, "--out", out, "--jobs", "1", "--no-progress", "--force")
    assert second.exit_code == 2
    assert letter.name in second.stderr
    assert {p.name: p.read_bytes() for p in out.glob(f"{letter.stem}.*")} == earlier
    assert not [p.name for p in out.iterdir() if p.name.endswith(".part")], "a temporary file was left behind"


def test_remote_jsonld_context_is_refused_without_fetching(tmp_path: Path, httpserver: HTTPServer) -> None:
    context = {"@context": {"name": "https://schema.org/name"}}
    httpserver.expect_request("/context.jsonld").respond_with_json(context)
    remote = httpserver.url_for("/context.jsonld")
    record = tmp_path / "remote.jsonld"
    record.write_text(json.dumps({"@context": remote, "@id": "https://example.org/x", "name": "X"}),
                      encoding="utf-8")

    with pytest.raises(RecordError, match="remote"):
        read_record(record)
    result = run("validate", record)
    assert result.exit_code == 2
    assert "remote.jsonld" in result.stderr and remote in result.stderr
    assert httpserver.log == [], "the JSON-LD context was fetched from the network"


def test_remote_context_nested_in_a_node_is_refused_too(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/ctx").respond_with_json({"@context": {}})
    record = tmp_path / "nested.jsonld"
    record.write_text(json.dumps({"@context": {"@vocab": "https://schema.org/"}, "@graph": [
        {"@id": "https://example.org/y", "@context": [httpserver.url_for("/ctx")], "name": "Y"}]}),
        encoding="utf-8")
    with pytest.raises(RecordError, match="remote"):
        read_record(record)
    assert httpserver.log == []
