"""Shared test options and fixtures: the --update-golden option and the paths tests read from."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: takes seconds (builds a wheel, converts the whole corpus)")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/cases/*/expected.ttl from the converter's output (read the diff!).")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run was asked to rewrite the golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real letters in ../shared/corpus, or a skip saying they are absent."""
    if not (CORPUS / "letters").is_dir():
        pytest.skip(f"the real corpus is absent: expected letters in {CORPUS / 'letters'}")
    return CORPUS
