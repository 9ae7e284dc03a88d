"""Polite, robust HTTP: one session, a timeout on every request, retries with back-off, 429 + Retry-After,
a rate limiter and a User-Agent that names the tool."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from .. import __version__
from ..deadline import track_session, within
from ..errors import ConverterError
from ..limits import MAX_INPUT_BYTES, MAX_JSON_BYTES, read_capped
from ..netfail import Failure, describe
from ..publish import write_atomic

USER_AGENT = f"kamervragen-ld/{__version__} (+https://w3id.org/kamervragen)"


class FetchError(ConverterError):
    """A service that cannot be reached or answers with an error; the message names the URL."""


class NotFound(FetchError):
    """The service answered 404: the thing asked for does not exist there."""


@dataclass(frozen=True)
class Politeness:
    """How hard we may push a service."""

    timeout: float = 30.0  # seconds for a whole request: connecting, the answer and its body
    retries: int = 4  # extra attempts after a 5xx, a 429 or a connection error
    backoff: float = 1.0  # seconds before the first retry; doubles each time
    max_wait: float = 120.0  # never wait longer than this for a Retry-After
    rate: float = 3.0  # requests per second at most


class Client:
    """GET with retries; every request carries the timeout and waits its turn under the rate limit."""

    def __init__(
        self,
        politeness: Politeness | None = None,
        session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.politeness = politeness or Politeness()
        self.session = track_session(session or requests.Session())
        self.session.headers["User-Agent"] = USER_AGENT
        self._sleep = sleep
        self._last = 0.0
        self.requests = 0  # requests actually sent, for reports and tests

    def _wait_turn(self) -> None:
        gap = 1.0 / self.politeness.rate - (time.monotonic() - self._last)
        if gap > 0:
            self._sleep(gap)
        self._last = time.monotonic()

    def get(self, url: str, accept: str | None = None, limit: int = MAX_INPUT_BYTES) -> requests.Response:
        """The response to a GET, body read (at most `limit` bytes, decompressed); FetchError or NotFound naming
        the URL otherwise."""
        p = self.politeness
        headers = {"Accept": accept} if accept else {}
        waited = 0.0  # back-off after a refused connection stays within one timeout: a dead service fails fast
        for attempt in range(p.retries + 1):
            self._wait_turn()
            self.requests += 1
            response = self._get_within(url, headers, limit)
            if isinstance(response, Failure):
                wait = p.backoff * 2**attempt
                unreachable = response.kind in ("refused", "unknown-host")
                if not response.retry or attempt == p.retries or (unreachable and waited + wait > p.timeout):
                    raise FetchError(_sentence(url, response))
                waited += wait
                self._sleep(wait)
                continue
            if response.status_code == 404:
                raise NotFound(f"{url}: not found (HTTP 404)")
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == p.retries:
                    raise FetchError(f"{url}: the service kept failing (HTTP {response.status_code}) after "
                                     f"{p.retries + 1} attempts; try again later")
                self._sleep(self._retry_wait(response, attempt))
                continue
            if response.status_code >= 400:
                raise FetchError(f"{url}: the service refused the request (HTTP {response.status_code})")
            return response
        raise FetchError(f"{url}: no attempt left")  # not reached: the last attempt returns or raises

    def _get_within(self, url: str, headers: dict[str, str], limit: int) -> requests.Response | Failure:
        """One GET whose whole answer, body included, arrives within the timeout (a deadline, not per read):
        the response, or what went wrong on the wire."""
        p = self.politeness
        with within(p.timeout) as deadline:
            try:
                response = self.session.get(url, headers=headers, timeout=p.timeout, stream=True)
                _read_body(response, url, limit)  # while the deadline holds, and never past the limit
            except (requests.RequestException, OSError) as exc:
                return describe(exc, p.timeout, deadline.expired)
        return response

    def _retry_wait(self, response: requests.Response, attempt: int) -> float:
        p = self.politeness
        after = _retry_after(response.headers.get("Retry-After"))
        wait = after if after is not None else p.backoff * 2**attempt
        return min(max(wait, 0.0), p.max_wait)

    def get_json(self, url: str) -> dict:
        """A JSON object from url, or FetchError saying the answer was no JSON."""
        response = self.get(url, accept="application/json", limit=MAX_JSON_BYTES)
        try:
            data = response.json()
        except ValueError as exc:
            raise FetchError(
                f"{url}: the answer is not JSON (Content-Type {response.headers.get('Content-Type', 'none')})"
            ) from exc
        if not isinstance(data, dict):
            raise FetchError(f"{url}: expected a JSON object, got {type(data).__name__}")
        return data

    def download(self, url: str, dest: Path) -> Path:
        """Save the body at url to dest, atomically: an interrupted download leaves no file behind."""
        write_atomic(dest, self.get(url).content)
        return dest


def _read_body(response: requests.Response, url: str, limit: int) -> None:
    """Read the body as it streams in (decompressed chunk by chunk), refusing it past `limit` bytes."""
    with response:
        response._content = read_capped(response.iter_content(64 * 1024), limit, url, FetchError)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = email.utils.parsedate_to_datetime(value) if "," in value else None
    return when.timestamp() - time.time() if when else None


def _sentence(url: str, failure: Failure) -> str:
    if failure.kind == "timeout":
        return (f"{url}: {failure.words}; the service is too slow or unreachable (try again later, or raise "
                "--timeout)")
    if failure.kind in ("refused", "unknown-host"):
        return (f"{url}: cannot connect ({failure.words}); is the address right and the service up? (set it "
                "with --tk-api/--ob-url or the environment)")
    return f"{url}: {failure.words}; try again later"
