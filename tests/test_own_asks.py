"""The user's own asks: "write me a short email asking for 205 base" after an offer puts the
user's $205K in the counter and the email in place of the guide's $213K, cited to their
message, the guide's figure said beside it; later restyles keep it; the totals at the ask and
the walk-away floor follow it. Pure rules over the engine, and through the real pipeline (real
MiniLM, Chroma on disk, the built-in composer).

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.corpus.facts import Facts
from assistant.engine.negotiation import band_defaults, negotiate
from assistant.engine.offer import parse_offer
from assistant.engine.own_asks import OWN_ASK, own_asks, with_own_asks


@pytest.mark.parametrize(
    ("texts", "asks"),
    [
        (["ok write me a short email asking for 205 base"], {"base": 205_000}),
        (["i'll counter at $210K base and a 30k sign-on"], {"base": 210_000, "sign_on": 30_000}),
        (["asking for 205 base", "actually ask them for 208 base"], {"base": 208_000}),
        (["write the email"], {}),
        (["is 45k sign on ok to ask for?"], {}),  # (no figure after the asking words)
        (["ask for 205?"], {}),  # (no pay word: base or total?)
    ],
)
def test_own_asks_are_read_from_the_users_words(texts, asks):
    assert own_asks(texts) == asks


def _negotiation(facts: Facts):
    currencies, years = band_defaults(facts)
    offer = parse_offer(
        "Anyscale offer in San Francisco: base 190k, 150k rsu over 4 years, 8% bonus",
        ["Anyscale"],
        {"Anyscale": ["San Francisco"]},
        band_currency=currencies,
        vesting_years=years,
    )
    return negotiate(offer, facts)


@pytest.mark.integration
def test_an_own_base_ask_replaces_the_guides_and_keeps_it_beside(coach):
    facts = coach.factbook.facts_for(["Anyscale"])
    before = _negotiation(facts)
    after = with_own_asks(before, ["email asking for 195 base please"])
    base = after.proposal.get("base")
    assert base.figure.value == 195_000 and base.rule == OWN_ASK
    assert base.script_ask == before.proposal.get("base").figure  # (the guide's $213K)
    assert after.proposal.totals.annualized.value < before.proposal.totals.annualized.value
    assert after.proposal.get("floor").figure.value == 195_000  # (never above the base asked)


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_an_email_asked_with_the_users_base_states_it_and_restyles_keep_it(coach):
    history = []
    for turn in (
        "anyscale sf offer: base 190k, 150k rsu over 4 years, 8% bonus. what should i counter",
        "ok write me a short email asking for 205 base",
        "make it firmer",
    ):
        answer = coach.ask(turn, history)
        history += [
            {"role": "user", "content": turn},
            {"role": "assistant", "content": answer.answer},
        ]
        if turn.startswith("anyscale"):
            assert "ask for $213K" in answer.answer
            continue
        assert "with your own figures where you gave them" in answer.answer.split("\n", 1)[0]
        assert "base salary $205K (from your message)" in answer.answer
        assert "Base salary: $205K" in answer.answer or "base salary of $205K" in answer.answer
        assert "$213K" not in answer.answer.split("```text", 1)[1].split("```", 1)[0]
