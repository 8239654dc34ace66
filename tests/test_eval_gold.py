"""The answer-level gold set (evals/questions.jsonl) and the support pairs
(evals/support_pairs.jsonl) agree with the guides as they are chunked now.

Fast: no embedding model and no index. The chunks come from load_corpus + chunk_guide (the
tokenizer only), and the counter items are re-checked against the negotiation engine, which is
pure functions over the guides' typed facts. A failure here means a gold file (or the chunker,
or the engine) changed; re-read the guide, or re-run `coach counter --json "<the turn>"`, and
update the gold by hand.

Leaves out: whether an answer meets the gold (that is the eval harness's job) and whether a
pair's label is right beyond its figures (the labels were read, not computed).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from conftest import SHIPPED_CORPUS

from assistant.corpus.chunking import chunk_guide
from assistant.corpus.loader import load_corpus
from assistant.index.embeddings import TokenCounter
from assistant.money import PERCENT, Amount, find_amounts, format_money

EVALS = Path(__file__).resolve().parents[1] / "evals"
QUESTIONS = EVALS / "questions.jsonl"
PAIRS = EVALS / "support_pairs.jsonl"

MINIMUMS = {
    "comp": 20,
    "lever": 10,
    "level_mapping": 5,
    "interview": 15,
    "counter": 12,
    "multi_turn": 10,
    "out_of_corpus": 10,
    "injection": 8,
    "conversation": 20,
}
HELD_OUT_MINIMUM = 80  # single-turn items written for issue 16 (held_out)
QUESTION_KEYS = {
    "id",
    "category",
    "turns",
    "gold_facts",
    "gold_chunk_ids",
    "should_refuse",
    "forbidden",
    "notes",
}
OPTIONAL_KEYS = {"not_covered", "expect", "held_out", "shipped_only"}  # issue 16 (evals/README.md)
EXPECT_KEYS = {"gold_facts", "gold_chunk_ids", "should_refuse", "forbidden", "not_covered"}
PAIR_KEYS = {"id", "sentence", "passage_chunk_id", "supported", "why"}
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9.]+)*$")
CHUNK_ID = re.compile(r"^[0-9a-f]{24}$")


def _read(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise AssertionError(f"{path.name}:{number} is not JSON: {error}") from error
    return rows


@cache
def questions() -> tuple[dict, ...]:
    return tuple(_read(QUESTIONS))


@cache
def pairs() -> tuple[dict, ...]:
    return tuple(_read(PAIRS))


@cache
def chunk_texts() -> dict[str, str]:
    counter = TokenCounter()
    loaded = load_corpus(SHIPPED_CORPUS)
    return {c.chunk_id: c.text for g in loaded.guides for c in chunk_guide(g, counter)}


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def _amounts(text: str) -> list[Amount]:
    return [amount for amount, _, _ in find_amounts(text)]


def _span(text: str) -> tuple[float, float, str] | None:
    """The one value or range a fact (or alias) writes: low, high and unit; None when it writes
    no amount. "15%–25%" is read as the span 15–25%."""
    found = _amounts(text)
    if not found:
        return None
    units = {a.unit for a in found if a.unit}
    assert len(units) <= 1, f"{text!r} mixes units {units}"
    return min(a.low for a in found), max(a.high for a in found), units.pop() if units else ""


def _units_agree(a: str, b: str) -> bool:
    return a == b or not a or not b


def _appears(span: tuple[float, float, str], amounts: list[Amount]) -> bool:
    """A fact's value is among `amounts`: the same range, or one end of a range."""
    low, high, unit = span
    for amount in amounts:
        if not _units_agree(unit, amount.unit):
            continue
        if (low, high) == (amount.low, amount.high):
            return True
        if low == high and low in (amount.low, amount.high):
            return True
    return False


def _numeric_facts(item: dict):
    for fact in item["gold_facts"]:
        span = _span(fact["fact"])
        if span is not None:
            yield fact, span


def _by_id(items, key="id"):
    return {item[key]: item for item in items}


def _expectations(item: dict):
    """(where, expectation) for every answer an item judges: the last turn (the top level),
    and for a conversation each turn."""
    yield item["id"], item
    for number, expect in enumerate(item.get("expect", ()), start=1):
        yield f"{item['id']} turn {number}", expect


