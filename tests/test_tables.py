"""Tables in answers kept as tables (issue 12): the reader hands each content table of a Word, XML or PDF letter
to the model with its rows and the place its running text takes in the answer's text, which stays as it was.
Invented letters, one trait at a time; layout tables (a letterhead, signatories side by side) are no content
tables."""

from __future__ import annotations

import io
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from converter.model import Answer, Letter, Table
from converter.read import extract, read_letter
from converter.read.doc import soffice
from converter.read.tables import locate, make_table, place_tables

HEAD = (
    "AH 778",
    "2024Z99998",
    "Antwoord van minister Jansen (Binnenlandse Zaken en Koninkrijksrelaties) (ontvangen 3 december 2024)",
    "",
    "Vragen van het lid De Vries (D66) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over het "
    "bericht «Gemeenten ruimen op» (ingezonden 12 november 2024).",
)
ROWS = [["Gemeente", "2023", "2024"], ["Utrecht", "12", "15"], ["Zwolle", "4", "7"]]


def word_letter(path: Path, answer: Callable[[docx.document.Document], None],
                before: Callable[[docx.document.Document], None] | None = None) -> Path:
    """A Word answer letter with two questions; `answer` writes the body of answer 1, `before` (if given)
    writes something above the header (a letterhead)."""
    document = docx.Document()
    if before is not None:
        before(document)
    for line in HEAD:
        document.add_paragraph(line)
    document.add_paragraph("Hoeveel meldingen kregen de gemeenten?", style="List Number")
    document.add_paragraph("Antwoord")
    answer(document)
    document.add_paragraph("Wanneer verwacht u de evaluatie?", style="List Number")
    document.add_paragraph("Antwoord")
    document.add_paragraph("In het voorjaar van 2025.")
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def add_table(document: docx.document.Document, rows: list[list[str]], header: bool = False) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.cell(r, c).text = text
    if header:  # Word's "repeat as header row at the top of each page"
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:tblHeader"))


def table_text(table: Table) -> str:
    return " ".join(w for row in table.rows for cell in row for w in cell.split())


def assert_in_text(item: Answer, table: Table) -> None:
    """text[start:end] is the table read as running text, word for word."""
    assert " ".join(item.text[table.start:table.end].split()) == table_text(table)


def test_word_answer_with_a_table(tmp_path: Path) -> None:
    def answer(document: docx.document.Document) -> None:
        add_table(document, ROWS)

    letter = read_letter(word_letter(tmp_path / "a.docx", answer))
    first = letter.answers[0]
    assert [t.rows for t in first.tables] == [tuple(tuple(r) for r in ROWS)]
    assert first.tables[0].header is False
    assert_in_text(first, first.tables[0])
    assert first.text == "Gemeente 2023 2024\n\nUtrecht 12 15\n\nZwolle 4 7"  # the running text, as before
    assert letter.answers[1].tables == () and all(q.tables == () for q in letter.questions)


def test_word_table_with_a_header_row(tmp_path: Path) -> None:
    def answer(document: docx.document.Document) -> None:
        add_table(document, ROWS, header=True)

    (table,) = read_letter(word_letter(tmp_path / "a.docx", answer)).answers[0].tables
    assert table.header is True
    assert table.rows[0] == ("Gemeente", "2023", "2024")


def test_word_bold_first_row_is_a_header(tmp_path: Path) -> None:
    def answer(document: docx.document.Document) -> None:
        add_table(document, ROWS)
        for cell in document.tables[0].rows[0].cells:
            for run in cell.paragraphs[0].runs:
                run.bold = True

    (table,) = read_letter(word_letter(tmp_path / "a.docx", answer)).answers[0].tables
    assert table.header is True


def test_word_table_between_two_paragraphs(tmp_path: Path) -> None:
    def answer(document: docx.document.Document) -> None:
        document.add_paragraph("De meldingen per gemeente staan hieronder.")
        add_table(document, ROWS)
        document.add_paragraph("In beide gemeenten nam het aantal toe.")

    first = read_letter(word_letter(tmp_path / "a.docx", answer)).answers[0]
    (table,) = first.tables
    assert first.text.startswith("De meldingen per gemeente staan hieronder.\n\nGemeente")
    assert first.text[: table.start] == "De meldingen per gemeente staan hieronder.\n\n"
    assert first.text[table.end:] == "\n\nIn beide gemeenten nam het aantal toe."
    assert_in_text(first, table)


