"""`kamervragen query` over the embedded store: the named queries' results, checked against counts made
independently in Python over the published N-Quads, and against rdflib running the same query; updates
refused; syntax errors with their position; parameters bound as literals; the store reused and rebuilt."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from fixtures.sparql.dataset import published_dataset, read_dataset
from rdflib import RDF, Dataset, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDFS

from converter.cli import main
from converter.query import render, run_query
from converter.sparql import QueryError, bind_params, named_queries, query_form
from converter.store import DUMP, STAMP, STORE_DIR, StoreError, build_store, open_store
from converter.vocab import KV, SDO

LOCAL = "https://w3id.org/kamervragen/id/aanhangsel/"
ORG = Namespace("http://www.w3.org/ns/org#")
# rdflib's own N-Quads parser calls its deprecated Dataset.default_context: not ours to fix
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return published_dataset(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def ds(out: Path) -> Dataset:
    return read_dataset(out)


def run(out: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["query", "--data", str(out), *args])
    return result.exit_code, result.output


def rows(out: Path, name: str, *params: str) -> list[dict[str, str]]:
    code, text = run(out, name, "--format", "csv", *params)
    assert code == 0, text
    return list(csv.DictReader(io.StringIO(text)))


def test_every_named_query_says_what_it_answers() -> None:
    queries = named_queries()
    assert {
        "late-answers",
        "questions-per-party",
        "questions-per-member",
        "answers-per-ministry",
        "answers-per-minister",
        "grouped-answers",
        "cited-sources",
        "cited-domains",
        "subject",
    } <= set(queries)
    for name, q in queries.items():
        assert q.text.startswith("# ") and len(q.description) > 30, name
        assert query_form(q.text) == "SELECT"
    code, text = (
        CliRunner().invoke(main, ["query", "--list"]).exit_code,
        CliRunner().invoke(main, ["query", "--list"]).output,
    )
    assert code == 0
    for name, q in queries.items():
        assert f"{name}\n    {q.description}" in text
    assert "--param word=" in text


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_named_query_gives_the_same_rows_in_pyoxigraph_and_rdflib(out: Path, ds: Dataset, name: str) -> None:
    named = named_queries()[name]
    text = bind_params(named.text, {"word": "stikstof"} if name == "subject" else {}, named)
    ours = [tuple(_cell(t.value if t else "") for t in row) for row in run_query(open_store(out), text).rows]
    theirs = [tuple(_cell("" if v is None else str(v)) for v in row) for row in ds.query(text)]
    assert ours, f"{name} found nothing in the example dataset"
    assert sorted(ours) == sorted(theirs)


def _cell(value: str) -> str:
    """A cell, with a GROUP_CONCAT list ("3, 2") sorted: SPARQL leaves the order inside a group open."""
    return ", ".join(sorted(value.split(", "))) if re.fullmatch(r"\d+(, \d+)+", value) else value


def _date(ds: Dataset, node: URIRef, prop: URIRef):
    value = ds.value(node, prop)
    return value.toPython() if value is not None else None


def test_late_answers(out: Path, ds: Dataset) -> None:
    expected = {}
    for letter in ds.subjects(RDF.type, KV.AnswerLetter):
        questions = ds.value(letter, KV.respondsTo)
        answered, submitted = _date(ds, letter, DCTERMS.issued), _date(ds, questions, DCTERMS.dateSubmitted)
        if answered and submitted and (answered - submitted).days > 21:
            notices = set(ds.objects(letter, KV.delayNotice)) | {
                n for n in ds.subjects(KV.respondsTo, questions) if (n, RDF.type, KV.DelayNotice) in ds
            }
            expected[str(letter)] = "true" if notices else "false"
    found = {r["letter"]: r["delayNotice"] for r in rows(out, "late-answers")}
    assert found == expected
    # the invented letters: 44 days with "Zie ook ... nr. 9050", 70 days without, 11 days (on time)
    assert found[LOCAL + "ah-tk-20232024-9102"] == "true"
    assert found[LOCAL + "ah-tk-20232024-9103"] == "false"
    assert LOCAL + "ah-tk-20232024-9101" not in found


def _questions_by_set(ds: Dataset) -> dict[URIRef, set[URIRef]]:
    sets: dict[URIRef, set[URIRef]] = defaultdict(set)
    for q in ds.subjects(RDF.type, KV.Question):
        sets[ds.value(q, DCTERMS.isPartOf)].add(q)
    return sets


def test_questions_per_party_and_member(out: Path, ds: Dataset) -> None:
    per_party: dict[str, set] = defaultdict(set)
    per_member: dict[str, set] = defaultdict(set)
    for qs, questions in _questions_by_set(ds).items():
        for member in ds.objects(qs, KV.askedBy):
            per_member[str(member)] |= questions
            for party in ds.objects(member, SDO.memberOf):
                per_party[str(ds.value(party, SDO.name))] |= questions
    assert {r["party"]: int(r["questions"]) for r in rows(out, "questions-per-party")} == {
        p: len(q) for p, q in per_party.items()
    }
    assert {r["member"]: int(r["questions"]) for r in rows(out, "questions-per-member")} == {
        m: len(q) for m, q in per_member.items()
    }
    # Jansen (VVD) asked 3 questions with De Vries (VVD) and 4 alone: 7 questions of the two, counted once each
    jansen = next(m for m in per_member if m.endswith("/persoon/jansen"))
    together = {q for m in per_member for q in per_member[m] if q in per_member[jansen]}
    assert len(per_member[jansen]) == 7 and len(together) == 7
    assert per_member[jansen] <= per_party["VVD"]


def _answers_by_letter(ds: Dataset) -> dict[URIRef, set[URIRef]]:
    letters: dict[URIRef, set[URIRef]] = defaultdict(set)
    for a in ds.subjects(RDF.type, KV.Answer):
        letters[ds.value(a, DCTERMS.isPartOf)].add(a)
    return letters


def test_answers_per_ministry_and_minister(out: Path, ds: Dataset) -> None:
    per_ministry: dict[str, set] = defaultdict(set)
    per_minister: dict[tuple[str, str], set] = defaultdict(set)
    for letter, answers in _answers_by_letter(ds).items():
        for sig in ds.objects(letter, KV.signature):
            office_node = ds.value(sig, KV.office)
            office = str(ds.value(office_node, SDO.name))
            words = office.split(" – ")[0].split()
            ministry = " ".join(words[2:] if words[1].lower() in ("van", "voor") else words[1:])
            post = ds.value(office_node, ORG.postIn)
            if post is not None:  # linked by `fetch`: the official name wins
                ministry = re.sub(r"^[Mm]inisterie van ", "", str(ds.value(post, SDO.name)))
            per_ministry[ministry] |= answers
            per_minister[(str(ds.value(sig, KV.signatory)), office)] |= answers
    assert {r["ministry"]: int(r["answers"]) for r in rows(out, "answers-per-ministry")} == {
        m: len(a) for m, a in per_ministry.items()
    }
    assert {(r["person"], r["office"]): int(r["answers"]) for r in rows(out, "answers-per-minister")} == {
        k: len(a) for k, a in per_minister.items()
    }
    assert len(per_ministry["Landbouw, Natuur en Voedselkwaliteit"]) == 7  # letters 9101, 9104 and 9105


def test_grouped_answers(out: Path, ds: Dataset) -> None:
    expected = {}
    for a in ds.subjects(RDF.type, KV.Answer):
        numbers = {int(ds.value(q, SDO.position)) for q in ds.objects(a, KV.answers)}
        if len(numbers) > 1:
            expected[str(a)] = numbers
    found = {r["answer"]: {int(n) for n in r["numbers"].split(", ")} for r in rows(out, "grouped-answers")}
    assert found == expected
    assert found[LOCAL + "ah-tk-20232024-9102/antwoord/2-3"] == {2, 3}


def test_cited_sources_and_domains(out: Path, ds: Dataset) -> None:
    per_url: Counter[str] = Counter()
    per_domain: Counter[str] = Counter()
    for footnote in ds.subjects(RDF.type, KV.Footnote):
        hosts = set()
        for url in ds.objects(footnote, SDO.url):
            per_url[str(url)] += 1
            hosts.add(re.sub(r"^www\.", "", urlsplit(str(url)).hostname or ""))
        per_domain.update(hosts)
    found = rows(out, "cited-sources")
    assert {r["url"]: int(r["footnotes"]) for r in found} == dict(per_url)
    assert [int(r["footnotes"]) for r in found] == sorted((int(r["footnotes"]) for r in found), reverse=True)
    assert found[0]["url"] == "https://nos.nl/artikel/2500001-boeren-wachten" and found[0]["footnotes"] == "2"
    assert {r["domain"]: int(r["footnotes"]) for r in rows(out, "cited-domains")} == dict(per_domain)
    assert per_domain["nos.nl"] >= 3


def _sets_on(ds: Dataset, word: str) -> dict[URIRef, object]:
    """Sets of written questions whose subject (title) holds the word, with their date."""
    found: dict[URIRef, object] = {}
    for qs in ds.subjects(RDF.type, KV.WrittenQuestions):
        if any(word in str(title).lower() for title in ds.objects(qs, DCTERMS.title)):
            issued = [
                _date(ds, letter, DCTERMS.issued)
                for letter in ds.subjects(KV.respondsTo, qs)
                if (letter, RDF.type, KV.AnswerLetter) in ds
            ]
            found[qs] = _date(ds, qs, DCTERMS.dateSubmitted) or min(filter(None, issued), default=None)
    return found


def test_subject_word_in_a_date_range(out: Path, ds: Dataset) -> None:
    everything = _sets_on(ds, "stikstof")
    found = rows(out, "subject", "--param", "word=Stikstof")
    assert {r["set"] for r in found} == {str(s) for s in everything}
    assert {r["date"] for r in found} == {str(d) for d in everything.values()}
    in_2024 = {str(s) for s, d in everything.items() if d and str(d) >= "2024-01-01"}
    found = rows(out, "subject", "--param", "word=stikstof", "--param", "from=2024-01-01")
    assert {r["set"] for r in found} == in_2024
    assert 0 < len(in_2024) < len(everything)  # the invented 2023 letter is left out
    before = rows(out, "subject", "--param", "word=stikstof", "--param", "to=2023-12-31")
    assert {r["set"] for r in before} == {str(s) for s in everything} - in_2024


def test_parameters_are_literals_not_query_text(out: Path) -> None:
    sneaky = 'x")) } } DELETE WHERE { ?s ?p ?o } #'
    assert rows(out, "subject", "--param", f"word={sneaky}") == []
    bound = bind_params(named_queries()["subject"].text, {"word": sneaky}, named_queries()["subject"])
    assert 'VALUES (?word) { ("x\\")) } } DELETE WHERE { ?s ?p ?o } #") }' in bound
    for args, message in (
        (["--param", "word=a", "--param", "from=1 mei"], "expected a date YYYY-MM-DD"),
        ([], "needs --param word=VALUE"),
        (["--param", "word=a", "--param", "until=2024-01-01"], "takes word, from, to"),
        (["--param", "word"], "expected NAME=VALUE"),
    ):
        code, text = run(out, "subject", *args)
        assert code == 2 and message in text, text


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "PREFIX kv: <https://w3id.org/kamervragen/def#>\n# remove every question\nDELETE WHERE { ?q a kv:Question }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "CREATE GRAPH <urn:g>",
        "WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(out: Path, update: str) -> None:
    before = run(out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv")
    code, text = run(out, update)
    assert code == 2 and "SPARQL update" in text and "only reads" in text
    assert run(out, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--format", "csv") == before


def test_syntax_error_gives_the_parsers_message_and_position(out: Path) -> None:
    code, text = run(out, "SELECT ?q WHERE {\n  ?q a kv:Question .\n  FILTER(?q = )\n}")
    position = re.search(r"SPARQL syntax error: error at (\d+):(\d+): expected", text)
    assert code == 2 and position and int(position.group(1)) >= 3, text  # the bad FILTER is on line 3
    code, text = run(out, "no-such-query")
    assert code == 2 and "no named query" in text and "late-answers" in text


def test_query_text_rq_file_and_formats(out: Path, ds: Dataset, tmp_path: Path) -> None:
    questions = len(set(ds.subjects(RDF.type, KV.Question)))
    text = "SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE { ?q a kv:Question }"  # kv: declared for the user
    assert rows(out, text) == [{"n": str(questions)}]
    rq = tmp_path / "count.rq"
    rq.write_text(text, encoding="utf-8")
    code, table = run(out, str(rq))
    assert code == 0 and table.splitlines()[2].strip() == str(questions) and "(1 row)" in table
    code, body = run(out, text, "--format", "json")
    assert code == 0 and json.loads(body)["results"]["bindings"][0]["n"] == {
        "type": "literal",
        "value": str(questions),
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    code, body = run(out, "ASK { ?q a kv:Question }", "--format", "json")
    assert json.loads(body) == {"head": {}, "boolean": True}
    code, body = run(out, "CONSTRUCT { ?f rdfs:label ?l } WHERE { ?f a kv:Footnote ; rdfs:label ?l }")
    graph = Dataset().parse(data=body, format="nt")
    assert len(graph) == len(
        set(ds.subject_objects(RDFS.label))
        & {(f, lab) for f in ds.subjects(RDF.type, KV.Footnote) for lab in ds.objects(f, RDFS.label)}
    )


def test_missing_dataset_is_an_input_error(tmp_path: Path) -> None:
    code, text = run(tmp_path, "late-answers")
    assert code == 2 and "no published dataset" in text and "kamervragen publish" in text


def _copy(out: Path, dest: Path) -> Path:
    (dest / DUMP).parent.mkdir(parents=True)
    shutil.copy(out / DUMP, dest / DUMP)
    return dest


def _count(store) -> int:
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"].value)


def test_store_is_reused_and_rebuilt_when_the_dump_changes(out: Path, tmp_path: Path) -> None:
    data = _copy(out, tmp_path)
    lines = len((data / DUMP).read_bytes().splitlines())
    assert _count(open_store(data)) == lines
    stamp = data / STORE_DIR / STAMP
    first = stamp.stat().st_ino, (data / STORE_DIR).stat().st_ino
    assert _count(open_store(data)) == lines  # reused: the same folder, the same stamp
    assert (stamp.stat().st_ino, (data / STORE_DIR).stat().st_ino) == first
    (data / DUMP).touch()  # touched but unchanged: the checksum says it is the same dump
    open_store(data)
    assert (data / STORE_DIR).stat().st_ino == first[1]
    with (data / DUMP).open("ab") as fh:
        fh.write(b'<urn:x:s> <urn:x:p> "added" <urn:x:g> .\n')
    assert _count(open_store(data)) == lines + 1
    assert json.loads(stamp.read_text())["sha256"] != ""
    assert (data / STORE_DIR).stat().st_ino != first[1]


def test_broken_dump_keeps_the_previous_store(out: Path, tmp_path: Path) -> None:
    data = _copy(out, tmp_path)
    build_store(data)
    good = _count(open_store(data))
    (data / DUMP).write_bytes(b"<urn:a> <urn:b> this is not N-Quads\n")
    with pytest.raises(StoreError, match=r"kamervragen\.nq: not valid N-Quads"):
        open_store(data)
    assert not [p for p in tmp_path.iterdir() if ".build-" in p.name]
    import pyoxigraph

    assert _count(pyoxigraph.Store.read_only(str(data / STORE_DIR))) == good


def test_render_table_truncates_long_cells(out: Path) -> None:
    result = run_query(
        open_store(out),
        "SELECT ?t WHERE { ?a a kv:Answer ; schema:text ?t } ORDER BY DESC(STRLEN(?t)) LIMIT 1",
    )
    table = render(result, "table")
    assert len(max(table.splitlines(), key=len)) <= 80 and "…" in table


def test_query_form_ignores_prefixes_and_comments() -> None:
    assert query_form("# INSERT nothing\nPREFIX ins: <urn:delete#>\nBASE <urn:x>\n  select * {}") == "SELECT"
    with pytest.raises(QueryError, match="not a SPARQL query"):
        query_form("PREFIX a: <urn:a>")


def test_default_graph_holds_each_triple_once(out: Path, tmp_path: Path) -> None:
    data = _copy(out, tmp_path)
    triples = {line.rsplit(" ", 2)[0] for line in (data / DUMP).read_text(encoding="utf-8").splitlines() if line}
    store = open_store(data)
    assert int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value) == len(triples)
    assert _count(store) == len((data / DUMP).read_bytes().splitlines())  # the named graphs as published


def test_ministry_from_the_linked_post_else_from_the_office_title(tmp_path: Path) -> None:
    kv, sdo, dct = "https://w3id.org/kamervragen/def#", "https://schema.org/", "http://purl.org/dc/terms/"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    lines = []
    for n, office, post in (
        (1, "Minister van Defensie", "ministerie van Defensie"),
        (2, "Staatssecretaris van Defensie", None),
        (3, "Minister voor Klimaat en Energie", "ministerie van Economische Zaken en Klimaat"),
    ):
        letter, sig, off = f"<urn:x:letter{n}>", f"<urn:x:sig{n}>", f"<urn:x:office{n}>"
        triples = [
            (letter, rdf_type, f"<{kv}AnswerLetter>"),
            (letter, f"<{kv}signature>", sig),
            (sig, f"<{kv}office>", off),
            (off, f"<{sdo}name>", f'"{office}"@nl'),
            (f"<urn:x:answer{n}>", f"<{dct}isPartOf>", letter),
        ]
        if post:
            triples += [
                (off, "<http://www.w3.org/ns/org#postIn>", f"<urn:x:post{n}>"),
                (f"<urn:x:post{n}>", f"<{sdo}name>", f'"{post}"@nl'),
            ]
        lines += [f"{s} {p} {o} <urn:x:graph{n}> ." for s, p, o in triples]
    (tmp_path / DUMP).parent.mkdir(parents=True)
    (tmp_path / DUMP).write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = {r["ministry"]: r["answers"] for r in rows(tmp_path, "answers-per-ministry")}
    assert found == {"Defensie": "2", "Economische Zaken en Klimaat": "1"}


def test_store_of_an_older_layout_is_rebuilt(out: Path, tmp_path: Path) -> None:
    data = _copy(out, tmp_path)
    open_store(data)
    stamp = data / STORE_DIR / STAMP
    record = json.loads(stamp.read_text())
    stamp.write_text(json.dumps({**record, "layout": 1}))  # as stores built before the union default graph
    before = (data / STORE_DIR).stat().st_ino
    open_store(data)
    assert (data / STORE_DIR).stat().st_ino != before and json.loads(stamp.read_text())["layout"] == record["layout"]
