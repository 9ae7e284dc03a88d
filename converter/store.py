"""The published dataset in SPARQL stores: an embedded pyoxigraph store and the oxigraph server's store.

Both live beside the dataset (``<out>/.store/`` and ``<out>/.server-store/``), are loaded with oxigraph's
bulk loader from ``<out>/data/kamervragen.nq`` and record the SHA-256 of the dump they were built from, so
they are reused until the dump changes. Besides the letters' named graphs, the default graph holds their
union with each triple once: Oxigraph's own union default graph repeats a triple for every graph holding it
(a member who asked in 700 letters), which makes joins over people, parties and offices explode. A store is
built in a temporary folder and moved into place only when complete, so a reader never opens half a store."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from .errors import ConverterError
from .publish.outdir import exchange, output_error

DUMP = Path("data") / "kamervragen.nq"
STORE_DIR = ".store"
SERVER_STORE_DIR = ".server-store"
STAMP = "built-from.json"
LAYOUT = 2  # what a store holds; a store of another layout is rebuilt (1: named graphs only)
LOAD_TIMEOUT_S = 3600


class StoreError(ConverterError):
    """No dataset to load, or a dump or store that cannot be loaded or opened."""


def dataset_file(out_dir: Path) -> Path:
    """The N-Quads dump of a published dataset, or StoreError saying how to make one."""
    dump = out_dir / DUMP
    if not dump.is_file():
        raise StoreError(
            f"{dump}: no published dataset (expected the N-Quads dump {DUMP} inside {out_dir}); "
            "run `kamervragen publish` first, or point --data at the folder publish wrote"
        )
    return dump


def build_store(out_dir: Path) -> Path:
    """Bulk-load the dataset's N-Quads dump into a fresh embedded store beside it; return the store folder."""
    return _build(out_dir, STORE_DIR, _load_embedded)


def open_store(out_dir: Path) -> ox.Store:
    """Open the embedded store read-only, building it first if it is missing or the dump has changed."""
    location = out_dir / STORE_DIR
    if not is_current(out_dir, location):
        build_store(out_dir)
    try:
        return ox.Store.read_only(str(location))
    except OSError as exc:
        raise StoreError(f"{location}: cannot open the SPARQL store ({exc}); delete the folder to rebuild it") from exc


def build_server_store(out_dir: Path) -> Path:
    """Load the dump with `oxigraph load` into the server's store folder (reused while unchanged)."""
    location = out_dir / SERVER_STORE_DIR
    if is_current(out_dir, location):
        return location
    return _build(out_dir, SERVER_STORE_DIR, _load_with_cli)


def is_current(out_dir: Path, location: Path) -> bool:
    """Whether the store at location was built from the dump as it is now (size and time, else checksum)."""
    dump = dataset_file(out_dir)
    try:
        stamp = json.loads((location / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if stamp.get("layout") != LAYOUT:
        return False
    stat = dump.stat()
    if stamp.get("size") == stat.st_size and stamp.get("mtime_ns") == stat.st_mtime_ns:
        return True
    if stamp.get("size") != stat.st_size or stamp.get("sha256") != file_sha256(dump):
        return False
    _write_stamp(location, dump, stamp["sha256"])  # touched but unchanged: remember the new time
    return True


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def oxigraph_binary() -> str:
    """The `oxigraph` server program: on PATH, or beside this Python (a virtualenv that is not activated)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if not found:
        raise StoreError("the `oxigraph` program was not found; install it with `pip install oxigraph`")
    return found


def _build(out_dir: Path, name: str, load: Callable[[Path, Path], None]) -> Path:
    dump = dataset_file(out_dir)
    checksum = file_sha256(dump)
    target = out_dir / name
    try:
        tmp = Path(tempfile.mkdtemp(prefix=f"{name}.build-{os.getpid()}-", dir=out_dir))
    except OSError as exc:
        raise output_error(exc, out_dir / name, "build the SPARQL store in") from exc
    try:
        load(dump, tmp)
        _write_stamp(tmp, dump, checksum)
        _swap_in(tmp, target)
    except OSError as exc:
        raise output_error(exc, target, "build the SPARQL store in") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # gone already when it was swapped in
    return target


def write_union(dump: Path, target: Path) -> Path:
    """The union graph as N-Triples: the published one beside the dump (one value per statement, as
    reconcile.union decided), else the triples of every graph in the dump (the store keeps each once)."""
    merged = dump.with_name("kamervragen.nt.gz")
    if merged.is_file():
        with gzip.open(merged, "rb") as src, target.open("wb") as out:
            shutil.copyfileobj(src, out)
        return target
    try:
        quads = ox.parse(path=str(dump), format=ox.RdfFormat.N_QUADS)
        ox.serialize((q.triple for q in quads), output=str(target), format=ox.RdfFormat.N_TRIPLES)
    except SyntaxError as exc:
        target.unlink(missing_ok=True)
        raise StoreError(f"{dump}: not valid N-Quads ({exc}); publish the dataset again") from exc
    return target


def _load_embedded(dump: Path, location: Path) -> None:
    union = write_union(dump, location.with_name(location.name + ".union.nt"))
    store = ox.Store(str(location))
    try:
        # from the files themselves (Oxigraph reads and parses them, no triple passes through Python);
        # lenient: the IRIs were checked when publish wrote them (iri.py), and checking them again cost a
        # sixth of the load (benchmarks/bench_sparql.py)
        store.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS, lenient=True)
        store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES, lenient=True)  # into the default graph
        store.flush()
    finally:
        del store  # closes the database, releasing its lock before the folder moves
        union.unlink()


def _load_with_cli(dump: Path, location: Path) -> None:
    union = write_union(dump, location.with_name(location.name + ".union.nt"))
    argv = [oxigraph_binary(), "load", "--lenient", "--location", str(location), "--file", str(dump), str(union)]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=LOAD_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as exc:
        raise StoreError(f"{dump}: `oxigraph load` took longer than {LOAD_TIMEOUT_S} s") from exc
    finally:
        union.unlink(missing_ok=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no message"]
        raise StoreError(f"{dump}: `oxigraph load` failed ({detail[0]})")


def _write_stamp(location: Path, dump: Path, checksum: str) -> None:
    stat = dump.stat()
    record = {
        "dump": dump.name,
        "sha256": checksum,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "layout": LAYOUT,
    }
    tmp = location / f".{STAMP}.part"
    tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp, location / STAMP)


def _swap_in(new: Path, target: Path) -> None:
    """Move a complete store into place in one step (the old one, if any, is exchanged out, then deleted)."""
    if not target.exists():
        os.replace(new, target)
    elif exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old store
    else:
        old = Path(tempfile.mkdtemp(prefix=f"{target.name}.old-{os.getpid()}-", dir=target.parent))
        os.replace(target, old / "store")
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
