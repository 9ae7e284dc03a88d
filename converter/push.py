"""Sending the dataset's named graphs to a SPARQL 1.1 Graph Store Protocol endpoint (`kamervragen push`).

Each letter's graph goes with `PUT <graph-store>?graph=<iri>`, which replaces that graph, so pushing twice
leaves the server as pushing once. Credentials come from the environment only (never argv, never printed):
KAMERVRAGEN_SPARQL_TOKEN (sent as a bearer token) or KAMERVRAGEN_SPARQL_USER and KAMERVRAGEN_SPARQL_PASSWORD
(HTTP basic). Every request has a timeout; 5xx answers and connection errors are retried with exponential
back-off, a bounded number of times."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pyoxigraph as ox
import requests

from .errors import ConverterError
from .store import open_store

ENV_USER, ENV_PASSWORD, ENV_TOKEN = (
    "KAMERVRAGEN_SPARQL_USER",
    "KAMERVRAGEN_SPARQL_PASSWORD",
    "KAMERVRAGEN_SPARQL_TOKEN",
)
CONTENT_TYPE = "text/turtle; charset=utf-8"  # N-Triples is Turtle, and every Graph Store accepts Turtle
# the query endpoint's path -> where the same server keeps its Graph Store Protocol
_GRAPH_STORE_PATHS = {"/query": "/store", "/sparql": "/sparql-graph-crud"}


class PushError(ConverterError):
    """The endpoint cannot be reached, refuses our credentials, or the options are wrong."""


class _Unreachable(Exception):
    """Connection errors (or timeouts) outlasted the retries."""


@dataclass(frozen=True)
class PushSettings:
    """How to push: where, how long to wait, how often to retry, how many requests at a time."""

    graph_store: str
    timeout: tuple[float, float] = (5.0, 60.0)  # seconds to connect, to read an answer
    retries: int = 4
    backoff: float = 0.5  # seconds before the first retry; doubled for each next one
    workers: int = 4


@dataclass
class PushSummary:
    """What a push did: graphs pushed, graphs that failed (with the reason), triples sent."""

    pushed: int = 0
    triples: int = 0
    failed: dict[str, str] = field(default_factory=dict)
    default_graph_triples: int = 0  # never pushed: PUT ?default would replace the server's default graph


def graph_store_url(endpoint: str, graph_store: str | None = None) -> str:
    """The Graph Store Protocol URL: --graph-store if given, else derived from a known query endpoint path."""
    url = graph_store or endpoint
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PushError(f"{url!r}: expected an http(s) URL of a SPARQL endpoint or Graph Store")
    if parts.username or parts.password:
        raise PushError(
            f"the URL {parts.hostname}… holds credentials; put them in the environment instead "
            f"({ENV_USER} and {ENV_PASSWORD}, or {ENV_TOKEN})"
        )
    if graph_store:
        return graph_store
    path = parts.path.rstrip("/")
    for tail, store in _GRAPH_STORE_PATHS.items():
        if path.endswith(tail):
            return parts._replace(path=path[: -len(tail)] + store, query="").geturl()
    if "/repositories/" in path and "/rdf-graphs/" not in path:  # GraphDB, RDF4J
        return parts._replace(path=path + "/rdf-graphs/service", query="").geturl()
    return url


def auth_headers(env: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Authorization header from the environment (token, else user and password), or none."""
    token = env.get(ENV_TOKEN)
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = env.get(ENV_USER), env.get(ENV_PASSWORD)
    if user or password:
        if not (user and password):
            raise PushError(f"set both {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}), not only one of them")
        return {"Authorization": requests.auth._basic_auth_str(user, password)}
    return {}


def named_graphs(store: ox.Store) -> Iterator[tuple[str, bytes, int]]:
    """Each named graph of the store as (graph IRI, N-Triples bytes, triple count), in IRI order."""
    for graph in sorted(store.named_graphs(), key=str):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""  # no output file: bytes back
        yield graph.value, body, len(triples)


