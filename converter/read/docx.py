"""Word letters (.docx) -> Extracted: paragraphs and tables in document order, Word's automatic list numbers
(they are the question numbers) written as the text layouts print them, and footnotes from the footnotes part
with their markers as "[^N]"."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from ..limits import MAX_PART_BYTES, MAX_UNPACKED_BYTES, check_text, size_text
from ..model import Extracted, Footnote, Source
from .docx_notes import RAISED, plain_footnotes, typed_footnotes
from .docx_tables import has_header
from .footnotes import find_urls
from .furniture import remove_furniture
from .tables import make_table, row_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_LABEL_WORD = re.compile(r"[A-Za-z]{3,}")
_QUESTION_START = re.compile(r"^\s*(?:\d{1,3}[.)]\s|Vra(?:ag|gen)\s+\d)")
_OFFICE_TITLE = re.compile(r"^\s*(?:de\s+|het\s+)?(?:minister|staatssecretaris)\b", re.I)
_MARKER_TEXT = re.compile(r"^\s*\[?(\d{1,3})\]?\)?\s*$")


def extract_docx(path: Path, data: bytes, source: Source) -> Extracted:
    """Read a Word letter."""
    document = _open(path, data)
    numbering = _Numbering(document)
    footnote_xml = _part_xml(document, "/word/footnotes.xml")
    order: dict[str, int] = {}  # Word's footnote id -> the number printed (references numbered in order)
    lines = _margin_lines(document, numbering, order)  # the letterhead in the page header, as a reader sees it
    questions_seen = False  # after the first question a table is the answer's data, never the letterhead
    found: list[tuple[list[list[str]], bool]] = []  # the data tables' rows as read, and whether row 1 is a header
    for block in document.element.body.iterchildren():
        new = _block_lines(block, numbering, order, layout=not questions_seen)
        if block.tag == f"{W}tbl" and _is_data_table(block, layout=not questions_seen):
            found.append(([_row_cells(row, order, spans=True) for row in block.iter(f"{W}tr")], has_header(block)))
        questions_seen = questions_seen or any(_QUESTION_START.match(x) for x in new)
        lines.extend(new)
    notes = _footnotes(footnote_xml, order) if footnote_xml is not None else []
    check_text(path, sum(map(len, lines)) + sum(len(n.text) for n in notes))
    if not notes:  # footnotes typed as paragraphs at the end of the letter, opened by a raised number
        lines, notes = typed_footnotes(lines)
    numbers = {n.number for n in notes}

    def marked(text: str) -> str:
        return RAISED.sub(lambda m: f"[^{m.group(1)}]" if int(m.group(1)) in numbers else m.group(1), text)

    lines = [marked(x) for x in lines]
    tables = [make_table([[marked(c) for c in row] for row in rows], header) for rows, header in found]
    body, ids, references = remove_furniture(lines)
    if not notes:  # typed in plain digits: the text reader's rules find the bodies and their markers
        body, notes = plain_footnotes(body)
    return Extracted(
        source=source,
        lines=tuple(body),
        footnotes=tuple(notes),
        furniture_ids=tuple(ids),
        references=tuple(references),
        layout="docx",
        tables=tuple(t for t in tables if t is not None),
    )


def _block_lines(block, numbering: _Numbering, order: dict[str, int], layout: bool = True) -> list[str]:  # noqa: ANN001
    """A body paragraph or table as text lines; `layout` allows reading a table as a letterhead."""
    if block.tag == f"{W}p":
        return _paragraph_lines(block, numbering, order)
    if block.tag != f"{W}tbl":
        return []
    if _is_signature_table(block):  # signatories side by side: each column (title, then name) in turn
        return _column_lines(block, numbering, order)
    if not layout or not _is_layout_table(block):  # a table of data: one line per row, its cells side by side
        lines: list[str] = []
        for row in block.iter(f"{W}tr"):
            lines.extend([row_text(_row_cells(row, order)), ""])
        return lines
    lines = []  # a layout table (the letterhead): each cell's paragraphs as lines, cell after cell
    for row in block.iterchildren(f"{W}tr"):
        for cell in row.iterchildren(f"{W}tc"):
            for child in cell.iterchildren(f"{W}p", f"{W}tbl"):
                lines.extend(line for line in _block_lines(child, numbering, order) if line.strip())
            lines.append("")
    return lines


def _row_cells(row, order: dict[str, int], spans: bool = False) -> list[str]:  # noqa: ANN001
    """A table row's cells as text; with `spans`, a cell merged across columns is followed by an empty cell
    for each column more it takes (the rows of a table then line up)."""
    cells: list[str] = []
    for cell in row.iter(f"{W}tc"):
        cells.append(" ".join(_text(p, order) for p in cell.iter(f"{W}p")).strip())
        span = cell.find(f"{W}tcPr/{W}gridSpan")
        if spans and span is not None and (span.get(f"{W}val") or "").isdigit():
            cells.extend([""] * (int(span.get(f"{W}val")) - 1))
    return cells


def _is_data_table(table, layout: bool) -> bool:  # noqa: ANN001
    """Whether _block_lines reads this body table as a table of data (not signatories, not a letterhead)."""
    return not _is_signature_table(table) and (not layout or not _is_layout_table(table))


def _cell_text(cell) -> str:  # noqa: ANN001
    return " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in cell.iterchildren(f"{W}p")).strip()


def _is_signature_table(table) -> bool:  # noqa: ANN001
    """Signatories set side by side: a row whose two or more filled cells each hold an office title."""
    for row in table.iterchildren(f"{W}tr"):
        texts = [t for t in (_cell_text(c) for c in row.iterchildren(f"{W}tc")) if t]
        if len(texts) >= 2 and all(_OFFICE_TITLE.match(t) for t in texts):
            return True
    return False


def _column_lines(table, numbering: _Numbering, order: dict[str, int]) -> list[str]:  # noqa: ANN001
    rows = [list(row.iterchildren(f"{W}tc")) for row in table.iterchildren(f"{W}tr")]
    lines: list[str] = []
    for col in range(max((len(r) for r in rows), default=0)):
        for row in rows:
            if col < len(row):
                for child in row[col].iterchildren(f"{W}p", f"{W}tbl"):
                    lines.extend(x for x in _block_lines(child, numbering, order) if x.strip())
        lines.append("")
    return lines


def _is_layout_table(table) -> bool:  # noqa: ANN001
    """A table used to place text (a letterhead column, an address block): a cell holds several paragraphs."""
    return any(
        sum(1 for p in cell.iterchildren(f"{W}p") if "".join(t.text or "" for t in p.iter(f"{W}t")).strip()) > 1
        for cell in table.iter(f"{W}tc")
    )


_SECTION_PARTS = (("headerReference", "first"), ("headerReference", "default"), ("headerReference", "even"),
                  ("footerReference", "first"), ("footerReference", "default"), ("footerReference", "even"))


def _margin_lines(document, numbering: _Numbering, order: dict[str, int]) -> list[str]:  # noqa: ANN001
    """The first section's page headers and footers (the letterhead column of many ministry templates), read
    once before the body; python-docx's document.paragraphs never shows them."""
    body = document.element.body
    section = next(body.iter(f"{W}sectPr"), None)
    if section is None:
        return []
    lines: list[str] = []
    seen: set[str] = set()
    for tag, kind in _SECTION_PARTS:
        for ref in section.iterchildren(f"{W}{tag}"):
            rid = ref.get(f"{R}id", "")
            if ref.get(f"{W}type", "default") != kind or rid in seen or rid not in document.part.related_parts:
                continue
            seen.add(rid)
            part = document.part.related_parts[rid]
            root = getattr(part, "element", None)  # python-docx parsed header and footer parts when it opened
            root = root if root is not None else _xml(part.blob)
            for block in root.iterchildren(f"{W}p", f"{W}tbl"):
                lines.extend(x for x in _block_lines(block, numbering, order) if x.strip())
            lines.append("")
    return lines


