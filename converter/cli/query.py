"""`kamervragen query`, `kamervragen serve` and `kamervragen push`: SPARQL here and on a real server."""

from __future__ import annotations

import socket
import sys
import time
from pathlib import Path

import click

from ..errors import ConverterError
from ..push import PushSettings, graph_store_url, push_dataset
from ..query import query_endpoint, render, run_query
from ..server import Stopped, bind_address, server_args, start, stop, stop_signals
from ..sparql import NamedQuery, bind_params, named_queries, resolve_query
from ..store import build_server_store, open_store, oxigraph_binary
from . import InputProblem
from .options import network_timeout_option

data_option = click.option(
    "--data",
    "data_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="The folder `kamervragen publish` wrote (holding data/kamervragen.nq).",
)


@click.command()
@click.argument("query_spec", metavar="QUERY|NAME", required=False)
@data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="Results as an aligned table, CSV, or SPARQL 1.1 JSON results.",
)
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (as a literal) in the query; repeatable.",
)
@click.option("--endpoint", metavar="URL", help="Ask this SPARQL endpoint instead of the local store.")
@click.option("--list", "list_only", is_flag=True, help="List the named queries and what each answers.")
def query(
    query_spec: str | None,
    data_dir: Path,
    fmt: str,
    params: tuple[str, ...],
    endpoint: str | None,
    list_only: bool,
) -> None:
    """Run a read-only SPARQL query (text, a .rq file, or a named query) over the published dataset."""
    if list_only:
        _echo_list(named_queries())
        return
    if not query_spec:
        raise click.UsageError("give a SPARQL query, a .rq file or a query name (see --list)")
    try:
        text, named = resolve_query(query_spec)
        text = bind_params(text, _parse_params(params), named)
        result = query_endpoint(endpoint, text) if endpoint else run_query(open_store(data_dir), text)
    except ConverterError as exc:
        raise InputProblem(str(exc)) from exc
    click.echo(render(result, fmt), nl=False)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise InputProblem(f"--param {pair!r}: expected NAME=VALUE, for example --param word=stikstof")
        values[name.strip()] = value
    return values


def _echo_list(queries: dict[str, NamedQuery]) -> None:
    for name, named in queries.items():
        click.echo(f"{name}\n    {named.description}")
        for p in named.params:
            need = "required" if p.required else "optional"
            click.echo(f"    --param {p.name}=… (xsd:{p.datatype}, {need}): {p.help}")


@click.command()
@data_option
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; loopback unless you mean others to reach it.",
)
def serve(data_dir: Path, port: int, host: str) -> None:
    """Start a read-only SPARQL 1.1 endpoint (the oxigraph server) over the published dataset; Ctrl-C ends."""
    with stop_signals():  # a `kill` or a closed terminal stops the server as Ctrl-C does
        port = port or _free_port(host)
        try:
            location = build_server_store(data_dir)
            server = start(server_args(oxigraph_binary(), location, host, port), host, port)
        except ConverterError as exc:
            raise InputProblem(str(exc)) from exc
        except Stopped:
            return
        try:
            url = f"http://{bind_address(host, port)}/query"
            click.echo(f"SPARQL endpoint: {url}  (read-only; the named graphs' union is the default graph)")
            click.echo(
                f"Try:  curl -s {url} -H 'Accept: text/csv' --data-urlencode "
                "'query=SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }'"
            )
            click.echo("Press Ctrl-C to stop.")
            code = server.wait()
            raise InputProblem(f"the oxigraph server stopped by itself (exit code {code})")
        except Stopped:
            click.echo("Stopping the server.", err=True)
        finally:
            stop(server)


def _free_port(host: str) -> int:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@click.command()
@click.argument("data_dir", metavar="DATA", type=click.Path(file_okay=False, path_type=Path), default=Path("output"))
@click.option("--endpoint", required=True, metavar="URL", help="The server's SPARQL endpoint (or its Graph Store URL).")
@click.option(
    "--graph-store",
    metavar="URL",
    help="The Graph Store Protocol URL, where the endpoint's own cannot be guessed.",
)
@network_timeout_option
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=4,
    show_default=True,
    help="Retries (with back-off) of a request that met a 5xx answer or a connection error.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=4,
    show_default=True,
    help="Requests in flight at a time.",
)
def push(data_dir: Path, endpoint: str, graph_store: str | None, timeout: float, retries: int, workers: int) -> None:
    """Send each letter's named graph to a SPARQL 1.1 Graph Store (PUT replaces, so pushing twice is safe)."""
    started = time.monotonic()
    try:
        target = graph_store_url(endpoint, graph_store)
        settings = PushSettings(target, timeout=(min(timeout, 10.0), timeout), retries=retries, workers=workers)
        summary = push_dataset(data_dir, settings)
    except ConverterError as exc:
        raise InputProblem(str(exc)) from exc
    for graph, reason in sorted(summary.failed.items()):
        click.echo(f"FAILED {graph}: {reason}", err=True)
    note = (
        f"; {summary.default_graph_triples} triples in the default graph not pushed"
        if summary.default_graph_triples
        else ""
    )
    click.echo(
        f"{summary.pushed} graphs pushed ({summary.triples} triples), {len(summary.failed)} failed, "
        f"to {target.split('?')[0]} in {time.monotonic() - started:.1f} s{note}"
    )
    if summary.failed:
        sys.exit(2)
