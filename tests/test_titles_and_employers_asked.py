"""Titles beyond the guides' role and employers asked of, through the real pipeline (real
MiniLM, Chroma on disk, the built-in composer), and the pure rules that read them:

- a title corrected with a comma before "not" ("the req is actually Infrastructure TPM, not
  devops") is the title asked;
- a title written beside the held one with a slash ("sre/devops") is the user's word for it;
- a job the guide names beside what is asked ("does the alibaba TPM job need mandarin?": its
  FAQ says "Some job descriptions (like the Infrastructure TPM …) mention Mandarin") is
  answered from that passage, with no "no such guide" statement; asked of anything else ("what
  does a TPM at alibaba do day to day?") the title is still named as not covered;
- mid-talk of pay, "does that TPM job need mandarin?" asks about the job, not its pay;
- a message opening with the user's title at an employer ("staff devops engineer at
  databricks…") tells where they work: a lever naming that employer does not answer its pay ask;
- an employer without a guide named before "range" ("…and Grab range also how much?") has its
  pay asked of.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.titles import role_asked

_HELD = ["DevOps Engineer"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "wait sorry, the req is actually Infrastructure TPM, not devops. same band?",
            "technical program manager",
        ),
        ("devops tech lead (still IC, leads 3 people)", None),
        ("what separates hire from strong hire in an alibaba sre/devops loop?", None),
        ("devops/SRE at anyscale pay?", None),
        ("alibaba seattle devops base?", None),
    ],
)
def test_the_title_asked(text, title):
    assert role_asked(text, _HELD) == title


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_a_job_the_guide_names_beside_what_is_asked_is_answered_from_it(coach):
    answer = coach.ask("does the alibaba TPM job need mandarin? i dont speak it")
    assert answer.answer.startswith("It depends on the specific team.")
    assert "Infrastructure TPM" in answer.answer.split("\n", 1)[0]


@pytest.mark.integration
def test_a_job_the_guide_only_names_in_passing_is_still_not_covered(coach):
    answer = coach.ask("what does a TPM at alibaba do day to day?")
    assert answer.answer.startswith("The guides have no technical program manager guide at Alibaba")


@pytest.mark.integration
def test_that_job_mid_talk_of_pay_asks_about_the_job(coach):
    *_, corrected, mandarin = converse(
        coach,
        "alibaba seattle devops, P6. whats the base band?",
        "wait sorry, the req is actually Infrastructure TPM, not devops. same band?",
        "does that TPM job need mandarin? i dont speak it",
    )
    assert corrected.answer.startswith("The guides have no technical program manager figures")
    assert mandarin.answer.startswith("It depends on the specific team.")
    assert "$" not in mandarin.answer.split("\n", 1)[0]  # (the job first, not its pay)


def test_a_message_opening_with_the_users_title_at_an_employer_tells_where_they_work():
    from assistant.compose.levers import _employer_of_the_user

    opening = "staff devops engineer at databricks (6 yrs there). ok?"
    assert _employer_of_the_user(opening, "databricks")
    assert not _employer_of_the_user(
        "what does a devops engineer at databricks make?", "databricks"
    )


@pytest.mark.integration
def test_the_users_employer_a_lever_names_does_not_turn_a_pay_ask_into_the_levers(coach):
    answer = coach.ask(
        "staff devops engineer at databricks (6 yrs there). anyscale sf reached out for 'devops "
        "engineer'. their guide apparently says it equals databricks devops engineer — so is "
        "that a downlevel from staff? and whats the top of their sf base band"
    ).answer
    assert "the top of the base salary band is **$218K**" in answer
    assert "negotiation levers" not in answer


@pytest.mark.parametrize(
    ("question", "asked"),
    [
        (
            "Grab give base SGD 145K. tell me Alibaba Singapore base range, and Grab range also?",
            True,
        ),
        ("what does grab pay?", True),
        ("i have a grab offer at 145k. whats the alibaba singapore range?", False),
    ],
)
def test_an_employers_range_asked_of_is_its_pay_asked(question, asked):
    from assistant.understanding.employer import pay_asked_of

    assert pay_asked_of(["grab"], question) is asked
