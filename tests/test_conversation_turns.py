"""Conversation turns that lean on the last one (issue: "Answer the question that was asked"),
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer): a question about
the last answer, the same question about another company, an offer placed in its own band while
an earlier one is held, a script asked for after a lever, a sign-on asked about in another
currency's region."""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_question_about_the_last_answer_is_no_off_topic_question(coach):
    _, second = converse(coach, "anyscale sf stock range?", "is that per year??")
    assert not second.refused and "$125K–$228K" in second.answer and "4 years" in second.answer


def test_the_same_things_at_another_company_asks_the_same_question(coach):
    _, second = converse(
        coach,
        "what are alibaba devops interviewers looking for?",
        "does anyscale look for the same things?",
    )
    assert second.refused and "no Anyscale interview guide" in second.answer


def test_a_second_offer_against_its_band_is_placed_not_compared(coach):
    _, second = converse(
        coach,
        "alibaba seattle offered 170k base, 100k rsu, 15% bonus",
        "anyscale nyc also came in at 180k base. where's that vs their band?",
    )
    lead = second.answer.split("\n", 1)[0]
    assert "$180K" in lead and "$163K–$213K" in lead and "year by year" not in second.answer


def test_a_script_asked_for_after_a_lever_comes_first(coach):
    _, second = converse(
        coach,
        "negotiating with alibaba seattle and i have an amazon offer in hand. which lever?",
        "cool now give me the word for word script",
    )
    text = second.answer.lstrip()  # its ask in one line, then the script, then the levers
    assert text.startswith("The Alibaba script's ask [") and "$45K sign-on" in text.split("\n")[0]
    assert text.index("**Negotiate Up Strategy**") < text.index("the guide's negotiation levers")


def test_a_sign_on_asked_for_a_cny_offer_says_the_figures_are_usd(coach):
    *_, third = converse(
        coach,
        "alibaba beijing offered CNY 500K base, CNY 200K rsu, 20% bonus. reasonable?",
        "is 20% bonus normal there",
        "can i also ask for a sign-on? how much",
    )
    lead = third.answer.split("\n", 1)[0]
    assert "USD" in lead and "none in CNY for Beijing" in lead and "CNY 35K" not in third.answer


def test_a_job_topic_asked_in_passing_is_a_follow_up(coach):
    _, second = converse(
        coach,
        "what does an alibaba devops engineer actually do day to day",
        "is the on-call brutal?",
    )
    assert not second.refused and "demanding on-call rotations" in second.answer


def test_what_to_ask_for_after_an_offer_is_the_counter(coach):
    _, second = converse(
        coach,
        "alibaba sunnyvale devops offer: 170k base, 100k rsu (4y), 15% bonus. "
        "i also have a google sre offer at 290k tc. where does alibaba's offer sit",
        "what exactly should i ask them for",
    )
    assert not second.refused and "$45K" in second.answer and "Email draft" in second.answer


def test_a_competing_offer_told_after_the_users_own_keeps_the_own_offer(coach):
    _, second = converse(
        coach,
        "alibaba sunnyvale devops offer: $185k base, $120k rsu over 4 years, 15% bonus. ok?",
        "so what do i counter with? i have a google sre offer at about $300k tc",
    )
    answer = second.answer
    assert "| Base salary | $185K |" in answer and "Google: total comp $300K" in answer
    assert "**$175K** (offer $120K)" in answer  # the script's $[Y+55K] on the own grant


def test_an_email_asked_for_with_a_rival_offer_is_the_email_with_both(coach):
    _, email = converse(
        coach,
        "alibaba sunnyvale devops offer:\nBase Salary: USD 176,000\nRSU: USD 110,000 over 4 years",
        "ok. i have a google sre offer at 310k tc. write my counter as an email to the recruiter",
    )
    assert "Here is the email" in email.answer and "Google at $310K total comp" in email.answer


def test_shorter_after_the_script_is_the_script_cut_to_its_asks(coach):
    *_, short = converse(
        coach, "which anyscale lever for gpu cluster work?", "and the script", "shorter"
    )
    assert short.answer.startswith("The Anyscale script, short")
    assert "$222K equity/4yr" in short.answer and "most technically demanding" not in short.answer


def test_an_interview_follow_up_with_no_intent_words_stays_an_interview_question(coach):
    _, second, third = converse(
        coach,
        "what do the alibaba devops phone screens cover?",
        "how long is each one",
        "any take-home after that?",
    )
    assert second.answer.startswith("The Alibaba guides do not give the length or duration")
    assert second.intent == third.intent == "interview" and "tax" not in third.answer.lower()


