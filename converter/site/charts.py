"""Small bar charts as inline SVG, drawn at publish time: no script needed to see them, a title and description
for screen readers, and labels on a line of their own above each bar so the chart reads at phone width (it
scales with the page: a viewBox and width 100%)."""

from __future__ import annotations

from collections.abc import Sequence

from .page import esc

WIDTH = 400  # viewBox units; the chart scales to its column
ROW_LABEL = 17  # the label's line
BAR = 11
GAP = 8
VALUE_ROOM = 64  # room right of the longest bar for its value
COLOURS = ("#2f6db5", "#d08a1e", "#7a4aa8")


def bar_chart(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, Sequence[float | None]]],
              series: Sequence[str], unit: str = "", reference: tuple[float, str] | None = None,
              top: float | None = None) -> str:
    """A horizontal bar chart in a figure captioned with its title: a group per row (its label above), a bar per
    series; a missing value is drawn as "—". A reference value (the 21-day term) is a dashed line across all
    rows. top fixes the scale's end (100 for a share in percent)."""
    values = [v for _, vals in rows for v in vals if v is not None]
    top = top or max([*values, reference[0] if reference else 0, 1])  # the scale's end: the longest bar, or given
    scale = (WIDTH - VALUE_ROOM) / top
    group = ROW_LABEL + len(series) * (BAR + 2) + GAP
    legend = 22 if len(series) > 1 else 0
    height = legend + group * len(rows) + 4
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{esc(chart_id)}" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-labelledby="{esc(chart_id)}-t {esc(chart_id)}-d" font-family="system-ui,sans-serif" '
             f'font-size="13">', f'<title id="{esc(chart_id)}-t">{esc(title)}</title>',
             f'<desc id="{esc(chart_id)}-d">{esc(desc)}</desc>']
    for i, name in enumerate(series if legend else ()):
        x = i * 140
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[i % len(COLOURS)]}"/>'
                     f'<text x="{x + 17}" y="14" fill="currentColor">{esc(name)}</text>')
    for r, (label, vals) in enumerate(rows):
        y = legend + r * group
        parts.append(f'<text x="0" y="{y + 13}" fill="currentColor">{esc(label)}</text>')
        for s, value in enumerate(vals):
            by = y + ROW_LABEL + s * (BAR + 2)
            width = 0.0 if value is None else max(value * scale, 1.0)
            text = "—" if value is None else f"{_number(value)}{unit}"
            parts.append(f'<rect x="0" y="{by}" width="{width:.1f}" height="{BAR}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"><title>{esc(label)}, {esc(series[s])}: '
                         f"{esc(text)}</title></rect>"
                         f'<text x="{width + 4:.1f}" y="{by + BAR - 1}" font-size="11" fill="currentColor">'
                         f"{esc(text)}</text>")
    if reference is not None:
        rx = reference[0] * scale
        parts.append(f'<line x1="{rx:.1f}" y1="{legend}" x2="{rx:.1f}" y2="{height}" stroke="#b3261e" '
                     f'stroke-dasharray="4 3"><title>{esc(reference[1])}</title></line>')
    parts.append("</svg>")
    return f'<figure class="chart"><figcaption>{esc(title)}</figcaption>{"".join(parts)}</figure>'



def _number(value: float) -> str:
    """A value as the table beside the chart writes it: whole numbers plain, others with one decimal (Dutch
    comma)."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")
