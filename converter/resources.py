"""Where ontology/, shapes/ and queries/ are: inside the wheel, or in the checkout for an editable install."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the {name}/ folder is neither in the installed package nor in the checkout")


@cache
def ontology_dir() -> Path:
    """The folder holding the ontology (Turtle) and the JSON-LD context."""
    return _folder("ontology")


@cache
def shapes_dir() -> Path:
    """The folder holding the SHACL shapes."""
    return _folder("shapes")


@cache
def queries_dir() -> Path:
    """The folder holding the named SPARQL queries."""
    return _folder("queries")


def context_file() -> Path:
    """Our JSON-LD context, shipped beside the ontology."""
    return ontology_dir() / "context.jsonld"
