"""The letter as the program understands it: frozen dataclasses, no RDF and no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class DocKind(str, Enum):
    """What kind of document a letter is."""

    ANSWER = "answer"  # the government's answers (antwoord)
    QUESTIONS = "questions_only"  # the questions as submitted, no answers yet
    DELAY = "delay_notice"  # mededeling / uitstelbericht


@dataclass(frozen=True)
class Party:
    name: str


@dataclass(frozen=True)
class Person:
    name: str
    party: Party | None = None


@dataclass(frozen=True)
class Office:
    """An office held, spelled out: "Minister van Defensie"."""

    name: str


@dataclass(frozen=True)
class Signature:
    person: Person
    office: Office | None = None


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str
    urls: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table inside a question's or answer's text, as the letter printed it (a Word or XML table, a ruled or
    aligned PDF table). The text keeps it as running text, row after row, as the RDF does; ``text[start:end]``
    is that running text. A reader hands its tables over with start = end = 0 (``Extracted.tables``);
    ``read.tables.place_tables`` finds where each lies in the text."""

    rows: tuple[tuple[str, ...], ...]  # cells row by row, every row as wide as the widest ("" where empty)
    start: int = 0
    end: int = 0
    header: bool = False  # the first row is a header row: Word's repeated header row, XML's thead or th


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    footnotes: tuple[int, ...] = ()  # numbers of the footnotes whose markers stand in this text
    tables: tuple[Table, ...] = ()  # in the order they stand in the text; the RDF keeps only the text


@dataclass(frozen=True)
class Answer:
    questions: tuple[int, ...]  # every question number this answer answers
    text: str
    footnotes: tuple[int, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Source:
    """The input a letter was read from."""

    name: str  # file name, no folders: the same on every machine
    sha256: str
    media_type: str  # text/plain, application/pdf, ...
    extraction: str = ""  # the tool that made a text file, where the name says so


@dataclass(frozen=True)
class Letter:
    """One document: an answer letter, a set of questions, or a delay notice."""

    kind: DocKind
    source: Source
    zaak: str | None = None  # Tweede Kamer zaak number, "2025Z09558"
    aanhangsel: str | None = None  # "ah-tk-20232024-1076", or "AH 604" from a Word file
    references: tuple[str, ...] = ()  # other identifiers the document shows (ministry kenmerk)
    title: str | None = None  # the subject: "over het bericht ..."
    submitted: dt.date | None = None  # ingezonden
    issued: dt.date | None = None  # letter date or ontvangen
    askers: tuple[Person, ...] = ()
    addressed_to: tuple[Office, ...] = ()
    signatures: tuple[Signature, ...] = ()
    on_behalf_of: tuple[Office, ...] = ()  # mede namens
    delay_reference: str | None = None  # ah-tk id of an earlier delay notice ("Zie ook ...")
    questions: tuple[Question, ...] = ()
    answers: tuple[Answer, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    letter_footnotes: tuple[int, ...] = ()  # footnote markers in the cover letter / title
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def stem(self) -> str:
        """A file stem for this letter's output."""
        name = self.source.name
        return name.rsplit(".", 1)[0] if "." in name else name


@dataclass(frozen=True)
class Extracted:
    """What a reader hands to interpretation: the body text in reading order, with page furniture and
    footnote bodies taken out. Lines are as printed ("" marks a paragraph break); a footnote marker that the
    reader recognised is written "[^N]" where it stood; a page break is a line "\\f"."""

    source: Source
    lines: tuple[str, ...]
    footnotes: tuple[Footnote, ...] = ()
    furniture_ids: tuple[str, ...] = ()  # identifiers printed in page furniture: the footer's ah-tk id
    references: tuple[str, ...] = ()  # the ministry's own reference ("Onze referentie") from the letterhead
    layout: str = "text"  # the reader's name for the layout it saw, for messages
    warnings: tuple[str, ...] = ()  # what the reader repaired (bytes that were not UTF-8), for the report
    tables: tuple[Table, ...] = ()  # content tables in reading order, not yet placed (start = end = 0)
