"""Search, lists and statistics in a real browser: our letters published, served on loopback, and opened in
headless Chromium driven over the DevTools pipe (tests/cdp.py), as a person would use them: type a word and see
the matching question, pick a ministry's list, see a chart, on a phone and on a desktop.

Set KV_SCREENSHOTS=DIR to keep a screenshot of each page at 390 and 1280 px there."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cdp import Browser
from click.testing import CliRunner

from converter.cli import main

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures" / "publish"
EXAMPLES = Path(__file__).parents[1] / "examples" / "letters"
LETTERS = [*sorted(p for p in FIXTURES.glob("*.txt") if p.name != "boodschappen.txt"), EXAMPLES]
LETTER_PAGE = "aanhangsel/ah-tk-20232024-9101/index.html"
RESULT_LINKS = "Array.from(document.querySelectorAll('#search a')).map(a => a.getAttribute('href'))"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Our letters published and served on a loopback port; yields the site's root URL."""
    out = tmp_path_factory.mktemp("site") / "output"
    result = CliRunner().invoke(main, ["publish", *map(str, LETTERS), "--out", str(out)])
    assert result.exit_code == 0, result.output

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("headless Chromium is absent: install Debian's package (apt-get install -y chromium) "
                    "to run the browser tests")
    chromium = Browser(found, tmp_path_factory.mktemp("profile"))
    try:
        yield chromium
    finally:
        chromium.close()


def _fits(browser: Browser, page: str, width: int) -> None:
    """The page does not scroll sideways at this width; its screenshot is kept where asked."""
    scroll, client = browser.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client, f"{page} scrolls sideways at {width} px ({scroll} > {client})"
    keep = os.environ.get("KV_SCREENSHOTS")
    if keep:
        browser.screenshot(Path(keep) / f"{page.replace('/', '_').removesuffix('.html')}-{width}.png")


def test_typing_a_word_finds_the_question_and_opens_it(browser: Browser, site: str) -> None:
    browser.open(site + "zoeken/index.html", 390)
    browser.wait_for("document.querySelector('#search input')")
    browser.type_text("#search input", "garnalenvisser")  # the text says 'garnalenvissers': found by its stem
    browser.wait_for("document.querySelector('#search .pagefind-ui__result a')")
    links = browser.evaluate(RESULT_LINKS)
    assert f"/{LETTER_PAGE}#vraag-2" in links, links
    assert f"/{LETTER_PAGE}#antwoord-2-3" in links, links
    results = browser.evaluate("document.querySelector('#search').innerText")
    assert "Hoeveel garnalenvissers hebben sinds 1 januari 2024 hun vergunning ingeleverd?" in results
    _fits(browser, "zoeken/index.html", 390)
    browser.evaluate("document.querySelector('#search a[href$=\"#vraag-2\"]').click()")
    browser.wait_for("location.hash === '#vraag-2' && document.readyState === 'complete'")
    assert browser.evaluate("location.pathname") == f"/{LETTER_PAGE}"
    question = browser.evaluate("document.getElementById('vraag-2').closest('.qa').innerText")
    assert "garnalenvissers" in question


def test_the_front_page_search_box_leads_to_the_results(browser: Browser, site: str) -> None:
    browser.open(site + "index.html", 1280)
    browser.type_text("#q", "Vlieland")
    browser.evaluate("document.getElementById('zoeken').submit()")
    browser.wait_for("location.pathname.endsWith('/zoeken/index.html') && "
                     "document.querySelector('#search .pagefind-ui__result a')")
    assert browser.evaluate("new URLSearchParams(location.search).get('q')") == "Vlieland"
    assert any("ah-tk-20232024-9001" in link for link in browser.evaluate(RESULT_LINKS))
    _fits(browser, "zoeken/index.html", 1280)


def test_a_ministry_list_shows_only_its_letters_without_scripts(browser: Browser, site: str) -> None:
    for width in (390, 1280):
        browser.open(site + "lijsten/index.html", width)
        _fits(browser, "lijsten/index.html", width)
    browser.evaluate("Array.from(document.querySelectorAll('#ministerie ~ ul a'))"
                     ".find(a => a.textContent === 'Ministerie van Infrastructuur en Waterstaat').click()")
    browser.wait_for("location.pathname.includes('/lijsten/ministerie/') && document.readyState === 'complete'")
    entries = browser.evaluate("Array.from(document.querySelectorAll('li.entry')).map(li => li.innerText)")
    assert entries and all("Ministerie van Infrastructuur en Waterstaat" in e for e in entries), entries
    dated = [e for e in entries if "ingezonden" in e and "beantwoord" in e]
    assert dated and all(" dagen" in e for e in dated), entries  # days taken wherever both dates are known
    _fits(browser, "lijsten/ministerie.html", 1280)
    assert browser.evaluate("document.querySelectorAll('script:not([type])').length") == 0


def test_statistics_charts_are_drawn_and_fit_a_phone(browser: Browser, site: str) -> None:
    for width in (390, 1280):
        browser.open(site + "statistiek/index.html", width)
        charts = browser.evaluate("Array.from(document.querySelectorAll('svg.chart')).map(s => {"
                                  "const r = s.getBoundingClientRect(); return {w: r.width, h: r.height, "
                                  "bars: s.querySelectorAll('rect').length, "
                                  "title: s.querySelector('title').textContent, "
                                  "font: parseFloat(getComputedStyle(s.querySelector('text')).fontSize) * r.width / "
                                  "s.viewBox.baseVal.width}})")
        assert len(charts) == 6, charts
        for chart in charts:
            assert 0 < chart["w"] <= width and chart["h"] > 40 and chart["bars"] >= 1, chart
            assert chart["font"] >= 10, f"chart text is {chart['font']:.1f} px at {width} px: {chart['title']}"
        assert browser.evaluate("document.querySelectorAll('table.data tbody tr').length") >= 4
        _fits(browser, "statistiek/index.html", width)
