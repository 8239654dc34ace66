"""Interview answers: passages grouped (process, what they evaluate, example questions, what
candidates ask, tips) in order of relevance, a list split over chunks shown whole, each item
cited.

Leaves out: questions the guide does not list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.compose.core import Writer
from assistant.compose.passages import (
    chunk_body,
    condensed,
    on_topic,
    wanted_words,
    with_siblings,
)
from assistant.lexical import ChunkRecord
from assistant.retrieval import Retrieval
from assistant.understanding import Understanding

_GROUPS = (
    ("Process", ("process", "timeline", "round", "stage", "loop", "how long")),
    ("What they evaluate", ("evaluat", "deep dive", "requirement", "skill", "responsibilit")),
    ("Example questions", ()),
    ("Tips", ("tip", "prepar", "getting ready", "next steps", "summary")),
)


MAX_BULLETS = 12  # an interview answer's items in all


def _group_of(hit: ChunkRecord) -> str:
    """The interview answer's group for a passage, by its kind, section and opening line."""
    if hit.kind == "questions":
        return "Example questions"
    if hit.kind == "qa":
        return "What candidates ask"
    lowered = f"{hit.section} {chunk_body(hit.text).splitlines()[0]}".lower()
    for name, words in _GROUPS:
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            return name
    return "More from the guide"


def compose_interview(
    writer: Writer,
    understood: Understanding,
    retrieval: Retrieval,
    records: Mapping[str, ChunkRecord],
) -> None:
    hits = [h for h in retrieval.hits if h.guide_kind == "interview"] or list(retrieval.hits)
    wanted = wanted_words(understood)
    hits = with_siblings(on_topic(hits, wanted), records)
    scored = [(hit, condensed(hit, wanted)) for hit in hits]
    if not scored:
        return
    guide = scored[0][0]
    writer.add(f"From the **{guide.title or guide.company + ' interview guide'}**:", "")
    groups: dict[str, list] = {}
    for hit, lines in scored:
        groups.setdefault(_group_of(hit), []).append((hit, lines))
    budget = MAX_BULLETS
    for name in groups:  # in the order of each group's most relevant passage
        if budget <= 0:
            break
        writer.add(f"**{name}**", "")
        for hit, lines in groups[name]:
            if budget <= 0:
                break
            mark = writer.book.cite(hit.chunk_id)
            topic = f"*{hit.section}:* " if name == "Example questions" else ""
            for line in lines[:budget]:
                writer.add(f"- {topic}{line} {mark}")
            budget -= len(lines)
        writer.add("")
