"""Traps of the text extractions, each in a few invented lines: what the reader must make of them."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _flatten(text: str) -> str:
    return " ".join(text.split())


def test_a_text_whose_line_breaks_were_flattened(tmp_path: Path) -> None:
    body = ("Vraag 1\nKent u het bericht «Drones boven de kazerne»?\nAntwoord 1\nJa, dat ken ik.\n"
            "Vraag 2\nHoeveel drones zijn er gezien? Door wie?\nAntwoord op vraag 2\nVijf, door wachtposten. Zie ook "
            "het antwoord op vraag 1.\nVraag 3\nWat gaat u doen?\nAntwoord 3\nIk laat het onderzoeken.\n")
    path = tmp_path / "flat_ah-tk-20232024-9301.txt"
    path.write_text(_flatten(HEAD + body + COLOPHON + "Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel 1"),
                    encoding="utf-8")
    got = read_letter(path)
    assert [(a.name, a.party.name if a.party else None) for a in got.askers] == [("Jansen", "VVD")]
    assert [q.text for q in got.questions] == ["Kent u het bericht «Drones boven de kazerne»?",
                                               "Hoeveel drones zijn er gezien? Door wie?", "Wat gaat u doen?"]
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja, dat ken ik."), ((2,), "Vijf, door wachtposten. Zie ook het antwoord op vraag 1."),
        ((3,), "Ik laat het onderzoeken.")]
    assert got.aanhangsel == "ah-tk-20232024-9301"


def test_a_page_the_extraction_printed_twice(tmp_path: Path) -> None:
    page2 = ("Vraag 2\nHoeveel drones zijn er het afgelopen jaar boven de kazerne gezien, en door wie zijn\n"
             "zij gemeld bij de marechaussee of bij de politie in de regio?\nAntwoord 2\nVijf drones, gemeld door "
             "wachtposten van de kazerne en door omwonenden in de buurt van het terrein.\n")
    got = letter(tmp_path, "Vraag 1\nWat weet u?\nAntwoord 1\nNiets.\n" + FOOTER + page2 + FOOTER + page2)
    assert [q.number for q in got.questions] == [1, 2]
    assert got.answers[1].text == ("Vijf drones, gemeld door wachtposten van de kazerne en door omwonenden in de "
                                   "buurt van het terrein.")


@pytest.mark.parametrize("question", [
    "Kent u het bericht «Drones boven de kazerne» 1?", "Kent u het bericht «Drones boven de kazerne» 1 ?",
    "Kent u het bericht «Drones boven de kazerne» (1)?", "Kent u het bericht «Drones boven de kazerne»? 1",
], ids=["apart", "apart-both-sides", "in-brackets", "after-the-mark"])
def test_markers_the_extraction_detached_from_their_words(tmp_path: Path, question: str) -> None:
    got = letter(tmp_path, f"Vraag 1\n{question}\nAntwoord 1\nJa, in 2023 zijn 12 drones gezien.\n\n"
                 "1 NOS, 2 januari 2024, «Drones boven de kazerne»\n" + FOOTER + "Vraag 2\nWat gaat u doen?\n"
                 "Antwoord 2\nNiets.\n")
    assert got.questions[0].text == "Kent u het bericht «Drones boven de kazerne»?"
    assert got.questions[0].footnotes == (1,)
    assert got.answers[0].text == "Ja, in 2023 zijn 12 drones gezien."


def test_pymupdf_markers_two_in_one_bracket_and_a_superscript_ordinal(tmp_path: Path) -> None:
    head = ("# 2\n\n#### Vergaderjaar 2023–2024 Aanhangsel van de Handelingen\n\n### 9302\n\n"
            "Vragen van het lid Jansen (VVD) aan de Minister van Defensie over drones (ingezonden 3 januari 2024).\n\n"
            "Antwoord van Minister Bakker (Defensie) (ontvangen 20 januari 2024).\n\n")
    body = ("Vraag 1\nKent u het rapport en de brief?[1 2 ]\n\nAntwoord 1\nJa, het 11[e ] rapport ken ik.[3 ]\n\n"
            "1 Rapport over drones, 2023.\n2 Kamerstuk 12 345, nr. 6\n3 NOS, 2 januari 2024\n\n\nh tk 20232024 9302\n")
    path = tmp_path / "pdfmd-pymupdf4llm_ah-tk-20232024-9302.txt"
    path.write_text(head + body, encoding="utf-8")
    got = read_letter(path)
    assert got.questions[0].text == "Kent u het rapport en de brief?"
    assert got.questions[0].footnotes == (1, 2)
    assert got.answers[0].text == "Ja, het 11e rapport ken ik."
    assert got.answers[0].footnotes == (3,)


@pytest.mark.parametrize("question", [
    "Is het toezicht op deze bemiddelaars afdoende? 1", "Kent u het bericht «Drones boven de kazerne» 1?",
], ids=["after-the-question-mark", "before-the-question-mark"])
def test_a_marker_the_first_pass_missed_is_placed_where_it_stands_apart(tmp_path: Path, question: str) -> None:
    """pypdf sets a marker apart at a paragraph's end; the body stands pages later (no 'glued' evidence)."""
    got = letter(tmp_path, f"Vraag 1\n{question}\nAntwoord 1\nJa.\n" + FOOTER + "Vraag 2\nWat gaat u doen?\n"
                 "Antwoord 2\nNiets.\n\n1 NOS, 2 januari 2024, «Drones boven de kazerne»\n" + FOOTER)
    assert got.questions[0].footnotes == (1,)
    assert got.questions[0].text == question.replace(" 1", "")
    assert got.letter_footnotes == ()


