"""The official Aanhangsel XML of officielebekendmakingen ({id}.xml, with {id}/metadata.xml beside it).

The XML is already structured, so it is read straight into a Letter. It is parsed with entity expansion,
DTD loading and network access off, and a document that declares entities is refused."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from ..errors import InputError
from ..limits import read_input
from ..model import Answer, DocKind, Extracted, Footnote, Letter, Office, Person, Question, Signature, Source, Table
from .body import numbers_in
from .footnotes import find_urls
from .header import find_zaak, parse_header
from .tables import make_table, row_text
from .xml_tables import TABLE_TAGS, table_rows

_OMSCHRIJVING = ("kamervraagomschrijving", "omschr")
_NOTE_OWNERS = ("vraag", "antwoord", *_OMSCHRIJVING, "kamervraagopmerking")
_AH = re.compile(r"ah-tk-\d{8}-\d+")  # fullmatch: "$" lets a final newline through


def parse_xml(path: Path, data: bytes) -> etree._Element:
    """The document's root element; InputError if it is not well-formed or declares entities."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "entit" in str(exc.msg).lower():
            raise InputError(
                f"{path}: the XML declares entities that would expand without bound; such a "
                "document is refused"
            ) from exc
        raise InputError(
            f"{path}: not well-formed XML (line {exc.lineno}: {exc.msg}); expected an Aanhangsel "
            "publication from officielebekendmakingen"
        ) from exc
    dtd = root.getroottree().docinfo.internalDTD
    entities = [e.name for e in dtd.iterentities()] if dtd is not None else []
    if entities:
        raise InputError(
            f"{path}: the XML declares entities ({', '.join(entities[:5])}); such a document is "
            "refused, since expanding them could read local files or exhaust memory"
        )
    return root


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _all(root: etree._Element, *names: str) -> list[etree._Element]:
    return [el for el in root.iter() if _local(el) in names]


