"""Letter -> rdflib Graph. Every IRI is minted here; an outside value in one passes converter/iri.py first."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from . import __version__
from .errors import ConfigError
from .fetch.records import TK_API, ApiActor, ApiZaak
from .iri import iri_segment, mint_iri
from .model import Answer, DocKind, Footnote, Letter, Office, Person, Question, Signature
from .sources import add_footnote_citations, add_letter_pointer, add_text_citations
from .vocab import DEFAULT_BASE_IRI, KV, SDO, SPDX

ORG = Namespace("http://www.w3.org/ns/org#")
TOOL_IRI = URIRef("https://w3id.org/kamervragen/def#converter")
_AH_TK = re.compile(r"^ah-tk-\d{8}-\d+$")  # used with fullmatch: "$" alone lets a final newline through
_AH_ANY = re.compile(r"^ah-(?:tk|ek)-\d{8}-\d+$")
_OFFICIAL_ID = re.compile(r"^(?:kst|h|stb|stcrt|blg)-[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$")
_ZAAK = re.compile(r"^(?:19|20)\d\dZ\d{5}$")


_PREFIXES = (("kv", KV._NS), ("schema", SDO), ("dcterms", DCTERMS), ("prov", PROV), ("rdf", RDF), ("org", ORG),
             ("xsd", XSD), ("rdfs", RDFS), ("owl", OWL), ("spdx", SPDX))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the prefixes every file we write uses."""
    for prefix, ns in _PREFIXES:
        graph.bind(prefix, ns, replace=True)
    return graph


def new_graph(store: str = "default") -> Graph:
    """An empty graph that binds no prefixes: rdflib's default set of ~30 costs more than a letter's triples.
    Writers that want prefixes bind ours (bind_prefixes) when they write. store="SimpleMemory" (no contexts)
    adds and finds triples in about half the time; pySHACL needs the default, context-aware one."""
    return Graph(store=store, bind_namespaces="none")


def slug(text: str) -> str:
    """A lower-case ASCII slug: safe in an IRI, in Turtle and in N-Triples."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "x"


def check_base_iri(base_iri: str) -> str:
    """Return the base IRI ending in '/' or '#', or raise ConfigError."""
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", base_iri):
        raise ConfigError(f"--base-iri {base_iri!r}: expected an absolute http(s) IRI such as {DEFAULT_BASE_IRI}")
    return base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"


class _Minter:
    """Mints the IRIs of one letter from its official identifiers, else from its checksum."""

    def __init__(self, letter: Letter, base: str) -> None:
        self.base = base
        self.name = letter.source.name
        key = iri_segment(letter.zaak) if letter.zaak else f"doc-{letter.source.sha256[:16]}"
        self.questions = URIRef(f"{base}zaak/{key}")
        self.document = URIRef(f"{base}{self._document_path(letter)}")
        self.own = frozenset(filter(None, (letter.zaak, letter.aanhangsel)))  # identifiers a letter never cites

    @staticmethod
    def _document_path(letter: Letter) -> str:
        if letter.aanhangsel and _AH_TK.fullmatch(letter.aanhangsel):
            return f"aanhangsel/{letter.aanhangsel}"
        part = {DocKind.ANSWER: "antwoordbrief", DocKind.DELAY: "mededeling", DocKind.QUESTIONS: "vragen"}[letter.kind]
        key = iri_segment(letter.zaak) if letter.zaak else f"doc-{letter.source.sha256[:16]}"
        suffix = f"-{slug(letter.aanhangsel)}" if letter.aanhangsel else ""
        return f"zaak/{key}/{part}{suffix}"

    def question(self, q: Question) -> URIRef:
        return URIRef(f"{self.questions}/vraag/{q.number}")

    def answer(self, a: Answer) -> URIRef:
        return URIRef(f"{self.document}/antwoord/{'-'.join(map(str, a.questions))}")

    def footnote(self, owner: URIRef, f: Footnote) -> URIRef:
        return URIRef(f"{owner}/voetnoot/{f.number}")

    def signature(self, index: int) -> URIRef:
        return URIRef(f"{self.document}/ondertekening/{index}")

    def person(self, p: Person) -> URIRef:
        return agent_iri(self.base, "persoon", p.name)

    def party(self, name: str) -> URIRef:
        return agent_iri(self.base, "partij", name)

    def office(self, o: Office) -> URIRef:
        return agent_iri(self.base, "ambt", o.name)

    def aanhangsel(self, ah_id: str) -> URIRef:
        return URIRef(f"{self.base}aanhangsel/{ah_id}")

    def source(self, sha256: str) -> URIRef:
        return URIRef(f"{self.base}bron/sha256-{sha256}")

    # cited works (converter/sources): the same IRI from every letter citing them
    def publication(self, identifier: str) -> URIRef:
        """'<base>publicatie/kst-36410-IV-15'; an Aanhangsel item is the letter's own '<base>aanhangsel/ah-...'."""
        if _AH_ANY.fullmatch(identifier):
            return self.aanhangsel(identifier)
        if not _OFFICIAL_ID.fullmatch(identifier):
            raise ValueError(f"not an official identifier: {identifier!r}")
        return URIRef(f"{self.base}publicatie/{identifier}")

    def zaak(self, zaak: str) -> URIRef:
        """A cited set of written questions: the IRI its own graph has."""
        if not _ZAAK.fullmatch(zaak):
            raise ValueError(f"not a zaak number: {zaak!r}")
        return URIRef(f"{self.base}zaak/{zaak}")

    def web(self, normalised_url: str) -> URIRef:
        """'<base>webbron/nos-nl-<the first 16 hex digits of the URL's SHA-256>'."""
        digest = hashlib.sha256(normalised_url.encode("utf-8")).hexdigest()[:16]
        return URIRef(f"{self.base}webbron/{slug(urlsplit(normalised_url).hostname or 'web')}-{digest}")

    def publisher(self, name: str) -> URIRef:
        return agent_iri(self.base, "uitgever", name)


