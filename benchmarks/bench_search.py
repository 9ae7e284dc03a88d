"""Static search at archive scale: Pagefind (what the site uses) against a lunr prebuilt index and a sharded
inverted index of our own with snowballstemmer's Dutch stemmer, on generated letters (tests/viewfactory.py).

Prints, per engine: build time, files and bytes written, what a first query must download, and query time; for
Pagefind also the cost of a republish that adds 100 letters (only the changed years' indexes are rebuilt).

    pip install -e '.[bench]' && python benchmarks/bench_search.py --letters 60000 [--lunr-letters 2000]

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
COMMON = "vergunningen"  # in about half the generated letters: the worst case
RARE_LETTER = 30000  # its zaak number is in one letter only
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


def pagefind_query(out: Path, query: str) -> dict[str, float] | None:
    """First and repeated query time and the bytes the server sent for it, in headless Chromium (None where it
    is absent)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    from cdp import Browser

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    browser = Browser(chromium, Path(tempfile.mkdtemp(prefix="kv-bench-profile-")))
    try:
        browser.open(f"http://127.0.0.1:{server.server_address[1]}/zoeken/index.html")
        _Quiet.sent = 0
        shards = json.loads(browser.evaluate("document.getElementById('shards').textContent"))
        script = """(async () => {
          const shards = SHARDS, t0 = performance.now();
          const main = await import(`/zoeken/${shards[0]}/pagefind/pagefind.js`);
          await main.options({baseUrl: "/"});
          for (const s of shards.slice(1)) await main.mergeIndex(`/zoeken/${s}/pagefind/`, {baseUrl: "/"});
          const run = async () => { const r = await main.search(QUERY);
            await Promise.all(r.results.slice(0, 10).map(x => x.data())); return r.results.length; };
          const found = await run(); const t1 = performance.now(); await run(); const t2 = performance.now();
          return {first: (t1 - t0) / 1000, again: (t2 - t1) / 1000, found};
        })()""".replace("SHARDS", json.dumps(shards)).replace("QUERY", json.dumps(query))
        result = browser.evaluate(script)
        return {**result, "bytes": _Quiet.sent}
    finally:
        browser.close()
        server.shutdown()


class _Quiet(SimpleHTTPRequestHandler):
    sent = 0  # bytes of the files served since the count was reset

    def log_message(self, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]  # noqa: ANN001
        data = source.read()
        _Quiet.sent += len(data)
        outputfile.write(data)


def bench_own(views: tuple, out: Path, queries: tuple[str, ...]) -> dict[str, object]:
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
    asked = []
    for query in queries:
        started = time.perf_counter()
        hits: set[int] | None = None
        loaded = 0
        for word in query.split():
            root = stem.stemWord(word.lower())
            raw = (out / f"shard/{root[:2]}.json.gz").read_bytes()
            loaded += len(raw)
            found = set(json.loads(gzip.decompress(raw)).get(root, []))
            hits = found if hits is None else hits & found
        asked.append((query, time.perf_counter() - started, loaded, len(hits or ())))
    return {"seconds": took, "files": len(files), "bytes": sum(map(len, files.values())), "queries": asked}


def bench_lunr(views: tuple, query: str) -> dict[str, float]:
    """lunr.py's prebuilt index (lunr.js loads it whole): build time and size, and a query."""
    from lunr import lunr

    docs = [{"id": d["url"], "body": re.sub(r"<[^>]+>", " ", d["html"])}
            for ds in search_documents(views, {}).values() for d in ds]
    started = time.perf_counter()
    index = lunr(ref="id", fields=["body"], documents=docs, languages="nl")
    took = time.perf_counter() - started
    data = gzip.compress(json.dumps(index.serialize()).encode(), mtime=0)
    started = time.perf_counter()
    found = index.search(query)
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
    suffix = f"Z{min(RARE_LETTER, args.letters // 2):06d}"
    rare = next(v["zaak_number"] for v in views if v["zaak_number"].endswith(suffix))
    print(f"{len(views)} letter views ({args.letters} generated zaken); queries {COMMON!r} (common), {rare!r} (rare)")
    with tempfile.TemporaryDirectory(prefix="kv-bench-search-") as tmp:
        out = Path(tmp)
        pf = bench_pagefind(views, out / "pagefind")
        print(f"pagefind: build {pf['seconds']:.1f} s, {pf['files']:.0f} files, {_mb(pf['bytes'])} "
              f"(index and fragments {_mb(pf['index_bytes'])})")
        for query in (rare, COMMON):
            found = pagefind_query(out / "pagefind", query)
            if found:
                print(f"pagefind {query!r}: first query {found['first']:.2f} s loading {_mb(found['bytes'])} "
                      f"(engine, index chunks, 10 fragments), again {found['again'] * 1000:.0f} ms; "
                      f"{found['found']} letters found")
        own = bench_own(views, out / "own", (rare, COMMON))
        print(f"own inverted index (snowball nl, sharded by 2 letters): build {own['seconds']:.1f} s, "
              f"{own['files']} files, {_mb(own['bytes'])} (no ranking, no excerpts, no UI)")
        for query, took, loaded, count in own["queries"]:  # type: ignore[attr-defined]
            print(f"own {query!r}: loads {_mb(loaded)}, {took * 1000:.0f} ms in Python, {count} found")
    sample = _views(min(args.lunr_letters, args.letters))
    lunr = bench_lunr(sample, COMMON)
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
