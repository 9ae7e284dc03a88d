"""`kamervragen convert` and `kamervragen validate`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import ConverterError
from ..pipeline import Outcome, convert_files, letter_files
from ..publish import parse_formats
from ..read.rdf import read_record
from ..validate import Finding, Report, validate_graph
from . import InputProblem
from .options import output_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_options()
def convert(inputs: tuple[Path, ...], out_dir: Path, formats: str, base_iri: str) -> None:
    """Convert letters (text, PDF, Word; or folders of them) into validated RDF files."""
    try:
        fmts = parse_formats(formats)
        from ..graph import check_base_iri

        check_base_iri(base_iri)
    except ConverterError as exc:
        raise InputProblem(str(exc)) from exc
    paths = letter_files(inputs)
    if not paths:
        raise InputProblem(f"no letter files in {', '.join(map(str, inputs))}")
    results = list(_echo_outcomes(convert_files(paths, out_dir, fmts, base_iri)))
    failed_input = [o for o in results if o.error]
    not_conforming = [o for o in results if o.converted and not o.converted.report.conforms]
    done = len(results) - len(failed_input) - len(not_conforming)
    click.echo(f"{done} converted, {len(not_conforming)} not conforming, {len(failed_input)} unreadable "
               f"(of {len(results)}); output in {out_dir}", err=True)
    if failed_input:
        sys.exit(2)
    if not_conforming:
        sys.exit(1)


def _echo_outcomes(outcomes):
    for outcome in outcomes:
        _echo_outcome(outcome)
        yield outcome


def _echo_outcome(outcome: Outcome) -> None:
    if outcome.error:
        click.echo(f"FAILED {outcome.error}", err=True)
        return
    assert outcome.converted is not None
    report = outcome.converted.report
    letter = outcome.converted.letter
    summary = (f"{len(letter.questions)} questions, {len(letter.answers)} answers, "
               f"{len(report.warnings)} warnings")
    if not report.conforms:
        click.echo(f"NOT CONFORMING {outcome.path}: {summary}; nothing written", err=True)
        for finding in report.violations:
            click.echo(f"  {_describe(finding)}", err=True)
        return
    click.echo(f"ok {outcome.path} -> {', '.join(p.name for p in outcome.written)} ({summary})")
    for finding in report.warnings:
        click.echo(f"  {_describe(finding)}", err=True)


def _describe(f: Finding) -> str:
    where = f" {f.path}" if f.path else ""
    value = f" (value {f.value})" if f.value else ""
    return f"{f.severity}: {f.focus}{where}: {f.message}{value} [{f.shape.rsplit('#', 1)[-1]}]"


@click.command()
@click.argument("records", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report for people (text) or machines (json).")
def validate(records: tuple[Path, ...], fmt: str) -> None:
    """Check RDF records (Turtle, JSON-LD, N-Triples) against the shapes; exit 0 conforms, 1 not, 2 unreadable."""
    reports: dict[Path, Report] = {}
    unreadable: dict[Path, str] = {}
    for path in records:
        try:
            reports[path] = validate_graph(read_record(path))
        except ConverterError as exc:
            unreadable[path] = str(exc)
    if fmt == "json":
        click.echo(json.dumps({
            "records": [{"file": str(p), "conforms": r.conforms,
                         "violations": [f.as_dict() for f in r.violations],
                         "warnings": [f.as_dict() for f in r.warnings]} for p, r in reports.items()],
            "unreadable": [{"file": str(p), "error": e} for p, e in unreadable.items()],
        }, indent=2, ensure_ascii=False))
    else:
        for path, report in reports.items():
            verdict = "conforms" if report.conforms else f"does NOT conform ({len(report.violations)} violations)"
            click.echo(f"{path}: {verdict}, {len(report.warnings)} warnings")
            for label, group in (("Violations", report.violations), ("Warnings", report.warnings)):
                if group:
                    click.echo(f"  {label}:")
                    for finding in group:
                        click.echo(f"    {_describe(finding)}")
        for path, error in unreadable.items():
            click.echo(f"UNREADABLE {error}", err=True)
    if unreadable:
        sys.exit(2)
    if not all(r.conforms for r in reports.values()):
        sys.exit(1)
