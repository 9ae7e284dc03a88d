"""Write a whole folder at once: build it aside, then swap it in, so no reader sees half a dataset.

The publish owns what it wrote last time (listed in summary.json); anything else in the folder, such as the
per-letter files of `kamervragen convert`, its manifest or a SPARQL store, is carried over untouched. A file in
the way of the new dataset that publish did not write is never deleted: the run stops with an error instead.

Crash safety: the new dataset is built in ``.<out>.new`` beside --out, the user's entries are hard-linked into
it (the same files, never moved, so they stay in --out whatever happens), and the two folders are exchanged in
one step (renameat2 RENAME_EXCHANGE). A kill at any instant leaves --out holding either the old or the new
dataset, with the user's files; the next run removes ``.<out>.new``. The caller holds the folder's lock
(outdir.hold_out_folder)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from ..errors import ConfigError, OutputError
from .outdir import exchange, output_error, remove_tree, staging_paths

MANIFEST = "summary.json"


def replace_folder(out_dir: Path, files: Mapping[str, bytes]) -> None:
    """Make out_dir hold exactly these files (plus unrelated entries it already had), all or nothing."""
    if os.path.ismount(out_dir):
        raise OutputError(f"--out {out_dir}: is a mount point, which cannot be swapped for the new dataset; "
                          "publish into a folder inside it")
    ours = {rel.split("/", 1)[0] for rel in files}
    keep = _unrelated_entries(out_dir, ours)
    new, old = staging_paths(out_dir)
    remove_tree(new)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        new.mkdir()  # mode 0777 less the umask: a web server must read the dataset
        for rel, data in sorted(files.items()):
            path = new / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name in keep:
            _carry(out_dir / name, new / name)
        _swap(new, out_dir, old)
    except OSError as exc:
        raise output_error(exc, out_dir, "publish into") from exc
    finally:
        remove_tree(new)  # after the swap it holds the old dataset


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


def _carry(src: Path, dst: Path) -> None:
    """The user's entry, hard-linked into the new folder (a copy where the file system cannot link)."""
    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dst, symlinks=True, copy_function=_link)
    else:
        _link(src, dst)


def _link(src: str | Path, dst: str | Path) -> None:
    try:
        os.link(src, dst, follow_symlinks=False)
    except OSError:
        shutil.copy2(src, dst, follow_symlinks=False)


def _swap(new: Path, out_dir: Path, old: Path) -> None:
    """Put the new folder at out_dir in one step; without RENAME_EXCHANGE, in two renames that the next
    run completes (outdir.hold_out_folder puts the old folder back if a kill came between them)."""
    if not out_dir.exists():
        os.rename(new, out_dir)
    elif not exchange(new, out_dir):
        remove_tree(old)
        os.rename(out_dir, old)
        try:
            os.rename(new, out_dir)
        except OSError:
            os.rename(old, out_dir)
            raise
        remove_tree(old)