def test_a_topic_the_guides_lack_asked_after_an_offer_is_refused_naming_it(coach):
    offer, visas, bonus = converse(
        coach,
        "alibaba seattle offered me 170k base, 100k rsu, 15% bonus. fair?",
        "do they sponsor visas?",
        "and what about 401k matching, any word on that? also whats the bonus there",
    )
    assert not offer.refused
    assert visas.refused and "visa sponsorship" in visas.answer and "$170K" not in visas.answer
    assert not bonus.refused and "401(k)" in bonus.answer.split("\n", 1)[0]
    assert "**15%**" in bonus.answer  # the bonus asked beside it


def test_ok_and_another_company_is_no_small_talk(coach):
    *_, third = converse(coach, "anyscale nyc devops base?", "and the rsu?", "ok and alibaba?")
    assert "Hello" not in third.answer and "no row for New York" in third.answer


def test_the_email_asked_for_comes_alone_and_a_refused_base_keeps_the_rest(coach):
    _, email, no_base, london = converse(
        coach,
        "got an offer from anyscale sf: 175k base, 150k rsu over 4 yrs, 8% bonus",
        "write me the email",
        "what if they say no to the base bump?",
        "and if it were london instead?",
    )
    assert email.answer.startswith("Here is the email") and "Phone script" not in email.answer
    assert no_base.answer.startswith("If the base salary stays at $175K")
    assert "London band" in london.answer.split("\n", 1)[0]


def test_typos_shorthand_and_a_corrected_figure_in_a_wan_offer(coach):
    first, corrected, bonus = converse(
        coach,
        "got the ali hz devops offer, 42w base n 18w rsu (4y vest). ok or nah?",
        "sorry typo, base is 38w not 42w",
        "what bonus range do they usually pay there",
    )
    assert "CNY 420K" in first.answer and "CNY 400K–CNY 740K" in first.answer
    assert "Is the stock" not in first.answer  # "(4y vest)": a grant over 4 years
    assert corrected.answer.startswith("Your base (CNY 380K) is below the guide's range")
    assert "**15–25%**" in bonus.answer


def test_a_misspelt_place_alias_is_still_the_place(coach):
    answer = coach.ask("alibab devops ofer 160k base sunyvale, 90k rsu over 4 years")
    assert "Bay Area / Sunnyvale (US R&D)" in answer.answer.split("\n", 1)[0]


def test_a_title_said_on_the_offer_is_a_role_the_guides_lack(coach):
    _, second = converse(
        coach,
        "anyscale sf devops base",
        "hmm the title on my offer actually says platform engineer. does that range still apply?",
    )
    assert "no platform engineer figures" in second.answer.split("\n", 1)[0]
    assert "$168K–$218K" in second.answer


def test_a_turn_about_the_last_answer_is_no_off_topic_question(coach):
    *_, third = converse(
        coach,
        "i ran k8s autoscaling for a big ecommerce site. which alibaba lever fits me",
        "ok gimme the script",
        "shorter, like one line",
    )
    assert not third.refused and "gimme" not in third.answer


def test_is_that_bad_after_an_interview_tip_is_about_the_tip(coach):
    *_, third = converse(
        coach,
        "my alibaba onsite is next week (virtual). what rounds are in it",
        "what if i blank on a kernel question in the deep dive",
        "is that gonna sink me",
    )
    assert not third.refused and third.intent == "interview"


def test_a_company_and_place_alone_ask_the_last_question_again(coach):
    _, second, third = converse(
        coach,
        "anyscale nyc devops total comp",
        "alibaba seattle for comparison",
        "and anyscale seattle?",
    )
    assert second.answer.startswith("**Total Comp** for Alibaba") and "$205K–$330K" in second.answer
    assert third.refused and "no row for Seattle" in third.answer


def test_work_for_another_company_is_no_employer_of_the_user(coach):
    _, second = converse(
        coach,
        "any tips for the alibaba behavioral round",
        "would the same stuff work for anyscale's interviews?",
    )
    assert second.refused and "Customer First" not in second.answer


def test_what_about_a_word_the_guides_lack_names_it_and_refuses(coach):
    _, second = converse(
        coach, "do i need mandarin for an alibaba devops job in the us", "what about cantonese"
    )
    assert second.refused and "cantonese" in second.answer.lower()
    assert "not about a job offer" not in second.answer


def test_a_level_conversation_moves_between_companies_and_drops_the_pay_component(coach):
    first, second = converse(coach, "alibaba devops level vs google?", "same for anyscale?")
    assert "L3-L5 SRE at Google" in first.answer.split("\n", 1)[0]
    assert "no figures or guide for Google" not in first.answer
    assert "Google L4 SRE" in second.answer.split("\n", 1)[0]
    *_, third = converse(
        coach,
        "alibaba bay area devops total comp range?",
        "im IC4 at meta, does that map to this role?",
        "and what's the amazon equivalent",
    )
    assert "SysDE at Amazon" in third.answer.split("\n", 1)[0]


def test_the_troubleshooting_one_is_the_pillar_named(coach):
    _, second = converse(
        coach,
        "alibaba devops interview: what pillars do they grade you on",
        "what's the troubleshooting one about exactly",
    )
    assert second.answer.startswith("Operational Excellence & Troubleshooting")


