"""A bare "company place" ask, a gap named with whose it is ("Anyscale on-call"), "their
rounds" after the sentence naming another employer, where the user lives beside the place
asked, a lever asked by its place after the levers, an interjection before a follow-up, and
"on calls" (the phone) apart from on-call: through the real pipeline (real MiniLM, Chroma on
disk, the built-in composer), and the pure rules that read them.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.compose.asks_apart import another_ask_held
from assistant.compose.topic_coverage import topics_statement
from assistant.compose.untrusted import clean_question
from assistant.understanding.asks import TopicAsk, topics_asked
from assistant.understanding.conversation import changes_offer, states_offer
from assistant.understanding.entities import places_without_rows


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_gap_is_named_with_the_company_before_the_topic():
    on_call = TopicAsk("on_call", "on-call", ("oncall",))
    assert topics_statement([on_call], "Anyscale", None) == (
        "The guides say nothing about Anyscale on-call."
    )
    cliff = TopicAsk("cliff", "a vesting cliff", ("cliff",))
    stated = topics_statement([cliff], "Anyscale", "stock")
    assert stated.startswith("The guides say nothing about a vesting cliff at Anyscale;")
    assert "what the Anyscale guide gives is the stock grant" in stated
    assert "what the guides give" in topics_statement([cliff], None, "stock")


def test_on_calls_are_the_phone_not_on_call():
    assert not topics_asked("i get super nervous on calls, should i negotiate by email?")
    assert [t.key for t in topics_asked("how bad are the on call shifts")] == ["on_call"]
    assert [t.key for t in topics_asked("oncalls at alibaba, frequent?")] == ["on_call"]


def test_where_the_user_lives_beside_the_place_asked_has_no_row_to_name():
    rows = ["London", "New York", "San Francisco"]
    told = "anyscale wants me to fly to sf for the onsite, im in austin. do they pay the hotel?"
    assert places_without_rows(told, rows, besides="san francisco") == []
    assert places_without_rows("sf or austin, which pays more?", rows, "san francisco") == [
        "Austin"
    ]


def test_which_lever_after_a_gap_is_an_ask_of_its_own():
    asked = (
        "is an education budget something the guide lists as a lever? and which lever fits "
        "my gpu background + what number does it say"
    )
    assert another_ask_held(asked, {"education", "budget"})
    assert not another_ask_held("is there acceleration? can i negotiate for it?", {"acceleration"})


@pytest.mark.integration
@pytest.mark.parametrize(
    ("asked", "row_lacked", "band"),
    [
        ("alibaba london", "Alibaba's comp table has no row for London", None),
        ("anyscale singapore", "Anyscale's comp table has no row for Singapore", None),
        ("alibaba hangzhou", None, "CNY 400K"),
    ],
)
def test_a_company_and_a_place_alone_ask_its_pay_there(coach, asked, row_lacked, band):
    (answer,) = converse(coach, asked)
    if row_lacked:
        assert answer.refused and row_lacked in answer.answer
    else:
        assert not answer.refused and band in answer.answer[:300]


@pytest.mark.integration
def test_their_rounds_after_naming_another_employer_are_that_employers(coach):
    (answer,) = converse(
        coach,
        "also interviewing at databricks for a devops/SRE spot (sf). what are their rounds and "
        "what do they grade on? theyre my backup to alibaba",
    )
    assert answer.refused
    assert "no Databricks interview guide" in answer.answer
    assert "3 to 5" not in answer.answer


@pytest.mark.integration
def test_a_gap_asked_of_the_second_company_names_both(coach):
    _, answer = converse(
        coach,
        "hows work life balance for alibaba devops, on-call heavy?",
        "how about anyscale, is on-call brutal there?",
    )
    assert answer.refused
    assert "nothing about Anyscale on-call" in answer.answer.split("\n")[0]


@pytest.mark.integration
def test_interview_travel_costs_are_named_as_not_covered_not_a_band(coach):
    (answer,) = converse(
        coach,
        "anyscale wants me to fly to sf for the devops onsite, im in austin. do they book or "
        "reimburse the flight and hotel or do i pay and expense it after?",
    )
    assert answer.refused
    assert "interview travel reimbursement" in answer.answer
    assert "Austin" not in answer.answer and "$168K" not in answer.answer


@pytest.mark.integration
def test_the_lever_fitting_a_background_is_answered_beside_a_lacking_perk(coach):
    (answer,) = converse(
        coach,
        "negotiating w anyscale sf rn. two things: is an education / conference budget something "
        "the guide lists as a lever? and which lever fits my gpu background + what number does "
        "it say",
    )
    assert not answer.refused
    assert "learning budget" in answer.answer[:200]
    assert "GPU Infrastructure Premium" in answer.answer


@pytest.mark.integration
def test_a_place_after_an_interjection_and_a_refused_place_goes_on_with_the_pay(coach):
    *_, answer = converse(
        coach, "alibaba sunnyvale devops base range?", "same for london", "hm ok. singapore then?"
    )
    assert not answer.refused
    assert "SGD 110K–SGD 170K" in answer.answer[:300]


@pytest.mark.integration
def test_the_second_one_word_for_word_after_the_levers_quotes_lever_two(coach):
    *_, answer = converse(
        coach,
        "can i negotiate a sabbatical with alibaba? devops role in sunnyvale",
        "ok then what levers does the alibaba guide actually list",
        "the second one - word for word pls",
    )
    assert not answer.refused
    assert "Hyperscale Experience" in answer.answer[:200]


@pytest.mark.integration
def test_a_corrected_figure_keeps_the_rest_of_the_offer(coach):
    _, answer = converse(
        coach,
        "sunnyvale alibaba devops offer: 185 base, 140k rsu/4yr, 15%. is that base ok for the bay",
        "sorry typo — rsu is 104k, not 140k. with google sre at 330 tc, what rsu number should i "
        "counter with",
    )
    assert "Your base ($185K)" in answer.answer[:200]
    assert "offer RSU $104K" in answer.answer


@pytest.mark.integration
def test_an_offer_told_with_a_floor_question_is_placed_again_when_corrected(coach):
    *_, corrected, asked = converse(
        coach,
        "anyscale sf offered 201k base. is that above the walk-away floor in the anyscale script?",
        "ugh sorry, i misread the pdf. base is 191k not 201k",
        "so what base number do i go back to them with",
    )
    assert corrected.answer.startswith("Your base ($191K)")
    assert "ask for $213K" in asked.answer[:300]


@pytest.mark.integration
def test_a_title_corrected_mid_talk_is_named_as_lacking(coach):
    _, answer = converse(
        coach,
        "whats total comp for anyscale sf devops",
        "sorry i meant ML engineer not devops — the posting is for their training infra team",
    )
    assert "no ML engineer figures" in answer.answer.split("\n")[0]


@pytest.mark.integration
def test_how_to_word_it_after_an_offer_gets_the_levers_not_the_interview_process(coach):
    *_, answer = converse(
        coach,
        "sunnyvale alibaba devops offer: 185 base, 140k rsu/4yr, 15%. is that base ok for the bay",
        "ok how do i word it when i call the recruiter back",
    )
    assert "recruiter screen" not in answer.answer
    # the words for that call: the phone script from the offer's figures, with a guide lever
    assert answer.answer.startswith("Here is what to say on the phone, from the same figures")
    assert "**Phone script**" in answer.answer and "Sign-On Bridge" in answer.answer


@pytest.mark.integration
def test_is_that_a_weak_answer_after_a_behavioural_story_stays_an_interview_question(coach):
    (answer,) = converse(
        coach,
        "behavioural round prep for alibaba devops. my go-to story for 'tell me about a time you "
        "had conflicting priorities' is basically me choosing what my director wanted. is that a "
        "weak answer for them? what should i anchor those answers on",
    )
    assert "To compute a counter" not in answer.answer
    assert "Customer First" in answer.answer


@pytest.mark.parametrize(
    ("asked", "key"),
    [
        ("should i negotiate over the phone or over email?", "channel"),
        ("is it rude to ask twice? i already countered once", "second_ask"),
        ("can they cover home office equipment like a monitor", "equipment"),
        ("is the bonus guaranteed or tied to performance?", "guaranteed"),
    ],
)
def test_everyday_negotiation_topics_are_read(asked, key):
    assert key in [t.key for t in topics_asked(asked)]


@pytest.mark.integration
def test_a_topic_of_several_words_is_held_only_where_a_guide_says_it(coach):
    (answer,) = converse(
        coach,
        "is it rude to ask twice? like i already countered once and they came back w a bit "
        "more. if i push again will they pull the offer??",
    )
    assert answer.refused
    assert "asking twice" in answer.answer.split("\n")[0]
    assert "as such" not in answer.answer


@pytest.mark.integration
def test_a_bonus_asked_guaranteed_or_performance_based_gets_the_guides_words(coach):
    *_, answer = converse(
        coach, "alibaba seattle devops bonus?", "and is it guaranteed or tied to performance?"
    )
    assert not answer.refused
    assert "what they say about performance-based" in answer.answer.split("\n")[0]
    assert "performance-based annual bonus" in answer.answer


@pytest.mark.integration
def test_a_base_stuck_after_the_counter_is_set_against_the_floor(coach):
    *_, answer = converse(
        coach,
        "anyscale sf devops: 196 base, 180k rsu/4yr, 8% bonus, zero sign-on. which anyscale lever "
        "gets me a signing bonus and how much",
        "ok and if they refuse? recruiter already hinted base is stuck at 196",
    )
    assert "$196K is below the script's floor of $198K: below it, walk away (\"below" in (
        answer.answer
    )


@pytest.mark.integration
def test_same_question_after_a_company_mix_up_names_no_word_of_the_mix_up(coach):
    _, answer = converse(
        coach,
        "whats the anyscale devops interview like, what do they evaluate you on?",
        "sorry i meant alibaba, mixed up my tabs. same question",
    )
    assert not answer.refused
    assert "tabs" not in answer.answer
    assert not answer.answer.startswith("Questions the guide lists")


@pytest.mark.integration
def test_reusing_an_onsite_story_in_the_negotiation_asks_for_the_lever(coach):
    (answer,) = converse(
        coach,
        "in my alibaba devops onsite i talked a lot about scaling our black friday traffic at "
        "shopify. now the offer is in. can i reuse that story in the negotiation? which lever in "
        "the guide fits and how does the line go",
    )
    assert "Hyperscale Experience" in answer.answer[:400]


@pytest.mark.integration
def test_the_same_pay_at_a_company_without_the_place_shows_its_rows(coach):
    _, answer = converse(coach, "alibaba devops base in seattle?", "and at anyscale?")
    assert not answer.refused
    assert answer.answer.startswith("Anyscale's comp table has no row for Seattle.")
    assert "$168K–$218K" in answer.answer and "$163K–$213K" in answer.answer


@pytest.mark.integration
def test_the_other_company_is_the_one_not_talked_about(coach):
    _, answer = converse(
        coach,
        "in the alibaba guide what google sre levels do their devops levels line up with?",
        "and the other company's?",
    )
    assert "Google L4 SRE" in answer.answer[:300]


EMAIL = (
    "copy pasting from the anyscale email so i dont mess it up:\n\nPosition: DevOps Engineer "
    "(San Francisco)\nBase Salary: $178,000\nEquity: RSUs valued at $140,000, vesting over 4 "
    "years (25% annually)\nAnnual Bonus Target: 8%\nSign-on Bonus: $15,000\n\nis 8% bonus normal "
    "per ur guide?"
)


def test_a_pasted_offer_asked_against_the_guide_is_still_an_offer():
    assert states_offer(clean_question(EMAIL))
    assert not states_offer("what should i counter with? was thinking 225 base")
    assert not changes_offer("what should i counter with? was thinking 225 base")


@pytest.mark.integration
def test_the_counter_after_a_pasted_offer_uses_it_not_the_users_own_ask(coach):
    *_, answer = converse(
        coach, EMAIL, "what should i counter with? was thinking 225 base since the band goes high"
    )
    assert answer.answer.startswith("Your base ($178K)")
    assert "ask for $213K" in answer.answer[:250]


@pytest.mark.integration
def test_a_counter_to_an_offer_without_stock_still_gives_the_scripts_equity_ask(coach):
    _, answer = converse(
        coach,
        "got an nvidia infra eng offer and an anyscale devops offer in SF. anyscale's base is 180. "
        "what's their sf base band?",
        "ok so what do i counter with",
    )
    assert "The script also asks for $222K equity over 4 years" in answer.answer[:400]


@pytest.mark.integration
def test_an_equity_number_to_ask_for_is_the_scripts_ask(coach):
    (answer,) = converse(
        coach, "anyscale new york devops: whats a reasonable equity number to actually ask for"
    )
    assert "$222K" in answer.answer[:200]


@pytest.mark.integration
def test_whether_the_role_takes_in_a_background_is_answered_before_the_lever(coach):
    (answer,) = converse(
        coach,
        "my background is almost entirely observability — i built the metrics/logging platform "
        "at a fintech. got an alibaba sunnyvale devops offer. does the alibaba guide say anything "
        "about observability being part of the US role that i can lean on, and which lever would "
        "i hang it on?",
    )
    first = answer.answer.split("\n")[0]
    assert "observability platform engineering" in first and "[1]" in first
    assert "Hyperscale Experience" in answer.answer


def test_a_lever_question_alone_gets_no_role_lead():
    from assistant.compose.role_asked import _OF_THE_ROLE

    assert not _OF_THE_ROLE.search("which lever fits my gpu background?")
    assert _OF_THE_ROLE.search("does anyscale's devops role actually care about cost work")


@pytest.mark.integration
def test_a_draft_asked_alone_says_first_what_it_asks_for(coach):
    _, answer = converse(
        coach,
        "anyscale sf devops offer: 180k base, 130k rsu over 4 years, 5% bonus. what do i counter?",
        "ok now write the email",
    )
    assert answer.answer.startswith("Here is the email, from the same figures:")
    brief = answer.answer.split("\n\n")[1]
    assert brief.startswith("It asks for base salary $213K [") and "sign-on bonus $25K" in brief


@pytest.mark.integration
def test_an_offer_under_the_scripts_floor_is_set_against_it_in_the_scripts_words(coach):
    (answer,) = converse(coach, "anyscale sf devops offer: 191k base. what do i counter with?")
    first = answer.answer.split("\n")[0]
    assert "below the script's floor of $198K, the least it takes once countered" in first
    assert '("below that, NVIDIA\'s liquid equity wins")' in first
    assert "my floor is" not in answer.answer.lower()  # (the floor's own words stay private)
    (above,) = converse(coach, "anyscale sf devops offer: 205k base. what do i counter with?")
    assert "floor" not in above.answer.split("\n")[0]


@pytest.mark.integration
def test_the_company_asked_of_its_interviews_is_the_subject(coach):
    (answer,) = converse(
        coach,
        "anyscale gave me an offer with a 10 day deadline and i only just started alibaba's "
        "process (recruiter screen done last week). how long does alibaba usually take from "
        "screen to offer? and can i ask anyscale to extend their deadline?",
    )
    assert not answer.refused
    assert "4 to 6 weeks" in answer.answer


@pytest.mark.integration
def test_the_same_place_asked_of_a_company_without_its_row_is_refused(coach):
    _, there = converse(coach, "anyscale london base band?", "and alibaba there?")
    assert there.refused and "no row for London" in there.answer


def test_remote_is_no_place_without_a_row():
    rows = ["London", "New York", "San Francisco"]
    asked = "nyc base band? and would they let me be fully remote from philly"
    assert places_without_rows(asked, rows, besides="new york") == []


@pytest.mark.integration
def test_an_offer_without_stock_gets_the_scripts_equity_in_its_own_sentence(coach):
    (answer,) = converse(coach, "anyscale sf devops offer: 210k base. what do i counter with?")
    first = answer.answer.split("\n")[0]
    assert "; ask for $213K [2], with a $25K sign-on bonus [2]." in first
    assert "The script also asks for $222K equity over 4 years [2]; your offer gave none." in first


@pytest.mark.integration
def test_travel_to_an_onsite_the_guide_describes_names_the_gap_and_gives_the_process(coach):
    (answer,) = converse(
        coach,
        "i'm in chicago — will i have to fly to sunnyvale for the alibaba devops onsite, and if so "
        "do they pay for flights and hotel?",
    )
    assert not answer.refused
    assert answer.answer.startswith("The guides say nothing about Alibaba interview travel")
