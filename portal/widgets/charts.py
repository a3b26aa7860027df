"""Small inline SVG charts for statistics cards: no script, no external assets."""
from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _numbers(series: list[dict]) -> list[float]:
    values = []
    for point in series:
        try:
            values.append(float(point.get("value") or 0))
        except (TypeError, ValueError):
            values.append(0.0)
    return values


def bar_chart(series: list[dict], *, width: int = 240, height: int = 64, title: str = "") -> SafeString:
    """Bars for each ``{"label", "value"}`` point, with a <title> per bar for screen readers."""
    values = _numbers(series)
    if not values:
        return mark_safe("")
    top = max(max(values), 1.0)
    gap = 4
    bar_width = max((width - gap * (len(values) - 1)) / len(values), 2)
    bars = []
    for index, (point, value) in enumerate(zip(series, values)):
        bar_height = max(value / top * (height - 4), 1)
        x = index * (bar_width + gap)
        label = escape(f"{point.get('label', '')}: {point.get('value', '')}")
        bars.append(
            f'<rect x="{x:.1f}" y="{height - bar_height:.1f}" width="{bar_width:.1f}" height="{bar_height:.1f}" rx="2">'
            f"<title>{label}</title></rect>"
        )
    return mark_safe(
        f'<svg class="portal-chart" viewBox="0 0 {width} {height}" width="100%" height="{height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">{"".join(bars)}</svg>'
    )


def line_chart(series: list[dict], *, width: int = 240, height: int = 64, title: str = "") -> SafeString:
    values = _numbers(series)
    if len(values) < 2:
        return bar_chart(series, width=width, height=height, title=title)
    top, bottom = max(values), min(values)
    span = (top - bottom) or 1.0
    step = width / (len(values) - 1)
    points = " ".join(f"{i * step:.1f},{height - 2 - (v - bottom) / span * (height - 4):.1f}" for i, v in enumerate(values))
    return mark_safe(
        f'<svg class="portal-chart" viewBox="0 0 {width} {height}" width="100%" height="{height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="2"/></svg>'
    )


CHARTS = {"bar": bar_chart, "line": line_chart}
