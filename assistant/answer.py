"""What the coach returns for one turn: `Answer` with its `Citation`s (the DESIGN.md contract).

`Answer.to_json()` is exactly the `coach ask --json` object: answer, citations (n, chunk_id,
source, title, section, quote), refused, intent, backend, plus `grounding` (status ok, repaired
or fallback; the figures that were not grounded; the sentences dropped), `calculations` (the
value and unit of every figure the answer computed, e.g. a grant per year or a counter ask,
each shown in the answer with its formula) and `notice` (a line for the user when a chosen
backend could not be used, else empty).

Leaves out: how answers are made (assistant.compose, assistant.coach) and checked
(assistant.compose.grounding).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

GroundingStatus = Literal["ok", "repaired", "fallback"]


@dataclass(frozen=True)
class Citation:
    """Marker [n] of an answer: the chunk it points to and the chunk's exact text."""

    n: int
    chunk_id: str
    source: str  # corpus/<file>
    title: str
    section: str
    quote: str

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "chunk_id": self.chunk_id,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Grounding:
    """How the answer passed the grounding check (assistant.compose.grounding)."""

    status: GroundingStatus = "ok"
    ungrounded: tuple[str, ...] = ()  # figures the model wrote that no source holds
    dropped: tuple[str, ...] = ()  # sentences removed by the repair
    reason: str = ""  # why the composer's answer replaced the model's, on fallback

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "ungrounded": list(self.ungrounded),
            "dropped": list(self.dropped),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Answer:
    answer: str  # markdown with [n] markers
    citations: tuple[Citation, ...]
    refused: bool
    intent: str  # comp | counter | lever | interview | general | out_of_scope
    backend: str  # who wrote the text: composer | llamacpp | openai | ollama
    grounding: Grounding = field(default_factory=Grounding)
    calculations: tuple[tuple[float, str], ...] = ()  # (value, unit) computed by code
    notice: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "answer": self.answer,
            "citations": [c.to_json() for c in self.citations],
            "refused": self.refused,
            "intent": self.intent,
            "backend": self.backend,
            "grounding": self.grounding.to_json(),
            "calculations": [{"value": v, "unit": u} for v, u in self.calculations],
            "notice": self.notice,
        }
