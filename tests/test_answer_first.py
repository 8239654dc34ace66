"""The answer to the question asked, first (issue: "Answer the question that was asked"): every
example of the issue through the real pipeline (real MiniLM, Chroma on disk, the built-in
composer), checked on the answer's first sentence; and a guide for a company no code knows,
whose levels, regions and named competitors work with no code change."""

from __future__ import annotations

import shutil

import pytest

from assistant.coach import Coach
from assistant.config import Settings

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def first_sentence(text: str) -> str:
    return text.strip().split("\n", 1)[0]


def converse(coach: Coach, *questions: str):
    history, answers = [], []
    for question in questions:
        answer = coach.ask(question, history=history)
        answers.append(answer)
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.answer},
        ]
    return answers


def test_a_role_the_guides_lack_is_named_first_then_what_they_hold(coach):
    answer = coach.ask("whats a data scientist paid at alibaba hangzhou?")
    lead = first_sentence(answer.answer)
    assert "data scientist" in lead and "no" in lead.lower() and "DevOps Engineer" in lead
    assert not answer.refused and "CNY 400K–CNY 740K" in answer.answer  # labelled, below


@pytest.mark.parametrize(
    ("question", "named"),
    [  # told in one sentence, asked about as "it" in the next
        (
            "my manager came back with a retention bonus so i stay. is it worth taking over "
            "the anyscale offer?",
            "counteroffer from your current employer",
        ),
        (
            "alibaba is sending me from beijing to singapore. will they cover school fees and "
            "home leave?",
            "expat package",
        ),
    ],
)
def test_a_topic_told_then_asked_about_is_refused_naming_it(coach, question, named):
    answer = coach.ask(question)
    assert answer.refused and named in first_sentence(answer.answer)
    assert "SGD" not in answer.answer and "$213K" not in answer.answer  # no neighbouring band


def test_a_story_told_then_asked_how_to_use_is_not_refused(coach):
    answer = coach.ask(
        "i was on call when our cluster melted down last year and i rebuilt the alerting. "
        "how do i use that with alibaba?"
    )
    assert not answer.refused and "[1]" in answer.answer


def test_a_company_with_no_interview_guide_is_said_so(coach):
    answer = coach.ask("what about anyscale — what are their devops interview rounds like?")
    assert answer.refused and "no Anyscale interview guide" in first_sentence(answer.answer)


def test_interviews_at_a_company_without_a_guide_get_no_other_companys_loop(coach):
    answer = coach.ask(
        "anyscale devops technical deep dive next week. will they ask about raylet internals "
        "or terraform, and how many onsite sessions? i only found alibaba's prep"
    )
    assert answer.refused and "no Anyscale interview guide" in first_sentence(answer.answer)
    assert "3 to 5" not in answer.answer  # Alibaba's onsite, not Anyscale's


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("how many PTO / vacation days does anyscale give per year?", "PTO"),
        ("does alibaba sponsor h1b visas for devops engineers in seattle?", "visa"),
    ],
)
def test_a_topic_no_guide_mentions_is_refused_naming_it(coach, question, named):
    answer = coach.ask(question)
    assert answer.refused and named in first_sentence(answer.answer)
    assert not answer.citations and "$" not in answer.answer


def test_refreshers_and_a_cliff_are_named_as_not_covered(coach):
    answer = coach.ask("does anyscale do yearly rsu refreshers, and is there a 1 year cliff?")
    lead = first_sentence(answer.answer)
    assert "refreshers" in lead and "cliff" in lead and "nothing about" in lead


def test_a_level_with_no_band_cites_the_guides_level_mapping(coach):
    answer = coach.ask("what does a P8 / staff level devops at alibaba make?")
    lead = first_sentence(answer.answer)
    assert lead.startswith("The guides have no band for P8") and "P5-P7" in lead
    mapping = answer.citations[0]
    assert "Level Mapping" in mapping.quote


def test_a_level_held_at_another_employer_is_placed_by_the_guides_level_map(coach):
    pay = coach.ask(
        "i'm google L4 sre, what would i be at alibaba and what's the pay in sunnyvale?"
    )
    lead = first_sentence(pay.answer)
    assert "L3-L5 SRE at Google" in lead and "P5-P7" in lead and "no band" not in lead
    assert "$155K–$220K" in pay.answer
    meta = coach.ask("im at meta as IC4, whats the equivalent at alibaba")
    assert "IC3-IC5 PE at Meta" in first_sentence(meta.answer)


