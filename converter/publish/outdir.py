"""The output folder's housekeeping: one publish at a time (a lock file in --out), the leftovers of a killed
run removed on the next one, an atomic exchange of two folders, and OS errors told as one sentence.

Temporary names carry the writer's process id (``.kv-<pid>-….part``, ``.store.build-<pid>-…``), so a later
run removes only what a dead process left behind, never the file a live one is still writing."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputError

LOCK = ".kamervragen.lock"
TEMP_PREFIX = ".kv-"  # + "<pid>-" + random + ".part": short, so a 244-character file name still fits
_LEFTOVER = re.compile(r"^(?:\.kv-(\d+)-.*\.part|\.(?:server-)?store\.(?:build|old)-(\d+)-.*)$")
_RENAME_EXCHANGE = 2  # linux/fs.h

_WHAT = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "no permission to write there",
    errno.EPERM: "no permission to write there",
    errno.ENAMETOOLONG: "the file name is too long for the file system",
    errno.ENOTDIR: "a file stands where a folder is needed",
}


def output_error(exc: OSError, path: Path, doing: str = "write") -> OutputError:
    """An OSError met while writing, as one sentence naming the path and what to do."""
    what = _WHAT.get(exc.errno or 0, exc.strerror or type(exc).__name__)
    return OutputError(f"cannot {doing} {path}: {what} ({exc.strerror or exc}); make room or choose a "
                       "writable folder, then run again")


def check_writable(out_dir: Path) -> None:
    """Create out_dir and write a file in it, or an OutputError saying why not (before any work is done)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".part", dir=out_dir)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise output_error(exc, out_dir, "write into") from exc


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs (a leftover of a live process is still being written)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_tree(path: Path) -> None:
    """Remove a file, a symlink or a folder, whatever stands at path (nothing there is fine)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def staging_paths(out_dir: Path) -> tuple[Path, Path]:
    """Where a publish builds the new dataset and (without an atomic exchange) parks the old one."""
    return out_dir.parent / f".{out_dir.name}.new", out_dir.parent / f".{out_dir.name}.old"


def clean_leftovers(out_dir: Path) -> list[str]:
    """Remove what killed runs left in --out: temporary files and store folders whose process is gone (safe
    beside a live run, which needs no lock for it). Returns the names removed."""
    removed = []
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        for entry in os.scandir(out_dir):
            m = _LEFTOVER.match(entry.name)
            if m and not pid_alive(int(m.group(1) or m.group(2))):
                remove_tree(Path(entry.path))
                removed.append(entry.name)
    return removed


def exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (renameat2 RENAME_EXCHANGE); False where the system cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextlib.contextmanager
def hold_out_folder(out_dir: Path) -> Iterator[Path]:
    """Take --out for one run: create it, lock it (another run holding it is an OutputError), clean up what a
    killed run left, and on leaving remove the lock file (and --out itself when the run put nothing in it)."""
    staged_old = staging_paths(out_dir)[1]
    if not out_dir.exists() and staged_old.is_dir():
        with contextlib.suppress(FileNotFoundError):  # a kill between the two renames of the fallback swap
            os.rename(staged_old, out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"--out {out_dir}: expected a folder, found a file")
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(exc, out_dir, "create the folder") from exc
    handle = _lock(out_dir)
    try:
        for path in staging_paths(out_dir):  # only the lock holder may touch these
            remove_tree(path)
        clean_leftovers(out_dir)
        yield out_dir
    finally:
        with contextlib.suppress(OSError):
            (out_dir / LOCK).unlink()
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only succeeds when the run wrote nothing
        os.close(handle)


def _lock(out_dir: Path) -> int:
    lock = out_dir / LOCK
    while True:
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            raise output_error(exc, out_dir) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise OutputError(f"--out {out_dir}: another kamervragen publish is writing into this folder "
                              f"(it holds {LOCK}); wait until it has finished, then run again") from None
        try:
            same = os.stat(lock).st_ino == os.fstat(handle).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return handle
        os.close(handle)  # the run before us removed the lock file as we opened it: take the new one
