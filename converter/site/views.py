"""One letter's reconciled graph (and its model, where there is one) -> the LetterView the site is rendered from,
and the data files of the letter's page (index.ttl, index.jsonld).

This runs in publish's worker processes, once per letter: the graph is read in one pass into a table of
subject -> predicate -> values, and everything else is dictionary look-ups (no SPARQL, no rdflib queries)."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from typing import Any, cast

import pyoxigraph as ox
from rdflib import Graph, Literal

from ..iri import page_folder
from .viewtypes import (
    AgentRef,
    AnswerView,
    FootnoteView,
    LetterView,
    MemberRef,
    OfficeRef,
    PredecessorView,
    QuestionView,
    SignatureView,
    SourceView,
    TableView,
    WorkView,
)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
KV = "https://w3id.org/kamervragen/def#"
SDO = "https://schema.org/"
DCT = "http://purl.org/dc/terms/"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
ORG_POST_IN = "http://www.w3.org/ns/org#postIn"
SPDX = "http://spdx.org/rdf/terms#"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
KINDS = ("AnswerLetter", "DelayNotice")
OB = "https://zoek.officielebekendmakingen.nl/"
TK_ZAAK = "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id="
WORK_KINDS = {  # the Dutch name of each kind of cited work, in the order a page lists them
    KV + "ParliamentaryPaper": "Kamerstuk", KV + "Proceedings": "Handelingen",
    KV + "ProceedingsAppendix": "Aanhangsel van de Handelingen", KV + "BulletinOfActs": "Staatsblad",
    KV + "GovernmentGazette": "Staatscourant", KV + "OfficialPublication": "Officiële publicatie",
    KV + "GovernmentDocument": "Overheidsdocument", KV + "AnswerLetter": "Antwoord",
    KV + "DelayNotice": "Uitstelbericht", KV + "WrittenQuestions": "Schriftelijke vragen",
    SDO + "NewsArticle": "Nieuwsbericht", SDO + "WebPage": "Webpagina",
    SDO + "Report": "Rapport", SDO + "CreativeWork": "Werk",
}
NOT_WORKS = {KV + "Footnote", KV + "Question", KV + "Answer"}
TITLE_CHARS = 90

XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


class Lit:
    """A literal's lexical value and datatype IRI (IRIs in the table are plain str, literals never are)."""

    __slots__ = ("datatype", "value")

    def __init__(self, value: str, datatype: str) -> None:
        self.value, self.datatype = value, datatype

    def __str__(self) -> str:
        return self.value


Table = dict[str, dict[str, list[Any]]]


def _table(graph: Graph, triples: Iterable[ox.Triple] | None) -> Table:
    """subject -> predicate -> values: IRIs as str, literals as Lit, blank nodes as "_:id"; from pyoxigraph's
    triples where the caller has them (publish's worker made them to serialise the letter), else from rdflib."""
    table: Table = defaultdict(lambda: defaultdict(list))
    if triples is not None:
        for t in triples:
            s, o = t.subject, t.object
            value = o.value if isinstance(o, ox.NamedNode) else Lit(o.value, o.datatype.value) \
                if isinstance(o, ox.Literal) else str(o)
            table[s.value if isinstance(s, ox.NamedNode) else str(s)][t.predicate.value].append(value)
        return table
    for subject, pred, obj in graph:
        value = Lit(str(obj), str(obj.datatype or "")) if isinstance(obj, Literal) else str(obj)
        table[str(subject)][str(pred)].append(value)
    return table


@lru_cache(maxsize=1 << 16)
def _folder(iri: str, base: str) -> str | None:
    """iri.page_folder, remembered: the same agents and works come back letter after letter in a worker."""
    return page_folder(iri, base)


def _one(t: Table, node: str, pred: str) -> Any:  # noqa: ANN401 - a str IRI or a Lit
    values = t.get(node, {}).get(pred, ())
    if len(values) < 2:
        return values[0] if values else None
    return min(values, key=str)


