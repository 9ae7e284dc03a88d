"""Word 97-2003 (.doc) letters, read through LibreOffice's .docx conversion. The fixture ah-777.doc is an
invented letter: tests/test_docx.py's make_letter (questions numbered by Word, two footnotes) saved as .doc by
`soffice --headless --convert-to doc:"MS Word 97"`."""

from __future__ import annotations

from pathlib import Path

import pytest

from converter.errors import InputError
from converter.read import doc as doc_reader
from converter.read import read_letter

DOC = Path(__file__).parent / "fixtures" / "doc" / "ah-777.doc"
needs_libreoffice = pytest.mark.skipif(
    doc_reader.soffice() is None, reason="LibreOffice (soffice) is not installed: apt-get install "
    "libreoffice-writer-nogui; .ci/run installs it")


@needs_libreoffice
def test_a_doc_letter_reads_like_its_docx() -> None:
    letter = read_letter(DOC)
    assert [(q.number, q.text) for q in letter.questions] == [
        (1, "Kent u het bericht «Gemeenten ruimen op»?"), (2, "Hoeveel gemeenten ruimen op, en wanneer?")]
    assert [a.text for a in letter.answers] == ["Ja.", "Dat zijn er twaalf, in 2025."]
    assert letter.zaak == "2024Z99999" and str(letter.issued) == "2024-12-03"
    assert letter.questions[0].footnotes == (1,)
    assert letter.source is not None and letter.source.media_type == "application/msword"


def test_without_libreoffice_a_doc_is_refused_in_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doc_reader, "soffice", lambda: None)
    with pytest.raises(InputError) as caught:
        read_letter(DOC)
    message = str(caught.value)
    assert message.startswith(f"{DOC}: a Word 97-2003 document (.doc)") and "libreoffice-writer-nogui" in message
    assert "\n" not in message


def test_a_doc_that_is_no_word_97_file_is_refused_not_guessed(tmp_path: Path) -> None:
    fake = tmp_path / "brief.doc"
    fake.write_text("Vragen van het lid De Vries (D66) ...\n1. Kent u het bericht?\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word 97-2003 document"):
        read_letter(fake)
