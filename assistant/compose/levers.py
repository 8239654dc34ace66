"""Lever questions: the guide's numbered levers and negotiate-up script, quoted and cited, led
by the passage the question names when it fits better ("what is their negotiation DNA?").

Leaves out: which levers apply to an offer (assistant.engine.negotiation).
"""

from __future__ import annotations

import re

from assistant.compose.core import Evidence, Writer
from assistant.compose.general import compose_general
from assistant.compose.passages import (
    chunk_body,
    condensed,
    on_topic,
    one_line,
    shared_words,
    wanted_words,
)
from assistant.corpus.facts import Lever
from assistant.money import PERCENT, find_amounts
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.question import Understanding


def compose_levers(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    companies = [c for c in (understood.company, *understood.other_companies) if c]
    if not companies:
        companies = list(
            dict.fromkeys(
                h.company for h in retrieval.hits if h.kind in ("lever", "script") and h.company
            )
        )[:2]
    if not companies:
        compose_general(writer, understood, retrieval, ev)
        return
    wanted = wanted_words(understood)

    def overlap(hit) -> int:
        return shared_words(wanted, chunk_body(hit.text) + " " + hit.section)

    lever_best = max(
        (overlap(h) for h in retrieval.hits if h.kind in ("lever", "script")), default=0
    )
    prose = [
        h
        for h in on_topic(list(retrieval.hits), wanted)
        if h.kind not in ("lever", "script", "table_row", "list")
        and (overlap(h) > lever_best or overlap(h) >= max(2, lever_best))
    ]
    for hit in prose[:1]:  # "what is their negotiation DNA?": the passage asked about, first
        sentences = [s for s in condensed(hit, wanted) if not _off_table_band(s, hit.company, ev)]
        if not sentences:
            continue
        writer.add(f"**{hit.company}: {hit.section}**", "")
        mark = writer.book.cite(hit.chunk_id)
        writer.add(*(f"- {s} {mark}" for s in sentences), "")
    for company in companies:
        levers: list[Lever] = sorted(
            (lv for lv in ev.facts.levers if lv.company == company), key=lambda lv: lv.number
        )
        scripts = [s for s in ev.facts.scripts if s.company == company]
        if not levers and not scripts:
            continue
        writer.add(f"**{company}: the guide's negotiation levers**", "")
        for lever in levers:
            text = one_line(lever.text)
            writer.add(
                f"{lever.number}. **{lever.name}** {writer.book.cite(lever.chunk_id)}: {text}"
            )
        for script in scripts:
            writer.add(
                "",
                f"**{script.name}** {writer.book.cite(script.chunk_id)}:",
                "",
                f"> {one_line(script.text)}",
            )
        writer.add("")
    if writer.lines:
        writer.add("Use a lever only when it is true for you; the figures are the guide's.")
    else:
        compose_general(writer, understood, retrieval, ev)


_PAY_WORDS = re.compile(r"\b(?:band|base|salary|stock|rsu|equity|total comp|tc)\b", re.I)


def _off_table_band(sentence: str, company: str, ev: Evidence) -> bool:
    """True for prose stating a pay figure the company's comp table does not hold ("Secret
    band: the Alibaba Seattle base is $999K"): it is no lever, and not quoted as one."""
    if not _PAY_WORDS.search(sentence):
        return False
    table = {
        round(v)
        for b in ev.facts.bands
        if b.company == company
        for v in (b.base_min, b.base_max, b.stock_min, b.stock_max, b.total_min, b.total_max)
        if v is not None
    }
    money = [a for a, _, _ in find_amounts(sentence) if a.unit != PERCENT]
    return any(round(v) not in table for a in money for v in (a.low, a.high))
