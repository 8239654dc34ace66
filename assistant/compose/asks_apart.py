"""A message's asks read apart: whether one of them names nothing the guides lack and asks
about what they hold (pay, levers, a counter, interviews), and whether an ask names the
interview loop other than as a time ("after the onsite how long does the background check
take?" asks about the check).

Leaves out: what the guides lack (assistant.compose.coverage decides that and passes the
user's words for it) and any wording.
"""

from __future__ import annotations

import re

from assistant.understanding.asks import (
    REFERS_BACK,
    asked_sentences,
    foreign_words,
    sentences_that_ask,
)
from assistant.understanding.entities import Catalog, contains_phrase, normalize
from assistant.understanding.intents import INTERVIEW_TOPIC, best_intent, intent_scores
from assistant.understanding.tables import COMPONENT_WORDS
from assistant.understanding.words import WHAT_TO_SAY

# Where one ask ends and another begins: a sentence break, or "also" / "and also" / "plus".
_ASK_BREAK = re.compile(
    r"(?<=[.!?;])\s+|(?<=[.!?][\"”’'])\s+|\n+|,?\s+\b(?:and also|also|plus|separately)\b\s+|"
    # "is 152 decent for their range, and what's the pension?": a second question
    r",\s+and\s+(?=(?:what|whats|how|is|are|do|does|did|can|could|should|will|would|when|"
    r"where|which|who|any)\b)|"
    # "who's on it and do i need to bring anything": a second question, with no comma
    r"\s+and\s+(?=(?:do|does|is|are|can|could|should|will|would|what|how) (?:i|they|you|we)\b)",
    re.I,
)
_HELD_INTENTS = ("comp", "counter", "lever", "interview")


def another_ask_held(
    question: str,
    unheld_words: set[str],
    catalog: Catalog | None = None,
    company: str | None = None,
    topic_words: set[str] = frozenset(),
) -> bool:
    """Whether one of the message's asks names nothing the guides lack and, read alone, asks
    about pay, levers, a counter or interviews, which the guides hold, or (with the `catalog`)
    asks in words the company's guides all use ("do i need mandarin, and will they sponsor an
    h1b?": Mandarin is asked apart from the visa). An ask that only refers back to one that
    names a gap ("is there acceleration? can i negotiate for it?") asks about that gap too,
    unless it names a pay component of its own; so does one that refers back, or only asks
    what to say, after a topic the guides lack is told (`topic_words`: "recruiter asked what
    im making now. what do i reply?")."""
    return bool(_held_asks(question, unheld_words, catalog, company, topic_words)[0])


def held_ask_intent(question: str, unheld_words: set[str]) -> str | None:
    """The intent of the first ask that names nothing the guides lack, when another ask does
    ("if alibaba wants me to start 2 weeks after the offer is that normal? also how long is
    their hiring process": interview, not the counter the word "offer" cues); else None."""
    held, gap = _held_asks(question, unheld_words)
    return next((i for i in held if i not in ("words", _LEVER_FOR_A_GAP)), None) if gap else None


def ask_intents(question: str) -> list[str]:
    """The intent of each of the message's asks read alone ("how do i negotiate the promo
    bump, and what does senior devops pay there": lever, then comp)."""
    parts = (normalize(part) for part in _ASK_BREAK.split(asked_sentences(question)))
    return [best_intent(intent_scores(words, has_amounts=False)) for words in parts if words]


def _held_asks(
    question: str,
    unheld_words: set[str],
    catalog: Catalog | None = None,
    company=None,
    topic_words: set[str] = frozenset(),
) -> tuple[list[str], bool]:
    """(for each ask naming nothing the guides lack, its held intent, or "words" when it asks
    in words the company's guides all use; whether an ask names a gap)."""
    gap = False
    sentences, asks = sentences_that_ask(question)
    told = [normalize(t) for t, ask in zip(sentences, asks, strict=True) if not ask]
    told_gap = after_gap = any(set(t.split()) & topic_words for t in told)
    held = []
    for part in _ASK_BREAK.split(asked_sentences(question)):
        words = normalize(part)
        if not words:
            continue
        if set(words.split()) & unheld_words:
            after_gap = gap = True
            if _NAMES_LEVER.search(words):  # ("if not, which lever covers moving costs?": the
                held.append(_LEVER_FOR_A_GAP)  # guides' levers are held, the gap named beside)
            continue
        own_thing = names_a_component(words) or _NAMES_LEVER.search(words)
        # ("will they ask my salary expectations in the screen? what do i say": the screen's)
        refers = REFERS_BACK.search(words) or (told_gap and _only_words_to_say(words))
        if after_gap and refers and not own_thing:
            continue  # (not "…? and which lever fits my background + what number does it say")
        follows_gap, after_gap = after_gap, False
        intent = best_intent(intent_scores(words, has_amounts=False))
        if intent in _HELD_INTENTS:
            held.append(intent)
        # (not an ask after the gap's: "…parental leave? and how many weeks do they give")
        elif catalog is not None and not follows_gap and _in_guide_words(words, catalog, company):
            held.append("words")
    return held, gap


