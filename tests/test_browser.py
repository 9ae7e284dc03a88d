"""The published site in a real browser: output/ served on loopback, pages opened in headless Chromium,
checking what a person sees: the questions, the answers beside them, links that work, pages that fit a
phone."""

from __future__ import annotations

import functools
import html
import json
import re
import shutil
import subprocess
import threading
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from click.testing import CliRunner

from converter.cli import main

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "publish"
LETTERS = sorted(p for p in FIXTURES.glob("*.txt") if p.name != "boodschappen.txt")
LETTER_PAGE = "aanhangsel/ah-tk-20232024-9101/index.html"
TIMEOUT_S = 60
FRAMES = ((LETTER_PAGE, 1000), (LETTER_PAGE, 360), ("index.html", 360), ("zaak/2024Z17001/index.html", 360))
# A page of our own, served only by the test: it shows site pages in frames of a given width and writes what
# the browser computed for each (sideways scrolling, grid columns, question and answer texts, the JSON-LD).
PROBE = """<!DOCTYPE html><html><body>
<script>
var frames = {frames}, results = [], pending = frames.length;
function texts(nodes) {{
  return Array.prototype.map.call(nodes, function (n) {{ return n.innerText; }});
}}
function measure(d) {{
  var qa = d.querySelector(".qa");
  var island = d.querySelector('script[type="application/ld+json"]');
  return {{
    scrollWidth: d.documentElement.scrollWidth, clientWidth: d.documentElement.clientWidth,
    columns: qa ? getComputedStyle(qa).gridTemplateColumns.split(" ").length : 0,
    blocks: Array.prototype.map.call(d.querySelectorAll(".qa"), function (s) {{
      return {{questions: texts(s.querySelectorAll(".q")), answers: texts(s.querySelectorAll(".a"))}};
    }}),
    jsonld: island ? JSON.parse(island.textContent) : null
  }};
}}
frames.forEach(function (f, i) {{
  var frame = document.createElement("iframe");
  frame.style.cssText = "width:" + f[1] + "px;height:800px;border:0";
  frame.addEventListener("load", function () {{
    results[i] = measure(frame.contentDocument);
    if (--pending === 0) {{
      var out = document.createElement("pre");
      out.id = "result";
      out.textContent = JSON.stringify(results);
      document.body.appendChild(out);
    }}
  }});
  frame.src = "/" + f[0];
  document.body.appendChild(frame);
}});
</script></body></html>"""


class Links(HTMLParser):
    """The href of every link in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "link"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium is absent: install Debian's package (apt-get install -y chromium) "
                    "to run the browser tests")
    return found


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Our letters published and served on a loopback port; yields the site's root URL."""
    out = tmp_path_factory.mktemp("site") / "output"
    result = CliRunner().invoke(main, ["publish", *map(str, LETTERS), "--out", str(out)])
    assert result.exit_code == 0, result.output

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep the test output quiet
            pass

        def do_GET(self) -> None:
            if self.path != "/__probe__.html":
                return super().do_GET()
            body = PROBE.format(frames=json.dumps([list(f) for f in FRAMES])).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(out)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def dump_dom(chromium: str, url: str, profile: Path) -> str:
    """The page's DOM after Chromium loaded it."""
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", f"--user-data-dir={profile}", "--dump-dom", url]
    done = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def probed(chromium: str, site: str, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict]:
    """What the browser computed for each page and frame width in FRAMES."""
    dom = dump_dom(chromium, f"{site}__probe__.html", tmp_path_factory.mktemp("profile"))
    match = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert match, f"the probe did not finish: {dom[-1000:]}"
    return dict(zip(FRAMES, json.loads(html.unescape(match.group(1))), strict=True))