def test_word_merged_cells_keep_the_columns(tmp_path: Path) -> None:
    def answer(document: docx.document.Document) -> None:
        add_table(document, [["Gemeente", "Meldingen", ""], ["", "2023", "2024"], ["Utrecht", "12", "15"]])
        cells = document.tables[0].rows[0].cells
        cells[1].merge(cells[2])

    (table,) = read_letter(word_letter(tmp_path / "a.docx", answer)).answers[0].tables
    assert all(len(row) == 3 for row in table.rows)
    assert table.rows[0][:2] == ("Gemeente", "Meldingen") and table.rows[2] == ("Utrecht", "12", "15")


def test_word_one_column_box_is_no_table(tmp_path: Path) -> None:
    def answer(document: docx.document.Document) -> None:
        add_table(document, [["Het kabinet neemt drie maatregelen."], ["Eerst komt er een meldpunt."]])

    first = read_letter(word_letter(tmp_path / "a.docx", answer)).answers[0]
    assert first.tables == ()
    assert "Eerst komt er een meldpunt." in first.text


def test_word_layout_tables_are_no_content_tables(tmp_path: Path) -> None:
    """A letterhead set in a layout table above the letter and the signatories side by side below it."""
    def letterhead(document: docx.document.Document) -> None:
        table = document.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Ministerie van Binnenlandse Zaken\nen Koninkrijksrelaties"
        table.cell(0, 0).add_paragraph("Turfmarkt 147")
        table.cell(0, 1).text = "Datum"
        table.cell(0, 1).add_paragraph("3 december 2024")

    def answer(document: docx.document.Document) -> None:
        document.add_paragraph("Het waren er 27.")

    path = word_letter(tmp_path / "a.docx", answer, before=letterhead)
    document = docx.Document(str(path))
    signatures = document.add_table(rows=2, cols=2)
    for c, (office, name) in enumerate([("De minister van Binnenlandse Zaken", "J. Jansen"),
                                        ("De staatssecretaris van Financiën", "P. Pietersen")]):
        signatures.cell(0, c).text = office
        signatures.cell(1, c).text = name
    document.save(str(path))
    letter = read_letter(path)
    assert letter.answers[0].text == "Het waren er 27."
    assert all(q.tables == () for q in letter.questions) and all(a.tables == () for a in letter.answers)


# -- the shared logic ----------------------------------------------------------------------------------------

def test_make_table_tidies_cells_and_refuses_what_is_no_table() -> None:
    table = make_table([["Gemeente[^1]", " 2023 "], ["", ""], ["Utrecht", "12\n"]], header=True)
    assert table is not None and table.rows == (("Gemeente", "2023"), ("Utrecht", "12"))
    assert make_table([["a", "b"]]) is None  # one row
    assert make_table([["a", ""], ["b", ""]]) is None  # one column with text


def test_locate_finds_the_running_text_whatever_the_spacing() -> None:
    table = make_table([["Aandeel", "2 %"], ["Totaal", "( 5 )"]])
    assert table is not None
    text = "Zie hier.\n\nAandeel 2%\n\nTotaal (5)\n\nEinde."  # spaces before punctuation tidied away
    span = locate(text, table)
    assert span is not None and text[span[0]:span[1]] == "Aandeel 2%\n\nTotaal (5)"
    assert locate("Aandeel 2% Totaal (6)", table) is None


