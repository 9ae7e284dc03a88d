"""Types for consumers without inference: each kv: class's schema.org, FOAF and ORG superclasses, asserted."""

from __future__ import annotations

from functools import cache

from rdflib import RDF, RDFS, Graph, URIRef

from ..resources import ontology_dir
from ..vocab import KV

_OUTSIDE = ("https://schema.org/", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/org#")


@cache
def supertypes() -> dict[URIRef, tuple[URIRef, ...]]:
    """kv: class -> the schema.org/FOAF/ORG classes it specialises, following rdfs:subClassOf."""
    ontology = Graph().parse(ontology_dir() / "kamervragen.ttl", format="turtle")
    found: dict[URIRef, tuple[URIRef, ...]] = {}
    for cls in set(ontology.subjects(RDFS.subClassOf, None)):
        if not (isinstance(cls, URIRef) and str(cls).startswith(str(KV._NS))):
            continue
        supers: set[URIRef] = set()
        todo = [cls]
        while todo:
            for parent in ontology.objects(todo.pop(), RDFS.subClassOf):
                if isinstance(parent, URIRef) and parent not in supers:
                    supers.add(parent)
                    todo.append(parent)
        found[cls] = tuple(sorted(s for s in supers if str(s).startswith(_OUTSIDE)))
    return found


def add_supertypes(g: Graph) -> Graph:
    """Assert, for each typed resource, the outside types its kv: classes specialise."""
    table = supertypes()
    for node, cls in list(g.subject_objects(RDF.type)):
        for outside in table.get(cls, ()):  # type: ignore[call-overload]
            g.add((node, RDF.type, outside))
    return g
