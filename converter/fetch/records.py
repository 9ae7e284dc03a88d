"""What the Tweede Kamer API says about a case: frozen dataclasses, no I/O and no RDF."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..iri import iri_segment

TK_API = "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/"  # the official root: identifiers use it
OB_URL = "https://zoek.officielebekendmakingen.nl/"
DOCUMENT_KINDS = (
    "Schriftelijke vragen",
    "Antwoord schriftelijke vragen",
    "Antwoord schriftelijke vragen (nader)",
    "Mededeling (uitstel antwoord)",
)
ACTOR_RELATIONS = ("Indiener", "Medeindiener", "Gericht aan")


@dataclass(frozen=True)
class ApiActor:
    """A ZaakActor: who asked (Indiener, Medeindiener) or to whom the questions were put (Gericht aan)."""

    relation: str
    name: str  # ActorNaam
    party: str | None = None  # ActorFractie
    function: str | None = None  # Functie
    person_id: str | None = None  # Persoon_Id
    party_id: str | None = None  # Fractie_Id
    person_name: str | None = None  # from the linked Persoon: "Van Haga" (tussenvoegsel + achternaam)


@dataclass(frozen=True)
class ApiDocument:
    """A Document of the case and the file behind it."""

    id: str
    kind: str  # Soort
    number: str | None = None  # DocumentNummer, "2024D43120"
    date: dt.date | None = None  # Datum
    aanhangsel: str | None = None  # "ah-tk-20242025-1244", from Aanhangselnummer
    content_type: str | None = None


@dataclass(frozen=True)
class ApiZaak:
    """A Zaak of Soort "Schriftelijke vragen" with its actors and documents."""

    id: str
    number: str  # Nummer, "2024Z18285"
    subject: str | None = None  # Onderwerp
    started: dt.date | None = None  # GestartOp
    actors: tuple[ApiActor, ...] = ()
    documents: tuple[ApiDocument, ...] = ()
    sha256: str = ""  # of the API row as read (keys sorted), the checksum of this source

    @property
    def record_iri(self) -> str:
        """The API record of this case, at the official root (the Id percent-encoded: the API may hold anything)."""
        return f"{TK_API}Zaak({iri_segment(self.id)})"
