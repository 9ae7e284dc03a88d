"""The invented ministry-letter (letterhead) family of issue 9: every case in tests/letterhead/cases rendered as
pdftotext text, PyPDF2 text, Word and (some) PDF, converted with convert_letter and compared with the case's
annotation field by field (tests/letterhead/compare.py, the corpus scorer's rules).

A case the reader gets wrong today is listed in KNOWN_WRONG with what is wrong and the smallest input that shows
it; it is a strict xfail, so it fails as soon as the reader gets it right: then remove it from the list.
`python tests/letterhead/score.py` prints the same results as a table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from letterhead.annotate import dump
from letterhead.cases import EXPECTED, load, plan, slugs
from letterhead.render import FORMS, render
from letterhead.score import forms_of, run_case

from converter.read import extract

# what the reader gets wrong today, per case, with the smallest input that shows it
WHY = {
    'aenm-cover-gesteld': (
        "submitted not read from 'Op 24 juli 2025 heeft het lid Podt (D66) vragen gesteld over …'"),
    'financien-url-odd': (
        'a URL with quotes, a space and brackets (\'…zoeken?q="camper gewicht"&filter[jaar]=2024\') is cut at the'
        ' space instead of percent-encoded'),
    'lvvn-signature-end': (
        "the sign-off before a signature after the last answer stays in it: answer 4 ends '…voor het einde van "
        "het jaar. Hoogachtend,'"),
    'ez-docx-signature-table-end': (
        "the sign-off above a signature table after the last answer stays in it: answer 4 ends '…die ik in "
        "december stuur. Hoogachtend,'"),
    'ocw-repeat-interleaved': (
        "the short letterhead between question 1 and its answer ('…lerarentekort’?1' / 'Ministerie van "
        "Onderwijs,' / 'Datum' / '3 juni 2025' / 'Onze referentie' / '52011487' / 'Ja.') joins answers 1 and 2 "
        'into one'),
    'szw-lost-number': (
        "a footnote body that lost its number at the page foot ('Brief van Divosa aan het ministerie, 24 "
        "september 2025.') is not found; 'verwerken2.' keeps its marker"),
    'bz-cover-mede-namens/pypdf2': (
        "PyPDF2's lost space in the cover ('… Handel en Ontwikkelingshulp, deantwoorden aan') runs into the "
        "office: 'Minister voor Buitenlandse Handel en Ontwikkelingshulp, deantwoorden'"),
    'ienw-cover-zend/pypdf2': (
        "PyPDF2's lost space before the zaak ('(ingezonden 26 augustus 2025, kenmerk2025Z14020)') hides it"),
    'ocw-no-hoogachtend/pypdf2': (
        "PyPDF2: no signature without 'Hoogachtend,' ('DE MINISTER VAN ONDERWIJS, CULTUUR EN WETENSCHAP' / "
        "'Hanneke Vos')"),
}
KNOWN_WRONG: dict[str, dict[str, str]] = {
    'defensie-unlabelled-between': {
        'pypdf2': ("PyPDF2 runs an unlabelled answer between labelled ones onto its question's line ('… te beperken? "
                   "Defensie plaatst geluidsschermen …'): the answer stays in question 3"),
    },
    'ocw-repeat-interleaved': {
        'pypdf2': ("PyPDF2 joins the repeated letterhead's first line to the answer ('Ja. Ministerie van "
                   "Onderwijs,'): the letterhead line stays in answer 1"),
    },
    'szw-lost-number': {
        'pdftotext': WHY['szw-lost-number'],
        'pypdf2': WHY['szw-lost-number'],
    },
}

MINISTRIES_WANTED = 8
CASES_WANTED = 24
PDF_CASES_WANTED = 5


def _params() -> list[object]:
    out = []
    for slug in slugs():
        for form in forms_of(slug):
            reason = KNOWN_WRONG.get(slug, {}).get(form)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(slug, form, id=f"{slug}[{form}]", marks=marks))
    return out


@pytest.mark.parametrize(("slug", "form"), _params())
def test_case_reads_as_annotated(slug: str, form: str, tmp_path: Path) -> None:
    results, error = run_case(slug, form, tmp_path)
    assert error is None, f"{slug} [{form}]: {error}"
    wrong = [f"{name}: {detail}" for name, ok, detail in results if not ok]
    assert not wrong, f"{slug} [{form}]:\n" + "\n".join(wrong)


def test_known_wrong_names_real_cases() -> None:
    """Every entry of KNOWN_WRONG is a case and a rendering it has (a stale entry would hide nothing)."""
    for slug, forms in KNOWN_WRONG.items():
        assert slug in slugs(), f"KNOWN_WRONG names {slug}, which is no case"
        assert set(forms) <= set(forms_of(slug)), f"{slug}: {sorted(forms)} not all renderings of the case"


def test_family_covers_the_issue() -> None:
    """At least 24 cases over at least 8 ministries' templates, at least 5 of them also as PDF, and each case
    says which trait it varies."""
    cases = [load(s) for s in slugs()]
    assert len(cases) >= CASES_WANTED
    assert len({c["ministry"] for c in cases}) >= MINISTRIES_WANTED
    assert sum(bool(c["pdf"]) for c in cases) >= PDF_CASES_WANTED
    assert all(c.get("trait") for c in cases), [c["slug"] for c in cases if not c.get("trait")]


@pytest.mark.parametrize("slug", slugs())
def test_annotation_is_the_cases_own(slug: str) -> None:
    """The committed annotation is what the case states (rewrite with python tests/letterhead/annotate.py)."""
    committed = (EXPECTED / f"{slug}.json").read_text(encoding="utf-8")
    assert committed == dump(slug), f"{slug}: annotation differs from the case; run tests/letterhead/annotate.py"
    assert json.loads(committed)["file"] == f"{slug}.txt"


def test_renderings_carry_the_traps(tmp_path: Path) -> None:
    """The renderers do what the cases ask: glued markers, the letterhead before the body, a Word letterhead in
    the header part, footnotes in Word's footnotes part or typed at the end, a side column in the PDF."""
    base = plan("defensie-base")
    text = render(base, "pdftotext", tmp_path).read_text(encoding="utf-8")
    assert "klachten’?1\n" in text and "\n1 Omroep Gelderland" in text and "\f" in text
    assert text.index("Onze referentie") < text.index("1. Bent u bekend")
    pypdf2 = render(base, "pypdf2", tmp_path).read_text(encoding="utf-8")
    assert "\n\n" not in pypdf2 and "isaanbevolen2." in pypdf2
    import zipfile

    with zipfile.ZipFile(render(plan("defensie-docx-header"), "docx", tmp_path)) as z:
        header = next(n for n in z.namelist() if n.startswith("word/header"))
        assert b"Onze referentie" in z.read(header) and b"Onze referentie" not in z.read("word/document.xml")
        assert b"footnoteReference" in z.read("word/document.xml")
    with zipfile.ZipFile(render(plan("szw-docx-end-notes"), "docx", tmp_path)) as z:
        assert "word/footnotes.xml" not in z.namelist() and b"superscript" in z.read("word/document.xml")
    assert render(plan("aenm-run-together"), "pdftotext", tmp_path).read_text(encoding="utf-8").count(").[2] ") == 1


