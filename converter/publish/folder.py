"""Write a whole folder at once: build it aside, then swap it in, so no reader sees half a dataset.

The publish owns what it wrote last time (listed in summary.json); anything else in the folder, such as the
per-letter files of `kamervragen convert` or a SPARQL store, is carried over untouched. A file in the way of
the new dataset that publish did not write is never deleted: the run stops with an error instead."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from ..errors import ConfigError

MANIFEST = "summary.json"


def replace_folder(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Make out_dir hold exactly these files (plus unrelated entries it already had), all or nothing."""
    ours = {rel.split("/", 1)[0] for rel in files}
    keep = _unrelated_entries(out_dir, ours)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".new", dir=out_dir.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes it private; a web server must read the dataset
        for rel, data in sorted(files.items()):
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _swap(tmp, out_dir, keep)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _unrelated_entries(out_dir: Path, ours: set[str]) -> list[str]:
    """Top-level entries of out_dir that the last publish did not write; refuse where one is in the way."""
    if not out_dir.exists():
        return []
    if not out_dir.is_dir():
        raise ConfigError(f"--out {out_dir}: expected a folder, found a file")
    previous = _previous_files(out_dir)
    present = sorted(entry.name for entry in out_dir.iterdir())
    unrelated = [name for name in present if name not in previous]
    blocking = [name for name in unrelated if name in ours]
    if blocking:
        raise ConfigError(f"--out {out_dir}: holds {', '.join(blocking)}, which an earlier publish did not "
                          f"write (no {MANIFEST} lists it); publish into an empty or new folder, or move "
                          "them away")
    return unrelated


def _previous_files(out_dir: Path) -> set[str]:
    manifest = out_dir / MANIFEST
    try:
        listed = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {str(rel).split("/", 1)[0] for rel in listed} | {MANIFEST}


def _swap(tmp: Path, out_dir: Path, keep: list[str]) -> None:
    if not out_dir.exists():
        os.rename(tmp, out_dir)
        return
    moved: list[str] = []
    try:
        for name in keep:
            os.rename(out_dir / name, tmp / name)
            moved.append(name)
        old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=out_dir.parent))
        os.rename(out_dir, old / out_dir.name)
    except BaseException:
        for name in moved:  # put back what was carried over; the old dataset stays as it was
            os.rename(tmp / name, out_dir / name)
        raise
    try:
        os.rename(tmp, out_dir)
    except BaseException:
        os.rename(old / out_dir.name, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