def _text(t: Table, node: str, pred: str) -> str | None:
    value = _one(t, node, pred)
    return None if value is None else str(value)


def _date(t: Table, node: str, pred: str) -> str | None:
    for value in sorted(t.get(node, {}).get(pred, ()), key=str):
        if isinstance(value, Lit) and value.datatype == XSD_DATE:
            try:
                return dt.date.fromisoformat(value.value[:10]).isoformat()
            except ValueError:
                continue
    return None


def _iris(t: Table, node: str, pred: str) -> list[str]:
    values = t.get(node, {}).get(pred, ())
    return sorted({v for v in values if isinstance(v, str)}) if values else []


def _types(t: Table, node: str) -> set[str]:
    return set(t.get(node, {}).get(RDF_TYPE, ()))


def _name(t: Table, node: str) -> str:
    for pred in (SDO + "name", DCT + "title", DCT + "identifier"):
        text = _text(t, node, pred)
        if text:
            return text
    return node


def agent_ref(t: Table, node: str, base: str) -> AgentRef:
    return {"iri": node, "name": _name(t, node), "page": _folder(node, base)}


@cache
def _full_names() -> dict[str, str]:
    """Persoon Id -> full name, from the reference lists (members, then cabinet posts)."""
    from ..reconcile.reference import members, posts

    names = {p.person_id: p.display for p in posts() if p.person_id and p.first_name}
    names.update({m.id: m.display for m in members() if m.first_name})
    return names


def full_name(iri: str, base: str) -> str | None:
    """"Jan de Vries" for a person the reference lists know (their IRI is <base>persoon/<Persoon Id>)."""
    prefix = base + "persoon/"
    return _full_names().get(iri[len(prefix):]) if iri.startswith(prefix) else None


def member_ref(t: Table, node: str, base: str) -> MemberRef:
    party = _one(t, node, SDO + "memberOf")
    return {**agent_ref(t, node, base), "full_name": full_name(node, base),
            "party": agent_ref(t, party, base) if isinstance(party, str) else None}


def office_ref(t: Table, node: str, base: str) -> OfficeRef:
    ministry = _one(t, node, ORG_POST_IN)
    return {**agent_ref(t, node, base), "ministry": agent_ref(t, ministry, base) if isinstance(ministry, str) else None}


def letter_document(t: Table) -> tuple[str, str, str]:
    """(document, zaak, kind) of one letter's graph; the document is the zaak itself for questions only."""
    zaak = min(s for s, preds in t.items() if KV + "WrittenQuestions" in preds.get(RDF_TYPE, ()))
    for kind in KINDS:
        docs = sorted(s for s, preds in t.items() if KV + kind in preds.get(RDF_TYPE, ()) and PROV_DERIVED in preds)
        if docs:
            return docs[0], zaak, kind
    return zaak, zaak, "WrittenQuestions"


def _anchor(node: str, base: str) -> str:
    """The element id of a question or answer: the last two steps of its IRI ("vraag-3", "antwoord-9-10")."""
    steps = node[len(base):].split("/") if node.startswith(base) else [node]
    return "-".join(steps[-2:])


def _number(t: Table, node: str, pred: str) -> int:
    value = _one(t, node, pred)
    try:
        return int(value.value) if isinstance(value, Lit) else 0
    except ValueError:
        return 0


def _model_tables(items: Sequence[Any], key: object, key_of: Any) -> list[TableView]:  # noqa: ANN401
    """The tables the model (h16-tables' `tables` field) gives the question or answer with this key."""
    for item in items:
        if key_of(item) == key:
            return [{"start": int(_get(tb, "start")), "end": int(_get(tb, "end")),
                     "rows": [[str(c) for c in row] for row in _get(tb, "rows")], "header": bool(_get(tb, "header"))}
                    for tb in getattr(item, "tables", ()) or () if int(_get(tb, "end")) > int(_get(tb, "start"))]
    return []