def test_the_users_own_offer_does_not_pick_the_competing_offer_lever(coach):
    answer = coach.ask("give me a script to counter alibaba's devops offer")
    assert "Cloud/SRE Offer" not in first_sentence(answer.answer)
    assert "Singles' Day" in answer.answer[:300]  # the guide's Negotiate Up script


def test_levels_the_guides_lack_are_named_on_a_level_question(coach):
    answer = coach.ask(
        "new grad here, what level would alibaba hire me at? is there an entry level?"
    )
    lead = first_sentence(answer.answer)
    assert "new grad" in lead and "entry level" in lead and "P5-P7" in lead
    assert "grad." not in lead  # not named again as an unknown word
    pay = coach.ask(
        "how much more does a senior devops make than a mid level one at alibaba seattle?"
    )
    assert "senior or mid level" in first_sentence(pay.answer) and "$150K–$215K" in pay.answer


def test_two_asks_in_one_question_are_both_answered(coach):
    answer = coach.ask(
        "how many onsite rounds does alibaba do for devops, and what's the base in singapore?"
    )
    assert "3 to 5" in answer.answer and "SGD 110K–SGD 170K" in answer.answer


def test_a_topic_with_what_the_guide_does_hold_for_the_rest_of_the_question(coach):
    take_home = coach.ask("is there a take home assignment in the alibaba devops interview?")
    assert "take-home assignment" in first_sentence(take_home.answer)
    assert not take_home.refused and "tax" not in take_home.answer.lower()
    retirement = coach.ask("alibaba seattle bonus % and do they do a 401k match?")
    assert "401(k)" in first_sentence(retirement.answer) and "15%" in retirement.answer
    taxed = coach.ask("how are anyscale rsus taxed in the uk?")  # the RSUs are what is taxed
    assert taxed.refused and "tax" in first_sentence(taxed.answer) and "£" not in taxed.answer


def test_rows_in_two_currencies_are_not_compared(coach):
    answer = coach.ask("is the top of alibaba hangzhou tc (1.2M CNY) more than sunnyvale's?")
    assert "no exchange rate" in first_sentence(answer.answer)
    assert "CNY 600K–CNY 1.2M" in answer.answer and "$210K–$340K" in answer.answer


def test_a_refusal_for_a_missing_row_also_names_a_missing_topic(coach):
    _, second = converse(
        coach, "anyscale nyc devops tc?", "is it the same if i'm remote in denver?"
    )
    assert second.refused and "Denver" in second.answer and "remote work" in second.answer


def test_sign_on_figures_of_two_companies_say_whose(coach):
    answer = coach.ask("who'll give a bigger sign-on bonus, anyscale or alibaba?")
    assert "**Anyscale**: " in answer.answer and "**Alibaba**: " in answer.answer
    assert "$25K" in answer.answer[:300]


def test_a_phrase_of_the_guide_is_not_taken_for_a_company(coach):
    answer = coach.ask(
        "How many requests per second does Singles' Day generate for alibaba's infrastructure?"
    )
    assert not answer.refused and "500K+" in answer.answer[:300]


def test_an_offer_names_its_company_by_the_only_company_with_that_region(coach):
    answer = coach.ask("hangzhou offer came in around CNY 800K total. is that fair?")
    assert "Which company" not in answer.answer and "Alibaba" in answer.answer[:200]
    assert "CNY 600K–CNY 1.2M" in answer.answer


def test_how_many_rounds_is_answered_with_the_rounds(coach):
    answer = coach.ask("how many rounds are there in the alibaba devops interview?")
    lead = first_sentence(answer.answer)
    for step in ("recruiter screen", "one or two technical phone screens", "3 to 5"):
        assert step in lead
    assert "Good luck" not in answer.answer


def test_a_correction_answers_for_the_corrected_region(coach):
    _, second = converse(
        coach, "alibaba devops base in singapore?", "sorry i meant seattle not singapore"
    )
    assert not second.refused and "$150K–$215K" in second.answer
    assert "SGD" not in second.answer


