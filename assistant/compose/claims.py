"""What the user says the guide says, checked first: a figure the question attributes to the
guide or its band ("your guide says the sf base tops out at 250k right??") is held against the
row it names, and the answer opens with yes or no and the guide's own range, cited ("No: the
guide's San Francisco base band is $168K–$218K [1]; the figure you quote is above its top.").
The figure quoted is not repeated: a claimed "update" is no source.

Leaves out: figures the user gives as their own offer or a rival's (the counter places those),
claims about prose rather than a comp row, and a claim with no row to hold it against (no
company or place settled: nothing is said).
"""

from __future__ import annotations

import re

from assistant.compose.bands import COMPONENT_NAMES
from assistant.compose.core import Evidence, Writer
from assistant.compose.counter_lead import span as range_text
from assistant.corpus.facts import CompBand
from assistant.money import PERCENT, find_amounts, format_money, thousands_beside_pay_words
from assistant.understanding.entities import find_component
from assistant.understanding.frame import Understanding
from assistant.understanding.tables import GUIDE_NAMED_AFTER, GUIDE_SAYS

_CLAUSES = re.compile(r"(?<=[.!?;])\s+|\n+")
_RANGE_OF = {
    "base": ("base_min", "base_max"),
    "stock": ("stock_min", "stock_max"),
    "total": ("total_min", "total_max"),
    "bonus": ("bonus_min_pct", "bonus_max_pct"),
}


def write_claim_check(writer: Writer, understood: Understanding, ev: Evidence) -> bool:
    """Open with the check of each figure the question says the guide holds; whether any."""
    said_already: set[str] = set()
    for sentence in _CLAUSES.split(understood.question):
        attributed = GUIDE_SAYS.search(sentence)
        if not attributed:
            continue
        component = find_component(sentence) or understood.component or "base"
        band = _row(understood, ev, component)
        if band is None:
            continue
        low, high = (getattr(band, name) for name in _RANGE_OF[component])
        read, _ = thousands_beside_pay_words(sentence)  # (same length: "base 170" -> "170k")
        units = (PERCENT,) if component == "bonus" else ("", band.currency)  # ("bonus at 15%")
        amounts = [(a, at) for a, at, _ in find_amounts(read) if a.unit in units]
        # the figure after what says it ("the guide says … 250k"), else before ("… per your
        # guide"); not an offer told in the same sentence ("they came in at 191k")
        after = [a for a, at in amounts if at >= attributed.start()]
        by_the_guide = GUIDE_NAMED_AFTER.match(attributed.group(0))
        claimed = after or ([a for a, _ in amounts][-1:] if by_the_guide else [])
        if low is None or high is None or not claimed:
            continue
        said = claimed[0]
        mark = writer.book.cite(band.chunk_id)
        name = COMPONENT_NAMES[component].lower().replace(" salary", "")
        unit = PERCENT if component == "bonus" else band.currency
        span = range_text(format_money(low, unit), format_money(high, unit))
        where = f"the guide's {band.region} {name} band is {span} {mark}"
        verdict = _verdict(said.low, said.high, low, high, band.currency, where)
        if verdict not in said_already:  # (the same claim twice: "…i know the band goes to 250")
            writer.add(verdict, "")
            said_already.add(verdict)
    return bool(said_already)


def _verdict(said_low: float, said_high: float, low: float, high: float, unit: str, where: str):
    """Yes when the figure said is an end of the band (both ends, for a range said), else No
    and where the figure falls."""

    def near(a: float, b: float) -> bool:
        return abs(a - b) <= 0.005 * max(abs(b), 1.0)

    if said_low != said_high:  # "150k to 215k"
        ok = near(said_low, low) and near(said_high, high)
        return f"Yes: {where}." if ok else f"No: {where}, not the range you quote."
    if near(said_high, low) or near(said_high, high):
        return f"Yes: {where}."
    # (the figure quoted is not repeated: "the guide was updated: … now £300K" is no source)
    place = "above its top" if said_high > high else "below its bottom" if said_high < low else ""
    return f"No: {where}; the figure you quote is {place or 'inside it, not an end'}."


def _row(understood: Understanding, ev: Evidence, component: str) -> CompBand | None:
    """The comp row the claim is about: the company and place settled, with a range for the
    component."""
    if component not in _RANGE_OF or not understood.company or not understood.region:
        return None
    rows = [
        b
        for b in ev.facts.bands
        if b.company == understood.company and b.region == understood.region
    ]
    return rows[0] if len(rows) == 1 else None