def test_a_numbered_list_in_an_answer_is_no_run_of_markers(tmp_path: Path) -> None:
    """PyPDF2 moves a marker to the start of the next line ('2. Met dit ...'); a list's items look the same
    but stand together ('1. ...', '2. ...', '3. ...')."""
    body = ("Vraag 1\nWat gaat u doen?\nAntwoord 1\nIk neem drie maatregelen:\n1. Bekostiging van de kazernes.\n"
            "2. Meerjarige afspraken met gemeenten.\n3. Grote kazernes helpen kleine kazernes.\nDat is het plan.\n"
            "Vraag 2\nWanneer begint u?\nAntwoord 2\nIn 2025 begint de bouw, zo staat in de brief\n"
            "1. Daarna volgt de rest.\n\n1 Kamerstuk 12 345, nr. 6\n" + FOOTER)
    got = letter(tmp_path, body)
    assert got.answers[0].text.endswith("3. Grote kazernes helpen kleine kazernes. Dat is het plan.")
    assert got.answers[0].footnotes == ()
    assert got.answers[1].footnotes == (1,)


def test_an_explicit_marker_wins_over_a_number_opening_a_line(tmp_path: Path) -> None:
    head = ("### 9303\n\nVragen van het lid Jansen (VVD) aan de Minister van Defensie over drones (ingezonden 3 "
            "januari 2024).\n\nAntwoord van Minister Bakker (Defensie) (ontvangen 20 januari 2024).\n\n")
    body = ("Vraag 1\nKent u het rapport?[1 ]\n\nAntwoord 1\nZoals gezegd bij de vragen 1 en\n2 is er geen "
            "sprake van drones.\n\nVraag 2\nWat gaat u doen?\n\nAntwoord 2\nIk lees het rapport.[2 ]\n\n"
            "1 Rapport over drones, 2023.\n2 NOS, 2 januari 2024\n\n\nh tk 20232024 9303\n")
    path = tmp_path / "pdfmd-pymupdf4llm_ah-tk-20232024-9303.txt"
    path.write_text(head + body, encoding="utf-8")
    got = read_letter(path)
    assert got.answers[0].text == "Zoals gezegd bij de vragen 1 en 2 is er geen sprake van drones."
    assert got.answers[1].footnotes == (2,)


def test_a_toelichting_after_the_last_answer_is_not_part_of_it(tmp_path: Path) -> None:
    got = letter(tmp_path, "Vraag 1\nWat weet u?\nAntwoord 1\nNiets.\n\nToelichting: Deze vragen dienen ter "
                 "aanvulling op eerdere vragen van het lid Jansen (VVD), ingezonden 2 januari 2024.\n")
    assert got.answers[0].text == "Niets."


@pytest.mark.parametrize("text, url", [
    ("Overheid.nl, «Huisvesting», www.internetconsultatie.nl/huisvesting_ evacuees/b1",
     "https://www.internetconsultatie.nl/huisvesting_evacuees/b1"),
    ("FTM (https://www.ftm.nl/artikelen/bestuurders? share=nYarSs%2BSK)", "https://www.ftm.nl/artikelen/bestuurders?share=nYarSs%2BSK"),
    ("NOS (https://nos.nl/artikel/2566528- pentagon-gaat-ontslaan).", "https://nos.nl/artikel/2566528-pentagon-gaat-ontslaan"),
    ("zie https://www.example.nl/ Dit is tekst.", "https://www.example.nl/"),
    ("zie https://nos.nl/artikel/123-abc en verder", "https://nos.nl/artikel/123-abc"),
], ids=["underscore", "query", "hyphen", "slash-then-sentence", "word-after"])
def test_an_address_a_line_break_split_at_a_space(text: str, url: str) -> None:
    from converter.read.footnotes import find_urls

    assert find_urls(text) == [url]


