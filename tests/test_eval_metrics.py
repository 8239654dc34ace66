"""The answer metrics (evals.metrics), the gates and report helpers (evals.answer_eval), the
support test's calibration (evals.calibration) and `coach eval` end to end on a few items.

Unit tests build small Answers by hand, with a similarity function that is a plain constant,
so what decides each verdict is visible in the test. Integration tests use the real MiniLM and
a real index of the shipped guides.
"""

from __future__ import annotations

import json

import pytest

from assistant.answer import Answer, Citation
from evals.answer_eval import (
    GATES,
    EvalOptions,
    check_gates,
    gold_key,
    last_committed,
    recipe_rank,
    report_stem,
    run_answer_eval,
    write_report,
)
from evals.metrics import (
    SUPPORT,
    GoldFact,
    GoldItem,
    Ranking,
    Thresholds,
    bare_numbers,
    fact_found,
    factual_units,
    forbidden_found,
    overlap,
    score_answer,
    statements,
    summarize,
    support,
)

SF_ROW = (
    "DevOps Engineer | Anyscale Global Negotiation Guide\n"
    "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |\n|---|---|---|---|---|\n"
    "| San Francisco | $168K–$218K | $125K–$228K | 5–10% | $215K–$295K |"
)
SCRIPT = (
    "DevOps Engineer | Anyscale Global Negotiation Guide — Global Levers\n"
    '> **Negotiate Up Strategy:** "To choose Anyscale, I need $213K base, $222K equity/4yr, '
    'and a $25K signing bonus. My floor is $198K."'
)
INTERVIEW = (
    "DevOps Engineer at Alibaba: interview preparation — Process\n"
    "The process begins with a recruiter screen, then an onsite stage of 3 to 5 rounds."
)


def never_similar(sentence, passages):
    return 0.0


def always_similar(sentence, passages):
    return 1.0


def cite(n: int, quote: str, chunk_id: str | None = None) -> Citation:
    return Citation(n, chunk_id or f"chunk{n}", "corpus/guide.md", "Guide", "Section", quote)


def answer(text: str, *quotes: str, refused=False, intent="comp", calculations=()) -> Answer:
    citations = tuple(cite(n, q) for n, q in enumerate(quotes, start=1))
    return Answer(text, citations, refused, intent, "composer", calculations=calculations)


def item(**overrides) -> GoldItem:
    fields = dict(
        id="x",
        category="comp",
        turns=("anyscale sf base?",),
        gold_facts=(),
        gold_chunk_ids=(),
        should_refuse=False,
        forbidden=(),
    )
    return GoldItem(**{**fields, **overrides})


# --- the support test ---------------------------------------------------------------------------


def test_a_paraphrase_with_the_passages_figures_is_supported():
    verdict = support(
        "Anyscale San Francisco base salary is $168K–$218K [1].", [SF_ROW], never_similar
    )
    assert verdict.figures_grounded and verdict.overlap >= SUPPORT.overlap
    assert verdict.supported


def test_a_figure_the_passage_lacks_fails_whatever_the_words():
    verdict = support("Anyscale San Francisco base salary is $500K [1].", [SF_ROW], always_similar)
    assert not verdict.figures_grounded and not verdict.supported


def test_a_sentence_about_something_else_is_not_supported_by_an_unrelated_passage():
    sentence = "Expect to be asked to implement an LRU cache [1]."
    assert overlap(sentence, [SF_ROW]) < SUPPORT.overlap
    assert not support(sentence, [SF_ROW], never_similar).supported
    # the similarity side can carry a sentence the words alone do not
    assert support(sentence, [SF_ROW], always_similar).supported


def test_bare_numbers_must_be_in_the_passage():
    assert bare_numbers("1. The onsite has 4 to 6 rounds [2], L3-L5, at $168K and 15%") == [
        4.0,
        6.0,
        3.0,
        5.0,
    ]
    assert not support("The onsite stage has 4 to 6 rounds.", [INTERVIEW], always_similar).supported
    assert support("The onsite stage has 3 to 5 rounds.", [INTERVIEW], never_similar).supported


