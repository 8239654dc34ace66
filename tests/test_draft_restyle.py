"""Drafts in a few styles (assistant.engine.draft_styles), restyle requests in the chat
(assistant.understanding.draft_request) and the counter answer's verdict and drafts
(assistant.compose.counter, draft_section), on the shipped guides through Coach.

A restyled draft keeps every ask figure: the styles change the words around the figures only.
"""

from __future__ import annotations

import re

import pytest

from assistant.coach import Coach
from assistant.compose.grounding import figures_in
from assistant.understanding.draft_request import draft_style_requested, words_to_say

OFFER = "Anyscale SF offer: 175k base, 130k RSU over 4 years, 5% bonus. What should I counter with?"
ASKS = ("$213K", "$222K", "$25K")


@pytest.mark.parametrize(
    ("message", "style"),
    [
        ("make the email shorter", "short"),
        ("Can you make it friendlier?", "friendly"),
        ("friendlier please", "friendly"),
        ("a bit more formal", "formal"),
        ("rewrite the draft to be more professional", "formal"),
        ("turn it into what I say on the phone", "phone"),
        ("shorten the email", "short"),
        ("can you write that up as an email i can send the recruiter", "email"),
        ("turn it into an email", "email"),
        ("email it", "email"),  # a message of nothing else asks for the email
        ("ok email version pls", "email"),
        ("ok fine write it. short email pls, recruiter skims", "short"),
        ("warmer pls. i actually really want anyscale, been using ray for 2 yrs", "friendly"),
        ("way shorter, like 2-3 lines, recruiter prefers slack", "short"),
        ("turn that into a 2 sentence text msg, recruiter texts me", "short"),
        ("rewrite it so it doesnt read like a threat — they're my first choice", "friendly"),
        ("ok say it shorter", "short"),
        ("can you say that more politely", "formal"),
    ],
)
def test_restyle_requests_are_recognized(message, style):
    assert draft_style_requested(message) == style


@pytest.mark.parametrize(
    "message",
    [
        "give me a script to counter alibaba's devops offer",
        "what's on the technical phone screen at alibaba for devops",
        "is the final HR values round at alibaba just a formality?",
        "What is the base salary for a DevOps engineer at Anyscale in San Francisco?",
        "how formal is the dress code at anyscale",
        "is email better than a call for the counter?",
        "shorter. also how many rounds are there?",  # (a question after it: asked too)
        "is the hm round more casual?",
        "x" * 500 + " make the email shorter",
    ],
)
def test_other_questions_are_not_restyle_requests(message):
    assert draft_style_requested(message) is None


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.fixture(scope="module")
def first(coach):
    return coach.ask(OFFER)


