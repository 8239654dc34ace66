"""The built-in composer: a grounded markdown answer for each intent, with no model.

Every figure it writes is copied from a guide passage it cites ([n] markers), is the user's own
number, or is a result of the negotiation engine with its formula shown. Words come from fixed
templates and from the cited passages themselves.
- comp: the company's band for the region (every column of the row, vesting noted, the row
  cited); with no region, all of the company's rows in one table; two companies side by side.
- counter: where the offer sits in the band, the proposal with each figure's source, the
  guide's levers, and the email and phone-script drafts. With no offer known yet: what to give,
  and the guide's own script and band meanwhile.
- lever: the guide's numbered levers and its negotiate-up script, quoted and cited.
- interview: the passages grouped by section (process, evaluation areas, example questions,
  tips), condensed to their items and most relevant sentences, each cited.
- general: the most relevant sentences of the best passages, each cited.
- refusal (out of scope, or retrieval abstained): says plainly that the guides do not cover it,
  why, and what they do cover; no figures.
Sentences in a guide that address an AI ("ignore previous instructions", "system prompt") or
carry links or markup are never copied into an answer (assistant.untrusted): guide text is data.

One module per intent (comp, counter, levers, interview, general, refusal), over core (the
typed objects), passages (condensing chunks) and bands (writing comp rows).

Leaves out: any wording by a model (assistant.backends), the grounding check
(assistant.grounding) and choosing what to retrieve (assistant.retrieval).
"""

from __future__ import annotations

from assistant.compose.comp import compose_comp
from assistant.compose.core import CitationBook, Draft, EngineValue, Evidence, Writer
from assistant.compose.counter import compose_counter, engine_values
from assistant.compose.general import compose_general
from assistant.compose.interview import compose_interview
from assistant.compose.levers import compose_levers
from assistant.compose.refusal import compose_refusal, coverage
from assistant.retrieval import Retrieval
from assistant.understanding import Understanding

__all__ = [
    "CitationBook",
    "Draft",
    "EngineValue",
    "Evidence",
    "compose",
    "coverage",
    "engine_values",
]


def compose(understood: Understanding, retrieval: Retrieval, evidence: Evidence) -> Draft:
    """The grounded answer for one understood, retrieved turn."""
    writer = Writer(CitationBook(evidence.records))
    if _refuses(understood, retrieval):
        return compose_refusal(writer, understood, retrieval.reason, evidence.catalog)
    intent = understood.intent
    if intent == "counter":
        compose_counter(writer, understood, retrieval, evidence)
    elif intent == "comp":
        compose_comp(writer, understood, retrieval, evidence)
    elif intent == "lever":
        compose_levers(writer, understood, retrieval, evidence)
    elif intent == "interview":
        compose_interview(writer, understood, retrieval, evidence.records)
    else:
        compose_general(writer, understood, retrieval, evidence)
    if not writer.lines:
        return compose_refusal(
            writer, understood, "the guides have nothing on this", evidence.catalog
        )
    return writer.draft(intent)


def _refuses(understood: Understanding, retrieval: Retrieval) -> bool:
    """Retrieval abstained or the question is off-topic; except a counter question that names
    nothing unknown ("what should I counter with?"), which is answered by asking for the offer."""
    if understood.intent == "out_of_scope":
        return True
    if understood.intent == "counter" and not (
        understood.unknown_company or understood.unknown_region
    ):
        return False
    return retrieval.abstained
