"""Traps of the text extractions, each in a few invented lines: what the reader must make of them."""

from __future__ import annotations

from pathlib import Path

from converter.read import read_letter

HEAD = """Tweede Kamer der Staten-Generaal
Vergaderjaar 2023–2024
Aanhangsel van de Handelingen
Vragen gesteld door de leden der Kamer, met de daarop door de
regering gegeven antwoorden
9301
Vragen van het lid Jansen (VVD) aan de Minister van Defensie over drones (ingezonden 3 januari 2024).
Antwoord van Minister Bakker (Defensie) (ontvangen 20 januari 2024).
"""
COLOPHON = "\nah-tk-20232024-9301\nISSN 0921 - 7398\n’s-Gravenhage 2024\n"
FOOTER = "\nTweede Kamer, vergaderjaar 2023–2024, Aanhangsel\n\n1\n\f"


def letter(tmp_path: Path, body: str):  # noqa: ANN201
    path = tmp_path / "pdftext-poppler_ah-tk-20232024-9301.txt"
    path.write_text(HEAD + body, encoding="utf-8")
    return read_letter(path)


def test_a_footnote_whose_number_pdftotext_dropped(tmp_path: Path) -> None:
    got = letter(tmp_path, "Vraag 1\nKent u het bericht «Drones boven de kazerne»1?\nAntwoord 1\nJa.\n"
                 + COLOPHON + "\nNOS, 2 januari 2024, «Drones boven de kazerne»\n(nos.nl/artikel/1-drones).\n"
                 + FOOTER + "Vraag 2\nWat gaat u doen?\nAntwoord 2\nNiets.\n")
    assert [(f.number, f.urls) for f in got.footnotes] == [(1, ("https://nos.nl/artikel/1-drones",))]
    assert got.questions[0].footnotes == (1,)
    assert got.questions[0].text == "Kent u het bericht «Drones boven de kazerne»?"
    assert got.answers[0].text == "Ja."


def test_numbers_each_above_their_footnote(tmp_path: Path) -> None:
    got = letter(tmp_path, "Vraag 1\nKent u het rapport1 en de brief2?\nAntwoord 1\nJa.\n\n1\n"
                 "Rapport over drones, https://\nwww.defensie.nl/rapport\n2\nKamerstuk 12 345, nr. 6\n"
                 + FOOTER + "Vraag 2\nWat gaat u doen?\nAntwoord 2\nNiets.\n")
    assert {f.number: f.text for f in got.footnotes} == {
        1: "Rapport over drones, https://www.defensie.nl/rapport", 2: "Kamerstuk 12 345, nr. 6"}
    assert got.questions[0].text == "Kent u het rapport en de brief?"


def test_markers_set_apart_at_a_line_end_and_a_decimal_comma(tmp_path: Path) -> None:
    got = letter(tmp_path, "Vraag 1\nKent u de berichten «Drones» en «Meer drones»? 1 2\nAntwoord 1\n"
                 "Het aantal steeg met 1,6 procent.\n1NOS, 1 januari 2024\n2NRC, 2 januari 2024\n" + FOOTER)
    assert got.questions[0].footnotes == (1, 2)
    assert got.questions[0].text == "Kent u de berichten «Drones» en «Meer drones»?"
    assert got.answers[0].text == "Het aantal steeg met 1,6 procent."


def test_plural_answer_label(tmp_path: Path) -> None:
    got = letter(tmp_path, "Vraag 1 en 2\nWat kost het? Wie betaalt het?\nAntwoorden 1 en 2\nDefensie.\n")
    assert [q.text for q in got.questions] == ["Wat kost het?", "Wie betaalt het?"]
    assert [(a.questions, a.text) for a in got.answers] == [((1, 2), "Defensie.")]
