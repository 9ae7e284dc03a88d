"""Converting a whole archive: a process pool, one small result per letter, a manifest that makes a second run
skip what is unchanged (and an interrupted run resume), and a machine-readable report.

Letters stream through: each worker reads, builds, validates and writes one letter and hands back a few
strings; nothing holds more than one letter's graph at a time."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import __version__
from .errors import ConverterError, OutputError
from .fastpath import Triples, serialize_all, validate_fast
from .publish import write_atomic
from .publish.outdir import check_writable, clean_leftovers, output_error
from .timelimit import LetterTimeout, time_limit, timeout_message

MANIFEST = ".kamervragen-manifest.jsonl"
REPORT = "report.json"


@dataclass(frozen=True)
class Settings:
    """How to convert: output folder, formats, base IRI, engine ("fast" or "reference") and time limit."""

    out_dir: Path
    formats: tuple[str, ...]
    base_iri: str
    engine: str = "fast"
    timeout: float = 120.0

    @property
    def key(self) -> str:
        """What decides whether earlier output is still good: the tool version and the output settings."""
        return f"{__version__}|{','.join(self.formats)}|{self.base_iri}"


@dataclass
class LetterResult:
    """What happened to one letter: small and picklable, so it crosses the process boundary cheaply."""

    path: str
    status: str  # converted, not_conforming, failed, skipped
    sha256: str = ""
    written: list[str] = field(default_factory=list)
    error: str | None = None
    violations: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    questions: int = 0
    answers: int = 0
    stages: dict[str, float] = field(default_factory=dict)  # seconds per stage
    unmatched: list[dict] = field(default_factory=list)  # names the reference lists did not resolve
    fatal: bool = False  # the output folder cannot be written: no later letter can be either


def convert_one(path: Path, settings: Settings) -> LetterResult:
    """Read, build, validate and (only if it conforms) write one letter; never raises."""
    try:
        with time_limit(settings.timeout):
            return _convert(path, settings)
    except LetterTimeout:
        return LetterResult(str(path), "failed", error=timeout_message(path, settings.timeout))
    except OutputError as exc:  # the output folder, not the letter: the run stops (see run_batch)
        return LetterResult(str(path), "failed", error=str(exc), fatal=True)
    except ConverterError as exc:
        return LetterResult(str(path), "failed", error=str(exc))
    except Exception as exc:  # a bug must not stop the batch; say where it happened
        return LetterResult(
            str(path),
            "failed",
            error=f"{path}: internal error ({type(exc).__name__}: {exc}); please report it with this file",
        )


def _convert(path: Path, settings: Settings) -> LetterResult:
    from .graph import build_graph, check_base_iri
    from .read import read_letter
    from .reconcile import reconcile_letter

    clock = time.perf_counter()
    stages: dict[str, float] = {}

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        stages[name] = now - clock
        clock = now

    letter = read_letter(path)
    lap("read")
    # the fast engine and the writers never ask for contexts: the lighter store (pySHACL needs contexts)
    graph = build_graph(letter, settings.base_iri, "SimpleMemory" if settings.engine == "fast" else "default")
    unmatched = reconcile_letter(graph, letter, check_base_iri(settings.base_iri))
    lap("build")
    converted = Triples(graph)  # converted once for both the fast engine and the writers
    report = validate_fast(graph, converted) if settings.engine == "fast" else _validator(settings.engine)(graph)
    lap("validate")
    result = LetterResult(
        str(path),
        "converted" if report.conforms else "not_conforming",
        sha256=letter.source.sha256,
        questions=len(letter.questions),
        answers=len(letter.answers),
        stages=stages,
        unmatched=[u.as_dict() for u in unmatched],
        violations=[f.as_dict() for f in report.violations],
        warnings=[f.as_dict() for f in report.warnings]
        + [{"severity": "Warning", "shape": "reader", "message": w} for w in letter.warnings],
    )
    if report.conforms:
        # one writer for both engines, so their files are the same bytes (rdfwrite.py); they differ in validating
        payloads = serialize_all(graph, settings.formats, converted=converted)
        lap("serialize")
        for fmt, data in payloads.items():
            target = settings.out_dir / f"{letter.stem}.{fmt}"
            write_atomic(target, data)
            result.written.append(str(target))
        lap("write")
    return result


def _validator(engine: str) -> Callable:
    if engine == "fast":
        from .fastpath import validate_fast

        return validate_fast
    from .validate import validate_graph

    return validate_graph


class Manifest:
    """The output folder's memory of what it holds: one JSON line per converted letter, appended as each
    finishes, so an interrupted run keeps what it did."""

    def __init__(self, out_dir: Path) -> None:
        self.path = out_dir / MANIFEST
        self.entries: dict[str, dict] = {}
        if self.path.exists():
            for line in self.path.read_text(encoding="utf-8").splitlines():
                try:
                    entry = json.loads(line)
                    self.entries[entry["input"]] = entry
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by an interruption
        self._fh: TextIO | None = None

    def is_current(self, path: Path, settings: Settings) -> bool:
        """Whether the letter's output is there and was made from the same input by the same tool version."""
        entry = self.entries.get(str(path.resolve()))
        if not entry or entry.get("key") != settings.key:
            return False
        if not all(Path(p).exists() for p in entry.get("outputs", [])):
            return False
        stat = path.stat()
        if entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
            return True
        return entry.get("sha256") == hashlib.sha256(path.read_bytes()).hexdigest()

    def record(self, path: Path, result: LetterResult, settings: Settings) -> None:
        """Remember a converted letter (appended and flushed at once)."""
        stat = path.stat()
        entry = {
            "input": str(path.resolve()),
            "sha256": result.sha256,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "key": settings.key,
            "outputs": result.written,
        }
        self.entries[str(path.resolve())] = entry
        try:
            if self._fh is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fh = self.path.open("a", encoding="utf-8")
            self._fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._fh.flush()
        except OSError as exc:  # a line cut short is skipped when read back
            raise output_error(exc, self.path) from exc

    def close(self) -> None:
        """Close, and rewrite the file with one line per letter."""
        if self._fh is not None:
            fh, self._fh = self._fh, None
            try:
                fh.close()
            except OSError as exc:
                raise output_error(exc, self.path) from exc
            write_atomic(
                self.path,
                "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in self.entries.values()).encode(
                    "utf-8"
                ),
            )


