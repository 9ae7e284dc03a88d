"""One case's pages from its letters' views: the zaak page, each letter's page (questions beside their answers,
days taken and a late mark, official links, the source, tables as tables) and the pages forwarding the IRIs of
its questions, answers, footnotes, signatures and source to their place."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .entries import KIND_NAMES, day_text, doc_name, late_mark, named, person_name
from .page import Page, esc, folder_of, href, island_files, paragraphs, web_link
from .viewtypes import AnswerView, CaseFacts, FootnoteView, LetterView, OfficeRef, QuestionView, TableView
from .zaakdata import zaak_data_files

SCHEMA_CONTEXT = {"schema": "https://schema.org/", "kv": "https://w3id.org/kamervragen/def#",
                  "dcterms": "http://purl.org/dc/terms/"}


@dataclass(frozen=True)
class Case:
    """What a case's pages are rendered from (all of it goes into the unit's key)."""

    zaak: str
    views: tuple[LetterView, ...]  # sorted by graph IRI
    facts: CaseFacts
    names: Mapping[str, str]
    letters: Mapping[str, tuple[str, str]]  # IRI of a letter or zaak of the dataset it cites -> (page, name)
    cited_in: Mapping[str, tuple[tuple[str, str], ...]]  # its letters' and zaak's IRI -> (page, name) citing it
    base: str


def case_files(case: Case) -> dict[str, bytes]:
    """Every file of the case: its pages and forwarding pages (the letters' data files are written apart)."""
    best = _best(case)
    own = not any(v["doc"] == case.zaak for v in case.views)  # else the questions' own letter is the zaak page
    files = zaak_data_files(case.zaak, best["zaak_page"], best, case.views) if own else {}
    pages = [zaak_page(case)] if own else []
    pages += [letter_page(case, v) for v in case.views]
    for page in pages:
        files.update(island_files(page))
    folders = {p.folder for p in pages}
    data = {v["page"]: v["data_files"] for v in case.views}
    data.setdefault(best["zaak_page"], {"ttl": posixpath.join(best["zaak_page"], "index.ttl"),
                                        "jsonld": posixpath.join(best["zaak_page"], "index.jsonld")})
    for view in case.views:
        for iri in view["parts"]:
            folder = folder_of(iri, case.base)
            if folder is None or folder in folders:
                continue
            owner = max((f for f in folders if folder.startswith(f + "/")), key=len, default=view["page"])
            steps = folder[len(owner):].strip("/").split("/")[:2] if folder.startswith(owner + "/") else []
            anchor = "-".join(steps) if steps and steps[0] in ("vraag", "antwoord") else "bron"
            if "/ondertekening/" in folder:
                anchor = "ondertekend"
            files.setdefault(posixpath.join(folder, "index.html"),
                             forward(folder, owner, anchor, iri, data.get(owner, view["data_files"])))
    return files


def _best(case: Case) -> LetterView:
    """The view whose questions the zaak page shows: an answer letter's (texts as answered), else any."""
    order = {"AnswerLetter": 0, "WrittenQuestions": 1, "DelayNotice": 2}
    return min(case.views, key=lambda v: (order[v["kind"]], v["graph"]))


def zaak_page(case: Case) -> Page:
    """The page of a set of written questions with the answers of every letter answering them."""
    best = _best(case)
    folder = best["zaak_page"]
    rows = _zaak_rows(case, best, folder, link_self=False)
    rows.append(("Brieven", "<br>".join(
        f'<a href="{href(folder, v["page"])}">{esc(KIND_NAMES[v["kind"]])} {esc(doc_name(v))}</a>'
        + (f" ({esc(day_text(v['issued']))})" if v["issued"] else "") for v in _dated(case.views))))
    rows += _case_rows(case)
    rows.append(("Geciteerd in", _cited_in(case, case.zaak, folder)))
    answers = [a for v in case.views if v["kind"] == "AnswerLetter" for a in v["answers"]]
    notes = _by_number(case.views)
    parts = [f'<p class="kicker">Schriftelijke vragen {esc(best["zaak_number"] or "")}</p>',
             f"<h1>{esc(best['title'])}</h1>", _meta(rows),
             '<h2 id="vragen-en-antwoorden">Vragen en antwoorden</h2>',
             qa_blocks(best["questions"], answers, notes, case, folder)]
    own = {"ttl": posixpath.join(folder, "index.ttl"), "jsonld": posixpath.join(folder, "index.jsonld")}
    return _page(case, folder, best["title"], parts, case.zaak, best, own)


def letter_page(case: Case, view: LetterView) -> Page:
    """The page of an answer letter, a delay notice, or of questions published alone."""
    folder = view["page"]
    rows = _zaak_rows(case, view, folder, link_self=view["doc"] != case.zaak) + _letter_rows(case, view, folder)
    rows += _case_rows(case)
    rows.append(("Officiële publicatie", _official(view)))
    rows.append(("Bron", _source(view)))
    rows.append(("Geciteerd in", _cited_in(case, view["doc"], folder)))
    notes = _by_number([view])
    parts = [f'<p class="kicker">{esc(KIND_NAMES[view["kind"]])} {esc(doc_name(view))}</p>',
             f"<h1>{esc(view['title'])}</h1>", _meta(rows)]
    if view["kind"] != "DelayNotice":
        parts += ['<h2 id="vragen-en-antwoorden">Vragen en antwoorden</h2>',
                  qa_blocks(view["questions"], view["answers"], notes, case, folder)]
    letter_notes = _own(view["doc"], view["letter_footnotes"], notes)
    if letter_notes:
        parts += ["<h2>Voetnoten bij de brief</h2>", _notes(letter_notes, case, folder)]
    return _page(case, folder, view["title"], parts, view["doc"], view, view["data_files"])


def _page(case: Case, folder: str, title: str, parts: list[str], iri: str, view: LetterView,
          data: Mapping[str, str]) -> Page:
    ttl, ld = (posixpath.relpath(data[k], folder or ".") for k in ("ttl", "jsonld"))
    island = {"@context": SCHEMA_CONTEXT, "@graph": [
        {"@id": iri, "@type": f"kv:{view['kind'] if iri == view['doc'] else 'WrittenQuestions'}",
         "dcterms:title": view["title"], "schema:isPartOf": {"@id": view["zaak"]}}]}
    return Page(folder=folder, title=title, body="\n".join(p for p in parts if p), iri=iri, alternates=(ttl, ld),
                island=island)


def _dated(views: tuple[LetterView, ...]) -> list[LetterView]:
    return sorted((v for v in views if v["doc"] != v["zaak"]), key=lambda v: (v["issued"] or "9999", v["doc"]))


def _meta(rows: list[tuple[str, str]]) -> str:
    return '<dl class="meta">' + "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows if v) + "</dl>"


def _link(folder: str, page: str | None, text: str) -> str:
    return f'<a href="{href(folder, page)}">{esc(text)}</a>' if page is not None else esc(text)


def _zaak_rows(case: Case, view: LetterView, folder: str, link_self: bool) -> list[tuple[str, str]]:
    ident = view["zaak_number"] or "de schriftelijke vragen"  # a zaak the letter gives no number for
    askers = ", ".join(_link(folder, m["page"], person_name(m, case.names))
                       + (f" ({_link(folder, m['party']['page'], named(m['party'], case.names))})"
                          if m["party"] else "") for m in view["askers"])
    return [("Zaak", _link(folder, view["zaak_page"], ident) if link_self else esc(ident)),
            ("Ingezonden", esc(day_text(case.facts.submitted or view["submitted"]))),
            ("Gesteld door", askers),
            ("Gericht aan", _offices(view["addressees"], case, folder))]


def _offices(offices: list[OfficeRef], case: Case, folder: str) -> str:
    return ", ".join(_link(folder, o["page"], named(o, case.names)) for o in offices)


def _letter_rows(case: Case, view: LetterView, folder: str) -> list[tuple[str, str]]:
    signed = []
    for sig in view["signatures"]:
        person, office = sig["person"], sig["office"]
        text = _link(folder, person["page"], person_name(person, case.names)) if person else ""
        if office:
            text += (", " if text else "") + _link(folder, office["page"], named(office, case.names))
        signed.append(text)
    delay = view["delay_notice"]
    return [("Datum", esc(day_text(view["issued"]))),
            ("Ondertekend door", f'<span id="ondertekend">{"<br>".join(signed)}</span>' if signed else ""),
            ("Mede namens", _offices(view["on_behalf_of"], case, folder)),
            ("Kenmerken", ", ".join(esc(i) for i in view["identifiers"])),
            ("Eerder uitstelbericht", _cite(delay, case, folder) if delay else "")]


def _case_rows(case: Case) -> list[tuple[str, str]]:
    f = case.facts
    rows = [("Eerste antwoord", esc(day_text(f.answered)))]
    mark = late_mark(f.days, f.late, f.delay_notice)
    rows.append(("Antwoordtermijn", f'<span class="days">{mark}</span>' if mark else ""))
    return rows


def _official(view: LetterView) -> str:
    names = {"officielebekendmakingen": "officielebekendmakingen.nl", "tweedekamer": "tweedekamer.nl (zaak)"}
    return "<br>".join(f'<a href="{esc(url)}" rel="external noopener">{esc(names.get(k, k))}</a>'
                       for k, url in sorted(view["official"].items()))


def _source(view: LetterView) -> str:
    src = view["source"]
    if src is None:
        return ""
    name = f'<a href="{esc(src["href"])}">{esc(src["name"])}</a>' if src["href"] else esc(src["name"])
    fmt = f" ({esc(src['media_type'])})" if src["media_type"] else ""
    checksum = f'<br><code>sha256 {esc(src["sha256"])}</code>' if src["sha256"] else ""
    return f'<span id="bron">{name}{fmt}{checksum}</span>'


def _cited_in(case: Case, iri: str, folder: str) -> str:
    return "<br>".join(_link(folder, page, name) for page, name in case.cited_in.get(iri, ()))


def qa_blocks(questions: list[QuestionView], answers: list[AnswerView], notes: Mapping[int, list[FootnoteView]],
              case: Case, folder: str) -> str:
    """Each question beside its answer; an answer to several questions appears once, beside all of them."""
    answer_of = {n: a for a in answers for n in a["numbers"]}
    shown: set[str] = set()
    blocks = []
    for q in questions:
        answer = answer_of.get(q["number"])
        if answer is None:
            blocks.append(_block([q], None, notes, case, folder))
        elif answer["iri"] not in shown:
            shown.add(answer["iri"])
            group = [x for x in questions if x["number"] in answer["numbers"]]
            blocks.append(_block(group, answer, notes, case, folder))
    blocks += [_block([], a, notes, case, folder) for a in answers if a["iri"] not in shown and not a["numbers"]]
    return "\n".join(blocks) if blocks else '<p class="none">Geen vragen gevonden.</p>'


def _block(questions: list[QuestionView], answer: AnswerView | None, notes: Mapping[int, list[FootnoteView]],
           case: Case, folder: str) -> str:
    left = [f'<div class="q" id="{esc(q["anchor"])}"><p class="label">Vraag {q["number"]}</p>'
            f"{text_with_tables(q['text'], q['tables'])}{_notes(_own(q['iri'], q['footnotes'], notes), case, folder)}"
            f"{_text_sources(q['cites'], case, folder)}</div>" for q in questions]
    if answer is None:
        right = '<div class="a"><p class="none">Geen antwoord in deze brief.</p></div>'
    else:
        nums = [str(q["number"]) for q in questions]
        heading = "Antwoord op vraag " + (" en ".join([", ".join(nums[:-1]), nums[-1]]) if len(nums) > 1
                                          else (nums[0] if nums else "?"))
        right = (f'<div class="a" id="{esc(answer["anchor"])}"><p class="label">{esc(heading)}</p>'
                 f"{text_with_tables(answer['text'], answer['tables'])}"
                 f"{_notes(_own(answer['iri'], answer['footnotes'], notes), case, folder)}"
                 f"{_text_sources(answer['cites'], case, folder)}</div>")
    return f'<section class="qa"><div>{"".join(left)}</div>{right}</section>'


def _own(owner: str, numbers: list[int], notes: Mapping[int, list[FootnoteView]]) -> list[FootnoteView]:
    """A text's footnotes by number; where two footnotes share a number (numbered per question), the one under
    the text's own IRI."""
    found = []
    for n in numbers:
        candidates = notes.get(n, [])
        mine = [f for f in candidates if f["iri"].startswith(owner + "/")]
        found += (mine or candidates)[:1]
    return found


def _by_number(views: Iterable[LetterView]) -> dict[int, list[FootnoteView]]:
    notes: dict[int, list[FootnoteView]] = {}
    for v in views:
        for n in v["footnotes"]:
            if n["iri"] not in {x["iri"] for x in notes.get(n["number"], [])}:
                notes.setdefault(n["number"], []).append(n)
    return notes


def text_with_tables(text: str, tables: list[TableView]) -> str:
    """A text as paragraphs, each table in it (text[start:end]) shown as a <table>, its header row
    as <thead> where the letter printed one."""
    out, at = [], 0
    for table in sorted(tables, key=lambda t: t["start"]):
        if table["start"] < at or table["end"] > len(text) or table["end"] <= table["start"] or not table["rows"]:
            continue  # not placed, overlapping or out of range: the text as it stands says it all
        out.append(paragraphs(text[at:table["start"]]))
        head, rest = (table["rows"][:1], table["rows"][1:]) if table.get("header") else ([], table["rows"])
        rows = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rest)
        thead = "".join("<thead><tr>" + "".join(f"<th>{esc(c)}</th>" for c in row) + "</tr></thead>" for row in head)
        out.append(f'<div class="table-wrap"><table class="data">{thead}<tbody>{rows}</tbody></table></div>')
        at = table["end"]
    out.append(paragraphs(text[at:]))
    return "".join(out)


