"""Calibrating the support test (evals.metrics.support) on hand-labelled sentence/passage pairs.

`coach eval calibrate` reads evals/support_pairs.jsonl (each pair: a sentence, the chunk id of
the passage it cites, and whether a reader of the guide judged the passage to support it),
measures for each pair what the support test looks at (figures grounded in the passage,
content-word overlap, MiniLM cosine), and picks the two thresholds by this rule:

- candidates: overlap and similarity thresholds on a fixed grid, 0.00 to 1.00 in steps of 0.05;
- the pair is predicted supported when its figures are grounded and (overlap ≥ t1 or
  similarity ≥ t2), as in the support test;
- choose the highest F1 on the labelled pairs; among ties, the higher precision; among those,
  the stricter thresholds (higher t1, then higher t2).

It prints precision, recall and F1 on the pairs and the pairs it gets wrong, and with `--write`
stores them in evals/support_calibration.json; `evals.metrics.SUPPORT` holds the thresholds
(copied by hand, and a test checks that the two agree and that the figures still come out).

Leaves out: a held-out split (the pairs are few; the figures are in-sample and so optimistic)
and pairs citing several passages (the runner's multi-citation case uses the same test over the
passages together).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.compose.grounding import GroundingSources, figures_in, is_grounded
from assistant.config import PROJECT_ROOT
from evals.metrics import Similarity, Thresholds, numbers_grounded, overlap, plain

PAIRS = PROJECT_ROOT / "evals" / "support_pairs.jsonl"
CALIBRATION = PROJECT_ROOT / "evals" / "support_calibration.json"
GRID = tuple(round(step * 0.05, 2) for step in range(21))


@dataclass(frozen=True)
class PairFeatures:
    id: str
    supported: bool  # the hand label
    figures_grounded: bool
    overlap: float
    similarity: float


@dataclass(frozen=True)
class Calibration:
    rule: str
    thresholds: Thresholds
    pairs: int
    positives: int
    negatives: int
    true_positives: int
    false_positives: int
    false_negatives: int
    precision: float
    recall: float
    f1: float
    false_positive_ids: tuple[str, ...]
    false_negative_ids: tuple[str, ...]

    def to_json(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        t = self.thresholds
        return "\n".join(
            [
                f"Support test calibrated on {self.pairs} labelled pairs "
                f"({self.positives} supported, {self.negatives} not)",
                f"rule: {self.rule}",
                "",
                "| overlap ≥ | similarity ≥ | precision | recall | F1 | TP | FP | FN |",
                "|---|---|---|---|---|---|---|---|",
                f"| {t.overlap:.2f} | {t.similarity:.2f} | {self.precision:.3f} | "
                f"{self.recall:.3f} | {self.f1:.3f} | {self.true_positives} | "
                f"{self.false_positives} | {self.false_negatives} |",
                "",
                "False positives: " + (", ".join(self.false_positive_ids) or "none"),
                "False negatives: " + (", ".join(self.false_negative_ids) or "none"),
            ]
        )


RULE = (
    "max F1 over a 0.05 grid of (overlap, similarity) thresholds; ties: higher precision, "
    "then stricter thresholds"
)


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def passages_by_id(corpus_dir: Path = PROJECT_ROOT / "corpus") -> dict[str, str]:
    """Every chunk's text by chunk id, from the guides as chunked now (no index needed)."""
    from assistant.corpus.factbook import chunk_corpus
    from assistant.index.embeddings import count_tokens

    return {chunk.chunk_id: chunk.text for chunk in chunk_corpus(corpus_dir, count_tokens)}


def features(
    pairs: Sequence[dict], passages: dict[str, str], similarity: Similarity
) -> list[PairFeatures]:
    out = []
    for pair in pairs:
        passage = passages[pair["passage_chunk_id"]]
        sources = GroundingSources((passage,))
        out.append(
            PairFeatures(
                id=pair["id"],
                supported=bool(pair["supported"]),
                figures_grounded=all(is_grounded(m, sources) for m in figures_in(pair["sentence"]))
                and numbers_grounded(pair["sentence"], [passage]),
                overlap=round(overlap(pair["sentence"], [passage]), 6),
                similarity=round(similarity(plain(pair["sentence"]), [passage]), 6),
            )
        )
    return out


def predict(pair: PairFeatures, thresholds: Thresholds) -> bool:
    """The support test's verdict from the measured features."""
    return pair.figures_grounded and (
        pair.overlap >= thresholds.overlap or pair.similarity >= thresholds.similarity
    )


def evaluate(pairs: Sequence[PairFeatures], thresholds: Thresholds) -> Calibration:
    """Precision, recall and F1 of the support test with these thresholds on the pairs."""
    predicted = [(p, predict(p, thresholds)) for p in pairs]
    tp = sum(p.supported and said for p, said in predicted)
    fp = [p.id for p, said in predicted if said and not p.supported]
    fn = [p.id for p, said in predicted if p.supported and not said]
    precision = tp / (tp + len(fp)) if tp + len(fp) else 0.0
    recall = tp / (tp + len(fn)) if tp + len(fn) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    positives = sum(p.supported for p in pairs)
    return Calibration(
        rule=RULE,
        thresholds=thresholds,
        pairs=len(pairs),
        positives=positives,
        negatives=len(pairs) - positives,
        true_positives=tp,
        false_positives=len(fp),
        false_negatives=len(fn),
        precision=round(precision, 4),
        recall=round(recall, 4),
        f1=round(f1, 4),
        false_positive_ids=tuple(fp),
        false_negative_ids=tuple(fn),
    )


def calibrate(pairs: Sequence[PairFeatures]) -> Calibration:
    """The thresholds the rule picks, with their figures."""
    results = [evaluate(pairs, Thresholds(t1, t2)) for t1 in GRID for t2 in GRID]
    return max(
        results,
        key=lambda c: (c.f1, c.precision, c.thresholds.overlap, c.thresholds.similarity),
    )


def run_calibration(similarity: Similarity | None = None) -> tuple[Calibration, list]:
    """Measure the shipped pairs and calibrate (MiniLM unless a similarity is given)."""
    if similarity is None:
        from evals.similarity import MiniLMSimilarity

        similarity = MiniLMSimilarity()
    measured = features(load_pairs(), passages_by_id(), similarity)
    return calibrate(measured), measured


def stored_calibration(path: Path = CALIBRATION) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
