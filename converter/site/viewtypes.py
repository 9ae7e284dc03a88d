"""What the site is rendered from: one small, JSON-serialisable view per published letter, and site units.

A view is built once per letter, in the worker that converted it (``site.views.letter_view``), from the letter's
reconciled graph (and its model, where there is one: a letter read from text, PDF, Word or XML; a record
published from `fetch`'s output has only its graph). Publish keeps the views beside its cache, so a letter whose
input and settings are unchanged is never read again; every page of the site is rendered from views, never from
the merged graph, so rendering grows with the number of letters and fits in memory at any archive size.

A site unit is a group of files rendered together (one case with its letters, one member's page, the lists, the
statistics, the search index) with a key: the hash of everything its files depend on. Publish renders a unit only
where its key changed since the last run, and keeps the files of the others as they are.

All dates are ISO strings (``"2025-03-07"``) or None; all IRIs are strings; ``page`` values are folders relative
to the site's root, as ``site.page.folder_of`` makes them ("" is the root), with no leading or trailing slash."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypedDict

LATE_AFTER_DAYS = 21  # the term for answering written questions: three weeks


class AgentRef(TypedDict):
    """A person, party, office or ministry as a page names it."""

    iri: str
    name: str  # the name chosen for the whole dataset (publish may replace it: see SiteInput.names)
    page: str | None  # its page's folder, None where it has no page under the base


class MemberRef(AgentRef):
    full_name: str | None  # "Jan de Vries" where the reference lists know it, else None
    party: AgentRef | None


class OfficeRef(AgentRef):
    ministry: AgentRef | None  # the office's org:postIn


class TableView(TypedDict):
    """A table inside a question's or answer's text: text[start:end] is the table read as running text."""

    start: int
    end: int
    rows: list[list[str]]  # cells, row by row; the first row is the header where the letter printed one
    header: bool  # added (h16-site): the first row is a header row (model.Table.header)


class FootnoteView(TypedDict):
    number: int
    text: str
    urls: list[str]
    anchor: str  # the id of its place on the page
    iri: str  # added (h16-site): the footnote's IRI
    works: list[str]  # added (h16-site): IRIs of the works it cites (a WorkView of the letter, or a letter)


class QuestionView(TypedDict):
    iri: str
    anchor: str
    number: int
    text: str
    footnotes: list[int]
    tables: list[TableView]
    cites: list[str]  # added (h16-site): IRIs of the works its text cites itself, not through a footnote


class AnswerView(TypedDict):
    iri: str
    anchor: str
    numbers: list[int]  # every question this answer answers
    text: str
    footnotes: list[int]
    tables: list[TableView]
    cites: list[str]  # added (h16-site): as QuestionView.cites


class SourceView(TypedDict):
    name: str  # the file's name, no folders
    sha256: str
    media_type: str
    href: str | None  # a link to the file itself where publish ships it or its official place, else None
    iri: str  # added (h16-site): the source's IRI (bron/sha256-…)


class SignatureView(TypedDict):
    """Added (h16-site): one signature: who signed, in which office."""

    person: MemberRef | None
    office: OfficeRef | None


class PredecessorView(TypedDict):
    """Added (h16-site): a party and the groups it succeeded (dcterms:replaces), each with a page."""

    party: AgentRef
    replaces: list[AgentRef]


class WorkView(AgentRef):
    """Added (h16-site): a work the letter cites (a news article, a Kamerstuk, a web page), for its own page."""

    kinds: list[str]  # Dutch names of its kinds: "Kamerstuk", "Nieuwsbericht"
    identifiers: list[str]
    urls: list[str]
    written_urls: list[str]  # the address as the letter wrote it, where it differs
    publisher: AgentRef | None
    published: str | None


class LetterView(TypedDict):
    """One letter (answer letter, delay notice, or the questions alone) as the site shows it."""

    graph: str  # the named graph IRI
    doc: str  # the document's IRI: the answer letter or delay notice, or the zaak for questions alone
    page: str  # the document's page folder
    zaak: str  # the zaak's IRI
    zaak_page: str
    zaak_number: str | None  # "2025Z09558"
    kind: str  # "AnswerLetter", "DelayNotice" or "WrittenQuestions"
    aanhangsel: str | None  # "ah-tk-20242025-1234"
    identifiers: list[str]
    title: str  # the subject; never empty: the best the data has ("Schriftelijke vragen 2025Z09558")
    submitted: str | None  # the zaak's dcterms:dateSubmitted
    issued: str | None  # the document's dcterms:issued
    askers: list[MemberRef]
    addressees: list[OfficeRef]
    signatories: list[OfficeRef]  # each signatory as person name + office: name is the person's, page theirs
    on_behalf_of: list[OfficeRef]
    questions: list[QuestionView]
    answers: list[AnswerView]
    footnotes: list[FootnoteView]
    cited: list[AgentRef]  # cited works with a page of their own
    source: SourceView | None
    official: dict[str, str]  # link name -> URL: "officielebekendmakingen", "tweedekamer"
    data_files: dict[str, str]  # "ttl"/"jsonld" -> file of the page's data, relative to the site root
    # added (h16-site):
    signatures: list[SignatureView]  # person and office of each signature (signatories flattens these)
    works: list[WorkView]  # every work cited, with what its page shows (cited: those with a page)
    delay_notice: str | None  # the IRI of an earlier delay notice the letter names (kv:delayNotice)
    letter_footnotes: list[int]  # footnotes on the letter itself (cover letter, title)
    parts: list[str]  # IRIs under the base shown on this letter's pages (questions, answers, footnotes,
    # signatures, the source): each gets a page forwarding to its place
    predecessors: list[PredecessorView]


@dataclass(frozen=True)
class CaseFacts:
    """What one zaak's documents say together: documents of one zaak are one case on the site."""

    zaak: str
    submitted: str | None
    answered: str | None  # the first answer letter's date
    days: int | None  # answered - submitted, in days
    delay_notice: bool
    late: bool | None  # answered more than LATE_AFTER_DAYS after submission with no delay notice; None where
    # either date is unknown or no answer is published (never judged against the day of the run: reruns are
    # byte-identical)


@dataclass(frozen=True)
class SiteInput:
    """Everything the site is rendered from."""

    views: tuple[LetterView, ...]  # sorted by graph IRI
    names: Mapping[str, str]  # agent IRI -> the one name the dataset gives it (reconcile.union's choice)
    base: str
    downloads: tuple[tuple[str, str], ...]  # (path, description) of each download, in order
    catalog: bytes = b""  # added (h16-site): the catalogue record as Turtle (data/catalog.ttl): the front
    # page's data, and its IRIs get pages forwarding there


@dataclass(frozen=True)
class SiteUnit:
    """Files rendered together; ``key`` changes whenever any of their bytes could."""

    name: str  # unique, for messages and the cache: "case/2025Z09558", "lists", "search"
    key: str  # a hex digest of the unit's inputs and the code version
    render: Callable[[], dict[str, bytes]]  # path relative to the site root -> bytes
