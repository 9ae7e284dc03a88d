"""PDF letters -> Extracted, from the layout: body text, footnotes and page furniture told apart by font size,
position on the page and lines repeated across pages.

The library is pypdfium2 (PDFium: Apache-2.0/BSD): it gives each character with its position and text matrix,
and reads about 60 pages a second on one core here (pdfminer.six: 4, pypdf: 27); see the README."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median

import pypdfium2 as pdfium

from ..errors import InputError
from ..limits import check_text
from ..model import Extracted, Footnote, Source, Table
from .footnotes import find_urls
from .furniture import PAGE, remove_furniture
from .layout import Line, Piece, group_lines, is_raised, page_pieces
from .pdf_tables import Box, Rule, aligned_tables, find_tables, page_rules

MAX_PAGES = 300  # a letter is a few pages; the largest Aanhangsel answers run to a few dozen
_IDS = re.compile(r"\b(ah-tk-\d{8}-\d+|kv-tk-\d{4}Z\d{5})")
_REFERENCE = re.compile(r"^\s*(?:Onze referentie|Ons kenmerk|Kenmerk)\s*:?\s*(.*)$")
_URL_PART = re.compile(r"(?:https?://|www\.|/|%[0-9A-Fa-f]{2}|\.(?:nl|com|org|eu|pdf|html?|aspx)\b)")


@dataclass
class Page:
    number: int
    height: float
    lines: list[Line]
    rules: list[Rule] = field(default_factory=list)  # level and upright rules: a table's lines


def extract_pdf(path: Path, data: bytes, source: Source) -> Extracted:
    """Read a PDF letter from its layout."""
    pages = _read_pages(path, data)
    if sum(len(p.lines) for p in pages) == 0:
        raise InputError(
            f"{path}: the PDF has no text layer ({len(pages)} pages of images, a scan?); expected a "
            "PDF with text: run OCR on it first (for instance ocrmypdf) and convert the result"
        )
    body_size = _body_size(pages)
    repeated = _repeated_lines(pages)
    column_x0 = _column_left(pages, body_size)
    body: list[str] = []
    notes: dict[int, list[str]] = {}
    furniture: list[str] = []
    tables: list[Table] = []
    for page in pages:
        found = find_tables(page.lines, page.rules, body_size)
        if body:
            body.append(PAGE)
        boxes = [box for box, _ in found]
        main, foot, extra = _split_page(page, body_size, column_x0, repeated, max(notes, default=0) + 1, boxes)
        found.extend(aligned_tables(main, boxes))
        tables.extend(table for box, table in sorted(found, key=lambda f: -f[0].y1))
        furniture.extend(extra)
        _read_footnotes(foot, notes)
        body.extend(_body_lines(main, body_size))
    numbers = set(notes)
    body = [_mark(line, numbers) for line in body]
    lines, ids, references = remove_furniture(body)
    ids = list(dict.fromkeys([*(m.group(1) for x in furniture for m in _IDS.finditer(x)), *ids]))
    references = list(dict.fromkeys([*_references(furniture), *references]))
    footnotes = tuple(_footnote(n, parts) for n, parts in sorted(notes.items()))
    return Extracted(
        source=source,
        lines=tuple(lines),
        footnotes=footnotes,
        furniture_ids=tuple(ids),
        references=tuple(references),
        layout="pdf",
        tables=tuple(tables),
    )


def _read_pages(path: Path, data: bytes) -> list[Page]:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise InputError(
                f"{path}: the PDF is encrypted with a password; expected an unprotected PDF "
                "(save a copy without the password and convert that)"
            ) from exc
        raise InputError(f"{path}: not a readable PDF ({reason}); expected an intact PDF file") from exc
    try:
        count = len(document)
        if count > MAX_PAGES:
            raise InputError(
                f"{path}: the PDF has {count} pages; a letter has at most {MAX_PAGES}: expected one "
                "answer letter per file (split a bundle into its letters)"
            )
        pages: list[Page] = []
        chars = 0
        for number in range(count):
            page = document[number]
            try:
                textpage = page.get_textpage()
                chars += textpage.count_chars()
                check_text(path, chars)  # before the characters are read, page by page
                lines = group_lines(page_pieces(textpage))
                pages.append(Page(number + 1, page.get_height(), lines, page_rules(page.raw)))
                textpage.close()
            finally:
                page.close()
        return pages
    except pdfium.PdfiumError as exc:
        raise InputError(
            f"{path}: a page of the PDF cannot be read ({exc}); expected an intact PDF file"
        ) from exc
    finally:
        document.close()


def _body_size(pages: list[Page]) -> float:
    """The size most of the text is printed in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            for piece in line.pieces:
                sizes[round(piece.size, 1)] += len(piece.text)
    return sizes.most_common(1)[0][0]


def _column_left(pages: list[Page], body_size: float) -> float:
    """The left edge of the body text column."""
    edges = Counter(
        round(line.x0) for page in pages for line in page.lines if abs(line.size - body_size) < 0.5
    )
    return float(edges.most_common(1)[0][0]) if edges else 0.0


def _shape(line: Line) -> str:
    return re.sub(r"\d+", "#", line.text()).strip()


