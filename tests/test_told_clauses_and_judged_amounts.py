"""What a message tells beside what it asks, and figures it asks to have judged, through the
real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure rules:

- a yes/no opening with a pronoun after it asks, however the sentence ends ("is it just 'does
  it scale' or do they also want monitoring stuff."), so the monitoring and disaster-recovery
  items lead; "did alibaba's loop last month." still only tells;
- "how many hours a week do people work there" asks for no length of anything;
- the user's background told before the ask in one sentence ("i ran k8s gpu scheduling for an
  llm training team, what numbers does it tell me to quote") is not a term the guides lack,
  unless the ask refers back to it ("i only know terraform, is that ok…?");
- "what do i reply?" with the user's background told picks the lever closest to that background;
- a competing offer's lever is followed by the script that cites that offer, its ask first;
- levels named only in a topic the guides lack ("if i join at P6, how long to get promoted to
  P7?") ask nothing held: refused, naming promotion;
- "nvm its sf" corrects the place; "alibaba made an offer too — what does their guide say…"
  mid-talk about Anyscale asks Alibaba's guide;
- "is 15k normal per ur guide?" asks about the figure, so a message that also asks about
  repayment terms the guides lack is answered, not refused (but "is 15k a normal relo amount?"
  asks about relocation, which they lack: refused); "should i push back on it?" is the
  user's pushing, not the employer's, so it does not lead with the script's floor.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse

from assistant.coach import Coach
from assistant.compose.no_duration import durations_asked
from assistant.understanding.asks import sentences_that_ask
from assistant.understanding.intents import amounts_judged


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_pronoun_after_a_yes_no_opening_asks_whatever_the_sentence_ends_with():
    _, asks = sentences_that_ask(
        "is it just 'does it scale' or do they also want monitoring + disaster recovery stuff."
    )
    assert asks == [True]
    _, asks = sentences_that_ask("did alibaba's loop last month. what do they ask?")
    assert asks == [False, True]


def test_hours_a_week_ask_for_no_length():
    assert durations_asked("how many hours a week do people actually work there") == []
    assert durations_asked("how many mins is each interview") == [("each interview", True)]


@pytest.mark.parametrize(
    ("text", "judged"),
    [
        ("is 15k normal per ur guide?", ["15k"]),
        ("is $190K a fair base", ["$190K"]),
        ("is 200k ok", ["200k"]),
        ("is that split payout standard", []),
        ("i have 15k saved. what now", []),
    ],
)
def test_the_amounts_judged(text, judged):
    assert amounts_judged(text) == judged


@pytest.mark.integration
def test_a_second_question_without_a_question_mark_is_answered(coach):
    answer = coach.ask(
        "what are they grading in the alibaba devops system design round? is it just 'does it "
        "scale' or do they also want monitoring + disaster recovery stuff. i come from a gcp "
        "shop if that matters"
    )
    assert "RTO/RPO" in answer.answer[:400]


@pytest.mark.integration
def test_background_told_before_the_ask_is_no_term_the_guides_lack(coach):
    answer = coach.ask(
        "what is the 'gpu infrastructure premium' lever in the anyscale guide exactly? i ran k8s "
        "gpu scheduling for an llm training team, what numbers does it tell me to quote"
    )
    assert "llm" not in answer.answer.lower()
    assert "$213K base and $220K equity" in answer.answer[:400]


@pytest.mark.integration
def test_a_tool_told_and_asked_about_in_one_sentence_is_still_named(coach):
    answer = coach.ask("i only know terraform, is that ok for the alibaba devops loop?")
    assert "terraform" in answer.answer.split("\n", 1)[0].lower()


@pytest.mark.integration
def test_what_to_reply_picks_the_lever_closest_to_the_background_told(coach):
    answer = coach.ask(
        "alibaba seattle recruiter literally asked 'why should we go above our initial number?'. "
        "what do i reply? i led my current co's infra expansion into eu + apac regions last yr"
    )
    assert answer.answer.startswith("The guide's lever is **Cloud Platform Impact**")


@pytest.mark.integration
def test_the_script_citing_a_competing_offer_follows_its_lever(coach):
    answer = coach.ask("got google sre offer how to push alibaba")
    assert answer.answer.startswith("The guide's lever for Google is **Cloud/SRE Offer**")
    assert "$45K sign-on" in answer.answer[:400]
    assert answer.answer.count("**Negotiate Up Strategy**") == 1


@pytest.mark.integration
def test_levels_named_only_in_a_promotion_question_are_refused_with_it(coach):
    answer = coach.ask(
        "if i join alibaba devops at P6, how long does it usually take to get promoted to P7? "
        "and is promo once a year or twice"
    )
    assert answer.refused and "promotion" in answer.answer.split("\n", 1)[0]
    assert "4 to 6 weeks" not in answer.answer


@pytest.mark.integration
def test_never_mind_corrects_the_place(coach):
    _, answer = converse(coach, "anyscle ny devops base??", "nvm its sf")
    assert not answer.refused and "$168K–$218K" in answer.answer[:200]


@pytest.mark.integration
def test_their_guide_is_the_guide_of_the_company_just_named(coach):
    *_, answer = converse(
        coach,
        "what should i say to anyscale? nvidia offered me 213 base / 255 rsu, anyscale sf is at "
        "190 base / 180k equity",
        "alibaba seattle made an offer too — how much sign-on does their guide say to ask for?",
    )
    assert not answer.refused and "35K-55K" in answer.answer[:300]
    assert "$25K" not in answer.answer


@pytest.mark.integration
def test_a_figure_of_a_topic_the_guides_lack_judged_is_refused_with_it(coach):
    answer = coach.ask(
        'clause from my anyscale offer: "Relocation Assistance: Anyscale will provide a one-time '
        'relocation lump sum of $15,000." is 15k a normal relo amount for them?'
    )
    assert answer.refused and "relocation" in answer.answer.split("\n", 1)[0]


@pytest.mark.integration
def test_a_figure_judged_beside_a_topic_the_guides_lack_is_answered(coach):
    answer = coach.ask(
        'anyscale sf offer letter says: "$15,000 signing bonus, paid 50% on your start date and '
        '50% after 6 months, repayable in full if you leave within 12 months." is 15k normal per '
        "ur guide? and is that split payout + full repayment thing standard or should i push "
        "back on it"
    )
    assert not answer.refused
    assert "repayment" in answer.answer.split("\n", 1)[0]
    assert "$25K signing bonus" in answer.answer
    assert "floor" not in answer.answer[:400]
