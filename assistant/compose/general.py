"""General questions: the best passages (short ones whole, else their most relevant sentences),
each cited; a section's short opening line followed by what the section says; a comp row among
them is written as a band.

Leaves out: intent-specific layouts (the sibling modules).
"""

from __future__ import annotations

import re

from assistant.compose.bands import (
    one_band,
)
from assistant.compose.core import Evidence, Writer
from assistant.compose.faq_lead import (
    faq_asking_it,
    faq_naming_topic,
    lead_each_ask,
    write_faq_lead,
)
from assistant.compose.lead import (
    write_lead,
)
from assistant.compose.passages import (
    condensed,
    on_topic,
    said_before,
    wanted_words,
    with_rest_of_section,
)
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.asks import COMPARES, asks_in
from assistant.understanding.question import Understanding

MAX_PASSAGES = 3  # retrieved passages shown; a section's short opening brings what follows it


def compose_general(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    wanted = wanted_words(understood)
    by_id = {b.chunk_id: b for b in ev.facts.bands}
    last_heading = ""
    best = on_topic(list(retrieval.hits), wanted)[:MAX_PASSAGES]
    if understood.component is None:  # a place named is no pay question: no row, if other
        best = [h for h in best if h.chunk_id not in by_id] or best  # passages answer it
    faq = faq_naming_topic(list(retrieval.hits), understood) or faq_asking_it(
        best, understood, ev.relatedness
    )
    if len(asks_in(understood.question)) > 1:  # "is mandarin required? also how's the wlb?"
        lead_each_ask(writer, understood, on_topic(list(retrieval.hits), wanted), ev.relatedness)
    elif faq is not None:  # the guide's own answer to the user's question
        write_faq_lead(writer, understood, faq)
    elif not any(h.chunk_id in by_id for h in best[:1]):  # a comp row answers by itself
        write_lead(writer, understood, best, ev.relatedness)
    shown: set[str] = set()
    for hit in with_rest_of_section(best, ev.records):
        if hit.chunk_id in by_id:
            band = by_id[hit.chunk_id]
            # (a row retrieved twice is shown once; a place asked, its row only; and the row of
            # the pay asked besides is that answer's own)
            if (
                hit.chunk_id in shown
                or _another_place(band.region, understood)
                or ("comp" in understood.intents and band.region == understood.region)
            ):
                continue
            shown.add(hit.chunk_id)
            one_band(writer, band, understood.component)
            writer.add("")
            continue
        sentences = [s for s in condensed(hit, wanted) if not said_before(s, writer.lines)]
        if not sentences:
            continue
        mark = writer.book.cite(hit.chunk_id)
        heading = f"**{hit.company + ': ' if hit.company else ''}{hit.section}**"
        if heading == last_heading:
            writer.lines.pop()  # the blank line: this passage continues the section above
        else:
            writer.add(heading, "")
        last_heading = heading
        writer.add(*(f"- {s} {mark}" for s in sentences))
        writer.add("")


def _another_place(region: str, understood: Understanding) -> bool:
    """Whether a row is of another place than the one the question names ("the bay area base"
    is not answered with Seattle's row), unless the question compares places ("than" before a
    clause compares no places: "start 2 months later than they proposed")."""
    question = understood.question
    clause_only = _THAN_CLAUSE.search(question) and not COMPARES.search(
        _THAN_CLAUSE.sub(" ", question)
    )
    places = understood.compares and not clause_only
    return bool(understood.region) and not places and region != understood.region


_THAN_CLAUSE = re.compile(r"\bthan (?:they|i|we|you|he|she|it)\b", re.I)
