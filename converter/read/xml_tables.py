"""Tables in the official XML: CALS (``table``/``tgroup``/``colspec``/``thead``/``tbody``/``row``/``entry``, as
officielebekendmakingen publishes them, with ``namest``/``nameend`` and ``morerows`` spans) and HTML-like
(``table``/``tr``/``td``/``th``, ``colspan``), read into rows of cell texts, every row as wide as the table."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

TABLE_TAGS = ("table", "tabel")


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el if _local(c) in names]


def _descendants(el: etree._Element, *names: str) -> list[etree._Element]:
    return [c for c in el.iter() if _local(c) in names]


def table_rows(table: etree._Element, text: Callable[[etree._Element], str]) -> tuple[list[list[str]], bool]:
    """The table's rows (cells as `text` reads them; a cell of several paragraphs is one line) and whether its
    first row is a header (CALS thead, HTML thead or th cells)."""
    groups = _descendants(table, "tgroup")
    if groups:
        rows: list[list[str]] = []
        header = False
        for group in groups:
            part, head = _cals_rows(group, text)
            header = header or (head and not rows)
            rows.extend(part)
        return rows, header
    return _html_rows(table, text)


def _cell(entry: etree._Element, text: Callable[[etree._Element], str]) -> str:
    paragraphs = _children(entry, "al")
    return " ".join(t for t in (text(p) for p in paragraphs) if t) if paragraphs else text(entry)


def _cals_rows(group: etree._Element, text: Callable[[etree._Element], str]) -> tuple[list[list[str]], bool]:
    specs = _children(group, "colspec")
    names = {s.get("colname"): int(s.get("colnum") or n) - 1 for n, s in enumerate(specs, start=1)}
    heads = _children(group, "thead")
    sections = [*heads, *_children(group, "tbody", "tfoot")] or [group]
    carried: dict[int, int] = {}  # column -> rows still covered by an entry above (morerows)
    rows: list[list[str]] = []
    for section in sections:
        for row in _children(section, "row"):
            taken = {c for c, n in carried.items() if n > 0}
            carried = {c: n - 1 for c, n in carried.items() if n > 1}
            cells: list[str] = []
            for entry in _children(row, "entry"):
                while len(cells) in taken:
                    cells.append("")
                start = names.get(entry.get("namest") or entry.get("colname"), len(cells))
                cells.extend([""] * max(0, start - len(cells)))
                end = max(start, names.get(entry.get("nameend"), start))
                cells.extend([_cell(entry, text), *[""] * (end - start)])
                more = int(entry.get("morerows") or 0) if (entry.get("morerows") or "").isdigit() else 0
                carried.update({c: more for c in range(start, end + 1) if more})
            rows.append(cells)
    return rows, bool(heads) and bool(_children(heads[0], "row"))


def _html_rows(table: etree._Element, text: Callable[[etree._Element], str]) -> tuple[list[list[str]], bool]:
    rows: list[list[str]] = []
    header = False
    for n, tr in enumerate(_descendants(table, "tr")):
        cells: list[str] = []
        tds = _children(tr, "td", "th")
        for td in tds:
            span = td.get("colspan") or "1"
            cells.extend([_cell(td, text), *[""] * (int(span) - 1 if span.isdigit() and int(span) > 1 else 0)])
        if n == 0:
            in_head = any(_local(a) == "thead" for a in tr.iterancestors())
            header = in_head or bool(tds) and all(_local(td) == "th" for td in tds)
        rows.append(cells)
    return rows, header
