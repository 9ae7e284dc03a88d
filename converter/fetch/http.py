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
from ..errors import ConverterError
from ..publish import write_atomic

USER_AGENT = f"kamervragen-ld/{__version__} (+https://w3id.org/kamervragen)"


class FetchError(ConverterError):
    """A service that cannot be reached or answers with an error; the message names the URL."""


class NotFound(FetchError):
    """The service answered 404: the thing asked for does not exist there."""


@dataclass(frozen=True)
class Politeness:
    """How hard we may push a service."""

    timeout: float = 30.0  # seconds, for connecting and for each read
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
        self.session = session or requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self._sleep = sleep
        self._last = 0.0
        self.requests = 0  # requests actually sent, for reports and tests

    def _wait_turn(self) -> None:
        gap = 1.0 / self.politeness.rate - (time.monotonic() - self._last)
        if gap > 0:
            self._sleep(gap)
        self._last = time.monotonic()

    def get(self, url: str, accept: str | None = None) -> requests.Response:
        """The response to a GET, body read; FetchError or NotFound naming the URL otherwise."""
        p = self.politeness
        headers = {"Accept": accept} if accept else {}
        waited = 0.0  # connection back-off stays within one timeout, so a dead service fails fast
        for attempt in range(p.retries + 1):
            self._wait_turn()
            self.requests += 1
            try:
                response = self.session.get(url, headers=headers, timeout=p.timeout)
            except requests.Timeout as exc:
                raise FetchError(
                    f"{url}: no answer within {p.timeout:g} s; the service is too slow or "
                    "unreachable (try again later, or raise --timeout)"
                ) from exc
            except requests.RequestException as exc:
                wait = p.backoff * 2**attempt
                if attempt == p.retries or waited + wait > p.timeout:
                    raise FetchError(
                        f"{url}: cannot connect ({_reason(exc)}); is the address right and the "
                        "service up? (set it with --tk-api/--ob-url or the environment)"
                    ) from exc
                waited += wait
                self._sleep(wait)
                continue
            if response.status_code == 404:
                raise NotFound(f"{url}: not found (HTTP 404)")
            if response.status_code == 429 or response.status_code >= 500:
                if attempt == p.retries:
                    break
                self._sleep(self._retry_wait(response, attempt))
                continue
            if response.status_code >= 400:
                raise FetchError(f"{url}: the service refused the request (HTTP {response.status_code})")
            return response
        raise FetchError(
            f"{url}: the service kept failing (HTTP {response.status_code}) after "
            f"{p.retries + 1} attempts; try again later"
        )

    def _retry_wait(self, response: requests.Response, attempt: int) -> float:
        p = self.politeness
        after = _retry_after(response.headers.get("Retry-After"))
        wait = after if after is not None else p.backoff * 2**attempt
        return min(max(wait, 0.0), p.max_wait)

    def get_json(self, url: str) -> dict:
        """A JSON object from url, or FetchError saying the answer was no JSON."""
        response = self.get(url, accept="application/json")
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


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    when = email.utils.parsedate_to_datetime(value) if "," in value else None
    return when.timestamp() - time.time() if when else None


def _reason(exc: Exception) -> str:
    text = str(exc)
    for marker in (
        "Connection refused",
        "Name or service not known",
        "No route to host",
        "Temporary failure in name resolution",
    ):
        if marker in text:
            return marker.lower()
    return type(exc).__name__
