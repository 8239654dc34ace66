"""Whether a turn read as out of scope is off-topic for the conversation too: "write me a
poem" is; "what about cantonese?" after the Mandarin question, "shorter" after a draft, "and
in london?" after a pay question, "what signing number should i float?" after an offer, "any
sql?" after the interviews are not: they go on with it.

Leaves out: whether the words are out of scope at all (assistant.understanding.intents scores
them) and what the follow-up carries (assistant.understanding.question).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.understanding.about_last import about_last_answer
from assistant.understanding.asks import (
    FOLLOWUP_LEAD,
    REFERENCE,
    asked_sentences,
    topics_asked,
)
from assistant.understanding.draft_request import draft_style_requested
from assistant.understanding.entities import (
    Catalog,
    find_currency,
)
from assistant.understanding.frame import ConversationState
from assistant.understanding.intents import PAY_INTENTS, lever_asked_by_place
from assistant.understanding.place_names import places_in
from assistant.understanding.titles import level_asked
from assistant.understanding.words import mixes_another_language

SHORT_ASK_WORDS = 4  # words of an ask short enough to be read in the talk's last topic
_FIGURE = re.compile(r"(?<![\w.])\d{2,7}(?:[.,]\d+)?(?![\w.])")  # a figure typed bare

# one of the things just listed, picked out by its words ("the multicloud one")
_ONE_OF_THEM = re.compile(r"\bthe [\w/-]+(?: [\w/-]+)? one\b", re.I)


def off_topic_turn(
    question: str,
    normalized: str,
    kept_text: str,
    foreign: Sequence[str],
    state: ConversationState,
    catalog: Catalog,
    *,
    component: str | None,
    names_company: bool,
    goes_back: bool,
) -> bool:
    """Whether an out-of-scope turn with words foreign to the job (`foreign`) is off-topic:
    it names no job topic, is no remark on the last answer ("shorter"), no "what about X?"
    about the last question, and, when it corrects, repeats or refers back (`goes_back`), names
    no pay component, place, company, currency or level; nor a pay component after pay talk.
    `normalized`: the question as assistant.understanding.entities.normalize gives it."""
    if not foreign or topics_asked(question):  # "is the on-call brutal?": a job topic
        return False
    if state.intent and mixes_another_language(question):  # (mid-talk, in the user's language:
        return False  # "y la ultima ronda de HR/valores, es solo una formalidad?")
    if state.intent and about_last_answer(normalized, list(foreign)):  # "shorter"
        return False
    if state.intent and draft_style_requested(question):  # "'i need' sounds rude, politer?"
        return False
    if state.intent == "lever" and (
        lever_asked_by_place(question) or _ONE_OF_THEM.search(question)
    ):
        return False  # "the second one - word for word pls", "n the multicloud one?" (levers)
    # "any sql? ive mostly done postgres": a short question mid-talk of the interviews is of
    # them (not "write me a poem", "tell me a joke": no question asked)
    asking = asked_sentences(question)
    if state.intent == "interview" and "?" in asking and len(asking.split()) <= SHORT_ASK_WORDS:
        return False
    # "what about cantonese?", "and the interconnect side?": the last question, of another thing
    if (
        state.intent
        and FOLLOWUP_LEAD.search(question)
        and (len(foreign) == 1 or any(catalog.knows_most([w]) for w in foreign))
    ):
        return False
    if (goes_back or REFERENCE.search(normalized)) and (
        component
        or (state.intent in PAY_INTENTS and _FIGURE.search(question))  # "sorry 185 not 158"
        or places_in(kept_text)
        or names_company
        or find_currency(question)
        or level_asked(question, catalog.guides.level_prefixes)
    ):
        return False
    return not (component and state.intent in PAY_INTENTS)  # "what signing number…?" after pay
