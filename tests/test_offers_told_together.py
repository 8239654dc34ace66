"""Two offers told in one message, through the real pipeline (real MiniLM, Chroma on disk, the
built-in composer):

- "i have 2 offers, anyscale nyc and alibaba seattle…": each company keeps its own place for
  the talk ("sorry i meant the other company, alibaba" is Alibaba Seattle; "which one has the
  higher base at the top end?" and "stock ranges for both" set Anyscale New York beside it), and
  the place told of the other company is not named as one the asked company lacks;
- "which one actually pays more??" of two offers in other currencies places each in its own
  band and says no exchange rate is assumed;
- a comparing word that compares no places ("start 2 months later than they proposed") keeps
  the one place named: Seattle's row, not the Bay Area's.

Leaves out: the comparison's tables (tests/test_compare.py) and the pure rules of carrying a
company's region (tests/test_conversation_turns.py).
"""

from __future__ import annotations

import pytest
from test_answer_first import converse

from assistant.coach import Coach
from assistant.understanding.regions_again import with_told_offers

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_company_told_with_its_place_is_set_beside_the_asked_one(coach):
    told = with_told_offers(
        (), "i have 2 offers, anyscale nyc and alibaba seattle", ("Alibaba",), coach.catalog
    )
    assert told == (("Alibaba", "Seattle (US)"),)
    assert with_told_offers((), "which one pays more?", (), coach.catalog) == ()


def test_two_offers_told_together_keep_their_own_places_for_the_talk(coach):
    first, other, top, stock = converse(
        coach,
        "i have 2 offers, anyscale nyc and alibaba seattle (both devops). whats the bonus at "
        "anyscale?",
        "sorry i meant the other company, alibaba",
        "ok thx. which one has the higher base at the top end?",
        "and stock ranges for both pls",
    )
    assert first.answer.startswith("**Bonus** for Anyscale · DevOps Engineer · New York")
    assert "no row for Seattle" not in first.answer
    assert other.answer.startswith("**Bonus** for Alibaba · DevOps Engineer · Seattle (US)")
    head = top.answer.split("\n")[0]
    assert "$150K–$215K" in head and "$163K–$213K" in head and "$155K–$220K" not in head
    head = stock.answer.split("\n")[0]
    assert "$70K–$200K" in head and "$125K–$228K" in head


def test_which_of_two_offers_in_other_currencies_pays_more(coach):
    answer = coach.ask(
        "2 offers on the table, both devops. alibaba HZ: CNY 560k base + CNY 240k rsu (4yr) + 15% "
        "bonus. anyscale london: £150k base + £120k rsu/4yr + 7%. which one actually pays more??"
    ).answer
    assert answer.startswith("The guides give no exchange rate between CNY and GBP")
    assert "CNY 400K–CNY 740K" in answer and "£128K–£166K" in answer


def test_a_comparing_word_alone_keeps_the_place_named(coach):
    answer = coach.ask(
        "alibaba seattle devops offer is basically fine. two things i want: start 2 months later "
        "than they proposed (my current company's rsu cliff is in june) and a bit more cash "
        "upfront since moving from chicago isn't cheap. what can i actually ask for?"
    ).answer
    assert "Seattle (US)" in answer and "$150K–$215K" in answer
    assert "Bay Area" not in answer and "$155K–$220K" not in answer
    assert "the start date" in answer.split("\n")[0] and "Sign-On Bridge" in answer
