"""The pages of people, parties, offices, ministries, cited works and their publishers, from the letters' views:
who or what they are, and every letter they appear in (as list entries: subject, askers, ministry, days).

`collect` gathers, in one pass over the views, what each page shows; each page is then one site unit whose key
is the hash of exactly that."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from ..graph import ORG
from ..vocab import KV, SDO
from .entries import Entry, entry_list, named, person_name
from .page import Page, esc, href, island_files
from .viewtypes import AgentRef, LetterView, WorkView

KINDS = {"persoon": SDO.Person, "partij": KV.PoliticalParty, "ambt": KV.Office,
         "ministerie": SDO.GovernmentOrganization, "werk": SDO.CreativeWork, "uitgever": SDO.Organization}


@dataclass
class Agent:
    """One page's subject and what it lists."""

    kind: str  # a key of KINDS
    ref: AgentRef
    lists: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))  # heading -> entries
    related: dict[str, dict[str, AgentRef]] = field(default_factory=lambda: defaultdict(dict))  # heading -> refs
    work: WorkView | None = None

    def as_key(self, names: Mapping[str, str]) -> object:
        """Everything the page's bytes depend on."""
        related = {h: sorted((r["iri"], named(r, names), r["page"]) for r in refs.values())
                   for h, refs in sorted(self.related.items())}
        return [self.kind, self.ref, names.get(self.ref["iri"]), sorted(self.lists.items()), related, self.work]


def collect(views: tuple[LetterView, ...], entries: Mapping[str, Entry], letters: set[str]) -> dict[str, Agent]:
    """page folder -> the agent or work shown there (only those with a page under the base)."""
    found: dict[str, Agent] = {}

    def agent(kind: str, ref: AgentRef | None) -> Agent | None:
        if ref is None or ref["page"] is None:
            return None
        return found.setdefault(ref["page"], Agent(kind, {"iri": ref["iri"], "name": ref["name"], "page": ref["page"]}))

    for v in views:
        e = entries[v["doc"]]
        for m in v["askers"]:
            if (a := agent("persoon", m)) is not None:
                a.lists["Gestelde vragen"].append(e)
                if m["party"]:
                    a.related["Partij"][m["party"]["iri"]] = m["party"]
            if (p := agent("partij", m["party"])) is not None:
                p.lists["Vragen van leden van deze partij"].append(e)
                p.related["Kamerleden"][m["iri"]] = {**m, "name": person_name(m, {})}  # type: ignore[typeddict-item]
        for o in v["addressees"]:
            _office(agent, o, e, "Vragen gericht aan dit ambt")
        for o in v["on_behalf_of"]:
            _office(agent, o, e, "Brieven vanuit dit ambt")
        for s in v["signatures"]:
            if (a := agent("persoon", s["person"])) is not None:
                a.lists["Ondertekende brieven"].append(e)
                if s["office"]:
                    a.related["Ambt"][s["office"]["iri"]] = s["office"]
            if s["office"] is not None:
                _office(agent, s["office"], e, "Brieven vanuit dit ambt")
                if (holder := agent("ambt", s["office"])) is not None and s["person"]:
                    holder.related["Ondertekend door"][s["person"]["iri"]] = s["person"]
        for pv in v["predecessors"]:
            for earlier in pv["replaces"]:
                if (p := agent("partij", earlier)) is not None:
                    p.related["Opgevolgd door"][pv["party"]["iri"]] = pv["party"]
                if (p := agent("partij", pv["party"])) is not None:
                    p.related["Opvolger van"][earlier["iri"]] = earlier
        for w in v["works"]:
            if w["iri"] in letters or (a := agent("werk", w)) is None:
                continue
            a.work = w
            a.lists["Geciteerd in"].append(e)
            if (p := agent("uitgever", w["publisher"])) is not None:
                p.lists["Brieven die deze uitgever citeren"].append(e)
                p.related["Geciteerde werken"][w["iri"]] = w
    for a in found.values():
        for heading, listed in a.lists.items():
            a.lists[heading] = list({e["doc"]: e for e in listed}.values())
    return found


