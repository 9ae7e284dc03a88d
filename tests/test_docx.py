"""The Word reader on invented .docx letters made here with python-docx: automatic list numbers become the
question numbers, footnotes come from the footnotes part with their markers, damaged files are refused."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.errors import InputError
from converter.read import read_letter

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
    "</w:p></w:footnote>{notes}</w:footnotes>"
)


def make_letter(path: Path, questions: list[str], answers: list[str], notes: dict[int, str]) -> Path:
    """A ministry's Word answer letter: header block, questions numbered by Word, "Antwoord" paragraphs;
    a "{N}" in a text is a footnote reference to notes[N]."""
    document = docx.Document()
    for line in (
        "AH 777",
        "2024Z99999",
        "Antwoord van minister Jansen (Binnenlandse Zaken en Koninkrijksrelaties) "
        "(ontvangen 3 december 2024)",
        "",
        "Vragen van het lid De Vries (D66) aan de Minister van Binnenlandse Zaken en "
        "Koninkrijksrelaties over het bericht «Gemeenten ruimen op» (ingezonden 12 november 2024).",
    ):
        document.add_paragraph(line)
    for question, answer in zip(questions, answers, strict=True):
        document.add_paragraph(question, style="List Number")
        document.add_paragraph("Antwoord")
        document.add_paragraph(answer)
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_with_footnotes(buffer.getvalue(), notes))
    return path


def _with_footnotes(data: bytes, notes: dict[int, str]) -> bytes:
    """Add a footnotes part and turn each "{N}" in the body into a footnote reference run."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    ref = '</w:t></w:r><w:r><w:footnoteReference w:id="{0}"/></w:r><w:r><w:t xml:space="preserve">'
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "word/document.xml":
                blob = re.sub(rb"\{(\d+)\}", lambda m: ref.format(m.group(1).decode()).encode(), blob)
            elif item.filename == "word/_rels/document.xml.rels":
                blob = blob.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn" Type="http://schemas.'
                    b'openxmlformats.org/officeDocument/2006/relationships/footnotes" '
                    b'Target="footnotes.xml"/></Relationships>',
                )
            elif item.filename == "[Content_Types].xml":
                blob = blob.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="'
                    b'application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"'
                    b"/></Types>",
                )
            dst.writestr(item, blob)
        bodies = "".join(
            f'<w:footnote w:id="{n}"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">'
            f" {text}</w:t></w:r></w:p></w:footnote>"
            for n, text in notes.items()
        )
        dst.writestr("word/footnotes.xml", FOOTNOTES.format(notes=bodies))
    return out.getvalue()


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    return make_letter(
        tmp_path / "ah777.docx",
        [
            "Kent u het bericht «Gemeenten ruimen op»?{1}",
            "Hoeveel gemeenten doen mee?",
            "Wanneer verwacht u de evaluatie?",
        ],
        ["Ja.", "Volgens de VNG{2} doen 120 gemeenten mee.", "In het voorjaar van 2025."],
        {
            1: "NOS, 10 november 2024, https://nos.nl/artikel/2544444-gemeenten-ruimen-op",
            2: "Zie www.vng.nl/opruimen",
        },
    )


def test_word_numbering_gives_the_question_numbers(letter: Path) -> None:
    result = read_letter(letter)
    assert [q.number for q in result.questions] == [1, 2, 3]
    assert result.questions[1].text == "Hoeveel gemeenten doen mee?"
    assert [a.questions for a in result.answers] == [(1,), (2,), (3,)]
    assert result.answers[1].text == "Volgens de VNG doen 120 gemeenten mee."
    assert result.zaak == "2024Z99999"
    assert result.aanhangsel == "AH 777"


def test_footnotes_come_from_the_footnotes_part(letter: Path) -> None:
    result = read_letter(letter)
    assert [(f.number, f.urls) for f in result.footnotes] == [
        (1, ("https://nos.nl/artikel/2544444-gemeenten-ruimen-op",)),
        (2, ("https://www.vng.nl/opruimen",)),
    ]
    assert result.questions[0].footnotes == (1,)
    assert result.answers[1].footnotes == (2,)
    assert result.questions[0].text[-1] == "?"  # no marker digits left in the text


def test_convert_writes_a_conforming_graph(letter: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(letter), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "ah777.ttl").exists()


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"PK\x03\x04 this is not really a zip", "not a readable Word file"),
        (b"plain text saved as docx", "not a readable Word file"),
    ],
)
def test_damaged_word_files_are_refused(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=expected) as info:
        read_letter(path)
    assert str(path) in str(info.value)
    result = CliRunner().invoke(main, ["convert", str(path), "--out", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 2
    assert not list((tmp_path / "out").glob("broken.*"))
