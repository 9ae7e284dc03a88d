"""Search over every question and answer, the letters' titles and names, on a static host: Pagefind indexes built
at publish time from the views, and a search page (zoeken/) that loads them.

Each letter is one document for Pagefind, made here from its view (no page is parsed back): its subject, numbers,
askers with party, ministries and signatories, then each question and each answer under a heading whose id is
its anchor on the letter's page, so a result lists the questions and answers that match, each opening the
question or answer itself (`<page>/index.html#vraag-2`). Pagefind stems Dutch (Snowball), splits its index into
chunks a query loads only where its words fall, and ships its own script, styles and WebAssembly, written into
the site: nothing is loaded from elsewhere.

The index is split by year (the letter's date), each year a unit of its own (`zoeken/<year>/pagefind/`) whose key
is the hash of its documents; the search page merges them in the browser (Pagefind's mergeIndex), newest first.
A republish that adds this year's letters rebuilds this year's index only."""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping

from ..page import Page, island_files
from ..viewtypes import LetterView, SiteInput, SiteUnit
from .pagefind import Document, build_bundle

FOLDER = "zoeken"  # the search page; front.py's form sends its words here as ?q=
BUNDLE = "pagefind"  # Pagefind's files, in each year's folder under FOLDER
UI = "ui"  # Pagefind's search box (script and styles), once for all years, under FOLDER
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")
# what a year's index needs besides its index files: the engine, its worker and WebAssembly (the UI files and
# Pagefind's other UIs are left out of each year: 0.6 MB a year)
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
UNDATED = "zonder-datum"
KIND_NAMES = {"AnswerLetter": "Antwoord", "DelayNotice": "Uitstelbericht", "WrittenQuestions": "Schriftelijke vragen"}
# the page's own script: Pagefind's UI on the search box over every year's index, results' addresses made relative
# to where the site is served (the documents give them from the site's root), a search started from ?q=
SCRIPT = """
window.addEventListener("DOMContentLoaded", function () {
  var shards = JSON.parse(document.getElementById("shards").textContent);
  var root = new URL("..", window.location.href).pathname;
  var bundle = function (s) { return new URL(s + "/pagefind/", window.location.href).pathname; };
  var ui = new PagefindUI({element: "#search", baseUrl: root, bundlePath: bundle(shards[0]),
    mergeIndex: shards.slice(1).map(function (s) { return {bundlePath: bundle(s), baseUrl: root}; }),
    showImages: false, showSubResults: true, resetStyles: false, pageSize: 10, autofocus: true});
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { ui.triggerSearch(q); }
});
""".strip()


