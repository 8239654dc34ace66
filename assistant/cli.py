"""The `coach` command line: index | search | facts.

Every command takes --corpus DIR and --index DIR, so the same code serves the shipped guides, a
test corpus and a benchmark corpus. Errors the user can fix print one line (`error: …`) and exit
with status 2; no stack traces. JSON output follows the contracts in DESIGN.md.

Leaves out (for now): ask, chat, counter, serve, eval and bench, which arrive with their issues.
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

    if args.k < 1:
        raise CoachError("-k must be at least 1.")
    index = VectorIndex(_settings(args))
    for query in _queries(args.query):
        hits = index.dense_search(query, k=args.k)
        if args.json:
            _print_json_line([hit.to_json() for hit in hits])
            continue
        print(f"Query: {query}")
        if not hits:
            print("  (no results)")
        for rank, hit in enumerate(hits, start=1):
            body = hit.text.split("\n", 1)[-1].replace("\n", " ⏎ ")
            print(f"{rank:>2}. [{hit.score:.3f}] {hit.source} — {hit.section or hit.title}")
            print(f"    {body[:220]}")
    return 0


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

    facts = commands.add_parser("facts", parents=[common], help="comp bands, levers, scripts")
    facts.add_argument("--json", action="store_true", help="JSON output")
    facts.set_defaults(run=command_facts)
    return parser


def main(argv: list[str] | None = None) -> int:
    offline_environment()
    logging.basicConfig(level=logging.WARNING, format="warning: %(message)s", stream=sys.stderr)
    for noisy in ("chromadb", "httpx", "sentence_transformers", "transformers"):
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
