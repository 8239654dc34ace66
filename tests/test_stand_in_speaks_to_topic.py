"""A stand-in for a topic the guides lack only where the company's guide ties it to the topic,
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer) and the pure
rule: relocation asked of Alibaba gets the guide's Sign-On Bridge ("A $[35K-55K] sign-on
offsets transition costs"), labelled as what may stand in; asked of Anyscale, whose only
sign-on line asks it for enterprise reliability, it is refused naming relocation, with no
figures.

Leaves out: topics whose stand-in needs no tie (a script for "what do i say", the interview
process for a take-home), which stand in as before.
"""

from __future__ import annotations

import re

import pytest
from test_answer_first import converse, first_sentence

from assistant.coach import Coach
from assistant.compose.topic_coverage import stands_in
from assistant.understanding.asks import topics_asked


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_the_sign_on_stands_in_for_relocation_only_where_the_guide_ties_them(coach):
    (relocation,) = topics_asked("do they pay relocation?")
    assert relocation.stand_in == "sign_on"
    assert stands_in(relocation, "Alibaba", coach.records)
    assert not stands_in(relocation, "Anyscale", coach.records)
    (take_home,) = topics_asked("is there a take-home?")
    assert stands_in(take_home, "Anyscale", coach.records)  # (no tie asked of it)


def test_relocation_asked_of_anyscale_is_refused_naming_it(coach):
    answers = converse(
        coach,
        "anyscale new york devops base band?",
        "would they handle the uk visa + relocation?",
    )
    answer = answers[-1]
    assert answer.refused
    assert "relocation" in first_sentence(answer.answer)
    assert not re.search(r"[$£]\d", answer.answer)


def test_relocation_asked_of_alibaba_gets_the_sign_on_bridge_labelled(coach):
    answer = coach.ask("does alibaba pay relocation if i move from the us to hangzhou? how much?")
    assert not answer.refused
    lead = first_sentence(answer.answer)
    assert "relocation" in lead and "stand in" in answer.answer
    assert "Sign-On Bridge" in answer.answer
