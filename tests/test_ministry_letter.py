"""The ministry's own answer letter (letterhead layout), in invented text: one base letter, and each test
changes one trait of it (a template's labels, the cover paragraph, the signature, the labels of questions and
answers, the footnote markers), so a rule that fits one letter and not the genre fails here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from converter.read import read_letter

PARTS = {
    "return": "> Retouradres Postbus 20350 2500 EJ Den Haag",
    "addressee": "de Voorzitter van de Tweede Kamer\nder Staten-Generaal\nPostbus 20018\n2500 EA Den Haag",
    "date": "Datum 14 maart 2025",
    "subject": "Betreft Antwoorden Kamervragen over wachtlijsten in de jeugdzorg",
    "salutation": "Geachte voorzitter,",
    "cover": "Hierbij zend ik u de antwoorden op de vragen van het lid Jansen (SP) over wachtlijsten in de "
             "jeugdzorg (ingezonden 3 februari 2025, kenmerk 2025Z01234).",
    "signoff": "Hoogachtend,",
    "signature": "de minister van Volksgezondheid,\nWelzijn en Sport,\n\n\nF.M. de Vries",
    "sidebar": "Ministerie van Volksgezondheid,\nWelzijn en Sport\n\nBezoekadres\nParnassusplein 5\n"
               "2511 VX Den Haag\nwww.rijksoverheid.nl\n\nKenmerk\n4012345-1067890-PG\n\nBijlage(n)\n1\n\n"
               "Uw brief\n2025Z01234\n\nCorrespondentie uitsluitend\nrichten aan het retouradres\n"
               "met vermelding van de datum\nen het kenmerk van deze brief.",
    "body": "Vraag 1\nBent u bekend met het bericht 'Wachtlijsten lopen op'?1\n\nAntwoord 1\nJa.\n\n"
            "Vraag 2\nHoeveel kinderen wachten op hulp?\n\nAntwoord 2\nRuim 4.000 kinderen wachten op hulp.\n\n"
            "Vraag 3\nWat gaat u daaraan doen?\n\nAntwoord 3\nIk maak afspraken met de gemeenten.",
    "notes": "1 NOS, 1 februari 2025, 'Wachtlijsten lopen op' (https://nos.nl/artikel/2561234-wachtlijsten)",
    "closing": "",
}
ORDER = ("return", "addressee", "date", "subject", "salutation", "cover", "signoff", "signature", "sidebar",
         "body", "closing", "notes")


def read(tmp_path: Path, **changes: str):  # noqa: ANN201 - a Letter
    parts = {**PARTS, **changes}
    text = "\n\n".join(parts[k] for k in ORDER if parts[k]) + "\n"
    path = tmp_path / "brief.txt"
    path.write_text(text, encoding="utf-8")
    return read_letter(path)


def signed(letter) -> list[tuple[str, str | None]]:  # noqa: ANN001
    return [(s.person.name, s.office.name if s.office else None) for s in letter.signatures]


def test_the_base_letter(tmp_path: Path) -> None:
    got = read(tmp_path)
    assert got.kind.value == "answer"
    assert (got.zaak, got.submitted, got.issued) == ("2025Z01234", dt.date(2025, 2, 3), dt.date(2025, 3, 14))
    assert [(a.name, a.party.name if a.party else None) for a in got.askers] == [("Jansen", "SP")]
    assert signed(got) == [("F.M. de Vries", "Minister van Volksgezondheid, Welzijn en Sport")]
    assert got.references == ("4012345-1067890-PG",)
    assert [q.text for q in got.questions] == ["Bent u bekend met het bericht 'Wachtlijsten lopen op'?",
                                               "Hoeveel kinderen wachten op hulp?", "Wat gaat u daaraan doen?"]
    assert [(a.questions, a.text) for a in got.answers][-1] == ((3,), "Ik maak afspraken met de gemeenten.")
    assert got.questions[0].footnotes == (1,)
    assert got.footnotes[0].urls == ("https://nos.nl/artikel/2561234-wachtlijsten",)
    assert got.letter_footnotes == ()


@pytest.mark.parametrize("date, subject", [
    ("Datum\n14 maart 2025", "Onderwerp\nAntwoorden Kamervragen over wachtlijsten in de jeugdzorg"),
    ("Den Haag, 14 maart 2025", "Onderwerp: Antwoorden Kamervragen over wachtlijsten in de jeugdzorg"),
], ids=["labels-above-values", "place-and-date"])
def test_date_and_subject_labels(tmp_path: Path, date: str, subject: str) -> None:
    got = read(tmp_path, date=date, subject=subject)
    assert got.issued == dt.date(2025, 3, 14)
    assert got.title == "wachtlijsten in de jeugdzorg"


@pytest.mark.parametrize("sidebar", [
    "Directoraat-Generaal Straffen en Beschermen\nTurfmarkt 147\n2511 DP Den Haag\nPostbus 20301\n"
    "2500 EH Den Haag\nwww.rijksoverheid.nl/jenv\n\nOns kenmerk\n6123456\n\nBij beantwoording de datum en ons "
    "kenmerk vermelden. Wilt u slechts één zaak in uw brief behandelen.",
    "Ministerie van Defensie\nPlein 4\nMPC 58 B\nPostbus 20701\n2500 ES Den Haag\nwww.defensie.nl\n\n"
    "Onze referentie\n\nD2025-002615/\nMINDEF20250019255\n\nBij beantwoording, datum,\nonze referentie en "
    "onderwerp\nvermelden.",
    "Contactpersoon\nmr. A. de Wit\n\nT 070 456 7890\nalbert.dewit@minbzk.nl\n\nOnze referentie 2025-0000123456",
], ids=["jenv", "defensie-split-reference", "contact-lines"])
def test_side_column_of_other_templates_is_not_text(tmp_path: Path, sidebar: str) -> None:
    got = read(tmp_path, sidebar=sidebar)
    texts = [q.text for q in got.questions] + [a.text for a in got.answers]
    assert not [t for t in texts if "Postbus" in t or "kenmerk" in t.lower() or "@" in t]
    assert got.references and got.references[0] in {"6123456", "D2025-002615/MINDEF20250019255", "2025-0000123456"}
    assert got.questions[0].footnotes == (1,)


def test_letterhead_repeated_on_a_later_page_inside_an_answer(tmp_path: Path) -> None:
    body = PARTS["body"].replace("Ruim 4.000 kinderen wachten\n", "").replace(
        "Ruim 4.000 kinderen wachten op hulp.",
        "Ruim 4.000 kinderen wachten\n\f\nPagina 2 van 3\n\nDatum 14 maart 2025\n\nKenmerk\n4012345-1067890-PG\n\n"
        "op hulp.")
    got = read(tmp_path, body=body)
    assert got.answers[1].text == "Ruim 4.000 kinderen wachten op hulp."


@pytest.mark.parametrize("cover, submitted, zaak", [
    ("Hierbij bieden wij, mede namens de minister van Sociale Zaken en Werkgelegenheid, de antwoorden aan op de "
     "schriftelijke vragen van het lid Jansen (SP) over wachtlijsten in de jeugdzorg.\n\nDeze vragen werden "
     "ingezonden op 3 februari 2025 met kenmerk 2025Z01234.", dt.date(2025, 2, 3), "2025Z01234"),
    ("In antwoord op uw brief van 7 februari 2025, nr. 2025Z01234, deel ik u mede dat de vragen van het lid "
     "Jansen (SP) over wachtlijsten in de jeugdzorg worden beantwoord zoals aangegeven in de bijlage bij deze brief.",
     None, "2025Z01234"),
    ("Hierbij zend ik u de antwoorden op de vragen van het lid Jansen (SP) over wachtlijsten in de jeugdzorg, "
     "ingezonden op 3 februari 2025 (ons nr. 2025-0000456).", dt.date(2025, 2, 3), None),
], ids=["bieden-wij-deze-vragen", "uw-brief-is-not-submission", "internal-nr-is-no-zaak"])
def test_cover_paragraph_forms(tmp_path: Path, cover: str, submitted: dt.date | None, zaak: str | None) -> None:
    sidebar = PARTS["sidebar"].replace("Uw brief\n2025Z01234\n\n", "")
    got = read(tmp_path, cover=cover, sidebar=sidebar)
    assert got.submitted == submitted
    assert got.zaak == zaak
    assert [(a.name, a.party.name if a.party else None) for a in got.askers] == [("Jansen", "SP")]
    assert got.title == "wachtlijsten in de jeugdzorg"


def test_mede_namens_in_the_cover_keeps_a_ministry_with_commas(tmp_path: Path) -> None:
    got = read(tmp_path, cover=PARTS["cover"].replace(
        "zend ik u de", "zend ik u, mede namens de staatssecretaris van Jeugd, Preventie en Sport, de"))
    assert [o.name for o in got.on_behalf_of] == ["Staatssecretaris van Jeugd, Preventie en Sport"]


@pytest.mark.parametrize("signoff, signature, expected", [
    ("Hoogachtend,", "DE MINISTER VAN DEFENSIE,\n\nR. Brekelmans",
     [("R. Brekelmans", "Minister van Defensie")]),
    ("", "De minister van Binnenlandse Zaken en Koninkrijksrelaties,\n\nJ.P. van Dam",
     [("J.P. van Dam", "Minister van Binnenlandse Zaken en Koninkrijksrelaties")]),
    ("Hoogachtend,", "DE MINISTER VAN VOLKSGEZONDHEID,\nWELZIJN EN SPORT,\n\ndrs. A.B. Hermans\n\n"
     "DE STAATSSECRETARIS VAN VOLKSGEZONDHEID,\nWELZIJN EN SPORT,\n\nK. Tielen",
     [("A.B. Hermans", "Minister van Volksgezondheid, Welzijn en Sport"),
      ("K. Tielen", "Staatssecretaris van Volksgezondheid, Welzijn en Sport")]),
    ("Met vriendelijke groet,", "de staatssecretaris van Financiën -\nHerstel en Toeslagen,\n\n\nM.L. Jansen-Kok",
     [("M.L. Jansen-Kok", "Staatssecretaris van Financiën - Herstel en Toeslagen")]),
    ("Hoogachtend,", "DE MINISTER VAN DEFENSIE,     DE STAATSSECRETARIS VAN DEFENSIE,\n\nR. Brekelmans     G. Tuinman",
     [("R. Brekelmans", "Minister van Defensie"), ("G. Tuinman", "Staatssecretaris van Defensie")]),
    ("Hoogachtend,", "De minister van Defensie, de staatssecretaris van Defensie,\n\nRuben Brekelmans Gijs Tuinman",
     [("Ruben Brekelmans", "Minister van Defensie"), ("Gijs Tuinman", "Staatssecretaris van Defensie")]),
], ids=["capitals", "no-sign-off", "two-signatories-wrapped", "portfolio-dash", "side-by-side-columns",
        "side-by-side-table-row"])
def test_signature_forms(tmp_path: Path, signoff: str, signature: str, expected: list) -> None:
    assert signed(read(tmp_path, signoff=signoff, signature=signature)) == expected


def test_mede_namens_above_the_title_is_no_signatory(tmp_path: Path) -> None:
    got = read(tmp_path, signature="Mede namens de minister van Sociale Zaken en Werkgelegenheid,\n\n"
               "DE MINISTER VAN VOLKSGEZONDHEID, WELZIJN EN SPORT,\n\nF.M. de Vries")
    assert signed(got) == [("F.M. de Vries", "Minister van Volksgezondheid, Welzijn en Sport")]
    assert [o.name for o in got.on_behalf_of] == ["Minister van Sociale Zaken en Werkgelegenheid"]


def test_signature_after_the_answers_is_not_part_of_the_last_answer(tmp_path: Path) -> None:
    got = read(tmp_path, signoff="", signature="", closing="De minister van Volksgezondheid,\nWelzijn en Sport,"
               "\n\n\nF.M. de Vries")
    assert signed(got) == [("F.M. de Vries", "Minister van Volksgezondheid, Welzijn en Sport")]
    assert got.answers[-1].text == "Ik maak afspraken met de gemeenten."


def _body(q_label: str, a_label: str) -> str:
    return (f"{q_label.format(1)}\nBent u bekend met het bericht 'Wachtlijsten lopen op'?1\n\n"
            f"{a_label.format(1)}\nJa.\n\n{q_label.format(2)}\nHoeveel kinderen wachten op hulp?\n\n"
            f"{q_label.format(3)}\nWat gaat u daaraan doen?\n\n{a_label.format('2 en 3')}\n"
            "Ik maak afspraken met de gemeenten.")


@pytest.mark.parametrize("body", [
    "1. Bent u bekend met het bericht?1\n\nAntwoord:\nJa.\n\n2. Hoeveel kinderen wachten?\n\nAntwoord:\n"
    "Ruim 4.000.\n\n3. Wat doet u?\n\nAntwoord 3:\nIk overleg.",
    "Vraag 1: Bent u bekend met het bericht?1\nAntwoord: Ja.\n\nVraag 2: Hoeveel kinderen wachten?\n"
    "Antwoord: Ruim 4.000.\n\nVraag 3: Wat doet u?\nAntwoord: Ik overleg.",
    "1\nBent u bekend met het bericht?1\n\nJa.\n\n2\nHoeveel kinderen wachten?\n\nRuim 4.000.\n\n3\n"
    "Wat doet u?\n\nIk overleg.",
    "Vraag 1\nBent u bekend met het bericht?1\n\nAntwoord\nJa.\n\nVraag 2\nHoeveel kinderen wachten?\n\n"
    "Antwoord\nRuim 4.000.\n\nVraag 3\nWat doet u?\n\nAntwoord\nIk overleg.",
    "1)\tBent u bekend met het bericht?1\n\nJa.\n\n2)\tHoeveel kinderen wachten?\n\nRuim 4.000.\n\n3)\t"
    "Wat doet u?\n\nIk overleg.",
], ids=["numbers-and-bare-antwoord", "labels-with-colon-inline", "number-alone", "antwoord-without-number",
        "number-paren-tab"])
def test_more_label_forms(tmp_path: Path, body: str) -> None:
    got = read(tmp_path, body=body)
    assert [(q.number, q.text) for q in got.questions] == [
        (1, "Bent u bekend met het bericht?"), (2, "Hoeveel kinderen wachten?"), (3, "Wat doet u?")]
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja."), ((2,), "Ruim 4.000."), ((3,), "Ik overleg.")]
    assert got.questions[0].footnotes == (1,)


@pytest.mark.parametrize("q_label, a_label", [
    ("Vraag {}", "Antwoord {}"), ("Vraag {}:", "Antwoord op vraag {}:"), ("VRAAG {}", "ANTWOORD {}"),
    ("Vraag {}", "Antwoorden op vragen {}"), ("Vraag {}", "Antwoord op vragen {}"),
], ids=["vraag-antwoord", "op-vraag-colon", "capitals", "antwoorden-op-vragen", "antwoord-op-vragen"])
def test_label_forms(tmp_path: Path, q_label: str, a_label: str) -> None:
    got = read(tmp_path, body=_body(q_label, a_label).replace("Antwoord op vraag 2 en 3", "Antwoord op vragen 2 en 3"))
    assert [q.text for q in got.questions][1:] == ["Hoeveel kinderen wachten op hulp?", "Wat gaat u daaraan doen?"]
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja."), ((2, 3), "Ik maak afspraken met de gemeenten.")]
    assert got.questions[0].text == "Bent u bekend met het bericht 'Wachtlijsten lopen op'?"


def test_numbered_questions_with_unlabelled_answers(tmp_path: Path) -> None:
    body = ("1. Bent u bekend met het bericht 'Wachtlijsten lopen op'?1\n\nJa.\n\n2. Hoeveel kinderen wachten op "
            "hulp?\n\n3. Wat gaat u daaraan doen?\n\nIk maak afspraken met de gemeenten.")
    got = read(tmp_path, body=body)
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja."), ((2, 3), "Ik maak afspraken met de gemeenten.")]
    assert got.questions[0].footnotes == (1,)


def test_grouped_answer_out_of_order_and_an_unlabelled_answer(tmp_path: Path) -> None:
    body = ("Vraag 1\nBent u bekend met het bericht 'Wachtlijsten lopen op'?1\n\nJa.\n\n"
            "Vraag 2\nHoeveel kinderen wachten op hulp?\n\nVraag 3\nWat gaat u daaraan doen?\n\n"
            "Vraag 4\nWanneer informeert u de Kamer?\n\nAntwoord 4\nVoor de zomer.\n\n"
            "Antwoord 2 en 3\nIk maak afspraken met de gemeenten.")
    got = read(tmp_path, body=body)
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja."), ((4,), "Voor de zomer."), ((2, 3), "Ik maak afspraken met de gemeenten.")]


@pytest.mark.parametrize("marker, note", [
    ("?1", "1 NOS"), ("? 1)", "1) NOS"), ("?[1]", "[1] NOS"), ("?1)", "1) NOS"),
], ids=["glued", "paren-apart", "bracket", "paren-glued"])
def test_footnote_marker_forms(tmp_path: Path, marker: str, note: str) -> None:
    got = read(tmp_path, body=PARTS["body"].replace("op'?1", "op'" + marker),
               notes=PARTS["notes"].replace("1 NOS", note))
    assert got.questions[0].text == "Bent u bekend met het bericht 'Wachtlijsten lopen op'?"
    assert got.questions[0].footnotes == (1,)
    assert got.footnotes[0].urls == ("https://nos.nl/artikel/2561234-wachtlijsten",)


def test_marker_glued_to_a_word_with_a_parenthesis(tmp_path: Path) -> None:
    body = PARTS["body"].replace("op hulp.", "op hulp in de regio gedrag2).")
    notes = PARTS["notes"].replace("1 NOS", "1) NOS") + "\n2) CBS, Jeugdmonitor 2024."
    got = read(tmp_path, body=body, notes=notes)
    assert got.answers[1].text == "Ruim 4.000 kinderen wachten op hulp in de regio gedrag."
    assert got.answers[1].footnotes == (2,)


def test_extraction_without_blank_lines(tmp_path: Path) -> None:
    """PyPDF2 and Word text print no blank line between the letterhead's lines and the body's paragraphs."""
    parts = {k: "\n".join(x for x in v.splitlines() if x.strip()) for k, v in PARTS.items()}
    path = tmp_path / "brief.txt"
    path.write_text("\n".join(parts[k] for k in ORDER if parts[k]) + "\n", encoding="utf-8")
    got = read_letter(path)
    assert signed(got) == [("F.M. de Vries", "Minister van Volksgezondheid, Welzijn en Sport")]
    assert got.references == ("4012345-1067890-PG",)
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja."), ((2,), "Ruim 4.000 kinderen wachten op hulp."), ((3,), "Ik maak afspraken met de gemeenten.")]
    assert got.questions[0].footnotes == (1,)


def test_unlabelled_answer_after_two_questions_answers_both(tmp_path: Path) -> None:
    body = ("Vraag 1\nBent u bekend met het bericht 'Wachtlijsten lopen op'?1\n\nAntwoord 1\nJa.\n\n"
            "Vraag 2\nHoeveel kinderen wachten op hulp?\n\nVraag 3\nWat gaat u daaraan doen?\n\n"
            "Ik maak afspraken met de gemeenten.\n\nVraag 4\nWanneer informeert u de Kamer?\n\nAntwoord 4\n"
            "Voor de zomer.")
    got = read(tmp_path, body=body)
    assert [(a.questions, a.text) for a in got.answers] == [
        ((1,), "Ja."), ((2, 3), "Ik maak afspraken met de gemeenten."), ((4,), "Voor de zomer.")]


def test_vragen_label_for_two_questions_then_one_answer(tmp_path: Path) -> None:
    body = ("Vraag 1\nBent u bekend met het bericht 'Wachtlijsten lopen op'?1\n\nAntwoord 1\nJa.\n\n"
            "Vragen 2 en 3\nHoeveel kinderen wachten op hulp?\n\nWat gaat u daaraan doen?\n\n"
            "Antwoord 2 en 3\nIk maak afspraken met de gemeenten.")
    got = read(tmp_path, body=body)
    assert [q.text for q in got.questions][1:] == ["Hoeveel kinderen wachten op hulp?", "Wat gaat u daaraan doen?"]
    assert [(a.questions, a.text) for a in got.answers][1] == ((2, 3), "Ik maak afspraken met de gemeenten.")


def test_word_text_without_its_letterhead_is_still_an_answer_letter(tmp_path: Path) -> None:
    """python-docx's paragraphs miss the header and the tables: no 'Datum', no side column. The cover's
    'de antwoorden aan op' and the 'Antwoord' labels still make it an answer letter; the date is unknown."""
    text = ("Geachte voorzitter,\n\nHierbij bied ik u, mede namens de minister van Justitie en Veiligheid, de "
            "antwoorden aan op de schriftelijke vragen van het lid Van Dijk (SGP) over het bericht ‘Gevangenissen "
            "overvol’ (2025Z05555).\n\nDeze vragen werden ingezonden op 3 april 2025.\n\nDe staatssecretaris van "
            "Justitie en Veiligheid,\n\n\u00a0\n\nI. Coenradie\n\nVraag 1\n\nBent u bekend met het bericht "
            "‘Gevangenissen overvol’?1\u00a0\n\nAntwoord\n\nJa.\n\nVraag 2\n\nHoeveel gedetineerden slapen op een "
            "noodbed?\n\nAntwoord\n\nOp 1 april 2025 waren dat er 120.\n\n1\u00a0NOS, 2 april 2025, ‘Gevangenissen "
            "overvol’ (https://nos.nl/artikel/2560000-gevangenissen-overvol)\n")
    path = tmp_path / "docxtext_brief.txt"
    path.write_text(text, encoding="utf-8")
    got = read_letter(path)
    assert got.kind.value == "answer"
    assert (got.zaak, got.submitted, got.issued) == ("2025Z05555", dt.date(2025, 4, 3), None)
    assert signed(got) == [("I. Coenradie", "Staatssecretaris van Justitie en Veiligheid")]
    assert [(a.questions, a.text) for a in got.answers] == [((1,), "Ja."), ((2,), "Op 1 april 2025 waren dat er 120.")]
    assert got.questions[0].footnotes == (1,)