def test_place_tables_keeps_reading_order_and_leaves_out_what_is_not_found() -> None:
    from converter.model import DocKind, Question, Source

    same = make_table([["A", "1"], ["B", "2"]])
    lost = make_table([["X", "9"], ["Y", "8"]])
    assert same is not None and lost is not None
    letter = Letter(kind=DocKind.ANSWER, source=Source("x.txt", "0" * 64, "text/plain"),
                    questions=(Question(1, "Hoeveel?"), Question(2, "En nu?")),
                    answers=(Answer((1,), "A 1\n\nB 2"), Answer((2,), "Nu: A 1\n\nB 2")))
    placed = place_tables(letter, [same, same, lost])
    assert [(t.start, t.end) for t in placed.answers[0].tables] == [(0, 8)]
    assert [(t.start, t.end) for t in placed.answers[1].tables] == [(4, 12)]
    assert placed.questions == letter.questions


# -- the official XML --------------------------------------------------------------------------------------------

XML = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie><kamervragen>
  <kamervraagnummer>9902</kamervraagnummer>
  <kamervraagomschrijving type="vraag">Vragen van het lid <naam><achternaam>Bakker</achternaam></naam> (VVD) aan de
  Minister van Infrastructuur en Waterstaat over <kamervraagonderwerp>veerponten</kamervraagonderwerp> (ingezonden
  <datum isodatum="2023-12-04">4 december 2023</datum>).</kamervraagomschrijving>
  <kamervraagomschrijving type="antwoord">Antwoord van Minister <naam><achternaam>Harbers</achternaam></naam>
  (Infrastructuur en Waterstaat) (ontvangen <datum isodatum="2024-01-19">19 januari 2024</datum>).
  </kamervraagomschrijving>
  <vraag><nr>Vraag 1</nr><al>Hoeveel veerverbindingen vielen uit?</al></vraag>
  <antwoord><nr>Antwoord 1</nr><al>Het overzicht per provincie:</al>{table}<al>Het herstel loopt.</al></antwoord>
