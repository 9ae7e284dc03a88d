"""One HTML page: the layout every page shares, escaping, links between pages and the embedded JSON-LD.

Pages are plain HTML with inline CSS: no scripts but the JSON-LD data island, no external assets, readable
on a phone. Links are relative and name index.html, so the site works from any static host or from disk."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import posixpath
import re
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..iri import page_folder
from ..publish import serialize_graph

# pages of h16-search's modules (lists, statistics), linked from every page's header where they are built
NAV_EXTRA: tuple[tuple[str, str], ...] = tuple(
    (folder, text) for module, folder, text in (("lists", "lijsten", "Lijsten"), ("stats", "statistiek", "Statistiek"))
    if importlib.util.find_spec(f"{__package__}.{module}") is not None)
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
CSS = """
:root{color-scheme:light dark;--line:#8884;--soft:#8881}
body{font:1rem/1.55 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:74rem;margin:0 auto;
padding:0 1rem 2rem}
header{border-bottom:1px solid var(--line);padding:.6rem 0;margin-bottom:1rem}
header a{margin-right:1.2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.4rem 0}
h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}
a{color:#0b57a4}
@media (prefers-color-scheme:dark){a{color:#7db7ff}}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.meta dt{font-weight:600}
dl.meta dd{margin:0}
@media (max-width:36rem){dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:.4rem}}
.qa{display:grid;grid-template-columns:1fr;gap:.4rem 1.5rem;border-top:1px solid var(--line);padding:.8rem 0}
@media (min-width:48rem){.qa{grid-template-columns:1fr 1fr}}
.qa .a{background:var(--soft);padding:0 .8rem;border-radius:.3rem}
.label{font-weight:600;margin:.3rem 0 0}
.none{font-style:italic}
.notes{font-size:.9rem}
ul.letters li{margin:.3rem 0}
code,.iri{font-size:.85rem}
a,code,.iri,.notes,dd{overflow-wrap:anywhere}
.qa>div,dl.meta>dd{min-width:0}
.kicker{margin:.8rem 0 0;font-size:.9rem;text-transform:uppercase;letter-spacing:.04em;opacity:.75}
.late{display:inline-block;background:#b3261e;color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.85rem;
font-weight:600}
.ontime{display:inline-block;background:#1e6b34;color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.85rem}
.delayed{display:inline-block;background:#8a5a00;color:#fff;border-radius:.25rem;padding:0 .4rem;font-size:.85rem}
ul.entries{list-style:none;padding:0}
ul.entries li{border-top:1px solid var(--line);padding:.5rem 0}
.entry-meta{display:block;font-size:.9rem}
.table-wrap{overflow-x:auto;max-width:100%}
table.data{border-collapse:collapse;font-size:.9rem;margin:.5rem 0}
table.data th,table.data td{border:1px solid var(--line);padding:.2rem .5rem;text-align:left;vertical-align:top}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0}
form.search input[type=search]{flex:1 1 14rem;font-size:1.1rem;padding:.5rem}
form.search button{font-size:1rem;padding:.5rem 1rem}
footer{margin-top:3rem;border-top:1px solid var(--line);font-size:.9rem;padding-top:.6rem}
""".strip()


@dataclass
class Page:
    """A page in the making: where it goes, its title, its body HTML and the RDF it describes."""

    folder: str  # "" for the site root, "zaak/2025Z09558" for a resource
    title: str
    body: str
    data: Graph | None = None  # written beside the page as index.ttl and index.jsonld, and embedded
    iri: str | None = None
    alternates: tuple[str, str] | None = None  # (turtle href, json-ld href) when not index.ttl/index.jsonld
    extra: dict[str, bytes] = field(default_factory=dict)
    island: dict | None = None  # a JSON-LD document embedded in the page where it has no data graph


def esc(text: object) -> str:
    """Text made safe for HTML content and attribute values."""
    return html.escape(str(text), quote=True)


def href(from_folder: str, to_folder: str, anchor: str = "", file: str = "index.html") -> str:
    """A relative link from one page folder to another page (its index.html), with an optional anchor."""
    target = posixpath.join(to_folder, file) if to_folder else file
    rel = posixpath.relpath(target, from_folder or ".")
    return esc(rel + (f"#{anchor}" if anchor else ""))


def folder_of(iri: object, base: str) -> str | None:
    """The page folder of an IRI under the base ("zaak/2025Z09558"), or None where it can have no page."""
    return page_folder(iri, base)


def date_text(value: object) -> str:
    """A date as Dutch readers write it: 9 juli 2025."""
    if isinstance(value, Literal):
        value = value.toPython()
    if isinstance(value, dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return str(value)


def paragraphs(text: str) -> str:
    """Text with blank-line paragraphs as <p> elements, single line breaks kept."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in parts)


def web_link(url: object) -> str:
    """A link to an http(s) address; anything else is shown as text, never as a link."""
    text = str(url)
    if re.match(r"^https?://", text):
        return f'<a href="{esc(text)}" rel="external noopener">{esc(text)}</a>'
    return esc(text)


def json_island(jsonld: bytes) -> str:
    """JSON-LD made safe to embed in a <script> element: no '<', '>' or '&' left (all escaped as \\uXXXX)."""
    text = json.dumps(json.loads(jsonld), ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def page_files(page: Page) -> dict[str, bytes]:
    """The files of a page: index.html, and its data as Turtle and JSON-LD beside it."""
    files = {posixpath.join(page.folder, name): data for name, data in page.extra.items()}
    jsonld = None
    if page.data is not None:
        jsonld = serialize_graph(page.data, "jsonld")
        if page.alternates is None:
            files[posixpath.join(page.folder, "index.ttl")] = serialize_graph(page.data, "ttl")
            files[posixpath.join(page.folder, "index.jsonld")] = jsonld
    files[posixpath.join(page.folder, "index.html")] = render_page(page, jsonld)
    return files


def island_files(page: Page) -> dict[str, bytes]:
    """The files of a page rendered from views: index.html only (its data files are written beside it)."""
    files = {posixpath.join(page.folder, name): data for name, data in page.extra.items()}
    files[posixpath.join(page.folder, "index.html")] = render_page(page)
    return files


def render_page(page: Page, jsonld: bytes | None = None) -> bytes:
    """The whole HTML document of a page, with its JSON-LD (if any) embedded."""
    root = posixpath.relpath(".", page.folder or ".")
    home = esc(posixpath.join(root, "index.html"))
    ontology = esc(posixpath.join(root, "ontology", "index.html"))
    ttl, ld = page.alternates or (("index.ttl", "index.jsonld") if page.data is not None else (None, None))
    head = ['<!DOCTYPE html>', '<html lang="nl">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(page.title)} · Kamervragen</title>"]
    if ttl and ld:
        head.append(f'<link rel="alternate" type="text/turtle" href="{esc(ttl)}">')
        head.append(f'<link rel="alternate" type="application/ld+json" href="{esc(ld)}">')
    head.append(f"<style>{CSS}</style>")
    if jsonld is not None or page.island is not None:
        island = json_island(jsonld) if jsonld is not None else json_island(json.dumps(page.island).encode())
        head.append(f'<script type="application/ld+json">\n{island}\n</script>')
    head.append("</head>")
    iri = f'<p class="iri">IRI: <code>{esc(page.iri)}</code></p>' if page.iri else ""
    data_links = f' · <a href="{esc(ttl)}">Turtle</a> · <a href="{esc(ld)}">JSON-LD</a>' if ttl and ld else ""
    downloads = esc(posixpath.join(root, "downloads", "index.html"))
    extra = "".join(f'<a href="{esc(posixpath.join(root, folder, "index.html"))}">{esc(text)}</a>'
                    for folder, text in NAV_EXTRA)
    body = [f'<body><header><nav><a href="{home}">Kamervragen</a>{extra}'
            f'<a href="{downloads}">Downloads</a><a href="{ontology}">Ontologie</a></nav>'
            f"</header>", f"<main>\n{page.body}\n</main>",
            f'<footer>{iri}<p>Gegevens: CC0{data_links} · <a href="{downloads}">downloads</a></p>'
            "</footer>",
            "</body>", "</html>", ""]
    return "\n".join(head + body).encode("utf-8")


def link_to(from_folder: str, target: object, base: str, text: str, anchor: str = "") -> str:
    """A link to the page of an IRI under the base, or the plain text where it has no page."""
    folder = folder_of(target, base)
    if folder is None:
        return esc(text)
    return f'<a href="{href(from_folder, folder, anchor)}">{esc(text)}</a>'


def is_iri(node: object) -> bool:
    """Whether a node is an IRI (not a literal or blank node)."""
    return isinstance(node, URIRef)
