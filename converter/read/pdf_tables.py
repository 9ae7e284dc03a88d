"""Ruled tables on a PDF page: the rules PDFium sees (stroked lines and rectangles, thin filled bars) mark a
table's box; the words inside it, by baseline and by column, are its rows and cells.

Two kinds are read: tables with horizontal rules only (the Aanhangsel's: a rule above and below the header and
one at the foot; columns are where the words line up) and tables drawn as a grid (a rule around every cell, as
Word and LibreOffice export them; a cell may then hold several lines). A box whose words do not make at least two
rows of two columns is no table (the rules around an Aanhangsel's title, a footnote rule)."""

from __future__ import annotations

import ctypes
from collections.abc import Sequence
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

from ..model import Table
from .layout import Line, Piece
from .tables import make_table

_TOL = 1.5  # points: how far apart two rule ends may be and still meet
_THIN = 2.5  # points: a filled bar at most this thick is a rule


@dataclass(frozen=True)
class Rule:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.x1 - self.x0 >= self.y1 - self.y0


@dataclass(frozen=True)
class Box:
    """Where a table stands on its page (PDF points, y upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, piece: Piece) -> bool:
        return (self.x0 - _TOL <= piece.x0 and piece.x1 <= self.x1 + 2 * _TOL
                and self.y0 - _TOL <= piece.y <= self.y1 + _TOL)


def page_rules(page_raw) -> list[Rule]:  # noqa: ANN001 - a raw FPDF_PAGE
    """The page's horizontal and vertical rules, each at least 3 points long."""
    rules: list[Rule] = []
    for i in range(pdfium_c.FPDFPage_CountObjects(page_raw)):
        obj = pdfium_c.FPDFPage_GetObject(page_raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) == pdfium_c.FPDF_PAGEOBJ_PATH:
            rules.extend(_path_rules(obj))
    return _merged(rules)