def _get(table: object, name: str) -> Any:  # noqa: ANN401 - a TableView dict or a model.Table
    return table.get(name, False) if isinstance(table, dict) else getattr(table, name, False)


def _notes(t: Table, node: str) -> list[str]:
    return [n for n in _iris(t, node, DCT + "references") if KV + "Footnote" in _types(t, n)]


def _text_works(t: Table, node: str) -> list[str]:
    """What a text cites itself, not through one of its footnotes."""
    cited = _iris(t, node, DCT + "references")
    notes = {n for n in cited if KV + "Footnote" in _types(t, n)}
    through = {w for n in notes for w in _iris(t, n, DCT + "references")}
    return [w for w in cited if w not in notes and w not in through]


def _questions(t: Table, zaak: str, base: str, letter: object) -> list[QuestionView]:
    nodes = [s for s, preds in t.items() if KV + "Question" in preds.get(RDF_TYPE, ())
             and zaak in preds.get(DCT + "isPartOf", ())]
    model = getattr(letter, "questions", ())
    out: list[QuestionView] = []
    for q in sorted(nodes, key=lambda q: (_number(t, q, SDO + "position"), q)):
        num = _number(t, q, SDO + "position")
        out.append({"iri": q, "anchor": _anchor(q, base), "number": num, "text": _text(t, q, SDO + "text") or "",
                    "footnotes": sorted(_number(t, n, KV + "footnoteNumber") for n in _notes(t, q)),
                    "tables": _model_tables(model, num, lambda m: m.number), "cites": _text_works(t, q)})
    return out


def _answers(t: Table, doc: str, base: str, letter: object) -> list[AnswerView]:
    nodes = [s for s, preds in t.items() if KV + "Answer" in preds.get(RDF_TYPE, ())
             and doc in preds.get(DCT + "isPartOf", ())]
    model = getattr(letter, "answers", ())
    out: list[AnswerView] = []
    for a in sorted(nodes):
        nums = sorted(_number(t, q, SDO + "position") for q in _iris(t, a, KV + "answers"))
        out.append({"iri": a, "anchor": _anchor(a, base), "numbers": nums, "text": _text(t, a, SDO + "text") or "",
                    "footnotes": sorted(_number(t, n, KV + "footnoteNumber") for n in _notes(t, a)),
                    "tables": _model_tables(model, tuple(nums), lambda m: tuple(sorted(m.questions))),
                    "cites": _text_works(t, a)})
    return sorted(out, key=lambda a: (a["numbers"] or [1 << 30], a["iri"]))


def _footnotes(t: Table, base: str) -> list[FootnoteView]:
    notes = [s for s, preds in t.items() if KV + "Footnote" in preds.get(RDF_TYPE, ())]
    out: list[FootnoteView] = []
    for n in notes:
        num = _number(t, n, KV + "footnoteNumber")
        out.append({"number": num, "text": _text(t, n, RDFS_LABEL) or "", "urls": _iris(t, n, SDO + "url"),
                    "anchor": _note_anchor(n, num, base), "iri": n, "works": _iris(t, n, DCT + "references")})
    return sorted(out, key=lambda f: (f["number"], f["iri"]))


def _note_anchor(note: str, number: int, base: str) -> str:
    """The id of a footnote on its page, from its IRI's last steps ("vraag-1-voetnoot-1"): two footnotes may share
    a number where a letter numbers them per question."""
    return "-".join(note[len(base):].split("/")[-4:]) if note.startswith(base) else f"voetnoot-{number}"


