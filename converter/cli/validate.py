"""`kamervragen validate`: records made by anyone, each graph checked apart, for people or for machines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..batch import default_engine
from ..check import GraphReport, RecordReport, check_record
from ..errors import ConverterError
from ..limits import DEFAULT_VALIDATE_SECONDS
from ..timelimit import LetterTimeout, time_limit
from ..validate import Finding


@click.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report for people (text) or machines (json).")
@click.option("--engine", type=click.Choice(["fast", "reference"]), default=None,
              help="fast: pyshacl-turbo (the default where installed; the same findings); reference: pySHACL.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_VALIDATE_SECONDS, show_default=True,
              help="Seconds one file may take (parsing and validating) before it is given up (0: no limit).")
def validate(records: tuple[Path, ...], fmt: str, engine: str | None, timeout: float) -> None:
    """Check RDF records (Turtle, TriG, N-Triples, N-Quads, JSON-LD; gzipped too) against the shapes, each graph
    apart; exit 0 no violations, 1 violations, 2 unreadable or no record."""
    reports: list[RecordReport] = []
    unreadable: dict[Path, str] = {}
    engine = engine or default_engine()
    for path in records:
        try:
            with time_limit(timeout):
                reports.append(check_record(path, engine))
        except LetterTimeout:
            unreadable[path] = (f"{path}: no verdict within {timeout:g} s; validate smaller files (a letter's "
                                "own) or raise --timeout")
        except ConverterError as exc:
            unreadable[path] = str(exc)
    if fmt == "json":
        click.echo(json.dumps({"records": [_record_json(r) for r in reports],
                               "unreadable": [{"file": str(p), "error": e} for p, e in unreadable.items()]},
                              indent=2, ensure_ascii=False))
    else:
        for report in reports:
            _echo_record(report)
        for error in unreadable.values():
            click.echo(f"UNREADABLE {error}", err=True)
    if unreadable:
        sys.exit(2)
    if not all(r.no_violations for r in reports):
        sys.exit(1)


def _finding_json(graph: GraphReport, finding: Finding) -> dict[str, str | None]:
    return {**finding.as_dict(), "graph": graph.name}


def _record_json(report: RecordReport) -> dict[str, object]:
    return {
        "file": str(report.path),
        "conforms": report.no_violations,  # kept for earlier readers: the same as no_violations
        "no_violations": report.no_violations,
        "shacl_conforms": report.shacl_conforms,
        "violations": [_finding_json(g, f) for g, f in report.violations],
        "warnings": [_finding_json(g, f) for g, f in report.warnings],
        "graphs": [{"graph": g.name, "no_violations": not g.report.violations,
                    "shacl_conforms": not g.report.findings,
                    "violations": len(g.report.violations), "warnings": len(g.report.warnings)}
                   for g in report.graphs],
    }


def _echo_record(report: RecordReport) -> None:
    violations, warnings = report.violations, report.warnings
    verdict = "conforms" if report.no_violations else f"does NOT conform ({len(violations)} violations)"
    several = len(report.graphs) > 1 or report.graphs[0].name is not None
    graphs = f" in {len(report.graphs)} graphs" if several else ""
    click.echo(f"{report.path}: {verdict}, {len(warnings)} warnings{graphs}")
    for label, group in (("Violations", violations), ("Warnings", warnings)):
        if group:
            click.echo(f"  {label}:")
            for graph, finding in group:
                where = f" (in {graph.where})" if several else ""
                click.echo(f"    {finding.describe()}{where}")