</kamervragen></officiele-publicatie>
"""
CALS = """<table><title>Uitval per provincie</title><tgroup cols="3">
  <colspec colnum="1" colname="c1"/><colspec colnum="2" colname="c2"/><colspec colnum="3" colname="c3"/>
  <thead><row><entry colname="c1"><al>Provincie</al></entry><entry colname="c2"><al>2022</al></entry>
    <entry colname="c3"><al>2023</al></entry></row></thead>
  <tbody>
    <row><entry colname="c1"><al>Friesland</al></entry><entry colname="c2"><al>3</al></entry>
      <entry colname="c3"><al>5<noot id="n1" type="voet"><noot.nr>1</noot.nr><noot.al>Voorlopig.</noot.al></noot></al>
      </entry></row>
    <row><entry colname="c1"><al>Zeeland</al></entry><entry namest="c2" nameend="c3"><al>geen opgave</al></entry></row>
  </tbody></tgroup></table>"""


def xml_letter(tmp_path: Path, table: str) -> Letter:
    path = tmp_path / "ah-tk-20232024-9902.xml"
    path.write_text(XML.format(table=table), encoding="utf-8")
    return read_letter(path)


def test_xml_answer_with_a_cals_table(tmp_path: Path) -> None:
    answer = xml_letter(tmp_path, CALS).answers[0]
    (table,) = answer.tables
    assert table.rows == (("Provincie", "2022", "2023"), ("Friesland", "3", "5"), ("Zeeland", "geen opgave", ""))
    assert table.header is True
    assert answer.text == ("Het overzicht per provincie:\n\nUitval per provincie\n\nProvincie 2022 2023\n\n"
                           "Friesland 3 5\n\nZeeland geen opgave\n\nHet herstel loopt.")
    assert answer.text[table.start:table.end] == "Provincie 2022 2023\n\nFriesland 3 5\n\nZeeland geen opgave"
    assert answer.footnotes == (1,)  # the footnote in a cell is the answer's


def test_xml_cals_spans_down_keep_the_columns(tmp_path: Path) -> None:
    table = """<table><tgroup cols="3"><colspec colname="a"/><colspec colname="b"/><colspec colname="c"/><tbody>
      <row><entry colname="a" morerows="1"><al>Friesland</al></entry><entry colname="b"><al>veer</al></entry>
        <entry colname="c"><al>3</al></entry></row>
      <row><entry colname="b"><al>brug</al></entry><entry colname="c"><al>1</al></entry></row>
    </tbody></tgroup></table>"""
    (placed,) = xml_letter(tmp_path, table).answers[0].tables
    assert placed.rows == (("Friesland", "veer", "3"), ("", "brug", "1"))
    assert placed.header is False


def test_xml_answer_with_an_html_like_table(tmp_path: Path) -> None:
    table = """<table><tr><th>Provincie</th><th>Aantal</th></tr><tr><td>Friesland</td><td>3</td></tr>
      <tr><td colspan="2">Bron: provincies</td></tr></table>"""
    answer = xml_letter(tmp_path, table).answers[0]
    (placed,) = answer.tables
    assert placed.rows == (("Provincie", "Aantal"), ("Friesland", "3"), ("Bron: provincies", ""))
    assert placed.header is True
    assert answer.text[placed.start:placed.end] == "Provincie Aantal\n\nFriesland 3\n\nBron: provincies"


def test_xml_answer_without_a_table_reads_as_before(tmp_path: Path) -> None:
    answer = xml_letter(tmp_path, "").answers[0]
    assert answer.tables == ()
    assert answer.text == "Het overzicht per provincie:\n\nHet herstel loopt."


# -- PDF (written here with fpdf2 in the Aanhangsel's layout: body column from x 221 to 540, tables in 6.9 pt) ---

LEFT, RIGHT, SIZE, LEAD = 221.0, 540.0, 8.5, 9.6
PDF_HEAD = [
    "Vragen van het lid De Vries (D66) aan de Minister van Binnenlandse Zaken en Koninkrijksrelaties over het "
    "bericht dat gemeenten meer meldingen van overlast krijgen (ingezonden 12 november 2024).",
    "",
    "Antwoord van minister Jansen (Binnenlandse Zaken en Koninkrijksrelaties) (ontvangen 3 december 2024).",
    "",
    "Vraag 1",
    "Hoeveel meldingen van overlast kregen de gemeenten Utrecht en Zwolle in de jaren 2023 en 2024 binnen?",
    "",
    "Antwoord 1",
    "De meldingen per gemeente, zoals de gemeenten die aan het ministerie hebben doorgegeven, staan hieronder.",
]
PDF_TAIL = [
    "In beide gemeenten nam het aantal meldingen toe.",
    "",
    "Vraag 2",
    "Wanneer verwacht u de evaluatie?",
    "",
    "Antwoord 2",
    "In het voorjaar van 2025.",
]
PDF_ROWS = [["Gemeente", "Meldingen in 2023", "Meldingen in 2024"], ["Utrecht", "12", "15"],
            ["Zwolle", "41", "47"], ["Totaal", "53", "62"]]


class _Writer:
    def __init__(self) -> None:
        from fpdf import FPDF

        self.pdf = FPDF(unit="pt", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.add_page()
        self.y = 90.0  # fpdf2 counts y from the top

    def paragraphs(self, lines: list[str]) -> None:
        self.pdf.set_font("Helvetica", size=SIZE)
        for line in lines:
            if not line:
                self.y += LEAD
                continue
            words: list[str] = []
            for word in line.split():
                if words and self.pdf.get_string_width(" ".join([*words, word])) > RIGHT - LEFT:
                    self.pdf.text(LEFT, self.y, " ".join(words))
                    self.y += LEAD
                    words = []
                words.append(word)
            self.pdf.text(LEFT, self.y, " ".join(words))
            self.y += LEAD
        self.y += LEAD

    def ruled(self, rows: list[list[str]]) -> None:
        """Rules above and below the header and at the foot; the first column left, the numbers right."""
        self.pdf.set_font("Helvetica", size=6.9)
        self.pdf.set_line_width(0.6)
        for n, row in enumerate(rows):
            if n in (0, 1):
                self.pdf.line(LEFT, self.y, RIGHT, self.y)
                self.y += 10
            for c, cell in enumerate(row):  # the last column ends where the text column does
                right = RIGHT - 80 * (len(row) - 1 - c)
                x = LEFT if c == 0 else right - self.pdf.get_string_width(cell)
                self.pdf.text(x, self.y, cell)
            self.y += 8
        self.pdf.line(LEFT, self.y, RIGHT, self.y)
        self.y += 2 * LEAD

    def grid(self, rows: list[list[str]], width: float = 100.0) -> None:
        """A rule around every cell; a cell may hold two lines."""
        self.pdf.set_font("Helvetica", size=SIZE)
        for row in rows:
            height = LEAD * max(len(c.split("\n")) for c in row) + 4
            for c, cell in enumerate(row):
                self.pdf.rect(LEFT + c * width, self.y, width, height)
                for k, part in enumerate(cell.split("\n")):
                    self.pdf.text(LEFT + c * width + 3, self.y + 3 + SIZE + k * LEAD, part)
            self.y += height
        self.y += 2 * LEAD

    def aligned(self, rows: list[list[str]], lead: float = LEAD) -> None:
        """No rules: the columns start at fixed places."""
        self.pdf.set_font("Helvetica", size=SIZE)
        for row in rows:
            for c, cell in enumerate(row):
                self.pdf.text(LEFT + 110 * c, self.y, cell)
            self.y += lead
        self.y += LEAD

    def save(self, path: Path) -> Path:
        path.write_bytes(bytes(self.pdf.output()))
        return path


def pdf_letter(path: Path, table: Callable[[_Writer], None]) -> Letter:
    writer = _Writer()
    writer.paragraphs(PDF_HEAD)
    table(writer)
    writer.paragraphs(PDF_TAIL)
    return read_letter(writer.save(path))


def test_pdf_answer_with_a_ruled_table(tmp_path: Path) -> None:
    letter = pdf_letter(tmp_path / "ah-tk-20242025-4343.pdf", lambda w: w.ruled(PDF_ROWS))
    first = letter.answers[0]
    (table,) = first.tables
    assert table.rows == tuple(tuple(r) for r in PDF_ROWS)
    assert table.header is True  # alone between the first two rules
    assert_in_text(first, table)
    assert first.text[: table.start].rstrip().endswith("staan hieronder.")
    assert first.text[table.end:].strip().startswith("In beide gemeenten")
    assert letter.answers[1].tables == () and all(q.tables == () for q in letter.questions)


def test_pdf_answer_with_a_grid_table(tmp_path: Path) -> None:
    rows = [["Gemeente", "2023", "2024"], ["Utrecht", "12", "15"], ["Zwolle en\nomgeving", "41", "47"]]
    first = pdf_letter(tmp_path / "ah-tk-20242025-4344.pdf", lambda w: w.grid(rows)).answers[0]
    (table,) = first.tables
    assert table.rows == (("Gemeente", "2023", "2024"), ("Utrecht", "12", "15"), ("Zwolle en omgeving", "41", "47"))
    assert table.header is False  # nothing sets the first row apart
    assert_in_text(first, table)


def test_pdf_rules_that_frame_no_table(tmp_path: Path) -> None:
    """Rules above and below a paragraph (as around an Aanhangsel's title) and a footnote rule: no table."""
    def framed(writer: _Writer) -> None:
        writer.pdf.line(LEFT, writer.y - LEAD, RIGHT, writer.y - LEAD)
        writer.paragraphs(["Dit is een kader om een gewone alinea, zonder kolommen, over de hele breedte van de "
                           "tekst en nog een regel verder."])
        writer.pdf.line(LEFT, writer.y - LEAD, RIGHT, writer.y - LEAD)
        writer.pdf.line(LEFT, 780, LEFT + 57, 780)

    letter = pdf_letter(tmp_path / "ah-tk-20242025-4345.pdf", framed)
    assert all(a.tables == () for a in letter.answers)
    assert "over de hele breedte" in letter.answers[0].text


def test_pdf_table_keeps_a_last_column_at_the_right_edge(tmp_path: Path) -> None:
    """A one-digit number right-aligned at the column's right edge, in small type, was taken for the margin
    and left out of the text (ah-tk-20232024-1314's '6'); inside a table's box it is body."""
    rows = [["Grond", "Meldingen in 2022", "Meldingen in 2023"], ["Geslacht", "3", "6"], ["Totaal", "17", "40"]]
    first = pdf_letter(tmp_path / "ah-tk-20242025-4346.pdf", lambda w: w.ruled(rows)).answers[0]
    assert "Geslacht 3 6" in first.text
    (table,) = first.tables
    assert table.rows[1] == ("Geslacht", "3", "6")
    assert_in_text(first, table)


needs_libreoffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed: "
                                       "apt-get install libreoffice-writer-nogui (.ci/run installs it)")


