"""`kamervragen publish`: the dataset's files, that they agree with each other, determinism, and that a failed
run never leaves a half-written dataset. Letters are our own, in tests/fixtures/publish/."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from pyld import jsonld
from rdflib import RDF, Dataset, Graph, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from converter.cli import main
from converter.graph import graph_iri
from converter.read import read_letter

FIXTURES = Path(__file__).parent / "fixtures" / "publish"
LETTERS = sorted(p for p in FIXTURES.glob("*.txt") if p.name != "boodschappen.txt")
NOT_A_LETTER = FIXTURES / "boodschappen.txt"
DUMPS = ("kamervragen.trig", "kamervragen.nq", "kamervragen.ttl", "kamervragen.nt.gz", "kamervragen.jsonld")


def publish(out: Path, *inputs: Path, extra: tuple[str, ...] = ()):
    """Run `kamervragen publish` in-process and return click's result."""
    return CliRunner().invoke(main, ["publish", *map(str, inputs), "--out", str(out), *extra])


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below a folder (the SPARQL store left out: it is not part of the published bytes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".store" not in p.relative_to(folder).parts}


def assert_same_graph(expected: Graph, actual: Graph) -> None:
    if not isomorphic(expected, actual):
        _, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
        pytest.fail(f"graphs differ\nonly expected:\n{only_expected.serialize(format='nt')}"
                    f"\nonly actual:\n{only_actual.serialize(format='nt')}")


