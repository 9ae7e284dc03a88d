"""Ministries and their TOOI identifiers, from TOOI's own value list shipped in converter/data/tooi/."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TOOI_LIST = Path(__file__).resolve().parent / "data" / "tooi" / "rwc_ministeries_compleet_1.jsonld"
_ONT = "https://identifier.overheid.nl/tooi/def/ont/"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SPECIALIZATION = "http://www.w3.org/ns/prov#specializationOf"


@dataclass(frozen=True)
class Ministry:
    """One name a ministry bore, the TOOI identifier of the ministry and the days the name was in use."""

    iri: str  # the ministry itself (a HistorischeVersie points to it)
    name: str  # "ministerie van Defensie"
    short_name: str  # "Defensie"
    begin: dt.date | None
    end: dt.date | None


def _value(node: dict, key: str) -> str | None:
    values = node.get(key) or []
    return values[0].get("@value") if values else None


def _date(node: dict, key: str) -> dt.date | None:
    value = _value(node, _ONT + key)
    return dt.date.fromisoformat(value) if value else None


@cache
def ministries(path: Path = TOOI_LIST) -> tuple[Ministry, ...]:
    """Every name in the value list, current and historic."""
    nodes = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for node in nodes:
        if _ONT + "Ministerie" not in node.get("@type", []):
            continue
        parent = node.get(_SPECIALIZATION)
        found.append(
            Ministry(
                iri=parent[0]["@id"] if parent else node["@id"],
                name=_value(node, _LABEL) or "",
                short_name=_value(node, _ONT + "officieleNaamExclSoort") or "",
                begin=_date(node, "begindatum"),
                end=_date(node, "einddatum"),
            )
        )
    return tuple(found)


def _key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z]+", " ", plain).strip()


def find_ministry(name: str, on: dt.date | None = None) -> Ministry | None:
    """The ministry a name ('Defensie' or 'ministerie van Defensie') stands for on a day; None if not listed.

    A name valid on that day wins; otherwise the name used most recently (a ministry renamed after the list
    was published keeps its identifier)."""
    key = _key(re.sub(r"^\s*(?:het\s+)?ministerie\s+van\s+", "", name, flags=re.I))
    matches = [m for m in ministries() if _key(m.short_name) == key]
    if not matches:
        return None
    if on is not None:
        valid = [m for m in matches if (m.begin is None or m.begin <= on) and (m.end is None or on <= m.end)]
        if valid:  # the list leaves most begin dates open: the name that ended soonest after that day
            return min(valid, key=lambda m: m.end or dt.date.max)
    return max(matches, key=lambda m: m.end or dt.date.max)
