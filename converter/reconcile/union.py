"""Many documents of one zaak -> one value per statement in the union graph. Each document keeps its own
reading in its named graph; the union takes, per statement, the reading of the most authoritative document:
the Tweede Kamer API for what it records, then the answer letter as published for the questions (their texts
as answered), the questions document, and a delay notice last. People, parties, offices and ministries carry
one schema:name there: their skos:prefLabel."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from rdflib import RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ..vocab import KV, SDO

# statements a resource makes once (the shapes' maxCount 1, and names read by counts)
SINGLE = (SDO.text, SDO.position, DCTERMS.title, DCTERMS.dateSubmitted, DCTERMS.issued, RDFS.label,
          KV.footnoteNumber)


def authority(graph_name: str) -> int:
    """Lower is more authoritative: the API, an answer letter, a questions document, a delay notice."""
    if "/graaf/tk/" in graph_name:
        return 0
    if "/aanhangsel/" in graph_name or graph_name.endswith("/antwoordbrief") or "/antwoordbrief-" in graph_name:
        return 1
    if "/mededeling" in graph_name:
        return 3
    return 2


def resolve_union(graphs: Mapping[URIRef, Graph], merged: Graph) -> Graph:
    """Make the merged graph say one value per single-valued statement and one name per agent."""
    conflicts = [(s, p) for p in SINGLE for s in set(merged.subjects(p, None))
                 if len(set(merged.objects(s, p))) > 1]
    for s, p in conflicts:
        ranked = sorted((authority(str(name)), str(name), o) for name, g in graphs.items()
                        for o in g.objects(s, p))
        keep = ranked[0][2]
        for o in set(merged.objects(s, p)) - {keep}:
            merged.remove((s, p, o))
    for node in set(merged.subjects(SKOS.prefLabel, None)):
        _one_name(merged, node)
    return merged


def _one_name(merged: Graph, node: Node) -> None:
    labels = Counter(str(o) for o in merged.objects(node, SKOS.prefLabel))
    if len(labels) == 1 and len(set(merged.objects(node, SDO.name))) == 1:
        name = next(iter(labels))
        if str(next(iter(merged.objects(node, SDO.name)))) == name:
            return
    chosen = sorted(labels.items(), key=lambda item: (-item[1], item[0]))[0][0]
    lang = next((o.language for o in merged.objects(node, SDO.name) if isinstance(o, Literal)), None)
    merged.remove((node, SKOS.prefLabel, None))
    merged.remove((node, SDO.name, None))
    merged.add((node, SKOS.prefLabel, Literal(chosen, lang=lang)))
    merged.add((node, SDO.name, Literal(chosen, lang=lang)))
