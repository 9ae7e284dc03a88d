"""A time limit on one letter (`convert --timeout`, `publish --timeout`): a slow or blocking input, such as a
huge text or a FIFO nobody writes to, is given up after so many seconds and the other letters go on.

SIGALRM interrupts a blocking open() or read() as well as Python code; it can only be set in the main thread,
so elsewhere (a library caller's thread) letters run without a limit."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path


class LetterTimeout(BaseException):
    """A letter took longer than the time limit (a BaseException, so no reader's `except Exception` hides it)."""


def timeout_message(path: Path | str, seconds: float) -> str:
    """The sentence reporting a letter given up."""
    return f"{path}: took longer than {seconds:g} s; expected a letter of a few pages (see --timeout)"


def _on_alarm(signum: int, frame: object) -> None:
    raise LetterTimeout


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise LetterTimeout in the block after `seconds` (0: no limit)."""
    usable = (seconds > 0 and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
