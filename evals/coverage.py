"""The issue-16 answer metrics: does the answer answer what was asked, first, and say what the
guides do not hold? Pure functions over an answer's text and refusal flag and its gold item (or,
in a conversation, the turn's expectation); plus the fixed dev/test split of the gold set.

Definitions (per item in `score_coverage`, over a run in `summarize_coverage`):
- **not-covered statement**: an element of an item's `not_covered` list (a role, level, region,
  company or topic the guides do not hold, with aliases) is *named as not covered* when one
  sentence that starts within the answer's first `FIRST_CHARS` (300) characters holds one of its
  aliases (as `fact_found` matches gold facts) and a negation cue (no, not, n't, none, nothing,
  never, without, lack, neither, nor, cannot). Sentences are cut at . ! ? followed by a
  space, and at line breaks.
- **answer-first**: for an item that is answered (not `should_refuse`) and has gold facts, or
  that has `not_covered` elements: some alias of a gold fact occurs in the first 300 characters,
  or every not-covered element is named as not covered there. Refusals without `not_covered`
  are not counted.
- **coverage statements**: over all not-covered elements of the items, the share named as not
  covered (micro average).
- **not-covered recall**: over the items with `should_refuse` or `not_covered`, the share where
  the answer refuses (for a `should_refuse` item) or names every not-covered element as not
  covered (for an item with `not_covered`).
- **conversation success**: over the `conversation` items, the share where every turn is
  right: the turn's refusal decision as expected, all its gold facts present (when answered),
  every not-covered element named as not covered, and none of its forbidden strings.
- **half**: `half_of(id)` is "dev" when the first byte of sha256(id) is even, else "test";
  fixed by the id alone, so items never move between halves.

Leaves out: the grounding metrics (evals.metrics) and how items are asked (evals.answer_eval).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from evals.metrics import Expectation, GoldFact, GoldItem, fact_found, forbidden_found

FIRST_CHARS = 300
HALVES = ("dev", "test")
NEGATION = re.compile(
    r"\b(?:no|not|none|nothing|never|without|lacks?|lacking|neither|nor|cannot)\b|n't\b|n’t\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def half_of(item_id: str) -> str:
    """The fixed half of a gold item: "dev" or "test", by the parity of sha256(id)'s first byte."""
    return HALVES[hashlib.sha256(item_id.encode("utf-8")).digest()[0] % 2]


def first_sentences(text: str, limit: int = FIRST_CHARS) -> list[str]:
    """The sentences of `text` that start within its first `limit` characters (whole)."""
    out, start = [], 0
    for end in [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]:
        if start >= limit:
            break
        piece = text[start:end].strip()
        if piece:
            out.append(piece)
        nxt = _SENTENCE_END.match(text, end)
        start = nxt.end() if nxt else end + 1
    return out


def named_as_not_covered(element: GoldFact, text: str, limit: int = FIRST_CHARS) -> bool:
    """One of the first sentences names the element (an alias) with a negation cue."""
    return any(
        fact_found(element.aliases, sentence) and NEGATION.search(sentence)
        for sentence in first_sentences(text, limit)
    )


@dataclass(frozen=True)
class TurnVerdict:
    """One answer against one expectation."""

    right: bool
    answer_first: bool | None
    named: int  # not-covered elements named as such
    elements: int
    problems: tuple[str, ...] = ()


