"""Offices and ministries as a letter names them -> one spelling per office, and the ministry it is a post in
by the name the ministry had on the letter's date (TOOI)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .names import name_key, tidy
from .reference import MinistryName, ministry_names, portfolios

_ROLE = re.compile(r"^\s*(?:de\s+|het\s+)?(minister[\s-]*president|minister|staats?secretaris)"
                   r"(?=\s|[A-Z]|van|voor|$)\s*(?:(van|voor)(?=\s|[A-Z]))?\s*(.*)$", re.I | re.S)
_ROLES = {"ministerpresident": "Minister-President", "minister": "Minister", "staatssecretaris": "Staatssecretaris",
          "staatsecretaris": "Staatssecretaris"}
_SUFFIX = re.compile(r"\s+[\u2010-\u2015-]\s+(.+)$")


@dataclass(frozen=True)
class OfficeMatch:
    """An office: its one spelling, the ministry it is a post in (where known), or why that is unknown."""

    label: str
    ministry: MinistryName | None = None
    ministry_label: str | None = None  # the ministry's name where TOOI does not know it
    reason: str | None = None


def _ministry(part: str, day: dt.date | None) -> MinistryName | None:
    """The TOOI name that the words stand for, spaces and punctuation aside; the one valid on the day first."""
    key = name_key(part)
    named = [m for m in ministry_names() if name_key(m.name) == key]
    if not named:
        return None
    if day is not None:
        valid = [m for m in named if (m.begin is None or m.begin <= day) and (m.end is None or day <= m.end)]
        named = valid or named
    return min(named, key=lambda m: m.end or dt.date.max)


def current_name(code: str, day: dt.date | None) -> MinistryName | None:
    """The name the ministry with this TOOI code bore on the day (its latest name when no day is known)."""
    names = [m for m in ministry_names() if m.code == code]
    if day is not None:
        valid = [m for m in names if (m.begin is None or m.begin <= day) and (m.end is None or day <= m.end)]
        if valid:
            return min(valid, key=lambda m: m.end or dt.date.max)
    return max(names, key=lambda m: m.end or dt.date.max) if names else None


def match_office(written: str, day: dt.date | None) -> OfficeMatch:
    """'DE MINISTER VAN DEFENSIE', 'Minister Justitie en Veiligheid', 'Minister voor Rechtsbescherming' ->
    'Minister van Defensie', 'Minister van Justitie en Veiligheid', 'Minister voor Rechtsbescherming'."""
    text = tidy(written.replace("\n", " ")).replace("-", " - ")
    found = _ROLE.match(re.sub(r"\s+", " ", text))
    if not found:
        return OfficeMatch(label=tidy(written), reason="not an office of minister or state secretary")
    role = _ROLES[name_key(found.group(1))]
    rest = found.group(3).strip()
    suffix = ""
    tail = _SUFFIX.search(rest)
    if tail:
        rest, suffix = rest[: tail.start()].strip(), f" \u2013 {tidy(tail.group(1))}"
    if (found.group(2) or "").lower() == "voor":
        return _portfolio(role, rest, suffix, day)
    ministry = _ministry(rest, day)
    if ministry is None:
        label = f"{role} van {tidy(rest)}{suffix}"
        return OfficeMatch(label=label, ministry_label=tidy(rest), reason="ministry not in the TOOI list")
    return OfficeMatch(label=f"{role} van {ministry.name}{suffix}", ministry=current_name(ministry.code, day))


def _portfolio(role: str, rest: str, suffix: str, day: dt.date | None) -> OfficeMatch:
    known = portfolios().get(name_key(rest))
    ministry = _ministry(rest, day) if known is None else None
    if ministry is not None:  # 'Minister voor Asiel en Migratie': a ministry, not a portfolio
        return OfficeMatch(label=f"{role} van {ministry.name}{suffix}", ministry=current_name(ministry.code, day))
    if known is None:
        return OfficeMatch(label=f"{role} voor {tidy(rest)}{suffix}", reason="portfolio not in the list")
    return OfficeMatch(label=f"{role} voor {known[0]}{suffix}", ministry=current_name(known[1], day))
