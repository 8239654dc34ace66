"""Offers year by year: base (with a raise the user states), bonus at target, stock vested by
schedule, the sign-on in year one, and a refresher only as the user's stated assumption; totals
per year and cumulative, every figure a `Figure` with its provenance. Up to four offers are
compared; the leader is the offer with the highest cumulative total, in year one, over all the
years, and the year the lead first changes.

Currencies stay per offer. Offers in different currencies are compared only with a rate the
user gives ("GBP:USD=1.27"), converting cumulative totals into the first offer's currency with
the formula shown; without one no leader is named.

Leaves out: taxes, stock price changes, inflation, and anything the offer does not say (a raise,
a refresher) unless the user states it; reading the schedule phrases is
assistant.engine.years_terms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.engine.figures import Figure, Provenance, formula, user
from assistant.engine.offer import Offer, parse_offer
from assistant.engine.years_terms import Schedule, Terms, read_terms, schedule_for
from assistant.errors import OfferError
from assistant.money import CURRENCY_ALIASES, PERCENT, format_money

MAX_OFFERS, MAX_YEARS, AMOUNT_MAX = 4, 10, 100_000_000
COMPONENTS = ("base", "bonus", "stock", "sign_on")
_CODE_BEFORE_AMOUNT = re.compile(r"\b([A-Z]{3})\s?\d")
_NOT_CURRENCY = {"RSU", "NYC", "TC", "YOE", "ESP", "CEO", "CTO", "VP"}
_RATE = re.compile(
    r"^\s*(?:1\s*)?([A-Za-z]{3})\s*(?:[:/]\s*([A-Za-z]{3})\s*)?=\s*(\d+(?:\.\d+)?)\s*([A-Za-z]{3})?\s*$"
)


@dataclass(frozen=True)
class YearRow:
    year: int
    base: Figure
    bonus: Figure | None
    stock: Figure | None
    sign_on: Figure | None
    total: Figure
    cumulative: Figure

    def to_json(self) -> dict[str, Any]:
        cells = {
            c: round(f.value, 2) if f else 0 for c, f in zip(COMPONENTS, self.parts(), strict=True)
        }
        total, cumulative = round(self.total.value, 2), round(self.cumulative.value, 2)
        return {"year": self.year, **cells, "total": total, "cumulative": cumulative}

    def parts(self) -> tuple[Figure | None, ...]:
        return (self.base, self.bonus, self.stock, self.sign_on)


@dataclass(frozen=True)
class OfferYears:
    label: str
    currency: str
    offer: Offer
    schedule: Schedule | None
    rows: tuple[YearRow, ...]
    assumptions: tuple[str, ...]  # what the figures rest on besides the offer's own words

    def sources(self) -> list[dict[str, str]]:
        out = [{"kind": "user", "name": "your offer", "text": self.offer.text}]
        if self.schedule is not None:
            out.append({"kind": "schedule", "name": "vesting", "text": self.schedule.label})
        out += [{"kind": "assumption", "name": "assumption", "text": a} for a in self.assumptions]
        out.append({"kind": "formula", "name": "how each year adds up", "text": FORMULAS})
        return out


FORMULAS = (
    "bonus = base × bonus target %; stock = grant × the year's vesting %; "
    "total = base + bonus + stock + sign-on; cumulative = the running sum of the totals"
)


@dataclass(frozen=True)
class Rate:
    """1 `source` = `value` `target`, as the user gave it."""

    source: str
    target: str
    value: float

    @property
    def text(self) -> str:
        return f"1 {self.source} = {self.value:g} {self.target} (your rate)"


@dataclass(frozen=True)
class Comparison:
    offers: tuple[OfferYears, ...]
    currency: str  # what cumulative totals are compared in ("" when they cannot be)
    cumulative: tuple[tuple[Figure, ...], ...]  # per offer, per year, in `currency`
    leaders: tuple[str | None, ...]  # per year; None on a tie or without a rate
    rates: tuple[Rate, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def year_1(self) -> str | None:
        return self.leaders[0] if self.leaders else None

    @property
    def overall(self) -> str | None:
        return self.leaders[-1] if self.leaders else None

    @property
    def changes(self) -> list[int]:
        return [
            i + 1
            for i in range(1, len(self.leaders))
            if self.leaders[i] and self.leaders[i - 1] and self.leaders[i] != self.leaders[i - 1]
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "offers": [
                {
                    "label": o.label,
                    "currency": o.currency,
                    "years": [row.to_json() for row in o.rows],
                    "sources": o.sources() + [_rate_source(r) for r in self.rates_for(o)],
                }
                for o in self.offers
            ],
            "leader": {
                "year_1": self.year_1,
                "overall": self.overall,
                "changes_in_year": self.changes[0] if self.changes else None,
            },
        }

    def rates_for(self, offer: OfferYears) -> list[Rate]:
        return [r for r in self.rates if offer.currency in (r.source, r.target)]


def _rate_source(rate: Rate) -> dict[str, str]:
    return {"kind": "rate", "name": "exchange rate", "text": rate.text}


# --- reading -------------------------------------------------------------------------------------


def read_offer(
    text: str,
    companies: Iterable[str],
    regions: Mapping[str, Iterable[str]],
    band_currency: Mapping[tuple[str, str], str] | None = None,
    vesting_years: Mapping[tuple[str, str], int] | None = None,
    field: str = "offer",
) -> tuple[Offer, Terms]:
    """An offer as `coach counter` reads it, plus its year terms. OfferError names `field`."""
    _check_currency_codes(text, field)
    try:
        terms = read_terms(text)
        years = vesting_years if terms.schedule_name != "custom" else {}
        offer = parse_offer(
            terms.rest, companies, regions, band_currency=band_currency, vesting_years=years
        )
    except OfferError as error:
        raise OfferError(f"{field}: {error}") from None
    if terms.custom and offer.stock_basis == "grant" and not offer.stock_years:
        offer = replace(offer, stock_years=len(terms.custom))
        offer = replace(offer, questions=tuple(q for q in offer.questions if "grant" not in q))
    return replace(offer, text=text), terms


def _check_currency_codes(text: str, field: str) -> None:
    for code in _CODE_BEFORE_AMOUNT.findall(text):
        if code not in CURRENCY_ALIASES and code not in _NOT_CURRENCY:
            known = ", ".join(sorted(set(CURRENCY_ALIASES.values())))
            raise OfferError(f"{field}: currency {code!r} is not one I know ({known}).")


def parse_rate(text: str) -> Rate:
    match = _RATE.match(text or "")
    if not match:
        raise OfferError(f"--rate {text!r}: write it as 'GBP:USD=1.27' (1 GBP = 1.27 USD).")
    source, target = match.group(1).upper(), (match.group(2) or match.group(4) or "").upper()
    for code in (source, target):
        if code not in CURRENCY_ALIASES.values():
            raise OfferError(f"--rate {text!r}: currency {code or '(none)'!r} is not one I know.")
    value = float(match.group(3))
    if not 1e-4 <= value <= 1e4 or source == target:
        raise OfferError(f"--rate {text!r}: a rate between two currencies, above zero.")
    return Rate(source, target, value)


# --- one offer -----------------------------------------------------------------------------------


def offer_years(offer: Offer, terms: Terms, years: int = 4, label: str = "") -> OfferYears:
    """The offer's years 1..`years` (module docstring); OfferError naming the field for what
    cannot be computed without a guess."""
    if not 1 <= years <= MAX_YEARS:
        raise OfferError(f"--years {years}: give 1–{MAX_YEARS} years.")
    who = label or offer.company or "the offer"
    cur = offer.currency
    if not cur:
        raise OfferError(f"{who}: currency: the amounts name none; write $, £ or a code (GBP).")
    if offer.base is None:
        raise OfferError(f"{who}: base: the offer gives no base salary.")
    problems = [u.question for u in offer.unassigned]
    if problems:
        raise OfferError(f"{who}: {problems[0]}")
    for name in ("stock", "sign_on", "bonus_amount"):
        value = getattr(offer, name)
        if value is not None and value > AMOUNT_MAX:
            shown = format_money(value, cur)
            raise OfferError(f"{who}: {name.replace('_', '-')}: {shown} is not a real offer.")
    if terms.refresher_currency and terms.refresher_currency != cur:
        raise OfferError(f"{who}: refresher: in {terms.refresher_currency}, the offer in {cur}.")

    assumptions: list[str] = []
    base = user(offer.base, cur, "base")
    bonus_pct = user(offer.bonus_pct, PERCENT, "bonus target") if offer.bonus_pct else None
    schedule, grant, per_year = _stock(offer, terms, who, assumptions)
    sign_on = user(offer.sign_on, cur, "sign-on") if offer.sign_on else None
    if sign_on is not None and terms.clawback_months:
        assumptions.append(
            f"The sign-on is repaid if you leave within {terms.clawback_months} months (clawback)."
        )
    raise_factor = 1 + terms.raise_pct / 100 if terms.raise_pct else None
    if raise_factor:
        assumptions.append(f"Base rises {terms.raise_pct:g}% a year, as you stated.")
    refresher = None
    if terms.refresher:
        refresher = Figure(
            terms.refresher, cur, "refresher", Provenance("user", None, "your assumption", "you")
        )
        assumptions.append(
            f"Refreshers of {refresher.display} a year from year two: your assumption, not the "
            "offer's."
        )

    rows: list[YearRow] = []
    running: Figure | None = None
    for year in range(1, years + 1):
        if year > 1 and raise_factor:
            base = formula("×", f"base year {year}", cur, base, factor=raise_factor)
        bonus = None
        if bonus_pct is not None:
            bonus = formula("×%", f"bonus year {year}", cur, base, bonus_pct)
        elif offer.bonus_amount:
            bonus = user(offer.bonus_amount, cur, "bonus")
        stock = _stock_in_year(year, schedule, grant, per_year, cur)
        if refresher is not None and year > 1:
            stock = refresher if stock is None else formula("sum", "stock", cur, stock, refresher)
        first = sign_on if year == 1 else None
        parts = [p for p in (base, bonus, stock, first) if p is not None]
        total = formula("sum", f"total year {year}", cur, *parts)
        running = total if running is None else formula("sum", "cumulative", cur, running, total)
        rows.append(YearRow(year, base, bonus, stock, first, total, running))
    if schedule is not None and len(schedule.percents) < years and grant is not None:
        assumptions.append(
            f"The grant is fully vested after year {len(schedule.percents)}; no stock after it "
            "unless you state refreshers."
        )
    return OfferYears(label or _label(offer), cur, offer, schedule, tuple(rows), tuple(assumptions))


def _stock(offer: Offer, terms: Terms, who: str, assumptions: list[str]):
    """(schedule, grant figure, per-year figure) of the offer's stock."""
    if offer.stock is None:
        if terms.schedule_name:
            raise OfferError(f"{who}: vesting schedule: the offer names no stock grant.")
        return None, None, None
    if offer.stock_basis == "per_year":
        if terms.schedule_name not in ("", "even"):
            raise OfferError(
                f"{who}: vesting schedule: a schedule splits a grant; give the stock as a grant "
                "over N years, not per year."
            )
        assumptions.append("Stock is the same amount every year, as you gave it per year.")
        return None, None, user(offer.stock, offer.currency, "stock per year")
    schedule = schedule_for(terms, offer.stock_years)
    return schedule, user(offer.stock, offer.currency, "stock grant"), None


