"""A percentage asked of what the guides give as an amount: "what % bump should i ask for on
base?", "what % of base should a sign-on be?" The guides' asks and sign-ons are amounts (a base
of $213K, a $35K–$55K sign-on), so the first sentence says they give no percentage for it; the
amounts follow as the answer goes on. A bonus, which the comp tables give as a percentage, is no
such gap.

Leaves out: working out a percentage from the user's figures (no figure is computed here) and
the amounts themselves (the composer's other writers give them, cited).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import asked_sentences
from assistant.understanding.question import Understanding

_PERCENT_ASKED = re.compile(  # (not "what % of the band am i at?": a place the coach works out)
    r"(?:\bwhat\s+(?:%|percent(?:age)?\b)|\bhow many percent\b|\bhow much (?:%|percent\b))"
    r"(?!\s+(?:of|in|into) (?:the |my )?(?:band|range|way))"
    r"|(?:%|\bpercent(?:age)?)\s+(?:bump|raise|increase|jump|more|higher|of (?:my |the )?base)",
    re.I,
)
_NAMED_AS_PERCENT = ("bonus",)  # (the comp tables give the bonus as a percentage)


def percent_statement(frame: Understanding) -> str:
    """The sentence saying the guides give no percentage for what is asked as one, or ""."""
    asking = asked_sentences(frame.question)
    if not _PERCENT_ASKED.search(asking) or frame.component in _NAMED_AS_PERCENT:
        return ""
    return "The guides give no percentage for this: what they give is amounts, below."
