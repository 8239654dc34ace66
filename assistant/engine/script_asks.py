"""What a company's own negotiate-up script and levers say to ask, as Figures with provenance:
`guide_figures(company, scripts, levers) -> GuideFigures`. Pure; no model, no I/O.

Reads, from the company's scripts, only sentences that ask ("I need", "I'd like", "to accept",
"to choose") or name a floor:
- asks for base, stock and sign-on ("I need $213K base, $222K equity/4yr, and a $25K signing
  bonus"), with the stock ask's vesting years ("/4yr");
- a stock increment written as a placeholder sum ("RSUs at $[Y+55K]": $55K added to the offer);
- a floor ("My floor is $198K").
From the company's levers, only sign-on levers, and of them only the top of a range
("A $[35K-55K] sign-on" gives $55K).

Leaves out: what the figures become in a counter (assistant.engine.negotiation), the band's rows and
where an offer sits in them (assistant.engine.position), currency and vesting-basis conversion,
figures in other levers (experience, impact, competing offers), percentages and ranges in scripts,
and a stock ask whose vesting years are not said (dropped: it cannot be compared).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.corpus.facts import Lever, Script
from assistant.engine.figures import YEARS, Figure, Provenance
from assistant.engine.offer_words import label_amounts, years_in
from assistant.money import CURRENCY_ALIASES, PERCENT, find_amounts, parse_amount


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
SIGN_ON = re.compile(r"sign(?:ing)?[\s-]?on|signing", re.I)


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
                    label = f"RSU increment (the script's {match.group(0)})"  # "$[Y+55K]"
                    found.setdefault("stock_increment", Figure(amount.low, unit, label, prov))
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
        if not SIGN_ON.search(f"{lever.name} {lever.text}"):
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
