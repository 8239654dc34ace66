"""The dev and test halves in the answer eval's report: every metric per half (over all the
half's items and over its held-out items alone), per category and half, the failures of the
half the reader asked for, and their markdown.

The lead changes code reading only the dev half's failures; the test half's figures are
reported side by side, and its failures only listed when asked (`coach eval --failures test`
or `all`), so the test half stays a measure of what was not tuned to.

Leaves out: the metrics themselves (evals.metrics, evals.coverage) and the rest of the report
(evals.answer_eval).
"""

from __future__ import annotations

from collections.abc import Sequence

from evals.coverage import CoverageScore, summarize_coverage
from evals.metrics import AnswerScore, summarize

# The per-half table: (key, label), new metrics first.
HALF_ROWS = (
    ("answers", "items"),
    ("refusal_recall", "refusal recall"),
    ("false_refusal_rate", "false refusal rate"),
    ("not_covered_recall", "refusal and not-covered recall"),
    ("coverage_statements", "coverage statements"),
    ("gold_fact_recall", "gold-fact recall"),
    ("answer_first", "answer-first (300 characters)"),
    ("conversation_success", "conversation success"),
    ("conversations", "conversations"),
    ("citation_validity", "citation validity"),
    ("citation_recall", "citation recall"),
    ("citation_precision", "citation precision"),
    ("numeric_faithfulness", "numeric faithfulness"),
    ("forbidden_found", "forbidden content found"),
    ("hit_at_5", "retrieval hit@5"),
)


def halves(scores: Sequence[AnswerScore], covered: Sequence[CoverageScore]) -> dict[str, dict]:
    """Every metric (evals.metrics and evals.coverage) per half, over all its items and over
    its held-out items alone; halves with no items are left out."""
    out = {}
    for half in ("dev", "test"):
        for label, keep in ((half, lambda c: True), (f"{half} held-out", lambda c: c.held_out)):
            chosen = [i for i, c in enumerate(covered) if c.half == half and keep(c)]
            if chosen:
                figures = summarize([scores[i] for i in chosen])
                figures |= summarize_coverage([covered[i] for i in chosen])
                out[label] = {
                    k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()
                }
    return out


def failures(
    scores: Sequence[AnswerScore], covered: Sequence[CoverageScore], shown: str
) -> list[dict]:
    """The answers with problems (grounding and issue-16 ones) of the half `shown` (or all)."""
    out = []
    for score, cover in zip(scores, covered, strict=True):
        problems = list(dict.fromkeys([*score.problems, *cover.problems]))
        if problems and shown in ("all", cover.half):
            out.append(
                {
                    "id": score.id,
                    "category": score.category,
                    "half": cover.half,
                    "held_out": cover.held_out,
                    "intent": score.intent,
                    "problems": problems,
                }
            )
    return out


def by_category_and_half(
    scores: Sequence[AnswerScore], covered: Sequence[CoverageScore]
) -> dict[str, dict[str, dict]]:
    """{category: {half: figures}} over all items (held-out ones included)."""
    out: dict[str, dict[str, dict]] = {}
    for category in dict.fromkeys(c.category for c in covered):
        for half in ("dev", "test"):
            chosen = [i for i, c in enumerate(covered) if c.category == category and c.half == half]
            if not chosen:
                continue
            group = [scores[i] for i in chosen]
            cover = [covered[i] for i in chosen]
            figures = summarize(group) | summarize_coverage(cover)
            out.setdefault(category, {})[half] = {
                "answers": len(chosen),
                "refusal_right": sum(s.refused == s.should_refuse for s in group) / len(group),
                "gold_fact_recall": figures["gold_fact_recall"],
                "answer_first": figures["answer_first"],
                "not_covered_recall": figures["not_covered_recall"],
                "conversation_success": figures["conversation_success"],
                "with_problems": sum(
                    bool(s.problems or c.problems) for s, c in zip(group, cover, strict=True)
                ),
            }
    return out


def _cell(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def halves_markdown(halves: dict, by_category: dict, held_out: int) -> list[str]:
    """The report's lines for the halves (none when the run has no halves)."""
    if not halves:
        return []
    columns = [c for c in ("dev", "test", "dev held-out", "test held-out") if c in halves]
    lines = [
        "",
        f"Dev and test halves (fixed by sha256 of each id; {held_out} held-out items, written "
        "for issue 16, are in these figures but not in the gated table above):",
        "",
        "| metric | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for key, label in HALF_ROWS:
        lines.append(
            f"| {label} | " + " | ".join(_cell(halves[c].get(key)) for c in columns) + " |"
        )
    lines += [
        "",
        "| category | half | n | refusal decision right | gold-fact recall | answer-first "
        "| not-covered recall | conversation success | with problems |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for category, per_half in by_category.items():
        for half, m in per_half.items():
            lines.append(
                f"| {category} | {half} | {m['answers']} | {_cell(m['refusal_right'])} "
                f"| {_cell(m['gold_fact_recall'])} | {_cell(m['answer_first'])} "
                f"| {_cell(m['not_covered_recall'])} | {_cell(m['conversation_success'])} "
                f"| {m['with_problems']} |"
            )
    return lines
