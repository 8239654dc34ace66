"""The guide's levers said first in a counter-offer answer: for a user with no competing offer,
the levers that do not rest on one; for a user who tells their background, the one lever it
fits (by the words the background shares with the lever's text).

Leaves out: the verdict and asks (assistant.compose.counter_lead) and the full list of levers
the answer ends with (assistant.compose.counter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose.core import Writer
from assistant.compose.passages import one_line
from assistant.corpus.facts import Lever
from assistant.index.lexical import tokenize
from assistant.understanding.asks import asked_sentences
from assistant.understanding.lacking import lacked_words
from assistant.understanding.question import Understanding

# a lever or script that rests on another employer's offer ("I have an SRE offer from …")
_RESTS_ON_A_RIVAL = re.compile(r"\b(?:competing|compete|offers?)\b", re.I)


def levers_without_a_rival(
    writer: Writer, understood: Understanding, company: str, levers: Sequence[Lever]
) -> tuple[list[str], bool]:
    """For a user who says they hold no other offer ("what would i even ask for without a
    competing offer?"): the company's levers that do not rest on one, quoted ([] otherwise),
    and whether a sentence that asks says so, or the message asks for levers (else it is only
    told: "i dont have another offer but i think the base is low")."""
    if not _RESTS_ON_A_RIVAL.search(lacked_words(understood.question)):
        return [], False
    asked = bool(_RESTS_ON_A_RIVAL.search(lacked_words(asked_sentences(understood.question))))
    asked = asked or "lever" in understood.intents  # ("no other offers. what can i negotiate
    # with??": what it lacks is told, the levers are asked)
    fitting = [
        lv
        for lv in levers
        if lv.company == company and not _RESTS_ON_A_RIVAL.search(f"{lv.name} {lv.text}")
    ]
    if not fitting:
        return [], False
    lines = [f"With no competing offer, the {company} guide's levers that do not rest on one:", ""]
    for lever in fitting:
        mark = writer.book.cite(lever.chunk_id)
        lines.append(f"- **{lever.name}** {mark}: {one_line(lever.text)}")
    return [*lines, ""], asked


# words of pay and offers: every lever and offer shares them, so they tell no background apart
_PAY_STEMS = set(
    tokenize("base salary stock equity rsu rsus bonus sign-on signing tc total comp offer pay")
)
BACKGROUND_WORDS = 2  # words a told background shares with a lever's text, at least


def lever_for_background(
    writer: Writer, understood: Understanding, company: str, levers: Sequence[Lever]
) -> list[str]:
    """The company's lever that the background the user tells (sentences that do not ask:
    "i ran H100 training clusters with k8s gpu scheduling") fits, quoted: the one sharing the
    most words (two at least; no figures, pay words, or the company's, role's or place's
    names) and more than any other; [] else."""
    asking = asked_sentences(understood.question)
    told = understood.question.replace(asking, " ") if asking else ""
    names = set(tokenize(f"{company} {understood.role or ''} {understood.place or ''}"))
    words = {
        w
        for w in tokenize(told)
        if len(w) > 2 and not w.isdigit() and w not in _PAY_STEMS and w not in names
    }
    scored = sorted(
        (
            (len(words & set(tokenize(f"{lv.name} {lv.text}"))), lv.number, lv)
            for lv in levers
            if lv.company == company and not _RESTS_ON_A_RIVAL.search(f"{lv.name} {lv.text}")
        ),
        key=lambda scored_lever: (-scored_lever[0], scored_lever[1]),
    )
    if not scored or scored[0][0] < BACKGROUND_WORDS:
        return []
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return []  # (two fit as well: neither is said to fit)
    lever = scored[0][2]
    mark = writer.book.cite(lever.chunk_id)
    return [
        f"Your background fits the guide's **{lever.name}** lever {mark}:",
        "",
        f"- {one_line(lever.text)} {mark}",
        "",
    ]
