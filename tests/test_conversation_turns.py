"""Conversation turns that lean on the last one (issue: "Answer the question that was asked"),
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer): a question about
the last answer, the same question about another company, an offer placed in its own band while
an earlier one is held, a script asked for after a lever, a sign-on asked about in another
currency's region."""

from __future__ import annotations

import pytest

from assistant.coach import Coach

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def converse(coach: Coach, *questions: str):
    history, answers = [], []
    for question in questions:
        answer = coach.ask(question, history=history)
        answers.append(answer)
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.answer},
        ]
    return answers


def test_a_question_about_the_last_answer_is_no_off_topic_question(coach):
    _, second = converse(coach, "anyscale sf stock range?", "is that per year??")
    assert not second.refused and "$125K–$228K" in second.answer and "4 years" in second.answer


def test_the_same_things_at_another_company_asks_the_same_question(coach):
    _, second = converse(
        coach,
        "what are alibaba devops interviewers looking for?",
        "does anyscale look for the same things?",
    )
    assert second.refused and "no interview guide for Anyscale" in second.answer


def test_a_second_offer_against_its_band_is_placed_not_compared(coach):
    _, second = converse(
        coach,
        "alibaba seattle offered 170k base, 100k rsu, 15% bonus",
        "anyscale nyc also came in at 180k base. where's that vs their band?",
    )
    lead = second.answer.split("\n", 1)[0]
    assert "$180K" in lead and "$163K–$213K" in lead and "year by year" not in second.answer


def test_a_script_asked_for_after_a_lever_comes_first(coach):
    _, second = converse(
        coach,
        "negotiating with alibaba seattle and i have an amazon offer in hand. which lever?",
        "cool now give me the word for word script",
    )
    assert second.answer.lstrip().startswith("**Negotiate Up Strategy**")


def test_a_sign_on_asked_for_a_cny_offer_says_the_figures_are_usd(coach):
    *_, third = converse(
        coach,
        "alibaba beijing offered CNY 500K base, CNY 200K rsu, 20% bonus. reasonable?",
        "is 20% bonus normal there",
        "can i also ask for a sign-on? how much",
    )
    lead = third.answer.split("\n", 1)[0]
    assert "USD" in lead and "none in CNY for Beijing" in lead and "CNY 35K" not in third.answer
