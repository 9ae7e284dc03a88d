"""Graph(s) -> files. The only module that writes output, and it never leaves a half-written file."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from rdflib import Graph

from ..errors import ConfigError
from ..resources import context_file
from .outdir import TEMP_PREFIX, output_error

FORMATS = {"ttl": "turtle", "jsonld": "json-ld", "nt": "nt"}
DEFAULT_FORMATS = ("ttl", "jsonld", "nt")


def parse_formats(spec: str) -> tuple[str, ...]:
    """'ttl,jsonld' -> ('ttl', 'jsonld'), or ConfigError naming the unknown format."""
    names = tuple(dict.fromkeys(part.strip().lower() for part in spec.split(",") if part.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ConfigError(f"--format {spec!r}: expected a comma-separated list of {', '.join(FORMATS)}")
    return names


@cache
def jsonld_context() -> dict:
    """Our JSON-LD context (ontology/context.jsonld), the value of its "@context"."""
    return json.loads(context_file().read_text(encoding="utf-8"))["@context"]


def serialize_graph(graph: Graph, fmt: str) -> bytes:
    """One graph as bytes in one of FORMATS; JSON-LD is compact and carries our context inline."""
    if fmt == "jsonld":
        from ..jsonld import compact_jsonld  # imports this module for the context

        return compact_jsonld(graph)
    if fmt == "nt":  # sorted as terms, never as lines of text (a literal may hold any line break)
        from ..fastpath import oxigraph_triples
        from ..rdfwrite import ntriples

        return ntriples(list(set(oxigraph_triples(graph))))
    from ..graph import bind_prefixes  # graph imports this package's neighbours; bind at write time

    return bind_prefixes(graph).serialize(format=FORMATS[fmt], encoding="utf-8")


def _file_mode() -> int:
    """The mode open() would give a new file under the process umask (mkstemp's is private, 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path through a temporary file beside it, so a reader never sees half a file.

    The temporary name is short and carries our process id (a 244-character name must fit, and a later run
    removes only the leftovers of a dead process); an OS error (disk full, read-only) is an OutputError."""
    tmp = ""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".part", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), _MODE)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp:
            Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise output_error(exc, path) from exc
        raise


_MODE = _file_mode()


def write_graph(graph: Graph, out_dir: Path, stem: str,
                formats: Iterable[str] = DEFAULT_FORMATS) -> list[Path]:
    """Write one graph as <stem>.<fmt> for each format; all is serialised before anything is written."""
    payloads = {out_dir / f"{stem}.{fmt}": serialize_graph(graph, fmt) for fmt in formats}
    for path, data in payloads.items():
        write_atomic(path, data)
    return list(payloads)
