"""The output folder fails: read-only, full, refused while the store is built. Each is one sentence, exit 2, no
half-written file, and report.json where it can still be written (issue 14, point 8). Tests run as root, for
whom a chmod'ed folder is still writable: the real cases use a small tmpfs (remounted read-only, or too small),
skipped with the reason where `mount` is not allowed; the simulated ones fail the write in-process."""

from __future__ import annotations

import errno
import json
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from converter.cli import main

EXAMPLES = Path(__file__).parents[1] / "examples" / "letters"
LETTERS = sorted(EXAMPLES.glob("*.txt"))


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_sentence(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in output, output
    return lines[0]


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.endswith((".part", ".new")) or ".build-" in p.name)


def fail_writes(monkeypatch: pytest.MonkeyPatch, out: Path, code: int, suffixes: tuple[str, ...] = ("",)) -> None:
    """Every os.replace into `out` of a file ending in one of `suffixes` fails with `code`."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).startswith(str(out)) and str(dst).endswith(suffixes):
            raise OSError(code, os.strerror(code), str(dst))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_convert_into_a_full_disk_stops_in_one_sentence_and_still_writes_the_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    fail_writes(monkeypatch, out, errno.ENOSPC, (".ttl", ".jsonld", ".nt"))
    result = run("convert", *map(str, LETTERS), "--out", str(out), "-j", "1")
    assert result.exit_code == 2
    line = one_sentence(result.output)
    assert line.startswith("Error: cannot write ") and "the disk is full" in line
    assert sorted(p.name for p in out.iterdir()) == ["report.json"], "no output file, no temporary file"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["failed"] == 1 and "disk is full" in report["failures"][0]["reason"]
    assert report["converted"] == 0, "the run stopped at the first letter it could not write"


def test_convert_into_a_read_only_folder_is_refused_before_any_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    real = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    result = run("convert", str(LETTERS[0]), "--out", str(out), "-j", "1")
    assert result.exit_code == 2
    assert "the file system is read-only" in one_sentence(result.output)
    assert list(out.iterdir()) == []


def test_store_build_on_a_full_disk_is_exit_2_and_leaves_no_half_store(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(dump: Path, location: Path) -> None:
        (location / "000001.sst").write_bytes(b"half a table")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(location / "000002.sst"))

    monkeypatch.setattr("converter.store._load_embedded", full)
    out = tmp_path / "out"
    result = run("publish", str(LETTERS[0]), "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "the SPARQL store was not rebuilt: cannot build the SPARQL store" in result.output
    assert "the disk is full" in result.output and "Traceback" not in result.output
    assert (out / "data" / "kamervragen.nq").is_file(), "the dataset itself was published"
    assert leftovers(out) == [] and not (out / ".store").exists()


def test_publish_swap_on_a_full_disk_keeps_the_old_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert run("publish", str(LETTERS[0]), "--out", str(out)).exit_code == 0
    before = (out / "summary.json").read_bytes()
    real = Path.write_bytes

    def full(self: Path, data: bytes) -> int:
        if ".out.new" in str(self) and self.name == "index.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    result = run("publish", *map(str, LETTERS[:2]), "--out", str(out))
    assert result.exit_code == 2
    assert "NOT PUBLISHED: cannot publish into" in result.output and "the disk is full" in result.output
    assert (out / "summary.json").read_bytes() == before
    assert leftovers(tmp_path) == []


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[..., Path]]:
    """Mount small tmpfs file systems under tmp_path (root and mount(8) needed); unmounted afterwards."""
    mounted: list[Path] = []

    def mount(name: str, size_kib: int) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k", "tmpfs", str(point)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode}); the simulated "
                        "read-only and full-disk tests cover the same code")
        mounted.append(point)
        return point

    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the simulated read-only and full-disk tests cover the same code")
    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)


def remount_read_only(point: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(point)], check=True)


def test_a_real_read_only_out(tmpfs: Callable[..., Path]) -> None:
    point = tmpfs("ro", 1024)
    out = point / "out"
    out.mkdir()
    (out / "earlier.ttl").write_text("<a> <b> <c> .\n", encoding="utf-8")
    remount_read_only(point)
    converted = run("convert", str(LETTERS[0]), "--out", str(out), "-j", "1")
    assert converted.exit_code == 2 and "the file system is read-only" in one_sentence(converted.output)
    published = run("publish", str(LETTERS[0]), "--out", str(out))
    assert published.exit_code == 2 and "the file system is read-only" in one_sentence(published.output)
    assert sorted(p.name for p in point.rglob("*")) == ["earlier.ttl", "out"]


def test_a_real_full_disk_during_convert_and_publish(tmpfs: Callable[..., Path]) -> None:
    point = tmpfs("full", 48)
    out = point / "out"
    converted = run("convert", *map(str, LETTERS), "--out", str(out), "-j", "1")
    assert converted.exit_code == 2, converted.output
    assert "the disk is full" in converted.output and "Traceback" not in converted.output
    for path in out.glob("*.ttl"):  # what was written is whole
        assert len(Graph().parse(path, format="turtle")) > 10, path
    assert leftovers(point) == []
    published = run("publish", *map(str, LETTERS), "--out", str(out))
    assert published.exit_code == 2 and "the disk is full" in one_sentence(published.output)
    assert leftovers(point) == [] and not (out / "summary.json").exists()


def test_publish_into_a_mount_point_is_refused_in_one_sentence(tmpfs: Callable[..., Path]) -> None:
    point = tmpfs("volume", 4096)
    result = run("publish", str(LETTERS[0]), "--out", str(point))
    assert result.exit_code == 2 and "is a mount point" in one_sentence(result.output)
    assert list(point.iterdir()) == []
    inside = point / "output"
    assert run("publish", str(LETTERS[0]), "--out", str(inside)).exit_code == 0
    assert (inside / "data" / "kamervragen.nq").is_file()