def test_examples_asked_for_that_topic_list_its_examples_first(coach):
    _, examples = converse(
        coach,
        "what linux stuff do they grill you on in alibaba devops interviews",
        "give me one example question for that",
    )
    listed = examples.answer.split("**Example questions**", 1)[1].strip().split("\n", 1)[0]
    assert listed.startswith("*Linux")  # the topic's heading: a Linux section of the guide


def test_the_same_question_about_the_company_the_user_meant(coach):
    first, second = converse(
        coach,
        "a recruiter pinged me about a devops role at alibaba's new york office, base band?",
        "oh wait, scrolling back it was anyscale that reached out, not alibaba. same question",
    )
    assert first.refused and "no row for New York" in first.answer
    assert not second.refused and "$163K–$213K" in second.answer[:200]


def test_a_band_a_friend_quoted_is_checked_against_the_row(coach):
    answer = coach.ask(
        "a friend who went thru anyscale's devops loop says base in sf is like 168 to 218k. "
        "does that match what you've got?"
    )
    assert not answer.refused and "$168K–$218K" in answer.answer[:200]
    assert "you've" not in answer.answer  # a contraction is no term the guides lack


@pytest.mark.parametrize(
    "question, not_a_gap",
    [
        ("are the alibaba scenario questions abstract brain teasers or real incidents?", "teasers"),
        ("alibaba interview tips, esp for the onsite?", "esp"),
        (
            "which logging tools should i be prepping for the alibaba devops design round?",
            "prepping",
        ),
        ("is the alibaba devops onsite as stressful as people say?", "stressful"),
    ],
)
def test_plurals_and_chat_words_are_not_terms_the_guides_lack(coach, question, not_a_gap):
    answer = coach.ask(question)
    assert not answer.refused
    assert f"nothing about {not_a_gap}" not in answer.answer


def test_a_hyphenated_compound_of_everyday_words_is_no_gap(coach):
    answer = coach.ask("which broken-pod situation do alibaba interviewers have you debug?")
    assert "nothing about broken-pod" not in answer.answer


def test_the_place_the_user_moves_from_is_no_row_asked_and_moving_costs_are_relocation(coach):
    first, _, third = converse(
        coach,
        "anyscale london devops offer: £140k base, £100k rsu 4y vest, 8% bonus. relocating from "
        "berlin. is it in range",
        "and total comp, where would that land me",
        "would they pay for shipping my stuff over from berlin?",
    )
    assert "Berlin" not in first.answer.split("\n")[0]
    assert "relocation" in third.answer[:300]


def test_a_background_check_is_a_topic_the_guides_lack(coach):
    answer = coach.ask("will the anyscale background check flag my gap year?")
    assert answer.refused and "background check" in answer.answer[:200]


def test_the_example_question_closest_to_what_was_asked_comes_first(coach):
    answer = coach.ask(
        "alibaba linux question i half remember: something in the filesystem you can run out of "
        "even when df says theres plenty of space. whats it called"
    )
    assert "inode" in answer.answer[:300]
    assert answer.answer.count("*Linux & Operating Systems:*") == 1  # the topic named once


def test_a_term_asked_of_another_maker_mid_talk_is_named_with_it(coach):
    _, second = converse(
        coach,
        "what gpu hardware does anyscale run per the devops guide",
        "do they also use google tpus",
    )
    assert second.refused and "Google" in second.answer[:200] and "tpus" in second.answer[:200]


def test_early_exercise_is_named_as_a_stock_topic_the_guides_lack(coach):
    answer = coach.ask("does anyscale allow early exercise on the equity, with an 83(b)?")
    assert "stock options / ESPP" in answer.answer[:200]


def test_the_place_the_user_lives_in_is_still_named_when_it_has_no_row(coach):
    answer = coach.ask("i live in austin. is there an austin row for alibaba devops base pay?")
    assert "Austin" in answer.answer[:200]


def test_the_place_the_user_lives_in_and_asks_the_pay_for_is_asked(coach):
    answer = coach.ask(
        "anyscale devops role, but i live in seattle and want to stay remote. whats the pay "
        "for seattle, and do they allow fully remote?"
    )
    assert "no row for Seattle" in answer.answer[:200]


def test_is_that_per_year_is_answered_first_with_the_grant_per_year(coach):
    _, answer = converse(coach, "anyscale london equity?", "is that per year?")
    assert answer.answer.startswith("The stock figure is a grant vesting over 4 years")


def test_a_base_that_will_not_move_is_set_against_the_scripts_floor(coach):
    offer = "anyscale nyc devops offer: 175k base, 140k rsu/4y, 5% bonus. what do i counter?"
    _, above = converse(coach, offer, "they came back at 200k base and said thats final")
    assert "$200K is at or above the script's floor of $198K [" in above.answer.split("\n")[0]
    _, below = converse(coach, offer, "they say base is capped at 195k, final")
    first = below.answer.split("\n")[0]
    assert "$195K is below the script's floor of $198K: below it, walk away" in first


