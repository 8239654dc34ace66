"""What a question asks besides names and places, read with general language only: the topics
(PTO, visas, refreshers…; a count the user only tells, "background is 5 yoe.", asks none), the
sentences that ask, the places it takes back ("seattle not singapore"), and whether it corrects
or repeats the previous turn. The job title and levels it names: assistant.understanding.titles.

The words are general language about jobs and offers, kept in asks.json beside this module.
Whether the guides cover a title, a level or a topic is not decided here: the guides' own words
are read for that (assistant.corpus.vocabulary, assistant.compose.coverage).

Leaves out: companies, places and pay components (assistant.understanding.entities), the
intent (assistant.understanding.question), and languages other than English.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from assistant.understanding.entities import (
    MONTHS_OF_BASE,
    Catalog,
    contains_phrase,
    find_component,
    normalize,
    region_mentions,
)
from assistant.understanding.place_names import place_words, places_in
from assistant.understanding.tables import (
    COMPONENT_WORDS,
    GUIDE_SAYS,
    INTENT_PHRASES,
    NEUTRAL_WORDS,
    STOPWORDS,
)
from assistant.understanding.words import find_phrase, phrase_pattern

ASKS_TABLE = json.loads(files(__package__).joinpath("asks.json").read_text(encoding="utf-8"))
TECH_HOMOGRAPHS = frozenset(ASKS_TABLE["tech_homographs"])  # "rust": a language, not corrosion
EVERYDAY_ABBREVIATIONS = frozenset(ASKS_TABLE["everyday_abbreviations"])  # "wks", "tbh"
_TOPICS: dict[str, tuple[str, tuple[str, ...]]] = {
    key: (entry[0], tuple(entry[1])) for key, entry in ASKS_TABLE["topics"].items()
}
# topic -> the pay component whose figures stand in for it (relocation -> sign_on)
_STANDS_IN: dict[str, str] = {
    key: entry[2] for key, entry in ASKS_TABLE["topics"].items() if len(entry) > 2
}


@dataclass(frozen=True)
class TopicAsk:
    """A topic the question asks about: its key, how to name it, and the user's own words."""

    key: str
    name: str
    said: tuple[str, ...]

    def phrases(self) -> tuple[str, ...]:
        """Every phrase of the topic (to look for in a guide)."""
        return _TOPICS[self.key][1]

    @property
    def stand_in(self) -> str | None:
        """The pay component whose figures stand in for the topic, if any ("sign_on")."""
        return _STANDS_IN.get(self.key)

    @property
    def of_the_interviews(self) -> bool:
        """Asked of the interviews themselves ("is the onsite open book?")."""
        return self.key in ASKS_TABLE["of_the_interviews"]


# How a follow-up turn opens ("and in London?", "what about the bonus?").
FOLLOWUP_LEAD = re.compile(  # (and in other languages: "und das maximum davon?", "y en…")
    r"^\s*(?:and|n|also|what about|how about|same for|same in|ok(?:ay)?,? (?:and|what about)|und|y|"
    r"and what about|then|what if|in|(?:ok(?:ay)?,? |so,? |going |switching )?back to|et|aur)\b",
    re.I,
)


# A request to produce something that is not coaching: code, configuration, prose.
MAKES_AN_ARTEFACT = re.compile(
    r"\b(?:write|generate|create|build|code|make|give)\s+(?:me\s+)?(?:a|an|the|some)?\s*"
    r"(?:[\w-]+\s+){0,4}?(?:yaml|manifest|dockerfile|terraform|helm chart|program|function|"
    r"regex|sql query|poem|essay|story|song|joke|(?:python|bash|shell|go|java) script)\b",
    re.I,
)
ADDS_TO = re.compile(r"\b(?:also|too|as well)\b", re.I)  # "the stock too?": more of the same
FIXED_COMPONENT = re.compile(
    r"\b(?:won'?t|will not|wont|can'?t|cannot|not going to|refuses? to|refused to) "
    r"(?:move|budge|go up|increase|change|negotiate)"
    r"|\b(?:fixed|capped|stuck|non-negotiable|final(?!\s+(?:loop|rounds?|interviews?|stage|onsite"
    r"|call|step|screen|hr|values)))\b|\b(?:say|says|said) no to\b|\b(?:reject|decline|refuse|"
    r"turn down)s?\b|\bno (?:room|flexibility|movement)\b|\bpush(?:es|ed)? back on\b"
    r"|\bbest (?:we|they|i) can do\b|\b(?:can'?t|cannot) go (?:above|higher|past|over|beyond)\b"
    r"|\b(?:tops?|maxe?s?) out at\b|\bcap(?:s|ped)? (?:\w+ ){0,2}at\b|\bmaxed\b"  # "cap at 200"
    r"|\b(?:is|are|'s) (?:impossible|not possible|off the table)\b"
    r"|\b(?:is|'s) (?:their|our|the|its) (?:best|final|last|max(?:imum)?) (?:offer|number)\b",
    re.I,
)
ABOUT_LAST_MAX_WORDS = 8