@dataclass
class Summary:
    """The run in numbers, and every failure with its reason."""

    total: int = 0
    converted: int = 0
    skipped: int = 0
    not_conforming: list[LetterResult] = field(default_factory=list)
    failed: list[LetterResult] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    reader_warnings: list[dict] = field(default_factory=list)  # what a reader repaired, letter by letter
    seconds: float = 0.0
    interrupted: bool = False
    unmatched: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def add(self, result: LetterResult) -> None:
        self.unmatched.update((u["kind"], u["name"], u["reason"]) for u in result.unmatched)
        if result.status == "skipped":
            self.skipped += 1
        elif result.status == "failed":
            self.failed.append(result)
        elif result.status == "not_conforming":
            self.not_conforming.append(result)
        else:
            self.converted += 1
        self.warnings.update(w.get("shape", "").rsplit("#", 1)[-1] or "unnamed" for w in result.warnings)
        self.reader_warnings += [{"file": result.path, "message": w["message"]}
                                 for w in result.warnings if w.get("shape") == "reader"]

    def as_dict(self) -> dict:
        done = self.converted + len(self.failed) + len(self.not_conforming)
        return {
            "tool_version": __version__,
            "total": self.total,
            "converted": self.converted,
            "skipped_unchanged": self.skipped,
            "not_conforming": len(self.not_conforming),
            "failed": len(self.failed),
            "interrupted": self.interrupted,
            "seconds": round(self.seconds, 3),
            "letters_per_second": round(done / self.seconds, 2) if self.seconds else None,
            "warnings_by_kind": dict(self.warnings.most_common()),
            "reader_warnings": self.reader_warnings,
            "failures": [{"file": r.path, "reason": r.error} for r in self.failed],
            "unmatched_names": unmatched_names(self.unmatched),
            "not_conforming_letters": [
                {"file": r.path, "violations": r.violations} for r in self.not_conforming
            ],
        }


def unmatched_names(counts: Counter[tuple[str, str, str]]) -> list[dict]:
    """Names the reference lists did not resolve, with why and in how many letters: the list to extend."""
    return [{"kind": k, "name": n, "reason": r, "letters": c} for (k, n, r), c in sorted(counts.items())]