def visible_text(dom: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


def assert_links_work(site: str, page: str, dom: str) -> int:
    """Every link on the page that stays on the site answers 200, and every #anchor it names exists."""
    parser = Links()
    parser.feed(dom)
    checked = 0
    for href in parser.hrefs:
        url = urljoin(site + page, href)
        if not url.startswith(site):
            continue
        target, _, anchor = url.partition("#")
        with urllib.request.urlopen(target, timeout=10) as response:
            assert response.status == 200, url
            body = response.read()
        if anchor:
            assert f'id="{anchor}"'.encode() in body, f"{page} links to {url}, which has no element #{anchor}"
        checked += 1
    return checked


def test_index_lists_every_letter_with_working_links(chromium: str, site: str, tmp_path: Path) -> None:
    dom = dump_dom(chromium, site + "index.html", tmp_path / "profile")
    text = visible_text(dom)
    assert "Schriftelijke Kamervragen en antwoorden" in text
    for label in ("ah-tk-20232024-9101", "AH 630", "AH 629", "maart 2024", "december 2024",
                  "Ministerie van Financiën", "Ministerie van Landbouw, Natuur en Voedselkwaliteit"):
        assert label in text, label
    assert assert_links_work(site, "index.html", dom) > 20


def test_letter_page_shows_questions_beside_their_answers(chromium: str, site: str, tmp_path: Path) -> None:
    dom = dump_dom(chromium, site + LETTER_PAGE, tmp_path / "profile")
    text = visible_text(dom)
    assert "Hoeveel garnalenvissers hebben sinds 1 januari 2024 hun vergunning ingeleverd?" in text
    assert "Sinds 1 januari 2024 hebben 14 garnalenvissers hun vergunning ingeleverd." in text
    for who in ("Zeewolde", "PvdD", "Brinkhorst", "D66", "Van der Wal-Hoeve",
                "Staatssecretaris van Infrastructuur en Waterstaat"):
        assert who in text, who
    assert "«Boeren & vissers <samen> tegen de garnalenstop»" in text  # shown as text, not taken as a tag
    assert "<samen>" not in dom
    assert 'href="https://www.visserijnieuws.nl/nieuws/boeren-en-vissers-samen-tegen-de-garnalenstop"' in dom
    assert assert_links_work(site, LETTER_PAGE, dom) > 5


def test_a_grouped_answer_is_shown_once_beside_each_question_it_answers(probed: dict) -> None:
    seen = probed[(LETTER_PAGE, 1000)]
    blocks = seen["blocks"]
    grouped = [b for b in blocks if len(b["questions"]) > 1]
    assert len(grouped) == 1
    [block] = grouped
    assert [q.split("\n")[0] for q in block["questions"]] == ["Vraag 2", "Vraag 3"]
    assert len(block["answers"]) == 1 and block["answers"][0].startswith("Antwoord op vraag 2 en 3")
    answers = [a for b in blocks for a in b["answers"]]
    assert sum("14 garnalenvissers" in a for a in answers) == 1
    assert seen["columns"] == 2, "questions and answers side by side on a wide screen"


def test_pages_fit_a_phone_and_carry_their_json_ld(probed: dict) -> None:
    for (page, width), seen in probed.items():
        assert seen["scrollWidth"] <= seen["clientWidth"], f"{page} scrolls sideways at {width} px"
        assert seen["jsonld"] is not None and isinstance(seen["jsonld"]["@context"], dict), page
    phone = probed[(LETTER_PAGE, 360)]
    assert phone["columns"] == 1, "one column on a phone: each answer under its question"
    ids = {node["@id"] for node in phone["jsonld"]["@graph"]}
    assert "https://w3id.org/kamervragen/id/aanhangsel/ah-tk-20232024-9101" in ids


def test_resource_iris_resolve_on_a_static_host(site: str) -> None:
    """An IRI under the base, asked of the static host, answers with its page or a page that forwards."""
    for path in ("zaak/2024Z17001/", "persoon/olthof/", "zaak/2024Z17001/vraag/2/",
                 "aanhangsel/ah-tk-20232024-9101/antwoord/2-3/"):
        with urllib.request.urlopen(site + path, timeout=10) as response:
            assert response.status == 200, path
            text = response.read().decode("utf-8")
        assert 'rel="alternate" type="text/turtle"' in text, path
    with urllib.request.urlopen(site + "zaak/2024Z17001/vraag/2/", timeout=10) as response:
        forward = response.read().decode("utf-8")
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', forward).group(1)
    resolved = urljoin(site + "zaak/2024Z17001/vraag/2/", html.unescape(target))
    assert urlsplit(resolved).path == "/zaak/2024Z17001/index.html" and resolved.endswith("#vraag-2")