def _path_rules(obj) -> list[Rule]:  # noqa: ANN001
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke)
    if not stroke.value:  # a filled shape is a rule only where it is a thin bar
        left, bottom, right, top = (ctypes.c_float() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            return []
        box = Rule(left.value, bottom.value, right.value, top.value)
        thin = min(box.x1 - box.x0, box.y1 - box.y0) <= _THIN and max(box.x1 - box.x0, box.y1 - box.y0) >= 3
        if not thin:
            return []
        mid_y, mid_x = (box.y0 + box.y1) / 2, (box.x0 + box.x1) / 2
        return [Rule(box.x0, mid_y, box.x1, mid_y) if box.horizontal else Rule(mid_x, box.y0, mid_x, box.y1)]
    return _segments(obj)


def _segments(obj) -> list[Rule]:  # noqa: ANN001
    """The straight, level or upright edges of a stroked path, in page coordinates."""
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        return []
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None
    edges: list[tuple[tuple[float, float], tuple[float, float]]] = []
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            return []  # a curve: a drawing, not a table
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e, matrix.b * x.value + matrix.d * y.value + matrix.f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif points:
            edges.append((points[-1], point))
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            edges.append((point, start))
    rules = []
    for (ax, ay), (bx, by) in edges:
        if abs(ay - by) < 0.5 and abs(ax - bx) >= 3:
            rules.append(Rule(min(ax, bx), ay, max(ax, bx), ay))
        elif abs(ax - bx) < 0.5 and abs(ay - by) >= 3:
            rules.append(Rule(ax, min(ay, by), ax, max(ay, by)))
    return rules


def _merged(rules: list[Rule]) -> list[Rule]:
    """Rules on one line that meet (a row's cell edges) as one rule."""
    out: list[Rule] = []
    for rule in sorted(rules, key=lambda r: (not r.horizontal, round(r.y0) if r.horizontal else round(r.x0),
                                            r.x0 if r.horizontal else r.y0)):
        last = out[-1] if out else None
        if last is not None and last.horizontal and rule.horizontal and abs(last.y0 - rule.y0) <= _TOL \
                and rule.x0 <= last.x1 + _TOL:
            out[-1] = Rule(last.x0, last.y0, max(last.x1, rule.x1), last.y1)
        elif last is not None and not last.horizontal and not rule.horizontal and abs(last.x0 - rule.x0) <= _TOL \
                and rule.y0 <= last.y1 + _TOL:
            out[-1] = Rule(last.x0, last.y0, last.x1, max(last.y1, rule.y1))
        else:
            out.append(rule)
    return out


def find_tables(lines: list[Line], rules: list[Rule], body_size: float) -> list[tuple[Box, Table]]:
    """The ruled tables of a page, top to bottom, each with its box."""
    found = []
    pieces = [p for line in lines for p in line.pieces]
    groups = _rule_groups([r for r in rules if r.horizontal], body_size)
    for group in (part for g in groups for part in _split_at_captions(g, pieces) if len(part) >= 2):
        box = Box(min(r.x0 for r in group), min(r.y0 for r in group), max(r.x1 for r in group),
                  max(r.y0 for r in group))
        uprights = sorted({round(r.x0, 1) for r in rules if not r.horizontal and _spans(r, box)})
        table = _read_box(box, [p for p in pieces if box.holds(p)], group, uprights)
        if table is not None:
            found.append((box, table))
    return sorted(found, key=lambda f: -f[0].y1)


def _split_at_captions(group: list[Rule], pieces: list[Piece]) -> list[list[Rule]]:
    """Two tables one under the other: the rules between them hold the second one's caption, a line of words
    with no column gap in it over more than half the width."""
    parts = [[group[0]]]
    for upper, lower in zip(group, group[1:], strict=False):
        band = Box(upper.x0, lower.y0 + _TOL, upper.x1, upper.y0 - _TOL)
        if any(len(_runs(line)) == 1 and line[-1].x1 - line[0].x0 > 0.5 * (upper.x1 - upper.x0)
               for line in _baselines([p for p in pieces if band.holds(p)])):
            parts.append([lower])
        else:
            parts[-1].append(lower)
    return parts


def _runs(line: list[Piece], gap: float = 0.8) -> list[list[Piece]]:
    """A line's words in runs: a gap wider than a word space (`gap` times the type size) ends a run."""
    runs = [[line[0]]]
    for piece in line[1:]:
        if piece.x0 - runs[-1][-1].x1 > gap * piece.size:
            runs.append([])
        runs[-1].append(piece)
    return runs


def _spans(rule: Rule, box: Box) -> bool:
    """An upright rule inside the box, reaching over at least part of its height."""
    return box.x0 + _TOL < rule.x0 < box.x1 - _TOL and rule.y1 > box.y0 + _TOL and rule.y0 < box.y1 - _TOL


def _rule_groups(level: list[Rule], body_size: float) -> list[list[Rule]]:
    """Level rules of one width (within a few points at either end), stacked with at most a few lines between
    one and the next: the rules of one table."""
    groups: list[list[Rule]] = []
    for rule in sorted(level, key=lambda r: -r.y0):
        for group in groups:
            last = group[-1]
            if abs(last.x0 - rule.x0) <= 3 * _TOL and abs(last.x1 - rule.x1) <= 3 * _TOL \
                    and last.y0 - rule.y0 <= 8 * body_size:
                group.append(rule)
                break
        else:
            groups.append([rule])
    return [g for g in groups if len(g) >= 2]


def _read_box(box: Box, pieces: list[Piece], rules: list[Rule], uprights: list[float]) -> Table | None:
    lines = _baselines(pieces)
    if len(lines) < 2:
        return None
    levels = sorted({round(r.y0, 1) for r in rules}, reverse=True)
    band = [sum(1 for y in levels if y > line[0].y) for line in lines]  # which gap between rules a line is in
    grid = bool(uprights) and len(set(band)) == len(levels) - 1  # a rule between every row: a cell per band
    bounds = [box.x0, *uprights, box.x1] if uprights else _columns(lines)
    rows: list[list[str]] = []
    for n, line in enumerate(lines):
        cells = [[p for p in line if _column(p, bounds) == c] for c in range(len(bounds) - 1)]
        texts = [_text(c) for c in cells]
        if grid and n and band[n] == band[n - 1]:  # the next line of the same cells
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], texts, strict=True)]
        else:
            rows.append(texts)
    first_band = [n for n, b in enumerate(band) if b == band[0]]
    header = not grid and len(levels) >= 3 and band[0] >= 1 and len(first_band) == 1  # alone under the top rule
    return make_table(rows, header=header)