def test_a_flattened_page_keeps_its_footnote(tmp_path: Path) -> None:
    body = ("Vraag 1\nKent u de regeling?1\nAntwoord 1\nJa.\nVraag 2\nWat is de regeling?\nAntwoord 2\n"
            "Een regeling voor evacués, in lijn met eerdere regelingen.\n\n1\n" + COLOPHON +
            "\nOverheid.nl, «Huisvesting evacués», www.internetconsultatie.nl/huisvesting_\nevacuees/b1\n" + FOOTER +
            "Vraag 3\nWat kost het?\nAntwoord 3\nNiets.\n")
    path = tmp_path / "flat_ah-tk-20232024-9301.txt"
    path.write_text(_flatten(HEAD + body), encoding="utf-8")
    got = read_letter(path)
    assert got.questions[0].footnotes == (1,)
    assert got.footnotes[0].urls == ("https://www.internetconsultatie.nl/huisvesting_evacuees/b1",)
    assert got.answers[1].text == "Een regeling voor evacués, in lijn met eerdere regelingen."
    assert [q.number for q in got.questions] == [1, 2, 3]


def test_an_answer_whose_question_was_not_found_is_left_out_with_a_warning(tmp_path: Path) -> None:
    got = letter(tmp_path, "Vraag 1\nWat weet u?\nAntwoord 1\nNiets.\nAntwoord 7\nDat is elders beantwoord.\n")
    assert [(a.questions, a.text) for a in got.answers] == [((1,), "Niets.")]
    assert any("answer labelled 7" in w for w in got.warnings)


def test_cubic_metres_over_a_line_break_are_no_marker(tmp_path: Path) -> None:
    """PyPDF2 moves the ³ of m³ to the next line's start: 'miljard m' / '3 aan aardgas'."""
    body = ("Vraag 1\nKent u het bericht?1\nAntwoord 1\nJa.\nVraag 2\nHoeveel gas is er gewonnen?\n"
            "Antwoord 2\n"
            "In die periode is 12 miljard m\n3 aan aardgas gewonnen, zie ook het antwoord op vraag 5.\nVraag 3\n"
            "Klopt het dat de winning stopt?\n3\nAntwoord 3\nJa.\n\n1 NOS, 1 januari 2024\n"
            "2 RTV Drenthe, 2 januari 2024\n3 DvhN, 3 januari 2024\n" + FOOTER)
    got = letter(tmp_path, body.replace("Kent u het bericht?1", "Kent u het bericht?1\n2"))
    assert got.answers[1].footnotes == ()
    assert got.answers[1].text.endswith("zie ook het antwoord op vraag 5.")
    assert got.questions[2].footnotes == (3,)


def test_a_marker_moved_to_a_line_start_before_a_comma(tmp_path: Path) -> None:
    body = ("Vraag 1\nWie neemt de schade op?\nAntwoord 1\nIn de beleidsregel voor deskundigen\n1, is opgenomen dat "
            "zij onafhankelijk zijn.\n\n1 Vereisten deskundigen (schadedoormijnbouw.nl)\n" + FOOTER)
    got = letter(tmp_path, body)
    assert got.answers[0].footnotes == (1,)
    assert got.answers[0].text == "In de beleidsregel voor deskundigen, is opgenomen dat zij onafhankelijk zijn."


@pytest.mark.parametrize("left, right, joined", [
    ("aanscherpin", "gen", True), ("Hoofdlijnen", "akkoord", True), ("monu", "ment", True),
    ("bottom", "up", False), ("full", "time", False), ("high", "level", False),
    ("re", "integratie", False), ("zee", "egel", False), ("niet", "natuurlijk", False), ("btw", "verhoging", False),
], ids=lambda v: str(v))
def test_a_hyphen_kept_in_joined_lines_is_a_line_break_unless_spelling_wants_it(left: str, right: str,
                                                                              joined: bool) -> None:
    from converter.read.hyphens import joins

    assert joins(left, right) is joined
