"""Offers addressed, decisions asked, every office asked and asks told in passing, through the
real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure rules:

- "anyscale offer expires friday. write me an email asking anyscale for 2 more wks" after an
  Alibaba question is about Anyscale's offer (the company written to), and names the offer
  deadline as not covered ("for 2 more wks" asks for more time);
- "what does the guide say about work-life balance?" asks the guide's words, not a line to say;
- "bonus is 15% in every office right? including hangzhou" gives each office's bonus;
- "i also have microsoft (azure SRE) at $285K TC" under a pasted offer letter is a rival's offer:
  the counter, not a refusal about Microsoft;
- "should i take it?" names the decision as the user's, not the guides', then places the offer;
- "do they pay relocation from sg" keeps the talk's region (Singapore is where the user moves
  from), and asks no pay of the start date beside it ("…and also to start in September");
- "anyway the actual question: is 118k base a lowball…" at the end of a long story asks that;
  "ok whatever, just tell me the base + stock band there" asks for the band;
- "can u make it talking points" after a draft is the phone script; "rsu is maxed out" is a
  component that will not move; "make up for the bonus i'm walking away from" asks for the
  sign-on lever;
- "two things: how long does hiring take…, and what's the seattle base?" answers both.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse, first_sentence

from assistant.coach import Coach
from assistant.compose.aspects import aspects_asked
from assistant.understanding.asks import FIXED_COMPONENT, asked_sentences, topics_asked
from assistant.understanding.draft_request import draft_style_requested
from assistant.understanding.entities import match_region
from assistant.understanding.held_offers import offer_from
from assistant.understanding.intents import best_intent, intent_scores
from assistant.understanding.words import normalize


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_the_company_written_to_is_the_one_whose_offer_is_talked_of(coach):
    _, answer = converse(
        coach,
        "how long is alibabas devops process start to finish",
        "anyscale offer expires friday. write me an email asking anyscale for 2 more wks",
    )
    lead = first_sentence(answer.answer)
    assert "Anyscale" in lead and "deadline" in lead
    assert "Cloud/SRE Offer" not in answer.answer  # (not Alibaba's levers)


@pytest.mark.parametrize(
    "said", ["ask for 2 more wks", "weeks to decide", "extra week", "more weeks to"]
)
def test_everyday_words_for_a_deadline_extension_name_it(said):
    assert "deadline" in [t.key for t in topics_asked(f"the {said} thing")]


def test_what_a_guide_says_is_not_a_line_to_say():
    said = intent_scores(normalize("what does the guide say about work-life balance?"), False)
    assert said["lever"] == 0
    asked = intent_scores(normalize("what do i say to the recruiter?"), False)
    assert asked["lever"] > 0


def test_every_office_asked_gives_each_offices_figure(coach):
    answer = coach.ask("alibaba devops bonus is 15% in every office right? including hangzhou")
    lead = first_sentence(answer.answer)
    assert "Seattle (US) **15%**" in lead and "Hangzhou (HQ) **15–25%**" in lead
    one = coach.ask("alibaba hangzhou devops bonus?")
    assert "Seattle" not in one.answer


def test_a_rival_held_at_figures_a_few_words_after_its_name_is_an_offer():
    assert offer_from(normalize("i also have microsoft (azure SRE) at $285K TC"), "Microsoft")
    assert not offer_from(normalize("i used microsoft azure at work for 3 years"), "Microsoft")


def test_a_rival_under_a_pasted_letter_gets_the_counter(coach):
    answer = coach.ask(
        "recruiter email:\n\"Hi Sam — we're delighted to offer you the DevOps Engineer role in "
        "Sunnyvale. Base: $176,000. RSUs: $110,000 vesting over four years. Annual bonus "
        'target: 15%."\ni also have microsoft (azure SRE) at $285K TC. pls draft the counter'
    )
    assert not answer.refused and answer.intent == "counter"
    assert "$176K" in first_sentence(answer.answer)
    assert "I also hold an offer from Microsoft at $285K total comp" in answer.answer


def test_whether_to_take_an_offer_is_named_then_the_offer_is_placed(coach):
    answer = coach.ask(
        "anyscale sf devops offer: 210k base, 220k rsu/4y, 10% bonus. should i take it? no "
        "other offers"
    )
    assert "whether to take the offer" in first_sentence(answer.answer)
    assert not answer.refused and "$168K–$218K" in answer.answer[:600]
    alone = coach.ask("be honest, should i take the anyscale offer? im at stripe")
    assert alone.refused and "whether to take the offer" in alone.answer


def test_relocation_from_a_place_keeps_the_talks_region():
    regions = ["Hangzhou (HQ)", "Singapore"]
    assert match_region("and tc? also do they pay relocation from sg", regions) is None
    assert match_region("what's the tc in sg?", regions).label == "Singapore"


def test_a_pay_word_asks_pay_only_of_the_topic_in_its_clause():
    start = topics_asked("can i ask them to pay relocation and also to start in september?")
    by_key = {t.key: t for t in start}
    asking = "can i ask them to pay relocation and also to start in september?"
    assert "pay" in aspects_asked(by_key["relocation"], asking)
    assert "pay" not in aspects_asked(by_key["start_date"], asking)
    on_call = topics_asked("is there on call and do they pay for it?")[0]
    assert "pay" in aspects_asked(on_call, "is there on call and do they pay for it?")


def test_the_actual_question_after_a_long_story_is_what_is_asked(coach):
    story = (
        "been at a logistics startup in jurong for 4 yrs doing the jenkins -> argo migration. "
        "after 5 rounds (the linux deep dive was brutal) they made an offer for devops engineer "
        "at alibaba singapore: SGD 118k base, SGD 55k rsu over 4 yrs, 15% bonus. anyway the "
        "actual question: is 118k base a lowball for alibaba sg or is it normal"
    )
    assert asked_sentences(story).startswith("anyway the actual question")
    answer = coach.ask(story)
    assert answer.intent == "counter" and "SGD 110K–SGD 170K" in first_sentence(answer.answer)
    assert "jenkins" not in answer.answer.lower()


def test_just_tell_me_asks():
    text = "ok whatever, just tell me the base + stock band there. my offer is 172 / 110"
    assert asked_sentences(text) == "ok whatever, just tell me the base + stock band there."


def test_talking_points_are_the_phone_script():
    assert draft_style_requested("they want to do it over the phone instead") == "phone"
    assert draft_style_requested("can u make it talking points") == "phone"


def test_a_maxed_out_component_will_not_move():
    assert FIXED_COMPONENT.search("and if they say rsu is maxed out for the level?")
    assert not FIXED_COMPONENT.search("what's the max stock in seattle?")


def test_making_up_for_a_forfeited_bonus_asks_for_the_sign_on_lever(coach):
    *_, answer = converse(
        coach,
        "can i get alibaba sunnyvale to push my devops start date back 2 months?",
        "ok then can i get them to make up for the bonus i'm walking away from?",
    )
    assert "Sign-On Bridge" in first_sentence(answer.answer)


def test_two_asks_without_question_marks_are_both_answered(coach):
    words = normalize("how long does alibaba's devops hiring take start to finish")
    assert best_intent(intent_scores(words, False)) == "interview"
    answer = coach.ask(
        "two things: how long does alibaba's devops hiring take start to finish, and what's "
        "the seattle base?"
    )
    assert "4 to 6 weeks" in first_sentence(answer.answer) and "$150K–$215K" in answer.answer
