"""Convert 10,000 letters generated from examples/letters end to end (read, build, validate, write Turtle,
JSON-LD and N-Triples) and print per stage the median ms per letter, the peak memory and the letters/s.

    python benchmarks/bench_convert.py [--letters 10000] [--jobs 2] [--engine fast|reference] [--keep DIR]
                                       [--reference 20]

Targets (issue 15): at least 500 letters/s with both cores, memory flat (peak under 1 GiB at 10,000 letters).
Besides wall time it prints the CPU time per letter of all processes (workers and the main one), which a
machine shared with other work disturbs far less than wall time, and, in the same run, the naive reference
(`--reference N`, 0 to skip): the first N letters read, built in rdflib's default store, validated by pySHACL
and written by rdflib's own serialisers, one process, as a user of rdflib and pySHACL alone would.
The letters vary: their identifiers (zaak and aanhangsel numbers), how many questions they keep, and whether
the footnotes stay; every variant is a letter the example's layout could have printed."""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from converter.batch import LetterResult, Settings, run_batch  # noqa: E402
from converter.publish import DEFAULT_FORMATS  # noqa: E402
from converter.vocab import DEFAULT_BASE_IRI  # noqa: E402

_LABEL = re.compile(r"^(Vraag|Antwoord)(?: op vraag)? (\d+)(.*)$", re.M)


def variants(text: str, n: int) -> str:
    """Variant n of an example letter: new identifiers; fewer questions; footnotes kept or dropped."""
    text = re.sub(
        r"\b(\d{4})Z(\d{5})\b", lambda m: f"{m.group(1)}Z{(int(m.group(2)) + n) % 100000:05d}", text
    )
    text = re.sub(r"\bah-tk-(\d{8})-(\d+)\b", lambda m: f"ah-tk-{m.group(1)}-{int(m.group(2)) + n}", text)
    text = re.sub(r"^(\d{4})$", lambda m: str(int(m.group(1)) + n % 5000), text, count=1, flags=re.M)
    text = re.sub(r"^AH (\d+)$", lambda m: f"AH {int(m.group(1)) + n}", text, count=1, flags=re.M)
    labels = [(m.start(), m.group(1), int(m.group(2))) for m in _LABEL.finditer(text)]
    questions = sorted({num for _, kind, num in labels if kind == "Vraag"})
    keep = len(questions) - (n % 3) if len(questions) > 3 else len(questions)
    if keep < len(questions):  # cut after the answer to question `keep`, before the next question
        cut = next((pos for pos, kind, num in labels if kind == "Vraag" and num > keep), None)
        if cut is not None:
            tail = re.search(r"^(?:Hoogachtend|Met vriendelijke groet).*", text[cut:], re.M | re.S)
            text = text[:cut] + (tail.group(0) if tail else "")
    return text


def generate(folder: Path, count: int) -> int:
    """Write `count` letters into folder, cycling over the example letters (text layouts)."""
    examples = sorted(p for p in (ROOT / "examples" / "letters").glob("*.txt"))
    if not examples:
        sys.exit(f"no example letters in {ROOT / 'examples' / 'letters'}")
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        example = examples[n % len(examples)]
        text = variants(example.read_text(encoding="utf-8"), n // len(examples) + 1)
        (folder / f"{example.stem}-v{n:05d}.txt").write_text(text, encoding="utf-8")
    return len(examples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--letters", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine", choices=["fast", "reference"], default="fast")
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    parser.add_argument("--reference", type=int, default=20, metavar="N",
                        help="time the naive rdflib + pySHACL pipeline on the first N letters (0: skip)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kamervragen-bench-"))
    try:
        started = time.perf_counter()
        n_examples = generate(work / "in", args.letters)
        print(
            f"generated {args.letters} letters from {n_examples} examples "
            f"in {time.perf_counter() - started:.1f} s"
        )
        stages: dict[str, list[float]] = defaultdict(list)
        statuses: dict[str, int] = defaultdict(int)

        def collect(result: LetterResult) -> None:
            statuses[result.status] += 1
            for stage, seconds in result.stages.items():
                stages[stage].append(seconds * 1000)

        settings = Settings(work / "out", DEFAULT_FORMATS, DEFAULT_BASE_IRI, args.engine, timeout=120)
        paths = sorted((work / "in").glob("*.txt"))
        main_before, workers_before = _cpu_seconds()
        summary = run_batch(paths, settings, jobs=args.jobs, force=True, on_result=collect)
        main_after, workers_after = _cpu_seconds()
        main_cpu, workers_cpu = main_after - main_before, workers_after - workers_before
        cpu = main_cpu + workers_cpu
        _print(summary.seconds, len(paths), args, stages, statuses)
        print(f"CPU: {cpu / len(paths) * 1000:.2f} ms a letter (workers {workers_cpu / len(paths) * 1000:.2f}, "
              f"main process {main_cpu / len(paths) * 1000:.2f}): {len(paths) / cpu:.0f} letters a CPU-second, "
              f"so {2 * len(paths) / cpu:.0f} letters/s on 2 idle cores")
        if args.reference:
            ref = _reference(paths[: args.reference], work / "reference")
            print(f"naive reference (rdflib + pySHACL, rdflib's serialisers), {min(args.reference, len(paths))} "
                  f"letters, one process: {ref * 1000:.1f} ms CPU a letter; {args.engine} engine "
                  f"{ref / (cpu / len(paths)):.1f}x less CPU a letter")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def _cpu_seconds() -> tuple[float, float]:
    """User + system time of this process and of its finished children (the pool's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def _reference(paths: list[Path], out: Path) -> float:
    """CPU seconds a letter of the naive pipeline: rdflib graph (default store), pySHACL, rdflib writers."""
    from converter.graph import bind_prefixes, build_graph
    from converter.read import read_letter
    from converter.reconcile import reconcile_letter
    from converter.validate import validate_graph

    out.mkdir(parents=True, exist_ok=True)
    started = time.process_time()
    for path in paths:
        letter = read_letter(path)
        graph = build_graph(letter, DEFAULT_BASE_IRI)
        reconcile_letter(graph, letter, DEFAULT_BASE_IRI)
        if validate_graph(graph).conforms:
            bind_prefixes(graph)
            for fmt, name in (("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")):
                (out / f"{letter.stem}.{fmt}").write_bytes(graph.serialize(format=name, encoding="utf-8"))
    return (time.process_time() - started) / max(1, len(paths))


def _print(
    seconds: float,
    total: int,
    args: argparse.Namespace,
    stages: dict[str, list[float]],
    statuses: dict[str, int],
) -> None:
    print(
        f"engine {args.engine}, {args.jobs} processes: {total} letters in {seconds:.1f} s = "
        f"{total / seconds:.0f} letters/s end to end"
    )
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    for stage in ("read", "build", "validate", "serialize", "write"):
        if stages[stage]:
            print(f"  {stage:10s} median {statistics.median(stages[stage]):6.2f} ms/letter")
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: main process {me:.0f} MiB, largest worker {workers:.0f} MiB")


if __name__ == "__main__":
    main()