def test_same_thing_for_another_region(coach):
    _, second = converse(coach, "anyscale nyc equity and bonus?", "same thing for london")
    assert not second.refused and "£94K–£171K" in second.answer[:200]


def test_an_offer_moved_to_another_region_is_placed_there_and_says_so(coach):
    offer = (
        "I have an Alibaba Seattle offer: $170K base, $100K RSU over 4 years, 15% bonus. Counter?"
    )
    _, sunnyvale, hangzhou = converse(
        coach, offer, "and if it were Sunnyvale instead?", "and in hangzhou?"
    )
    assert sunnyvale.answer.startswith("Your offer was for Seattle (US)")
    assert "$155K–$220K" in sunnyvale.answer  # the Sunnyvale band, not Seattle's again
    lead = first_sentence(hangzhou.answer)
    assert "CNY" in lead and "no exchange rate" in lead


def test_a_competing_offer_the_guide_names_leads_with_its_lever(coach):
    _, second = converse(
        coach, "what levers work for anyscale?", "what would i say if i had an nvidia offer?"
    )
    assert not second.refused
    assert "Competing Infrastructure Offers" in first_sentence(second.answer)


def test_an_offer_from_another_employer_is_not_read_as_the_companys(coach):
    answer = coach.ask(
        "google offered me L4 SRE at $310k tc. how do i use that with alibaba sunnyvale?"
    )
    assert answer.intent == "lever" and "Cloud/SRE Offer" in first_sentence(answer.answer)


# --- a company no code has seen ---------------------------------------------------------------

ZEPHYRINE_GUIDE = """### Site Engineer | Zephyrine Global Negotiation Guide

**Negotiation DNA:** Field robotics in harsh sites | Site Engineers keep robot fleets running

| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |
|--------|-------------|-----------------|-------|------------|
| Lisbon | €70K–€95K | €20K–€40K | 10% | €95K–€140K |
| Rotterdam | €80K–€105K | €25K–€45K | 10% | €105K–€155K |

**Negotiation DNA**

Site Engineers at Zephyrine keep fleets of field robots running in mines and ports. Rivals such
as Helixworks and Boston Dynamics hire the same people, and fleet uptime is the whole business.

**Level Mapping:** Site Engineer at Zephyrine (Z3-Z5) = Helixworks Field Engineer II

**Global Levers**

1. **Rival Offer:** "Helixworks is offering €100K base. I need €95K base to choose Zephyrine."
2. **Fleet Uptime:** "My fleet work keeps robots earning. I'd like a €10K signing bonus."
"""


@pytest.fixture(scope="module")
def unseen(tmp_path_factory, shipped_index) -> Coach:
    from assistant.index.store import VectorIndex

    corpus = tmp_path_factory.mktemp("unseen") / "corpus"
    shutil.copytree(shipped_index.corpus_dir, corpus)
    (corpus / "zephyrine-site-engineer-negotiation.md").write_text(ZEPHYRINE_GUIDE, "utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index")
    VectorIndex(settings).sync(progress=False)
    return Coach(settings, backend="composer")


def test_an_unseen_companys_regions_levels_and_rivals_need_no_code(unseen):
    rotterdam = unseen.ask("zephyrine site engineer base in rotterdam?")
    assert "€80K–€105K" in rotterdam.answer[:200]
    level = unseen.ask("what does a Z7 site engineer make at zephyrine lisbon?")
    lead = first_sentence(level.answer)
    assert "Z7" in lead and "Z3-Z5" in lead
    _, rival = converse(
        unseen, "what levers work for zephyrine?", "what would i say if i had a helixworks offer?"
    )
    assert not rival.refused and "Rival Offer" in first_sentence(rival.answer)
    offer = unseen.ask("got a rotterdam offer: €85K base, €30K RSU over 4 years. fair?")
    assert "Zephyrine" in offer.answer[:300] and "€80K–€105K" in offer.answer


def test_a_currency_the_row_is_not_in_is_named_and_nothing_is_converted(coach):
    answer = coach.ask("whats the anyscale london devops base in usd?")
    lead = first_sentence(answer.answer)
    assert "GBP" in lead and "USD" in lead and "no exchange rate" in lead
    assert "£128K–£166K" in answer.answer and "$" not in answer.answer.split("£128K")[0]


