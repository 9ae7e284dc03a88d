"""`kamervragen fetch`: written questions and answers from the Tweede Kamer API, officielebekendmakingen."""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

import click

from ..errors import ConverterError, OutputError
from ..fetch import Cache, FetchedDocument, Sources, fetch_zaak
from ..fetch.http import Client, FetchError, Politeness
from ..fetch.merge import dataset_of, merge_document
from ..fetch.records import OB_URL, TK_API, ApiZaak
from ..fetch.reflists import read_lists, write_lists
from ..fetch.tk import check_zaak_number, find_zaken, zaken_between
from ..graph import check_base_iri
from ..iri import file_stem
from ..publish import parse_formats, write_atomic, write_graph
from . import InputProblem
from .options import network_timeout_option, output_options


def _service(url: str, option: str) -> str:
    if not re.match(r"^https?://[^\s]+$", url):
        raise InputProblem(f"{option} {url!r}: expected an http(s) address such as {TK_API}")
    return url if url.endswith("/") else url + "/"


@click.command()
@click.argument("zaken", nargs=-1)
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Every case started on or after this day.")
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), help="... and on or before this day (with --since)."
)
@click.option(
    "--tk-api",
    envvar="KAMERVRAGEN_TK_API",
    default=TK_API,
    show_default=True,
    help="Root of the Tweede Kamer OData API (or a mirror); env KAMERVRAGEN_TK_API.",
)
@click.option(
    "--ob-url",
    envvar="KAMERVRAGEN_OB_URL",
    default=OB_URL,
    show_default=True,
    help="Root of officielebekendmakingen (or a mirror); env KAMERVRAGEN_OB_URL.",
)
@click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="KAMERVRAGEN_CACHE",
    default=Path(".kamervragen-cache"),
    show_default=True,
    help="Where downloads are kept, by URL.",
)
@network_timeout_option
@click.option("--refresh", is_flag=True, help="Ask the API again instead of using cached answers.")
@click.option(
    "--reference-lists",
    "reference_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write the API's Persoon, Fractie and FractieZetelPersoon lists to this folder as the CSV "
    "files reconciliation reads (use them with KAMERVRAGEN_REFERENCE_LISTS=DIR).",
)
@output_options()
def fetch(
    zaken: tuple[str, ...],
    since: dt.datetime | None,
    until: dt.datetime | None,
    tk_api: str,
    ob_url: str,
    cache_dir: Path,
    timeout: float,
    refresh: bool,
    reference_dir: Path | None,
    out_dir: Path,
    formats: str,
    base_iri: str,
) -> None:
    """Fetch written questions (ZAAK numbers, or --since DATE) from the official sources and convert them;
    --reference-lists DIR also (or only) refreshes the lists of members and groups."""
    if reference_dir is not None and not zaken and not since and not until:
        _reference_lists(tk_api, cache_dir, timeout, refresh, reference_dir)
        return
    if bool(zaken) == bool(since) or (until and not since):
        raise InputProblem(
            "name zaak numbers (fetch 2024Z18285 …) or a window (fetch --since 2024-11-01 "
            "[--until 2024-11-30]), not both and not neither"
        )
    try:
        fmts, numbers = parse_formats(formats), [check_zaak_number(z) for z in zaken]
        check_base_iri(base_iri)
    except ConverterError as exc:
        raise InputProblem(str(exc)) from exc
    sources = Sources(_service(tk_api, "--tk-api"), _service(ob_url, "--ob-url"))
    cache = Cache(cache_dir, Client(Politeness(timeout=timeout)), refresh=refresh)
    if reference_dir is not None:
        _reference_lists(tk_api, cache_dir, timeout, refresh, reference_dir)
    try:
        found, errors = (
            find_zaken(cache, sources.tk_api, numbers)
            if numbers
            else zaken_between(cache, sources.tk_api, _day(since), until.date() if until else None)
        )
    except (FetchError, OutputError) as exc:
        raise InputProblem(str(exc)) from exc
    for error in errors:
        click.echo(f"FAILED {error}", err=True)
    counts = {"ok": 0, "not conforming": 0, "failed": len(errors)}
    with click.progressbar(
        found, label=f"{len(found)} cases", file=sys.stderr, item_show_func=lambda z: z.number if z else ""
    ) as bar:
        for zaak in bar:
            try:
                for key in _convert_zaak(cache, sources, zaak, out_dir, fmts, base_iri):
                    counts[key] += 1
            except OutputError as exc:  # the cache or --out cannot be written: no later case could be
                raise InputProblem(str(exc)) from exc
    click.echo(
        f"{counts['ok']} documents converted, {counts['not conforming']} not conforming, "
        f"{counts['failed']} failed; {cache.downloads} downloads; output in {out_dir}",
        err=True,
    )
    if counts["failed"]:
        sys.exit(2)
    if counts["not conforming"]:
        sys.exit(1)


