"""Read RDF records made by anyone (Turtle, TriG, N-Triples, N-Quads, JSON-LD; gzipped too) with no network
access, each graph apart."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from ..errors import RecordError

_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
            ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}
_QUADS = {"trig", "nquads"}
_MAX_UNZIPPED = 4 * 2**30  # a gzipped record may not unpack to more than this (a zip bomb stops here)
OUR_CONTEXT_IRIS = ("https://w3id.org/kamervragen/context.jsonld",)


def read_graphs(path: Path) -> list[tuple[str | None, Graph]]:
    """Each graph of an RDF file apart, (graph IRI or None for the default graph, its triples); empty graphs
    left out. The format comes from the extension (under a '.gz'); RecordError names file, place, what."""
    fmt, data = _load(path)
    try:
        if fmt == "json-ld":
            from .jsonld_local import parse_jsonld

            return parse_jsonld(path, _local_contexts(path, data))
        if fmt in _QUADS:
            ds = Dataset()
            ds.parse(data=data, format=fmt)
            return _split(ds)
        graph = Graph()
        graph.parse(data=data, format=fmt)
    except RecordError:
        raise
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise RecordError(f"{path}: not valid {fmt}: {_first_line(exc)}") from exc
    return [(None, graph)] if len(graph) else []


def read_record(path: Path) -> Graph:
    """Parse an RDF file by its extension into one graph (the union of its graphs)."""
    union = Graph()
    for _, graph in read_graphs(path):
        for prefix, ns in graph.namespaces():
            union.bind(prefix, ns, override=False)
        union += graph
    return union


def _load(path: Path) -> tuple[str, bytes]:
    """The record's format and bytes, unpacked when the name ends in '.gz' (kamervragen.nt.gz)."""
    zipped = path.suffix.lower() == ".gz"
    suffix = Path(path.stem).suffix.lower() if zipped else path.suffix.lower()
    fmt = _FORMATS.get(suffix)
    if fmt is None:
        raise RecordError(f"{path}: unknown RDF file extension {suffix + ('.gz' if zipped else '')!r}; expected "
                          f"one of {', '.join(sorted(_FORMATS))}, each also gzipped ('.nt.gz')")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"{path}: cannot read the file ({exc.strerror})") from exc
    return fmt, _gunzip(path, data) if zipped else data


def _gunzip(path: Path, data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(_MAX_UNZIPPED + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RecordError(f"{path}: not a valid gzip file ({_first_line(exc)})") from exc
    if len(out) > _MAX_UNZIPPED:
        raise RecordError(f"{path}: unpacks to more than {_MAX_UNZIPPED // 2**30} GiB; refused")
    return out


def _split(ds: Dataset) -> list[tuple[str | None, Graph]]:
    parts = []
    for context in ds.graphs():
        if not len(context):
            continue
        graph = Graph()
        for prefix, ns in ds.namespaces():
            graph.bind(prefix, ns, override=False)
        graph += context
        name = None if context.identifier == DATASET_DEFAULT_GRAPH_ID else str(context.identifier)
        parts.append((name, graph))
    return sorted(parts, key=lambda part: (part[0] is not None, part[0] or ""))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())[:400]


def _local_contexts(path: Path, data: bytes) -> object:
    """The JSON-LD document with our context inlined where it is named; any other remote context is left for
    the parser, which refuses it (converter/read/jsonld_local.py)."""
    from ..publish import jsonld_context

    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"{path}: not valid JSON: {exc}") from exc

    def fix(node: object) -> object:
        if isinstance(node, dict):
            return {key: _context(value) if key == "@context" else fix(value) for key, value in node.items()}
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    def _context(value: object) -> object:
        if isinstance(value, list):
            return [_context(v) for v in value]
        if isinstance(value, str) and (value in OUR_CONTEXT_IRIS or value == "context.jsonld"):
            return jsonld_context()
        return value

    return fix(doc)
