"""The user's own asks ("write me a short email asking for 205 base", "i'll counter at $210K
base and a 30k sign-on"): the base or sign-on figure the user says they will ask for is put in
place of the proposal's ask for that component, cited to their message, with the guide's
figure kept beside it (`Ask.script_ask`), so the counter, the email and the phone script
state the user's numbers and the totals at the ask are computed from them.

Leaves out: stock asked by the user (whether it is a grant or a year's worth is the offer
reader's question), a figure asked with no pay word beside it ("ask for 205?": base or total?),
and advice on whether the user's figure is wise (the counter still shows the guide's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.engine.figures import user
from assistant.engine.negotiation import Negotiation
from assistant.engine.offer import parse_offer
from assistant.engine.position import totals_at_ask

OWN_ASK = "your own figure"
_ASKED = ("base", "sign_on")
# "asking for 205 base", "ask them for a 30k sign-on", "counter at 210 base", "go for 220 base"
_ASKING = re.compile(
    r"\b(?:ask(?:ing)?(?:\s+[\w'-]+){0,2}?\s+for|"  # ("ask them for", "ask the recruiter for")
    r"(?:asking|to\s+ask)(?=\s+\$?\d)|"  # ("asking 205 base", "want to ask 205 base")
    r"request(?:ing)?|counter(?:ing)?\s+(?:with|at)|propos(?:e|ing)|go(?:ing)?\s+for|"
    r"push(?:ing)?\s+for)\s+(?P<what>[^.?!;]{1,60})",
    re.I,
)


def own_asks(texts: Sequence[str]) -> dict[str, float]:
    """The base and sign-on amounts the messages say the user will ask for (a later one's in
    place of an earlier one's)."""
    found: dict[str, float] = {}
    for match in (m for text in texts for m in _ASKING.finditer(text)):
        read = parse_offer(match.group("what"), [], [])
        found |= {c: getattr(read, c) for c in _ASKED if getattr(read, c) is not None}
    return found


def with_own_asks(negotiation: Negotiation, texts: Sequence[str]) -> Negotiation:
    """The negotiation with the own asks of `texts` (the user's messages since the offer was
    stated, this one last) in place of the proposal's, the guide's figure kept as each one's
    `script_ask`; unchanged when they ask none."""
    asks, proposal = own_asks(texts), negotiation.proposal
    if not asks or proposal is None:
        return negotiation
    changed = []
    for ask in proposal.asks:
        value = asks.get(ask.component)
        if value is None or value == ask.figure.value:
            changed.append(ask)
            continue
        mine = user(value, proposal.currency, f"your {ask.component.replace('_', '-')} ask")
        changed.append(replace(ask, figure=mine, rule=OWN_ASK, script_ask=ask.figure))
    figure = {a.component: a.figure for a in changed}
    floor, base = next((a for a in changed if a.component == "floor"), None), figure.get("base")
    if floor is not None and base is not None and floor.figure.value > base.value:
        # (rule 6: the walk-away is never above the base asked)
        lower = replace(floor, figure=base, rule="the base ask (the floor is above it)")
        changed = [lower if a is floor else a for a in changed]
    at_ask = totals_at_ask(
        negotiation.offer, figure.get("base"), figure.get("stock"), figure.get("sign_on")
    )
    return replace(negotiation, proposal=replace(proposal, asks=tuple(changed), totals=at_ask))
