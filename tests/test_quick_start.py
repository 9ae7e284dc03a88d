"""The README's Quick start, followed in order in a copy of the repository, ends green: its commands run, write
where it says, and leave the committed `output/` as `test_output_folder_is_the_current_publication_of_the_examples`
expects it."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main

REPO = Path(__file__).resolve().parents[1]
# what an install makes, and what a copy of the repository does not need
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".mypy_cache",
                                    ".ruff_cache", ".store", ".server-store", "converted")


def quick_start() -> list[list[str]]:
    """The commands of the Quick start's shell blocks, in order, each split into words."""
    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [shlex.split(part) for block in blocks for part in block.replace("\n", " ").split("&&")]


def files(folder: Path) -> dict[str, bytes]:
    """The published files (not the query stores `kamervragen query` builds beside them, which git ignores)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not {".store", ".server-store"} & set(p.relative_to(folder).parts)}


def test_the_quick_start_in_order_leaves_the_published_output_as_committed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(REPO, copy, ignore=NOT_COPIED)
    monkeypatch.chdir(copy)
    ran = []
    for words in quick_start():
        if words[0] != "kamervragen":  # python3 -m venv, activate, pip install: they install what runs here
            assert words[0] in ("python3", ".", "pip", "python"), words
            continue
        result = CliRunner().invoke(main, words[1:])
        assert result.exit_code == 0, f"{shlex.join(words)}: {result.output}"
        ran.append(words)
    assert [w[:2] for w in ran] == [["kamervragen", "convert"]]
    out = copy / ran[0][ran[0].index("--out") + 1]
    assert sorted(p.suffix for p in out.glob("*.ttl")) and not out.is_relative_to(copy / "output")
    assert files(copy / "output") == files(REPO / "output"), "the Quick start wrote into the committed output/"
