"""The SHACL shapes: each fires on its invalid examples and only there; the shapes file is itself valid."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import OWL, SH
from rdflib.term import BNode

from converter.graph import build_graph
from converter.model import (
    Answer,
    DocKind,
    Footnote,
    Letter,
    Office,
    Party,
    Person,
    Question,
    Signature,
    Source,
)
from converter.resources import ontology_dir, shapes_dir
from converter.validate import shape_names, shapes_graph, validate_graph
from converter.vocab import KV_IRI, KVSH_IRI

EXAMPLES = Path(__file__).parent / "shapes"
_NAME = re.compile(r"^(?P<shape>.+)-(?P<kind>valid|invalid)-\d{2}$")
# Parameters that only organise a shape; a shape with nothing else cannot fire itself.
_NOT_CONSTRAINTS = {
    RDF.type,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    SH.target,
    SH.property,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    RDFS.label,
    RDFS.comment,
}


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.ttl"))


def _split(path: Path) -> tuple[str, str]:
    match = _NAME.match(path.stem)
    assert match, f"{path.name}: name it <ShapeName>-valid-NN.ttl or <ShapeName>-invalid-NN.ttl"
    return match["shape"], match["kind"]


def _shapes() -> set[URIRef]:
    g = shapes_graph()
    found = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape))
    return found | set(g.objects(None, SH.property)) | set(g.objects(None, SH.node))


def _firing_shapes() -> set[str]:
    """Local names of the shapes that have a constraint of their own."""
    g = shapes_graph()
    negated = set(g.objects(None, SH["not"]))  # used only inside sh:not: the outer shape is the one that fires
    return {str(s).removeprefix(KVSH_IRI) for s in _shapes()
            if set(g.predicates(s)) - _NOT_CONSTRAINTS and s not in negated}


def _severity(shape: str) -> str:
    severity = shapes_graph().value(URIRef(KVSH_IRI + shape), SH.severity)
    return str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
def test_example(path: Path) -> None:
    shape, kind = _split(path)
    assert shape in _firing_shapes(), f"{path.name}: no shape kvsh:{shape} that can fire"
    report = validate_graph(Graph().parse(path, format="turtle"))
    if kind == "valid":
        assert report.conforms and not report.findings, [f.as_dict() for f in report.findings]
        return
    assert shape_names(report) == {shape}, [f.as_dict() for f in report.findings]
    assert {f.severity for f in report.findings} == {_severity(shape)}
    assert report.conforms is (_severity(shape) != "Violation")
    assert all(f.message for f in report.findings)


def test_every_shape_that_can_fire_has_examples() -> None:
    have = {_split(p) for p in _examples()}
    wanted = [(s, k) for s in sorted(_firing_shapes()) for k in ("valid", "invalid")]
    missing = [f"{s}-{k}" for s, k in wanted if (s, k) not in have]
    assert not missing, f"add tests/shapes/<name>-NN.ttl for: {missing}"


def test_shapes_are_named_and_have_messages() -> None:
    g = shapes_graph()
    for shape in _shapes():
        assert not isinstance(shape, BNode), "a blank-node shape: give it a kvsh: IRI"
        assert str(shape).startswith(KVSH_IRI), shape
        messages = [m for m in g.objects(shape, SH.message) if isinstance(m, Literal)]
        assert any(m.language == "en" for m in messages), f"{shape}: add an English sh:message"


def test_shapes_conform_to_shacl_shacl() -> None:
    shapes = Graph()
    for path in sorted(shapes_dir().glob("*.ttl")):
        shapes.parse(path, format="turtle")
    # meta_shacl=True validates the shapes graph against SHACL-SHACL first and raises if it does not conform
    conforms, _, text = shacl_validate(
        Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True, inference="none"
    )
    assert conforms, text


def test_every_targeted_class_is_in_the_ontology() -> None:
    ontology = Graph().parse(ontology_dir() / "kamervragen.ttl", format="turtle")
    shapes = shapes_graph()
    targeted = set(shapes.objects(None, SH.targetClass))
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    # a reused class (schema:Person) counts when the ontology builds on it or notes how the data uses it
    known = classes | set(ontology.objects(None, RDFS.subClassOf)) | set(ontology.subjects())
    assert targeted <= known, f"shapes target classes the ontology does not know: {targeted - known}"
    ours = {c for c in targeted | set(shapes.objects(None, SH["class"])) if str(c).startswith(KV_IRI)}
    assert ours <= classes, f"declare these as owl:Class: {ours - classes}"


def _realistic_letter() -> Letter:
    minister = Office("Minister van Binnenlandse Zaken en Koninkrijksrelaties")
    justice = Office("Minister van Justitie en Veiligheid")
    return Letter(
        kind=DocKind.ANSWER,
        source=Source(
            name="ah-tk-20232024-1076.txt",
            sha256="0123456789abcdef" * 4,
            media_type="text/plain",
            extraction="pdftext-poppler",
        ),
        zaak="2023Z19876",
        aanhangsel="ah-tk-20232024-1076",
        references=("2023-0000612345",),
        title="over het bericht ‘Sinterklaasintocht in Enter afgelast’",
        submitted=dt.date(2023, 11, 20),
        issued=dt.date(2024, 2, 20),
        askers=(Person("Van Haga", Party("Groep Van Haga")),),
        addressed_to=(minister, justice),
        signatures=(Signature(Person("De Jonge"), minister),),
        on_behalf_of=(justice,),
        delay_reference="ah-tk-20232024-594",
        questions=(
            Question(1, "Bent u bekend met het bericht ‘Intocht in Enter afgelast’?", footnotes=(1,)),
            Question(2, "Wat vindt u ervan dat een optocht van 100 m² uit angst werd afgelast?"),
            Question(3, "Deelt u de mening dat dit onacceptabel is?"),
        ),
        answers=(
            Answer((1,), "Ja.", footnotes=(2,)),
            Answer((2, 3), "Het is onacceptabel dat een intocht uit angst niet doorgaat."),
        ),
        footnotes=(
            Footnote(
                1,
                "Hart van Nederland, 18 november 2023 (https://www.hartvannederland.nl/regio/enter)",
                ("https://www.hartvannederland.nl/regio/enter",),
            ),
            Footnote(2, "Kamerstuk 29 279, nr. 800"),
        ),
    )


def test_graph_of_a_realistic_letter_conforms() -> None:
    report = validate_graph(build_graph(_realistic_letter()))
    assert report.conforms and not report.findings, [f.as_dict() for f in report.findings]
