"""`kamervragen convert` and `kamervragen validate`."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from ..batch import REPORT, LetterResult, Settings, Summary, default_engine, run_batch
from ..errors import ConverterError
from ..pipeline import letter_files
from ..publish import parse_formats
from ..validate import Finding
from . import InputProblem
from .options import letter_timeout_option, output_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_options()
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Processes to convert with (default: all cores).")
@click.option("--progress/--no-progress", default=None,
              help="Show a progress bar on stderr (default: when stderr is a terminal).")
@click.option("--force", is_flag=True, help="Convert every letter, also those unchanged since the last run.")
@click.option("--engine", type=click.Choice(["fast", "reference"]), default=None,
              help="fast: pyshacl-turbo and pyoxigraph (the default where installed); "
                   "reference: pySHACL and rdflib.")
@letter_timeout_option
@click.option("--quiet", "-q", is_flag=True, help="Do not list the letters converted, only problems.")
def convert(inputs: tuple[Path, ...], out_dir: Path, formats: str, base_iri: str, jobs: int | None,
            progress: bool | None, force: bool, engine: str | None, timeout: float, quiet: bool) -> None:
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
    settings = Settings(out_dir, fmts, base_iri, engine or default_engine(), timeout)
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Progress(len(paths)) if show else None

    def on_result(result: LetterResult) -> None:
        if bar:
            bar.clear()
        _echo_result(result, quiet)
        if bar:
            bar.advance()

    try:
        summary = run_batch(paths, settings, jobs=jobs or os.cpu_count() or 1, force=force, on_result=on_result)
    except ConverterError as exc:  # the output folder cannot be written: the run stopped
        raise InputProblem(str(exc)) from exc
    finally:
        if bar:
            bar.clear()
    _echo_summary(summary, out_dir)
    if summary.failed:
        sys.exit(2)
    if summary.not_conforming:
        sys.exit(1)


class _Progress:
    """A one-line progress bar on stderr: letters done, letters/s, time left."""

    def __init__(self, total: int) -> None:
        self.total, self.done, self.started, self.shown = total, 0, time.monotonic(), 0.0

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.shown < 0.2 and self.done < self.total:
            return
        self.shown = now
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0
        filled = int(30 * self.done / self.total)
        click.echo(f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} {rate:.1f} letters/s, "
                   f"{_clock(left)} left ", err=True, nl=False)

    def clear(self) -> None:
        click.echo("\r\033[K", err=True, nl=False)


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def _echo_result(result: LetterResult, quiet: bool) -> None:
    if result.status == "failed":
        click.echo(f"FAILED {result.error}", err=True)
        return
    if result.status == "skipped":
        return
    summary = f"{result.questions} questions, {result.answers} answers, {len(result.warnings)} warnings"
    if result.status == "not_conforming":
        click.echo(f"NOT CONFORMING {result.path}: {summary}; nothing written", err=True)
        for finding in result.violations:
            click.echo(f"  {Finding(**finding).describe()}", err=True)
        return
    if not quiet:
        click.echo(f"ok {result.path} -> {', '.join(Path(p).name for p in result.written)} ({summary})")
    for finding in result.warnings:
        if not quiet and finding.get("focus") is not None:
            click.echo(f"  {Finding(**finding).describe()}", err=True)
        elif not quiet:  # the reader's own (a byte that was not UTF-8, a footnote whose marker was lost)
            click.echo(f"  Warning: {finding['message']}", err=True)


def _echo_summary(summary: Summary, out_dir: Path) -> None:
    click.echo(f"{summary.converted} converted, {summary.skipped} unchanged (skipped), "
               f"{len(summary.not_conforming)} not conforming, {len(summary.failed)} unreadable "
               f"(of {summary.total}) in {summary.seconds:.1f} s; output in {out_dir}", err=True)
    for result in summary.failed[:50]:
        click.echo(f"  failed: {result.error}", err=True)
    if len(summary.failed) > 50:
        click.echo(f"  ... and {len(summary.failed) - 50} more", err=True)
    if summary.warnings:
        kinds = ", ".join(f"{kind} {n}" for kind, n in summary.warnings.most_common())
        click.echo(f"  warnings by kind: {kinds}", err=True)
    click.echo(f"  report: {out_dir / REPORT}", err=True)
