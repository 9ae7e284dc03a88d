"""The wheel carries ontology/, shapes/ and queries/, and an installed package finds them (slow)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = ("ontology", "shapes", "queries")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from the checkout with the build backend already installed (no network)."""
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (pip install hatchling)")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(out), str(REPO)], check=True, timeout=120, cwd=out)
    wheels = list(out.glob("kamervragen_ld-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_holds_the_data_folders(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for folder in DATA:
        source = sorted(p.relative_to(REPO / folder).as_posix() for p in (REPO / folder).rglob("*")
                        if p.is_file() and "__pycache__" not in p.parts)
        packed = sorted(n.split(f"converter/_data/{folder}/", 1)[1] for n in names
                        if n.startswith(f"converter/_data/{folder}/"))
        assert source and packed == source, f"{folder}/ in the wheel differs from the checkout"
    assert "converter/_data/ontology/context.jsonld" in names
    assert any(n.startswith("converter/_data/shapes/") and n.endswith(".ttl") for n in names)
    assert not any(n.startswith(("tests/", "examples/")) for n in names)


def test_installed_wheel_finds_its_shapes(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)],
                   check=True, timeout=60)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps",
                    "--no-index", str(wheel)], check=True, timeout=120)
    probe = ("from converter.resources import context_file, ontology_dir, queries_dir, shapes_dir\n"
             "for f in (ontology_dir, shapes_dir, queries_dir): print(f())\n"
             "print(context_file().is_file())\n")
    found = subprocess.run([str(python), "-I", "-c", probe], check=True, timeout=60, cwd=tmp_path,
                           capture_output=True, text=True).stdout.split()
    site = venv.resolve()
    for folder, printed in zip(DATA, found[:3], strict=True):
        path = Path(printed)
        assert path.resolve().is_relative_to(site), f"{folder}/ found outside the installed package: {path}"
        assert path.name == folder and any(path.iterdir())
    assert any(Path(found[1]).glob("*.ttl"))
    assert found[3] == "True"
