"""Credentials for a SPARQL server, from the environment only: a bearer token, or a user and password sent in
the scheme the server asks for, HTTP Basic (Fuseki, GraphDB) or Digest (RFC 7616; Virtuoso's
/sparql-graph-crud-auth). The password is not sent until the server has said how it wants it.

Digest is written here rather than taken from requests: requests' HTTPDigestAuth keeps the nonce count per
thread, so `push`'s workers would each count from 1 on the same nonce, which a server may take for a replay.
One lock-guarded count serves them all."""

from __future__ import annotations

import hashlib
import os
import secrets
import threading
from collections.abc import Mapping
from urllib.parse import urlsplit

import requests
from requests.utils import parse_dict_header

from .errors import ConverterError

ENV_USER, ENV_PASSWORD, ENV_TOKEN = (
    "KAMERVRAGEN_SPARQL_USER",
    "KAMERVRAGEN_SPARQL_PASSWORD",
    "KAMERVRAGEN_SPARQL_TOKEN",
)
_HASHES = {"MD5": hashlib.md5, "SHA-256": hashlib.sha256}


class AuthError(ConverterError):
    """The credentials in the environment are incomplete, or the server asks for a scheme we cannot give."""


class ServerAuth:
    """The Authorization header for each request; learns Basic or Digest from the server's 401 challenge."""

    def __init__(self, env: Mapping[str, str] = os.environ) -> None:
        self.token = env.get(ENV_TOKEN) or None
        self.user, self.password = env.get(ENV_USER, ""), env.get(ENV_PASSWORD, "")
        if not self.token and (self.user or self.password) and not (self.user and self.password):
            raise AuthError(f"set both {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}), not only one of them")
        self.scheme = "bearer" if self.token else None  # "basic" or "digest" once the server has said
        self._challenge: dict[str, str] = {}
        self._count = 0
        self._lock = threading.Lock()

    def header(self, method: str, url: str) -> dict[str, str]:
        """The Authorization header for this request, or none (before a challenge, or without credentials)."""
        if self.scheme == "bearer":
            return {"Authorization": f"Bearer {self.token}"}
        if self.scheme == "basic":
            return {"Authorization": requests.auth._basic_auth_str(self.user, self.password)}
        if self.scheme == "digest":
            return {"Authorization": self._digest(method, url)}
        return {}

    def secrets(self) -> tuple[str, ...]:
        """Every form in which our credentials could come back in a server's answer (to redact them)."""
        basic = requests.auth._basic_auth_str(self.user, self.password) if self.user else ""
        found = [self.token or "", f"Bearer {self.token}" if self.token else "", self.password, basic,
                 basic.partition(" ")[2]]
        return tuple(s for s in found if s)

    def learn(self, status: int, challenges: list[str]) -> bool:
        """After an answer: True when a 401 named a scheme we can now answer, so the request is worth repeating.

        `challenges` are the answer's WWW-Authenticate headers; Digest is taken where both are offered."""
        if status != 401 or not self.user or self.scheme == "bearer":
            return False
        offered = {c.strip().partition(" ")[0].lower(): c.strip().partition(" ")[2] for c in challenges}
        if "digest" in offered:
            fields = {k: v or "" for k, v in parse_dict_header(offered["digest"]).items()}
            algorithm = fields.get("algorithm", "MD5").upper()
            if _HASHES.get(algorithm.removesuffix("-SESS")) is None:
                raise AuthError(f"the server asks for Digest with {algorithm}; we can answer MD5 or SHA-256")
            stale = fields.get("stale", "").lower() == "true"
            with self._lock:
                repeat = self.scheme != "digest" or stale or fields.get("nonce") != self._challenge.get("nonce")
                self.scheme, self._challenge, self._count = "digest", fields, 0
            return repeat
        if "basic" in offered and self.scheme != "basic":
            self.scheme = "basic"
            return True
        return False

    def _digest(self, method: str, url: str) -> str:
        with self._lock:
            self._count += 1
            count, chal = self._count, dict(self._challenge)
        return digest_header(self.user, self.password, chal, method, url, count, secrets.token_hex(8))


def digest_header(user: str, password: str, chal: Mapping[str, str], method: str, url: str, count: int,
                  cnonce: str) -> str:
    """The Digest Authorization header (RFC 7616) for one request, qop=auth where the server offers it."""
    algorithm = chal.get("algorithm", "MD5")
    hasher = _HASHES[algorithm.upper().removesuffix("-SESS")]
    assert hasher is not None

    def h(text: str) -> str:
        return hasher(text.encode("utf-8")).hexdigest()

    realm, nonce = chal.get("realm", ""), chal.get("nonce", "")
    parts = urlsplit(url)
    uri = parts.path + (f"?{parts.query}" if parts.query else "")
    ha1 = h(f"{user}:{realm}:{password}")
    if algorithm.upper().endswith("-SESS"):
        ha1 = h(f"{ha1}:{nonce}:{cnonce}")
    ha2 = h(f"{method}:{uri}")
    qop = "auth" if "auth" in [q.strip() for q in chal.get("qop", "").split(",")] else None
    nc = f"{count:08x}"
    response = h(f"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}") if qop else h(f"{ha1}:{nonce}:{ha2}")
    fields = [f'username="{user}"', f'realm="{realm}"', f'nonce="{nonce}"', f'uri="{uri}"',
              f"algorithm={algorithm}", f'response="{response}"']
    if "opaque" in chal:
        fields.append(f'opaque="{chal["opaque"]}"')
    if qop:
        fields += [f"qop={qop}", f"nc={nc}", f'cnonce="{cnonce}"']
    return "Digest " + ", ".join(fields)
