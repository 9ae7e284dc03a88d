"""Misbehaving servers, for real, on loopback: a whole-request deadline against a server that trickles a byte at
a time, an endless @odata.nextLink chain, failures told apart (refused, reset, cut short, redirect loop,
redirect to file://, time limit), resets retried as the policy says, and a server's error text never shown
with our credentials in it. Issue 14, points 5 and 10."""

from __future__ import annotations

import base64
import json
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.faulty_server import faulty_server
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from converter.cli import main
from converter.fetch.http import Client, FetchError, Politeness
from converter.push import ENV_PASSWORD, ENV_TOKEN, ENV_USER, PushSettings, push_dataset
from converter.store import DUMP

SLOW_JSON = b'{"value": []}' + b" " * 27  # 40 bytes: 40 s at a byte a second


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def one_graph(tmp_path: Path) -> Path:
    (tmp_path / DUMP).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / DUMP).write_text('<urn:x:s> <urn:x:p> "o" <urn:x:g> .\n', encoding="utf-8")
    return tmp_path


def fetch(tmp_path: Path, api: str, *args: str):
    env = {"KAMERVRAGEN_TK_API": api, "KAMERVRAGEN_OB_URL": api}
    return CliRunner().invoke(main, ["fetch", *args, "--cache", str(tmp_path / "cache"), "--out",
                                     str(tmp_path / "out")], env=env)


def test_fetch_timeout_is_a_deadline_for_the_whole_request(tmp_path: Path) -> None:
    with faulty_server(["trickle-body"], body=SLOW_JSON) as server:
        started = time.monotonic()
        result = fetch(tmp_path, server.url + "api/", "2023Z19901", "--timeout", "2")
        took = time.monotonic() - started
        assert result.exit_code == 2, result.output
        assert "no answer within 2 s" in result.output and "Traceback" not in result.output
        assert took < 2 + 2.5, f"cut off after {took:.1f} s, not at the deadline"
        assert server.connections == 1, "a time limit is not retried"


def test_fetch_deadline_also_holds_while_the_headers_trickle_in() -> None:
    with faulty_server(["trickle-head"], interval=0.2) as server:
        client = Client(Politeness(timeout=1.0, rate=1000))
        started = time.monotonic()
        with pytest.raises(FetchError, match="no answer within 1 s"):
            client.get(server.url + "x")
        assert time.monotonic() - started < 1 + 2.0


def test_push_timeout_is_a_deadline_for_the_whole_request(tmp_path: Path) -> None:
    with faulty_server(["trickle-body"], body=SLOW_JSON) as server:
        started = time.monotonic()
        result = CliRunner().invoke(main, ["push", str(one_graph(tmp_path)), "--endpoint", server.url + "query",
                                           "--timeout", "1", "--retries", "0"])
        took = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "no answer within 1 s" in result.output
    assert took < 1 + 2.5, f"cut off after {took:.1f} s, not at the deadline"


