"""The issue-16 eval: the dev/test split, the coverage metrics (evals/coverage.py), the halves in
the report (evals/half_report.py), conversations asked through `coach chat --json`
(evals/conversations.py) and `coach eval --half/--failures/--context-companies`.

Fast tests use hand-made answers; the end-to-end test runs a conversation item and a not-covered
item through the real command over an index of the shipped guides."""

from __future__ import annotations

import hashlib
import json
from collections import Counter

import pytest

from evals.answer_eval import QUESTIONS, EvalOptions, load_items, run_answer_eval
from evals.conversations import answer_from_json, chat_lines
from evals.coverage import (
    first_sentences,
    half_of,
    judge,
    named_as_not_covered,
    score_coverage,
    summarize_coverage,
)
from evals.half_report import halves_markdown
from evals.metrics import Expectation, GoldFact, GoldItem

PTO = GoldFact("PTO", ("PTO", "vacation"))
DATA_SCIENTIST = GoldFact("data scientist", ("data scientist", "data-scientist"))
BASE = GoldFact("$168K", ("$168K", "168K"))


def item(**fields) -> GoldItem:
    row = {
        "id": "x",
        "category": "comp",
        "turns": ["q"],
        "gold_facts": [],
        "gold_chunk_ids": [],
        "should_refuse": False,
        "forbidden": [],
        "notes": "n",
    }
    return GoldItem.from_json(row | fields)


# --- the split --------------------------------------------------------------------------------


def test_the_half_is_fixed_by_the_ids_hash_and_splits_the_gold_set():
    assert (
        half_of("ho-topic-pto-anyscale")
        == ("dev", "test")[hashlib.sha256(b"ho-topic-pto-anyscale").digest()[0] % 2]
    )
    halves = Counter(half_of(i.id) for i in load_items(QUESTIONS))
    assert set(halves) == {"dev", "test"}
    assert abs(halves["dev"] - halves["test"]) < 0.2 * sum(halves.values())


# --- not-covered statements and answer-first -------------------------------------------------


def test_a_not_covered_element_needs_its_name_and_a_negation_in_one_early_sentence():
    said = "The Anyscale guide says nothing about PTO. The band is $168K."
    assert named_as_not_covered(PTO, said)
    assert not named_as_not_covered(PTO, "Anyscale gives generous PTO. The band is $168K.")
    assert not named_as_not_covered(PTO, "There is no data here. PTO is great.")  # apart
    assert named_as_not_covered(DATA_SCIENTIST, "The guides don't have data-scientist figures.")
    late = "x" * 320 + ". The guides have no PTO figures."
    assert not named_as_not_covered(PTO, late)  # starts after the first 300 characters


def test_first_sentences_cut_at_sentence_ends_and_lines():
    text = "One. Two?\nThree! " + "y" * 400 + ". Late."
    assert first_sentences(text) == ["One.", "Two?", "Three!", "y" * 400 + "."]


def test_answer_first_wants_a_gold_fact_or_the_coverage_statement_early():
    expect = Expectation(gold_facts=(BASE,))
    assert judge(expect, "Base is $168K–$218K [1].", False).answer_first
    assert judge(expect, "z" * 300 + " $168K", False).answer_first is False
    covered = Expectation(gold_facts=(BASE,), not_covered=(DATA_SCIENTIST,))
    assert judge(covered, "No data scientist figures here. " + "z" * 300, False).answer_first
    assert judge(Expectation(should_refuse=True), "I can't.", True).answer_first is None


def test_a_turn_is_right_only_when_every_part_is():
    expect = Expectation(gold_facts=(BASE,), forbidden=("SGD",), not_covered=(PTO,))
    good = "The guide has no PTO figures. Base $168K [1]."
    assert judge(expect, good, False).right
    for text, refused, problem in (
        (good, True, "refused an answerable question"),
        ("The guide has no PTO figures.", False, "missing gold facts"),
        ("Base $168K. PTO is 20 days.", False, "not named as not covered"),
        (good + " SGD 1", False, "forbidden content"),
    ):
        verdict = judge(expect, text, refused, 2)
        assert not verdict.right and any(problem in p for p in verdict.problems)
        assert all(p.startswith("turn 2: ") for p in verdict.problems)


def test_not_covered_recall_counts_a_refusal_or_the_statement():
    refusal = item(should_refuse=True, not_covered=[{"term": "PTO", "aliases": ["PTO"]}])
    assert score_coverage(refusal, [("I can't answer that.", True)]).not_covered_ok
    assert not score_coverage(refusal, [("PTO is 20 days.", False)]).not_covered_ok
    answered = item(
        gold_facts=[{"fact": "$168K", "aliases": ["$168K"]}],
        not_covered=[{"term": "PTO", "aliases": ["PTO"]}],
    )
    assert score_coverage(answered, [("No PTO data. Base $168K.", False)]).not_covered_ok
    assert not score_coverage(answered, [("Base $168K.", False)]).not_covered_ok
    plain = item(gold_facts=[{"fact": "$168K", "aliases": ["$168K"]}])
    assert score_coverage(plain, [("Base $168K.", False)]).not_covered_ok is None


