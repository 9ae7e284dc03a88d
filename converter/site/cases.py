"""Documents of one zaak are one case: when it was asked, when first answered, how long that took, and whether
it was late (more than three weeks, with no delay notice). Judged from the letters' own dates only, never from
the day of the run, so a rerun gives the same pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from .viewtypes import LATE_AFTER_DAYS, CaseFacts, LetterView


def case_facts(views: Iterable[LetterView]) -> dict[str, CaseFacts]:
    """zaak IRI -> what its documents say together."""
    by_zaak: dict[str, list[LetterView]] = defaultdict(list)
    for view in views:
        by_zaak[view["zaak"]].append(view)
    return {zaak: facts_of(zaak, letters) for zaak, letters in sorted(by_zaak.items())}


def facts_of(zaak: str, letters: list[LetterView]) -> CaseFacts:
    """The facts of one case from its letters' views."""
    submitted = min((v["submitted"] for v in letters if v["submitted"]), default=None)
    answered = min((v["issued"] for v in letters if v["kind"] == "AnswerLetter" and v["issued"]), default=None)
    delay = any(v["kind"] == "DelayNotice" or v.get("delay_notice") for v in letters)
    days = (dt.date.fromisoformat(answered) - dt.date.fromisoformat(submitted)).days \
        if submitted and answered else None
    late = None if days is None else days > LATE_AFTER_DAYS and not delay
    return CaseFacts(zaak=zaak, submitted=submitted, answered=answered, days=days, delay_notice=delay, late=late)
