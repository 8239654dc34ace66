"""`coach eval`: the answer-level eval harness. Runs every gold item of evals/questions.jsonl
through `Coach` end to end, scores the answers (evals.metrics), puts the stock LangChain
recipe's retrieval figures from the same run beside ours, compares with the last committed
report, checks the gates, and writes <YYYY-MM-DD>-<backend>.json and .md to a reports folder.

- Asking: a multi-turn item's earlier turns are asked first, each with the history so far
  (user turn and the coach's answer), as in evals/answer_bench.py; only the last answer is
  scored, and every user turn counts as the user's words.
- Our retrieval figures: the coach's own retriever on the last turn, with the conversation
  replayed from the same history (as the agent does), top 5, scored by gold chunk id.
- The LangChain recipe (evals/baseline.py) searches the last turn as written (it has no
  conversation state), top 5. Its chunks are 1000-character windows with other ids, so a
  recipe chunk is a hit for a gold chunk when it contains the gold chunk's key: the last line
  of the gold chunk's text (the table row, the lever, the last list item or sentence run),
  whitespace normalised, cut to its first 100 characters. A window that holds the row but cuts
  it short of that key is a miss (rare: rows are under 100 characters).
- The corpus: the shipped guides, indexed in evals/.work/shipped/ (as `coach eval retrieval`
  does), or with `distractors=N` the shipped guides plus N generated look-alikes
  (evals.bench.corpus) in evals/.work/distractors-N-seed0/.
- Reports: a full run writes <date>-<backend>.json and .md (with N distractors,
  <date>-<backend>-distractorsN[-context]) to the git-ignored WORK_REPORTS (evals/.work/reports/),
  or
  with `coach eval --save` to REPORTS (evals/reports/, committed); a second run on the same day
  overwrites them (the same day's run). A run of only some items (`limit`) writes nothing.
  "Change" compares with the newest report of the same backend and distractors committed in
  git under REPORTS (read from HEAD, so an uncommitted re-run of today's report is compared
  with the committed one, not itself), wherever this run's report is written.
- Gates (GATES) apply to every run and are listed in the report; `coach eval` exits non-zero
  on a failed gate for the composer backend on the shipped guides (CI's run), and otherwise
  only with `--gate`: a model backend's figures, or the figures with generated look-alike
  guides beside the shipped ones, are measured and shown, not enforced. A gate whose
  metric was not measured (a partial run with no counter answer) is "n/a", not failed.

Leaves out: timing (coach bench answers), retrieval at depth (coach eval retrieval), and any
model judge.
"""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from assistant.answer import Answer
from assistant.config import PROJECT_ROOT, Settings
from evals.coverage import half_of, score_coverage
from evals.half_report import by_category_and_half, failures, halves, halves_markdown
from evals.metrics import (
    SUPPORT,
    AnswerScore,
    GoldItem,
    Ranking,
    Similarity,
    score_answer,
    summarize,
)

QUESTIONS = PROJECT_ROOT / "evals" / "questions.jsonl"
REPORTS = PROJECT_ROOT / "evals" / "reports"  # committed reports, compared with (from HEAD)
WORK_ROOT = PROJECT_ROOT / "evals" / ".work"
WORK_REPORTS = WORK_ROOT / "reports"  # where an unsaved run's report goes (git-ignored)
K = 5
KEY_CHARS = 100


@dataclass(frozen=True)
class Gate:
    metric: str
    op: str  # ">=" or "<="
    threshold: float
    label: str

    def passes(self, value: float | None) -> bool | None:
        if value is None:
            return None
        ok = value >= self.threshold if self.op == ">=" else value <= self.threshold
        return bool(ok or abs(value - self.threshold) < 1e-9)


GATES = (
    Gate("citation_validity", ">=", 1.0, "citation validity"),
    Gate("numeric_faithfulness_counter", ">=", 1.0, "numeric faithfulness, counter-offer answers"),
    Gate("numeric_faithfulness", ">=", 0.98, "numeric faithfulness, all answers"),
    Gate("citation_recall", ">=", 0.90, "citation recall"),
    Gate("citation_precision", ">=", 0.90, "citation precision"),
    Gate("refusal_recall", ">=", 0.95, "refusal recall"),
    Gate("false_refusal_rate", "<=", 0.03, "false refusal rate"),
    Gate("gold_fact_recall", ">=", 0.90, "gold-fact recall"),
)

