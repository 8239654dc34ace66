"""A walk-away question ("what's my walk-away number?", "what's the lowest I should take?",
"if they come back at 205k base do I take it?"): the sentence of the company's negotiate-up
script or levers that states a floor leads, cited; a company whose guide states none is said
to have none, before the rest of the answer.

Leaves out: a floor computed from the user's own figures (the engine's counter plan) and any
advice the guide does not give.
"""

from __future__ import annotations

import re

from assistant.compose.core import Evidence, Writer
from assistant.compose.lead import sentence_pieces
from assistant.compose.passages import one_line
from assistant.understanding.asks import asks_in
from assistant.understanding.question import Understanding

# ("is that the floor of what they give?": the band's bottom, which placing the offer answers;
# "i'd walk away from ~40k of unvested comp": money left behind)
ASKS_FOR_A_FLOOR = re.compile(
    # ("is 15% the floor?": the bottom of a range the figure is in)
    r"\bwalk[\s-]?away\b(?!\s+from\b)|(?<!\d% the )(?<!\d the )\bfloor\b(?!\s+of\b)|"
    r"\bbottom line\b|\bminimum i should\b|\bhold (?:firm|the line)\b|"  # ("what base do i hold
    r"\blowest(?:\s+\w+){0,2}\s+(?:i|you|one)\s*(?:should|can|could|would|'d)\b|"  # firm on?")
    r"\b(?:do|should) i (?:just )?(?:take|accept) (?:it|that|this)\b|\b(?:take|accept) it or\b"
    r"|\b(?:do|should) i just (?:take|accept)\b"  # ("…200 base should i just accept?")
    # "what if i said 200 on base instead of 213?": asking for less than the script does
    r"|\bwhat if i (?:said|say|asked|ask|countered|counter|proposed?)\b[^?.!\d]{0,20}\d"
    r"[^?.!]{0,30}\binstead\b",
    re.I,
)
# "what if they push back on base?", "and if they say no?": the floor, unless an offer is being
# countered (its answer then keeps the component held and pushes the rest); not the user's
# pushing back ("should i push back on it?")
PUSHED_BACK = re.compile(
    r"(?<!\bi )(?<!\bwe )\bpush(?:es|ed|ing)?\s*back\b|\bpushback\b"
    r"|\b(?:they|she|he)\s+(?:say|says|said)\s+no\b",
    re.I,
)
# the walk-away itself asked for (not "should i take it?", nor "is 15% the floor?" of a range)
_WALK_AWAY = re.compile(
    r"\bwalk[\s-]?away\b(?!\s+from\b)|\bwhere (?:do|should|would) i walk\b|\bbottom line\b|"
    r"\bminimum i should\b|\blowest(?:\s+\w+){0,2}\s+(?:i|you)\s*(?:should|can|could|would|'d)\b|"
    r"\bmy floor\b",
    re.I,
)
_THEY_REFUSE = re.compile(r"\bif (?:they|she|he) (?:refuse|decline|reject|won'?t)\b", re.I)
_STATES_A_FLOOR = re.compile(r"\bfloor\b|\bwalk[\s-]?away\b|\bbottom line\b", re.I)
_COMMITS = re.compile(r"\$\s?\d[^.]*\b(?:commit|accept|sign)\b", re.I)  # "At $213K, I commit."


def write_floor_lead(writer: Writer, understood: Understanding, ev: Evidence) -> bool:
    """Lead with the guide's floor when the question asks for one; False when it does not ask
    or no company is known."""
    company = understood.company
    asked = ASKS_FOR_A_FLOOR.search(understood.question) or (
        understood.intent != "counter" and PUSHED_BACK.search(understood.question)
    )
    if not company or not asked:
        return False
    quoted = _scripts_and_levers(company, ev)
    for item in quoted:
        sentences = sentence_pieces(item.text)
        for at, sentence in enumerate(sentences):
            if _STATES_A_FLOOR.search(sentence):
                # (with the sentence before it when that gives the figure committed to: "At
                # $213K, I commit. My floor is $198K…")
                mark = writer.book.cite(item.chunk_id)
                before = sentences[at - 1] if at and _COMMITS.search(sentences[at - 1]) else ""
                said = f"{one_line(before)} {mark} " if before else ""  # (each sentence cited)
                writer.add(f"The guide's floor: {said}{one_line(sentence)} {mark}", "")
                return True
    if quoted:
        writer.add(
            f"The {company} guide states no walk-away number (floor) in its script or levers.", ""
        )
    return bool(quoted)


def floor_lacking(understood: Understanding, ev: Evidence) -> str:
    """Why the turn is refused when it asks only for a walk-away number the company's guide
    does not state ("and if they say no to all of it, whats my walk-away number for
    alibaba"); "" when it asks anything else, gives figures, or the guide states a floor."""
    company = understood.company
    asks = asks_in(understood.question) or [understood.question]
    wanted = [_WALK_AWAY.search(a) for a in asks]
    pushed = [PUSHED_BACK.search(a) or _THEY_REFUSE.search(a) for a in asks]
    if not company or understood.states_amounts or not any(wanted):
        return ""
    if not all(f or p for f, p in zip(wanted, pushed, strict=True)):
        return ""
    quoted = _scripts_and_levers(company, ev)
    states = any(_STATES_A_FLOOR.search(s) for item in quoted for s in sentence_pieces(item.text))
    return "" if states or not quoted else f"the {company} guide states no walk-away number"


def _scripts_and_levers(company: str, ev: Evidence) -> list:
    """The company's negotiate-up scripts, then its levers: where a guide states a floor."""
    return [
        *(s for s in ev.facts.scripts if s.company == company),
        *(lv for lv in ev.facts.levers if lv.company == company),
    ]