def _open(path: Path, data: bytes):  # noqa: ANN202 - a python-docx Document
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_sizes(path, archive.infolist())
    except zipfile.BadZipFile as exc:
        raise InputError(
            f"{path}: not a readable Word file (not a ZIP archive: {exc}); expected a .docx "
            "saved by Word or LibreOffice"
        ) from exc
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a damaged package
        raise InputError(
            f"{path}: not a readable Word file ({type(exc).__name__}: {exc}); expected a .docx "
            "saved by Word or LibreOffice"
        ) from exc


def _check_sizes(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip bomb before anything is unpacked: each part and all together, as the archive declares them
    (zipfile never unpacks more than a part declares)."""
    big = max(parts, key=lambda info: info.file_size, default=None)
    if big is not None and big.file_size > MAX_PART_BYTES:
        raise InputError(f"{path}: the part {big.filename} of the Word file unpacks to "
                         f"{big.file_size / 2**20:.0f} MB; a part may be at most {size_text(MAX_PART_BYTES)}")
    if sum(info.file_size for info in parts) > MAX_UNPACKED_BYTES:
        raise InputError(f"{path}: the Word file unpacks to more than {size_text(MAX_UNPACKED_BYTES)}; "
                         "expected a letter")


def _xml(blob: bytes):  # noqa: ANN202 - an lxml element
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(blob, parser)


def _part_xml(document, partname: str):  # noqa: ANN001, ANN202 - lxml element or None
    for part in document.part.package.iter_parts():
        if str(part.partname) == partname:
            return _xml(part.blob)
    return None


class _Numbering:
    """Word's automatic list numbers: a counter per list and level, and the label ("%1.", "Vraag %1")."""

    def __init__(self, document) -> None:  # noqa: ANN001
        self.formats: dict[tuple[str, int], str] = {}
        self.counters: dict[tuple[str, int], int] = {}
        self.styles: dict[str, object] = {}  # paragraph style id -> its numPr (numbering set by the style)
        styles = _part_xml(document, "/word/styles.xml")
        for style in styles.iter(f"{W}style") if styles is not None else []:
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                self.styles[style.get(f"{W}styleId", "")] = num_pr
        root = _part_xml(document, "/word/numbering.xml")
        if root is None:
            return
        abstract = {a.get(f"{W}abstractNumId"): a for a in root.iter(f"{W}abstractNum")}
        for num in root.iter(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            levels = abstract.get(ref.get(f"{W}val")) if ref is not None else None
            for lvl in levels.iter(f"{W}lvl") if levels is not None else []:
                text = lvl.find(f"{W}lvlText")
                fmt = lvl.find(f"{W}numFmt")
                kind = fmt.get(f"{W}val") if fmt is not None else "decimal"
                label = text.get(f"{W}val") if text is not None else "%1."
                self.formats[(num.get(f"{W}numId"), int(lvl.get(f"{W}ilvl", "0")))] = (
                    label if kind == "decimal" else ""
                )

    def label(self, paragraph) -> str | None:  # noqa: ANN001
        """The paragraph's list label ("3.", "Vraag 3"), or None where it is not numbered."""
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is None:
            style = paragraph.find(f"{W}pPr/{W}pStyle")
            num_pr = self.styles.get(style.get(f"{W}val", "")) if style is not None else None
        if num_pr is None:
            return None
        num_id = num_pr.find(f"{W}numId")
        level = num_pr.find(f"{W}ilvl")
        key = (
            num_id.get(f"{W}val") if num_id is not None else "",
            int(level.get(f"{W}val")) if level is not None else 0,
        )
        fmt = self.formats.get(key)
        if not fmt or key[0] == "0":
            return None
        self.counters[key] = self.counters.get(key, 0) + 1
        for deeper in [k for k in self.counters if k[0] == key[0] and k[1] > key[1]]:
            del self.counters[deeper]
        return fmt.replace(f"%{key[1] + 1}", str(self.counters[key]))


def _paragraph_lines(paragraph, numbering: _Numbering, order: dict[str, int]) -> list[str]:  # noqa: ANN001
    boxes = [b for b in paragraph.iter(f"{W}txbxContent") if not any(a.tag == MC_FALLBACK for a in b.iterancestors())]
    if boxes:  # a text box anchored here (a letterhead column): its paragraphs as lines of their own first
        inner = [line for box in boxes for p in box.iterchildren(f"{W}p")
                 for line in _paragraph_lines(p, numbering, order) if line.strip()]
        return [*inner, "", *_paragraph_lines(_without_boxes(paragraph), numbering, order)]
    text = _text(paragraph, order)
    label = numbering.label(paragraph)
    if label is None:
        return [*text.split("\n"), ""] if text.strip() else [""]
    if _LABEL_WORD.search(label):  # "Vraag %1": a label line, the text under it
        return [label.rstrip(" :.").strip(), *text.split("\n"), ""]
    number = re.sub(r"\D", "", label) or label
    return [f"{number}. {text}".rstrip(), ""]


def _without_boxes(paragraph):  # noqa: ANN001, ANN202
    """A copy of the paragraph without its drawings and alternate content (text boxes)."""
    import copy

    clone = copy.deepcopy(paragraph)
    for tag in (f"{W}drawing", f"{W}pict", "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"):
        for node in list(clone.iter(tag)):
            node.getparent().remove(node)
    return clone


def _text(paragraph, order: dict[str, int]) -> str:  # noqa: ANN001
    out: list[str] = []
    for node in paragraph.iter(
        f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}footnoteReference", f"{W}noBreakHyphen"
    ):
        tag = node.tag[len(W) :]
        if tag == "t" and _raised(node):
            out.append(_MARKER_TEXT.sub(lambda m: f"\x00{m.group(1)}\x00", node.text or ""))
        elif tag == "t":
            out.append(node.text or "")
        elif tag == "tab":
            out.append(" ")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "noBreakHyphen":
            out.append("-")
        else:
            note_id = node.get(f"{W}id", "")
            order.setdefault(note_id, len(order) + 1)
            out.append(f"[^{order[note_id]}]")
    return "".join(out).replace("\u00a0", " ").replace("\u00ad", "")


def _raised(node) -> bool:  # noqa: ANN001
    """A w:t in a superscript run holding only a marker ("1", "1)", "[1]")."""
    run = node.getparent()
    align = run.find(f"{W}rPr/{W}vertAlign") if run is not None else None
    return align is not None and align.get(f"{W}val") == "superscript" and bool(_MARKER_TEXT.match(node.text or ""))


def _footnotes(root, order: dict[str, int]) -> list[Footnote]:  # noqa: ANN001
    notes: list[Footnote] = []
    for note in root.iter(f"{W}footnote"):
        number = order.get(note.get(f"{W}id", ""))
        if number is None or note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        text = " ".join(_text(p, {}) for p in note.iter(f"{W}p"))
        text = re.sub(r"\s+", " ", re.sub(r"\[\^\d+\]", "", RAISED.sub(r"\1", text))).strip()
        notes.append(Footnote(number=number, text=text, urls=tuple(find_urls(text))))
    return sorted(notes, key=lambda f: f.number)
