"""A story put aside, reasons after the ask, misspelled employers and short follow-ups, through
the real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure rules that
read them.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.intents import lever_asked_by_place
from assistant.understanding.told_topics import asked_topics, told_aside
from assistant.understanding.unknown_names import misspelled_employer


def test_a_reason_after_the_ask_is_put_aside():
    text = "how many onsite rounds should i expect? trying to plan time off work around it"
    assert told_aside(text) == ["trying to plan time off work around it"]
    assert asked_topics(text) == ()


def test_a_story_before_anyway_is_put_aside():
    text = "6 rounds and a take home nobody mentioned. anyway which lever was #2 on the list"
    assert told_aside(text) == ["6 rounds and a take home nobody mentioned."]
    assert asked_topics(text) == ()


def test_a_topic_told_before_an_ask_without_anyway_is_still_asked():
    text = "i need relocation help from anyscale. what can i ask for?"
    assert told_aside(text) == []
    assert [t.key for t in asked_topics(text)] == ["relocation"]


def test_a_question_asked_after_the_reason_keeps_its_topic():
    text = "is there pto? asking because i have a trip"
    assert [t.key for t in asked_topics(text)] == ["pto"]


@pytest.mark.parametrize(
    ("typed", "employer"),
    [("snowflke sre offer in bellevue", "snowflake"), ("databriks offered me 200k", "databricks")],
)
def test_a_known_employer_with_one_typo_is_named(typed, employer):
    assert misspelled_employer(typed) == employer


@pytest.mark.parametrize("typed", ["i had a strike at my last job", "should i stripe it", "apply"])
def test_everyday_words_near_an_employer_are_not_one(typed):
    assert misspelled_employer(typed) is None


def test_a_lever_numbered_with_a_hash_is_asked_by_its_place():
    assert lever_asked_by_place("which lever was #2 on the any scale list") == 2


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_the_reason_for_asking_is_not_named_as_lacking(coach):
    answer = coach.ask(
        "did the recruiter call + 2 phone screens with alibaba cloud for devops already. how "
        "many onsite rounds should i expect after this? trying to plan time off work around it"
    )
    assert "3 to 5" in answer.answer[:400]
    assert "PTO" not in answer.answer and "time off" not in answer.answer


@pytest.mark.integration
def test_after_a_rant_the_numbered_lever_is_answered(coach):
    answer = coach.ask(
        "honestly so tired of this process, 6 rounds, a take home nobody mentioned, and the "
        "recruiter says the number is 'already at the top'. anyway which lever was #2 on the "
        "any scale list and what base does it say to ask for"
    )
    assert not answer.refused
    assert "Multi-Cloud Operations Complexity" in answer.answer[:200]
    assert "$215K" in answer.answer[:400]


@pytest.mark.integration
def test_a_misspelled_employer_without_a_guide_is_refused_by_name(coach):
    answer = coach.ask("snowflke sre offer in bellevue 280 tc. what does their band look like")
    assert answer.refused and "Snowflake" in answer.answer[:120]
    assert "$150K" not in answer.answer


@pytest.mark.integration
def test_another_employer_mid_talk_is_named_as_not_covered(coach):
    answer = converse(coach, "any scale london devops tc range", "what about coinbase london")[-1]
    assert answer.refused and "do not cover Coinbase" in answer.answer[:120]


@pytest.mark.integration
def test_a_pay_component_asked_after_an_offer_goes_on_with_it(coach):
    answer = converse(
        coach,
        "recruiter's summary for anyscale sf devops: 'base $182,000 · RSUs $150,000 (4yr) · "
        "7% target bonus · 20 days PTO'. which of these is competitive?",
        "what signing number should i float on top?",
    )[-1]
    assert not answer.refused and "$25K" in answer.answer


@pytest.mark.integration
def test_the_top_of_the_band_asked_back_is_the_band(coach):
    answer = converse(
        coach,
        "platform eng in london, £140k base at a hedge fund. what's anyscale's london devops "
        "base band?",
        "so if i landed the very top of it whats that as a % over my current",
    )[-1]
    assert not answer.refused and "£166K" in answer.answer[:200]


def test_a_scenario_told_is_no_ask_for_example_questions():
    from assistant.understanding.intents import asks_for_examples

    told = "mock scenario from a friend: huge iowait. what tooling would they expect me to use"
    assert not asks_for_examples(told)
    assert asks_for_examples("want to practice the k8s scenario questions they ask. what are they")
    assert asks_for_examples("system design prompts they use. which ones come up?")


def test_an_aspect_asked_alone_is_about_the_last_topic():
    from assistant.understanding.about_last import asks_about_last

    assert asks_about_last("how hard tho")
    assert asks_about_last("and how long is that")
    assert not asks_about_last("culture")
    assert not asks_about_last("is there any moonlighting policy")


@pytest.mark.integration
def test_the_only_row_in_a_currency_is_the_place_carried(coach):
    answer = converse(
        coach,
        "S$ offer from ali just landed: base 130k, rsu 60k/4y, bonus 15%. base ok?",
        "what about the rsu piece",
    )[-1]
    assert "SGD 50K–SGD 130K" in answer.answer[:200]
    assert "CNY" not in answer.answer


@pytest.mark.integration
def test_the_script_asked_for_leads_with_its_ask_in_its_own_currency(coach):
    answer = converse(
        coach,
        "S$ offer from ali just landed: base 130k, rsu 60k/4y, bonus 15%. base ok?",
        "should i push rsu or sign-on? what does the guide's counter script say exactly",
    )[-1]
    first = answer.answer.split("\n", 1)[0]
    assert "figures are in USD, not SGD" in first and "$[Y+55K]" in first and "$45K" in first


@pytest.mark.integration
def test_a_level_and_a_company_the_level_map_names_is_a_level_question(coach):
    answer = coach.ask("p7 google?")
    assert not answer.refused and "L3-L5" in answer.answer[:200]
    # the other employer's own level, its pay asked: still a company without a guide
    answer = coach.ask("whats a google L5 SRE paid in mountain view?")
    assert answer.refused and "do not cover Google" in answer.answer[:120]
    assert "$220K" not in answer.answer


@pytest.mark.integration
def test_an_amount_with_a_place_without_a_row_is_refused_by_place(coach):
    answer = coach.ask("alibaba bangalore devops 40 lakh ok?")
    assert answer.refused and "no row for Bangalore" in answer.answer[:150]
    assert "lakh" not in answer.answer[:150]


@pytest.mark.integration
def test_a_short_aspect_follow_up_keeps_the_topic(coach):
    answer = converse(
        coach,
        "what coding should i study for alibaba devops, im mostly a bash person tbh",
        "example questions?",
        "how hard tho",
    )[-1]
    assert "Medium" in answer.answer[:300]


@pytest.mark.integration
def test_the_cost_of_living_asked_is_named_as_lacking(coach):
    answer = coach.ask(
        "anyscale lets me pick sf or nyc for the same devops role. which city's base band is "
        "higher? and is the nyc one lower bc of cost of living or something"
    )
    assert "cost of living" in answer.answer.split("\n", 1)[0]
    assert "$168K–$218K" in answer.answer[:400] and "$163K–$213K" in answer.answer[:400]


@pytest.mark.integration
def test_a_script_only_told_of_does_not_lead_a_lever_question(coach):
    answer = coach.ask(
        "the alibaba negotiate up script has me saying 'i have a competing offer from google "
        "sre/amazon at $W TC'. i have no other offer. which of their levers can i use without "
        "a competing offer"
    )
    first = answer.answer.split("\n", 1)[0]
    assert "Hyperscale Experience" in first and "Cloud Platform Impact" in first


@pytest.mark.integration
def test_the_figures_asked_lead_before_the_rivals_lever_and_show_the_formula(coach):
    answer = coach.ask(
        "alibaba seattle offer: $160k base, $90k rsu over 4 yrs, 15% bonus. i also have an "
        "amazon sysde offer at $300k tc. what do i actually ask for"
    )
    first = answer.answer.split("\n", 1)[0]
    assert first.startswith("Your base ($160K)")
    assert "$145K over 4 years (= offer RSU $90K" in first and "$[Y+55K]" in first
    assert answer.grounding.status == "ok"


@pytest.mark.integration
def test_a_components_ask_without_an_offer_gives_the_guides_figure_first(coach):
    answer = coach.ask("anyscale counter on base?")
    assert answer.answer.startswith("Base salary: the Anyscale guide's script asks for **$213K**")
    answer = coach.ask("what rsu do i counter with at alibaba?")
    assert answer.answer.startswith("Stock: the Alibaba guide's script asks for your grant plus")


@pytest.mark.integration
def test_a_list_item_is_read_with_its_lead_in(coach):
    answer = coach.ask("alibaba devops interview: which pillar is the troubleshooting one again")
    assert answer.answer.startswith("Operational Excellence & Troubleshooting")


@pytest.mark.integration
def test_a_lever_named_by_its_own_word_is_the_lever_answered(coach):
    answer = converse(
        coach,
        "whats the annual bonus target at anyscale for devops in new york?",
        "why would the SLA thing justify a signing bonus, seems random",
    )[-1]
    assert answer.answer.startswith("The guide's lever is **Enterprise SLA Protection**")
    assert "largest revenue streams" in answer.answer[:300]


@pytest.mark.integration
def test_where_the_talk_returns_is_told_and_the_round_named_is_asked(coach):
    answer = converse(
        coach,
        "just passed alibaba devops phone screens. how many onsite rounds and what do they cover",
        "if i get it the role's in seattle — base range there?",
        "back to the onsite — the hiring manager round, what are they really checking",
    )[-1]
    assert answer.answer.startswith('The "Hiring Manager" round is also critical')
    assert "Customer First" in answer.answer[:200]
