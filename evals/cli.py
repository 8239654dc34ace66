"""`coach eval` and `coach bench`: the measuring commands, added to `coach` as a plug-in.

`register(commands, common=..., backend=...)` adds both commands to the subparsers of
`assistant.cli.build_parser`, which finds it through the `negotiation_coach.commands` entry
point group (pyproject.toml), so `assistant/` imports nothing from `evals/`:
- `coach eval` (the answer eval; a full run writes its report to evals/.work/reports/, or with
  `--save` to the committed evals/reports/), `coach eval calibrate`, `coach eval retrieval`;
- `coach bench corpus`, `coach bench retrieval`, `coach bench answers`, `coach bench cold`,
  `coach bench chunking`.
The heavy modules (the eval runners, the generator, tqdm) are imported inside each command, so
`coach` starts as fast with these commands as without them. Errors the user can fix raise
`CoachError`, which `assistant.cli.main` prints as one line with exit status 2.

Leaves out: what is measured and how (answer_eval.py, retrieval_eval.py, calibration.py,
retrieval_bench.py, answer_bench.py, bench/) and the other `coach` commands (assistant/cli.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.cli import _settings
from assistant.config import Settings
from assistant.errors import CoachError


def _say(message: str) -> None:
    print(message, file=sys.stderr)


# --- commands ------------------------------------------------------------------------------------


def command_eval(args: argparse.Namespace) -> int:
    from evals.answer_eval import REPORTS, WORK_REPORTS, EvalOptions, run_answer_eval, write_report

    if args.distractors < 0 or (args.questions is not None and args.questions < 1):
        raise CoachError("--distractors must be 0 or more and --questions at least 1.")
    if args.context_companies and not args.distractors:
        raise CoachError("--context-companies adds to the generated guides: give --distractors N.")
    if args.save and args.questions is not None:
        raise CoachError("--save keeps the report of a full run; --questions N writes none.")
    options = EvalOptions(
        backend=args.backend or Settings().backend,
        distractors=args.distractors,
        seed=args.seed,
        baseline=not args.no_baseline,
        limit=args.questions,
        enforce=True if args.gate else None,
        half=args.half,
        failures=args.failures,
        context_companies=args.context_companies,
    )
    report = run_answer_eval(options, say=_say)
    if args.questions is None:
        for path in write_report(report, REPORTS if args.save else WORK_REPORTS):
            print(f"wrote {path}", file=sys.stderr)
    print(
        json.dumps(report.to_json(), ensure_ascii=False, indent=2)
        if args.json
        else report.markdown()
    )
    failed = report.failed_gates
    if failed and report.enforced:
        names = ", ".join(g.label for g in failed)
        print(f"eval: {len(failed)} gate(s) failed: {names}", file=sys.stderr)
        return 1
    return 0


def command_eval_calibrate(args: argparse.Namespace) -> int:
    from evals.calibration import CALIBRATION, run_calibration

    calibration, _ = run_calibration()
    if args.write:
        CALIBRATION.write_text(json.dumps(calibration.to_json(), indent=2) + "\n")
        print(f"wrote {CALIBRATION}", file=sys.stderr)
    print(json.dumps(calibration.to_json(), indent=2) if args.json else calibration.table())
    return 0


def command_eval_retrieval(args: argparse.Namespace) -> int:
    from evals.retrieval_eval import run_retrieval_eval

    if args.distractors < 0:
        raise CoachError("--distractors must be 0 or more.")
    report = run_retrieval_eval(
        distractors=args.distractors,
        seed=args.seed,
        baseline=not args.no_baseline,
        say=_say,
    )
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(report.table())
    if report.misses:
        print(f"\nMissed ({len(report.misses)}):")
        for miss in report.misses:
            what = "abstained" if miss.abstained else "no gold chunk in the top 5"
            if miss.should_abstain and not miss.abstained:
                what = "answered a question it should abstain on"
            print(f"  {miss.id}: {what}")
            for line in miss.top[:3]:
                print(f"      {line}")
    return 0


def command_bench_corpus(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from evals.bench.corpus import write_corpus

    if args.guides < 1:
        raise CoachError("--guides must be at least 1.")
    out = Path(args.out)
    with tqdm(
        total=args.guides,
        unit="guide",
        desc="Writing guides",
        disable=args.no_progress or args.guides < 200,
        file=sys.stderr,
        dynamic_ncols=True,
    ) as bar:
        paths = write_corpus(
            out, args.guides, args.seed, progress=bar.update, context=args.context_companies
        )
    kinds = {"negotiation": 0, "interview": 0}
    for path in paths:
        kinds["interview" if path.name.endswith("-interview-prep.txt") else "negotiation"] += 1
    print(
        f"Wrote {len(paths)} guides ({kinds['negotiation']} negotiation, {kinds['interview']} "
        f"interview) to {out} (seed {args.seed})."
    )
    return 0


def command_bench_retrieval(args: argparse.Namespace) -> int:
    from evals.retrieval_bench import run_retrieval_bench

    if args.guides < 0 or args.throughput_guides < 1:
        raise CoachError("--guides must be 0 or more and --throughput-guides at least 1.")
    report = run_retrieval_bench(
        guides=args.guides,
        seed=args.seed,
        throughput_guides=args.throughput_guides,
        say=_say,
    )
    print(json.dumps(report.to_json(), indent=2) if args.json else report.table())
    return 0


def command_bench_answers(args: argparse.Namespace) -> int:
    from evals.answer_bench import run_answer_bench

    if args.cold_runs < 1:
        raise CoachError("--cold-runs must be at least 1.")
    report = run_answer_bench(
        backend=args.backend or _settings(args).backend,
        limit=args.questions,
        cold_runs=args.cold_runs,
        settings=_settings(args),
        say=_say,
    )
    print(json.dumps(report.to_json(), indent=2) if args.json else report.table())
    return 0


def command_bench_chunking(args: argparse.Namespace) -> int:
    from evals.chunk_bench import run_chunk_bench

    if not 0 < args.megabytes <= 50:
        raise CoachError("--megabytes must be above 0 and at most 50.")
    report = run_chunk_bench(args.megabytes, say=_say)
    print(json.dumps(report.to_json(), indent=2) if args.json else report.table())
    return 0


def command_bench_cold(args: argparse.Namespace) -> int:
    from evals.cold_bench import run_cold_bench

    if args.pairs < 1:
        raise CoachError("--pairs must be at least 1.")
    report = run_cold_bench(_settings(args), pairs=args.pairs, say=_say)
    print(json.dumps(report.to_json(), indent=2) if args.json else report.table())
    return 0


# --- parsers -----------------------------------------------------------------------------------


def register(
    commands: argparse._SubParsersAction,
    *,
    common: argparse.ArgumentParser,
    backend: argparse.ArgumentParser,
) -> None:
    """Add `eval` and `bench` to `coach`'s subparsers. `common` is the parent parser of
    --corpus/--index, `backend` the one of --backend (both built by assistant.cli)."""
    _register_eval(commands, backend)
    _register_bench(commands, common, backend)


def _register_eval(commands: argparse._SubParsersAction, backend: argparse.ArgumentParser) -> None:
    evaluate = commands.add_parser(
        "eval",
        parents=[backend],
        help="measure answers (grounding, citations, refusals, gold facts) and retrieval",
        description="With no WHAT: the whole answer-level eval over evals/questions.jsonl, "
        "a report in evals/.work/reports/ (in evals/reports/ with --save), and a non-zero exit "
        "when a gate fails (composer backend).",
    )
    evaluate.add_argument(
        "--distractors", type=int, default=0, metavar="N", help="add N generated guides"
    )
    evaluate.add_argument("--seed", type=int, default=0, help="seed of the generated guides")
    evaluate.add_argument(
        "--context-companies",
        action="store_true",
        help="the generated guides start with Amazon, Google, Microsoft, NVIDIA and Databricks",
    )
    evaluate.add_argument("--no-baseline", action="store_true", help="skip the LangChain recipe")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument(
        "--questions", type=int, metavar="N", help="only the first N items (writes no report)"
    )
    evaluate.add_argument(
        "--gate", action="store_true", help="exit non-zero on a failed gate for any backend"
    )
    evaluate.add_argument(
        "--half",
        choices=("dev", "test", "all"),
        default="all",
        help="ask only one half of the gold set, fixed by a hash of each id (default all)",
    )
    evaluate.add_argument(
        "--failures",
        choices=("dev", "test", "all"),
        default="dev",
        help="whose answers with problems the report lists (default: the dev half)",
    )
    evaluate.add_argument(
        "--save",
        action="store_true",
        help="write the report to evals/reports/ to be committed (default: evals/.work/reports/)",
    )
    evaluate.set_defaults(run=command_eval)
    evals = evaluate.add_subparsers(dest="eval_command", required=False, metavar="WHAT")
    calibrate = evals.add_parser(
        "calibrate", help="calibrate the support test on the labelled sentence/passage pairs"
    )
    calibrate.add_argument(
        "--write", action="store_true", help="store the figures in evals/support_calibration.json"
    )
    calibrate.add_argument("--json", action="store_true", help="JSON output")
    calibrate.set_defaults(run=command_eval_calibrate)
    retrieval = evals.add_parser(
        "retrieval", help="hit@5, recall@5, MRR and abstaining, beside the LangChain recipe"
    )
    retrieval.add_argument(
        "--distractors", type=int, default=0, metavar="N", help="add N generated guides"
    )
    retrieval.add_argument("--seed", type=int, default=0, help="seed of the generated guides")
    retrieval.add_argument("--no-baseline", action="store_true", help="skip the LangChain recipe")
    retrieval.add_argument("--json", action="store_true", help="JSON output")
    retrieval.set_defaults(run=command_eval_retrieval)


def _register_bench(
    commands: argparse._SubParsersAction,
    common: argparse.ArgumentParser,
    backend: argparse.ArgumentParser,
) -> None:
    bench = commands.add_parser("bench", help="benchmarks: a look-alike corpus, timings")
    benches = bench.add_subparsers(dest="bench_command", required=True, metavar="WHAT")
    bench_corpus = benches.add_parser(
        "corpus", help="write N synthetic guides for fictional companies (deterministic)"
    )
    bench_corpus.add_argument("--guides", type=int, required=True, metavar="N", help="how many")
    bench_corpus.add_argument(
        "--out", required=True, metavar="DIR", help="a new or empty folder, or a previous output"
    )
    bench_corpus.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    bench_corpus.add_argument("--no-progress", action="store_true", help="no progress bar")
    bench_corpus.add_argument(
        "--context-companies",
        action="store_true",
        help="start with guides for Amazon (AWS), Google (GCP), Microsoft (Azure), NVIDIA and "
        "Databricks, the companies users name as context (made-up figures)",
    )
    bench_corpus.set_defaults(run=command_bench_corpus)
    bench_retrieval = benches.add_parser(
        "retrieval", help="warm query latency and indexing throughput against raw encode"
    )
    bench_retrieval.add_argument(
        "--guides", type=int, default=2000, metavar="N", help="generated guides (default 2000)"
    )
    bench_retrieval.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    bench_retrieval.add_argument(
        "--throughput-guides",
        type=int,
        default=100,
        metavar="N",
        help="guides indexed for the throughput ratio (default 100)",
    )
    bench_retrieval.add_argument("--json", action="store_true", help="JSON output")
    bench_retrieval.set_defaults(run=command_bench_retrieval)
    bench_answers = benches.add_parser(
        "answers",
        parents=[common, backend],
        help="answers per second warm, cold start of `coach ask`, grounding outcomes",
    )
    bench_answers.add_argument(
        "--questions", type=int, metavar="N", help="only the first N gold questions"
    )
    bench_answers.add_argument(
        "--cold-runs", type=int, default=3, metavar="N", help="cold starts timed (default 3)"
    )
    bench_answers.add_argument("--json", action="store_true", help="JSON output")
    bench_answers.set_defaults(run=command_bench_answers)
    bench_chunking = benches.add_parser(
        "chunking", help="chunking one large generated guide of each hard shape (target < 5 s)"
    )
    bench_chunking.add_argument(
        "--megabytes", type=float, default=2.0, metavar="MB", help="guide size (default 2)"
    )
    bench_chunking.add_argument("--json", action="store_true", help="JSON output")
    bench_chunking.set_defaults(run=command_bench_chunking)
    bench_cold = benches.add_parser(
        "cold",
        parents=[common],
        help="cold ask/search/counter and serve's first page, paired with importing "
        "sentence-transformers",
    )
    bench_cold.add_argument("--pairs", type=int, default=5, metavar="N", help="pairs (default 5)")
    bench_cold.add_argument("--json", action="store_true", help="JSON output")
    bench_cold.set_defaults(run=command_bench_cold)
