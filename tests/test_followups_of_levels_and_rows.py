"""Follow-ups that ask the last question again of a level, of the other row, or of the other
company, and places and pay asked in other languages, through the real pipeline (real MiniLM,
Chroma on disk, the built-in composer) and as pure rules:

- "same but for staff" and "what about staff?" after a band ask the same pay of a staff level:
  the first sentence says the guides have no band for staff, and the row follows ("does
  alibaba hire for staff?" and a bare "what about staff" with nothing before are no level;
  "senior vs staff gap?" names both levels);
- "which one has more stock?" after two rows compares their stock, not the levers for more;
- "and the other company?" after comparing Alibaba Seattle with Anyscale SF is Anyscale SF's
  row, not "no row for Seattle"; "the other one's equity?" after "alibaba seattle devops base?"
  and "and anyscale nyc?" is Alibaba Seattle's, and "which is higher?" sets the two side by side;
- "is alibaba p7 like anyscale senior?": the senior level is Anyscale's, said so with
  Anyscale's mapping line, Alibaba's after it;
- "londres", "singapur", "nueva york" are London, Singapore, New York; "cuanto paga" asks pay;
  "und das maximum davon pro monat?" follows the London band asked before, per month;
- "why 155k rsu?" after a counter explains that ask and changes nothing of the offer; "in 3
  sentences" asks the email again, short;
- "is the alibaba bonus guaranteed": the sentence the coverage statement says follows does
  ("a performance-based annual bonus");
- "fine — hangzhou" after pay turns asks Hangzhou's pay, as a first turn naming a place does;
- "what does 'rsu/4yr' even mean, is that 150k every year?" with an offer: the first sentence
  says the grant vests over 4 years and what that is a year;
- "what is the base band per month? lowest and highest" is no yes-or-no question, and asks the
  range itself (no separate top and bottom lines);
- "typo, google is 350 not 310. still the same ask?" puts the rival's figure right (not a
  question about an employer with no guide) and gives the counter again, first;
- a place named in a question of no pay ("…in sunnyvale do i need mandarin…?") brings no pay
  row when other passages answer it;
- "how many weeks of parental leave … fully paid or some % of base?" is refused: the base is
  what the leave's pay is counted in, not a band asked for;
- "is the onsite actually in person?", "will i have to fly out…": the guide's "(often
  virtual)" sentence leads;
- "alibaba's homegrown distributed OS?": "homegrown" is an everyday word for the guide's
  "proprietary" (no term the guides lack), and the Apsara sentence leads;
- "alibaba p6 seattle base?" asks the base (no band per level: said), and "actually i'm p7 not
  p6" asks it again of P7; "can you summarize what i should ask for?" after an offer is the
  counter;
- "hows the interview process structured" leads with its steps; "what langs can i use" after a
  coding question goes on with the interview talk (a short form is no off-topic word).

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.place_names import places_in
from assistant.understanding.titles import levels_asked


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.parametrize(
    ("text", "levels"),
    [
        ("same but for staff", ("staff",)),
        ("what about staff?", ("staff",)),
        ("does alibaba hire for staff?", ()),
        ("do they have food for staff at the office", ()),
        ("senior vs staff gap at alibaba?", ("senior", "staff")),  # (set against a level)
        ("our staff vs their staff", ()),
    ],
)
def test_staff_asked_again_is_a_level(text, levels):
    assert levels_asked(text) == levels


@pytest.mark.integration
@pytest.mark.parametrize("again", ["same but for staff", "what about staff?"])
def test_a_band_asked_again_of_staff_says_there_is_no_staff_band(coach, again):
    _, answer = converse(coach, "whats the base for devops at anyscale nyc", again)
    assert not answer.refused
    assert answer.answer.startswith("The guides have no band for staff")
    assert "$163K–$213K" in answer.answer


@pytest.mark.integration
def test_which_one_has_more_stock_compares_the_two_rows(coach):
    _, answer = converse(
        coach, "alibaba hangzhou vs beijing total comp", "which one has more stock?"
    )
    assert answer.intent == "comp"
    first = answer.answer.split("\n", 1)[0]
    assert "CNY 150K–CNY 460K" in first and "CNY 160K–CNY 480K" in first
    assert "tops out CNY 20K higher" in first


@pytest.mark.integration
def test_the_other_company_after_a_comparison_is_its_compared_row(coach):
    *_, answer = converse(
        coach,
        "compare alibaba seattle and anyscale sf base",
        "what about the first one's bonus?",
        "and the other company?",
    )
    assert "no row for Seattle" not in answer.answer
    assert answer.answer.startswith("**Bonus** for Anyscale · DevOps Engineer · San Francisco")


@pytest.mark.integration
def test_the_other_one_after_moving_to_another_company_is_the_first_company_s_row(coach):
    *_, other, which = converse(
        coach,
        "alibaba seattle devops base?",
        "and anyscale nyc?",
        "ok and the other one's equity?",
        "which is higher?",
    )
    assert other.answer.startswith("**Stock (RSU/4yr)** for Alibaba · DevOps Engineer · Seattle")
    assert "Anyscale New York tops out $28K higher" in which.answer.split("\n", 1)[0]


@pytest.mark.integration
def test_a_level_named_after_another_company_is_that_company_s(coach):
    answer = coach.ask("is alibaba p7 like anyscale senior?").answer
    first = answer.split("\n", 1)[0]
    assert first.startswith("The guides say nothing about a senior level at Anyscale:")
    assert "Anyscale's guide maps" in first and "Alibaba's guide maps" in first


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("cuanto paga anyscale en londres", "london"),
        ("alibaba singapur gehalt", "singapore"),
        ("anyscale nueva york salario", "new york"),
    ],
)
def test_places_named_in_other_languages(text, place):
    assert [m.place for m in places_in(text)] == [place]


@pytest.mark.integration
def test_pay_asked_in_spanish_is_a_pay_question(coach):
    answer = coach.ask("hola, cuanto paga anyscale en londres para devops? base y bonus por favor")
    assert answer.intent == "comp"
    assert "London" in answer.answer.split("\n", 1)[0]
    assert answer.answer.count("The whole row") == 1


@pytest.mark.integration
def test_why_a_counter_figure_explains_it_and_leaves_the_offer_alone(coach):
    offer = "alibaba sunnyvale offer: 180k base, 100k rsu over 4 years, 15% bonus. what to counter?"
    _, why, email = converse(coach, offer, "why 155k rsu?", "write the email")
    assert why.intent == "counter"
    assert why.answer.startswith("Your stock ($100K over 4 years)")
    assert "$155K = offer RSU $100K + RSU increment" in why.answer[:300]
    assert "stock $155K over 4 years" in email.answer  # (the offer's RSU is still $100K)


@pytest.mark.parametrize("text", ["in 3 sentences", "just in two lines please"])
def test_a_length_in_sentences_asks_the_short_draft(text):
    from assistant.understanding.draft_request import draft_style_requested

    assert draft_style_requested(text) == "short"


@pytest.mark.integration
def test_the_passage_a_coverage_statement_promises_follows_it(coach):
    answer = coach.ask("is the alibaba bonus guaranteed").answer
    first, rest = answer.split("\n", 1)
    assert "what they say about performance-based follows" in first
    assert "a performance-based annual bonus" in rest[:400]


@pytest.mark.integration
def test_a_german_follow_up_per_month_keeps_the_region(coach):
    _, answer = converse(
        coach,
        "hallo! anyscale london, devops. wie hoch ist die base range? mein offer ist £140K",
        "und das maximum davon pro monat? so rechnen wir in deutschland",
    )
    assert answer.answer.startswith("Base salary per month: about £10.7K–£13.8K before tax")


@pytest.mark.integration
def test_a_place_alone_after_pay_turns_asks_its_pay(coach):
    *_, answer = converse(
        coach,
        "huawei cloud guide: devops base in shenzhen?",
        "ok, alibaba then, same city",
        "fine — hangzhou",
    )
    assert not answer.refused and answer.intent == "comp"
    assert "CNY 400K–CNY 740K" in answer.answer


@pytest.mark.integration
def test_what_an_offer_stock_figure_means_is_said_first(coach):
    answer = coach.ask(
        "anyscale sf devops gave me 150k in rsus. what does 'rsu/4yr' even mean, is that 150k "
        "every year?"
    ).answer
    assert answer.startswith(
        "Your $150K of stock is a grant vesting over 4 years, not a yearly figure: about $37.5K "
        'a year ($150K ÷ 4); the guide\'s "Stock (RSU/4yr)" figures are grants over 4 years too'
    )


@pytest.mark.integration
def test_a_wh_question_with_is_in_it_is_no_yes_or_no_question(coach):
    answer = coach.ask(
        "for alibaba devops singapore what is the base band per month? lowest and highest pls"
    ).answer
    assert answer.startswith("Base salary per month: about SGD 9.2K–SGD 14.2K before tax")
    assert "top of the base salary band" not in answer  # ("lowest and highest": the range)


@pytest.mark.integration
def test_a_rivals_figure_put_right_changes_that_offer_and_keeps_the_counter(coach):
    offer = (
        "alibaba sunnyvale offer: 190k base, 120k rsu over 4 years, 15% bonus. my google sre "
        "offer is 310k tc. what do i counter with"
    )
    _, fixed, short = converse(
        coach, offer, "typo, google is 350 not 310. still the same ask?", "shorter pls"
    )
    assert not fixed.refused and fixed.intent == "counter"
    assert fixed.answer.startswith("Your base ($190K)")
    assert "Google: total comp $350K" in fixed.answer
    assert "offer from Google at $350K total comp" in short.answer
    assert "$310K" not in short.answer.split("```text", 1)[1]


@pytest.mark.integration
def test_a_place_named_in_a_question_of_no_pay_brings_no_pay_row(coach):
    answer = coach.ask(
        "Im on an F1 OPT right now. for the alibaba devops role in sunnyvale do i need mandarin, "
        "and will they sponsor an h1b?"
    ).answer
    assert "Mandarin" in answer
    assert "$155K–$220K" not in answer and "| Base Salary |" not in answer


@pytest.mark.integration
def test_a_pay_word_that_measures_a_lacking_topic_asks_no_band(coach):
    answer = coach.ask(
        "just got the anyscale devops offer in sf. how many weeks of parental leave do they give "
        "and is it fully paid or some % of base?"
    )
    assert answer.refused and "parental leave" in answer.answer.split("\n", 1)[0]
    assert "$168K" not in answer.answer
    both = coach.ask("anyscale sf parental leave? and whats the base")  # (the base asked too)
    assert not both.refused and "$168K–$218K" in both.answer


@pytest.mark.parametrize(
    ("text", "at", "measure"),
    [
        ("fully paid or some of base", 5, True),
        ("is it 50 percent of my base", 6, True),
        ("60 of base", 2, True),
        ("whats the base", 2, False),
        ("most of base is cash", 2, False),
    ],
)
def test_a_pay_word_after_a_share_of_measures_something_else(text, at, measure):
    from assistant.understanding.words import as_a_measure

    assert as_a_measure(text.split(), at) is measure


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    [
        "is the alibaba devops onsite actually in person?",
        "will i have to fly out for the alibaba onsite",
    ],
)
def test_in_person_is_answered_by_the_guides_often_virtual(coach, question):
    assert "(often virtual)" in coach.ask(question).answer.split("\n", 1)[0]


@pytest.mark.integration
def test_an_everyday_word_for_a_guide_word_is_no_unheld_term(coach):
    answer = coach.ask(
        "whats the name of alibaba's homegrown distributed OS? i keep blanking on it and want to "
        "drop it in the hiring manager round lol. and roughly how many servers does it run"
    ).answer
    assert "say nothing about homegrown" not in answer
    assert "Apsara" in answer.split("\n", 1)[0]


@pytest.mark.integration
def test_a_level_code_beside_a_pay_word_asks_that_pay(coach):
    asked, fixed = converse(coach, "alibaba p6 seattle base?", "actually i'm p7 not p6")
    assert asked.intent == "comp" and fixed.intent == "comp"
    assert asked.answer.startswith("The guides have no separate band for P6")
    assert "$150K–$215K" in asked.answer
    assert "P7" in fixed.answer.split("\n", 1)[0] and "Seattle (US)" in fixed.answer


@pytest.mark.integration
def test_what_i_should_ask_for_after_an_offer_is_the_counter(coach):
    _, summary = converse(
        coach,
        "anyscale nyc offer 180k base 140k rsu 4y",
        "thanks! can you summarize what i should ask for?",
    )
    assert summary.intent == "counter" and "ask for $213K" in summary.answer[:300]


@pytest.mark.integration
def test_how_the_process_is_structured_leads_with_its_steps(coach):
    answer = coach.ask("hows the alibaba interview process structured").answer
    assert answer.startswith("Generally, the process begins with a recruiter screen")


@pytest.mark.integration
def test_a_short_form_follow_up_is_not_taken_off_topic(coach):
    _, langs = converse(
        coach,
        "ali devops coding q about top 5 ips from a log - how big is the file in that one",
        "what langs can i use",
    )
    assert not langs.refused and langs.intent == "interview"
