"""Employers named by their kind, not by name ("what do startups pay devops engineers in sf?",
"typical devops pay at a hedge fund in nyc"): the guides hold named companies' figures, not a
kind's, so when no company is named the kind is a gap said first, and what the guides hold (a
row for the place named) follows, labelled; asked of no place, nothing held is asked.

A kind only told about ("i'm at a bank, what's devops pay in sf?", "leaving a series b") is the
user's background, not asked. Leaves out: companies named by name (assistant.compose.coverage)
and what kind of employer a guide's company is (the guides' own words say that).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import asked_sentences
from assistant.understanding.entities import Catalog, companies_in, normalize
from assistant.understanding.intents import PAY_INTENTS
from assistant.understanding.question import Understanding

# General language: kinds of employer, as people name them (singular; a plural "s" is read too)
_KINDS = (
    r"start-?ups?|seed[- ]stage (?:start-?ups?|compan(?:y|ies))|series [a-e] (?:start-?ups?|"
    r"compan(?:y|ies))|series [a-e]s?|early[- ]stage compan(?:y|ies)|unicorns?|big tech|faang|"
    r"maang|hedge funds?|banks?|investment banks?|fintechs?|consultanc(?:y|ies)|"
    r"consulting firms?|agenc(?:y|ies)|government|non-?profits?|trading firms?|quant firms?"
)
_KIND = re.compile(rf"\b(?:a |an |the )?(?P<kind>{_KINDS})\b", re.I)
# the user's own employer, told: "i'm at a bank", "my startup", "currently at a series b"
_TOLD = re.compile(
    r"\b(?:my|our|i'?m|i am|im|i work|i'?ve been|currently|leaving|from|left)\b[^.?!,;]{0,24}$",
    re.I,
)


def kind_asked(frame: Understanding, catalog: Catalog) -> str | None:
    """The kind of employer a pay or lever question asks about when it names no company
    ("startups", "a hedge fund"; a company only inferred from the place is not named), as
    typed; else None."""
    named = companies_in(normalize(frame.question), catalog)
    if named or frame.followup or frame.other_companies or frame.outside_companies:
        return None
    if frame.intent not in (*PAY_INTENTS, "lever") and not set(frame.intents) & {"comp"}:
        return None
    asking = asked_sentences(frame.question)
    for match in _KIND.finditer(asking):
        if not _TOLD.search(asking[: match.start()]):
            kind = match.group("kind")  # (named as a kind: "series B startups", "hedge funds")
            whole = kind.lower().endswith(("s", "tech", "government", "aang"))  # ("big tech")
            return kind if whole else f"{kind}s"
    return None


def kind_statement(frame: Understanding, catalog: Catalog) -> tuple[str, list[str]]:
    """The sentence naming an asked kind of employer as not covered, and the kind; ("", [])
    when none is asked."""
    kind = kind_asked(frame, catalog)
    if kind is None:
        return "", []
    held = " and ".join(catalog.companies) or "named companies"
    return f"The guides have no figures for {kind} in general; they cover {held} only.", [kind]
