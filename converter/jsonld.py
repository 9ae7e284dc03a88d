"""Compact JSON-LD with our context, written directly: fast, sorted, and readable offline.

rdflib's JSON-LD serializer compacts by running the JSON-LD algorithms (10 ms and more per letter) and
pyoxigraph's writes expanded JSON-LD only. Our context (ontology/context.jsonld) is small and fixed, so compacting
against it is a lookup: each predicate becomes its term, each value the short form the term's type allows. The
document carries the context inline, so it needs nothing from the network to be read."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache

from rdflib import RDF, BNode, Literal, URIRef
from rdflib.term import Node

from .publish import jsonld_context

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = str(RDF.type)


@cache
def _terms() -> tuple[dict[str, tuple[str, str | None]], dict[str, str], dict[str, str]]:
    """(predicate IRI -> (term, type IRI or '@id' or None), class IRI -> term, namespace -> prefix)."""
    ctx = jsonld_context()
    prefixes = {v: k for k, v in ctx.items() if isinstance(v, str) and v.endswith(("#", "/"))}

    def expand(value: str) -> str:
        if value.startswith("@") or "://" in value:
            return value
        prefix, _, local = value.partition(":")
        return ctx[prefix] + local if prefix in ctx and isinstance(ctx[prefix], str) else value

    predicates: dict[str, tuple[str, str | None]] = {}
    classes: dict[str, str] = {}
    for term, definition in ctx.items():
        if term.startswith("@") or (isinstance(definition, str) and definition.endswith(("#", "/"))):
            continue
        if isinstance(definition, str):
            iri = expand(definition)
            if term[:1].isupper():
                classes[iri] = term
            else:
                predicates.setdefault(iri, (term, None))
        else:
            iri = expand(definition["@id"])
            kind = definition.get("@type")
            predicates.setdefault(iri, (term, expand(kind) if kind else None))
    return predicates, classes, dict(sorted(prefixes.items(), key=lambda kv: -len(kv[0])))


def _curie(iri: str) -> str:
    for namespace, prefix in _terms()[2].items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


Record = tuple[int, str, "str | None", "str | None"]  # (0 IRI, 1 blank node, 2 literal; text; datatype; language)


def _record(term: Node) -> Record:
    if isinstance(term, URIRef):
        return (0, str(term), None, None)
    if isinstance(term, BNode):
        return (1, str(term), None, None)
    assert isinstance(term, Literal)
    return (2, str(term), str(term.datatype) if term.datatype and not term.language else None, term.language)


def _value(record: Record, node_id: str, kind: str | None) -> object:
    """A value in the shortest form the term's type coercion allows."""
    what, text, datatype, language = record
    if what != 2:
        return node_id if kind == "@id" else {"@id": node_id}
    if language:
        return {"@value": text, "@language": language}
    if kind is not None and kind == datatype:
        return text
    if datatype and datatype != _XSD_STRING:
        return {"@value": text, "@type": _curie(datatype)}
    return text if kind is None else {"@value": text}


def compact_jsonld(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """Triples as a compact JSON-LD document: our context inline, one node per subject in a sorted @graph."""
    index: dict[Node, int] = {}
    records: list[Record] = []

    def intern(term: Node) -> int:
        i = index.get(term)
        if i is None:
            i = index[term] = len(records)
            records.append(_record(term))
        return i

    return compact_records(records, [(intern(s), intern(p), intern(o), None) for s, p, o in triples])


def compact_records(records: list[Record], quads: Iterable[tuple[int, int, int, object]]) -> bytes:
    """compact_jsonld for triples given as term records and indices into them (fastpath.Triples): each
    distinct term is looked up once, not once a triple."""
    predicates, classes, _ = _terms()
    ids = [f"_:{text}" if what == 1 else text for what, text, _, _ in records]
    nodes: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    shorts: dict[tuple[int, str | None], object] = {}  # a term's value in the form a term of the context takes
    for s, p, o, _ in quads:
        node = nodes[ids[s]]
        predicate = records[p][1]
        if predicate == _RDF_TYPE and records[o][0] == 0:
            node["@type"].append(classes.get(ids[o]) or _curie(ids[o]))
            continue
        term, kind = predicates.get(predicate) or (_curie(predicate), None)
        value = shorts.get((o, kind))
        if value is None:
            value = shorts[o, kind] = _value(records[o], ids[o], kind)
        node[term].append(value)
    graph = []
    for node_id in sorted(nodes):
        compact: dict[str, object] = {"@id": node_id}
        for key in sorted(nodes[node_id]):
            values = sorted(nodes[node_id][key], key=repr)
            compact[key] = values[0] if len(values) == 1 else values
        graph.append(compact)
    # One resource a line: diffable and quick to write (json's C encoder runs only without indent).
    lines = ",\n".join(json.dumps(node, ensure_ascii=False) for node in graph)
    return f'{{"@context": {_context_text()},\n"@graph": [\n{lines}\n]}}\n'.encode()


@cache
def _context_text() -> str:
    return json.dumps(jsonld_context(), ensure_ascii=False, indent=1)
