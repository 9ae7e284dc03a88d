"""The site's front page: downloads, and every letter by date and by ministry (no search needed)."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, Graph

from ..graph import ORG
from ..vocab import KV
from .agents import entry_list
from .facts import Entry, label, sort_entries, sorted_by_label
from .page import MONTHS, Page, esc, link_to

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


def index_page(g: Graph, entries: list[Entry], base: str, catalog: Graph, shapes: Iterable[str]) -> Page:
    """The front page of the site."""
    parts = ["<h1>Schriftelijke Kamervragen en antwoorden</h1>",
             f"<p>{len(entries)} brieven: schriftelijke vragen van Tweede Kamerleden en de antwoorden en "
             "uitstelberichten van de regering, als Linked Data.</p>",
             '<h2 id="downloads">Downloads</h2>', _downloads(shapes),
             '<h2 id="per-datum">Per datum</h2>', _by_date(g, entries, base),
             '<h2 id="per-ministerie">Per ministerie</h2>', _by_office(g, entries, base),
             '<h2 id="kamerleden">Kamerleden en partijen</h2>', _people(g, base)]
    return Page(folder="", title="Schriftelijke Kamervragen", body="\n".join(parts), data=catalog,
                iri=f"{base}catalogus")


def _downloads(shapes: Iterable[str]) -> str:
    items = [f'<li><a href="{esc(path)}">{esc(path)}</a>: {esc(text)}</li>' for path, text in DOWNLOADS]
    items += [f'<li><a href="{esc(path)}">{esc(path)}</a>: SHACL-vormen</li>' for path in sorted(shapes)]
    return "<ul>" + "".join(items) + "</ul>"


def _by_date(g: Graph, entries: list[Entry], base: str) -> str:
    groups: dict[str, list[Entry]] = {}
    for e in sort_entries(entries):
        key = f"{MONTHS[e.date.month - 1]} {e.date.year}" if e.date else "zonder datum"
        groups.setdefault(key, []).append(e)
    out = []
    for key, group in groups.items():
        anchor = "datum-" + key.replace(" ", "-")
        out.append(f'<h3 id="{esc(anchor)}">{esc(key)}</h3>{entry_list(group, g, "", base)}')
    return "\n".join(out) or '<p class="none">Geen brieven.</p>'


def _by_office(g: Graph, entries: list[Entry], base: str) -> str:
    """Letters by ministry (an office's org:postIn); a minister with a portfolio and no ministry by office."""
    groups = sorted_by_label(g, {g.value(o, ORG.postIn) or o for e in entries for o in e.offices})
    out = []
    for group_node in groups:
        group = [e for e in entries if any((g.value(o, ORG.postIn) or o) == group_node for o in e.offices)]
        heading = link_to("", group_node, base, label(g, group_node))
        out.append(f"<h3>{heading}</h3>{entry_list(group, g, '', base)}")
    return "\n".join(out) or '<p class="none">Geen ministeries gevonden.</p>'


def _people(g: Graph, base: str) -> str:
    members = sorted_by_label(g, g.subjects(RDF.type, KV.MemberOfParliament))
    parties = sorted_by_label(g, g.subjects(RDF.type, KV.PoliticalParty))
    ministers = sorted_by_label(g, set(g.objects(None, KV.signatory)))
    rows = [("Kamerleden", members), ("Partijen", parties), ("Ondertekenaars", ministers)]
    return '<dl class="meta">' + "".join(
        f"<dt>{esc(name)}</dt><dd>" + ", ".join(link_to("", n, base, label(g, n)) for n in nodes) + "</dd>"
        for name, nodes in rows if nodes) + "</dl>"


