"""What a question asks about a topic the guides do hold, that they do not: how often it comes
("how often is the on-call?"), what it pays ("do they pay extra for on-call?"), how many hours
it takes. A guide that mentions on-call rotations answers neither; naming the gap ("on-call
frequency") says what the guides lack instead of answering the neighbouring question with
what they say about on-call.

An aspect counts as held when one sentence of the company's passages uses a phrase of the
topic and a word of the aspect ("on-call … paid", "on-call … every week", "on-call … hours").
With no company named, no aspect is named as a gap (every guide's sentences would be read).

Leaves out: topics the guides never name (assistant.compose.coverage names those), and aspects
of anything that is not a topic of assistant.understanding.asks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from assistant.corpus.chunking import ChunkRecord
from assistant.understanding.asks import REFERS_BACK, SENTENCE_BREAK, TopicAsk
from assistant.understanding.entities import contains_phrase, normalize

# aspect -> (how a question asks it, how a guide sentence would hold it): general language
ASPECTS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "frequency": (
        re.compile(
            r"\bhow (?:often|frequent(?:ly)?)\b|\bfrequency\b|\bhow many (?:times|weeks|nights)\b"
            r"|\bevery (?:other )?(?:week|month)\b|\b(?:a|per) (?:week|month)\b"
        ),
        re.compile(
            r"\b(?:often|frequen\w*|every|weekly|monthly|once|twice|times|per week|a week|"
            r"per month|a month|rotat\w+ (?:every|each|weekly))\b|\d"
        ),
    ),
    "pay": (
        re.compile(r"\b(?:pay|pays|paid|compensated|compensation|stipend|extra money)\b"),
        re.compile(r"\b(?:pay|pays|paid|compensat\w*|stipend|allowance)\b|[$£¥]|\b(?:usd|cny)\b"),
    ),
    "hours": (
        re.compile(r"\bhow (?:many|much) hours\b|\bhours (?:a|per) (?:week|day|night)\b"),
        re.compile(r"\bhours?\b|\b\d+\s*(?:h|hrs)\b"),
    ),
}


def aspects_lacking(
    topic: TopicAsk, asking: str, company: str | None, records: Mapping[str, ChunkRecord]
) -> list[str]:
    """The aspects the asking sentences ask of `topic` that no sentence of the company's
    passages holds beside one of the topic's phrases; none with no company (every guide's
    sentences would be read on each such question)."""
    if company is None:
        return []
    asked = aspects_asked(topic, asking)
    if not asked:
        return []
    phrases = [normalize(p) for p in topic.phrases()]
    beside = [
        s for s in _sentences(records, company) if any(contains_phrase(s, p) for p in phrases)
    ]
    if not beside:
        return []  # (held under another name: the broader-phrase statement says so)
    return [name for name in asked if not any(ASPECTS[name][1].search(s) for s in beside)]


def aspects_asked(topic: TopicAsk, asking: str) -> list[str]:
    """The aspects the asking sentences ask of `topic` ("does anyscale pay an on-call
    stipend?": pay), whether or not the guides hold the topic."""
    # (the clauses that name the topic, or refer back to it, when any does: "ask them to pay
    # relocation and also to start in september" asks no pay of the start date)
    clauses = _clauses_of(topic, asking)
    normalized = normalize(" ".join(clauses) if clauses else asking)
    for said in topic.said:  # ("hours a week" names the topic, not how often it comes)
        normalized = normalized.replace(normalize(said), " ")
    return [name for name, (asks, _) in ASPECTS.items() if asks.search(normalized)]


def _clauses_of(topic: TopicAsk, asking: str) -> list[str]:
    """The clauses of the asking sentences (as written) that name the topic, and those right
    after one that refer back to it ("on call, and do they pay for it?", "…theres on call pay
    + how rough it is": "it" is the topic named just before)."""
    chosen, named_before = [], False
    for clause in re.split(r"[?.!;,+&]|\b(?:and|or|but|also)\b", asking):
        plain = _unhyphened(clause)
        names = any(contains_phrase(plain, _unhyphened(said)) for said in topic.said)
        if names or (named_before and REFERS_BACK.search(plain)):
            chosen.append(clause)
        named_before = names or (named_before and not plain.strip())
    return chosen


def asked_plainly(topic: TopicAsk, asking: str) -> bool:
    """Whether a clause of the asking sentences asks about the topic itself, with no aspect
    ("how bad is on call … and do they pay extra?": how bad it is, which the guides answer)."""
    return any(
        not any(asks.search(_unhyphened(clause)) for asks, _ in ASPECTS.values())
        for clause in _clauses_of(topic, asking)
    )


def _unhyphened(text: str) -> str:
    """Normalized, hyphens as spaces: "on-call" and "on call" are one phrase."""
    return normalize(text).replace("-", " ")


def with_aspect(topic: TopicAsk, aspect: str) -> TopicAsk:
    """The topic asked with the aspect the guides lack, named as such ("on-call pay")."""
    return TopicAsk(topic.key, f"{topic.name} {aspect}", topic.said)


def _sentences(records: Mapping[str, ChunkRecord], company: str) -> Iterable[str]:
    for record in records.values():
        if record.company == company:
            for sentence in SENTENCE_BREAK.split(record.text):
                if sentence.strip():
                    yield normalize(sentence)
