"""A level asked by its step from the last one the talk named ("what about one level up?",
"and the next level?", "one level down?" after "P6"): the level code it stands for ("P7"),
written in the step's place so the turn names it as if typed.

Leaves out: whether the guides hold that level (assistant.compose.level_coverage), levels
named by seniority words alone ("senior": no number to step from), and any ladder's top or
bottom (the code is only counted up or down).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.understanding.titles import level_asked

if TYPE_CHECKING:
    from assistant.understanding.entities import Catalog
    from assistant.understanding.frame import Understanding

_STEP = re.compile(
    r"\b(?:(?P<count>one|1|a|two|2) )?levels? (?P<way>up|higher|above|down|lower|below)\b"
    r"|\bnext level(?: up)?\b|\b(?:the )?level (?P<side>above|below)\b",
    re.I,
)
_CODE = re.compile(r"^([A-Za-z]+)(\d{1,2})$")
_DOWN = frozenset({"down", "lower", "below"})


def stepped_level(question: str, last: str | None) -> str | None:
    """The level code a step from `last` ("P6") asks ("one level up": "P7"), or None when the
    question asks no step or the last level has no number."""
    step, code = _STEP.search(question), _CODE.match(last or "")
    if not step or not code:
        return None
    count = 2 if step["count"] in ("two", "2") else 1
    down = (step["way"] or step["side"] or "").lower() in _DOWN
    number = int(code.group(2)) + (-count if down else count)
    return f"{code.group(1).upper()}{number}" if number > 0 else None


def with_level_stepped(question: str, last: str | None) -> str:
    """The question with the level a step asks in the step's place ("what about one level
    up?" after P6: "what about P7?"), read as if typed; the question as it is otherwise."""
    level = stepped_level(question, last)
    if not level or level.lower() in question.lower():  # ("and one more up, P8?": named)
        return question
    step = _STEP.search(question)
    return f"{question[: step.start()]}{level}{question[step.end() :]}"


def last_level(understood: Understanding, catalog: Catalog) -> str | None:
    """The level code a turn names ("recruiter says P6": "P6"; a step written after it:
    "P7"), the one a later step counts from; None when it names none with a number."""
    code = level_asked(understood.question, catalog.guides.level_prefixes)
    return code if code and _CODE.match(code) else None
