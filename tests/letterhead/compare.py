"""A converted letter's graph against a case's annotation, field by field, with the corpus scorer's rules: texts
compared on their first and last words without white space, names without accents and punctuation (the
shorter name the tail of the longer), offices without a leading article, addresses without scheme, 'www.',
hyphens and a trailing slash. Written for these tests from the rules in corpus/ANNOTATIONS.md."""

from __future__ import annotations

import re
import unicodedata

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

KV = Namespace("https://w3id.org/kamervragen/def#")
SDO = Namespace("https://schema.org/")
JUNK = re.compile(r"Postbus \d+|Onze referentie|Ons kenmerk|Bij beantwoording|Retouradres|Pagina \d+ van \d+")

Result = tuple[str, bool, str]  # field, right, what was expected and found


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u2013", "-"),
                 ("\u2014", "-"), ("\u00ad", "")):
        text = text.replace(a, b)
    return re.sub(r"\s+", " ", text).strip()


def words(name: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", norm(name).lower().replace("&", " en "))
    plain = "".join(c if c.isalnum() or c.isspace() else " " for c in decomposed if not unicodedata.combining(c))
    return plain.split()


def same_name(expected: str, produced: str) -> bool:
    e, p = words(expected), words(produced)
    if not e or not p:
        return False
    short, long_ = (e, p) if len(e) <= len(p) else (p, e)
    return long_[-len(short):] == short


def same_office(expected: str, produced: str) -> bool:
    def key(label: str) -> str:
        w = words(label)
        return "".join(w[1:] if w[:1] in (["de"], ["het"]) else w)

    return key(expected) == key(produced)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", norm(text))


def text_match(text: str, first: str | None, last: str | None) -> bool:
    t = squash(text)
    return (not first or t.startswith(squash(first))) and (not last or t.endswith(squash(last)))


def url_key(url: str) -> str:
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    return re.sub(r"^www\.", "", url).replace("-", "").rstrip("/")


def _names(g: Graph, node: object) -> list[str]:
    return [norm(str(o)) for p in (SDO.name, RDFS.label) for o in g.objects(node, p)]  # type: ignore[arg-type]


def _pair(expected: list[str], produced: list[tuple[object, list[str]]], same) -> list[object | None]:  # noqa: ANN001
    """Each expected name with a different produced node: exact names first, then the looser relation."""
    produced = sorted(produced, key=lambda item: str(item[0]))
    used: set[object] = set()
    pairs: list[object | None] = [None] * len(expected)
    for relation in (lambda a, b: words(a) == words(b), same):
        for i, name in enumerate(expected):
            if pairs[i] is None:
                hit = next((n for n, labels in produced if n not in used and any(relation(name, x) for x in labels)),
                           None)
                if hit is not None:
                    used.add(hit)
                    pairs[i] = hit
    return pairs


def _dates(g: Graph, subjects: set, prop: URIRef) -> set[str]:
    return {str(o) for s in subjects for o in g.objects(s, prop) if isinstance(o, Literal) and o.datatype == XSD.date}


def compare(exp: dict, g: Graph | None) -> list[Result]:
    """(field, right, detail) for every annotated field; a missing graph gets every field wrong."""
    g = g if g is not None else Graph()
    out: list[Result] = []
    letters = set(g.subjects(RDF.type, KV.AnswerLetter))
    sets = set(g.subjects(RDF.type, KV.WrittenQuestions))
    out.append(("doc_kind", bool(letters), "expected an answer letter"))
    ids = {norm(str(o)) for s in sets for o in g.objects(s, DCTERMS.identifier)}
    zaken = {i for i in ids if re.fullmatch(r"\d{4}Z\d{5}", i)}
    out.append(("zaak", zaken == ({exp["zaak"]} if exp["zaak"] else set()), f"expected {exp['zaak']}, got {zaken}"))
    got = _dates(g, sets, DCTERMS.dateSubmitted)
    want = {exp["submitted"]} if exp["submitted"] else set()
    out.append(("submitted", got == want, f"expected {exp['submitted']}, got {sorted(got)}"))
    got = _dates(g, letters, DCTERMS.issued)
    out.append(("answered", exp["answered"] in got, f"expected {exp['answered']}, got {sorted(got)}"))
    _people(exp, g, sets, letters, out)
    questions = _questions(exp, g, out)
    answer_of = _answers(exp, g, questions, out)
    _footnotes(exp, g, questions, answer_of, letters, out)
    return out


def _people(exp: dict, g: Graph, sets: set, letters: set, out: list[Result]) -> None:
    askers = [(p, _names(g, p)) for s in sets for p in g.objects(s, KV.askedBy)]
    for asker, node in zip(exp["askers"], _pair([a["name"] for a in exp["askers"]], askers, same_name), strict=True):
        out.append(("asker", node is not None, f"{asker['name']} not among {[n for _, n in askers]}"))
        parties = [n for party in (g.objects(node, SDO.memberOf) if node is not None else []) for n in _names(g, party)]
        out.append(("asker_party", any(same_office(asker["party"], p) for p in parties), f"{asker} {parties}"))
    answerers = [(p, _names(g, p)) for d in letters for p in g.objects(d, KV.answeredBy)]
    signatures = [(g.value(s, KV.signatory), [n for o in g.objects(s, KV.office) for n in _names(g, o)])
                  for d in letters for s in g.objects(d, KV.signature)]
    people = exp["answered_by"]
    for person, node in zip(people, _pair([p["name"] for p in people], answerers, same_name), strict=True):
        out.append(("answered_by", node is not None, f"{person['name']} not among {[n for _, n in answerers]}"))
        held = [o for who, offices in signatures if who == node for o in offices] if node is not None else []
        out.append(("answered_by_office", any(same_office(person["office"], o) for o in held),
                    f"{person['name']}: {held}, expected {person['office']}"))
    extra = len(answerers) - len(people)
    out.append(("signatory_count", extra == 0, f"expected {len(people)} signatories, got {len(answerers)}"))
    behalf = [(o, _names(g, o)) for d in letters for o in g.objects(d, KV.onBehalfOf)]
    wanted = [c["office"] for c in exp["co_answered_by"]]
    for label, node in zip(wanted, _pair(wanted, behalf, same_office), strict=True):
        out.append(("co_answered_by", node is not None, f"{label} not among {[n for _, n in behalf]}"))
    if not wanted:
        out.append(("co_answered_by", not behalf, f"expected none, got {[n for _, n in behalf]}"))


def _questions(exp: dict, g: Graph, out: list[Result]) -> dict[int, object]:
    questions: dict[int, object] = {}
    for q in g.subjects(RDF.type, KV.Question):
        pos = g.value(q, SDO.position)
        if pos is not None and str(pos).isdigit():
            questions.setdefault(int(pos), q)
    out.append(("question_count", len(questions) == len(exp["questions"]),
                f"expected {len(exp['questions'])}, got {len(questions)}"))
    for eq in exp["questions"]:
        q = questions.get(eq["number"])
        text = str(g.value(q, SDO.text) or "") if q is not None else ""  # type: ignore[arg-type]
        out.append(("question_text", q is not None and text_match(text, eq["first"], eq["last"]),
                    f"Q{eq['number']}: expected '{eq['first']} … {eq['last']}', got '{norm(text)}'"))
        junk = JUNK.search(text)
        out.append(("clean_text", not junk, f"Q{eq['number']} holds '{junk and junk.group(0)}'"))
    return questions


def _answers(exp: dict, g: Graph, questions: dict[int, object], out: list[Result]) -> dict[int, object]:
    number_of = {q: n for n, q in questions.items()}
    produced: dict[frozenset, object] = {}
    answer_of: dict[int, object] = {}
    for a in g.subjects(RDF.type, KV.Answer):
        key = frozenset(number_of.get(q) for q in g.objects(a, KV.answers))
        produced[key] = a
        for n in key:
            if n is not None:
                answer_of.setdefault(n, a)
    out.append(("answer_count", len(produced) == len(exp["answers"]),
                f"expected {len(exp['answers'])}, got {len(produced)}: {sorted(sorted(k) for k in produced)}"))
    for ea in exp["answers"]:
        key = frozenset(ea["questions"])
        a = produced.get(key)
        text = str(g.value(a, SDO.text) or "") if a is not None else ""  # type: ignore[arg-type]
        out.append(("answer_grouping", a is not None, f"no answer to exactly questions {sorted(key)}"))
        out.append(("answer_text", a is not None and text_match(text, ea["first"], ea["last"]),
                    f"A{sorted(key)}: expected '{ea['first']} … {ea['last']}', got '{norm(text)}'"))
        junk = JUNK.search(text)
        out.append(("clean_text", not junk, f"A{sorted(key)} holds '{junk and junk.group(0)}'"))
    return answer_of


def _footnotes(exp: dict, g: Graph, questions: dict, answer_of: dict, letters: set, out: list[Result]) -> None:
    for fn in exp["footnotes"]:
        kind, _, n = fn["cited_in"].partition(" ")
        place = questions.get(int(n)) if kind == "question" else answer_of.get(int(n)) if kind == "answer" \
            else next(iter(letters | set(g.subjects(RDF.type, KV.WrittenQuestions))), None)
        notes = list(g.objects(place, DCTERMS.references)) if place is not None else []
        mine = [x for x in notes if str(g.value(x, KV.footnoteNumber)) == str(fn["number"])]
        out.append(("footnote_placement", bool(mine), f"footnote {fn['number']} not referenced from {fn['cited_in']}"))
        everywhere = {url_key(str(u)) for x in g.objects(None, DCTERMS.references) for u in g.objects(x, SDO.url)}
        if fn["url"]:
            out.append(("footnote_url", url_key(fn["url"]) in everywhere, f"{fn['url']} not among {everywhere}"))
    numbers = {str(g.value(x, KV.footnoteNumber)) for x in g.objects(None, DCTERMS.references)}
    numbers.discard("None")
    out.append(("footnote_count", len(numbers) == len(exp["footnotes"]),
                f"expected {len(exp['footnotes'])} footnotes, got {sorted(numbers)}"))
