"""Joining a scraped list item's broken lines back together is linear (issue 17, item 11) and
gives exactly what the old line-by-line re-splitting gave.

The old parser re-split the whole joined item after every continuation line (quadratic in the
item's length: a 2 MB guide whose one item ran over every line took minutes). `_ItemJoiner` joins
the lines and splits once when the item ends. `QuadraticJoiner` below is the old algorithm with
the same interface; the tests compare the two on generated items and on whole generated guides
(the parser run once with each). Timings are measured by `coach bench chunking`, not here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.corpus import blocks
from assistant.corpus.blocks import _QUOTED_ITEMS, _ends_sentence, _ItemJoiner, parse_blocks


class QuadraticJoiner:
    """The old algorithm: the item's parts re-split after every joined line."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def start(self, body: str) -> None:
        self.parts = [part.strip() for part in _QUOTED_ITEMS.split(body)]

    def join(self, line: str) -> None:
        joined = f"{self.parts[-1]} {line}"
        self.parts[-1:] = [part.strip() for part in _QUOTED_ITEMS.split(joined)]

    @property
    def ends_sentence(self) -> bool:
        return _ends_sentence(self.parts[-1])

    def finish(self) -> list[str]:
        parts, self.parts = self.parts, []
        return parts


# Text made of what the split and the sentence test look at: quotes, dashes, spaces, closers,
# sentence ends, and a few words.
PIECES = ['"', "“", "”", "'", "’", " - ", "-", " ", "  ", ".", "?", "!", "…", ")", "]", "word", "x"]
segment = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join).map(str.strip)
segment = segment.filter(bool)


@settings(max_examples=400, deadline=None)
@given(st.lists(segment, min_size=1, max_size=8))
def test_joiner_gives_the_old_parts_and_sentence_ends(lines):
    new, old = _ItemJoiner(), QuadraticJoiner()
    new.start(lines[0])
    old.start(lines[0])
    assert new.ends_sentence == old.ends_sentence
    for line in lines[1:]:
        new.join(line)
        old.join(line)
        assert new.ends_sentence == old.ends_sentence, lines
    assert new.finish() == old.finish(), lines


def test_joiner_splits_quoted_items_across_joined_lines():
    joiner = _ItemJoiner()
    joiner.start('Ask: "Is the band fixed?" -')
    joiner.join('"Can the sign-on move?" - "When is the')
    joiner.join('deadline?"')
    assert joiner.finish() == [
        'Ask: "Is the band fixed?"',
        '"Can the sign-on move?"',
        '"When is the deadline?"',
    ]
    assert joiner.finish() == []  # empty once finished


GUIDE_LINES = [
    "- item one",
    "- “Is the base fixed?” - “Can equity move?”",
    "* another item that breaks",
    "1. first numbered",
    "2) second numbered.",
    "  indented continuation",
    "\ttab continuation",
    "continues the item",
    "ends the item.",
    '" - "quoted continuation"',
    "- ",
    "",
    "",
    "Plain Heading",
    "Be ready to go over:",
    "## Markdown heading",
    "**Bold heading**",
    "| Region | Base |",
    "|---|---|",
    "| Seattle | $150K |",
    "> a quoted script",
    "Q: How many rounds?",
    "A: Three to five.",
    "A paragraph that ends like a sentence.",
    "a paragraph line with no end",
    "---",
    "===",
]


@pytest.mark.parametrize("markdown", [True, False])
@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.sampled_from(GUIDE_LINES), min_size=1, max_size=40))
def test_parse_blocks_unchanged_on_generated_guides(markdown, lines):
    text = "\n".join(lines)
    new = parse_blocks(text, markdown)
    original = blocks._ItemJoiner
    blocks._ItemJoiner = QuadraticJoiner
    try:
        old = parse_blocks(text, markdown)
    finally:
        blocks._ItemJoiner = original
    assert new == old, text


def test_parse_blocks_unchanged_on_the_shipped_guides():
    from conftest import SHIPPED_CORPUS

    from assistant.corpus.loader import load_corpus

    guides = load_corpus(SHIPPED_CORPUS).guides
    assert guides
    for guide in guides:
        new = parse_blocks(guide.text, guide.is_markdown)
        original = blocks._ItemJoiner
        blocks._ItemJoiner = QuadraticJoiner
        try:
            old = parse_blocks(guide.text, guide.is_markdown)
        finally:
            blocks._ItemJoiner = original
        assert new == old, guide.source


class CountingSplit:
    """Stands in for `_QUOTED_ITEMS`: splits as it does and counts the characters it scans."""

    def __init__(self) -> None:
        self.scanned = 0

    def split(self, text: str) -> list[str]:
        self.scanned += len(text)
        return _QUOTED_ITEMS.split(text)


@pytest.mark.parametrize("lines", [500, 4000])
def test_an_item_broken_over_many_lines_is_split_once(lines):
    """The work of splitting quoted items grows with the guide, not with its square: the old
    parser scanned about lines²/2 line lengths for one item broken over every line."""
    text = "What to bring up:\n- the one item\n" + "\n".join(
        f"broken line {k} of the item" for k in range(lines)
    )
    counter = CountingSplit()
    original = blocks._QUOTED_ITEMS
    blocks._QUOTED_ITEMS = counter
    try:
        parsed = parse_blocks(text, markdown=False)
    finally:
        blocks._QUOTED_ITEMS = original
    assert [b.kind for b in parsed] == ["list"] and len(parsed[0].lines) == 1
    assert counter.scanned <= 2 * len(text)
