"""Convert 10,000 letters generated from examples/letters end to end (read, build, validate, write Turtle,
JSON-LD and N-Triples) and print per stage the median ms per letter, the peak memory and the letters/s.

    python benchmarks/bench_convert.py [--letters 10000] [--jobs 2] [--engine fast|reference] [--keep DIR]

Targets (issue 3): at least 250 letters/s with both cores, peak memory under 1 GiB at 10,000 letters.
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
        summary = run_batch(paths, settings, jobs=args.jobs, force=True, on_result=collect)
        _print(summary.seconds, len(paths), args, stages, statuses)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


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
