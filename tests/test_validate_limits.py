"""Issue 14, point 7: `validate` parses with pyoxigraph (linear; rdflib's N-Triples parser is quadratic in a
line's length) and is bounded in size, triples and time, each with a clear message and exit code 2."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, URIRef

from converter import limits
from converter.cli import main
from converter.read import rdf
from converter.read.rdf import read_record

ROOT = Path(__file__).resolve().parents[1]
DUMP = ROOT / "output" / "data" / "kamervragen.nt.gz"
CASE = ROOT / "tests" / "cases" / "word-answer" / "expected.ttl"  # one letter's graph: a record


def _case_nt() -> str:
    return Graph().parse(CASE, format="turtle").serialize(format="nt")


def _validate(*args: str):  # noqa: ANN202
    return CliRunner().invoke(main, ["validate", *args])


def test_a_4_mb_literal_gets_a_verdict_within_the_time_limit(tmp_path: Path) -> None:
    path = tmp_path / "lang.nt"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(_case_nt())
        fh.write('<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#comment> "')
        for _ in range(4):
            fh.write("woord " * 174_763)  # 4 MB in one line, written in parts
        fh.write('"@nl .\n')
    result = _validate(str(path), "--timeout", "20")  # rdflib's N-Triples parser needed about 60 s here
    assert result.exit_code == 0, result.output
    assert "lang.nt: conforms" in result.output
    (text,) = read_record(path).objects(URIRef("https://example.org/x"))
    assert len(text) == 4 * 6 * 174_763


def test_the_same_graph_as_rdflib_parses(tmp_path: Path) -> None:
    path = tmp_path / "dump.nt"
    path.write_bytes(gzip.decompress(DUMP.read_bytes()))
    from rdflib.compare import isomorphic

    assert isomorphic(read_record(path), Graph().parse(path, format="nt"))
    turtle = tmp_path / "dump.ttl"
    turtle.write_bytes((ROOT / "output" / "data" / "kamervragen.ttl").read_bytes())
    assert isomorphic(read_record(turtle), Graph().parse(turtle, format="turtle"))


def test_too_many_triples_are_refused_while_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rdf, "MAX_RECORD_TRIPLES", 1000)  # the same check as at 500,000, on a small file
    path = tmp_path / "veel.nt"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1001):
            fh.write(f'<https://example.org/{i}> <https://schema.org/name> "n{i}" .\n')
    result = _validate(str(path), "--format", "json")
    assert result.exit_code == 2
    (error,) = json.loads(result.output)["unreadable"]
    assert error["error"].startswith(f"{path}: holds more than 1,000 triples, the most validate takes")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "groot.ttl"
    with path.open("wb") as fh:
        fh.truncate(limits.MAX_RECORD_BYTES + 1)  # sparse: never written, never read
    result = _validate(str(path))
    assert result.exit_code == 2
    assert f"{path}: the file is 100.0 MB; an RDF file may be at most 100 MB" in result.output


def test_no_verdict_within_the_time_limit_is_an_error_with_exit_2(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    path = tmp_path / "brief.nt"
    path.write_text(_case_nt(), encoding="utf-8")
    import converter.check

    real = converter.check.validator

    def slow(engine: str):  # noqa: ANN202 - a validator that takes longer than any limit below: no race
        check = real(engine)

        def validate(graph):  # noqa: ANN001, ANN202
            time.sleep(30)
            return check(graph)
        return validate

    with monkeypatch.context() as patched:
        patched.setattr(converter.check, "validator", slow)
        started = time.monotonic()
        result = _validate(str(path), "--timeout", "0.5")
        assert time.monotonic() - started < 10
    assert result.exit_code == 2, result.output
    assert f"{path}: no verdict within 0.5 s; validate smaller files" in result.output
    unbounded = _validate(str(path), "--timeout", "0")  # 0 means no limit
    assert unbounded.exit_code == 0, unbounded.output