def history(*turns):
    out = []
    for question, answer in turns:
        out += [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return out


def block(text: str, heading: str) -> str:
    after = text.split(heading, 1)[1]
    return after.split("```text\n", 1)[1].split("\n```", 1)[0]


def test_a_counter_answer_starts_with_its_verdict(first):
    lead = first.answer.split("\n\n", 1)[0]
    assert lead.startswith("Your base ($175K) is near the bottom of the guide's range for San ")
    # every ask in the first sentence: "what numbers go in my counter?" is answered first
    assert "($168K–$218K) [1]; ask for $213K [2], with stock at $222K over 4 years [2] and " in lead
    # (an offer under the script's floor is set against it, in the script's words)
    assert "a $25K sign-on bonus [2]. $175K is below the script's floor of $198K, the" in lead
    assert first.grounding.status == "ok"


def test_the_chat_drafts_are_plain_blocks_with_their_sources_beneath(first):
    email = block(first.answer, "**Email draft**")
    phone = block(first.answer, "**Phone script**")
    for draft in (email, phone):
        assert not re.search(r"\[\d+\]|\*\*|^>", draft, re.MULTILINE)
        assert all(figure in draft for figure in ASKS)
    assert "guide" not in email.lower() and "floor" not in (email + phone).lower()
    sources = first.answer.split("**Email draft**", 1)[1].split("**Phone script**")[0]
    assert re.search(
        r"Its figures come from:\n(?:- .*\n)*- Anyscale script \(source \d+\)", sources
    )


@pytest.mark.parametrize("request_text", ["make the email shorter", "more formal", "friendlier"])
def test_a_restyled_email_keeps_the_same_figures(coach, first, request_text):
    answer = coach.ask(request_text, history((OFFER, first.answer)))
    assert answer.intent == "counter" and answer.grounding.status == "ok"
    assert answer.answer.startswith("Here is the email, ")
    assert "**Phone script**" not in answer.answer  # only what was asked for
    email = block(answer.answer, "**Email draft**")
    before = block(first.answer, "**Email draft**")
    assert email != before
    assert {m.text for m in figures_in(email)} >= set(ASKS)
    assert {m.text for m in figures_in(email)} <= {m.text for m in figures_in(before)}


def test_the_short_email_is_shorter(coach, first):
    answer = coach.ask("make the email shorter", history((OFFER, first.answer)))
    assert len(block(answer.answer, "**Email draft**")) < len(
        block(first.answer, "**Email draft**")
    )


def test_turning_the_email_into_a_phone_script(coach, first):
    answer = coach.ask("turn it into what I say on the phone", history((OFFER, first.answer)))
    assert answer.answer.startswith("Here is what to say on the phone")
    phone = block(answer.answer, "**Phone script**")
    assert all(figure in phone for figure in ASKS) and "$198K" not in phone
    assert "Keep to yourself: your walk-away floor for base is $198K" in answer.answer


def test_a_band_row_first_cited_under_a_draft_is_named_not_quoted_as_a_table(coach):
    offer = "got an anyscale offer in sf, 180k base and no stock. what should i counter with?"
    first = coach.ask(offer)
    answer = coach.ask("cool, now draft the email to the recruiter", history((offer, first.answer)))
    sources = answer.answer.split("**Email draft**", 1)[1]
    listed = sources.split("Its figures come from:\n", 1)[1].split("\n\n", 1)[0]
    row = next(ln for ln in listed.splitlines() if "Anyscale San Francisco band row" in ln)
    assert "|" not in row and "$168K–$218K" in row  # (the range the email takes from it)
    assert answer.grounding.status == "ok"


def test_after_a_restyle_the_talk_is_still_the_counter(coach, first):
    restyle = "can you make it sound less aggressive"
    restyled = coach.ask(restyle, history((OFFER, first.answer)))
    asked = "what if they say the base is capped"
    answer = coach.ask(asked, history((OFFER, first.answer), (restyle, restyled.answer)))
    assert answer.intent == "counter"
    assert answer.answer.startswith("If the base salary stays at $175K, push the rest")


@pytest.mark.parametrize(
    ("message", "asks_the_words"),
    [
        ("ok what should i say to the recruiter", True),
        ("and how do i say that without rambling, give me the lines", True),
        ("just give me the exact words", True),
        ("how do i say that i have a competing offer from nvidia", False),
        ("give me the lines for the behavioral round", False),
        ("ok how do i word it when i call the recruiter back", True),
        ("what should i say on the call tomorrow", True),
        ("what do i say when they ask about my current salary", False),
    ],
)
def test_asking_only_for_the_words_to_say(message, asks_the_words):
    assert words_to_say(message) is asks_the_words


def test_an_offer_asked_how_to_push_stays_the_talk_after_a_restyle(coach):
    offer = (
        "anyscale ny devops offer 175 base. i do multi cloud (aws+gcp+azure) all day. what do i "
        "say on the phone to push base"
    )
    first = coach.ask(offer)
    restyle = "'i need' sounds kinda rude, more polite version?"
    restyled = coach.ask(restyle, history((offer, first.answer)))
    assert restyled.intent == "counter" and "**Email draft**" in restyled.answer
    asked = "wait is 215 even inside the ny band"
    answer = coach.ask(asked, history((offer, first.answer), (restyle, restyled.answer)))
    assert answer.intent == "counter" and "$163K–$213K" in answer.answer[:300]


def test_an_ask_said_to_be_impossible_is_the_base_held_and_the_floor_said(coach):
    offer = (
        "anyscale sf devops offer 195 / 160k rsu / 8%. nvidia: 215 base, 260k rsu. "
        "databricks: 205 base, 240k rsu. write it"
    )
    first = coach.ask(offer)
    assert "Your base ($195K)" in first.answer  # (the bare figure before the slash: thousands)
    asked = "what if they say 213 is impossible — where do i walk?"
    answer = coach.ask(asked, history((offer, first.answer)))
    assert answer.intent == "counter" and "floor of $198K" in answer.answer.split("\n")[0]


def test_a_restyle_request_without_an_offer_is_an_ordinary_question(coach):
    answer = coach.ask("make the email shorter")
    assert "Here is the email" not in answer.answer


def test_coach_counter_json_email_is_ready_to_send(shipped_index):
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "counter", "--json", OFFER.split(". What")[0]]
        + ["--corpus", str(shipped_index.corpus_dir), "--index", str(shipped_index.index_dir)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    drafts = json.loads(result.stdout)["drafts"]
    email = drafts["email"]
    assert all(figure in email for figure in ASKS)
    assert not re.search(r"\[\d+\]|\*\*|^>|&gt;", email, re.MULTILINE)
    assert "guide" not in email.lower() and "Market data for this role" in email
    assert {c["name"] for c in drafts["citations"]} >= {"Anyscale script", "your offer"}
