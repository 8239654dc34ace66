"""The workbench's year-by-year comparison: the offer typed into the workbench's fields (offer A,
with an optional vesting schedule phrase) beside up to three other offers written as `coach
compare` reads them (offers B, C, D), compared year by year (assistant.engine.years), each with
the guide's comp band for its company and region where one exists.

Every figure is the offers' own, the band row's (with its chunk id) or a calculation the
comparison shows; an offer that cannot be read raises OfferError naming its field ("offer B: …").

Leaves out: drawing (ui/), the playbook (assistant.compose.playbook) and any exchange rate the
user did not give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.corpus.facts import CompBand, Facts
from assistant.engine.workbench import OfferForm
from assistant.engine.years import MAX_OFFERS, Comparison, compare_texts
from assistant.engine.years_report import leader_sentences
from assistant.errors import OfferError
from assistant.money import PERCENT, format_money

MAX_OTHERS = MAX_OFFERS - 1


@dataclass(frozen=True)
class YearsView:
    """What the workbench shows: the comparison, each offer's band (or None), the sentences."""

    comparison: Comparison
    bands: tuple[CompBand | None, ...]  # per offer, in the comparison's order
    sentences: tuple[str, ...]
    texts: tuple[str, ...]  # the offers as read (offer A from the workbench's fields)


def form_text(form: OfferForm, schedule: str = "") -> str:
    """The workbench's offer in words, as `coach compare` reads it, plus a schedule phrase."""
    if not (form.company or "").strip():
        raise OfferError("offer A (workbench): choose a company first.")
    text = replace(form, competing="").as_message()
    schedule = (schedule or "").strip()
    return f"{text.rstrip('.')}, {schedule}." if schedule else text


def offer_texts(form: OfferForm, others: Sequence[str], schedule: str = "") -> list[str]:
    """Offer A from the form, then the other offers given (blank fields skipped)."""
    given = [(text or "").strip() for text in others]
    given = [text for text in given if text]
    if len(given) > MAX_OTHERS:
        raise OfferError(
            f"other offers: {len(given)} given; at most {MAX_OTHERS} beside the workbench's "
            f"({MAX_OFFERS} in all)."
        )
    return [form_text(form, schedule), *given]


def compare_form(
    form: OfferForm,
    others: Sequence[str],
    facts: Facts,
    schedule: str = "",
    years: int = 4,
    rate: str = "",
) -> YearsView:
    """The workbench's offer compared year by year with `others` (module docstring)."""
    texts = offer_texts(form, others, schedule)
    rates = [rate.strip()] if (rate or "").strip() else []
    comparison = compare_texts(texts, facts, years, rates)
    bands = tuple(band_for(o.offer.company, o.offer.region, facts) for o in comparison.offers)
    return YearsView(comparison, bands, tuple(leader_sentences(comparison)), tuple(texts))


def band_for(company: str, region: str, facts: Facts) -> CompBand | None:
    if not company or not region:
        return None
    return next((b for b in facts.bands if (b.company, b.region) == (company, region)), None)


def band_summary(band: CompBand) -> str:
    """The band row in one line, its figures as the guide gives them."""

    def span(low: float | None, high: float | None, unit: str) -> str:
        if not (low and high):
            return ""
        if low == high:
            return format_money(low, unit)
        return f"{format_money(low, unit)}–{format_money(high, unit)}"

    parts = []
    if base := span(band.base_min, band.base_max, band.currency):
        parts.append(f"base {base}")
    if stock := span(band.stock_min, band.stock_max, band.currency):
        over = band.stock_vesting_years
        basis = f" over {over} years" if band.stock_basis == "grant" and over else ""
        basis = " a year" if band.stock_basis == "per_year" else basis
        parts.append(f"stock {stock}{basis}")
    if bonus := span(band.bonus_min_pct, band.bonus_max_pct, PERCENT):
        parts.append(f"bonus {bonus}")
    if total := span(band.total_min, band.total_max, band.currency):
        parts.append(f"total comp {total} a year")
    return "; ".join(parts)