def test_a_conversation_succeeds_only_when_every_turn_is_right():
    turns = [
        {
            "gold_facts": [{"fact": "SGD 110K", "aliases": ["SGD 110K"]}],
            "gold_chunk_ids": [],
            "should_refuse": False,
            "forbidden": [],
            "not_covered": [],
        },
        {
            "gold_facts": [{"fact": "$150K", "aliases": ["$150K"]}],
            "gold_chunk_ids": [],
            "should_refuse": False,
            "forbidden": ["SGD 110K"],
            "not_covered": [],
        },
    ]
    conversation = item(
        id="conv-x", category="conversation", turns=["a", "b"], expect=turns, **turns[-1]
    )
    right = score_coverage(conversation, [("SGD 110K", False), ("$150K", False)])
    assert right.conversation_ok and not right.problems
    wrong = score_coverage(conversation, [("SGD 110K", False), ("I can't", True)])
    assert wrong.conversation_ok is False
    assert "turn 2: refused an answerable question" in wrong.problems
    missing = score_coverage(conversation, [("SGD 110K", False), None])
    assert missing.conversation_ok is False
    summary = summarize_coverage([right, wrong, missing])
    assert summary["conversation_success"] == pytest.approx(1 / 3)
    assert summary["conversations"] == 3


def test_the_halves_table_shows_both_halves_side_by_side():
    figures = {"answers": 2, "answer_first": 0.5}
    lines = halves_markdown({"dev": figures, "test": figures}, {}, 1)
    assert "| metric | dev | test |" in lines
    assert "| answer-first (300 characters) | 0.500 | 0.500 |" in lines
    assert halves_markdown({}, {}, 0) == []


def test_conversations_are_sent_as_turn_lines_with_a_reset_at_each_start():
    items = [item(id="a", turns=["one", "two"]), item(id="b", turns=["three"])]
    lines = [json.loads(line) for line in chat_lines(items)]
    assert lines == [
        {"q": "one", "reset": True},
        {"q": "two", "reset": False},
        {"q": "three", "reset": True},
    ]


def test_an_answer_is_read_back_from_its_json():
    payload = {
        "answer": "a [1]",
        "citations": [
            {"n": 1, "chunk_id": "c", "source": "s", "title": "t", "section": "", "quote": "q"}
        ],
        "refused": False,
        "intent": "comp",
        "backend": "composer",
        "grounding": {"status": "ok", "ungrounded": [], "dropped": [], "reason": ""},
        "calculations": [{"value": 1.0, "unit": "USD"}],
        "notice": "",
    }
    assert answer_from_json(payload).to_json() == payload


def test_eval_options_on_the_command_line():
    from assistant.cli import build_parser

    parser = build_parser()
    args = parser.parse_args(["eval", "--half", "dev", "--failures", "all"])
    assert (args.half, args.failures, args.context_companies) == ("dev", "all", False)
    defaults = parser.parse_args(["eval"])
    assert (defaults.half, defaults.failures) == ("all", "dev")
    assert parser.parse_args(["eval", "--distractors", "200", "--context-companies"])
    with pytest.raises(SystemExit):
        parser.parse_args(["eval", "--half", "both"])


# --- end to end -------------------------------------------------------------------------------


@pytest.mark.integration
def test_the_eval_asks_conversations_through_chat_json_and_reports_the_halves(
    shipped_index, tmp_path
):
    wanted = {"conv-london-newyork-sf", "ho-topic-pto-anyscale", "comp-anyscale-sf-base"}
    lines = [
        line for line in QUESTIONS.read_text().splitlines() if json.loads(line)["id"] in wanted
    ]
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(lines) + "\n")
    options = EvalOptions(
        settings=shipped_index,
        questions=questions,
        reports_dir=tmp_path / "reports",
        baseline=False,
        failures="all",
    )
    said: list[str] = []
    report = run_answer_eval(options, say=said.append)
    assert any("coach chat --json" in line for line in said)
    assert report.questions == 3 and report.held_out == 2
    assert report.metrics["answers"] == 1  # the gated figures: the original item only
    halves = {h: f for h, f in report.halves.items() if "held-out" not in h}
    assert sum(f["answers"] for f in halves.values()) == 3
    assert sum(f["conversations"] for f in halves.values()) == 1
    assert "conversation" in report.by_category_half
    # the conversation was really answered turn by turn: its figures are there or its
    # failures say which turn missed what
    conversation = [f for f in report.failures if f["id"] == "conv-london-newyork-sf"]
    for failure in conversation:
        assert all("no answer" not in p for p in failure["problems"])
    assert "Dev and test halves" in report.markdown()


@pytest.mark.integration
def test_only_one_half_is_asked_and_only_the_chosen_halfs_failures_are_listed(
    shipped_index, tmp_path
):
    items = load_items(QUESTIONS)
    dev = [i.id for i in items if half_of(i.id) == "dev" and i.category == "out_of_corpus"][:2]
    test = [i.id for i in items if half_of(i.id) == "test" and i.category == "out_of_corpus"][:2]
    lines = [
        line
        for line in QUESTIONS.read_text().splitlines()
        if json.loads(line)["id"] in {*dev, *test}
    ]
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(lines) + "\n")
    base = dict(settings=shipped_index, questions=questions, baseline=False)
    only_dev = run_answer_eval(EvalOptions(**base, half="dev"))
    assert only_dev.questions == 2 and set(only_dev.halves) <= {"dev", "dev held-out"}
    assert not only_dev.enforced  # a half is measured, not gated
    both = run_answer_eval(EvalOptions(**base, failures="dev"))
    assert {f["half"] for f in both.failures} <= {"dev"}


def test_items_that_assume_a_company_has_no_guide_are_found():
    names = {"NVIDIA", "AWS"}
    refusal = item(turns=["what does nvidia pay?"], should_refuse=True, forbidden=["$1"])
    assert refusal.expects_missing(names)
    context = item(turns=["i ran prod on aws; anyscale levers?"], gold_facts=[])
    assert not context.expects_missing(names)  # named as context in an answered question
    missing = item(not_covered=[{"term": "Amazon", "aliases": ["Amazon", "AWS"]}])
    assert missing.expects_missing(names)
    assert not item(turns=["anyscale sf base"]).expects_missing(names)