def test_a_term_no_guide_uses_is_named(coach):
    answer = coach.ask("does alibaba ask terraform questions in the devops interview?")
    assert "terraform" in first_sentence(answer.answer) and "nothing about" in answer.answer
    assert not answer.refused  # the interview guide's questions follow, labelled


def test_companies_named_as_context_do_not_take_the_question(coach):
    answer = coach.ask(
        "im negotiating devops at anyscale, i ran production on aws gcp and azure for 5 years. "
        "what levers do i have?"
    )
    assert answer.intent == "lever" and "Anyscale" in answer.answer[:300]
    assert "Alibaba" not in answer.answer


def test_a_what_if_on_one_component_changes_the_offer_given_earlier(coach):
    offer = "anyscale sf offer: 175k base, 130k rsu over 4 years, 5% bonus. good?"
    _, what_if = converse(coach, offer, "what if they bumped base to 190k?")
    assert what_if.intent == "counter" and "$190K" in first_sentence(what_if.answer)
    assert "$168K–$218K" in first_sentence(what_if.answer)


# --- follow-ups as people type them ------------------------------------------------------------


def test_a_level_code_after_a_pay_question_asks_the_same_pay_at_that_level(coach):
    *_, level = converse(coach, "what does alibaba pay devops in singapore", "and a P7?")
    assert first_sentence(level.answer).startswith("The guides have no separate band for P7")
    assert "SGD 110K–SGD 170K" in level.answer


def test_the_same_question_for_a_company_without_that_row_names_the_row(coach):
    _, other = converse(coach, "whats the alibaba devops bonus in beijing?", "and anyscale?")
    assert "no row for Beijing" in first_sentence(other.answer)
    assert not other.refused and "5–10%" in other.answer  # (its own rows, after the lack)


def test_a_content_free_follow_up_continues_the_topic(coach):
    _, after = converse(coach, "alibaba devops interview process?", "and after that?")
    assert not after.refused and "phone screens" in after.answer


def test_a_level_of_another_companys_guide_is_placed_in_that_guide(coach):
    _, p7 = converse(coach, "what google level is anyscale devops?", "what about a P7?")
    lead = first_sentence(p7.answer)
    assert (
        "P7 at Anyscale" in lead
        and "Alibaba's guide maps DevOps Engineer at Alibaba (P5-P7)" in lead
    )


def test_a_word_of_the_guides_in_another_form_is_no_gap(coach):
    _, negotiable = converse(coach, "anyscale london stock range", "is that negotiable?")
    assert "nothing about negotiable" not in negotiable.answer


def test_a_raise_at_the_current_job_is_refused_naming_it(coach):
    answer = coach.ask("how do i ask my current manager for a raise? i'm a devops eng, 3 yrs in")
    assert answer.refused and "raise" in first_sentence(answer.answer)


def test_a_topic_only_told_about_is_named_but_does_not_refuse(coach):
    answer = coach.ask(
        "i was the oncall when a node died mid way through a 3 day training run. since then i "
        "built our auto-healing. how do i use that with anyscale?"
    )
    assert not answer.refused and "node failure" in answer.answer


def test_a_stock_grant_is_shown_beside_the_guides_grant_range(coach):
    answer = coach.ask("alibaba offered 90k rsu in sunnyvale. how much higher can i push the rsus?")
    assert "Your grant: $90K over 4 years; the guide's: $75K–$210K" in answer.answer


def test_a_lever_question_about_a_component_no_lever_asks_for_says_so(coach):
    answer = coach.ask(
        "i care way more about base than rsus. which alibaba lever gets me a higher base?"
    )
    assert first_sentence(answer.answer).startswith("None of the Alibaba guide's levers")
    assert "$45K sign-on" in answer.answer


def test_an_offer_from_an_employer_no_guide_names_is_a_competing_offer(coach):
    answer = coach.ask(
        "anyscale london is lowballing me and i have a deepmind offer. which lever fits?"
    )
    # (its levers name NVIDIA and Databricks, not DeepMind: said first, the lever after it)
    assert first_sentence(answer.answer).startswith("Anyscale's guide names no Deepmind offer")
    assert "Competing Infrastructure Offers" in answer.answer[:300]