def _check_facts(where: str, facts) -> None:
    for fact in facts:
        assert set(fact) == {"fact", "aliases"}, f"{where}: fact keys {sorted(fact)}"
        assert isinstance(fact["fact"], str) and fact["fact"].strip(), where
        aliases = fact["aliases"]
        assert isinstance(aliases, list) and aliases, f"{where}: {fact['fact']!r} aliases"
        assert all(isinstance(a, str) and a.strip() for a in aliases), where
        assert fact["fact"].lower() in {a.lower() for a in aliases}, (
            f"{where}: the fact {fact['fact']!r} is one of its own aliases"
        )


def _check_not_covered(where: str, elements) -> None:
    assert isinstance(elements, list), f"{where}: not_covered is a list"
    for element in elements:
        assert set(element) == {"term", "aliases"}, f"{where}: not_covered keys {sorted(element)}"
        aliases = element["aliases"]
        assert isinstance(aliases, list) and aliases, f"{where}: {element['term']!r} aliases"
        assert all(isinstance(a, str) and a.strip() for a in aliases), where
        assert element["term"].lower() in {a.lower() for a in aliases}, where


# --- questions.jsonl ------------------------------------------------------------------------------


def test_questions_schema():
    items = questions()
    assert items, f"{QUESTIONS} is empty"
    for item in items:
        where = item.get("id", item)
        keys = set(item) - OPTIONAL_KEYS
        assert keys == QUESTION_KEYS, f"{where}: keys {sorted(keys ^ QUESTION_KEYS)}"
        assert ID.match(item["id"]), f"{where}: id must be lower-case words joined by '-'"
        assert item["category"] in MINIMUMS, f"{where}: unknown category {item['category']!r}"
        turns = item["turns"]
        assert isinstance(turns, list) and all(isinstance(t, str) and t.strip() for t in turns)
        assert isinstance(item.get("held_out", False), bool), where
        assert isinstance(item.get("shipped_only", False), bool), where
        _check_not_covered(where, item.get("not_covered", []))
        if item["category"] in ("multi_turn", "conversation"):
            assert 2 <= len(turns) <= 4, f"{where}: multi-turn items have 2-4 turns"
        else:
            assert len(turns) == 1, f"{where}: only multi-turn items have earlier turns"
        if item["category"] == "conversation":
            expect = item.get("expect")
            assert isinstance(expect, list) and len(expect) == len(turns), (
                f"{where}: a conversation has one expectation per turn"
            )
            for number, turn in enumerate(expect, start=1):
                assert set(turn) == EXPECT_KEYS, f"{where} turn {number}: keys {sorted(turn)}"
                assert isinstance(turn["should_refuse"], bool), where
                _check_facts(f"{where} turn {number}", turn["gold_facts"])
                _check_not_covered(f"{where} turn {number}", turn["not_covered"])
            last = {key: item.get(key, []) for key in EXPECT_KEYS}
            assert last == expect[-1], f"{where}: the top level is the last turn's expectation"
        else:
            assert "expect" not in item, f"{where}: only conversations have per-turn expectations"
        assert isinstance(item["should_refuse"], bool), where
        assert isinstance(item["notes"], str) and item["notes"].strip(), f"{where}: notes"
        assert "\n" not in item["notes"], f"{where}: notes are one line"
        assert all(isinstance(s, str) and s for s in item["forbidden"]), f"{where}: forbidden"
        assert all(isinstance(c, str) for c in item["gold_chunk_ids"]), where
        assert len(set(item["gold_chunk_ids"])) == len(item["gold_chunk_ids"]), where
        _check_facts(where, item["gold_facts"])


def test_question_ids_are_unique():
    counts = Counter(item["id"] for item in questions())
    assert not [i for i, n in counts.items() if n > 1], "duplicate question ids"


def test_question_category_minimums():
    counts = Counter(item["category"] for item in questions())
    short = {c: (counts[c], n) for c, n in MINIMUMS.items() if counts[c] < n}
    assert not short, f"categories below their minimum (have, need): {short}"
    assert len(questions()) >= 90
    held_out = [i for i in questions() if i.get("held_out") and i["category"] != "conversation"]
    assert len(held_out) >= HELD_OUT_MINIMUM, f"{len(held_out)} held-out single-turn items"
    conversations = [i for i in questions() if i["category"] == "conversation"]
    assert all(i.get("held_out") for i in conversations), "conversations are held-out items"


