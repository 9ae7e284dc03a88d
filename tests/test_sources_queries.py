"""The cited works in the published dataset: one resource per work across letters, letters linked to the letters
they cite, and the named queries about sources (checked against counts made in Python over the N-Quads)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from fixtures.sparql.dataset import published_dataset, read_dataset
from rdflib import RDF, Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, PROV

from converter.cli import main
from converter.vocab import KV, SDO

ID = "https://w3id.org/kamervragen/id/"
ARTICLE = "https://nos.nl/artikel/2573311-steeds-meer-schoolgebouwen-te-warm-om-les-te-geven"
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return published_dataset(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="module")
def ds(out: Path) -> Dataset:
    return read_dataset(out)


def rows(out: Path, name: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(main, ["query", name, "--data", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def _letter_graphs(ds: Dataset) -> list[Graph]:
    """The letters' named graphs (not the default graph, which holds their union)."""
    return [g for g in ds.graphs() if str(g.identifier).startswith(f"{ID}graaf/")]


def _works_by_graph(ds: Dataset) -> dict[URIRef, set[URIRef]]:
    """Every cited work (a referenced node that is no footnote), by the letters' graphs citing it."""
    by_work: dict[URIRef, set[URIRef]] = defaultdict(set)
    for graph in _letter_graphs(ds):
        for work in graph.objects(None, DCTERMS.references):
            if (work, RDF.type, KV.Footnote) not in graph:
                by_work[work].add(graph.identifier)  # type: ignore[arg-type]
    return by_work


def test_one_article_cited_by_several_letters_is_one_resource_in_the_dump(out: Path) -> None:
    # two invented letters cite the same NOS article, one as https://nos.nl/..., one as www. with utm_source
    dump = Graph().parse(out / "data" / "kamervragen.ttl", format="turtle")
    works = {s for s in dump.subjects(SDO.url, URIRef(ARTICLE)) if (s, RDF.type, KV.Footnote) not in dump}
    assert len(works) == 1
    (work,) = works
    assert (work, RDF.type, SDO.NewsArticle) in dump
    footnotes = set(dump.subjects(DCTERMS.references, work)) & set(dump.subjects(RDF.type, KV.Footnote))
    letters = {str(f).split("/vraag/")[0].split("/antwoord/")[0] for f in footnotes}
    assert len(footnotes) == 2 and len(letters) == 2, footnotes
    assert any(str(u).startswith("https://www.nos.nl/") for u in dump.objects(work, KV.writtenUrl))


def test_a_letter_citing_another_links_to_it_and_the_network_query_returns_the_link(out: Path, ds: Dataset) -> None:
    citing, cited = URIRef(f"{ID}aanhangsel/ah-tk-20232024-9105"), URIRef(f"{ID}aanhangsel/ah-tk-20232024-9104")
    (answer,) = ds.subjects(KV.answers, URIRef(f"{ID}zaak/doc-{_zaak_key(ds, citing)}/vraag/2"))
    assert (answer, DCTERMS.references, cited) in ds
    converted = {s for s in ds.subjects(PROV.wasDerivedFrom, None)}
    expected = set()
    for graph in _letter_graphs(ds):
        letters = [s for s in graph.subjects(PROV.wasDerivedFrom, None)
                   if not any(graph.subjects(KV.respondsTo, s))]
        for target in set(graph.objects(None, DCTERMS.references)) & converted:
            expected |= {(str(c), str(target)) for c in letters if c != target}
    found = {(r["citing"], r["cited"]) for r in rows(out, "citation-network")}
    assert found == expected == {(str(citing), str(cited))}


def _zaak_key(ds: Dataset, letter: URIRef) -> str:
    zaak = ds.value(letter, KV.respondsTo)
    return str(zaak).rsplit("/doc-", 1)[-1]


def test_most_cited_sources_counts_the_letters_citing_each_work(out: Path, ds: Dataset) -> None:
    expected = {str(w): len(g) for w, g in _works_by_graph(ds).items()}
    found = {r["work"]: int(r["letters"]) for r in rows(out, "most-cited-sources")}
    assert found == expected
    assert max(found.values()) >= 2  # the NOS article of two letters


