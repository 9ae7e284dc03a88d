"""The stages joined: a letter file -> model -> graph -> SHACL report -> files."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import ConverterError, InputError
from .graph import build_graph
from .model import Letter
from .publish import write_graph
from .read import LETTER_SUFFIXES, read_letter
from .validate import Report, validate_graph
from .vocab import DEFAULT_BASE_IRI


@dataclass(frozen=True)
class Converted:
    """One letter converted: the model, its graph and the SHACL report."""

    path: Path
    letter: Letter
    graph: Graph
    report: Report


@dataclass(frozen=True)
class Outcome:
    """What happened to one input in a batch: converted (with the files written) or failed with a reason."""

    path: Path
    converted: Converted | None = None
    written: tuple[Path, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.converted is not None and self.converted.report.conforms


def convert_letter(path: Path, base_iri: str = DEFAULT_BASE_IRI) -> Converted:
    """Read, build and validate one letter."""
    letter = read_letter(path)
    graph = build_graph(letter, base_iri)
    return Converted(path=path, letter=letter, graph=graph, report=validate_graph(graph))


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


def convert_files(paths: Iterable[Path], out_dir: Path, formats: tuple[str, ...],
                  base_iri: str = DEFAULT_BASE_IRI) -> Iterator[Outcome]:
    """Convert letters one by one; a letter that fails is reported and never stops the others.

    Output is written only for letters whose graph conforms to the shapes, so a failed run never leaves or
    overwrites a file."""
    for path in paths:
        try:
            converted = convert_letter(path, base_iri)
        except ConverterError as exc:
            yield Outcome(path=path, error=str(exc))
            continue
        except Exception as exc:  # a bug must not stop the batch; say where it happened
            yield Outcome(path=path, error=f"{path}: internal error ({type(exc).__name__}: {exc}); "
                                           "please report it with this file")
            continue
        if not converted.report.conforms:
            yield Outcome(path=path, converted=converted)
            continue
        written = write_graph(converted.graph, out_dir, converted.letter.stem, formats)
        yield Outcome(path=path, converted=converted, written=tuple(written))


__all__ = ["Converted", "Outcome", "convert_files", "convert_letter", "letter_files", "InputError"]
