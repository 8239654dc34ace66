"""Where an offer sits in the guide's band, and a package's totals: `position(offer, band)`,
`totals(package)`, `find_bands`, `stock_per_year`, `bonus_amount`. Pure functions over `Offer` /
`Package` (assistant.engine.offer) and `CompBand` (assistant.corpus.facts); every number is a Figure
(assistant.engine.figures) traced to a band row or the user's input.

When guides disagree (two guides give a band for the same company, region and role),
`positions_by_guide` places the offer in each band, so both are shown.

Position: for base, stock, bonus and annualized total comp, the percent of the way through the
band's [min, max] and below / within / above. Stock is compared per year (grant ÷ vesting
years). Annualized TC = base + stock per year + bonus; first-year adds the sign-on; the
four-year total counts base and bonus four times, stock as it vests within four years, and the
sign-on once. An offer in another currency than the band's is said to be so and not compared:
no exchange rate exists here.

Leaves out: the counter proposal and the comparison of offers (assistant.engine.negotiation), the
guide's script and lever figures (assistant.engine.script_asks), exchange rates, tax, vesting cliffs
and schedules other than even vesting, and refresh grants.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.corpus.facts import CompBand, Facts
from assistant.engine.figures import YEARS, Figure, Provenance, formula, user
from assistant.engine.offer import Offer, Package
from assistant.money import PERCENT

HORIZON_YEARS = 4


def band_figure(band: CompBand, value: float, unit: str, label: str) -> Figure:
    name = f"{band.company} {band.region} band row"
    return Figure(value, unit, label, Provenance("band", band.chunk_id, name, band.source))


@dataclass(frozen=True)
class ComponentPosition:
    component: str  # "base" | "stock" | "bonus" | "total"
    offer: Figure | None
    band_min: Figure | None
    band_max: Figure | None
    percent: float | None  # of the way from min to max (may be <0 or >100)
    status: str  # "below" | "within" | "above" | "not in offer" | "no band" | "currency mismatch"
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "offer": self.offer.to_json() if self.offer else None,
            "band_min": self.band_min.to_json() if self.band_min else None,
            "band_max": self.band_max.to_json() if self.band_max else None,
            "percent": None if self.percent is None else round(self.percent, 1),
            "status": self.status,
            "note": self.note,
        }


@dataclass(frozen=True)
class Totals:
    annualized: Figure | None
    first_year: Figure | None
    four_year: Figure | None
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "annualized": self.annualized.to_json() if self.annualized else None,
            "first_year": self.first_year.to_json() if self.first_year else None,
            "four_year": self.four_year.to_json() if self.four_year else None,
            "notes": list(self.notes),
        }


def find_bands(facts: Facts, company: str, region: str, role: str = "") -> list[CompBand]:
    return [
        band
        for band in facts.bands
        if band.company == company and band.region == region and (not role or band.role == role)
    ]


def stock_per_year(package: Package, label: str = "stock per year") -> Figure | None:
    if package.stock is None:
        return None
    who = "offer" if isinstance(package, Offer) else package.company
    stock = user(package.stock, package.currency, f"{who} RSU")
    if package.stock_basis == "per_year":
        return stock
    if not package.stock_years:
        return None
    return formula("÷", label, package.currency, stock, user(package.stock_years, YEARS, "vesting"))


def bonus_amount(package: Package, base: Figure | None) -> Figure | None:
    if package.bonus_amount is not None:
        return user(package.bonus_amount, package.currency, "bonus amount")
    if package.bonus_pct is not None and base is not None:
        return formula("×%", "bonus", package.currency, base, user(package.bonus_pct, "%", "bonus"))
    return None


def totals_at_ask(
    offer: Offer, base: Figure | None, stock: Figure | None, sign_on: Figure | None
) -> Totals:
    """The offer's totals with the asked base, stock (in the offer's basis: per year, or a
    grant over its years, divided by them) and sign-on in place of its own."""
    stock_year = None
    if stock is not None and offer.stock_basis == "per_year":
        stock_year = stock
    elif stock is not None and offer.stock_years:
        vesting = user(offer.stock_years, YEARS, "vesting")
        stock_year = formula("÷", "RSU ask per year", offer.currency, stock, vesting)
    return totals(offer, base, stock_year, sign_on)


def totals(
    package: Package,
    base: Figure | None = None,
    stock_year: Figure | None = None,
    sign_on: Figure | None = None,
    stock_years: float | None = None,
) -> Totals:
    """Annualized, first-year and four-year totals of a package (or of an ask, when `base`,
    `stock_year` and `sign_on` Figures are given)."""
    cur = package.currency
    who = "offer" if isinstance(package, Offer) else package.company
    notes: list[str] = []
    if base is None and package.base is not None:
        base = user(package.base, cur, f"{who} base")
    if stock_year is None:
        stock_year = stock_per_year(package)
        if package.stock is not None and stock_year is None:
            notes.append("stock left out of the totals: its vesting years are not known")
    if sign_on is None and package.sign_on:
        sign_on = user(package.sign_on, cur, f"{who} sign-on")
    if base is None:
        if package.tc is None:
            return Totals(None, None, None, ("no base or total comp given",))
        annual = user(package.tc, cur, f"{who} TC")
        notes.append("total comp as stated, not computed from components")
    else:
        parts = [base, *(p for p in (stock_year, bonus_amount(package, base)) if p)]
        annual = parts[0] if len(parts) == 1 else formula("sum", "annualized TC", cur, *parts)
    first = formula("sum", "first-year TC", cur, annual, sign_on) if sign_on else annual
    years = stock_years if stock_years is not None else package.stock_years
    if base is not None and stock_year is not None and package.stock_basis == "grant" and years:
        cash = [base, *(p for p in (bonus_amount(package, base),) if p)]
        cash_year = cash[0] if len(cash) == 1 else formula("sum", "cash per year", cur, *cash)
        four_parts = [
            formula("×", f"{HORIZON_YEARS} years of cash", cur, cash_year, factor=HORIZON_YEARS),
            formula(
                "×", "stock vested in 4 years", cur, stock_year, factor=min(HORIZON_YEARS, years)
            ),
        ]
    else:
        four_parts = [formula("×", f"{HORIZON_YEARS} years", cur, annual, factor=HORIZON_YEARS)]
    if sign_on:
        four_parts.append(sign_on)
    four = formula("sum", "four-year total", cur, *four_parts)
    return Totals(annual, first, four, tuple(notes))


def _place(value: float, low: float, high: float) -> tuple[float | None, str]:
    status = "below" if value < low else "above" if value > high else "within"
    if high == low:
        return None, status
    return (value - low) / (high - low) * 100, status


def position(offer: Offer, band: CompBand | None) -> list[ComponentPosition]:
    if band is None:
        return []
    cur = band.currency
    rows: list[ComponentPosition] = []
    mismatch = offer.currency and offer.currency != cur
    annual = totals(offer).annualized
    stock_year = stock_per_year(offer)
    items = [
        (
            "base",
            user(offer.base, offer.currency, "offer base") if offer.base else None,
            band.base_min,
            band.base_max,
            cur,
        ),
        ("stock", stock_year, band.stock_min, band.stock_max, cur),
        ("bonus", _offer_bonus_pct(offer), band.bonus_min_pct, band.bonus_max_pct, PERCENT),
        ("total", annual, band.total_min, band.total_max, cur),
    ]
    for component, mine, low, high, unit in items:
        lo = band_figure(band, low, unit, f"band {component} min") if low is not None else None
        hi = band_figure(band, high, unit, f"band {component} max") if high is not None else None
        if component == "stock" and low is not None and band.stock_vesting_years:
            lo, hi = (_per_year_band(band, f, f.label) for f in (lo, hi))  # type: ignore[arg-type]
        if mine is None:
            rows.append(ComponentPosition(component, None, lo, hi, None, "not in offer"))
        elif low is None or high is None:
            rows.append(ComponentPosition(component, mine, None, None, None, "no band"))
        elif mismatch and unit != PERCENT:
            note = (
                f"the offer is in {offer.currency}, the band in {cur}; not compared "
                "(no exchange rate is used)"
            )
            rows.append(ComponentPosition(component, mine, lo, hi, None, "currency mismatch", note))
        else:
            percent, status = _place(mine.value, lo.value, hi.value)  # type: ignore[union-attr]
            rows.append(ComponentPosition(component, mine, lo, hi, percent, status))
    return rows


@dataclass(frozen=True)
class GuidePosition:
    """The offer against one guide's band, when guides disagree on the band (each shown)."""

    band: CompBand
    position: list[ComponentPosition]

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.band.source,
            "chunk_id": self.band.chunk_id,
            "role": self.band.role,
            "region": self.band.region,
            "currency": self.band.currency,
            "position": [row.to_json() for row in self.position],
        }


