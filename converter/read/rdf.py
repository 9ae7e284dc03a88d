"""Read RDF records made by anyone (Turtle, JSON-LD, N-Triples) with no network access."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from ..errors import RecordError

_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
            ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}
OUR_CONTEXT_IRIS = ("https://w3id.org/kamervragen/context.jsonld",)


def read_record(path: Path) -> Graph:
    """Parse an RDF file by its extension; RecordError says which file, where and what was expected."""
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise RecordError(f"{path}: unknown RDF file extension {path.suffix!r}; expected one of "
                          f"{', '.join(sorted(_FORMATS))}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise RecordError(f"{path}: cannot read the file ({exc.strerror})") from exc
    graph = Graph()
    try:
        if fmt == "json-ld":
            graph.parse(data=json.dumps(_local_contexts(path, data)), format="json-ld")
        else:
            graph.parse(data=data, format=fmt)
    except RecordError:
        raise
    except Exception as exc:  # rdflib raises many types for bad syntax
        raise RecordError(f"{path}: not valid {fmt}: {_first_line(exc)}") from exc
    return graph


def _first_line(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())[:400]


def _local_contexts(path: Path, data: bytes) -> object:
    """The JSON-LD document with every @context made local: ours is inlined, any other remote one refused."""
    from ..publish import jsonld_context

    try:
        doc = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RecordError(f"{path}: not valid JSON: {exc}") from exc

    def fix(node: object) -> object:
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                out[key] = _context(value) if key == "@context" else fix(value)
            return out
        if isinstance(node, list):
            return [fix(v) for v in node]
        return node

    def _context(value: object) -> object:
        if isinstance(value, list):
            return [_context(v) for v in value]
        if isinstance(value, str):
            if value in OUR_CONTEXT_IRIS or value == "context.jsonld":
                return jsonld_context()
            raise RecordError(f"{path}: @context {value!r} is remote; kamervragen never fetches contexts from "
                              f"the network. Inline the context or use {OUR_CONTEXT_IRIS[0]}")
        if isinstance(value, dict) and "@import" in value:
            raise RecordError(f"{path}: @import in @context is not fetched from the network")
        return value

    return fix(doc)
