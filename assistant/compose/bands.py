"""Comp-table rows written out: one row as a component table, several as one table per
company, the cells exactly as the guide writes them, each cited; a stock grant's per-year
figure computed and shown with its formula.

Leaves out: choosing which rows to show (assistant.compose.comp).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.compose.core import Writer
from assistant.corpus.facts import CompBand
from assistant.money import PERCENT, currencies_in, format_money

COMPONENT_COLUMNS = {
    "base": ("base",),
    "stock": ("stock", "rsu", "equity"),
    "bonus": ("bonus",),
    "total": ("total", "tc"),
}


COMPONENT_NAMES = {
    "base": "Base salary",
    "stock": "Stock",
    "bonus": "Bonus",
    "total": "Total comp",
    "sign_on": "Sign-on bonus",
}


def columns(band: CompBand) -> list[tuple[str, str]]:
    """(header, cell) of the row, the region column left out; a cell that does not read as an
    amount (or is absurd) is "—", never shown as a figure (`no_figure_note` says so)."""
    return [
        (h, "—" if h in band.unparsed else v)
        for h, v in band.cells.items()
        if h.strip() and v != band.region
    ]


def no_figure_note(band: CompBand) -> str:
    headers = [h for h in band.unparsed if h in band.cells]
    if not headers:
        return ""
    region = band.region.replace("()", "").strip() or "this row"
    return (
        f"The guide gives no figure for {', '.join(headers)} in {band.company} {region}: "
        "its cell does not read as an amount (or is beyond any real pay)."
    )


def component_cell(band: CompBand, component: str) -> tuple[str, str] | None:
    words = COMPONENT_COLUMNS.get(component, ())
    for header, value in columns(band):
        if any(w in header.lower() for w in words):
            return header, value
    return None


def per_year_note(band: CompBand, writer: Writer) -> str:
    years = band.stock_vesting_years
    if not years or band.stock_basis != "grant" or band.stock_min is None:
        return ""
    low = band.stock_min / years
    high = (band.stock_max or band.stock_min) / years
    writer.values += [(low, band.currency), (high, band.currency)]
    span = format_money(low, band.currency)
    if high != low:
        span += "–" + format_money(high, band.currency)
    return (
        f"The stock figure is a grant vesting over {years} years: about {span} a year "
        f"(grant ÷ {years})."
    )


def per_month_note(band: CompBand, writer: Writer, component: str | None) -> str:
    """A yearly figure asked per month ("anyscale sf base per month?"): its range ÷ 12, before
    tax; the base unless the total was asked. The guides give yearly figures only, and nothing
    on tax, so no take-home figure is made."""
    part = "total" if component == "total" else "base"
    low, high = getattr(band, f"{part}_min"), getattr(band, f"{part}_max")
    if low is None:
        return ""
    high = high or low
    writer.values += [(low / 12, band.currency), (high / 12, band.currency)]
    span = format_money(low / 12, band.currency)
    if high != low:
        span += "–" + format_money(high / 12, band.currency)
    name = "Total comp" if part == "total" else "Base salary"
    return f"{name} per month: about {span} before tax ({part} ÷ 12)."


def band_point_note(band: CompBand, writer: Writer, component: str | None, point: str) -> str:
    """The band's top, bottom or midpoint asked of one row ("what's the max base at anyscale
    sf?"): that figure first, the midpoint with its sum shown; the base and the total when no
    part was named. Leaves out any median or average: the guides give ranges only."""
    parts = [component] if component in ("base", "stock", "total", "bonus") else ["base", "total"]
    said = []
    for part in parts:
        pct = part == "bonus"
        low = band.bonus_min_pct if pct else getattr(band, f"{part}_min")
        high = band.bonus_max_pct if pct else getattr(band, f"{part}_max")
        if low is None:
            continue
        high = low if high is None else high
        unit = PERCENT if pct else band.currency
        show = (lambda v: f"{v:g}%") if pct else (lambda v: format_money(v, band.currency))
        band_of = f"the {COMPONENT_NAMES[part].lower()} band"
        if point == "middle":
            mid = (low + high) / 2
            writer.values.append((mid, unit))
            said.append(
                f"the midpoint of {band_of} is **{show(mid)}** (({show(low)} + {show(high)}) ÷ 2)"
            )
        else:
            value = high if point == "top" else low
            said.append(f"the {point} of {band_of} is **{show(value)}**")
    if not said:
        return ""
    where = f"{band.company} {band.region}".replace("()", "").strip()
    return f"{where}: {'; '.join(said)} {writer.book.cite(band.chunk_id)}"


def one_band(writer: Writer, band: CompBand, component: str | None) -> None:
    mark = writer.book.cite(band.chunk_id)
    where = f"{band.company} · {band.role} · {band.region}"
    focus = component_cell(band, component) if component else None
    if focus and focus[1] == "—":
        writer.add(no_figure_note(band) + f" {mark}", "")
        focus = None
    if focus:
        writer.add(f"**{focus[0]}** for {where} ({band.currency}): **{focus[1]}** {mark}", "")
        writer.key.append(focus[1])
        writer.add("The whole row:")
    else:
        writer.add(f"**{where}** ({band.currency}) {mark}", "")
    writer.add("| Component | Range |", "|---|---|")
    for header, value in columns(band):
        writer.add(f"| {header} | {value} {mark} |")
    if note := no_figure_note(band):
        writer.add("", note)


def band_table(
    writer: Writer,
    bands: list[CompBand],
    component: str | None = None,
    compares: bool = False,
    each: bool = False,
) -> None:
    """The rows side by side, one table per company; with a pay component asked of rows of
    several companies, of regions the question compares ("is 15% just what the US side
    gets? hangzhou's goes higher?"), or of the regions it names (`each`: "what are the two tc
    bands?"), a first line giving that component of each row; with one
    company's rows all giving the same figure ("what's anyscale's bonus?"), a line saying so."""
    cells = [(band, component_cell(band, component)) for band in bands] if component else []
    shown = [(band, cell) for band, cell in cells if cell and cell[1] != "—"]
    companies = len({band.company for band, _ in shown})
    if companies > 1 or ((compares or each) and len(shown) > 1):  # a row each
        parts = [
            f"{band.company} {band.region} **{cell[1]}** {writer.book.cite(band.chunk_id)}"
            for band, cell in shown
        ]
        # ("which tops out higher and by how much?": the gap, computed, in the same sentence)
        gap = top_gap(writer, [band for band, _ in shown], component) if compares else ""
        writer.add(f"**{shown[0][1][0]}**: " + "; ".join([*parts, *filter(None, [gap])]) + ".", "")
        writer.key += [cell[1] for _, cell in shown]
    elif len(shown) > 1 and len({cell[1] for _, cell in shown}) == 1:  # one figure everywhere
        (band, (name, value)), regions = shown[0], ", ".join(b.region for b, _ in shown)
        marks = "".join(writer.book.cite(b.chunk_id) for b, _ in shown)
        writer.add(f"**{name}** at {band.company}: **{value}** in each region ({regions}) {marks}.")
        writer.add("")
        writer.key.append(value)
    by_company: dict[str, list[CompBand]] = {}
    for band in bands:
        by_company.setdefault(f"{band.company} · {band.role}", []).append(band)
    for title, rows in by_company.items():
        headers = [h for h, _ in columns(rows[0])]
        writer.add(f"**{title}**", "")
        writer.add("| Region | " + " | ".join(headers) + " | Source |")
        writer.add("|---" * (len(headers) + 2) + "|")
        for band in rows:
            cells = dict(columns(band))
            values = [cells.get(h, "—") for h in headers]
            mark = writer.book.cite(band.chunk_id)
            writer.add(f"| {band.region} | " + " | ".join(values) + f" | {mark} |")
        writer.add("")
        for band in rows:
            if note := no_figure_note(band):
                writer.add(note, "")
        for note in disagreements(writer, rows):
            writer.add(note, "")


def disagreements(writer: Writer, rows: list[CompBand]) -> list[str]:
    """A note per region that two guides give different rows for (both rows are shown)."""
    by_region: dict[str, list[CompBand]] = {}
    for band in rows:
        by_region.setdefault(band.region, []).append(band)
    notes = []
    for region, same in by_region.items():
        if len({tuple(columns(b)) for b in same}) > 1:
            marks = " and ".join(writer.book.cite(b.chunk_id) for b in same)
            sources = ", ".join(sorted({b.source for b in same}))
            notes.append(
                f"The guides disagree on {same[0].company} {region}: rows {marks} give "
                f"different figures ({sources}); both are shown, neither is preferred."
            )
    return notes


def band_in_other_currency(
    bands: Sequence[CompBand], company: str | None, region: str | None, quoted: Iterable[str]
) -> tuple[CompBand, list[str]] | None:
    """The band of `company` in `region` and the currencies of the figures in `quoted` (lever,
    script or sign-on text), when the band is in none of them (a London band in GBP, levers in
    USD); else None. No exchange rate is applied by any caller."""
    band = next((b for b in bands if b.company == company and b.region == region), None)
    units = currencies_in(*quoted)
    if band is None or not band.currency or not units or band.currency in units:
        return None
    return band, sorted(units)


_TOPS = {"base": "base_max", "stock": "stock_max", "total": "total_max"}


def top_gap(writer: Writer, bands: Sequence[CompBand], component: str | None) -> str:
    """For two rows in one currency, how much higher one's range tops out for the component
    ("Hangzhou (HQ) tops out CNY 50K higher (CNY 1.2M − CNY 1.15M)", said beside the two
    ranges it is computed from), the difference a shown calculation; "" for other rows, a
    bonus %, or no top figure."""
    if component == "bonus" and len(bands) == 2:  # (a percentage: in any currency)
        return _bonus_gap(writer, bands)
    field = _TOPS.get(component or "")
    if field is None or len(bands) != 2 or bands[0].currency != bands[1].currency:
        return ""
    high, low = sorted(bands, key=lambda band: -(getattr(band, field) or 0))
    top, bottom = getattr(high, field), getattr(low, field)
    if top is None or bottom is None or top == bottom:
        return ""
    money = [format_money(v, high.currency) for v in (top - bottom, top, bottom)]
    writer.values.append((top - bottom, high.currency))
    return f"{_row_named(high, bands)} tops out {money[0]} higher ({money[1]} − {money[2]})"


def _row_named(band: CompBand, bands: Sequence[CompBand]) -> str:
    """A row as the gap names it: its region, with its company when the rows' companies differ
    ("Alibaba Bay Area / Sunnyvale (US R&D)" beside Anyscale's San Francisco)."""
    several = len({b.company for b in bands}) > 1
    return f"{band.company} {band.region}" if several else band.region


def _bonus_gap(writer: Writer, bands: Sequence[CompBand]) -> str:
    """ "Bay Area / Sunnyvale (US R&D) tops out 5 points higher (15% − 10%)": the bonus
    percentages' tops, the difference a shown calculation; "" when they are equal or unsaid."""
    high, low = sorted(bands, key=lambda band: -(band.bonus_max_pct or 0))
    top, bottom = high.bonus_max_pct, low.bonus_max_pct
    if top is None or bottom is None or top == bottom:
        return ""
    writer.values.append((top - bottom, PERCENT))
    gap = f"{top - bottom:g} points higher ({top:g}% − {bottom:g}%)"
    return f"{_row_named(high, bands)} tops out {gap}"
