"""A real oxigraph server on loopback: push the published dataset, query it over HTTP, push again and nothing
doubles; retries against a loopback stub; an unreachable endpoint; `kamervragen serve` stopped with SIGINT."""

from __future__ import annotations

import base64
import csv
import gzip
import io
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from fixtures.sparql.dataset import published_dataset
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from converter.cli import main
from converter.push import ENV_PASSWORD, ENV_USER, PushError, PushSettings, graph_store_url, push_dataset
from converter.sparql import named_queries
from converter.store import DUMP, oxigraph_binary

pytestmark = pytest.mark.server
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
COUNT_GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"the server exited with {process.returncode}"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listened on port {port} within {seconds} s")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return published_dataset(tmp_path_factory.getbasetemp())


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A read-write oxigraph server on a free loopback port; always stopped. Yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [
            oxigraph_binary(),
            "serve",
            "--location",
            str(tmp_path / "server"),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def count(url: str, query: str) -> int:
    answer = requests.post(f"{url}/query", data={"query": query}, headers={"Accept": "text/csv"}, timeout=10)
    answer.raise_for_status()
    return int(list(csv.DictReader(io.StringIO(answer.text)))[0]["n"])


def push(out: Path, url: str, *extra: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["push", str(out), "--endpoint", f"{url}/query", *extra], env=env)
    return result.exit_code, result.output


def test_push_twice_then_query_over_http(out: Path, server: str) -> None:
    quads = (out / DUMP).read_bytes().splitlines()
    union = gzip.decompress((out / "data" / "kamervragen.nt.gz").read_bytes()).count(b"\n")  # its own graph
    graphs = {line.rsplit(b" ", 2)[-2] for line in quads if line.strip()}
    code, text = push(out, server)
    assert code == 0, text
    assert f"{len(graphs) + 1} graphs pushed ({len(quads) + union} triples), 0 failed" in text
    assert (count(server, COUNT_QUADS), count(server, COUNT_GRAPHS)) == (len(quads) + union, len(graphs) + 1)
    code, text = push(out, server)  # PUT replaces: nothing doubles
    assert code == 0 and (count(server, COUNT_QUADS), count(server, COUNT_GRAPHS)) == (
        len(quads) + union,
        len(graphs) + 1,
    )
    for name in named_queries():  # the same rows over HTTP as embedded
        args = ["--param", "word=stikstof"] if name == "subject" else []
        here = CliRunner().invoke(main, ["query", "--data", str(out), name, "--format", "csv", *args])
        there = CliRunner().invoke(
            main, ["query", name, "--endpoint", f"{server}/query", "--format", "csv", *args]
        )
        assert here.exit_code == there.exit_code == 0, there.output
        assert (
            sorted(here.output.splitlines()) == sorted(there.output.splitlines())
            and len(here.output.splitlines()) > 1
        ), name


def test_update_is_refused_before_reaching_the_endpoint(out: Path, server: str) -> None:
    result = CliRunner().invoke(main, ["query", "CLEAR ALL", "--endpoint", f"{server}/query"])
    assert result.exit_code == 2 and "SPARQL update" in result.output


def _one_graph(tmp_path: Path) -> Path:
    (tmp_path / DUMP).parent.mkdir(parents=True)
    (tmp_path / DUMP).write_text('<urn:x:s> <urn:x:p> "o" <urn:x:g> .\n<urn:x:s> <urn:x:p> "p" <urn:x:g> .\n')
    return tmp_path


def test_retries_a_503_with_back_off_then_succeeds(tmp_path: Path, httpserver: HTTPServer) -> None:
    seen: list[tuple[float, str, str | None]] = []

    def answer(status: int):
        def handler(request: Request) -> Response:
            seen.append((time.monotonic(), request.args["graph"], request.headers.get("Authorization")))
            return Response("busy" if status == 503 else "", status=status)

        return handler

    httpserver.expect_ordered_request("/store", method="PUT").respond_with_handler(answer(503))
    httpserver.expect_ordered_request("/store", method="PUT").respond_with_handler(answer(204))
    settings = PushSettings(httpserver.url_for("/store"), timeout=(2, 2), retries=3, backoff=0.2)
    env = {ENV_USER: "editor", ENV_PASSWORD: "s3cret"}
    summary = push_dataset(_one_graph(tmp_path), settings, env=env)
    assert (summary.pushed, summary.triples, summary.failed) == (1, 2, {})
    assert [g for _, g, _ in seen] == ["urn:x:g", "urn:x:g"]
    assert seen[1][0] - seen[0][0] >= 0.2  # waited before retrying
    assert seen[0][2] is None  # the password waits for the server to say how it wants it (a 401 challenge)


def test_credentials_go_in_the_scheme_the_server_asks_for(tmp_path: Path, httpserver: HTTPServer) -> None:
    seen: list[str | None] = []
    basic = "Basic " + base64.b64encode(b"editor:s3cret").decode()

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("Authorization"))
        if request.headers.get("Authorization") != basic:
            return Response("who are you?", status=401, headers={"WWW-Authenticate": 'Basic realm="store"'})
        return Response("", status=204)

    httpserver.expect_request("/store", method="PUT").respond_with_handler(handler)
    settings = PushSettings(httpserver.url_for("/store"), timeout=(2, 2), retries=0)
    summary = push_dataset(_one_graph(tmp_path), settings, env={ENV_USER: "editor", ENV_PASSWORD: "s3cret"})
    assert (summary.pushed, summary.failed) == (1, {}) and seen == [None, basic]