def test_cited_publishers(out: Path, ds: Dataset) -> None:
    letters: dict[URIRef, set[URIRef]] = defaultdict(set)
    works: dict[URIRef, set[URIRef]] = defaultdict(set)
    for work, graphs in _works_by_graph(ds).items():
        for publisher in ds.objects(work, SDO.publisher):
            letters[publisher] |= graphs  # type: ignore[index]
            works[publisher].add(work)  # type: ignore[index]
    found = {r["publisher"]: (int(r["letters"]), int(r["works"])) for r in rows(out, "cited-publishers")}
    assert found == {str(p): (len(letters[p]), len(works[p])) for p in letters}
    assert found[f"{ID}uitgever/nos"][1] >= 2


def test_sources_by_kind(out: Path, ds: Dataset) -> None:
    kinds: dict[URIRef, set[URIRef]] = defaultdict(set)
    for work in _works_by_graph(ds):
        types = set(ds.objects(work, RDF.type))
        assert SDO.CreativeWork in types, work  # every cited work is one, whatever else it is
        for kind in types - {SDO.CreativeWork} or {SDO.CreativeWork}:
            kinds[kind].add(work)  # type: ignore[index]
    found = {r["kind"]: int(r["works"]) for r in rows(out, "sources-by-kind")}
    assert found == {str(k): len(w) for k, w in kinds.items()}
    assert found[str(KV.ParliamentaryPaper)] >= 1 and found[str(SDO.NewsArticle)] >= 1


def _page(out: Path, iri: str) -> str:
    return (out / iri.removeprefix(ID) / "index.html").read_text(encoding="utf-8")


def test_a_page_per_cited_work_lists_every_letter_citing_it(out: Path, ds: Dataset) -> None:
    for work, graphs in _works_by_graph(ds).items():
        if any((work, RDF.type, k) in ds for k in (KV.AnswerLetter, KV.DelayNotice, KV.WrittenQuestions)):
            continue  # a letter of the dataset: its own page
        page = _page(out, str(work))
        for graph in graphs:
            letter = str(graph).removeprefix(f"{ID}graaf/")
            assert f"{letter}/index.html" in page, (work, letter)
    kst = _page(out, f"{ID}publicatie/kst-35334-250")
    assert "kst-35334-250" in kst and "https://zoek.officielebekendmakingen.nl/kst-35334-250" in kst
    article = _page(out, next(str(w) for w in ds.subjects(SDO.url, URIRef(ARTICLE))
                              if (w, RDF.type, SDO.NewsArticle) in ds))
    assert "aanhangsel/ah-tk-20232024-9105/index.html" in article and "uitgever/nos/index.html" in article


def test_a_page_per_publisher_lists_its_works_and_the_letters(out: Path, ds: Dataset) -> None:
    page = _page(out, f"{ID}uitgever/nos")
    works = [w for w in _works_by_graph(ds) if (w, SDO.publisher, URIRef(f"{ID}uitgever/nos")) in ds]
    assert len(works) >= 2
    for work in works:
        assert f"{str(work).removeprefix(ID)}/index.html" in page
    assert "aanhangsel/ah-tk-20232024-9105/index.html" in page


def test_letter_pages_link_the_letters_citing_and_cited(out: Path) -> None:
    cited = _page(out, f"{ID}aanhangsel/ah-tk-20232024-9104")
    assert 'Geciteerd in</dt><dd><a href="../ah-tk-20232024-9105/index.html">' in cited
    citing = _page(out, f"{ID}aanhangsel/ah-tk-20232024-9105")
    assert 'Bronnen in de tekst: <a href="../ah-tk-20232024-9104/index.html">' in citing
    assert "Bron: <a href=\"../../publicatie/kst-35334-250/index.html\">" in citing  # footnote 2's Kamerstuk
    assert "[None]" not in citing  # the footnote list shows footnotes only, not the works they cite
