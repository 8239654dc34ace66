"""What a message tells of a rival offer, and asks that refer back to what was just told,
through the real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure
rules:

- "coreweave offered me 205 base + 300k rsu … anyscale sf devops came in at 185 / 160 rsu":
  the figures after a rival typed in lower case are the rival's, not the user's Anyscale offer;
- "amazon gave me sysde II at 285k tc. what should i counter alibaba with?": the level is the
  rival offer's, told, so the counter leads, not "the guides have no band for sysde II";
- "is it even worth pushing when i already like the offer" names that call as the user's, then
  places the offer and gives the counter; "if they come back with 200 base should i just
  accept?" names the decision, then the guide's floor;
- "ok back to prep. is it bad to say 'i don't know' in the deep dive?" after counter talk asks
  about the interview ("is it bad to say" judges no offer);
- "…my friend says alibaba ops interviews are just linux trivia. is that true?" after a long
  story refers to the friend's claim, not to the story's tools ("ansible", "msg");
- a second ask opening with "this"/"that" reads the telling sentence just before it;
- "i did everything solo", "i mostly work alone", "teamwork" are asked in the guide's words
  for it (a team sport, not the "Lone Wolf" operator), and "cram" is studying, no term.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse, first_sentence

from assistant.coach import Coach
from assistant.compose.lead import referred_to
from assistant.engine.offer import parse_offer
from assistant.understanding.intents import asks_for

REGIONS = {"Anyscale": ["San Francisco", "New York", "London"]}


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_figures_after_a_rival_typed_in_lower_case_are_the_rivals():
    offer = parse_offer(
        "coreweave offered me 205 base + 300k rsu (4yr) for an infra role. anyscale sf devops "
        "came in at 185 / 160 rsu / 5%.",
        ["Anyscale", "Alibaba"],
        REGIONS,
    )
    assert offer.company == "Anyscale" and offer.base == 185_000
    assert [(c.company, c.base) for c in offer.competing] == [("Coreweave", 205_000)]


def test_a_lower_case_word_that_is_no_name_makes_no_rival():
    offer = parse_offer(
        "they offered me 185 base and 160k rsu over 4 years at anyscale sf",
        ["Anyscale"],
        REGIONS,
    )
    assert offer.base == 185_000 and offer.competing == ()


def test_a_rivals_figures_do_not_become_the_users_offer(coach):
    answer = coach.ask(
        "coreweave offered me 205 base + 300k rsu (4yr) for an infra role. anyscale sf devops "
        "came in at 185 / 160 rsu / 5%. what should i counter anyscale with?"
    )
    assert "Your base ($185K)" in answer.answer and "Your base ($205K)" not in answer.answer


def test_a_rival_offers_level_is_told_not_asked(coach):
    answer = coach.ask(
        "alibaba seattle devops offer: $168k base, $95k rsu/4y, 15% bonus. amazon gave me "
        "sysde II at 285k tc. what should i counter alibaba with?"
    )
    lead = first_sentence(answer.answer)
    assert "sysde" not in lead.lower() and "$45K sign-on" in answer.answer[:400]


def test_whether_it_is_worth_pushing_is_named_then_the_counter_follows(coach):
    answer = coach.ask(
        "alibaba cloud sunnyvale devops at 180 base / 120k rsu / 15%. honestly i like the team. "
        "is it even worth pushing when i already like the offer, and if i do push what exactly "
        "do i ask for?"
    )
    lead = first_sentence(answer.answer)
    assert "worth pushing" in lead and "nothing" in lead
    assert "$45K sign-on" in answer.answer[:500]


def test_is_it_bad_to_say_judges_no_offer():
    assert not asks_for("is it bad to say 'i don't know' in the deep dive?", "counter", "stock")
    assert asks_for("what about the stock, is it low?", "counter", "stock")


def test_back_to_interview_prep_after_counter_talk_asks_about_the_interview(coach):
    *_, answer = converse(
        coach,
        "alibaba sunnyvale devops — what do they grill you on in the hiring manager round?",
        "assuming i get it, what sign-on do i ask for",
        "and the rsu ask in their script?",
        "ok back to prep. is it bad to say 'i don't know' in the deep dive? i tend to bluff",
    )
    assert answer.intent == "interview"
    assert "Admit What You Don't Know" in answer.answer[:300]


def test_after_a_long_story_that_refers_to_the_claim_just_told(coach):
    answer = coach.ask(
        "sorry long msg. i'm a sysadmin turned devops, 3 yrs, mostly ansible + bash, some "
        "python. i can write a script but i've literally never done leetcode. alibaba hangzhou "
        "team invited me to the tech phone screen next tuesday. my friend says alibaba ops "
        "interviews are just linux trivia. is that true, or will there be actual coding?"
    )
    lead = answer.answer[:300].lower()
    assert "ansible" not in lead and "msg" not in lead
    assert "coding" in lead  # (the guide's word on coding in the screen, first)


def test_an_ask_referring_back_reads_the_sentence_told_just_before_it():
    question = (
        "what do they want to hear in the behavioral round? I mostly work alone on my tasks. "
        "This is problem for them?"
    )
    assert referred_to(question, "This is problem for them?") == (
        "I mostly work alone on my tasks."
    )
    assert referred_to(question, "what do they want to hear in the behavioral round?") == ""


@pytest.mark.parametrize(
    "question",
    [
        "behavioral round at alibaba: i was a one-person infra team and did everything solo. "
        "should i lean hard into the 'i did it all alone' story?",
        "In behavior interview of Alibaba DevOps, what they want to hear? I am quiet person and "
        "mostly I work alone on my tasks. This is problem for them?",
    ],
)
def test_working_alone_is_asked_in_the_guides_words(coach, question):
    assert "Lone Wolf" in coach.ask(question).answer[:400]


def test_cram_is_studying_not_a_term_the_guides_lack(coach):
    answer = coach.ask(
        "k8s round of my alibaba devops onsite is tomorrow. which sample questions does the "
        "prep list so i cram just those"
    )
    assert "cram" not in first_sentence(answer.answer)


def test_should_i_just_accept_a_figure_names_the_decision_then_the_floor(coach):
    *_, answer = converse(
        coach,
        "anyscale nyc devops offer is 175 base / 140k rsu / 7%. how does it look vs their band?",
        "if they come back with 200 base should i just accept?",
    )
    assert "whether to take the offer" in first_sentence(answer.answer)
    assert "$198K" in answer.answer[:400]
