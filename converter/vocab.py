"""The ontology's terms as closed namespaces: a typo raises instead of minting a new term."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KV_IRI = "https://w3id.org/kamervragen/def#"
KVSH_IRI = "https://w3id.org/kamervragen/shapes#"
DEFAULT_BASE_IRI = "https://w3id.org/kamervragen/id/"

SDO = Namespace("https://schema.org/")
SPDX = Namespace("http://spdx.org/rdf/terms#")


class KV(DefinedNamespace):
    """kamervragen-ld ontology (ontology/kamervragen.ttl)."""

    _NS = Namespace(KV_IRI)
    _fail = True

    # classes
    WrittenQuestions: URIRef
    Question: URIRef
    Answer: URIRef
    GovernmentLetter: URIRef
    AnswerLetter: URIRef
    DelayNotice: URIRef
    Footnote: URIRef
    Signature: URIRef
    Office: URIRef
    PoliticalParty: URIRef
    MemberOfParliament: URIRef
    SourceDocument: URIRef
    # cited works (issue 11)
    OfficialPublication: URIRef
    ParliamentaryPaper: URIRef
    Proceedings: URIRef
    ProceedingsAppendix: URIRef
    BulletinOfActs: URIRef
    GovernmentGazette: URIRef
    GovernmentDocument: URIRef
    # properties of the contract
    askedBy: URIRef
    addressedTo: URIRef
    answers: URIRef
    respondsTo: URIRef
    answeredBy: URIRef
    signature: URIRef
    signatory: URIRef
    office: URIRef
    onBehalfOf: URIRef
    delayNotice: URIRef
    footnoteNumber: URIRef
    # properties of our own beyond the contract
    documentKind: URIRef
    extractedWith: URIRef
    writtenUrl: URIRef
    unresolvedCitation: URIRef


KVSH = Namespace(KVSH_IRI)
