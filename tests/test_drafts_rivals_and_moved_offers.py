"""Drafts asked mid-talk, a rival's offer named again, two offers each in its own band and an
offer moved to another region, through the real pipeline (real MiniLM, Chroma on disk, the
built-in composer), and the pure rules:

- "now in one paragraph" restyles the last draft shorter (the phrasings read as a restyle are
  tested with the others in test_follow_ups_and_quoted_figures);
- "write me a counter. i have NO other offers, but ive run k8s gpu clusters…" after an offer is
  the counter for that offer with the lever the background fits, not only the levers; its
  "write me a counter" is a draft asked for, kept when the question is cleaned;
- "draft the counter using cloudflare", after telling of a Cloudflare offer, is that counter:
  Cloudflare is the user's other offer, not a company asked about; "should i keep the amazon
  number to myself" after an Amazon offer is told is not refused as a question about Amazon;
- "can i use the bank's retention offer as leverage w alibaba?" names the retention offer as
  not covered, then gives the guide's levers (an ask for leverage beside a gap is held);
- two offers in two currencies, "which one is better positioned inside its own band?": each
  is placed in its own company's band for its region, no exchange rate assumed;
- "correction: the alibaba one is the seattle team, not sunnyvale" after the offer moves it to
  the Seattle band, and the counter after it stays there;
- "do remote people get paid on the seattle band…", "is that vest schedule standard?" name
  remote work and the vesting schedule as topics;
- "do they top up private health insurance?" asks no top of a range;
- "what about one level up?" after a P6 question asks about P7 (the level the talk last named,
  stepped): no separate band for P7, and the region's band.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse, first_sentence

from assistant.coach import Coach
from assistant.compose.comp import _BAND_POINTS
from assistant.compose.untrusted import clean_question
from assistant.understanding.asks import topics_asked
from assistant.understanding.level_steps import with_level_stepped


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_a_counter_asked_for_is_kept_when_cleaned():
    asked = "write me a counter. i have NO other offers"
    assert clean_question(asked).startswith("write me a counter")


def test_a_counter_asked_mid_talk_is_the_offers_counter_with_the_fitting_lever(coach):
    *_, answer, restyled = converse(
        coach,
        "got my anyscale sf devops numbers: 180k base / 150k rsu 4y / 5%",
        "write me a counter. i have NO other offers, but ive run k8s gpu clusters (h100s, gpu "
        "scheduling, multi-cloud) for 3 yrs",
        "now in one paragraph",
    )
    assert answer.intent == "counter" and not answer.refused
    assert "$180K" in first_sentence(answer.answer)
    assert "GPU Infrastructure Premium" in answer.answer
    assert not restyled.refused and "Email draft" in restyled.answer and "$213K" in restyled.answer


def test_a_rival_named_again_is_the_users_other_offer(coach):
    *_, drafted = converse(
        coach,
        "alibaba bay area devops: 170k / 95k rsu 4y / 15%. other offer is cloudflare sre, 300k "
        "tc. thoughts?",
        "draft the counter using cloudflare",
    )
    assert not drafted.refused and drafted.intent == "counter"
    assert "$45K sign-on" in drafted.answer
    _, kept = converse(
        coach,
        "alibaba seattle counter call next week. i have an amazon sysde offer at 285k tc. "
        "what's the script?",
        "what should i NOT say on that call? like should i keep the amazon number to myself",
    )
    assert not kept.refused
    assert "do not cover Amazon" not in kept.answer


def test_leverage_asked_of_a_gap_names_it_then_gives_the_levers(coach):
    _, answer = converse(
        coach,
        "alibaba hangzhou devops offer: CNY 600K base. is 600K base decent for hangzhou?",
        "can i use the bank's retention offer as leverage w alibaba?",
    )
    assert not answer.refused
    assert "retention offer" in first_sentence(answer.answer)
    assert "Cloud/SRE Offer" in answer.answer


def test_two_offers_are_each_placed_in_their_own_band(coach):
    answer = coach.ask(
        "2 offers, 2 countries. alibaba singapore devops: SGD 150k base, SGD 90k rsu/4y, 15% "
        "bonus. anyscale london devops: £140k base, £120k rsu/4y, 7% bonus. which one is better "
        "positioned inside its own band?"
    )
    assert "no exchange rate" in first_sentence(answer.answer)
    section = answer.answer.split("**Each offer in its own band**", 1)[1].split("**", 1)[0]
    assert "SGD 110K–SGD 170K" in section and "£128K–£166K" in section
    assert "SGD 50K–SGD 130K over 4 years" in section


def test_a_region_corrected_with_the_company_named_moves_the_offer(coach):
    _, moved, countered = converse(
        coach,
        "alibaba sunnyvale offer: 190 base / 120k rsu 4y / 15%. is it fair?",
        "correction: the alibaba one is the seattle team, not sunnyvale",
        "ok what do i counter alibaba with?",
    )
    assert "Seattle (US) band" in first_sentence(moved.answer)
    assert "$150K–$215K" in moved.answer
    assert "$150K–$215K" in first_sentence(countered.answer)
    assert "$155K–$220K" not in countered.answer


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("do remote people get paid on the seattle band or the bay area band?", "remote"),
        ("is that vest schedule standard?", "vesting_schedule"),
        ("whats the first tranche after 12 months like?", "vesting_schedule"),
    ],
)
def test_topics_in_everyday_words(text, key):
    assert key in {t.key for t in topics_asked(text)}


@pytest.mark.parametrize(
    ("text", "point"),
    [("do they top up private health insurance?", False), ("top of the band?", True)],
)
def test_top_up_is_no_point_of_a_range(text, point):
    assert bool(_BAND_POINTS["top"].search(text)) is point


@pytest.mark.parametrize(
    ("text", "last", "read"),
    [
        ("what about one level up?", "P6", "what about P7?"),
        ("and the next level?", "L4", "and the L5?"),
        ("one level down?", "IC5", "IC4?"),
        ("and two levels up", "P6", "and P8"),
        ("and one more up, P8?", "P7", "and one more up, P8?"),
        ("what about one level up?", None, "what about one level up?"),
        ("what about london?", "P6", "what about london?"),
    ],
)
def test_a_level_step_is_read_as_the_level_it_names(text, last, read):
    assert with_level_stepped(text, last) == read


def test_one_level_up_after_a_level_asks_the_next_level(coach):
    _, answer = converse(
        coach, "alibaba hangzhou devops, recruiter says P6. base band?", "what about one level up?"
    )
    assert "no separate band for P7" in first_sentence(answer.answer)
    assert "CNY 400K–CNY 740K" in answer.answer
