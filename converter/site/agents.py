"""The pages of people, parties and offices (ministries): who they are and the letters they appear in."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef

from ..graph import ORG
from ..vocab import KV, SDO
from .facts import Entry, doc_name, kind_name, label, neighbourhood, sort_entries, sorted_by_label
from .page import Page, date_text, esc, folder_of, link_to


def entry_list(entries: Iterable[Entry], g: Graph, folder: str, base: str) -> str:
    """A list of letters, newest first, each linked to its page."""
    items = []
    for e in sort_entries(list(entries)):
        when = f"{date_text(e.date)} · " if e.date else ""
        text = f"{kind_name(e.kind)} {doc_name(g, e.doc)}"
        title = f"<br><small>{esc(e.title)}</small>" if e.title else ""
        items.append(f"<li>{esc(when)}{link_to(folder, e.doc, base, text)}{title}</li>")
    return f'<ul class="letters">{"".join(items)}</ul>' if items else '<p class="none">Geen brieven.</p>'


def person_page(g: Graph, person: URIRef, entries: list[Entry], base: str) -> Page:
    """A person: party, the questions they asked and the letters they signed."""
    folder = folder_of(person, base) or ""
    name = label(g, person)
    asked = [e for e in entries if (e.zaak, KV.askedBy, person) in g]
    signed = [e for e in entries if (e.doc, KV.answeredBy, person) in g]
    parties = sorted_by_label(g, g.objects(person, SDO.memberOf))
    offices = sorted_by_label(g, (g.value(s, KV.office) for s in g.subjects(KV.signatory, person)))
    parts = [f"<h1>{esc(name)}</h1>"]
    if parties:
        parts.append("<p>Partij: " + _links(g, parties, folder, base) + "</p>")
    if offices:
        parts.append("<p>Ambt: " + _links(g, offices, folder, base) + "</p>")
    if asked:
        parts += ["<h2>Gestelde vragen</h2>", entry_list(asked, g, folder, base)]
    if signed:
        parts += ["<h2>Ondertekende brieven</h2>", entry_list(signed, g, folder, base)]
    return _page(g, person, name, parts, base)


def party_page(g: Graph, party: URIRef, entries: list[Entry], base: str) -> Page:
    """A party: its members in the data and the questions they asked."""
    folder = folder_of(party, base) or ""
    name = label(g, party)
    members = sorted_by_label(g, g.subjects(SDO.memberOf, party))
    asked = [e for e in entries if any((e.zaak, KV.askedBy, m) in g for m in members)]
    parts = [f"<h1>{esc(name)}</h1>", "<h2>Kamerleden</h2>",
             "<ul>" + "".join(f"<li>{link_to(folder, m, base, label(g, m))}</li>" for m in members) + "</ul>",
             "<h2>Vragen van leden van deze partij</h2>", entry_list(asked, g, folder, base)]
    return _page(g, party, name, parts, base)


def office_page(g: Graph, office: URIRef, entries: list[Entry], base: str) -> Page:
    """An office (minister, state secretary): the questions put to it and the letters answered from it."""
    folder = folder_of(office, base) or ""
    name = label(g, office)
    addressed = [e for e in entries if (e.zaak, KV.addressedTo, office) in g]
    answered = [e for e in entries if office in e.offices and e not in addressed]
    holders = sorted_by_label(g, (g.value(s, KV.signatory) for s in g.subjects(KV.office, office)))
    parts = [f"<h1>{esc(name)}</h1>"]
    if holders:
        parts.append("<p>Ondertekend door: " + _links(g, holders, folder, base) + "</p>")
    parts += ["<h2>Vragen gericht aan dit ambt</h2>", entry_list(addressed, g, folder, base)]
    if answered:
        parts += ["<h2>Andere brieven vanuit dit ambt</h2>", entry_list(answered, g, folder, base)]
    return _page(g, office, name, parts, base)


def ministry_page(g: Graph, ministry: URIRef, entries: list[Entry], base: str) -> Page:
    """A ministry: its offices (posts) in the data and every letter that concerns one of them."""
    folder = folder_of(ministry, base) or ""
    name = label(g, ministry)
    posts = sorted_by_label(g, g.subjects(ORG.postIn, ministry))
    letters = [e for e in entries if any(o in posts for o in e.offices)]
    parts = [f"<h1>{esc(name)}</h1>"]
    if posts:
        parts.append("<p>Ambten: " + _links(g, posts, folder, base) + "</p>")
    parts += ["<h2>Brieven</h2>", entry_list(letters, g, folder, base)]
    return _page(g, ministry, name, parts, base)


def _links(g: Graph, nodes: Iterable[URIRef], folder: str, base: str) -> str:
    return ", ".join(link_to(folder, n, base, label(g, n)) for n in nodes)


def _page(g: Graph, node: URIRef, name: str, parts: list[str], base: str) -> Page:
    """A page about one resource, with the triples about it and pointing to it as its data."""
    return Page(folder=folder_of(node, base) or "", title=name, body="\n".join(parts),
                data=neighbourhood(g, node), iri=str(node))