# The report's metric table, in order: (key, label); retrieval rows also show the recipe.
ROWS = (
    ("citation_validity", "citation validity"),
    ("citation_recall", "citation recall"),
    ("citation_precision", "citation precision"),
    ("numeric_faithfulness", "numeric faithfulness"),
    ("numeric_faithfulness_counter", "numeric faithfulness (counter)"),
    ("refusal_recall", "refusal recall"),
    ("false_refusal_rate", "false refusal rate"),
    ("gold_fact_recall", "gold-fact recall"),
    ("forbidden_found", "forbidden content found"),
    ("hit_at_5", "retrieval hit@5"),
    ("mrr", "retrieval MRR"),
    ("context_recall_at_5", "ID context recall@5"),
    ("cited_context_recall", "cited-context recall"),
    ("cited_context_precision", "cited-context precision"),
)
BASELINE_ROWS = {"hit_at_5": "baseline_hit_at_5", "mrr": "baseline_mrr"}


def load_items(path: Path = QUESTIONS) -> list[GoldItem]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [GoldItem.from_json(json.loads(line)) for line in lines if line.strip()]


# --- asking -----------------------------------------------------------------------------------


def ask(coach, item: GoldItem) -> tuple[Answer, Ranking]:
    """The coach's answer to the item's last turn after its earlier turns, and what its
    retriever ranks for that turn in the same conversation."""
    history: list[dict] = []
    for earlier in item.turns[:-1]:
        said = coach.ask(earlier, history=history)
        history += [
            {"role": "user", "content": earlier},
            {"role": "assistant", "content": said.answer},
        ]
    answer = coach.ask(item.turns[-1], history=history)
    return answer, ranking_after(coach, history, item.turns[-1])


def ranking_after(coach, history: list[dict], question: str) -> Ranking:
    """What the coach's retriever ranks for `question` after the conversation `history`."""
    from assistant.compose.untrusted import clean_question
    from assistant.understanding.conversation import replay

    context = replay(history, coach.catalog, clean_question)
    understood = coach.retriever.understand(clean_question(question), context.state)
    retrieval = coach.retriever.retrieve_understood(understood, K)
    return Ranking(tuple(h.chunk_id for h in retrieval.hits), retrieval.abstained)


def ask_conversation(coach, item: GoldItem, said: list[Answer | None]) -> tuple[Answer, Ranking]:
    """A conversation item's last answer (from `coach chat --json`; an error line becomes an
    empty answer) and the retriever's ranking for its last turn after the same history."""
    history: list[dict] = []
    for turn, answer in zip(item.turns[:-1], said[:-1], strict=False):
        history += [
            {"role": "user", "content": turn},
            {"role": "assistant", "content": answer.answer if answer else ""},
        ]
    last = said[-1] if said else None
    if last is None:
        last = Answer("", (), False, "error", coach.backend_name)
    return last, ranking_after(coach, history, item.turns[-1])


def gold_key(chunk_text: str) -> str:
    """What a recipe chunk must contain to count as the gold chunk (see the module doc)."""
    lines = [line for line in chunk_text.splitlines() if line.strip()]
    return " ".join(lines[-1].split())[:KEY_CHARS] if lines else ""


def recipe_rank(keys: Sequence[str], found: Sequence[str], k: int = K) -> int | None:
    """1-based rank of the first recipe chunk holding a gold chunk's key."""
    for rank, text in enumerate(found[:k], start=1):
        flat = " ".join(text.split())
        if any(key and key in flat for key in keys):
            return rank
    return None


# --- the report -------------------------------------------------------------------------------


@dataclass
class GateResult:
    metric: str
    label: str
    op: str
    threshold: float
    value: float | None
    passed: bool | None