def test_an_offers_bonus_percentage_alone_is_answered_with_the_bands_bonus(coach):
    answer = coach.ask("anyscale ny offer has an 8% bonus target. normal for them?")
    assert answer.answer.startswith("**Bonus** for Anyscale · DevOps Engineer · New York")
    assert "5–10%" in answer.answer.split("\n")[0]


def test_what_if_at_the_same_company_elsewhere_asks_the_same_component_there(coach):
    _, _, third = converse(
        coach,
        "anyscale ny offer has an 8% bonus target. normal for them?",
        "and alibaba's bonus for the same kinda role in seattle? trying to compare",
        "what if i went with alibaba hangzhou instead",
    )
    assert third.answer.startswith("**Bonus** for Alibaba · DevOps Engineer · Hangzhou (HQ)")


def test_a_follow_up_about_one_component_of_the_offer_leads_with_that_row(coach):
    _, second = converse(
        coach,
        "alibaba seattle devops offer: $180k base, $100k rsu/4y, 15% bonus. what do i counter?",
        "would 190k in rsus still be inside their range?",
    )
    lead = second.answer.split("\n", 1)[0]
    assert "stock ($190K over 4 years)" in lead and "$70K–$200K over 4 years" in lead
    assert "near the top of" in lead


def test_how_a_sign_on_is_paid_or_paid_back_is_named_as_not_in_the_guides(coach):
    _, second = converse(
        coach,
        "alibaba bay area devops offer: $190k base, $120k rsu/4y, 15% bonus. what do i ask for?",
        "is the 45k sign-on paid in one lump or split? and do i owe it back if i leave early",
    )
    lead = second.answer.split("\n", 1)[0]
    assert second.refused and "clawback" in lead and "payout" in lead


def test_levels_asked_in_other_words_lead_with_the_level_map(coach):
    first, second = converse(
        coach, "what level range does alibaba hire devops at?", "and on the meta ladder?"
    )
    assert first.answer.startswith("Alibaba's guide maps DevOps Engineer at Alibaba (P5-P7) to")
    assert not second.refused and "IC3-IC5" in second.answer[:300]


def test_a_rival_offer_told_mid_conversation_keeps_the_own_offer(coach):
    """The rival's offer is told, not asked about: no refusal for a company without a guide,
    and the offer given first is still the one countered."""
    _, rival, counter = converse(
        coach,
        "alibaba seattle offered me 160k base and 90k rsu over 4 years",
        "meta just came in at 230k base.",
        "so what do i counter with?",
    )
    assert not rival.refused and "$160K" in rival.answer and "Cloud/SRE Offer" in rival.answer
    assert not counter.refused and "Your base ($160K)" in counter.answer


def test_remote_or_relocation_after_interview_questions_is_refused_naming_both(coach):
    """The interview talk goes on in the state, but this turn asks only what no guide holds:
    no sign-on stands in (it would on a pay question), no interview passages follow."""
    _, turn = converse(
        coach,
        "how long is alibaba's devops interview process?",
        "once hired, can i stay remote in calgary, or do they relocate people?",
    )
    assert turn.refused
    assert "remote work" in turn.answer.split("\n")[0] and "relocation" in turn.answer


def test_a_cliff_asked_after_the_stock_range_gets_the_grant_and_its_years(coach):
    _, turn = converse(
        coach, "anyscale new york stock range?", "how does it vest, any cliff in the first year?"
    )
    lead = turn.answer.split("\n")[0]
    assert not turn.refused and "nothing about a vesting cliff" in lead
    assert "$125K–$228K" in turn.answer and "4 years" in turn.answer


def test_a_follow_up_in_the_guides_words_goes_on_and_one_off_topic_does_not(coach):
    _, side, weather = converse(
        coach,
        "which gpus does anyscale run?",
        "and the interconnect / communication side?",
        "and the weather and nightlife there?",
    )
    assert not side.refused and "NCCL" in side.answer
    assert weather.refused


def test_a_corrected_offer_in_another_currency_is_placed_in_that_currency(coach):
    _, second = converse(
        coach,
        "seattle alibaba tc 280k is that good",
        "wait sorry i meant beijing and it's 80w cny total",
    )
    assert "CNY 800K" in second.answer and "CNY 570K–CNY 1.15M" in second.answer
    assert "$800K" not in second.answer and "currency mismatch" not in second.answer


def test_what_numbers_go_in_the_counter_opens_with_every_ask(coach):
    *_, third = converse(
        coach,
        "alibaba seattle devops offer — base 158k, rsu 85k/4yr, bonus 15 pct. fair or a lowball?",
        "oh wait i forgot, amazon came back w/ a sysde offer around 270k tc. does that change it",
        "ok so concretely, what numbers go in my counter",
    )
    lead = third.answer.split("\n", 1)[0]
    assert "ask for $182.5K" in lead and "$140K over 4 years" in lead and "$45K sign-on" in lead


