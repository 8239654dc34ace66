"""Which intents a question asks, by weighted cue phrases (assistant.understanding.tables):
the main one, every other asked with weight, and whether quoted pay figures make it a pay
question (which figures are money: not a count of things, a year or a name's digits), and
which lever a question asks by its place in the list ("the second lever").

Leaves out: names, places and the conversation (assistant.understanding.question reads those
and calls these once per turn), and any model: the cues are data.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from assistant.index.common_words import common_words
from assistant.money import PERCENT, find_amounts, thousands_beside_pay_words
from assistant.understanding.asks import (
    NO_OFFER_YET,
    asked_sentences,
    asks_in,
    components_named,
    sentences_that_ask,
)
from assistant.understanding.entities import contains_phrase, normalize
from assistant.understanding.place_names import places_in
from assistant.understanding.tables import INTENT_PHRASES, without_other_levels
from assistant.understanding.words import first_phrase_at, one_letter_off

if TYPE_CHECKING:
    from assistant.understanding.frame import ConversationState

PAY_INTENTS = ("comp", "counter")  # the intents whose answers are pay figures
# The question itself is about interviews, not just a skill or topic.
INTERVIEW_TOPIC = re.compile(
    r"\b(?:interview\w*|onsite|on-site|rounds?|screens?|screening|prep\w*|hiring manager|"
    r"process|loop|(?:values|culture|technical|tech|final|team)['\"’”]?\s+chat|hiring bar|"
    # ("what does anyscale look for in a devops hire?": the hiring bar)
    r"look(?:s|ing)? for in (?:an? |their |new )?(?:[\w-]+ ){0,2}"
    r"(?:hires?|candidates?|applicants?))\b",
    re.I,
)

# "peak ~200k orders/s", "500K+ TPS", "1m users": counts of things, not money
COUNTED = re.compile(
    r"\s*\+?\s*(?:/\s*s(?:ec)?\b|per (?:second|sec|minute|min|hour|day)\b|(?:orders|requests|"
    r"reqs|rps|qps|tps|transactions|txns|users|servers|machines|nodes|pods|clusters|gpus|cores|"
    r"events|messages|ops|queries|calls|containers|vms|instances|hosts|devices|customers|"
    r"employees|engineers|people|downloads|stars)\b)",
    re.I,
)


def money_amounts(text: str) -> list:
    """The (amount, start, end) of money in `text`: no percentage, nor a count of things."""
    return [
        (amount, start, end)
        for amount, start, end in find_amounts(text)
        if not amount.is_percent and not COUNTED.match(text, end)
    ]


def gives_money(text: str) -> bool:
    """Whether the text gives an amount of money, a bare figure beside a pay word included
    ("nvidia has me at 213 base")."""
    return bool(money_amounts(thousands_beside_pay_words(text)[0]))


# "is 15k normal", "is 190 base low?": an amount judged
_AMOUNT_JUDGED = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:normal|fair|good|ok|okay|low|lowball|high|standard|typical|"
    r"reasonable|competitive)\b",
    re.I,
)


def amounts_judged(text: str) -> list[str]:
    """The amounts, as typed, the text asks how they compare ("is 15k normal per ur guide?")."""
    text = thousands_beside_pay_words(text)[0]
    return [text[at:end] for _, at, end in money_amounts(text) if _AMOUNT_JUDGED.match(text, end)]


_NO_MONEY_DIGITS = re.compile(  # (and a list's numbers: "1) how long… 2) what…")
    r"\b(?:19|20)\d\d\b|\b[a-z]+\d+[a-z\d]*\b|(?:^|(?<=\s))[1-9][.)](?=\s)"
    r"|\b\d+(?:\.\d+)?\+?\s*(?:years?|yrs?|yoe|months?|weeks?|wks?|days?|hours?|hrs?|minutes?|mins?)\b",
    re.I,  # (a time, "5 yrs k8s exp", "2 weeks to decide": no money)
)


def may_give_money(text: str) -> bool:
    """A digit that may be money: not in a year ("in 2026"), a name ("k8s", "h100", "p7"), a
    count ("peak ~200k orders/s") nor a list's number ("1) …")."""
    for _, start, end in reversed(list(find_amounts(text))):
        if COUNTED.match(text, end):
            text = f"{text[:start]} {text[end:]}"
    return any(c.isdigit() for c in _NO_MONEY_DIGITS.sub(" ", text))