# "should i quit before i have an offer lined up?": no offer held, so no counter question
NO_OFFER_YET = re.compile(
    r"\b(?:before|until|unless|without)\s+(?:i|you|we)\s+(?:have|get|got|land|receive)\s+(?:an?\s+|another\s+|the\s+)?offers?\b"
)


REFERENCE = re.compile(  # ("sgd base range for the role?", "the behavioral one": one discussed)
    r"\b(?:that|it|there|those|this|(?:that|each|the next|the \w+) one|the same|same|"
    r"(?:the|this) (?:role|job|position))\b"
)
# "does anyscale look for the same things?": the previous question, about another company.
SAME_AGAIN = re.compile(  # (and "and the other one? she also interviewed at anyscale sf")
    r"\b(?:the same|same (?:things?|stuff|questions?|q|qs|qn|ask)|similar|likewise|"
    r"the other one)\b",
    re.I,
)


def components_named(text: str) -> tuple[str, ...]:
    """Every pay component the text names, the most specific first ("the bonus % and what
    signing bonus": sign_on, then bonus, the annual bonus named apart from the signing one)."""
    rest = MONTHS_OF_BASE.sub(" bonus ", normalize(text))  # ("3 months of base": a bonus;
    rest = re.sub(r"\bnon[- ]\w+", " ", rest)  # "the fastest non-base thing": no base)
    named = []
    for component in ("sign_on", "total", "stock", "bonus", "base"):
        words = sorted(COMPONENT_WORDS[component], key=len, reverse=True)
        if any(contains_phrase(rest, word) for word in words):
            named.append(component)
            for word in words:
                rest = re.sub(rf"(?<![\w-]){re.escape(word)}(?![\w-])", " ", rest)
    return tuple(named)


def topics_asked(text: str) -> tuple[TopicAsk, ...]:
    """The topics the question asks about, each with the phrases the user used."""
    normalized = normalize(text)
    found = []  # (topic, the normalized phrases it was said with)
    for key, name, phrases in _topic_phrases():
        # the user's own spelling of each phrase ("oncall" for "on-call"), each once
        typed = [
            t
            for _, plain in phrases
            if (t := _typed(normalized, plain)) and not _only_counted(text, plain)
        ]
        said = list({compact(t): t for t in typed}.values())
        # ("talent subsidy" and "subsidy": the longer says it)
        said = [t for t in said if not any(o != t and contains_phrase(o, t) for o in said)]
        if said:
            found.append((TopicAsk(key, name, tuple(said)), said))
    # a bare "take-home" beside the interviews is the assignment ("their loop or take-home?")
    if _LOOP_WORDS.search(normalized):
        found = [
            (_as_assignment(topic), said) if _bare_take_home(topic) else (topic, said)
            for topic, said in found
        ]
    listed = _listed_phrases()  # (a phrase one topic lists as typed and another matched as a
    # plural is the first's: "r there take-homes": the assignments, not take-home pay)
    found = [
        (topic, said)
        for topic, said in found
        if any(s in listed[topic.key] for s in said)
        or not any(set(said) <= set(os) and set(os) <= listed[o.key] for o, os in found)
    ]
    # the longer phrase wins: a "take home assignment" is no question about take-home pay
    longer = [plain for _, plains in found for plain in plains]
    return tuple(
        topic
        for topic, plains in found
        if not all(any(o != q and contains_phrase(o, q) for o in longer) for q in plains)
    )


