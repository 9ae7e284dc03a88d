"""One letter's graph -> the same graph with every person, party, office and ministry under its reconciled
IRI: minted (by graph.agent_iri) from the official Id where the reference lists know the entity, from the
normalised name otherwise. Each spelling the letter used stays as schema:alternateName; the one spelling
the dataset uses is skos:prefLabel; a match is owl:sameAs its official IRI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS
from rdflib.term import Node

from ..graph import ORG, agent_iri
from ..iri import iri_segment, mint_iri
from ..vocab import KV, SDO
from .cabinet import match_signatory
from .names import tidy
from .offices import OfficeMatch, match_office
from .people import Match, match_group, match_member
from .reference import TK_API, group_list, members


@dataclass(frozen=True)
class Unmatched:
    """A name the reference lists did not resolve, and why: the list to extend."""

    kind: str  # member, person, party, office
    name: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "name": self.name, "reason": self.reason}


def _written(g: Graph, node: Node) -> str | None:
    names = sorted(str(o) for o in g.objects(node, SDO.name))
    return names[0] if names else None


def _rename(g: Graph, old: Node, new: URIRef) -> None:
    if old == new:
        return
    for s, p, o in list(g.triples((old, None, None))):
        g.remove((s, p, o))
        g.add((new, p, o))
    for s, p, o in list(g.triples((None, None, old))):
        g.remove((s, p, o))
        g.add((s, p, new))


def _settle(g: Graph, node: URIRef, written: str, label: str, same_as: str | None, lang: str | None) -> None:
    g.add((node, SDO.alternateName, Literal(written, lang=lang)))
    g.add((node, SKOS.prefLabel, Literal(label, lang=lang)))
    if same_as:
        g.add((node, OWL.sameAs, mint_iri(same_as, "the reference lists in converter/data")))


def reconcile_graph(g: Graph, base: str, day: dt.date | None) -> list[Unmatched]:
    """Reconcile every agent in the graph in place; return the names left unmatched."""
    unmatched: list[Unmatched] = []
    _reconcile_parties(g, base, unmatched)
    _reconcile_people(g, base, day, unmatched)
    _reconcile_offices(g, base, day, unmatched)
    return unmatched


def _reconcile_parties(g: Graph, base: str, unmatched: list[Unmatched]) -> None:
    for party in sorted(set(g.subjects(RDF.type, KV.PoliticalParty)), key=str):
        written = _written(g, party)
        if written is None:
            continue
        m: Match = _given(g, party, "Fractie", written) or match_group(written)
        node = agent_iri(base, "partij", m.key)
        _rename(g, party, node)
        _settle(g, node, written, m.label, f"{TK_API}Fractie({m.official})" if m.official else None, None)
        for earlier in m.replaces:
            _add_predecessor(g, base, node, earlier)
        if m.reason:
            unmatched.append(Unmatched("party", written, m.reason))


def _given(g: Graph, node: Node, entity: str, written: str) -> Match | None:
    """The official Id the source itself gave (the Tweede Kamer API's Persoon_Id, Fractie_Id), which no
    spelling overrules; the reference lists still give the canonical name where they know the Id."""
    prefix = f"{TK_API}{entity}("
    ids = sorted(str(o)[len(prefix):-1] for o in g.objects(node, OWL.sameAs) if str(o).startswith(prefix))
    if len(ids) != 1:
        return None
    if entity == "Fractie":
        known = group_list().get(ids[0])
        label = known.abbreviation if known else tidy(written)
        return Match(key=ids[0], label=label, official=ids[0], replaces=known.replaces if known else ())
    person = next((m for m in members() if m.id == ids[0]), None)
    return Match(key=ids[0], label=person.display if person else tidy(written), official=ids[0])


def _add_predecessor(g: Graph, base: str, party: URIRef, earlier: str) -> None:
    """The group this one succeeded (GroenLinks-PvdA dcterms:replaces GroenLinks and PvdA), with its name."""
    group = group_list()[earlier]
    node = agent_iri(base, "partij", earlier)
    g.add((party, DCTERMS.replaces, node))
    g.add((node, RDF.type, KV.PoliticalParty))
    for p, o in ((SDO.name, Literal(group.abbreviation)), (SKOS.prefLabel, Literal(group.abbreviation)),
                 (OWL.sameAs, URIRef(f"{TK_API}Fractie({iri_segment(earlier)})"))):
        g.add((node, p, o))


def _reconcile_people(g: Graph, base: str, day: dt.date | None, unmatched: list[Unmatched]) -> None:
    for person in sorted(set(g.subjects(RDF.type, SDO.Person)), key=str):
        written = _written(g, person)
        if written is None:
            continue
        member = (person, RDF.type, KV.MemberOfParliament) in g
        parties = sorted(str(n) for p in g.objects(person, SDO.memberOf) for n in g.objects(p, SKOS.prefLabel))
        # a signatory is the cabinet member holding the post on the day; a seat date says nothing of a minister
        # who signs, so only an asking member is looked up in the Kamer on the day
        m = None if member else match_signatory(written, _signed_as(g, person, day), day)
        if m is None:
            m = _given(g, person, "Persoon", written) or match_member(
                written, parties[0] if parties else None, day if member else None, asking=member)
        node = agent_iri(base, "persoon", m.key)
        _rename(g, person, node)
        _settle(g, node, written, m.label, f"{TK_API}Persoon({m.official})" if m.official else None, None)
        if m.reason:
            unmatched.append(Unmatched("member" if member else "person", written, m.reason))


def _signed_as(g: Graph, person: Node, day: dt.date | None) -> OfficeMatch | None:
    """The office the person signed in, as reconciled (the first signature naming one)."""
    for signature in sorted(g.subjects(KV.signatory, person), key=str):
        for office in g.objects(signature, KV.office):
            written = _written(g, office)
            if written:
                return match_office(written, day)
    return None


def _reconcile_offices(g: Graph, base: str, day: dt.date | None, unmatched: list[Unmatched]) -> None:
    for old_ministry in set(g.objects(None, ORG.postIn)):
        g.remove((old_ministry, None, None))
        g.remove((None, None, old_ministry))
    for office in sorted(set(g.subjects(RDF.type, KV.Office)), key=str):
        written = _written(g, office)
        if written is None:
            continue
        m = match_office(written, day)
        node = agent_iri(base, "ambt", m.label)
        _rename(g, office, node)
        _settle(g, node, written, m.label, None, "nl")
        if m.ministry is not None:
            _add_ministry(g, node, agent_iri(base, "ministerie", m.ministry.code), m.ministry.name,
                          m.ministry.iri)
        elif m.ministry_label:
            _add_ministry(g, node, agent_iri(base, "ministerie", m.ministry_label), m.ministry_label, None)
        if m.reason:
            unmatched.append(Unmatched("office", written, m.reason))


def _add_ministry(g: Graph, office: URIRef, ministry: URIRef, name: str, same_as: str | None) -> None:
    label = Literal(f"Ministerie van {tidy(name) if same_as is None else name}", lang="nl")
    g.add((office, ORG.postIn, ministry))
    g.add((ministry, RDF.type, ORG.Organization))
    g.add((ministry, RDF.type, SDO.GovernmentOrganization))
    g.add((ministry, SDO.name, label))
    g.add((ministry, SKOS.prefLabel, label))
    if same_as:
        g.add((ministry, OWL.sameAs, mint_iri(same_as, "the reference lists in converter/data")))
