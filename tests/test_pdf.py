"""The PDF reader on PDFs written here with PDFium itself (pypdfium2 writes text objects with a font size and
a
position, so no PDF writer is needed): an invented Aanhangsel letter in the real layout, and the bad inputs
(no text layer, a password, a damaged file, 500 pages). The real PDFs in ../shared/corpus are scored too."""

from __future__ import annotations

import ctypes
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.errors import InputError
from converter.read import extract, read_letter

Text = tuple[str, float, float, float]  # text, x, baseline y, font size

HEADER: list[Text] = [
    ("Tweede Kamer der Staten-Generaal", 55, 760, 18),
    ("Vergaderjaar 2023–2024", 55, 705, 9.6),
    ("Aanhangsel van de Handelingen", 221, 705, 9.6),
    ("4242", 222, 538, 8.5),
    (
        "Vragen van het lid Jansen (D66) aan de Minister van Infrastructuur en Waterstaat over het",
        221,
        509,
        8.5,
    ),
    ("bericht «Bruggen te laat open» (ingezonden 4 maart 2024).", 221, 499.5, 8.5),
    (
        "Antwoord van Minister Harbers (Infrastructuur en Waterstaat) (ontvangen 20 maart 2024).",
        221,
        480,
        8.5,
    ),
    ("Vraag 1", 221, 460, 8.5),
    ("Kent u het bericht «Bruggen te laat open»?", 221, 450.4, 8.5),
    ("1", 392, 453.9, 5.5),
    ("Antwoord 1", 221, 431, 8.5),
    ("Ja. Het bericht gaat over de bruggen in de regen-", 221, 421.4, 8.5),
    ("provincie, waar de planning vaak uitloopt.", 221, 411.8, 8.5),
    ("Vraag 2", 221, 392, 8.5),
    ("Hoeveel bruggen gingen in 2023 te laat open?", 221, 382.4, 8.5),
]
FOOT_1: list[Text] = [
    ("1", 221.7, 163, 4.5),
    ("NOS, 2 maart 2024, «Bruggen te laat open», https://nos.nl/artikel/", 227, 160, 6.9),
    ("2510977-bruggen-te-laat-open", 227, 151, 6.9),
    ("ah-tk-20232024-4242", 55, 82, 5.9),
    ("ISSN 0921 - 7398", 55, 76, 5.9),
    ("’s-Gravenhage 2024", 55, 69, 5.9),
    ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel", 221, 69, 9.1),
    ("1", 535, 69, 9.1),
]
PAGE_2: list[Text] = [
    ("Antwoord 2", 221, 771, 8.5),
    ("In 2023 gingen 14 bruggen te laat open.", 221, 761.4, 8.5),
    ("2", 378, 764.9, 5.5),
    ("2", 221.7, 163, 4.5),
    ("Rijkswaterstaat, Jaarverslag 2023.", 227, 160, 6.9),
    ("Tweede Kamer, vergaderjaar 2023–2024, Aanhangsel", 221, 69, 9.1),
    ("2", 535, 69, 9.1),
]


def write_pdf(path: Path, pages: list[list[Text]]) -> Path:
    """A PDF with the given text objects (Helvetica) on A4 pages."""
    document = pdfium.PdfDocument.new()
    for items in pages:
        page = document.new_page(558, 771)
        for text, x, y, size in items:
            obj = pdfium_c.FPDFPageObj_NewTextObj(document.raw, b"Helvetica", size)
            buffer = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
            pdfium_c.FPDFText_SetText(obj, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
            pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
            pdfium_c.FPDFPage_InsertObject(page.raw, obj)
        pdfium_c.FPDFPage_GenerateContent(page.raw)
    out = io.BytesIO()
    document.save(out)
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def aanhangsel(tmp_path: Path) -> Path:
    return write_pdf(tmp_path / "ah-tk-20232024-4242.pdf", [HEADER + FOOT_1, PAGE_2])


def test_layout_separates_body_footnotes_and_furniture(aanhangsel: Path) -> None:
    extracted = extract(aanhangsel)
    body = "\n".join(extracted.lines)
    for furniture in ("ISSN", "Gravenhage", "vergaderjaar 2023–2024, Aanhangsel", "ah-tk-", "NOS, 2 maart"):
        assert furniture not in body
    assert "open»?[^1]" in body and "open.[^2]" in body
    assert extracted.furniture_ids == ("ah-tk-20232024-4242",)
    assert [(f.number, f.urls) for f in extracted.footnotes] == [
        (1, ("https://nos.nl/artikel/2510977-bruggen-te-laat-open",)),
        (2, ()),
    ]
    assert extracted.footnotes[1].text == "Rijkswaterstaat, Jaarverslag 2023."


def test_pdf_letter_reads_as_a_reader_sees_it(aanhangsel: Path) -> None:
    letter = read_letter(aanhangsel)
    assert letter.aanhangsel == "ah-tk-20232024-4242"
    assert [q.text for q in letter.questions] == [
        "Kent u het bericht «Bruggen te laat open»?",
        "Hoeveel bruggen gingen in 2023 te laat open?",
    ]
    assert letter.questions[0].footnotes == (1,)
    assert letter.answers[0].text == (
        "Ja. Het bericht gaat over de bruggen in de regenprovincie, waar de planning vaak uitloopt."
    )
    assert letter.answers[1].text == "In 2023 gingen 14 bruggen te laat open."
    assert letter.answers[1].footnotes == (2,)


def _convert(path: Path, out: Path):  # noqa: ANN202
    return CliRunner().invoke(main, ["convert", str(path), "--out", str(out), "-j", "1"])


def test_pdf_without_text_layer_is_refused(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[], []])
    with pytest.raises(InputError, match="no text layer"):
        read_letter(path)
    result = _convert(path, tmp_path / "out")
    assert result.exit_code == 2 and "OCR" in result.output
    assert not list((tmp_path / "out").glob("scan.*"))


