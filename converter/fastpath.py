"""The bulk engines: pyoxigraph writes the files and pyshacl-turbo validates, for the whole archive.

rdflib stays the library's RDF API (the graph is built with it) and pySHACL the reference validator
(validate.py); tests/test_batch.py shows these engines write the same graphs and find exactly the findings the
reference finds. Measured per letter on this machine: rdflib writes Turtle + JSON-LD + N-Triples in about
10-18 ms, pyoxigraph in under 1 ms; pySHACL validates in 0.5-1.5 s with the current shapes, pyshacl-turbo in
5-15 ms."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import SH

from .jsonld import compact_jsonld
from .rdfwrite import ntriples, turtle
from .validate import Report, _finding, shapes_graph


def available() -> bool:
    """Whether pyshacl-turbo is installed (pyoxigraph is a dependency)."""
    try:
        import pyshacl_turbo  # noqa: F401
    except ImportError:
        return False
    return True


def _term(term):  # noqa: ANN001, ANN202 - rdflib term in, oxigraph term out
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def oxigraph_triples(graph: Graph) -> list[ox.Triple]:
    """The graph's triples as pyoxigraph triples (in no particular order: rdfwrite sorts them)."""
    return [ox.Triple(_term(s), _term(p), _term(o)) for s, p, o in graph]


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
    return {prefix: ns for ns, prefix in _prefixes().items() if any(iri.startswith(ns) for iri in iris)}


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


def validate_fast(data: Graph) -> Report:
    """Validate with pyshacl-turbo against our shapes; the same Report as validate.validate_graph."""
    conforms, results, _ = _compiled_shapes().validate(data, inference=None, allow_warnings=True)
    findings = sorted(
        (_finding(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
        key=lambda f: (f.severity != "Violation", f.focus, f.shape, f.path or "", f.message),
    )
    return Report(conforms=bool(conforms), findings=tuple(findings))
