"""Static, accessible bar charts drawn at build time: inline SVG, no script, no other host.

Each chart is one line of markup (a blank line would end an HTML block in Markdown),
has ``role="img"``, a ``<title>`` and a ``<desc>`` tied to it with ``aria-labelledby``,
and colours that follow the page's text colour where it matters (``currentColor``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 110
ROW = 30
BAR = 18
TOP = 8
BAR_COLOUR = "#2f6eb5"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: no data, no bar
    text: str  # the value as read aloud and printed beside the bar


def _bar_row(index: int, bar: Bar, scale: float) -> str:
    y = TOP + index * ROW
    mid = y + BAR / 2
    width = 0.0 if bar.value is None else max(bar.value, 0.0) * scale
    parts = [
        f'<text x="{LABEL_WIDTH - 8}" y="{mid:.1f}" text-anchor="end" '
        f'dominant-baseline="middle">{escape(bar.label)}</text>',
    ]
    if width > 0:
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width:.1f}" height="{BAR}" '
                     f'fill="{BAR_COLOUR}"/>')
    parts.append(f'<text x="{LABEL_WIDTH + width + 6:.1f}" y="{mid:.1f}" '
                 f'dominant-baseline="middle">{escape(bar.text)}</text>')
    return "".join(parts)


def bar_chart(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> str:
    """A horizontal bar chart; ``chart_id`` must be unique on the page."""
    top = max((b.value for b in bars if b.value is not None), default=0.0)
    scale = (WIDTH - LABEL_WIDTH - VALUE_WIDTH) / top if top > 0 else 0.0
    height = TOP * 2 + ROW * len(bars)
    rows = "".join(_bar_row(i, bar, scale) for i, bar in enumerate(bars))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rso-chart" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'style="max-width:100%;height:auto" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<g font-family="sans-serif" font-size="14" fill="currentColor">{rows}</g>'
        f'<line x1="{LABEL_WIDTH}" y1="{TOP / 2}" x2="{LABEL_WIDTH}" y2="{height - TOP / 2}" '
        f'stroke="currentColor" stroke-width="1"/>'
        "</svg>"
    )
