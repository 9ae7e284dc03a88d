"""Word tables: whether a data table's first row is its header."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def has_header(table) -> bool:  # noqa: ANN001
    """The first row is a header: marked to repeat on every page, or set in bold where the next row is not."""
    rows = list(table.iterchildren(f"{W}tr"))
    if not rows:
        return False
    if rows[0].find(f"{W}trPr/{W}tblHeader") is not None:
        return True
    return len(rows) > 1 and _bold(rows[0]) and not _bold(rows[1])


def _bold(row) -> bool:  # noqa: ANN001
    """Every run with text in the row is bold."""
    runs = [r for r in row.iter(f"{W}r") if "".join(t.text or "" for t in r.iter(f"{W}t")).strip()]
    return bool(runs) and all(
        (b := r.find(f"{W}rPr/{W}b")) is not None and b.get(f"{W}val", "true") not in ("0", "false") for r in runs
    )
