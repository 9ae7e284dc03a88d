"""The oxigraph server `kamervragen serve` runs as a child process: started only on a free port, and never
outliving us, whether we are stopped by Ctrl-C (SIGINT), `kill` (SIGTERM), a closed terminal (SIGHUP) or
killed outright (on Linux the kernel sends the child SIGTERM when we die: PR_SET_PDEATHSIG)."""

from __future__ import annotations

import ctypes
import errno
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from .errors import ConverterError

START_TIMEOUT_S = 30.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_PR_SET_PDEATHSIG = 1


class ServerError(ConverterError):
    """The server cannot start: the port is taken, or the program stopped before it listened."""


class Stopped(Exception):
    """We were asked to stop (a signal in STOP_SIGNALS)."""


def check_port_free(host: str, port: int) -> None:
    """Refuse, in one sentence, a port another program listens on (checked the way the server will bind)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no owner
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ServerError(f"port {port} on {host} is in use by another program; "
                                  "choose another with --port (or --port 0 for any free one)") from None
            raise ServerError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def start(args: list[str], host: str, port: int) -> subprocess.Popen:
    """Start the server (args) and wait until it listens on host:port; its messages are passed on to stderr."""
    check_port_free(host, port)
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               preexec_fn=_die_with_parent(os.getpid()) if sys.platform == "linux" else None)
    messages: list[str] = []
    listening = threading.Event()
    threading.Thread(target=_relay, args=(process, messages, listening), daemon=True).start()
    try:
        _wait_until_listening(process, host, port, messages)
    except BaseException:
        stop(process)
        raise
    listening.set()
    return process


def stop(process: subprocess.Popen) -> None:
    """Stop the server: SIGTERM, then SIGKILL if it is still there after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def stop_signals() -> Iterator[None]:
    """Within: SIGINT, SIGTERM and SIGHUP raise Stopped, so the caller's `finally` stops the server."""
    def handler(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, handler) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def _die_with_parent(parent: int) -> Callable[[], None]:
    def preexec() -> None:  # runs in the child between fork and exec
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # we died before prctl took effect: nobody will send the signal
            os._exit(1)

    return preexec


def _relay(process: subprocess.Popen, messages: list[str], listening: threading.Event) -> None:
    """Keep the server's messages while it starts (they explain a failure); pass them on once it listens."""
    assert process.stderr is not None
    for raw in process.stderr:
        line = raw.decode("utf-8", "replace")
        if listening.is_set():
            sys.stderr.write(line)
        else:
            messages.append(line)


def _wait_until_listening(process: subprocess.Popen, host: str, port: int, messages: list[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            time.sleep(0.1)  # let the relay read the last words
            said = "".join(messages)
            why = "the port is in use by another program" if "in use" in said else _first_line(said)
            raise ServerError(f"the oxigraph server could not start on {host}:{port} (exit code "
                              f"{process.returncode}): {why}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise ServerError(f"the oxigraph server did not listen on {host}:{port} within {START_TIMEOUT_S:.0f} s")


def _first_line(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "it said nothing")
    return first.removeprefix("Error: ")


def bind_address(host: str, port: int) -> str:
    """host:port as a URL and the server write it ([host]:port for IPv6)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def server_args(program: str, location: Path, host: str, port: int) -> list[str]:
    """The command line of a read-only oxigraph server over the store at location."""
    return [program, "serve-read-only", "--location", str(location), "--bind", bind_address(host, port)]
