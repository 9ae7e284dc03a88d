"""`publish` under faults: a kill -9 at every step of the swap, two runs into one --out, leftovers of killed
runs, and letters that never finish (a FIFO, a letter that sleeps). Issue 14, points 3 and 4."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.publish import folder, outdir, write_atomic
from converter.publish.folder import replace_folder
from converter.publish.outdir import LOCK, hold_out_folder

FIXTURES = Path(__file__).parent / "fixtures" / "publish"
LETTER = FIXTURES / "pdftext-poppler_ah-tk-20232024-9101.txt"
OTHER = FIXTURES / "docxtext_ah629-2024Z17001.txt"
USER_FILES = {  # what convert, its manifest and the store put into the same --out: never publish's to touch
    "2024Z17001.ttl": b"<a> <b> <c> .\n",
    ".kamervragen-manifest.jsonl": b'{"input": "x"}\n',
    "report.json": b"{}\n",
    ".store/CURRENT": b"MANIFEST-000001\n",
    ".store/built-from.json": b'{"layout": 2}\n',
    "letters/sub/mine.ttl": b"# by hand\n",
}


def dataset(tag: str, pages: int) -> dict[str, bytes]:
    """A small published dataset: dumps, pages in folders, and the summary that lists them."""
    files = {f"data/kamervragen.{ext}": f"{tag} {ext}\n".encode() for ext in ("nq", "trig", "ttl")}
    files.update({f"zaak/{n}/index.html": f"<p>{tag} {n}</p>".encode() for n in range(pages)})
    files["index.html"] = f"<h1>{tag}</h1>".encode()
    files["summary.json"] = json.dumps({"files": sorted(files)}).encode()
    return files


OLD, NEW = dataset("old", 3), dataset("new", 4)


def tree(folder_: Path) -> dict[str, bytes]:
    return {p.relative_to(folder_).as_posix(): p.read_bytes() for p in sorted(folder_.rglob("*")) if p.is_file()}


def split(out: Path) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The folder's files as (the published dataset, everything else)."""
    files = tree(out)
    user = {k: v for k, v in files.items() if k in USER_FILES}
    published = {k: v for k, v in files.items() if k not in USER_FILES and k != LOCK}
    return published, user


def make_out(tmp: Path) -> Path:
    out = tmp / "output"
    with hold_out_folder(out):
        replace_folder(out, OLD)
    for rel, data in USER_FILES.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(data)
    return out


def killed_at(step: int, run: Callable[[], None]) -> bool:
    """Run `run` in a forked child that SIGKILLs itself at its step-th file system operation; True if killed."""
    pid = os.fork()
    if pid == 0:  # the child: count every operation that changes the file system, die at the chosen one
        try:
            signal.alarm(60)  # a child that hangs dies of SIGALRM, which fails the test instead of hanging it
            _arm(step)
            run()
        finally:
            os._exit(0)
    _, status = os.waitpid(pid, 0)
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def _arm(step: int) -> None:
    count = 0

    def counted(owner: object, name: str) -> None:
        real = getattr(owner, name)

        def operation(*args, **kwargs):
            nonlocal count
            count += 1
            if count == step:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)

        setattr(owner, name, operation)

    for name in ("mkdir", "link", "rename", "replace", "unlink", "rmdir", "open"):
        counted(os, name)
    counted(Path, "write_bytes")
    counted(outdir, "exchange")
    folder.exchange = outdir.exchange  # type: ignore[attr-defined]  # folder imported the name


def publish_new(out: Path) -> Callable[[], None]:
    def run() -> None:
        with hold_out_folder(out):
            replace_folder(out, NEW)

    return run


def assert_no_leftovers(out: Path) -> None:
    beside = sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))
    assert beside == [], f"staging folders left beside --out: {beside}"
    inside = sorted(p.name for p in out.iterdir() if p.name.endswith(".part") or p.name.startswith(".kv-"))
    assert inside == [] and not (out / LOCK).exists(), inside


def test_a_kill_at_any_step_leaves_the_old_or_the_new_dataset_with_the_users_files(tmp_path: Path) -> None:
    outcomes = []
    step = 0
    while True:
        step += 1
        base = tmp_path / f"k{step}"
        out = make_out(base)
        if not killed_at(step, publish_new(out)):
            break  # the run got through: every operation has had its kill
        assert out.is_dir(), f"kill at step {step}: --out is gone"
        published, user = split(out)
        assert user == USER_FILES, f"kill at step {step}: the user's files are not all in place"
        assert published in (OLD, NEW), f"kill at step {step}: a mix of datasets: {sorted(published)}"
        outcomes.append("new" if published == NEW else "old")
        publish_new(out)()  # the next run cleans up and publishes
        assert split(out) == (NEW, USER_FILES)
        assert_no_leftovers(out)
    print(f"killed at each of {step - 1} steps: {outcomes.count('old')} left the old dataset, "
          f"{outcomes.count('new')} the new")
    assert step > 30 and "old" in outcomes and "new" in outcomes, (step, outcomes)
    assert split(out) == (NEW, USER_FILES)
    assert_no_leftovers(out)


