"""Signatories -> the cabinet member who held the office on the letter's day (kabinet/bewindspersonen.csv):
'Brekelmans' signing as Minister van Defensie on 20 November 2024 and 'Ruben Brekelmans' are one person."""

from __future__ import annotations

import datetime as dt

from .names import name_key, tidy
from .offices import OfficeMatch
from .people import Match
from .reference import Post, posts


def _named(post: Post, key: str) -> bool:
    surname = name_key(f"{post.prefix} {post.surname}")
    return key in (surname, name_key(post.surname), name_key(post.display), name_key(f"{post.first_name}{surname}"))


def _fits(post: Post, office: OfficeMatch | None) -> bool:
    if office is None or office.ministry is None:
        return True
    return post.ministry == office.ministry.code and office.label.startswith(post.role)


def match_signatory(written: str, office: OfficeMatch | None, day: dt.date | None) -> Match | None:
    """The cabinet member the signature names: by surname or full name, among the posts held on the day in
    the office's ministry (any office when the letter names none). None when no post fits; ambiguity (two
    people fit) stays unmatched and says who."""
    key = name_key(tidy(written))
    held = [p for p in posts() if p.held_on(day) and _named(p, key)]
    fitting = [p for p in held if _fits(p, office)] or ([] if office and office.ministry else held)
    people = {p.person_id or name_key(p.display): p for p in fitting}
    if not people:
        return None
    if len(people) > 1:
        names = ", ".join(sorted(p.display for p in people.values()))
        return Match(key=key, label=tidy(written), reason=f"ambiguous: {names}")
    (key_, post), = people.items()
    return Match(key=key_, label=post.display, official=post.person_id or None)
