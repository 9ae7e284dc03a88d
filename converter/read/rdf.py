"""Read RDF records made by anyone (Turtle, TriG, N-Triples, N-Quads, JSON-LD; gzipped too) with no network
access, each graph apart."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..errors import ConverterError, InputError, RecordError
from ..limits import MAX_RECORD_BYTES, MAX_RECORD_TRIPLES, read_input

_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
            ".jsonld": "json-ld", ".json": "json-ld", ".trig": "trig", ".nq": "nquads"}
_OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
             "nquads": ox.RdfFormat.N_QUADS}
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
OUR_CONTEXT_IRIS = ("https://w3id.org/kamervragen/context.jsonld",)


def read_graphs(path: Path) -> list[tuple[str | None, Graph]]:
    """Each graph of an RDF file apart, (graph IRI or None for the default graph, its triples); empty graphs
    left out. The format comes from the extension (under a '.gz'); RecordError names file, place, what."""
    fmt, data = _load(path)
    try:
        if fmt == "json-ld":
            from .jsonld_local import parse_jsonld

            return parse_jsonld(path, _local_contexts(path, data))
        # pyoxigraph: linear in the input (rdflib's N-Triples parser is quadratic in a line's length: 59 s for
        # one 4 MB literal), streaming, stopped past MAX_RECORD_TRIPLES
        return graphs_of(path, ox.parse(data, format=_OXIGRAPH[fmt], base_iri=path.resolve().as_uri()))
    except ConverterError:  # ours, said already (the time limit is a BaseException: it passes)
        raise
    except Exception as exc:  # the parsers raise several types for bad syntax
        raise RecordError(f"{path}: not valid {fmt}: {_first_line(exc)}") from exc


def graphs_of(path: Path, quads: Iterable[ox.Quad]) -> list[tuple[str | None, Graph]]:
    """Parsed quads as rdflib graphs, one per graph name (None: the default graph), sorted; RecordError past
    MAX_RECORD_TRIPLES, as soon as the parser gets there."""
    graphs: dict[str | None, Graph] = {}
    for count, quad in enumerate(quads):
        check_count(path, count)
        name = None if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name.value)
        graphs.setdefault(name, Graph()).add((_term(quad.subject), _term(quad.predicate), _term(quad.object)))
    return sorted(graphs.items(), key=lambda part: (part[0] is not None, part[0] or ""))


def check_count(path: Path, count: int) -> None:
    """RecordError once a file's triples pass MAX_RECORD_TRIPLES (count: those read before this one)."""
    if count >= MAX_RECORD_TRIPLES:
        raise RecordError(f"{path}: holds more than {MAX_RECORD_TRIPLES:,} triples, the most validate takes in one "
                          "file; validate the letters' own files (or split the dump by named graph)")


def _term(term: object) -> Node:
    """An oxigraph term as the rdflib term rdflib's own parsers give."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))
    raise RecordError(f"RDF-star triple terms are not supported: {term}")


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
        data = read_input(path, MAX_RECORD_BYTES)
    except InputError as exc:
        raise RecordError(str(exc).replace("a letter file", "an RDF file")) from exc
    return fmt, _gunzip(path, data) if zipped else data


def _gunzip(path: Path, data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(MAX_RECORD_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise RecordError(f"{path}: not a valid gzip file ({_first_line(exc)})") from exc
    if len(out) > MAX_RECORD_BYTES:
        raise RecordError(f"{path}: unpacks to more than {MAX_RECORD_BYTES // 2**20} MB, the most validate takes "
                          "in one file; refused")
    return out


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
