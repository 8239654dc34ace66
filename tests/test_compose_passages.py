"""How passages are cut and ordered for an answer (assistant.compose.passages), on hand-made
chunks: short paragraphs and Q&A answers quoted whole, a section's short opening followed by the
rest of its section, everyday words mapped to the guides' own topic words."""

from __future__ import annotations

from assistant.compose.passages import (
    WHOLE_PASSAGE_CHARS,
    guide_words_for,
    question_and_answer,
    relevant_sentences,
    topics_named,
    with_rest_of_section,
)
from assistant.corpus.chunking import ChunkRecord
from assistant.index.lexical import tokenize


def record(chunk_id: str, section: str, body: str, kind: str = "prose", source: str = "g.md"):
    return ChunkRecord(chunk_id, source, section, f"Guide — {section}\n{body}", kind=kind)


def test_a_short_paragraph_is_quoted_whole_even_its_sentences_that_share_no_words():
    body = (
        "The process begins with a recruiter screen. Then one or two phone screens. "
        "The onsite has 3 to 5 rounds. The last is with a hiring manager."
    )
    assert relevant_sentences(body, set(tokenize("process"))) == [
        "The process begins with a recruiter screen.",
        "Then one or two phone screens.",
        "The onsite has 3 to 5 rounds.",
        "The last is with a hiring manager.",
    ]


def test_a_long_paragraph_is_cut_to_the_sentences_on_the_question():
    filler = " ".join(f"Filler sentence number {n} about nothing much at all." for n in range(12))
    body = f"{filler} Relocation support is negotiable here. It often covers flights."
    assert len(body) > WHOLE_PASSAGE_CHARS
    out = relevant_sentences(body, set(tokenize("relocation")))
    assert out == ["Relocation support is negotiable here.", "It often covers flights."]


def test_a_short_qa_answer_is_kept_whole_a_long_one_cut_to_two_sentences():
    short = "Q: Is Mandarin required? It depends on the team. Often English is the language."
    assert question_and_answer(short).endswith("Often English is the language.")
    long = "Q: How long? " + " ".join(f"Sentence {n} says a little more here." for n in range(20))
    out = question_and_answer(long)
    assert (
        out
        == "**How long?** Sentence 0 says a little more here. Sentence 1 says a little more here."
    )


def test_a_sections_short_opening_brings_the_rest_of_its_section_in_guide_order():
    records = {
        r.chunk_id: r
        for r in [
            record("a", "Key Responsibilities", "Your day-to-day work is a mix of two things."),
            record("b", "Key Responsibilities", "Reliability: you join the on-call rotation."),
            record("c", "Key Responsibilities", "Automation: you build tools.", kind="list"),
            record("d", "Requirements", "You know Linux."),
            record("e", "Other", "Unrelated passage that retrieval also found."),
        ]
    }
    hits = [records["a"], records["e"], records["b"]]
    assert [h.chunk_id for h in with_rest_of_section(hits, records)] == ["a", "b", "c", "e"]


def test_only_a_short_prose_opening_brings_its_section_and_never_a_tables_rows():
    long_body = "A long opening. " * 20
    records = {
        r.chunk_id: r
        for r in [
            record("t", "Pay", "Negotiation DNA: base plus equity."),
            record("r1", "Pay", "| SF | $1 |", kind="table_row"),
            record("long", "Levers", long_body),
            record("next", "Levers", "The next paragraph."),
            record("mid1", "Tips", "First tip paragraph."),
            record("mid2", "Tips", "Second tip, short."),
            record("mid3", "Tips", "Third tip."),
        ]
    }
    for first in ("t", "long", "mid2"):  # a table follows; too long; not the section's opening
        assert [h.chunk_id for h in with_rest_of_section([records[first]], records)] == [first]


def test_everyday_words_name_the_guides_topics():
    assert topics_named("what do they grade you on") == ["evaluate", "assess"]
    assert topics_named("how many rounds are there") == ["process"]
    assert topics_named("what's a day in the life like") == ["responsibilities"]
    assert topics_named("what is the base salary in Seattle") == []
    assert guide_words_for("how will they assess me") == set(tokenize("evaluate assess"))
    assert topics_named("unvested stock i'd forfeit") == ["sign-on"]  # (what a sign-on offsets)
    assert topics_named("a gradebook of my routines") == []  # whole words only
