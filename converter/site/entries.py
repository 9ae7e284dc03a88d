"""A letter as every list shows it: subject, askers with party, ministry, dates, days taken and a late mark.

An entry is a small JSON-serialisable dict made from a view and its case's facts; a unit's key hashes the entries
it shows, so a page is rendered again exactly when something it lists changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from .page import MONTHS, esc, href
from .viewtypes import AgentRef, CaseFacts, LetterView

KIND_NAMES = {"AnswerLetter": "Antwoord", "DelayNotice": "Uitstelbericht", "WrittenQuestions": "Schriftelijke vragen"}
Entry = dict  # the keys entry() gives


def day_text(iso: str | None) -> str:
    """"2025-07-09" as Dutch readers write it: 9 juli 2025."""
    if not iso:
        return ""
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def doc_name(view: LetterView) -> str:
    """How a letter is cited: its Aanhangsel number, another official identifier, else the zaak number."""
    official = ("ah", "20")
    ids = sorted(view["identifiers"], key=lambda i: (not i.lower().startswith(official), i))
    return ids[0] if ids else (view["zaak_number"] or view["title"])


def named(ref: AgentRef, names: Mapping[str, str]) -> str:
    """The one name the dataset gives an agent (SiteInput.names), else the name in the view."""
    return names.get(ref["iri"], ref["name"])


def person_name(ref: AgentRef, names: Mapping[str, str]) -> str:
    """A member's full name where the reference lists know it, else the dataset's name."""
    return ref.get("full_name") or named(ref, names)  # type: ignore[return-value]


def ministries(view: LetterView) -> list[AgentRef]:
    """The ministries a letter concerns: of the offices it is addressed to, signed in or sent on behalf of (an
    office without a ministry, a portfolio minister's, stands for itself)."""
    found: dict[str, AgentRef] = {}
    for office in [*view["addressees"], *(s["office"] for s in view["signatures"]), *view["on_behalf_of"]]:
        if office is None:
            continue
        ministry = office["ministry"] or office
        found.setdefault(ministry["iri"], {"iri": ministry["iri"], "name": ministry["name"],
                                           "page": ministry["page"]})
    return [found[k] for k in sorted(found)]


def entry(view: LetterView, facts: CaseFacts | None, names: Mapping[str, str]) -> Entry:
    """One letter as a list shows it."""
    return {
        "doc": view["doc"], "zaak": view["zaak"], "page": view["page"], "kind": view["kind"], "title": view["title"],
        "name": doc_name(view), "submitted": view["submitted"], "issued": view["issued"],
        "askers": [{"name": person_name(m, names), "page": m["page"],
                    "party": named(m["party"], names) if m["party"] else None,
                    "party_page": m["party"]["page"] if m["party"] else None} for m in view["askers"]],
        "ministries": [{"name": named(m, names), "page": m["page"]} for m in ministries(view)],
        "days": facts.days if facts else None, "late": facts.late if facts else None,
        "delay": facts.delay_notice if facts else False,
    }


def sort_entries(entries: Iterable[Entry]) -> list[Entry]:
    """Newest first (by the letter's date, else the day its questions were submitted); undated last."""
    def key(e: Entry) -> tuple:
        day = e["issued"] or e["submitted"] or ""
        return (not day, [-ord(c) for c in day], e["doc"])
    return sorted(entries, key=key)


def _link(folder: str, page: str | None, text: str) -> str:
    return f'<a href="{href(folder, page)}">{esc(text)}</a>' if page is not None else esc(text)


def late_mark(days: int | None, late: bool | None, delay: bool) -> str:
    """"12 dagen" with a mark: te laat (over three weeks, no delay notice), uitstel gemeld, or op tijd."""
    if days is None:
        return '<span class="delayed">uitstel gemeld</span>' if delay else ""
    text = f"{days} {'dag' if days == 1 else 'dagen'}"
    if late:
        return f'{esc(text)} <span class="late">te laat</span>'
    if delay and days > 21:
        return f'{esc(text)} <span class="delayed">uitstel gemeld</span>'
    return f'{esc(text)} <span class="ontime">op tijd</span>'


def entry_item(e: Entry, folder: str) -> str:
    """One <li> of a list of letters."""
    askers = ", ".join(_link(folder, a["page"], a["name"]) + (f" ({_link(folder, a['party_page'], a['party'])})"
                                                               if a["party"] else "") for a in e["askers"])
    meta = [f"{esc(KIND_NAMES[e['kind']])} {esc(e['name'])}"]
    if askers:
        meta.append(f"vragen van {askers}")
    if e["ministries"]:
        meta.append(", ".join(_link(folder, m["page"], m["name"]) for m in e["ministries"]))
    if e["submitted"]:
        meta.append(f"ingezonden {esc(day_text(e['submitted']))}")
    if e["issued"]:
        meta.append(f"{'beantwoord' if e['kind'] == 'AnswerLetter' else 'gedateerd'} {esc(day_text(e['issued']))}")
    mark = late_mark(e["days"], e["late"], e["delay"])
    if mark:
        meta.append(mark)
    return (f'<li class="entry"><a class="subject" href="{href(folder, e["page"])}">{esc(e["title"])}</a>'
            f'<span class="entry-meta">{" · ".join(meta)}</span></li>')


def entry_list(entries: Iterable[Entry], folder: str) -> str:
    """A list of letters, newest first, each linked to its page."""
    items = [entry_item(e, folder) for e in sort_entries(entries)]
    return f'<ul class="entries letters">{"".join(items)}</ul>' if items else '<p class="none">Geen brieven.</p>'
