"""`convert` writes the same bytes on every run and from either engine, and its Turtle reads like Turtle: one
block per subject, subjects in order. Each run is a process of its own with its own hash seed, since the
order of Python's sets and dicts of strings changes from process to process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from converter.fastpath import available

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "examples" / "letters"
# what a run reports about itself (its duration), not data: the only files allowed to differ
RUN_RECORDS = {"report.json", ".kamervragen-manifest.jsonl"}


def convert(out: Path, engine: str, seed: int) -> dict[str, bytes]:
    done = subprocess.run(
        [sys.executable, "-c", "from converter.cli import main; main()", "convert", str(LETTERS), "--out", str(out),
         "--engine", engine, "-j", "1", "-q"],
        capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONHASHSEED": str(seed)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name not in RUN_RECORDS}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict[str, bytes]]:
    if not available():
        pytest.skip("pyshacl-turbo is not installed: the fast engine is not there to compare")
    base = tmp_path_factory.mktemp("convert-bytes")
    return {(engine, seed): convert(base / f"{engine}-{seed}", engine, seed)
            for engine in ("fast", "reference") for seed in (1, 2)}


def test_every_file_is_the_same_bytes_on_every_run_and_from_either_engine(runs) -> None:  # noqa: ANN001
    first = runs[("fast", 1)]
    assert {name.rsplit(".", 1)[1] for name in first} == {"ttl", "jsonld", "nt"}
    assert len(first) == 3 * len([p for p in LETTERS.iterdir() if p.is_file()])
    for key, files in runs.items():
        assert sorted(files) == sorted(first), key
        differs = [name for name in first if files[name] != first[name]]
        assert not differs, f"{key}: {differs}"


def test_turtle_is_one_block_a_subject_in_order_and_n_triples_sorted(runs) -> None:  # noqa: ANN001
    for name, data in runs[("fast", 1)].items():
        if name.endswith(".nt"):
            lines = data.splitlines()
            assert lines == sorted(lines) and len(lines) == len(set(lines)), name
            continue
        if not name.endswith(".ttl"):
            continue
        text = data.decode("utf-8")
        heads = [line.split(" ", 1)[0] for line in text.splitlines()
                 if line and not line[0].isspace() and not line.startswith("@prefix")]
        graph = Graph().parse(data=text, format="turtle")
        assert len(heads) == len(set(graph.subjects())), f"{name}: a subject in more than one block"
        iris = [graph.namespace_manager.expand_curie(h) if not h.startswith("<") else h[1:-1] for h in heads]
        assert iris == sorted(iris, key=str), f"{name}: subjects out of order"
