"""A "how long…" question whose answer gives no duration ("how long is each onsite round?"):
the sentence saying the guides give none, before what they do hold.

Leaves out: choosing the lead's sentences (assistant.compose.lead).
"""

from __future__ import annotations

import re

from assistant.compose.core import Writer
from assistant.understanding.question import Understanding

_HOW_LONG = re.compile(
    r"\bhow long (?:(?:is|are|does|do|will|would|should|was|were)\s+(?!i\b|we\b))?"
    r"(?P<what>[^?.!,;:]*)",
    re.I,
)
_DURATION = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|few|several)(?:\s*(?:to|-|–)\s*\d+)?\s*-?\s*"
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b",
    re.I,
)
_TRAILING_VERB = re.compile(
    r"\s+(?:(?:(?:usually|typically|normally)\s+)?(?:take|last|be|go|run)|roughly|approximately|"
    r"about|usually|typically|normally)\s*$"
)


_HOW_MANY_UNITS = re.compile(  # (not hours a week: "how many hours a week do people work")
    r"\bhow many (?:mins?|minutes|hours?|hrs?)\b"
    r"(?!\s+(?:a|an|per|each|every)\s+(?:day|week|month)s?\b)"
    r"(?:\s+(?:is|are|does|do|will|would|should))?"
    r"\s+(?P<what>[^?.!,;:]*)",
    re.I,
)
_SMALL_UNITS = re.compile(r"\b(?:mins?|minutes?|hours?|hrs?|each|per)\b", re.I)
_SMALL_DURATION = re.compile(r"\b(?:minutes?|mins?|hours?|hrs?)\b", re.I)


def durations_asked(question: str) -> list[tuple[str, bool]]:
    """Each "how long…" or "how many minutes…" ask of the question, in order: what it asks the
    length of, as typed, and whether it wants minutes or hours ("how long is each round",
    "how many mins is each interview") rather than any length ("how long does hiring take")."""
    asks = [m for pattern in (_HOW_LONG, _HOW_MANY_UNITS) for m in pattern.finditer(question)]
    asks.sort(key=lambda m: m.start())
    return [(m["what"], bool(_SMALL_UNITS.search(m[0]))) for m in asks]


def say_no_duration(writer: Writer, frame: Understanding, lead: str) -> None:
    """Each "how long…" ask the lead gives no duration for: say first that the guide gives
    none ("how long is each onsite round?"), before what it does hold. An ask for minutes or
    hours is not answered by a length in weeks ("4 to 6 weeks" end to end, but "how many mins
    is each interview?")."""
    whose = f"The {frame.company} guides" if frame.company else "The guides"
    said = set()
    for what, small in durations_asked(frame.question):
        if (_SMALL_DURATION if small else _DURATION).search(lead) and _DURATION.search(lead):
            continue
        if clause := _user_clause(what):  # ("how long can i sit on it before replying?")
            if clause not in said:
                said.add(clause)
                writer.add(f"{whose} do not say how long {clause}.", "")
            continue
        what = _what_of(what, frame.company)
        if what not in said:
            said.add(what)
            units = " in minutes or hours" if small else ""  # ("how many mins is each one?")
            writer.add(f"{whose} do not give the length or duration of {what}{units}.", "")


_SAID = re.compile(
    r"^The (?:[\w.-]+ )?guides do not (?:give the length or duration of|say how long) "
)


def durations_first(lines: list[str]) -> list[str]:
    """The lines with this module's sentences moved first: what the guides lack opens the
    answer, ahead of an earlier ask's answer ("how long end to end, and how many mins is each
    interview?": no round length, then "4 to 6 weeks")."""
    text = "\n".join(lines)
    tail = len(text) - len(text.rstrip("\n"))  # (the blank line after the last, kept last)
    paragraphs = text.rstrip("\n").split("\n\n")  # (each sentence with a blank line after it)
    paragraphs.sort(key=lambda paragraph: not _SAID.match(paragraph))
    return ("\n\n".join(paragraphs) + "\n" * tail).split("\n")


_NEXT_QUESTION = re.compile(
    r"\s+(?:and\s+|or\s+)?(?:is|are|does|do|can|will|would|was|were)\s+(?:it|they|there|that|this|"
    r"i|you|we)\b|\s+(?:and|or|but)\s+(?:who|what(?:'?s)?|which|where|when|how|why)\b"
    r"|\s+what'?s\b",  # ("how long do they give you whats on it": two asks run on)
    re.I,
)


_USER_DOES = re.compile(
    r"^(?:(?P<modal>can|could|may|might|must|should|will|would|do|does)\s+)?(?:i|we)\s+(?=\w)", re.I
)
_USER_WORDS = {"my": "your", "me": "you", "i": "you", "im": "you are", "i'm": "you are"}
_THEY_DO = re.compile(r"^they\s+\w+", re.I)  # ("they", then what they do: its verb as typed)


def _user_clause(what: str) -> str:
    """What a "how long can I…" ask asks, said of the user ("you can sit on it before
    replying"), when it asks how long the user does something, or what "they" do as typed
    ("they usually give you"); else ""."""
    what = _NEXT_QUESTION.split(what.strip())[0].strip()
    if _THEY_DO.match(what):  # ("how long do they usually give you": said as typed)
        return " ".join(_USER_WORDS.get(w.lower(), w) for w in what.split())
    match = _USER_DOES.match(what)
    if not match:
        return ""
    rest = " ".join(_USER_WORDS.get(w.lower(), w) for w in what[match.end() :].split())
    modal = "" if (match["modal"] or "").lower() in ("do", "does") else match["modal"] or ""
    return f"you {modal} {rest}".replace("  ", " ").strip()


def _what_of(what: str, company: str | None) -> str:
    """The thing a "how long" ask is of, as the user named it ("each interview")."""
    # (not the next question run on: "how long is the phone screen [and] is it coding…")
    what = _NEXT_QUESTION.split(what.strip())[0]
    what = _TRAILING_VERB.sub("", what.strip())
    what = re.split(r"\s+(?:at|for|with|in|take|takes|last|lasts|usually|typically)\b", what)[0]
    what = re.sub(r"^(?:their|its|your)\b", "the", what)  # ("how long does their loop take")
    what = re.sub(r"\bwhole thing\b", "whole process", what)
    if company:  # "the alibaba phone screens": the company is said once, below
        what = re.sub(rf"\b{re.escape(company)}(?:'s)?\s*", "", what, flags=re.I)
    return what.strip() or "it"