_LOOP_WORDS = re.compile(r"\b(?:interviews?|interviewing|loop|onsite|on site|rounds?|screens?)\b")


def with_remote_work(topics: tuple[TopicAsk, ...], intent: str) -> tuple[TopicAsk, ...]:
    """The topics, with remote work when "remote" is said outside a pay question ("anyscale
    remote ok?"); "remote us base?" asks for a region's pay."""
    if intent in ("comp", "counter") or any(t.key == "remote" for t in topics):
        return topics
    return (*topics, TopicAsk("remote", _TOPICS["remote"][0], ("remote",)))


def _bare_take_home(topic: TopicAsk) -> bool:
    return topic.key == "tax" and all(compact(t) == "takehome" for t in topic.said)


def _as_assignment(topic: TopicAsk) -> TopicAsk:
    return TopicAsk("take_home", _TOPICS["take_home"][0], topic.said)


def _only_counted(text: str, plain: str) -> bool:
    """Whether every use of the phrase is the user's own count or past, told ("5 yoe at an aws
    shop.", "i was the oncall when…"): a number just before it (not of time: "48 hours to
    decide" is a deadline), or a sentence opening with what the user did, that does not ask."""
    counts_time = re.match(r"(?:hours|days|weeks)\b", plain)
    uses = [
        (asks, sentence, match)
        for sentence, asks in zip(*sentences_that_ask(text), strict=True)
        for match in phrase_pattern(plain).finditer(normalize(sentence))
    ]
    return bool(uses) and all(
        not asks
        and (
            (not counts_time and re.search(_COUNT_BEFORE, normalize(sentence)[: match.start()]))
            or _OF_MYSELF.match(sentence)  # "i was the oncall when a node died…. how do i use
        )  # that with anyscale?": what the user did, told
        for asks, sentence, match in uses
    )


_COUNT_BEFORE = re.compile(r"\b\d[\d.]*\+?\s*$")
_OF_MYSELF = re.compile(r"^\W*i\s+(?:was|did|built|ran|led|used to|worked|have been)\b", re.I)


def compact(phrase: str) -> str:
    """The phrase normalized, without spaces or hyphens: "on-call", "on call", "oncall" meet."""
    return re.sub(r"[\s-]+", "", normalize(phrase))


_PREPOSITIONS = frozenset({"on", "in", "at", "off", "by"})


def _typed(normalized: str, plain: str) -> str:
    """How the text writes the phrase ("oncall" for "on-call"), or "" when it does not; its
    plural too ("apartments" for "apartment"; not of "on call": "nervous on calls" is the
    phone)."""
    found = find_phrase(normalized, plain)
    if found is None and len(plain) > 3 and not plain.endswith("s"):
        found = find_phrase(normalized, f"{plain}s")
        if found and set(found.group().split()[:1]) & _PREPOSITIONS:
            found = None
    return found.group() if found else ""


@lru_cache(maxsize=1)
def _topic_phrases() -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """Each topic's key, name and phrases with their normalized forms, normalized once."""
    return tuple(
        (key, name, tuple((p, normalize(p)) for p in phrases))
        for key, (name, phrases) in _TOPICS.items()
    )


@lru_cache(maxsize=1)
def _listed_phrases() -> dict[str, frozenset[str]]:
    """Each topic's key -> its normalized phrases, built once."""
    return {key: frozenset(plain for _, plain in phrases) for key, _, phrases in _topic_phrases()}


_ENDS = r"[.!?\u2600-\u27bf\U0001f300-\U0001faff]"  # (an emoji too: "…stage 🎉 what's it like")
SENTENCE_BREAK = re.compile(rf"(?<={_ENDS})\s+|(?<=[.!?][\"”’'])\s+|\n+")  # (after a quote too)


