"""Errors the library raises; the CLI turns them into messages and exit codes. No click here."""

from __future__ import annotations


class ConverterError(Exception):
    """Something the user can act on: the message names the file, the place and what was expected."""


class InputError(ConverterError):
    """An input that cannot be read as a letter (empty, binary, not a letter, no questions)."""


class RecordError(ConverterError):
    """An RDF record that cannot be parsed (validate)."""


class ConfigError(ConverterError):
    """A bad option value (an IRI that is not absolute, an unknown format)."""


class OutputError(ConverterError):
    """The output folder cannot be written (read-only, no permission, disk full) or is held by another run."""
