"""The `coach` command line: index | search | ask | chat | facts | counter | serve | eval | bench.

Commands that read guides take --corpus DIR and --index DIR, so the same code serves the shipped
guides, a test corpus and a benchmark corpus. Errors the user can fix print one line
(`error: …`) and exit with status 2; no stack traces. JSON output follows DESIGN.md.

Leaves out: the UI itself (ui/app.py; `coach serve` only starts it).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from assistant.config import Settings, offline_environment
from assistant.errors import CoachError


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if args.corpus:
        overrides["corpus_dir"] = Path(args.corpus)
    if args.index:
        overrides["index_dir"] = Path(args.index)
    return Settings(**overrides)


def _coach(args: argparse.Namespace):
    from assistant.agent import Coach

    return Coach(_settings(args), backend=args.backend)


def _print_json_line(payload) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# --- commands ------------------------------------------------------------------------------------


def command_index(args: argparse.Namespace) -> int:
    from assistant.index import VectorIndex

    settings = _settings(args)
    logging.getLogger("assistant.corpus").setLevel(logging.ERROR)  # the summary lists skips
    report = VectorIndex(settings).sync(progress=not args.no_progress, rebuild=args.rebuild)
    print(report.summary())
    if args.verbose:
        for source, count in sorted(report.chunks_per_guide.items()):
            print(f"  {count:>4} chunks  {source}")
    return 0


def _queries(query: str) -> Iterable[str]:
    if query != "-":
        yield query
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def command_search(args: argparse.Namespace) -> int:
    from assistant.index import VectorIndex
    from assistant.retrieval import HybridRetriever

    if args.k < 1:
        raise CoachError("-k must be at least 1.")
    retriever = HybridRetriever(VectorIndex(_settings(args)))
    for query in _queries(args.query):
        retrieval = retriever.retrieve(query, k=args.k)
        hits = retrieval.hits
        if args.json:
            _print_json_line([hit.to_json() for hit in hits])
            if retrieval.abstained:
                print(f"abstained: {retrieval.reason}", file=sys.stderr)
            continue
        print(f"Query: {query}")
        if retrieval.understanding.query != query:
            print(f"  (searched as: {retrieval.understanding.query})")
        if retrieval.abstained:
            print(f"  No answer from the guides: {retrieval.reason}.")
        elif not hits:
            print("  (no results)")
        for rank, hit in enumerate(hits, start=1):
            body = hit.text.split("\n", 1)[-1].replace("\n", " ⏎ ")
            print(f"{rank:>2}. [{hit.score:.3f}] {hit.source} — {hit.section or hit.title}")
            print(f"    {body[:220]}")
    return 0


def command_ask(args: argparse.Namespace) -> int:
    coach = _coach(args)
    for question in _queries(args.question):
        if args.json:
            _print_json_line(coach.ask(question).to_json())
        else:
            _show_answer(coach, question, [])
    return 0


def command_serve(args: argparse.Namespace) -> int:
    from ipaddress import ip_address

    auth = None
    if args.auth:
        user, sep, password = args.auth.partition(":")
        if not sep or not user or not password:
            raise CoachError("--auth takes user:password, both non-empty.")
        auth = (user, password)
    if not 0 < args.port < 65536:
        raise CoachError(f"--port {args.port}: give a port between 1 and 65535.")
    try:
        loopback = args.host == "localhost" or ip_address(args.host).is_loopback
    except ValueError:
        loopback = False
    if not loopback and auth is None:
        print(
            f"warning: serving on {args.host} makes the app reachable from other machines; "
            "consider --auth user:password.",
            file=sys.stderr,
        )
    coach = _coach(args)
    from ui.app import launch

    launch(coach, host=args.host, port=args.port, auth=auth, stop_after=args.stop_after)
    return 0


def command_chat(args: argparse.Namespace) -> int:
    coach = _coach(args)
    print(
        f"Offer Coach ({coach.backend_name}). Ask about pay, your offer, levers or interviews; "
        "/reset starts over, /quit (or Ctrl-D) leaves."
    )
    history: list[dict[str, str]] = []
    while True:
        try:
            question = input("\nyou> ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            continue
        if question in ("/quit", "/exit", "/q"):
            return 0
        if question == "/reset":
            history.clear()
            print("(conversation cleared)")
            continue
        try:
            answer = _show_answer(coach, question, history)
        except CoachError as error:
            print(f"error: {error}")
            continue
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.answer},
        ]


def _show_answer(coach, question: str, history: list):
    """Print the answer as it streams (checked sentences only), then its sources."""
    from assistant.answer import Answer

    shown = ""
    for item in coach.stream(question, history):
        if isinstance(item, Answer):
            answer = item
            break
        if item.startswith(shown):
            sys.stdout.write(item[len(shown) :])
            sys.stdout.flush()
            shown = item
    if not answer.answer.startswith(shown):
        print("\n(the model's text did not pass the grounding check; the composer's answer:)\n")
        shown = ""
    print(answer.answer[len(shown) :])
    if answer.notice:
        print(f"\nnote: {answer.notice}")
    if answer.citations:
        print("\nSources:")
        for c in answer.citations:
            print(f"  [{c.n}] {c.source} — {c.section or c.title}")
    status = answer.grounding
    if status.status != "ok":
        detail = f": {', '.join(status.ungrounded)}" if status.ungrounded else ""
        print(f"\n({answer.backend}; grounding {status.status}{detail})")
    return answer


def command_facts(args: argparse.Namespace) -> int:
    from assistant.chunking import chunk_guide
    from assistant.corpus import load_corpus
    from assistant.embeddings import TokenCounter
    from assistant.facts import extract_facts

    settings = _settings(args)
    counter = TokenCounter()
    loaded = load_corpus(settings.corpus_dir)
    chunks = [chunk for guide in loaded.guides for chunk in chunk_guide(guide, counter)]
    facts = extract_facts(chunks)
    if args.json:
        print(json.dumps(facts.to_json(), ensure_ascii=False, indent=2))
        return 0
    from assistant.money import format_money

    def span(low, high, unit):
        if low is None:
            return "—"
        if low == high:
            return format_money(low, unit)
        return f"{format_money(low, unit)}–{format_money(high, unit)}"

    print(f"Comp bands ({len(facts.bands)}):")
    for band in facts.bands:
        print(
            f"  {band.company} · {band.region} ({band.currency}): "
            f"base {span(band.base_min, band.base_max, band.currency)}, "
            f"stock {span(band.stock_min, band.stock_max, band.currency)}"
            f"{f' over {band.stock_vesting_years}y' if band.stock_vesting_years else ''}, "
            f"bonus {span(band.bonus_min_pct, band.bonus_max_pct, '%')}, "
            f"total {span(band.total_min, band.total_max, band.currency)}  [{band.chunk_id}]"
        )
    print(f"Levers ({len(facts.levers)}):")
    for lever in facts.levers:
        print(f"  {lever.company} {lever.number}. {lever.name}  [{lever.chunk_id}]")
    print(f"Scripts ({len(facts.scripts)}):")
    for script in facts.scripts:
        print(f"  {script.company}: {script.name}  [{script.chunk_id}]")
    if facts.problems:
        print(f"Cells that did not parse ({len(facts.problems)}):")
        for problem in facts.problems:
            print(f"  {problem.source} [{problem.column}] {problem.raw!r}: {problem.reason}")
    return 0


def command_eval(args: argparse.Namespace) -> int:
    from evals.answer_eval import EvalOptions, run_answer_eval, write_report

    if args.distractors < 0 or (args.questions is not None and args.questions < 1):
        raise CoachError("--distractors must be 0 or more and --questions at least 1.")
    options = EvalOptions(
        backend=args.backend or Settings().backend,
        distractors=args.distractors,
        seed=args.seed,
        baseline=not args.no_baseline,
        limit=args.questions,
        enforce=True if args.gate else None,
    )
    report = run_answer_eval(options, say=lambda message: print(message, file=sys.stderr))
    if args.questions is None:
        for path in write_report(report):
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
        say=lambda message: print(message, file=sys.stderr),
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


def command_counter(args: argparse.Namespace) -> int:
    from assistant.chunking import chunk_guide
    from assistant.corpus import load_corpus
    from assistant.drafts import format_report, write_drafts
    from assistant.embeddings import TokenCounter
    from assistant.facts import extract_facts
    from assistant.negotiation import band_defaults, catalog, negotiate
    from assistant.offer import offer_from_fields, parse_offer

    settings = _settings(args)
    loaded = load_corpus(settings.corpus_dir)
    chunks = [c for guide in loaded.guides for c in chunk_guide(guide, TokenCounter())]
    facts = extract_facts(chunks)
    companies, regions = catalog(facts)
    currencies, years = band_defaults(facts)
    if args.text and args.company:
        raise CoachError("Give the offer as text or with --company and the other flags, not both.")
    if args.text:
        offer = parse_offer(
            args.text, companies, regions, band_currency=currencies, vesting_years=years
        )
    elif args.company:
        offer = offer_from_fields(
            companies,
            regions,
            company=args.company,
            region=args.region or "",
            base=args.base,
            stock=args.stock,
            vesting_years=args.vesting_years,
            stock_per_year=args.stock_per_year,
            bonus=args.bonus,
            sign_on=args.sign_on,
            competing=args.competing or [],
            floor=args.floor,
            target=args.target,
            currency=args.currency or "",
            band_currency=currencies,
        )
    else:
        raise CoachError('Describe the offer: coach counter "$175K base, ..." or --company ...')
    negotiation = negotiate(offer, facts)
    drafts = write_drafts(negotiation, {c.chunk_id: c.text for c in chunks})
    if args.json:
        payload = negotiation.to_json()
        payload["drafts"] = drafts.to_json() if drafts else None
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(format_report(negotiation, drafts))
    return 0


def command_bench_corpus(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from assistant.benchcorpus import write_corpus

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
        paths = write_corpus(out, args.guides, args.seed, progress=bar.update)
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
        say=lambda message: print(message, file=sys.stderr),
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
        say=lambda message: print(message, file=sys.stderr),
    )
    print(json.dumps(report.to_json(), indent=2) if args.json else report.table())
    return 0


# --- parser ------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--corpus", metavar="DIR", help="folder of guides (default: corpus/)")
    common.add_argument("--index", metavar="DIR", help="index folder (default: index/)")

    parser = argparse.ArgumentParser(
        prog="coach", description="Offer Coach: grounded, cited job-offer negotiation coaching."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = commands.add_parser("index", parents=[common], help="build or update the index")
    index.add_argument("--no-progress", action="store_true", help="no progress bar")
    index.add_argument("-v", "--verbose", action="store_true", help="list chunks per guide")
    index.add_argument("--rebuild", action="store_true", help="re-embed everything from scratch")
    index.set_defaults(run=command_index)

    search = commands.add_parser("search", parents=[common], help="search the guides")
    search.add_argument("query", help="the query, or - to read one query per line from stdin")
    search.add_argument("-k", type=int, default=5, help="number of results (default 5)")
    search.add_argument("--json", action="store_true", help="JSON output (one line per query)")
    search.set_defaults(run=command_search)

    backend = argparse.ArgumentParser(add_help=False)
    backend.add_argument(
        "--backend",
        metavar="NAME",
        help="composer (default, no model) | llamacpp | openai | ollama (or COACH_BACKEND)",
    )
    ask = commands.add_parser("ask", parents=[common, backend], help="one grounded, cited answer")
    ask.add_argument("question", help="the question, or - to read one question per line")
    ask.add_argument("--json", action="store_true", help="JSON output (one line per question)")
    ask.set_defaults(run=command_ask)

    chat = commands.add_parser("chat", parents=[common, backend], help="a conversation")
    chat.set_defaults(run=command_chat)

    serve = commands.add_parser(
        "serve", parents=[common, backend], help="serve the web app (chat, workbench, guides)"
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    serve.add_argument("--auth", metavar="USER:PASSWORD", help="ask for this login")
    serve.add_argument(
        "--stop-after", type=float, metavar="SECONDS", help="stop by itself after this long"
    )
    serve.set_defaults(run=command_serve)

    facts = commands.add_parser("facts", parents=[common], help="comp bands, levers, scripts")
    facts.add_argument("--json", action="store_true", help="JSON output")
    facts.set_defaults(run=command_facts)

    counter = commands.add_parser(
        "counter", parents=[common], help="place an offer in its band and draft a counter"
    )
    counter.add_argument("text", nargs="?", help='the offer in words: "$175K base, 5%% bonus"')
    counter.add_argument("--json", action="store_true", help="JSON output")
    counter.add_argument("--company", help="the company of the offer")
    counter.add_argument("--region", help="the region (SF, NYC, Hangzhou, ...)")
    counter.add_argument("--base", help="annual base, e.g. 175K or $175,000")
    counter.add_argument("--stock", help="stock: total grant (with --vesting-years) or per year")
    counter.add_argument("--vesting-years", type=int, help="years the stock grant vests over")
    counter.add_argument("--stock-per-year", action="store_true", help="--stock is per year")
    counter.add_argument("--bonus", help="annual bonus: 15%% or an amount")
    counter.add_argument("--sign-on", help="sign-on bonus")
    counter.add_argument("--competing", action="append", help="e.g. 'AWS $300K TC' (repeatable)")
    counter.add_argument("--floor", help="your walk-away base")
    counter.add_argument("--target", help="your target")
    counter.add_argument("--currency", help="currency when the amounts name none (USD, GBP, ...)")
    counter.set_defaults(run=command_counter)

    evaluate = commands.add_parser(
        "eval",
        parents=[backend],
        help="measure answers (grounding, citations, refusals, gold facts) and retrieval",
        description="With no WHAT: the whole answer-level eval over evals/questions.jsonl, "
        "a report in evals/reports/, and a non-zero exit when a gate fails (composer backend).",
    )
    evaluate.add_argument(
        "--distractors", type=int, default=0, metavar="N", help="add N generated guides"
    )
    evaluate.add_argument("--seed", type=int, default=0, help="seed of the generated guides")
    evaluate.add_argument("--no-baseline", action="store_true", help="skip the LangChain recipe")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    evaluate.add_argument(
        "--questions", type=int, metavar="N", help="only the first N items (writes no report)"
    )
    evaluate.add_argument(
        "--gate", action="store_true", help="exit non-zero on a failed gate for any backend"
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
    return parser


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:  # libraries that lower their own level (bm25s)
        handler.setLevel(logging.WARNING)  # still print only warnings and errors
    for noisy in ("chromadb", "httpx", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CoachError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
