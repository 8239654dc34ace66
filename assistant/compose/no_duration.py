"""A "how long…" question whose answer gives no duration ("how long is each onsite round?"):
the sentence saying the guides give none, before what they do hold.

Leaves out: choosing the lead's sentences (assistant.compose.lead).
"""

from __future__ import annotations

import re

from assistant.compose.core import Writer
from assistant.understanding.question import Understanding

_HOW_LONG = re.compile(
    r"\bhow long (?:(?:is|are|does|do|will|would|should|was|were)\s+)?(?P<what>[^?.!,;:]*)", re.I
)
_DURATION = re.compile(
    r"\b(?:\d+|an?|one|two|three|four|five|six|few|several)(?:\s*(?:to|-|–)\s*\d+)?\s*-?\s*"
    r"(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\b",
    re.I,
)
_TRAILING_VERB = re.compile(r"\s+(?:(?:usually|typically|normally)\s+)?(?:take|last|be|go|run)\s*$")


def say_no_duration(writer: Writer, frame: Understanding, lead: str) -> None:
    """A "how long…" question whose answer holds no duration: say first that the guide gives
    none ("how long is each onsite round?"), before what it does hold."""
    asked = _HOW_LONG.search(frame.question)
    if not asked or _DURATION.search(lead):
        return
    what = _TRAILING_VERB.sub("", asked["what"].strip())
    what = re.split(r"\s+(?:at|for|with|in|take|takes|last|lasts|usually|typically)\b", what)[0]
    what = re.sub(r"^(?:their|its|your)\b", "the", what)  # ("how long does their loop take")
    what = re.sub(r"\bwhole thing\b", "whole process", what)
    if frame.company:  # "the alibaba phone screens": the company is said once, below
        what = re.sub(rf"\b{re.escape(frame.company)}(?:'s)?\s*", "", what, flags=re.I)
    what = what.strip() or "it"
    whose = f"The {frame.company} guides" if frame.company else "The guides"
    writer.add(f"{whose} do not give the length or duration of {what}.", "")
