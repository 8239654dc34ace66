"""A pay word named only by the condition of what is asked ("if they give me the sign-on and i
leave after 9 months, do i owe it back?") asks nothing of its figures: the clawback the guides
lack is refused, while "how big a sign-on…, and if i leave in yr 1 do i pay it back?" is still
answered. Asked which one lever fits what the message tells of the user ("spent 4 yrs getting
ready for black friday peaks. which lever fits that?"), the lever clearly closest to that story
leads. "How deep do they go?" is asked in the guide's words ("drill down"); "what level should i
grind" asks how hard, not a job level; another employer's loop only told of beside the subject's
own ("doing an uber loop the same week. is alibaba's coding round that brutal?") is not asked
about; the figure a lever quotes for an employer, asked of with no figures of the user's own
("what nvidia rsu number does the guide use?"), is that lever's, not the band; a short ask
mid-talk of the interviews ("any sql? ive mostly done postgres") goes on with them. Pure rules,
and
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer).

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.compose.passages import guide_words_for
from assistant.understanding.entities import normalize
from assistant.understanding.tables import names_levels
from assistant.understanding.words import in_a_condition


@pytest.mark.parametrize(
    ("text", "word", "later", "named_by_a_condition"),
    [
        ("if they give me the sign-on and i leave do i owe it back", "sign-on", "owe", True),
        ("how big a sign-on can i get and if i leave do i pay it back", "sign-on", "pay", False),
        ("the sign-on: do i owe it back", "sign-on", "owe", False),  # (no condition)
        ("if i owe it back is the sign-on worth it", "sign-on", "owe", False),  # (asked after)
    ],
)
def test_a_word_named_by_a_condition_before_the_ask(text, word, later, named_by_a_condition):
    words = normalize(text).split()
    at, after = words.index(word), [words.index(later)]
    assert in_a_condition(words, at, after) is named_by_a_condition


@pytest.mark.parametrize(
    ("text", "asks_levels"),
    [
        ("is alibabas coding round that brutal or what level should i grind", False),
        ("whats the level of the problems in the coding round", False),
        ("what level would i come in at", True),
    ],
)
def test_a_level_of_difficulty_is_no_job_level(text, asks_levels):
    assert names_levels(normalize(text)) is asks_levels


def test_how_deep_is_asked_in_the_guides_words():
    assert {"drill", "down"} <= guide_words_for("how deep do they go tho")


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_a_clawback_asked_on_the_condition_of_a_sign_on_is_refused(coach):
    answer = coach.ask(
        "if they give me the sign-on and i leave after like 9 months do i owe it back"
    )
    assert answer.refused
    assert "clawback" in answer.answer and "$45K" not in answer.answer
    both = coach.ask(
        "how big a sign-on can i ask alibaba for, and if i leave in yr 1 do i pay it back"
    )
    assert not both.refused
    assert "clawback" in both.answer.split("\n")[0] and "35K-55K" in both.answer


@pytest.mark.integration
def test_the_lever_closest_to_the_users_story_leads_when_one_is_asked_for(coach):
    answer = coach.ask(
        "spent 4 yrs on shopify's infra team getting ready for black friday / cyber monday "
        "peaks. now interviewing for alibaba devops. which lever in the guide fits that?"
    )
    assert answer.answer.startswith("The guide's lever is **Hyperscale Experience**")


@pytest.mark.integration
def test_another_loop_only_told_of_beside_the_subjects_own_is_not_asked_about(coach):
    answer = coach.ask(
        "doing an uber sre loop and the alibaba devops one the same week. ubers coding was "
        "leetcode hard-ish. is alibaba's coding round that brutal or what level should i grind"
    )
    assert "level map" not in answer.answer and "Uber interview guide" not in answer.answer
    assert 'LeetCode "Medium"' in answer.answer[:300]


@pytest.mark.integration
def test_the_figure_a_lever_quotes_for_a_rival_is_that_levers(coach):
    answer = coach.ask("what nvidia rsu number does the anyscale guide use in its example?")
    assert answer.answer.startswith("NVIDIA is offering $213K / $255K RSU")
    told = coach.ask("nvidia offered me 250k rsu. whats the anyscale sf band?")
    assert told.answer.startswith("**Stock (RSU/4yr)** for Anyscale")  # (the user's own rival)


@pytest.mark.integration
def test_a_short_ask_mid_talk_of_the_interviews_goes_on_with_them(coach):
    from test_answer_first import converse

    answers = converse(
        coach,
        "alibaba devops tech phone screen tmrw what do they usually cover",
        "any sql? ive mostly done postgres at work",
    )
    assert answers[-1].intent == "interview" and not answers[-1].refused
    assert "Negotiation DNA" not in answers[-1].answer  # (not the negotiation guide)
    *_, poem = converse(coach, "how many rounds at alibaba?", "write me a poem")
    assert poem.refused and poem.intent == "out_of_scope"  # (no question asked of the loop)