def test_experience_told_picks_the_lever_it_fits(coach):
    answer = coach.ask(
        "i run the kubernetes platform at a fintech, ~40 clusters, lots of autoscaling work. "
        "what's my angle negotiating with alibaba?"
    )
    assert "Hyperscale Experience" in first_sentence(answer.answer)
    assert "fintech" not in first_sentence(answer.answer)  # told, not asked


def test_the_bonus_asked_in_money_is_computed_from_the_offers_base(coach):
    answer = coach.ask("anyscale nyc offered 180k base. what does the bonus come to in dollars?")
    lead = first_sentence(answer.answer)
    assert "5–10%" in lead and "$9K–$18K" in lead and "$180K × 5%" in lead
    assert answer.grounding.status == "ok"


def test_a_component_the_employer_will_not_move_leaves_the_other_asks_first(coach):
    *_, stuck = converse(
        coach,
        "anyscale sf offered me 185k base, 140k rsu over 4 yrs, 7% bonus",
        "what should i counter with",
        "what if they won't move on base?",
    )
    lead = first_sentence(stuck.answer)
    assert lead.startswith("If the base salary stays at $185K") and "$222K" in lead
    assert "$25K" in lead and "ask for $213K" not in stuck.answer.split("\n\n")[1]


def test_a_topic_about_the_stock_itself_still_gives_the_stock_figures(coach):
    answer = coach.ask("what's the rsu vesting schedule at anyscale sf?")
    assert not answer.refused and "vesting schedule" in first_sentence(answer.answer)
    assert "$125K–$228K" in answer.answer


def test_the_guides_own_faq_answer_leads_when_it_asks_the_users_question(coach):
    answer = coach.ask("i dont speak mandarin, will that hurt me for alibaba sunnyvale devops?")
    lead = first_sentence(answer.answer)
    assert lead.startswith("It depends on the specific team.") and "English" in lead


def test_example_questions_asked_for_come_before_the_faq(coach):
    answer = coach.ask(
        "what kind of log parsing question do they give in the alibaba coding round?"
    )
    assert "parse a 10GB log file" in answer.answer[:300]


def test_a_compound_of_guide_words_is_no_gap(coach):
    answer = coach.ask("do alibaba interviewers care about teamwork or is it purely technical?")
    assert "say nothing" not in answer.answer and "teamwork" not in first_sentence(answer.answer)


def test_a_title_the_level_map_names_is_placed_by_it(coach):
    answer = coach.ask("amazon SysDE here. what P level range would alibaba map me to?")
    assert "SysDE at Amazon" in first_sentence(answer.answer)
    assert "P5-P7" in first_sentence(answer.answer)
    lateral = coach.ask("aws infrastructure engineer thinking about anyscale devops - same level?")
    lead = first_sentence(lateral.answer)
    assert "AWS Infrastructure Engineer" in lead and "no figures or guide" not in lead


def test_office_days_and_salary_expectations_are_named_as_gaps(coach):
    hybrid = coach.ask("how many days a week in office for alibaba sunnyvale devops? is it hybrid")
    assert hybrid.refused and "remote work" in first_sentence(hybrid.answer)
    assert "$155K" not in hybrid.answer
    screen = coach.ask(
        "recruiter at anyscale wants my salary expectations for the sf role, what number?"
    )
    assert "salary expectations" in first_sentence(screen.answer)
    assert "$168K–$218K" in screen.answer  # what the guide holds stands in, labelled


def test_chinese_wan_shorthand_is_read_as_an_offer(coach):
    answer = coach.ask("alibaba hangzhou offered me 60w base for devops. good or meh")
    lead = first_sentence(answer.answer)
    assert "CNY 600K" in lead and "CNY 400K–CNY 740K" in lead


def test_a_lever_question_with_a_band_component_answers_both(coach):
    answer = coach.ask("anyscale nyc: whats the bonus % and what signing bonus can i ask for")
    assert "$25K signing bonus" in answer.answer and "**5–10%**" in answer.answer


