"""Invented letter views for the search, list and statistics tests and benchmarks/bench_search.py: LetterViews made
by hand (no reader, no graph), with the fields those pages use, and a generator of any number of them.

The generated letters copy the archive's shape: a zaak asked by one or two members of a party, addressed to one
ministry, with two to eight questions, answered some days later in one letter (sometimes after a delay notice, a few
answers grouped), in Dutch sentences from a small vocabulary, so stemming and term counts behave as with real text."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator

from converter.site.viewtypes import AgentRef, AnswerView, LetterView, MemberRef, OfficeRef, QuestionView

BASE = "https://w3id.org/kamervragen/id/"
MINISTRIES = (("mnre1018", "Ministerie van Financiën"),
              ("mnre1025", "Ministerie van Volksgezondheid, Welzijn en Sport"),
              ("mnre1034", "Ministerie van Defensie"),
              ("mnre1045", "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur"),
              ("mnre1058", "Ministerie van Justitie en Veiligheid"),
              ("mnre1090", "Ministerie van Infrastructuur en Waterstaat"))
PARTIES = (("p-vvd", "VVD"), ("p-d66", "D66"), ("p-pvdd", "PvdD"), ("p-sp", "SP"), ("p-cda", "CDA"),
           ("p-glpvda", "GroenLinks-PvdA"), ("p-pvv", "PVV"), ("p-nsc", "NSC"))
SURNAMES = ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
            "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "Zeewolde")
FIRST = ("Anna", "Bram", "Carla", "Daan", "Eva", "Frank", "Greet", "Hans", "Inge", "Joost")
NOUNS = ("garnalenvissers", "vergunningen", "stikstofruimte", "woningcorporaties", "huurtoeslag", "jeugdzorg",
         "wachtlijsten", "politieagenten", "asielzoekers", "windparken", "dijkversterking", "belastingdienst",
         "kinderopvang", "zorgverzekeraars", "militairen", "munitie", "treinen", "snelwegen", "boeren", "scholen",
         "leraren", "studiefinanciering", "pensioenen", "energierekening", "netcongestie", "gemeenten", "rechters",
         "gevangenissen", "ziekenhuizen", "huisartsen", "drinkwater", "grondwater", "natuurgebieden", "vissers")
VERBS = ("ingeleverd", "aangevraagd", "toegekend", "onderzocht", "gecontroleerd", "verlaagd", "verhoogd",
         "afgewezen", "verlengd", "beoordeeld", "gesloten", "geopend", "gemeten", "betaald")
OPENERS = ("Bent u bekend met het bericht dat", "Hoeveel", "Kunt u aangeven waarom", "Deelt u de mening dat",
           "Welke maatregelen neemt u nu", "Klopt het dat", "Hoe verklaart u dat")


def member(key: str, surname: str, party: tuple[str, str] | None, first: str | None = None) -> MemberRef:
    """A member of parliament as a view names them."""
    ref: AgentRef | None = None
    if party is not None:
        ref = {"iri": f"{BASE}partij/{party[0]}", "name": party[1], "page": f"partij/{party[0]}"}
    return {"iri": f"{BASE}persoon/{key}", "name": surname, "page": f"persoon/{key}",
            "full_name": f"{first} {surname}" if first else None, "party": ref}


def office(code: str, ministry: str, title: str = "Minister") -> OfficeRef:
    """An office (minister of a ministry) with its ministry."""
    word = ministry.removeprefix("Ministerie van ")
    ref: AgentRef = {"iri": f"{BASE}ministerie/{code}", "name": ministry, "page": f"ministerie/{code}"}
    return {"iri": f"{BASE}ambt/{code}-{title.lower()}", "name": f"{title} van {word}",
            "page": f"ambt/{code}-{title.lower()}", "ministry": ref}


def letter(zaak: str, kind: str = "AnswerLetter", *, title: str, submitted: str | None, issued: str | None,
           askers: list[MemberRef], addressee: OfficeRef, questions: list[str], answers: list[tuple[list[int], str]],
           number: str | None = None) -> LetterView:
    """One letter's view: its questions and (for an answer letter) its answers, anchored as the letter page shows
    them."""
    doc_key = number or f"{zaak}-{kind.lower()}"
    doc = f"{BASE}zaak/{zaak}" if kind == "WrittenQuestions" else f"{BASE}aanhangsel/{doc_key}"
    page = doc.removeprefix(BASE)
    qviews: list[QuestionView] = [{"iri": f"{BASE}zaak/{zaak}/vraag/{n}", "anchor": f"vraag-{n}", "number": n,
                                   "text": text, "footnotes": [], "tables": [], "cites": []}  # type: ignore[typeddict-unknown-key]
                                  for n, text in enumerate(questions, 1)]
    aviews: list[AnswerView] = [{"iri": f"{doc}/antwoord/{'-'.join(map(str, nums))}",
                                 "anchor": f"antwoord-{'-'.join(map(str, nums))}", "numbers": nums, "text": text,
                                 "footnotes": [], "tables": [], "cites": []}  # type: ignore[typeddict-unknown-key]
                                for nums, text in answers]
    view: dict[str, object] = {
        "graph": f"{BASE}graaf/{doc_key}", "doc": doc, "page": page, "zaak": f"{BASE}zaak/{zaak}",
        "zaak_page": f"zaak/{zaak}", "zaak_number": zaak, "kind": kind, "aanhangsel": number,
        "identifiers": [number] if number else [], "title": title, "submitted": submitted, "issued": issued,
        "askers": askers, "addressees": [addressee], "signatories": [addressee] if kind != "WrittenQuestions" else [],
        "on_behalf_of": [], "questions": qviews, "answers": aviews, "footnotes": [], "cited": [], "source": None,
        "official": {}, "data_files": {}, "signatures": [{"person": None, "office": addressee}]
        if kind != "WrittenQuestions" else [], "works": [], "delay_notice": None, "letter_footnotes": [],
        "parts": [], "predecessors": [],
    }
    return view  # type: ignore[return-value]


def _sentence(rng: random.Random, words: int) -> str:
    parts = [rng.choice(OPENERS)]
    while len(parts) < words:
        parts += [rng.choice(("de", "het", "aantal", "in", "van", "door", "voor")), rng.choice(NOUNS),
                  rng.choice(VERBS)]
    return " ".join(parts) + "?"


def generated_views(count: int, seed: int = 12, start: int = 0) -> Iterator[LetterView]:
    """count invented letters (answer letters and a few delay notices), numbered from start; the same seed and
    numbers give the same letters."""
    for i in range(start, start + count):
        rng = random.Random(seed * 1_000_003 + i)
        year = 2015 + i % 11
        zaak = f"{year}Z{i:06d}"
        code, ministry = MINISTRIES[rng.randrange(len(MINISTRIES))]
        party = PARTIES[rng.randrange(len(PARTIES))]
        askers = [member(f"m{(i * 7 + k) % 300}", SURNAMES[(i + k) % len(SURNAMES)], party,
                         FIRST[(i + k) % len(FIRST)]) for k in range(1 + (i % 3 == 0))]
        submitted = dt.date(year, 1 + i % 12, 1 + i % 27)
        days = rng.choice((7, 14, 20, 21, 25, 30, 45, 60, 90))
        questions = [_sentence(rng, rng.randrange(12, 40)) for _ in range(rng.randrange(2, 9))]
        answers = [([n], _sentence(rng, rng.randrange(20, 90)).replace("?", ".")) for n in range(1, len(questions) + 1)]
        if len(answers) > 3 and i % 4 == 0:
            answers[1:3] = [([2, 3], answers[1][1])]
        title = f"Vragen over {rng.choice(NOUNS)} en {rng.choice(NOUNS)}"
        number = f"ah-tk-{year - 1}{year}-{i}"
        if days >= 45 and i % 2:
            yield letter(zaak, "DelayNotice", title=title, submitted=submitted.isoformat(),
                         issued=(submitted + dt.timedelta(days=19)).isoformat(), askers=askers,
                         addressee=office(code, ministry), questions=[], answers=[], number=f"{number}-u")
        yield letter(zaak, title=title, submitted=submitted.isoformat(),
                     issued=(submitted + dt.timedelta(days=days)).isoformat(), askers=askers,
                     addressee=office(code, ministry), questions=questions, answers=answers, number=number)
