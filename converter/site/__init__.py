"""Letter views -> the static HTML site, in units publish renders only where their key changed.

A unit per case (the zaak page, its letters' pages and the pages forwarding the IRIs of their questions, answers,
footnotes, signatures and source), one per person, party, office, ministry, cited work and publisher, the front
page, the downloads page and the ontology page; then the lists, statistics and search of h16-search's modules.
Every key is the hash of exactly what the unit's bytes depend on (the views or entries it shows, the names it
uses) and of this code, so a changed letter re-renders its case and the pages listing it, and nothing else.

Every resource IRI under the base has a folder of the same path holding index.html (and its data as index.ttl
and index.jsonld, or a link to them), so the IRIs dereference from any static host serving the site at the base.
The letters' data files are written apart: `views.letter_data_files`, in the worker that made the view."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from pathlib import Path

from .agentpages import Agent, agent_files, collect
from .casepage import Case, case_files
from .cases import case_facts
from .entries import Entry, doc_name, entry, ministries, named
from .front import downloads_files, front_files
from .viewtypes import CaseFacts, LetterView, SiteInput, SiteUnit

__all__ = ["site_units"]


@cache
def code_version() -> str:
    """A hash of the site's code and the package's version: a new release re-renders every page."""
    from .. import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def unit_key(*parts: object) -> str:
    """The hex digest of a unit's inputs (JSON, keys sorted) and the code version."""
    text = json.dumps([code_version(), *parts], sort_keys=True, ensure_ascii=False,
                      default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: object) -> object:
    """A case's facts (a dataclass) or a set, as JSON can write it."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return sorted(value)  # type: ignore[call-overload]


def site_units(site: SiteInput) -> Iterator[SiteUnit]:
    """Every unit of the site."""
    facts = case_facts(site.views)
    entries = {v["doc"]: entry(v, facts.get(v["zaak"]), site.names) for v in site.views}
    letters = _letters(site.views)
    cited_in = _cited_in(site.views)
    by_zaak: dict[str, list[LetterView]] = defaultdict(list)
    for view in site.views:
        by_zaak[view["zaak"]].append(view)
    for zaak, views in sorted(by_zaak.items()):
        yield _case_unit(zaak, tuple(views), facts[zaak], site, letters, cited_in)
    for folder, agent in sorted(collect(site.views, entries, set(letters)).items()):
        yield _agent_unit(folder, agent, site.names)
    yield _front_unit(site, entries, len(by_zaak))
    yield SiteUnit("downloads", unit_key("downloads", site.downloads, site.catalog.decode(), site.base),
                   lambda: downloads_files(site.downloads, site.catalog, site.base))
    yield _ontology_unit()
    yield from _their_units(site)


def _letters(views: tuple[LetterView, ...]) -> dict[str, tuple[str, str]]:
    """IRI of every letter and zaak of the dataset -> (its page, the name a citation gives it)."""
    found = {v["zaak"]: (v["zaak_page"], v["zaak_number"] or v["title"]) for v in views}
    found.update({v["doc"]: (v["page"], doc_name(v)) for v in views})
    return found


def cites(view: LetterView) -> set[str]:
    """Every IRI a letter cites: works, and through them other letters of the dataset."""
    found = {w["iri"] for w in view["works"]}
    found |= {c for q in view["questions"] for c in q["cites"]} | {c for a in view["answers"] for c in a["cites"]}
    found |= {w for n in view["footnotes"] for w in n["works"]}
    return found


def _cited_in(views: tuple[LetterView, ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """IRI of a letter or zaak of the dataset -> the letters of other cases citing it, as (page, name)."""
    zaak_of = {v["doc"]: v["zaak"] for v in views} | {v["zaak"]: v["zaak"] for v in views}
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for v in views:
        for iri in cites(v):
            if iri in zaak_of and zaak_of[iri] != v["zaak"]:
                found[iri].add((v["page"], doc_name(v)))
    return {iri: tuple(sorted(pairs)) for iri, pairs in found.items()}


def _case_unit(zaak: str, views: tuple[LetterView, ...], facts: CaseFacts, site: SiteInput,
               letters: Mapping[str, tuple[str, str]], cited_in: Mapping[str, tuple[tuple[str, str], ...]]) -> SiteUnit:
    own = {zaak} | {v["doc"] for v in views}
    wanted = set().union(*(cites(v) for v in views)) | {v["delay_notice"] for v in views if v["delay_notice"]}
    case = Case(zaak=zaak, views=views, facts=facts, names=_names(views, site.names),
                letters={iri: letters[iri] for iri in sorted(wanted) if iri in letters},
                cited_in={iri: cited_in[iri] for iri in sorted(own) if iri in cited_in}, base=site.base)
    key = unit_key("case", views, facts, case.names, case.letters, case.cited_in, site.base)
    name = views[0]["zaak_page"] or zaak
    return SiteUnit(f"case/{name}", key, lambda: case_files(case))


def _names(views: tuple[LetterView, ...], names: Mapping[str, str]) -> dict[str, str]:
    """The dataset's names of the agents these views show."""
    iris: set[str] = set()
    for v in views:
        for ref in [*v["askers"], *v["addressees"], *v["on_behalf_of"]]:
            iris.add(ref["iri"])
            party = ref.get("party")
            if party:
                iris.add(party["iri"])  # type: ignore[index]
        for sig in v["signatures"]:
            iris |= {r["iri"] for r in (sig["person"], sig["office"]) if r}
    return {iri: names[iri] for iri in sorted(iris) if iri in names}


def _agent_unit(folder: str, agent: Agent, names: Mapping[str, str]) -> SiteUnit:
    return SiteUnit(f"{agent.kind}/{folder}", unit_key("agent", agent.as_key(names)),
                    lambda: agent_files(agent, names))


def _front_unit(site: SiteInput, entries: Mapping[str, Entry], cases: int) -> SiteUnit:
    from .entries import sort_entries
    from .front import LATEST

    counts: dict[str, list] = {}
    for v in site.views:
        for m in ministries(v):
            counts.setdefault(m["iri"], [named(m, site.names), m["page"], 0])[2] += 1
    listed = sorted(counts.values(), key=lambda m: (m[0].casefold(), str(m[1])))
    by_name = {str(m[1]) + m[0]: (m[0], m[1], m[2]) for m in listed}
    latest = sort_entries(entries.values())[:LATEST]
    count = len(entries)
    key = unit_key("front", latest, count, by_name, cases, site.catalog.decode(), site.base)
    return SiteUnit("front", key, lambda: front_files(latest, count, by_name, cases, site.catalog, site.base))


def _ontology_unit() -> SiteUnit:
    from ..resources import ontology_dir

    source = (ontology_dir() / "kamervragen.ttl").read_bytes()

    def render() -> dict[str, bytes]:
        from rdflib import Graph

        from .ontology import ontology_page
        from .page import page_files

        return page_files(ontology_page(Graph().parse(data=source, format="turtle")))
    return SiteUnit("ontology", unit_key("ontology", hashlib.sha256(source).hexdigest()), render)


def _their_units(site: SiteInput) -> Iterator[SiteUnit]:
    """The lists, statistics and search of h16-search's modules, where they are built (imported guarded until
    they land on main)."""
    import importlib

    for module, function in (("lists", "list_units"), ("stats", "stats_units"), ("search", "search_units")):
        try:
            make: Callable[[SiteInput], Iterator[SiteUnit]] = getattr(
                importlib.import_module(f"{__name__}.{module}"), function)
        except (ImportError, AttributeError):
            continue
        yield from make(site)
