"""Until publish builds views in its workers (h16-engine): the site's files from the graphs publish already has,
through the same seam (views, SiteInput, site_units)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

from ..fastpath import oxigraph_triples
from ..vocab import SDO
from . import site_units
from .views import letter_data_files, letter_view
from .viewtypes import SiteInput

DOWNLOADS = (
    ("data/kamervragen.ttl", "Turtle: alle brieven in één graaf"),
    ("data/kamervragen.trig", "TriG: één benoemde graaf per brief"),
    ("data/kamervragen.nq", "N-Quads: één benoemde graaf per brief"),
    ("data/kamervragen.nt.gz", "N-Triples (gzip)"),
    ("data/kamervragen.jsonld", "JSON-LD met de context inline"),
    ("data/catalog.ttl", "Catalogusrecord (DCAT-AP-NL 3.0 en VoID)"),
    ("ontology/kamervragen.ttl", "Ontologie (Turtle)"),
    ("ontology/context.jsonld", "JSON-LD-context"),
    ("summary.json", "Samenvatting van de publicatie"),
)


def dataset_names(merged: Graph) -> dict[str, str]:
    """Agent IRI -> the one name the union gives it (reconcile.union sets schema:name to the skos:prefLabel)."""
    return {str(s): str(merged.value(s, SDO.name)) for s in set(merged.subjects(SKOS.prefLabel, None))
            if isinstance(s, URIRef) and merged.value(s, SDO.name) is not None}


def site_files(graphs: Mapping[URIRef, Graph], models: Sequence[object], merged: Graph, base: str, catalog: bytes,
               shapes: Iterable[str]) -> dict[str, bytes]:
    """Every file of the site: views and the letters' data files built here, then every unit rendered."""
    files: dict[str, bytes] = {}
    views = []
    for (name, graph), model in zip(graphs.items(), models, strict=True):
        triples = oxigraph_triples(graph)
        view = letter_view(graph, base, model, name=str(name), triples=triples)
        files.update(letter_data_files(view, graph, triples))
        views.append(view)
    downloads = DOWNLOADS + tuple((path, "SHACL-vormen") for path in sorted(shapes))
    site = SiteInput(views=tuple(sorted(views, key=lambda v: v["graph"])), names=dataset_names(merged), base=base,
                     downloads=downloads, catalog=catalog)
    for unit in site_units(site):
        for path, data in unit.render().items():
            files.setdefault(path, data)
    return files
