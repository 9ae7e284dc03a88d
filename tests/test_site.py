"""The site from letter views: case facts (days taken, late), the letter page's features, unit keys that change
exactly where a page's bytes could, and byte-identical reruns. Letters are invented, built as the reader would."""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from converter.graph import build_graph
from converter.model import Answer, DocKind, Letter, Office, Party, Person, Question, Signature, Source
from converter.pipeline import convert_letter
from converter.reconcile import reconcile_letter
from converter.site import site_units
from converter.site.cases import case_facts
from converter.site.views import full_name, letter_view
from converter.site.viewtypes import LetterView, SiteInput

BASE = "https://w3id.org/kamervragen/id/"
ROOT = Path(__file__).resolve().parents[1]
TABLE_TEXT = "De aantallen per jaar: Jaar Aanvragen 2023 120 2024 145 Dat is een stijging."


def _letter(zaak: str, submitted: dt.date | None, issued: dt.date, kind: DocKind = DocKind.ANSWER,
            number: int = 1, title: str | None = "het bericht over de veerdienst", text: str = "Ja.") -> Letter:
    ah = f"ah-tk-20242025-{number}"
    return Letter(kind=kind, source=Source(f"{ah}.txt", f"{number:064x}", "text/plain"), zaak=zaak, aanhangsel=ah,
                  title=title, submitted=submitted, issued=issued,
                  askers=(Person("Jansen", Party("SP")),), addressed_to=(Office("Minister van Financiën"),),
                  signatures=(Signature(Person("Pietersen"), Office("Minister van Financiën")),),
                  questions=(Question(1, "Kent u het bericht over de veerdienst naar het eiland?"),
                             Question(2, "Hoeveel aanvragen waren er per jaar?")),
                  answers=(Answer((1,), "Ja."), Answer((2,), text)) if kind is DocKind.ANSWER else ())


def _view(letter: Letter, model: object = None) -> LetterView:
    graph = build_graph(letter, BASE)
    reconcile_letter(graph, letter, BASE)
    return letter_view(graph, BASE, model if model is not None else letter)


def _render(views: list[LetterView]) -> dict[str, bytes]:
    site = SiteInput(views=tuple(sorted(views, key=lambda v: v["graph"])), names={}, base=BASE, downloads=())
    files: dict[str, bytes] = {}
    for unit in site_units(site):
        files.update(unit.render())
    return files


def _text(page: bytes) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page.decode(), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)))


@pytest.fixture(scope="module")
def cases() -> dict[str, LetterView]:
    """Four invented cases: late, on time, late but with a delay notice, and questions not yet answered."""
    day = dt.date(2025, 3, 3)
    return {
        "late": _view(_letter("2025Z01001", day, day + dt.timedelta(days=35), number=1001)),
        "on_time": _view(_letter("2025Z01002", day, day + dt.timedelta(days=14), number=1002)),
        "delayed": _view(_letter("2025Z01003", day, day + dt.timedelta(days=40), number=1003)),
        "notice": _view(_letter("2025Z01003", day, day + dt.timedelta(days=20), DocKind.DELAY, number=1004)),
        "open": _view(_letter("2025Z01005", day, day, DocKind.QUESTIONS, number=1005)),
    }


def test_case_facts_days_taken_and_late(cases: dict[str, LetterView]) -> None:
    facts = case_facts(cases.values())
    late, on_time = facts[cases["late"]["zaak"]], facts[cases["on_time"]["zaak"]]
    assert (late.days, late.late, late.delay_notice) == (35, True, False)
    assert (on_time.days, on_time.late) == (14, False)
    delayed = facts[cases["delayed"]["zaak"]]
    assert (delayed.days, delayed.delay_notice, delayed.late) == (40, True, False)  # the notice came in time
    opened = facts[cases["open"]["zaak"]]
    assert (opened.submitted, opened.answered, opened.days, opened.late) == ("2025-03-03", None, None, None)


def test_exactly_three_weeks_is_on_time(cases: dict[str, LetterView]) -> None:
    day = dt.date(2025, 1, 6)
    views = [_view(_letter("2025Z02001", day, day + dt.timedelta(days=21), number=2001)),
             _view(_letter("2025Z02002", day, day + dt.timedelta(days=22), number=2002))]
    assert [f.late for f in case_facts(views).values()] == [False, True]


