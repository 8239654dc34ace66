"""What a question asks, by rules and data (no model): intent, the names it mentions, and what
the conversation implies.

`understand(question, catalog, state)` reads one user turn in the light of the conversation so
far and returns an `Understanding`: the intent (comp, counter, lever, interview, general,
out_of_scope), the indexed company and region it names (assistant.understanding.entities finds
them: case- and typo-tolerant, with aliases such as SF, NYC, Sunnyvale), names it uses that the
corpus does not hold (an unknown company, a region with no row), the currency and pay
component, a retrieval query rewritten from the conversation state ("and in London?" after an
Anyscale question becomes an Anyscale London question; "what about the bonus?" keeps company
and region), and everything later stages need from the words themselves (a level-mapping, an
interview or an example-questions question, a comparison, each compared company's region, the
regions named): the question is read here once, and retrieval and composing read the fields.

Leaves out: finding names and places (assistant.understanding.entities, with the tables as
data files beside the code), replaying a conversation's history (assistant.understanding.
conversation), offer figures (the negotiation engine parses those), and languages other than
English.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from assistant.understanding.entities import (
    Catalog,
    RegionMention,
    companies_in,
    company_segments,
    contains_phrase,
    find_component,
    find_currency,
    find_role,
    find_unknown_company,
    in_order_named,
    match_region,
    normalize,
    place_words,
    places_in,
    region_mentions,
)
from assistant.understanding.tables import (
    COMPONENT_QUERY,
    COMPONENT_WORDS,
    INTENT_PHRASES,
    JOB_WORDS,
    LEVEL_PHRASES,
    NEUTRAL_WORDS,
    STOPWORDS,
)

Intent = str  # "comp" | "counter" | "lever" | "interview" | "general" | "out_of_scope"
# Pay components: "base", "stock", "bonus", "total", "sign_on" (the keys of COMPONENT_WORDS).

_FOLLOWUP_LEAD = re.compile(
    r"^\s*(?:and|also|what about|how about|same for|same in|ok(?:ay)?,? (?:and|what about)|"
    r"and what about|then|what if|in)\b",
    re.I,
)
_REFERENCE = re.compile(r"\b(?:that|it|there|those|this one|the same|same)\b")
# The question itself is about interviews, not just a skill or topic.
_INTERVIEW_TOPIC = re.compile(
    r"\b(?:interview\w*|onsite|on-site|rounds?|screens?|screening|prep\w*|hiring manager)\b", re.I
)
# "what questions do they ask?" wants the guides' lists of questions.
_ASKS_FOR_EXAMPLES = re.compile(r"\b(?:questions?|asks?|asked|examples?|scenarios?)\b", re.I)
# A greeting or thanks with little else ("hi", "thanks!", "good morning coach").
_SMALL_TALK = re.compile(
    r"^\W*(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|thanks?(?: you)?|thx|ty|"
    r"ok(?:ay)?|cool|great|bye|goodbye)\b[\s\W\w]{0,20}$",
    re.I,
)
# Words that set regions or companies side by side ("SF or New York?", "compare to London").
_COMPARES = re.compile(
    r"\b(?:vs\.?|versus|compare[sd]?|comparison|or|than|against|between)\b", re.I
)


def _domain_words() -> set[str]:
    phrases = [p for weighted in INTENT_PHRASES.values() for _, group in weighted for p in group]
    phrases += [word for words in COMPONENT_WORDS.values() for word in words]
    return {word for phrase in phrases for word in phrase.split()} | NEUTRAL_WORDS


_DOMAIN_WORDS = _domain_words()


def _foreign_words(normalized: str, catalog: Catalog) -> list[str]:
    """Words that are not about jobs, pay, places or the corpus's companies ("weather", "poem")."""
    places = place_words()
    return [
        word
        for word in normalized.split()
        if word not in STOPWORDS
        and word not in _DOMAIN_WORDS
        and word not in places
        and word not in catalog._company_words
        and not any(ch.isdigit() for ch in word)
    ]