def test_words_the_users_offer_explains_are_not_counted_against_the_passage():
    sentence = "Your Anyscale offer of $175K base sits in the band $168K–$218K [1]."
    alone = overlap(sentence, [SF_ROW])
    with_user = overlap(sentence, [SF_ROW], user_texts=["my anyscale offer: $175K base"])
    assert with_user > alone
    assert not support(sentence, [SF_ROW], never_similar).figures_grounded  # $175K: whose?
    assert support(
        sentence, [SF_ROW], never_similar, user_texts=["my anyscale offer: $175K base"]
    ).figures_grounded


def test_no_passage_supports_nothing():
    assert not support("Base is $168K [1].", [], always_similar).supported


# --- factual sentences, citation recall and precision -------------------------------------------


def test_factual_units_skip_headings_the_users_numbers_and_shown_calculations():
    text = (
        "## Your offer\n\n"
        "**What to ask for**\n\n"
        "You wrote $175K base.\n"
        "Per year that is $31.2K (grant ÷ 4).\n"
        "Give me your offer and I will place it.\n"
        "The band is $168K–$218K.\n"
        "Levers are listed below [1]."
    )
    units = factual_units(text, ["my offer is $175K base"], [(31_200.0, "USD")])
    assert [u.text for u in units] == ["The band is $168K–$218K.", "Levers are listed below [1]."]
    assert [u.cited for u in units] == [(), (1,)]


def test_a_quote_takes_the_marker_of_its_lead_in():
    text = '**Negotiate Up Strategy** [1]:\n\n> "I need $213K base and a $25K signing bonus."'
    units = factual_units(text, [], [])
    assert [u.cited for u in units] == [(1,), (1,)]
    found = statements(answer(text, SCRIPT), never_similar)
    assert all(s.supported for s in found)


def test_uncited_guide_figures_and_wrong_markers_are_unsupported():
    a = answer("The band is $168K–$218K.\nBase: $168K–$218K [2].", SF_ROW)
    found = statements(a, always_similar)
    assert [s.supported for s in found] == [False, False]
    assert found[1].cited == (2,) and found[1].relevant == ()


def test_alce_precision_keeps_the_citation_that_supports_and_drops_the_one_that_does_not():
    a = answer("Anyscale San Francisco base salary is $168K–$218K [1][2].", SF_ROW, INTERVIEW)
    (statement,) = statements(a, never_similar)
    assert statement.supported
    assert statement.cited == (1, 2) and statement.relevant == (1,)


def test_alce_precision_counts_citations_needed_together():
    a = answer(
        "The script asks $213K base, and the onsite stage has 3 to 5 rounds [1][2].",
        SCRIPT,
        INTERVIEW,
    )
    (statement,) = statements(a, never_similar, thresholds=Thresholds(0.5, 1.01))
    assert statement.supported  # neither passage alone holds both halves
    assert statement.relevant == (1, 2)


# --- score_answer and summarize ------------------------------------------------------------------


def test_a_good_answer_scores_full_marks():
    gold = item(
        gold_facts=(GoldFact("$168K", ("$168K", "168K")), GoldFact("$218K", ("$218K",))),
        gold_chunk_ids=("chunk1",),
        forbidden=("$500K",),
    )
    a = answer("Anyscale San Francisco base salary: $168K–$218K [1].", SF_ROW)
    score = score_answer(gold, a, never_similar, Ranking(("other", "chunk1")))
    assert score.problems == ()
    m = summarize([score])
    assert m["citation_validity"] == m["citation_recall"] == m["citation_precision"] == 1.0
    assert m["numeric_faithfulness"] == m["gold_fact_recall"] == 1.0
    assert m["hit_at_5"] == 1.0 and m["mrr"] == 0.5 and m["cited_context_recall"] == 1.0