def test_a_duration_the_guide_does_not_give_is_said_first(coach):
    rounds = coach.ask("how long is each onsite round at alibaba, like 45 min? an hour?")
    assert first_sentence(rounds.answer) == (
        "The Alibaba guides do not give the length or duration of each onsite round in minutes "
        "or hours."
    )
    process = coach.ask("how long does alibaba's devops process usually take?")
    assert "4 to 6 weeks" in first_sentence(process.answer)  # a duration the guide gives


def test_how_to_answer_a_question_is_no_request_for_example_questions(coach):
    answer = coach.ask(
        "if alibaba asks me a behavioral q about two teams with conflicting priorities, "
        "how should i frame it"
    )
    assert "customer impact" in first_sentence(answer.answer)


def test_a_sentence_continuing_the_lead_comes_with_it(coach):
    answer = coach.ask("what do alibaba's technical phone screens for devops focus on?")
    assert "Linux internals" in first_sentence(answer.answer)


def test_the_asking_sentence_decides_what_is_asked(coach):
    answer = coach.ask(
        "i have another offer expiring in 3 weeks. how long does alibaba's devops process "
        "usually take from first screen to offer?"
    )
    assert "4 to 6 weeks" in first_sentence(answer.answer)


def test_a_level_at_another_employer_the_map_lacks_is_named(coach):
    answer = coach.ask("google L6 staff sre, where would that land at anyscale?")
    lead = first_sentence(answer.answer)
    assert lead.startswith("The guides say nothing about L6") and "Google L4 SRE" in lead


def test_lever_figures_in_another_currency_than_the_region_say_so(coach):
    answer = coach.ask(
        "london based, interviewing w anyscale devops. i run prod on aws+gcp+azure. "
        "is there a lever for that, and does its number fit london?"
    )
    assert "say nothing" not in answer.answer  # "prod", "aws+gcp+azure": the guides' own words
    assert "Multi-Cloud Operations Complexity" in first_sentence(answer.answer)
    assert "London band is in GBP: base £128K–£166K" in answer.answer


def test_a_request_to_produce_code_or_prose_is_refused(coach):
    answer = coach.ask("write me a kubernetes deployment yaml for nginx with 3 replicas")
    assert answer.refused and "not about a job offer" in answer.answer
    script = coach.ask("give me a script for the alibaba negotiation call")
    assert not script.refused  # a negotiation script is coaching


def test_a_deadline_is_named_and_words_asked_for_get_the_script(coach):
    words = coach.ask("alibaba wants an answer by friday on my offer, what do i say?")
    assert not words.refused and "offer deadline" in first_sentence(words.answer)
    assert "**Negotiate Up Strategy**" in words.answer
    more_time = coach.ask("anyscale gave me 48 hours to sign. can i ask for more time??")
    assert more_time.refused and "$213K" not in more_time.answer
    quiet = coach.ask("recruiter at anyscale went quiet after my counter, should i follow up?")
    assert quiet.refused and "following up" in quiet.answer


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # a topic the questions name only in the model's terms: its questions lead
        ("which kubernetes scenario questions does alibaba ask devops people?", "CrashLoopBackOff"),
        # a kind of question in two topics: the questions of that kind lead, from both
        ("what log parsing questions come up in alibaba's devops coding rounds?", "10GB log file"),
    ],
)
def test_example_questions_asked_for_lead_with_the_ones_asked_about(coach, question, expected):
    answer = coach.ask(question).answer
    assert answer.startswith("Questions the guide lists:") and expected in answer[:300], answer


def test_what_if_they_push_back_is_answered_with_the_guides_floor(coach):
    _, answer = converse(
        coach, "which anyscale lever fits gpu cluster experience?", "what if they push back on base"
    )
    assert first_sentence(answer.answer).startswith("The guide's floor:")
    assert "$198K" in first_sentence(answer.answer)


def test_a_retention_counteroffer_is_named_as_not_covered(coach):
    answer = coach.ask(
        "my current company counter offered a 20% raise to keep me. stay or join alibaba?"
    )
    assert "say nothing about a counteroffer from your current employer" in answer.answer[:300]


def test_a_part_of_a_hyphenated_guide_word_is_held(coach):
    answer = coach.ask("i built zero downtime k8s upgrades. does anyscale care about downtime?")
    assert "nothing about downtime" not in answer.answer
    assert "zero-downtime cluster upgrades" in answer.answer[:400]