# "what questions do they ask?" wants the guides' lists of questions.
_ASKS_FOR_EXAMPLES = re.compile(
    r"\b(?:questions?|qs|asks?|asked|asking|examples?|scenarios?|prompts?)\b"
    # ("what kind of problems?", "what sort of systems do they have you design?")
    r"|\b(?:kinds?|sorts?|types?) of (?:\w+ )?(?:problems?|systems?|tasks?|exercises?)\b"
    # ("list me the practice problems the prep mentions")
    r"|\bpractice (?:problems?|exercises?|tasks?|list)\b|\bproblems? to practi[cs]e\b"
    r"|\bwhat (?:\w+ )?(?:problems|tasks|exercises) do they\b",  # ("…literally give people?")
    re.I,
)
# "ok real question", "two q's", "quick question": a preface, not interview questions asked for
_PREFACE = re.compile(
    r"\b(?:a|one|two|three|few|couple(?: of)?|quick|real|dumb|stupid|silly|honest|serious|"
    r"simple|random|side|noob|follow-?up|related|another)\s+(?:q'?s|questions?)\b",
    re.I,
)
# "should i ask for an extension?", "can i ask them for more": the user asking, not interviewers
# and "…will ask me to do part of it in mandarin": a request made, not a question
_USER_ASKS = re.compile(
    r"\b(?:i|u|you)\s+(?:\w+\s+){0,2}ask(?:ed|ing)?\b"  # ("do they give feedback if u ask")
    r"|\bask(?:ed|ing)?\s+(?:them\s+|him\s+|her\s+)?for\b"
    # (not a task set in a round: "what do they ask you to design?")
    r"|\bask(?:s|ed|ing)?\s+(?:me|you|us|them|him|her)\s+to\b(?!\s+(?:design|build|code|write|"
    r"implement|solve|debug|troubleshoot|whiteboard|architect|script|diagram)\b)",
    re.I,
)
# "if they ask me about conflicting priorities, how should I frame it?": how to answer one
_ANSWERING_ONE = re.compile(
    r"\bhow (?:should|do|would|can|to) (?:i )?(?:answer|frame|respond|handle|approach|tackle|"
    r"reply|structure)\b|\bif (?:they|\w+) asks? me\b|"
    # "what if i blank on a kernel question?": handling one, not the guide's questions
    r"\bif i (?:blank|freeze|get stuck|go blank|don'?t know|can'?t answer|mess up|bomb)\b",
    re.I,
)


# the words of a request for examples that name no subject of their own ("any example
# questions?" after the system design round asks for that round's)
EXAMPLE_WORDS = frozenset({"example", "examples", "sample", "samples", "question", "questions"})
# ("…scenario questions. are those typical?"; not "it", most often the round asked about: "is
# it all technical? who runs it?")
_POINTS_BACK = re.compile(r"\b(?:those|these|that|this|ones?)\b", re.I)
_SHORT_ASK = 5  # words of an ask that asks of what was told ("what are they")


def asks_for_examples(question: str) -> bool:
    """Whether the question asks for the guides' example questions ("what do they ask?",
    "system design prompts"), not how to answer one nor only prefaced ("ok real question"); a
    story told around the ask does not ask ("mock scenario from a friend: … what tooling would
    they expect?") unless the ask points back to it ("…the scenario questions. what are they");
    a "why" question asks a reason."""
    asking = asked_sentences(question)
    points_back = _POINTS_BACK.search(asking) or len(asking.split()) <= _SHORT_ASK
    question = question if points_back else asking
    kept = _USER_ASKS.sub(" ", _PREFACE.sub(" ", question))
    if _WHY.search(asking):  # "why do they keep asking deeper until i don't know?": a reason
        return False
    return bool(_ASKS_FOR_EXAMPLES.search(kept)) and not bool(_ANSWERING_ONE.search(question))


_WHY = re.compile(r"^\W*(?:(?:and|but|so|ok|okay)\W+)?(?:why|how come)\b", re.I)


