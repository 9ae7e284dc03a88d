"""`kamervragen publish`: letters -> one dataset (dumps, catalogue record, browsable site)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..catalog import CatalogSettings
from ..errors import ConverterError
from ..iri import is_iri
from ..pipeline import letter_files
from ..publish.dataset import CatalogNotConforming, Published, publish_dataset
from ..publish.outdir import hold_out_folder
from . import InputProblem
from .options import letter_timeout_option, output_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@output_options(default_formats=None)
@click.option("--sparql-endpoint", metavar="URL", default=None,
              help="Public SPARQL endpoint serving this dataset; the catalogue describes it as a data "
                   "service.")
@click.option("--publisher", default="kamervragen-ld", show_default=True,
              help="Name of the organisation that publishes the dataset (catalogue publisher and contact).")
@click.option("--contact-email", metavar="ADDRESS", default=None,
              help="E-mail address of the catalogue's contact point.")
@letter_timeout_option
def publish(inputs: tuple[Path, ...], out_dir: Path, base_iri: str, sparql_endpoint: str | None,
            publisher: str, contact_email: str | None, timeout: float) -> None:
    """Publish letters as one dataset: dumps, DCAT-AP-NL catalogue and a static site."""
    if sparql_endpoint and (not sparql_endpoint.startswith(("http://", "https://")) or not is_iri(sparql_endpoint)):
        raise InputProblem(f"--sparql-endpoint {sparql_endpoint!r}: expected an http(s) URL")
    if contact_email and ("@" not in contact_email or not is_iri(f"mailto:{contact_email}")):
        raise InputProblem(f"--contact-email {contact_email!r}: expected an e-mail address such as "
                           "name@example.org")
    paths = letter_files(inputs)
    if not paths:
        raise InputProblem(f"no letter files in {', '.join(map(str, inputs))}")
    settings = CatalogSettings(base_iri=base_iri, publisher=publisher, contact_email=contact_email,
                               sparql_endpoint=sparql_endpoint)
    if out_dir.is_symlink():  # the link stays; the folder behind it is the one swapped
        out_dir = out_dir.resolve()
    try:
        with hold_out_folder(out_dir):
            result = publish_dataset(paths, out_dir, settings, timeout)
            _report(result)
            store_note = _build_store(out_dir)
    except CatalogNotConforming as exc:
        click.echo("NOT PUBLISHED: the catalogue record does not conform to shapes/catalog/:", err=True)
        for finding in exc.report.violations:
            click.echo(f"  {finding.describe()}", err=True)
        sys.exit(1)
    except ConverterError as exc:
        raise InputProblem(f"NOT PUBLISHED: {exc}") from exc
    if store_note:
        raise InputProblem(store_note)
    if any(f.kind != "not-conforming" for f in result.failed):
        sys.exit(2)
    if result.failed:
        sys.exit(1)


def _report(result: Published) -> None:
    summary = result.summary
    for item in summary["published"]:
        extra = f", warnings: {', '.join(item['warnings'])}" if item["warnings"] else ""
        click.echo(f"ok {item['file']} -> {item['graph']} ({item['questions']} questions, "
                   f"{item['answers']} answers{extra})")
        for message in item.get("reader_warnings", []):
            click.echo(f"  Warning: {message}", err=True)
    for failure in result.failed:
        click.echo(f"LEFT OUT ({failure.kind}) {failure.reason}", err=True)
    counts = summary["letters"]
    click.echo(f"{counts['published']} letters published, {counts['failed']} left out, {summary['triples']} "
               f"triples; dataset in {result.out_dir} (see {result.out_dir / 'summary.json'})", err=True)


def _build_store(out_dir: Path) -> str:
    """Load the fresh dataset into the SPARQL store, where the store module is installed."""
    try:
        from ..store import build_store  # type: ignore[attr-defined]
    except ImportError:
        return ""
    try:
        build_store(out_dir)
    except ConverterError as exc:
        return f"published, but the SPARQL store was not rebuilt: {exc}"
    return ""
