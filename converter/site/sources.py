"""The pages of cited works and their publishers: what the work is, and every letter citing it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import DCTERMS

from ..vocab import KV, SDO
from .agents import entry_list
from .facts import LETTER_KINDS, Entry, date_of, iris, label, neighbourhood, sorted_by_label
from .page import Page, date_text, esc, folder_of, link_to, web_link

KIND_NAMES = {
    KV.ParliamentaryPaper: "Kamerstuk", KV.Proceedings: "Handelingen", KV.ProceedingsAppendix: "Aanhangsel van de "
    "Handelingen", KV.BulletinOfActs: "Staatsblad", KV.GovernmentGazette: "Staatscourant",
    KV.OfficialPublication: "Officiële publicatie", KV.GovernmentDocument: "Overheidsdocument",
    SDO.NewsArticle: "Nieuwsbericht", SDO.WebPage: "Webpagina", SDO.Report: "Rapport", SDO.CreativeWork: "Werk",
}


def citing_entries(g: Graph, entries: Iterable[Entry]) -> dict[URIRef, list[Entry]]:
    """Every cited work (not a footnote, not a letter of the dataset), with the letters citing it."""
    by_work: dict[URIRef, list[Entry]] = defaultdict(list)
    for e in entries:
        nodes = {e.doc, e.zaak} | set(g.subjects(DCTERMS.isPartOf, e.doc)) | set(g.subjects(DCTERMS.isPartOf, e.zaak))
        nodes |= {f for n in nodes for f in g.objects(n, DCTERMS.references) if (f, RDF.type, KV.Footnote) in g}
        works = {w for n in nodes for w in g.objects(n, DCTERMS.references) if isinstance(w, URIRef)}
        for work in works:
            if not any((work, RDF.type, k) in g for k in (KV.Footnote, KV.WrittenQuestions, *LETTER_KINDS)):
                by_work[work].append(e)
    return by_work


def work_name(g: Graph, work: URIRef) -> str:
    """A work's title, else its identifier, else its address."""
    if (work, SDO.name, None) in g or (work, DCTERMS.identifier, None) in g:
        return label(g, work)
    return str(g.value(work, SDO.url) or work)


def source_pages(g: Graph, entries: list[Entry], base: str) -> list[Page]:
    """A page per cited work and per publisher."""
    cited = citing_entries(g, entries)
    pages = [_work_page(g, work, citing, base) for work, citing in sorted(cited.items(), key=lambda kv: str(kv[0]))
             if folder_of(work, base) is not None]
    publishers = iris(p for work in cited for p in g.objects(work, SDO.publisher))
    pages += [_publisher_page(g, p, cited, base) for p in publishers if folder_of(p, base) is not None]
    return pages


def _work_page(g: Graph, work: URIRef, citing: list[Entry], base: str) -> Page:
    folder = folder_of(work, base) or ""
    kinds = [KIND_NAMES[k] for k in KIND_NAMES if (work, RDF.type, k) in g]
    name = work_name(g, work)
    facts = [("Soort", esc(", ".join(kinds) or "Werk"))]
    facts += [("Identificatie", esc(i)) for i in sorted(map(str, g.objects(work, DCTERMS.identifier)))]
    facts += [("Webadres", web_link(u)) for u in sorted(map(str, g.objects(work, SDO.url)))]
    facts += [("Zoals geschreven", web_link(u)) for u in sorted(map(str, g.objects(work, KV.writtenUrl)))]
    publishers = sorted_by_label(g, g.objects(work, SDO.publisher))
    facts += [("Uitgever", link_to(folder, p, base, label(g, p))) for p in publishers]
    published = date_of(g, work, SDO.datePublished)
    if published:
        facts.append(("Datum", esc(date_text(published))))
    meta = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
    parts = [f"<h1>{esc(name)}</h1>", f'<dl class="meta">{meta}</dl>',
             "<h2>Geciteerd in</h2>", entry_list(citing, g, folder, base)]
    return Page(folder=folder, title=name, body="\n".join(parts), data=neighbourhood(g, work), iri=str(work))


def _publisher_page(g: Graph, publisher: URIRef, cited: dict[URIRef, list[Entry]], base: str) -> Page:
    folder = folder_of(publisher, base) or ""
    name = label(g, publisher)
    works = sorted_by_label(g, (w for w in cited if (w, SDO.publisher, publisher) in g))
    letters = {e.doc: e for w in works for e in cited[w]}.values()
    items = "".join(f"<li>{link_to(folder, w, base, work_name(g, w))}</li>" for w in works)
    parts = [f"<h1>{esc(name)}</h1>", "<h2>Geciteerde werken</h2>", f"<ul>{items}</ul>",
             "<h2>Brieven die deze uitgever citeren</h2>", entry_list(letters, g, folder, base)]
    return Page(folder=folder, title=name, body="\n".join(parts), data=neighbourhood(g, publisher),
                iri=str(publisher))