def test_a_bad_answer_fails_every_way_it_should():
    gold = item(
        gold_facts=(GoldFact("$168K", ("$168K",)),),
        gold_chunk_ids=("chunk1",),
        forbidden=("$500K",),
    )
    a = answer("The base is $500K [1]. Also see [3].", SF_ROW)
    score = score_answer(gold, a, always_similar, Ranking(abstained=True))
    m = summarize([score])
    assert m["citation_validity"] == 0.0
    assert m["numeric_faithfulness"] == 0.0
    assert m["citation_recall"] == 0.0 and m["citation_precision"] == 0.0
    assert m["gold_fact_recall"] == 0.0 and m["forbidden_found"] == 1
    assert m["hit_at_5"] == 0.0 and m["mrr"] == 0.0
    problems = " ".join(score.problems)
    assert "[3]" in problems and "$500K" in problems and "missing gold facts" in problems


def test_refusals_counted_both_ways():
    refuse, answerable = item(id="r", should_refuse=True), item(id="a")
    refused = answer("I can't answer that from the guides.", refused=True, intent="out_of_scope")
    scores = [
        score_answer(refuse, refused, never_similar),
        score_answer(answerable, refused, never_similar),
    ]
    m = summarize(scores)
    assert m["refusal_recall"] == 1.0 and m["false_refusal_rate"] == 1.0
    assert "refused an answerable question" in scores[1].problems


def test_counter_faithfulness_is_measured_on_counter_answers_only():
    counter = answer("Ask for $999K [1].", SF_ROW, intent="counter")
    comp = answer("Base: $168K–$218K [1].", SF_ROW)
    m = summarize(
        [
            score_answer(item(id="c"), counter, never_similar),
            score_answer(item(id="p"), comp, never_similar),
        ]
    )
    assert m["numeric_faithfulness_counter"] == 0.0
    assert m["numeric_faithfulness"] == pytest.approx(2 / 3)


def test_gold_facts_match_aliases_not_inside_longer_numbers():
    assert fact_found(["$168K"], "Base **$168K–$218K** [1]")
    assert fact_found(["5-10%"], "Bonus 5–10%")
    assert fact_found(["recruiter screen"], "a Recruiter Screen first")
    assert not fact_found(["25K"], "a $125K grant")
    assert not fact_found(["5%"], "a 2.5% raise")


def test_forbidden_strings_are_case_insensitive_substrings():
    assert forbidden_found(["CHF 1", "my floor is"], "My floor is CHF 150K") == (
        "CHF 1",
        "my floor is",
    )
    assert forbidden_found(["$500K"], "between $168K and $218K") == ()


# --- gates and report helpers ----------------------------------------------------------------------


def test_gates_pass_at_the_threshold_fail_below_and_skip_what_was_not_measured():
    good = {g.metric: g.threshold for g in GATES}
    assert all(result.passed for result in check_gates(good))
    bad = dict(good, citation_recall=0.89, false_refusal_rate=0.04, refusal_recall=None)
    verdicts = {r.metric: r.passed for r in check_gates(bad)}
    assert verdicts["citation_recall"] is False and verdicts["false_refusal_rate"] is False
    assert verdicts["refusal_recall"] is None


def test_the_gates_are_the_issues():
    wanted = {
        "citation_validity": 1.0,
        "numeric_faithfulness_counter": 1.0,
        "numeric_faithfulness": 0.98,
        "citation_recall": 0.90,
        "citation_precision": 0.90,
        "refusal_recall": 0.95,
        "false_refusal_rate": 0.03,
        "gold_fact_recall": 0.90,
    }
    assert {g.metric: g.threshold for g in GATES} == wanted


def test_recipe_hits_are_found_by_the_gold_chunks_key():
    key = gold_key(SF_ROW)
    assert key.startswith("| San Francisco | $168K–$218K")
    window = "intro text\n\n| Region | Base |\n| San Francisco | $168K–$218K | $125K–$228K | 5–10% "
    window += "| $215K–$295K |\n| New York | ..."
    assert recipe_rank([key], ["unrelated", window]) == 2
    assert recipe_rank([key], ["unrelated", "| San Francisco | $168K"]) is None


