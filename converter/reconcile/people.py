"""Members and parties as a letter names them -> the member or group of the reference lists, or a reason why
not. Ambiguity is never resolved by guessing: two members one spelling could mean stay unmatched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .names import name_key, tidy
from .reference import Group, Member, group_list, groups, members, tk_dir


@dataclass(frozen=True)
class Match:
    """The outcome of reconciling one name: the entity found, or why none was."""

    key: str  # what the IRI is minted from: an official Id or the normalised name
    label: str  # the canonical spelling
    official: str | None = None  # the official Id, where matched
    reason: str | None = None  # why unmatched
    replaces: tuple[str, ...] = ()  # for a group: the Ids of the groups it succeeded


@cache  # every letter asks it of every member: computed once per member (it was 30% of convert's time)
def _levels(member: Member) -> tuple[str, str, frozenset[str]]:
    surname = name_key(f"{member.prefix} {member.surname}")
    full = name_key(f"{member.first_name} {member.prefix} {member.surname}")
    firsts = {name_key(member.first_name)} if member.first_name else set()
    if member.initials:
        firsts.add(name_key(member.initials))
    return surname, full, frozenset(firsts)


@cache
def _by_surname(folder: Path) -> dict[str, tuple[Member, ...]]:
    """Every member of the lists in folder under the key of their surname (with tussenvoegsel), in list order."""
    index: dict[str, list[Member]] = {}
    for member in members(folder):
        index.setdefault(_levels(member)[0], []).append(member)
    return {key: tuple(found) for key, found in index.items()}


def _candidates(written: str, day: dt.date | None, by_surname_too: bool) -> list[Member]:
    """Members the written name can stand for: the full name first, then the surname, then an initial or
    first name followed by the surname."""
    key = name_key(written)
    full, by_surname, by_first = [], [], []
    by_key = _by_surname(tk_dir())  # only members whose surname the key ends with can match: one look-up per ending
    for member in (m for end in range(len(key) + 1) for m in by_key.get(key[end:], ())):
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


def _first_fits(head: str, firsts: frozenset[str]) -> bool:
    return bool(head) and any(f == head or (len(head) <= 3 and f.startswith(head)) for f in firsts)


def _lineage(group: Group) -> set[str]:
    """The group, the groups it succeeded and those that succeeded it, theirs in turn (GroenLinks-PvdA,
    GroenLinks, PvdA): a letter may name the group a member sat for before or after a merger."""
    linked: dict[str, set[str]] = {}
    for later in group_list().values():
        for earlier in later.replaces:
            linked.setdefault(later.id, set()).add(earlier)
            linked.setdefault(earlier, set()).add(later.id)
    found, todo = set(), [group.id]
    while todo:
        gid = todo.pop()
        if gid and gid not in found:
            found.add(gid)
            todo.extend(linked.get(gid, ()))
    return found


def _sits_for(member: Member, lineage: set[str], day: dt.date | None) -> bool:
    seats = [s for s in member.seats if day is None or s.covers(day)] or list(member.seats)
    return any(s.group in lineage for s in seats)


def _groups_of(member: Member) -> str:
    names = {group_list()[s.group].abbreviation for s in member.seats if s.group in group_list()}
    return ", ".join(sorted(names))


def match_member(written: str, party: str | None, day: dt.date | None, asking: bool = True) -> Match:
    """The member a letter names ('Van Baarle', 'S. van Baarle', 'Stephan van Baarle') on a day, with party.
    A signatory (not asking) named by surname alone is never taken for a member of that surname (Minister
    Wiersma is not the member Wiersma): converter/reconcile/cabinet.py looks signatories up first."""
    spelled = tidy(written)
    named = _candidates(spelled, day, asking)
    found = named
    group = groups().get(name_key(party)) if party else None
    if group is not None:  # a member of another group is someone else (or changed groups: reported)
        lineage = _lineage(group)
        # members seen in the group first; a member without seats in the list cannot say otherwise
        found = [m for m in named if _sits_for(m, lineage, day)] or [m for m in named if not m.seats]
    if len(found) == 1:
        return Match(key=found[0].id, label=found[0].display, official=found[0].id)
    fallback = name_key(spelled)
    if found:
        names = ", ".join(sorted(m.display for m in found))
        return Match(key=fallback, label=spelled, reason=f"ambiguous: {names}")
    if named and group is not None:
        elsewhere = "; ".join(f"{m.display} sits for {_groups_of(m)}" for m in named)
        return Match(key=fallback, label=spelled, reason=f"party differs: the letter says {party}, {elsewhere}")
    reason = "not in the reference list of members" + ("" if asking else " (a signatory is looked up by full name)")
    return Match(key=fallback, label=spelled, reason=reason)


def match_group(written: str) -> Match:
    """The parliamentary group a letter names ('FvD', 'Forum voor Democratie', 'NSC')."""
    spelled = tidy(written)
    group: Group | None = groups().get(name_key(spelled))
    if group is None:
        return Match(key=name_key(spelled), label=spelled, reason="not in the reference list of groups")
    return Match(key=group.id or name_key(group.abbreviation), label=group.abbreviation, official=group.id or None,
                 replaces=group.replaces)