def _notes(notes: list[FootnoteView], case: Case, folder: str) -> str:
    if not notes:
        return ""
    items = []
    for n in notes:
        urls = " ".join(web_link(u) for u in n["urls"])
        works = ", ".join(_cite(w, case, folder) for w in n["works"])
        items.append(f'<li id="{esc(n["anchor"])}">[{n["number"]}] {esc(n["text"])}' + (f"<br>{urls}" if urls else "")
                     + (f"<br>Bron: {works}" if works else "") + "</li>")
    return f'<ul class="notes">{"".join(items)}</ul>'


def _text_sources(cites: list[str], case: Case, folder: str) -> str:
    if not cites:
        return ""
    return '<p class="notes">Bronnen in de tekst: ' + ", ".join(_cite(w, case, folder) for w in cites) + "</p>"


def _cite(iri: str, case: Case, folder: str) -> str:
    """A link to a cited letter of the dataset or to a cited work's page."""
    if iri in case.letters:
        page, name = case.letters[iri]
        return _link(folder, page, name)
    work = next((w for v in case.views for w in v["works"] if w["iri"] == iri), None)
    if work is None:
        return esc(iri)
    return _link(folder, work["page"], work["name"])


def forward(folder: str, owner: str, anchor: str, iri: str, data: Mapping[str, str]) -> bytes:
    """A small page forwarding an IRI to the place on its owner's page where it is shown; `data` the owner's
    data files (relative to the site root)."""
    target = href(folder, owner, anchor)
    ttl, jsonld = (esc(posixpath.relpath(data[k], folder or ".")) for k in ("ttl", "jsonld"))
    return (f'<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(iri)}</title>\n"
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<link rel="alternate" type="text/turtle" href="{ttl}">\n'
            f'<link rel="alternate" type="application/ld+json" href="{jsonld}">\n</head>\n'
            f'<body><p><code>{esc(iri)}</code> staat op <a href="{target}">deze pagina</a>.</p></body>\n'
            "</html>\n").encode()