def _text(el: etree._Element) -> str:
    """The element's text as a reader sees it: footnote bodies left out, white space folded."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if _local(node) in ("noot", "nr", "nummer") and node is not el:
            parts.append(node.tail or "")
            return
        parts.append(node.text or "")
        for child in node:
            walk(child)
        if node is not el:
            parts.append(node.tail or "")

    walk(el)
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    return re.sub(r"\s+([.,;:?!)])", r"\1", text)


def _paragraphs(el: etree._Element) -> tuple[str, tuple[Table, ...]]:
    """The question's or answer's text, paragraph by paragraph, and its tables. A table is running text in the
    text, a row a paragraph (its title a paragraph before it), and a Table with its place in the text."""
    blocks = [a for a in el if _local(a) in ("al", *TABLE_TAGS)]
    if not any(_local(b) in TABLE_TAGS for b in blocks):
        als = [a for a in el if _local(a) == "al"] or [el]
        return "\n\n".join(t for t in (_text(a) for a in als) if t), ()
    parts: list[str] = []
    tables: list[Table] = []
    for block in blocks:
        if _local(block) == "al":
            parts.extend(t for t in [_text(block)] if t)
            continue
        parts.extend(_text(t) for t in block if _local(t) == "title" and _text(t))
        rows, header = table_rows(block, _text)
        lines = [line for line in map(row_text, rows) if line]
        start = sum(len(p) + 2 for p in parts)
        parts.extend(lines)
        table = make_table(rows, header)
        if table is not None:
            tables.append(replace(table, start=start, end=start + len("\n\n".join(lines))))
    return "\n\n".join(parts), tuple(tables)


def _owner(el: etree._Element) -> etree._Element | None:
    for anc in el.iterancestors():
        if _local(anc) in _NOTE_OWNERS:
            return anc
    return None


def _key(el: etree._Element) -> str:
    return el.getroottree().getpath(el)


def _footnotes(root: etree._Element) -> tuple[list[Footnote], dict[str, list[int]]]:
    """Footnotes by number, and for each owner element (by its path) the numbers whose markers stand in it."""
    notes: list[Footnote] = []
    by_id: dict[str, int] = {}
    owners: dict[str, list[int]] = {}
    for i, noot in enumerate(_all(root, "noot"), start=1):
        nr = next((_text(c) for c in noot if _local(c) in ("noot.nr", "nr")), "") or noot.get("nr") or str(i)
        number = int(re.sub(r"\D", "", nr) or i)
        body = " ".join(_text(c) for c in noot if _local(c) not in ("noot.nr", "nr")) or _text(noot)
        urls = [
            x.get("doc")
            for x in noot.iter()
            if _local(x) == "extref" and re.match(r"https?://", x.get("doc", ""))
        ]
        notes.append(Footnote(number, body, tuple(dict.fromkeys([*urls, *find_urls(body)]))))
        by_id[noot.get("id", "")] = number
        _mark(owners, _owner(noot), number)
    for ref in _all(root, "nootref"):
        ref_number: int | None = by_id.get(ref.get("refid", "")) or _int(ref.get("nr"))
        if ref_number:
            _mark(owners, _owner(ref), ref_number)
    return notes, owners


def _mark(owners: dict[str, list[int]], owner: etree._Element | None, number: int) -> None:
    if owner is not None and number not in owners.setdefault(_key(owner), []):
        owners[_key(owner)].append(number)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def read_metadata(path: Path) -> dict[str, str]:
    """The name -> content pairs of {id}/metadata.xml beside the XML; {} where there is none."""
    meta = path.parent / path.stem / "metadata.xml"
    if not meta.is_file():
        return {}
    root = parse_xml(meta, read_input(meta))
    return {
        m.get("name", ""): (m.get("content") or "").strip()
        for m in _all(root, "metadata", "meta")
        if m.get("name")
    }


def read_xml_letter(path: Path, data: bytes, source: Source) -> Letter:
    """Read an Aanhangsel (or questions) XML publication straight into a Letter."""
    root = parse_xml(path, data)
    if not _all(root, "kamervragen", "vragen"):
        raise InputError(
            f"{path}: no <kamervragen> (or older <vragen>) element; expected written questions "
            "from officielebekendmakingen"
        )
    meta = read_metadata(path)
    notes, owners = _footnotes(root)
    heads = _all(root, *_OMSCHRIJVING) + _all(root, "kamervraagopmerking")
    header = parse_header(" ".join(_text(h) for h in heads))
    questions, answers = _questions(path, root, owners)
    kind = DocKind.DELAY if header.delay else DocKind.ANSWER if answers else DocKind.QUESTIONS
    subject = next((_text(s) for s in _all(root, "kamervraagonderwerp")), None)
    return Letter(
        kind=kind,
        source=source,
        zaak=meta.get("OVERHEIDop.vraagnummer") or find_zaak(" ".join(map(_text, heads))),
        aanhangsel=_aanhangsel(path, root, meta),
        title=subject or header.title,
        submitted=_isodate(root, "vraag") or header.submitted,
        issued=_isodate(root, "antwoord") or header.issued,
        askers=tuple(Person(p.name[:1].upper() + p.name[1:], p.party) for p in header.askers),
        addressed_to=tuple(header.addressed_to),
        signatures=tuple(_signatures(root) or header.signatures),
        on_behalf_of=tuple(header.on_behalf_of),
        delay_reference=header.delay_reference,
        questions=tuple(questions),
        answers=tuple(answers),
        footnotes=tuple(notes),
        letter_footnotes=tuple(n for h in heads for n in owners.get(_key(h), [])),
    )


def _questions(
    path: Path, root: etree._Element, owners: dict[str, list[int]]
) -> tuple[list[Question], list[Answer]]:
    questions: list[Question] = []
    answers: list[Answer] = []
    last = 0
    for el in _all(root, "vraag", "antwoord"):
        label = next((_text(c) for c in el if _local(c) in ("nr", "nummer")), "")
        numbers = numbers_in(label) or ([last + 1] if _local(el) == "vraag" else [last])
        text, tables = _paragraphs(el)
        notes = tuple(owners.get(_key(el), []))
        if _local(el) == "vraag":
            last = numbers[0]
            questions.append(Question(numbers[0], text, notes, tables))
        elif text:
            answers.append(Answer(tuple(numbers), text, notes, tables))
    if not questions:
        raise InputError(f"{path}: the XML has no <vraag> elements; expected numbered questions")
    return questions, answers


def _isodate(root: etree._Element, kind: str) -> dt.date | None:
    for om in _all(root, "kamervraagomschrijving"):
        if om.get("type") == kind:
            for d in _all(om, "datum"):
                try:
                    return dt.date.fromisoformat((d.get("isodatum") or "")[:10])
                except ValueError:
                    continue
    return None


def _aanhangsel(path: Path, root: etree._Element, meta: dict[str, str]) -> str | None:
    for candidate in (meta.get("DC.identifier", ""), path.stem):
        if _AH.fullmatch(candidate):
            return candidate
    number = next((_text(n) for n in _all(root, "kamervraagnummer")), "")
    year = re.search(r"(\d{4})\s*\W\s*(\d{4})", " ".join(_text(k) for k in _all(root, "kamervraagkop")))
    return f"ah-tk-{year.group(1)}{year.group(2)}-{int(number)}" if year and number.isdigit() else None


def _signatures(root: etree._Element) -> list[Signature]:
    out = []
    for el in _all(root, "ondertekening"):
        office = next((_text(f) for f in el if _local(f) == "functie"), "").strip(" ,.")
        name = " ".join(_text(n) for n in el if _local(n) == "naam").strip()
        if name:
            office = re.sub(r"^(?:De|de)\s+", "", office)
            out.append(Signature(Person(name), Office(office[:1].upper() + office[1:]) if office else None))
    return out


def extract_xml(path: Path, data: bytes, source: Source) -> Extracted:
    """The publication as an Extracted text (labels, [^N] markers, footnotes), for tools that want text."""
    letter = read_xml_letter(path, data, source)
    lines: list[str] = []
    for q in letter.questions:
        lines += [f"Vraag {q.number}", q.text + "".join(f"[^{n}]" for n in q.footnotes), ""]
    for a in letter.answers:
        label = " en ".join(map(str, a.questions))
        lines += [f"Antwoord {label}", a.text + "".join(f"[^{n}]" for n in a.footnotes), ""]
    ids = (letter.aanhangsel,) if letter.aanhangsel else ()
    placed = [t for q in letter.questions for t in q.tables] + [t for a in letter.answers for t in a.tables]
    tables = tuple(replace(t, start=0, end=0) for t in placed)
    return Extracted(
        source=source, lines=tuple(lines), footnotes=letter.footnotes, furniture_ids=ids, layout="xml",
        tables=tables,
    )
