"""The `kamervragen` command line: the only layer that prints or picks exit codes.

Exit codes: 0 success / conforms, 1 does not conform, 2 usage or input error.

Each command's module is imported only when that command runs (cli/lazy.py): `--help` and `--version`
import click alone, `validate` no SPARQL parser, HTTP client or converter."""

from __future__ import annotations

import click

from .. import __version__
from .lazy import LazyGroup


class InputProblem(click.ClickException):
    """An input or usage error: exit code 2."""

    exit_code = 2


COMMANDS = {  # name: (where the command is, its one-line help as `--help` lists it)
    "convert": ("converter.cli.convert:convert",
                "Convert letters (text, PDF, Word; or folders of them) into validated RDF files."),
    "fetch": ("converter.cli.fetch:fetch",
              "Fetch written questions (ZAAK numbers, or --since DATE) from the official sources and convert them; "
              "--reference-lists DIR also (or only) refreshes the lists of members and groups."),
    "publish": ("converter.cli.publish:publish",
                "Publish letters as one dataset: dumps, DCAT-AP-NL catalogue and a static site."),
    "push": ("converter.cli.query:push",
             "Send each letter's named graph to a SPARQL 1.1 Graph Store (PUT replaces, so pushing twice is safe)."),
    "query": ("converter.cli.query:query",
              "Run a read-only SPARQL query (text, a .rq file, or a named query) over the published dataset."),
    "serve": ("converter.cli.query:serve",
              "Start a read-only SPARQL 1.1 endpoint (the oxigraph server) over the published dataset; Ctrl-C ends."),
    "validate": ("converter.cli.validate:validate",
                 "Check RDF records (Turtle, TriG, N-Triples, N-Quads, JSON-LD; gzipped too) against the shapes, "
                 "each graph apart; exit 0 no violations, 1 violations, 2 unreadable or no record."),
}


@click.group(cls=LazyGroup, lazy_subcommands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kamervragen")
def main() -> None:
    """Dutch written parliamentary questions and their answers as Linked Data."""
