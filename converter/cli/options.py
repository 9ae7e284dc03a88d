"""Options shared by several commands, defined once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from ..vocab import DEFAULT_BASE_IRI

F = TypeVar("F", bound=Callable[..., object])


def output_options(default_formats: str | None = "ttl,jsonld,nt") -> Callable[[F], F]:
    """--out, --format and --base-iri, for every command that writes RDF (no --format where None)."""

    def decorate(func: F) -> F:
        func = click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True,
                            help="Base IRI for the resources minted.")(func)
        if default_formats is not None:
            func = click.option("--format", "formats", default=default_formats, show_default=True,
                                help="Comma-separated formats to write: ttl, jsonld, nt.")(func)
        func = click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                            default=Path("output"), show_default=True, help="Folder to write to.")(func)
        return func

    return decorate


network_timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
    help="Seconds to wait for each answer.",
)
"""--timeout for every command that talks to a server (fetch, push)."""


letter_timeout_option = click.option(
    "--timeout", type=click.FloatRange(min=0), default=120.0, show_default=True,
    help="Seconds one letter may take before it is given up as failed (0: no limit).",
)
"""--timeout for every command that converts letters (convert, publish)."""
