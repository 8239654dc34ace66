"""Two regions of one company the conversation went through, asked side by side again: after
"hangzhou tc?" and "sorry i meant beijing", "so which tops out higher and by how much" compares
Hangzhou with Beijing, not every region of the table. The companies a turn sets beside its own
(`compared_now`) are carried the same way, and so are those a message only tells of with a
place of their own ("i have 2 offers, anyscale nyc and alibaba seattle": `with_told_offers`).

Leaves out: which figures are compared (assistant.compose.comp); `ConversationState.compared`
is where the companies set beside each other are kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.understanding.entities import (
    Catalog,
    RegionMention,
    company_segments,
    match_region,
)
from assistant.understanding.frame import ConversationState

TOLD_PAIR_WORDS = 5  # a region told beside a company comes within this many words of its name

# "which tops out higher", "which one's bigger", "what's the gap", "by how much"
_SIDE_BY_SIDE = re.compile(
    r"\bwhich\b[^?.!]*\b(?:higher|more|bigger|larger|lower|less|better|top|tops)\b"
    r"|\b(?:difference|gap)\b|\bby how much\b|\bhow do (?:they|the two) compare\b",
    re.I,
)

# "rsu bands for both?", "each of them", "the two bands"
_BOTH = re.compile(
    r"\b(?:both|each of (?:them|those|the two)|the (?:two|2) (?:of them|bands|rows))\b",
    re.I,  # ("Both?")
)


def region_before(
    state: ConversationState,
    company: str | None,
    region: str | None,
    asked: Mapping[str, RegionMention] = {},  # noqa: B006 (read only)
) -> str | None:
    """The region the conversation was in before the last change of region, for the same
    company; None once the company changes. A turn asking of two regions of one company
    (`asked`: "beijing vs hangzhou") sets the other beside its own, for "which is higher?"."""
    others = [label for label in asked if label != region]
    if region and others and len(asked) == 2:
        return others[0]
    if company and company != state.company:
        return None
    if region and state.region and region != state.region:
        return state.region
    return state.earlier_region


def regions_again(
    question: str, state: ConversationState, named: bool, region: str | None = None
) -> dict[str, RegionMention]:
    """The two regions of the conversation's company a comparison that names none asks about
    ("which tops out higher?"), or that asks of both while naming one of them (`region`: "she
    says sf equity is 'way bigger'. rsu bands for both?"), as mentions in the order they came
    up; empty otherwise. `named`: the turn names another company or a place."""
    earlier, last = state.earlier_region, state.region
    if not earlier or not last or earlier == last:
        return {}
    both = {earlier: (0, 0, 0), last: (1, 0, 0)}
    if _BOTH.search(question) and (not named or region in both):
        return both
    return both if not named and _SIDE_BY_SIDE.search(question) else {}


def compared_now(
    state: ConversationState,
    named: list[str],
    regions_by: dict[str, str | None],
    again: bool,
    region: str | None,
    carried: bool,
) -> tuple[tuple[str, str | None], ...]:
    """The companies (with their regions) set beside this turn's: the others it names; after
    "and anyscale?" or "and anyscale nyc?" (`again`: the turn moves to another company) the
    company asked before, for "which pays more?" or "the other one's equity?" (not after a
    region that company has no row for: "anyscale tc in seattle?" then "what about alibaba's
    seattle office"); kept, when `carried`, after a turn naming none ("which is better?")."""
    if named[1:]:
        return tuple((c, regions_by.get(c)) for c in named[1:])
    beside = dict(state.compared)
    if named and named[0] in beside and state.company and state.company not in named:
        # ("sorry i meant the other company, alibaba": the one left stays beside it)
        beside.pop(named[0])
        return ((state.company, state.region), *beside.items())
    if again and state.company and (state.region or not region):
        return ((state.company, state.region),)
    return state.compared if carried else ()


def with_told_offers(
    compared: tuple[tuple[str, str | None], ...],
    question: str,
    told: tuple[str, ...],
    catalog: Catalog,
) -> tuple[tuple[str, str | None], ...]:
    """`compared`, with each company of the guides the message names only as context, with a
    region right beside its name ("i have 2 offers, anyscale nyc and alibaba seattle. whats
    the bonus at anyscale?": Alibaba, Seattle), so "sorry i meant the other one" and "which
    one has the higher base?" later take that company at that region."""
    if not told:
        return compared
    segments = company_segments(question, catalog)
    kept = dict(compared)
    for company in told:
        if company in kept or company not in segments or company not in catalog.regions:
            continue
        beside = " ".join(segments[company].split()[:TOLD_PAIR_WORDS])
        match = match_region(beside, catalog.regions[company])
        if match and match.label:
            kept[company] = match.label
    return tuple(kept.items())