def _encrypted_pdf() -> bytes:
    """A one-page PDF behind the standard security handler with a user password (not the empty one)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> /P -4 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += (
        b"trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<"
        + b"ab" * 16
        + b"> <"
        + b"ab" * 16
        + b">] >>\nstartxref\n%d\n%%%%EOF\n" % xref
    )
    return bytes(out)


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("locked.pdf", _encrypted_pdf(), "encrypted with a password"),
        ("cut.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pa", "not a readable PDF"),
        ("noise.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 40, "not a readable PDF"),
    ],
)
def test_bad_pdfs_get_a_clear_message_and_exit_2(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=expected) as info:
        read_letter(path)
    assert str(path) in str(info.value)
    result = _convert(path, tmp_path / "out")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_a_500_page_pdf_is_refused_at_once(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "bundle.pdf", [[(f"Pagina {n}", 72, 700, 10)] for n in range(500)])
    with pytest.raises(InputError, match="500 pages"):
        read_letter(path)


# --- the real PDFs: read directly they must score at least as well as their pdftotext texts, and >= 0.98


def _score(corpus: Path, inputs: list[Path], tmp: Path) -> float:
    """Convert the inputs and score them with ../shared/tools/score_corpus.py on the PDFs' annotations."""
    expected = tmp / "expected"
    expected.mkdir(parents=True)
    for pdf in sorted((corpus / "pdf").glob("*.pdf")):
        shutil.copy(corpus / "expected" / f"pdftext-poppler_{pdf.stem}.json", expected)
    out = tmp / "out"
    CliRunner().invoke(main, ["convert", *map(str, inputs), "--out", str(out), "--format", "ttl"])
    tool = corpus.parent / "tools" / "score_corpus.py"
    run = subprocess.run(
        [sys.executable, str(tool), "--expected", str(expected), "--output", str(out), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(run.stdout)["score"]


@pytest.mark.corpus
def test_corpus_pdfs_score_at_least_as_well_as_their_text_extractions(
    corpus_dir: Path, tmp_path: Path
) -> None:
    if not (corpus_dir.parent / "tools" / "score_corpus.py").exists():
        pytest.skip(
            f"the corpus scorer is absent: expected {corpus_dir.parent / 'tools' / 'score_corpus.py'}"
        )
    pdfs = sorted((corpus_dir / "pdf").glob("*.pdf"))
    if not pdfs:
        pytest.skip(f"no PDFs in {corpus_dir / 'pdf'}")
    linked = tmp_path / "pdf"
    linked.mkdir()
    for pdf in pdfs:  # named as the annotations are, so the scorer finds them
        (linked / f"pdftext-poppler_{pdf.name}").symlink_to(pdf)
    texts = [corpus_dir / "letters" / f"pdftext-poppler_{pdf.stem}.txt" for pdf in pdfs]
    direct = _score(corpus_dir, [linked], tmp_path / "direct")
    extracted = _score(corpus_dir, texts, tmp_path / "text")
    assert direct >= extracted, (
        f"PDFs read directly score {direct:.4f}, their pdftotext texts {extracted:.4f}"
    )


@pytest.mark.corpus
def test_corpus_pdfs_score_at_least_098(corpus_dir: Path, tmp_path: Path) -> None:
    pdfs = sorted((corpus_dir / "pdf").glob("*.pdf"))
    if not pdfs or not (corpus_dir.parent / "tools" / "score_corpus.py").exists():
        pytest.skip(f"no PDFs in {corpus_dir / 'pdf'} or no scorer in {corpus_dir.parent / 'tools'}")
    linked = tmp_path / "pdf"
    linked.mkdir()
    for pdf in pdfs:
        (linked / f"pdftext-poppler_{pdf.name}").symlink_to(pdf)
    direct = _score(corpus_dir, [linked], tmp_path / "direct")
    assert direct >= 0.98, f"PDFs read directly score {direct:.4f}, expected at least 0.98"