def test_letter_pages_show_days_taken_and_the_late_mark(cases: dict[str, LetterView]) -> None:
    files = _render(list(cases.values()))
    late = _text(files[cases["late"]["page"] + "/index.html"])
    assert "35 dagen te laat" in late
    on_time = _text(files[cases["on_time"]["page"] + "/index.html"])
    assert "14 dagen op tijd" in on_time and "te laat" not in on_time
    delayed = _text(files[cases["delayed"]["page"] + "/index.html"])
    assert "40 dagen uitstel gemeld" in delayed and "te laat" not in delayed
    notice = files[cases["notice"]["page"] + "/index.html"].decode()
    assert "Uitstelbericht" in notice
    front = _text(files["index.html"])
    assert "35 dagen te laat" in front and "14 dagen op tijd" in front  # every list entry shows days taken


def test_letter_page_links_the_official_publication_and_the_zaak(cases: dict[str, LetterView]) -> None:
    page = _render([cases["late"]])[cases["late"]["page"] + "/index.html"].decode()
    assert 'href="https://zoek.officielebekendmakingen.nl/ah-tk-20242025-1001"' in page
    assert 'href="https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2025Z01001"' in page
    assert "ah-tk-20242025-1001.txt" in page and f"sha256 {1001:064x}" in page  # the source file


def test_a_table_in_an_answer_is_a_table(cases: dict[str, LetterView]) -> None:
    start = TABLE_TEXT.index("Jaar")
    end = TABLE_TEXT.index(" Dat is")
    table = {"start": start, "end": end, "rows": [["Jaar", "Aanvragen"], ["2023", "120"], ["2024", "145"]],
             "header": True}
    day = dt.date(2025, 3, 3)
    letter = _letter("2025Z03001", day, day + dt.timedelta(days=10), number=3001, text=TABLE_TEXT)
    model = SimpleNamespace(questions=letter.questions,
                            answers=[SimpleNamespace(questions=(1,), tables=()),
                                     SimpleNamespace(questions=(2,), tables=(table,))])
    view = _view(letter, model)
    assert view["answers"][1]["tables"] == [table] and view["answers"][0]["tables"] == []
    page = _render([view])[view["page"] + "/index.html"].decode()
    assert ('<table class="data"><thead><tr><th>Jaar</th><th>Aanvragen</th></tr></thead>'
            "<tbody><tr><td>2023</td><td>120</td></tr><tr><td>2024</td><td>145</td></tr></tbody></table>") in page
    assert "<p>De aantallen per jaar:</p>" in page and "<p>Dat is een stijging.</p>" in page
    assert "Jaar Aanvragen 2023" not in page  # the run-on numbers are gone


def test_a_letter_without_a_subject_gets_the_best_the_data_has() -> None:
    day = dt.date(2025, 3, 3)
    view = _view(_letter("2025Z04001", day, day, number=4001, title=None))
    assert view["title"] == "Kent u het bericht over de veerdienst naar het eiland?"
    front = _render([view])["index.html"].decode()
    assert ">Kent u het bericht over de veerdienst naar het eiland?</a>" in front


def test_members_are_shown_with_their_full_names() -> None:
    assert full_name(f"{BASE}persoon/12941235-4f71-4670-bc25-08180586437d", BASE) == "Max Aardema"
    assert full_name(f"{BASE}persoon/jansen", BASE) is None
    converted = convert_letter(ROOT / "examples" / "letters" / "ah-tk-20232024-9901.xml")
    view = letter_view(converted.graph, BASE, converted.letter)
    [matched] = [m for m in view["askers"] if m["full_name"]]
    assert (matched["name"], matched["full_name"]) == ("Van Dijk", "Jasper van Dijk")
    page = _text(_render([view])[view["page"] + "/index.html"])
    assert "Jasper van Dijk" in page


def test_unit_keys_change_only_where_the_bytes_can(cases: dict[str, LetterView]) -> None:
    views = list(cases.values())
    site = SiteInput(views=tuple(views), names={}, base=BASE, downloads=())
    before = {u.name: u.key for u in site_units(site)}
    changed: LetterView = {**cases["on_time"], "title": "een ander onderwerp"}
    after_units = list(site_units(SiteInput(views=tuple(changed if v is cases["on_time"] else v for v in views),
                                            names={}, base=BASE, downloads=())))
    after = {u.name: u.key for u in after_units}
    assert before.keys() == after.keys()
    differ = {name for name in before if before[name] != after[name]}
    assert f"case/{cases['on_time']['zaak_page']}" in differ and "front" in differ
    assert f"case/{cases['late']['zaak_page']}" not in differ and "ontology" not in differ
    assert any(name.startswith("persoon/") for name in differ)  # the askers' pages list its subject
    again = {u.name: u.render() for u in site_units(site)}
    assert again == {u.name: u.render() for u in site_units(site)}  # byte-identical reruns


