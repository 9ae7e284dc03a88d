"""Network failures told apart, for `fetch` and `push`: refused, reset, an answer cut short, a redirect loop, a
redirect to an address that is not http(s), a name that is not known, the time limit. Each kind says in a few
words what happened and whether trying again can help; and a server's error text is shown only redacted."""

from __future__ import annotations

import http.client
import re
import socket
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import requests
import urllib3


@dataclass(frozen=True)
class Failure:
    """What went wrong on the wire: kind, words for a sentence, and whether a retry can help."""

    kind: str  # refused, unknown-host, reset, cut-short, redirect-loop, redirect-scheme, timeout, other
    words: str
    retry: bool


def describe(exc: BaseException, seconds: float | None = None, expired: bool = False) -> Failure:
    """The kind of a failed request, from the exception and the ones it wraps."""
    chain = list(_chain(exc))
    refused = any(isinstance(e, ConnectionRefusedError) for e in chain)
    unknown = any(isinstance(e, socket.gaierror) for e in chain)
    if expired or (not (refused or unknown) and any(isinstance(e, (requests.Timeout, urllib3.exceptions.TimeoutError,
                                                          TimeoutError)) for e in chain)):
        limit = f" within {seconds:g} s" if seconds is not None else " in time"
        return Failure("timeout", f"no answer{limit}", False)
    if any(isinstance(e, requests.TooManyRedirects) for e in chain):
        return Failure("redirect-loop", "the server redirects in a loop (more than 30 redirects)", False)
    if any(isinstance(e, (requests.exceptions.InvalidSchema, requests.exceptions.MissingSchema)) for e in chain):
        return Failure("redirect-scheme", "the server redirected to an address that is not http(s); only "
                       "http and https are followed", False)
    if refused:
        return Failure("refused", "connection refused", True)
    if unknown:
        return Failure("unknown-host", "the host name is not known", True)
    text = " ".join(str(e) for e in chain)
    if any(isinstance(e, (http.client.IncompleteRead, urllib3.exceptions.IncompleteRead,
                          requests.exceptions.ChunkedEncodingError)) for e in chain) or "IncompleteRead" in text:
        return Failure("cut-short", "the answer was cut short", True)
    if any(isinstance(e, (ConnectionResetError, BrokenPipeError, http.client.RemoteDisconnected))
           for e in chain) or "Connection aborted" in text:
        return Failure("reset", "the connection was reset by the server", True)
    return Failure("other", f"{type(exc).__name__}", True)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it wraps (cause, context, urllib3's reason, exceptions in args)."""
    todo: list[BaseException] = [exc]
    seen: set[int] = set()
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        nested: Iterable[object] = (e.__cause__, e.__context__, getattr(e, "reason", None), *e.args)
        todo.extend(x for x in nested if isinstance(x, BaseException))


_SECRET_FIELD = re.compile(
    r"(?i)\b(authorization|proxy-authorization|bearer|basic|password|passwd|token|secret|api[-_]?key|cookie)"
    r"(\s*[:=]\s*|\s+)(\"[^\"]*\"|'[^']*'|[^\s,;&\"'<>]+(?:\s+[A-Za-z0-9._~+/=-]{8,})?)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def redacted_excerpt(text: str, secrets: Iterable[str] = (), limit: int = 120) -> str:
    """A server's error text as it may be printed: secrets and anything after an Authorization-like field
    replaced by [redacted], control characters (terminal escapes) dropped, whitespace folded, cut short."""
    for secret in sorted((s for s in secrets if s and len(s) >= 4), key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    text = _SECRET_FIELD.sub(lambda m: f"{m.group(1)}{m.group(2)}[redacted]", text)
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
