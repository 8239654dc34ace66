"""Amounts as the guides write them: `MoneyStyle` (one guide's way of writing money) and `nice`.

A guide draws one style: a prefix per currency ("$", "US$", "£", "GBP ", "CA$", "RMB ", "₹", …),
compact ("185K", "1.15M", "45L" or "45 lakh", "1.2Cr") or full ("185,000") numbers, the dash of
a range ("–", "-", " – ", " to "), and whether a currency code is written once for a range.
`nice` rounds a figure to the step its currency is quoted in, so a written amount is exact.

Leaves out: exchange rates (each region's figures are drawn in its own currency) and where
amounts go (tables.py, negotiation.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

_STEP = {
    "USD": 1e3,
    "GBP": 1e3,
    "EUR": 1e3,
    "CAD": 1e3,
    "SGD": 1e3,
    "CNY": 1e4,
    "INR": 1e5,
    "JPY": 1e5,
}
_PREFIX_CHOICES = {
    "USD": ("$", "$", "$", "$", "$", "US$"),
    "GBP": ("£", "£", "GBP "),
    "EUR": ("€", "€", "EUR "),
    "CAD": ("CA$", "C$", "CAD "),
    "SGD": ("SGD ", "SGD ", "S$"),
    "CNY": ("CNY ", "CNY ", "RMB "),
    "INR": ("₹", "INR "),
    "JPY": ("JPY ",),
}


@dataclass
class MoneyStyle:
    """How one guide writes amounts: per-currency prefix, compact or full numbers, the dash."""

    prefixes: dict[str, str]
    compact: bool
    dash: str
    currency_once: bool  # "CNY 400K–740K": the code written once for a range
    lakh_words: bool  # "₹45 lakh" rather than "₹45L"

    @classmethod
    def draw(cls, rng: random.Random) -> MoneyStyle:
        return cls(
            prefixes={cur: rng.choice(options) for cur, options in _PREFIX_CHOICES.items()},
            compact=rng.random() < 0.85,
            dash=rng.choices(("–", "-", " – ", " to "), weights=(80, 12, 5, 3))[0],
            currency_once=rng.random() < 0.3,
            lakh_words=rng.random() < 0.3,
        )

    def number(self, value: float, currency: str) -> str:
        if not self.compact:
            return f"{value:,.0f}"
        if currency == "INR":
            if value >= 1e7:
                crore = f"{value / 1e7:.2f}".rstrip("0").rstrip(".")
                return f"{crore} crore" if self.lakh_words else f"{crore}Cr"
            return f"{value / 1e5:.0f} lakh" if self.lakh_words else f"{value / 1e5:.0f}L"
        if value >= 1e6:
            return f"{value / 1e6:.2f}".rstrip("0").rstrip(".") + "M"
        return f"{value / 1e3:.0f}K"

    def amount(self, value: float, currency: str, bare: bool = False) -> str:
        text = self.number(value, currency)
        return text if bare else f"{self.prefixes[currency]}{text}"

    def span(self, low: float, high: float, currency: str, bare: bool = False) -> str:
        first = self.amount(low, currency, bare)
        code_prefix = self.prefixes[currency].endswith(" ")
        second = self.amount(high, currency, bare or (self.currency_once and code_prefix))
        return f"{first}{self.dash}{second}"


def nice(value: float, currency: str) -> float:
    step = _STEP[currency]
    if value >= 1e6 and step < 1e4:
        step = 1e4  # keeps "1.15M" exact with two decimals
    return float(round(value / step) * step)