def test_a_company_corrected_with_same_q_asks_the_last_question_there(coach):
    first, second = converse(
        coach,
        "whats anyscale paying devops engineers in beijing? base and bonus pls",
        "ugh wrong browser tab, the beijing posting is alibaba's not anyscale's. same q",
    )
    assert first.refused and "no row for Beijing" in first.answer.split("\n", 1)[0]
    assert not second.refused and "15–25%" in second.answer and "CNY 380K–CNY 710K" in second.answer


def test_an_offer_said_to_be_another_companys_is_placed_in_that_band(coach):
    _, second = converse(
        coach,
        "anyscale sf devops offer, 200k base + 160k stock over 4 yrs. good or meh?",
        "sorry, juggling tabs — that offer is from alibaba, sunnyvale office, not anyscale. "
        "same numbers tho",
    )
    assert "Your base ($200K) is in the middle of the guide's range for Bay Area" in second.answer


def test_a_base_that_will_not_reach_the_scripts_ask_gets_its_floor(coach):
    *_, last = converse(
        coach,
        "nvidia also has me at 213 base / 255 rsu. if anyscale sf makes an offer whats my counter",
        "and if they wont budge to 213?",
    )
    assert not last.refused and last.answer.startswith(
        "If they won't reach the script's $213K base, its floor is **$198K**"
    )


def test_a_counter_asked_for_beside_a_rivals_offer_opens_with_the_asks(coach):
    _, second = converse(
        coach,
        "alibaba sunnyvale offer: $185k base, $120k rsu over 4 years, 15% bonus",
        "ok so what do i counter with? i have a google sre offer sitting at about $300k tc",
    )
    lead = second.answer.split("\n", 1)[0]
    assert lead.startswith("Your base ($185K)") and "$45K sign-on bonus" in lead
    assert "Cloud/SRE Offer" in second.answer  # the lever for the rival's offer follows


def test_clouds_named_as_where_the_user_ran_things_are_no_subject(coach):
    _, second = converse(
        coach,
        "anyscale london devops offer: £138k base, £105k equity / 4y, 5% bonus. hows that look",
        "ok if i go sf, what do i counter with? no other offers, but ive spent 3 yrs running h100 "
        "training clusters on k8s w/ gpu scheduling across aws + gcp",
    )
    assert not second.refused and "Aws" not in second.answer
    assert "In USD, the guide's script asks for $213K base" in second.answer


def test_the_same_offer_at_another_company_gets_that_companys_counter(coach):
    _, second = converse(
        coach,
        "alibaba seattle devops: 168k base / 110k rsu (4yr) / 15% bonus. counter?",
        "hypothetically if it were anyscale sf sending me that same base and stock instead, what "
        "would i ask them for?",
    )
    lead = second.answer[:400]  # (after the line saying the offer was for Seattle)
    assert "San Francisco ($168K–$218K)" in lead and "ask for $213K" in lead
    assert "$45K" not in lead  # (Alibaba's sign-on is not carried over)


def test_a_rivals_lever_follows_a_counter_asked_for_by_its_asks(coach):
    (answer,) = converse(
        coach,
        "i have an nvidia offer $213k base / $255k rsu. anyscale sf offered $190k base. what do "
        "i ask anyscale for?",
    )
    assert answer.answer.startswith("Your base ($190K)")
    assert "Competing Infrastructure Offers" in answer.answer


def test_a_corrected_bare_figure_asks_the_same_question_of_the_corrected_offer(coach):
    _, second = converse(
        coach,
        "got the alibaba sunnyvale devops offer: 156k base, 90k rsu over 4 yrs, 15% bonus. is "
        "the base at the bottom of their range?",
        "oops, base is 165 not 156. same question tho",
    )
    assert second.answer.startswith("Your base ($165K)") and "$155K–$220K" in second.answer[:200]


def test_a_rivals_bare_figures_before_any_offer_are_not_the_users_offer(coach):
    _, second = converse(
        coach,
        "what pay should i expect at anyscale sf?",
        "nvidia also has me at 213 base / 255 rsu. if anyscale makes an offer whats my counter",
    )
    assert "Your Anyscale offer" not in second.answer


def test_how_does_that_compare_puts_the_last_answer_beside_another_company(coach):
    _, second = converse(
        coach,
        "anyscale new york devops, total comp range?",
        "how does that compare to alibaba in seattle?",
    )
    lead = second.answer.split("\n", 1)[0]
    assert "$205K–$330K" in lead and "$210K–$288K" in lead