def _convert_zaak(
    cache: Cache, sources: Sources, zaak: ApiZaak, out_dir: Path, fmts: tuple[str, ...], base_iri: str
) -> list[str]:
    try:
        fetched = fetch_zaak(cache, sources, zaak)
    except FetchError as exc:
        click.echo(f"\nFAILED zaak {zaak.number}: {exc}", err=True)
        return ["failed"]
    if not fetched:
        click.echo(f"\nnote: zaak {zaak.number} has no documents yet", err=True)
    return [_convert_document(doc, zaak, out_dir, fmts, base_iri) for doc in fetched]


def _convert_document(
    doc: FetchedDocument, zaak: ApiZaak, out_dir: Path, fmts: tuple[str, ...], base_iri: str
) -> str:
    if doc.path is None:
        click.echo(f"\nFAILED zaak {zaak.number}: {doc.error}", err=True)
        return "failed"
    try:
        merged = merge_document(doc.path, zaak, base_iri)
    except ConverterError as exc:
        click.echo(f"\nFAILED zaak {zaak.number}, {doc.url}: {exc}", err=True)
        return "failed"
    for note in merged.overridden:
        click.echo(f"\n  {zaak.number}: API wins: {note}", err=True)
    for name in sorted({(u.kind, u.name, u.reason) for u in merged.unmatched}):
        click.echo(f"\n  {zaak.number}: unmatched {name[0]} {name[1]!r}: {name[2]}", err=True)
    if not merged.report.conforms:
        click.echo(f"\nNOT CONFORMING zaak {zaak.number}, {doc.path.name}: nothing written", err=True)
        for finding in merged.report.violations:
            click.echo(f"  {finding.focus}: {finding.message} [{finding.shape.rsplit('#', 1)[-1]}]", err=True)
        return "not conforming"
    stem = file_stem(f"{zaak.number}-{merged.letter.stem}")  # the API's Nummer may hold '/' or '..'
    trig = dataset_of(merged, zaak, base_iri).serialize(format="trig", encoding="utf-8")
    written = write_graph(merged.union, out_dir, stem, fmts)
    write_atomic(out_dir / f"{stem}.trig", trig)
    click.echo(f"\nok {zaak.number} {doc.path.name} -> {', '.join(p.name for p in written)}, {stem}.trig")
    return "ok"


def _reference_lists(tk_api: str, cache_dir: Path, timeout: float, refresh: bool, folder: Path) -> None:
    """Read the three lists (paging, each request under the timeout, answers cached) and write them; a list
    that cannot be had leaves the folder as it was (exit 2)."""
    api = _service(tk_api, "--tk-api")
    cache = Cache(cache_dir, Client(Politeness(timeout=timeout)), refresh=refresh)
    try:
        lists = read_lists(cache, api)
        for problem in lists.problems:
            click.echo(f"FAILED {problem}", err=True)
        written = write_lists(lists, folder)
    except (FetchError, OutputError) as exc:
        raise InputProblem(f"reference lists: {exc}; nothing written to {folder}") from exc
    counts = ", ".join(f"{len(data.splitlines()) - 1} rows in {name}" for name, data in lists.files.items())
    click.echo(f"reference lists: {counts}; written to {', '.join(str(p) for p in written)}", err=True)
    if lists.problems:  # the good rows are written; the bad ones are input errors
        sys.exit(2)


def _day(value: dt.datetime | None) -> dt.date:
    """The day of a --since value (the command checked it was given)."""
    if value is None:
        raise InputProblem("give --since DATE with a window")
    return value.date()
