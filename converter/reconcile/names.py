"""Spelling normalisation for names of people, parties, offices and ministries: one key per name however a
letter spells it (capitals, accents, '&' or 'en', commas, dash styles, glued words)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_SPACES = re.compile(r"\s+")


def plain(text: str) -> str:
    """Lower case ASCII without accents: 'Yeşilgöz' -> 'yesilgoz'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=2**16)  # the same names in letter after letter
def name_key(text: str) -> str:
    """The key two spellings of one name share: lower case, '&' read as 'en', punctuation and spaces removed
    ('Binnenlandse Zaken enKoninkrijksrelaties' and 'Binnenlandse Zaken en Koninkrijksrelaties' are one)."""
    return re.sub(r"[^a-z0-9]+", "", plain(text.replace("&", " en ")))


def tidy(text: str) -> str:
    """One spelling for display: spaces collapsed, one dash style ('Faber - Van de Klashorst' ->
    'Faber-Van de Klashorst'), '&' written 'en'."""
    text = _SPACES.sub(" ", text.replace("&", " en ")).strip(" ,.")
    return _DASHES.sub("-", text)