def test_gives_up_after_the_retries_and_reports_the_graph(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/store", method="PUT").respond_with_data("down for maintenance", status=503)
    settings = PushSettings(httpserver.url_for("/store"), timeout=(2, 2), retries=2, backoff=0.01)
    summary = push_dataset(_one_graph(tmp_path), settings, env={})
    assert summary.pushed == 0 and summary.failed == {"urn:x:g": "HTTP 503: down for maintenance"}
    assert len(httpserver.log) == 3


def test_refused_credentials_stop_the_push_without_showing_them(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/store", method="PUT").respond_with_data("unauthorized", status=401)
    result = CliRunner().invoke(
        main,
        ["push", str(_one_graph(tmp_path)), "--endpoint", httpserver.url_for("/query")],
        env={ENV_USER: "editor", ENV_PASSWORD: "s3cret-pw"},
    )
    assert result.exit_code == 2 and "HTTP 401" in result.output and ENV_USER in result.output
    assert "s3cret-pw" not in result.output and len(httpserver.log) == 1


def test_unreachable_endpoint_is_a_clear_error_within_the_timeout(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"  # nothing listens there
    started = time.monotonic()
    result = CliRunner().invoke(
        main, ["push", str(_one_graph(tmp_path)), "--endpoint", url, "--retries", "2", "--timeout", "2"]
    )
    assert result.exit_code == 2 and "unreachable" in result.output and "/store" in result.output
    assert time.monotonic() - started < 2 + 0.5 + 1.0 + 2  # back-off 0.5 s + 1 s, refused at once


def test_credentials_in_the_url_are_refused() -> None:
    with pytest.raises(PushError, match="holds credentials"):
        graph_store_url("http://admin:pw@127.0.0.1:3030/ds/sparql")
    assert graph_store_url("http://h:7878/query") == "http://h:7878/store"
    assert (
        graph_store_url("http://h:7200/repositories/kv") == "http://h:7200/repositories/kv/rdf-graphs/service"
    )
    assert graph_store_url("http://h:3030/ds/sparql", "http://h:3030/ds/data") == "http://h:3030/ds/data"


def test_serve_answers_queries_and_stops_on_sigint(out: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from converter.cli import main; main()",
            "serve",
            "--data",
            str(out),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        assert first.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query"), first
        assert "curl -s" in process.stdout.readline()  # type: ignore[union-attr]
        quads = len((out / DUMP).read_bytes().splitlines())
        assert count(f"http://127.0.0.1:{port}", COUNT_QUADS) == quads
        assert count(f"http://127.0.0.1:{port}", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") > 0  # union
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=15) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    with pytest.raises(OSError):  # the oxigraph child is gone too
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
