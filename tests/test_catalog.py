"""The catalogue record (data/catalog.ttl): DCAT-AP-NL 3.0 and VoID, checked by our shapes in shapes/catalog/
on every publish and, where ../shared is present, by the official DCAT-AP-NL 3.0 shapes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyshacl import validate as shacl_validate
from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SH, VOID

from converter.catalog import CatalogSettings, build_catalog, catalog_shapes, validate_catalog
from converter.cli import main
from converter.validate import shape_names
from converter.vocab import SPDX

FIXTURES = Path(__file__).parent / "fixtures" / "publish"
LETTERS = sorted(p for p in FIXTURES.glob("*.txt") if p.name != "boodschappen.txt")
OFFICIAL = Path(__file__).resolve().parents[2] / "shared" / "dcat-ap-nl-3.0"
ENDPOINT = "https://data.example.org/kamervragen/sparql"
BASE = "https://w3id.org/kamervragen/id/"
DATASET = URIRef(f"{BASE}dataset")
# The recommended DCAT-AP-NL properties the record leaves out, as listed in the README.
LEFT_OUT_WITHOUT_ENDPOINT = {"DistributionShape_accessService_aanbevolen_minCount"}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("catalog") / "output"
    result = CliRunner().invoke(main, ["publish", *map(str, LETTERS), "--out", str(out), "--sparql-endpoint",
                                       ENDPOINT, "--contact-email", "open-data@example.org"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def record(published: Path) -> Graph:
    return Graph().parse(published / "data" / "catalog.ttl", format="turtle")


def official_shapes() -> Graph:
    if not OFFICIAL.is_dir():
        pytest.skip(f"the official DCAT-AP-NL 3.0 shapes are absent: expected them in {OFFICIAL}")
    shapes = Graph()
    for path in sorted(OFFICIAL.glob("*.ttl")):
        shapes.parse(path, format="turtle")
    return shapes


def official_findings(record: Graph) -> tuple[bool, set[tuple[str, str]]]:
    conforms, results, _ = shacl_validate(record, shacl_graph=official_shapes(), inference="none",
                                          allow_warnings=True)
    found = {(str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
              str(results.value(r, SH.sourceShape)).rsplit("/", 1)[-1])
             for r in results.subjects(RDF.type, SH.ValidationResult)}
    return bool(conforms), found


def test_record_conforms_to_our_shapes(record: Graph) -> None:
    report = validate_catalog(record)
    assert report.conforms and not report.findings, report.findings


def test_record_with_endpoint_conforms_to_the_official_shapes_without_any_finding(record: Graph) -> None:
    conforms, found = official_findings(record)
    assert conforms
    assert found == set(), "with a SPARQL endpoint every recommended property is given"


def test_record_without_endpoint_leaves_out_only_the_documented_recommendations(record: Graph) -> None:
    service = record.value(predicate=RDF.type, object=DCAT.DataService)
    record.remove((service, None, None))
    record.remove((None, None, service))
    conforms, found = official_findings(record)
    assert conforms
    assert {shape for _, shape in found} == LEFT_OUT_WITHOUT_ENDPOINT
    assert {severity for severity, _ in found} == {"Warning"}


def test_data_service_only_where_an_endpoint_is_configured(published: Path) -> None:
    merged = Graph().parse(published / "data" / "kamervragen.ttl", format="turtle")
    plain = build_catalog(CatalogSettings(BASE), [], merged, [dt.date(2024, 1, 1)], 1)
    assert (None, RDF.type, DCAT.DataService) not in plain
    with_service = build_catalog(CatalogSettings(BASE, sparql_endpoint=ENDPOINT), [], merged, [], 1)
    assert (None, DCAT.endpointURL, URIRef(ENDPOINT)) in with_service


def test_mandatory_fields_are_there(record: Graph) -> None:
    for lang in ("nl", "en"):
        for pred in (DCTERMS.title, DCTERMS.description):
            assert any(v.language == lang for v in record.objects(DATASET, pred)), (pred, lang)
    assert record.value(DATASET, DCTERMS.identifier) == Literal(str(DATASET))
    publisher = record.value(DATASET, DCTERMS.publisher)
    assert record.value(publisher, FOAF.name) == Literal("kamervragen-ld")
    contact = record.value(DATASET, DCAT.contactPoint)
    emails = set(record.objects(contact, URIRef("http://www.w3.org/2006/vcard/ns#hasEmail")))
    assert emails == {URIRef("mailto:open-data@example.org")}
    assert record.value(DATASET, DCTERMS.accessRights) == URIRef(
        "http://publications.europa.eu/resource/authority/access-right/PUBLIC")
    assert record.value(DATASET, DCAT.theme) is not None
    cc0 = URIRef("http://publications.europa.eu/resource/authority/licence/CC0")
    distributions = set(record.objects(DATASET, DCAT.distribution))
    assert len(distributions) == 5
    assert all(record.value(d, DCTERMS.license) == cc0 for d in distributions)
    service = record.value(predicate=RDF.type, object=DCAT.DataService)
    assert record.value(service, DCAT.endpointURL) == URIRef(ENDPOINT)
    assert record.value(service, DCAT.servesDataset) == DATASET


def test_temporal_coverage_spans_the_letters_dates(published: Path, record: Graph) -> None:
    data = Graph().parse(published / "data" / "kamervragen.ttl", format="turtle")
    dates = sorted(v.toPython() for p in (DCTERMS.issued, DCTERMS.dateSubmitted)
                   for v in data.objects(None, p))
    period = record.value(DATASET, DCTERMS.temporal)
    assert record.value(period, DCAT.startDate) == Literal(dates[0], datatype=XSD.date)
    assert record.value(period, DCAT.endDate) == Literal(dates[-1], datatype=XSD.date)


def test_void_figures_describe_the_dump(published: Path, record: Graph) -> None:
    data = Graph().parse(published / "data" / "kamervragen.ttl", format="turtle")
    assert int(record.value(DATASET, VOID.triples)) == len(data)
    assert int(record.value(DATASET, VOID.classes)) == len(set(data.objects(None, RDF.type)))
    entities = {s for s in data.subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)}
    assert int(record.value(DATASET, VOID.entities)) == len(entities)
    assert str(record.value(DATASET, VOID.uriSpace)) == BASE
    dumps = {str(u).rsplit("/", 1)[-1] for u in record.objects(DATASET, VOID.dataDump)}
    assert dumps == {p.name for p in (published / "data").glob("kamervragen.*")}


def _drop(s: object, p: URIRef, lang: str | None = None) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        subjects = [s] if s is not None else list(g.subjects(p, None))[:1]
        for subject in subjects:
            for o in list(g.objects(subject, p)):
                if lang is None or getattr(o, "language", None) == lang:
                    g.remove((subject, p, o))
    return change


def _set(cls: URIRef, p: URIRef, value: object) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        nodes = g.objects(None, SPDX.checksum) if cls == SPDX.checksum else g.subjects(RDF.type, cls)
        node = sorted(nodes)[0]
        g.set((node, p, value))
    return change


BROKEN = {
    "CatalogCatalogShape-dataset": _drop(URIRef(f"{BASE}catalogus"), DCAT.dataset),
    "CatalogCatalogShape-title-en": _drop(URIRef(f"{BASE}catalogus"), DCTERMS.title, "en"),
    "CatalogDatasetShape-title-en": _drop(DATASET, DCTERMS.title, "en"),
    "CatalogDatasetShape-description-nl": _drop(DATASET, DCTERMS.description, "nl"),
    "CatalogDatasetShape-identifier": _drop(DATASET, DCTERMS.identifier),
    "CatalogDatasetShape-publisher": _drop(DATASET, DCTERMS.publisher),
    "CatalogDatasetShape-contactPoint": _drop(DATASET, DCAT.contactPoint),
    "CatalogDatasetShape-accessRights": _set(DCAT.Dataset, DCTERMS.accessRights, URIRef("https://example.org/open")),
    "CatalogDatasetShape-theme": _set(DCAT.Dataset, DCAT.theme, URIRef("https://example.org/politiek")),
    "CatalogDatasetShape-temporal": _drop(DATASET, DCTERMS.temporal),
    "CatalogDatasetShape-triples": _drop(DATASET, VOID.triples),
    "CatalogDatasetShape-uriSpace": _drop(DATASET, VOID.uriSpace),
    "CatalogDatasetShape-dataDump": _drop(DATASET, VOID.dataDump),
    "CatalogPeriodShape-endDate": _set(DCTERMS.PeriodOfTime, DCAT.endDate, Literal("eind 2024")),
    "CatalogAgentShape-name": _drop(None, FOAF.name),
    "CatalogDistributionShape-byteSize": _set(DCAT.Distribution, DCAT.byteSize, Literal("12 kB")),
    "CatalogDistributionShape-mediaType": _set(DCAT.Distribution, DCAT.mediaType, Literal("text/turtle")),
    "CatalogChecksumShape-checksumValue": _set(SPDX.checksum, SPDX.checksumValue,
                                               Literal("abc", datatype=XSD.hexBinary)),
    "CatalogChecksumShape-algorithm": _set(SPDX.checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha1),
    "CatalogDataServiceShape-endpointURL": _drop(None, DCAT.endpointURL),
}


def _drop_licence_of_one_distribution(g: Graph) -> None:
    dist = sorted(g.subjects(RDF.type, DCAT.Distribution))[0]
    g.remove((dist, DCTERMS.license, None))


BROKEN["CatalogDistributionShape-license"] = _drop_licence_of_one_distribution


@pytest.mark.parametrize("shape", sorted(BROKEN))
def test_each_catalogue_rule_fires_alone(record: Graph, shape: str) -> None:
    BROKEN[shape](record)
    report = validate_catalog(record)
    assert not report.conforms
    assert shape_names(report) == {shape}, report.findings


def test_catalogue_shapes_are_valid_shacl_and_all_named() -> None:
    shapes = catalog_shapes()
    conforms, _, text = shacl_validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    named = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert named and not any(isinstance(s, BNode) for s in named)
    assert not any(isinstance(s, BNode) for s in shapes.objects(None, SH.property))
    assert set(shapes.objects(None, SH.property)) <= named
