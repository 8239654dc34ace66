"""Whether a short follow-up asks about what was just said: it refers back ("how long is each
one?", "and the base there?") or asks only an aspect of something unnamed ("how hard tho?",
"why?", "what's the focus?"), so the last turn's topic is what it asks about.

`about_last_answer`: whether a turn speaks of the last answer itself ("shorter, like one
line", "is that gonna sink me?") rather than of something new.

Leaves out: whether the turn is a follow-up at all (assistant.understanding.question decides,
from the conversation state) and what the last topic was (the state keeps it).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import ABOUT_LAST_MAX_WORDS, REFERENCE
from assistant.understanding.tables import STOPWORDS

# "is there any moonlighting policy?": whether something exists, not "there" as a place
_EXISTENTIAL = re.compile(r"\b(?:is|are|was|were) there\b|\bthere (?:is|are|was|were|s|be)\b")
# words that ask an aspect of a thing, never name one (general language)
_ASPECTS = frozenset(
    "hard harder hardest difficult difficulty tough easy easier brutal intense bad rough "
    "why important common typical normal usual standard realistic strict focus focused "
    "challenging competitive long often fast quickly much many".split()
)
_FILLER = frozenset({"tho", "though", "really", "actually", "exactly", "then", "lol", "ok", "so"})


def refers_to_last(normalized: str) -> bool:
    """Whether normalized words refer to what was just said ("how long is each one?", "and the
    base there?"), not only ask whether something exists ("is there any moonlighting policy?")."""
    return bool(REFERENCE.search(_EXISTENTIAL.sub(" ", normalized)))


def asks_about_last(normalized: str) -> bool:
    """`refers_to_last`, or every word of the turn but stop words is an aspect asked of
    something it does not name ("how hard tho?")."""
    if refers_to_last(normalized):
        return True
    words = [w for w in normalized.split() if w not in STOPWORDS and w not in _FILLER]
    return bool(words) and all(w in _ASPECTS for w in words)


# "shorter", "in one line", "as bullets pls", "is that gonna sink me?", "which one lets me ask
# more?": the last answer
_ABOUT_LAST = re.compile(
    r"\b(?:shorter|longer|simpler|one line|one sentence|tl;?dr|again|which one|that|it|this|"
    r"bullets?|bullet points?|bulleted|(?:as|in) a list|list form|point form|summar(?:y|ise|ize)|"
    r"recap|briefly|in short|short version)\b"
)


def about_last_answer(normalized: str, foreign: list[str]) -> bool:
    """Whether a turn speaks of the last answer ("shorter, like one line", "is that gonna sink
    me?") rather than of something new: short, referring back or asking it again otherwise,
    and every word outside the job's vocabulary an everyday English word."""
    from assistant.index.common_words import common_words

    everyday = common_words()
    return (
        len(normalized.split()) <= ABOUT_LAST_MAX_WORDS
        and bool(_ABOUT_LAST.search(normalized))
        and all(w in everyday or w.endswith("na") for w in foreign)  # ("gonna", "wanna")
    )
