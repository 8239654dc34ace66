"""What the user says the guide says, checked first: a figure the question attributes to the
guide or its band ("your guide says the sf base tops out at 250k right??") is held against the
row it names, and the answer opens with yes or no and the guide's own range, cited ("No: the
guide's San Francisco base band is $168K–$218K [1]; the figure you quote is above its top.").
The figure quoted is not repeated: a claimed "update" is no source.

A figure said to be the script's ("the script asks for $218K base … with a floor of $200K") is
held against what the company's negotiate-up script asks (assistant.engine.script_asks): base,
equity, sign-on and the floor it states.

Leaves out: figures the user gives as their own offer or a rival's (the counter places those),
claims about other prose, and a claim with no row or script to hold it against (no company or
place settled: nothing is said).
"""

from __future__ import annotations

import re

from assistant.compose.bands import COMPONENT_NAMES
from assistant.compose.core import Evidence, Writer
from assistant.compose.counter_lead import span as range_text
from assistant.corpus.facts import CompBand
from assistant.engine.offer_words import label_amounts
from assistant.engine.script_asks import guide_figures
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
    for sentence, attributed in attributed_sentences(understood.question):
        if _SCRIPT.search(attributed.group(0)):  # "the script asks for $218K base, …"
            verdict = _script_verdict(sentence[attributed.start() :], understood, ev, writer)
            if verdict and verdict not in said_already:
                writer.add(verdict, "")
                said_already.add(verdict)
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
        if _IN_RANGE.search(sentence) and low <= said.low <= said.high <= high:
            verdict = f"Yes: {where}; the figure you quote is inside it."  # ("is 200k in range?")
        if verdict not in said_already:  # (the same claim twice: "…i know the band goes to 250")
            writer.add(verdict, "")
            said_already.add(verdict)
    return bool(said_already)


# a figure asked to be inside the band ("is 200k even in alibaba's tc range"), not an end of it
_IN_RANGE = re.compile(r"\b(?:in|within|inside)\b[^.?!]{0,30}\b(?:range|band)\b", re.I)


def attributed_sentences(question: str) -> list[tuple[str, re.Match]]:
    """The question's sentences that say the guide holds something ("your guide says the sf
    base tops out at 250k"), each with the words that say so."""
    found = [(sentence, GUIDE_SAYS.search(sentence)) for sentence in _CLAUSES.split(question)]
    return [(sentence, attributed) for sentence, attributed in found if attributed]


_SCRIPT = re.compile(r"\bscripts?\b", re.I)
_FLOOR = re.compile(r"\b(?:floor|walk[\s-]?away|minimum)\b[^$£€¥\d]{0,20}$", re.I)
_SCRIPT_PARTS = (("base", "{} base"), ("stock", "{} equity"), ("sign_on", "a {} signing bonus"))


def _script_verdict(claim: str, understood: Understanding, ev: Evidence, writer: Writer) -> str:
    """Yes or No, and what the company's negotiate-up script asks (base, equity, sign-on, and
    the floor it states), cited, for the figures `claim` says the script holds; "" when no
    company is settled, the script gives none of those, or the claim quotes no figure."""
    company = understood.company
    if not company:
        return ""
    script = guide_figures(company, ev.facts.scripts, ev.facts.levers)
    quoted: dict[str, float] = {}
    read, _ = thousands_beside_pay_words(claim)  # (same length: "floor 205" -> "205k")
    for amount, start, _end, component, _tail in label_amounts(read):
        if amount.unit == PERCENT or amount.is_range or amount.low < 1000:  # (not "4 years")
            continue
        key = "floor" if _FLOOR.search(claim[:start]) else component
        if key in ("base", "stock", "sign_on", "floor"):
            quoted.setdefault(key, amount.low)
    held = {key: getattr(script, key) for key in ("base", "stock", "sign_on", "floor")}
    checked = [key for key in quoted if held[key] is not None]
    if not checked:
        return ""
    asks = []
    for key, name in _SCRIPT_PARTS:
        if held[key] is not None:
            years = script.stock_years if key == "stock" else None
            over = f" over {int(years.value)} years" if years else ""
            asks.append(name.format(held[key].display) + over)
    if held["stock"] is None and script.stock_increment is not None:  # "RSUs at $[Y+55K]"
        asks.append(f"RSUs {script.stock_increment.display} above your offer's grant")
    said = f"the {company} script asks for {_listed(asks)}" if asks else f"the {company} script"
    if held["floor"] is not None:
        said += f"{',' if asks else ''} and its floor is {held['floor'].display}"
    marks = "".join(
        dict.fromkeys(
            writer.book.cite(held[k].provenance.chunk_id) for k in held if held[k] is not None
        )
    )
    wrong = [_NAMES[key] for key in checked if abs(quoted[key] - held[key].value) >= 0.5]
    if not wrong:
        return f"Yes: {said} {marks}."
    verb = "is" if len(wrong) == 1 else "are"
    return f"No: {said} {marks}; the {_listed(wrong)} you quote {verb} not the script's."


_NAMES = {"base": "base", "stock": "equity", "sign_on": "sign-on", "floor": "floor"}


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


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