def _baselines(pieces: list[Piece]) -> list[list[Piece]]:
    """The pieces by printed line, top to bottom, each left to right; raised digits (footnote markers) left out."""
    lines: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.y, p.x0)):
        if lines and abs(lines[-1][0].y - piece.y) <= 0.4 * piece.size:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    size = max((p.size for line in lines for p in line), default=0.0)
    lines = [[p for p in line if not (p.text.isdigit() and p.size < 0.85 * size and len(line) > 1
                                      and p.y > min(q.y for q in line) + 0.15 * size)] for line in lines]
    return [sorted(line, key=lambda p: p.x0) for line in lines if line]


def _columns(lines: list[list[Piece]]) -> list[float]:
    """Column bounds where no rule gives them: the extents of every line's runs, merged where they overlap."""
    spans = [(run[0].x0, run[-1].x1) for line in lines for run in _runs(line)]
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [merged[0][0], *[(x[1] + y[0]) / 2 for x, y in zip(merged, merged[1:], strict=False)], merged[-1][1]]


def _column(piece: Piece, bounds: list[float]) -> int:
    middle = (piece.x0 + piece.x1) / 2
    for c in range(len(bounds) - 2):
        if middle < bounds[c + 1]:
            return c
    return len(bounds) - 2


def _text(pieces: list[Piece]) -> str:
    out = ""
    for piece in pieces:
        out += (" " if out and piece.space_before else "") + piece.text
    return out


def aligned_tables(lines: list[Line], ruled: Sequence[Box]) -> list[tuple[Box, Table]]:
    """Tables without rules among a page's body lines: three lines or more, one under the other, each with a
    column gap (wider than twice the type size, which no justified line has) and all starting at one left
    edge, whose words line up in two or more columns."""
    found: list[tuple[Box, Table]] = []
    block: list[list[Piece]] = []
    for line in [*lines, None]:
        pieces = sorted(line.pieces, key=lambda p: p.x0) if line is not None else []
        columnar = bool(pieces) and len(_runs(pieces, 2.0)) >= 2 and not any(
            all(box.holds(p) for p in pieces) for box in ruled)
        if columnar and block and block[-1][0].y - pieces[0].y > 2.5 * pieces[0].size:
            found.extend(_aligned(block))
            block = []
        if columnar:
            block.append(pieces)
            continue
        found.extend(_aligned(block))
        block = []
    return found


def _aligned(block: list[list[Piece]]) -> list[tuple[Box, Table]]:
    lines = _baselines([p for line in block for p in line])
    if len(lines) < 3 or any(abs(line[0].x0 - lines[0][0].x0) > _TOL for line in lines):
        return []
    bounds = _columns(lines)
    rows = [[_text([p for p in line if _column(p, bounds) == c]) for c in range(len(bounds) - 1)] for line in lines]
    table = make_table(rows) if len(bounds) >= 3 else None
    pieces = [p for line in lines for p in line]
    box = Box(min(p.x0 for p in pieces), min(p.y for p in pieces), max(p.x1 for p in pieces),
              max(p.y for p in pieces))
    return [(box, table)] if table is not None else []
