"""The workbench's year-by-year comparison as HTML: the sentences on who leads, a table per offer
(with the guide's band beside it) and a chart of stacked bars per year per offer (base, bonus,
stock, sign-on) as inline SVG, one chart per currency (amounts in two currencies are never drawn
on one scale). Every text is escaped here; every number comes formatted from the library.

Leaves out: Gradio (ui/compare_section.py) and every number (assistant.engine.years).
"""

from __future__ import annotations

import html
import math

from assistant.engine.years_report import HEADERS, shown, table_rows
from assistant.engine.years_workbench import YearsView, band_summary
from assistant.money import format_money

COLOURS = {"base": "#2563eb", "bonus": "#f59e0b", "stock": "#16a34a", "sign_on": "#db2777"}
NAMES = {"base": "base", "bonus": "bonus", "stock": "stock vested", "sign_on": "sign-on"}
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 760, 340, 70, 16, 20, 74
LETTERS = "ABCD"


def years_html(view: YearsView) -> str:
    """Sentences, then the chart(s), then each offer's table with its band."""
    esc = html.escape
    out = ['<div class="coach-years">']
    out.append(
        '<ul class="coach-years-lead">'
        + "".join(f"<li>{esc(s)}</li>" for s in view.sentences)
        + "</ul>"
    )
    out += years_charts(view)
    for n, (offer, band) in enumerate(zip(view.comparison.offers, view.bands, strict=True)):
        stock = f"; stock: {offer.schedule.label}" if offer.schedule else ""
        out.append(
            f'<h4 class="coach-years-offer">{LETTERS[n]}. {esc(offer.label)} '
            f"({esc(offer.currency)}){esc(stock)}</h4>"
        )
        if band is not None:
            out.append(
                f'<p class="coach-years-band">Guide band ({esc(band.region)}): '
                f"{esc(band_summary(band))} <span class='coach-where'>[{esc(band.chunk_id[:8])}] "
                f"{esc(band.source)}</span></p>"
            )
        else:
            out.append('<p class="coach-years-band">No guide band for this company and region.</p>')
        head = "".join(f"<th>{esc(h)}</th>" for h in HEADERS)
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in cells) + "</tr>"
            for cells in table_rows(offer)
        )
        out.append(f'<table class="coach-years-table"><tr>{head}</tr>{rows}</table>')
        notes = [*offer.assumptions, f'From your words: "{offer.offer.text}"']
        out.append("<ul class='coach-where'>" + "".join(f"<li>{esc(a)}</li>" for a in notes))
        out.append("</ul>")
    out.append("</div>")
    return "".join(out)


def years_charts(view: YearsView) -> list[str]:
    """One chart per currency, each over the offers in that currency."""
    currencies = list(dict.fromkeys(o.currency for o in view.comparison.offers))
    charts = []
    for currency in currencies:
        picked = [
            n for n, o in enumerate(view.comparison.offers) if o.currency == currency
        ]  # fmt: skip
        charts.append(years_chart_svg(view, picked, currency))
    return charts


def years_chart_svg(view: YearsView, picked: list[int], currency: str) -> str:
    """Stacked bars per year per offer; beside each bar the guide's total-comp band (min–max)."""
    esc = html.escape
    offers = [view.comparison.offers[n] for n in picked]
    years = len(offers[0].rows)
    bands = [view.bands[n] if _drawable(view.bands[n], currency) else None for n in picked]
    tops = [row.total.value for o in offers for row in o.rows]
    tops += [b.total_max for b in bands if b is not None and b.total_max]
    step = _nice_step(max(tops) / 4)
    scale_max = step * (int(max(tops) / step) + 1)
    plot_h = HEIGHT - TOP - BOTTOM
    group = (WIDTH - LEFT - RIGHT) / years
    bar = min(34.0, group * 0.8 / len(offers) - 10)

    def y(value: float) -> float:
        return TOP + plot_h - value / scale_max * plot_h

    parts = [
        f'<svg class="coach-years-chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" style="max-width:{WIDTH + 140}px" xmlns="http://www.w3.org/2000/svg" '
        f'data-currency="{esc(currency)}">',
        f"<title>Each offer year by year ({esc(currency)}): base, bonus, stock and sign-on</title>",
    ]
    for tick in range(round(scale_max / step) + 1):
        value = step * tick
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" '
            f'stroke="#e4e4e7"/><text x="{LEFT - 6}" y="{y(value) + 4:.1f}" font-size="11" '
            f'fill="#52525b" text-anchor="end">{esc(format_money(value, currency))}</text>'
        )
    for i in range(years):
        x0 = LEFT + i * group + (group - len(offers) * (bar + 10)) / 2
        for k, (n, offer) in enumerate(zip(picked, offers, strict=True)):
            parts.append(_stack(offer, i, n, x0 + k * (bar + 10), bar, y, bands[k]))
        parts.append(
            f'<text x="{LEFT + (i + 0.5) * group:.1f}" y="{HEIGHT - BOTTOM + 30}" font-size="12" '
            f'fill="#111" text-anchor="middle">Year {i + 1}</text>'
        )
    parts.append(_legend(offers, picked))
    parts.append("</svg>")
    return "".join(parts)