# "where does that number even come from?", "what are your sources?", "based on what?"
_ASKS_SOURCES = re.compile(
    r"\bwhere (?:do|does|did|are|is|r) (?:\w+ ){0,4}(?:come|comes|coming|came) from\b|"
    r"\bwhere (?:are|r|do|did) (?:you|u|they|the guides?) (?:get|getting|got|find|pull)\w* "
    r"(?:th\w+|those|it|your)\b|\bbased on what\b|"
    # the source asked for, not named ("cite it as [source: …]", "open source")
    r"\b(?:what(?:'s| is| are|s)?|which|your|their|its|any) (?:(?!open\b)\w+ )?sources?\b|"
    r"\bsources?\s*\?|"
    r"\bwhat (?:\w+ )?(?:is|are|'s|s) (?:that|this|it|these|those|the \w+) based on\b|"
    # ("is the band from levels or glassdoor or what?": a data site the figures may be from)
    r"\b(?:is|are|was|were|comes?|came) (?:\w+ ){0,5}?from (?:\w+ ){0,2}?"
    r"(?:levels(?:\.fyi)?|glassdoor|payscale|blind)\b|"
    # how old the figures are: the source list gives its years ("how old is that data")
    r"\bhow (?:old|recent|current|fresh|up to date|up-to-date|dated) (?:is|are) (?:\w+ ){0,3}"
    r"(?:data|figures?|numbers?|info|information|ranges?|bands?|guides?)\b|"
    r"\bwhat (?:year|years|date) (?:is|are|was|were) (?:\w+ ){0,3}(?:data|figures?|numbers?|"
    r"bands?|ranges?) (?:from|of)\b",
    re.I,
)


def asks_for_sources(question: str) -> bool:
    """Whether the question asks where the figures come from (the guides' own sources)."""
    return bool(_ASKS_SOURCES.search(question))


# A greeting or thanks with little else ("hi", "thanks!", "good morning coach").
_SMALL_TALK = re.compile(
    r"^\W*(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|thanks?(?: you)?|thx|ty|"
    r"ok(?:ay)?|cool|great|bye|goodbye)\b[\s\W\w]{0,20}$",
    re.I,
)


def is_small_talk(question: str) -> bool:
    """A greeting or thanks with little else."""
    return bool(_SMALL_TALK.match(question))


Intent = str  # "comp" | "counter" | "lever" | "interview" | "general" | "out_of_scope"
_OFFER_WORD = re.compile(r"\boffer(?:s|ed|ing)?\b", re.I)
# Pay words in another sense: "how much ansible do they test", "do they make u draw".
_NOT_PAY = re.compile(
    r"\bhow much (?!(?:do|does|did|is|are|was|were|will|would|can|could|should|might|may|"
    r"they|you|u|i|we|he|she|it|of|more|less|extra|money|cash|base|salary|pay|equity|stock|"
    r"rsus?|bonus|comp|tc|total|sign|signing|higher|lower|above|below|room|a|an|the)\b)|"
    r"\bmake (?:u|you|me|us|them|him|her) (?!(?:in|at|per|a|an|the|over|more|less|as|about)\b)|"
    # "make it shorter", "make this more polite", "make sure": a change asked, not pay
    r"\bmake (?:it|this|that|these|those|sure|sense)\b|"
    # "how much does it matter?", "how much would mandarin help": a degree, not an amount
    r"\bhow much (?:does|do|did|would|will|could|can|should)(?: [\w'-]+){1,3} (?:matter|count|"
    r"help|hurt|affect|weigh|impact|change)\b"
)


# "if i asked to be based in london", "i asked them for more": the user asking, which no
# interviewer does ("i got asked about k8s", "they asked me" still tell of interviews)
_USER_ASKING = re.compile(
    r"\bi(?:'?d| had| have| would| will| could| should| just| already)? asked\b"
)


# "what does the guide say about work-life balance?": the guide's words asked, not the user's
_GUIDE_SAYS = re.compile(r"\b(?:guides?|docs?|document|it) (?:actually |really )?says?\b")

