"""The answer's opening sentences in the order that answers: the run of adjacent sentences
holding the best one first, and a list item the best sentence opens read whole, through the
real pipeline (real MiniLM, Chroma on disk, the built-in composer) and as pure rules:

- "who runs the behavioral part of the onsite?" opens with "…a behavioral interview with a
  hiring manager", not with the recruiter screen the same passage begins with;
- "what's the troubleshooting one about exactly" after the four pillars gives that pillar's
  whole item: what it is and what is tested ("isolating root causes…").

Leaves out: how sentences are scored (tests/test_answer_first.py and others).
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.compose.lead import best_run_first
from assistant.compose.list_items import item_rest, item_words


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_the_run_holding_the_best_sentence_comes_first_and_keeps_its_order():
    scores = [4.0, 0.5, 0.6, 3.3, 4.4]
    assert best_run_first([0, 3, 4], scores) == [3, 4, 0]  # ("These rounds…" after its "these")
    assert best_run_first([0, 1], scores) == [0, 1]  # (one run: passage order)
    assert best_run_first([1, 4], [0.0, 2.0, 0.0, 0.0, 2.0]) == [1, 4]  # (a tie keeps order)


def test_a_list_item_the_best_sentence_opens_brings_its_later_sentences_and_no_other_item():
    sentences = [
        "Your interviewers will evaluate you based on four primary pillars: Fundamentals.",
        "Operational Excellence & Troubleshooting – Alibaba places a premium on debugging.",
        "You will be tested on your methodology for isolating root causes.",
        "Automation & Coding Capability – The expectation is that you build tools.",
        "You will need to demonstrate proficiency in coding.",
    ]
    heads = item_words(sentences, frozenset({"pillars"}))
    assert item_rest(sentences, heads, 1) == [2]
    assert item_rest(sentences, heads, 3) == [4]
    assert item_rest(sentences, heads, 2) == []  # (not an item's opening: nothing added)


@pytest.mark.integration
def test_who_runs_the_behavioral_round_opens_with_the_hiring_manager(coach):
    answer = coach.ask(
        "who actually runs the behavioral part of the alibaba devops onsite, someone from hr or "
        "the manager?? and what am i being scored on in it"
    )
    assert "behavioral interview with a hiring manager" in answer.answer[:300]


@pytest.mark.integration
def test_one_pillar_asked_after_the_pillars_is_read_whole(coach):
    _, answer = converse(
        coach,
        "alibaba devops interview: what pillars do they grade you on",
        "what's the troubleshooting one about exactly",
    )
    lead = answer.answer[:400]
    assert "debug live production issues" in lead and "isolating root causes" in lead
