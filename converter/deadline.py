"""A deadline for a whole HTTP request (`fetch --timeout`, `push --timeout`), not for each socket read.

A socket timeout bounds one read: a server that answers a byte a second never trips it. Here the pools
record, per thread, the connection a request uses, and a timer shuts that connection's socket down when the
deadline passes; the blocked read then ends at once and the caller reports the time limit. Works the same for
urllib3 (push) and for requests (fetch), whose sessions get a pool manager with these pools."""

from __future__ import annotations

import contextlib
import heapq
import itertools
import socket
import threading
import time
from collections.abc import Iterator

import requests
import requests.adapters
import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_current = threading.local()
_POLL_S = 0.05  # how often a deadline that passed during connect looks for the socket to cut


class Deadline:
    """The time limit of one request: whether it passed, and the connection to cut when it does."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.done = False
        self.connection: object | None = None  # the connection the request got from its pool
        self.sock: socket.socket | None = None  # its socket, recorded when made (http.client may drop it)
        self._lock = threading.Lock()

    def _cut(self) -> None:
        with self._lock:
            if self.done:
                return
            self.expired = True
            sock = self.sock or getattr(self.connection, "sock", None)
            if sock is None:  # still connecting (the connect timeout bounds that): try again shortly
                _WATCHDOG.add(time.monotonic() + _POLL_S, self)
                return
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)

    def _stop(self) -> None:
        with self._lock:
            self.done = True
            self.connection = self.sock = None  # the watchdog may hold this deadline a while yet


class _Watchdog:
    """One thread for every deadline (a timer thread per request cost push a third of its speed)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._heap: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def add(self, when: float, deadline: Deadline) -> None:
        with self._cond:
            heapq.heappush(self._heap, (when, next(self._order), deadline))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="kamervragen-deadlines", daemon=True)
                self._thread.start()
            if self._heap[0][2] is deadline:
                self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._cond.wait()
                    continue
                when, _, deadline = self._heap[0]
                wait = when - time.monotonic()
                if wait > 0:
                    self._cond.wait(wait)
                    continue
                heapq.heappop(self._heap)
            deadline._cut()


_WATCHDOG = _Watchdog()


@contextlib.contextmanager
def within(seconds: float) -> Iterator[Deadline]:
    """Cut the connection this thread's request uses once `seconds` have passed (see Deadline.expired)."""
    deadline = Deadline(seconds)
    previous = getattr(_current, "deadline", None)
    _current.deadline = deadline
    _WATCHDOG.add(time.monotonic() + seconds, deadline)
    try:
        yield deadline
    finally:
        deadline._stop()
        _current.deadline = previous


class _TrackedConnection:
    """A connection that tells the current deadline the socket it opened."""

    def connect(self) -> None:
        super().connect()  # type: ignore[misc]
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.sock = self.sock  # type: ignore[attr-defined]


class _TrackedHTTPConnection(_TrackedConnection, HTTPConnection):
    pass


class _TrackedHTTPSConnection(_TrackedConnection, HTTPSConnection):
    pass


class _Tracked:
    """A connection pool that tells the current deadline which connection (and socket) a request got."""

    def _get_conn(self, timeout: float | None = None):  # type: ignore[no-untyped-def]
        conn = super()._get_conn(timeout)  # type: ignore[misc]
        deadline = getattr(_current, "deadline", None)
        if deadline is not None:
            deadline.connection, deadline.sock = conn, conn.sock  # a kept-alive connection has its socket
        return conn


class _TrackedHTTPPool(_Tracked, HTTPConnectionPool):
    ConnectionCls = _TrackedHTTPConnection


class _TrackedHTTPSPool(_Tracked, HTTPSConnectionPool):
    ConnectionCls = _TrackedHTTPSConnection


TRACKED_POOLS = {"http": _TrackedHTTPPool, "https": _TrackedHTTPSPool}


def tracked(manager: urllib3.PoolManager) -> urllib3.PoolManager:
    """A pool manager (or proxy manager) whose connections a deadline can cut."""
    manager.pool_classes_by_scheme = TRACKED_POOLS  # type: ignore[assignment]
    return manager


class _TrackedAdapter(requests.adapters.HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        tracked(self.poolmanager)

    def proxy_manager_for(self, proxy, **proxy_kwargs):  # type: ignore[no-untyped-def]
        return tracked(super().proxy_manager_for(proxy, **proxy_kwargs))


def track_session(session: requests.Session) -> requests.Session:
    """Mount adapters whose connections a deadline can cut, for http and https."""
    for prefix in ("http://", "https://"):
        session.mount(prefix, _TrackedAdapter())
    return session
