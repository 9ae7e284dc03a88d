"""Official-publication citations in the real letters get their exact identifier.

tests/data/official-citations.tsv lists, by hand, every citation of an official publication in
../shared/corpus/letters (footnotes, the running text of questions and answers, the "Zie ook" pointer) with the
identifier it should give. This converts those letters and measures the share of identifiers the graphs carry
where the citation stands. Skipped, saying so, where the corpus is absent."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import RDF, Graph
from rdflib.namespace import DCTERMS

from converter.graph import build_graph
from converter.read import read_letter
from converter.sources import find_publications
from converter.vocab import KV

LETTERS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "letters"
CITATIONS = Path(__file__).parent / "data" / "official-citations.tsv"
# Measured 2026-12-03: 135/136 (the miss is a footnote whose opening words the extraction lost); raise it as
# resolution improves, never lower it.
SHARE_FLOOR = 0.98

pytestmark = [pytest.mark.corpus]


def _rows() -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for line in CITATIONS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, place, text, ids = line.split("\t")
            rows.append((name, place, text, ids.split()))
    return rows


def _cited(g: Graph, place: str) -> set[str]:
    """The identifiers of the works cited at a place of a letter's graph."""
    kind, _, number = place.partition(" ")
    if kind == "footnote":
        citing = [n for n in g.subjects(RDF.type, KV.Footnote) if str(g.value(n, KV.footnoteNumber)) == number]
    elif kind == "text":
        citing = [*g.subjects(RDF.type, KV.Question), *g.subjects(RDF.type, KV.Answer)]
    else:
        citing = [*g.subjects(RDF.type, KV.AnswerLetter), *g.subjects(RDF.type, KV.DelayNotice)]
    works = {w for n in citing for w in g.objects(n, DCTERMS.references)}
    return {str(i) for w in works for i in g.objects(w, DCTERMS.identifier)}


def measure() -> tuple[int, int, list[str]]:
    """(identifiers found, identifiers expected, what was missed)."""
    graphs: dict[str, Graph] = {}
    found, expected, missed = 0, 0, []
    by_letter = defaultdict(list)
    for row in _rows():
        by_letter[row[0]].append(row)
    for name, rows in sorted(by_letter.items()):
        graphs[name] = build_graph(read_letter(LETTERS / name))
        for _, place, text, ids in rows:
            have = _cited(graphs[name], place)
            expected += len(ids)
            found += sum(i in have for i in ids)
            missed += [f"{name} {place}: {i} from {text!r}" for i in ids if i not in have]
    return found, expected, missed


def test_official_citations_in_the_corpus_get_their_identifier() -> None:
    if not LETTERS.is_dir():
        pytest.skip(f"needs {LETTERS}, which is absent (the real corpus lives in ../shared, not in the project)")
    found, expected, missed = measure()
    share = found / expected
    print(f"official citations resolved exactly: {found}/{expected} = {share:.3f}")
    assert expected >= 100, "the hand-made list lost rows"
    assert share >= SHARE_FLOOR, "\n".join(missed)


def test_each_listed_citation_as_written_gives_exactly_its_identifiers() -> None:
    """The parser alone, on the citation strings of the list (no reader in between): exact sets."""
    rows = _rows()
    wrong = []
    for name, place, text, ids in rows:
        got = [p.identifier for p in find_publications(text.replace("\\n", "\n"))[0]]
        if got != ids:
            wrong.append(f"{name} {place}: {text!r} gave {got}, expected {ids}")
    print(f"citations resolved exactly as written: {len(rows) - len(wrong)}/{len(rows)}")
    assert not wrong, "\n".join(wrong)
