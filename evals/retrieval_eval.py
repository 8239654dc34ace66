"""Retrieval eval: our hybrid retriever and the stock LangChain recipe, side by side, on the gold
questions in `evals/retrieval_questions.jsonl`.

A retrieved chunk is a hit for a question when it comes from the gold guide (same file name) and
contains every substring of one gold alternative. Over the questions that should be answered:
- hit@5: share with at least one hit in the top 5 (an abstention counts as a miss);
- recall@5: share of gold alternatives found in the top 5, averaged over questions;
- MRR: mean of 1 / rank of the first hit (0 when none in the top 5).
Over all questions: abstain precision (abstentions that were right), abstain recall (questions
that should abstain and did) and the false-abstain rate (answerable questions that abstained).

Our retriever opens the index as `coach` does (chunks and questions embedded with the index's
ONNX export); the stock recipe embeds with sentence-transformers, as LangChain would.

Follow-up questions replay their `history` through the conversation state first; the stock
recipe has no state, so it searches the follow-up as written, as it would in a plain RAG chain.

With `distractors=N`, the shipped guides are joined by N generated look-alike guides
(`evals.bench.corpus`) in a work folder that is kept, so a second run only re-checks it, and
60 comp questions about the generated guides' own rows (gold from the generator's truth) are
scored apart from the gold set: questions the retriever was never tuned on.

Leaves out: answer quality (the eval harness of the chat agent measures that) and any model judge.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.config import PROJECT_ROOT, Settings

QUESTIONS = PROJECT_ROOT / "evals" / "retrieval_questions.jsonl"
WORK_ROOT = PROJECT_ROOT / "evals" / ".work"
K = 5


@dataclass(frozen=True)
class GoldAlternative:
    source: str
    contains: tuple[str, ...]

    def matches(self, source: str, text: str) -> bool:
        return Path(source).name == Path(self.source).name and all(
            needle in text for needle in self.contains
        )


@dataclass(frozen=True)
class GoldQuestion:
    id: str
    category: str
    question: str
    history: tuple[str, ...]
    abstain: bool
    gold: tuple[GoldAlternative, ...]


def load_questions(path: Path = QUESTIONS) -> list[GoldQuestion]:
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(
                GoldQuestion(
                    id=item["id"],
                    category=item["category"],
                    question=item["question"],
                    history=tuple(item.get("history", ())),
                    abstain=bool(item.get("abstain", False)),
                    gold=tuple(
                        GoldAlternative(g["source"], tuple(g["contains"])) for g in item["gold"]
                    ),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a gold question ({error})") from error
    return questions


@dataclass(frozen=True)
class QuestionResult:
    id: str
    category: str
    should_abstain: bool
    abstained: bool
    first_hit: int | None  # 1-based rank of the first hit in the top K
    recall: float
    top: tuple[str, ...]  # the top K as "source § first body line", for reading failures


def score_question(question: GoldQuestion, ranked: list[tuple[str, str]], abstained: bool):
    top = ranked[:K]
    first_hit = next(
        (
            rank
            for rank, (source, text) in enumerate(top, start=1)
            if any(alt.matches(source, text) for alt in question.gold)
        ),
        None,
    )
    found = sum(any(alt.matches(s, t) for s, t in top) for alt in question.gold)
    return QuestionResult(
        id=question.id,
        category=question.category,
        should_abstain=question.abstain,
        abstained=abstained,
        first_hit=None if abstained else first_hit,
        recall=0.0 if abstained or not question.gold else found / len(question.gold),
        top=tuple(f"{Path(s).name} § {t.splitlines()[-1][:90]}" for s, t in top),
    )


@dataclass
class Scores:
    questions: int = 0
    answerable: int = 0
    hit_at_5: float = 0.0
    recall_at_5: float = 0.0
    mrr: float = 0.0
    abstain_precision: float | None = None
    abstain_recall: float | None = None
    false_abstain_rate: float = 0.0
    by_category: dict[str, float] = field(default_factory=dict)  # hit@5 (or abstain) per category


def summarize(results: list[QuestionResult]) -> Scores:
    answerable = [r for r in results if not r.should_abstain]
    out_of_corpus = [r for r in results if r.should_abstain]
    abstained = [r for r in results if r.abstained]
    scores = Scores(questions=len(results), answerable=len(answerable))
    if answerable:
        scores.hit_at_5 = sum(r.first_hit is not None for r in answerable) / len(answerable)
        scores.recall_at_5 = sum(r.recall for r in answerable) / len(answerable)
        scores.mrr = sum(1 / r.first_hit for r in answerable if r.first_hit) / len(answerable)
        scores.false_abstain_rate = sum(r.abstained for r in answerable) / len(answerable)
    if abstained:
        scores.abstain_precision = sum(r.should_abstain for r in abstained) / len(abstained)
    if out_of_corpus:
        scores.abstain_recall = sum(r.abstained for r in out_of_corpus) / len(out_of_corpus)
    for category in sorted({r.category for r in results}):
        group = [r for r in results if r.category == category]
        correct = [r.abstained if r.should_abstain else r.first_hit is not None for r in group]
        scores.by_category[category] = round(sum(correct) / len(group), 4)
    return scores


# --- the corpus under test ---------------------------------------------------------------------


@dataclass(frozen=True)
class Workspace:
    """A corpus (shipped guides, maybe plus generated ones) and the folders its indexes live in."""

    corpus: Path
    index: Path
    baseline: Path
    guides: int


def prepare_workspace(
    distractors: int,
    seed: int = 0,
    root: Path = WORK_ROOT,
    say: Callable[[str], None] = print,
    context: bool = False,
) -> Workspace:
    """The shipped guides, plus `distractors` generated ones (`context`: starting with the
    guides of the companies users name as context, evals.bench.companies) in
    <root>/distractors-N-seedS[-context]/, kept so a rerun only re-checks the index."""
    shipped = PROJECT_ROOT / "corpus"
    if distractors <= 0:
        return Workspace(shipped, root / "shipped" / "index", root / "shipped" / "baseline", 3)
    from evals.bench.corpus import write_corpus

    folder = root / f"distractors-{distractors}-seed{seed}{'-context' if context else ''}"
    corpus = folder / "corpus"
    generated = corpus / "generated"
    if not (generated / ".benchcorpus").exists() or len(list(generated.glob("*.*"))) < distractors:
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        first = ", context companies first," if context else ""
        say(f"Generating {distractors} look-alike guides{first} (seed {seed}) in {generated} …")
        write_corpus(generated, distractors, seed, context=context)
    for path in shipped.iterdir():
        if path.is_file() and path.name != "SOURCES.md":
            target = corpus / path.name
            if not target.exists() or target.read_bytes() != path.read_bytes():
                shutil.copy2(path, target)
    return Workspace(corpus, folder / "index", folder / "baseline", 3 + distractors)


# --- the two systems -----------------------------------------------------------------------------


def run_hybrid(workspace: Workspace, questions: list[GoldQuestion], say=print):
    """Index the workspace (incrementally) and run every question through HybridRetriever, as
    `coach` opens the index: chunks and questions embedded with its ONNX export."""
    from assistant.index.store import VectorIndex
    from assistant.retrieval.hybrid import HybridRetriever

    settings = Settings(corpus_dir=workspace.corpus, index_dir=workspace.index)
    index = VectorIndex(settings)
    report = index.sync(progress=True, say=say)
    say(f"Our index: {report.summary()}")
    retriever = HybridRetriever(index)
    results = []
    for question in questions:
        state = None
        for turn in question.history:
            state = retriever.understand(turn, state).state
        retrieval = retriever.retrieve(question.question, k=K, state=state)
        ranked = [(hit.source, hit.text) for hit in retrieval.hits]
        results.append(score_question(question, ranked, retrieval.abstained))
    return results


def run_baseline(workspace: Workspace, questions: list[GoldQuestion], embedder, say=print):
    from evals.baseline import StockRecipe

    recipe = StockRecipe(workspace.corpus, workspace.baseline, embedder)
    recipe.build(say=say)
    results = []
    for question in questions:
        ranked = recipe.search(question.question, k=K)
        results.append(score_question(question, ranked, abstained=False))
    return results


@dataclass
class RetrievalReport:
    guides: int
    distractors: int
    seed: int
    questions: int
    ours: Scores
    baseline: Scores | None
    generated: Scores | None  # comp questions about generated guides (gold from the generator)
    generated_baseline: Scores | None
    seconds: float
    misses: list[QuestionResult]

    def to_json(self) -> dict:
        data = asdict(self)
        data["misses"] = [asdict(m) for m in self.misses]
        return data

    def table(self) -> str:
        rows = [
            ("hit@5", "hit_at_5"),
            ("recall@5", "recall_at_5"),
            ("MRR", "mrr"),
            ("abstain precision", "abstain_precision"),
            ("abstain recall", "abstain_recall"),
            ("false abstain rate", "false_abstain_rate"),
        ]

        def cell(scores: Scores | None, name: str) -> str:
            value = getattr(scores, name) if scores else None
            return "—" if value is None else f"{value:.3f}"

        lines = [
            f"Retrieval eval: {self.questions} questions, {self.guides} guides "
            f"({self.distractors} generated, seed {self.seed}), {self.seconds:.0f} s",
            "",
            "| metric | Offer Coach hybrid | LangChain recipe (1000/200, dense top-5) |",
            "|---|---|---|",
        ]
        lines += [
            f"| {label} | {cell(self.ours, n)} | {cell(self.baseline, n)} |" for label, n in rows
        ]
        if self.generated:
            theirs = self.generated_baseline
            lines += [
                "",
                f"Comp questions about {self.generated.questions} generated guides, gold from "
                "the generator (not in the gold set above):",
                "",
                "| metric | Offer Coach hybrid | LangChain recipe |",
                "|---|---|---|",
                *(
                    f"| {label} | {cell(self.generated, n)} | {cell(theirs, n)} |"
                    for label, n in rows[:3]
                ),
            ]
        lines += ["", "| category | ours | recipe |", "|---|---|---|"]
        for category, value in self.ours.by_category.items():
            other = self.baseline.by_category.get(category) if self.baseline else None
            lines.append(
                f"| {category} | {value:.3f} | {'—' if other is None else f'{other:.3f}'} |"
            )
        return "\n".join(lines)


def generated_questions(distractors: int, seed: int, limit: int = 60) -> list[GoldQuestion]:
    """Comp questions about the generated guides' own rows, with the generator's truth as gold:
    they measure retrieval at scale on questions nobody tuned the retriever on."""
    import random

    from evals.bench.corpus import generate_guides

    shapes = [
        "What's the base salary for a {role} at {company} in {region}?",
        "{company} {region} stock?",
        "how much does {company} pay in {region}",
        "total comp at {company}, {region} office",
    ]
    rng = random.Random(seed + 1)
    guides = [g for g in generate_guides(distractors, seed) if g.bands]
    questions = []
    for number, guide in enumerate(rng.sample(guides, min(limit, len(guides)))):
        row = rng.choice(guide.bands)
        text = rng.choice(shapes).format(role=guide.role, company=guide.company, region=row.region)
        gold = GoldAlternative(source=guide.file_name, contains=(row.region,))
        questions.append(GoldQuestion(f"generated-{number}", "generated", text, (), False, (gold,)))
    return questions


def run_retrieval_eval(
    distractors: int = 0,
    seed: int = 0,
    baseline: bool = True,
    questions_path: Path = QUESTIONS,
    root: Path = WORK_ROOT,
    say: Callable[[str], None] = print,
) -> RetrievalReport:
    from assistant.index.embeddings import Embedder

    started = time.perf_counter()
    questions = load_questions(questions_path)
    workspace = prepare_workspace(distractors, seed, root, say)
    extra = generated_questions(distractors, seed) if distractors else []
    ours_all = run_hybrid(workspace, questions + extra, say)
    theirs_all = run_baseline(workspace, questions + extra, Embedder(), say) if baseline else None
    ours, ours_generated = ours_all[: len(questions)], ours_all[len(questions) :]
    theirs = theirs_all[: len(questions)] if theirs_all else None
    theirs_generated = theirs_all[len(questions) :] if theirs_all else None
    misses = [
        r
        for r in ours
        if (r.abstained != r.should_abstain) or (not r.should_abstain and r.first_hit is None)
    ]
    return RetrievalReport(
        guides=workspace.guides,
        distractors=distractors,
        seed=seed,
        questions=len(questions),
        ours=summarize(ours),
        baseline=summarize(theirs) if theirs else None,
        generated=summarize(ours_generated) if extra else None,
        generated_baseline=summarize(theirs_generated) if extra and theirs_generated else None,
        seconds=time.perf_counter() - started,
        misses=misses,
    )
