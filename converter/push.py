"""Sending the dataset's named graphs to a SPARQL 1.1 Graph Store Protocol endpoint (`kamervragen push`).

Each letter's graph goes with `PUT <graph-store>?graph=<iri>`, which replaces that graph, so pushing twice
leaves the server as pushing once. Credentials come from the environment only (never argv, never printed):
KAMERVRAGEN_SPARQL_TOKEN (sent as a bearer token) or KAMERVRAGEN_SPARQL_USER and KAMERVRAGEN_SPARQL_PASSWORD
(HTTP Basic or Digest, as the server asks: see httpauth.py). Every request has a timeout; 5xx answers and
connection errors are retried with exponential back-off, a bounded number of times."""

from __future__ import annotations

import gzip
import os
import threading
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import groupby, islice
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import requests
import urllib3

from .deadline import tracked, within
from .errors import ConverterError
from .graph import union_graph_iri
from .httpauth import ENV_PASSWORD, ENV_TOKEN, ENV_USER, AuthError, ServerAuth
from .netfail import describe, redacted_excerpt
from .store import dataset_file

UNION_BLOCK = 50_000  # triples a request when pushing the union graph (about 8 MB)
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
    timeout: tuple[float, float] = (5.0, 60.0)  # seconds to connect; for the whole request
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


def named_graphs(dump: Path, summary: PushSummary) -> Iterator[tuple[str, bytes, int]]:
    """Each named graph of the dump as (graph IRI, N-Triples bytes, triple count), streamed.

    A TriG dump holds each graph in one block, so graphs stream through one at a time; an N-Quads dump may
    interleave them (ours is sorted by line), so its quads are grouped first. Default-graph triples are
    counted, never sent: PUT ?default would replace the server's own default graph."""
    fmt = ox.RdfFormat.TRIG if dump.suffix == ".trig" else ox.RdfFormat.N_QUADS
    quads: Iterator[ox.Quad] = iter(ox.parse(path=str(dump), format=fmt))
    if fmt == ox.RdfFormat.N_QUADS:
        grouped: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, list[ox.Quad]] = {}
        for quad in quads:
            grouped.setdefault(quad.graph_name, []).append(quad)
        quads = (q for graph in sorted(grouped, key=str) for q in grouped[graph])
    seen: set[str] = set()
    for graph, members in groupby(quads, key=lambda q: q.graph_name):
        triples = [q.triple for q in members]
        if isinstance(graph, ox.DefaultGraph):
            summary.default_graph_triples += len(triples)
            continue
        if graph.value in seen:  # PUT would drop the block sent before: the dump is not one we wrote
            raise PushError(f"{dump}: graph <{graph.value}> comes in two blocks; expected one block a graph")
        seen.add(graph.value)
        yield graph.value, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", len(triples)


def push_dataset(out_dir: Path, settings: PushSettings, env: Mapping[str, str] = os.environ) -> PushSummary:
    """PUT every named graph of the published dataset to the Graph Store; one failure never stops the rest."""
    try:
        auth = ServerAuth(env)
    except AuthError as exc:
        raise PushError(str(exc)) from None
    summary = PushSummary()
    trig = out_dir / "data" / "kamervragen.trig"
    dump = trig if trig.is_file() else dataset_file(out_dir)
    graphs = named_graphs(dump, summary)
    first = next(graphs, None)
    if first is None:
        return summary
    pusher = _Pusher(settings, auth, auth.secrets())
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
    iri, merged = union_graph_iri(first[0]), out_dir / "data" / "kamervragen.nt.gz"
    if iri is not None and merged.is_file() and not pusher.stopped.is_set():
        _push_union(pusher, iri, merged, summary)
    return summary