def test_word_letterhead_table_is_read_cell_by_cell(tmp_path: Path) -> None:
    """A letterhead table (cells of several paragraphs) gives one line per paragraph, so the date and the
    subject are found and the sidebar is cut as in text."""
    extracted = extract(render(plan("defensie-base"), "docx", tmp_path))
    assert "Datum 9 juli 2025" in extracted.lines
    assert not any("Onze referentie" in line or "Plein 4" in line for line in extracted.lines)
    assert extracted.references == ("D2025-007731",)


def test_word_header_part_is_read_before_the_body(tmp_path: Path) -> None:
    extracted = extract(render(plan("defensie-docx-header"), "docx", tmp_path))
    assert extracted.references == ("D2025-007731",)
    assert not any("Plein 4" in line for line in extracted.lines)


def test_word_footnotes_typed_at_the_end(tmp_path: Path) -> None:
    """Bodies typed as the last paragraphs, opened by a raised number, become the letter's footnotes; the raised
    digits in the text become their markers."""
    extracted = extract(render(plan("szw-docx-end-notes"), "docx", tmp_path))
    assert [f.number for f in extracted.footnotes] == [1, 2]
    assert extracted.footnotes[0].urls == ("https://www.ad.nl/geld/energietoeslag-voor-ouderen-blijft-hangen~a7c0912f/",)
    assert any(line.endswith("energietoeslag?[^1]") for line in extracted.lines)
    assert not any("Divosa" in line for line in extracted.lines)


