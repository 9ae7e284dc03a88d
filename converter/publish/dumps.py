"""The whole dataset as files: named graphs (TriG, N-Quads) and the merged graph (Turtle, N-Triples, JSON-LD).

Every serialisation is deterministic: lines and graphs are sorted and the gzip header carries no time or
file name, so the same letters give the same bytes on every run."""

from __future__ import annotations

import gzip
import io
from collections.abc import Mapping

import pyoxigraph as ox
from rdflib import Graph, URIRef

from ..fastpath import oxigraph_triples, used_prefixes
from ..graph import bind_prefixes
from ..reconcile import resolve_union
from . import serialize_graph

DUMP_DIR = "data"
DUMP_STEM = "kamervragen"
# file name -> (media type, EU file-type code, compression media type or None, title)
DUMPS: dict[str, tuple[str, str, str | None, str]] = {
    f"{DUMP_STEM}.trig": ("application/trig", "TRIG", None, "TriG, one named graph per letter"),
    f"{DUMP_STEM}.nq": ("application/n-quads", "N_QUADS", None, "N-Quads, one named graph per letter"),
    f"{DUMP_STEM}.ttl": ("text/turtle", "RDF_TURTLE", None, "Turtle, all letters in one graph"),
    f"{DUMP_STEM}.nt.gz": ("application/n-triples", "RDF_N_TRIPLES", "application/gzip",
                           "N-Triples (gzip), all letters in one graph"),
    f"{DUMP_STEM}.jsonld": ("application/ld+json", "JSON_LD", None,
                            "JSON-LD with the kamervragen context inline, all letters in one graph"),
}


def merge_graphs(graphs: Mapping[URIRef, Graph]) -> Graph:
    """The union of the letters' graphs, one value per statement where documents differ (reconcile.union)."""
    merged = bind_prefixes(Graph())
    for graph in graphs.values():
        merged += graph
    return resolve_union(graphs, merged)


def serialize_dumps(graphs: Mapping[URIRef, Graph], merged: Graph) -> dict[str, bytes]:
    """Every dump file of the dataset, by file name, as bytes."""
    nt = serialize_graph(merged, "nt")
    return {
        f"{DUMP_STEM}.trig": serialize_trig(graphs),
        f"{DUMP_STEM}.nq": serialize_nquads(graphs),
        f"{DUMP_STEM}.ttl": serialize_graph(merged, "ttl"),
        f"{DUMP_STEM}.nt.gz": gzip_bytes(nt),
        f"{DUMP_STEM}.jsonld": serialize_graph(merged, "jsonld"),
    }


def _quads(graphs: Mapping[URIRef, Graph]) -> list[ox.Quad]:
    """Every triple of every named graph with its graph IRI, once, sorted by graph and then as N-Quads terms."""
    quads = {ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(name)))
             for name, graph in graphs.items() for t in oxigraph_triples(graph)}
    return sorted(quads, key=lambda q: (str(q.graph_name), str(q)))


def serialize_nquads(graphs: Mapping[URIRef, Graph]) -> bytes:
    """N-Quads: every triple of every named graph with its graph IRI, sorted."""
    return ox.serialize(_quads(graphs), format=ox.RdfFormat.N_QUADS) or b""


def serialize_trig(graphs: Mapping[URIRef, Graph]) -> bytes:
    """TriG: each named graph in IRI order, written by pyoxigraph with the prefixes the terms use (the header
    comes from the terms, never from lines of serialised text)."""
    quads = _quads(graphs)
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=used_prefixes(quads)) or b""


def gzip_bytes(data: bytes) -> bytes:
    """gzip with no time stamp and no file name in the header, so equal input gives equal bytes."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()