@needs_libreoffice
def test_pdf_of_a_word_letter_keeps_its_table(tmp_path: Path) -> None:
    """The Word letter with a gridded table between two paragraphs, printed to PDF by LibreOffice: the table is
    found in the PDF too."""
    def answer(document: docx.document.Document) -> None:
        document.add_paragraph("De meldingen per gemeente staan hieronder.")
        add_table(document, ROWS)
        document.tables[0].style = "Table Grid"  # a rule around every cell
        document.add_paragraph("In beide gemeenten nam het aantal toe.")

    source = word_letter(tmp_path / "ah-tk-20242025-4347.docx", answer)
    command = [str(soffice()), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path / "out"), str(source)]
    subprocess.run(command, capture_output=True, timeout=180, check=True)
    first = read_letter(tmp_path / "out" / "ah-tk-20242025-4347.pdf").answers[0]
    (table,) = first.tables
    assert table.rows == tuple(tuple(r) for r in ROWS)
    assert_in_text(first, table)
    assert first.text[: table.start].strip() == "De meldingen per gemeente staan hieronder."


@pytest.mark.parametrize("slug, form", [
    ("defensie-base", "docx"),  # the letterhead in a layout table above the letter
    ("bzk-docx-signature-table", "docx"),  # signatories side by side in a table
    ("ez-docx-signature-table-end", "docx"),  # the same, after the last answer
    ("defensie-base", "pdf"),  # the letterhead as a side column, footnotes under a rule
])
def test_letterhead_and_signature_layouts_are_no_content_tables(slug: str, form: str, tmp_path: Path) -> None:
    from letterhead.cases import plan
    from letterhead.render import render

    path = render(plan(slug), form, tmp_path)
    letter = read_letter(path)
    assert letter.answers, "the letter reads"
    assert extract(path).tables == ()
    assert all(q.tables == () for q in letter.questions) and all(a.tables == () for a in letter.answers)


