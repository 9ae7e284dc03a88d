"""Bytes of a text letter -> str: UTF-8 (with or without a BOM), UTF-16 or UTF-32 with a BOM.

A byte that is not UTF-8 is repaired on its own (read as Windows-1252, the usual culprit: 'é' saved by an old
editor) and reported as a warning; the rest of the letter stays UTF-8. Never is a whole letter read as cp1252
because of one bad byte."""

from __future__ import annotations

import codecs
import re
import threading
from pathlib import Path

from ..errors import InputError

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # UTF-32 LE starts as UTF-16 LE
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_REPAIR = "kamervragen-cp1252"
_repaired = threading.local()  # the offsets of the bytes the handler repaired, in this thread's decode


def _repair(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    _repaired.offsets.extend(range(exc.start, exc.end))
    return exc.object[exc.start:exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_REPAIR, _repair)


def decode_text(path: Path, data: bytes) -> tuple[str, tuple[str, ...]]:
    """The text of a text file and the warnings about bytes repaired; InputError for binary data."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(path, data.decode(codec).lstrip("\ufeff")), ()
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}: starts with a {codec.upper()} byte order mark, but byte {exc.start} "
                                 f"is no {codec.upper()} ({exc.reason}); expected a letter saved as text") from exc
    if b"\x00" in data[:8192] or data[:4] in (b"%PDF", b"PK\x03\x04"):
        kind = "a PDF" if data[:4] == b"%PDF" else "a Word/ZIP file" if data[:2] == b"PK" else "binary data"
        raise InputError(f"{path}: holds {kind}, not text; expected a letter as text "
                         "(give .pdf or .docx files their own extension)")
    _repaired.offsets = []
    text = data.decode("utf-8-sig", errors=_REPAIR)
    offsets, _repaired.offsets = _repaired.offsets, []
    return _checked(path, text), _warnings(data, offsets)


def _warnings(data: bytes, offsets: list[int]) -> tuple[str, ...]:
    if not offsets:
        return ()
    first = offsets[0]
    context = data[max(0, first - 30):first + 30].decode("utf-8", errors=_REPAIR).replace("\n", " ")
    _repaired.offsets = []
    return (f"{len(offsets)} byte(s) are not UTF-8 (the first at byte {first}, in «{context.strip()}»); "
            "each was read as Windows-1252, the rest of the letter as UTF-8",)


def _checked(path: Path, text: str) -> str:
    controls = len(_CONTROLS.findall(text, 0, 20000))
    if controls > max(10, len(text[:20000]) // 50):
        raise InputError(f"{path}: looks like binary data ({controls} control characters), not a letter as text")
    return text
