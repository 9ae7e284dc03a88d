"""The stores people run, for real on loopback: `push` and every named query on a plain `oxigraph serve` (its
default graph empty), Virtuoso (HTTP Digest; no date arithmetic) and Jena TDB2 (no union default graph), each
giving the same rows as `kamervragen query` on the embedded store. Each skips, saying why, where absent."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.sparql.dataset import published_dataset
from fixtures.stores import free_port, jena_classpath, jena_load, jena_query, virtuoso_server, wait_for_port
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from converter import push as push_module
from converter.cli import main
from converter.httpauth import ENV_PASSWORD, ENV_USER, digest_header
from converter.query import parse_results_json, render
from converter.sparql import bind_params, named_queries, names_graphs, with_prefixes
from converter.store import DUMP, oxigraph_binary

pytestmark = pytest.mark.server
PARAMS = {"subject": ["--param", "word=stikstof"]}
UNION = "https://w3id.org/kamervragen/id/graaf/unie"  # where push puts the dataset's union
# (submitted, answered) around the three-week term: month and year ends, February in leap and common years
EDGE_DATES = [
    ("2024-02-08", "2024-02-29"), ("2024-02-08", "2024-03-01"), ("2023-02-08", "2023-03-01"),
    ("2023-02-08", "2023-03-02"), ("2023-12-15", "2024-01-05"), ("2023-12-15", "2024-01-06"),
    ("2100-02-10", "2100-03-03"), ("2000-02-10", "2000-03-03"), ("2024-06-30", "2024-07-22"),
]
KV, DCT, XSD = "https://w3id.org/kamervragen/def#", "http://purl.org/dc/terms/", "http://www.w3.org/2001/XMLSchema#"


def _edge_quads() -> str:
    lines = []
    for i, (submitted, answered) in enumerate(EDGE_DATES):
        s, letter, g = f"<urn:x-edge:set{i}>", f"<urn:x-edge:letter{i}>", f"<urn:x-edge:graph{i}>"
        lines += [
            f"{s} <{DCT}dateSubmitted> \"{submitted}\"^^<{XSD}date> {g} .",
            f"{letter} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{KV}AnswerLetter> {g} .",
            f"{letter} <{KV}respondsTo> {s} {g} .",
            f"{letter} <{DCT}issued> \"{answered}\"^^<{XSD}date> {g} .",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published examples, plus letters answered on either side of the three-week term."""
    published = published_dataset(tmp_path_factory.getbasetemp())
    folder = tmp_path_factory.mktemp("stores") / "published"
    shutil.copytree(published, folder, ignore=shutil.ignore_patterns(".store", ".server-store", "kamervragen.trig"))
    with (folder / DUMP).open("a", encoding="utf-8") as dump:
        dump.write(_edge_quads())
    union = folder / "data" / "kamervragen.nt.gz"  # the dataset's union graph, which the local store queries
    edge = "".join(line.rsplit(" ", 2)[0] + " .\n" for line in _edge_quads().splitlines())
    union.write_bytes(gzip.compress(gzip.decompress(union.read_bytes()) + edge.encode()))
    return folder


def rows(csv_text: str) -> list[tuple[str, ...]]:
    """The rows, sorted; GROUP_CONCAT's order is the store's own (SPARQL leaves it open), so its lists are sorted."""
    table = list(csv.reader(io.StringIO(csv_text)))
    lists = {i for i, name in enumerate(table[0]) if name == "numbers"} if table else set()
    return sorted(tuple(", ".join(sorted(c.split(", "))) if i in lists else c for i, c in enumerate(row))
                  for row in table)


def embedded(out: Path, name: str) -> list[tuple[str, ...]]:
    result = CliRunner().invoke(main, ["query", "--data", str(out), name, "--format", "csv", *PARAMS.get(name, [])])
    assert result.exit_code == 0, result.output
    return rows(result.output)


def over_http(endpoint: str, name: str) -> list[tuple[str, ...]]:
    result = CliRunner().invoke(main, ["query", name, "--endpoint", endpoint, "--format", "csv",
                                       *PARAMS.get(name, [])])
    assert result.exit_code == 0, f"{name}: {result.output}"
    return rows(result.output)


def assert_same_answers(out: Path, ask) -> None:
    """Every named query gives the embedded store's rows; none of them is empty."""
    for name in named_queries():
        here = embedded(out, name)
        assert len(here) > 1, name
        assert ask(name) == here, name


