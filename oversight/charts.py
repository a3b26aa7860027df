"""Server-side SVG charts for the board and the statistics pages: no script, no outside assets.

Each chart is an ``<svg role="img">`` with a title and a description naming every value, and
each bar carries its own ``<title>``; the pages always print the same figures in a table next to
the chart (the accessible fallback and what people copy into reports).
"""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from config.i18n import join_clauses, join_list

PALETTE = ["#1f5fa8", "#c0392b", "#d4a017", "#2e8b57", "#7d3c98", "#16a085", "#8d6e63", "#546e7a"]


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".rstrip("0").rstrip(".")
    return str(value)


def hbar_chart(rows: list[tuple[str, float]], *, title: str, unit: str = "", width: int = 640,
               bar_height: int = 22, label_width: int = 200, colour: str = PALETTE[0]) -> SafeString:
    """Horizontal bars, one per ``(label, value)``, the value printed at the end of each bar."""
    if not rows:
        return mark_safe("")
    top = max((float(value or 0) for _label, value in rows), default=0) or 1.0
    plot = width - label_width - 70
    height = len(rows) * (bar_height + 8) + 8
    parts = []
    for index, (label, value) in enumerate(rows):
        y = 8 + index * (bar_height + 8)
        length = max(float(value or 0) / top * plot, 1)
        text = f"{label}: {_fmt(value)}{unit}"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" font-size="13">{escape(label[:16])}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{colour}" rx="2">'
            f"<title>{escape(text)}</title></rect>"
            f'<text x="{label_width + length + 6:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="13">{escape(_fmt(value))}{escape(unit)}</text>'
        )
    desc = join_clauses(f"{label} {_fmt(value)}{unit}" for label, value in rows)
    return mark_safe(
        f'<svg class="ov-chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title><desc>{escape(desc)}</desc>{"".join(parts)}</svg>'
    )


def column_chart(categories: list[str], series: list[tuple[str, list[float]]], *, title: str, width: int = 640,
                 height: int = 220) -> SafeString:
    """Stacked columns: one column per category (e.g. month), one coloured part per series
    (e.g. content type), with a legend."""
    if not categories or not series:
        return mark_safe("")
    totals = [sum(float(values[i] or 0) for _name, values in series) for i in range(len(categories))]
    top = max(totals) or 1.0
    left, bottom, legend_height = 36, 24, 22
    plot_height = height - bottom - legend_height
    step = (width - left) / len(categories)
    bar = max(step * 0.6, 4)
    parts = [f'<line x1="{left}" y1="{legend_height + plot_height}" x2="{width}" y2="{legend_height + plot_height}" stroke="#888"/>',
             f'<text x="{left - 4}" y="{legend_height + 10}" text-anchor="end" font-size="11">{_fmt(top)}</text>']
    for s_index, (name, _values) in enumerate(series):
        x = left + s_index * 110
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{PALETTE[s_index % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="14" font-size="12">{escape(name)}</text>')
    for c_index, category in enumerate(categories):
        x = left + c_index * step + (step - bar) / 2
        y = legend_height + plot_height
        for s_index, (name, values) in enumerate(series):
            value = float(values[c_index] or 0)
            if value <= 0:
                continue
            h = value / top * plot_height
            y -= h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{PALETTE[s_index % len(PALETTE)]}"><title>{escape(f"{category} {name}: {_fmt(value)}")}</title></rect>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 6}" text-anchor="middle" font-size="11">{escape(category)}</text>')
    desc = join_clauses(f"{category}: " + join_list(f"{name} {_fmt(values[i])}" for name, values in series)
                    for i, category in enumerate(categories))
    return mark_safe(
        f'<svg class="ov-chart" viewBox="0 0 {width} {height}" width="100%" role="img" xmlns="http://www.w3.org/2000/svg">'
        f'<title>{escape(title)}</title><desc>{escape(desc)}</desc>{"".join(parts)}</svg>'
    )
