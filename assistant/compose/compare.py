"""Offers compared year by year in chat ("compare my Alibaba Seattle offer with Anyscale SF at
$190K base, $200K RSU over 4 years", "which is better over 4 years?", "X vs Y offer").

`comparison_in_chat(question, user_texts, offer_text, catalog, facts)` finds the offers a
comparison question means: each company-led part of the question that gives amounts; a company
named without amounts ("my Alibaba Seattle offer") is that company's offer from an earlier user
turn; with fewer than two, the conversation's latest offer ("my offer") and then the other
earlier offers fill in. It returns the `Comparison` (assistant.engine.years), or None when the
question does not compare two offers the year model can read (the question is then answered as
before). `compose_compare` writes the
answer: who leads in year one, over the years and when the lead changes, a compact table of
totals, each offer's year one as a shown sum, and the engine's every figure and formula input as
the answer's calculations (for the grounding check). The intent stays "counter" (the JSON
contract's enum).

Leaves out: the year model itself (assistant.engine.years), schedules other than those the offer
text states, and offers whose amounts come before the company's name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.compose.core import Writer
from assistant.compose.counter import placed_in_band
from assistant.corpus.facts import Facts
from assistant.engine.figures import Figure
from assistant.engine.years import FORMULAS, MAX_OFFERS, Comparison, compare_texts
from assistant.engine.years_report import leader_sentences, shown
from assistant.engine.years_workbench import band_for
from assistant.errors import CoachError
from assistant.understanding.conversation import describes_offer, states_offer
from assistant.understanding.entities import Catalog, _company_mentions, normalize

# (an offer "vs their band" or "compared to the range" is placed in its band, not compared)
ASKS_TO_COMPARE = re.compile(
    r"\b(?:(?:compar(?:e[sd]?|ing|ison)|vs\.?|versus)(?!\s+(?:to |with )?(?:the |their |its |"
    r"that |this |the guide'?s? )?(?:band|range|market|guide|row|table)s?\b)|side by side|"
    r"year[- ]by[- ]year|"
    r"which (?:one |offer |of (?:them|the two) )?(?:(?:actually|really|truly|honestly|overall|"
    r"realistically) )?(?:is|would be|pays|comes out) "
    r"(?:better|best|more|ahead|stronger)|better offer)(?=\W|$)",
    re.I,
)
_JOINERS = re.compile(r"[\s,;:(]*\b(?:with|vs\.?|versus|against|and|or|to|than)?[\s,;:(]*$", re.I)


def comparison_in_chat(
    question: str, user_texts: Sequence[str], offer_text: str, catalog: Catalog, facts
) -> Comparison | None:
    """The offers the question compares (module docstring), or None (then the question is
    answered as before: a competing offer without a base, say, by the counter-offer path)."""
    if not ASKS_TO_COMPARE.search(question):
        return None
    earlier = _earlier_offers(user_texts, offer_text, catalog)
    texts: list[str] = []
    for company, part in _parts(question, catalog):
        if describes_offer(part):
            texts.append(part)
        elif company and company in earlier:
            texts.append(earlier[company])
    for text in [offer_text, *reversed(earlier.values())]:
        if len(texts) >= 2:
            break
        if text and text not in texts:
            texts.insert(0, text)  # "my offer" first
    texts = list(dict.fromkeys(texts))
    if len(texts) < 2:
        return None
    texts = texts[:MAX_OFFERS]
    try:
        return compare_texts(texts, facts)
    except CoachError:
        return None


def _parts(text: str, catalog: Catalog) -> list[tuple[str, str]]:
    """(company, the text from its mention to the next company's), in order; the words before
    the first company go with it ("compare my Alibaba Seattle offer with" -> Alibaba)."""
    words: list[tuple[str, int]] = []
    for token in re.finditer(r"\S+", text):
        words += [(word, token.start()) for word in normalize(token.group()).split()]
    mentions = _company_mentions([w for w, _ in words], catalog)
    if not mentions:
        return [("", text.strip())]
    starts = [0, *(words[start][1] for start, _, _ in mentions[1:])]
    ends = [*starts[1:], len(text)]
    return [
        (company, _JOINERS.sub("", text[a:b]).strip())
        for (_, _, company), a, b in zip(mentions, starts, ends, strict=True)
    ]


def _earlier_offers(user_texts: Iterable[str], offer_text: str, catalog: Catalog) -> dict:
    """Company -> its latest offer text among the user's earlier turns, oldest first."""
    found: dict[str, str] = {}
    for text in user_texts:
        if not states_offer(text):
            continue
        for company, part in _parts(text, catalog):
            if company and describes_offer(part):
                found.pop(company, None)
                found[company] = part
    # the latest offer, with its subject added ("Alibaba offer: ali beijing offer, 48w base")
    named = {company for company, _ in _parts(offer_text, catalog)} if offer_text else set()
    if len(named) == 1 and "" not in named:
        (company,) = named
        found.pop(company, None)
        found[company] = offer_text
    return found


def compose_compare(writer: Writer, comparison: Comparison, facts: Facts | None = None) -> None:
    writer.values += comparison_values(comparison)
    years = len(comparison.offers[0].rows)
    if not comparison.currency:  # (the engine's note names a command-line flag)
        currencies = " and ".join(dict.fromkeys(o.currency for o in comparison.offers))
        writer.add(
            f"The guides give no exchange rate between {currencies} and none is assumed, so "
            "neither offer is ranked; each is shown in its own currency.",
            "",
        )
    writer.add(*_each_in_its_band(writer, comparison, facts))
    writer.add(f"**Your offers year by year** (over {years} years, from your figures)", "")
    if comparison.currency:
        writer.add(*(f"- {sentence}" for sentence in leader_sentences(comparison)))
    writer.key += [shown(c[-1]) for c in comparison.cumulative]
    head = " | ".join(f"{o.label} total | {o.label} cumulative" for o in comparison.offers)
    writer.add("", f"| Year | {head} |", "|---" * (1 + 2 * len(comparison.offers)) + "|")
    for index in range(years):
        cells = " | ".join(
            f"{shown(o.rows[index].total)} | {shown(o.rows[index].cumulative)}"
            for o in comparison.offers
        )
        writer.add(f"| {index + 1} | {cells} |")
    writer.add("", "**Year one, part by part**", "")
    for offer in comparison.offers:
        row = offer.rows[0]
        names = ("base", "bonus", "stock", "sign-on")
        parts = " + ".join(
            f"{name} {shown(f)}" for name, f in zip(names, row.parts(), strict=True) if f
        )
        stock = f"; stock vests {offer.schedule.label}" if offer.schedule else ""
        writer.add(f"- {offer.label} ({offer.currency}{stock}): {parts} = {shown(row.total)}")
        writer.add(*(f"  - Assumption: {a}" for a in offer.assumptions))
    writer.add("", f"How: {FORMULAS}. Taxes, stock price changes and inflation are left out.")


def _each_in_its_band(writer: Writer, comparison: Comparison, facts: Facts | None) -> list[str]:
    """Where each offer sits in its own company's band for its region, in its own currency
    ("which one is better positioned inside its own band?"), cited; nothing for an offer whose
    company and region have no band row."""
    lines = []
    for item in comparison.offers:
        band = band_for(item.offer.company, item.offer.region, facts) if facts else None
        placed = placed_in_band(writer, item.offer, band) if band else ""
        if placed:
            lines.append(f"- {item.label}: {placed}")
    return ["**Each offer in its own band**", "", *lines, ""] if lines else []


def comparison_values(comparison: Comparison) -> list[tuple[float, str]]:
    """Every figure the comparison computed, with its formula inputs."""
    figures: list[Figure] = []
    for offer in comparison.offers:
        for row in offer.rows:
            figures += [f for f in (*row.parts(), row.total, row.cumulative) if f]
    for cumulative in comparison.cumulative:
        figures += list(cumulative)
    out: list[tuple[float, str]] = []
    for figure in figures:
        out += [(f.value, f.unit) for f in _walk(figure)]
    return list(dict.fromkeys(out))


def _walk(figure: Figure):
    yield figure
    for child in figure.provenance.inputs:
        yield from _walk(child)