def run_batch(
    paths: Iterable[Path],
    settings: Settings,
    jobs: int = 1,
    force: bool = False,
    on_result: Callable[[LetterResult], None] | None = None,
) -> Summary:
    """Convert letters on `jobs` processes; skip unchanged ones unless `force`; write OUT/report.json.

    An output folder that cannot be written (read-only, full) stops the run with an OutputError, after
    report.json is written where it still can be."""
    paths = list(paths)
    summary = Summary(total=len(paths))
    check_writable(settings.out_dir)
    clean_leftovers(settings.out_dir)
    manifest = Manifest(settings.out_dir)
    started = time.perf_counter()
    results = _results(paths, settings, jobs, force, manifest)
    stopped: OutputError | None = None
    try:
        for path, result in results:
            summary.add(result)
            if result.fatal:
                stopped = OutputError(result.error or f"cannot write to {settings.out_dir}")
                break
            if result.status == "converted":
                manifest.record(path, result, settings)
            if on_result is not None:
                on_result(result)
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    except OutputError as exc:
        stopped = exc
    finally:
        results.close()  # a stopped run's workers get no more letters
        summary.seconds = time.perf_counter() - started
        closing = _close(manifest, summary, settings.out_dir)
        stopped = stopped or closing
    if stopped is not None:
        raise stopped
    return summary


def _close(manifest: Manifest, summary: Summary, out_dir: Path) -> OutputError | None:
    """Close the manifest and write report.json; the OutputError if the folder refused either."""
    try:
        manifest.close()
    except OutputError as exc:
        return exc
    try:
        write_atomic(out_dir / REPORT, json.dumps(summary.as_dict(), indent=2, ensure_ascii=False).encode("utf-8"))
    except OutputError as exc:
        return exc
    return None


def _results(
    paths: list[Path], settings: Settings, jobs: int, force: bool, manifest: Manifest
) -> Generator[tuple[Path, LetterResult], None, None]:
    todo: list[Path] = []
    for path in paths:
        if not force and _current(manifest, path, settings):
            yield path, LetterResult(str(path), "skipped")
        else:
            todo.append(path)
    if jobs <= 1 or len(todo) <= 1:
        for path in todo:
            yield path, convert_one(path, settings)
        return
    yield from _pooled(todo, settings, jobs)


def _current(manifest: Manifest, path: Path, settings: Settings) -> bool:
    try:
        return manifest.is_current(path, settings)
    except OSError:
        return False


def convert_chunk(paths: list[Path], settings: Settings) -> list[LetterResult]:
    """Several letters in one task: fewer round trips between the processes."""
    return [convert_one(path, settings) for path in paths]


def _pooled(todo: list[Path], settings: Settings, jobs: int) -> Iterator[tuple[Path, LetterResult]]:
    """Results as they finish, with a bounded number of letters in flight (memory stays flat)."""
    _warm_up(settings.engine)  # parse the shapes once, before the workers fork
    size = max(1, min(16, len(todo) // (jobs * 4)))
    chunks = iter([todo[i : i + size] for i in range(0, len(todo), size)])
    pending: dict[Future, list[Path]] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        try:
            while True:
                while len(pending) < jobs * 4:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    pending[pool.submit(convert_chunk, chunk, settings)] = chunk
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = pending.pop(future)
                    yield from zip(chunk, _chunk_results(future, chunk), strict=True)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # a stopped run: letters not yet begun are dropped


def _chunk_results(future: Future, chunk: list[Path]) -> list[LetterResult]:
    try:
        return future.result()
    except Exception as exc:  # the worker died (out of memory, killed)
        return [LetterResult(str(p), "failed", error=f"{p}: the worker converting it stopped "
                             f"({type(exc).__name__}: {exc})") for p in chunk]


def _warm_up(engine: str) -> None:
    from .validate import shapes_graph

    shapes_graph()
    if engine == "fast":
        from .fastpath import _compiled_shapes

        _compiled_shapes()


def default_engine() -> str:
    """ "fast" where pyshacl-turbo is installed, else "reference" (pySHACL and rdflib)."""
    from .fastpath import available

    return "fast" if available() else "reference"