def test_which_one_after_the_same_question_at_two_companies_answers_both(coach):
    *_, third = converse(
        coach, "alibaba sunnyvale devops base?", "and anyscale?", "which one pays more?"
    )
    lead = third.answer.split("\n", 1)[0]
    assert "Anyscale" in lead and "Alibaba" in lead
    assert "$168K–$218K" in lead and "$155K–$220K" in lead


def test_a_company_corrected_is_not_compared_with_the_one_it_replaces(coach):
    *_, third = converse(
        coach,
        "anyscale sf devops offer, 200k base + 160k stock over 4 yrs. good or meh?",
        "sorry, that offer is from alibaba, sunnyvale office, not anyscale. same numbers",
        "what kind of bonus should i expect there",
    )
    assert "15%" in third.answer and "5–10%" not in third.answer


def test_a_corrected_figure_stays_corrected_on_later_turns(coach):
    *_, third = converse(
        coach,
        "alibaba singapore devops offer: S$125k base, S$60k rsu over 4y, 15% bonus. lowballed?",
        "wait no, base is 152 not 125. swapped the digits",
        "ok so what do i counter with",
    )
    assert "SGD 152K" in third.answer and "SGD 125K" not in third.answer


def test_a_what_if_figure_changes_its_own_turn_only(coach):
    *_, third = converse(
        coach,
        "anyscale sf offer: 180k base, 150k rsu over 4 years, 8% bonus. fair?",
        "what if base were 200k?",
        "ok so what do i counter with",
    )
    assert "$180K" in third.answer and "$200K" not in third.answer.split("\n", 1)[0]


def test_which_one_with_a_place_compares_both_companies_there(coach):
    *_, third = converse(
        coach,
        "google L4 SRE here. what's the anyscale devops role equivalent to?",
        "and at alibaba what P level range would that be?",
        "ok so which one pays more in the bay, roughly? base only",
    )
    lead = third.answer.split("\n", 1)[0]
    assert "$155K–$220K" in lead and "$168K–$218K" in lead


def test_which_ones_guide_asks_more_compares_both_companies(coach):
    _, second = converse(
        coach,
        "whats the bonus target for alibaba devops in the bay area, and same q for anyscale sf?",
        "which one's guide suggests a bigger sign-on ask?",
    )
    assert "Sign-On Bridge" in second.answer and "$25K" in second.answer


def test_a_corrected_place_keeps_the_comparison_it_was_part_of(coach):
    _, second = converse(
        coach,
        "anyscale sf vs alibaba seattle for devops, which bonus is better",
        "sorry i meant alibaba bay area not seattle. does total comp differ between those two?",
    )
    lead = second.answer.split("\n", 1)[0]
    assert "$210K–$340K" in lead and "$215K–$295K" in lead and "$205K–$330K" not in second.answer


def test_a_move_asked_about_shows_the_old_and_the_new_row(coach):
    *_, third = converse(
        coach,
        "anyscale nyc devops offer has 130k equity over 4 yrs. is that lowball?",
        "nvidia offered me 250k rsu for a similar infra role. how do i use that with anyscale?",
        "update: they're moving me to the sf team instead. does the base range change?",
    )
    assert "$163K–$213K" in third.answer and "$168K–$218K" in third.answer


def test_a_rivals_figures_told_keep_the_own_offer_and_its_correction(coach):
    *_, third = converse(
        coach,
        "ali beijing devops offer: 45w base, 16w rsu over 4 yrs, 15% bonus. decent or nah",
        "sorry misread the letter, rsu is 26w not 16w. same q",
        "bytedance is at ~70w all-in for a similar infra role. what numbers do i counter alibaba "
        "with",
    )
    assert "**Your Alibaba offer** against the guide's DevOps Engineer band for Beijing" in (
        third.answer
    )
    assert "Your grant: CNY 260K over 4 years" in third.answer


def test_the_offer_of_the_company_asked_about_is_the_one_countered(coach):
    *_, third = converse(
        coach,
        "anyscale sf devops offer: 176k base, 140k rsu (4y), 5% bonus. where does that land",
        "alibaba's sunnyvale team came through too: 200k base, 150k rsu over 4y, 15% bonus",
        "honestly i'd rather be at anyscale. what do i ask anyscale for so i can pick them",
    )
    lead = third.answer.split("\n", 1)[0]
    assert lead.startswith("Your base ($176K)") and "$213K" in lead
    assert "fits the guide's" not in third.answer


def test_an_offer_without_a_place_takes_the_place_the_conversation_settled(coach):
    _, second = converse(
        coach,
        "how long does alibaba usually take from first screen to offer for a devops role in "
        "seattle?",
        "it moved faster than that lol. offer: 175k base, 90k rsu/4yr, 15% bonus. what should i "
        "counter with",
    )
    assert "for Seattle (US)" in second.answer.split("\n", 1)[0]


def test_write_that_up_as_an_email_after_a_counter_is_the_email(coach):
    _, second = converse(
        coach,
        "anyscale sf offer: 192k base, 170k equity/4y, 6% bonus. what should i counter with?",
        "can you write that up as an email i can send the recruiter",
    )
    assert "**Email draft**" in second.answer and "Subject:" in second.answer