def test_pdf_answer_with_an_aligned_table_without_rules(tmp_path: Path) -> None:
    rows = [["Gemeente", "Meldingen 2023", "Meldingen 2024"], ["Utrecht", "12", "15"], ["Zwolle", "41", "47"]]
    first = pdf_letter(tmp_path / "ah-tk-20242025-4348.pdf", lambda w: w.aligned(rows)).answers[0]
    (table,) = first.tables
    assert table.rows == tuple(tuple(r) for r in rows)
    assert table.header is False
    assert_in_text(first, table)


def test_pdf_signatories_side_by_side_are_no_table(tmp_path: Path) -> None:
    signature = [["De Minister van Binnenlandse", "De Staatssecretaris van"], ["Zaken en Koninkrijksrelaties,",
                 "Financien,"], ["", ""], ["J. Jansen", "P. Pietersen"]]

    def signed(writer: _Writer) -> None:
        writer.paragraphs(["Het waren er 27.", "", "Vraag 2", "Wanneer verwacht u de evaluatie?", "",
                           "Antwoord 2", "In het voorjaar van 2025.", ""])
        writer.pdf.set_font("Helvetica", size=SIZE)
        for n, (left, right) in enumerate(signature):
            writer.pdf.text(LEFT, writer.y + n * LEAD, left)
            writer.pdf.text(LEFT + 170, writer.y + n * LEAD, right)

    writer = _Writer()
    writer.paragraphs(PDF_HEAD)
    signed(writer)
    path = writer.save(tmp_path / "ah-tk-20242025-4349.pdf")
    assert extract(path).tables == ()
    letter = read_letter(path)
    assert letter.answers[1].text.startswith("In het voorjaar van 2025.")
