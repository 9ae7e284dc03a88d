"""The stages joined: a letter file -> model -> graph -> SHACL report. Writing is the caller's (publish, batch)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import ConverterError, InputError
from .graph import build_graph, check_base_iri
from .model import Letter
from .read import LETTER_SUFFIXES, read_letter
from .reconcile import Unmatched, reconcile_letter
from .timelimit import LetterTimeout, time_limit, timeout_message
from .validate import Report, validate_graph
from .vocab import DEFAULT_BASE_IRI


@dataclass(frozen=True)
class Converted:
    """One letter converted: the model, its graph and the SHACL report."""

    path: Path
    letter: Letter
    graph: Graph
    report: Report
    unmatched: tuple[Unmatched, ...] = ()  # names the reference lists did not resolve


@dataclass(frozen=True)
class Outcome:
    """What happened to one input of several: converted (conforming or not) or failed with a reason."""

    path: Path
    converted: Converted | None = None
    error: str | None = None


def convert_letter(path: Path, base_iri: str = DEFAULT_BASE_IRI) -> Converted:
    """Read, build and validate one letter."""
    letter = read_letter(path)
    graph = build_graph(letter, base_iri)
    unmatched = reconcile_letter(graph, letter, check_base_iri(base_iri))
    return Converted(path=path, letter=letter, graph=graph, report=validate_graph(graph), unmatched=tuple(unmatched))


def letter_files(inputs: Iterable[Path]) -> list[Path]:
    """Expand folders into the letter files inside them (sorted); files named directly are kept as given."""
    found: list[Path] = []
    for path in inputs:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir()
                                if p.is_file() and not p.name.startswith(".")
                                and p.suffix.lower() in LETTER_SUFFIXES - {""}))
        else:
            found.append(path)
    return found


def convert_each(paths: Iterable[Path], base_iri: str = DEFAULT_BASE_IRI,
                 timeout: float = 0) -> Iterator[Outcome]:
    """Convert letters one by one, each within `timeout` seconds (0: no limit); a letter that fails or takes
    too long is reported and never stops the others."""
    for path in paths:
        try:
            with time_limit(timeout):
                converted = convert_letter(path, base_iri)
            yield Outcome(path=path, converted=converted)
        except LetterTimeout:
            yield Outcome(path=path, error=timeout_message(path, timeout))
        except ConverterError as exc:
            yield Outcome(path=path, error=str(exc))
        except Exception as exc:  # a bug must not stop the batch; say where it happened
            yield Outcome(path=path, error=f"{path}: internal error ({type(exc).__name__}: {exc}); "
                                           "please report it with this file")


__all__ = ["Converted", "Outcome", "convert_each", "convert_letter", "letter_files", "InputError"]
