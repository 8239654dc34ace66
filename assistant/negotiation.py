"""Where an offer sits in the guide's band, and a counter proposal in which every number is
traceable. Pure functions over `Offer` (assistant.offer) and the typed facts; no model, no I/O.

Every number is a `Figure(value, unit, label, provenance)` (assistant.figures): a band
row (the CompBand's chunk id), a script or a lever (their chunk ids), the user's input, or a
formula over other Figures that is shown as text ("offer RSU $130K + RSU increment $55K
(Alibaba script)") and recomputes to the value.

Position: for base, stock, bonus and annualized total comp, the percent of the way through the
band's [min, max] and below / within / above. Stock is compared per year (grant ÷ vesting
years). Annualized TC = base + stock per year + bonus; first-year adds the sign-on; the
four-year total counts base and bonus four times, stock as it vests within four years, and the
sign-on once. An offer in another currency than the band's is said to be so and not compared:
no exchange rate exists here.

Counter proposal, conservative rules:
1. Guide figures apply only in the offer's currency. The company's negotiate-up script gives
   asks ("I need $213K base, $222K equity/4yr, and a $25K signing bonus"), a stock increment
   ("RSUs at $[Y+55K]": offer RSU + $55K) and a floor ("My floor is $198K"); a sign-on lever's
   range ("A $[35K-55K] sign-on") gives a sign-on ceiling. A stock figure is converted to the
   offer's basis (per year, or a grant over other years) by a shown formula.
2. Base and stock: the script's ask, or the offer plus the script's increment; when the guide
   has no figure for the component (or the offer already reaches it), the band's midpoint when
   the offer is below it, else the band's top. A competing offer in the same currency with a
   higher component raises the ask to match it.
3. Cap: an ask never exceeds the band's top plus the guide's stated increment for that
   component, unless a competing offer's figure is higher (then that figure is the cap).
4. Never below the offer: when the rules give less than the offer, the ask is the offer (hold).
5. Sign-on: the script's sign-on, else the top of a sign-on lever's range, else a competing
   offer's sign-on; never below the offer's own sign-on; none when the guide names none.
6. Floor (walk-away base): the user's floor if given, else the script's floor but not below the
   offer's base, else the offer's base; never above the base ask.
7. Levers: the guide's own levers, each marked as applying (a competing-offer lever when the
   user has a competing offer, a sign-on lever when a sign-on is asked) or as applying if true
   for the user (experience and impact levers).

Leaves out: exchange rates, tax, vesting cliffs and schedules other than even vesting, refresh
grants, and the wording of drafts (assistant.drafts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.facts import CompBand, Facts, Lever, Script
from assistant.figures import YEARS, Figure, Provenance, formula, user
from assistant.money import CURRENCY_ALIASES, PERCENT, find_amounts, parse_amount
from assistant.offer import Offer, Package, label_amounts, years_in

HORIZON_YEARS = 4


def _band_figure(band: CompBand, value: float, unit: str, label: str) -> Figure:
    name = f"{band.company} {band.region} band row"
    return Figure(value, unit, label, Provenance("band", band.chunk_id, name, band.source))


# --- the guide's own numbers -------------------------------------------------------------------


@dataclass(frozen=True)
class GuideFigures:
    """What a company's script and levers say to ask, as Figures (None where they say nothing)."""

    base: Figure | None = None
    stock: Figure | None = None  # a grant over `stock_years`
    stock_years: Figure | None = None
    stock_increment: Figure | None = None  # added to the offer's grant ("$[Y+55K]")
    sign_on: Figure | None = None
    sign_on_top: Figure | None = None  # top of a sign-on lever's range
    floor: Figure | None = None


_ASK = re.compile(r"\bI\s+need\b|\bI'd\s+like\b|\bto\s+accept\b|\bto\s+choose\b", re.I)
_SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+")
_SIGN = "|".join(re.escape(a) for a in sorted(CURRENCY_ALIASES, key=len, reverse=True))
_INCREMENT = re.compile(rf"(?P<cur>{_SIGN})?\[\s*[A-Z]\s*\+\s*(?P<amt>[^\]]+)\]")
_SIGN_ON = re.compile(r"sign(?:ing)?[\s-]?on|signing", re.I)


