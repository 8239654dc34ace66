"""What the guides lack about currencies, said before composing: a band asked in a currency its
row is not in ("anyscale london in USD?"), and rows in different currencies set side by side
("is sf more once you convert?" after London): no exchange rate is applied, and none is
invented.

Leaves out: amounts the user gives in another currency (the negotiation engine says so when it
places an offer) and every other coverage statement (assistant.compose.coverage).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.corpus.facts import CompBand
from assistant.understanding.question import Understanding

_CONVERTS = re.compile(r"\bconver(?:t|ts|ted|ting|sion)\b|\bexchange rates?\b|\bfx\b", re.I)


def currency_statement(
    frame: Understanding, bands: Sequence[CompBand], previous_region: str | None = None
) -> str:
    """A pay question asking for a currency the region's row is not in ("anyscale london in
    USD?"): the guides give no figure in it, and no exchange rate is applied; one comparing
    rows in different currencies: they are not compared (one region named is compared with
    the conversation's last other region: "is sf more once you convert?" after London)."""
    regions = set(frame.region_mentions)
    compares = frame.compares or bool(_CONVERTS.search(frame.question))  # ("once you convert")
    if len(regions) == 1 and previous_region and compares:
        regions.add(previous_region)
    mine = [b for b in bands if b.company == frame.company] if len(regions) == 2 else bands
    named = {b.currency for b in mine if b.region in regions and b.currency}
    percents_only = set(frame.components) == {"bonus"}  # ("does their bonus % go higher?")
    if frame.intent == "comp" and compares and len(named) > 1 and not percents_only:
        return (
            f"The guides give no exchange rate between {' and '.join(sorted(named))}, so these "
            "bands are not compared here."
        )
    if frame.intent != "comp" or not frame.currency or frame.states_amounts or not frame.region:
        return ""
    if frame.component == "sign_on":  # (no column: the sign-on answer says the currency of the
        return ""  # levers' figures: "what sign-on could i ask? the guide's number is in usd?")
    row = next((b for b in bands if b.company == frame.company and b.region == frame.region), None)
    if row is None or not row.currency or row.currency == frame.currency:
        return ""
    return (
        f"The guides give {frame.company}'s {frame.region} band in {row.currency} only, not in "
        f"{frame.currency}; no exchange rate is applied."
    )