@dataclass
class EvalReport:
    date: str
    backend: str
    commit: str
    questions: int
    distractors: int
    seconds: float
    support_thresholds: dict
    metrics: dict
    gates: list[GateResult]
    by_category: dict[str, dict]
    failures: list[dict]
    previous: dict | None = None  # {"path", "commit", "metrics"} of the last committed report
    enforced: bool = True  # whether a failed gate makes `coach eval` exit non-zero
    baseline: bool = True
    grounding: dict = field(default_factory=dict)  # answers per grounding-check outcome
    half: str = "all"  # the items asked: "dev", "test" or "all" (evals.coverage.half_of)
    held_out: int = 0  # items marked held_out (issue 16): not in `metrics` and the gates
    halves: dict = field(default_factory=dict)  # {"dev"|"test"|"dev held-out"|…: metrics}
    by_category_half: dict = field(default_factory=dict)  # {category: {half: figures}}
    failures_shown: str = "dev"  # whose failures `failures` lists: dev, test or all
    context_companies: bool = False  # the generated guides began with the context companies'

    @property
    def failed_gates(self) -> list[GateResult]:
        return [g for g in self.gates if g.passed is False]

    def to_json(self) -> dict:
        return asdict(self)

    def markdown(self) -> str:
        head = (
            f"Answer eval: backend {self.backend}, {self.questions} gold items, "
            f"{self.distractors} generated guides"
            f"{' (the context companies first)' if self.context_companies else ''}, "
            f"{self.date}, commit {self.commit}, "
            f"{self.seconds:.0f} s"
        )
        before = (self.previous or {}).get("metrics", {})
        since = (
            f"change vs {self.previous['path']} (commit {self.previous['commit']})"
            if self.previous
            else "change (no committed report to compare with)"
        )
        gate_of = {g.metric: g for g in self.gates}
        lines = [
            head,
            "",
            f"| metric | Offer Coach | LangChain recipe | gate | {since} |",
            "|---|---|---|---|---|",
        ]
        for key, label in ROWS:
            value = self.metrics.get(key)
            theirs = self.metrics.get(BASELINE_ROWS.get(key, ""), None)
            gate = gate_of.get(key)
            lines.append(
                f"| {label} | {_cell(value)} | {_cell(theirs) if key in BASELINE_ROWS else ''} "
                f"| {_gate_cell(gate)} | {_delta(value, before.get(key))} |"
            )
        t = self.support_thresholds
        lines += [
            "",
            f"Support test: figures grounded and (content-word overlap ≥ {t['overlap']:.2f} or "
            f"MiniLM cosine ≥ {t['similarity']:.2f}).",
            "",
            "| category | n | refusal decision right | gold-fact recall | citation recall "
            "| citation precision | numeric faithfulness | hit@5 | with problems |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for category, m in self.by_category.items():
            lines.append(
                f"| {category} | {m['answers']} | {_cell(m['refusal_right'])} "
                f"| {_cell(m['gold_fact_recall'])} | {_cell(m['citation_recall'])} "
                f"| {_cell(m['citation_precision'])} | {_cell(m['numeric_faithfulness'])} "
                f"| {_cell(m['hit_at_5'])} | {m['with_problems']} |"
            )
        if self.grounding:
            outcomes = ", ".join(f"{k} {v}" for k, v in self.grounding.items())
            lines += ["", f"Grounding check over the answers that were not refusals: {outcomes}."]
        lines += halves_markdown(self.halves, self.by_category_half, self.held_out)
        failed = self.failed_gates
        lines += [
            "",
            "Gates: "
            + (
                "all passed"
                if not failed
                else "FAILED "
                + ", ".join(
                    f"{g.label} {_cell(g.value)} (needs {g.op} {g.threshold:g})" for g in failed
                )
            ),
        ]
        if not self.enforced:
            lines[-1] += " (reported, not enforced for this run: see evals/README.md)"
        shown = {"all": "dev and test halves"}.get(
            self.failures_shown, f"{self.failures_shown} half"
        )
        if self.failures:
            lines += ["", f"Answers with problems, {shown} ({len(self.failures)}):", ""]
            for failure in self.failures:
                lines.append(
                    f"- `{failure['id']}` ({failure['category']}, {failure.get('half', '?')}, "
                    f"intent {failure['intent']}):"
                )
                lines += [f"  - {problem}" for problem in failure["problems"]]
        return "\n".join(lines)


def _cell(value) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _gate_cell(gate: GateResult | None) -> str:
    if gate is None:
        return ""
    verdict = {True: "pass", False: "**FAIL**", None: "n/a"}[gate.passed]
    return f"{gate.op} {gate.threshold:g}: {verdict}"


def _delta(now, before) -> str:
    if now is None or before is None:
        return "—"
    change = now - before
    if abs(change) < 5e-4:
        return "="
    return (
        f"{change:+.3f}" if isinstance(now, float) or isinstance(before, float) else f"{change:+d}"
    )


def by_category(scores: Sequence[AnswerScore]) -> dict[str, dict]:
    out = {}
    for category in dict.fromkeys(s.category for s in scores):
        group = [s for s in scores if s.category == category]
        m = summarize(group)
        out[category] = {
            "answers": len(group),
            "refusal_right": sum(s.refused == s.should_refuse for s in group) / len(group),
            "gold_fact_recall": m["gold_fact_recall"],
            "citation_recall": m["citation_recall"],
            "citation_precision": m["citation_precision"],
            "numeric_faithfulness": m["numeric_faithfulness"],
            "hit_at_5": m["hit_at_5"],
            "with_problems": sum(bool(s.problems) for s in group),
        }
    return out


def check_gates(metrics: dict) -> list[GateResult]:
    return [
        GateResult(
            g.metric,
            g.label,
            g.op,
            g.threshold,
            metrics.get(g.metric),
            g.passes(metrics.get(g.metric)),
        )
        for g in GATES
    ]


# --- reports on disk and in git ---------------------------------------------------------------


def report_stem(backend: str, distractors: int, day: str, context: bool = False) -> str:
    suffix = f"-distractors{distractors}" if distractors else ""
    return f"{day}-{backend}{suffix}{'-context' if context and distractors else ''}"


def _git(*args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def last_committed(
    backend: str, distractors: int, reports_dir: Path = REPORTS, context: bool = False
) -> dict | None:
    """The newest report of this backend and distractor count committed at HEAD, as
    {"path", "commit", "metrics"}; None when there is none (or no git)."""
    try:
        folder = reports_dir.resolve().relative_to(PROJECT_ROOT)
    except ValueError:
        return None
    listed = _git("ls-tree", "--name-only", "HEAD", f"{folder.as_posix()}/")
    if not listed:
        return None
    tail = report_stem(backend, distractors, "", context)  # "-composer-distractors200…"
    names = sorted(
        name
        for name in listed.split()
        if name.endswith(f"{tail}.json") and Path(name).name[: -len(f"{tail}.json")].count("-") == 2
    )
    if not names:
        return None
    text = _git("show", f"HEAD:{names[-1]}")
    commit = _git("log", "-1", "--format=%h", "--", names[-1]) or ""
    try:
        metrics = json.loads(text or "")["metrics"]
    except (ValueError, KeyError, TypeError):
        return None
    return {"path": names[-1], "commit": commit.strip(), "metrics": metrics}


def write_report(report: EvalReport, reports_dir: Path = REPORTS) -> tuple[Path, Path]:
    reports_dir.mkdir(parents=True, exist_ok=True)
    stem = report_stem(report.backend, report.distractors, report.date, report.context_companies)
    json_path, md_path = reports_dir / f"{stem}.json", reports_dir / f"{stem}.md"
    json_path.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    md_path.write_text(report.markdown() + "\n")
    return json_path, md_path


# --- the run ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvalOptions:
    backend: str = "composer"
    distractors: int = 0
    seed: int = 0
    baseline: bool = True
    limit: int | None = None  # only the first N items (a quick run: no report is written)
    enforce: bool | None = None  # None: enforce for the composer on the shipped guides only
    half: str = "all"  # ask only the "dev" or "test" half (evals.coverage.half_of), or "all"
    failures: str = "dev"  # list the failures of the "dev" half, the "test" half, or "all"
    context_companies: bool = False  # the generated guides start with the context companies'
    settings: Settings | None = None  # an indexed corpus to use instead of a workspace
    questions: Path = QUESTIONS
    work_root: Path = WORK_ROOT
    reports_dir: Path = REPORTS  # the committed reports "change" compares with
    today: str = field(default_factory=lambda: date.today().isoformat())


def run_answer_eval(
    options: EvalOptions = EvalOptions(),
    say: Callable[[str], None] = lambda message: None,
    similarity: Similarity | None = None,
) -> EvalReport:
    from assistant.coach import Coach
    from assistant.index.embeddings import Embedder

    started = time.perf_counter()
    items = [
        item
        for item in load_items(options.questions)
        if options.half == "all" or half_of(item.id) == options.half
    ][: options.limit]
    if options.distractors:  # items that hold only while the shipped guides are all there is
        items = [item for item in items if not item.shipped_only]
    if options.context_companies:  # a refusal about a company that now has a guide is wrong
        from evals.bench.companies import context_names

        names = context_names()
        kept = [item for item in items if not item.expects_missing(names)]
        say(f"Left out {len(items) - len(kept)} items that assume no guide for {sorted(names)}.")
        items = kept
    embedder = Embedder()
    settings, baseline_dir = _corpus(options, embedder, say)
    coach = Coach(settings, backend=options.backend)
    backend = coach.backend_name
    if similarity is None:
        from evals.similarity import MiniLMSimilarity

        similarity = MiniLMSimilarity(embedder)
    recipe = None
    if options.baseline:
        from evals.baseline import StockRecipe

        recipe = StockRecipe(settings.corpus_dir, baseline_dir, embedder)
        recipe.build(say=say)
    chats = [item for item in items if item.expect]
    if chats:
        from evals.conversations import run_conversations

        say(f"Asking {len(chats)} conversations through `coach chat --json` …")
        conversations = run_conversations(chats, settings, backend)
    say(f"Asking {len(items)} gold items (backend {backend}) …")
    scores, recipe_ranks, covered = [], [], []
    outcomes: Counter[str] = Counter()
    for number, item in enumerate(items, start=1):
        if item.expect:
            said = conversations[item.id]
            answer, ranking = ask_conversation(coach, item, said)
            turns = [(a.answer, a.refused) if a else None for a in said]
        else:
            answer, ranking = ask(coach, item)
            turns = [(answer.answer, answer.refused)]
        if not answer.refused and not item.held_out:
            outcomes[answer.grounding.status] += 1
            if answer.grounding.status == "fallback":
                outcomes[f"fallback because {_reason_kind(answer.grounding.reason)}"] += 1
        scores.append(score_answer(item, answer, similarity, ranking))
        covered.append(score_coverage(item, turns))
        recipe_asks = recipe is not None and not item.held_out  # as before issue 16
        if recipe_asks and item.gold_chunk_ids and not item.should_refuse:
            keys = [gold_key(coach.records[c].text) for c in item.gold_chunk_ids]
            found = [text for _, text in recipe.search(item.turns[-1], k=K)]
            recipe_ranks.append(recipe_rank(keys, found))
        if number % 10 == 0 or number == len(items):
            say(f"  {number}/{len(items)} answered")
    core = [s for s, item in zip(scores, items, strict=True) if not item.held_out]
    metrics = summarize(core)  # the gated figures: the items before issue 16, as before
    metrics["baseline_hit_at_5"] = (
        sum(r is not None for r in recipe_ranks) / len(recipe_ranks) if recipe_ranks else None
    )
    metrics["baseline_mrr"] = (
        sum(1 / r for r in recipe_ranks if r) / len(recipe_ranks) if recipe_ranks else None
    )
    enforce = options.enforce
    if enforce is None:
        enforce = backend == "composer" and not options.distractors and options.half == "all"
    held_out = {item.id for item in items if item.held_out}
    return EvalReport(
        date=options.today,
        backend=backend,
        commit=(_git("rev-parse", "--short", "HEAD") or "unknown").strip(),
        questions=len(items),
        distractors=options.distractors,
        seconds=round(time.perf_counter() - started, 1),
        support_thresholds=asdict(SUPPORT),
        metrics={k: round(v, 4) if isinstance(v, float) else v for k, v in metrics.items()},
        gates=check_gates(metrics),
        by_category=by_category(core),
        failures=failures(scores, covered, options.failures),
        previous=last_committed(
            backend, options.distractors, options.reports_dir, options.context_companies
        ),
        enforced=enforce,
        baseline=recipe is not None,
        grounding={k: outcomes[k] for k in ("ok", "repaired", "fallback")}
        | {k: v for k, v in sorted(outcomes.items(), key=lambda kv: -kv[1]) if " " in k},
        half=options.half,
        held_out=len(held_out),
        halves=halves(scores, covered),
        by_category_half=by_category_and_half(scores, covered),
        failures_shown=options.failures,
        context_companies=options.context_companies,
    )


def _reason_kind(reason: str) -> str:
    """A fallback reason without its particulars: 'figures no source holds: $5K; 2 of 3
    sentences dropped' -> 'figures no source holds'."""
    first = reason.split(";")[0].split(":")[0].strip()
    return re.sub(r"\d+", "N", first) or "unknown"


def _corpus(options: EvalOptions, embedder, say) -> tuple[Settings, Path]:
    """The indexed corpus to ask, and where the recipe's store for it lives."""
    if options.settings is not None:
        return options.settings, Path(options.settings.index_dir).parent / "recipe"
    from assistant.index.store import VectorIndex
    from evals.retrieval_eval import prepare_workspace

    workspace = prepare_workspace(
        options.distractors, options.seed, options.work_root, say, options.context_companies
    )
    settings = Settings(corpus_dir=workspace.corpus, index_dir=workspace.index)
    report = VectorIndex(settings, embedder=embedder).sync(progress=False, say=say)
    say(f"Index: {report.summary()}")
    return settings, workspace.baseline