def test_forwarding_pages_lead_to_each_question_and_answer(cases: dict[str, LetterView]) -> None:
    view = cases["late"]
    files = _render([view])
    question = files[f"{view['zaak_page']}/vraag/2/index.html"].decode()
    assert 'url=../../' in question and "#vraag-2" in question
    answer = next(a for a in view["answers"] if a["numbers"] == [2])
    folder = answer["iri"][len(BASE):]
    forward = files[f"{folder}/index.html"].decode()
    target = re.search(r'url=([^"]+)"', forward).group(1)  # type: ignore[union-attr]
    assert target.endswith(f"index.html#{answer['anchor']}")
    assert f'id="{answer["anchor"]}"' in files[view["page"] + "/index.html"].decode()


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "examples" / "letters").iterdir()))
def test_a_view_is_the_same_from_pyoxigraph_triples_and_from_rdflib(name: str) -> None:
    from converter.fastpath import oxigraph_triples

    converted = convert_letter(ROOT / "examples" / "letters" / name)
    from_graph = letter_view(converted.graph, BASE, converted.letter)
    assert from_graph == letter_view(converted.graph, BASE, converted.letter, triples=oxigraph_triples(converted.graph))
    assert from_graph["title"].strip()  # never a letter without a subject


def test_the_source_links_the_official_file_where_it_is_one(cases: dict[str, LetterView]) -> None:
    converted = convert_letter(ROOT / "examples" / "letters" / "ah-tk-20232024-9901.xml")
    view = letter_view(converted.graph, BASE, converted.letter)
    url = "https://zoek.officielebekendmakingen.nl/ah-tk-20232024-9901.xml"
    assert view["source"] and view["source"]["href"] == url
    page = _render([view])[view["page"] + "/index.html"].decode()
    assert f'<a href="{url}">ah-tk-20232024-9901.xml</a>' in page
    assert cases["late"]["source"] and cases["late"]["source"]["href"] is None  # a text file of our own: no link


def test_each_footnote_has_its_anchor_on_the_page() -> None:
    converted = convert_letter(ROOT / "examples" / "letters" / "ah-tk-20232024-9901.xml")
    view = letter_view(converted.graph, BASE, converted.letter)
    assert view["footnotes"]
    page = _render([view])[view["page"] + "/index.html"].decode()
    for note in view["footnotes"]:
        assert page.count(f'id="{note["anchor"]}"') == 1, note["anchor"]


def test_a_zaak_page_has_data_of_its_own(cases: dict[str, LetterView]) -> None:
    import pyoxigraph as ox

    view = cases["late"]
    files = _render([view])
    folder = view["zaak_page"]
    page = files[f"{folder}/index.html"].decode()
    assert '<link rel="alternate" type="text/turtle" href="index.ttl">' in page
    triples = list(ox.parse(files[f"{folder}/index.ttl"], format=ox.RdfFormat.TURTLE))
    questions = {t.subject.value for t in triples if t.predicate.value == "http://purl.org/dc/terms/isPartOf"}
    assert questions == {q["iri"] for q in view["questions"]}
    responds = [t for t in triples if t.predicate.value == "https://w3id.org/kamervragen/def#respondsTo"]
    assert [(t.subject.value, t.object.value) for t in responds] == [(view["doc"], view["zaak"])]
    assert b'"@context"' in files[f"{folder}/index.jsonld"]


def test_a_word_answer_with_a_table_shows_it_as_a_table(tmp_path: Path) -> None:
    from test_tables import add_table, word_letter

    rows = [["Provincie", "Aanvragen"], ["Groningen", "41"], ["Drenthe", "17"]]

    def answer(document) -> None:  # noqa: ANN001 - a python-docx Document
        document.add_paragraph("Het aantal aanvragen per provincie:")
        add_table(document, rows)
        document.add_paragraph("Dat is minder dan vorig jaar.")

    converted = convert_letter(word_letter(tmp_path / "tabel.docx", answer))
    view = letter_view(converted.graph, BASE, converted.letter)
    [table] = [t for a in view["answers"] for t in a["tables"]]
    assert table["rows"] == rows and table["header"] is False
    page = _render([view])[view["page"] + "/index.html"].decode()
    assert ("<tbody><tr><td>Provincie</td><td>Aanvragen</td></tr><tr><td>Groningen</td><td>41</td></tr>"
            "<tr><td>Drenthe</td><td>17</td></tr></tbody>") in page
    assert "<thead>" not in page  # no header row printed, none made up
