"""SHACL validation with pySHACL and the shapes in shapes/ -> a report object."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import cache

from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from .resources import shapes_dir


@dataclass(frozen=True)
class Finding:
    """One SHACL result, in words a person can act on."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the resource that broke the rule
    shape: str  # the shape that fired (its IRI)
    path: str | None
    value: str | None
    message: str

    def describe(self) -> str:
        """One line a person can act on: severity, resource, property, what is wrong, value, rule."""
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value else ""
        return f"{self.severity}: {self.focus}{where}: {self.message}{value} [{self.shape.rsplit('#', 1)[-1]}]"

    def as_dict(self) -> dict[str, str | None]:
        return {"severity": self.severity, "focus": self.focus, "shape": self.shape,
                "path": self.path, "value": self.value, "message": self.message}


@dataclass(frozen=True)
class Report:
    conforms: bool
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "Violation")

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity != "Violation")


@cache
def shapes_graph() -> Graph:
    """All shapes in shapes/, parsed once."""
    g = Graph(bind_namespaces="none")  # the shapes' own prefixes: each is bound again on every report
    for path in sorted(shapes_dir().glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def validate_graph(data: Graph, shapes: Graph | None = None) -> Report:
    """Validate a graph against our shapes (or the ones given) and return the findings, sorted."""
    from pyshacl import validate as shacl_validate  # here, not above: it costs every command 0.3-0.5 s to import

    with warnings.catch_warnings():
        # LateAnswerShape adds an xsd:duration for pyshacl-turbo's sake; rdflib warns that it cannot (by design)
        warnings.filterwarnings("ignore", message=".*Duration is not defined in namespace XSD")
        conforms, results, _ = shacl_validate(
            data, shacl_graph=shapes if shapes is not None else shapes_graph(),
            inference="none", advanced=True, allow_warnings=True,
        )
    findings = sorted((_finding(results, r) for r in results.subjects(RDF.type, SH.ValidationResult)),
                      key=finding_order)
    return Report(conforms=bool(conforms), findings=tuple(findings))


def finding_order(f: Finding) -> tuple[bool, str, str, str, str, str]:
    """Violations first, then by resource, shape, path, message and value: a total order, so two findings
    that differ only in their value (two values of one property) come out in one order from either engine
    and on every run (the report graph's own order is not the same from run to run)."""
    return (f.severity != "Violation", f.focus, f.shape, f.path or "", f.message, f.value or "")


def _finding(results: Graph, node) -> Finding:
    def text(pred: URIRef) -> str | None:
        value = results.value(node, pred)
        return None if value is None else str(value)

    severity = results.value(node, SH.resultSeverity)
    shape = results.value(node, SH.sourceShape)
    return Finding(
        severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        focus=text(SH.focusNode) or "",
        shape=str(shape) if shape is not None else "",
        path=text(SH.resultPath),
        value=text(SH.value),
        message=text(SH.resultMessage) or "",
    )


def shape_names(report: Report) -> set[str]:
    """The local names of the shapes that fired: 'AnswerShape-text'."""
    return {f.shape.rsplit("#", 1)[-1] for f in report.findings}