def _office(agent, office, e: Entry, heading: str) -> None:  # noqa: ANN001 - collect's closure and an OfficeRef
    if (o := agent("ambt", office)) is not None:
        o.lists[heading].append(e)
        if office["ministry"]:
            o.related["Ministerie"][office["ministry"]["iri"]] = office["ministry"]
    if (m := agent("ministerie", office["ministry"])) is not None:
        m.lists["Brieven"].append(e)
        if office["page"]:
            m.related["Ambten"][office["iri"]] = office


def agent_files(a: Agent, names: Mapping[str, str]) -> dict[str, bytes]:
    """The page of one agent or work, with its data (what the views say about it) as Turtle and JSON-LD."""
    folder = a.ref["page"] or ""
    name = named(a.ref, names)
    parts = [f"<h1>{esc(name)}</h1>"]
    if a.work is not None:
        parts.append(_work_facts(a.work, folder, names))
    for heading, refs in sorted(a.related.items()):
        links = ", ".join(f'<a href="{href(folder, r["page"])}">{esc(named(r, names))}</a>' if r["page"]
                          else esc(named(r, names)) for r in sorted(refs.values(), key=lambda r: named(r, names)))
        parts.append(f"<p>{esc(heading)}: {links}</p>")
    for heading, listed in sorted(a.lists.items()):
        parts += [f"<h2>{esc(heading)}</h2>", entry_list(listed, folder)]
    data = _data(a, names)
    from ..fastpath import serialize_all

    files = serialize_all(data, ("ttl", "jsonld"))
    page = Page(folder=folder, title=name, body="\n".join(parts), iri=a.ref["iri"],
                alternates=("index.ttl", "index.jsonld"),
                extra={"index.ttl": files["ttl"], "index.jsonld": files["jsonld"]},
                island={"@context": {"schema": str(SDO)}, "@graph": [{"@id": a.ref["iri"], "schema:name": name}]})
    return island_files(page)


def _work_facts(w: WorkView, folder: str, names: Mapping[str, str]) -> str:
    from .page import web_link

    facts = [("Soort", esc(", ".join(w["kinds"])))]
    facts += [("Identificatie", esc(i)) for i in w["identifiers"]]
    facts += [("Webadres", web_link(u)) for u in w["urls"]]
    facts += [("Zoals geschreven", web_link(u)) for u in w["written_urls"]]
    if w["publisher"]:
        p = w["publisher"]
        text = esc(named(p, names))
        facts.append(("Uitgever", f'<a href="{href(folder, p["page"])}">{text}</a>' if p["page"] else text))
    if w["published"]:
        from .entries import day_text

        facts.append(("Datum", esc(day_text(w["published"]))))
    return '<dl class="meta">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"


def _data(a: Agent, names: Mapping[str, str]) -> Graph:
    """What the views say about the agent: its type and name, and how each listed letter relates to it."""
    g = Graph()
    node = URIRef(a.ref["iri"])
    g.add((node, RDF.type, KINDS[a.kind]))
    g.add((node, SDO.name, Literal(named(a.ref, names))))
    rel = {"Gestelde vragen": (KV.askedBy, "zaak"), "Vragen van leden van deze partij": (None, ""),
           "Ondertekende brieven": (KV.answeredBy, "doc"), "Vragen gericht aan dit ambt": (KV.addressedTo, "zaak"),
           "Geciteerd in": (DCTERMS.references, "doc")}
    for heading, listed in a.lists.items():
        pred, end = rel.get(heading, (None, ""))
        for e in listed:
            if pred is not None:
                g.add((URIRef(e[end]), pred, node))
    for heading, refs in a.related.items():
        for r in refs.values():
            other = URIRef(r["iri"])
            if heading == "Partij":
                g.add((node, SDO.memberOf, other))
            elif heading == "Kamerleden":
                g.add((other, SDO.memberOf, node))
            elif heading == "Ministerie":
                g.add((node, ORG.postIn, other))
            elif heading == "Ambten":
                g.add((other, ORG.postIn, node))
            elif heading == "Opvolger van":
                g.add((node, DCTERMS.replaces, other))
            elif heading == "Geciteerde werken":
                g.add((other, SDO.publisher, node))
    if a.work is not None:
        for url in a.work["urls"]:
            g.add((node, SDO.url, URIRef(url)))
        if a.work["publisher"]:
            g.add((node, SDO.publisher, URIRef(a.work["publisher"]["iri"])))
    return g
