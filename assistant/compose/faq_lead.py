"""The guide's FAQ item that answers the question: one whose question is the user's own, in
its words or near in meaning, or names a topic the user asks about in other words; the lead
quoting its answer; and the lead of a message of several asks, each led by its FAQ item or
its best sentences.

Leaves out: choosing sentences from other passages (assistant.compose.lead).
"""

from __future__ import annotations

from dataclasses import replace

from assistant.compose.core import MARKER, Writer
from assistant.compose.counts import NUMBER, QUANTITY
from assistant.compose.lead import (
    MAX_LEAD_CHARS,
    MAX_LEAD_PASSAGES,
    SHORT_ASK,
    Relatedness,
    asked_kind,
    lacking_asked,
    referred_to,
    sentence_pieces,
    write_lead,
)
from assistant.compose.no_duration import durations_first, say_no_duration
from assistant.compose.passages import chunk_body, one_line, said_words, shared_words
from assistant.compose.untrusted import usable_sentence
from assistant.index.lexical import tokenize
from assistant.understanding.asks import REFERS_BACK, asked_sentences, asks_in
from assistant.understanding.entities import normalize
from assistant.understanding.question import Understanding
from assistant.understanding.words import contains_phrase

FAQ_MEANING = 0.45  # a guide FAQ question this close to the user's is the user's own


def faq_asking_it(hits: list, frame: Understanding, relatedness: Relatedness | None = None):
    """The guide's FAQ item whose question is the user's own ("how long does the process
    take?"), or None: its question shares two or more of the question's words, the most of any
    FAQ item and as many as any other passage does; else, with `relatedness`, the FAQ question
    closest in meaning to the user's when it is close enough ("do i need to speak chinese?":
    "Is knowing Mandarin required…?"). None when the question asks about something the guides
    lack ("can i use rust in the coding rounds?" is not "how difficult are the coding
    rounds?"): the sentences nearest to it answer instead."""
    if lacking_asked(frame):
        return None
    wanted, question = said_words(frame), frame.question
    faq = [
        (shared_words(wanted, chunk_body(h.text).partition("?")[0]), -rank, h)
        for rank, h in enumerate(hits)
        if h.kind == "qa"
    ]
    other = [  # (a pay row is no other answer: it shares only the place's words)
        shared_words(wanted, chunk_body(h.text)) for h in hits if h.kind not in ("qa", "table_row")
    ]
    # (not an item lacking the kind of thing asked for: "what languages can i use in the
    # coding round?" is not "How difficult are the coding rounds?")
    kind = set(tokenize(asked_kind(asked_sentences(question))))
    faq = [item for item in faq if kind <= set(tokenize(chunk_body(item[2].text)))]
    if not faq:
        return None
    shared, _, hit = max(faq, key=lambda item: item[:2])
    if shared >= 2 and shared >= max(other, default=0):
        return hit
    if relatedness is None or not question:
        return None
    asked = [chunk_body(h.text).partition("?")[0] for _, _, h in faq]
    cosines = list(relatedness(question, asked))
    if QUANTITY.search(question):  # "how many rounds?" is not "how difficult are the rounds?"
        cosines = [
            c if QUANTITY.search(q) or NUMBER.search(chunk_body(h.text)) else 0.0
            for c, q, (_, _, h) in zip(cosines, asked, faq, strict=True)
        ]
    best = max(range(len(faq)), key=lambda i: cosines[i])
    return faq[best][2] if cosines[best] >= FAQ_MEANING else None


def faq_naming_topic(hits: list, frame: Understanding):
    """The retrieved guide FAQ item whose question names a topic the user asks about in other
    words ("alibaba wlb how bad?": "What is the work-life balance like?"), or None: its
    question holds one of the topic's phrases, whole."""
    phrases = [p for topic in frame.topics for p in topic.phrases()]
    if not phrases or lacking_asked(frame):
        return None
    for hit in hits:
        if hit.kind == "qa":
            asked = normalize(chunk_body(hit.text).partition("?")[0])
            if any(contains_phrase(asked, normalize(p)) for p in phrases):
                return hit
    return None


def write_faq_lead(writer: Writer, frame: Understanding, faq) -> None:
    """Open with the start of the guide's answer to its FAQ question that is the user's own
    ("Is knowing Mandarin required for US-based roles?"): its sentences in order, as many as
    fit the lead, cited."""
    answer = chunk_body(faq.text).partition("?")[2]
    sentences = [s for s in sentence_pieces(answer) if usable_sentence(s)]
    picks: list[str] = []
    for sentence in sentences:
        if picks and sum(map(len, picks)) + len(sentence) > MAX_LEAD_CHARS:
            break
        picks.append(one_line(sentence))
    say_no_duration(writer, frame, " ".join(picks))
    if picks:
        writer.add(f"{' '.join(picks)} {writer.book.cite(faq.chunk_id)}", "")


def lead_each_ask(
    writer: Writer, frame: Understanding, hits: list, relatedness, reach: int = MAX_LEAD_PASSAGES
) -> None:
    """Each ask's lead, in the order asked ("is mandarin required? also how bad is the
    wlb?"): the guide's FAQ answer to it, or its best sentences, unless it says what an
    earlier ask's lead already said."""
    asks = asks_in(frame.question)
    start = len(writer.lines)
    for number, ask in enumerate(asks):
        told = referred_to(frame.question, ask)  # (kept before the ask, which refers to it)
        question = f"{told} {ask}" if told else ask
        if number and not told and len(ask.split()) <= SHORT_ASK and REFERS_BACK.search(ask):
            question = f"{asks[number - 1]} {ask}"  # ("…a behavioral round? who runs it")
        _lead_one(
            writer, replace(frame, question=question, query=question), hits, relatedness, reach
        )
    writer.lines[start:] = durations_first(writer.lines[start:])


def _lead_one(writer: Writer, ask: Understanding, hits: list, relatedness, reach: int) -> None:
    own = Writer(writer.book)
    said = " ".join(writer.lines)
    faq = faq_asking_it(hits, ask, relatedness)
    if faq is not None:
        write_faq_lead(own, ask, faq)
    else:
        write_lead(own, ask, hits, relatedness, reach)
    if all(MARKER.sub("", line).strip() in said for line in own.lines if line):
        # an earlier ask's lead answers this one too ("how long end to end, and how many
        # rounds is the onsite?"): the passages it did not lead with answer it
        led = [MARKER.sub("", line).strip() for line in writer.lines if line]
        unled = [h for h in hits if not any(text in one_line(h.text) for text in led)]
        own = Writer(writer.book)
        write_lead(own, ask, unled, relatedness, reach)
    for line in own.lines:
        if line and MARKER.sub("", line).strip() not in said:
            writer.add(line, "")