def _stock_in_year(year, schedule, grant, per_year, cur) -> Figure | None:
    if per_year is not None:
        return per_year
    if schedule is None or grant is None or year > len(schedule.percents):
        return None
    name = f"vesting schedule ({schedule.label})"
    share = Figure(
        schedule.percents[year - 1], PERCENT, f"year {year} vesting", Provenance("user", None, name)
    )
    return formula("×%", f"stock year {year}", cur, grant, share)


def _label(offer: Offer) -> str:
    return " ".join(p for p in (offer.company, offer.region) if p) or "Offer"


# --- several offers ------------------------------------------------------------------------------


def compare_years(offers: Sequence[OfferYears], rates: Sequence[Rate] = ()) -> Comparison:
    """The cumulative leader per year (module docstring)."""
    if not offers:
        raise OfferError("offers: give at least one offer.")
    if len(offers) > MAX_OFFERS:
        raise OfferError(f"offers: {len(offers)} given; compare at most {MAX_OFFERS}.")
    offers = _distinct_labels(offers)
    lengths = {len(o.rows) for o in offers}
    if len(lengths) != 1:
        raise OfferError("years: every offer must cover the same number of years.")
    target = offers[0].currency
    converted, notes, used = [], [], []
    for o in offers:
        if o.currency == target:
            converted.append(tuple(row.cumulative for row in o.rows))
            continue
        rate = _rate_between(o.currency, target, rates)
        if rate is None:
            notes.append(
                f"{o.label} is in {o.currency} and {offers[0].label} in {target}: give a rate "
                f"(--rate '{o.currency}:{target}=…') to compare them; none is assumed."
            )
            converted.append(())
            continue
        used.append(rate[0])
        converted.append(tuple(_convert(row.cumulative, rate, target) for row in o.rows))
    if any(not c for c in converted):
        leaders: tuple[str | None, ...] = tuple(None for _ in offers[0].rows)
        return Comparison(tuple(offers), "", (), leaders, tuple(used), tuple(notes))
    leaders = tuple(_leader(offers, converted, i) for i in range(len(offers[0].rows)))
    return Comparison(tuple(offers), target, tuple(converted), leaders, tuple(used), tuple(notes))