# words that put what came before aside ("…anyway which lever was #2?"): the ask follows them
ASIDE_OPENERS = r"anyway|anyways|anyhow|long story short|tl;?dr"
# "also how long is their hiring process" and "give me every lever" ask, question mark or not
_OPENS_A_QUESTION = re.compile(
    r"^(?:[1-9][.)]\s+)?(?:(?:also|and|so|ok|okay|plus|but|pls|please|if so|in that case|"
    r"then|real talk|honestly|seriously|frankly|btw|by the way|lastly|finally|quick q|"
    r"one more thing|whatever|fine|"
    rf"{ASIDE_OPENERS}|(?:my |the )?(?:real |main |actual )?question(?: is)?)\W+){{0,3}}"
    r"(?:how|what|whats|what's|when|where|"
    r"which|who|why|is|are|do|does|did|can|could|will|would|should|(?:just )?(?:give|list|tell|"
    r"show|explain|walk|help|draft|write|compare|describe))\b",  # ("just tell me the band")
    re.I,
)


# "my friend is interviewing for infra TPM there, what do those pay": a question after a
# clause that tells, in one sentence
_QUESTION_WORDS = r"(?:what|whats|what's|how|which|where|when|why|who)\b"
_ASKING_CLAUSE = re.compile(rf"(?<=,)\s+(?:but\s+)?(?={_QUESTION_WORDS})", re.I)  # (", but what…")
_QUESTION_WORD = re.compile(rf"\b{_QUESTION_WORDS}", re.I)


def _clauses(sentence: str) -> list[str]:
    """The sentence, or its telling clause and the question after it ("my friend is
    interviewing there, what do those pay"); one piece when the first clause asks too ("how
    do i ask for a signing bonus, whats a normal number")."""
    pieces = _ASKING_CLAUSE.split(sentence, maxsplit=1)
    first = pieces[0] if len(pieces) > 1 else ""  # ("three things: base range, how much…")
    if not first or any(p.search(first) for p in (_QUESTION_WORD, _NAMES_WHAT_OF, _ASKS_LISTED)):
        return [sentence]  # ("for the observability design one, what do they expect?")
    chooses = _CHOICE.search(pieces[0]) and pieces[1].lower().startswith("which")
    return [sentence] if chooses else pieces  # ("argo or applicationsets, which scales?")


# "for the kubernetes one, …": a clause naming what the question after it is about (no verb)
_NAMES_WHAT_OF = re.compile(
    r"^\W*(?:(?:and|ok|so|also)\W+)?(?:for|about|regarding|re|as for|as to|on|with)\s+"
    r"(?!(?:[\w'-]+\s+){0,5}?(?:is|are|was|were|i|we|they|he|she|it|has|have|had)\b)"
    r"(?:[\w'/&-]+\s*){1,6},?$",
    re.I,
)
_ASKS_LISTED = re.compile(r"\b(?:things?|questions?|qs|asks?)\s*:", re.I)  # what follows asks
_CHOICE = re.compile(r"\b(?:or|vs\.?|versus)\b", re.I)  # the alternatives a "which" chooses


# "somehow i passed the phone screen last week??": surprise at what happened, told, not asked
_EXCLAIMS = re.compile(
    r"^\W*(?:(?:ok|so|and|but|then|somehow|like)\W+)*(?:i|we|they|he|she)\s+"
    r"(?!(?:should|can|could|would|will|need|must|have to|may|might)\b)"
    r"(?![^?]*\b(?:what|how|which|why|when|where|who|whether|if)\b)[^?]*[?!]*\?[?!]+\s*$",
    re.I,
)
# (but a subject pronoun after the verb asks, whatever it ends with: "is it just 'does it
# scale' or do they also want monitoring stuff.")
_TELLS_DONE = re.compile(
    r"^(?:did|do|does|is|are|will|would|can|could)\b"
    r"(?!\s+(?:it|they|there|you|we|i|he|she|that|this|these|those)\b)",
    re.I,
)
# "…and i wanna know if theres on call pay": an ask inside a sentence that tells
_ASKS_INSIDE = re.compile(
    r"\bi(?:'d| would)? (?:wanna|want to|like to|need to) know\b(?!\s+(?:before|by|because|"
    r"asap|now|soon|first|today|tonight|tomorrow))|\b(?:wondering|curious)\b"  # (a reason)
    # ("…and for the log parsing would powershell be ok lol": a yes/no asked, no "?")
    r"|\b(?:would|will|is|are)\s+(?:[\w#+.-]+\s+){1,3}(?:be\s+)?(?:ok|okay|fine|acceptable|allowed)\b",
    re.I,
)


