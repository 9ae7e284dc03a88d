"""Cited works: official identifiers from every spelling, web sources normalised and described, one resource
per work across letters, letters linked to the letters they cite. Citations are invented in the real spellings."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from converter.graph import build_graph
from converter.model import Answer, DocKind, Footnote, Letter, Question, Source
from converter.sources import describe, find_publications
from converter.sources.web import normalise_url
from converter.validate import validate_graph
from converter.vocab import DEFAULT_BASE_IRI, KV, SDO


def ids(text: str) -> list[str]:
    return [p.identifier for p in find_publications(text)[0]]


@pytest.mark.parametrize(("text", "expected"), [
    # the examples
    ("Kamerstukken II 2023/24, 36 410 IV, nr. 15", ["kst-36410-IV-15"]),
    ("Kamerstuk 32 140, nr. 174", ["kst-32140-174"]),
    ("Aanhangsel Handelingen II, vergaderjaar 2023–2024, nr. 2147", ["ah-tk-20232024-2147"]),
    ("Handelingen II 2023/24, nr. 45, item 12", ["h-tk-20232024-45-12"]),
    ("Stb. 2024, 153", ["stb-2024-153"]),
    ("Stcrt. 2024, 5678", ["stcrt-2024-5678"]),
    # glued spaces
    ("Aanhangsel Handelingen, vergaderjaar2023–2024, nr. 2116", ["ah-tk-20232024-2116"]),
    ("Aanhangsel Handelingen II, vergaderjaar 2023–2024,nr. 2116", ["ah-tk-20232024-2116"]),
    ("AanhangselHandelingen, vergaderjaar 2024–2025, nr. 12", ["ah-tk-20242025-12"]),
    ("zoals eerder gemeld (Kamerstuk36 600 XII, nr. 42)", ["kst-36600-XII-42"]),
    ("(Kamerstuk 23 432,nr.537)", ["kst-23432-537"]),
    ("Kamerstukken II,vergaderjaar 2022/2023 36 229, nr. 29", ["kst-36229-29"]),
    # '/', '–' or '-' in the year, two digits or four
    ("Aanhangsel Handelingen II, vergaderjaar 2023/2024, nr. 7", ["ah-tk-20232024-7"]),
    ("Aanhangsel Handelingen II, vergaderjaar 2023-2024, nr. 7", ["ah-tk-20232024-7"]),
    ("Aanhangsel Handelingen II, vergaderjaar 2023/24, nr. 7", ["ah-tk-20232024-7"]),
    ("Handelingen II 2023–2024, nr. 45", ["h-tk-20232024-45"]),
    ("ah-tk-2017–2018, nr.2509", ["ah-tk-20172018-2509"]),
    ("(zie bv. ah-tk-20202021–2345, Kamervragen (Aanhang-sel) 2020–2021, nr. 2345)", ["ah-tk-20202021-2345"]),
    # II present or not, Eerste Kamer
    ("Aanhangsel Handelingen, vergaderjaar 2024–2025, nr. 203", ["ah-tk-20242025-203"]),
    ("Aanhangsel Handelingen I, vergaderjaar 2023–2024, nr. 9", ["ah-ek-20232024-9"]),
    ("Handelingen I 2023/24, nr. 30, item 4", ["h-ek-20232024-30-4"]),
    ("Kamerstukken ll 2023/24, 36 410 XVI, nr. 160", ["kst-36410-XVI-160"]),
    ("Kamerstukken I 2023/24, 36 410, A", ["kst-36410-A"]),
    ("Eerste Kamer, 36 373, H", ["kst-36373-H"]),
    # 'van de' present or not
    ("Aanhangsel van de Handelingen, vergaderjaar 2023–2024, nr. 76", ["ah-tk-20232024-76"]),
    ("Handelingen II 2023/24, Aanhangsel van de Handelingen, nr. 1045", ["ah-tk-20232024-1045"]),
    ("Kamerstukken II, 2023–2024, AvdH 721.", ["ah-tk-20232024-721"]),
    ("Kamervragen (Aanhangsel) 2023–2024, nr. 2267", ["ah-tk-20232024-2267"]),
    # several references in one footnote
    ("Stb. 2024, 153, het besluit is gepubliceerd in Stb. 2024, 213.", ["stb-2024-153", "stb-2024-213"]),
    ("Kamerstukken II, 25 424, nr. 679, nr. 684 en 685, en het rapport", ["kst-25424-679", "kst-25424-684",
                                                                         "kst-25424-685"]),
    ("Kamerstukken II vergaderjaar 2024/2025 22 452, nr. 91 en Aanhangsel Handelingen, verga- derjaar 2024/2025, "
     "nr. 203", ["kst-22452-91", "ah-tk-20242025-203"]),
    ("(Kamerstukken II 2021/22,36 021, nr.6; I 2022/23, 36 021, B)", ["kst-36021-6", "kst-36021-B"]),
    ("Kamerstuk 36 200 IV, nr. 25, 36 410 IV, nr. 15", ["kst-36200-IV-25", "kst-36410-IV-15"]),
    # running text of an answer
    ("Zoals ik schreef (zie Kamerstuk 36 200 VII, nr. 12) is dat niet zo.", ["kst-36200-VII-12"]),
    ("in de brief van 24 april 2020 (35 334, nr. 82) staat", ["kst-35334-82"]),
    ("Kamerbrief Staat van de Oorlog in Europa, 21 501-20, nr. 2019", ["kst-21501-20-2019"]),
    ("conform motie Klaver c.s. (Kamerstuk 21501-20-2128)", ["kst-21501-20-2128"]),
    ("Stcrt 2019, nr. 71141; ook als app", ["stcrt-2019-71141"]),
    ("Staatsblad 2023, 401", ["stb-2023-401"]),
    # the day of a date or a page after the number is no number
    ("Kamerstuk 31 839, nr. 1031, 5 november 2024, Voortgangsbrief Jeugd", ["kst-31839-1031"]),
    ("Kamerstukken II 1985/86, 19 495, nr. 3, p. 4.", ["kst-19495-3"]),
    # links to officielebekendmakingen
    ("https://zoek.officielebekendmakingen.nl/kst-36410-IV-15.html", ["kst-36410-IV-15"]),
    ("https://zoek.officielebekendmakingen.nl/ah-tk-20232024-1076.pdf", ["ah-tk-20232024-1076"]),
    ("zie https://www.officielebekendmakingen.nl/stcrt-2024-5678", ["stcrt-2024-5678"]),
])
def test_official_identifier_from_each_spelling(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


@pytest.mark.parametrize("text", [
    "Aanhangsel Handelingen II, nr. 2147",  # a year is needed and missing
    "Handelingen II, nr. 45",
])
def test_reference_without_a_year_is_unresolved_not_guessed(text: str) -> None:
    publications, unresolved = find_publications(text)
    assert publications == []
    assert [u.text for u in unresolved] == [text]


@pytest.mark.parametrize("text", [
    "Het kost 36 410 euro per jaar.", "Op 12 maart 2024 om 10.00 uur.", "zie 2024D28457",
    "De korting van 10% op de BDuR is ook op deze ophoging van toepassing", "Stand van Defensie, 21 mei 2025.",
])
def test_no_identifier_where_none_is_cited(text: str) -> None:
    assert find_publications(text) == ([], [])


@pytest.mark.parametrize(("url", "expected"), [
    ("http://www.nos.nl/artikel/123-x/", "https://nos.nl/artikel/123-x"),
    ("https://nos.nl/artikel/123-x?utm_source=twitter&utm_medium=social", "https://nos.nl/artikel/123-x"),
    ("https://WWW.NOS.NL/artikel/123-x?at_medium=x&fbclid=abc#top", "https://nos.nl/artikel/123-x"),
    ("https://example.org/zoek?q=stikstof&utm_campaign=y", "https://example.org/zoek?q=stikstof"),
    ("https://www.example.org/", "https://example.org"),
])
def test_url_normalised_for_identity(url: str, expected: str) -> None:
    assert normalise_url(url) == expected


def test_what_the_footnote_says_about_a_web_source() -> None:
    text = "NOS, d.d. 1 maart 2024, «Kritiek op besluit provincie», https://nos.nl/artikel/2510977-kritiek"
    (web,) = describe(text, ("https://nos.nl/artikel/2510977-kritiek",))
    assert (web.publisher, web.date, web.title, web.kind) == (
        "NOS", dt.date(2024, 3, 1), "Kritiek op besluit provincie", "NewsArticle")


@pytest.mark.parametrize(("text", "publisher", "date", "title", "kind"), [
    ("RTL Nieuws, 12-10-2023, ‘Boeren boos’ (https://rtl.nl/a/1)", "RTL Nieuws", dt.date(2023, 10, 12),
     "Boeren boos", "NewsArticle"),
    ("de Volkskrant, 16 april 2024, \"Een titel\" (https://rtl.nl/a/1)", "de Volkskrant", dt.date(2024, 4, 16),
     "Een titel", "NewsArticle"),
    ("Algemeen Dagblad, 18 november 2024, «Minister weigert» (https://rtl.nl/a/1)", "AD", dt.date(2024, 11, 18),
     "Minister weigert", "NewsArticle"),
    ("Ministerie van Defensie, 12 november 2024 (https://rtl.nl/a/1)", "Ministerie van Defensie",
     dt.date(2024, 11, 12), None, "GovernmentDocument"),
    ("Planbureau, «Onderzoeksrapport klimaat», 2024, https://rtl.nl/a/1", "Planbureau", None,
     "Onderzoeksrapport klimaat", "Report"),
    ("Zie de website www.voorbeeld.nl", None, None, None, "WebPage"),
    ("https://rtl.nl/a/1", None, None, None, "CreativeWork"),
    # a date without a year, or a title inside a sentence, is not given: never guessed
    ("EenVandaag, 30 april, «Dolfinarium» (https://rtl.nl/a/1)", "EenVandaag", None, "Dolfinarium", "NewsArticle"),
    ("Telegraaf, 14 november 2024, Agenten moe: «Echt op» (https://rtl.nl/a/1)", "De Telegraaf",
     dt.date(2024, 11, 14), None, "NewsArticle"),
])
def test_publisher_date_title_and_kind_only_where_the_text_gives_them(
        text: str, publisher: str | None, date: dt.date | None, title: str | None, kind: str) -> None:
    (web,) = describe(text, ("https://rtl.nl/a/1",))
    assert (web.publisher, web.date, web.title, web.kind) == (publisher, date, title, kind)


def test_several_urls_in_one_footnote_get_no_shared_metadata() -> None:
    webs = describe("NOS, 1 maart 2024, «Titel», https://a.nl/x en https://b.nl/y", ("https://a.nl/x", "https://b.nl/y"))
    assert [w.url for w in webs] == ["https://a.nl/x", "https://b.nl/y"]
    assert all(w.publisher is None and w.date is None and w.title is None for w in webs)


# --- in the graph ------------------------------------------------------------------------------------------

def _letter(zaak: str, ah: str, footnote: str, urls: tuple[str, ...] = (), answer: str = "Ja.",
            submitted: dt.date | None = dt.date(2024, 3, 1)) -> Letter:
    source = Source(f"{ah}.txt", hashlib.sha256(ah.encode()).hexdigest(), "text/plain")
    return Letter(kind=DocKind.ANSWER, source=source,
                  zaak=zaak, aanhangsel=ah, submitted=submitted, issued=dt.date(2024, 4, 1),
                  questions=(Question(1, "Kent u het bericht?", footnotes=(1,)),),
                  answers=(Answer((1,), answer),), footnotes=(Footnote(1, footnote, urls),))


def test_footnote_and_question_reference_the_work_and_the_footnote_keeps_its_contract_terms() -> None:
    url = "https://www.nos.nl/artikel/1-x?utm_source=x"
    g = build_graph(_letter("2024Z00001", "ah-tk-20232024-11", f"NOS, 1 maart 2024, «Titel», {url}", (url,)))
    (footnote,) = g.subjects(RDF.type, KV.Footnote)
    (question,) = g.subjects(RDF.type, KV.Question)
    (work,) = g.subjects(RDF.type, SDO.NewsArticle)
    assert (footnote, DCTERMS.references, work) in g and (question, DCTERMS.references, work) in g
    assert (footnote, SDO.url, URIRef(url)) in g and (footnote, KV.footnoteNumber, None) in g
    assert (work, SDO.url, URIRef("https://nos.nl/artikel/1-x")) in g
    assert (work, KV.writtenUrl, URIRef(url)) in g
    publisher = g.value(work, SDO.publisher)
    assert g.value(publisher, SDO.name) == Literal("NOS")


def test_official_publication_has_identifier_url_and_kind() -> None:
    g = build_graph(_letter("2024Z00001", "ah-tk-20232024-11", "Kamerstukken II 2023/24, 36 410 IV, nr. 15"))
    work = URIRef(f"{DEFAULT_BASE_IRI}publicatie/kst-36410-IV-15")
    assert (work, RDF.type, KV.ParliamentaryPaper) in g
    assert (work, DCTERMS.identifier, Literal("kst-36410-IV-15")) in g
    assert (work, SDO.url, URIRef("https://zoek.officielebekendmakingen.nl/kst-36410-IV-15")) in g


def test_running_text_of_an_answer_cites_too_and_a_letter_never_cites_itself() -> None:
    g = build_graph(_letter("2024Z00001", "ah-tk-20232024-11", "Geen bron.",
                            answer="Zie Kamerstuk 36 200 VII, nr. 12 en Aanhangsel Handelingen II, vergaderjaar "
                                   "2023–2024, nr. 11, en zaak 2024Z00001."))
    (answer,) = g.subjects(RDF.type, KV.Answer)
    cited = {str(g.value(w, DCTERMS.identifier)) for w in g.objects(answer, DCTERMS.references)}
    assert cited == {"kst-36200-VII-12"}


def test_a_letter_citing_another_links_to_that_letters_own_iri() -> None:
    cited = build_graph(_letter("2024Z00001", "ah-tk-20232024-11", "Geen bron."))
    citing = build_graph(_letter("2024Z00002", "ah-tk-20232024-12",
                                 "Aanhangsel Handelingen II, vergaderjaar 2023–2024, nr. 11; zie ook 2024Z00001"))
    (letter,) = cited.subjects(RDF.type, KV.AnswerLetter)
    (zaak,) = cited.subjects(RDF.type, KV.WrittenQuestions)
    (footnote,) = citing.subjects(RDF.type, KV.Footnote)
    assert (footnote, DCTERMS.references, letter) in citing
    assert (footnote, DCTERMS.references, zaak) in citing


def test_unresolved_citation_is_kept_on_the_footnote() -> None:
    g = build_graph(_letter("2024Z00001", "ah-tk-20232024-11", "Aanhangsel Handelingen II, nr. 2147"))
    (footnote,) = g.subjects(RDF.type, KV.Footnote)
    assert str(g.value(footnote, KV.unresolvedCitation)) == "Aanhangsel Handelingen II, nr. 2147"
    assert not list(g.objects(footnote, DCTERMS.references))


def test_one_article_cited_by_several_letters_is_one_resource() -> None:
    spellings = ("https://nos.nl/artikel/1-x", "http://www.nos.nl/artikel/1-x/", "https://nos.nl/artikel/1-x?at_medium=a")
    merged = Graph()
    for i, url in enumerate(spellings, start=1):
        merged += build_graph(_letter(f"2024Z0000{i}", f"ah-tk-20232024-{i}", f"NOS, 1 maart 2024, {url}", (url,)))
    works = set(merged.subjects(RDF.type, SDO.NewsArticle))
    assert len(works) == 1
    assert len(set(merged.subjects(DCTERMS.references, next(iter(works))))) == 6  # 3 footnotes, 3 questions


@pytest.mark.parametrize(("footnote", "urls", "shape"), [
    ("NOS, 5 maart 2024, «Later bericht», https://nos.nl/artikel/9", ("https://nos.nl/artikel/9",),
     "SourceAfterSubmissionShape"),  # the questions were submitted on 1 March
    ("Aanhangsel Handelingen II, nr. 2147", (), "UnresolvedCitationShape"),
    ("Zoals ook genoemd in de Stand van Defensie.", (), "FootnoteWithoutSourceShape"),
])
def test_each_source_warning_fires_on_a_converted_letter(footnote: str, urls: tuple[str, ...], shape: str) -> None:
    report = validate_graph(build_graph(_letter("2024Z00001", "ah-tk-20232024-11", footnote, urls)))
    assert shape in {f.shape.rsplit("#", 1)[-1] for f in report.warnings}
    assert shape not in {f.shape.rsplit("#", 1)[-1] for f in report.violations}


def test_no_source_warning_where_the_source_is_older_and_resolved() -> None:
    letter = _letter("2024Z00001", "ah-tk-20232024-11", "NOS, 28 februari 2024, «Bericht», https://nos.nl/artikel/9 "
                     "en Kamerstuk 36 200 X, nr. 12", ("https://nos.nl/artikel/9",))
    report = validate_graph(build_graph(letter))
    names = {f.shape.rsplit("#", 1)[-1] for f in report.findings}
    assert not names & {"SourceAfterSubmissionShape", "UnresolvedCitationShape", "FootnoteWithoutSourceShape"}