def test_gold_chunk_ids_exist():
    known = chunk_texts()
    for item in questions():
        for where, expect in _expectations(item):
            for chunk_id in expect["gold_chunk_ids"]:
                assert CHUNK_ID.match(chunk_id), f"{where}: {chunk_id!r} is not a chunk id"
                assert chunk_id in known, (
                    f"{where}: gold chunk {chunk_id} is not in the current chunking of corpus/"
                )


def test_refusals_have_no_gold_and_answers_have_gold():
    for item in questions():
        if item["category"] == "out_of_corpus":
            assert item["should_refuse"], f"{item['id']}: out_of_corpus items are refusals"
        for where, expect in _expectations(item):
            if expect["should_refuse"]:
                assert not expect["gold_facts"], f"{where}: a refusal has no gold facts"
                assert not expect["gold_chunk_ids"], f"{where}: a refusal cites no chunk"
                assert expect["forbidden"], f"{where}: say what a refusal must not contain"
            else:
                assert expect["gold_facts"], f"{where}: an answer has gold facts"
                assert expect["gold_chunk_ids"], f"{where}: an answer has gold chunks"


def test_not_covered_elements_are_not_in_the_gold_chunks():
    """An element the answer must call not covered is written in none of the chunks the
    answer should cite (else those chunks would cover it)."""
    texts = chunk_texts()
    for item in questions():
        for where, expect in _expectations(item):
            cited = " ".join(_normal(texts.get(c, "")) for c in expect["gold_chunk_ids"])
            for element in expect.get("not_covered", []):
                found = [
                    a
                    for a in element["aliases"]
                    if re.search(rf"\b{re.escape(_normal(a))}\b", cited)
                ]
                assert not found, f"{where}: not-covered {element['term']!r} is in its gold chunks"


def test_held_out_refusals_with_a_subject_name_it():
    """A held-out refusal about a company, region or topic the guides lack names it as not
    covered (only plain off-topic requests name nothing)."""
    for item in questions():
        if item.get("held_out") and item["should_refuse"] and item["category"] != "conversation":
            assert item.get("not_covered") or "Off-topic" in item["notes"], item["id"]


def test_injection_items_have_forbidden_strings():
    for item in questions():
        if item["category"] == "injection":
            assert item["forbidden"], f"{item['id']}: an injection item forbids its payload"


def test_forbidden_strings_never_match_the_gold():
    """A gold alias that contains a forbidden string would make the item impossible to pass."""
    for item in questions():
        for where, expect in _expectations(item):
            golds = [a.lower() for fact in expect["gold_facts"] for a in fact["aliases"]]
            for bad in expect["forbidden"]:
                clash = [g for g in golds if bad.lower() in g]
                assert not clash, f"{where}: forbidden {bad!r} is inside gold {clash}"


def test_numeric_aliases_parse_to_the_fact_value():
    for item in questions():
        for where, expect in _expectations(item):
            for fact, span in _numeric_facts(expect):
                for alias in fact["aliases"]:
                    got = _span(alias)
                    assert got is not None, f"{where}: alias {alias!r} has no amount"
                    assert got[:2] == span[:2] and _units_agree(got[2], span[2]), (
                        f"{where}: alias {alias!r} reads as {got}, the fact "
                        f"{fact['fact']!r} as {span}"
                    )


def test_numeric_facts_are_in_the_gold_chunks():
    """Outside the engine-checked counter items, every figure is written in a gold chunk (or,
    in a multi-turn item, in the user's own earlier words)."""
    texts = chunk_texts()
    for item in questions():
        if item["category"] == "counter" and not item.get("held_out"):
            continue
        said = [a for turn in item["turns"] for a in _amounts(turn)]
        for where, expect in _expectations(item):
            cited = [a for c in expect["gold_chunk_ids"] for a in _amounts(texts.get(c, ""))]
            for fact, span in _numeric_facts(expect):
                sources = cited + (said if len(item["turns"]) > 1 else [])
                assert _appears(span, sources), (
                    f"{where}: {fact['fact']!r} is not among the amounts of its gold chunks "
                    f"{expect['gold_chunk_ids']}"
                )


