"""Issue 14, point 9: a text letter is UTF-8 with only its bad bytes repaired (and a warning the report shows),
never the whole letter read as cp1252; UTF-16 and UTF-32 with a byte order mark are text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from converter.cli import main
from converter.errors import InputError
from converter.read import read_letter
from converter.read.decode import decode_text

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "examples" / "letters" / "pdftext-pypdf2_kv-tk-2024Z18901.txt"  # 'Financiën', '«...»'


def _one_bad_byte(tmp_path: Path) -> Path:
    """The letter in UTF-8, but one 'é' saved as the single cp1252 byte 0xE9."""
    data = LETTER.read_text(encoding="utf-8").replace("Vraag 2\n", "Vraag 2\nCaf\x00 ", 1).encode("utf-8")
    path = tmp_path / "brief.txt"
    path.write_bytes(data.replace(b"\x00", b"\xe9"))
    return path


def test_one_bad_byte_is_repaired_alone_and_the_rest_stays_utf8(tmp_path: Path) -> None:
    letter = read_letter(_one_bad_byte(tmp_path))
    texts = " ".join([letter.title or "", *(q.text for q in letter.questions)])
    assert "Café" in texts and "«Duizenden ouders" in texts
    assert "Ã" not in texts and "Â«" not in texts, "the UTF-8 characters were read as cp1252"
    assert len(letter.warnings) == 1 and "1 byte(s) are not UTF-8" in letter.warnings[0]
    assert "Caf\u00e9" in letter.warnings[0], "the warning shows where the byte was"


def test_the_warning_is_in_the_report_and_on_screen(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["convert", str(_one_bad_byte(tmp_path)), "--out", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Warning: 1 byte(s) are not UTF-8" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["warnings_by_kind"] == {"reader": 1}
    assert [w["file"] for w in report["reader_warnings"]] == [str(tmp_path / "brief.txt")]
    published = CliRunner().invoke(main, ["publish", str(tmp_path / "brief.txt"), "--out", str(tmp_path / "pub")])
    assert published.exit_code == 0, published.output
    summary = json.loads((tmp_path / "pub" / "summary.json").read_text(encoding="utf-8"))
    assert "1 byte(s) are not UTF-8" in summary["published"][0]["reader_warnings"][0]


def test_a_whole_cp1252_letter_still_reads_with_a_warning(tmp_path: Path) -> None:
    text = LETTER.read_text(encoding="utf-8")
    text, warnings = decode_text(tmp_path / "x.txt", text.replace("–", "-").encode("cp1252"))
    assert "Financiën" in text and "«Duizenden" in text
    assert warnings and "are not UTF-8" in warnings[0]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_text(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "brief.txt"
    body = LETTER.read_text(encoding="utf-8")
    path.write_bytes(("\ufeff" if codec.endswith(("le", "be")) else "").encode(codec) + body.encode(codec))
    letter = read_letter(path)
    assert letter.zaak == "2024Z18901" and len(letter.questions) >= 5
    assert not letter.warnings


def test_a_broken_utf16_file_is_refused_with_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    path.write_bytes("\ufeffVraag 1".encode("utf-16-le") + b"\x00\xd8")  # a lone high surrogate at the end
    with pytest.raises(InputError, match=r"brief\.txt: starts with a UTF-16 byte order mark, but byte \d+ is no"):
        read_letter(path)


def test_utf8_without_bad_bytes_gives_no_warning(tmp_path: Path) -> None:
    assert decode_text(tmp_path / "x.txt", "\ufeffFinanciën".encode()) == ("Financiën", ())