def guide_figures(company: str, scripts: list[Script], levers: list[Lever]) -> GuideFigures:
    found: dict[str, Figure] = {}
    for script in (s for s in scripts if s.company == company):
        prov = Provenance("script", script.chunk_id, f"{company} script", script.source)
        for sentence in _SENTENCE.split(script.text):
            if re.search(r"\bfloor\b", sentence, re.I):
                amounts = [a for a, _, _ in find_amounts(sentence) if a.unit and not a.is_range]
                if amounts and "floor" not in found:
                    found["floor"] = Figure(amounts[0].low, amounts[0].unit, "floor", prov)
                continue
            if not _ASK.search(sentence):
                continue
            for match in _INCREMENT.finditer(sentence):
                amount = parse_amount(match["amt"])
                unit = CURRENCY_ALIASES.get(match["cur"] or "", "") or (
                    amount.unit if amount else ""
                )
                before = sentence[: match.start()]
                if amount and unit and re.search(r"(rsus?|stock|equity)\W*\w*\W*$", before, re.I):
                    found.setdefault(
                        "stock_increment", Figure(amount.low, unit, "RSU increment", prov)
                    )
            for amount, start, _end, component, tail in label_amounts(sentence):
                if not amount.unit or amount.is_range or amount.is_percent:
                    continue
                if _INCREMENT.search(sentence[max(0, start - 4) : start + len(amount.raw) + 2]):
                    continue
                key = {"base": "base", "stock": "stock", "sign_on": "sign_on"}.get(component)
                if key and key not in found:
                    found[key] = Figure(
                        amount.low, amount.unit, f"{key.replace('_', '-')} ask", prov
                    )
                    if key == "stock":
                        years = years_in(tail)
                        if years:
                            found["stock_years"] = Figure(years, YEARS, "vesting", prov)
    for lever in (lv for lv in levers if lv.company == company):
        if not _SIGN_ON.search(f"{lever.name} {lever.text}"):
            continue
        ranges = [a for a in lever.amounts if a.unit and a.unit != PERCENT and a.low != a.high]
        if ranges and "sign_on_top" not in found:
            prov = Provenance(
                "lever", lever.chunk_id, f"{company} {lever.name} lever", lever.source
            )
            found["sign_on_top"] = Figure(ranges[0].high, ranges[0].unit, "sign-on range top", prov)
    if "stock" in found and "stock_years" not in found:
        del found["stock"]  # a stock ask with no basis cannot be compared
    return GuideFigures(**found)


# --- position ------------------------------------------------------------------------------------


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
        lo = _band_figure(band, low, unit, f"band {component} min") if low is not None else None
        hi = _band_figure(band, high, unit, f"band {component} max") if high is not None else None
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


def _per_year_band(band: CompBand, figure: Figure, label: str) -> Figure:
    if band.stock_basis == "per_year" or not band.stock_vesting_years:
        return figure
    years = _band_figure(band, band.stock_vesting_years, YEARS, "vesting")
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


# --- proposal ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    component: str  # "base" | "stock" | "sign_on" | "floor"
    figure: Figure
    offer: Figure | None  # what the offer gives (None: nothing)
    rule: str  # which rule chose the figure, in words

    def to_json(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "ask": self.figure.to_json(),
            "offer": self.offer.to_json() if self.offer else None,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class LeverUse:
    number: int
    name: str
    chunk_id: str
    source: str
    status: str  # "applies" | "if true for you" | "needs a competing offer"
    reason: str

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Proposal:
    currency: str
    asks: tuple[Ask, ...]
    totals: Totals
    levers: tuple[LeverUse, ...]
    notes: tuple[str, ...] = ()

    def get(self, component: str) -> Ask | None:
        return next((a for a in self.asks if a.component == component), None)

    def figures(self) -> list[Figure]:
        out = [a.figure for a in self.asks]
        out += [
            f for f in (self.totals.annualized, self.totals.first_year, self.totals.four_year) if f
        ]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "asks": [a.to_json() for a in self.asks],
            "totals_at_ask": self.totals.to_json(),
            "levers": [lv.to_json() for lv in self.levers],
            "notes": list(self.notes),
        }


