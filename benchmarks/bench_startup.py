"""How long a command takes from start to exit, as a user sees it: each command run --runs times in a fresh
process (as hyperfine does), median and fastest printed; with --against, the same commands with another
checkout's code (for instance main's) in the same run, back to back.

    python benchmarks/bench_startup.py [--runs 20] [--against /path/to/other/checkout]

Targets (issue 15): `--help` and `--version` at most 0.3 s, `validate one.ttl` at most 0.6 s.
For where the time goes: python -X importtime -c 'import converter.cli' 2> imports.txt"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests" / "shapes" / "AnswerLetterShape-answeredBy-valid-01.ttl"
COMMANDS = {"--version": ["--version"], "--help": ["--help"], "validate one.ttl": ["validate", str(RECORD)]}
TARGETS = {"--version": 0.3, "--help": 0.3, "validate one.ttl": 0.6}


def _time(code_root: Path, args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(code_root)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-P", "-c", "from converter.cli import main; main()", *args], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--against", type=Path, help="another checkout to time the same commands with")
    args = parser.parse_args()
    roots = {"this": ROOT} | ({"against": args.against.resolve()} if args.against else {})
    _time(ROOT, ["--version"])  # warm the file cache
    print(f"{'command':18s} {'code':8s} {'median':>8s} {'fastest':>8s}  target")
    for name, argv in COMMANDS.items():
        times: dict[str, list[float]] = {label: [] for label in roots}
        for _ in range(args.runs):  # interleaved, so a change in the machine's load hits both alike
            for label, root in roots.items():
                times[label].append(_time(root, argv))
        for label, values in times.items():
            median = statistics.median(values)
            verdict = "met" if median <= TARGETS[name] else "NOT met"
            print(f"{name:18s} {label:8s} {median:7.3f}s {min(values):7.3f}s  <= {TARGETS[name]} s {verdict}")
        if "against" in times:
            ratio = statistics.median(times["against"]) / statistics.median(times["this"])
            print(f"{'':18s} {'ratio':8s} {ratio:7.1f}x faster than --against")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
