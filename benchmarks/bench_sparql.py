"""SPARQL at scale: a dataset of 10,000 letters made from the example letters, loaded, queried, pushed.

    python benchmarks/bench_sparql.py [--letters 10000] [--repeat 5] [--rdflib-repeat 1] [--against DIR]
                                      [--no-http] [--no-push] [--keep DIR]

The example letters (examples/letters/) are published once with `publish_dataset`; each letter's named graph
is then copied with new identifiers (zaak and aanhangsel numbers, source checksum), members from a pool of
names, dates shifted by up to two years and cited addresses varied, and the copies are written straight to
<out>/data/kamervragen.nq (publishing 10,000 letters through rdflib's serialisers is issue 4's benchmark),
with their union as `kamervragen.nt.gz` beside it, as publish writes it.

Printed: the bulk load into the embedded store beside `oxigraph load` of the same files (the reference,
in the same run), the first query after loading, each named query's median latency embedded (pyoxigraph),
beside the same query as another checkout has it (`--against DIR`, for instance /work/main: its queries/ on
the same store), over HTTP (oxigraph server on loopback) and in a plain rdflib in-memory Graph of the same
triples, and the time to push every graph to an oxigraph server.
Targets (issue 15): the bulk load of 10,000 letters under 8 s; every named query under 0.2 s embedded at
10,000 letters and under 1 s at 60,000; push under 30 s (issue 5)."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from converter.catalog import CatalogSettings  # noqa: E402
from converter.publish.dataset import publish_dataset  # noqa: E402
from converter.push import PushSettings, push_dataset  # noqa: E402
from converter.query import query_endpoint, run_query  # noqa: E402
from converter.sparql import bind_params, named_queries  # noqa: E402
from converter.store import (  # noqa: E402
    DUMP,
    build_server_store,
    build_store,
    open_store,
    oxigraph_binary,
    write_union,
)
from converter.vocab import DEFAULT_BASE_IRI  # noqa: E402

PARAMS = {"subject": {"word": "school", "from": "2025-01-01", "to": "2025-12-31"}}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
_DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})"\^\^<http://www\.w3\.org/2001/XMLSchema#date>')
_NAME = re.compile(r'^(<[^>]*/persoon/[^>]*>) <https://schema\.org/name> "([^"]*)"')


def template_graphs(work: Path) -> list[list[str]]:
    """Publish the example letters once; their N-Quads lines, grouped by named graph."""
    letters = sorted(p for p in (ROOT / "examples" / "letters").iterdir() if p.is_file())
    publish_dataset(letters, work / "examples", CatalogSettings(base_iri=DEFAULT_BASE_IRI))
    graphs: dict[str, list[str]] = {}
    for line in (work / "examples" / DUMP).read_text(encoding="utf-8").splitlines():
        if line.strip():
            graphs.setdefault(line.rsplit(" ", 2)[-2], []).append(line)
    return list(graphs.values())


def variant(lines: list[str], n: int) -> list[str]:
    """Copy n of one letter's graph: new identifiers, members from a pool, dates shifted, addresses varied."""
    shift = dt.timedelta(days=n % 730)
    member = n % 150
    out = []
    for line in lines:
        line = re.sub(r"(\d{4}Z)(\d{5})", lambda m: f"{m.group(1)}{(int(m.group(2)) + n) % 100000:05d}", line)
        line = re.sub(r"(ah-tk-\d{8}-)(\d+)", lambda m: f"{m.group(1)}{int(m.group(2)) + 10000 * n}", line)
        line = re.sub(r"/(doc-[0-9a-f]{16}|sha256-[0-9a-f]{64})", lambda m: f"/{m.group(1)}-{n}", line)
        line = re.sub(r"(/persoon/[a-z0-9-]+)>", lambda m: f"{m.group(1)}-{member}>", line)
        line = _NAME.sub(lambda m: f'{m.group(1)} <https://schema.org/name> "{m.group(2)} {member}"', line)
        line = re.sub(r"(<https?://[^>]*/artikel/[^>]*)>", lambda m: f"{m.group(1)}-{n % 400}>", line)
        line = _DATE.sub(lambda m: f'"{dt.date.fromisoformat(m.group(1)) + shift}"^^<{XSD_DATE}>', line)
        out.append(line)
    return out


