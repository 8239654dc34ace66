"""General questions: the most relevant sentences of the best passages, each cited; a comp
row among them is written as a band.

Leaves out: intent-specific layouts (the sibling modules).
"""

from __future__ import annotations

from assistant.compose.bands import (
    one_band,
)
from assistant.compose.core import Evidence, Writer
from assistant.compose.passages import (
    condensed,
    on_topic,
    wanted_words,
)
from assistant.retrieval import Retrieval
from assistant.understanding import Understanding


def compose_general(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    wanted = wanted_words(understood)
    by_id = {b.chunk_id: b for b in ev.facts.bands}
    last_heading = ""
    for hit in on_topic(list(retrieval.hits), wanted)[:3]:
        if hit.chunk_id in by_id:
            one_band(writer, by_id[hit.chunk_id], understood.component)
            writer.add("")
            continue
        sentences = condensed(hit, wanted)
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
