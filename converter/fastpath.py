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

from .jsonld import compact_jsonld, compact_records
from .rdfwrite import ntriples, turtle
from .validate import Finding, Report, _finding, finding_order, shapes_graph


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


def serialize_all(graph: Graph, formats: tuple[str, ...], triples: list[ox.Triple] | None = None,
                  converted: Triples | None = None) -> dict[str, bytes]:
    """Every format asked for, from one conversion of the graph (`triples` or `converted` where the caller has
    them); the same bytes on every run (rdfwrite.py)."""
    out: dict[str, bytes] = {}
    if "jsonld" in formats:  # compact, with our context inline: pyoxigraph writes only expanded JSON-LD
        out["jsonld"] = compact_jsonld(graph) if converted is None else compact_records(converted.records,
                                                                                        converted.quads)
    if "nt" in formats or "ttl" in formats:
        if triples is None:
            triples = (converted or Triples(graph)).triples
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


def validate_fast(data: Graph | ox.Store, converted: Triples | None = None) -> Report:
    """Validate with pyshacl-turbo against our shapes; the same Report as validate.validate_graph.

    A pyoxigraph store (`validate`'s records) goes through CompiledShapes.validate. An rdflib graph goes in as
    the term records pyshacl-turbo's own conversion makes (`converted`, where the caller has it, is not
    converted again) and the findings are read straight from the report's term records: the rdflib report graph
    CompiledShapes.validate builds from them (a graph, its ~40 prefixes bound, then queried field by field) cost
    as much as validating. tests/test_fastpath.py checks this against that API and pySHACL."""
    import warnings

    from pyshacl_turbo import ShapeRecursionWarning

    if isinstance(data, ox.Store):
        return _validate_store(data)
    converted = Triples(data) if converted is None else converted
    # CompiledShapes.validate's call for an rdflib graph: no rules, depth 15, not in place, warnings, no infos
    conforms, report, _, _, recursion = _compiled_shapes()._native.validate(
        (converted.records, converted.quads), "terms", None, False, 100, 15, False, False, True, False, [], [],
        [(prefix, str(ns)) for prefix, ns in converted.namespaces.items()],
    )
    for message in recursion:
        warnings.warn(message, ShapeRecursionWarning, stacklevel=2)
    return Report(conforms=bool(conforms), findings=tuple(sorted(report_findings(report), key=finding_order)))


def _validate_store(data: ox.Store) -> Report:
    conforms, results, _ = _compiled_shapes().validate(data, inference=None, allow_warnings=True)
    findings = (_finding(results, r) for r in results.subjects(RDF.type, SH.ValidationResult))
    return Report(conforms=bool(conforms), findings=tuple(sorted(findings, key=finding_order)))


_SH = "http://www.w3.org/ns/shacl#"
_FIELDS = {f"{_SH}{name}": name for name in
           ("resultSeverity", "sourceShape", "focusNode", "resultPath", "value", "resultMessage")}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def report_findings(report: tuple[list, list]) -> list[Finding]:
    """The findings of a report given as pyshacl-turbo's term records (records, quads): each sh:ValidationResult
    with the first value of each field, as validate._finding reads them from the report graph (a term's string
    is its record's text: an IRI, a blank node's id, a literal's lexical form)."""
    records, quads = report
    results: list[int] = []
    fields: dict[int, dict[str, str]] = {}
    for s, p, o, _ in quads:
        predicate = records[p][1]
        if predicate == _RDF_TYPE and records[o][:2] == (0, f"{_SH}ValidationResult"):
            results.append(s)
        elif predicate in _FIELDS:
            fields.setdefault(s, {}).setdefault(_FIELDS[predicate], records[o][1])
    found = []
    for node in dict.fromkeys(results):
        f = fields.get(node, {})
        found.append(Finding(
            severity=f["resultSeverity"].rsplit("#", 1)[-1] if "resultSeverity" in f else "Violation",
            focus=f.get("focusNode") or "",
            shape=f.get("sourceShape", ""),
            path=f.get("resultPath"),
            value=f.get("value"),
            message=f.get("resultMessage") or "",
        ))
    return found
