"""Whether the guides hold the topics a question asks about (PTO, visas, refreshers): a
topic's phrases in the company's passages, a topic held only under a broader phrase than the
user's ("hours a week" asked, "work-life balance" held), and the sentences naming what is not.

Leaves out: which topics a question asks (assistant.understanding.asks), aspects of held topics
(assistant.compose.aspects), and deciding whether an answer refuses (assistant.compose.coverage).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.compose.passages import sentences_of
from assistant.corpus.chunking import ChunkRecord
from assistant.index.lexical import tokenize
from assistant.understanding.asks import ASKS_TABLE, TopicAsk, compact, components_named
from assistant.understanding.entities import Catalog, contains_phrase, normalize
from assistant.understanding.question import Understanding

_NO_NAME_BEFORE = re.compile(r"(?:a|an|the|what|whether|when|how|who)\b|\w+ing\b")
MAX_SAID = 3  # of the user's own words for a topic, named beside its name
COMPONENT_NAMES = {"sign_on": "a sign-on bonus", "stock": "stock", "base": "base salary"}


def topics_statement(missing: list[TopicAsk], company: str | None, stand_in: str | None) -> str:
    """ "The guides say nothing about Anyscale on-call." The company is put before the topic
    (as people say "Anyscale on-call"), so the sentence names both where two companies are
    talked about; what may stand in for the topic follows."""
    said = " or ".join(dict.fromkeys(as_said(t) for t in missing))  # (each topic named once)
    if company:  # ("a vesting cliff at Anyscale": not after an article or a question word)
        said = f"{said} at {company}" if _NO_NAME_BEFORE.match(said) else f"{company} {said}"
    guide = f"the {company} guide" if company else "the guides"

    def does(verb: str) -> str:  # "the Anyscale guide gives", "the guides give"
        return f"{guide} {verb}s" if company else f"{guide} {verb}"

    lead = f"The guides say nothing about {said}"
    if stand_in == "script":  # "they want an answer by friday, what do I say?"
        return f"{lead}; what {does('give')} for what to say is its script."
    if stand_in == "process":  # "any take-home after that?"
        return f"{lead}; the interview process {does('describe')} follows."
    if stand_in == "stock":  # "is there a 1yr cliff?": the grant and its vesting years
        return f"{lead}; what {does('give')} is the stock grant and its years."
    if stand_in:
        return f"{lead}; what {does('say')} about {COMPONENT_NAMES[stand_in]} may stand in for it."
    return f"{lead}."


def guides_cover(
    topic: TopicAsk, company: str | None, catalog: Catalog, records: Mapping[str, ChunkRecord]
) -> bool:
    """Whether the company's guides (all guides with no company) use any of the topic's
    phrases: a one-word phrase by the guides' vocabulary, a longer one in a passage's text."""
    return covering_phrase(topic, company, catalog, records) is not None


# what ties a stand-in to its topic in a guide: relocation -> "…sign-on offsets transition costs"
_REASONS: dict[str, tuple[str, ...]] = {
    key: tuple(entry[3]) for key, entry in ASKS_TABLE["topics"].items() if len(entry) > 3
}


def stands_in(topic: TopicAsk, company: str | None, records: Mapping[str, ChunkRecord]) -> bool:
    """Whether the topic's stand-in speaks to it in the company's guides: with words tying
    them (asks.json), a sentence naming the stand-in holds one ("A $[35K-55K] sign-on offsets
    transition costs" stands in for relocation; "I'd like a $25K signing bonus" after enterprise
    reliability does not); a stand-in with none always does."""
    reasons = set(tokenize(" ".join(_REASONS.get(topic.key, ()))))
    if not reasons:
        return True
    for record in records.values():
        if company not in (None, record.company):
            continue
        for sentence in sentences_of(record.text):
            if topic.stand_in in components_named(sentence) and reasons & set(tokenize(sentence)):
                return True
    return False


def covering_phrase(
    topic: TopicAsk, company: str | None, catalog: Catalog, records: Mapping[str, ChunkRecord]
) -> str | None:
    """The first of the topic's phrases the guides use, or None."""
    guides = catalog.guides
    texts: list[str] | None = None  # the company's passages, normalized once when needed
    for phrase in topic.phrases():
        if not guides.says(company, phrase):
            continue
        if len(phrase.split()) == 1 and "-" not in phrase:
            return phrase
        if texts is None:  # (with no company, every guide's: "push a second time" is no
            # phrase of theirs because each of its words is)
            texts = [normalize(r.text) for r in records.values() if company in (None, r.company)]
        if any(contains_phrase(text, normalize(phrase)) for text in texts):
            return phrase
    return None


def broader_statement(
    frame: Understanding,
    catalog: Catalog,
    records: Mapping[str, ChunkRecord],
    named: set[str],
) -> tuple[str, list[str]]:
    """A topic the guides hold only under a broader phrase than the user's ("hours a week"
    asked, "work-life balance" held): the sentence saying so, and the user's words. Topics
    whose keys are in `named` have a statement already."""
    said, held = [], []
    for topic in frame.topics:
        if topic.key in named:
            continue
        phrase = covering_phrase(topic, frame.company, catalog, records)
        if phrase is None or any(_same_words(p, phrase) for p in topic.said):
            continue
        said += [p for p in topic.said if p not in said]
        held.append(phrase)
    if not said:
        return "", []
    whose = f"The {frame.company} guides give" if frame.company else "The guides give"
    return (
        f"{whose} nothing on {' or '.join(said)} as such; what they say about "
        f"{' and '.join(held)} follows.",
        said,
    )


def _same_words(said: str, phrase: str) -> bool:
    """Whether the user's words are the guides' phrase, or its initials ("wlb" for
    "work-life balance")."""
    initials = "".join(w[0] for w in re.findall(r"[a-z0-9]+", phrase.lower()))
    return compact(said) == compact(phrase) or (len(initials) > 1 and compact(said) == initials)


def as_said(topic: TopicAsk) -> str:
    """The topic's name, with the user's own words the name does not hold: "visa sponsorship
    (h1b)", "tax (after tax)"."""
    unsaid = [w for w in topic.said if compact(w) not in compact(topic.name)][:MAX_SAID]
    if not unsaid:  # ("tax (after tax)", "visa sponsorship (h1b)": the user's words too)
        return topic.name
    return f"{topic.name} ({', '.join(unsaid)})"
