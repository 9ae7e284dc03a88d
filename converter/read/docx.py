"""Word letters (.docx) -> Extracted: paragraphs and tables in document order, Word's automatic list numbers
(they are the question numbers) written as the text layouts print them, and footnotes from the footnotes part
with their markers as "[^N]"."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ..errors import InputError
from ..model import Extracted, Footnote, Source
from .footnotes import find_urls
from .furniture import remove_furniture

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_UNPACKED = 200 * 1024 * 1024  # a letter is well under 1 MB of XML; refuse zip bombs
_LABEL_WORD = re.compile(r"[A-Za-z]{3,}")


def extract_docx(path: Path, data: bytes, source: Source) -> Extracted:
    """Read a Word letter."""
    document = _open(path, data)
    numbering = _Numbering(document)
    footnote_xml = _part_xml(document, "/word/footnotes.xml")
    order: dict[str, int] = {}  # Word's footnote id -> the number printed (references numbered in order)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if block.tag == f"{W}p":
            lines.extend(_paragraph_lines(block, numbering, order))
        elif block.tag == f"{W}tbl":
            for row in block.iter(f"{W}tr"):
                cells = [
                    " ".join(_text(p, order) for p in cell.iter(f"{W}p")).strip()
                    for cell in row.iter(f"{W}tc")
                ]
                lines.extend([" ".join(c for c in cells if c), ""])
    notes = _footnotes(footnote_xml, order) if footnote_xml is not None else []
    body, ids, references = remove_furniture(lines)
    return Extracted(
        source=source,
        lines=tuple(body),
        footnotes=tuple(notes),
        furniture_ids=tuple(ids),
        references=tuple(references),
        layout="docx",
    )


def _open(path: Path, data: bytes):  # noqa: ANN202 - a python-docx Document
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise InputError(
                    f"{path}: the Word file unpacks to more than {MAX_UNPACKED // 2**20} MB; "
                    "expected a letter"
                )
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


def _part_xml(document, partname: str):  # noqa: ANN001, ANN202 - lxml element or None
    from lxml import etree

    for part in document.part.package.iter_parts():
        if str(part.partname) == partname:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
            return etree.fromstring(part.blob, parser)
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
    text = _text(paragraph, order)
    label = numbering.label(paragraph)
    if label is None:
        return [*text.split("\n"), ""] if text.strip() else [""]
    if _LABEL_WORD.search(label):  # "Vraag %1": a label line, the text under it
        return [label.rstrip(" :.").strip(), *text.split("\n"), ""]
    number = re.sub(r"\D", "", label) or label
    return [f"{number}. {text}".rstrip(), ""]


def _text(paragraph, order: dict[str, int]) -> str:  # noqa: ANN001
    out: list[str] = []
    for node in paragraph.iter(
        f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}footnoteReference", f"{W}noBreakHyphen"
    ):
        tag = node.tag[len(W) :]
        if tag == "t":
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


def _footnotes(root, order: dict[str, int]) -> list[Footnote]:  # noqa: ANN001
    notes: list[Footnote] = []
    for note in root.iter(f"{W}footnote"):
        number = order.get(note.get(f"{W}id", ""))
        if number is None or note.get(f"{W}type") in ("separator", "continuationSeparator"):
            continue
        text = " ".join(_text(p, {}) for p in note.iter(f"{W}p"))
        text = re.sub(r"\s+", " ", re.sub(r"\[\^\d+\]", "", text)).strip()
        notes.append(Footnote(number=number, text=text, urls=tuple(find_urls(text))))
    return sorted(notes, key=lambda f: f.number)
