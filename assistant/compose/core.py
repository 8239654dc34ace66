"""The composer's typed objects: the `Draft` it returns, the `Evidence` it may use, and the
`CitationBook`/`Writer` that number citations and collect lines and computed values.

Leaves out: what to write for each intent (the sibling modules).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from assistant.answer import Citation
from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.facts import Facts
from assistant.engine.drafts import Drafts
from assistant.engine.negotiation import Negotiation
from assistant.engine.years import Comparison
from assistant.understanding.entities import Catalog

EngineValue = tuple[float, str]


@dataclass(frozen=True)
class Draft:
    """The composer's answer: markdown with [n] markers, its citations, and the engine's
    computed values (for the grounding check)."""

    text: str
    citations: tuple[Citation, ...]
    refused: bool
    intent: str
    engine_values: tuple[EngineValue, ...] = ()
    key_figures: tuple[str, ...] = ()  # what a rephrasing must keep: the answer's own figures


@dataclass(frozen=True)
class Evidence:
    """What the composer may use for one turn."""

    records: Mapping[str, ChunkRecord]  # chunk id -> the chunk as layouts may quote it
    facts: Facts  # of the companies this turn concerns
    catalog: Catalog  # what the guides cover, for refusals
    negotiation: Negotiation | None = None
    drafts: Drafts | None = None
    offer_problem: str = ""  # why the offer the user gave could not be read
    previous_region: str | None = None  # the latest other region the conversation was on
    offer_told: str = ""  # the conversation's last message stating an offer (its rivals too)
    last_lever: str = ""  # the lever the conversation's last answer led with
    comparison: Comparison | None = None  # offers year by year (assistant.compose.compare)
    replaced_from: str = ""  # the region the offer was given for, when this turn moved it
    # (question, sentences) -> cosine similarity of their embeddings (assistant.compose.lead)
    relatedness: Callable[[str, Sequence[str]], Sequence[float]] | None = None
    # chunk id -> the chunk as indexed, which citations quote exactly (`records` when None;
    # `records` may leave out sentences no table backs: assistant.compose.quotable)
    indexed: Mapping[str, ChunkRecord] | None = None


class CitationBook:
    """Numbers the cited chunks in order of first use."""

    def __init__(self, records: Mapping[str, ChunkRecord]):
        self.records = records
        self.numbers: dict[str, int] = {}

    def cite(self, chunk_id: str) -> str:
        if chunk_id not in self.numbers:
            if chunk_id not in self.records:
                raise KeyError(f"chunk {chunk_id} is not in the index")
            self.numbers[chunk_id] = len(self.numbers) + 1
        return f"[{self.numbers[chunk_id]}]"

    def citations(self) -> tuple[Citation, ...]:
        out = []
        for chunk_id, n in sorted(self.numbers.items(), key=lambda item: item[1]):
            r = self.records[chunk_id]
            out.append(Citation(n, chunk_id, r.source, r.title, r.section, r.text))
        return tuple(out)


@dataclass
class Writer:
    book: CitationBook
    lines: list[str] = field(default_factory=list)
    values: list[EngineValue] = field(default_factory=list)
    key: list[str] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def draft(self, intent: str, refused: bool = False) -> Draft:
        text = "\n".join(self.lines).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        return Draft(
            text, self.book.citations(), refused, intent, tuple(self.values), tuple(self.key)
        )


MARKER = re.compile(r"\[(\d+)\]")
