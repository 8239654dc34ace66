"""A band's top, bottom or midpoint asked, a preparation question naming one of the interview
guide's topic sections, and an offer told in pieces, through the real pipeline (real MiniLM,
Chroma on disk, the built-in composer) and as pure rules:

- "whats the midpoint of the alibaba seattle base band" leads with the midpoint, its sum shown
  (($150K + $215K) ÷ 2); "and the max?" leads with the top; "the most i can get at anyscale
  london" gives the tops of the base and total bands; an offer's own "top of band?" is placed,
  not answered with the band's top; "is that sgd or usd? and whats it per month" after a
  Singapore base says the row's currency and gives the monthly figures and the band first;
- "what should i prepare for the system design round at alibaba?" leads with that section's
  own words and lists what it says to be ready for (Observability, Reliability Patterns,
  Disaster Recovery) before the process; the section is found by its title's words, among the
  guide's sections that list what to know, so a question naming none gets none;
- "base is 190", then "oh and 40k sign on", then "anyscale nyc btw" is one offer: the third
  turn places it in Anyscale's New York band with the sign-on told; "is that ok?" after a
  figure added to an offer places the offer again; asking whose an offer is names a long
  shelf of companies in part ("…, and 78 more").

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.compose.topic_section import topic_section_asked
from assistant.understanding.conversation import tells_a_figure


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_a_band_midpoint_asked_leads_with_the_midpoint_and_its_sum(coach):
    first = coach.ask("whats the midpoint of the alibaba seattle base band").answer
    assert first.startswith(
        "Alibaba Seattle (US): the midpoint of the base salary band is **$182.5K** "
        "(($150K + $215K) ÷ 2)"
    )


@pytest.mark.integration
def test_the_top_asked_after_the_band_leads_with_the_top(coach):
    _, top = converse(coach, "alibaba seattle base band?", "and the max?")
    assert top.answer.startswith(
        "Alibaba Seattle (US): the top of the base salary band is **$215K**"
    )


@pytest.mark.integration
def test_a_currency_asked_of_a_band_gets_the_band_first(coach):
    *_, last = converse(
        coach,
        "whats ali paying devops in beijing, base only",
        "same for singapore",
        "is that sgd or usd? and whats it per month",
    )
    assert last.answer.startswith("The guides give Alibaba's Singapore band in SGD only")
    assert "SGD 110K–SGD 170K" in last.answer[:300] and "SGD 9.2K" in last.answer[:300]


@pytest.mark.integration
def test_the_most_one_can_get_gives_the_tops_of_base_and_total(coach):
    answer = coach.ask("whats the most i can get at anyscale london")
    assert answer.intent == "comp"
    first = answer.answer.split("\n", 1)[0]
    assert "top of the base salary band is **£166K**" in first
    assert "top of the total comp band is **£225K**" in first


@pytest.mark.integration
def test_an_offer_asked_against_the_top_is_placed_not_given_the_top(coach):
    answer = coach.ask("anyscale sf offer 180k base, is that near the top of the band?")
    assert answer.intent == "counter"
    assert not answer.answer.startswith("Anyscale San Francisco: the top")
    assert "$180K" in answer.answer[:200]


@pytest.mark.integration
def test_a_section_named_by_a_preparation_question_leads_and_is_listed_first(coach):
    answer = coach.ask("what should i prepare for the system design round at alibaba?").answer
    first, body = answer.split("\n", 1)
    assert "design systems that are fault-tolerant and scalable" in first
    listed = body.index("**System Design & Reliability (SRE)**")
    assert listed < body.index("**Process**")
    for topic in ("Observability", "Reliability Patterns", "Disaster Recovery"):
        assert listed < body.index(topic)


@pytest.mark.integration
def test_a_topic_section_is_found_by_its_title_words(coach):
    def sections(question):
        return {r.section for r in topic_section_asked(question, "Alibaba", coach.records)}

    assert sections("what linux stuff should i study for alibaba") == {
        "Linux Internals and Networking"
    }
    assert sections("how should i prep for the coding round") == {"Coding & Automation"}
    assert sections("how many rounds are there") == set()  # (asks no preparation)
    assert sections("what should i prep for the behavioral round") == set()  # (no such title)


@pytest.mark.parametrize(
    ("text", "tells"),
    [
        ("base is 190", True),
        ("oh and 40k sign on", True),
        ("rsu 120k over 4 years", True),
        ("is 190 base ok?", False),  # (asks)
        ("anyscale nyc btw", False),  # (no figure)
        ("what does 190k base get me in sf", False),
        ("my current base is 150", False),  # (pay now, not the offer)
    ],
)
def test_a_piece_of_an_offer_is_a_short_figure_told_without_asking(text, tells):
    assert tells_a_figure(text) is tells


@pytest.mark.integration
def test_an_offer_told_in_pieces_is_placed_once_its_company_is_named(coach):
    first, second, third, fourth = converse(
        coach, "base is 190", "oh and 40k sign on", "anyscale nyc btw", "what do i counter?"
    )
    assert "Which company is the offer from?" in first.answer
    assert second.intent == "counter"
    for answer in (third, fourth):
        assert answer.intent == "counter"
        assert answer.answer.startswith("Your base ($190K) is in the middle of the guide's range")
        assert "New York ($163K–$213K)" in answer.answer[:200]
        assert "$40K sign-on bonus (from your message)" in answer.answer[:400]


@pytest.mark.integration
def test_is_that_ok_after_a_figure_added_places_the_offer_again(coach):
    *_, last = converse(
        coach, "anyscale nyc offer: base 175k", "rsu 120k over 4 years", "is that ok?"
    )
    assert last.intent == "counter"
    assert last.answer.startswith("Your base ($175K)")


def test_a_long_shelf_is_named_in_part_when_asking_whose_offer_it_is():
    from assistant.engine.offer import COMPANIES_NAMED, parse_offer

    companies = [f"Company {n:03d}" for n in range(40)]
    question = parse_offer("base is 190", companies, {}).questions[0]
    assert question.startswith("Which company is the offer from? The guides cover: Company 000")
    assert f"Company {COMPANIES_NAMED - 1:03d}, and {40 - COMPANIES_NAMED} more." in question
    assert f"Company {COMPANIES_NAMED:03d}" not in question
    two = parse_offer("base is 190", ["Alibaba", "Anyscale"], {}).questions[0]
    assert two.endswith("The guides cover: Alibaba, Anyscale.")
