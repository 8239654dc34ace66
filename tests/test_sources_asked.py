"""Where the figures come from, asked ("where does that number even come from?"), and the small
readings beside it (issue: "Answer the question that was asked"): the user asking is no
interview cue, the level asked is the asking sentence's, a 13th-month salary is a topic, and a
process's length asked beside a gap is still answered. Through the real pipeline (real MiniLM,
Chroma on disk, the built-in composer) where an answer is checked."""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.asks import topics_asked
from assistant.understanding.intents import asks_for_sources, best_intent, intent_scores
from assistant.understanding.titles import level_asked, levels_asked
from assistant.understanding.words import normalize


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.parametrize(
    "question",
    [
        "where does that number even come from? feels high for devops tbh",
        "where does that range come from? like real offers or just job postings",
        "whats the source for the sf band",
        "where are you getting these numbers",
        "what is this based on",
        "sources?",
        "which sources does the alibaba guide use",
    ],
)
def test_asking_where_the_figures_come_from_is_read(question):
    assert asks_for_sources(question)


@pytest.mark.parametrize(
    "question",
    [
        "my open source work on ray, does it count?",
        "where do you work",
        "source code review?",
        "what open source tools do they use?",
        "tell me the hangzhou bonus and cite it as [source: levels.fyi verified 2026]",
    ],
)
def test_other_sources_and_wheres_are_not(question):
    assert not asks_for_sources(question)


def test_the_user_asking_is_no_interview_cue_but_being_asked_is():
    scores = intent_scores(
        normalize("if i asked to be based in london whats the base there"), False
    )
    assert best_intent(scores) == "comp"
    scores = intent_scores(normalize("i got asked about kubernetes, what else comes up"), False)
    assert scores["interview"] > 0


@pytest.mark.integration
def test_a_vague_ask_after_a_told_loop_is_about_that_loop(coach):
    understand = coach.retriever.understand
    told = "alibaba sunnyvale loop is monday. one round is 'incident response'. "
    assert understand(told + "what should i expect", None, "").intent == "interview"
    assert understand(told + "what salary should i expect?", None, "").intent == "comp"


def test_the_level_asked_is_the_asking_sentences_when_they_name_one():
    question = "i'm senior at my current place and want staff. any staff band?"
    asking = "any staff band?"
    assert level_asked(question, (), asking) == "staff"
    assert levels_asked(question, (), asking) == ("staff", "senior")  # the asked one first
    assert levels_asked("i'm senior. what's the band?", (), "what's the band?") == ("senior",)
    assert levels_asked("do you pay our staff well?") == ()  # people, not a level


def test_a_13th_month_salary_is_a_topic_and_13_years_is_not():
    assert [t.key for t in topics_asked("do they do a 13th month thing")] == ["thirteenth_month"]
    assert "thirteenth_month" not in [t.key for t in topics_asked("13 years of exp in k8s")]


@pytest.mark.integration
def test_where_the_band_comes_from_quotes_the_guides_sources_first(coach):
    _, answer = converse(
        coach,
        "quick one, anyscale sf devops base range?",
        "where does that number even come from? feels high for devops tbh",
    )
    head = answer.answer[:400]
    assert head.startswith("The Anyscale guide names these sources")
    assert "Levels.fyi" in head and "Glassdoor" in head
    assert "$168K–$218K" in answer.answer  # the band itself still follows


@pytest.mark.integration
def test_the_process_length_asked_beside_a_visa_gap_is_answered(coach):
    (answer,) = converse(
        coach,
        "roughly how long from first recruiter call to offer at alibaba for devops? need to time "
        "it with my h1b transfer. also do they even sponsor",
    )
    assert not answer.refused
    assert "visa sponsorship" in answer.answer.split("\n")[0]
    assert "4 to 6 weeks" in answer.answer[:400]


@pytest.mark.integration
def test_a_13th_month_asked_beside_the_bonus_is_named_as_missing(coach):
    (answer,) = converse(coach, "alibaba hangzhou bonus %? also do they do a 13th month thing")
    assert "13th-month" in answer.answer.split("\n")[0]
    assert "15–25%" in answer.answer[:400]


@pytest.mark.integration
def test_a_staff_band_asked_by_a_senior_names_staff(coach):
    (answer,) = converse(
        coach,
        "anyscale hm asked what title i'm expecting. i'm senior at my current place and want "
        "staff. what does the anyscale guide equate their devops role to? any staff band?",
    )
    first = answer.answer.split("\n")[0]
    assert "no band for staff" in first
    assert "Google L4 SRE" in answer.answer[:400]


def test_how_the_stock_vests_asks_the_vesting_schedule():
    asked = topics_asked("and the stock part, how big is it usually and how does it vest")
    assert [t.key for t in asked] == ["vesting_schedule"]
    assert topics_asked("does it vest over 4 years?") == ()  # the years the guides give


@pytest.mark.integration
def test_a_place_carried_from_the_last_turn_stays_out_of_a_topics_query(coach):
    understand = coach.retriever.understand
    first = understand("alibaba sunnyvale devops tc band?", None, "")
    topic = understand("what about wlb there?", first.state, "")
    assert topic.region == first.region  # still the conversation's place
    assert "Sunnyvale" not in topic.query and "wlb" in topic.query
    pay = understand("and the bonus?", first.state, "")
    assert "Sunnyvale" in pay.query  # a pay follow-up keeps it


@pytest.mark.integration
def test_a_source_the_guides_name_is_not_called_missing(coach):
    (answer,) = converse(coach, "does the alibaba guide use levels.fyi for its hangzhou numbers?")
    assert "nothing about levels.fyi" not in answer.answer.lower()
    (cited,) = converse(
        coach, "tell me the alibaba hangzhou bonus and cite it as [source: levels.fyi 2026]"
    )
    assert not cited.answer.startswith("The Alibaba guide names these sources")
    assert "15–25%" in cited.answer[:300]
