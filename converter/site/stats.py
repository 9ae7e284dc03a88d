"""Statistics pages: per ministry and per party, questions asked and answered, median days to answer and the share
answered late, overall and by year; each as a small inline SVG chart with a table of the same numbers beside it.

Counted per case (a zaak: its questions and the letters answering them), from the cases' facts (site.cases): a
case is asked in the year its questions were submitted, answered where an answer letter is published, late where
that came more than three weeks later with no delay notice; the median and the share late count only the cases
whose dates are known. A case asked by members of two parties, or addressed to two ministries, counts for each."""

from __future__ import annotations

import posixpath
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ..iri import file_stem
from .cases import case_facts
from .charts import bar_chart
from .entries import ministries, named
from .page import Page, esc, href, island_files
from .viewtypes import LATE_AFTER_DAYS, CaseFacts, LetterView, SiteInput, SiteUnit

FOLDER = "statistiek"
UNKNOWN_YEAR = "onbekend"


@dataclass
class Group:
    """The cases of one ministry or party (or all of them), with where its page is."""

    folder: str
    name: str
    about: str | None  # the ministry's or party's own page
    cases: list[CaseFacts] = field(default_factory=list)


def stats_units(site: SiteInput) -> Iterator[SiteUnit]:
    """The statistics overview and a page per ministry and per party, each a unit keyed by its cases."""
    from . import unit_key

    overall, by_kind = collect_groups(site.views, site.names)
    for groups in by_kind.values():
        for group in groups:
            yield SiteUnit(f"stats/{group.folder}", unit_key("stats", group.folder, group.name, group.about,
                                                            group.cases), _render(group))
    summary = [overall.cases, [[(g.folder, g.name, g.cases) for g in groups] for groups in by_kind.values()]]
    yield SiteUnit("stats", unit_key("stats-overview", summary),
                   lambda: island_files(overview_page(overall, by_kind)))


def _render(group: Group) -> Callable[[], dict[str, bytes]]:
    return lambda: island_files(group_page(group))


def collect_groups(views: tuple[LetterView, ...], names: Mapping[str, str]) -> tuple[Group, dict[str, list[Group]]]:
    """All cases, and the cases of each ministry and party (sorted by name)."""
    facts = case_facts(views)
    overall = Group(FOLDER, "Alle ministeries en partijen", None, list(facts.values()))
    found: dict[str, dict[str, Group]] = {"ministerie": {}, "partij": {}}
    members: dict[str, set[str]] = defaultdict(set)  # group folder -> zaken counted
    for view in views:
        agents = [("ministerie", m) for m in ministries(view)]
        agents += [("partij", a["party"]) for a in view["askers"] if a["party"] is not None]
        for kind, agent in agents:
            key = (agent["page"] or agent["iri"].rstrip("/")).rsplit("/", 1)[-1]
            folder = posixpath.join(FOLDER, kind, file_stem(key))
            group = found[kind].setdefault(folder, Group(folder, named(agent, names), agent["page"]))
            if view["zaak"] not in members[folder]:
                members[folder].add(view["zaak"])
                group.cases.append(facts[view["zaak"]])
    by_kind = {kind: sorted(groups.values(), key=lambda g: (g.name.casefold(), g.folder))
               for kind, groups in found.items()}
    for groups in by_kind.values():
        for group in groups:
            group.cases.sort(key=lambda c: c.zaak)
    return overall, by_kind


@dataclass(frozen=True)
class Figures:
    asked: int
    answered: int
    median_days: float | None
    late_share: float | None  # 0..1 of the cases whose lateness is known
    judged: int


def figures(cases: Iterable[CaseFacts]) -> Figures:
    """The numbers of a set of cases."""
    cases = list(cases)
    days = [c.days for c in cases if c.days is not None]
    judged = [c for c in cases if c.late is not None]
    return Figures(asked=len(cases), answered=sum(1 for c in cases if c.answered),
                   median_days=statistics.median(days) if days else None,
                   late_share=sum(1 for c in judged if c.late) / len(judged) if judged else None, judged=len(judged))


def by_year(cases: Iterable[CaseFacts]) -> dict[str, Figures]:
    """Figures per year the questions were submitted, oldest first (cases without a date last)."""
    years: dict[str, list[CaseFacts]] = defaultdict(list)
    for case in cases:
        years[case.submitted[:4] if case.submitted else UNKNOWN_YEAR].append(case)
    return {y: figures(years[y]) for y in sorted(years, key=lambda y: (y == UNKNOWN_YEAR, y))}


def _percent(share: float | None) -> float | None:
    return None if share is None else round(share * 100, 1)


