"""`kamervragen validate` of 1,000 Turtle records against the pyshacl command line on the same files and shapes,
in the same run, and the ratio. The records are letters generated as bench_convert.py does, converted once.

    python benchmarks/bench_validate.py [--records 1000] [--keep DIR]

Target (issue 15): at least 10 times faster than `pyshacl -s shapes/kamervragen-shapes.ttl -a -w --validate-each`,
with the same findings (tests/test_validate_engines.py compares them with pySHACL's)."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_convert import generate  # noqa: E402

from converter.batch import Settings, run_batch  # noqa: E402
from converter.vocab import DEFAULT_BASE_IRI  # noqa: E402

BIN = Path(sys.executable).parent


def _timed(argv: list[str]) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--keep", type=Path, help="generate into (and keep) this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="kamervragen-bench-validate-"))
    try:
        generate(work / "in", args.records)
        run_batch(sorted((work / "in").glob("*.txt")), Settings(work / "rec", ("ttl",), DEFAULT_BASE_IRI), jobs=2,
                  force=True)
        records = [str(p) for p in sorted((work / "rec").glob("*.ttl"))]
        print(f"{len(records)} Turtle records, {sum(os.path.getsize(r) for r in records) / 2**20:.1f} MiB")
        ours, code = _timed([str(BIN / "kamervragen"), "validate", *records])
        print(f"kamervragen validate (fast engine): {ours:6.1f} s  exit {code}")
        shapes = str(ROOT / "shapes" / "kamervragen-shapes.ttl")
        theirs, code = _timed([str(BIN / "pyshacl"), "-s", shapes, "-a", "-w", "--validate-each", *records])
        print(f"pyshacl -a -w --validate-each:      {theirs:6.1f} s  exit {code}")
        print(f"ratio: kamervragen validate is {theirs / ours:.1f}x faster than the pyshacl command line "
              f"(target >= 10x); load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}, "
              f"{os.cpu_count()} cores")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
