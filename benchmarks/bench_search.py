"""Static search at archive scale: Pagefind (what the site uses) against a lunr prebuilt index and a sharded
inverted index of our own with snowballstemmer's Dutch stemmer, on generated letters (tests/viewfactory.py).

Prints, per engine: build time, files and bytes written, what a first query must download, and query time; for
Pagefind also the cost of a republish that adds 100 letters (only the changed years' indexes are rebuilt).

    python benchmarks/bench_search.py --letters 60000 [--lunr-letters 2000] [--plus 100 --plus-base 10000]

lunr (pure Python, one JSON index the browser loads whole) is built on --lunr-letters and scaled linearly, saying
so. Pagefind's query time is measured in headless Chromium where it is installed (first query: the index chunks
and fragments it loads; then the same query again), else left out."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from viewfactory import generated_views  # noqa: E402

from converter.site.search import search_documents, search_units  # noqa: E402
from converter.site.viewtypes import SiteInput  # noqa: E402

BASE = "https://w3id.org/kamervragen/id/"
QUERY = "garnalenvissers vergunningen"
WORD = re.compile(r"\w+")


def _views(count: int, start: int = 0) -> tuple:
    return tuple(sorted(generated_views(count, start=start), key=lambda v: v["graph"]))


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def bench_pagefind(views: tuple, out: Path) -> dict[str, float]:
    """Build every unit of the search and write it; time, files and bytes."""
    started = time.perf_counter()
    files: dict[str, bytes] = {}
    for unit in search_units(SiteInput(views, {}, BASE, ())):
        files.update(unit.render())
    took = time.perf_counter() - started
    for path, data in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    index = sum(len(d) for p, d in files.items() if p.endswith((".pf_index", ".pf_meta", ".pf_fragment")))
    return {"seconds": took, "files": len(files), "bytes": sum(map(len, files.values())), "index_bytes": index}


def bench_plus(base_count: int, plus: int) -> tuple[float, int, float, int]:
    """A republish adding letters: the units whose key changed, rebuilt (spread over every year as the generator
    makes them, and all in the newest year)."""
    views = _views(base_count)
    before = {u.name: u.key for u in search_units(SiteInput(views, {}, BASE, ()))}
    spread = _views(plus, start=base_count)
    newest = max(v["issued"][:4] for v in views if v["issued"])
    same_year = tuple(v | {"issued": f"{newest}-12-01", "submitted": f"{newest}-11-20"} for v in spread)
    results = []
    for added in (spread, same_year):
        site = SiteInput(tuple(sorted([*views, *added], key=lambda v: v["graph"])), {}, BASE, ())
        started = time.perf_counter()
        changed = [u for u in search_units(site) if before.get(u.name) != u.key]
        for unit in changed:
            unit.render()
        results += [time.perf_counter() - started, len(changed)]
    return results[0], int(results[1]), results[2], int(results[3])


def pagefind_query(out: Path) -> dict[str, float] | None:
    """First and repeated query time and bytes loaded, in headless Chromium (None where it is absent)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    from cdp import Browser

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser = Browser(chromium, Path(tempfile.mkdtemp(prefix="kv-bench-profile-")))
    try:
        browser.open(f"http://127.0.0.1:{server.server_address[1]}/zoeken/index.html")
        shards = json.loads(browser.evaluate("document.getElementById('shards').textContent"))
        script = """(async () => {
          performance.clearResourceTimings();
          const shards = SHARDS, t0 = performance.now();
          const main = await import(`/zoeken/${shards[0]}/pagefind/pagefind.js`);
          await main.options({baseUrl: "/"});
          for (const s of shards.slice(1)) await main.mergeIndex(`/zoeken/${s}/pagefind/`, {baseUrl: "/"});
          const run = async () => { const r = await main.search(QUERY);
            await Promise.all(r.results.slice(0, 10).map(x => x.data())); return r.results.length; };
          const found = await run(); const t1 = performance.now(); await run(); const t2 = performance.now();
          const bytes = performance.getEntriesByType("resource").reduce((n, e) => n + e.transferSize, 0);
          return {first: (t1 - t0) / 1000, again: (t2 - t1) / 1000, bytes, found};
        })()""".replace("SHARDS", json.dumps(shards)).replace("QUERY", json.dumps(QUERY))
        return browser.evaluate(script)
    finally:
        browser.close()
        server.shutdown()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def bench_own(views: tuple, out: Path) -> dict[str, float]:
    """An inverted index of our own: Snowball Dutch stems -> postings (document ids), sharded by the stem's first
    two letters into gzipped JSON files, and a documents file; a query loads one shard per word."""
    import snowballstemmer

    stem = snowballstemmer.stemmer("dutch")
    memo: dict[str, str] = {}
    started = time.perf_counter()
    postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    docs = []
    for number, doc in enumerate(d for ds in search_documents(views, {}).values() for d in ds):
        docs.append(doc["url"])
        seen = set()
        for word in WORD.findall(re.sub(r"<[^>]+>", " ", doc["html"]).lower()):
            root = memo.get(word) or memo.setdefault(word, stem.stemWord(word))
            if root not in seen:
                seen.add(root)
                postings[root[:2]][root].append(number)
    files = {f"shard/{key}.json.gz": gzip.compress(json.dumps(value, sort_keys=True).encode(), mtime=0)
             for key, value in sorted(postings.items())}
    files["docs.json.gz"] = gzip.compress(json.dumps(docs).encode(), mtime=0)
    took = time.perf_counter() - started
    for path, data in files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    started = time.perf_counter()
    hits: set[int] | None = None
    loaded = 0
    for word in QUERY.split():
        root = stem.stemWord(word)
        raw = (out / f"shard/{root[:2]}.json.gz").read_bytes()
        loaded += len(raw)
        found = set(json.loads(gzip.decompress(raw)).get(root, []))
        hits = found if hits is None else hits & found
    query = time.perf_counter() - started
    return {"seconds": took, "files": len(files), "bytes": sum(map(len, files.values())), "query": query,
            "query_bytes": loaded, "found": len(hits or ())}