def _to_basis(fig: Figure, from_years: Figure | None, offer: Offer, label: str) -> Figure:
    """A guide grant over `from_years` in the offer's stock basis (shown as a formula)."""
    if from_years is None:
        return fig
    if offer.stock_basis == "per_year":
        return formula("÷", label, fig.unit, fig, from_years)
    if offer.stock_years and offer.stock_years != from_years.value:
        per_year = formula("÷", f"{label} per year", fig.unit, fig, from_years)
        return formula("×", label, fig.unit, per_year, factor=offer.stock_years)
    return fig


def _component_ask(
    component: str,
    offer_fig: Figure,
    guide_ask: Figure | None,
    increment: Figure | None,
    band_lo: Figure | None,
    band_hi: Figure | None,
    rivals: list[Figure],
) -> tuple[Figure, str]:
    cur = offer_fig.unit
    candidate: Figure | None = None
    rule = ""
    if guide_ask is not None and guide_ask.value > offer_fig.value:
        candidate, rule = guide_ask, "the guide's script asks this"
    elif increment is not None:
        candidate = formula("sum", f"{component} ask", cur, offer_fig, increment)
        rule = "the offer plus the guide's stated increment"
    elif band_lo is not None and band_hi is not None:
        mid = formula("mid", "band midpoint", cur, band_lo, band_hi)
        if offer_fig.value < mid.value:
            candidate, rule = mid, "the band's midpoint (the offer is below it)"
        else:
            candidate, rule = band_hi, "the band's top (the offer is at or above the midpoint)"
    best_rival = max(rivals, key=lambda f: f.value, default=None)
    if best_rival is not None and best_rival.value > max(
        offer_fig.value, candidate.value if candidate else 0
    ):
        candidate, rule = best_rival, f"matches your competing offer ({best_rival.label})"
    if candidate is None:
        return offer_fig, "hold: the guide gives no figure for this component"
    cap = None
    if band_hi is not None:
        cap = (
            formula("sum", "band top + increment", cur, band_hi, increment)
            if increment
            else band_hi
        )
    if best_rival is not None and (cap is None or best_rival.value > cap.value):
        cap = best_rival
    if cap is not None and candidate.value > cap.value:
        candidate, rule = cap, "capped at the band's top plus the guide's stated increment"
    if candidate.value <= offer_fig.value:
        return offer_fig, "hold: the offer already reaches what the guide supports"
    return candidate, rule