def test_late_answers_counts_days_on_every_side_of_the_term(out: Path) -> None:
    late = {(s, a) for s, a in EDGE_DATES if (dt.date.fromisoformat(a) - dt.date.fromisoformat(s)).days > 21}
    assert 0 < len(late) < len(EDGE_DATES)
    found = [row for row in embedded(out, "late-answers") if row[0].startswith("urn:x-edge:")]
    assert {(row[3], row[4]) for row in found} == late


def push(out: Path, endpoint: str, *extra: str, env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, ["push", str(out), "--endpoint", endpoint, *extra], env=env)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def plain_oxigraph(tmp_path: Path) -> Iterator[str]:
    """`oxigraph serve` as it starts by default: the named graphs apart from an empty default graph."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/query"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_named_queries_on_a_plain_oxigraph_serve_after_push(
    out: Path, plain_oxigraph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(push_module, "UNION_BLOCK", 100)  # the union graph in blocks: one PUT, then POSTs
    push(out, plain_oxigraph)
    union = gzip.decompress((out / "data" / "kamervragen.nt.gz").read_bytes()).count(b"\n")
    assert union > 300
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{UNION}> {{ ?s ?p ?o }} }}"  # names its graph: as it says
    in_store = CliRunner().invoke(main, ["query", count, "--endpoint", plain_oxigraph, "--format", "csv"])
    assert in_store.output.split() == ["n", str(union)]
    direct = CliRunner().invoke(main, ["query", "ASK { ?s ?p ?o }", "--endpoint", plain_oxigraph])
    assert direct.output == "true\n"  # asked over the named graphs' union, though the default graph is empty
    assert_same_answers(out, lambda name: over_http(plain_oxigraph, name))


def test_push_with_digest_then_named_queries_on_virtuoso(out: Path, tmp_path: Path) -> None:
    with virtuoso_server(tmp_path / "virtuoso") as virtuoso:
        env = {ENV_USER: virtuoso.user, ENV_PASSWORD: virtuoso.password}
        text = push(out, virtuoso.sparql, "--graph-store", virtuoso.graph_store, env=env)
        graphs = {line.rsplit(" ", 2)[-2] for line in (out / DUMP).read_text().splitlines()}
        assert f"{len(graphs) + 1} graphs pushed" in text and ", 0 failed" in text  # and the union graph
        push(out, virtuoso.sparql, "--graph-store", virtuoso.graph_store, env=env)  # PUT replaces
        count = CliRunner().invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                          "FILTER(STRSTARTS(STR(?g), 'urn:x-edge:') || STRSTARTS(STR(?g), "
                                          "'https://w3id.org/kamervragen/')) }", "--endpoint", virtuoso.sparql,
                                          "--format", "csv"])
        union = gzip.decompress((out / "data" / "kamervragen.nt.gz").read_bytes()).count(b"\n")
        assert count.output.splitlines()[1] == str(len((out / DUMP).read_text().splitlines()) + union)
        wrong = {ENV_USER: virtuoso.user, ENV_PASSWORD: "not-the-password"}
        refused = CliRunner().invoke(main, ["push", str(out), "--endpoint", virtuoso.sparql, "--graph-store",
                                            virtuoso.graph_store], env=wrong)
        assert refused.exit_code == 2 and "HTTP 401" in refused.output
        assert_same_answers(out, lambda name: over_http(virtuoso.sparql, name))


def test_named_queries_in_jena_tdb2_without_a_union_default_graph(out: Path, tmp_path: Path) -> None:
    """Jena's own engine over TDB2 as Fuseki keeps it by default (named graphs apart), holding what `push`
    sends: the letters' graphs and the union graph. Fuseki itself is not packaged in Debian, so the query
    carries the dataset `kamervragen query --endpoint` asks for (default-graph-uri, the union graph) as its
    FROM clause, which Jena reads the same way."""
    classpath = jena_classpath(tmp_path)
    jena_load(classpath, tmp_path / "tdb2", out / DUMP)
    union_nt = tmp_path / "union.nt"  # what push sends as its own graph, beside the letters' graphs
    union_nt.write_bytes(gzip.decompress((out / "data" / "kamervragen.nt.gz").read_bytes()))
    jena_load(classpath, tmp_path / "tdb2", union_nt, graph=UNION)
    named = named_queries()
    as_is = jena_query(classpath, tmp_path / "tdb2", with_prefixes(named["questions-per-party"].text))
    assert as_is["results"]["bindings"] == []  # the symptom: the default graph is empty

    def ask(name: str, location: Path) -> list[tuple[str, ...]]:
        text = bind_params(named[name].text, {"word": "stikstof"} if name == "subject" else {}, named[name])
        if not names_graphs(text):  # as `query --endpoint` does: a query naming its graphs goes as it is
            text = text.replace("\nWHERE {", f"\nFROM <{UNION}>\nWHERE {{", 1)
        data = jena_query(classpath, location, with_prefixes(text))
        return rows(render(parse_results_json("SELECT", data), "csv"))

    # two Java processes at a time, each on a copy of its own (a TDB2 database is locked by the process using it)
    shutil.copytree(tmp_path / "tdb2", tmp_path / "tdb2-copy")
    names = list(named)
    with ThreadPoolExecutor(max_workers=2) as pool:
        found = dict(zip(names, pool.map(ask, names, [tmp_path / ("tdb2", "tdb2-copy")[i % 2] for i in
                                                       range(len(names))]), strict=True))
    assert_same_answers(out, found.__getitem__)


def test_a_store_without_a_union_is_told_what_to_do(httpserver: HTTPServer) -> None:
    def answer(request: Request) -> Response:  # default graph empty, named graphs full, no union parameter known
        if set(request.form) - {"query"}:
            return Response("unknown parameter", status=400)
        if request.form["query"].startswith("SELECT"):  # no union graph pushed here
            return Response('{"head": {"vars": ["g"]}, "results": {"bindings": []}}',
                            content_type="application/sparql-results+json")
        full = "GRAPH" in request.form["query"]
        return Response(f'{{"head": {{}}, "boolean": {str(full).lower()}}}',
                        content_type="application/sparql-results+json")

    httpserver.expect_request("/sparql", method="POST").respond_with_handler(answer)
    result = CliRunner().invoke(main, ["query", "questions-per-party", "--endpoint", httpserver.url_for("/sparql")])
    assert result.exit_code == 2
    assert "default graph is empty" in result.output and "--union-default-graph" in result.output


def test_a_jena_like_store_is_asked_for_its_union_graph(httpserver: HTTPServer) -> None:
    """Fuseki's protocol side, which Debian does not package: the union is asked for as default-graph-uri."""
    seen: list[dict[str, str]] = []

    def answer(request: Request) -> Response:
        form = dict(request.form)
        seen.append(form)
        if "union-default-graph" in form:
            return Response("unknown parameter", status=400)
        union = form.get("default-graph-uri") == "urn:x-arq:UnionGraph"
        if form["query"].startswith("ASK"):
            full = union or "GRAPH" in form["query"]
            return Response(f'{{"head": {{}}, "boolean": {str(full).lower()}}}',
                            content_type="application/sparql-results+json")
        rows = [{"n": {"type": "literal", "value": "7"}}] if union else []
        return Response(json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": rows}}),
                        content_type="application/sparql-results+json")

    httpserver.expect_request("/ds/sparql", method="POST").respond_with_handler(answer)
    result = CliRunner().invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--endpoint",
                                       httpserver.url_for("/ds/sparql"), "--format", "csv"])
    assert result.exit_code == 0 and result.output.splitlines() == ["n", "7"], result.output
    assert seen[-1]["default-graph-uri"] == "urn:x-arq:UnionGraph" and seen[-1]["query"].startswith("SELECT")


def test_digest_answers_match_rfc_7616() -> None:
    chal = {"realm": "http-auth@example.org", "qop": "auth, auth-int", "algorithm": "MD5",
            "nonce": "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",
            "opaque": "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"}
    cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ"
    url = "http://www.example.org/dir/index.html"
    md5 = digest_header("Mufasa", "Circle of Life", chal, "GET", url, 1, cnonce)
    sha = digest_header("Mufasa", "Circle of Life", {**chal, "algorithm": "SHA-256"}, "GET", url, 1, cnonce)
    assert 'response="8ca523f5e9506fed4657c9700eebdbec"' in md5 and "nc=00000001" in md5
    assert 'response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"' in sha


def test_a_query_that_names_its_graphs_is_sent_as_it_is() -> None:
    assert names_graphs("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert names_graphs("SELECT * FROM NAMED <urn:x:g> WHERE { ?s ?p ?o }")
    assert not names_graphs('SELECT * WHERE { ?s ?p "graph" FILTER(?d >= ?from) } # FROM a comment')
    assert not names_graphs("SELECT * WHERE { ?s <http://example.org/graph> ?o ; ex:from ?x }")
