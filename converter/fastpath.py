"""The bulk engines: pyoxigraph writes the files and pyshacl-turbo validates, for the whole archive.

rdflib stays the library's RDF API (the graph is built with it) and pySHACL the reference validator
(validate.py); tests/test_batch.py shows these engines write the same graphs and find exactly the findings the
reference finds. Measured per letter on this machine: rdflib writes Turtle + JSON-LD + N-Triples in about
10-18 ms, pyoxigraph in under 1 ms; pySHACL validates in 0.5-1.5 s with the current shapes, pyshacl-turbo in
5-15 ms."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from typing import Any

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from .jsonld import compact_jsonld
from .rdfwrite import ntriples, turtle
from .validate import Report, _finding, finding_order, shapes_graph


def available() -> bool:
    """Whether pyshacl-turbo is installed (pyoxigraph is a dependency)."""
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return False
    return True


class Triples:
    """One pass over an rdflib graph, each distinct term converted once: the pyoxigraph triples the writers
    take (rdfwrite sorts them) and the interned term records pyshacl-turbo takes as its input, so the graph is
    walked once for both instead of once by each (and a term repeated in many triples is converted once)."""

    def __init__(self, graph: Graph) -> None:
        self.records: list[tuple[int, str, str | None, str | None]] = []  # pyshacl-turbo's term records
        self.blank_nodes: dict[str, BNode] = {}
        self.namespaces = dict(graph.namespaces())
        terms: list[Any] = []  # pyoxigraph terms, by index (a subject is never a literal: rdflib's graph)
        index: dict[object, int] = {}

        def intern(term) -> int:  # noqa: ANN001 - an rdflib term
            i = index.get(term)
            if i is None:
                i = index[term] = len(terms)
                oxterm, record = _convert(term, self.blank_nodes)
                terms.append(oxterm)
                self.records.append(record)
            return i

        self.quads = [(intern(s), intern(p), intern(o), None) for s, p, o in graph]
        self.triples = [ox.Triple(terms[s], terms[p], terms[o]) for s, p, o, _ in self.quads]

    def shacl_input(self):  # noqa: ANN201 - a pyshacl_turbo Input
        """The graph as pyshacl-turbo's interned terms (what its own conversion of an rdflib graph gives)."""
        from pyshacl_turbo.rdf import Input

        return Input((self.records, self.quads), "terms", None, dict(self.blank_nodes), self.namespaces)


def _convert(term, blank_nodes: dict[str, BNode]):  # noqa: ANN001, ANN202 - rdflib term -> (oxigraph, record)
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term)), (0, str(term), None, None)
    if isinstance(term, BNode):
        blank_nodes[str(term)] = term
        return ox.BlankNode(str(term)), (1, str(term), None, None)
    assert isinstance(term, Literal)
    text = str(term)
    if term.language:
        return ox.Literal(text, language=term.language), (2, text, None, term.language)
    if term.datatype:
        datatype = str(term.datatype)
        return ox.Literal(text, datatype=ox.NamedNode(datatype)), (2, text, datatype, None)
    return ox.Literal(text), (2, text, None, None)


def oxigraph_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph triples (in no particular order: rdfwrite sorts them)."""
    return Triples(graph).triples


def serialize_all(graph: Graph, formats: tuple[str, ...], triples: list[ox.Triple] | None = None) -> dict[str, bytes]:
    """Every format asked for, from one conversion of the graph; the same bytes on every run (rdfwrite.py)."""
    out: dict[str, bytes] = {}
    if "jsonld" in formats:  # compact, with our context inline: pyoxigraph writes only expanded JSON-LD
        out["jsonld"] = compact_jsonld(graph)
    if "nt" in formats or "ttl" in formats:
        triples = oxigraph_triples(graph) if triples is None else triples
        nt = ntriples(triples)
        if "nt" in formats:
            out["nt"] = nt
        if "ttl" in formats:  # the prefixes of the namespaces the terms use (never a test on serialised text)
            out["ttl"] = turtle(triples, used_prefixes(triples))
    return {fmt: out[fmt] for fmt in formats}


def used_prefixes(statements: Iterable[ox.Triple | ox.Quad]) -> dict[str, str]:
    """Our prefixes (prefix -> namespace) whose namespace an IRI of the statements starts with: computed from
    the terms, never from serialised text (a literal that mentions a namespace does not count)."""
    iris: set[str] = set()
    for statement in statements:
        for term in (statement.subject, statement.predicate, statement.object):
            if isinstance(term, ox.NamedNode):
                iris.add(term.value)
            elif isinstance(term, ox.Literal):
                iris.add(term.datatype.value)
    ordered = sorted(iris)  # the IRIs starting with ns, if any, come first at or after ns itself
    return {prefix: ns for ns, prefix in _prefixes().items() if _any_starts(ordered, ns)}


def _any_starts(ordered: list[str], prefix: str) -> bool:
    """Whether a string of the sorted list starts with prefix."""
    i = bisect_left(ordered, prefix)
    return i < len(ordered) and ordered[i].startswith(prefix)


@cache
def _compiled_shapes():  # noqa: ANN202 - a pyshacl_turbo CompiledShapes
    """Our shapes compiled once per process (compiling costs more than validating a letter)."""
    from pyshacl_turbo import compile_shapes

    return compile_shapes(shapes_graph(), advanced=True)


@cache
def _prefixes() -> dict[str, str]:
    """The prefixes our graphs bind (graph.bind_prefixes), namespace -> prefix."""
    from .graph import bind_prefixes

    return dict(sorted((str(ns), p) for p, ns in bind_prefixes(Graph()).namespaces() if p))


def validate_fast(data: Graph, converted: Triples | None = None) -> Report:
    """Validate with pyshacl-turbo against our shapes; the same Report as validate.validate_graph. `converted`,
    the graph's Triples where the caller has them, saves pyshacl-turbo converting the graph again."""
    source = data if converted is None else converted.shacl_input()
    conforms, results, _ = _compiled_shapes().validate(source, inference=None, allow_warnings=True)
    findings = sorted(
        (_finding(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
        key=finding_order,
    )
    return Report(conforms=bool(conforms), findings=tuple(findings))
