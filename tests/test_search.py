"""Search (site.search): what each letter's document holds, how the index is split by year, and that the index
Pagefind writes is the same bytes on every run (built by the real binary from the pagefind_bin wheel)."""

from __future__ import annotations

import json
import re

import pytest
from viewfactory import generated_views, letter, member, office

from converter.site.search import FOLDER, UI, UNDATED, search_documents, search_units
from converter.site.viewtypes import LetterView, SiteInput

VISSERIJ = office("mnre1045", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur", "Staatssecretaris")
ASKER = member("zeewolde", "Zeewolde", ("p-pvdd", "PvdD"), "Jan")
QUESTIONS = ["Kent u het bericht «Boeren & vissers <samen> tegen de garnalenstop»?",
             "Hoeveel garnalenvissers hebben hun vergunning ingeleverd?"]


def _views() -> tuple[LetterView, ...]:
    asked = letter("2024Z17001", "WrittenQuestions", title="Garnalenvisserij", submitted="2024-02-28", issued=None,
                   askers=[ASKER], addressee=VISSERIJ, questions=QUESTIONS, answers=[])
    answered = letter("2024Z17001", title="Garnalenvisserij", submitted="2024-02-28", issued="2024-03-20",
                      askers=[ASKER], addressee=VISSERIJ, questions=QUESTIONS,
                      answers=[([1], "Ja."), ([2], "Veertien garnalenvissers.")], number="ah-tk-20232024-9101")
    undated = letter("2023Z00001", title="Dijken", submitted=None, issued=None, askers=[ASKER], addressee=VISSERIJ,
                     questions=["Hoe hoog zijn de dijken?"], answers=[], number="ah-tk-x")
    return tuple(sorted((asked, answered, undated), key=lambda v: v["graph"]))


def _site(views: tuple[LetterView, ...]) -> SiteInput:
    return SiteInput(views=views, names={}, base="https://w3id.org/kamervragen/id/", downloads=())


def test_a_question_shown_by_two_letters_is_indexed_once_beside_its_answer() -> None:
    shards = search_documents(_views(), {})
    docs = [d for documents in shards.values() for d in documents]
    with_question = [d for d in docs if "garnalenvissers hebben" in d["html"]]
    assert [d["url"] for d in with_question] == ["/aanhangsel/ah-tk-20232024-9101/index.html"]
    html = with_question[0]["html"]
    assert '<h2 id="vraag-2">Vraag 2</h2>' in html and '<h2 id="antwoord-2">Antwoord op vraag 2</h2>' in html
    assert html.index('id="vraag-2"') < html.index('id="antwoord-2"')
    questions_alone = next(d for d in docs if d["url"] == "/zaak/2024Z17001/index.html")
    assert "vraag-1" not in questions_alone["html"]


def test_a_letter_is_found_by_its_names_and_its_text_is_escaped() -> None:
    html = next(d["html"] for ds in search_documents(_views(), {}).values() for d in ds
                if d["url"].startswith("/aanhangsel/ah-tk-20232024-9101/"))
    for words in ("Jan Zeewolde (PvdD)", "Staatssecretaris van Landbouw", "ah-tk-20232024-9101", "2024Z17001"):
        assert words in html, words
    assert "&lt;samen&gt;" in html and "<samen>" not in html
    assert 'data-pagefind-meta="datum:2024-03-20"' in html


def test_the_index_is_split_by_year_newest_first_and_undated_last() -> None:
    shards = search_documents(_views(), {})
    assert list(shards) == ["2024", UNDATED]
    many = tuple(sorted(generated_views(30), key=lambda v: v["graph"]))
    years = list(search_documents(many, {}))
    assert years == sorted(years, reverse=True) and len(years) > 5


def test_adding_a_letter_changes_only_its_years_index() -> None:
    views = tuple(sorted(generated_views(24), key=lambda v: v["graph"]))
    before = {u.name: u.key for u in search_units(_site(views))}
    extra = next(v for v in generated_views(1, start=24) if v["kind"] == "AnswerLetter")
    year = (extra["issued"] or "")[:4]
    after = {u.name: u.key for u in search_units(_site(tuple(sorted([*views, extra], key=lambda v: v["graph"]))))}
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert changed == [f"search/{year}"], changed


@pytest.fixture(scope="module")
def rendered() -> list[dict[str, bytes]]:
    """The search files of the same views, rendered twice (two Pagefind processes)."""
    views = tuple(sorted([*_views(), *generated_views(40)], key=lambda v: v["graph"]))
    runs = []
    for _ in range(2):
        files: dict[str, bytes] = {}
        for unit in search_units(_site(views)):
            files.update(unit.render())
        runs.append(files)
    return runs


def test_the_index_is_the_same_bytes_on_a_rerun(rendered: list[dict[str, bytes]]) -> None:
    first, second = rendered
    assert sorted(first) == sorted(second)
    assert [p for p in first if first[p] != second[p]] == []
    assert any(p.endswith(".pf_fragment") for p in first) and any(p.endswith(".pf_index") for p in first)


def test_the_search_page_loads_only_files_of_the_site(rendered: list[dict[str, bytes]]) -> None:
    files = rendered[0]
    page = files[f"{FOLDER}/index.html"].decode("utf-8")
    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert f"{UI}/pagefind-ui.js" in refs and f"{UI}/pagefind-ui.css" in refs
    for ref in refs:
        assert not re.match(r"^(https?:)?//", ref), f"the search page loads {ref} from elsewhere"
        if ref.startswith(UI):
            assert f"{FOLDER}/{ref}" in files, ref
    years = json.loads(re.search(r'id="shards">(.*?)</script>', page).group(1))  # type: ignore[union-attr]
    for year in years:
        for name in ("pagefind.js", "pagefind-worker.js", "wasm.nl.pagefind", "pagefind-entry.json"):
            assert f"{FOLDER}/{year}/pagefind/{name}" in files, (year, name)
        assert f"{FOLDER}/{year}/pagefind/pagefind-ui.js" not in files  # the search box is written once