def conflicting_bands(bands: list[CompBand]) -> bool:
    """Two or more guides give a band for the same company, region and role."""
    return (
        len(bands) > 1 and len({b.role for b in bands}) == 1 and len({b.source for b in bands}) > 1
    )


def positions_by_guide(offer: Offer, bands: list[CompBand]) -> tuple[GuidePosition, ...]:
    """The offer placed in each guide's band, in the order of the guides' sources."""
    return tuple(
        GuidePosition(b, position(offer, b)) for b in sorted(bands, key=lambda b: b.source)
    )


def _per_year_band(band: CompBand, figure: Figure, label: str) -> Figure:
    if band.stock_basis == "per_year" or not band.stock_vesting_years:
        return figure
    years = band_figure(band, band.stock_vesting_years, YEARS, "vesting")
    return formula("÷", f"{label} per year", figure.unit, figure, years)


def _offer_bonus_pct(offer: Offer) -> Figure | None:
    if offer.bonus_pct is not None:
        return user(offer.bonus_pct, PERCENT, "offer bonus")
    if offer.bonus_amount is not None and offer.base:
        amount = user(offer.bonus_amount, offer.currency, "offer bonus")
        pct = formula(
            "÷",
            "bonus as a share of base",
            "",
            amount,
            user(offer.base, offer.currency, "offer base"),
        )
        return formula("×", "offer bonus", PERCENT, pct, factor=100)
    return None