def bench_lunr(views: tuple) -> dict[str, float]:
    """lunr.py's prebuilt index (lunr.js loads it whole): build time and size, and a query."""
    from lunr import lunr

    docs = [{"id": d["url"], "body": re.sub(r"<[^>]+>", " ", d["html"])}
            for ds in search_documents(views, {}).values() for d in ds]
    started = time.perf_counter()
    index = lunr(ref="id", fields=["body"], documents=docs, languages="nl")
    took = time.perf_counter() - started
    data = gzip.compress(json.dumps(index.serialize()).encode(), mtime=0)
    started = time.perf_counter()
    found = index.search(QUERY)
    return {"seconds": took, "bytes": len(data), "query": time.perf_counter() - started, "found": len(found)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--letters", type=int, default=60000)
    parser.add_argument("--lunr-letters", type=int, default=2000)
    parser.add_argument("--plus", type=int, default=100)
    parser.add_argument("--plus-base", type=int, default=10000)
    parser.add_argument("--skip-plus", action="store_true")
    args = parser.parse_args()
    views = _views(args.letters)
    print(f"{len(views)} letter views ({args.letters} generated zaken), query {QUERY!r}")
    with tempfile.TemporaryDirectory(prefix="kv-bench-search-") as tmp:
        out = Path(tmp)
        pf = bench_pagefind(views, out / "pagefind")
        print(f"pagefind: build {pf['seconds']:.1f} s, {pf['files']:.0f} files, {_mb(pf['bytes'])} "
              f"(index and fragments {_mb(pf['index_bytes'])})")
        query = pagefind_query(out / "pagefind")
        if query:
            print(f"pagefind: first query {query['first']:.2f} s loading {_mb(query['bytes'])} (engine, index "
                  f"chunks, 10 fragments), again {query['again'] * 1000:.0f} ms; {query['found']} letters found")
        own = bench_own(views, out / "own")
        print(f"own inverted index (snowball nl, sharded by 2 letters): build {own['seconds']:.1f} s, "
              f"{own['files']:.0f} files, {_mb(own['bytes'])}; a query loads {_mb(own['query_bytes'])} and "
              f"takes {own['query'] * 1000:.0f} ms in Python; {own['found']:.0f} found (no ranking, no excerpts)")
    sample = _views(min(args.lunr_letters, args.letters))
    lunr = bench_lunr(sample)
    scale = len(views) / len(sample)
    print(f"lunr (prebuilt, one JSON): {len(sample)} views: build {lunr['seconds']:.1f} s, {_mb(lunr['bytes'])} "
          f"gzipped, query {lunr['query'] * 1000:.0f} ms; scaled x{scale:.1f}: build ~{lunr['seconds'] * scale:.0f} s, "
          f"~{_mb(lunr['bytes'] * scale)} loaded whole before the first query")
    if not args.skip_plus:
        spread, n_spread, one_year, n_year = bench_plus(args.plus_base, args.plus)
        print(f"pagefind republish, {args.plus_base} + {args.plus} letters: {spread:.1f} s rebuilding {n_spread} "
              f"year indexes (letters spread over every year); {one_year:.1f} s rebuilding {n_year} "
              f"(all in the newest year)")


if __name__ == "__main__":
    main()