def judge(expect: Expectation, text: str, refused: bool, turn: int | None = None) -> TurnVerdict:
    """How an answer (text, refused) meets an expectation; `turn` numbers the problems."""
    where = f"turn {turn}: " if turn is not None else ""
    problems = []
    if refused != expect.should_refuse:
        problems.append(where + ("refused an answerable question" if refused else "did not refuse"))
    missing = (
        []
        if expect.should_refuse
        else [f.fact for f in expect.gold_facts if not fact_found(f.aliases, text)]
    )
    if missing:
        problems.append(where + "missing gold facts: " + ", ".join(missing))
    unnamed = [e.fact for e in expect.not_covered if not named_as_not_covered(e, text)]
    if unnamed:
        problems.append(
            where + "not named as not covered in the first 300 characters: " + ", ".join(unnamed)
        )
    bad = forbidden_found(expect.forbidden, text)
    if bad:
        problems.append(where + "forbidden content: " + ", ".join(bad))
    first = text[:FIRST_CHARS]
    counted = (not expect.should_refuse and expect.gold_facts) or expect.not_covered
    answer_first = None
    if counted:
        answer_first = any(fact_found(f.aliases, first) for f in expect.gold_facts) or bool(
            expect.not_covered and not unnamed
        )
    return TurnVerdict(
        not problems,
        answer_first,
        len(expect.not_covered) - len(unnamed),
        len(expect.not_covered),
        tuple(problems),
    )


@dataclass(frozen=True)
class CoverageScore:
    """The issue-16 measurements of one gold item (its last answer; every turn of a
    conversation)."""

    id: str
    category: str
    half: str
    held_out: bool
    should_refuse: bool
    refused: bool
    has_not_covered: bool
    answer_first: bool | None
    named: int
    elements: int
    not_covered_ok: bool | None
    conversation_ok: bool | None
    problems: tuple[str, ...] = field(default=())


def score_coverage(item: GoldItem, turns: Sequence[tuple[str, bool] | None]) -> CoverageScore:
    """Score an item from its answers, one (text, refused) per turn, or None for a turn whose
    answer is missing (an error); only the last turn counts unless the item is a conversation."""
    last = turns[-1] if turns else None
    text, refused = last if last is not None else ("", False)
    verdict = judge(item.expectation, text, refused)
    conversation_ok, problems = None, []
    if item.expect:
        conversation_ok = True
        for number, (expect, got) in enumerate(zip(item.expect, turns, strict=False), start=1):
            if got is None:
                problems.append(f"turn {number}: no answer (an error line)")
                conversation_ok = False
                continue
            turn = judge(expect, got[0], got[1], number)
            conversation_ok = conversation_ok and turn.right
            problems.extend(turn.problems)
        if len(turns) < len(item.expect):
            conversation_ok = False
            problems.append(f"only {len(turns)} of {len(item.expect)} turns answered")
    elif item.not_covered:
        problems.extend(p for p in verdict.problems if "not covered" in p)
    if verdict.answer_first is False:
        problems.append("answer-first: no gold fact or not-covered statement in 300 characters")
    not_covered_ok = None
    if item.should_refuse or item.not_covered:
        not_covered_ok = (item.should_refuse and refused) or bool(
            item.not_covered and verdict.named == verdict.elements
        )
    return CoverageScore(
        id=item.id,
        category=item.category,
        half=half_of(item.id),
        held_out=item.held_out,
        should_refuse=item.should_refuse,
        refused=refused,
        has_not_covered=bool(item.not_covered),
        answer_first=verdict.answer_first,
        named=verdict.named,
        elements=verdict.elements,
        not_covered_ok=not_covered_ok,
        conversation_ok=conversation_ok,
        problems=tuple(problems),
    )


def _share(flags: Sequence[bool | None]) -> float | None:
    kept = [f for f in flags if f is not None]
    return sum(kept) / len(kept) if kept else None


def summarize_coverage(scores: Sequence[CoverageScore]) -> dict[str, float | int | None]:
    """The run's issue-16 metrics (None where nothing was measured)."""
    elements = sum(s.elements for s in scores)
    return {
        "answer_first": _share([s.answer_first for s in scores]),
        "coverage_statements": sum(s.named for s in scores) / elements if elements else None,
        "not_covered_recall": _share([s.not_covered_ok for s in scores]),
        "conversation_success": _share([s.conversation_ok for s in scores]),
        "conversations": sum(s.conversation_ok is not None for s in scores),
    }
