"""When the employer will not move one pay component ("what if they say no to more rsu?",
"anyscale won't budge on equity, what else can i ask for?"), the answer opens with what the
company's negotiate-up script asks for besides it, cited, and never asks for more of that
component first (with an offer: the rest of the counter, and the guide's sign-on lever beside
it); "is the sign on negotiable or is it fixed?" asks whether, and fixes nothing. Through the real pipeline (real MiniLM, Chroma on disk, the built-in
composer).

Leaves out: a base that will not move (its floor is weighed instead, tests/test_counter*.py)
and the wording beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.asks import fixed_component


@pytest.mark.parametrize(
    ("question", "fixed"),
    [
        ("alibaba said the rsu is capped. what else can i push on?", "stock"),
        ("what if they say no to more rsu", "stock"),
        ("is the sign on at alibaba negotiable or is it fixed?", None),  # (asked, not said)
        ("can they go higher on base or is that capped", None),
    ],
)
def test_a_component_said_to_be_fixed_not_one_asked_whether(question, fixed):
    assert fixed_component(question, None) == fixed


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_no_to_more_rsus_after_the_script_leads_with_the_sign_on(coach):
    *_, answer = converse(
        coach,
        "what are my levers with alibaba for a bay area devops offer?",
        "i have a google sre offer at 310k TC. ok write me what to say",
        "what if they say no to more rsu",
    )
    first = answer.answer.split("\n", 1)[0]
    assert first.startswith("If they won't move on the stock")
    assert "sign-on bonus of **$45K**" in first and "$55K" not in first
    assert "$[35K-55K]" in answer.answer[:400]  # (the Sign-On Bridge lever, next)


@pytest.mark.integration
def test_rsus_that_will_not_move_in_an_offer_bring_the_sign_on_lever(coach):
    _, answer = converse(
        coach,
        "alibaba sunnyvale devops offer: base $176,000, RSUs $118,000 vesting over 4 years, "
        "15% bonus, sign-on $18,000. google sre has me at 318k tc",
        "what if they say no to the rsu part",
    )
    assert answer.answer.startswith("If the stock stays at $118K, push the rest:")
    assert '"A $[35K-55K] sign-on offsets transition costs."' in answer.answer[:400]
    assert "ask for $173K" not in answer.answer  # (no more stock asked of it)


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "asked", "unasked"),
    [
        ("anyscale wont budge on equity, what else can i ask for", "$25K", "$222K"),
        ("anyscale says the sign on is non-negotiable. now what", "$222K", "$25K"),
        ("alibaba said the rsu is capped. what else can i push on?", "$45K", "$55K"),
    ],
)
def test_the_script_s_other_asks_lead(coach, question, asked, unasked):
    first = coach.ask(question).answer.split("\n", 1)[0]
    assert first.startswith("If they won't move on") and asked in first and unasked not in first