def _works(t: Table, base: str, own: set[str]) -> list[WorkView]:
    """Every work the letter cites (not a footnote, question, answer or document of this graph); an earlier
    delay notice the letter names is one too."""
    cited = {w for preds in t.values() for w in [*preds.get(DCT + "references", ()), *preds.get(KV + "delayNotice", ())]
             if isinstance(w, str) and w not in own}
    out: list[WorkView] = []
    for w in sorted(cited):
        types = _types(t, w)
        if types & NOT_WORKS:
            continue
        named = _text(t, w, SDO + "name") or _text(t, w, DCT + "identifier")
        publisher = _one(t, w, SDO + "publisher")
        out.append({"iri": w, "name": named or _text(t, w, SDO + "url") or w, "page": _folder(w, base),
                    "kinds": [name for kind, name in WORK_KINDS.items() if kind in types] or ["Werk"],
                    "identifiers": sorted(str(v) for v in t.get(w, {}).get(DCT + "identifier", ())),
                    "urls": _iris(t, w, SDO + "url"), "written_urls": _iris(t, w, KV + "writtenUrl"),
                    "publisher": agent_ref(t, publisher, base) if isinstance(publisher, str) else None,
                    "published": _date(t, w, SDO + "datePublished")})
    return out


def _source(t: Table, doc: str, aanhangsel: str | None) -> SourceView | None:
    """The file the letter was read from; linked where it is the official file itself (`ah-tk-….xml` or `.pdf`
    as officielebekendmakingen publishes it under that name)."""
    src = _one(t, doc, PROV_DERIVED)
    if not isinstance(src, str):
        return None
    checksum = _one(t, src, SPDX + "checksum")
    name = _text(t, src, DCT + "title") or src
    official = aanhangsel and name.lower() in (f"{aanhangsel.lower()}.xml", f"{aanhangsel.lower()}.pdf")
    return {"name": name, "media_type": _text(t, src, DCT + "format") or "",
            "sha256": (_text(t, checksum, SPDX + "checksumValue") or "") if isinstance(checksum, str) else "",
            "href": OB + name if official else None, "iri": src}


def _signatures(t: Table, doc: str, base: str) -> list[SignatureView]:
    out: list[SignatureView] = []
    for sig in _iris(t, doc, KV + "signature"):
        person, office = _one(t, sig, KV + "signatory"), _one(t, sig, KV + "office")
        out.append({"person": member_ref(t, person, base) if isinstance(person, str) else None,
                    "office": office_ref(t, office, base) if isinstance(office, str) else None})
    return out


