"""The places a pay question names that a company's comp table has no row for: another place
beside the one asked ("london … or dublin": Dublin), pay asked beside another ask of a place
without a row, and, where companies are compared, each company without a row for the place
another company's table holds ("which pays more base in london, alibaba or anyscale?":
Alibaba has no London row).

Leaves out: the wording of the other coverage statements (assistant.compose.coverage) and a
place no company has a row for (retrieval abstains, and its refusal names the place).
"""

from __future__ import annotations

import re

from assistant.understanding.entities import (
    Catalog,
    match_region,
    normalize,
    places_without_rows,
)
from assistant.understanding.intents import PAY_INTENTS
from assistant.understanding.question import Understanding


def places_without_rows_of(frame: Understanding, catalog: Catalog) -> list[str]:
    """On a pay question about a region of the company, the other places it names that the
    company's comp table has no row for ("london … or dublin": Dublin)."""
    rows = catalog.regions.get(frame.company, ()) if frame.company else ()
    if frame.intent not in PAY_INTENTS or not rows or not frame.region:
        return []
    # (a place another company named has a row for is that company's: "…and alibaba seattle",
    # also one told only as context: "i have 2 offers, anyscale nyc and alibaba seattle")
    others = (*frame.other_companies, *frame.context_names)
    rows = [*rows, *(r for c in others for r in catalog.regions.get(c, ()))]
    return places_without_rows(frame.question, rows, besides=frame.place)


def pay_asked_of_a_place_without_a_row(frame: Understanding, catalog: Catalog) -> bool:
    """Pay asked beside another ask, of a place the company has no row for (on a pay question
    retrieval abstains and its refusal names the place)."""
    rows = catalog.regions.get(frame.company, ()) if frame.company else ()
    pay_beside = frame.intent not in PAY_INTENTS and "comp" in frame.intents
    return bool(rows and pay_beside and frame.unknown_region and not frame.region)


def carried_place_without_a_row(frame: Understanding, catalog: Catalog) -> bool:
    """The same pay question at another company ("and at anyscale?" after Alibaba Seattle),
    whose comp table has no row for the place carried: its rows are shown, the lack named."""
    rows = catalog.regions.get(frame.company, ()) if frame.company else ()
    carried = frame.repeats and frame.place and not frame.region and not frame.unknown_region
    return bool(carried and rows and frame.intent in PAY_INTENTS)


def companies_without_the_place(frame: Understanding, catalog: Catalog) -> list[tuple[str, str]]:
    """On a pay question about several companies, (company, place) for each place the turn
    names that the company's comp table has no row for while another named company's has
    ("ok and singapore for both?" after London: Anyscale, Singapore)."""
    companies = [c for c in dict.fromkeys((frame.company, *frame.other_companies)) if c]
    if frame.intent not in PAY_INTENTS or len(companies) < 2:
        return []
    out = []
    for company in companies:
        own = frame.regions_by_company.get(company)
        if own and own in frame.region_mentions:  # "alibaba seattle vs anyscale sf": its own
            continue
        others = [r for c in companies if c != company for r in catalog.regions.get(c, ())]
        held_elsewhere = set(places_without_rows(frame.question, catalog.regions[company]))
        held_elsewhere -= set(places_without_rows(frame.question, others))
        out += [
            (company, place)
            for place in sorted(held_elsewhere)
            if _asked(place, frame)
            and not any(_said_of(other, place, frame.question) for other in companies)
        ]
    return out


def _asked(place: str, frame: Understanding) -> bool:
    """Whether the place is one the turn asks about (not "not seattle", corrected away)."""
    found = match_region(place.lower(), list(frame.region_mentions))
    return found is not None and found.label is not None


def _said_of(company: str, place: str, question: str) -> bool:
    """Whether the question names the place right after the company ("alibaba in seattle",
    "anyscale sf"): that company's place, not one asked of every company compared."""
    pattern = rf"\b{re.escape(company.lower())}\b(?:\W+\w+){{0,2}}?\W+{re.escape(place.lower())}\b"
    return re.search(pattern, normalize(question)) is not None
