"""Asks that sit beside what the guides lack, drafts asked with the user's numbers and
restyles, through the real pipeline (real MiniLM, Chroma on disk, the built-in composer), and
the pure rules:

- "will they pay relo? if not which lever covers moving costs" names relocation as not
  covered and answers with the lever the guides do hold (the Sign-On Bridge); its "if not"
  is "otherwise", no correction taking "which lever" back;
- a recruiter's "share your expectations first" / "what are your compensation expectations?"
  is named as not covered, and the band asked beside it is still given (one of several asks
  that asks pay read alone asks pay); "when it get paid is it yearly or quaterly" asks when
  the bonus is paid out;
- "how do i negotiate the promo bump, and what does senior devops pay there" names the senior
  level as one with no band of its own (one of its asks asks pay), while "new grad here …
  what are they grading me on overall" gives no band statement (an interview question);
- "which lever do i even have? no gpu stuff, no other offers" names no GPU lever among the
  others; "as bullets pls im on my phone" after it restyles it, not refused;
- "draft me a reply to the recruiter, use my numbers" with an offer and a rival's L4 offer is
  a counter: the guide's negotiate-up script, filled in with the user's numbers;
- "three things: base range, how much sign-on…, and will they do my h1b transfer" asks all
  three: the base band is given beside the sign-on;
- "what sign-on could i ask for? the guide's number is in usd right?" after an SGD offer says
  the sign-on figures' currency once, not also that the band is in SGD only;
- "Both?" asks both regions of the talk, whatever its case;
- "and google? … what do they ask in their behavioral?" is refused as no Google interview
  guide, not only as a company the guides do not cover.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse

from assistant.coach import Coach
from assistant.compose.asks_apart import ask_intents
from assistant.understanding.asks import sentences_that_ask, topics_asked
from assistant.understanding.corrections import corrects
from assistant.understanding.draft_request import asks_for_a_draft
from assistant.understanding.intents import intents_asked
from assistant.understanding.regions_again import _BOTH


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def _lead(text: str) -> str:
    return text.split("\n\n", 1)[0]


def test_a_lever_asked_for_a_gap_is_answered_beside_it(coach):
    answer = coach.ask(
        "ok i'd relocate then. will alibaba sponsor the employment pass and pay relo? if not "
        "which lever covers moving costs"
    )
    assert not answer.refused
    assert "relocat" in _lead(answer.answer).lower()
    assert "Sign-On Bridge" in answer.answer


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("keeps saying 'share your expectations first'. do i have to give a number first??", None),
        ("recruiter emailed: 'what are your compensation expectations?'", "salary_expectations"),
        ("who should go first on numbers?", "first_number"),
    ],
)
def test_being_asked_for_expectations_is_a_topic(text, key):
    keys = {topic.key for topic in topics_asked(text)}
    assert keys & {"salary_expectations", "first_number"}
    assert key is None or key in keys


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("hangzou ali devops bonus how much % and when it get paid is it yearly or quaterly", True),
        ("what % should i expect, and when does it get paid — before 春节?", True),
        ("how much will i get paid at alibaba sg", False),
    ],
)
def test_when_the_bonus_is_paid_is_its_payout_topic(text, asks):
    assert ("bonus_payout" in {topic.key for topic in topics_asked(text)}) is asks


def test_expectations_asked_first_are_named_first(coach):
    answer = coach.ask(
        "alibaba singapore recruiter (devops role) won't tell me the band, keeps saying 'share "
        "your expectations first and we'll see what we can do'. i'm on SGD 120K base at a bank "
        "now. do i have to give a number first?? and what's the sg base + tc band"
    )
    assert "salary expectations" in _lead(answer.answer)
    assert "SGD 110K–SGD 170K" in answer.answer and "SGD 150K–SGD 260K" in answer.answer


def test_a_pay_ask_beside_a_lever_ask_names_the_level_without_a_band(coach):
    question = (
        "i already work at anyscale as a devops eng in nyc (2 yrs in). going up for promo to "
        "senior next cycle. how do i negotiate the promo bump, and what does senior devops pay "
        "there"
    )
    assert ask_intents(question) == ["lever", "comp"]
    lead = _lead(coach.ask(question).answer)
    assert "senior" in lead and "promotion" in lead


def test_an_interview_question_telling_a_level_gets_no_band_statement(coach):
    answer = coach.ask(
        "new grad here (graduating may). got an alibaba devops interview loop. what are they "
        "grading me on overall"
    )
    assert "no band" not in answer.answer


def test_a_restyle_to_bullets_repeats_the_last_answer(coach):
    _, levers, restyled = converse(
        coach,
        "anyscale sf offer: 172k base, 130k rsu/4y, 5% bonus. lowball?",
        "which lever do i even have? no gpu stuff, no other offers, just reliability/oncall for "
        "a payments system",
        "as bullets pls im on my phone",
    )
    assert "GPU Infrastructure Premium" not in levers.answer  # ("no gpu stuff": not named)
    assert not restyled.refused
    assert "Enterprise SLA Protection" in restyled.answer


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("draft me a reply to the alibaba recruiter pls, use my numbers", True),
        ("can you write my counter email", True),
        ("write a short polite reply to hr", True),
        ("what does the recruiter reply usually say", False),
        ("here's my draft reply to anyscale: 'your offer is too low'", False),
        ("write me a kubernetes deployment yaml", False),
    ],
)
def test_a_draft_asked_for(text, asks):
    assert asks_for_a_draft(text) is asks


def test_a_reply_drafted_with_my_numbers_is_the_guides_script_filled_in(coach):
    answer = coach.ask(
        "draft me a reply to the alibaba recruiter pls, use my numbers. seattle devops offer: "
        "172k base, 84k rsu over 4 yrs, 15% bonus. i have a google SRE L4 offer at 298k tc. "
        "keep it professional, one paragraph"
    )
    text = answer.answer
    assert "**The script with your numbers:**" in text
    assert "Singles' Day" in text and "$84K + $55K = $139K" in text
    assert "from Google at $298K TC" in text


def test_the_exact_words_asked_with_an_offer_are_the_script_filled_in(coach):
    text = coach.ask(
        "need the EXACT words for my call with the alibaba seattle recruiter at 3pm. their "
        "offer: 165k base, 95k rsu/4yr, 15%. i have an amazon sysde offer at 240k TC. write it "
        "out like a script pls"
    ).answer
    assert "**The script with your numbers:**" in text
    assert "$95K + $55K = $150K" in text and "from Amazon at $240K TC" in text


def test_a_list_of_asks_after_a_colon_is_all_asked(coach):
    question = (
        "anyscale sf devops three things: base range, how much sign-on should i ask for, and "
        "will they do my h1b transfer"
    )
    assert sentences_that_ask(question)[0] == [question]  # (not a told clause, then an ask)
    answer = coach.ask(question)
    assert "$168K–$218K" in answer.answer and "$25K signing bonus" in answer.answer


def test_the_sign_on_currency_is_said_once(coach):
    _, sign_on = converse(
        coach,
        "alibaba singapore devops offer: SGD 125K base, SGD 55K rsu over 4 yrs, 15% bonus. is "
        "that in range?",
        "ok. what sign-on could i ask for? the guide's number is in usd right?",
    )
    assert "band in SGD only" not in sign_on.answer
    assert "sign-on figures are in USD" in sign_on.answer
    assert "Sign-On Bridge" in sign_on.answer


@pytest.mark.parametrize("text", ["Both?", "rsu bands for both?", "BOTH pls"])
def test_both_in_any_case(text):
    assert _BOTH.search(text)


@pytest.mark.parametrize(
    ("text", "correcting"),
    [
        ("ok i'd relocate then. will they pay relo? if not which lever covers moving costs", False),
        ("if not, what then", False),
        ("its sunnyvale, not seattle", True),
    ],
)
def test_if_not_is_otherwise_not_a_correction(text, correcting):
    assert corrects(text) is correcting


def test_a_pay_ask_among_several_asks_pay(coach):
    question = (
        "alibaba sunnyvale devops recruiter emailed me before the first call: 'what are your "
        "compensation expectations?' do i have to answer that before interviewing? whats the "
        "band"
    )
    scores = {"interview": 2.0, "comp": 1.5, "counter": 0.0, "lever": 0.0, "general": 0.0}
    assert intents_asked("interview", scores, False, question) == ("interview", "comp")
    assert intents_asked("interview", scores, False, "how long is each round?") == ("interview",)
    answer = coach.ask(question)
    assert "expectations" in _lead(answer.answer)
    assert "$155K–$220K" in answer.answer and "$210K–$340K" in answer.answer


def test_another_employers_interviews_are_named_as_a_missing_interview_guide(coach):
    _, google = converse(
        coach,
        "how many rounds is the alibaba onsite?",
        "and google? i have an onsite with google sre the same week, what do they ask in their "
        "behavioral?",
    )
    assert google.refused
    assert "no Google interview guide" in _lead(google.answer)