# "how much more rsu should i push for", "how much sign-on can i ask": the amount to ask for
_HOW_MUCH_OF = re.compile(
    r"\bhow much (more )?(?:[\w-]+ ){1,2}?(should|can|could|do) i (ask|push|counter|request)\b"
)

ONE_CUE = 3.0  # the weight of one strong intent cue ("anchor", "counter")


def best_intent(scores: dict[Intent, float], text: str = "") -> Intent:
    """The intent that weighs most, or out_of_scope when none weighs; of equals, the one that
    `text` (the text scored) asks first when several of its sentences ask ("how long does
    alibaba take from screen to offer? and can i ask anyscale to extend their deadline?": the
    interviews), else the first in order."""
    best = max(scores, key=lambda intent: scores[intent])
    if scores[best] <= 0:
        return "out_of_scope"
    tied = [intent for intent, score in scores.items() if score == scores[best]]
    if len(tied) > 1 and sum(sentences_that_ask(text)[1]) > 1:
        normalized = normalize(text)
        return min(tied, key=lambda intent: first_cue_at(normalized, intent))
    return best


def first_cue_at(normalized: str, intent: Intent) -> int:
    """Where the first of the intent's cue phrases is in normalized text (its length when
    none): which of two asks comes first."""
    return first_phrase_at(
        normalized, (p for _, phrases in INTENT_PHRASES[intent] for p in phrases)
    )


_WISE = re.compile(r"\b(\w+)[\s-]?wise\b")
# a list of level codes ("p6 and p7", "l4/l5", "ic3, ic4 or ic5") names levels once: what
# it asks about them ("…pay-wise") weighs as much as the list
_LEVEL_RUN = re.compile(
    r"\b([a-z]{1,2}\d{1,2})(?:\s*(?:,|/|-|–|&|\band\b|\bor\b|\bvs\b\.?|\bversus\b|\bto\b)\s*"
    r"[a-z]{1,2}\d{1,2}\b)+"
)
_TYPO_MIN = 5  # (shorter words are one letter from too many others: "rond", "pay")


def cues_none(asking: str, scores: dict[Intent, float]) -> bool:
    """Whether the asking sentences hold no intent's cue and the whole message (its `scores`)
    none but job words: what it asks is the talk's ("any sql? ive mostly done postgres at
    work"; not "they offered me 180k base. is that ok?")."""
    told = any(v for k, v in scores.items() if k != "general")
    return not told and not any(intent_scores(normalize(asking), False).values())


def intent_scores(normalized: str, has_amounts: bool) -> dict[Intent, float]:
    """Each intent's weight of phrases in the question (an offer not held yet is no offer); a
    cue word typed one letter off ("interveiw", "rouns") counts as itself."""
    normalized = with_cues_spelled(normalized)
    normalized = without_other_levels(_NOT_PAY.sub(" ", NO_OFFER_YET.sub(" ", normalized)))
    normalized = _USER_ASKING.sub(" i ", normalized)  # (only "asked": the lever's "ask for" stays)
    normalized = _GUIDE_SAYS.sub(" guide ", normalized)  # (what a guide says is no line to say)
    normalized = _HOW_MUCH_OF.sub(r"how much \1\2 i \3", normalized)  # ("…more rsu should i…")
    normalized = _WISE.sub(r"\1 ", normalized)  # "lever-wise", "pay wise": the lever, the pay
    normalized = _LEVEL_RUN.sub(r"\1", normalized)  # ("p6 and p7": levels named once)
    scores = {
        intent: sum(
            weight * sum(contains_phrase(normalized, p) for p in phrases)
            for weight, phrases in weighted
        )
        for intent, weighted in INTENT_PHRASES.items()
    }
    if has_amounts and any(
        contains_phrase(normalized, p) for p in ("offer", "offered", "i got", "i have", "gave")
    ):
        scores["counter"] += 3.0
    if _SAID_IN_A_ROUND.search(normalized):  # "what do i say in the alibaba interview when…"
        scores["interview"] += 2.0
    # ("alibaba p6 seattle base?": a level code beside a pay word asks that pay, not the map)
    codes = sum(contains_phrase(normalized, p) for p in _LEVEL_CODES)
    if codes and scores["comp"] and scores["general"] <= _CODE_WEIGHT * codes:
        scores["comp"] += scores["general"]
    return scores


