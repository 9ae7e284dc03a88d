"""The real letters in ../shared/corpus: none crashes the converter, and the corpus score does not fall.

The score comes from ../shared/tools/score_corpus.py (hand-made annotations of every letter). Skipped, saying
so, where the corpus is absent."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.errors import ConverterError
from converter.graph import build_graph
from converter.read import read_letter

SHARED = Path(__file__).resolve().parents[2] / "shared"
CORPUS = SHARED / "corpus"
SCORER = SHARED / "tools" / "score_corpus.py"
SEED = "seed_defensie-2025Z09558"
# The score measured on 2026-12-03 (0.9936, 74 of 95 letters fully right) less a margin: raise it as the reader
# improves, never lower it (issue 9 asks the corpus to stay at 0.99 or above).
SCORE_FLOOR = 0.99

pytestmark = [pytest.mark.corpus, pytest.mark.slow]


def corpus_letters() -> list[Path]:
    return sorted((CORPUS / "letters").glob("*.txt")) if (CORPUS / "letters").is_dir() else []


def need(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"needs {path}, which is absent (the real corpus lives in ../shared, not in the project)")


@pytest.mark.parametrize("letter", corpus_letters() or [CORPUS / "letters"],
                         ids=lambda p: p.stem)
def test_letter_converts_or_raises_converter_error(letter: Path) -> None:
    need(letter)
    try:
        letter_model = read_letter(letter)
    except ConverterError as exc:
        assert letter.name in str(exc), f"the message does not name the file: {exc}"
        return
    graph = build_graph(letter_model)
    assert len(graph) > 10


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus converted by the CLI, as a user would, into a temporary folder."""
    need(CORPUS / "letters")
    out = tmp_path_factory.mktemp("corpus-out")
    args = ["convert", str(CORPUS / "letters"), "--out", str(out), "--format", "ttl", "--jobs", "2",
            "--no-progress", "--quiet"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output  # 1: some graphs break a shape; never 2 (unreadable)
    return out


def score(expected: Path, output: Path) -> dict:
    need(SCORER)
    done = subprocess.run([sys.executable, str(SCORER), "--expected", str(expected), "--output", str(output),
                           "--json"], check=True, capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout)


def test_seed_letter_scores_full_marks(converted: Path, tmp_path: Path) -> None:
    expected = tmp_path / "expected"
    expected.mkdir()
    need(CORPUS / "expected" / f"{SEED}.json")
    shutil.copy(CORPUS / "expected" / f"{SEED}.json", expected)
    summary = score(expected, converted)
    print(f"seed letter score {summary['score']:.4f} ({summary['earned']}/{summary['points']})")
    assert summary["letters_with_output"] == 1
    assert summary["score"] == 1.0, summary["by_field"]


def test_corpus_score_stays_above_the_floor(converted: Path) -> None:
    summary = score(CORPUS / "expected", converted)
    print(f"corpus score {summary['score']:.4f} ({summary['earned']}/{summary['points']} points, "
          f"{summary['letters_fully_right']}/{summary['letters']} letters fully right, "
          f"{summary['letters_with_output']} with output)")
    print(json.dumps(summary["by_field"], indent=1))
    assert summary["letters"] == len(corpus_letters())
    assert summary["score"] >= SCORE_FLOOR, f"corpus score {summary['score']} fell below {SCORE_FLOOR}"
