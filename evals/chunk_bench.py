"""`coach bench chunking`: how long chunking one large guide takes, for guides shaped to stress it.

Each shape is a generated guide of about `size` bytes (2 MB by default) written to a temporary
folder, loaded with the corpus loader and chunked once with the embedding model's tokenizer, as
`coach index` would: long list items that the scraper broke over many lines (each continuation
is joined back onto its item), many short list items, one table of many rows, prose in long
paragraphs, and one paragraph with no line breaks at all. Reported: seconds and chunks per
shape, the slowest shape, and the target (under 5 s for a 2 MB guide, issue 17).

Leaves out: embedding the chunks (`coach bench retrieval` measures it) and guides of other
sizes (pass `--megabytes`).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

TARGET_SECONDS = 5.0

_WORDS = (
    "negotiate base salary equity refresh sign-on bonus recruiter offer level band "
    "Seattle competing deadline vesting cliff review promotion manager team scope"
).split()


def _words(count: int, start: int) -> str:
    """`count` words, varied by `start` (a number among them keeps every line distinct)."""
    picked = [_WORDS[(start * 7 + k * k) % len(_WORDS)] for k in range(count - 1)]
    return " ".join([*picked, str(start)])


def _long_list_items(size: int) -> str:
    """Bulleted items, each broken by the scraper over 400 continuation lines (no sentence end)."""
    lines, total, item = ["Plain Guide", "", "What to bring up:"], 0, 0
    while total < size:
        lines.append(f"- item {item} {_words(8, item)}")
        for k in range(400):
            lines.append(f"{_words(6, item + k)} part {k}")
            total += len(lines[-1]) + 1
        item += 1
    return "\n".join(lines) + "\n"


def _one_long_item(size: int) -> str:
    """One bulleted item broken over every line of the guide: the worst case for joining."""
    lines, total, k = ["Plain Guide", "", "What to bring up:", "- the one item"], 0, 0
    while total < size:
        lines.append(f"{_words(6, k)} part")
        total += len(lines[-1]) + 1
        k += 1
    return "\n".join(lines) + "\n"


def _short_list_items(size: int) -> str:
    lines, total, item = ["# Markdown Guide", "", "## Levers", ""], 0, 0
    while total < size:
        lines.append(f"- **Lever {item}** {_words(12, item)}.")
        total += len(lines[-1]) + 1
        item += 1
    return "\n".join(lines) + "\n"


def _table(size: int) -> str:
    lines = ["# Table Guide", "", "## Compensation", ""]
    lines += ["| Region | Base | RSU | Bonus |", "|---|---|---|---|"]
    total, row = 0, 0
    while total < size:
        region = f"Region {row} ({_words(2, row)})"
        lines.append(f"| {region} | ${100 + row % 300}K | ${row % 90}K | {row % 20}% |")
        total += len(lines[-1]) + 1
        row += 1
    return "\n".join(lines) + "\n"


def _prose(size: int) -> str:
    lines, total, paragraph = ["# Prose Guide", "", "## Advice", ""], 0, 0
    while total < size:
        sentences = [f"{_words(14, paragraph + k).capitalize()}." for k in range(40)]
        lines += [" ".join(sentences), ""]
        total += len(lines[-2]) + 1
        paragraph += 1
    return "\n".join(lines) + "\n"


def _one_line(size: int) -> str:
    body, k = [], 0
    while sum(map(len, body)) < size:
        body.append(f"{_words(10, k)} ${k}K")
        k += 1
    return "# One Line Guide\n\n" + " ".join(body) + "\n"


SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "long list items (scraped, 400 lines each)": ("long-items.txt", _long_list_items),
    "one list item over every line (scraped)": ("one-item.txt", _one_long_item),
    "short list items": ("short-items.md", _short_list_items),
    "one table": ("table.md", _table),
    "prose paragraphs": ("prose.md", _prose),
    "one paragraph, no line breaks": ("one-line.md", _one_line),
}


@dataclass
class ChunkBench:
    megabytes: float
    shapes: dict[str, dict[str, float]]  # per shape: bytes, chunks, seconds
    slowest_seconds: float
    target_seconds: float

    def to_json(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        rows = [
            f"| {name} | {s['bytes'] / 1e6:.2f} MB | {s['chunks']:.0f} | {s['seconds']:.2f} s |"
            for name, s in self.shapes.items()
        ]
        verdict = "met" if self.slowest_seconds < self.target_seconds else "MISSED"
        return "\n".join(
            [
                f"Chunking one {self.megabytes:g} MB guide",
                "",
                "| shape | size | chunks | time |",
                "|---|---|---|---|",
                *rows,
                "",
                f"Slowest {self.slowest_seconds:.2f} s; target under {self.target_seconds:g} s: "
                f"{verdict}.",
            ]
        )


def run_chunk_bench(megabytes: float = 2.0, say: Callable[[str], None] = print) -> ChunkBench:
    from assistant.corpus.chunking import chunk_guide
    from assistant.corpus.loader import load_guide
    from assistant.index.embeddings import count_tokens

    count_tokens("warm up the tokenizer")
    size = int(megabytes * 1_000_000)
    shapes: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="coach-chunk-bench-") as temporary:
        for name, (file_name, make) in SHAPES.items():
            path = Path(temporary) / file_name
            path.write_text(make(size), encoding="utf-8")
            say(f"Chunking {name} ({path.stat().st_size / 1e6:.2f} MB) …")
            started = time.perf_counter()
            chunks = chunk_guide(load_guide(path), count_tokens)
            seconds = time.perf_counter() - started
            shapes[name] = {
                "bytes": path.stat().st_size,
                "chunks": len(chunks),
                "seconds": seconds,
            }
    return ChunkBench(
        megabytes=megabytes,
        shapes=shapes,
        slowest_seconds=max(s["seconds"] for s in shapes.values()),
        target_seconds=TARGET_SECONDS,
    )
