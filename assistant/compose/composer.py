"""`compose(understood, retrieval, evidence) -> Draft`: picks the intent's module and writes the
grounded answer; a refusal when retrieval abstained or the question is off-topic.

Leaves out: the intents' own layouts (one module each in this package), any model wording
(assistant.compose.verify) and the grounding check (assistant.compose.grounding).
"""

from __future__ import annotations

from assistant.compose.comp import compose_comp
from assistant.compose.compare import compose_compare
from assistant.compose.core import CitationBook, Draft, Evidence, Writer
from assistant.compose.counter import compose_counter
from assistant.compose.general import compose_general
from assistant.compose.interview import compose_interview
from assistant.compose.levers import compose_levers
from assistant.compose.refusal import compose_refusal
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.question import Understanding


def compose(understood: Understanding, retrieval: Retrieval, evidence: Evidence) -> Draft:
    """The grounded answer for one understood, retrieved turn."""
    writer = Writer(CitationBook(evidence.records))
    if evidence.comparison is not None:  # offers year by year: the user's figures, no passage
        compose_compare(writer, evidence.comparison)
        return writer.draft("counter")
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