def _push_union(pusher: _Pusher, iri: str, merged: Path, summary: PushSummary) -> None:
    """The dataset's union (one value per statement, as reconciled) as a graph of its own, so a store answers
    our queries as `kamervragen query` does (see endpoint.py): PUT its first block, POST (add) the others, so
    no request of the whole archive's union outlasts the timeout."""
    triples, error = 0, None
    with gzip.open(merged, "rb") as lines:
        for number, block in enumerate(iter(lambda: b"".join(islice(lines, UNION_BLOCK)), b"")):
            try:
                error = pusher.put(iri, block, method="POST" if number else "PUT")
            except _Unreachable as exc:
                error = f"unreachable ({exc})"
            if error:
                break
            triples += block.count(b"\n")
    _record(summary, (iri, b"", triples), error)


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
    """PUTs graphs with a few requests in flight over one pool of kept-alive connections."""

    def __init__(self, settings: PushSettings, auth: ServerAuth, secrets: tuple[str, ...] = ()) -> None:
        self.settings = settings
        self.auth = auth
        self.secrets = secrets  # never printed, even where the server echoes them back
        self.stopped = threading.Event()
        self.http = _pool(settings)

    def put(self, iri: str, body: bytes, method: str = "PUT") -> str | None:
        """PUT one graph (or POST, to add to it), retrying 5xx and connection errors; None when stored, else the
        reason it failed.

        The timeout is a deadline for each whole request (sending, the answer and its body), not per read."""
        s = self.settings
        url = f"{s.graph_store}{'&' if '?' in s.graph_store else '?'}{urlencode({'graph': iri})}"
        timeout = urllib3.Timeout(connect=s.timeout[0], read=s.timeout[1])
        challenged = False
        for attempt in range(s.retries + 1):
            if attempt:
                time.sleep(s.backoff * 2 ** (attempt - 1))
            with within(s.timeout[1]) as deadline:
                try:
                    answer = self._request(method, url, body, timeout)
                    if not challenged and self._learn(answer):  # the server said how it wants the credentials
                        challenged = True
                        answer = self._request(method, url, body, timeout)
                except (urllib3.exceptions.HTTPError, OSError) as exc:
                    failure = describe(exc, s.timeout[1], deadline.expired)
                    if attempt == s.retries:
                        raise _Unreachable(failure.words) from None
                    continue
            if answer.status < 300:
                return None
            if answer.status < 500 or attempt == s.retries:
                return self._refusal(answer)
        return None  # not reached: the last attempt returns or raises

    def _request(self, method: str, url: str, body: bytes, timeout: urllib3.Timeout) -> urllib3.BaseHTTPResponse:
        headers = {"Content-Type": CONTENT_TYPE, **self.auth.header(method, url)}
        return self.http.request(method, url, body=body, headers=headers, timeout=timeout, retries=False,
                                 redirect=False)

    def _learn(self, answer: urllib3.BaseHTTPResponse) -> bool:
        try:
            return self.auth.learn(answer.status, answer.headers.getlist("WWW-Authenticate"))
        except AuthError as exc:
            raise PushError(f"{_public(self.settings.graph_store)}: {exc}") from None

    def _refusal(self, answer: urllib3.BaseHTTPResponse) -> str:
        """Why the server refused a graph: its status and a short excerpt of its text, secrets redacted."""
        if 300 <= answer.status < 400:
            target = urlsplit(answer.headers.get("Location", ""))
            where = f"{target.scheme}://{target.hostname}" if target.scheme and target.hostname else (
                f"a {target.scheme}: address" if target.scheme else "another address")
            return (f"HTTP {answer.status}: the server redirects to {where}; push does not follow redirects, give "
                    "the Graph Store's own URL with --graph-store")
        text = redacted_excerpt(answer.data.decode("utf-8", "replace"), self.secrets)
        return f"HTTP {answer.status}: {text}" + _auth_hint(answer.status)

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



def _pool(settings: PushSettings) -> urllib3.PoolManager:
    """A connection pool for the workers, through the environment's proxy where one is set for this URL.

    urllib3 (the HTTP library under requests) directly: requests' sessions, hooks and per-request
    environment lookups cost more than the PUT itself (2.0 against 1.4 ms a graph on loopback)."""
    proxy = requests.utils.get_environ_proxies(settings.graph_store).get(urlsplit(settings.graph_store).scheme)
    size = max(1, settings.workers)
    if proxy:
        return tracked(urllib3.ProxyManager(proxy, num_pools=2, maxsize=size))
    return tracked(urllib3.PoolManager(num_pools=2, maxsize=size))


def _auth_hint(status: int) -> str:
    if status in (401, 403):
        return f" (check {ENV_USER}/{ENV_PASSWORD} or {ENV_TOKEN})"
    return ""
