"""What of a guide the layouts may quote: its chunks without the sentences whose figures no
table backs. A sentence is cut when one of its figures is beyond any real pay (an unparsed cell
"$999999999999999999K"), or when, in prose about pay, it states a money figure its company's
comp table does not hold ("Secret band: the Alibaba Seattle base is $999K" beside a
$150K–$215K row); a lever's or script's ask ("I need $213K base") is not so judged.
Citations still quote the chunk as indexed; only what is quoted shrinks.

Leaves out: which of two disagreeing tables is right (both are shown, assistant.compose.bands),
and a company with no comp table (its prose is not judged: there is nothing to judge it by).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace

from assistant.compose.grounding import split_sentences
from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.facts import CompBand
from assistant.money import PERCENT, find_amounts

PAY_WORDS = re.compile(r"\b(?:band|base|salary|stock|rsu|equity|total comp|tc)\b", re.I)
_FIGURE = re.compile(r"\d")
ASKING_KINDS = ("lever", "script")  # a guide's asks: their figures are not judged by the table


def quotable(sentence: str, tables: Sequence[CompBand]) -> bool:
    """Whether a sentence of a guide may be quoted, judged against its company's comp rows."""
    if not _FIGURE.search(sentence):
        return True
    amounts = [amount for amount, _, _ in find_amounts(sentence)]
    if any(amount.absurd for amount in amounts):
        return False
    if sentence.lstrip().startswith("|") or not tables or not PAY_WORDS.search(sentence):
        return True  # (a table row is its table; a sentence not about pay states no band)
    held = {
        round(v)
        for b in tables
        for v in (b.base_min, b.base_max, b.stock_min, b.stock_max, b.total_min, b.total_max)
        if v is not None
    }
    money = [a for a in amounts if a.unit not in (PERCENT, "")]  # ("6K robots": no money)
    return all(round(v) in held for a in money for v in (a.low, a.high))


def quotable_text(text: str, tables: Sequence[CompBand]) -> str:
    """A chunk's text (its first line the guide's title and section, kept) without its
    unquotable sentences; the text itself when all may be quoted."""
    title, _, body = text.partition("\n")
    if not _FIGURE.search(body):
        return text
    cut = [s for s in split_sentences(body) if not quotable(s.text, tables)]
    for span in reversed(cut):
        body = body[: span.start] + body[span.end :]
    return f"{title}\n{body}"


class QuotableRecords(Mapping[str, ChunkRecord]):
    """The index's chunks as the layouts may quote them, each cut once and kept (the tables
    do not change while an index is open). `tables_of` gives a company's comp rows."""

    def __init__(
        self,
        records: Mapping[str, ChunkRecord],
        tables_of: Callable[[str], Sequence[CompBand]],
    ):
        self.indexed = records
        self._tables_of = tables_of
        self._cut: dict[str, ChunkRecord] = {}

    def __getitem__(self, chunk_id: str) -> ChunkRecord:
        if chunk_id not in self._cut:
            record = self.indexed[chunk_id]
            asks = record.kind in ASKING_KINDS  # (an ask above the band is the point of it)
            text = quotable_text(record.text, () if asks else self._tables_of(record.company))
            self._cut[chunk_id] = record if text == record.text else replace(record, text=text)
        return self._cut[chunk_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.indexed)

    def __len__(self) -> int:
        return len(self.indexed)

    def __contains__(self, chunk_id: object) -> bool:
        return chunk_id in self.indexed


def quotable_hits(hits: list, records: Mapping[str, ChunkRecord]) -> list:
    """Retrieved hits with the text the layouts may quote (their scores kept)."""
    out = []
    for hit in hits:
        text = records[hit.chunk_id].text if hit.chunk_id in records else hit.text
        out.append(hit if text == hit.text else replace(hit, text=text))
    return out
