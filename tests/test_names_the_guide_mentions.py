"""A name a guide mentions but has no guide of its own (Amazon in Alibaba's level-mapping line,
NVIDIA in Anyscale's script), asked about mid-conversation (issue: "Answer the question that
was asked"): "and amazon?" after a level question asks that employer's part of the mapping; a
question about the figure "the guide uses" for NVIDIA is about the guide, not a refusal; "and
amazon?" after a pay question still asks Amazon's pay, which no guide holds. Through the real
pipeline (real MiniLM, Chroma on disk, the built-in composer)."""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_and_another_employer_after_a_level_question_gives_its_part_of_the_mapping(coach):
    _, answer = converse(coach, "ali p5-p7 = which google lvls", "and amazon?")
    assert not answer.refused
    assert "SysDE at Amazon" in answer.answer.split("\n")[0]


@pytest.mark.integration
def test_and_another_employer_after_a_pay_question_asks_its_pay(coach):
    _, answer = converse(coach, "whats the alibaba seattle devops base", "and amazon?")
    assert answer.refused
    assert "do not cover Amazon" in answer.answer


@pytest.mark.integration
def test_a_rival_the_guide_names_asked_about_in_the_guide_is_no_refusal(coach):
    _, answer = converse(
        coach,
        "anyscale sf offer 185k base / 150k rsu 4yr. nvidia competing at 210k. what do i counter?",
        "same for rsu, what nvidia rsu number does the guide use in its example?",
    )
    assert not answer.refused
    assert "do not cover" not in answer.answer


@pytest.mark.integration
def test_an_off_topic_refusal_names_the_terms_of_art_it_was_asked_about(coach):
    answer = coach.ask("terraform keeps failing on the state lock, how do i clear it safely?")
    assert answer.refused
    assert "say nothing about terraform" in answer.answer.split("\n")[0]
    small = coach.ask("write me a poem about the weather")
    assert small.refused and "say nothing about" not in small.answer  # everyday words


@pytest.mark.integration
def test_each_unknown_company_compared_is_named_by_the_refusal(coach):
    answer = coach.ask("grab vs shopee devops in singapore, both around SGD 160k. which pays more")
    assert answer.refused
    assert "do not cover Grab or Shopee" in answer.answer.split("\n")[0]