def _nice_step(rough: float) -> float:
    """The gridline step: 1, 2, 2.5 or 5 times a power of ten, at least `rough`."""
    power = 10 ** math.floor(math.log10(rough)) if rough > 0 else 1
    return next(power * m for m in (1, 2, 2.5, 5, 10) if power * m >= rough)


def _drawable(band, currency: str) -> bool:
    return band is not None and band.currency == currency and bool(band.total_min)


def _stack(offer, i: int, n: int, x: float, width: float, y, band) -> str:
    esc = html.escape
    row = offer.rows[i]
    out = [
        f'<g class="coach-years-bar" data-offer="{LETTERS[n]}" data-year="{row.year}" '
        f'data-total="{esc(shown(row.total))}">'
    ]
    bottom = 0.0
    for name, figure in zip(COLOURS, row.parts(), strict=True):
        if figure is None or figure.value <= 0:
            continue
        top = bottom + figure.value
        out.append(
            f'<rect class="coach-years-{name}" x="{x:.1f}" y="{y(top):.1f}" width="{width:.1f}" '
            f'height="{max(y(bottom) - y(top), 0.5):.1f}" fill="{COLOURS[name]}">'
            f"<title>{LETTERS[n]} {esc(offer.label)}, year {row.year}: {NAMES[name]} "
            f"{esc(shown(figure))}</title></rect>"
        )
        bottom = top
    out.append(
        f'<text x="{x + width / 2:.1f}" y="{y(bottom) - 4:.1f}" font-size="10" fill="#111" '
        f'text-anchor="middle">{esc(shown(row.total))}</text>'
        f'<text x="{x + width / 2:.1f}" y="{y(0) + 14:.1f}" font-size="11" font-weight="bold" '
        f'fill="#111" text-anchor="middle">{LETTERS[n]}</text>'
    )
    if band is not None:
        bx, low, high = x + width + 4, y(band.total_min), y(band.total_max)
        span = "–".join(format_money(v, band.currency) for v in (band.total_min, band.total_max))
        out.append(
            f'<g class="coach-years-band-mark" stroke="#64748b" stroke-width="2">'
            f"<title>guide band, total comp a year: {esc(span)}</title>"
            f'<line x1="{bx:.1f}" x2="{bx:.1f}" y1="{high:.1f}" y2="{low:.1f}"/>'
            f'<line x1="{bx - 3:.1f}" x2="{bx + 3:.1f}" y1="{high:.1f}" y2="{high:.1f}"/>'
            f'<line x1="{bx - 3:.1f}" x2="{bx + 3:.1f}" y1="{low:.1f}" y2="{low:.1f}"/></g>'
        )
    out.append("</g>")
    return "".join(out)


def _legend(offers, picked: list[int]) -> str:
    esc = html.escape
    y0 = HEIGHT - 22
    out = ['<g class="coach-years-legend" font-size="11" fill="#333">']
    x = LEFT
    for name, colour in COLOURS.items():
        out.append(
            f'<rect x="{x}" y="{y0 - 9}" width="12" height="10" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{y0}">{NAMES[name]}</text>'
        )
        x += 30 + 7 * len(NAMES[name])
    out.append(
        f'<line x1="{x}" x2="{x}" y1="{y0 - 10}" y2="{y0 + 1}" stroke="#64748b" stroke-width="2"/>'
        f'<text x="{x + 6}" y="{y0}">guide band, total comp a year</text>'
    )
    names = " · ".join(f"{LETTERS[n]} = {o.label}" for n, o in zip(picked, offers, strict=True))
    out.append(f'<text x="{LEFT}" y="{y0 + 16}">{esc(names)}</text></g>')
    return "".join(out)
