"""`validate` for records made by anyone: each graph of a file checked apart against our shapes, and the file
checked to be a record at all."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph

from .errors import RecordError
from .read.quads import read_stores
from .read.rdf import read_graphs
from .validate import Finding, Report, validate_graph
from .vocab import KV

_RDF_TYPE = ox.NamedNode(str(RDF.type))
RECORD_CLASSES = (KV.WrittenQuestions, KV.AnswerLetter, KV.DelayNotice)
RECORD_RULE = ("a record holds at least one set of written questions, answer letter or delay notice "
               "(a kv:WrittenQuestions, kv:AnswerLetter or kv:DelayNotice)")


@dataclass(frozen=True)
class GraphReport:
    """The findings in one graph of a record: name is the graph's IRI, None for the default graph."""

    name: str | None
    report: Report

    @property
    def where(self) -> str:
        return f"graph <{self.name}>" if self.name else "the default graph"


@dataclass(frozen=True)
class RecordReport:
    """A record file's graphs and their findings."""

    path: Path
    graphs: tuple[GraphReport, ...]

    @property
    def no_violations(self) -> bool:
        """Our verdict: no graph has a violation (warnings allowed)."""
        return all(not g.report.violations for g in self.graphs)

    @property
    def shacl_conforms(self) -> bool:
        """SHACL's own sh:conforms: no validation result of any severity in any graph."""
        return all(not g.report.findings for g in self.graphs)

    @property
    def violations(self) -> list[tuple[GraphReport, Finding]]:
        return [(g, f) for g in self.graphs for f in g.report.violations]

    @property
    def warnings(self) -> list[tuple[GraphReport, Finding]]:
        """Warnings and notes (sh:Warning, sh:Info), with the graph each is in."""
        return [(g, f) for g in self.graphs for f in g.report.warnings]


def check_record(path: Path, engine: str = "fast") -> RecordReport:
    """Read a record and validate each of its graphs; RecordError when it cannot be read or is no record.
    engine "fast" validates with pyshacl-turbo (tests/test_validate_engines.py: the same findings), "reference"
    with pySHACL."""
    validate = validator(engine)
    graphs = read_stores(path) if engine == "fast" else read_graphs(path)
    if not graphs:
        raise RecordError(f"{path}: holds no triples; {RECORD_RULE}")
    if not any(_is_record(graph) for _, graph in graphs):
        raise RecordError(f"{path}: is not a kamervragen record: {RECORD_RULE}, and this file holds none")
    return RecordReport(path, tuple(GraphReport(name, validate(graph)) for name, graph in graphs))


def validator(engine: str) -> Callable[..., Report]:
    """The validating function of an engine: "fast" (pyshacl-turbo) or "reference" (pySHACL)."""
    if engine == "fast":
        from .fastpath import validate_fast

        return validate_fast
    if engine == "reference":
        return validate_graph
    raise ValueError(f"unknown validation engine {engine!r}; expected 'fast' or 'reference'")


def _is_record(graph: Graph | ox.Store) -> bool:
    if isinstance(graph, ox.Store):
        return any(next(graph.quads_for_pattern(None, _RDF_TYPE, ox.NamedNode(str(cls))), None) is not None
                   for cls in RECORD_CLASSES)
    return any(next(graph.subjects(RDF.type, cls), None) is not None for cls in RECORD_CLASSES)