_LEVEL_CODES = [p for w, ps in INTENT_PHRASES["general"] for p in ps if re.search(r"\d", p)]
_CODE_WEIGHT = next(w for w, ps in INTENT_PHRASES["general"] if _LEVEL_CODES[0] in ps)


# words asked for where they are said: in an interview, not to a recruiter about pay
_SAID_IN_A_ROUND = re.compile(
    r"\b(?:say|answer|reply|respond)\b[^.?!]{0,20}\b(?:in|during|at) (?:the|my|an|their|a)\s"
    r"(?:[\w-]+\s){0,3}(?:interview|round|screen|onsite|loop|deep dive|panel)s?\b"
)


def quotes_pay(text: str) -> bool:
    """The text gives an amount of money for a pay component and no offer ("base is like 168
    to 218k"): it is about pay, whatever else it mentions ("a friend who went through the loop
    says…"); an offer's figures are the counter's and the levers' to weigh."""
    if _OFFER_WORD.search(text) or not components_named(text):
        return False
    return any(a.unit != PERCENT for a, _, _ in find_amounts(text))


def intents_asked(
    main: Intent, scores: dict[Intent, float], pay_asked: bool = False, question: str = ""
) -> tuple[Intent, ...]:
    """The main intent, then every other the question asks with weight ("is it fair and what
    should I counter?" asks comp and counter); a pay component named with a place asks comp
    too ("how many rounds, and what's the base in singapore?"), and so does one of the
    question's several asks that asks pay read alone ("do i have to answer that before
    interviewing? whats the band")."""
    others = [i for i, score in sorted(scores.items(), key=lambda kv: -kv[1]) if score >= 2.0]
    asks = asks_in(question) if question else []
    pay_asked = pay_asked or (
        len(asks) > 1
        and any(best_intent(intent_scores(normalize(a), False)) == "comp" for a in asks)
    )
    if pay_asked and main not in ("comp", "counter"):
        others.append("comp")
    return tuple(dict.fromkeys([main, *others]))


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4}
_ORDINALS |= {"4th": 4, "fifth": 5, "5th": 5, "last": -1, "final": -1}
_LEVER_BY_PLACE = re.compile(
    rf"\b(?:the )?({'|'.join(_ORDINALS)})(?: (?:lever|one|angle|argument)\b|\s*[?.!]*\s*$)"
    r"|(?:\b(?:lever|angle|argument|number|no\.?)|#)\s?([1-9])\b",
    re.I,
)


def lever_asked_by_place(text: str) -> int | None:
    """The lever asked by its place in the guide's list ("ok and the second lever?", "lever
    3"): its number, -1 for the last; None when the text names none."""
    found = _LEVER_BY_PLACE.search(text)
    if not found:
        return None
    return _ORDINALS[found[1].lower()] if found[1] else int(found[2])


# the ask as a thing named ("the rsu ask", "the sign-on request"), not a verb ("is it reasonable
# to ask for a sign-on?": the levers for one)
_ASKS_FOR = re.compile(
    r"\b(?:the|my|its|their|that|your) (?:[\w-]+ ){0,2}(?:ask|request|counter)\b(?! for\b)"
    # "how much higher can i push the base?": how far to ask
    r"|\bhow (?:much|far)(?: (?:higher|more|further|up))? (?:can|should|could|do) i (?:push|ask"
    r"|go|negotiate|counter)\b"
    r"|\bpush(?:ing)? (?:(?:hard|only|just) )?(?:on|for)\b",  # "what if i only push on equity?"
    re.I,
)


def asks_for(question: str, after: str | None, component: str | None) -> bool:
    """Whether, after talk of an offer, its levers or its band (the intent `after`), the turn
    speaks of what to ask for of a `component` ("and the rsu ask?", "the sign-on request"):
    the counter's ask for that component, not its band; or, after a counter, judges that part
    of the offer ("what about the stock, is it low?") or asks how far off the band it is ("how
    much below?")."""
    if after == "counter" and (_HOW_FAR.search(question) or _SAME_OFFER.search(question)):
        return True  # (or the offer placed again: "what about beijing for the same numbers")
    # (not of a figure the turn tells: "they said 15% bonus, is that normal there?")
    judged = (
        after == "counter" and bool(_JUDGED.search(question)) and not re.search(r"\d", question)
    )
    if judged and not component:  # "is that above the band?": the offer, judged whole
        return True
    if after not in ("counter", "lever", "comp") or not component:
        return False
    return bool(_ASKS_FOR.search(question)) or judged