def push_dataset(out_dir: Path, settings: PushSettings, env: Mapping[str, str] = os.environ) -> PushSummary:
    """PUT every named graph of the published dataset to the Graph Store; one failure never stops the rest."""
    headers = {"Content-Type": CONTENT_TYPE, **auth_headers(env)}
    store = open_store(out_dir)
    summary = PushSummary(
        default_graph_triples=sum(1 for _ in store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    )
    graphs = named_graphs(store)
    first = next(graphs, None)
    if first is None:
        return summary
    pusher = _Pusher(settings, headers)
    try:
        _record(summary, first, pusher.put(*first[:2]))
    except _Unreachable as exc:
        raise PushError(
            f"{_public(settings.graph_store)}: unreachable ({exc}) after {settings.retries} retries; "
            "is the server running, and is the URL right?"
        ) from None
    if summary.failed.get(first[0], "").startswith("HTTP 4"):  # a wrong URL or credentials: stop here
        raise PushError(f"{_public(settings.graph_store)}: {summary.failed[first[0]]}")
    pusher.run(graphs, summary)
    return summary


def _record(summary: PushSummary, item: tuple[str, bytes, int], error: str | None) -> None:
    if error is None:
        summary.pushed += 1
        summary.triples += item[2]
    else:
        summary.failed[item[0]] = error


def _public(url: str) -> str:
    """A URL as it may be printed: no credentials, no query string."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    return parts._replace(netloc=f"{netloc}:{parts.port}" if parts.port else netloc, query="").geturl()


class _Pusher:
    """PUTs graphs with a few requests in flight, one requests.Session per thread."""

    def __init__(self, settings: PushSettings, headers: dict[str, str]) -> None:
        self.settings = settings
        self.headers = headers
        self.local = threading.local()
        self.stopped = threading.Event()

    def put(self, iri: str, body: bytes) -> str | None:
        """PUT one graph, retrying 5xx and connection errors; None when stored, else the reason it failed."""
        s = self.settings
        session = getattr(self.local, "session", None) or self._new_session()
        for attempt in range(s.retries + 1):
            if attempt:
                time.sleep(s.backoff * 2 ** (attempt - 1))
            try:
                answer = session.put(
                    s.graph_store, params={"graph": iri}, data=body, headers=self.headers, timeout=s.timeout
                )
            except (requests.ConnectionError, requests.Timeout) as exc:
                if attempt == s.retries:
                    raise _Unreachable(type(exc).__name__) from None
                continue
            if answer.status_code < 300:
                return None
            if answer.status_code < 500 or attempt == s.retries:
                return f"HTTP {answer.status_code}: {answer.text.strip()[:200]}" + _auth_hint(answer.status_code)
        return None  # not reached: the last attempt returns or raises

    def run(self, graphs: Iterator[tuple[str, bytes, int]], summary: PushSummary) -> None:
        """Push the remaining graphs, at most `workers` requests at a time and a few graphs read ahead."""
        pending: dict[Future, tuple[str, bytes, int]] = {}
        with ThreadPoolExecutor(max_workers=self.settings.workers) as pool:
            for item in graphs:
                if self.stopped.is_set():
                    summary.failed[item[0]] = "not sent: the endpoint stopped answering"
                    continue
                pending[pool.submit(self._put_or_stop, item[0], item[1])] = item
                if len(pending) >= 2 * self.settings.workers:
                    self._collect(pending, summary, FIRST_COMPLETED)
            self._collect(pending, summary, None)

    def _put_or_stop(self, iri: str, body: bytes) -> str | None:
        try:
            return self.put(iri, body)
        except _Unreachable as exc:
            self.stopped.set()
            return f"unreachable ({exc})"

    @staticmethod
    def _collect(pending: dict[Future, tuple[str, bytes, int]], summary: PushSummary, until: str | None) -> None:
        done, _ = wait(pending, return_when=until or "ALL_COMPLETED")
        for future in done:
            _record(summary, pending.pop(future), future.result())

    def _new_session(self) -> requests.Session:
        session = requests.Session()
        # the environment's proxy settings, read once: requests would read them (and .netrc) on every request
        session.proxies = requests.utils.get_environ_proxies(self.settings.graph_store)
        session.trust_env = False
        self.local.session = session
        return session


def _auth_hint(status: int) -> str:
    if status in (401, 403):
        return f" (check {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN})"
    return ""