def asked_sentences(text: str) -> str:
    """The sentences that ask (end with "?") when the message has one and tells something
    too: "i was the oncall when a node died… how do i use that with anyscale?" asks about
    the levers, not about on-call. A message with no question mark is all asking."""
    sentences, asks = sentences_that_ask(text)
    asking = [s for s, ask in zip(sentences, asks, strict=True) if ask]
    return " ".join(asking) if asking and len(asking) < len(sentences) else text


# where one ask ends and the next begins: "how many rounds and how long till an offer?"
_NEXT_ASK = re.compile(
    r"(?<=\?)\s+|\s+(?:and|also|plus)\s+(?=(?:how|what|whats|when|which|is|are|do|does|can|"
    r"will|would|should)\b)",
    re.I,
)


# Words told around the asking sentences that make a long story: its words could crowd the
# passage asked for out of a ranking (assistant.retrieval.hybrid, assistant.compose.lead)
TOLD_WORDS = 25


def asks_in(question: str) -> list[str]:
    """The asks of the question's asking sentences that each say what they ask (two words
    or more besides the question words), in order; one ask when it has no second."""
    parts = [p.strip() for p in _NEXT_ASK.split(asked_sentences(question)) if p and p.strip()]
    return [p for p in parts if len(p.split()) >= 3] if len(parts) > 1 else [question]


# ("they gave zero sign on. whats the line to ask for one?": "one" after a verb of asking)
REFERS_BACK = re.compile(  # ("…a 401k match? how much": a question of nothing of its own,
    r"\b(?:that|it|this|those|these|them)\b|\b(?:for|get|want|need|negotiate) one\b|"  # "…TBD, how
    r"^\W*(?:and |so )?how (?:much|many|long|often)(?: (?:should|can|could|do|would) (?:i|we)"
    r" (?:ask|push|go|counter|request)(?: for)?)?\W*$",  # much should i ask for?")
    re.I,
)


def asked_with_antecedents(text: str) -> str:
    """The sentences that ask, each that refers back ("should i take it?", "is that
    standard?") with the sentence just before it, what "it" most likely names."""
    sentences, asks = sentences_that_ask(text)
    if all(asks) or not any(asks):
        return text
    chosen = []
    for position, (sentence, ask) in enumerate(zip(sentences, asks, strict=True)):
        if ask and position and REFERS_BACK.search(sentence):
            chosen.append(sentences[position - 1])
        if ask:
            chosen.append(sentence)
    return " ".join(dict.fromkeys(chosen))


def sentences_that_ask(text: str) -> tuple[list[str], list[bool]]:
    """The message's sentences, and whether each asks: it ends with "?" or opens as a
    question ("did alibaba's loop last month." tells: a yes/no opening, a full stop)."""
    sentences = [
        clause.strip()
        for s in SENTENCE_BREAK.split(text)
        for clause in _clauses(s)
        if clause.strip()
    ]
    asks = [
        (s.endswith("?") and not _EXCLAIMS.search(s))
        or bool(_OPENS_A_QUESTION.match(s) and not (_TELLS_DONE.match(s) and s.endswith(".")))
        or bool(_ASKS_INSIDE.search(s))
        for s in sentences
    ]
    return sentences, asks


# "which negotiation angle fits that best?", "is there a point that lines up with that?": one
# lever asked for, by how it fits the user's background (general language)
ONE_LEVER_ASKED = re.compile(
    r"\bwhich\b[^.?!]{0,40}\b(?:levers?|angles?|points?|arguments?)\b"
    r"|\bwhat (?:\w+ ){0,2}(?:lever|angle|argument|talking point)\b(?!s)"
    r"|\b(?:levers?|angles?|points?|arguments?|one) (?:that |which )?(?:fits?|lines? up|matches"
    r"|maps?|applies|suits?)\b"
    # "which one's for me?", "which of them is best for me?": one of those just listed
    r"|\bwhich (?:one|of them|of these|of those)(?:'s| is| would be)? (?:for me|best|right "
    r"for me|the best fit)\b",
    re.I,
)