def classify_intent(normalized: str, has_amounts: bool) -> Intent:
    """The intent whose phrases weigh most; amounts with an offer make it a counter question."""
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
    best = max(scores, key=lambda intent: scores[intent])  # first of equals wins
    return best if scores[best] > 0 else "out_of_scope"


# --- one turn understood, and what the conversation carries to the next ----------------------


@dataclass(frozen=True)
class ConversationState:
    """What the conversation has settled so far; each turn's Understanding carries the next."""

    company: str | None = None
    region: str | None = None  # a region label of the corpus
    place: str | None = None
    component: str | None = None
    intent: Intent | None = None
    turns: int = 0


@dataclass(frozen=True)
class Understanding:
    """One user turn as understood. Later stages read these fields, not `question` again."""

    question: str
    intent: Intent
    company: str | None
    region: str | None  # region label in the corpus
    role: str | None  # a role of the corpus the question names
    other_companies: tuple[str, ...]  # more companies of the corpus named ("X vs Y")
    place: str | None  # the place named (even when the corpus has no row for it)
    region_nearby: bool
    currency: str | None
    component: str | None
    unknown_company: str | None  # a company named that the corpus has no guide for
    unknown_region: str | None  # a place named that has no row (for the company, if named)
    followup: bool
    query: str  # the retrieval query, rewritten from the conversation state
    state: ConversationState
    # What retrieval and composing need from the question's words, read here once:
    asks_levels: bool  # a level-mapping question ("what's a P6 at Alibaba equivalent to?")
    asks_interviews: bool  # about interviews themselves, not just a skill or topic
    asks_examples: bool  # asks for questions, examples or scenarios
    compares: bool  # sets things side by side ("vs", "or", "compare", "than", "between")
    small_talk: bool  # a greeting or thanks with little else
    # With several companies named ("Alibaba Seattle vs Anyscale SF"): each one's region label,
    # named after it (else anywhere in the question), or None.
    regions_by_company: dict[str, str | None] = field(hash=False)
    # The region labels of `company` and `other_companies` the question names -> where it names
    # them (`regions_named` puts them in order).
    region_mentions: dict[str, RegionMention] = field(hash=False)

    def regions_named(self, labels: Iterable[str]) -> list[str]:
        """The items of `labels` (distinct region labels) the question names, in the order
        named ("SF or New York?"); two named at one place keep the order of `labels`."""
        return in_order_named(self.region_mentions, labels)

    def to_json(self) -> dict:
        """The understanding as JSON (the readings kept for later stages left out)."""
        data = {k: v for k, v in self.__dict__.items() if k != "state" and k not in _READINGS}
        data["state"] = dict(self.state.__dict__)
        return data


# Read from the question for later stages; left out of to_json(), which stays as it was.
_READINGS = frozenset(
    {
        "asks_levels",
        "asks_interviews",
        "asks_examples",
        "compares",
        "small_talk",
        "regions_by_company",
        "region_mentions",
    }
)


_AMOUNT_HINT = re.compile(r"\d")


