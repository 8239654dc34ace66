"""A percentage asked of what the guides give as amounts ("what % bump should i ask for on
base?") is said first to be no percentage they give, then the amounts; a bonus percentage,
which the comp tables give, and where an offer sits in its band are no such gap. Pure rules, and
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer).

Leaves out: the wording of the amounts that follow.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.compose.percent_asked import _PERCENT_ASKED


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("what % bump should i ask for on base?", True),
        ("what % of base should a sign-on be", True),
        ("is asking for 10 percent more too much?", True),
        ("what percentage raise is normal", True),
        ("what percent of the band am i at?", False),  # (the coach works that out)
        ("what percentile is my offer", False),
    ],
)
def test_a_percentage_asked(text, asked):
    assert bool(_PERCENT_ASKED.search(text)) is asked


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_a_percentage_the_guides_give_as_an_amount_is_said_first(coach):
    answer = coach.ask(
        "anyscale sf devops offer 190k base / 170k rsu / 7%. nvidia has me at 213k base + 255k "
        "rsu. what % bump should i ask for on base?"
    )
    assert answer.answer.startswith("The guides give no percentage for this")
    assert "ask for $213K" in answer.answer
    bonus = coach.ask("what % bonus does alibaba seattle give?")
    assert "no percentage" not in bonus.answer and "15%" in bonus.answer[:200]