def propose(offer: Offer, band: CompBand | None, facts: Facts) -> Proposal | None:
    """The counter proposal (rules in the module docstring); None when there is no band in the
    offer's currency or no base to counter from."""
    if band is None or offer.base is None or offer.currency != band.currency:
        return None
    cur = offer.currency
    guide = guide_figures(offer.company, facts.scripts, facts.levers)

    def applies(fig: Figure | None) -> Figure | None:
        return fig if fig is not None and fig.unit == cur else None

    rivals = [r for r in offer.competing if r.currency == cur]
    asks: list[Ask] = []
    base_offer = user(offer.base, cur, "offer base")
    base_fig, base_rule = _component_ask(
        "base",
        base_offer,
        applies(guide.base),
        None,
        _band_figure(band, band.base_min, cur, "band base min") if band.base_min else None,
        _band_figure(band, band.base_max, cur, "band base top") if band.base_max else None,
        [user(r.base, cur, f"{r.company} base") for r in rivals if r.base],
    )
    asks.append(Ask("base", base_fig, base_offer, base_rule))

    stock_fig = None
    if offer.stock is not None:
        stock_offer = user(offer.stock, cur, "offer RSU")
        years = guide.stock_years
        band_years = (
            _band_figure(band, band.stock_vesting_years, YEARS, "vesting")
            if band.stock_vesting_years
            else None
        )
        lo = hi = None
        if band.stock_min is not None and band.stock_max is not None:
            lo = _to_basis(
                _band_figure(band, band.stock_min, cur, "band RSU min"),
                band_years,
                offer,
                "band RSU min",
            )
            hi = _to_basis(
                _band_figure(band, band.stock_max, cur, "band RSU top"),
                band_years,
                offer,
                "band RSU top",
            )
        script_stock = applies(guide.stock)
        if script_stock is not None:
            script_stock = _to_basis(script_stock, years, offer, "script RSU ask")
        increment = applies(guide.stock_increment)
        if increment is not None:
            increment = _to_basis(increment, band_years, offer, "RSU increment")
        rival_stock = []
        for r in rivals:
            per_year = stock_per_year(r, f"{r.company} stock per year")
            if per_year is None:
                continue
            if offer.stock_basis == "per_year":
                rival_stock.append(per_year)
            elif r.stock_basis == "grant" and r.stock_years == offer.stock_years:
                rival_stock.append(user(r.stock, cur, f"{r.company} RSU"))
            elif offer.stock_years:
                rival_stock.append(
                    formula("×", f"{r.company} stock", cur, per_year, factor=offer.stock_years)
                )
        stock_fig, stock_rule = _component_ask(
            "RSU", stock_offer, script_stock, increment, lo, hi, rival_stock
        )
        asks.append(Ask("stock", stock_fig, stock_offer, stock_rule))

    sign_offer = user(offer.sign_on, cur, "offer sign-on") if offer.sign_on else None
    sign_candidates = [
        (applies(guide.sign_on), "the guide's script asks this"),
        (applies(guide.sign_on_top), "the top of the guide's sign-on lever range"),
        *(
            (user(r.sign_on, cur, f"{r.company} sign-on"), "matches your competing offer")
            for r in rivals
            if r.sign_on
        ),
    ]
    current = offer.sign_on or 0
    chosen = next(((f, why) for f, why in sign_candidates if f and f.value > current), None)
    if chosen:
        asks.append(Ask("sign_on", chosen[0], sign_offer, chosen[1]))
    elif sign_offer:
        asks.append(Ask("sign_on", sign_offer, sign_offer, "hold: no higher guide figure"))

    notes: list[str] = []
    if offer.floor is not None:
        floor_fig, floor_rule = user(offer.floor, cur, "your floor"), "your own floor"
    elif applies(guide.floor) is not None:
        floor_fig, floor_rule = guide.floor, "the guide's script floor"  # type: ignore[assignment]
        if floor_fig.value < offer.base:
            floor_fig, floor_rule = base_offer, "the offer's base (above the script's floor)"
    else:
        floor_fig, floor_rule = base_offer, "the offer's base: the guide gives no floor here"
    if floor_fig.value > base_fig.value:
        notes.append(
            f"Your floor {floor_fig.display} is above the base ask the guide supports "
            f"({base_fig.display}); the floor shown is the base ask."
        )
        floor_fig, floor_rule = base_fig, "the base ask (your floor is above it)"
    asks.append(Ask("floor", floor_fig, None, floor_rule))

    stock_year = None
    if stock_fig is not None:
        if offer.stock_basis == "per_year":
            stock_year = stock_fig
        elif offer.stock_years:
            stock_year = formula(
                "÷", "RSU ask per year", cur, stock_fig, user(offer.stock_years, YEARS, "vesting")
            )
    sign_ask = next((a.figure for a in asks if a.component == "sign_on"), None)
    at_ask = totals(offer, base_fig, stock_year, sign_ask)
    for rival in rivals:
        rival_tc = totals(rival).annualized
        if rival_tc and at_ask.annualized and rival_tc.value > at_ask.annualized.value:
            notes.append(
                f"{rival.company}'s annualized total comp {rival_tc.display} is above the "
                f"annualized total at this ask {at_ask.annualized.display}: your competing "
                "offer is your strongest lever."
            )
    levers = tuple(
        _lever_uses(offer, facts.levers, sign_ask is not None and sign_ask != sign_offer)
    )
    return Proposal(cur, tuple(asks), at_ask, levers, tuple(notes))