def test_an_endless_next_link_chain_ends_with_a_clear_message(tmp_path: Path, httpserver: HTTPServer,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("converter.fetch.tk.MAX_PAGES", 5)
    pages = iter(range(1, 1_000_000))

    def next_page(request: Request) -> Response:  # every page links to a new one
        link = httpserver.url_for("/api/Zaak") + f"?$skip={next(pages) * 250}"
        return Response(json.dumps({"value": [], "@odata.nextLink": link}), content_type="application/json")

    httpserver.expect_request("/api/Zaak").respond_with_handler(next_page)
    result = fetch(tmp_path, httpserver.url_for("/api/"), "--since", "2024-01-01")
    assert result.exit_code == 2, result.output
    assert "goes on past 5 pages" in result.output and "Traceback" not in result.output
    assert len(httpserver.log) == 5


def test_a_next_link_to_another_server_is_not_followed(tmp_path: Path, httpserver: HTTPServer) -> None:
    with faulty_server(["ok"]) as elsewhere:
        page = {"value": [], "@odata.nextLink": elsewhere.url + "steal"}
        httpserver.expect_request("/api/Zaak").respond_with_json(page)
        result = fetch(tmp_path, httpserver.url_for("/api/"), "--since", "2024-01-01")
        assert result.exit_code == 2 and "leads away from" in result.output, result.output
        assert elsewhere.connections == 0, "no request the user did not ask for"


def _fetch_failure(url: str) -> str:
    client = Client(Politeness(timeout=1.5, rate=1000, retries=1, backoff=0.01))
    with pytest.raises(FetchError) as caught:
        client.get(url)
    return str(caught.value)


def test_fetch_tells_network_failures_apart(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/loop").respond_with_data("", status=302, headers={"Location": "/loop"})
    httpserver.expect_request("/file").respond_with_data("", status=302, headers={"Location": "file:///etc/passwd"})
    messages = {"redirect loop": _fetch_failure(httpserver.url_for("/loop")),
                "redirect to file://": _fetch_failure(httpserver.url_for("/file")),
                "refused": _fetch_failure(f"http://127.0.0.1:{free_port()}/x")}
    for kind in ("reset", "cut-short", "trickle-body"):
        with faulty_server([kind], body=SLOW_JSON, interval=1.0) as server:
            messages[kind] = _fetch_failure(server.url + "x")
    expected = {"redirect loop": "redirects in a loop", "redirect to file://": "not http(s)",
                "refused": "cannot connect (connection refused)", "reset": "connection was reset",
                "cut-short": "answer was cut short", "trickle-body": "no answer within 1.5 s"}
    for kind, words in expected.items():
        assert words in messages[kind], (kind, messages[kind])
    assert [kind for kind, text in messages.items() if "cannot connect" in text] == ["refused"]


def test_push_tells_a_reset_from_a_refused_connection(tmp_path: Path) -> None:
    data = one_graph(tmp_path)
    with faulty_server(["reset"]) as server:
        settings = PushSettings(server.url + "store", timeout=(1, 1), retries=1, backoff=0.01)
        with pytest.raises(Exception, match="reset") as reset:
            push_dataset(data, settings, env={})
    settings = PushSettings(f"http://127.0.0.1:{free_port()}/store", timeout=(1, 1), retries=1, backoff=0.01)
    with pytest.raises(Exception, match="connection refused") as refused:
        push_dataset(data, settings, env={})
    assert "reset" not in str(refused.value) and "refused" not in str(reset.value)


def test_a_reset_is_retried_as_the_policy_says_whatever_the_timeout() -> None:
    waits: list[float] = []
    with faulty_server(["reset", "reset", "reset", "ok"]) as server:
        client = Client(Politeness(timeout=2, backoff=1.0, retries=4, rate=1000), sleep=waits.append)
        assert client.get_json(server.url + "x") == {"value": []}
        assert server.connections == 4
    assert [w for w in waits if w >= 0.5] == [1.0, 2.0, 4.0], "back-off 1, 2, 4 s although --timeout is 2"


@pytest.mark.parametrize("credentials", ["token", "basic"])
def test_push_never_prints_credentials_the_server_echoes(tmp_path: Path, httpserver: HTTPServer,
                                                         credentials: str) -> None:
    def echo(request: Request) -> Response:  # a careless server: its error page repeats the request headers
        text = (f"<h1>Denied</h1>\x1b[2J Authorization: {request.headers.get('Authorization')}\n"
                f"your request had password=s3cret-pw and token tok-3x4mpl3-v4lu3")
        return Response(text, status=401)

    httpserver.expect_request("/store", method="PUT").respond_with_handler(echo)
    env = ({ENV_TOKEN: "tok-3x4mpl3-v4lu3"} if credentials == "token"
           else {ENV_USER: "editor", ENV_PASSWORD: "s3cret-pw"})
    result = CliRunner().invoke(main, ["push", str(one_graph(tmp_path)), "--endpoint",
                                       httpserver.url_for("/query")], env=env)
    assert result.exit_code == 2 and "HTTP 401" in result.output and "Denied" in result.output
    for secret in ("tok-3x4mpl3-v4lu3", "s3cret-pw", base64.b64encode(b"editor:s3cret-pw").decode()):
        assert secret not in result.output, secret
    assert "[redacted]" in result.output and "\x1b" not in result.output


def test_a_244_character_file_name_converts(tmp_path: Path) -> None:
    letter = Path(__file__).parents[1] / "examples" / "letters" / "docxtext_ah619-2024Z16021.txt"
    long_name = tmp_path / "in" / ("a" * 240 + ".txt")
    long_name.parent.mkdir()
    long_name.write_bytes(letter.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(long_name), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(len(p.name) for p in out.iterdir() if not p.name.startswith((".", "report"))) == [243, 244, 247]
