"""Records read straight into pyoxigraph stores, one per graph, for the fast engine: no rdflib graph is built
(building one cost more than validating it: 30 ms against 6 ms for a letter). JSON-LD goes through
read_graphs (its contexts are resolved there, never from the network)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import RecordError
from .rdf import _first_line, _load, check_count, read_graphs

_OXIGRAPH = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
             "nquads": ox.RdfFormat.N_QUADS}


def read_stores(path: Path) -> list[tuple[str | None, ox.Store | Graph]]:
    """Each graph of an RDF file apart, as read_graphs gives them (same names, same order, empty graphs left
    out), each in a store of its own (its triples in the store's default graph); JSON-LD as rdflib graphs."""
    fmt, data = _load(path)
    if fmt not in _OXIGRAPH:
        return list(read_graphs(path))
    graphs: dict[str | None, list[ox.Quad]] = {}
    try:
        for count, quad in enumerate(ox.parse(data, format=_OXIGRAPH[fmt], base_iri=path.resolve().as_uri())):
            check_count(path, count)  # streaming: stopped as soon as the file passes the limit
            name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            graphs.setdefault(name, []).append(ox.Quad(quad.subject, quad.predicate, quad.object))
    except (SyntaxError, ValueError) as exc:
        raise RecordError(f"{path}: not valid {fmt}: {_first_line(exc)}") from exc
    stores: list[tuple[str | None, ox.Store | Graph]] = []
    for name in sorted(graphs, key=lambda n: (n is not None, n or "")):
        store = ox.Store()
        store.extend(graphs[name])
        stores.append((name, store))
    return stores
