"""JSON-LD read with pyoxigraph, which loads no document from anywhere: no remote @context, @import or scoped
context (term- or type-scoped) ever reaches the network.

rdflib's JSON-LD parser (7.6) has no document-loader hook: every remote context, scoped ones included, goes to
urllib. pyoxigraph's parser loads remote documents only through a callback, and its Python API sets none, so
every remote URL is refused by construction."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import RecordError

_REFUSED = "LoadDocumentCallback"  # pyoxigraph's words when a document names something to load


def parse_jsonld(path: Path, doc: object) -> list[tuple[str | None, Graph]]:
    """Each graph of a JSON-LD document (our own context already inlined), never touching the network."""
    from .rdf import graphs_of  # rdf imports this module when it meets JSON-LD

    try:
        return graphs_of(path, ox.parse(json.dumps(doc).encode("utf-8"), ox.RdfFormat.JSON_LD))
    except SyntaxError as exc:
        if _REFUSED in str(exc):
            raise RecordError(
                f"{path}: names a remote JSON-LD context ({_remote(doc) or 'an @import or scoped @context'}); "
                "kamervragen never fetches contexts from the network. Inline the context or use "
                "https://w3id.org/kamervragen/context.jsonld") from exc
        raise RecordError(f"{path}: not valid json-ld: {' '.join(str(exc).split())[:400]}") from exc


def _remote(node: object) -> str | None:
    """The first remote context URL the document names, anywhere, for the message."""
    if isinstance(node, dict):
        for key, value in node.items():
            named = [value] if isinstance(value, str) else value if isinstance(value, list) else []
            if key in ("@context", "@import") and any(isinstance(v, str) for v in named):
                return next(v for v in named if isinstance(v, str))
            found = _remote(value)
            if found:
                return found
    if isinstance(node, list):
        for value in node:
            found = _remote(value)
            if found:
                return found
    return None
