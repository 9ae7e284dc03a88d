"""Positioned text from a PDF page: pieces of text with their baseline, left/right edge and font size, grouped
into printed lines.

PDFium is asked for positions only where they matter (the start and end of each word, and each run of digits,
which may be a raised footnote marker): that keeps reading above 20 pages a second on one core."""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field

import pypdfium2.raw as pdfium_c

# PDFium writes a hyphen that ends a line as U+FFFE (U+0002 per character) and joins the lines.
_HYPHEN_MARKS = "\ufffe\x02"
_SPACING_ACCENTS = {
    "\u00b4": "\u0301",
    "`": "\u0300",
    "\u00a8": "\u0308",
    "\u02c6": "\u0302",
    "\u02dc": "\u0303",
    "\u00b8": "\u0327",
    "\u02c7": "\u030c",
    "\u02da": "\u030a",
}
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb06": "st",
}


@dataclass
class Piece:
    """A run of characters printed together: a word, or a run of digits within one."""

    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float  # font size in points, after the text matrix
    space_before: bool


@dataclass
class Line:
    """One printed line: pieces left to right on (nearly) one baseline."""

    pieces: list[Piece] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.pieces[0].x0

    @property
    def x1(self) -> float:
        return self.pieces[-1].x1

    @property
    def y(self) -> float:
        return self.main.y

    @property
    def size(self) -> float:
        return self.main.size

    @property
    def main(self) -> Piece:
        """The piece that sets the line's baseline and size: the longest in the size most of the line's
        characters have (a small label 'Datum' before a date in body type does not make the line small)."""
        weight: dict[float, int] = {}
        for p in self.pieces:
            weight[round(p.size, 1)] = weight.get(round(p.size, 1), 0) + len(p.text)
        size = max(weight, key=lambda k: (weight[k], k))
        return max((p for p in self.pieces if round(p.size, 1) == size), key=lambda p: len(p.text))

    def text(self, marker: callable | None = None) -> str:  # type: ignore[valid-type]
        """The line's text; `marker(piece)` may rewrite raised digits (footnote markers)."""
        out = ""
        for piece in self.pieces:
            raised = marker is not None and is_raised(piece, self)
            text = marker(piece) if marker is not None and raised else piece.text
            out += (" " if piece.space_before and out and not raised else "") + text
        return tidy(out)


def is_raised(piece: Piece, line: Line) -> bool:
    """A superscript: digits in a smaller size above the line's baseline."""
    main = line.main
    return (
        piece is not main
        and piece.text.isdigit()
        and piece.size < 0.85 * main.size
        and piece.y > main.y + 0.15 * main.size
    )


def tidy(text: str) -> str:
    """Spacing accents joined to their letter ("c´" -> "ć"), ligatures spelled out, odd spaces made plain."""
    if any(c in text for c in _SPACING_ACCENTS):
        chars = list(text)
        for i, c in enumerate(chars):
            if c in _SPACING_ACCENTS and i and chars[i - 1].isalpha():
                chars[i] = _SPACING_ACCENTS[c]
        text = unicodedata.normalize("NFC", "".join(chars))
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    return text.replace("\u00a0", " ").replace("\u00ad", "").replace("\t", " ")


def page_pieces(textpage) -> list[Piece]:
    """The page's pieces in content order, with a position and size for each."""
    text = textpage.get_text_range()
    raw = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    pieces: list[Piece] = []
    i, n = 0, len(text)
    space = False

    def where(k: int) -> tuple[float, float, float]:
        pdfium_c.FPDFText_GetCharOrigin(raw, k, x, y)
        pdfium_c.FPDFText_GetMatrix(raw, k, matrix)
        size = (matrix.c * matrix.c + matrix.d * matrix.d) ** 0.5 * pdfium_c.FPDFText_GetFontSize(raw, k)
        return x.value, y.value, size

    while i < n:
        c = text[i]
        if c.isspace():
            space = True
            i += 1
            continue
        j = i + 1
        if c in _HYPHEN_MARKS:
            word = "-"
        else:
            digits = c.isdigit()
            while (
                j < n
                and not text[j].isspace()
                and text[j] not in _HYPHEN_MARKS
                and text[j].isdigit() == digits
            ):
                j += 1
            if j < n and text[j] in _HYPHEN_MARKS:
                j += 1  # the line-end hyphen belongs to its word
            word = text[i:j].replace("\ufffe", "-").replace("\x02", "-")
        x0, y0, size = where(i)
        x1 = x0 + 0.5 * size if j - 1 == i else where(j - 1)[0] + 0.5 * size
        pieces.append(Piece(word, x0, x1, y0, size, space))
        space = False
        i = j
    return pieces


def group_lines(pieces: list[Piece]) -> list[Line]:
    """Pieces into printed lines: a new line where the baseline moves by more than half a line or the text
    goes back to the left; a wide gap (another column) also starts a new line."""
    lines: list[Line] = []
    for piece in pieces:
        line = lines[-1] if lines else None
        if line is None or _starts_new_line(line, piece):
            lines.append(Line([piece]))
        else:
            line.pieces.append(piece)
    return lines


def _starts_new_line(line: Line, piece: Piece) -> bool:
    last = line.pieces[-1]
    ref = max(last.size, piece.size, line.size)
    if piece.x0 < last.x0 - 0.5 * ref:
        return True
    if piece.x0 - last.x1 > 4 * ref:
        return True
    dy = piece.y - line.y
    if abs(dy) <= 0.45 * ref:
        return False
    small_digits = piece.text.isdigit() and piece.size < 0.85 * line.size
    if small_digits and 0 < dy < 0.8 * line.size:
        return False  # a raised footnote marker
    lone_marker = len(line.pieces) == 1 and last.text.isdigit() and last.size < 0.85 * piece.size
    return not (lone_marker and -0.8 * piece.size < dy < 0)