def understand(
    question: str, catalog: Catalog, state: ConversationState | None = None
) -> Understanding:
    """Read one user turn in the light of the conversation state."""
    state = state or ConversationState()
    normalized = normalize(question)
    named = companies_in(normalized, catalog)
    company = named[0] if named else None
    unknown_company = None if company else find_unknown_company(question, normalized)
    intent = classify_intent(normalized, bool(_AMOUNT_HINT.search(question)))
    level_question = any(contains_phrase(normalized, p) for p in LEVEL_PHRASES)
    if unknown_company and level_question and state.company:
        unknown_company = None  # "what level is that at Google?" compares; the subject stays
    if intent == "out_of_scope" and (
        company or any(contains_phrase(normalized, word) for word in JOB_WORDS)
    ):
        intent = "general"  # about a company of the corpus, or about the job: in scope
    component = find_component(question)
    foreign = _foreign_words(normalized, catalog) if intent == "out_of_scope" else []
    if foreign and catalog.knows_most(foreign):
        intent = "general"  # "what is Apsara?": words of the guides themselves
    off_topic = intent == "out_of_scope" and bool(foreign)
    short = len(normalized.split()) <= 6
    followup = bool(
        state.turns
        and not company
        and not unknown_company
        and not off_topic
        and (
            _FOLLOWUP_LEAD.search(question)
            or _REFERENCE.search(normalized)
            or short
            or intent in ("counter", "lever", "out_of_scope")
        )
    )
    # Inherit from the conversation: the intent on a follow-up that says none ("and in
    # London?"); the company whenever none is named (a new topic with no company still concerns
    # the one being discussed); the region only on a follow-up.
    if followup and state.intent and not level_question:
        if intent == "out_of_scope" or (intent == "general" and (component or places_in(question))):
            intent = state.intent
    if (
        company
        and company != state.company
        and state.intent
        and short
        and _FOLLOWUP_LEAD.search(question)
        and intent in ("general", "out_of_scope")
        and not component
    ):
        intent = state.intent  # "and for Anyscale?": the same question about another company
    if not company and not unknown_company and state.company and intent != "out_of_scope":
        company = state.company
    labels = catalog.regions.get(company, ()) if company else catalog.all_regions()
    region_match = match_region(question, labels)
    region = region_match.label if region_match else None
    place = region_match.place if region_match else None
    nearby = bool(region_match and region_match.nearby)
    if region_match is None and followup and company == state.company:
        region, place = state.region, state.place
    if component is None and followup and intent == state.intent:
        component = state.component
    unknown_region = place if (region_match and region_match.label is None) else None
    currency = find_currency(question)
    query = _rewrite(question, company, place if region is None else region, component, followup)
    # The region labels of the companies this turn is about, for `region_mentions`.
    company_labels = sorted(
        {label for c in (company, *named[1:]) if c for label in catalog.regions.get(c, ())}
    )
    next_state = replace(
        state,
        company=company or state.company,
        region=region if region_match or not followup else state.region,
        place=place,
        component=component,
        intent=intent if intent != "out_of_scope" else state.intent,
        turns=state.turns + 1,
    )
    return Understanding(
        question=question,
        intent=intent,
        company=company,
        region=region,
        role=find_role(question, catalog.roles.get(company, ()) if company else ()),
        other_companies=tuple(named[1:]),
        place=place,
        region_nearby=nearby,
        currency=currency,
        component=component,
        unknown_company=unknown_company,
        unknown_region=unknown_region,
        followup=followup,
        query=query,
        state=next_state,
        asks_levels=level_question,
        asks_interviews=bool(_INTERVIEW_TOPIC.search(question)),
        asks_examples=bool(_ASKS_FOR_EXAMPLES.search(question)),
        compares=bool(_COMPARES.search(question)),
        small_talk=bool(_SMALL_TALK.match(question)),
        regions_by_company=_regions_by_company(question, named, catalog) if named[1:] else {},
        region_mentions=region_mentions(question, company_labels) if company_labels else {},
    )


def _regions_by_company(question: str, named: list[str], catalog: Catalog) -> dict[str, str | None]:
    """Each named company's region label: the one named in the words from its name to the next
    company's ("alibaba seattle vs anyscale sf"), else one named anywhere in the question."""
    segments = company_segments(question, catalog)
    regions: dict[str, str | None] = {}
    for company in named:
        labels = catalog.regions.get(company, ())
        match = match_region(segments.get(company, ""), labels) or match_region(question, labels)
        regions[company] = match.label if match else None
    return regions


def _rewrite(
    question: str, company: str | None, region: str | None, component: str | None, followup: bool
) -> str:
    """The question with what the conversation implies made explicit, for retrieval."""
    normalized = normalize(question)
    extra = [
        term
        for term in (company, region, COMPONENT_QUERY.get(component or "") if followup else None)
        if term and normalize(term) not in normalized
    ]
    return " ".join([*extra, question.strip()]) if extra else question.strip()