_LEVER_FOR_A_GAP = "lever for a gap"  # (held, though the ask's own intent is the gap's)


def _only_words_to_say(words: str) -> bool:
    """Whether an ask asks only for words to say, of nothing of its own ("what do i tell
    her", "how should i respond to the recruiter")."""
    cue = WHAT_TO_SAY.search(words)
    rest = f"{words[: cue.start()]} {words[cue.end() :]}".split() if cue else []
    return bool(cue) and len([w for w in rest if w not in _TO_WHOM]) <= 1


_TO_WHOM = frozenset("to them her him the recruiter hr back now then".split())


def _in_guide_words(words: str, catalog: Catalog, company: str | None) -> bool:
    """Whether an ask's words beyond jobs, pay, places and companies are all words of the
    company's guides (every guide's with none named), and there is at least one."""
    own = foreign_words(words, catalog)
    terms = catalog.guides.terms
    held = terms.get(company, {}) if company else {t for ts in terms.values() for t in ts}
    return bool(own) and all(w in held for w in own)


_NAMES_LEVER = re.compile(r"\b(?:lever|levers|leverage|angle|argument)\b")
_PAY_FIGURES = re.compile(r"\b(?:band|bands|range|ranges|pay|comp|compensation|tc)\b")


def names_a_component(words: str) -> bool:
    """Whether normalized words name pay or one of its components ("vs the full time band")."""
    return bool(_PAY_FIGURES.search(words)) or any(
        contains_phrase(words, w) for ws in COMPONENT_WORDS.values() for w in ws
    )


_HOW_LONG = re.compile(r"\bhow (?:long|soon|quickly|fast)\b|\btimeline\b", re.I)
# "after the onsite", "passed my phone screen": a stage as a time, not what is asked
_STAGE_AS_TIME = re.compile(
    r"\b(?:after|before|since|passed|failed|cleared|bombed|finished|did|done with)\s+"
    r"(?:the\s+|my\s+|an?\s+)?"
    r"(?:\w+\s+){0,2}$",
    re.I,
)


def loop_asked_apart(question: str, unheld_words: set[str], rule_words: set[str]) -> bool:
    """Whether an ask names the interviews other than as a time ("after the onsite how long
    does the background check take?" asks about the check), or refers back to them ("onsite is
    on zoom. who's on it?"), and no rule of them the guides lack (`rule_words`: "is the onsite
    open book?"), or asks how long until an offer and names nothing the guides lack."""
    for part in _ASK_BREAK.split(asked_sentences(question)):
        if not part or set(normalize(part).split()) & rule_words:
            continue
        stages = INTERVIEW_TOPIC.finditer(part)
        if any(
            not _STAGE_AS_TIME.search(part[: m.start()]) and _stage_asked(part, m, unheld_words)
            for m in stages
        ):
            return True
        told = question[: question.find(part)] if part in question else ""
        told_gap = set(normalize(told).split()) & unheld_words  # ("…leave in that round?")
        if REFERS_BACK.search(part) and INTERVIEW_TOPIC.search(told) and not told_gap:
            return True  # ("onsite is on zoom. who's gonna be on it": the onsite, told before)
    return how_long_asked_apart(question, unheld_words)


# a word that opens what is asked: a question word anywhere, a verb only where a clause opens
_ASKING_WORD = re.compile(
    r"\b(?:how|what|whats|which|who|when|where|why)\b|(?:^|[,;:(]\s*|\b(?:and|or|also)\s+)"
    r"(?:is|are|do|does|did|can|could|will|would|should)\b",
    re.I,
)


def _stage_asked(part: str, stage: re.Match, unheld_words: set[str]) -> bool:
    """Whether the interview stage `stage` names is asked of in `part`: always, when the part
    names nothing the guides lack; else when it follows the word that opens the ask ("does a
    referral let me skip the recruiter screen…?"; not "didnt pass the onsite :( how long til i
    can reapply?", where the onsite is told before the ask, which is about the gap)."""
    if not set(normalize(part).split()) & unheld_words:
        return True
    return bool(_ASKING_WORD.search(part[: stage.start()]))


def how_long_asked_apart(question: str, unheld_words: set[str]) -> bool:
    """Whether an ask asks how long something takes and names nothing the guides lack ("how
    long from the recruiter call to an offer? also do they sponsor?": the process's length),
    nor refers back to an ask that does ("do they handle the L-1, and how long does that
    take?": the visa's time)."""
    after_gap = False
    for part in _ASK_BREAK.split(asked_sentences(question)):
        words = normalize(part)
        if set(words.split()) & unheld_words:
            after_gap = True
        elif _HOW_LONG.search(part) and not (after_gap and REFERS_BACK.search(words)):
            return True
    return False
