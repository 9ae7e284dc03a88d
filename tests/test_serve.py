"""`kamervragen serve` as real processes: its oxigraph child never outlives it (SIGTERM, SIGINT, SIGHUP, or the
parent killed outright), and a port already in use is one sentence with exit code 2."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.sparql.dataset import published_dataset
from fixtures.stores import free_port

from converter import server as server_module
from converter.server import ServerError, server_args, start, stop
from converter.store import build_server_store, oxigraph_binary

pytestmark = [pytest.mark.server, pytest.mark.skipif(sys.platform != "linux", reason="reads /proc (Linux)")]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return published_dataset(tmp_path_factory.getbasetemp())


def serve(out: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from converter.cli import main; main()", "serve", "--data", str(out),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running (a zombie, dead but not yet reaped by a container's init, counts as gone)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def listening(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


@pytest.fixture
def running(out: Path) -> Iterator[tuple[subprocess.Popen, int, int]]:
    """`kamervragen serve` answering on a free port: (its process, the oxigraph child's pid, the port)."""
    port = free_port()
    process = serve(out, port)
    try:
        first = process.stdout.readline()  # type: ignore[union-attr]
        assert first.startswith(f"SPARQL endpoint: http://127.0.0.1:{port}/query"), first + process.stderr.read()
        (child,) = children(process.pid)
        assert listening(port) and alive(child)
        yield process, child, port
    finally:
        for pid in [process.pid, *children(process.pid)]:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        process.wait()


def gone(child: int, port: int, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not alive(child) and not listening(port):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_stop_signal_stops_the_oxigraph_child_too(running: tuple[subprocess.Popen, int, int], sig: int) -> None:
    process, child, port = running
    process.send_signal(sig)
    assert process.wait(timeout=15) == 0
    assert gone(child, port), "the oxigraph server outlived `kamervragen serve`"


def test_the_child_dies_with_a_parent_killed_outright(running: tuple[subprocess.Popen, int, int]) -> None:
    process, child, port = running
    process.kill()  # SIGKILL: no handler runs; the kernel tells the child (PR_SET_PDEATHSIG)
    process.wait(timeout=15)
    assert gone(child, port), "the oxigraph server outlived `kamervragen serve`"


def test_a_port_in_use_is_one_sentence_and_exit_2(out: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process = serve(out, port)
        stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 2, stdout + stderr
    assert f"port {port} on 127.0.0.1 is in use" in stderr and len(stderr.strip().splitlines()) == 1, stderr
    assert "Press Ctrl-C" not in stdout and "backtrace" not in stderr and not children(process.pid)


def test_a_server_that_fails_to_start_is_one_sentence(out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The port taken between our check and the server's own bind: the child's failure is caught and told."""
    monkeypatch.setattr(server_module, "check_port_free", lambda host, port: None)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))  # bound, not listening: the server's bind fails, and nothing answers
        port = taken.getsockname()[1]
        args = server_args(oxigraph_binary(), build_server_store(out), "127.0.0.1", port)
        with pytest.raises(ServerError) as caught:
            process = start(args, "127.0.0.1", port)
            stop(process)
    message = str(caught.value)
    assert f"could not start on 127.0.0.1:{port}" in message and "the port is in use" in message
    assert "\n" not in message and "backtrace" not in message
