"""How much is read and decoded, at most: every input file, each unpacked part of a Word file, the text taken
from a letter, an HTTP body (after decompression) and a JSON answer. A letter is a few pages (the largest real
ones: 64 KB of text, 33 KB of PDF), so each limit is far above any real letter and far below what hurts the
machine; past one, the input is refused with a sentence naming it and the limit (InputError: exit 2 for that
letter, the others go on). The README's "Limits" section lists them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .errors import ConverterError, InputError

MIB = 2**20
MAX_INPUT_BYTES = 50 * MIB  # one input file (text, PDF, Word, XML, metadata.xml), and one download
MAX_PART_BYTES = 25 * MIB  # one part of a Word file, unpacked
MAX_UNPACKED_BYTES = 100 * MIB  # all parts of a Word file, unpacked
MAX_TEXT_CHARS = 5_000_000  # the text taken from one letter (text file, Word, PDF): ~2,000 pages
MAX_JSON_BYTES = 32 * MIB  # one answer of the Tweede Kamer API (a page of 250 cases is ~2 MB)


def size_text(n: int) -> str:
    """'50 MB' for a limit in bytes, '5,000,000 characters' style for the rest."""
    return f"{n // MIB} MB" if n >= MIB else f"{n:,} bytes"


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; InputError for a FIFO, a device (/dev/zero) or a
    larger file, before anything unbounded is read."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{path}: is a folder, expected a letter file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: is not a regular file (a pipe, socket or device); expected a letter file")
        if info.st_size > limit:
            raise InputError(f"{path}: the file is {info.st_size / MIB:.1f} MB; a letter file may be at most "
                             f"{size_text(limit)}")
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from exc
    if len(data) > limit:  # it grew while we read it
        raise InputError(f"{path}: the file is larger than {size_text(limit)}, the most a letter file may be")
    return data


def check_text(path: Path, chars: int, what: str = "text") -> None:
    """InputError where the text taken from a letter is longer than MAX_TEXT_CHARS."""
    if chars > MAX_TEXT_CHARS:
        raise InputError(f"{path}: its {what} runs to more than {MAX_TEXT_CHARS:,} characters (a letter has "
                         "a few pages); refused")


def read_capped(chunks: Iterable[bytes], limit: int, what: str,
                error: type[ConverterError] = InputError) -> bytes:
    """Join the chunks of a body (an HTTP answer, decompressed as it streams) and stop with `error` as soon as
    they pass `limit` bytes: nothing larger is ever held."""
    parts: list[bytes] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise error(f"{what}: the answer is larger than {size_text(limit)}, the most accepted; refused")
        parts.append(chunk)
    return b"".join(parts)


MAX_RECORD_BYTES = 100 * MIB  # one RDF file given to `validate`
MAX_RECORD_TRIPLES = 500_000  # its triples (~5,000 letters); SHACL takes minutes well before that
DEFAULT_VALIDATE_SECONDS = 120.0  # `validate --timeout`: parsing and validating one file
