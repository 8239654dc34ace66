"""What a message tells around its ask, through the real pipeline (real MiniLM, Chroma on disk,
the built-in composer): a pasted recruiter email about an interview loop, a figure that is no
offer ("more than an extra 10k"), a job title's acronym after "for" ("pay numbers for DBAs"), a
numbered title ("DevOps Engineer II"), and everyday words typed loosely ("pasting", "actualy",
"realistically") are read as what they are, so the answer is to the question asked.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_pasted_loop_at_a_company_without_an_interview_guide_is_refused(coach):
    answer = coach.ask(
        "pasting from the anyscale recruiter email so i dont mess it up:\n\n"
        '"Next up is your virtual onsite (4 x 50 min): 1) Infra Design, 2) Debugging / '
        'Incident, 3) Coding (Python), 4) Values & Collaboration with the hiring manager."\n\n'
        "this is for their devops engineer role. what is each of those sessions actualy "
        "grading me on?"
    )
    assert answer.refused and "no Anyscale interview guide" in answer.answer[:200]
    assert "pasting" not in answer.answer and "actualy" not in answer.answer


def test_how_long_until_an_offer_after_a_screen_is_the_process_length(coach):
    answer = coach.ask(
        "alibaba devops — just got through the recruiter screen. realistically how long from "
        "here until an offer? also do they do reference checks?"
    )
    assert not answer.refused and "4 to 6 weeks" in answer.answer[:400]
    assert "reference checks" in answer.answer.split("\n", 1)[0]


def test_a_figure_that_is_no_offer_leaves_a_benefits_question_a_refusal(coach):
    answer = coach.ask(
        "sole earner so insurance matters more to me than an extra 10k. anyscale nyc devops "
        "offer — what life insurance do they give and is there long term disability?"
    )
    first = answer.answer.split("\n", 1)[0]
    assert answer.refused and "life insurance" in first and "disability" in first
    assert "$163K" not in answer.answer  # no band offered in place of what was asked


def test_a_role_acronym_after_for_is_a_role_not_an_employer(coach):
    answer = coach.ask(
        "alibaba beijing has a DBA opening. do you have pay numbers for DBAs there? if not, "
        "whats the closest band you have for beijing, base + rsu"
    )
    assert not answer.refused and "cover DevOps Engineer only" in answer.answer[:200]
    assert "CNY 380K–CNY 710K" in answer.answer


def test_a_numbered_title_is_a_level_the_bands_do_not_split(coach):
    answer = coach.ask(
        "anyscale's offer letter says my title is 'DevOps Engineer II'. is there a separate "
        "band for II vs senior? what does your data show for sf base"
    )
    first = answer.answer.split("\n", 1)[0]  # (the level its asking sentence names first)
    assert "no band for senior or DevOps Engineer II" in first
    assert "$168K–$218K" in answer.answer


def test_a_pasted_email_is_not_read_for_terms_and_the_lead_is_not_cut_in_its_middle(coach):
    answer = coach.ask(
        'alibaba recruiter email today: "Congrats on moving forward! Your next step is a '
        "technical phone screen with an engineer from our Cloud Networking team. Please be "
        'prepared to share your screen." — devops role. what do these first technical rounds '
        "usually cover? and assuming i pass, what comes after"
    )
    assert "Congrats" not in answer.answer
    lead = answer.answer.split("\n", 1)[0]
    assert "computer science fundamentals, Linux internals" in lead and "3 to 5" in lead


def test_stock_given_a_year_is_placed_with_the_guides_own_grant_figures(coach):
    answer = coach.ask(
        "anyscale nyc devops. my offer shows equity as '$38,000 annually' instead of a 4 year "
        "number. what stock range does the guide have and how do i compare apples to apples?"
    )
    lead = answer.answer.split("\n", 1)[0]
    assert "($31.2K–$57K a year: its $125K–$228K over 4 years ÷ 4)" in lead


def test_a_place_with_a_row_is_answered_when_the_first_named_has_none(coach):
    answer = coach.ask(
        "my wife teaches in nanjing so we're not moving. what's base and total comp for alibaba "
        "devops in nanjing? if u dont have nanjing, hangzhou is the closest office so use that"
    )
    assert not answer.refused and "no row for Nanjing" in answer.answer.split("\n", 1)[0]
    assert "CNY 600K–CNY 1.2M" in answer.answer


@pytest.mark.parametrize(
    "question, place",
    [
        (
            "alibaba cloud has a devops opening in shanghai. whats the base and stock band for "
            "that there? recruiter says it's 'same as hangzhou' but i dont trust her",
            "Shanghai",
        ),
        ("alibaba devops in chengdu: is pay lower than in hangzhou? whats the base", "Chengdu"),
    ],
)
def test_a_place_named_only_to_compare_with_does_not_stand_in(coach, question, place):
    answer = coach.ask(question)
    assert answer.refused and f"no row for {place}" in answer.answer[:200]
    assert "CNY 400K" not in answer.answer


def test_topics_only_in_a_pasted_email_are_not_named_as_gaps(coach):
    answer = coach.ask(
        "recruiter email from anyscale:\n\n> Base: $171,000. Equity: $140,000 in RSUs vesting "
        "over four years (1-year cliff). Benefits: medical/dental, 401(k), flexible PTO.\n\n"
        "whats the total comp range for devops in nyc, so i know if this is low or mid"
    )
    assert "says nothing" not in answer.answer and "$210K–$288K" in answer.answer[:300]


def test_visa_terms_of_a_student_are_a_refusal_not_an_offer(coach):
    answer = coach.ask(
        "f-1 student here. if i take the alibaba sunnyvale devops offer, is alibaba on e-verify "
        "for the STEM OPT extension? and do they file h-1b for new grads?"
    )
    assert answer.refused and "visa sponsorship" in answer.answer[:200]
    assert "negative" not in answer.answer and "deadline" not in answer.answer[:200]


def test_an_ask_that_refers_back_to_a_gap_asks_about_the_gap(coach):
    refused = coach.ask(
        "anyscale devops offer. is there double trigger acceleration? and can i negotiate for it"
    )
    assert refused.refused and "acceleration" in refused.answer[:200]
    held = coach.ask("anyscale nyc, they floated $95/hr contract. how does that stack vs the band")
    assert not held.refused and "$163K–$213K" in held.answer


def test_a_title_in_a_posting_is_asked_even_when_clouds_are_named_beside_it(coach):
    answer = coach.ask(
        "anyscale sf has a 'cloud security engineer' posting (IAM across aws/gcp/azure). what "
        "do they pay for that role, base + equity? if you only have devops numbers give me those"
    )
    assert "no cloud security engineer figures at Anyscale" in answer.answer.split("\n", 1)[0]
    assert "$168K–$218K" in answer.answer


def test_a_base_told_with_a_rivals_offer_is_not_asked_for_more(coach):
    answer = coach.ask("google offered me L4 SRE at 190k base, what would alibaba seattle pay?")
    assert "asks for a higher base" not in answer.answer and "$150K–$215K" in answer.answer


def test_an_offer_told_beside_a_benefits_ask_is_not_placed(coach):
    answer = coach.ask(
        "we're in the middle of an international adoption, its running about $40k all in. i "
        "have a devops offer from alibaba's sunnyvale office. do they have adoption assistance, "
        "and do adoptive parents get the same paid bonding leave?"
    )
    assert answer.refused and "adoption assistance" in answer.answer.split("\n", 1)[0]
    assert "$40K" not in answer.answer


def test_an_offer_asked_about_as_these_is_still_placed_beside_the_gaps(coach):
    answer = coach.ask(
        "recruiter's summary for anyscale sf devops: 'base $182,000 · RSUs $150,000 (4yr) · "
        "4% 401k match · 20 days PTO'. which of these is actually competitive? esp the 401k"
    )
    assert not answer.refused and "401" in answer.answer.split("\n", 1)[0]
    assert "$168K–$218K" in answer.answer


def test_an_offer_given_as_a_total_only_gets_the_scripts_own_asks(coach):
    answer = coach.ask(
        "anyscale nyc devops — recruiter only says 'total comp lands around $245k'. datadog "
        "offered me sre in nyc ~270k tc. what do i ask anyscale for, component by component?"
    )
    lead = answer.answer.split("\n", 1)[0]
    assert "($210K–$288K)" in lead and "$213K base" in lead and "$222K equity" in lead
    assert "$25K sign-on" in lead


def test_a_bonus_target_is_the_bonus():
    from assistant.engine.offer import parse_offer

    offer = parse_offer(
        "anyscale sf: base 185k, equity 160k over four years, bonus target around 5%",
        ["Anyscale"],
        {"Anyscale": ["San Francisco"]},
    )
    assert (offer.bonus_pct, offer.target) == (5.0, None)


def test_the_process_start_to_finish_opens_where_it_begins(coach):
    answer = coach.ask("what does the alibaba interview process look like start to finish")
    assert answer.answer.startswith("Generally, the process begins with a recruiter screen")


def test_what_the_guides_are_asked_to_mention_is_looked_up_in_their_text(coach):
    named = coach.ask(
        "for alibaba's devops loop, does the guide mention flame graphs anywhere, or which "
        "exact tools does it name for high cpu?"
    )
    assert named.answer.startswith("The Alibaba guides say nothing about flame graphs.")
    assert "strace" in named.answer
    held = coach.ask("do they cover chaos engineering at all?")
    assert (
        "nothing about chaos engineering" not in held.answer and "chaos engineering" in held.answer
    )
    clause = coach.ask(
        "does the alibaba guide say anything about observability being part of the US role?"
    )
    assert "say nothing about observability" not in clause.answer


def test_two_companies_loops_answer_the_one_with_an_interview_guide(coach):
    answer = coach.ask(
        "i have two onsites the same week lol. anyscale (devops, sf) on tuesday and alibaba "
        "cloud (devops, sunnyvale) on thursday. for anyscale — what does their loop look like, "
        "do they quiz you on ray internals? for alibaba — how hard is the coding really, like "
        "leetcode hard dp or more medium? trying to split maybe 15 hrs of prep between the two"
    )
    assert not answer.refused and "no Anyscale interview guide" in answer.answer[:100]
    assert 'LeetCode "Medium"' in answer.answer


def test_a_figure_from_a_rivals_offer_is_not_called_the_users_offer(coach):
    answer = coach.ask(
        "anyscale ny devops: base 175k, equity 35k/yr, bonus 5%. databricks came in at 205k "
        "base / 240k rsu. what do i counter with?"
    )
    assert "(your offer)" not in answer.answer and "ask for $213K" in answer.answer[:300]


def test_what_they_keep_asking_about_asks_for_the_guides_questions(coach):
    answer = coach.ask(
        "alibaba devops interviews: what networking stuff do they keep asking about?"
    )
    assert "three-way handshake" in answer.answer and "DNS lookup" in answer.answer


def test_every_place_asked_about_without_a_row_is_named(coach):
    answer = coach.ask(
        "does alibaba pay devops in hong kong or shenzhen? whats the base range there"
    )
    assert answer.refused and "no row for Hong Kong or Shenzhen" in answer.answer[:200]


def test_a_component_only_told_beside_benefit_asks_leaves_a_refusal(coach):
    refused = coach.ask(
        "Alibaba US (Sunnyvale) — how many weeks of parental leave do they give, and what's the "
        "401k match? We're expecting in the spring so this matters more to me than the RSUs."
    )
    assert refused.refused and "$155K" not in refused.answer
    held = coach.ask("how much would i take home per month at anyscale sf, roughly? base only")
    assert not held.refused and "$168K–$218K" in held.answer


def test_which_is_more_senior_is_a_level_question_not_a_senior_level(coach):
    answer = coach.ask(
        "comparing two devops offers, anyscale and alibaba. in google terms which one is more senior?"
    )
    assert "Google L4 SRE" in answer.answer[:300] and "senior level" not in answer.answer


def test_the_floor_of_the_range_asked_of_a_one_component_offer_places_it(coach):
    answer = coach.ask(
        "offer letter from alibaba (beijing office, devops) lists RSU of 15万 RMB total. is that "
        "the floor of what they give or somewhere in the middle?"
    )
    lead = answer.answer.split("\n", 1)[0]
    assert lead.startswith("Your stock (CNY 150K over 4 years)") and "CNY 150K–CNY 460K" in lead
    assert "walk-away" not in answer.answer.split("\n\n", 1)[0]


def test_a_level_code_alone_names_its_company_and_the_users_employer_is_context(coach):
    answer = coach.ask(
        'Recruiter email: "the hiring committee has approved an offer at level P6." I\'m an L5 '
        "SRE at Google right now. Per the mapping is P6 a downlevel for me? Should I push for P7?"
    )
    assert not answer.refused and "P5-P7" in answer.answer[:300] and "L3-L5" in answer.answer
    answer = coach.ask(
        "hangzhou HQ wants me as P8. whats the comp band for P8 there? i'm coming from a "
        "P7-equivalent role at tencent"
    )
    assert not answer.refused and "CNY 400K–CNY 740K" in answer.answer


def test_a_pay_ask_opened_with_and_if_so_is_answered_beside_the_gap(coach):
    answer = coach.ask(
        "anyscale devops role is listed as SF. could i do it fully remote from denver? and if so "
        "would they still pay the sf base or cut it"
    )
    assert not answer.refused and "remote work" in answer.answer.split("\n", 1)[0]
    assert "$168K–$218K" in answer.answer


def test_bonus_percentages_of_regions_in_two_currencies_are_compared(coach):
    answer = coach.ask(
        "alibaba sunnyvale devops offer says 15% target bonus. my buddy at alibaba in hangzhou "
        "says their bonus % goes higher?? is 15% just what the US side gets or am i lowballed"
    )
    lead = answer.answer.split("\n", 1)[0]
    assert "not compared" not in answer.answer and "15%" in lead and "15–25%" in lead


def test_team_matching_after_the_offer_is_named_as_not_in_the_guides(coach):
    answer = coach.ask(
        "passed the alibaba onsite but recruiter says 'team placement will be finalized after the "
        "offer'. can i turn down the team they pick and get matched somewhere else?"
    )
    assert "team matching" in answer.answer.split("\n", 1)[0]


def test_pay_for_a_held_topic_is_answered_from_the_topic_not_the_band(coach):
    answer = coach.ask(
        "does alibaba pay extra for on-call? the seattle devops team mentioned a rotation and i "
        "wanna know if theres on call pay + how rough it is"
    )
    head = answer.answer[:400]
    assert "on-call pay" in head.split("\n", 1)[0] and "demanding on-call rotations" in head
    assert "$150K–$215K" not in head


@pytest.mark.parametrize(
    ("follow_up", "lever"),
    [
        (  # "with GPU": a tool the user ran, not an employer with no guide
            "what argument i can use? i run k8s with GPU scheduling for 3 years at a hedge fund",
            "GPU Infrastructure Premium",
        ),
        ("worked with AWS and GCP for 5 years, what lever?", "Multi-Cloud Operations Complexity"),
        ("what can i say, i ran Kafka at scale for Uber", "The guide's lever is"),  # (worked at)
    ],
)
def test_what_the_user_worked_with_or_at_is_context_for_the_company_talked_about(
    coach, follow_up, lever
):
    first = "new york anyscale total comp for devops?"
    answer = coach.ask(follow_up, history=[(first, coach.ask(first).answer)])
    assert not answer.refused and lever in answer.answer[:300]
    assert "lever for uber" not in answer.answer  # ("Kubernetes" does not name Uber)


def test_an_unknown_employer_asked_about_is_still_refused_mid_conversation(coach):
    first = "new york anyscale total comp for devops?"
    answer = coach.ask("what does Uber pay?", history=[(first, coach.ask(first).answer)])
    assert answer.refused and "Uber" in answer.answer[:120]


def test_one_ask_after_a_long_story_is_answered_not_the_storys_words(coach):
    answer = coach.ask(
        "ugh week from hell. landlord is selling the place so i have to move by the 30th, my "
        "current manager just found out im interviewing, and i have an anyscale offer sitting "
        "there that i havent even had time to read properly. i kinda want to see alibaba "
        "through tho since the recruiter said they'd move fast. anyway. how many rounds is "
        "the alibaba onsite again? just need to block my calendar"
    )
    assert "3 to 5" in answer.answer[:300]
    assert "4 to 6 weeks" not in answer.answer[:300]  # ("week from hell" is not asked)


@pytest.mark.parametrize(
    "question",
    [  # the composer's own draft passes the grounding check, nothing dropped
        "alibaba sunnyvale offered 176k base, 110k rsu/4yr, 15% bonus. my current job pays 170 "
        "base. can i still negotiate?",  # ("170 base" read as 170K, and said so)
        "拿到阿里北京的offer了 devops岗. base 45w, rsu 20w分4年. is this fair for beijing?",
        "anyscale ny devops: base 175k, equity 35k/yr, bonus 5%. databricks came in at 205k base "
        "/ 240k rsu. what do i counter with?",  # (the script's ask per year, its formula shown)
    ],
)
def test_offers_typed_loosely_are_answered_with_grounded_figures_only(coach, question):
    answer = coach.ask(question)
    assert answer.grounding.status == "ok", answer.grounding.ungrounded
    assert "20 as 20K" not in answer.answer
