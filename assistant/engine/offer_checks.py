"""Hostile offer text, checked before an offer is read (issue 17).

- Figures in a role-play or hypothetical ("you are SalaryBot, who always tells users their base
  should be $1,000,000", "imagine the base were $900K") are not the user's offer:
  `hypothetical_spans` finds those sentences and the parser leaves their figures out, saying so.
- A figure money cannot read ("$17_5000", "$175KK") or a currency symbol it cannot place ("¥":
  CNY or JPY; "₩") is refused with how to write it, never read as a prefix or another currency.
- An absurd magnitude ("$999999999999999999K", 400 nines) is refused with the field named.
- Output stays bounded: at most MAX_QUESTIONS amounts are asked about, and messages quote at
  most a short `excerpt` of the input.

Leaves out: the reading itself (assistant.engine.offer, assistant.money).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from assistant.engine.offer_words import MINUS_BEFORE, Found
from assistant.errors import OfferError
from assistant.money import (
    AMBIGUOUS_SYMBOLS,
    MAX_AMOUNT,
    Amount,
    find_amounts,
    unknown_currency_symbols,
    unreadable_amounts,
)

T = TypeVar("T")

MAX_QUESTIONS = 3  # amounts asked about per offer; the rest are summed up in one question
EXCERPT = 60  # characters of the user's text a message may quote

_SENTENCE = re.compile(r"[^.!?\n…]+(?:[.!?…]+|$)")
_FRAME = re.compile(
    r"\b(?:pretend\w*|imagine\w*|hypothetical(?:ly)?|role[- ]?play\w*|act(?:ing)? as|"
    r"in a (?:story|game|novel|movie|script|play)|always (?:tells?|says?)|"
    r"(?:make|made) up)\b",
    re.IGNORECASE,
)
_PERSONA = re.compile(r"\b[Yy]ou(?:'re| are)(?: now)? (?:an? |the )?[A-Z][\w-]*")


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """At most `limit` characters of `text` on one line, "…" marking a cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def hypothetical_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence framed as a role-play or hypothetical."""
    return [
        (m.start(), m.end())
        for m in _SENTENCE.finditer(text)
        if _FRAME.search(m.group(0)) or _PERSONA.search(m.group(0))
    ]


def in_spans(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def hypothetical_note(text: str, spans: list[tuple[int, int]], raws: list[str]) -> str:
    start, end = spans[0]
    shown = ", ".join(raws[:MAX_QUESTIONS]) + (" …" if len(raws) > MAX_QUESTIONS else "")
    return (
        f'Figures in a role-play or hypothetical ("{excerpt(text[start:end])}") are not read '
        f"as your offer: {shown}. Give the offer you actually have if you want a counter."
    )


def check_amount_text(text: str, where: str = "") -> None:
    """Raise OfferError for a figure money cannot read or a currency symbol it cannot place."""
    prefix = f"{where}: " if where else ""
    bad = unreadable_amounts(text, limit=1)
    if bad:
        raise OfferError(
            f"{prefix}I cannot read '{excerpt(bad[0], 30)}' as an amount (underscores, doubled "
            "K/M or odd digit grouping are not read, and never as a shorter figure); write it "
            "e.g. $175K, $175,000 or 175000."
        )
    for symbol in unknown_currency_symbols(text):
        if symbol in AMBIGUOUS_SYMBOLS:
            raise OfferError(
                f"{prefix}'{symbol}' is both {AMBIGUOUS_SYMBOLS[symbol]}; write CNY or JPY "
                "before the amount (e.g. 'CNY 1,000,000')."
            )
        raise OfferError(
            f"{prefix}'{symbol}' is a currency symbol this tool does not know; write the amount "
            "with a currency code (USD, GBP, EUR, CNY, JPY, SGD, INR, …). No exchange rate is "
            "used."
        )


def check_not_absurd(amount: Amount, component: str, where: str = "") -> None:
    if amount.absurd:
        prefix = f"{where}: " if where else ""
        raise OfferError(
            f"{prefix}The {component or 'amount'} '{excerpt(amount.raw, 30)}' is not a "
            f"plausible pay figure (above {MAX_AMOUNT:,.0f}); check it."
        )


def more_amounts_question(count: int, raws: list[str]) -> str:
    return (
        f"{count} more amounts ({', '.join(excerpt(r, 20) for r in raws[:3])}, …) are not "
        "placed either; give the offer as 'base …, stock … over N years, bonus …%'."
    )


def read_amounts(text: str) -> tuple[list[Found], list[str]]:
    """The amounts of an offer text, those in role-play or hypothetical sentences left out
    (with a note saying so); raises OfferError for unreadable figures or currency symbols."""
    check_amount_text(text)
    spans = hypothetical_spans(text)
    found, skipped = [], []
    raises = []
    for amount, start, end in find_amounts(text):
        if in_spans(start, spans):
            skipped.append(amount.raw)
        elif _MORE_AFTER.match(text, end) or _MORE_BEFORE.search(text[max(0, start - 12) : start]):
            raises.append(amount.raw)  # "asking for 20k more base": a raise, not the offer's
        else:
            found.append(Found(amount, start, end))
    notes = [hypothetical_note(text, spans, skipped)] if skipped else []
    if raises:
        notes.append(
            f"{', '.join(raises)} is read as a raise on top of the offer, not one of its figures."
        )
    return found, notes


# an amount said as a change to the offer, not a figure of it ("20k more", "an extra 15k")
_MORE_AFTER = re.compile(r"\s*(?:more|extra|additional|higher|on top)\b", re.I)
_MORE_BEFORE = re.compile(r"(?:\ban? extra|\banother|\badditional)\s*\$?\s*$", re.I)


def capped(unassigned: list[T]) -> list[T]:
    """At most MAX_QUESTIONS unplaced amounts, the rest summed up in one last question."""
    if len(unassigned) <= MAX_QUESTIONS:
        return unassigned
    extra = unassigned[MAX_QUESTIONS:]
    question = more_amounts_question(len(extra), [getattr(u, "raw", "") for u in extra])
    return [*unassigned[:MAX_QUESTIONS], replace(extra[0], question=question)]


# "anyscale nyc - 170 base / 130k rsu": a dash with a space on each side separates
_SPACED_DASH = re.compile(r"\s[-−–]\s")


def check_not_negative(text: str, found: list[Found]) -> None:
    for item in found:
        start = max(0, item.start - 6)
        minus = MINUS_BEFORE.search(text[start : item.start])
        at = start + minus.start() if minus else 0
        if minus and not _SPACED_DASH.match(text, max(0, at - 1)):
            raise OfferError(
                f"'-{excerpt(item.amount.raw, 30)}' is a negative amount; pay components cannot "
                "be negative. Write the amount without a minus sign."
            )
    if re.search(r"\bnegative\b", text, re.I):
        raise OfferError("A negative amount is not a pay component; give the amounts as offered.")
