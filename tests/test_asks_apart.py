"""Messages that ask more than one thing, or ask about a thing the guides hold only in part,
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer): each ask is
answered or named as not covered, a comparison stays a comparison on follow-ups, and a guide FAQ
close in meaning to the question leads.

Leaves out: the wording of the gap sentences beyond the names they must carry.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse, first_sentence  # each turn with the history so far

from assistant.coach import Coach

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_held_ask_beside_a_gap_is_answered_and_the_gap_named_first(coach):
    answer = coach.ask(
        "give me every lever the alibaba guide lists. also can i make h1b sponsorship part "
        "of the negotiation"
    )
    first = answer.answer.split("\n", 1)[0]
    assert not answer.refused and "visa sponsorship" in first
    assert "Sign-On Bridge" in answer.answer and "Cloud/SRE Offer" in answer.answer


def test_a_gap_alone_is_still_refused(coach):
    answer = coach.ask("can i make h1b sponsorship part of my alibaba negotiation?")
    assert answer.refused and "visa sponsorship" in answer.answer


def test_a_topic_held_only_under_a_broader_name_says_so_first(coach):
    answer = coach.ask("how many hours a week do alibaba devops people actually work")
    first = answer.answer.split("\n", 1)[0]
    assert "hours a week" in first and "work-life balance" in first
    assert "high-performance culture" in answer.answer and not answer.refused


def test_a_task_the_guides_lack_after_an_interview_answer_is_refused(coach):
    _, second = converse(
        coach,
        "whats the difference between hire and strong hire at alibaba devops interviews",
        "cool can you review my resume for that role?",
    )
    assert second.refused and "resume" in second.answer


def test_a_term_no_guide_uses_is_named_with_no_company_asked(coach):
    answer = coach.ask("is the CKA cert worth it for landing devops jobs in general")
    assert "CKA" in answer.answer.split("\n", 1)[0]


def test_ali_is_alibaba_and_its_level_is_placed_by_the_mapping_line(coach):
    answer = coach.ask(
        "currently p6 devops at ali hangzhou, thinking of jumping to google sre. roughly "
        "which L is that"
    )
    assert not answer.refused and "L3-L5 SRE at Google" in answer.answer[:200]


def test_a_level_code_the_mapping_does_not_span_is_named(coach):
    answer = coach.ask(
        "new grad here, would alibaba bring me in as p4 devops or is that not a thing"
    )
    first = answer.answer.split("\n", 1)[0]
    assert "P4" in first and "P5-P7" in first


def test_a_comparison_follow_up_compares_the_same_rows_again(coach):
    first, second = converse(
        coach,
        "comparing offers: alibaba sunnyvale vs anyscale sf for devops — base ranges?",
        "which one has the higher bonus",
    )
    assert "$155K–$220K" in first.answer and "$168K–$218K" in first.answer
    lead = second.answer.split("\n", 1)[0]
    assert "**Bonus**" in lead and "15%" in lead and "5–10%" in lead


def test_an_offer_given_once_is_not_compared_with_itself(coach):
    *_, third = converse(
        coach,
        "beijing ali devops offer: 48w base, 20w rsu, 15% bonus. i'm nervous it's low",
        "hmm they also said i could join the hangzhou hq team instead. would the band be better",
        "and bonus there vs beijing?",
    )
    assert "year by year" not in third.answer and "15–25%" in third.answer


def test_a_guide_faq_close_in_meaning_leads_with_its_answer(coach):
    answer = coach.ask("do i need to speak chinese for alibaba devops in seattle")
    assert answer.answer.startswith("It depends on the specific team")


def test_the_sentence_going_on_about_the_lead_comes_with_it(coach):
    answer = coach.ask("what do the alibaba devops phone screens cover?")
    assert "Linux internals" in answer.answer.split("\n", 1)[0]


def test_a_take_home_the_guide_lacks_is_named_and_its_process_follows(coach):
    *_, second = converse(
        coach, "what do the alibaba devops phone screens cover?", "any take-home after that?"
    )
    assert not second.refused and "take-home" in second.answer.split("\n", 1)[0]
    assert "interview process" in second.answer.split("\n", 1)[0]


def test_a_take_home_at_a_company_with_no_interview_guide_is_refused(coach):
    answer = coach.ask("does anyscale give a take home for devops candidates?")
    assert answer.refused and "Anyscale" in answer.answer and "3 to 5" not in answer.answer


def test_levers_resting_on_what_the_user_lacks_do_not_lead(coach):
    answer = coach.ask(
        "zero competing offers rn. what leverage do i actually have with alibaba then?"
    )
    first = answer.answer.split("\n", 1)[0]
    assert "Hyperscale Experience" in first and "Sign-On Bridge" in first
    assert "Cloud/SRE Offer" not in first


def test_an_unhyphenated_sign_on_is_a_sign_on_and_the_users_words_are_named(coach):
    answer = coach.ask(
        "how big of a sign on can i push alibaba for? and if i leave in yr 1 do i have to pay "
        "it back"
    )
    assert "pay it back" in answer.answer.split("\n", 1)[0] and "Sign-On Bridge" in answer.answer
    taxed = coach.ask("alibaba seattle devops base? and what is that after tax in WA roughly")
    assert "after tax" in taxed.answer.split("\n", 1)[0] and "$150K–$215K" in taxed.answer


def test_a_walk_away_question_leads_with_the_guides_floor_or_says_there_is_none(coach):
    _, second = converse(
        coach,
        "anyscale sf offered 200k base + 180k equity. where am i",
        "what if they say no, whats my walk away number",
    )
    assert second.answer.startswith("The guide's floor: At $213K, I commit. [1] My floor is $198K")
    alibaba = coach.ask("what's my walk-away number with alibaba seattle?")
    assert alibaba.refused  # (asked alone, of a guide that states none: nothing held is asked)
    assert "the Alibaba guide states no walk-away number" in alibaba.answer.split("\n", 1)[0]
    assert "$198K" not in alibaba.answer


def test_an_employer_the_level_map_does_not_name_is_said_so_once(coach):
    answer = coach.ask("does anyscale list a meta equivalent at all")
    assert answer.answer.startswith("Anyscale's level map names no Meta level.")
    bytedance = coach.ask("what's a bytedance 2-2 at alibaba devops level wise").answer
    assert bytedance.lower().count("bytedance") == 1


def test_out_of_corpus_asks_are_refused_naming_what_is_missing(coach):
    tencent = coach.ask("what does tencent pay devops in shenzhen? have a t10 offer")
    assert tencent.refused and "Tencent" in tencent.answer and "Shenzhen" in tencent.answer
    layoffs = coach.ask("heard alibaba cloud did layoffs this year. is the devops org safe to join")
    assert layoffs.refused and "layoffs" in layoffs.answer.split("\n", 1)[0]
    quitting = coach.ask("burnt out af. should i quit my job before i have an offer lined up")
    assert quitting.refused and "resigning" in quitting.answer
    assert "I need your offer" not in quitting.answer


def test_a_language_named_like_an_everyday_word_is_named_when_the_guides_lack_it(coach):
    answer = coach.ask("i write mostly rust these days. can i use it in alibaba's coding rounds?")
    assert "rust" in answer.answer.split("\n", 1)[0].lower() and not answer.refused


def test_the_lowest_base_to_accept_is_the_scripts_floor(coach):
    answer = coach.ask("whats the lowest base i should accept from anyscale")
    assert answer.answer.startswith("The guide's floor: At $213K, I commit. [1] My floor is $198K")


def test_a_topic_is_named_once_in_the_users_spelling(coach):
    answer = coach.ask(
        "i was the oncall when a node died mid way through a 3 day training run. since then i "
        "built our auto-healing. how do i use that with anyscale?"
    )
    first = answer.answer.split("\n", 1)[0]
    assert first.count(" nothing about ") == 1 and "oncall" in first


def test_a_second_place_without_a_row_and_levels_asked_with_pay_are_named(coach):
    dublin = coach.ask(
        "anyscale role listed as london but they might employ me out of dublin in euros. what "
        "band do i use"
    )
    assert "no row for Dublin" in dublin.answer.split("\n", 1)[0] and "£128K–£166K" in dublin.answer
    levels = coach.ask("seattle alibaba devops — what should a p7 pull vs a p5? tc wise")
    assert "P7" in levels.answer.split("\n", 1)[0] and "$205K–$330K" in levels.answer


def test_pay_for_a_topic_is_no_band_question(coach):
    answer = coach.ask("how bad is on call for alibaba devops and do they pay extra for pager duty")
    assert "| Region |" not in answer.answer and "on-call" in answer.answer


def test_the_stock_row_shows_the_guides_grant_beside_the_per_year_range(coach):
    answer = coach.ask("anyscale sf offer: 190k base, 140k rsu over 4 years, 8% bonus. counter?")
    row = next(line for line in answer.answer.splitlines() if line.startswith("| Stock"))
    assert "$31.2K–$57K a year ($125K–$228K over 4 years)" in row


def test_a_percentage_band_in_the_counter_table_is_written_as_the_guide_writes_it(coach):
    answer = coach.ask("ali beijing devops offer: 40w base, 25w rsu over 4y, 15% bonus. counter?")
    row = next(line for line in answer.answer.splitlines() if line.startswith("| Bonus"))
    assert "15–25%" in row


def test_two_offers_each_sit_in_their_own_companys_band(coach):
    answer = coach.ask(
        "two offers: anyscale nyc devops $180k base / $160k rsu 4y / 7% bonus, and alibaba "
        "seattle devops $175k base / $110k rsu 4y / 15% bonus. which base sits better?"
    )
    assert "no row for Seattle" not in answer.answer
    assert "its base $175K against the guide's Seattle (US) band $150K–$215K" in answer.answer


def test_a_lever_question_about_a_guide_passage_leads_with_the_sentence_that_answers(coach):
    answer = coach.ask(
        "i ran a ~20k machine fleet. how many servers does alibaba's own distributed os manage "
        "per ur notes? want to say my fleet experience maps over without overselling"
    )
    assert "millions of servers" in answer.answer[:300]


def test_a_topic_the_guides_lack_is_named_on_a_counter_question_too(coach):
    answer = coach.ask(
        "anyscale sf: 180k base / 130k rsu over 4y / 5%. what do i counter with, and should i "
        "also ask for double-trigger acceleration on the rsus"
    )
    assert "vesting acceleration" in answer.answer[:200] and "$213K" in answer.answer
    answer = coach.ask("anyscale sf offer 180k base, is this a lowball?")  # (pay slang: no gap)
    assert "nothing about" not in answer.answer


def test_the_one_component_asked_about_leads_a_counter(coach):
    answer = coach.ask(
        "anyscale sf already gave me 215k base which i'm happy with. only want a signing bonus — "
        "how much do i ask"
    )
    assert answer.answer.startswith("Sign-on bonus: ask for **$25K**")


def test_a_seniority_word_and_a_numbered_title_are_named_as_asked(coach):
    senior = coach.ask("does anyscale have a senior devops level or just one title?")
    assert senior.answer.startswith(
        "The guides say nothing about a senior level at Anyscale (no senior DevOps title)"
    )
    sde = coach.ask("amazon SDE II (not sysde) → alibaba devops level?")
    assert "nothing about SDE II" in sde.answer[:200]


def test_an_offer_known_by_its_region_with_a_rival_told_after_it_is_placed(coach):
    """The user's own offer comes first (a region only one company has, and its figures); the
    employer named after it beside offer words is a competing offer, not the subject."""
    answer = coach.ask(
        "beijing devops offer: base 60w, rsu 30w over 4 years, 20% bonus. meituan is offering "
        "more cash. where does each part sit vs the usual range and what do i push on"
    )
    assert not answer.refused and "Your Alibaba offer" in answer.answer
    assert "CNY 380K–CNY 710K" in answer.answer and "CNY 150K–CNY 460K" in answer.answer
    told_first = coach.ask("amazon offered me 300k base in seattle. is that good?")
    assert told_first.refused and "Amazon" in told_first.answer.split("\n", 1)[0]


def test_an_aspect_of_a_held_topic_the_guides_lack_is_named(coach):
    """The Alibaba guide mentions on-call rotations but not their pay or frequency."""
    pay = coach.ask("do alibaba devops folks get paid extra for on call?")
    assert pay.refused and "on-call pay" in pay.answer.split("\n", 1)[0]
    often = coach.ask("how often is the on-call rotation for alibaba devops?")
    assert often.refused and "on-call frequency" in often.answer.split("\n", 1)[0]
    both = coach.ask("how bad is on call for alibaba devops and do they pay extra for it")
    lead, rest = both.answer.split("\n", 1)
    assert not both.refused and "on-call pay" in lead
    assert "on-call rotations" in rest  # what the guide does say about on-call follows
    held = coach.ask("is on-call part of the alibaba devops job?")
    assert not held.refused and "nothing about" not in held.answer.split("\n", 1)[0]


def test_a_stock_plan_named_with_the_word_stock_is_not_a_stock_band_question(coach):
    espp = coach.ask("does alibaba have an employee stock purchase plan? whats the discount")
    assert espp.refused and "ESPP" in espp.answer.split("\n", 1)[0]
    schedule = coach.ask("what's the rsu vesting schedule at anyscale sf?")  # rsu: the band too
    assert not schedule.refused and "$125K–$228K" in schedule.answer


def test_another_employers_loop_asked_by_name_is_refused_naming_it(coach):
    google = coach.ask(
        "u have that alibaba interview prep thing — got one for google's sre loop too?"
    )
    assert google.refused and "no Google interview guide" in google.answer.split("\n")[0]
    both = coach.ask("what does alibaba's devops interview look like compared to google's loop?")
    assert not both.refused and "no Google interview guide" in both.answer.split("\n")[0]


def test_a_bonus_with_one_figure_is_shown_as_that_figure(coach):
    answer = coach.ask("alibaba seattle devops offer: base 170k, rsu 100k over 4 yrs, 15% bonus")
    assert "| Bonus | 15% | 15% [1] | within |" in answer.answer and "15–15%" not in answer.answer


def test_an_ask_about_the_job_is_not_a_pay_question_for_pay_words_told_around_it(coach):
    answer = coach.ask(
        "built a self-healing layer for our batch jobs (auto restart, drain bad nodes). does "
        "anyscale's devops role involve anything like that? trying to rank what to emphasize "
        "in the comp convo"
    )
    assert answer.intent == "general" and "auto-healing" in first_sentence(answer.answer)
    assert "nothing about convo" not in answer.answer  # chat words are no topic
