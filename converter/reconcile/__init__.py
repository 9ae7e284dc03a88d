"""Reconciliation: the people, parties, offices and ministries a letter names -> entities of the reference
lists in converter/data/ (official Ids where known), one value per statement in the union of several
documents of one zaak, and the outside types of each kv: class for consumers without inference."""

from __future__ import annotations

import datetime as dt

from rdflib import Graph

from ..model import Letter
from .rewrite import Unmatched, reconcile_graph
from .types import add_supertypes
from .union import resolve_union


def letter_day(letter: Letter) -> dt.date | None:
    """The day a letter speaks for: its own date, else the day the questions were submitted."""
    return letter.issued or letter.submitted


def reconcile_letter(graph: Graph, letter: Letter, base: str) -> list[Unmatched]:
    """Reconcile one letter's graph in place and add the outside types; return what stayed unmatched."""
    unmatched = reconcile_graph(graph, base, letter_day(letter))
    add_supertypes(graph)
    return unmatched


__all__ = ["Unmatched", "add_supertypes", "letter_day", "reconcile_graph", "reconcile_letter", "resolve_union"]