def _domain_words() -> set[str]:
    phrases = [p for weighted in INTENT_PHRASES.values() for _, group in weighted for p in group]
    phrases += [word for words in COMPONENT_WORDS.values() for word in words]
    return {word for phrase in phrases for word in phrase.split()} | NEUTRAL_WORDS


_DOMAIN_WORDS = _domain_words()


def foreign_words(normalized: str, catalog: Catalog) -> list[str]:
    """Words that are not about jobs, pay, places or the corpus's companies ("weather", "poem")."""
    places = place_words()
    topics = {w for t in topics_asked(normalized) for p in t.said for w in normalize(p).split()}
    return [
        word
        for word in normalized.split()
        if word not in STOPWORDS
        and word not in _DOMAIN_WORDS
        and word not in places
        and word not in catalog._company_words
        and word not in topics  # "is the on-call brutal?": a job topic, held or not
        and not any(ch.isdigit() for ch in word)
        and not _INTERJECTION.fullmatch(word)  # ("hm ok. singapore then?")
    ]


_INTERJECTION = re.compile(r"h+m+|u+m+|u+h+|a+h+|o+h+|e+h+|ugh+|meh|welp|lol|haha(?:ha)*|hehe")


def fixed_component(question: str, carried: str | None) -> str | None:
    """The pay component the employer will not move: the one named in the clause that says
    so ("the bonus % is fixed", "won't budge on base"); with no component named in the whole
    message, the one the conversation is about ("what if they won't budge?"); else None ("they
    called the whole offer final")."""
    said = False
    for cue in FIXED_COMPONENT.finditer(question):
        start = max(question.rfind(c, 0, cue.start()) for c in ".,;!?") + 1
        ends = [i for i in (question.find(c, cue.end()) for c in ".,;!?") if i >= 0]
        clause = question[start : min(ends, default=len(question))]
        if GUIDE_SAYS.search(clause) or _WHETHER.match(clause):
            continue  # ("your guide says the base tops out at 250k", "is it fixed?": asked)
        said = True
        named = find_component(clause)
        if named:
            return named
    if said and not components_named(question):
        return carried
    return None


# a clause asking whether ("is the sign on negotiable or is it fixed?"), not saying so
_WHETHER = re.compile(r"\s*(?:is|are|can|could|will|would|does|do)\b", re.I)


# Words that set regions or companies side by side ("SF or New York?", "which of the two")
WHICH_OF_THEM = re.compile(
    r"\bwhich (?:one|of (?:the (?:two|2)|them|those|these)|company|companies|guide)\b"
    r"|\beach (?:one|of them|company(?:'s)?)|\bboth (?:companies|of them)\b"
    r"|\bwhich (?:is|pays|comes out) (?:better|best|higher|more|ahead)\b"
    r"|\b(?:at|for|of|in) (?:each|both)\b(?! (?:of )?(?:round|stage|level|year)s?\b)"
    r"|\b(?:for|of|between) the (?:two|2)\b|\bhow far apart\b",
    re.I,
)
COMPARES = re.compile(r"\b(?:vs\.?|versus|compare[sd]?|comparison|or|than|against|between)\b", re.I)


def places_asked(text: str, labels: list[str]) -> dict:
    """The region labels the question names, for `region_mentions`; only those the asking
    sentences name when they name one and compare nothing ("it can be seattle or sunnyvale.
    what's total comp for seattle specifically?": Seattle)."""
    asking = asked_sentences(text)
    asked = region_mentions(asking, labels) if asking != text and labels else {}
    if asked and not COMPARES.search(asking) and not WHICH_OF_THEM.search(asking):
        return asked  # (not "…hz or beijing. how far apart are the bands for the two?")
    return region_mentions(text, labels) if labels else {}


def part_asked_of_the_place(text: str, component: str | None) -> bool:
    """A pay part asked with no place and nothing compared ("could i push the bonus up to
    25%?" after a hangzhou offer): asked of the place the conversation is on; not "which one
    has the higher tc ceiling?" after two places."""
    return bool(
        component
        and not places_in(text)
        and not WHICH_OF_THEM.search(text)
        and not COMPARES.search(text)
    )
