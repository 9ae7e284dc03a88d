"""The catalogue record of a published dataset: DCAT-AP-NL 3.0 (catalogue, dataset, distributions, data
service) with a VoID description, checked against shapes/catalog/ on every run.

The record's own IRIs (catalogue, dataset, distributions) are minted here: they name the publication, not
anything in a letter, so graph.py's letter minter has no part in them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, SKOS, VOID

from .graph import bind_prefixes, check_base_iri
from .resources import shapes_dir
from .validate import Report, validate_graph
from .vocab import KV_IRI, SPDX

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"
CC0 = URIRef(f"{EU}licence/CC0")
PUBLIC = URIRef(f"{EU}access-right/PUBLIC")
THEME = URIRef(f"{EU}data-theme/GOVE")
DUTCH = URIRef(f"{EU}language/NLD")
ONTOLOGY = URIRef(KV_IRI.rstrip("#"))
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
VOCABULARIES = (KV_IRI, "https://schema.org/", str(DCTERMS), "http://www.w3.org/ns/prov#", str(SPDX))
DESCRIPTION = {
    "nl": ("Schriftelijke vragen van Tweede Kamerleden en de antwoordbrieven en uitstelberichten van de "
           "regering, als Linked Data: de vragen, de antwoorden (één antwoord kan meerdere vragen "
           "beantwoorden), wie vroeg en namens welke partij, aan wie, wie antwoordde en namens wie, de data, "
           "de kenmerken en "
           "de bronnen uit de voetnoten. {n} brieven."),
    "en": ("Written questions from members of the Dutch House of Representatives and the government's answer "
           "letters and delay notices, as Linked Data: the questions, the answers (one answer may answer "
           "several "
           "questions), who asked and for which party, to whom, who answered and on whose behalf, the dates, "
           "the identifiers and the sources cited in footnotes. {n} letters."),
}
TITLE = {"nl": "Schriftelijke Kamervragen en antwoorden",
         "en": "Dutch parliamentary written questions and answers"}


@dataclass(frozen=True)
class CatalogSettings:
    """Who publishes the dataset, where, and the SPARQL endpoint if there is one."""

    base_iri: str
    publisher: str = "kamervragen-ld"
    contact_email: str | None = None
    sparql_endpoint: str | None = None


@dataclass(frozen=True)
class Distribution:
    """One file of the dataset: its path in the output folder, its media types and title."""

    path: str  # "data/kamervragen.ttl"
    data: bytes
    media_type: str
    file_type: str  # code in the EU file-type list: "RDF_TURTLE"
    title: str
    compress_format: str | None = None


def build_catalog(settings: CatalogSettings, files: Iterable[Distribution], merged: Graph,
                  dates: Iterable[dt.date], letters: int) -> Graph:
    """The DCAT-AP-NL 3.0 catalogue record and VoID description of a dataset made of the given files."""
    base = check_base_iri(settings.base_iri)
    g = bind_prefixes(Graph())
    for prefix, ns in (("dcat", DCAT), ("void", VOID), ("foaf", FOAF), ("vcard", VCARD), ("skos", SKOS)):
        g.bind(prefix, ns)
    catalog, dataset = URIRef(f"{base}catalogus"), URIRef(f"{base}dataset")
    agent, contact = _add_agents(g, base, settings)
    for node, kind in ((catalog, DCAT.Catalog), (dataset, DCAT.Dataset)):
        g.add((node, RDF.type, kind))
        _add_texts(g, node, letters)
        g.add((node, DCTERMS.publisher, agent))
        g.add((node, DCTERMS.creator, agent))
        g.add((node, DCAT.contactPoint, contact))
        g.add((node, DCTERMS.language, DUTCH))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, FOAF.homepage, _document(g, f"{base}index.html")))
    g.add((catalog, DCTERMS.license, CC0))
    _add_dataset(g, base, dataset, dates)
    _add_void(g, base, dataset, merged)
    service = _add_service(g, base, catalog, dataset, agent, contact, settings.sparql_endpoint, letters)
    for item in sorted(files, key=lambda f: f.path):
        _add_distribution(g, base, dataset, item, service)
    _add_vocabulary_terms(g)
    return g


def _add_texts(g: Graph, node: URIRef, letters: int) -> None:
    for lang in ("nl", "en"):
        g.add((node, DCTERMS.title, Literal(TITLE[lang], lang=lang)))
        g.add((node, DCTERMS.description, Literal(DESCRIPTION[lang].format(n=letters), lang=lang)))


def _add_agents(g: Graph, base: str, settings: CatalogSettings) -> tuple[URIRef, URIRef]:
    agent, contact = URIRef(f"{base}dataset/uitgever"), URIRef(f"{base}dataset/contact")
    g.add((agent, RDF.type, FOAF.Agent))
    g.add((agent, RDF.type, FOAF.Organization))
    g.add((agent, FOAF.name, Literal(settings.publisher)))
    g.add((agent, FOAF.homepage, _document(g, f"{base}index.html")))
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(settings.publisher)))
    if settings.contact_email:
        g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.contact_email}")))
    g.add((contact, VCARD.hasURL, URIRef(f"{base}index.html")))
    return agent, contact


def _add_dataset(g: Graph, base: str, dataset: URIRef, dates: Iterable[dt.date]) -> None:
    g.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    g.add((dataset, DCTERMS.accessRights, PUBLIC))
    g.add((dataset, DCAT.theme, THEME))
    g.add((dataset, DCTERMS.conformsTo, ONTOLOGY))
    g.add((dataset, DCAT.landingPage, _document(g, f"{base}index.html")))
    g.add((dataset, FOAF.page, _document(g, f"{base}ontology/index.html")))
    for word in ("Kamervragen", "schriftelijke vragen", "Tweede Kamer", "antwoorden", "parlement"):
        g.add((dataset, DCAT.keyword, Literal(word, lang="nl")))
    known = sorted(set(dates))
    if known:
        period = URIRef(f"{dataset}/periode")
        g.add((dataset, DCTERMS.temporal, period))
        g.add((period, RDF.type, DCTERMS.PeriodOfTime))
        g.add((period, DCAT.startDate, Literal(known[0], datatype=XSD.date)))
        g.add((period, DCAT.endDate, Literal(known[-1], datatype=XSD.date)))


def _add_void(g: Graph, base: str, dataset: URIRef, merged: Graph) -> None:
    g.add((dataset, RDF.type, VOID.Dataset))
    subjects = {s for s in merged.subjects() if isinstance(s, URIRef)}
    g.add((dataset, VOID.triples, Literal(len(merged), datatype=XSD.integer)))
    g.add((dataset, VOID.entities, Literal(sum(1 for s in subjects if str(s).startswith(base)),
                                           datatype=XSD.integer)))
    g.add((dataset, VOID.classes, Literal(len(set(merged.objects(None, RDF.type))), datatype=XSD.integer)))
    g.add((dataset, VOID.properties, Literal(len(set(merged.predicates())), datatype=XSD.integer)))
    g.add((dataset, VOID.distinctSubjects, Literal(len(set(merged.subjects())), datatype=XSD.integer)))
    g.add((dataset, VOID.uriSpace, Literal(base)))
    for vocabulary in VOCABULARIES:
        g.add((dataset, VOID.vocabulary, URIRef(vocabulary)))


def _add_distribution(g: Graph, base: str, dataset: URIRef, item: Distribution,
                      service: URIRef | None) -> None:
    node = URIRef(f"{dataset}/distributie/{item.path.rsplit('/', 1)[-1]}")
    url = URIRef(f"{base}{item.path}")
    checksum = URIRef(f"{node}#checksum")
    g.add((dataset, DCAT.distribution, node))
    g.add((dataset, VOID.dataDump, url))
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(item.title, lang="en")))
    g.add((node, DCAT.downloadURL, url))
    g.add((node, DCAT.accessURL, url))
    g.add((node, DCAT.mediaType, URIRef(f"{IANA}{item.media_type}")))
    g.add((node, DCTERMS["format"], URIRef(f"{EU}file-type/{item.file_type}")))
    if item.compress_format:
        g.add((node, DCAT.compressFormat, URIRef(f"{IANA}{item.compress_format}")))
    g.add((node, DCAT.byteSize, Literal(len(item.data), datatype=XSD.nonNegativeInteger)))
    g.add((node, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    digest = hashlib.sha256(item.data).hexdigest()
    g.add((checksum, SPDX.checksumValue, Literal(digest, datatype=XSD.hexBinary)))
    g.add((node, DCTERMS.license, CC0))
    g.add((node, DCTERMS.language, DUTCH))
    g.add((node, DCTERMS.conformsTo, ONTOLOGY))
    if service is not None:
        g.add((node, DCAT.accessService, service))


def _add_service(g: Graph, base: str, catalog: URIRef, dataset: URIRef, agent: URIRef, contact: URIRef,
                 endpoint: str | None, letters: int) -> URIRef | None:
    if not endpoint:
        return None
    node = URIRef(f"{base}dataset/sparql")
    g.add((catalog, DCAT.service, node))
    g.add((node, RDF.type, DCAT.DataService))
    for lang, title in (("nl", "SPARQL-endpoint voor {t}"), ("en", "SPARQL endpoint for {t}")):
        g.add((node, DCTERMS.title, Literal(title.format(t=TITLE[lang]), lang=lang)))
        g.add((node, DCTERMS.description, Literal(DESCRIPTION[lang].format(n=letters), lang=lang)))
    g.add((node, DCTERMS.identifier, Literal(str(node))))
    g.add((node, DCAT.endpointURL, URIRef(endpoint)))
    g.add((node, DCAT.endpointDescription, URIRef(endpoint)))  # a SPARQL endpoint describes itself (SD)
    g.add((node, DCAT.servesDataset, dataset))
    g.add((node, DCTERMS.conformsTo, SPARQL_PROTOCOL))
    for pred, obj in ((DCTERMS.publisher, agent), (DCTERMS.creator, agent), (DCAT.contactPoint, contact),
                      (DCTERMS.license, CC0), (DCTERMS.accessRights, PUBLIC), (DCAT.theme, THEME),
                      (DCTERMS.language, DUTCH)):
        g.add((node, pred, obj))
    g.add((node, DCAT.keyword, Literal("SPARQL", lang="en")))
    return node


def _document(g: Graph, iri: str) -> URIRef:
    node = URIRef(iri)
    g.add((node, RDF.type, FOAF.Document))
    return node


def _add_vocabulary_terms(g: Graph) -> None:
    """Type and label the code-list values used, as the class rules of DCAT-AP-NL ask."""
    g.add((THEME, RDF.type, SKOS.Concept))
    g.add((THEME, SKOS.prefLabel, Literal("Overheid en publieke sector", lang="nl")))
    g.add((THEME, SKOS.prefLabel, Literal("Government and public sector", lang="en")))
    g.add((THEME, SKOS.inScheme, URIRef(f"{EU}data-theme")))
    g.add((CC0, RDF.type, DCTERMS.LicenseDocument))
    g.add((CC0, RDFS.label, Literal("Creative Commons CC0 1.0 Universal", lang="en")))
    g.add((CC0, SKOS.exactMatch, URIRef("http://creativecommons.org/publicdomain/zero/1.0/")))
    g.add((PUBLIC, RDF.type, DCTERMS.RightsStatement))
    g.add((DUTCH, RDF.type, DCTERMS.LinguisticSystem))
    for standard in (ONTOLOGY, SPARQL_PROTOCOL):
        g.add((standard, RDF.type, DCTERMS.Standard))


@cache
def catalog_shapes() -> Graph:
    """Our shapes for the catalogue record (shapes/catalog/), parsed once."""
    g = Graph()
    for path in sorted((shapes_dir() / "catalog").glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def validate_catalog(record: Graph) -> Report:
    """Check a catalogue record against shapes/catalog/."""
    return validate_graph(record, catalog_shapes())


def temporal_dates(graph: Graph) -> list[dt.date]:
    """Every date the letters carry (submitted, issued): the dataset's temporal coverage."""
    found = []
    for pred in (DCTERMS.dateSubmitted, DCTERMS.issued):
        for value in graph.objects(None, pred):
            if isinstance(value, Literal) and isinstance(value.toPython(), dt.date):
                found.append(value.toPython())
    return found


def distributions(files: Mapping[str, bytes], kinds: Mapping[str, tuple[str, str, str | None, str]],
                  folder: str) -> list[Distribution]:
    """Distribution records for the dump files (name -> bytes) described in kinds."""
    return [Distribution(path=f"{folder}/{name}", data=data, media_type=kinds[name][0],
                         file_type=kinds[name][1], compress_format=kinds[name][2], title=kinds[name][3])
            for name, data in files.items()]
