"""Whether the job itself takes in what the user brings, asked beside a lever question ("does
the alibaba guide say anything about observability being part of the US role…, and which lever
would i hang it on?", "does anyscale's devops role actually care about cost work?"): the
guide's own sentences about the role that answer it, cited, before the levers.

Leaves out: the levers themselves (assistant.compose.levers), interview preparation
(assistant.compose.interview) and any claim the guide's prose does not make.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.compose.core import Writer
from assistant.compose.lead import Relatedness, write_lead
from assistant.compose.passages import chunk_body, said_words, shared_words
from assistant.corpus.chunking import ChunkRecord
from assistant.understanding.asks import asks_in
from assistant.understanding.question import Understanding

_OF_THE_ROLE = re.compile(
    r"\b(?:does|do|is|are|will)\b[^?.!]{0,80}?\b(?:role|job|position|team)\b[^?.!]{0,60}?"
    r"\b(?:care|cares|involve|involves|include|includes|need|needs|use|uses|part of)\b"
    r"|\b(?:does|do)\b[^?.!]{0,30}?\bguides?\b[^?.!]{0,20}?\b(?:say|mention)\b[^?.!]{0,20}?"
    r"\babout\b",
    re.I,
)
_PROSE = ("prose", "list")  # the role described, not a lever, script, row or FAQ


def write_role_lead(
    writer: Writer,
    understood: Understanding,
    records: Mapping[str, ChunkRecord],
    relatedness: Relatedness | None = None,
) -> bool:
    """Open with the guide's sentences about the role that answer the ask of whether it takes
    in what the user brings, when the question asks that beside its lever question; False
    when it does not, or no sentence answers it well enough."""
    ask = next((a for a in asks_in(understood.question) if _OF_THE_ROLE.search(a)), None)
    if ask is None or not understood.company:
        return False
    # (with what the message told before it: "ran finops… rightsizing, spot…")
    upto = understood.question[: understood.question.find(ask) + len(ask)] or ask
    asked = replace(understood, question=upto, query=upto)
    wanted = said_words(asked)
    prose = [
        r
        for r in records.values()
        if r.company == understood.company
        and r.kind in _PROSE
        and r.guide_kind == "negotiation"
        and shared_words(wanted, chunk_body(r.text))
    ]
    prose.sort(key=lambda r: -shared_words(wanted, chunk_body(r.text)))
    return write_lead(writer, asked, prose, relatedness)
