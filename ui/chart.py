"""The workbench's band chart as SVG: one row per component, the guide's min–max bar, a circle
for the offer and a diamond for the ask, each row on its own scale (the units differ).

Two drawings of the same bars: a wide one (labels left of the bars) and a narrow one for phones
(each label above its bar, drawn at 320 units so its text stays legible at 390 px); the page's
CSS shows one of them. Colours meet WCAG AA (≥ 4.5:1 on white) for every text: the offer blue
#1d4ed8, the ask green #15803d, band labels #334155.

Leaves out: the numbers (they come formatted from the engine's Figures) and the proposal table
(ui.render).
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.engine.workbench import BandBar

OFFER_COLOUR, ASK_COLOUR, LABEL_COLOUR, BAND_FILL = "#1d4ed8", "#15803d", "#334155", "#cbd5e1"


@dataclass(frozen=True)
class Geometry:
    width: int
    row_height: int
    bar_left: int
    bar_right: int
    label_above: bool  # the narrow layout: each label on its own line above its bar
    font: int


WIDE = Geometry(720, 64, 170, 690, False, 13)
NARROW = Geometry(320, 100, 24, 296, True, 14)


def band_chart_svg(bars: Iterable[BandBar]) -> str:
    """Both drawings (wide, narrow) of the chart, or a sentence when there is no band."""
    rows = [bar for bar in bars if bar.band_min is not None and bar.band_max is not None]
    if not rows:
        return '<p class="coach-chart-empty">No comp band to draw for this company and region.</p>'
    return (
        f'<div class="coach-chart-wide">{_svg(rows, WIDE)}</div>'
        f'<div class="coach-chart-narrow">{_svg(rows, NARROW)}</div>'
    )


def _svg(rows: list[BandBar], g: Geometry) -> str:
    height = g.row_height * len(rows) + 44
    parts = [
        f'<svg class="coach-band-chart" role="img" viewBox="0 0 {g.width} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        "<title>Your offer and the ask against the guide's band</title>",
    ]
    for row, bar in enumerate(rows):
        parts.append(_row(bar, 20 + row * g.row_height, g))
    parts.append(_legend(height - 12, g))
    parts.append("</svg>")
    return "".join(parts)


def _legend(y: int, g: Geometry) -> str:
    left = 8 if g.label_above else g.bar_left
    size = g.font - 1
    return (
        f'<g font-size="{size}" fill="#111"><circle cx="{left + 6}" cy="{y - 4}" r="6" '
        f'fill="{OFFER_COLOUR}"/><text x="{left + 16}" y="{y}">your offer</text>'
        f'<path d="{_diamond(left + 100, y - 4)}" fill="{ASK_COLOUR}"/>'
        f'<text x="{left + 112}" y="{y}">the ask</text>'
        f'<rect x="{left + 172}" y="{y - 10}" width="20" height="12" fill="{BAND_FILL}"/>'
        f'<text x="{left + 198}" y="{y}">guide band</text></g>'
    )


def _row(bar: BandBar, top: int, g: Geometry) -> str:
    low, high = bar.band_min.value, bar.band_max.value  # type: ignore[union-attr]
    points = [v.value for v in (bar.offer, bar.ask) if v is not None] + [low, high]
    span_low, span_high = min(points), max(points)
    pad = (span_high - span_low) * 0.08 or max(abs(span_high) * 0.1, 1)
    span_low, span_high = span_low - pad, span_high + pad

    def x(value: float) -> float:
        return g.bar_left + (value - span_low) / (span_high - span_low) * (g.bar_right - g.bar_left)

    mid = top + (34 if g.label_above else 18)
    small = g.font - 2
    esc = html.escape
    band_min, band_max = bar.band_min.display, bar.band_max.display  # type: ignore[union-attr]
    label_at = f'x="8" y="{top + 8}"' if g.label_above else f'x="4" y="{mid + 4}"'
    out = [
        f'<g class="coach-bar" data-component="{esc(bar.component)}" '
        f'data-band="{esc(band_min)}–{esc(band_max)}" '
        f'data-offer="{esc(bar.offer.display) if bar.offer else ""}" '
        f'data-ask="{esc(bar.ask.display) if bar.ask else ""}">',
        f'<text {label_at} font-size="{g.font}" font-weight="600" fill="#111">'
        f"{esc(bar.label)}</text>",
        f'<rect x="{x(low):.1f}" y="{mid - 7}" width="{max(x(high) - x(low), 2):.1f}" height="14" '
        f'rx="3" fill="{BAND_FILL}">'
        f"<title>guide band {esc(band_min)}–{esc(band_max)}</title></rect>",
        f'<text x="{x(low):.1f}" y="{mid + 26}" font-size="{small}" fill="{LABEL_COLOUR}" '
        f'text-anchor="{_anchor(x(low), g)}">{esc(band_min)}</text>',
        f'<text x="{x(high):.1f}" y="{mid + 26}" font-size="{small}" fill="{LABEL_COLOUR}" '
        f'text-anchor="{_anchor(x(high), g)}">{esc(band_max)}</text>',
    ]
    if bar.offer is not None:
        out.append(
            f'<circle class="coach-offer" cx="{x(bar.offer.value):.1f}" cy="{mid}" r="7" '
            f'fill="{OFFER_COLOUR}"><title>your offer {esc(bar.offer.display)}</title></circle>'
            f'<text x="{x(bar.offer.value):.1f}" y="{mid - 11}" font-size="{small}" '
            f'fill="{OFFER_COLOUR}" text-anchor="{_anchor(x(bar.offer.value), g)}">'
            f"{esc(bar.offer.display)}</text>"
        )
    if bar.ask is not None:
        out.append(
            f'<path class="coach-ask" d="{_diamond(x(bar.ask.value), mid)}" fill="{ASK_COLOUR}">'
            f"<title>ask {esc(bar.ask.display)}</title></path>"
            f'<text x="{x(bar.ask.value):.1f}" y="{mid + 44 if g.label_above else mid + 26}" '
            f'font-size="{small}" fill="{ASK_COLOUR}" text-anchor="{_anchor(x(bar.ask.value), g)}" '
            f'font-weight="bold">{esc(bar.ask.display)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _anchor(at: float, g: Geometry) -> str:
    """Labels near the narrow chart's edges are anchored inward, so none is cut off."""
    if not g.label_above:
        return "middle"
    if at < g.bar_left + 30:
        return "start"
    if at > g.bar_right - 30:
        return "end"
    return "middle"


def _diamond(cx: float, cy: float, r: float = 8) -> str:
    points = ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"
