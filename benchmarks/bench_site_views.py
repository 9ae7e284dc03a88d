"""What building a letter's site view costs in publish's worker: `site.views.letter_view` per letter, from the
rdflib graph and from the pyoxigraph triples the worker already made to serialise the letter, and the letter
page's data files (Turtle and JSON-LD). Prints median milliseconds per letter over the example letters.

    python benchmarks/bench_site_views.py [--rounds 50]"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from converter.fastpath import oxigraph_triples
from converter.pipeline import convert_letter
from converter.site.views import letter_data_files, letter_view

BASE = "https://w3id.org/kamervragen/id/"
ROOT = Path(__file__).resolve().parents[1]


def _median_ms(func, rounds: int) -> float:  # noqa: ANN001 - a callable of no arguments
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=50)
    rounds = parser.parse_args().rounds
    letters = [convert_letter(p) for p in sorted((ROOT / "examples" / "letters").iterdir()) if p.is_file()]
    triples = [oxigraph_triples(c.graph) for c in letters]
    figures = {
        "letter_view from the rdflib graph": lambda: [letter_view(c.graph, BASE, c.letter) for c in letters],
        "letter_view from pyoxigraph triples": lambda: [letter_view(c.graph, BASE, c.letter, triples=t)
                                                        for c, t in zip(letters, triples, strict=True)],
        "data files (Turtle + JSON-LD)": lambda: [letter_data_files(letter_view(c.graph, BASE, c.letter, triples=t),
                                                                    c.graph, t)
                                                  for c, t in zip(letters, triples, strict=True)],
    }
    size = sum(len(c.graph) for c in letters) / len(letters)
    print(f"{len(letters)} example letters, {size:.0f} triples each on average; median ms per letter:")
    for name, func in figures.items():
        print(f"  {name:40} {_median_ms(func, rounds) / len(letters):.3f}")


if __name__ == "__main__":
    main()
