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


def _node_id(node: Node) -> str:
    return f"_:{node}" if isinstance(node, BNode) else str(node)


def _value(obj: Node, kind: str | None) -> object:
    """A value in the shortest form the term's type coercion allows."""
    if isinstance(obj, (URIRef, BNode)):
        return _node_id(obj) if kind == "@id" else {"@id": _node_id(obj)}
    assert isinstance(obj, Literal)
    datatype = str(obj.datatype) if obj.datatype else None
    if obj.language:
        return {"@value": str(obj), "@language": obj.language}
    if kind is not None and kind == datatype:
        return str(obj)
    if datatype and datatype != _XSD_STRING:
        return {"@value": str(obj), "@type": _curie(datatype)}
    return str(obj) if kind is None else {"@value": str(obj)}


def compact_jsonld(triples: Iterable[tuple[Node, Node, Node]]) -> bytes:
    """Triples as a compact JSON-LD document: our context inline, one node per subject in a sorted @graph."""
    predicates, classes, _ = _terms()
    nodes: dict[str, dict[str, list[object]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        node = nodes[_node_id(s)]
        if p == RDF.type and isinstance(o, URIRef):
            node["@type"].append(classes.get(str(o)) or _curie(str(o)))
            continue
        term, kind = predicates.get(str(p)) or (_curie(str(p)), None)
        node[term].append(_value(o, kind))
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
