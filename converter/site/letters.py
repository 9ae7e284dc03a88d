"""The page of a letter and the page of a set of written questions: questions and answers side by side."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import RDF, RDFS, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from ..vocab import KV, SDO, SPDX
from .facts import date_of, doc_name, iris, kind_name, label, number, sorted_by_label
from .page import Page, date_text, esc, folder_of, link_to, paragraphs, web_link


def letter_page(g: Graph, doc: URIRef, data: Graph, base: str) -> Page:
    """The page of an answer letter or delay notice."""
    folder = folder_of(doc, base) or ""
    zaak = g.value(doc, KV.respondsTo)
    kind = KV.AnswerLetter if (doc, RDF.type, KV.AnswerLetter) in g else KV.DelayNotice
    title = f"{kind_name(kind)} {doc_name(g, doc)}"
    rows = _zaak_rows(g, zaak, folder, base) if isinstance(zaak, URIRef) else []
    rows += _letter_rows(g, doc, folder, base)
    rows.append(("Geciteerd in", _cited_in(g, doc, folder, base)))
    parts = [f"<h1>{esc(title)}</h1>", _subtitle(g, zaak), _meta(rows)]
    if kind == KV.AnswerLetter and isinstance(zaak, URIRef):
        parts += ["<h2 id=\"vragen-en-antwoorden\">Vragen en antwoorden</h2>",
                  qa_blocks(g, zaak, [doc], folder, base)]
    parts.append(_notes(g, [doc], "Voetnoten bij de brief", folder, base))
    return Page(folder=folder, title=title, body="\n".join(p for p in parts if p), data=data, iri=str(doc))


def zaak_page(g: Graph, zaak: URIRef, data: Graph, base: str) -> Page:
    """The page of a set of written questions, with the answers of every letter that answers them."""
    folder = folder_of(zaak, base) or ""
    title = f"Schriftelijke vragen {doc_name(g, zaak)}"
    letters = sorted(set(g.subjects(KV.respondsTo, zaak)), key=str)
    rows = _zaak_rows(g, zaak, folder, base, link_self=False)
    listed = []
    for doc in letters:
        kind = KV.AnswerLetter if (doc, RDF.type, KV.AnswerLetter) in g else KV.DelayNotice
        when = date_of(g, doc, DCTERMS.issued)
        text = f"{kind_name(kind)} {doc_name(g, doc)}" + (f" ({date_text(when)})" if when else "")
        listed.append(link_to(folder, doc, base, text))
    if listed:
        rows.append(("Brieven", "<br>".join(listed)))
    rows.append(("Geciteerd in", _cited_in(g, zaak, folder, base)))
    answer_letters = [d for d in iris(letters) if (d, RDF.type, KV.AnswerLetter) in g]
    parts = [f"<h1>{esc(title)}</h1>", _subtitle(g, zaak), _meta(rows),
             "<h2 id=\"vragen-en-antwoorden\">Vragen en antwoorden</h2>",
             qa_blocks(g, zaak, answer_letters, folder, base)]
    return Page(folder=folder, title=title, body="\n".join(p for p in parts if p), data=data, iri=str(zaak))


def qa_blocks(g: Graph, zaak: URIRef, docs: Iterable[URIRef], folder: str, base: str) -> str:
    """Each question beside its answer; an answer to several questions appears once, beside all of them."""
    docs = set(docs)
    questions = sorted(set(iris(g.subjects(DCTERMS.isPartOf, zaak))) & set(g.subjects(RDF.type, KV.Question)),
                       key=lambda q: (number(g, q, SDO.position), str(q)))
    answers = [a for a in iris(g.subjects(RDF.type, KV.Answer)) if g.value(a, DCTERMS.isPartOf) in docs]
    answer_of = {q: a for a in answers for q in g.objects(a, KV.answers)}
    shown: set[URIRef] = set()
    blocks = []
    for q in questions:
        answer = answer_of.get(q)
        if answer is None:
            blocks.append(_block(g, [q], None, folder, base))
        elif answer not in shown:
            shown.add(answer)
            group = [x for x in questions if (answer, KV.answers, x) in g]
            blocks.append(_block(g, group, answer, folder, base))
    orphans = [a for a in answers if a not in shown and not set(g.objects(a, KV.answers))]
    blocks += [_block(g, [], a, folder, base) for a in orphans]
    return "\n".join(blocks) if blocks else '<p class="none">Geen vragen gevonden.</p>'


def _block(g: Graph, questions: list[URIRef], answer: URIRef | None, folder: str, base: str) -> str:
    left = []
    for q in questions:
        num = g.value(q, SDO.position)
        anchor = _anchor(q, base)
        left.append(f'<div class="q" id="{anchor}"><p class="label">Vraag {esc(num)}</p>'
                    f"{paragraphs(str(g.value(q, SDO.text) or ''))}{_notes(g, [q], '', folder, base)}"
                    f"{_text_sources(g, q, folder, base)}</div>")
    if answer is None:
        right = '<div class="a"><p class="none">Geen antwoord in deze brief.</p></div>'
    else:
        nums = [str(g.value(q, SDO.position)) for q in questions]
        heading = "Antwoord op vraag " + (" en ".join([", ".join(nums[:-1]), nums[-1]]) if len(nums) > 1
                                          else (nums[0] if nums else "?"))
        right = (f'<div class="a" id="{_anchor(answer, base)}"><p class="label">{esc(heading)}</p>'
                 f"{paragraphs(str(g.value(answer, SDO.text) or ''))}{_notes(g, [answer], '', folder, base)}"
                 f"{_text_sources(g, answer, folder, base)}</div>")
    return f'<section class="qa"><div>{"".join(left)}</div>{right}</section>'


def _anchor(node: URIRef, base: str) -> str:
    """The element id of a question or answer: the last two steps of its IRI ("vraag-3", "antwoord-9-10")."""
    steps = str(node)[len(base):].split("/") if str(node).startswith(base) else [str(node)]
    return esc("-".join(steps[-2:]))


def _notes(g: Graph, owners: list[URIRef], heading: str = "", folder: str = "", base: str = "") -> str:
    notes = sorted({n for o in owners for n in g.objects(o, DCTERMS.references) if (n, RDF.type, KV.Footnote) in g},
                   key=lambda n: (number(g, n, KV.footnoteNumber), str(n)))
    if not notes:
        return ""
    items = []
    for n in notes:
        urls = " ".join(web_link(u) for u in sorted(g.objects(n, SDO.url), key=str))
        text = esc(g.value(n, RDFS.label) or "")
        works = ", ".join(link_to(folder, w, base, _work_name(g, w)) for w in iris(g.objects(n, DCTERMS.references)))
        items.append(f"<li>[{esc(g.value(n, KV.footnoteNumber))}] {text}" + (f"<br>{urls}" if urls else "")
                     + (f"<br>Bron: {works}" if works and base else "") + "</li>")
    head = f"<h2>{esc(heading)}</h2>" if heading else ""
    return f'{head}<ul class="notes">{"".join(items)}</ul>'


def _text_sources(g: Graph, node: URIRef, folder: str, base: str) -> str:
    """The works a question's or answer's own text cites (not through a footnote), linked to their pages."""
    cited = set(g.objects(node, DCTERMS.references))
    notes = {n for n in cited if (n, RDF.type, KV.Footnote) in g}
    works = iris(cited - notes - {w for n in notes for w in g.objects(n, DCTERMS.references)})
    if not works:
        return ""
    return '<p class="notes">Bronnen in de tekst: ' + ", ".join(
        link_to(folder, w, base, _work_name(g, w)) for w in works) + "</p>"


def _work_name(g: Graph, work: URIRef) -> str:
    if (work, SDO.name, None) in g or (work, DCTERMS.identifier, None) in g:
        return label(g, work)
    return str(g.value(work, SDO.url) or work)


def _cited_in(g: Graph, node: URIRef, folder: str, base: str) -> str:
    """The other letters of the dataset citing a letter or set of questions (by Aanhangsel number or zaak)."""
    letters = set()
    for s in g.subjects(DCTERMS.references, node):
        if (s, RDF.type, KV.Footnote) in g:
            continue  # the question, answer or letter carrying the footnote cites it as well
        part_of = g.value(s, DCTERMS.isPartOf)
        letter = part_of if isinstance(part_of, URIRef) else s
        answered_in = [d for d in g.subjects(KV.respondsTo, letter) if (d, PROV.wasDerivedFrom, None) in g]
        if (letter, RDF.type, KV.WrittenQuestions) in g and answered_in:
            letter = min(answered_in, key=str)
        if letter != node and (node, KV.respondsTo, letter) not in g:
            letters.add(letter)
    return "<br>".join(link_to(folder, d, base, doc_name(g, d)) for d in iris(letters))


def _subtitle(g: Graph, zaak: object) -> str:
    title = g.value(zaak, DCTERMS.title) if isinstance(zaak, URIRef) else None  # type: ignore[arg-type]
    return f"<p><em>{esc(title)}</em></p>" if title else ""


def _meta(rows: list[tuple[str, str]]) -> str:
    return '<dl class="meta">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows if v) + "</dl>"


def _people(g: Graph, people: Iterable[object], folder: str, base: str) -> str:
    out = []
    for person in sorted_by_label(g, people):
        text = link_to(folder, person, base, label(g, person))
        party = g.value(person, SDO.memberOf)
        if party is not None:
            text += f" ({link_to(folder, party, base, label(g, party))})"
        out.append(text)
    return ", ".join(out)


def _offices(g: Graph, offices: Iterable[object], folder: str, base: str) -> str:
    return ", ".join(link_to(folder, o, base, label(g, o)) for o in sorted_by_label(g, offices))


def _zaak_rows(g: Graph, zaak: URIRef, folder: str, base: str,
               link_self: bool = True) -> list[tuple[str, str]]:
    ident = doc_name(g, zaak)
    submitted = date_of(g, zaak, DCTERMS.dateSubmitted)
    return [("Zaak", link_to(folder, zaak, base, ident) if link_self else esc(ident)),
            ("Ingezonden", esc(date_text(submitted)) if submitted else ""),
            ("Gesteld door", _people(g, g.objects(zaak, KV.askedBy), folder, base)),
            ("Gericht aan", _offices(g, g.objects(zaak, KV.addressedTo), folder, base))]


def _letter_rows(g: Graph, doc: URIRef, folder: str, base: str) -> list[tuple[str, str]]:
    issued = date_of(g, doc, DCTERMS.issued)
    signed = []
    for sig in sorted(g.objects(doc, KV.signature), key=str):
        person, office = g.value(sig, KV.signatory), g.value(sig, KV.office)
        text = link_to(folder, person, base, label(g, person)) if person is not None else ""
        if office is not None:
            text += f", {link_to(folder, office, base, label(g, office))}"
        signed.append(text)
    delay = g.value(doc, KV.delayNotice)
    return [("Datum", esc(date_text(issued)) if issued else ""),
            ("Ondertekend door", "<br>".join(signed)),
            ("Mede namens", _offices(g, g.objects(doc, KV.onBehalfOf), folder, base)),
            ("Kenmerken", ", ".join(esc(i) for i in sorted(g.objects(doc, DCTERMS.identifier), key=str))),
            ("Eerder uitstelbericht", "" if delay is None else link_to(folder, delay, base, label(g, delay))),
            ("Bron", _source(g, doc))]


def _source(g: Graph, doc: URIRef) -> str:
    out = []
    for src in sorted(g.objects(doc, PROV.wasDerivedFrom), key=str):
        checksum = g.value(g.value(src, SPDX.checksum), SPDX.checksumValue)
        fmt = g.value(src, DCTERMS["format"])
        out.append(f"{esc(g.value(src, DCTERMS.title) or src)}" + (f" ({esc(fmt)})" if fmt else "")
                   + (f'<br><code>sha256 {esc(checksum)}</code>' if checksum else ""))
    return "<br>".join(out)
