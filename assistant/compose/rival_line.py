"""A lever line that quotes rival offers ("NVIDIA is offering $213K / $255K RSU and Databricks
is at $208K / $235K RSU. I need $213K base…"), said with the user's own figures for the rival
offers they hold: the guide's example figures for an offer the user holds would misstate it
("i have databricks at 205 base / 230k rsu": "Databricks is at $205K / $230K RSU"), and a rival
the user does not hold is not theirs to name.

Leaves out: choosing the lever (assistant.compose.levers), reading the user's offers
(assistant.engine.offer) and any rival the line does not name (the line is left as it is).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.corpus.facts import Facts
from assistant.engine.negotiation import band_defaults
from assistant.engine.offer import Package, parse_offer
from assistant.errors import CoachError
from assistant.money import format_money
from assistant.retrieval.hybrid import Catalog
from assistant.understanding.entities import normalize
from assistant.understanding.subject import NONE_HELD

# one rival's offer in a line: "NVIDIA is offering $213K / $255K RSU", "Databricks is at $208K"
_RIVAL_CLAUSE = re.compile(
    r"(?P<name>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}) "
    r"(?:is offering|is at|offers|offered|came in at|pays) "
    r"(?P<figures>[^.;]*?\d[^.;]*?)(?=,? and [A-Z]|[.;]|$)"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def with_held_figures(line: str, held: Sequence[Package], named: Sequence[str] = ()) -> str:
    """`line` with each sentence that quotes rival offers said again with the figures of the
    rival offers the user holds (named as the line names them), the guide's own clause for a
    rival the user names with no figures ("what if i also get a databricks offer?"), and
    without the rivals they do not name; `line` unchanged when it names none they hold."""
    said = {normalize(p.company): p for p in held if p.company and _figures(p)}
    if not said:
        return line
    asked = {normalize(name) for name in named}
    sentences = []
    for sentence in _SENTENCE_END.split(line.strip()):
        clauses = list(_RIVAL_CLAUSE.finditer(sentence))
        theirs = [c for c in clauses if normalize(c["name"]) in said.keys() | asked]
        if not any(normalize(c["name"]) in said for c in theirs):
            sentences.append(sentence)
            continue
        parts = [_said_of(c, said) for c in theirs]
        start, end = clauses[0].start(), clauses[-1].end()
        sentences.append(f"{sentence[:start]}{' and '.join(parts)}{sentence[end:]}")
    return " ".join(sentences)


def named_as_held(question: str, names: Sequence[str]) -> list[str]:
    """The names less those the question mentions only as none held ("my only other offer is
    databricks (no nvidia or anything else)": Databricks, not NVIDIA); a name carried from
    the talk or spelled otherwise ("goog") is kept."""
    lowered = question.lower()
    kept = []
    for name in names:
        found = re.finditer(rf"(?<!\w){re.escape(name.lower())}(?!\w)", lowered)
        starts = [m.start() for m in found]
        if not starts or any(not NONE_HELD.search(question[:at]) for at in starts):
            kept.append(name)
    return kept


def rivals_told(question: str, catalog: Catalog, facts: Facts) -> tuple[Package, ...]:
    """The competing offers the question gives figures for ("databricks offered me 210 base
    and 240k rsu. which lever?"), read in the currency of the user's offer (its band's when
    it names none) when they name none; none when the question cannot be read as an offer."""
    currencies, years = band_defaults(facts)
    try:
        offer = parse_offer(
            question,
            catalog.companies,
            catalog.regions,
            band_currency=currencies,
            vesting_years=years,
        )
    except CoachError:
        return ()
    money = offer.currency or currencies.get((offer.company, offer.region), "")
    return tuple(replace(p, currency=p.currency or money) for p in offer.competing)


def _said_of(clause: re.Match[str], said: dict[str, Package]) -> str:
    """The clause with the user's figures for that rival, or as the guide has it."""
    held = said.get(normalize(clause["name"]))
    return f"{clause['name']} is at {_figures(held)}" if held else clause.group(0)


def _figures(package: Package) -> str:
    """The offer's figures the way a lever line gives them: "$205K / $230K RSU", "$262.5K TC"."""
    money = package.currency
    if package.base is not None:
        yearly = " a year" if package.stock_basis == "per_year" else ""
        stock = f" / {format_money(package.stock, money)} RSU{yearly}" if package.stock else ""
        return f"{format_money(package.base, money)}{stock}"
    if package.tc is not None:
        return f"{format_money(package.tc, money)} TC"
    return ""