def test_pdf_footnotes_as_small_as_the_letterhead(tmp_path: Path) -> None:
    """A ministry letter sets its footnotes in the letterhead's small type, low on the page: in the body
    column below the body they are footnotes, in the side column furniture."""
    extracted = extract(render(plan("defensie-base"), "pdf", tmp_path))
    assert [f.number for f in extracted.footnotes] == [1, 2]
    assert extracted.footnotes[0].urls == (
        "https://www.omroepgelderland.nl/nieuws/3190021/kazerne-ermelo-sluit-schietbaan-na-klachten",)
    assert extracted.references == ("D2025-007731",)
    assert not any("Plein 4" in line or "Omroep" in line for line in extracted.lines)


def test_every_form_is_rendered() -> None:
    assert set(FORMS) == {"pdftotext", "pypdf2", "docx", "pdf"}


GOLDEN = Path(__file__).resolve().parent / "cases"


@pytest.mark.parametrize("case", sorted(GOLDEN.glob("letterhead-*")), ids=lambda p: p.name)
def test_golden_letterhead_text_is_the_cases_rendering(case: Path) -> None:
    """tests/cases/letterhead-<slug>/letter.txt (pinned by test_golden.py) is the case's pdftotext rendering,
    so a case changed here cannot leave a stale golden letter behind."""
    from letterhead.render import text_form

    slug = case.name.removeprefix("letterhead-")
    assert slug in slugs(), f"{case.name}: no case {slug} in tests/letterhead/cases"
    assert (case / "letter.txt").read_text(encoding="utf-8") == text_form(plan(slug), joined=False)


def test_word_text_box_lines_are_their_own(tmp_path: Path) -> None:
    """A letterhead in a floating text box is read once (not again from its VML fallback copy), one line per
    paragraph, so its reference is found and nothing of it is glued into the body."""
    extracted = extract(render(plan("bzk-docx-textbox"), "docx", tmp_path))
    assert extracted.references == ("2025-0000214477",)
    assert not any("Turfmarkt" in line or "Postbus 20011" in line for line in extracted.lines)


def test_word_table_after_the_questions_is_data(tmp_path: Path) -> None:
    """After the first question a table is an answer's data: one line per row even where a cell holds two
    paragraphs (read as a letterhead it would put the cells on lines of their own)."""
    import docx

    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.rows[0].cells[0].text = "Datum 3 juni 2025"
    head.rows[0].cells[0].add_paragraph("Betreft Beantwoording vragen")
    head.rows[0].cells[1].text = "Ministerie van Financiën"
    document.add_paragraph("1. Hoeveel campers zijn er?")
    document.add_paragraph("Zie de tabel.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Noord"
    table.rows[0].cells[0].add_paragraph("(Groningen)")
    table.rows[0].cells[1].text = "1.200"
    path = tmp_path / "tabel.docx"
    document.save(path)
    lines = extract(path).lines
    assert "Datum 3 juni 2025" in lines and "Betreft Beantwoording vragen" in lines
    assert "Noord (Groningen) 1.200" in lines


def test_score_table_counts_fields_and_cases() -> None:
    """score.py's table: fields right / fields and cases fully right per rendering, the most failing fields."""
    from letterhead.score import as_json, table

    results = {("a", "pdftotext"): [("zaak", True, ""), ("answer_text", False, "A1")],
               ("b", "pdftotext"): [("zaak", True, ""), ("answer_text", True, "")],
               ("a", "docx"): [("zaak", False, "none")]}
    rows = table(results).splitlines()
    assert rows[2] == "| pdftotext | 0.750 (3/4) | 1/2 | answer_text 1 |"
    assert rows[3] == "| docx | 0.000 (0/1) | 0/1 | zaak 1 |"
    assert json.loads(as_json(results))["pdftotext"]["wrong"] == {"a": ["answer_text: A1"]}