def search_units(site: SiteInput) -> Iterator[SiteUnit]:
    """The search page, and each year's index as a unit of its own."""
    shards = search_documents(site.views, site.names)
    if not shards:
        return
    version = _code_version()
    for year, documents in shards.items():
        digest = hashlib.sha256(version.encode())
        for document in documents:
            digest.update(json.dumps(document, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n")
        yield SiteUnit(f"search/{year}", digest.hexdigest(), _shard_render(year, documents))
    names = list(shards)
    key = hashlib.sha256(json.dumps([version, names]).encode()).hexdigest()
    yield SiteUnit("search", key, lambda: search_page_files(names))


def _shard_render(year: str, documents: list[Document]) -> Callable[[], dict[str, bytes]]:
    return lambda: {posixpath.join(FOLDER, year, BUNDLE, path): data
                    for path, data in build_bundle(documents).items() if _engine_file(path)}


def _engine_file(path: str) -> bool:
    return path in ENGINE_FILES or path.startswith("wasm.") or path.endswith((".pf_meta", ".pf_index",
                                                                              ".pf_fragment", ".pf_filter"))


def search_page_files(shards: list[str]) -> dict[str, bytes]:
    """The search page and Pagefind's search box beside it (taken from the bundle of a one-line index: the same
    binary writes the same files)."""
    sample: Document = {"url": "/", "html": '<html lang="nl"><body><p>kamervragen</p></body></html>'}
    bundle = build_bundle([sample])
    files = {posixpath.join(FOLDER, UI, name): bundle[name] for name in UI_FILES}
    files.update(island_files(search_page(shards)))
    return files


def search_page(shards: list[str]) -> Page:
    """zoeken/index.html: the search box (Pagefind's UI over every year's index), and where to go without
    scripts."""
    body = "\n".join([
        "<h1>Zoeken</h1>",
        "<p>Zoek in de tekst van elke vraag en elk antwoord, in onderwerpen en in namen van Kamerleden, partijen en "
        "ministeries. Woorden worden op hun stam gezocht: <em>visser</em> vindt ook <em>vissers</em>.</p>",
        '<div id="search"></div>',
        '<noscript><p>Zoeken werkt met JavaScript. Zonder: bekijk de <a href="../lijsten/index.html">lijsten</a> '
        "per ministerie, partij, Kamerlid en jaar.</p></noscript>",
        f'<script type="application/json" id="shards">{json.dumps(shards)}</script>',
        f'<link rel="stylesheet" href="{UI}/pagefind-ui.css">',
        f'<script src="{UI}/pagefind-ui.js"></script>',
        f"<script>\n{SCRIPT}\n</script>",
    ])
    return Page(folder=FOLDER, title="Zoeken", body=body)


def search_documents(views: tuple[LetterView, ...], names: Mapping[str, str]) -> dict[str, list[Document]]:
    """Each letter's document, by year (newest year first; undated letters last), letters in graph order. A
    question several letters of its zaak show is indexed once, on the page that shows its answer beside it."""
    shown: dict[str, LetterView] = {}
    for view in views:
        for question in view["questions"]:
            best = shown.get(question["iri"])
            if best is None or (view["kind"] == "AnswerLetter" and best["kind"] != "AnswerLetter"):
                shown[question["iri"]] = view
    shards: dict[str, list[Document]] = defaultdict(list)
    for view in views:
        day = view["issued"] or view["submitted"]
        shards[day[:4] if day else UNDATED].append(letter_document(view, names, shown))
    return {year: shards[year] for year in sorted(shards, key=lambda y: (y == UNDATED, [-ord(c) for c in y]))}


def letter_document(view: LetterView, names: Mapping[str, str], shown: Mapping[str, LetterView]) -> Document:
    """What Pagefind reads of one letter: its heading and names, then a part per question and answer."""
    esc = html.escape
    title = f"{view['title']} ({_name(view)})"
    date = view["issued"] or view["submitted"] or ""
    parts = [f'<h1>{esc(title)}</h1><p data-pagefind-meta="datum:{esc(date)}">'
             f"{esc(KIND_NAMES.get(view['kind'], view['kind']))}. {esc(_letter_words(view, names))}</p>"]
    for question in view["questions"]:
        if shown.get(question["iri"]) is view:
            parts.append(f'<h2 id="{esc(question["anchor"])}">Vraag {question["number"]}</h2>'
                         f"<p>{esc(question['text'])}</p>")
    for answer in view["answers"]:
        label = " en ".join(map(str, answer["numbers"]))
        parts.append(f'<h2 id="{esc(answer["anchor"])}">Antwoord op vraag {esc(label)}</h2>'
                     f"<p>{esc(answer['text'])}</p>")
    page = ('<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
            f"<title>{esc(title)}</title></head><body>{''.join(parts)}</body></html>")
    return {"url": "/" + posixpath.join(view["page"], "index.html"), "html": page}


def _letter_words(view: LetterView, names: Mapping[str, str]) -> str:
    """What a letter is found by besides its text: numbers, askers with party, ministries, signatories."""
    words = [*view["identifiers"], view["zaak_number"] or ""]
    for asker in view["askers"]:
        party = asker["party"]
        words.append(" ".join(filter(None, [asker.get("full_name") or names.get(asker["iri"], asker["name"]),
                                            f"({names.get(party['iri'], party['name'])})" if party else None])))
    for office in [*view["addressees"], *view["signatories"], *view["on_behalf_of"]]:
        words.append(names.get(office["iri"], office["name"]))
        if office["ministry"] is not None:
            words.append(names.get(office["ministry"]["iri"], office["ministry"]["name"]))
    return ". ".join(dict.fromkeys(w for w in words if w))


def _name(view: LetterView) -> str:
    ids = sorted(view["identifiers"], key=lambda i: (not i.lower().startswith(("ah", "20")), i))
    return ids[0] if ids else (view["zaak_number"] or view["doc"].rsplit("/", 1)[-1])


def _code_version() -> str:
    from .. import code_version

    return code_version()
