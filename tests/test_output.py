"""output/ in the repository is the published dataset of the bundled example letters, as publish writes it now."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from converter.cli import main

ROOT = Path(__file__).resolve().parents[1]
IGNORED = {".store", ".server-store"}  # the SPARQL stores are built on demand and not kept in git


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not IGNORED & set(p.relative_to(folder).parts)}


def test_output_folder_is_the_current_publication_of_the_examples(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    fresh = tmp_path / "output"
    monkeypatch.chdir(ROOT)  # summary.json names the letters as given: the README's command gives them relative
    result = CliRunner().invoke(main, ["publish", "examples/letters", "--out", str(fresh)])
    assert result.exit_code == 0, result.output
    committed, now = _files(ROOT / "output"), _files(fresh)
    assert sorted(committed) == sorted(now), "regenerate: kamervragen publish examples/letters --out output"
    stale = [name for name in now if committed[name] != now[name]]
    assert not stale, f"regenerate with `kamervragen publish examples/letters --out output`; differs: {stale[:10]}"
