"""Statistics (site.stats, site.charts): the figures per ministry, party and year on invented cases counted by
hand, and charts that show them without scripts, with a title and description and the numbers beside them."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from test_lists import BOS, DE_VRIES, DEF, FIN, _answer, _views

from converter.site.charts import bar_chart
from converter.site.page import render_page
from converter.site.stats import by_year, collect_groups, figures, group_page, overview_page, stats_units
from converter.site.viewtypes import SiteInput

SVG = "{http://www.w3.org/2000/svg}"


def test_figures_per_ministry_and_party_count_cases_once() -> None:
    overall, groups = collect_groups(_views(), {})
    assert figures(overall.cases).asked == 4  # the delay notice and the answer of 2025Z00003 are one case
    defence = next(g for g in groups["ministerie"] if g.name == "Ministerie van Defensie")
    f = figures(defence.cases)
    assert (f.asked, f.answered, f.median_days) == (2, 2, 49.5)  # 43 and 56 days
    assert f.late_share == 0.5 and f.judged == 2  # 43 days late; 56 days after a delay notice is not
    sp = next(g for g in groups["partij"] if g.name == "SP")
    f = figures(sp.cases)
    assert (f.asked, f.answered, f.median_days, f.late_share) == (3, 3, 43, 1 / 3)  # 21, 43, 56 days


def test_by_year_counts_asked_and_unanswered_cases() -> None:
    views = (*_views(), _answer("2025Z00010", "2025-02-03", "", [DE_VRIES], FIN) | {"issued": None})
    years = by_year(collect_groups(tuple(sorted(views, key=lambda v: v["graph"])), {})[0].cases)
    assert list(years) == ["2024", "2025"]
    assert (years["2025"].asked, years["2025"].answered, years["2025"].median_days) == (2, 1, 56)
    assert (years["2024"].asked, years["2024"].median_days, years["2024"].late_share) == (3, 21, 1 / 3)


def test_a_chart_is_svg_with_title_description_and_a_bar_per_value() -> None:
    html = bar_chart("c", "Dagen per jaar", "De mediaan per jaar.", [("2024", [21.0]), ("2025", [None])], ["dagen"],
                     reference=(21, "termijn"))
    svg = ElementTree.fromstring(re.search(r"<svg.*</svg>", html, re.S).group(0))  # type: ignore[union-attr]
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c-t c-d"
    assert svg.find(f"{SVG}title").text == "Dagen per jaar" and svg.find(f"{SVG}desc").text == "De mediaan per jaar."
    bars = svg.findall(f"{SVG}rect")
    assert [float(b.get("width")) for b in bars] == [400 - 64, 0.0]  # the longest bar fills the room; none drawn
    texts = [t.text for t in svg.findall(f"{SVG}text")]
    assert texts == ["2024", "21", "2025", "—"]
    assert "<figcaption>Dagen per jaar</figcaption>" in html


def test_the_pages_show_each_chart_with_its_numbers_in_a_table() -> None:
    overall, groups = collect_groups(_views(), {})
    page = render_page(overview_page(overall, groups)).decode("utf-8")
    assert page.count('class="chart" id=') == 6  # by year: asked and days; per ministry and per party: days, late
    row = re.search(r'<tr><th scope="row"><a href="ministerie/mnre1034/index.html">Ministerie van Defensie</a>'
                    r"</th>(.*?)</tr>", page).group(1)  # type: ignore[union-attr]
    assert re.findall(r"<td>(.*?)</td>", row) == ["2", "2", "49,5", "50 % van 2"]
    defence = next(g for g in groups["ministerie"] if g.folder.endswith("mnre1034"))
    own = render_page(group_page(defence)).decode("utf-8")
    assert own.count('class="chart" id=') == 2 and "<caption>Per jaar: Ministerie van Defensie</caption>" in own
    assert "<script" not in own.split("</head>", 1)[1]


def test_a_new_letter_re_renders_only_the_statistics_it_counts_in() -> None:
    base = "https://w3id.org/kamervragen/id/"
    before = {u.name: u.key for u in stats_units(SiteInput(_views(), {}, base, ()))}
    views = tuple(sorted([*_views(), _answer("2025Z00011", "2025-03-03", "2025-03-10", [BOS], DEF)],
                         key=lambda v: v["graph"]))
    after = {u.name: u.key for u in stats_units(SiteInput(views, {}, base, ()))}
    assert sorted(n for n in after if before.get(n) != after[n]) == [
        "stats", "stats/statistiek/ministerie/mnre1034", "stats/statistiek/partij/p-sp"]
