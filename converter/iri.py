"""The one checked place where outside values become IRIs, IRI path segments, file names and page folders.

Whatever the source (a letter's text, the official XML, Word, PDF, the Tweede Kamer API, a file name), a value
is percent-encoded to a valid IRI (RFC 3987) or refused with one sentence (IriError, an InputError: the letter
it came from is left out, the others go on). Validity is checked by Oxigraph's IRI parser, the strictest of the
parsers our outputs meet; what passes it is written and read back by rdflib and pyoxigraph alike."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

import pyoxigraph as ox
from rdflib import URIRef

from .errors import InputError

# RFC 3986/3987 parts of an absolute IRI: scheme ":" ["//" authority] path ["?" query] ["#" fragment]
_PARTS = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?\Z", re.S)
_SUB_DELIMS = "!$&'()*+,;="
_UNRESERVED = "-._~"
# ASCII characters each part keeps as they are (anything else ASCII is percent-encoded)
_KEEP_PATH = frozenset(_UNRESERVED + _SUB_DELIMS + ":@/")
_KEEP_QUERY = frozenset(_UNRESERVED + _SUB_DELIMS + ":@/?")
_KEEP_HOST = frozenset(_UNRESERVED + _SUB_DELIMS)
_KEEP_USER = frozenset(_UNRESERVED + _SUB_DELIMS + ":")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_SAFE_FOLDER = re.compile(r"[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)*")


class IriError(InputError):
    """A value that cannot be made an IRI, even percent-encoded: the sentence says which and why."""


def _ucschar(char: str) -> bool:
    """A non-ASCII character RFC 3987 allows as it is: a letter, mark, number, punctuation or symbol (never a
    control, format, bidi, private-use, unassigned or separator character, which are percent-encoded)."""
    code = ord(char)
    if code < 0xA0 or 0xD800 <= code <= 0xF8FF or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return False
    return unicodedata.category(char)[0] not in "CZ"


def _encode(text: str, keep: frozenset[str]) -> str:
    """Percent-encode (UTF-8) every character not kept; a '%' that already starts an escape stays."""
    out: list[str] = []
    for i, char in enumerate(text):
        if (char.isascii() and (char.isalnum() or char in keep)) or _ucschar(char) or \
                (char == "%" and _PERCENT.match(text, i)):
            out.append(char)
        else:
            out.append("".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass")))
    return "".join(out)


def _authority(authority: str) -> str:
    user, at, hostport = authority.rpartition("@")
    if hostport.startswith("["):  # an IP literal: kept as it is, checked by the parser
        host, port = hostport, ""
        if "]:" in hostport:
            host, port = hostport.rsplit(":", 1)
            port = ":" + port
    else:
        host, colon, port = hostport.partition(":")
        host, port = _encode(host, _KEEP_HOST), colon + port
    return (_encode(user, _KEEP_USER) + at if at else "") + host + port


def encode_iri(value: str) -> str:
    """The value as a valid absolute IRI: every character RFC 3987 does not allow where it stands is
    percent-encoded. ValueError (with the reason) where no encoding makes it one."""
    m = _PARTS.match(value)
    if m is None:
        raise ValueError("it has no scheme such as https:")
    scheme, authority, path, query, fragment = m.groups()
    text = scheme + ":"
    if authority is not None:
        text += "//" + _authority(authority)
    text += _encode(path, _KEEP_PATH)
    if query is not None:
        text += "?" + _encode(query, _KEEP_QUERY)
    if fragment is not None:
        text += "#" + _encode(fragment, _KEEP_QUERY)
    ox.NamedNode(text)  # ValueError where it is still no IRI (a port that is no number, a bad IP literal)
    return text


def is_iri(value: str) -> bool:
    """Whether the value is a valid absolute IRI as it is (for options the user gives: refused, not repaired)."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return True


def mint_iri(value: str, what: str) -> URIRef:
    """An IRI from an outside value (a footnote's web address, an API identifier's IRI), percent-encoded where
    needed; IriError naming `what` (the file and the place) where it cannot be one."""
    try:
        return URIRef(encode_iri(value))
    except ValueError as exc:
        reason = str(exc).splitlines()[0] if str(exc) else "not an IRI"
        raise IriError(f"{what}: {value!r} cannot be made an IRI ({reason}); expected a web address such as "
                       "https://example.org/page") from exc


def iri_segment(value: str) -> str:
    """One IRI path segment from an outside value ('2024Z18285', an API Id): letters, digits and '-._~' stay,
    everything else is percent-encoded (ASCII only, so the segment is also a safe folder name)."""
    text = quote(value, safe=_UNRESERVED, errors="surrogatepass")
    return {"": "%20", ".": "%2E", "..": "%2E%2E"}.get(text, text)


def file_stem(value: str) -> str:
    """A file name stem from an outside value: runs of anything but letters, digits and '._-' become '-';
    never empty, never hidden, never '.' or '..'."""
    return _SAFE_NAME.sub("-", value).strip("-.") or "file"


def page_folder(iri: object, base: str) -> str | None:
    """The site folder of an IRI under the base ('zaak/2025Z09558'), or None where it can have no page: not
    under the base, a fragment, or a path that is not plain ASCII letters, digits and '-._~' segments."""
    text = str(iri)
    if not text.startswith(base) or "#" in text[len(base):]:
        return None
    rest = text[len(base):]
    if not _SAFE_FOLDER.fullmatch(rest) or any(part in (".", "..") for part in rest.split("/")):
        return None
    return rest