def test_an_amount_the_user_would_ask_for_changes_no_offer(coach):
    _, second = converse(
        coach,
        "alibaba seattle devops: 178k base / 95k rsu 4yr / 15% bonus. amazon sysde offer at 290k "
        "tc in my back pocket. whats the counter",
        "isnt asking for 45k sign on kinda greedy? feels like a lot to me",
    )
    assert "Sign-On Bridge" in second.answer and "$55K sign-on bonus" not in second.answer


def test_a_kind_of_company_named_as_background_is_no_company_asked_about(coach):
    _, second = converse(
        coach,
        "alibaba singapore offer: SGD 125k base + SGD 60k rsu (4 yrs) + 15% bonus. fair?",
        "ok so what do i say to push the rsu up? my whole background is scaling k8s for flash "
        "sales at a shopee-type ecommerce co",
    )
    assert not second.refused and "Hyperscale Experience" in second.answer[:300]


def test_each_companys_level_map_after_comparing_the_two(coach):
    _, second = converse(
        coach,
        "torn between anyscale (sf) and alibaba (sunnyvale) for devops. which one pays more, total "
        "comp wise?",
        "what about level — im a google L4 SRE right now. how does each company's devops role "
        "map to that?",
    )
    lead = second.answer.split("\n", 1)[0]
    assert "Google L4 SRE" in lead and "P5-P7" in lead and "L3-L5" in lead


def test_converting_after_two_regions_names_no_exchange_rate_first(coach):
    *_, third = converse(
        coach,
        "anyscale london offer: £140k base, £120k equity over four years. in range?",
        "what would the same job pay in sf?",
        "so is sf actually more once you convert, or about the same?",
    )
    first = third.answer.split("\n")[0]
    assert "no exchange rate between GBP and USD" in first
    assert "£128K–£166K" in third.answer and "$168K–$218K" in third.answer


def test_a_pay_follow_up_after_an_offer_gives_the_whole_row_not_its_stock(coach):
    _, second = converse(
        coach,
        "anyscale london offer: £140k base, £120k equity over four years. in range?",
        "what would the same job pay in sf?",
    )
    assert not second.answer.startswith("**Stock")
    assert "$168K–$218K" in second.answer.split("\n\n")[1]


def test_the_offers_compared_stay_through_a_turn_naming_neither(coach):
    *_, third = converse(
        coach,
        "two offers: alibaba singapore SGD 160k base, anyscale london £145k base. where do they sit",
        "which is better once you convert both to usd?",
        "ok forget fx. bonus % at each?",
    )
    assert "15%" in third.answer and "5–10%" in third.answer.split("\n")[0]


def test_the_line_to_say_for_the_lever_just_chosen_is_that_lever_alone(coach):
    *_, third = converse(
        coach,
        "what negotiation levers does the anyscale devops guide list",
        "which one's for me? only cpu workloads, but i run prod across aws and gcp and a bit of azure",
        "ok write the exact line i'd say on the call",
    )
    assert third.answer.startswith("The guide's lever naming AWS is **Multi-Cloud Operations")
    assert "$215K" in third.answer and "GPU Infrastructure Premium" not in third.answer


def test_a_lever_asked_by_its_place_then_its_line(coach):
    _, second, third = converse(
        coach,
        "google gave me an sre offer at ~320k tc. alibaba sunnyvale devops came in lower. which "
        "of the alibaba levers is the one for that situation",
        "ok and the second lever?",
        "what exactly would i say for that one",
    )
    assert second.answer.startswith("The guide's lever 2 is **Hyperscale Experience**")
    assert third.answer.startswith("The guide's lever 2 is **Hyperscale Experience**")
    assert "Sign-On Bridge" not in third.answer


def test_a_name_the_script_mentions_asked_about_in_that_part_is_no_unknown_company(coach):
    *_, third = converse(
        coach,
        "in anyscale's big 'negotiate up' script, whats the walk-away number",
        "and the base where i say i'd commit?",
        "what exactly do i say about nvidia in that part",
    )
    assert not third.refused and "$255K" in third.answer


def test_a_pay_part_asked_after_an_offer_is_that_places(coach):
    _, second = converse(
        coach,
        "hangzhou ali devops offer 55w base, 25w rsu over 4 yrs, 15% bonus. how does it compare",
        "could i push the bonus up to 25%?",
    )
    assert second.answer.startswith("**Bonus** for Alibaba · DevOps Engineer · Hangzhou (HQ)")


def test_which_of_two_places_is_still_both(coach):
    _, second = converse(
        coach,
        "deciding between alibaba devops in hangzhou or beijing. base ranges for both?",
        "which one has the higher tc ceiling",
    )
    assert "CNY 1.2M" in second.answer and "CNY 1.15M" in second.answer


