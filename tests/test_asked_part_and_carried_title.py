"""The part of a message that asks, over what it only tells (a pasted interview schedule, a
past employer, the job the user comes from), a lever asked by its place alone, a job title the
guides lack carried to the next place asked, a company's missing interview guide named in the
words users ask with, and English mixed with another language: through the real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure
rules that read them.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import re

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.asks import asked_sentences
from assistant.understanding.companies_asked import companies_asked
from assistant.understanding.entities import Catalog
from assistant.understanding.frame import ConversationState
from assistant.understanding.lacking import lacked_words
from assistant.understanding.titles import role_asked
from assistant.understanding.words import mixes_another_language, normalize

SCHEDULE = (
    "my onsite schedule from alibaba:\n10:00 Linux & Networking\n11:15 Kubernetes / Cloud "
    "Native\n1:00 Coding\n2:15 HM\nfor the kubernetes one what kind of scenario questions "
    "should i expect? i run eks day to day but never touched statefulsets much"
)


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.parametrize(
    "text",
    [
        "for the observability design one, what do they expect me to cover?",
        "about the hm round, what do they check?",
    ],
)
def test_a_clause_naming_what_is_asked_stays_with_the_question(text):
    assert asked_sentences(f"got my schedule today. {text}") == text


def test_a_clause_that_tells_is_still_apart_from_the_question():
    assert asked_sentences("for context i work at aws, what does alibaba pay") == (
        "what does alibaba pay"
    )


def test_example_questions_of_the_round_asked_lead_over_the_pasted_schedule(coach):
    answer = coach.ask(SCHEDULE)
    first = answer.answer.split("\n")[0]
    assert first.startswith("Questions the guide lists:")
    assert "K8s cluster" in first and "StatefulSet" in first
    assert "fork()" not in first  # the Linux round is only in the schedule


def test_the_guides_short_form_meets_the_word_written_out(coach):
    # the guide writes "K8s"; the question "kubernetes"
    answer = coach.ask("what kubernetes scenario questions does the alibaba devops loop use?")
    assert "K8s cluster" in answer.answer[:300]


def test_a_lever_asked_by_its_place_is_quoted_alone(coach):
    *_, second, fourth = converse(
        coach,
        "what negotiation levers does the anyscale guide give",
        "tell me more about the second one, what number does it ask for",
        "and the fourth?",
    )
    assert not second.refused and "$215K base" in second.answer
    assert "$25K signing bonus" not in second.answer  # lever 4's, not asked
    assert not fourth.refused and "Enterprise SLA Protection" in fourth.answer.split("\n")[0]
    assert "$25K signing bonus" in fourth.answer and "$215K base" not in fourth.answer


def test_a_past_employer_after_what_the_user_did_there_is_context(coach):
    *_, second = converse(
        coach,
        "friend on the alibaba seattle infra team says his rsu grant was 250k over 4 years. "
        "is that within their band?",
        "ok so if i want to push toward the top of that which lever do i use? i did k8s "
        "autoscaling for black friday traffic at shopify",
    )
    assert not second.refused and "Shopify" not in second.answer[:200]
    assert "Hyperscale Experience" in second.answer[:300]


def test_a_title_the_guides_lack_is_named_again_for_the_next_place(coach):
    *_, second = converse(
        coach,
        "whats a product manager paid at anyscale in new york? base",
        "and london?",
    )
    first = second.answer.split("\n")[0]
    assert "no product manager figures" in first
    assert "£128K–£166K" in second.answer


def test_a_title_is_not_carried_once_the_user_moves_to_a_held_one(coach):
    *_, second = converse(
        coach,
        "whats a product manager paid at anyscale in new york? base",
        "ok forget that, i'm going for the devops role. and london?",
    )
    assert "product manager" not in second.answer
    assert "£128K–£166K" in second.answer


def test_a_missing_interview_guide_names_what_it_would_hold(coach):
    answer = coach.ask("how long does anyscale's devops interview process take, how many rounds?")
    first = answer.answer.split("\n")[0]
    assert answer.refused and "no Anyscale interview guide" in first
    assert "interview process" in first and "rounds" in first and "timeline" in first


def test_the_job_the_user_comes_from_is_not_the_title_asked():
    roles = ("DevOps Engineer",)
    assert role_asked("anyscale london base? moving from a fintech sre job", roles) is None
    assert role_asked("offer from alibaba for an sre role, base?", roles) == "SRE"
    story = "which stories should i prep? i have a fight with a PM about release dates"
    assert role_asked(story, roles) is None  # (someone in the story, not a title asked)
    assert role_asked("what does a PM make at alibaba", roles) == "product manager"


@pytest.mark.parametrize(
    ("text", "mixed"),
    [
        ("cuantas rondas tiene el onsite de alibaba para devops?", True),
        ("kitne rounds hote hai aur kitna time lagta hai?", True),
        ("will they ask about terraform, ansible or pulumi in the alibaba loop?", False),
        ("es buena la oferta para devops?", True),
        ("is the offer good for a y combinator alum", False),  # one such word is no mix
    ],
)
def test_english_mixed_with_another_language_is_told_by_its_commonest_words(text, mixed):
    assert mixes_another_language(text) is mixed


def test_words_of_the_language_mixed_in_are_not_terms_the_guides_lack(coach):
    answer = coach.ask("cuantas rondas tiene el onsite de alibaba para devops?")
    assert not answer.refused and "say nothing about" not in answer.answer
    assert "3 to 5" in answer.answer


def test_a_turn_in_the_users_language_mid_talk_goes_on_with_the_talk(coach):
    *_, second = converse(
        coach,
        "cuantas rondas tiene el onsite de alibaba para devops?",
        "y la ultima ronda de HR/valores, es solo una formalidad o si importa?",
    )
    assert not second.refused and "bar raiser" in second.answer[:300]


def test_which_lever_fits_is_answered_with_the_lever_though_an_offer_is_told(coach):
    answer = coach.ask(
        "context for my anyscale devops negotiation:\n\n1. at my current company i run our infra "
        "across aws, gcp and azure\n2. no real gpu work\n3. recruiter offered $195K base\n\n"
        "which one of the guide's levers fits my background, and what base number does that "
        "lever ask for?"
    )
    first = answer.answer.split("\n")[0]
    assert "Multi-Cloud Operations Complexity" in first and "$215K base" in answer.answer[:400]


def test_a_title_in_a_pasted_recruiter_email_is_the_title_asked(coach):
    answer = coach.ask(
        "Hi Taylor,\n\nI'm reaching out regarding our Senior Network Engineer opening in Seattle "
        "at Alibaba Cloud.\n\nBest regards,\nKevin\n\n---\nbefore i reply: what's the base "
        "salary range for this role in seattle according to the guide?"
    )
    assert "no network engineer figures" in answer.answer.split("\n")[0]
    assert "$150K–$215K" in answer.answer


def test_a_company_only_told_of_is_context_when_the_ask_names_another(coach):
    answer = coach.ask(
        "anyscale wants my answer by next friday. alibaba only just booked my recruiter screen. "
        "how long does alibabas process usually take from screen to offer?"
    )
    assert not answer.refused and "Anyscale interview guide" not in answer.answer
    assert "4 to 6 weeks" in answer.answer[:300]


def test_a_company_compared_in_the_ask_stays_beside_the_one_asked(coach):
    answer = coach.ask("alibaba seattle base is $150K-$215K. how does anyscale sf compare?")
    assert "$168K–$218K" in answer.answer and "$150K–$215K" in answer.answer


def test_a_currency_asked_in_another_language_is_named_without_a_rate(coach):
    *_, last = converse(
        coach,
        "hola! cuanto es el base para devops en alibaba hangzhou?",
        "y en beijing?",
        "ok y eso en dolares cuanto seria?",
    )
    first = last.answer.split("\n")[0]
    assert "CNY only" in first and "no exchange rate" in first
    assert "CNY 380K–CNY 710K" in last.answer and "$150K–$215K" not in last.answer


def test_a_reason_after_the_ask_asks_nothing_more(coach):
    answer = coach.ask(
        "comparing anyscale sf against my current job, which matches 401k 6% dollar for dollar. "
        "whats anyscale's 401k match? thats a real chunk of my comp math so i need to know "
        "before i answer them"
    )
    assert answer.refused and "401(k)" in answer.answer.split("\n")[0]
    assert "$168K" not in answer.answer


def test_offers_the_user_says_they_lack_do_not_pick_the_competing_offer_lever(coach):
    assert "nvidia" in lacked_words(
        "the script leans on nvidia + databricks offers. i have neither."
    )
    answer = coach.ask(
        "the anyscale negotiate up script leans on having nvidia + databricks offers. i have "
        "neither. is there a lever in that guide that asks for a signing bonus without pointing "
        "at another offer? name + amount pls"
    )
    first = answer.answer.split("\n")[0]
    assert "Enterprise SLA Protection" in first and "Competing Infrastructure" not in first


def test_the_held_ask_beside_a_gap_is_answered_with_its_own_intent(coach):
    answer = coach.ask(
        "if alibaba wants me to start 2 weeks after the offer is that normal? also how long is "
        "their hiring process"
    )
    assert "start date" in answer.answer.split("\n")[0]
    assert "4 to 6 weeks" in answer.answer[:300] and "To compute a counter" not in answer.answer


def test_a_rival_chosen_instead_mid_talk_is_context(coach):
    *_, last = converse(
        coach,
        "anyscale sf offered me 190k base for devops. whats the top of their base range?",
        "i have an nvidia offer at 213 base / 255 rsu. what base should i ask anyscale for",
        "and whats the lowest i should take before i just go nvidia",
    )
    assert not last.refused and "$198K" in last.answer


def test_asking_for_less_than_the_script_gets_its_floor_and_commitment(coach):
    *_, last = converse(
        coach,
        "anyscale sf devops offer: 185k base, 170k rsu/4yr, 6% bonus. what should i counter with?",
        "what if i said 200 on base instead of 213? feels less greedy",
    )
    first = last.answer.split("\n")[0]
    assert first.startswith("The guide's floor:") and "$213K" in first and "$198K" in first
    assert re.search(r"I commit\. \[\d+\] My floor", first)  # each sentence with a figure cited


def test_the_company_whose_offer_figures_are_given_stays_the_subject():
    catalog = Catalog.build(["Alibaba", "Anyscale", "NVIDIA"])  # (with NVIDIA's guide indexed)
    question = (
        "anyscale sf devops offer: 195 base, 180k equity/4yr. what base do i counter with, and "
        "whats the lowest base i should accept before just going with nvidia?"
    )
    named, _ = companies_asked(
        question, normalize(question), ["Anyscale", "NVIDIA"], ConversationState(), catalog
    )
    assert named[0] == "Anyscale"
