"""Golden tests: each tests/cases/<slug>/letter.txt converts to the graph in expected.ttl, compared as graphs.

Run `python -m pytest tests/test_golden.py --update-golden` to rewrite expected.ttl from the converter, then
read the diff: every value must be what a careful reader of the letter expects. A case the converter gets
wrong keeps its hand-corrected expected.ttl and is listed in KNOWN_FAILURES until the reader is fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from converter.graph import TOOL_IRI, bind_prefixes
from converter.pipeline import convert_letter

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXAMPLES = HERE.parent / "examples" / "letters"

# slug -> what the converter gets wrong (expected.ttl holds the right answer, written by hand)
KNOWN_FAILURES: dict[str, str] = {}


SDO = Namespace("https://schema.org/")


def comparable(graph: Graph) -> Graph:
    """The graph without the converter's version number, which is no fact about the letter."""
    out = bind_prefixes(Graph()) + graph
    out.remove((TOOL_IRI, SDO.softwareVersion, None))
    return bind_prefixes(out)


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "letter.txt").is_file())


def _params() -> list[object]:
    out = []
    for case in case_dirs():
        marks = []
        if case.name in KNOWN_FAILURES:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_FAILURES[case.name]))
        out.append(pytest.param(case, id=case.name, marks=marks))
    return out


def describe_diff(expected: Graph, produced: Graph) -> str:
    """The triples only one side has, as sorted N-Triples lines (blank nodes canonicalised)."""
    _, only_expected, only_produced = graph_diff(to_isomorphic(expected), to_isomorphic(produced))

    def lines(g: Graph) -> str:
        return "\n".join(sorted(g.serialize(format="nt").strip().splitlines())) or "(none)"

    return (f"missing (in expected.ttl only):\n{lines(only_expected)}\n\n"
            f"unexpected (produced only):\n{lines(only_produced)}")


@pytest.mark.parametrize("case", _params())
def test_golden(case: Path, update_golden: bool) -> None:
    converted = convert_letter(case / "letter.txt")
    produced = comparable(converted.graph)
    expected_path = case / "expected.ttl"
    if update_golden and case.name not in KNOWN_FAILURES:
        expected_path.write_bytes(produced.serialize(format="turtle", encoding="utf-8"))
    assert expected_path.is_file(), f"{expected_path} is missing: run pytest with --update-golden and read it"
    expected = Graph().parse(expected_path, format="turtle")
    assert isomorphic(expected, produced), (
        f"{case.name}: graph differs from expected.ttl\n" + describe_diff(expected, produced))
    assert converted.report.conforms, [f.as_dict() for f in converted.report.violations]


def test_every_example_is_a_golden_case() -> None:
    """The bundled examples (README quick start) are each pinned by a golden case, byte for byte."""
    cases = {(c / "letter.txt").read_bytes() for c in case_dirs()}
    examples = sorted(EXAMPLES.glob("*.txt"))
    assert examples, f"no example letters in {EXAMPLES}"
    missing = [e.name for e in examples if e.read_bytes() not in cases]
    assert not missing, f"examples without a golden case in {CASES}: {missing}"
