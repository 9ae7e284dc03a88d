"""Footnotes whose marker the footnote reader could not pin down while it read the running text: a second
look, once the questions and answers are known, for the number set apart where a marker stands (after the
question mark that ends a question, after a closing quote), in the one text that holds it."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from ..model import Answer, Footnote, Question


@dataclass(frozen=True)
class Settled:
    """Where every footnote of a letter hangs, and what the reader could not settle."""

    questions: tuple[Question, ...]
    answers: tuple[Answer, ...]
    footnotes: tuple[Footnote, ...]
    on_letter: tuple[int, ...]  # markers in the cover letter or header, and bodies whose marker was lost
    warnings: tuple[str, ...]


def settle_footnotes(footnotes: tuple[Footnote, ...], questions: list[Question], answers: list[Answer],
                     header_markers: set[int]) -> Settled:
    """Each marker without a body keeps an empty footnote (a shape warns); each body whose marker was not
    pinned down gets a second look (place_unplaced); what is still unplaced hangs on the letter, with a
    warning, rather than being lost."""
    cited = {n for q in questions for n in q.footnotes} | {n for a in answers for n in a.footnotes}
    known = {f.number for f in footnotes}
    footnotes = tuple(sorted([*footnotes, *(Footnote(n, "") for n in cited - known)], key=lambda f: f.number))
    numbers = {f.number for f in footnotes}
    on_letter = header_markers & numbers
    questions, answers, unplaced = place_unplaced(sorted(numbers - cited - on_letter), questions, answers)
    warnings = tuple(f"footnote {n}: its marker was not found in the text; the footnote is linked to the letter"
                     for n in unplaced)
    return Settled(tuple(questions), tuple(answers), footnotes, tuple(sorted(on_letter | set(unplaced))), warnings)


@cache
def _detached(n: int) -> re.Pattern[str]:
    """Marker n set apart: at the very end ('aangepast? 4', 'toepassen. 2'), before the final mark
    ('inwoners) 6.', 'tong-tAC» 1?'), or after a closing quote inside the text ('«Drones» 4 en')."""
    return re.compile(rf"(?<=[.?!»”’\")\]])\s+{n}(?=\s*$)|(?<=[^\s\d])\s+{n}(?=[.?!]\s*$)"
                      rf"|(?<=[»”’\"])\s?{n}(?=[\s.,;:?!])")


def place_unplaced(numbers: list[int], questions: list[Question],
                   answers: list[Answer]) -> tuple[list[Question], list[Answer], list[int]]:
    """Place each footnote number found detached in exactly one text; return the texts and what is left."""
    left: list[int] = []
    for n in numbers:
        pattern = _detached(n)
        q_hits = [i for i, q in enumerate(questions) if _marker_in(pattern, q.text)]
        a_hits = [i for i, a in enumerate(answers) if _marker_in(pattern, a.text)]
        if len(q_hits) + len(a_hits) != 1:
            left.append(n)  # nowhere, or in several texts: not guessed
            continue
        if q_hits:
            q = questions[q_hits[0]]
            questions[q_hits[0]] = replace(q, text=_cut(pattern, q.text), footnotes=(*q.footnotes, n))
        else:
            a = answers[a_hits[0]]
            answers[a_hits[0]] = replace(a, text=_cut(pattern, a.text), footnotes=(*a.footnotes, n))
    return questions, answers, left


_REFERENCE_WORD = re.compile(r"(?:vraag|vragen|antwoord|antwoorden|nr\.?|nummer|artikel|lid|pagina|bijlage|"
                             r"hoofdstuk|paragraaf|punt|motie|stap|fase|niveau|groep|klasse|week|dag|jaar)\s*$", re.I)


def _marker_in(pattern: re.Pattern[str], text: str) -> bool:
    """Whether the text holds the detached marker; 'op vraag 5.' is a reference to question 5, not marker 5."""
    m = pattern.search(text)
    return m is not None and not _REFERENCE_WORD.search(text[:m.start()])


def _cut(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub("", text, count=1).strip()