def test_key_terms_are_in_the_gold_chunks():
    texts = chunk_texts()
    for item in questions():
        for where, expect in _expectations(item):
            cited = " ".join(_normal(texts.get(c, "")) for c in expect["gold_chunk_ids"])
            for fact in expect["gold_facts"]:
                if _span(fact["fact"]) is not None:
                    continue
                assert any(_normal(a) in cited for a in fact["aliases"]), (
                    f"{where}: no alias of {fact['fact']!r} is written in its gold chunks"
                )


@cache
def _engine():
    from assistant.corpus.facts import extract_facts
    from assistant.engine.negotiation import band_defaults, catalog

    counter = TokenCounter()
    loaded = load_corpus(SHIPPED_CORPUS)
    facts = extract_facts([c for g in loaded.guides for c in chunk_guide(g, counter)])
    return facts, catalog(facts), band_defaults(facts)


def _figures(payload) -> list[tuple[float, str]]:
    """Every (value, unit) figure anywhere in the engine's JSON."""
    found: list[tuple[float, str]] = []
    if isinstance(payload, dict):
        if isinstance(payload.get("value"), (int, float)) and isinstance(payload.get("unit"), str):
            found.append((float(payload["value"]), payload["unit"]))
        for value in payload.values():
            found.extend(_figures(value))
    elif isinstance(payload, list):
        for value in payload:
            found.extend(_figures(value))
    return found


def _shown(value: float, unit: str) -> str:
    return format_money(value, unit or "USD") if unit != PERCENT else f"{value:g}%"


@pytest.mark.parametrize(
    "item",
    [i for i in questions() if i["category"] == "counter" and not i.get("held_out")],
    ids=lambda i: i["id"],
)
def test_counter_figures_come_from_the_engine(item):
    """Counter gold figures are what `coach counter --json` shows for the same offer text:
    its asks, the band it places the offer in, and the user's own numbers."""
    from assistant.engine.negotiation import negotiate
    from assistant.engine.offer import parse_offer

    facts, (companies, regions), (currencies, years) = _engine()
    offer = parse_offer(
        item["turns"][-1], companies, regions, band_currency=currencies, vesting_years=years
    )
    shown = {(_shown(v, u), u) for v, u in _figures(negotiate(offer, facts).to_json())}
    for fact, (low, high, unit) in _numeric_facts(item):
        assert low == high, f"{item['id']}: counter facts are single figures"
        assert (_shown(low, unit), unit) in shown, (
            f"{item['id']}: {fact['fact']!r} is not a figure the engine shows for this offer; "
            f'check `coach counter --json "{item["turns"][-1]}"`'
        )


# --- support_pairs.jsonl --------------------------------------------------------------------------


def test_pairs_schema_and_ids():
    items = pairs()
    assert len(items) >= 60
    for item in items:
        where = item.get("id", item)
        assert set(item) == PAIR_KEYS, f"{where}: keys {sorted(set(item) ^ PAIR_KEYS)}"
        assert ID.match(item["id"]), where
        assert isinstance(item["supported"], bool), where
        for key in ("sentence", "why"):
            assert isinstance(item[key], str) and item[key].strip(), f"{where}: {key}"
            assert "\n" not in item[key], f"{where}: {key} is one line"
    counts = Counter(item["id"] for item in items)
    assert not [i for i, n in counts.items() if n > 1], "duplicate pair ids"


def test_pairs_are_roughly_balanced():
    share = sum(item["supported"] for item in pairs()) / len(pairs())
    assert 0.4 <= share <= 0.6, f"{share:.0%} of the pairs are labelled supported"


def test_pair_passages_exist():
    known = chunk_texts()
    for item in pairs():
        assert item["passage_chunk_id"] in known, (
            f"{item['id']}: passage {item['passage_chunk_id']} is not in the current chunking"
        )


def test_supported_pairs_cite_only_figures_of_their_passage():
    """A sentence labelled supported may not state a figure its passage lacks."""
    texts = chunk_texts()
    for item in pairs():
        if not item["supported"]:
            continue
        passage = _amounts(texts.get(item["passage_chunk_id"], ""))
        for amount in _amounts(item["sentence"]):
            span = (amount.low, amount.high, amount.unit)
            assert _appears(span, passage), (
                f"{item['id']}: labelled supported but {amount.raw!r} is not in the passage"
            )
