"""The topics a message asks about, not those it only tells of around its ask: "how many
onsite rounds should i expect after this? trying to plan time off work around it" asks about
the rounds, not time off (a reason given after the ask); "…6 rounds, a take home nobody
mentioned… anyway which lever was #2?" asks about a lever ("anyway" puts the story aside).

Any other topic told beside an ask is asked: "i need relocation. what can i ask for?" asks
what to ask for with it in mind.

Leaves out: which phrases name which topic (assistant.understanding.asks.topics_asked) and
what the guides hold of them (assistant.compose.topic_coverage).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import (
    ASIDE_OPENERS,
    TopicAsk,
    sentences_that_ask,
    topics_asked,
)
from assistant.understanding.pasted import mark_pasted, without_pasted

# "anyway which lever…", "long story short, how many rounds?": what came before is an aside
_ASIDE = re.compile(
    rf"^\W*(?:(?:ok|so|but|and)\W+)?(?:{ASIDE_OPENERS}|that aside|regardless|rant over|"
    r"vent over)\b",
    re.I,
)
# "…? trying to plan time off around it", "…? asking because my lease ends": why it is asked
_REASON = re.compile(
    r"^\W*(?:(?:just|mostly|i'?m|im|am|i)\s+)*(?:trying to|want(?:ing)? to|planning(?: to)?|"
    r"(?:don'?t|do not) want to|"  # ("…what is it? dont want to sound clueless in the hm round")
    r"need(?:ing)? to (?:plan|figure|decide|know)|asking (?:because|bc|since|so)|because|bc|cuz|"
    r"since|so (?:i|that i) can|for context|for planning|context:)\b",
    re.I,
)


# "relocating to sf for the offer", "would relocate if it works out": the user's move, told
_MOVE_TOLD = re.compile(
    r"\b(?:(?:i'?m|im|am|i|we're|we|will|would|willing to|planning to|going to|gonna)\s+)"
    r"(?:relocat(?:e|ing)|moving)\b|\b(?:relocat(?:e|ing)|moving) (?:to|from|back)\b|"
    r"\brelocat(?:e|ing) [\w .'-]{2,30}(?:->|→|=>|>)",  # ("relocating phoenix -> seattle")
    re.I,
)


def asked_topics(question: str, typed: str = "") -> tuple[TopicAsk, ...]:
    """`topics_asked` of the question (of the message as `typed`, lines kept, without what it
    pastes, when given), less the topics only its story before an "anyway" or its reasons
    after the ask name, and a move only told ("now relocating to singapore. which lever
    fits?"; not "i'm relocating. what relocation can i ask for?")."""
    text = without_pasted(mark_pasted(typed)) if typed else question
    topics = _without_moves_told(text, topics_asked(text))
    if _BRING_UP.search(text):  # ("how should i bring the amazon number up?": mention it)
        topics = tuple(topic for topic in topics if topic.key != "what_to_bring")
    put_aside = told_aside(text)
    if not topics or not put_aside:
        return topics
    kept = " ".join(s for s in sentences_that_ask(text)[0] if s not in put_aside)
    named = {topic.key for topic in topics_asked(kept)}
    return tuple(topic for topic in topics if topic.key in named)


_BRING_UP = re.compile(r"\bbring(?:ing)?\s+(?:[\w'-]+\s+){0,4}?up\b", re.I)


def told_aside(text: str) -> list[str]:
    """The sentences of `text` that say nothing of what it asks: a story before an ask that
    opens with "anyway", and the reasons given after the last ask ("trying to plan…")."""
    sentences, asks = sentences_that_ask(text)
    if all(asks) or not any(asks):
        return []
    first = asks.index(True)
    last = len(asks) - 1 - asks[::-1].index(True)
    aside = [i for i in range(first, last + 1) if asks[i] and _ASIDE.match(sentences[i])]
    start = aside[0] if aside else 0
    return [s for i, s in enumerate(sentences) if i < start or (i > last and _REASON.match(s))]


def _without_moves_told(text: str, topics: tuple[TopicAsk, ...]) -> tuple[TopicAsk, ...]:
    """The topics less relocation when the message only tells of the user's move in its
    telling sentences ("i'm relocating to sf for the offer") and its asks never name it."""
    sentences, asks = sentences_that_ask(text)
    if not any(asks):
        return topics
    asking = " ".join(s for s, ask in zip(sentences, asks, strict=True) if ask)
    telling = [s for s, ask in zip(sentences, asks, strict=True) if not ask]
    if any(t.key == "relocation" for t in topics_asked(asking)):
        return topics
    told = any(_MOVE_TOLD.search(part) for s in telling for part in re.split(r"[,;]", s))
    return tuple(t for t in topics if not (t.key == "relocation" and told))
