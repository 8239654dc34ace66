"""`coach rehearse "OFFER TEXT" [--seed N] [--json]`: rehearse the call with a recruiter played
from the guide (assistant.engine.rehearsal).

The offer is read as `coach counter` reads its text. In the terminal the recruiter speaks, you
type a reply, and each reply gets its feedback; the scorecard ends the call (or end of input).
With --json: the opening as one JSON object on one line, then one reply per line of standard
input and one object per recruiter turn (`{"recruiter", "move", "feedback", "done"}`), the last
with `"done": true` and `"scorecard"` (DESIGN.md).

Leaves out: phrasing the recruiter with a model backend.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.corpus.facts import Facts
from assistant.engine.negotiation import band_defaults, catalog, negotiate
from assistant.engine.offer import parse_offer
from assistant.engine.rehearsal import Rehearsal, Turn
from assistant.engine.rehearsal_stage import Passage, stage_for

MARKS = {"good": "+", "fix": "!"}


def rehearsal_for(
    text: str, facts: Facts, library: Mapping[str, Passage], seed: int = 0
) -> Rehearsal:
    """A rehearsal of the offer in `text`; OfferError (a CoachError) when it cannot be read or
    has no band to rehearse against."""
    companies, regions = catalog(facts)
    currencies, years = band_defaults(facts)
    offer = parse_offer(text, companies, regions, band_currency=currencies, vesting_years=years)
    return Rehearsal(stage_for(negotiate(offer, facts), facts, library), seed=seed)


def command_rehearse(args: argparse.Namespace, corpus_dir) -> int:
    from assistant.corpus.factbook import read_corpus
    from assistant.index.embeddings import count_tokens

    corpus = read_corpus(corpus_dir, count_tokens)
    library = {chunk.chunk_id: chunk for chunk in corpus.chunks}
    rehearsal = rehearsal_for(args.text, corpus.facts, library, seed=args.seed)
    if args.json:
        _run_json(rehearsal, sys.stdin)
    else:
        _run_terminal(rehearsal)
    return 0


def _emit(payload: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _run_json(rehearsal: Rehearsal, lines: Iterable[str]) -> None:
    _emit(rehearsal.opening().to_json())
    for line in lines:
        turn = rehearsal.reply(line.rstrip("\r\n"))
        _emit(turn.to_json())
        if turn.done:
            return
    _emit(rehearsal.finish().to_json())


def _run_terminal(rehearsal: Rehearsal) -> None:
    print("Rehearse the call. Type your reply after 'you>'; end with Ctrl-D.\n")
    turn = rehearsal.opening()
    while True:
        print(f"recruiter> {turn.recruiter}\n")
        if turn.done:
            break
        try:
            reply = input("you> ")
        except EOFError:
            print()
            turn = rehearsal.finish()
            print(f"recruiter> {turn.recruiter}\n")
            break
        turn = rehearsal.reply(reply)
        print(format_feedback(turn))
    print(format_scorecard(turn.scorecard or rehearsal.scorecard()))


def format_feedback(turn: Turn) -> str:
    lines = []
    for point in turn.feedback:
        cites = " ".join(f"[{c.chunk_id[:8]}]" for c in point.citations)
        lines.append(f"  {MARKS[point.verdict]} {point.point}")
        lines.append(f"      {point.advice} {cites}".rstrip())
    return "\n".join(lines) + ("\n" if lines else "")


def format_scorecard(card: dict[str, Any]) -> str:
    lines = ["Scorecard", "", f"  {'component':<10} {'offer':>10} {'agreed':>10} {'proposal':>10}"]
    for row in card["agreed"]:
        cells = [row["offer"] or "-", row["agreed"] or "-", row["proposal"] or "-"]
        lines.append(f"  {row['component']:<10} {cells[0]:>10} {cells[1]:>10} {cells[2]:>10}")
    for title, key in (("Went well", "went_well"), ("To change", "to_change")):
        lines += ["", f"{title}:"]
        for item in card[key] or [{"point": "(nothing yet)", "advice": "", "citations": []}]:
            cites = " ".join(f"[{c['chunk_id'][:8]}]" for c in item["citations"])
            lines.append(f"  - {item['point']} {cites}".rstrip())
    if card["best_replies"]:
        lines += ["", "Best reply to each pushback:"]
        for best in card["best_replies"]:
            cites = " ".join(f"[{c['chunk_id'][:8]}]" for c in best["citations"])
            lines.append(f"  {best['move']}: {best['reply']} {cites}".rstrip())
    return "\n".join(lines)