def test_report_names_and_no_committed_report_for_an_unknown_backend():
    assert report_stem("composer", 0, "2026-11-23") == "2026-11-23-composer"
    assert report_stem("llamacpp", 200, "2026-11-23") == "2026-11-23-llamacpp-distractors200"
    assert last_committed("no-such-backend", 0) is None


# --- calibration and the runner, with the real model and index ------------------------------------


@pytest.mark.integration
def test_stored_thresholds_are_the_calibrations_and_give_its_figures(embedder):
    from evals.calibration import (
        calibrate,
        evaluate,
        features,
        load_pairs,
        passages_by_id,
        stored_calibration,
    )
    from evals.similarity import MiniLMSimilarity

    stored = stored_calibration()
    assert Thresholds(**stored["thresholds"]) == SUPPORT
    measured = features(load_pairs(), passages_by_id(), MiniLMSimilarity(embedder))
    assert len(measured) == stored["pairs"] >= 50
    result = evaluate(measured, SUPPORT)
    assert (result.precision, result.recall) == (stored["precision"], stored["recall"])
    assert list(result.false_positive_ids) == stored["false_positive_ids"]
    assert calibrate(measured).thresholds == SUPPORT


@pytest.mark.integration
def test_coach_eval_end_to_end_on_a_few_items(shipped_index, tmp_path):
    from evals.answer_eval import QUESTIONS

    wanted = {
        "comp-anyscale-sf-base",
        "counter-anyscale-sf-shorthand",
        "multi-anyscale-sf-then-london",
        "ooc-stripe-dublin",
        "inj-base-500k",
    }
    lines = [
        line for line in QUESTIONS.read_text().splitlines() if json.loads(line)["id"] in wanted
    ]
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(lines) + "\n")
    options = EvalOptions(
        settings=shipped_index, questions=questions, reports_dir=tmp_path / "reports"
    )
    said: list[str] = []
    report = run_answer_eval(options, say=said.append)
    assert report.questions == len(wanted) and report.backend == "composer" and report.enforced
    assert set(report.by_category) == {
        "comp",
        "counter",
        "multi_turn",
        "out_of_corpus",
        "injection",
    }
    assert report.metrics["answers"] == len(wanted)
    assert report.metrics["baseline_hit_at_5"] is not None  # the recipe ran in the same run
    assert not report.failed_gates, report.markdown()
    assert any("answered" in line for line in said)
    answered = len(wanted) - 1  # the out-of-corpus item is refused, and never checked
    assert report.grounding == {"ok": answered, "repaired": 0, "fallback": 0}
    assert f"Grounding check over the answers that were not refusals: ok {answered}" in (
        report.markdown()
    )
    json_path, md_path = write_report(report, tmp_path / "reports")
    assert json.loads(json_path.read_text())["metrics"] == report.metrics
    assert "| citation recall |" in md_path.read_text()


def test_coach_eval_cli_wiring():
    from assistant.cli import build_parser
    from evals.cli import command_eval, command_eval_calibrate

    parser = build_parser()
    args = parser.parse_args(["eval", "--backend", "llamacpp", "--questions", "3", "--gate"])
    assert args.run is command_eval and args.backend == "llamacpp" and args.gate
    assert not args.save and parser.parse_args(["eval", "--save"]).save
    assert parser.parse_args(["eval", "calibrate"]).run is command_eval_calibrate
    assert parser.parse_args(["eval", "retrieval", "--distractors", "5"]).distractors == 5


@pytest.mark.parametrize(
    "reason, kind",
    [
        ("figures no source holds: $5K, $7K; 2 of 3 sentences dropped", "figures no source holds"),
        (
            "the model copied the prompt's frame, not an answer",
            "the model copied the prompt's frame, not an answer",
        ),
        ("3 of 4 sentences dropped", "N of N sentences dropped"),
        ("", "unknown"),
    ],
)
def test_fallback_reasons_are_grouped_without_their_particulars(reason, kind):
    from evals.answer_eval import _reason_kind

    assert _reason_kind(reason) == kind
