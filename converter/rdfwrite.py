"""Turtle and N-Triples for `convert`: the same bytes on every run and from either engine.

The triples are put in order first and then written by pyoxigraph's own serialisers (nothing is edited as
text): N-Triples sorted line by line, as `publish` writes its dumps; Turtle one block per subject, subjects
in IRI order, `a` (rdf:type) first and then the predicates and objects in order, which pyoxigraph's writer
groups with `;` and `,` because equal subjects and predicates come one after the other."""

from __future__ import annotations

import pyoxigraph as ox

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _key(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> tuple[int, str]:
    """IRIs (by the IRI itself, so `…/2` comes before `…/2/voetnoot/1`), then blank nodes, then literals."""
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    return (2, str(term))


def ntriples(triples: list[ox.Triple]) -> bytes:
    """N-Triples, one triple a line, the lines in byte order (a triple's line is its str and ' .')."""
    return ox.serialize(sorted(triples, key=str), format=ox.RdfFormat.N_TRIPLES) or b""


def turtle(triples: list[ox.Triple], prefixes: dict[str, str]) -> bytes:
    """Turtle grouped by subject, with the prefixes given (prefix -> namespace)."""
    ordered = sorted(
        triples,
        key=lambda t: (_key(t.subject), t.predicate.value != RDF_TYPE, t.predicate.value, _key(t.object)),
    )
    return ox.serialize(ordered, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b""