def _title(t: Table, zaak: str, questions: list[QuestionView], kind: str, ident: str) -> str:
    """The subject; where the letter gives none, the first question's opening words, else its kind and number."""
    title = _text(t, zaak, DCT + "title")
    if title and title.strip():
        return title.strip()
    first = " ".join(questions[0]["text"].split()) if questions else ""
    if first:
        return first if len(first) <= TITLE_CHARS else first[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"
    names = {"AnswerLetter": "Antwoord", "DelayNotice": "Uitstelbericht"}
    return f"{names.get(kind, 'Schriftelijke vragen')} {ident}".strip()


def _aanhangsel(identifiers: list[str]) -> str | None:
    return next((i for i in identifiers if i.lower().startswith("ah-tk-")), None)


def letter_view(graph: Graph, base: str, letter: object = None, name: str | None = None,
                triples: Iterable[ox.Triple] | None = None) -> LetterView:
    """The view of one letter's reconciled graph; `letter` is its model (for tables) where there is one, `name`
    its named graph's IRI where the caller knows it (else <base>graaf/<the document's path>), `triples` the
    graph's triples as pyoxigraph's where the caller has them (fastpath.oxigraph_triples), read instead."""
    t = _table(graph, triples)
    doc, zaak, kind = letter_document(t)
    identifiers = sorted(str(v) for v in t[doc].get(DCT + "identifier", ()))
    zaak_number = _text(t, zaak, DCT + "identifier")
    questions = _questions(t, zaak, base, letter)
    aanhangsel = _aanhangsel(identifiers)
    official = {}
    if aanhangsel:
        official["officielebekendmakingen"] = OB + aanhangsel
    if zaak_number:
        official["tweedekamer"] = TK_ZAAK + zaak_number
    page = _folder(doc, base) or ""
    source = _source(t, doc, aanhangsel)
    signatures = _signatures(t, doc, base)
    works = _works(t, base, {doc, zaak})
    return {
        "graph": name or f"{base}graaf/{doc[len(base):]}", "doc": doc, "page": page, "zaak": zaak,
        "zaak_page": _folder(zaak, base) or "", "zaak_number": zaak_number, "kind": kind,
        "aanhangsel": aanhangsel, "identifiers": identifiers,
        "title": _title(t, zaak, questions, kind, aanhangsel or (identifiers[0] if identifiers else zaak_number or "")),
        "submitted": _date(t, zaak, DCT + "dateSubmitted"),
        "issued": _date(t, doc, DCT + "issued") if doc != zaak else None,
        "askers": sorted((member_ref(t, p, base) for p in _iris(t, zaak, KV + "askedBy")),
                         key=lambda m: (m["name"].casefold(), m["iri"])),
        "addressees": [office_ref(t, o, base) for o in _iris(t, zaak, KV + "addressedTo")],
        "signatories": [_signatory(s) for s in signatures if s["person"]],
        "on_behalf_of": [office_ref(t, o, base) for o in _iris(t, doc, KV + "onBehalfOf")],
        "questions": questions,
        "answers": _answers(t, doc, base, letter) if doc != zaak else [],
        "footnotes": _footnotes(t, base),
        "cited": [{"iri": w["iri"], "name": w["name"], "page": w["page"]} for w in works if w["page"]],
        "source": source,
        "official": official,
        "data_files": {"ttl": posixpath.join(page, "index.ttl"), "jsonld": posixpath.join(page, "index.jsonld")},
        "signatures": signatures, "works": works, "delay_notice": _text(t, doc, KV + "delayNotice"),
        "letter_footnotes": sorted(_number(t, n, KV + "footnoteNumber") for n in _notes(t, doc)),
        "parts": _parts(t, base, {doc, zaak}),
        "predecessors": _predecessors(t, base),
    }


def _predecessors(t: Table, base: str) -> list[PredecessorView]:
    """Each party the letter names with the groups it succeeded (GroenLinks-PvdA: GroenLinks, PvdA)."""
    out: list[PredecessorView] = []
    for s, preds in sorted(t.items()):
        earlier = sorted(v for v in preds.get(DCT + "replaces", ()) if isinstance(v, str))
        if earlier and KV + "PoliticalParty" in preds.get(RDF_TYPE, ()):
            out.append({"party": agent_ref(t, s, base), "replaces": [agent_ref(t, e, base) for e in earlier]})
    return out


def _signatory(sig: SignatureView) -> OfficeRef:
    person = cast(MemberRef, sig["person"])
    office = sig["office"]
    return {"iri": person["iri"], "name": person["name"], "page": person["page"],
            "ministry": office["ministry"] if office else None}


def _parts(t: Table, base: str, pages: set[str]) -> list[str]:
    """Every IRI under the base this graph describes that has no page of its own but its letter's (questions,
    answers, footnotes, signatures, the source): each gets a page forwarding to where it is shown."""
    out = []
    for s, preds in t.items():
        types = set(preds.get(RDF_TYPE, ()))
        if s in pages or _folder(s, base) is None:
            continue
        if types & {KV + "Question", KV + "Answer", KV + "Footnote", KV + "Signature", KV + "SourceDocument"}:
            out.append(s)
    return sorted(out)


def letter_data_files(view: LetterView, graph: Graph, triples: list[ox.Triple] | None = None) -> dict[str, bytes]:
    """The data of the letter's page, beside it: its graph as Turtle (pyoxigraph) and compact JSON-LD: the same
    bytes `convert` writes as the letter's .ttl and .jsonld (a worker that made those can pass them on)."""
    from ..fastpath import serialize_all

    data = serialize_all(graph, ("ttl", "jsonld"), triples)
    return {view["data_files"]["ttl"]: data["ttl"], view["data_files"]["jsonld"]: data["jsonld"]}
