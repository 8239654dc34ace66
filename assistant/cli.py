"""The `coach` command line: index | search | ask | chat | facts | counter | compare | playbook |
serve, plus the commands installed code registers under the `negotiation_coach.commands` entry
point group (`eval` and `bench`, from evals/cli.py).

Commands that read guides take --corpus DIR and --index DIR, so the same code serves the shipped
guides, a test corpus and a benchmark corpus. Errors the user can fix print one line
(`error: …`) and exit with status 2; no stack traces. JSON output follows DESIGN.md.

Leaves out: the UI itself (ui/app.py; `coach serve` only starts it) and the measuring commands
(evals/cli.py, found through the entry point group; nothing here imports evals).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from assistant.cli_io import clean_argv, guarded, run_lines
from assistant.config import Settings, offline_environment
from assistant.errors import CoachError
from assistant.text_input import clean

# Entry points of this group add commands to `coach` (pyproject.toml: the evals' eval and bench).
COMMAND_GROUP = "negotiation_coach.commands"


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {}
    if args.corpus:
        overrides["corpus_dir"] = Path(args.corpus)
    if args.index:
        overrides["index_dir"] = Path(args.index)
    return Settings(**overrides)


def _coach(args: argparse.Namespace):
    from assistant.coach import Coach

    return Coach(_settings(args), backend=args.backend)


def _print_json_line(payload) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


# --- commands ------------------------------------------------------------------------------------


def command_index(args: argparse.Namespace) -> int:
    from assistant.index.store import VectorIndex

    settings = _settings(args)
    logging.getLogger("assistant.corpus.loader").setLevel(logging.ERROR)  # the summary lists skips
    report = VectorIndex(settings).sync(progress=not args.no_progress, rebuild=args.rebuild)
    print(report.summary())
    if args.verbose:
        for source, count in sorted(report.chunks_per_guide.items()):
            print(f"  {count:>4} chunks  {source}")
    return 0


def command_search(args: argparse.Namespace) -> int:
    from assistant.index.store import VectorIndex
    from assistant.retrieval.hybrid import HybridRetriever

    if args.k < 1:
        raise CoachError("-k must be at least 1.")
    retriever = HybridRetriever(VectorIndex(_settings(args)))

    def search(query: str) -> None:
        retrieval = retriever.retrieve(query, k=args.k)
        hits = retrieval.hits
        if args.json:
            _print_json_line([hit.to_json() for hit in hits])
            if retrieval.abstained:
                print(f"abstained: {retrieval.reason}", file=sys.stderr)
            return
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

    return run_lines(args.query, search, args.json, "query")


def command_ask(args: argparse.Namespace) -> int:
    coach = _coach(args)

    def ask(question: str) -> None:
        if args.json:
            _print_json_line(coach.ask(question).to_json())
        else:
            _show_answer(coach, question, [])

    return run_lines(args.question, ask, args.json, "question")


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
    if args.json:
        from assistant.cli_chat import chat_json

        return chat_json(coach, _print_json_line)
    print(
        f"Offer Coach ({coach.backend_name}). Ask about pay, your offer, levers or interviews; "
        "/reset starts over, /quit (or Ctrl-D) leaves."
    )
    from assistant.compose.rehearse_chat import ChatRehearsal

    history: list[dict[str, str]] = []
    rehearsal = ChatRehearsal()  # "practise the call": the rehearsal lives with this conversation
    while True:
        try:
            question = clean(input("\nyou> ")).strip()
        except EOFError:
            print()
            return 0
        if not question:
            continue
        if question in ("/quit", "/exit", "/q"):
            return 0
        if question == "/reset":
            history.clear()
            rehearsal.reset()
            print("(conversation cleared)")
            continue
        try:
            answer = _show_answer(coach, question, history, rehearsal)
        except CoachError as error:
            print(f"error: {error}")
            continue
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.answer},
        ]


def _show_answer(coach, question: str, history: list, rehearsal=None):
    """Print the answer as it streams (checked sentences only), then its sources."""
    from assistant.answer import Answer

    shown = ""
    for item in coach.stream(question, history, rehearsal=rehearsal):
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
    from assistant.corpus.factbook import read_corpus
    from assistant.index.embeddings import count_tokens

    facts = read_corpus(_settings(args).corpus_dir, count_tokens).facts
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


def command_counter(args: argparse.Namespace) -> int:
    from assistant.corpus.factbook import read_corpus
    from assistant.engine.drafts import format_report, write_drafts
    from assistant.engine.negotiation import band_defaults, catalog, negotiate
    from assistant.engine.offer import offer_from_fields, parse_offer
    from assistant.index.embeddings import count_tokens

    corpus = read_corpus(_settings(args).corpus_dir, count_tokens)
    facts = corpus.facts
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
    drafts = write_drafts(negotiation, corpus.passages())
    if args.json:
        payload = negotiation.to_json()
        payload["drafts"] = drafts.to_json() if drafts else None
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(format_report(negotiation, drafts))
    return 0


def command_compare(args: argparse.Namespace) -> int:
    from assistant.corpus.factbook import read_corpus
    from assistant.engine.years import compare_texts
    from assistant.engine.years_report import format_comparison
    from assistant.index.embeddings import count_tokens

    facts = read_corpus(_settings(args).corpus_dir, count_tokens).facts
    comparison = compare_texts(args.offers, facts, args.years, args.rate or [])
    if args.json:
        print(json.dumps(comparison.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_comparison(comparison))
    return 0


def command_playbook(args: argparse.Namespace) -> int:
    from assistant.compose.playbook import write_playbook
    from assistant.corpus.factbook import read_corpus
    from assistant.index.embeddings import count_tokens

    corpus = read_corpus(_settings(args).corpus_dir, count_tokens)
    others, rates = args.compare or [], args.rate or []
    for path in write_playbook(args.text, others, corpus, Path(args.out), args.years, rates):
        print(f"wrote {path}")
    return 0


def command_rehearse(args: argparse.Namespace) -> int:
    from assistant.cli_rehearse import command_rehearse as rehearse

    return rehearse(args, _settings(args).corpus_dir)


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
    chat.add_argument(
        "--json", action="store_true", help='one turn per stdin line (text or {"q","reset"})'
    )
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

    years = argparse.ArgumentParser(add_help=False)
    years.add_argument("--years", type=int, default=4, help="years to model (default 4)")
    years.add_argument("--rate", action="append", help="exchange rate you give: 'GBP:USD=1.27'")
    compare = commands.add_parser(
        "compare", parents=[common, years], help="up to four offers, year by year"
    )
    compare.add_argument("offers", nargs="+", help='each offer in words, "... vesting 5/15/40/40"')
    compare.add_argument("--json", action="store_true", help="JSON output")
    compare.set_defaults(run=command_compare)
    playbook = commands.add_parser(
        "playbook", parents=[common, years], help="write a negotiation playbook (.md and .html)"
    )
    playbook.add_argument("text", help="your offer in words")
    playbook.add_argument("--compare", action="append", help="another offer (repeatable, up to 3)")
    playbook.add_argument("--out", required=True, metavar="FILE.md", help="where to write it")
    playbook.set_defaults(run=command_playbook)

    rehearse = commands.add_parser(
        "rehearse", parents=[common], help="rehearse the call with a recruiter from the guide"
    )
    rehearse.add_argument("text", help='the offer in words: "Anyscale SF $175K base, ..."')
    rehearse.add_argument("--seed", type=int, default=0, help="makes a session reproducible")
    rehearse.add_argument("--json", action="store_true", help="JSON lines on stdin and stdout")
    rehearse.set_defaults(run=command_rehearse)

    _add_plugin_commands(commands, common=common, backend=backend)
    return parser


def _add_plugin_commands(commands, **parents: argparse.ArgumentParser) -> None:
    """Commands other installed code adds (evals/cli.py: `eval` and `bench`), each entry point of
    COMMAND_GROUP a `register(commands, common=..., backend=...)`. With the package not installed
    there are none, and `coach` works without them; one that fails to import is skipped with a
    warning."""
    from importlib.metadata import entry_points

    seen = set()
    for entry in sorted(entry_points(group=COMMAND_GROUP), key=lambda entry: entry.name):
        if entry.value in seen:  # the same code, listed by two copies of the metadata
            continue
        seen.add(entry.value)
        try:
            register = entry.load()
        except (ImportError, AttributeError) as error:
            logging.getLogger(__name__).warning("commands %s not loaded: %s", entry.value, error)
            continue
        register(commands, **parents)


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    for handler in logging.getLogger().handlers:  # libraries that lower their own level (bm25s)
        handler.setLevel(logging.WARNING)  # still print only warnings and errors
    for noisy in ("chromadb", "httpx", "sentence_transformers", "transformers", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    args = build_parser().parse_args(clean_argv(sys.argv[1:] if argv is None else argv))
    try:
        return guarded(lambda: args.run(args))
    except CoachError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
