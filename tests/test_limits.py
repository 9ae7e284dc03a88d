"""Issue 14, point 6: what is read and decoded is capped, with a refusal that names the input and the limit.
The hostile inputs are made here, large ones streamed (zip parts and HTTP bodies written chunk by chunk, big
files sparse), and each is refused within a second or two."""

from __future__ import annotations

import gzip
import io
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_docx import make_letter
from test_pdf import FOOT_1, HEADER, PAGE_2, write_pdf
from werkzeug import Response

from converter import limits
from converter.cli import main
from converter.errors import InputError
from converter.fetch.http import Client, FetchError, Politeness
from converter.read import read_letter

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "examples" / "letters" / "docxtext_ah619-2024Z16021.txt"
KAMERVRAGEN = Path(sys.executable).parent / "kamervragen"


def _convert_in_a_subprocess(path: Path, out: Path) -> subprocess.CompletedProcess:
    """`kamervragen convert` with 2 GB of address space and 30 s at most, so a regression fails, not hangs."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30 * 2, 2**30 * 2))

    return subprocess.run([str(KAMERVRAGEN), "convert", str(path), "--out", str(out), "-j", "1"],
                          capture_output=True, text=True, timeout=30, preexec_fn=cap)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    started = time.monotonic()
    done = _convert_in_a_subprocess(Path("/dev/zero"), tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert "/dev/zero: is not a regular file" in done.stdout + done.stderr
    assert time.monotonic() - started < 20


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "brief.txt"
    os.mkfifo(fifo)  # opening it blocks until a writer comes: before, the letter's --timeout ended the wait
    result = CliRunner().invoke(main, ["convert", str(fifo), "--out", str(tmp_path / "out"), "-j", "1",
                                       "--timeout", "5"])
    assert result.exit_code == 2, result.output
    assert f"{fifo}: is not a regular file (a pipe, socket or device)" in result.output


def test_a_file_over_the_input_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    with path.open("wb") as fh:  # sparse: 60 MB that take no disk and are never read
        fh.truncate(60 * 2**20)
    with pytest.raises(InputError, match=r"brief\.txt: the file is 60\.0 MB; a letter file may be at most 50 MB"):
        read_letter(path)


def test_a_text_over_the_text_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "brief.txt"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(6):
            fh.write("Vraag 1\n" + "woord " * 170_000 + "\n")  # ~6 MB, 6 million characters
    with pytest.raises(InputError, match=r"brief\.txt: its text runs to more than 5,000,000 characters"):
        read_letter(path)


def _word_bomb(path: Path, unpacked: int) -> Path:
    """A Word file whose document.xml unpacks to `unpacked` bytes (written to the zip chunk by chunk)."""
    buffer = io.BytesIO()
    make_letter(tmp := path.with_suffix(".small.docx"), ["Vraag?"], ["Antwoord."], {})
    with zipfile.ZipFile(tmp) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                dst.writestr(item, src.read(item.filename))
        with dst.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>')
            chunk = b"a" * 2**20
            for _ in range(unpacked // len(chunk)):
                part.write(chunk)
            part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_word_part_that_unpacks_too_far_is_refused(tmp_path: Path) -> None:
    path = _word_bomb(tmp_path / "bom.docx", 40 * 2**20)
    assert path.stat().st_size < 200_000  # 40 MB of text in a small file
    with pytest.raises(InputError, match=r"bom\.docx: the part word/document\.xml of the Word file unpacks to "
                                         r"40 MB; a part may be at most 25 MB"):
        read_letter(path)


def test_word_and_pdf_text_over_the_text_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_CHARS", 100)  # the same check, at a size a test can make quickly
    word = make_letter(tmp_path / "brief.docx", ["Kent u het bericht?"] * 3, ["Ja, " * 20] * 3, {})
    with pytest.raises(InputError, match=r"brief\.docx: its text runs to more than 100 characters"):
        read_letter(word)
    pdf = write_pdf(tmp_path / "ah-tk-20232024-4242.pdf", [HEADER + FOOT_1, PAGE_2])
    with pytest.raises(InputError, match=r"ah-tk-20232024-4242\.pdf: its text runs to more than 100 characters"):
        read_letter(pdf)


def _gzip_stream(total: int) -> bytes:
    """`total` bytes of JSON-ish white space, gzipped (written in chunks: the plain body is never held)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=1) as gz:
        gz.write(b'{"value": [')
        chunk = b" " * 2**20
        for _ in range(total // len(chunk)):
            gz.write(chunk)
        gz.write(b"]}")
    return buffer.getvalue()


def test_a_gzip_bomb_answer_is_refused_as_it_decompresses(httpserver) -> None:
    body = _gzip_stream(100 * 2**20)  # ~100 KB that decode to 100 MB
    httpserver.expect_request("/api/Zaak").respond_with_data(
        body, headers={"Content-Encoding": "gzip"}, content_type="application/json")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(FetchError, match=r"/api/Zaak: the answer is larger than 32 MB, the most accepted"):
        Client(Politeness(timeout=10, rate=100)).get_json(httpserver.url_for("/api/Zaak"))
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024  # MB (ru_maxrss is in KB)
    assert grown < 150, f"the process grew by {grown:.0f} MB while refusing"


def test_a_huge_json_answer_is_refused_while_it_streams(httpserver) -> None:
    def stream():
        yield b'{"value": ['
        for _ in range(400):  # 400 MB if it were all sent
            yield b" " * 2**20

    httpserver.expect_request("/api/Zaak").respond_with_response(Response(stream(), content_type="application/json"))
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"larger than 32 MB"):
        Client(Politeness(timeout=10, rate=100)).get_json(httpserver.url_for("/api/Zaak"))
    assert time.monotonic() - started < 10


def test_a_download_over_the_input_limit_is_refused(httpserver) -> None:
    httpserver.expect_request("/doc").respond_with_data(b"x" * 5000)
    client = Client(Politeness(timeout=10, rate=100))
    with pytest.raises(FetchError, match=r"/doc: the answer is larger than 4,096 bytes"):
        client.get(httpserver.url_for("/doc"), limit=4096)
    assert client.get(httpserver.url_for("/doc")).content == b"x" * 5000