def test_a_title_the_guide_calls_its_role_by_another_name_is_no_gap(coach):
    # the Alibaba prep guide: "DevOps Engineer (often interchangeable with Site Reliability
    # Engineer or SRE)"; the Anyscale guide says no such thing
    alibaba = coach.ask("i'm an sre, not a swe. what do alibaba's coding rounds focus on?")
    assert "no SRE" not in alibaba.answer
    anyscale = coach.ask("what does anyscale pay an SRE manager in sf?")
    assert "no SRE manager figures" in first_sentence(anyscale.answer)


@pytest.mark.parametrize(
    ("question", "placed"),
    [
        ("verbal from alibaba beijing, base 60w. near the top?", "Your base (CNY 600K)"),
        ("anyscale london, 150k base — is that at the low end?", "Your base (£150K)"),
    ],
)
def test_a_figure_asked_about_against_the_band_is_placed_in_it(coach, question, placed):
    answer = coach.ask(question)
    assert first_sentence(answer.answer).startswith(placed)


def test_how_much_more_stock_is_answered_with_the_ask_and_its_sum(coach):
    answer = coach.ask(
        "alibaba sunnyvale gave me 90k rsu over 4 years. how much more rsu can i ask for?"
    )
    lead = first_sentence(answer.answer)
    assert lead.startswith("Your stock ($90K over 4 years)")
    assert "ask for $145K = offer RSU $90K + " in lead and "$55K" in lead


def test_a_lever_resting_on_what_the_user_lacks_does_not_lead(coach):
    answer = coach.ask(
        "never worked with gpus, mostly reliability work on k8s in gcp. which anyscale lever "
        "can i honestly use?"
    )
    assert "**Enterprise SLA Protection**" in first_sentence(answer.answer)  # not "… with GPU"


def test_a_tool_the_user_works_with_that_no_guide_names_is_said_first(coach):
    answer = coach.ask(
        "what observability stack should i know for the alibaba devops interview? i've mostly "
        "used honeycomb"
    )
    assert "nothing about honeycomb" in first_sentence(answer.answer)
    assert "Prometheus" in answer.answer and not answer.refused  # what the guide names follows


def test_fear_of_a_rescinded_offer_is_named_then_the_offer_placed(coach):
    answer = coach.ask("alibaba seattle offered 175k base. if i counter, could they rescind it?")
    assert "nothing about an offer being rescinded" in first_sentence(answer.answer)
    assert not answer.refused and "Your base ($175K)" in answer.answer


def test_more_of_a_component_no_lever_asks_for_is_said_first(coach):
    answer = coach.ask("my alibaba offer comes with a 15% bonus. could i push it up to 18%?")
    lead = first_sentence(answer.answer)
    assert lead.startswith("None of the Alibaba guide's levers or its script asks for a higher")


def test_a_script_asked_for_opens_with_its_ask(coach):
    answer = coach.ask("give me anyscale's negotiate up script word for word")
    lead = first_sentence(answer.answer)
    assert lead.startswith("The Anyscale script's ask [")
    assert "$213K base, $222K equity/4yr, and a $25K signing bonus" in lead
    assert answer.answer.count("My floor is $198K") == 1  # the whole script follows, once


def test_a_title_the_guide_calls_its_role_is_answered_with_the_guides_sentence(coach):
    answer = coach.ask(
        "all my jobs were titled SRE but alibaba's posting says devops engineer. is that the "
        "same job over there?"
    )
    assert "often interchangeable with Site Reliability Engineer" in first_sentence(answer.answer)


def test_a_background_title_does_not_push_the_offer_down(coach):
    answer = coach.ask(
        "i've been an SRE for 7 years. alibaba seattle offered 175k base, 120k rsu over 4 years. "
        "what do i counter with?"
    )
    assert first_sentence(answer.answer).startswith("Your base ($175K)")


def test_what_to_tell_them_and_how_much_it_justifies_opens_with_the_lever(coach):
    answer = coach.ask(
        "i ran gpu scheduling on kubernetes for a big training cluster. what should i tell "
        "anyscale, and how much base does that justify?"
    )
    assert "**GPU Infrastructure Premium**" in first_sentence(answer.answer)
    assert "$213K base" in answer.answer and "$168K–$218K" in answer.answer  # then the band