def _distinct_labels(offers: Sequence[OfferYears]) -> list[OfferYears]:
    seen: dict[str, int] = {}
    out = []
    for o in offers:
        seen[o.label] = seen.get(o.label, 0) + 1
        out.append(o if seen[o.label] == 1 else replace(o, label=f"{o.label} #{seen[o.label]}"))
    return out


def _rate_between(source: str, target: str, rates: Sequence[Rate]):
    for rate in rates:
        if (rate.source, rate.target) == (source, target):
            return rate, rate.value
        if (rate.source, rate.target) == (target, source):
            return rate, 1 / rate.value
    return None


def _convert(figure: Figure, rate: tuple[Rate, float], target: str) -> Figure:
    return formula("×", f"{figure.label} in {target}", target, figure, factor=rate[1])


def _leader(offers: Sequence[OfferYears], converted, index: int) -> str | None:
    values = [c[index].value for c in converted]
    best = max(values)
    winners = [o.label for o, v in zip(offers, values, strict=True) if abs(v - best) < 0.5]
    return winners[0] if len(winners) == 1 else None


def compare_texts(
    texts: Sequence[str], facts, years: int = 4, rate_texts: Sequence[str] = ()
) -> Comparison:
    """Offers written as `coach counter` reads them (plus their year terms), compared."""
    from assistant.engine.negotiation import band_defaults, catalog

    if len(texts) > MAX_OFFERS:
        raise OfferError(f"offers: {len(texts)} given; compare at most {MAX_OFFERS}.")
    companies, regions = catalog(facts)
    currencies, vesting = band_defaults(facts)
    rates = [parse_rate(text) for text in rate_texts]
    offers = []
    for n, text in enumerate(texts):
        field = f"offer {chr(ord('A') + n)}"
        offer, terms = read_offer(text, companies, regions, currencies, vesting, field=field)
        try:
            offers.append(offer_years(offer, terms, years, label=_label(offer)))
        except OfferError as error:
            raise OfferError(f"{field}: {error}") from None
    return compare_years(offers, rates)