def _repeated_lines(pages: list[Page]) -> set[tuple[str, int]]:
    """Running headers and footers: the same text (numbers aside) at the same height on most pages."""
    if len(pages) < 3:
        return set()
    seen: Counter[tuple[str, int]] = Counter()
    for page in pages:
        seen.update({(_shape(line), round(line.y / 4)) for line in page.lines})
    return {key for key, n in seen.items() if n >= max(3, len(pages) // 2) and len(key[0]) > 3}


def _split_page(
    page: Page, body_size: float, column_x0: float, repeated: set[tuple[str, int]], next_note: int,
    tables: Sequence[Box] = (),
) -> tuple[list[Line], list[Line], list[str]]:
    """A page's lines into body, footnote area and furniture (margins, colophon, running lines, sidebar); a line
    inside a table's box is body, however small its type or far right its column (a table's last column)."""
    body_lines = [x for x in page.lines if abs(x.size - body_size) < 0.3 and x.x0 >= column_x0 - 20]
    right = max((x.x1 for x in body_lines), default=page.height)
    lowest = min((x.y for x in body_lines), default=page.height)
    main: list[Line] = []
    furniture: list[str] = []
    for line in page.lines:
        in_margin = line.x0 < column_x0 - 20 or line.x0 > right - 5
        # small type is furniture (a letterhead column, a colophon) unless it stands in the body column below
        # the body: the footnotes of a ministry letter are set as small as its letterhead
        foot = line.y < lowest and 0.55 * body_size <= line.size < 0.92 * body_size
        in_margin = in_margin or (line.size < 0.75 * body_size and not foot)
        in_margin = in_margin or (line.y < 0.11 * page.height and abs(line.size - body_size) > 0.3 and not foot)
        in_margin = in_margin and not _in_table(line, tables)
        if in_margin or line.size > 2.2 * body_size or (_shape(line), round(line.y / 4)) in repeated:
            furniture.append(line.text())
        elif main and abs(line.y - main[-1].y) < 0.3 * body_size and line.x0 > main[-1].x1:
            main[-1] = Line(main[-1].pieces + line.pieces)  # a table row the column gap split
        else:
            main.append(line)
    start = _footnote_area(main, body_size, page.height, next_note)
    start = max([start, *(i + 1 for i in range(start, len(main)) if _in_table(main[i], tables))])
    return main[:start], main[start:], furniture


def _in_table(line: Line, tables: Sequence[Box]) -> bool:
    return any(all(box.holds(p) for p in line.pieces) for box in tables)


def _footnote_area(lines: list[Line], body_size: float, height: float, next_note: int) -> int:
    """Where the footnote area starts: in the trailing run of small lines, the line opening a footnote."""
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.92 * body_size and lines[start - 1].y < height / 2:
        start -= 1
    for i in range(start, len(lines)):
        first = lines[i].pieces[0].text
        if first.isdigit() and int(first) >= next_note and len(lines[i].pieces) > 1:
            return i
    return len(lines)


def _body_lines(lines: list[Line], body_size: float) -> list[str]:
    """Body lines as text, with "" where a wider gap between lines ends a paragraph."""
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:], strict=False) if 0 < a.y - b.y < 2 * body_size]
    step = median(gaps) if gaps else 1.2 * body_size
    out: list[str] = []
    for prev, line in zip([None, *lines], lines, strict=False):
        if prev is not None and prev.y - line.y > 1.45 * step:
            out.append("")
        out.append(line.text(marker=_raw_marker))
    return out


def _raw_marker(piece: Piece) -> str:
    return f"\x00{piece.text}\x00"


def _mark(line: str, numbers: set[int]) -> str:
    """Raised digits become "[^N]" where N is a footnote of the letter, and plain digits otherwise."""
    if "\x00" not in line:
        return line
    return re.sub(
        r"\x00(\d+)\x00", lambda m: f"[^{m.group(1)}]" if int(m.group(1)) in numbers else m.group(1), line
    )


def _read_footnotes(lines: list[Line], notes: dict[int, list[str]]) -> None:
    """Footnote bodies: a line starting with the next footnote number opens one; other lines continue it."""
    current = max(notes, default=None)
    for line in lines:
        first = line.pieces[0]
        expected = (current or 0) + 1
        if first.text.isdigit() and expected <= int(first.text) <= expected + 2 and len(line.pieces) > 1:
            rest = Line(line.pieces[1:])
            current = int(first.text)
            notes[current] = [rest.text()]
        elif current is not None:
            notes[current].append(line.text())


def _footnote(number: int, parts: list[str]) -> Footnote:
    text = _join_footnote(parts)
    return Footnote(number=number, text=text, urls=tuple(find_urls(text)))


def _join_footnote(parts: list[str]) -> str:
    """Footnote lines joined; a web address that a line break split is joined without a space."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        last = out.split()[-1] if out.split() else ""
        head = part.split()[0]
        in_url = bool(_URL_PART.search(last)) and (
            last.endswith(("/", "-", "_", ".", "%", "=", "&", "?", "#"))
            or bool(re.match(r"[%/_#?&=.]", head))
            or (bool(_URL_PART.search(head)) and not head[:1].isupper())
        )
        if not out:
            out = part
        elif re.search(r"[a-zà-ÿ]-$", out) and part[:1].islower() and not in_url:
            out = out[:-1] + part
        elif in_url:
            out += part
        else:
            out += " " + part
    return out


def _references(furniture: list[str]) -> list[str]:
    found = []
    for i, text in enumerate(furniture):
        m = _REFERENCE.match(text)
        if m:
            value = m.group(1).strip() or (furniture[i + 1].strip() if i + 1 < len(furniture) else "")
            if value:
                found.append(value)
    return found


__all__ = ["extract_pdf", "is_raised", "MAX_PAGES"]
