"""Counts asked and given: whether a question asks how many, how long or what number, what
it counts ("how many onsite rounds": rounds), whether a sentence gives a number of that
("3 to 5 back-to-back rounds"), and whether a line gives another count than the one a lead
gave ("4 to 6 weeks" under "how many rounds?").

Leaves out: choosing the lead sentences (assistant.compose.lead) and any wording.
"""

from __future__ import annotations

import re

QUANTITY = re.compile(  # (and "what traffic number should i design around")
    r"\bhow (?:many|long|much|often|soon)\b|\bnumber of\b"
    r"|\b(?:what|which) (?:\w+ ){0,2}(?:numbers?|figures?|stats?|metrics?)\b",
    re.I,
)
NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|few)\b", re.I
)


def counted_units(question: str) -> tuple[str, ...]:
    """What the question counts, singular: the noun of "how many (onsite) rounds" (where the
    noun ends is not known, so each of up to three words after "how many" is a candidate).
    ("how long" names no unit: "how long is each round?" is not answered by "4 to 6 weeks".)"""
    units: list[str] = []
    for m in re.finditer(r"\bhow many((?:\s+[a-z-]+){1,3})", question, re.I):
        units += [w.rstrip("s") for w in m.group(1).lower().split() if len(w) > 2]
    return tuple(dict.fromkeys(units))


def gives_count_of(sentence: str, units: tuple[str, ...]) -> bool:
    """Whether the sentence gives a number of one of the counted units ("3 to 5 back-to-back
    rounds", "4 to 6 weeks"): a number, then the unit within three words."""
    if not units:
        return False
    pattern = rf"(?:{NUMBER.pattern})(?:[\w-]*\s+){{0,3}}?(?:{'|'.join(map(re.escape, units))})s?\b"
    return bool(re.search(pattern, sentence, re.I))


def other_figures(line: str, led: str, question: str) -> bool:
    """Whether a line gives a figure the lead does not, when the question asks one how many
    or how long and the lead gave a count of it: such a line answers another count ("4 to 6
    weeks" under "how many onsite rounds?")."""
    units = counted_units(question)
    if re.search(r"\bhow long\b", question, re.I):  # (the lead's length: "4 to 6 weeks")
        units += ("minute", "hour", "day", "week", "month")
    if len(QUANTITY.findall(question)) != 1 or not gives_count_of(led, units):
        return False
    figures = set(NUMBER.findall(line.lower()))
    return bool(figures - set(NUMBER.findall(led.lower())))
