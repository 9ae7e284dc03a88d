"""Word 97-2003 (.doc, application/msword): converted to .docx by LibreOffice, started by us, then read by the
Word reader. LibreOffice keeps Word's list numbers and footnotes, which the question numbers and the sources
depend on (antiword, tried too, drops the list numbers). Where LibreOffice is not installed, refused in one
sentence."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError
from ..model import Extracted, Source

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature every Word 97-2003 file starts with
TIMEOUT = 120.0  # seconds LibreOffice may take for one file
INSTALL = "apt-get install libreoffice-writer-nogui on Debian, or convert it to .docx yourself"


def soffice() -> str | None:
    """LibreOffice's command, where it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def extract_doc(path: Path, data: bytes, source: Source) -> Extracted:
    """Read a Word 97-2003 file through LibreOffice's .docx conversion; InputError says why it cannot."""
    if not data.startswith(OLE2):
        raise InputError(f"{path}: not a Word 97-2003 document (it does not start with the compound-file "
                         "signature); nothing was guessed from the extension")
    command = soffice()
    if command is None:
        raise InputError(f"{path}: a Word 97-2003 document (.doc) is read through LibreOffice, which is not "
                         f"installed ({INSTALL})")
    from .docx import extract_docx

    return extract_docx(path, _to_docx(path, data, command), source)


def _to_docx(path: Path, data: bytes, command: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="kamervragen-doc-") as tmp:
        folder = Path(tmp)
        (folder / "letter.doc").write_bytes(data)  # our own name: the input's name never reaches the command
        args = [command, f"-env:UserInstallation={(folder / 'profile').as_uri()}",  # own profile: no clash with
                "--headless", "--norestore", "--convert-to", "docx",  # a running LibreOffice
                "--outdir", str(folder / "out"), str(folder / "letter.doc")]
        try:
            done = subprocess.run(args, capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired as exc:
            raise InputError(f"{path}: LibreOffice took more than {TIMEOUT:g} s to convert this Word 97-2003 "
                             "document; given up") from exc
        result = folder / "out" / "letter.docx"
        if done.returncode != 0 or not result.is_file():
            said = " ".join(done.stderr.decode("utf-8", "replace").split())[:200] or f"exit code {done.returncode}"
            raise InputError(f"{path}: LibreOffice could not convert this Word 97-2003 document ({said})")
        return result.read_bytes()
