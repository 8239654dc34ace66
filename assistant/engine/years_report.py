"""Offers year by year as text: a table per offer and the sentences saying which offer leads in
year one, over all the years, and when the lead changes (for `coach compare` and the playbook).

Leaves out: the numbers (assistant.engine.years computes them) and any HTML.
"""

from __future__ import annotations

from assistant.engine.figures import Figure
from assistant.engine.years import FORMULAS, Comparison, OfferYears
from assistant.money import CURRENCY_SYMBOLS

HEADERS = ("Year", "Base", "Bonus", "Stock", "Sign-on", "Total", "Cumulative")


def table_rows(offer: OfferYears) -> list[list[str]]:
    return [
        [str(row.year), *(shown(f) if f else "—" for f in row.parts()), shown(row.total),
         shown(row.cumulative)]
        for row in offer.rows
    ]  # fmt: skip


def shown(figure: Figure) -> str:
    """The guides' compact form, but millions to the thousand ("$1,105K", not "$1.1M")."""
    if abs(figure.value) < 1e6:
        return figure.display
    number = f"{figure.value / 1e3:,.1f}".removesuffix(".0") + "K"
    symbol = CURRENCY_SYMBOLS.get(figure.unit)
    return f"{symbol}{number}" if symbol else f"{figure.unit} {number}"


def leader_sentences(comparison: Comparison) -> list[str]:
    """Who leads in year one, over the years, and when the lead changes; or why nobody is named."""
    if not comparison.currency:
        return list(comparison.notes)
    years = len(comparison.leaders)
    out = []
    if len(comparison.offers) > 1:
        out.append(_lead(comparison, 0, "In year one"))
        out.append(_lead(comparison, years - 1, f"Over {years} years (cumulative)"))
        changes = comparison.changes
        if changes:
            for year in changes:
                out.append(
                    f"The lead changes in year {year}: {comparison.leaders[year - 1]} passes "
                    f"{comparison.leaders[year - 2]}."
                )
        else:
            out.append("The lead does not change over these years.")
    for rate in comparison.rates:
        out.append(f"Converted at {rate.text}.")
    return out


def _lead(comparison: Comparison, index: int, when: str) -> str:
    values = ", ".join(
        f"{o.label} {shown(c[index])}"
        for o, c in zip(comparison.offers, comparison.cumulative, strict=True)
    )
    leader = comparison.leaders[index]
    if leader is None:
        return f"{when} the offers are tied ({values})."
    return f"{when} {leader} leads ({values})."


def format_comparison(comparison: Comparison) -> str:
    """The text `coach compare` prints."""
    out: list[str] = []
    for offer in comparison.offers:
        stock = f"; stock: {offer.schedule.label}" if offer.schedule else ""
        out.append(f"{offer.label} ({offer.currency}){stock}")
        widths = [5, 10, 10, 10, 10, 10, 11]
        out.append("  " + " ".join(h.rjust(w) for h, w in zip(HEADERS, widths, strict=True)))
        for cells in table_rows(offer):
            out.append("  " + " ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)))
        for assumption in offer.assumptions:
            out.append(f"  Assumption: {assumption}")
        out.append(f'  From: your offer, "{offer.offer.text}"')
        out.append("")
    out.append(f"How: {FORMULAS}.")
    out += leader_sentences(comparison)
    return "\n".join(out)