_SAME_OFFER = re.compile(r"\b(?:same|those|these) (?:numbers|figures|offer|package)\b", re.I)
_HOW_FAR = re.compile(r"\bhow (?:much|far) (?:below|under|above|over|short|off)\b", re.I)
_JUDGED = re.compile(
    r"\b(?:is|are|was|were)\s+(?:it|that|this|they|mine|(?:my|the) \w+)\s+(?:\w+\s+)?"
    r"(?:low|high|fair|good|ok|okay|decent|normal|competitive|bad|enough|lowball\w*|below|"
    r"above|under\w*|within|in (?:the )?(?:band|range))\b(?!\s+to\s)",  # (not "is it bad to say…")
    re.I,
)


def names_only_a_place(
    scores: dict[Intent, float],
    normalized: str,
    text: str,
    company: str | None,
    state: ConversationState,
) -> bool:
    """A first turn of six words or fewer, or one telling of an offer with no figures ("hi, i
    have an alibaba offer for devops in seattle"), with no intent cue, naming a company and a
    place ("alibaba hangzhou", "anyscale singapore"): it asks the pay there (or is told there
    is no row). After a pay turn (the conversation `state`'s last intent), a turn naming a
    place, and the company perhaps, and nothing else ("fine — hangzhou", "ok then alibaba
    singapore")."""
    if state.intent in ("comp", "counter") and _only_a_place(text, company):
        return True
    short = len(normalized.split()) <= 6 or bool(_OFFER_TOLD.search(normalized))
    place = any(m.place != "remote" for m in places_in(text))  # ("anyscale remote?": remote work)
    first = bool(company) and not state.turns
    return first and short and not any(scores.values()) and place


def asked_of_a_place(
    scores: dict[Intent, float],
    normalized: str,
    text: str,
    company: str | None,
    state: ConversationState,
) -> Intent | None:
    """The intent of a turn that names only a place (`names_only_a_place`): the pay there, or,
    after an offer was placed, that offer placed there ("nyc?" after an SF offer); None for
    any other turn."""
    if not names_only_a_place(scores, normalized, text, company, state):
        return None
    moved = state.intent == "counter" and company in (None, state.company)
    return "counter" if moved else "comp"


_PLACE_FILLER = frozenset(
    "ok okay fine then so and what about how in for the there alright".split()
)


def _only_a_place(text: str, company: str | None) -> bool:
    """A turn naming a place (and `company`) and nothing else ("fine — hangzhou")."""
    places = [m for m in places_in(text) if m.place != "remote"]
    rest = text.lower().replace((company or "\0").lower(), " ")
    for match in places:
        rest = rest.replace(match.spelled.lower(), " ")
    return bool(places) and all(w in _PLACE_FILLER for w in re.findall(r"[a-z]+", rest))


_OFFER_TOLD = re.compile(
    r"\b(?:i (?:have|got|received|just got)|got) (?:an? )?(?:[\w-]+ ){0,2}offer\b"
)


_CUE_WORDS = frozenset(
    word
    for weighted in INTENT_PHRASES.values()
    for _, phrases in weighted
    for phrase in phrases
    for word in phrase.split()
    if len(word) >= _TYPO_MIN and word.isalpha()
)


def with_cues_spelled(normalized: str) -> str:
    """The normalized words with each one typed one edit from an intent cue word ("interveiw",
    "negotaite"), and no English word itself, spelled as that cue; other words as typed."""
    common = common_words()
    words = normalized.split()
    for at, word in enumerate(words):
        if len(word) < _TYPO_MIN or word in _CUE_WORDS or word in common or not word.isalpha():
            continue
        words[at] = one_letter_off(word, _CUE_WORDS) or word
    return " ".join(words)