def _cell(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
    return esc(text + unit)


def table(caption: str, rows: list[tuple[str, Figures]], first: str, links: Mapping[str, str] | None = None) -> str:
    """The numbers beside a chart, as a table."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in
                   (first, "gesteld", "beantwoord", "mediaan dagen", "te laat"))
    body = []
    for label, f in rows:
        name = f'<a href="{links[label]}">{esc(label)}</a>' if links and label in links else esc(label)
        late = "—" if f.late_share is None else f"{_cell(_percent(f.late_share), ' %')} van {f.judged}"
        body.append(f'<tr><th scope="row">{name}</th><td>{f.asked}</td><td>{f.answered}</td>'
                    f"<td>{_cell(f.median_days)}</td><td>{late}</td></tr>")
    return (f'<div class="table-wrap"><table class="data"><caption>{esc(caption)}</caption><thead><tr>{head}</tr>'
            f'</thead><tbody>{"".join(body)}</tbody></table></div>')


def year_section(prefix: str, name: str, cases: list[CaseFacts]) -> str:
    """Charts of one group by year (asked and answered; median days) with the table of the same numbers."""
    years = by_year(cases)
    rows = list(years.items())
    counts = bar_chart(f"{prefix}-aantallen", f"Vragen per jaar: {name}",
                       "Per jaar het aantal zaken met schriftelijke vragen en hoeveel daarvan beantwoord zijn.",
                       [(y, [f.asked, f.answered]) for y, f in rows], ["gesteld", "beantwoord"])
    days = bar_chart(f"{prefix}-dagen", f"Mediaan dagen tot antwoord per jaar: {name}",
                     f"Per jaar de mediaan van het aantal dagen tussen vragen en antwoord; de stippellijn is de "
                     f"termijn van {LATE_AFTER_DAYS} dagen.", [(y, [f.median_days]) for y, f in rows],
                     ["mediaan dagen"], reference=(LATE_AFTER_DAYS, f"termijn: {LATE_AFTER_DAYS} dagen"))
    return (f'<div class="charts">{counts}{days}</div>'
            + table(f"Per jaar: {name}", rows, "jaar"))


def overview_page(overall: Group, by_kind: Mapping[str, list[Group]]) -> Page:
    """statistiek/: all cases by year, then every ministry and party side by side, each linking to its page."""
    total = figures(overall.cases)
    parts = [STYLE, "<h1>Statistiek</h1>",
             f"<p>{total.asked} zaken met schriftelijke vragen, {total.answered} beantwoord; mediaan "
             f"{_cell(total.median_days)} dagen tot het antwoord; {_cell(_percent(total.late_share), ' %')} te laat "
             f"(meer dan {LATE_AFTER_DAYS} dagen zonder uitstelbericht). Zie ook de "
             '<a href="../lijsten/index.html">lijsten</a>.</p>',
             '<h2 id="per-jaar">Per jaar</h2>', year_section("alle", "alle zaken", overall.cases)]
    for kind, heading in (("ministerie", "Per ministerie"), ("partij", "Per partij")):
        groups = by_kind.get(kind, [])
        rows = [(g.name, figures(g.cases)) for g in groups]
        links = {g.name: href(FOLDER, g.folder) for g in groups}
        days = bar_chart(f"{kind}-dagen", f"{heading}: mediaan dagen tot antwoord",
                         f"{heading} de mediaan van het aantal dagen tussen vragen en antwoord; de stippellijn is de "
                         f"termijn van {LATE_AFTER_DAYS} dagen.", [(name, [f.median_days]) for name, f in rows],
                         ["mediaan dagen"], reference=(LATE_AFTER_DAYS, f"termijn: {LATE_AFTER_DAYS} dagen"))
        late = bar_chart(f"{kind}-laat", f"{heading}: aandeel te laat beantwoord",
                         f"{heading} het aandeel zaken dat later dan {LATE_AFTER_DAYS} dagen zonder uitstelbericht "
                         "beantwoord is, in procenten.", [(name, [_percent(f.late_share)]) for name, f in rows],
                         ["% te laat"], unit=" %", top=100)
        chart = days + late
        parts += [f'<h2 id="{kind}">{esc(heading)}</h2>',
                  f'<div class="charts">{chart}</div>' if rows else '<p class="none">Geen.</p>',
                  table(heading, rows, kind, links) if rows else ""]
    return Page(folder=FOLDER, title="Statistiek", body="\n".join(p for p in parts if p))


def group_page(group: Group) -> Page:
    """statistiek/<ministerie|partij>/<key>/: one ministry's or party's figures by year."""
    total = figures(group.cases)
    about = f' · <a href="{href(group.folder, group.about)}">pagina van {esc(group.name)}</a>' if group.about else ""
    parts = [STYLE, f'<p class="kicker"><a href="{href(group.folder, FOLDER)}">Statistiek</a></p>',
             f"<h1>{esc(group.name)}</h1>",
             f"<p>{total.asked} zaken, {total.answered} beantwoord, mediaan {_cell(total.median_days)} dagen, "
             f"{_cell(_percent(total.late_share), ' %')} te laat{about}</p>",
             year_section(file_stem(group.folder.rsplit("/", 1)[-1]), group.name, group.cases)]
    return Page(folder=group.folder, title=f"Statistiek: {group.name}", body="\n".join(parts))


# the charts' layout: side by side where there is room, one under the other on a phone
STYLE = ("<style>.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,22rem),1fr));"
         "gap:1rem}figure.chart{margin:0}figure.chart figcaption{font-weight:600;margin:.6rem 0 .2rem}"
         "svg.chart{max-width:34rem;height:auto;display:block}"
         "table.data td{text-align:right;white-space:nowrap}table.data th[scope=row]{min-width:9rem}</style>")