def write_dataset(out: Path, templates: list[list[str]], count: int) -> int:
    """Write `count` letters' graphs as N-Quads into out/data/kamervragen.nq; return the number of quads."""
    (out / DUMP).parent.mkdir(parents=True, exist_ok=True)
    quads = 0
    with (out / DUMP).open("w", encoding="utf-8") as fh:
        for n in range(count):
            lines = variant(templates[n % len(templates)], n // len(templates) + 1)
            fh.write("\n".join(lines) + "\n")
            quads += len(lines)
    return quads


def write_union_gz(out: Path) -> None:
    """The union graph publish writes beside the dump (here: every graph's triples, each once)."""
    plain = write_union(out / DUMP, out / "union.nt")
    with plain.open("rb") as src, gzip.open(out / DUMP.with_name("kamervragen.nt.gz"), "wb", compresslevel=1) as dst:
        shutil.copyfileobj(src, dst)
    plain.unlink()


def bench_load(out: Path, work: Path) -> None:
    """The embedded store's bulk load beside `oxigraph load` of the same dump and union, in the same run."""
    seconds, _ = timed(lambda: build_store(out))
    union = write_union(out / DUMP, work / "union.nt")
    reference = []
    for files in ([out / DUMP], [out / DUMP, union]):
        shutil.rmtree(work / "cli-load", ignore_errors=True)
        argv = [oxigraph_binary(), "load", "--location", str(work / "cli-load"), "--file", *map(str, files)]
        reference.append(timed(lambda a=argv: subprocess.run(a, check=True, capture_output=True))[0])
    shutil.rmtree(work / "cli-load", ignore_errors=True)
    union.unlink()
    print(f"bulk load into the embedded store (dump and union): {seconds:.1f} s; `oxigraph load` of the same "
          f"files: {reference[1]:.1f} s (ratio {reference[1] / seconds:.2f}); of the dump alone: {reference[0]:.1f} s")


def timed(func: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    value = func()
    return time.perf_counter() - started, value


def median(func: Callable[[], object], repeat: int) -> float:
    return statistics.median(timed(func)[0] for _ in range(repeat))


class Server:
    """An oxigraph server on a free loopback port, stopped on exit."""

    def __init__(self, mode: str, location: Path) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        argv = [oxigraph_binary(), mode, "--location", str(location), "--bind", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the oxigraph server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def bench_queries(out: Path, repeat: int, rdflib_repeat: int, against: Path | None, http: bool) -> None:
    """Each named query's median latency: embedded, as `against` has it, over HTTP, and in rdflib."""
    texts = {name: bind_params(q.text, PARAMS.get(name, {}), q) for name, q in named_queries().items()}
    others = named_queries(against / "queries") if against else {}
    old = {name: bind_params(q.text, PARAMS.get(name, {}), q) for name, q in others.items() if name in texts}
    store = open_store(out)
    ds = None
    if rdflib_repeat:  # a plain in-memory Graph of the same triples (a Dataset's union is far slower still)
        from rdflib import Graph

        union = write_union(out / DUMP, out / "union.nt")
        seconds, ds = timed(lambda: Graph().parse(union, format="nt"))
        print(f"rdflib: parsed the {len(ds)} triples into an in-memory Graph in {seconds:.1f} s")
    if http:
        load, _ = timed(lambda: build_server_store(out))
        print(f"load by `oxigraph load` (server store): {load:.1f} s")
    print(f"{'query':22s} {'rows':>6s} {'embedded':>9s} {'against':>9s} {'ratio':>6s} {'HTTP':>9s} {'rdflib':>9s}"
          "   (median seconds; against: one run)")
    nan = float("nan")
    with Server("serve-read-only", out / ".server-store") if http else contextlib.nullcontext() as server:
        for name, text in texts.items():
            rows = len(run_query(store, text).rows)
            embedded = median(lambda t=text: run_query(store, t), repeat)
            before = nan
            if name in old:
                before, answer = timed(lambda t=old[name]: run_query(store, t))
                same = sorted(map(str, answer.rows)) == sorted(map(str, run_query(store, text).rows))  # type: ignore[union-attr]
                name = name if same else f"{name} (ROWS DIFFER)"
            over = median(lambda t=text: query_endpoint(f"{server.url}/query", t), repeat) if server else nan
            plain = median(lambda t=text: list(ds.query(t)), rdflib_repeat) if ds is not None else nan
            flag = "" if embedded <= 0.2 else "  <- over the 0.2 s target"
            print(f"{name:22s} {rows:6d} {embedded:9.3f} {before:9.3f} {before / embedded:5.1f}x {over:9.3f} "
                  f"{plain:9.3f}{flag}", flush=True)


def bench_push(out: Path, work: Path) -> None:
    """Push every graph to an empty read-write oxigraph server and check the count."""
    with Server("serve", work / "push-target") as server:
        settings = PushSettings(f"{server.url}/store", timeout=(5, 120))
        seconds, summary = timed(lambda: push_dataset(out, settings, env={}))
        assert not summary.failed, list(summary.failed.items())[:3]  # type: ignore[union-attr]
        answer = query_endpoint(f"{server.url}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        on_server = answer.rows[0][0].value  # type: ignore[union-attr]
        print(
            f"push: {summary.pushed} graphs, {summary.triples} triples in {seconds:.1f} s "  # type: ignore[union-attr]
            f"({settings.workers} requests in flight); the server holds {on_server} triples"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per query, embedded and over HTTP")
    parser.add_argument("--rdflib-repeat", type=int, default=1, help="runs per query in rdflib (0: skip rdflib)")
    parser.add_argument("--against", type=Path, help="also run the named queries of this checkout (its queries/)")
    parser.add_argument("--no-http", action="store_true", help="skip the oxigraph server (HTTP column)")
    parser.add_argument("--no-push", action="store_true", help="skip the push")
    parser.add_argument("--keep", type=Path, help="work in (and keep) this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kamervragen-bench-sparql-"))
    try:
        templates = template_graphs(work)
        out = work / "out"
        seconds, quads = timed(lambda: write_dataset(out, templates, args.letters))
        print(f"{args.letters} letters from {len(templates)} example letters: {quads} quads written in {seconds:.1f} s")
        write_union_gz(out)
        bench_load(out, work)
        first, _ = timed(lambda: run_query(open_store(out), named_queries()["questions-per-party"].text))
        print(f"first query after loading (open the store + questions-per-party): {first:.3f} s")
        bench_queries(out, args.repeat, args.rdflib_repeat, args.against, not args.no_http)
        if not args.no_push:
            bench_push(out, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