def graph_iri(letter: Letter, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The IRI of the named graph that holds one letter's triples in a published dataset."""
    m = _Minter(letter, check_base_iri(base_iri))
    doc = m.questions if letter.kind is DocKind.QUESTIONS else m.document
    return URIRef(f"{m.base}graaf/{doc[len(m.base):]}")


def union_graph_iri(graph: str) -> str | None:
    """The named graph a store keeps the dataset's union in (`push` sends it there), beside one of the
    dataset's graphs (`<base>graaf/…`): `<base>graaf/unie`. None for a graph that is not one of ours."""
    base, sep, _ = graph.partition("graaf/")
    return f"{base}graaf/unie" if sep and base.endswith("/") else None


def build_graph(letter: Letter, base_iri: str = DEFAULT_BASE_IRI, store: str = "default") -> Graph:
    """Build the RDF graph of one letter, following the data contract (CONTRACT.md), in rdflib's store
    `store` (new_graph)."""
    m = _Minter(letter, check_base_iri(base_iri))
    g = new_graph(store)
    qs = m.questions
    g.add((qs, RDF.type, KV.WrittenQuestions))
    if letter.zaak:
        g.add((qs, DCTERMS.identifier, Literal(letter.zaak)))
    if letter.title:
        g.add((qs, DCTERMS.title, Literal(letter.title, lang="nl")))
    if letter.submitted:
        g.add((qs, DCTERMS.dateSubmitted, Literal(letter.submitted, datatype=XSD.date)))
    for person in letter.askers:
        g.add((qs, KV.askedBy, _add_person(g, m, person, KV.MemberOfParliament)))
    for office in letter.addressed_to:
        g.add((qs, KV.addressedTo, _add_office(g, m, office)))

    footnotes = {f.number: f for f in letter.footnotes}
    doc = qs if letter.kind is DocKind.QUESTIONS else m.document
    if doc != qs:
        _add_government_letter(g, m, letter, doc)
    _add_source(g, m, letter, [qs] if doc == qs else [qs, doc])
    _add_footnotes(g, m, doc, letter.letter_footnotes, footnotes)

    question_iris = {}
    for q in letter.questions:
        q_iri = question_iris[q.number] = m.question(q)
        g.add((q_iri, RDF.type, KV.Question))
        g.add((q_iri, SDO.position, Literal(q.number, datatype=XSD.integer)))
        g.add((q_iri, SDO.text, Literal(q.text, lang="nl")))
        g.add((q_iri, DCTERMS.isPartOf, qs))
        _add_footnotes(g, m, q_iri, q.footnotes, footnotes)
        add_text_citations(g, m, q_iri, q.text)
    if letter.kind is DocKind.ANSWER:
        for a in letter.answers:
            _add_answer(g, m, a, doc, question_iris, footnotes)
    return g


def _add_government_letter(g: Graph, m: _Minter, letter: Letter, doc: URIRef) -> None:
    g.add((doc, RDF.type, KV.AnswerLetter if letter.kind is DocKind.ANSWER else KV.DelayNotice))
    g.add((doc, KV.respondsTo, m.questions))
    if letter.issued:
        g.add((doc, DCTERMS.issued, Literal(letter.issued, datatype=XSD.date)))
    for identifier in filter(None, (letter.aanhangsel, *letter.references)):
        g.add((doc, DCTERMS.identifier, Literal(identifier)))
    for i, sig in enumerate(letter.signatures, start=1):
        _add_signature(g, m, doc, i, sig)
    for office in letter.on_behalf_of:
        g.add((doc, KV.onBehalfOf, _add_office(g, m, office)))
    if letter.delay_reference and _AH_TK.fullmatch(letter.delay_reference):
        notice = m.aanhangsel(letter.delay_reference)
        g.add((doc, KV.delayNotice, notice))
        g.add((notice, RDF.type, KV.DelayNotice))
        g.add((notice, DCTERMS.identifier, Literal(letter.delay_reference)))
        g.add((notice, KV.respondsTo, m.questions))
        add_letter_pointer(g, m, doc, letter.delay_reference)


def _add_signature(g: Graph, m: _Minter, doc: URIRef, index: int, sig: Signature) -> None:
    person = _add_person(g, m, sig.person, SDO.Person)
    node = m.signature(index)
    g.add((doc, KV.answeredBy, person))
    g.add((doc, KV.signature, node))
    g.add((node, RDF.type, KV.Signature))
    g.add((node, KV.signatory, person))
    if sig.office:
        g.add((node, KV.office, _add_office(g, m, sig.office)))


def _add_answer(g: Graph, m: _Minter, a: Answer, doc: URIRef, question_iris: dict[int, URIRef],
                footnotes: dict[int, Footnote]) -> None:
    a_iri = m.answer(a)
    g.add((a_iri, RDF.type, KV.Answer))
    g.add((a_iri, SDO.text, Literal(a.text, lang="nl")))
    g.add((a_iri, DCTERMS.isPartOf, doc))
    for n in a.questions:
        q_iri = question_iris.get(n)
        if q_iri is not None:
            g.add((a_iri, KV.answers, q_iri))
            g.add((q_iri, SDO.acceptedAnswer, a_iri))
    _add_footnotes(g, m, a_iri, a.footnotes, footnotes)
    add_text_citations(g, m, a_iri, a.text)


def _add_person(g: Graph, m: _Minter, person: Person, kind: URIRef) -> URIRef:
    iri = m.person(person)
    g.add((iri, RDF.type, SDO.Person))
    if kind != SDO.Person:
        g.add((iri, RDF.type, kind))
    g.add((iri, SDO.name, Literal(person.name)))
    if person.party:
        party = m.party(person.party.name)
        g.add((party, RDF.type, KV.PoliticalParty))
        g.add((party, SDO.name, Literal(person.party.name)))
        g.add((iri, SDO.memberOf, party))
    return iri


def _add_office(g: Graph, m: _Minter, office: Office) -> URIRef:
    iri = m.office(office)
    g.add((iri, RDF.type, KV.Office))
    g.add((iri, SDO.name, Literal(office.name, lang="nl")))
    part = ministry_part(office.name)
    if part:
        _add_ministry(g, iri, ministry_iri(m.base, part), part)
    return iri


_MINISTRY_PART = re.compile(r"^(?:minister|staatssecretaris)\s+van\s+(.+?)(?:\s+[–-]\s+.*)?$", re.I)


def ministry_part(office: str) -> str | None:
    """'Staatssecretaris van Financiën – Fiscaliteit' -> 'Financiën'; None for a portfolio ('Minister voor ...'),
    whose ministry the name does not say."""
    m = _MINISTRY_PART.match(office.strip())
    return m.group(1).strip(" .,") if m else None


def ministry_iri(base: str, part: str) -> URIRef:
    """The ministry an office is a post in: '.../ministerie/defensie'."""
    return agent_iri(base, "ministerie", part)


def agent_iri(base: str, kind: str, name: str) -> URIRef:
    """A person, party, office or ministry by its name, the same from a letter and from the API:
    '<base>persoon/ruben-brekelmans'."""
    return URIRef(f"{base}{kind}/{slug(name)}")


def _add_ministry(g: Graph, office: URIRef, ministry: URIRef, part: str) -> None:
    g.add((office, ORG.postIn, ministry))
    g.add((ministry, RDF.type, ORG.Organization))
    g.add((ministry, RDF.type, SDO.GovernmentOrganization))
    g.add((ministry, SDO.name, Literal(f"Ministerie van {part}", lang="nl")))


def _add_footnotes(g: Graph, m: _Minter, owner: URIRef, numbers: tuple[int, ...],
                   footnotes: dict[int, Footnote]) -> None:
    for n in numbers:
        f = footnotes.get(n)
        if f is None:
            continue
        node = m.footnote(owner, f)
        g.add((owner, DCTERMS.references, node))
        g.add((node, RDF.type, KV.Footnote))
        g.add((node, KV.footnoteNumber, Literal(f.number, datatype=XSD.integer)))
        if f.text:  # a marker whose footnote the document does not show keeps its number only
            g.add((node, RDFS.label, Literal(f.text, lang="nl")))
        for url in f.urls:
            g.add((node, SDO.url, mint_iri(url, f"{m.name}: the web address in footnote {f.number}")))
        add_footnote_citations(g, m, owner, node, f)


def _add_source(g: Graph, m: _Minter, letter: Letter, documents: list[URIRef]) -> None:
    src = letter.source
    node = m.source(src.sha256)
    checksum = URIRef(f"{node}#checksum")
    g.add((node, RDF.type, KV.SourceDocument))
    g.add((node, RDF.type, PROV.Entity))
    g.add((node, DCTERMS.title, Literal(src.name)))
    g.add((node, DCTERMS["format"], Literal(src.media_type)))
    if src.extraction:
        g.add((node, KV.extractedWith, Literal(src.extraction)))
    g.add((node, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(src.sha256, datatype=XSD.hexBinary)))
    g.add((TOOL_IRI, RDF.type, PROV.SoftwareAgent))
    g.add((TOOL_IRI, RDFS.label, Literal("kamervragen-ld converter")))
    g.add((TOOL_IRI, SDO.softwareVersion, Literal(__version__)))
    for doc in documents:
        g.add((doc, PROV.wasDerivedFrom, node))
        g.add((doc, PROV.wasAttributedTo, TOOL_IRI))


# --- Statements from the Tweede Kamer API and links to official identifiers (issue 6) ---------------------

# What the API says about a case and wins over the text; its subject sentence (Onderwerp) is kept beside the
# letter's own title as dcterms:alternative, never instead of it.
API_PROPERTIES = (DCTERMS.identifier, DCTERMS.dateSubmitted, KV.askedBy, KV.addressedTo)


def api_graph_iri(zaak: ApiZaak, base_iri: str = DEFAULT_BASE_IRI) -> URIRef:
    """The named graph holding what the Tweede Kamer API says about one case."""
    return URIRef(f"{check_base_iri(base_iri)}graaf/tk/zaak/{iri_segment(zaak.number)}")


def build_api_graph(zaak: ApiZaak, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """What the API says about a case, each person, party and ministry linked to its official identifier."""
    base = check_base_iri(base_iri)
    g = bind_prefixes(Graph())
    g.bind("org", ORG)
    qs, record = URIRef(f"{base}zaak/{iri_segment(zaak.number)}"), URIRef(zaak.record_iri)
    g.add((qs, RDF.type, KV.WrittenQuestions))
    g.add((qs, DCTERMS.identifier, Literal(zaak.number)))
    if zaak.started:
        g.add((qs, DCTERMS.dateSubmitted, Literal(zaak.started, datatype=XSD.date)))
    if zaak.subject:
        g.add((qs, DCTERMS.alternative, Literal(zaak.subject, lang="nl")))
    g.add((qs, PROV.wasDerivedFrom, record))
    checksum = URIRef(f"{record}#checksum")
    for triple in ((record, RDF.type, KV.SourceDocument), (record, RDF.type, PROV.Entity),
                   (record, DCTERMS["format"], Literal("application/json")),
                   (record, SPDX.checksum, checksum), (checksum, RDF.type, SPDX.Checksum),
                   (checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256),
                   (checksum, SPDX.checksumValue, Literal(zaak.sha256, datatype=XSD.hexBinary))):
        g.add(triple)
    for actor in zaak.actors:
        if actor.relation == "Gericht aan":
            g.add((qs, KV.addressedTo, _add_api_office(g, base, actor)))
        else:
            g.add((qs, KV.askedBy, _add_api_person(g, base, actor)))
    return g


def _add_api_person(g: Graph, base: str, actor: ApiActor) -> URIRef:
    name = actor.person_name or actor.name
    person = agent_iri(base, "persoon", name)
    for triple in ((person, RDF.type, SDO.Person), (person, RDF.type, KV.MemberOfParliament),
                   (person, SDO.name, Literal(name))):
        g.add(triple)
    if actor.person_id:
        g.add((person, OWL.sameAs, URIRef(f"{TK_API}Persoon({iri_segment(str(actor.person_id))})")))
    if actor.party:
        party = agent_iri(base, "partij", actor.party)
        g.add((party, RDF.type, KV.PoliticalParty))
        g.add((party, SDO.name, Literal(actor.party)))
        g.add((person, SDO.memberOf, party))
        if actor.party_id:
            g.add((party, OWL.sameAs, URIRef(f"{TK_API}Fractie({iri_segment(str(actor.party_id))})")))
    return person


def _add_api_office(g: Graph, base: str, actor: ApiActor) -> URIRef:
    office_like = re.match(r"(?i)(minister|staatssecretaris)", actor.function or "")
    text = actor.function if office_like and actor.function else actor.name
    office = agent_iri(base, "ambt", text)
    g.add((office, RDF.type, KV.Office))
    g.add((office, SDO.name, Literal(text[:1].upper() + text[1:], lang="nl")))
    return office