def test_an_offer_said_to_be_another_employers_and_asked_of_it_is_refused(coach):
    _, second = converse(
        coach,
        "anyscale nyc devops offer: 175k base, 150k rsu/4y, 5% bonus. whats the tc band?",
        "ugh my bad, that one is actually the datadog offer. is 175k fair for datadog nyc?",
    )
    assert second.refused and "Datadog" in second.answer.split("\n")[0]


def test_two_companies_named_again_keep_the_places_they_were_compared_in(coach):
    _, second = converse(
        coach,
        "two offers. alibaba sunnyvale ~200 grand tc, anyscale sf ~250k tc. which is better?",
        "anyscale bonus is only 5% vs alibaba 15. normal for each?",
    )
    first = second.answer.split("\n")[0]
    assert "Anyscale San Francisco **5–10%**" in first and "Bay Area / Sunnyvale" in first


def test_the_number_to_anchor_on_after_an_offer_is_the_counter(coach):
    _, second = converse(
        coach,
        "anyscale sf devops: they came in at $165k base, $150k rsu over 4 yrs, 5% bonus",
        "what number do i anchor on for base",
    )
    assert "ask for $213K" in second.answer.split("\n")[0]


def test_same_for_another_topic_after_example_questions_gives_its_examples(coach):
    *_, third = converse(
        coach,
        "what linux stuff do they grill you on in alibaba devops interviews",
        "give me one example question for that",
        "same for kubernetes",
    )
    assert third.answer.startswith("Questions the guide lists:")
    assert "K8s" in third.answer.split("\n")[0]


def test_companies_compared_in_a_place_one_has_no_row_for_say_so_first(coach):
    london, singapore, both = converse(
        coach,
        "which pays more base in london, alibaba or anyscale?",
        "ok and singapore for both?",
        "alibaba seattle vs anyscale sf base?",
    )
    assert london.answer.startswith("Alibaba's comp table has no row for London")
    assert "£128K–£166K" in london.answer and "Seattle" not in london.answer  # (no stand-in)
    assert singapore.answer.startswith("Anyscale's comp table has no row for Singapore")
    assert "SGD 110K–SGD 170K" in singapore.answer and "£128K" not in singapore.answer
    assert "no row" not in both.answer  # each company's own place
    assert "$150K–$215K" in both.answer and "$168K–$218K" in both.answer


def test_a_grant_moved_to_a_band_in_another_currency_is_not_relabelled(coach):
    *_, london = converse(
        coach,
        "anyscale sf devops: they came in at $165k base, $150k rsu over 4 yrs, 5% bonus. "
        "is the base under what sf pays?",
        "hmm what about london if they end up putting me on the uk team",
    )
    assert "£150K" not in london.answer and "$165K" in london.answer  # (no exchange rate)
    assert london.grounding.status == "ok"  # the composer's own draft, nothing dropped


def test_back_to_money_after_an_interview_turn_keeps_the_place_talked_about(coach):
    *_, equity = converse(
        coach,
        "anyscale sf base?",
        "what about the interview there?",
        "ok back to money, and the equity?",
    )
    assert equity.answer.startswith(
        "**Stock (RSU/4yr)** for Anyscale · DevOps Engineer · San Francisco"
    )


def test_compare_with_another_company_puts_the_last_answer_beside_it(coach):
    _, compared = converse(coach, "anyscale new york base?", "compare with alibaba seattle")
    lead = compared.answer.split("\n", 1)[0]
    assert "$150K–$215K" in lead and "$163K–$213K" in lead


def test_a_figure_of_the_offer_told_later_amends_it_not_replaces_it(coach):
    pasted, moved, sign_on = converse(
        coach,
        "Offer summary — Alibaba, Senior DevOps Engineer, Seattle\nBase $165,000 | RSU $100,000 "
        "/ 4 yrs | Bonus target 15% | Sign-on $20,000 | Relo $8,000 lump\n\nis my base in the "
        "seattle band? also is senior paid diff than regular devops",
        "sorry, they moved the req to the sunnyvale office. same numbers. redo?",
        "20k sign-on feels low. what should i counter the sign-on to",
    )
    assert pasted.answer.startswith("The guides have no band for senior DevOps")
    assert "Your base ($165K)" in pasted.answer and "$8K" not in pasted.answer
    assert "Your base ($165K)" in sign_on.answer  # (the offer kept, its sign-on restated)
    assert "$45K sign-on" in sign_on.answer


def test_the_background_told_with_an_offer_picks_the_lever_after_a_region_follow_up(coach):
    *_, lever = converse(
        coach,
        "anyscale sf devops offer 178 base / 135k rsu / 7%. i want 200+ base. low? (i do "
        "aws+gcp+azure infra daily)",
        "nyc?",
        "lever?",
    )
    first = lever.answer.split("\n")[0]
    assert "**Multi-Cloud Operations Complexity**" in first
