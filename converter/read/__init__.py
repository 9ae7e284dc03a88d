"""Readers: one per input kind, each turning a file into an Extracted text, then into a Letter."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import InputError
from ..limits import read_input
from ..model import Extracted, Letter, Source

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
LETTER_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".docx", ".doc", ".xml"}
MEDIA_TYPES = {".pdf": "application/pdf", ".xml": "application/xml", ".md": "text/markdown",
               ".markdown": "text/markdown",
               ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               ".doc": "application/msword"}


def source_of(path: Path, data: bytes) -> Source:
    """The provenance record of an input: its name, checksum, media type and the extraction tool."""
    extraction = path.name.split("_", 1)[0] if "_" in path.name else ""
    return Source(name=path.name, sha256=hashlib.sha256(data).hexdigest(),
                  media_type=MEDIA_TYPES.get(path.suffix.lower(), "text/plain"), extraction=extraction)


def read_bytes(path: Path) -> bytes:
    """The file's bytes (at most limits.MAX_INPUT_BYTES, never a pipe or device), or an InputError naming it."""
    data = read_input(path)
    if not data.strip():
        raise InputError(f"{path}: the file is empty; expected the text of an answer letter, a set of "
                         "questions or a delay notice")
    return data


def extract(path: Path) -> Extracted:
    """Read one input file into an Extracted text, choosing the reader by the file's extension."""
    suffix = path.suffix.lower()
    data = read_bytes(path)
    source = source_of(path, data)
    if suffix == ".pdf":
        from .pdf import extract_pdf

        return extract_pdf(path, data, source)
    if suffix == ".docx":
        from .docx import extract_docx

        return extract_docx(path, data, source)
    if suffix == ".doc":
        from .doc import extract_doc

        return extract_doc(path, data, source)
    if suffix == ".xml":
        from .xml import extract_xml

        return extract_xml(path, data, source)
    if suffix in TEXT_SUFFIXES:
        from .text import extract_text

        return extract_text(path, data, source)
    raise InputError(f"{path}: unknown file type {suffix!r}; expected one of "
                     f"{', '.join(sorted(s for s in LETTER_SUFFIXES if s))}")


def read_letter(path: Path) -> Letter:
    """Read one letter file into the model; InputError names the file and what was wrong."""
    if path.suffix.lower() == ".xml":  # the official XML is structured: read straight into a Letter
        from .xml import read_xml_letter

        data = read_bytes(path)
        return read_xml_letter(path, data, source_of(path, data))
    from .interpret import interpret  # here: reading RDF records (read/rdf.py) needs none of the letter reader

    return interpret(extract(path), path)
