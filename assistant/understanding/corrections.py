"""Turns that correct or repeat the previous one: "sorry i meant seattle", "seattle not
singapore" (and what they take back), "same for London", "and if it were Sunnyvale instead?"
(and what is left once the repeating words are gone). The cues are general language, kept in
asks.json.

Leaves out: what the corrected or repeated frame becomes (assistant.understanding.question).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import ASKS_TABLE
from assistant.understanding.draft_request import draft_style_requested
from assistant.understanding.words import contains_phrase, normalize

_CORRECTION_CUES = tuple(ASKS_TABLE["correction_cues"])
_REPEAT_CUES = tuple(ASKS_TABLE["repeat_cues"])
_NEGATED = re.compile(  # (and "relocating me from london to sf": London is left behind;
    # not "if not, which lever covers moving costs": otherwise)
    r"\b(?:(?<!\bif )(?<!\bor )(?<!\bwhy )not|instead of|rather than|other than|"
    r"from(?=\s+[\w'.&-]+\s+to\b))\s+"
    r"(?:in\s+|the\s+|for\s+|at\s+)?([A-Za-z][\w'.&-]*(?:\s+(?!to\b)[A-Z][\w'.&-]*)?)",
    re.I,
)


def negated_places(text: str) -> tuple[str, str]:
    """(the text without what it takes back, the words taken back): "seattle not singapore"
    -> ("seattle", "singapore")."""
    taken = [m.group(1) for m in _NEGATED.finditer(text)]
    return _NEGATED.sub(" ", text), " ".join(taken)


# "actually it's seattle", "the base is actually 190": a correction; not "what are they
# actually judging"
_ACTUALLY = re.compile(
    r"(?:^|[.,;:!?(]\s*|\b(?:oh|wait|no|nah|sorry|hmm|ok|okay|is|was|are|were|it'?s)\s+)"
    r"actually\b",
    re.I,
)


def corrects(text: str) -> bool:
    """The turn corrects the previous one ("sorry i meant seattle", "seattle not singapore")."""
    normalized = normalize(text)
    return (
        any(contains_phrase(normalized, cue) for cue in _CORRECTION_CUES)
        or bool(_NEGATED.search(text))
        or bool(_ACTUALLY.search(text))
    )


def repeats(text: str) -> bool:
    """The turn asks the previous question again with one thing changed ("same for London",
    "and if it were Sunnyvale instead?", "what about Anyscale?"), or in another style ("more
    polite version?", "shorter pls")."""
    normalized = normalize(text)
    restyled = draft_style_requested(text) not in (None, "email")
    return restyled or any(contains_phrase(normalized, cue) for cue in _REPEAT_CUES)


def without_repeat_cues(normalized: str) -> str:
    """The normalized turn without the words that ask the previous question again ("same
    question", "what about"): what is left says what, if anything, it asks anew."""
    for cue in _REPEAT_CUES + ("same", "question", "again"):
        normalized = re.sub(rf"(?<![\w-]){re.escape(cue)}(?![\w-])", " ", normalized)
    return " ".join(normalized.split())


def without_names(text: str, names) -> str:
    """The text without the companies it names ("how many rounds does the anyscale onsite
    have?" -> "how many rounds does the onsite have?"): what a turn asking it again of
    another company ("sorry i meant alibaba. same question") asks."""
    for name in names:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?:'s)?(?![\w-])", "", text, flags=re.I)
    return " ".join(text.split())
