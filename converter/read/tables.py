"""Tables inside questions and answers: what the readers share.

A reader (Word, XML, PDF) that sees a content table hands its rows over (``make_table``); the text keeps the
table as running text, one row after another, as it always did, so the RDF does not change. Once the questions
and answers are known, ``place_tables`` finds where each table's running text lies in them (``locate``) and
puts the table, with those offsets, on the question or answer that holds it. A table whose text cannot be found
(the reader cut a cell as letterhead, say) is left out: the text is never bent to fit a table."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TypeVar

from ..model import Answer, Letter, Question, Table

_MARKERS = re.compile(r"\[\^\d{1,3}\]|\x00\d+\x00")  # footnote markers as the readers write them
_HYPHENED = re.compile(r"[a-zà-ÿ]-$")  # a word a line break may have joined: "Noord-" + "holland"
_Item = TypeVar("_Item", Question, Answer)
_OFFICE = re.compile(r"^(?:de\s+|het\s+)?(?:minister|staatssecretaris)\b", re.I)


def make_table(rows: Iterable[Sequence[str]], header: bool = False) -> Table | None:
    """A content table from its rows as read (cells with white space folded, footnote markers left out, every
    row as wide as the widest, empty rows dropped), or None where it is no table: fewer than two rows, fewer
    than two columns holding text (a box around a paragraph, a list set in a table), or signatories side by side
    (a row with two office titles)."""
    cleaned = [[cell_text(c) for c in row] for row in rows]
    if header and cleaned and not any(cleaned[0]):
        header = False  # the header row was empty and is dropped with the other empty rows
    kept = [row for row in cleaned if any(row)]
    if any(sum(1 for c in row if _OFFICE.match(c)) >= 2 for row in kept):
        return None  # signatories side by side: a layout, not a table
    width = max((len(r) for r in kept), default=0)
    filled = sum(1 for col in range(width) if any(col < len(r) and r[col] for r in kept))
    if len(kept) < 2 or filled < 2:
        return None
    return Table(rows=tuple(tuple(r + [""] * (width - len(r))) for r in kept), header=header)


def cell_text(text: str) -> str:
    """A cell as the site shows it: footnote markers left out, white space folded."""
    return " ".join(_MARKERS.sub("", text).split())


def row_text(cells: Iterable[str]) -> str:
    """A row as running text: its cells with text, side by side."""
    return " ".join(c for c in cells if c)


def _pattern(table: Table) -> re.Pattern[str] | None:
    """The table's words in order, any white space (or none: the reader tidies spaces before punctuation and
    joins hyphenated words) between them."""
    words = [w for row in table.rows for cell in row for w in cell.split()]
    if not words:
        return None
    parts = [re.escape(w[:-1]) + "-?" if _HYPHENED.search(w) else re.escape(w) for w in words]
    return re.compile(r"\s*".join(parts))


def locate(text: str, table: Table, start: int = 0) -> tuple[int, int] | None:
    """Where the table's running text lies in ``text`` at or after ``start``, or None."""
    pattern = _pattern(table)
    found = pattern.search(text, start) if pattern else None
    return (found.start(), found.end()) if found else None


def place_tables(letter: Letter, tables: Sequence[Table]) -> Letter:
    """The letter with each table put on the question or answer whose text holds it, with its offsets. Tables
    come in reading order; questions and answers are searched in reading order (question N, its answer,
    question N+1, ...) from where the last table was found, then from the start."""
    if not tables:
        return letter
    items: list[Question | Answer] = [*letter.questions, *letter.answers]
    order = sorted(range(len(items)), key=lambda i: _reading_key(items[i], i, len(letter.questions)))
    found: dict[int, list[Table]] = {}
    cursor = (0, 0)  # (place in `order`, offset in that text)
    for table in tables:
        hit = _search(items, order, table, cursor, found) or _search(items, order, table, (0, 0), found)
        if hit is None:
            continue
        k, span = hit
        found.setdefault(order[k], []).append(replace(table, start=span[0], end=span[1]))
        cursor = (k, span[1])
    questions = [_with(q, found.get(i, [])) for i, q in enumerate(letter.questions)]
    answers = [_with(a, found.get(len(questions) + i, [])) for i, a in enumerate(letter.answers)]
    return replace(letter, questions=tuple(questions), answers=tuple(answers))


def _reading_key(item: Question | Answer, index: int, n_questions: int) -> tuple[int, int, int]:
    if isinstance(item, Question):
        return (item.number, 0, index)
    return (min(item.questions, default=0), 1, index - n_questions)


def _search(items: list[Question | Answer], order: list[int], table: Table, cursor: tuple[int, int],
            found: dict[int, list[Table]]) -> tuple[int, tuple[int, int]] | None:
    """The first place at or after `cursor` where the table's text lies and no other table was placed."""
    k, offset = cursor
    while k < len(order):
        text = items[order[k]].text
        span = locate(text, table, offset)
        while span is not None and any(t.start < span[1] and span[0] < t.end for t in found.get(order[k], [])):
            span = locate(text, table, span[0] + 1)
        if span is not None:
            return k, span
        k, offset = k + 1, 0
    return None


def _with(item: _Item, tables: list[Table]) -> _Item:
    return replace(item, tables=tuple(sorted(tables, key=lambda t: t.start))) if tables else item