def test_leftovers_of_killed_writers_are_removed_but_a_live_writers_are_kept(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    assert killed_at(3, lambda: write_atomic(out / "2024Z17001.ttl", b"half")), "mkdir, mkstemp, killed at replace"
    build = out / f".store.build-{_dead_pid()}-abc"
    (build / "db").mkdir(parents=True)
    live = out / f".kv-{os.getpid()}-live.part"
    live.write_bytes(b"being written")
    stale_new = tmp_path / ".output.new"
    (stale_new / "data").mkdir(parents=True)
    left = [p.name for p in out.iterdir() if p.name.endswith(".part") and p != live]
    assert left, "the killed writer left its temporary file"
    publish_new(out)()
    assert not build.exists() and not stale_new.exists()
    assert [p.name for p in out.iterdir() if p.name.endswith(".part")] == [live.name]
    assert (out / "2024Z17001.ttl").read_bytes() == USER_FILES["2024Z17001.ttl"]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_second_publish_into_the_same_out_is_refused_in_one_sentence(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    handle = os.open(out / LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(handle, fcntl.LOCK_EX)  # as a running publish holds it
    try:
        result = CliRunner().invoke(main, ["publish", str(LETTER), "--out", str(out)])
    finally:
        os.close(handle)
    assert result.exit_code == 2, result.output
    message = result.output.strip()
    assert "another kamervragen publish" in message and message.count("\n") == 0 and "Traceback" not in message
    assert split(out) == (OLD, USER_FILES)


def test_two_real_publish_runs_at_once(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    gate = tmp_path / "gate"
    gate.mkdir()
    first = _paused_publish(out, gate, LETTER)
    try:
        _wait_for(gate / "paused")
        argv = [sys.executable, "-c", "from converter.cli import main; main()", "publish", str(OTHER),
                "--out", str(out)]
        second = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=_env(), check=False)
        assert second.returncode == 2, second.stderr
        assert "another kamervragen publish is writing into this folder" in second.stderr
        (gate / "go").touch()
        assert first.wait(timeout=120) == 0, first.stderr.read() if first.stderr else ""
    finally:
        first.kill()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [item["file"] for item in summary["published"]] == [str(LETTER)]
    assert_users_files_kept_and_store_rebuilt(out)
    assert_no_leftovers(out)


def test_a_real_publish_killed_at_the_swap_and_rerun(tmp_path: Path) -> None:
    out = make_out(tmp_path)
    gate = tmp_path / "gate"
    gate.mkdir()
    run = _paused_publish(out, gate, LETTER)
    _wait_for(gate / "paused")
    run.send_signal(signal.SIGKILL)
    run.wait(timeout=30)
    assert (tmp_path / ".output.new").is_dir(), "killed with the new dataset built aside"
    assert split(out) == (OLD, USER_FILES)
    result = CliRunner().invoke(main, ["publish", str(LETTER), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "data" / "kamervragen.nq").stat().st_size > 1000
    assert_users_files_kept_and_store_rebuilt(out)
    assert_no_leftovers(out)


def assert_users_files_kept_and_store_rebuilt(out: Path) -> None:
    """After a real publish: the user's files as they were; the store (theirs too) rebuilt from the new dump."""
    user = split(out)[1]
    assert {k: v for k, v in user.items() if not k.startswith(".store/")} == {
        k: v for k, v in USER_FILES.items() if not k.startswith(".store/")}
    stamp = json.loads((out / ".store" / "built-from.json").read_text(encoding="utf-8"))
    assert stamp["dump"] == "kamervragen.nq" and stamp["size"] == (out / "data" / "kamervragen.nq").stat().st_size


_PAUSE = """
import os, sys, time
from pathlib import Path
import converter.publish.folder as folder
gate = Path(sys.argv[1])
real = folder._swap
def paused(*args):
    (gate / "paused").touch()
    while not (gate / "go").exists():
        time.sleep(0.05)
    return real(*args)
folder._swap = paused
from converter.cli import main
main(sys.argv[2:])
"""


def _env() -> Mapping[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    return {**os.environ, "PYTHONPATH": root + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _paused_publish(out: Path, gate: Path, letter: Path) -> subprocess.Popen:
    """A real publish that stops just before the swap until gate/go exists."""
    argv = [sys.executable, "-c", _PAUSE, str(gate), "publish", str(letter), "--out", str(out)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())


def _wait_for(path: Path, seconds: float = 120) -> None:
    until = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < until, f"{path} never appeared"
        time.sleep(0.05)


def test_a_fifo_and_a_letter_that_sleeps_are_given_up_and_the_rest_published(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)  # nobody ever writes: open() blocks forever
    sleeper = tmp_path / "sleeper.txt"
    sleeper.write_bytes(LETTER.read_bytes())
    import converter.pipeline as pipeline

    real = pipeline.read_letter

    def slow(path: Path):
        if path.name == sleeper.name:
            time.sleep(600)
        return real(path)

    monkeypatch.setattr(pipeline, "read_letter", slow)
    out = tmp_path / "output"
    started = time.monotonic()
    result = CliRunner().invoke(main, ["publish", str(fifo), str(sleeper), str(OTHER), "--out", str(out),
                                       "--timeout", "1"])
    assert time.monotonic() - started < 30
    assert result.exit_code == 2, result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [item["file"] for item in summary["published"]] == [str(OTHER)]
    reasons = {Path(f["file"]).name: f["reason"] for f in summary["failed"]}
    assert set(reasons) == {"fifo.txt", "sleeper.txt"}
    assert "took longer than 1 s" in reasons["sleeper.txt"]
    assert "fifo.txt" in reasons["fifo.txt"]


def test_convert_and_publish_write_nothing_outside_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)  # nothing may land in the current folder either (no cache, no default output/)
    out = tmp_path / "site" / "output"
    assert CliRunner().invoke(main, ["convert", str(LETTER), "--out", str(out), "-j", "1"]).exit_code == 0
    assert CliRunner().invoke(main, ["publish", str(LETTER), "--out", str(out)]).exit_code == 0
    everything = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    outside = [p for p in everything if not p.startswith("site/output/") and p not in ("cwd", "site", "site/output")]
    assert outside == [], outside
    assert (out / "data" / "kamervragen.nq").is_file() and (out / f"{LETTER.stem}.ttl").is_file()
