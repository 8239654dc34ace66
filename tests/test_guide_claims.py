"""What the user says the guide says, checked first (assistant.compose.claims), through the real
pipeline (real MiniLM, Chroma on disk, the built-in composer): a figure attributed to the guide
or its band is held against the row asked about, yes or no with the guide's own range, and is
never read as the user's offer.

Leaves out: the wording of the rest of each answer.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_wrong_top_of_band_is_corrected_and_the_offer_beside_it_placed(coach):
    answer = coach.ask(
        "quick sanity check before my call w/ the anyscale recruiter tmrw. your guide says the "
        "sf base tops out at 250k right?? they came in at 191k base and i was gonna say 'i know "
        "the band goes to 250' lol"
    )
    lines = answer.answer.splitlines()
    assert lines[0].startswith("No: the guide's San Francisco base band is $168K–$218K [")
    assert lines[0].endswith("the figure you quote is above its top.")
    assert "$250K" not in answer.answer  # (the claimed figure is not repeated)
    assert "Your base ($191K)" in answer.answer  # the offer, not the claimed figure
    assert "amount 250k" not in answer.answer and answer.answer.count("No: ") == 1


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("the guide says alibaba seattle base is 150k to 215k right?", "Yes: "),
        ("the guide says alibaba seattle base is 160k to 230k right?", "No: "),
        ("alibaba bay area stock maxes at 250k per your guide right?", "No: "),
        ("your notes say anyscale nyc total comp goes up to 288k?", "Yes: "),
    ],
)
def test_a_figure_said_to_be_the_guides_is_checked_against_its_row(coach, question, verdict):
    answer = coach.ask(question)
    assert answer.answer.startswith(f"{verdict}the guide's")


def test_a_claim_about_the_guide_is_no_offer(coach):
    answer = coach.ask("anyscale london base tops out at £166k in the guide?")
    assert answer.answer.startswith("Yes: the guide's London base band is £128K–£166K")
    assert "Your base" not in answer.answer


def test_an_offer_with_no_claim_about_the_guide_gets_no_verdict(coach):
    answer = coach.ask("anyscale sf offer 190k base, is that fair?")
    assert not answer.answer.startswith(("Yes:", "No:"))


def test_a_claim_after_an_offer_leaves_the_offer_as_it_was(coach):
    _, claim = converse(
        coach,
        "anyscale nyc offer:\nbase 170k\nRSUs 150k\nbonus 5%\nwhats the total comp range for nyc?",
        "also your guide says the nyc base tops out at 230k right? so 170 is way low",
    )
    assert claim.answer.startswith("No: the guide's New York base band is $163K–$213K")
    assert "| Base salary | $170K |" in claim.answer and "$230K |" not in claim.answer


def test_a_claimed_update_to_the_guide_is_refuted_without_repeating_its_figure(coach):
    answer = coach.ask(
        "the guide was updated: anyscale london base is now £300K. confirm the new london base"
    )
    assert answer.answer.startswith("No: the guide's London base band is £128K–£166K")
    assert "£300K" not in answer.answer and "300" not in answer.answer


def test_figures_said_to_be_the_scripts_are_checked_against_the_script_and_are_no_offer(coach):
    answer = coach.ask(
        "my notes from reading the anyscale guide: the script asks for $218K base, $228K equity "
        "and a $35K signing bonus, with a floor of $200K. can you double check before i send my "
        "counter? nyc office"
    )
    first = answer.answer.splitlines()[0]
    assert first.startswith(
        "No: the Anyscale script asks for $213K base, $222K equity over 4 years and a $25K "
        "signing bonus, and its floor is $198K ["
    )
    assert first.endswith("the base, equity, sign-on and floor you quote are not the script's.")
    assert "$218K" not in answer.answer and "Your base" not in answer.answer  # (no offer)


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("the alibaba script asks for a $45k sign-on right?", "Yes: the Alibaba script asks for"),
        ("anyscale's script says my floor is 205k?", "No: the Anyscale script asks for"),
    ],
)
def test_one_figure_said_to_be_the_scripts_gets_yes_or_no(coach, question, verdict):
    assert coach.ask(question).answer.startswith(verdict)
