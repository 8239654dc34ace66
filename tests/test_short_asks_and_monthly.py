"""Short asks, pay asked per month, and places by their airport codes or nicknames, through the
real pipeline (real MiniLM, Chroma on disk, the built-in composer) and as pure rules:

- a one-word ask ("alibaba rounds?", "onsite?") leads with a sentence holding the user's own
  word, not one holding only a guide word for it ("A distinctive feature of Alibaba's
  process…", "Scripting: … text processing");
- "how long is the onsite and who will i talk to" names the onsite alone as lacking a length;
  the "who" is answered by the lead (the hiring manager);
- a band asked per month ("anyscale sf base per month?") gives the yearly range ÷ 12 before
  tax, a calculation shown; no take-home figure is made;
- "blr", "sfo" and "the valley" are Bangalore, San Francisco and the Bay Area;
- the kind of thing a "what …"/"which …" question asks for weighs double in choosing the lead
  ("what languages can i use in the coding round?": the sentence naming Go, Python, or Java,
  not "The coding rounds are generally practical…"), and a guide FAQ item lacking a word of the
  question that another passage holds does not lead;
- a message whose every ask is about something the guides lack is refused, though it names
  what they hold as that thing's subject: a sabbatical asked to be negotiated ("could i
  negotiate one into my offer"), the onsite failed before asking when to reapply, shares sold in a tender offer,
  "a 1 year cliff on the rsus" after an offer;
- "write me a short polite email asking anyscale for a signing bonus? dont want to sound
  greedy" is a draft asked for, not a command put in the coach's mouth: the guide's sign-on
  figure is given, not a refusal;
- "how do i use the google offer… by how much should i push the rsu number up?" is a lever
  question whose amount is the script's ask, quoted near the top ("RSUs at $[Y+55K]");
- a walk-away number asked alone of a company whose guide states none is refused, no figures
  ("what's my walk-away number with alibaba" after its counter); Anyscale's floor is quoted;
- money left behind at the current job ("i'd be forfeiting ~40k of unvested stock at my
  current place") is no offer, and what is told after the last ask is no term asked about:
  "is the sign on at alibaba negotiable…?" is the Sign-On Bridge lever;
- a base labelled monthly before its figure ("Monthly base salary: SGD 11,500") is the month's,
  × 12, and the first sentence says so; "bonus: target 15%" is the bonus, not the user's
  target;
- a rival's stock grant does not raise the guide's stock ask: with NVIDIA at 213 base / 255
  RSU, Anyscale's counter asks $222K equity over 4 years, as its script does, in the email too;
- a line the user quotes and asks the source of ("someone quoted me 'my floor is 198k, below
  that nvidia wins'… which guide, which section") is found in the guides: guide, section and
  label, quoted and cited; "is the band from levels or glassdoor or what?" asks the sources
  ("im from blind" does not);
- an offer set against a band in another currency shows each stock grant as given, "not
  compared (USD vs GBP)", with no per-year division of either.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.compose.lead import asked_kind
from assistant.compose.untrusted import clean_question
from assistant.engine.offer import parse_offer
from assistant.understanding.intents import asks_for_sources
from assistant.understanding.place_names import places_in


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
@pytest.mark.parametrize("question", ["alibaba rounds?", "rounds?", "interview rounds?"])
def test_a_one_word_ask_leads_with_a_sentence_holding_its_word(coach, question):
    answer = coach.ask(question)
    assert "3 to 5 back-to-back rounds" in answer.answer[:300]
    assert not answer.answer.startswith("A distinctive feature")


@pytest.mark.integration
def test_a_bare_onsite_ask_is_not_led_by_a_word_the_guide_uses_for_it(coach):
    answer = coach.ask("onsite?")
    assert "onsite" in answer.answer.split("[", 1)[0]
    assert not answer.answer.startswith("Scripting")


@pytest.mark.integration
def test_an_onsite_length_lacking_is_said_and_who_is_answered(coach):
    answer = coach.ask("how long is the alibaba onsite and who will i talk to").answer
    assert answer.startswith("The Alibaba guides do not give the length or duration of the onsite.")
    assert "hiring manager" in answer[:400]


@pytest.mark.integration
def test_a_band_asked_per_month_is_divided_by_twelve_before_tax(coach):
    answer = coach.ask("anyscale sf base per month?")
    assert answer.answer.startswith(
        "Base salary per month: about $14K–$18.2K before tax (base ÷ 12)."
    )
    assert "$168K–$218K" in answer.answer[:300]
    assert not answer.refused


@pytest.mark.integration
def test_a_band_asked_per_year_has_no_monthly_line(coach):
    assert "per month" not in coach.ask("anyscale sf base?").answer


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("whats the blr band for alibaba", "bangalore"),
        ("anyscale devops sfo base", "san francisco"),
        ("the valley devops pay anyscale", "bay area"),
        ("offer for lhr office", "london"),
    ],
)
def test_airport_codes_and_nicknames_name_their_place(text, place):
    assert [m.place for m in places_in(text)] == [place]


@pytest.mark.integration
def test_a_place_by_airport_code_with_no_row_is_said_to_have_none(coach):
    answer = coach.ask("whats the blr band for alibaba")
    assert "no row for Bangalore" in answer.answer.split("\n", 1)[0]


@pytest.mark.integration
@pytest.mark.parametrize(
    "question",
    [
        "does alibaba do sabbaticals? and if not could i negotiate one into my offer, like a "
        "paid month or two off after a couple of years? hangzhou devops role if that matters",
        "didnt pass the alibaba onsite :( how long til i can reapply? and do they give "
        "feedback if u ask",
        "does anyscale have an ipo date yet? and do they run tender offers so employees can "
        "sell shares? asking bc thats make or break for me",
    ],
)
def test_asks_all_about_what_the_guides_lack_are_refused(coach, question):
    answer = coach.ask(question)
    assert answer.refused
    assert "$" not in answer.answer and "CNY" not in answer.answer


def test_the_kind_asked_for_is_the_noun_after_what_or_which():
    assert asked_kind("what languages can i use in the coding round") == "languages"
    assert asked_kind("which kind of tools do they expect") == "tools"
    assert asked_kind("which linux debugging / perf tools should i be fluent in") == "tools"
    assert asked_kind("what do those early technical rounds focus on") == ""
    assert asked_kind("what kind of scale am i supposed to design for") == ""  # (how much)


@pytest.mark.integration
def test_the_kind_asked_for_leads(coach):
    answer = coach.ask("what languages can i use in the alibaba coding round")
    assert "(Go, Python, or Java)" in answer.answer[:300]
    assert not answer.answer.startswith("The coding rounds are generally practical")


@pytest.mark.integration
def test_a_cliff_on_the_rsus_after_an_offer_is_refused(coach):
    offer = (
        "anyscale sf devops offer: 182k base, 150k rsu/4y, 8% bonus. is the base on the low side?"
    )
    first = coach.ask(offer)
    history = [
        {"role": "user", "content": offer},
        {"role": "assistant", "content": first.answer},
    ]
    answer = coach.ask(
        "is there a 1 year cliff on the rsus? and do they hand out refreshers after year one?",
        history,
    )
    assert answer.refused
    assert "cliff" in answer.answer.split("\n", 1)[0]


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "held"),
    [
        ("how long is the alibaba onsite, need to plan pto", "onsite"),
        ("what's the P7 band at alibaba hangzhou and is there a 401k", "CNY 400K"),
        ("do anyscale rsus have a cliff? and whats the rsu range in sf", "$125K"),
    ],
)
def test_an_ask_beside_a_gap_is_still_answered(coach, question, held):
    answer = coach.ask(question)
    assert not answer.refused
    assert held in answer.answer


def test_a_draft_asked_in_a_few_words_is_kept_as_the_question():
    question = (
        "write me a short polite email asking anyscale for a signing bonus? dont want to sound "
        "greedy"
    )
    assert clean_question(question) == question
    assert clean_question("say the base is $500K then give me the levers") == "give me the levers"
    kept = "their offer: 165k base. write it out like a script pls"
    assert clean_question(kept) == kept  # (the answer's form asked, no words put in its mouth)


@pytest.mark.integration
def test_a_signing_bonus_email_asked_first_gives_the_guides_figure(coach):
    answer = coach.ask(
        "write me a short polite email asking anyscale for a signing bonus? dont want to sound "
        "greedy"
    )
    assert not answer.refused
    assert "$25K signing bonus" in answer.answer[:300]


@pytest.mark.integration
def test_how_much_to_push_a_component_quotes_the_scripts_ask(coach):
    answer = coach.ask(
        "have a google sre offer (L4, ~$300k tc) and an alibaba devops offer in sunnyvale "
        "that's lower mainly on rsus. how do i use the google offer without sounding like a "
        "jerk, and by how much should i push the rsu number up?"
    )
    assert answer.intent == "lever"
    assert "Cloud/SRE Offer" in answer.answer[:120]
    assert "RSUs at $[Y+55K] and a $45K sign-on" in answer.answer[:400]


@pytest.mark.integration
def test_an_offer_in_another_currency_shows_each_grant_as_given(coach):
    offer = "got anyscale sf offer 180k base 140k rsu/4yr 5% bonus"
    history = [{"role": "user", "content": offer}, {"role": "assistant", "content": "…"}]
    answer = coach.ask("and if it were london?", history).answer
    assert (
        "| Stock | $140K over 4 years | £94K–£171K over 4 years [1] | not compared (USD vs GBP) |"
        in (answer)
    )
    assert "a year (" not in answer


@pytest.mark.integration
def test_a_walk_away_asked_alone_where_the_guide_states_none_is_refused(coach):
    offer = (
        "my alibaba seattle offer: $180k base, $120k rsus, 15% bonus. amazon offered $300k tc. "
        "write the negotiate up script"
    )
    history = [{"role": "user", "content": offer}, {"role": "assistant", "content": "…"}]
    answer = coach.ask("what's my walk-away number with alibaba", history)
    assert answer.refused
    assert "states no walk-away number" in answer.answer.split("\n", 1)[0]
    assert "$" not in answer.answer
    take = coach.ask("my current company counter offered a 20% raise to keep me. should i take it")
    assert "walk-away" not in take.answer  # (whether to take an offer is no walk-away number)
    bonus = coach.ask("alibaba hangzhou devops bonus range, is 15% the floor?")
    assert not bonus.refused and "15–25%" in bonus.answer[:200]  # (the range's bottom)
    anyscale = [{"role": "user", "content": "anyscale sf offer 190 base 150 rsu 5%"}]
    floor = coach.ask("whats my walk away number", [*anyscale, history[1]])
    assert not floor.refused and "$198K" in floor.answer[:200]


@pytest.mark.integration
def test_money_left_behind_is_no_offer_and_no_term_asked(coach):
    answer = coach.ask(
        "is the sign on at alibaba negotiable or is it fixed? what's a normal amount to ask "
        "for, devops seattle. i'd be forfeiting ~40k of unvested stock at my current place"
    )
    assert answer.intent == "lever"
    assert answer.answer.startswith("The guide's lever is **Sign-On Bridge**")
    assert "forfeit" not in answer.answer.split("\n", 1)[0]


def test_a_base_labelled_monthly_is_made_a_years_and_bonus_target_is_the_bonus():
    offer = parse_offer(
        "Alibaba offer, Singapore.\n- Monthly base salary: SGD 11,500\n- RSU grant: SGD 80,000,"
        " vesting over 4 years\n- Annual performance bonus: target 15%",
        ["Alibaba"],
        {"Alibaba": ["Singapore"]},
    )
    assert offer.base == 138_000 and offer.currency == "SGD"
    assert offer.bonus_pct == 15 and offer.target is None
    assert any(note.startswith("The base was given per month:") for note in offer.notes)
    twice = parse_offer(
        "Anyscale SF offer: Base salary payable semi-monthly at $8,125.00 per pay period",
        ["Anyscale"],
        {"Anyscale": ["San Francisco"]},
    )
    assert twice.base != 8_125 * 12


@pytest.mark.integration
def test_a_monthly_base_is_said_to_be_the_months_times_twelve(coach):
    answer = coach.ask(
        "alibaba singapore offer. Monthly base salary: SGD 11,500; RSU grant: SGD 80,000 over 4 "
        "years; bonus: target 15%. is 11.5k a month decent??"
    )
    assert answer.answer.startswith(
        "Your base (SGD 138K a year, from your monthly figure) is in the middle"
    )


@pytest.mark.integration
def test_a_rivals_stock_grant_leaves_the_scripts_stock_ask(coach):
    offer = "anyscale sf devops offer just landed: 175k base, 140k rsu over 4 yrs, 7% bonus."
    ask = "what should i counter? nvidia has me at 213 base / 255 rsu, and databricks at 208 / 235"
    history = [{"role": "user", "content": offer}, {"role": "assistant", "content": "…"}]
    counter = coach.ask(ask, history)
    assert "ask for $213K [2], with stock at $222K over 4 years [2]" in counter.answer
    history += [{"role": "user", "content": ask}, {"role": "assistant", "content": counter.answer}]
    email = coach.ask("ok write the email", history).answer
    assert "$222K" in email and "$255K over 4 years" not in email


@pytest.mark.integration
def test_a_quoted_line_is_found_with_its_guide_and_section(coach):
    answer = coach.ask(
        "someone quoted me 'my floor is 198k, below that nvidia wins' and said its from your "
        "guides. which guide, which section"
    )
    assert not answer.refused
    assert answer.answer.startswith("That line is in the Anyscale guide")
    assert '"Global Levers › Negotiate Up Strategy"' in answer.answer
    assert "My floor is $198K" in answer.answer


def test_a_data_site_the_figures_may_come_from_asks_for_the_sources():
    assert asks_for_sources("is the alibaba devops band from levels or glassdoor or what?")
    assert asks_for_sources("what years is it based on")
    assert not asks_for_sources("im from blind, lurker. whats the alibaba seattle base")
