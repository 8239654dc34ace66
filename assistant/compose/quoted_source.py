"""Where a line the user quotes comes from, when they ask ("someone quoted me 'my floor is 198k,
below that nvidia wins' and said its from your guides. which guide, which section"): the
guide sentence holding the quote's words, its guide and section, quoted and cited.

Leaves out: lines no guide sentence holds (the answer goes on as it would without the ask),
and judging whether the quote was used fairly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.compose.core import Writer
from assistant.compose.lead import sentence_pieces
from assistant.compose.passages import chunk_body, one_line
from assistant.corpus.chunking import ChunkRecord
from assistant.index.lexical import tokenize
from assistant.understanding.frame import Understanding

_QUOTED = re.compile(r"[\"'“‘]([^\"'“”‘’]{12,200})[\"'”’]")
_ASKS_WHERE = re.compile(
    r"\bwhich (?:guide|section|part|doc\w*|page)\b|\bwhere (?:is|does|did) (?:that|this|it)\b"
    r"|\b(?:from|in) (?:your|the|ur) guides?\b|\bwhat guide\b",
    re.I,
)
_LABEL = re.compile(r"\*\*([^*]{3,60}?):?\*\*")
MIN_WORDS = 3  # keyword stems a quote has at least, to be looked for
HELD_SHARE = 0.75  # of the quote's stems a guide sentence holds, to be where it comes from


@dataclass(frozen=True)
class QuotedSource:
    record: ChunkRecord
    sentence: str


def quoted_source(
    understood: Understanding, records: Mapping[str, ChunkRecord]
) -> QuotedSource | None:
    """The guide sentence a quote in the question comes from, when the question asks where it
    is from; else None."""
    if not (_ASKS_WHERE.search(understood.question) or understood.asks_sources):
        return None
    best: tuple[float, QuotedSource] | None = None
    for quote in _QUOTED.findall(understood.question):
        wanted = set(tokenize(quote))
        if len(wanted) < MIN_WORDS:
            continue
        for record in records.values():
            for sentence in sentence_pieces(chunk_body(record.text)):
                share = len(wanted & set(tokenize(sentence))) / len(wanted)
                if share >= HELD_SHARE and (best is None or share > best[0]):
                    best = (share, QuotedSource(record, sentence))
    return best[1] if best else None


def write_quoted_source(writer: Writer, source: QuotedSource) -> None:
    """ "That line is in the Anyscale guide, under "Negotiate Up Strategy": "…" [1]"."""
    record = source.record
    section = record.section.rpartition(">")[2].strip() or record.section
    body = chunk_body(record.text)
    opening = r"\W+".join(re.escape(w.strip("\"'“”")) for w in source.sentence.split()[:4])
    found = re.search(opening, body) if opening else None
    labels = _LABEL.findall(body[: found.start()] if found else "")
    if labels:  # ("**Negotiate Up Strategy:** "…": the label the line stands under)
        section = f"{section} › {labels[-1].strip()}"
    whose = f"the {record.company} guide" if record.company else "the guides"
    title = f" ({record.title})" if record.title else ""
    mark = writer.book.cite(record.chunk_id)
    writer.add(
        f'That line is in {whose}{title}, under "{section}": "{one_line(source.sentence)}" {mark}',
        "",
    )
