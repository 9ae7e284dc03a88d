"""Members and parties as a letter names them -> the member or group of the reference lists, or a reason why
not. Ambiguity is never resolved by guessing: two members one spelling could mean stay unmatched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .names import name_key, tidy
from .reference import Group, Member, groups, members


@dataclass(frozen=True)
class Match:
    """The outcome of reconciling one name: the entity found, or why none was."""

    key: str  # what the IRI is minted from: an official Id or the normalised name
    label: str  # the canonical spelling
    official: str | None = None  # the official Id, where matched
    reason: str | None = None  # why unmatched


def _levels(member: Member) -> tuple[str, str, set[str]]:
    surname = name_key(f"{member.prefix} {member.surname}")
    full = name_key(f"{member.first_name} {member.prefix} {member.surname}")
    firsts = {name_key(member.first_name)} if member.first_name else set()
    if member.initials:
        firsts.add(name_key(member.initials))
    return surname, full, firsts


def _candidates(written: str, day: dt.date | None, by_surname_too: bool) -> list[Member]:
    """Members the written name can stand for: the full name first, then the surname, then an initial or
    first name followed by the surname."""
    key = name_key(written)
    full, by_surname, by_first = [], [], []
    for member in members():
        if not member.sits_on(day):
            continue
        surname, whole, firsts = _levels(member)
        if key == whole:
            full.append(member)
        elif key == surname:
            by_surname.append(member)
        elif key.endswith(surname) and _first_fits(key[: -len(surname)], firsts):
            by_first.append(member)
    return full or by_first or (by_surname if by_surname_too else [])


def _first_fits(head: str, firsts: set[str]) -> bool:
    return bool(head) and any(f == head or (len(head) <= 3 and f.startswith(head)) for f in firsts)


def match_member(written: str, party: str | None, day: dt.date | None, asking: bool = True) -> Match:
    """The member a letter names ('Van Baarle', 'S. van Baarle', 'Stephan van Baarle') on a day, with party.
    A signatory (not asking) named by surname alone is never taken for a member of that surname: ministers
    sit in no seat the list could date (Minister Wiersma is not the member Wiersma of 2021)."""
    spelled = tidy(written)
    found = _candidates(spelled, day, asking)
    if party:  # a member of another group is someone else (or changed groups: not ours to guess)
        group = name_key(match_group(party).label)
        found = [m for m in found if not m.seats or any(name_key(s[0]) == group for s in m.seats)]
    if len(found) == 1:
        return Match(key=found[0].id, label=found[0].display, official=found[0].id)
    fallback = name_key(spelled)
    if found:
        names = ", ".join(sorted(m.display for m in found))
        return Match(key=fallback, label=spelled, reason=f"ambiguous: {names}")
    reason = "not in the reference list of members" + ("" if asking else " (a signatory is looked up by full name)")
    return Match(key=fallback, label=spelled, reason=reason)


def match_group(written: str) -> Match:
    """The parliamentary group a letter names ('FvD', 'Forum voor Democratie')."""
    spelled = tidy(written)
    group: Group | None = groups().get(name_key(spelled))
    if group is None:
        return Match(key=name_key(spelled), label=spelled, reason="not in the reference list of groups")
    return Match(key=group.id or name_key(group.abbreviation), label=group.abbreviation, official=group.id or None)
