"""Named queries rewritten for speed (issue 15) give the rows their first, plainer form gave: both run on the
same embedded store, holding the published examples plus invented letters that reach every branch the rewrite
changed (a work cited in several letters whose graphs disagree on its facts, both kinds of delay notice).
The plainer forms are kept in tests/data/query-reference/ (they took minutes at 10,000 letters)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fixtures.sparql.dataset import published_dataset

from converter.query import run_query
from converter.sparql import named_queries
from converter.store import DUMP, open_store

REFERENCE = Path(__file__).parent / "data" / "query-reference"
KV, DCT, SDO = "https://w3id.org/kamervragen/def#", "http://purl.org/dc/terms/", "https://schema.org/"
TYPE, XSD = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2001/XMLSchema#"


def _extra_quads() -> str:
    work, lines = "<urn:x-work:article>", []
    for i, name in enumerate(["Beta", "Alfa", "Gamma"]):  # the same work, its facts differing per letter
        g, citing = f"<urn:x-graph:{i}>", f"<urn:x-letter:{i}>"
        lines += [f"{citing} <{DCT}references> {work} {g} .", f"{work} <{TYPE}> <{SDO}CreativeWork> {g} .",
                  f"{work} <{SDO}name> \"{name}\" {g} .", f"{work} <{DCT}identifier> \"id-{2 - i}\" {g} .",
                  f"{work} <{SDO}url> <https://example.org/{i}> {g} ."]
    lines.append(f"{work} <{TYPE}> <{SDO}NewsArticle> <urn:x-graph:1> .")
    for i, how in enumerate(["linked", "notice", "none"]):  # late letters: each way of having a notice, or none
        g, letter, qs = f"<urn:x-late:g{i}>", f"<urn:x-late:letter{i}>", f"<urn:x-late:set{i}>"
        lines += [f"{letter} <{TYPE}> <{KV}AnswerLetter> {g} .", f"{letter} <{KV}respondsTo> {qs} {g} .",
                  f"{letter} <{DCT}issued> \"2024-05-01\"^^<{XSD}date> {g} .",
                  f"{qs} <{DCT}dateSubmitted> \"2024-03-01\"^^<{XSD}date> {g} ."]
        if how == "linked":
            lines.append(f"{letter} <{KV}delayNotice> <urn:x-late:notice{i}> {g} .")
        elif how == "notice":
            lines += [f"<urn:x-late:notice{i}> <{TYPE}> <{KV}DelayNotice> {g} .",
                      f"<urn:x-late:notice{i}> <{KV}respondsTo> {qs} {g} ."]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    published = published_dataset(tmp_path_factory.getbasetemp())
    folder = tmp_path_factory.mktemp("rewrites") / "published"
    shutil.copytree(published, folder, ignore=shutil.ignore_patterns(".store", ".server-store", "kamervragen.nt.gz"))
    with (folder / DUMP).open("a", encoding="utf-8") as dump:  # the union is then made from the dump
        dump.write(_extra_quads())
    return folder


@pytest.mark.parametrize("name", sorted(p.stem for p in REFERENCE.glob("*.rq")))
def test_a_rewritten_query_gives_the_rows_of_its_plain_form(out: Path, name: str) -> None:
    store = open_store(out)
    now = run_query(store, named_queries()[name].text)
    before = run_query(store, (REFERENCE / f"{name}.rq").read_text(encoding="utf-8"))
    assert now.variables == before.variables
    assert sorted(map(repr, now.rows)) == sorted(map(repr, before.rows))
    assert len(now.rows) > 1


def test_the_invented_letters_reach_every_branch(out: Path) -> None:
    store = open_store(out)
    late = {r[0].value: r[5].value for r in run_query(store, named_queries()["late-answers"].text).rows if r[0]}
    assert {k: v for k, v in late.items() if k.startswith("urn:x-late:")} == {
        "urn:x-late:letter0": "true", "urn:x-late:letter1": "true", "urn:x-late:letter2": "false"}
    cited = run_query(store, named_queries()["most-cited-sources"].text)
    work = [r for r in cited.rows if r[0] and r[0].value == "urn:x-work:article"]
    assert [[t.value if t else None for t in work[0]]] == [
        ["urn:x-work:article", "3", SDO + "NewsArticle", "id-0", "https://example.org/0", "Alfa"]]
