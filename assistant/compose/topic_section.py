"""The interview guide's topic section a preparation question names ("what should i prep for
the system design round?", "what linux stuff should i study?"): the section whose title shares
the most words with the asking sentence (or two words at least with the whole message: "…a
system design round. what should i prep?"), among the sections that list what to know ("Be
ready to go over: - Observability: …"), so its own passages lead and are listed first, whole.

Read from the guide itself: a section is a candidate by its shape (prose with a list, not a
list of example questions nor an FAQ), never by a hand-kept list of topics.

Leaves out: questions that ask for example questions (the examples lead answers those) and
sections no asking word names (the ordinary lead reads every passage retrieved).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.compose.passages import chunk_body, words_with_compounds
from assistant.corpus.chunking import ChunkRecord
from assistant.understanding.asks import sentences_that_ask

# what to get ready for, or what a round covers: not "how many rounds", not "what do they ask"
_PREPARES = re.compile(
    r"\b(?:prep\w*\b(?! guide)|study\w*|brush(?:ing)? up|revis\w*|review\w*|cram\w*|read up|"
    r"go over|cover(?:s|ed)?|focus(?:ed|es)? on|topics?|areas?|stuff|know about|need to know|"
    r"should i know|get ready)\b",
    re.I,
)
_ITEM = re.compile(r"^\s*[-*•]\s+\S", re.M)
# a title's words that name the guide or its role rather than a topic
_GENERAL_TITLE_WORDS = frozenset({"interview", "round", "question", "guid", "prepar"})


def topic_section_asked(
    question: str,
    company: str,
    records: Mapping[str, ChunkRecord],
    besides: frozenset[str] | set[str] = frozenset(),
) -> list[ChunkRecord]:
    """The passages (guide order) of the one topic section the question's asking sentences
    (else the whole message) name by its title's words, `besides` (what the user says they
    are: "i'm an sre"), when it asks what to prepare or what a round covers; [] when it asks
    something else, names no section, or names two alike."""
    sentences, asks = sentences_that_ask(question)
    asking = " ".join(s for s, ask in zip(sentences, asks, strict=True) if ask)
    asking = asking or (sentences[-1] if sentences else "")  # (else the last: no "?" typed)
    if not company or not _PREPARES.search(asking):
        return []
    sections: dict[tuple[str, str], list[ChunkRecord]] = {}
    for record in records.values():
        if record.guide_kind == "interview" and record.company == company and record.section:
            sections.setdefault((record.source, record.section), []).append(record)
    topical = {key: chunks for key, chunks in sections.items() if _lists_what_to_know(chunks)}
    # the asking sentence's own words first, else the message's ("system design round at
    # alibaba, what do they focus on"): the user's words only ("need to know" is no title)
    # (a told sentence names it by two words at least: "…a system design round. what should i
    # prep?"; not "my cloud experience is aws…")
    key = _named_most(words_with_compounds(asking) - besides, topical, 1) or _named_most(
        words_with_compounds(question) - besides, topical, 2
    )
    return [c for c in topical[key] if c.kind not in ("questions", "qa")] if key else []


def _named_most(said: set[str], sections: dict, least: int) -> tuple[str, str] | None:
    """The section whose title shares the most words with `said`, `least` of them at least;
    None for none or a tie."""
    best = sorted(
        (
            (len((words_with_compounds(key[1]) - _GENERAL_TITLE_WORDS) & said), key)
            for key in sections
        ),
        key=lambda pair: -pair[0],
    )
    if not best or best[0][0] < least or (len(best) > 1 and best[1][0] == best[0][0]):
        return None
    return best[0][1]


def _lists_what_to_know(chunks: list[ChunkRecord]) -> bool:
    """A topic section: a list of items in its own passages (not only example questions)."""
    return any(
        _ITEM.search(chunk_body(c.text)) for c in chunks if c.kind not in ("questions", "qa")
    )
