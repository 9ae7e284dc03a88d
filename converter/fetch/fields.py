"""Every value from the Tweede Kamer API checked before use: a row of an unexpected shape becomes one
sentence (RowError) naming the row, the field and what was expected, and the other rows go on."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from .http import FetchError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")  # the API's dates are Amsterdam days (GestartOp 2024-03-06T00:00:00+01:00)
_GUID = re.compile(r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")
_ZAAK = re.compile(r"^\d{4}Z\d{5}$")
_DOCUMENT = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,39}$")


class RowError(FetchError):
    """A row of the API's answer that cannot be used; the message says which and why."""


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class Fields:
    """One JSON object of the API's answer, read field by field with the type each field must have."""

    def __init__(self, row: object, where: str) -> None:
        if not isinstance(row, dict):
            raise RowError(f"{where}: expected a JSON object, got {type(row).__name__} {_show(row)}")
        self.row, self.where = row, where

    def _fail(self, key: str, value: object, expected: str) -> RowError:
        return RowError(f"{self.where}: {key} {_show(value)}: expected {expected}")

    def text(self, key: str, required: bool = False, pattern: re.Pattern[str] | None = None,
             expected: str = "a string") -> str | None:
        """A string field (stripped; None when null or empty), matching pattern where one is given."""
        value = self.row.get(key)
        if value is None or value == "":
            if required:
                raise RowError(f"{self.where}: no {key} ({expected})")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise self._fail(key, value, expected)
        text = str(value).strip()
        if pattern is not None and not pattern.match(text):
            raise self._fail(key, value, expected)
        return text or None

    def guid(self, key: str, required: bool = False) -> str | None:
        """An API identifier (Id, Persoon_Id): a GUID, the only form that may go into an IRI."""
        return self.text(key, required, _GUID, "an API identifier, a GUID such as 5f2c0b6e-1111-4a5b-9c3d-"
                                               "000000019901")

    def zaak_number(self) -> str:
        number = self.text("Nummer", True, _ZAAK, "a zaak number such as 2024Z18285")
        assert number is not None
        return number

    def document_number(self) -> str | None:
        return self.text("DocumentNummer", False, _DOCUMENT, "a document number such as 2024D43120")

    def flag(self, key: str) -> bool:
        value = self.row.get(key)
        if value is not None and not isinstance(value, bool):
            raise self._fail(key, value, "true or false")
        return bool(value)

    def day(self, key: str) -> dt.date | None:
        """The Amsterdam day of a date-time field ('2024-03-05T23:00:00Z' is 6 March there)."""
        expected = "a date-time such as 2024-03-06T00:00:00+01:00"
        raw = self.row.get(key)
        if raw is not None and not isinstance(raw, str):
            raise self._fail(key, raw, expected)
        value = self.text(key, expected=expected)
        if value is None:
            return None
        try:
            when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise self._fail(key, value, expected) from None
        return when.astimezone(AMSTERDAM).date() if when.tzinfo else when.date()

    def object(self, key: str) -> Fields | None:
        """An expanded navigation property holding one object (Persoon, Fractie), or None."""
        value = self.row.get(key)
        return None if value is None else Fields(value, f"{self.where}, {key}")

    def objects(self, key: str) -> list[Fields]:
        """An expanded navigation property holding a list of objects (ZaakActor, Document)."""
        value = self.row.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self._fail(key, value, "a list of objects")
        return [Fields(item, f"{self.where}, {key}[{i}]") for i, item in enumerate(value)]


def day_start(day: dt.date) -> str:
    """Midnight at the start of an Amsterdam day, as OData writes it: '2024-07-01T00:00:00+02:00'."""
    return dt.datetime.combine(day, dt.time(), AMSTERDAM).isoformat()