def _lever_uses(offer: Offer, levers: list[Lever], asks_sign_on: bool) -> list[LeverUse]:
    uses = []
    for lever in (lv for lv in levers if lv.company == offer.company):
        words = f"{lever.name} {lever.text}"
        if re.search(r"compet|\boffer\b", lever.name, re.I):
            if offer.competing:
                names = ", ".join(r.company for r in offer.competing)
                status, reason = "applies", f"you have a competing offer ({names})"
            else:
                status, reason = "needs a competing offer", "no competing offer was given"
        elif _SIGN_ON.search(words):
            status, reason = (
                ("applies", "the proposal asks for a sign-on")
                if asks_sign_on
                else ("if true for you", "the proposal asks no sign-on")
            )
        else:
            status, reason = "if true for you", "use it if it describes your experience"
        uses.append(
            LeverUse(lever.number, lever.name, lever.chunk_id, lever.source, status, reason)
        )
    return uses


# --- comparison and the whole ------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    company: str
    currency: str
    totals: Totals

    def to_json(self) -> dict[str, Any]:
        return {"company": self.company, "currency": self.currency, **self.totals.to_json()}


def compare(packages: list[Package]) -> list[ComparisonRow]:
    """Offers side by side, each in its own currency (never converted)."""
    return [ComparisonRow(p.company or "offer", p.currency, totals(p)) for p in packages]


@dataclass(frozen=True)
class Negotiation:
    offer: Offer
    band: CompBand | None
    position: list[ComponentPosition]
    totals: Totals
    proposal: Proposal | None
    comparison: list[ComparisonRow]
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        o = self.offer
        return {
            "offer": {
                "company": o.company,
                "region": o.region,
                "currency": o.currency,
                "base": o.base,
                "stock": o.stock,
                "stock_years": o.stock_years,
                "stock_basis": o.stock_basis,
                "bonus_pct": o.bonus_pct,
                "bonus_amount": o.bonus_amount,
                "sign_on": o.sign_on,
                "tc": o.tc,
                "floor": o.floor,
                "target": o.target,
                "competing": [vars(r) for r in o.competing],
                "unassigned": [vars(u) for u in o.unassigned],
            },
            "band": None
            if self.band is None
            else {
                "company": self.band.company,
                "role": self.band.role,
                "region": self.band.region,
                "currency": self.band.currency,
                "chunk_id": self.band.chunk_id,
                "source": self.band.source,
            },
            "position": [row.to_json() for row in self.position],
            "totals": self.totals.to_json(),
            "proposal": self.proposal.to_json() if self.proposal else None,
            "comparison": [row.to_json() for row in self.comparison],
            "questions": list(self.questions),
            "notes": list(self.notes),
        }


def negotiate(offer: Offer, facts: Facts) -> Negotiation:
    """Position, proposal and comparison for an offer; what cannot be done becomes a question."""
    questions = list(offer.all_questions())
    notes = list(offer.notes)
    bands = find_bands(facts, offer.company, offer.region, offer.role) if offer.region else []
    band = bands[0] if len(bands) == 1 else None
    if len(bands) > 1:
        roles = ", ".join(sorted({b.role for b in bands}))
        questions.append(f"Which role is the offer for? The guide has bands for: {roles}.")
    if band is not None and offer.currency and offer.currency != band.currency:
        notes.append(
            f"The offer is in {offer.currency} and the {band.company} {band.region} band in "
            f"{band.currency}; they are not compared and no counter is computed (no exchange "
            "rate is used). Give the offer in the band's currency to compare it."
        )
    proposal = propose(offer, band, facts)
    comparison = compare([offer, *offer.competing]) if offer.competing else []
    return Negotiation(
        offer=offer,
        band=band,
        position=position(offer, band),
        totals=totals(offer),
        proposal=proposal,
        comparison=comparison,
        questions=tuple(questions),
        notes=tuple(notes),
    )


def catalog(facts: Facts) -> tuple[list[str], dict[str, list[str]]]:
    """Companies and, per company, the regions of its bands: what the offer parser matches."""
    regions: dict[str, list[str]] = {}
    for band in facts.bands:
        regions.setdefault(band.company, [])
        if band.region not in regions[band.company]:
            regions[band.company].append(band.region)
    return sorted(regions), regions


def band_defaults(facts: Facts) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    """(company, region) -> band currency, and -> stock vesting years (for parse_offer)."""
    currency = {(b.company, b.region): b.currency for b in facts.bands}
    years = {
        (b.company, b.region): b.stock_vesting_years
        for b in facts.bands
        if b.stock_vesting_years and b.stock_basis == "grant"
    }
    return currency, years
