"""The ontology's documentation page: every class and property with its Dutch and English labels."""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, SKOS

from ..publish import serialize_graph
from ..vocab import KV_IRI
from .page import Page, esc

SECTIONS = (("Klassen / Classes", (OWL.Class,)),
            ("Eigenschappen / Properties", (OWL.ObjectProperty, OWL.DatatypeProperty)),
            ("Individuen / Individuals", (OWL.NamedIndividual,)))


def ontology_page(onto: Graph) -> Page:
    """The documentation of the ontology, one section per term, anchored by the term's local name."""
    root = URIRef(KV_IRI.rstrip("#"))
    parts = [f"<h1>{esc(_text(onto, root, DCTERMS.title, 'nl') or 'Ontologie')}</h1>",
             f"<p>{esc(_text(onto, root, DCTERMS.description, 'nl'))}</p>",
             f'<p lang="en">{esc(_text(onto, root, DCTERMS.description, "en"))}</p>',
             f"<p>Namespace <code>{esc(KV_IRI)}</code> (prefix <code>kv:</code>), versie "
             f"{esc(onto.value(root, OWL.versionInfo) or '')}. "
             '<a href="kamervragen.ttl">Turtle</a> · <a href="kamervragen.jsonld">JSON-LD</a> · '
             '<a href="context.jsonld">JSON-LD-context</a> · '
             '<a href="../index.html#downloads">SHACL-vormen</a></p>']
    for heading, kinds in SECTIONS:
        terms = sorted({t for k in kinds for t in onto.subjects(RDF.type, k)
                        if isinstance(t, URIRef) and str(t).startswith(KV_IRI)}, key=str)
        if terms:
            parts.append(f"<h2>{esc(heading)}</h2>")
            parts += [_term(onto, t) for t in terms]
    reused = sorted({s for s in onto.subjects(SKOS.scopeNote, None)
                     if isinstance(s, URIRef) and not str(s).startswith(KV_IRI)}, key=str)
    if reused:
        parts.append("<h2>Hergebruikte termen / Reused terms</h2>")
        parts += [_term(onto, t) for t in reused]
    return Page(folder="ontology", title="Ontologie", body="\n".join(parts), data=onto, iri=str(root),
                alternates=("kamervragen.ttl", "kamervragen.jsonld"),
                extra={"kamervragen.jsonld": serialize_graph(onto, "jsonld")})


def _term(onto: Graph, term: URIRef) -> str:
    name = onto.qname(term) if not str(term).startswith(KV_IRI) else f"kv:{str(term)[len(KV_IRI):]}"
    anchor = str(term)[len(KV_IRI):] if str(term).startswith(KV_IRI) else name.replace(":", "-")
    rows = [("nl", _text(onto, term, RDFS.label, "nl")), ("en", _text(onto, term, RDFS.label, "en"))]
    labels = " / ".join(f'<span lang="{lang}">{esc(text)}</span>' for lang, text in rows if text)
    out = [f'<section id="{esc(anchor)}"><h3><code>{esc(name)}</code> {labels}</h3>',
           f'<p class="iri">{esc(term)}</p>']
    for pred in (SKOS.definition, SKOS.scopeNote):
        for lang in ("nl", "en"):
            text = _text(onto, term, pred, lang)
            if text:
                out.append(f'<p lang="{lang}">{esc(text)}</p>')
    facts = []
    for pred, word in ((RDFS.subClassOf, "subklasse van"), (RDFS.subPropertyOf, "subeigenschap van"),
                       (RDFS.domain, "domein"), (RDFS.range, "bereik")):
        values = sorted(onto.qname(v) if isinstance(v, URIRef) else str(v) for v in onto.objects(term, pred))
        if values:
            facts.append(f"{word}: " + ", ".join(f"<code>{esc(v)}</code>" for v in values))
    if facts:
        out.append("<p>" + "; ".join(facts) + "</p>")
    return "".join(out) + "</section>"


def _text(onto: Graph, node: URIRef, pred: URIRef, lang: str) -> str:
    values = sorted(str(v) for v in onto.objects(node, pred) if getattr(v, "language", None) == lang)
    return values[0] if values else ""
