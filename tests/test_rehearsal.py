"""Rehearse the call (issue 18): scripted sessions over the shipped guides, the feedback rules,
the grounding of every recruiter line, bad input, and `coach rehearse --json`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.cli_rehearse import rehearsal_for
from assistant.compose.grounding import GroundingSources, figures_in, is_grounded
from assistant.config import PROJECT_ROOT
from assistant.corpus.factbook import read_corpus
from assistant.engine.rehearsal import MOVES, Rehearsal
from assistant.errors import CoachError
from assistant.index.embeddings import count_tokens

ANYSCALE_SF = "Anyscale San Francisco offer: $175K base, $130K RSU over 4 years, 5% bonus"
ANYSCALE_TOP = "Anyscale San Francisco offer: $210K base, $130K RSU over 4 years, 5% bonus"
ALIBABA_RIVAL = (
    "Alibaba Seattle offer: $200K base, $100K RSU over 4 years. I have a Google offer at $300K TC"
)
ALIBABA_CNY = "Alibaba Hangzhou offer: CNY 450K base, CNY 200K RSU over 4 years, 15% bonus"
GOOD_ASK = "I've managed GPU clusters at scale on Kubernetes. I need $213K base."


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(PROJECT_ROOT / "corpus", count_tokens)


@pytest.fixture(scope="module")
def library(corpus):
    return {chunk.chunk_id: chunk for chunk in corpus.chunks}


def session(corpus, library, text=ANYSCALE_SF, seed=0, moves=None) -> Rehearsal:
    rehearsal = rehearsal_for(text, corpus.facts, library, seed=seed)
    rehearsal.moves = moves
    return rehearsal


def points(turn, rule):
    return [p for p in turn.feedback if p.rule == rule]


def test_opening_states_the_offer_as_made(corpus, library):
    turn = session(corpus, library).opening()
    assert turn.move == "opening" and not turn.done
    assert "$175K base" in turn.recruiter and "$130K" in turn.recruiter and "5%" in turn.recruiter


def test_anchoring_on_the_script_figure_with_a_lever_is_credited(corpus, library):
    rehearsal = session(corpus, library)
    rehearsal.opening()
    turn = rehearsal.reply(GOOD_ASK)
    figure = points(turn, "figure")[0]
    assert (
        figure.verdict == "good" and "$213K" in figure.point and "within the band" in figure.point
    )
    lever = points(turn, "lever")[0]
    assert lever.verdict == "good" and "GPU Infrastructure Premium" in lever.point
    assert lever.citations[0].quote.count("GPU") >= 1
    assert points(turn, "one_ask")[0].verdict == "good"


def test_a_reply_revealing_the_floor_is_flagged_with_the_guides_advice(corpus, library):
    rehearsal = session(corpus, library, moves=("band_fixed", "deadline", "equity_standard"))
    rehearsal.opening()
    rehearsal.reply(GOOD_ASK)
    turn = rehearsal.reply("Honestly my floor is $198K, I can't go lower than that.")
    floor = points(turn, "floor")[0]
    assert floor.verdict == "fix"
    assert "I need $213K base" in floor.advice  # the script's own ask, quoted
    assert floor.citations and "Negotiate Up Strategy" in floor.citations[0].quote


def test_an_invented_figure_is_placed_against_the_band(corpus, library):
    rehearsal = session(corpus, library)
    rehearsal.opening()
    turn = rehearsal.reply("For my multi-cloud work on AWS and GCP I'd want $205K base.")
    figure = points(turn, "figure")[0]
    assert "$205K" in figure.point and "within the band ($168K–$218K; 74%" in figure.point
    assert figure.verdict == "fix" and "$213K" in figure.advice  # below the guide's target
    assert figure.citations[0].quote.count("$168K–$218K") == 1
    above = session(corpus, library)
    above.opening()
    high = points(above.reply("I need $240K base for my GPU work."), "figure")[0]
    assert high.verdict == "fix" and "above the band" in high.point and "$218K" in high.advice


def test_no_figure_in_the_first_reply_is_flagged(corpus, library):
    rehearsal = session(corpus, library)
    rehearsal.opening()
    turn = rehearsal.reply("Thanks, I was hoping for a bit more.")
    assert points(turn, "figure")[0].verdict == "fix"


def test_base_top_then_asking_for_another_component_is_credited(corpus, library):
    rehearsal = session(corpus, library, text=ANYSCALE_TOP, moves=("base_top", "sign_on_instead"))
    rehearsal.opening()
    turn = rehearsal.reply(GOOD_ASK)
    assert turn.move == "base_top" and "$210K" in turn.recruiter and "$218K" in turn.recruiter
    turn = rehearsal.reply(
        "Understood. Then I'd like a $25K signing bonus for the enterprise SLA work."
    )
    assert points(turn, "other_component")[0].verdict == "good"
    assert turn.move == "sign_on_instead" and "$25K sign-on" in turn.recruiter


def test_band_fixed_then_asking_base_again_is_flagged(corpus, library):
    rehearsal = session(corpus, library, moves=("band_fixed", "deadline"))
    rehearsal.opening()
    turn = rehearsal.reply(GOOD_ASK)
    assert turn.move == "band_fixed" and "$168K" in turn.recruiter
    turn = rehearsal.reply("I still need $213K base for my GPU cluster work.")
    component = points(turn, "other_component")[0]
    assert component.verdict == "fix" and "$25K signing bonus" in component.advice


def test_cant_match_a_competing_offer(corpus, library):
    rehearsal = session(corpus, library, text=ALIBABA_RIVAL, moves=("cant_match", "deadline"))
    rehearsal.opening()
    turn = rehearsal.reply("I have an SRE offer from Google at $300K TC. I need $215K base.")
    assert turn.move == "cant_match" and "$200K base" in turn.recruiter
    assert points(turn, "lever")[0].verdict == "good"  # the Cloud/SRE Offer lever
    best = rehearsal.scorecard()["best_replies"][0]
    assert best["move"] == "cant_match" and best["citations"]


def test_equity_is_standard_for_the_level(corpus, library):
    rehearsal = session(corpus, library, moves=("equity_standard", "deadline"))
    rehearsal.opening()
    turn = rehearsal.reply("I need $222K equity over 4 years for the GPU infrastructure I run.")
    assert turn.move == "equity_standard"
    assert "$130K" in turn.recruiter and "$125K" in turn.recruiter and "$228K" in turn.recruiter


def test_deadline_without_caving_is_credited_and_early_acceptance_is_flagged(corpus, library):
    rehearsal = session(corpus, library, moves=("band_fixed", "deadline", "equity_standard"))
    rehearsal.opening()
    rehearsal.reply(GOOD_ASK)
    turn = rehearsal.reply("Then a $25K signing bonus for the enterprise SLA protection I bring.")
    assert turn.move == "deadline" and "Friday" in turn.recruiter
    turn = rehearsal.reply("I can answer by Friday once we settle the sign-on of $25K.")
    assert points(turn, "timing")[0].verdict == "good"
    early = session(corpus, library, moves=("band_fixed", "deadline"))
    early.opening()
    turn = early.reply("Sounds good, I accept.")
    assert points(turn, "timing")[0].verdict == "fix" and turn.done and turn.move == "close"


def test_an_ultimatum_and_a_range_are_flagged(corpus, library):
    rehearsal = session(corpus, library)
    rehearsal.opening()
    turn = rehearsal.reply("Give me $200K-$215K base or I walk, take it or leave it.")
    assert points(turn, "timing")[0].verdict == "fix"
    assert points(turn, "one_ask")[0].verdict == "fix"


def test_partial_concession_and_the_scorecard(corpus, library):
    rehearsal = session(
        corpus, library, text=ALIBABA_RIVAL, moves=("band_fixed", "sign_on_instead", "deadline")
    )
    rehearsal.opening()
    rehearsal.reply("I have an SRE offer from Google at $300K TC. I need $215K base.")
    turn = rehearsal.reply("Then I'd like a $45K sign-on to offset transition costs.")
    assert turn.move == "sign_on_instead" and "$35K sign-on" in turn.recruiter  # lever's low end
    rehearsal.reply("Thank you. I'll answer by Friday once the RSUs are settled too.")
    turn = rehearsal.reply("Thanks, please send it in writing.")
    assert turn.done and turn.scorecard is not None
    card = turn.scorecard
    rows = {row["component"]: row for row in card["agreed"]}
    assert rows["sign_on"]["agreed"] == "$35K" and rows["sign_on"]["proposal"] == "$45K"
    assert rows["base"]["agreed"] == "$200K"  # base pushed back: not granted
    assert card["went_well"] and card["to_change"]
    assert [b["move"] for b in card["best_replies"]] == [
        "band_fixed",
        "sign_on_instead",
        "deadline",
    ]
    assert all(item["citations"] for item in card["went_well"] + card["to_change"])


def test_a_credible_ask_is_granted_at_the_close(corpus, library):
    rehearsal = session(corpus, library, moves=("cant_match",))  # a pushback blocking nothing
    rehearsal.opening()
    rehearsal.reply(GOOD_ASK)
    turn = rehearsal.reply("I can answer by Friday once the base is settled.")
    assert turn.done and "$213K base" in turn.recruiter


@pytest.mark.parametrize(
    "reply, words",
    [("", "empty"), ("   ", "empty"), ("x" * 4000, "too long"), ("我需要更高的基本工资和股票", "English"),
     ("Necesito un salario base más alto por favor", "English")],
)  # fmt: skip
def test_bad_input_gets_a_clear_response_and_the_session_continues(corpus, library, reply, words):
    rehearsal = session(corpus, library)
    opening = rehearsal.opening()
    turn = rehearsal.reply(reply)
    assert not turn.done and turn.recruiter == opening.recruiter
    assert turn.feedback[0].rule == "input" and words in turn.feedback[0].point
    assert rehearsal.reply(GOOD_ASK).move != "opening"  # and it goes on


def test_an_offer_without_a_band_is_a_clear_error(corpus, library):
    with pytest.raises(CoachError, match="rehearsal needs"):
        rehearsal_for("I have an offer at $175K base", corpus.facts, library)


REPLIES = [
    GOOD_ASK,
    "My floor is $198K.",
    "Then a $25K signing bonus, please.",
    "I need $222K equity/4yr for the GPU work.",
    "Maybe $190K?",
    "I accept.",
    "",
    "I have an offer from NVIDIA at $213K / $255K RSU.",
    "Can we do CNY 600K base?",
    "I'll confirm by Friday.",
]


def test_the_recruiter_states_only_figures_of_the_offer_band_or_guide(corpus, library):
    """Every recruiter line of 200 seeded sessions passes the grounding check against the
    offer's text and the passages the rehearsal cites (band row, levers, script): never the
    user's replies or a computed figure."""
    offers = [ANYSCALE_SF, ANYSCALE_TOP, ALIBABA_RIVAL, ALIBABA_CNY]
    seen_moves = set()
    for seed in range(200):
        offer = offers[seed % len(offers)]
        rehearsal = session(corpus, library, text=offer, seed=seed)
        stage = rehearsal.stage
        passages = [stage.band.chunk_id, *(lv.chunk_id for lv in stage.levers)]
        passages += [stage.script.chunk_id] if stage.script else []
        sources = GroundingSources(passages=[library[c].text for c in passages], user_texts=[offer])
        lines = [rehearsal.opening().recruiter]
        for n in range(8):
            turn = rehearsal.reply(REPLIES[(seed + n * 3) % len(REPLIES)])
            lines.append(turn.recruiter)
            seen_moves.add(turn.move)
            if turn.done:
                break
        else:
            lines.append(rehearsal.finish().recruiter)
        for line in lines:
            bad = [m.text for m in figures_in(line) if not is_grounded(m, sources)]
            assert bad == [], (seed, line)
    assert set(MOVES) <= seen_moves


def test_the_same_seed_gives_the_same_session(corpus, library):
    def run(seed):
        rehearsal = session(corpus, library, seed=seed)
        out = [rehearsal.opening().to_json()]
        out += [rehearsal.reply(r).to_json() for r in REPLIES[:4]]
        return out

    assert run(7) == run(7)


def test_coach_rehearse_json_reads_replies_from_stdin(tmp_path):
    replies = "\n".join([GOOD_ASK, "", "Then a $25K signing bonus for the SLA work.", "Sure."])
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "rehearse", "--json", ANYSCALE_SF, "--seed", "2"],
        input=replies + "\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    assert objects[0]["move"] == "opening" and objects[0]["done"] is False
    assert objects[2]["feedback"][0]["rule"] == "input"
    assert objects[-1]["done"] is True and "scorecard" in objects[-1]
    citation = objects[1]["feedback"][0]["citations"][0]
    assert set(citation) == {"n", "chunk_id", "source", "title", "section", "quote"}
    assert all(p["verdict"] in ("good", "fix") for o in objects for p in o["feedback"])