def refuse_network(url: str, options: dict | None = None) -> dict:
    raise AssertionError(f"JSON-LD processing tried to load {url}: the dataset must not need the network")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Our letters plus one file that is no letter, published once for the module."""
    out = tmp_path_factory.mktemp("publish") / "output"
    result = publish(out, *LETTERS, NOT_A_LETTER)
    assert result.exit_code == 2, result.output  # one input is not a letter: reported, the rest published
    return out


@pytest.fixture(scope="module")
def turtle(published: Path) -> Graph:
    return Graph().parse(published / "data" / "kamervragen.ttl", format="turtle")


def test_the_layout_other_tools_rely_on(published: Path) -> None:
    for name in DUMPS + ("catalog.ttl",):
        assert (published / "data" / name).stat().st_size > 0, name
    for path in ("ontology/kamervragen.ttl", "ontology/context.jsonld", "ontology/index.html", "index.html",
                 "summary.json", "shapes/catalog/catalog-shapes.ttl"):
        assert (published / path).is_file(), path
    assert sorted((published / "shapes").glob("*.ttl")), "our shapes are shipped beside the data"
    root = Path(__file__).resolve().parents[1]
    shipped = (published / "ontology" / "kamervragen.ttl").read_bytes()
    assert shipped == (root / "ontology" / "kamervragen.ttl").read_bytes()
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(published.stat().st_mode) == 0o777 & ~mask, "a web server can read the dataset"


def test_summary_names_published_failed_and_warnings(published: Path) -> None:
    summary = json.loads((published / "summary.json").read_text(encoding="utf-8"))
    assert summary["letters"] == {"published": len(LETTERS), "failed": 1}
    assert [Path(item["file"]).name for item in summary["published"]] == [p.name for p in LETTERS]
    [failed] = summary["failed"]
    assert failed["kind"] == "unreadable" and "boodschappen.txt" in failed["reason"]
    assert "expected" in failed["reason"]  # the reader's message says what it looked for
    assert isinstance(summary["warnings"], dict)
    listed = set(summary["files"])
    assert listed == set(tree(published)) - {"summary.json"}


def test_one_named_graph_per_letter(published: Path) -> None:
    ds = Dataset()
    ds.parse(published / "data" / "kamervragen.trig", format="trig")
    names = {g.identifier for g in ds.graphs() if len(g)}
    assert names == {graph_iri(read_letter(p)) for p in LETTERS}


def test_trig_and_nquads_hold_the_same_quads_as_turtle_holds_triples(published: Path, turtle: Graph) -> None:
    by_format = {}
    for name, fmt in (("kamervragen.trig", "trig"), ("kamervragen.nq", "nquads")):
        ds = Dataset()
        ds.parse(published / "data" / name, format=fmt)
        by_format[fmt] = {str(g.identifier): g for g in ds.graphs() if len(g)}
        union = Graph()
        for g in by_format[fmt].values():
            union += g
        assert_same_graph(turtle, union)
    assert by_format["trig"].keys() == by_format["nquads"].keys()
    for name, g in by_format["trig"].items():
        assert isomorphic(g, by_format["nquads"][name]), name


def test_rdflib_and_pyoxigraph_read_the_same_dump(published: Path, turtle: Graph) -> None:
    nt = gzip.decompress((published / "data" / "kamervragen.nt.gz").read_bytes())
    assert_same_graph(turtle, Graph().parse(data=nt, format="nt"))
    for name, fmt in (("kamervragen.ttl", ox.RdfFormat.TURTLE),
                      ("kamervragen.nt.gz", ox.RdfFormat.N_TRIPLES)):
        data = (published / "data" / name).read_bytes()
        data = gzip.decompress(data) if name.endswith(".gz") else data
        triples = list(ox.parse(data, format=fmt))
        as_nt = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        assert_same_graph(turtle, Graph().parse(data=as_nt, format="nt"))
    for name, fmt in (("kamervragen.trig", ox.RdfFormat.TRIG), ("kamervragen.nq", ox.RdfFormat.N_QUADS)):
        quads = list(ox.parse((published / "data" / name).read_bytes(), format=fmt))
        assert len({q.graph_name for q in quads}) == len(LETTERS)
        triples = ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads],
                               format=ox.RdfFormat.N_TRIPLES)
        assert_same_graph(turtle, Graph().parse(data=triples, format="nt"))


def test_jsonld_expands_offline_to_the_turtle_triples(published: Path, turtle: Graph) -> None:
    doc = json.loads((published / "data" / "kamervragen.jsonld").read_text(encoding="utf-8"))
    assert isinstance(doc["@context"], dict), "the context is inline, never a remote URL"
    nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": refuse_network})
    assert_same_graph(turtle, Graph().parse(data=nquads, format="nquads"))


def test_every_page_alternate_expands_to_its_turtle(published: Path) -> None:
    pages = sorted(published.rglob("index.ttl"))
    assert len(pages) > len(LETTERS)
    for ttl in pages:
        doc = json.loads(ttl.with_suffix(".jsonld").read_text(encoding="utf-8"))
        nquads = jsonld.to_rdf(doc, {"format": "application/n-quads", "documentLoader": refuse_network})
        expanded = Graph().parse(data=nquads, format="nquads")
        assert isomorphic(Graph().parse(ttl, format="turtle"), expanded), ttl


def test_gzip_dump_carries_no_time_or_file_name(published: Path) -> None:
    header = (published / "data" / "kamervragen.nt.gz").read_bytes()[:10]
    assert header[:2] == b"\x1f\x8b"
    assert header[3] & 0x08 == 0, "no original file name in the header"
    assert header[4:8] == b"\0\0\0\0", "no modification time in the header"


def test_same_letters_give_the_same_bytes_in_another_process(published: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    code = "from converter.cli import main; main()"
    args = [sys.executable, "-c", code, "publish", *map(str, LETTERS), str(NOT_A_LETTER), "--out", str(again)]
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 2, done.stderr
    first, second = tree(published), tree(again)
    assert first.keys() == second.keys()
    changed = [path for path in first if first[path] != second[path]]
    assert not changed, f"files differ between two runs: {changed[:10]}"


def test_a_failed_run_leaves_the_earlier_dataset_untouched(published: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "output"
    shutil.copytree(published, out)
    before = tree(out)

    def broken_site(*args, **kwargs):
        raise RuntimeError("disk full while rendering")

    monkeypatch.setattr("converter.publish.dataset.site_files", broken_site)
    result = publish(out, LETTERS[0])
    assert result.exit_code != 0
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["output"], "no half-built folder is left beside it"


def test_a_catalogue_violation_fails_the_publish_with_exit_1(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from rdflib.namespace import DCTERMS

    import converter.publish.dataset as dataset

    real = dataset.build_catalog

    def without_licence(*args, **kwargs):
        g = real(*args, **kwargs)
        g.remove((None, DCTERMS.license, None))
        return g

    monkeypatch.setattr(dataset, "build_catalog", without_licence)
    out = tmp_path / "output"
    result = publish(out, LETTERS[0])
    assert result.exit_code == 1, result.output
    assert "CatalogDistributionShape-license" in result.output
    assert not out.exists()


def test_nothing_to_publish_is_an_input_error_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "output"
    result = publish(out, NOT_A_LETTER)
    assert result.exit_code == 2
    assert "boodschappen.txt" in result.output and "nothing to publish" in result.output
    assert not out.exists()


def test_the_same_letter_twice_is_left_out_once(tmp_path: Path) -> None:
    copy = tmp_path / "kopie" / LETTERS[0].name
    copy.parent.mkdir()
    shutil.copyfile(LETTERS[0], copy)
    out = tmp_path / "output"
    result = publish(out, LETTERS[0], copy)
    assert result.exit_code == 2
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["letters"] == {"published": 1, "failed": 1}
    assert summary["failed"][0]["kind"] == "duplicate" and str(LETTERS[0]) in summary["failed"][0]["reason"]


def test_files_publish_did_not_write_are_kept_or_block_the_run(published: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    shutil.copytree(published, out)
    (out / "letters").mkdir()
    (out / "letters" / "mine.ttl").write_text("# converted by hand\n", encoding="utf-8")
    (out / "zaak" / "stale").mkdir()  # inside a folder publish owns: replaced with the rest
    assert publish(out, LETTERS[0]).exit_code == 0
    assert (out / "letters" / "mine.ttl").read_text(encoding="utf-8") == "# converted by hand\n"
    assert not (out / "zaak" / "stale").exists()

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "index.html").write_text("<p>my own site</p>", encoding="utf-8")
    result = publish(foreign, LETTERS[0])
    assert result.exit_code == 2
    assert "index.html" in result.output
    assert [p.name for p in foreign.iterdir()] == ["index.html"]
    assert (foreign / "index.html").read_text(encoding="utf-8") == "<p>my own site</p>"


def test_catalogue_checksums_are_of_the_files_written(published: Path) -> None:
    from rdflib.namespace import DCAT

    from converter.vocab import SPDX

    catalog = Graph().parse(published / "data" / "catalog.ttl", format="turtle")
    seen = set()
    for dist in catalog.subjects(DCAT.downloadURL, None):
        url = str(catalog.value(dist, DCAT.downloadURL))
        path = published / url.split("/id/", 1)[1]
        data = path.read_bytes()
        assert int(catalog.value(dist, DCAT.byteSize)) == len(data), path
        checksum = catalog.value(dist, SPDX.checksum)
        assert str(catalog.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest(), path
        seen.add(path.name)
    assert seen == set(DUMPS)
    urls = set(catalog.objects(None, DCAT.downloadURL))
    assert URIRef("https://w3id.org/kamervragen/id/data/kamervragen.ttl") in urls


def test_each_ministry_has_a_page_listing_the_letters_of_its_offices(published: Path, turtle: Graph) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    schema = Namespace("https://schema.org/")
    ministries = set(turtle.subjects(RDF.type, schema.GovernmentOrganization))
    assert ministries, "every 'Minister van X' office is a post in the ministry X"
    index = (published / "index.html").read_text(encoding="utf-8")
    for ministry in ministries:
        folder = str(ministry).split("/id/", 1)[1]
        page = (published / folder / "index.html").read_text(encoding="utf-8")
        name = str(turtle.value(ministry, schema.name))
        assert f"<h1>{html.escape(name)}</h1>" in page and f'href="{folder}/index.html"' in index
        for office in turtle.subjects(org.postIn, ministry):
            assert html.escape(str(turtle.value(office, schema.name))) in page
