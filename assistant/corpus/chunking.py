"""Structure-aware chunking of guides into self-contained, citable `Chunk`s.

Rules (markdown and the scraped plain-text guides alike):
- a table becomes one chunk per data row, carrying the guide title, the section and the header
  row, so "Seattle (US) | $150K–$215K | …" stands on its own; its cells are kept as (header, value);
- a blockquote (a negotiate-up script) stays whole;
- each numbered list item is its own chunk ("lever" when it sits under a levers heading or opens
  with a bold name);
- bulleted lists ("Be ready to go over:", "Example questions …") are kept with their lead-in line
  and split between items only when too long;
- a plain-text "Q: … ?" line is one chunk, question and answer together;
- prose is packed sentence by sentence and split only at sentence boundaries.
Every chunk starts with a context line (title — section) and is at most `MAX_CHUNK_TOKENS` word
pieces of the embedding model, measured with its tokenizer. Chunk ids are a hash of the source
path and the whitespace-normalized text, so they are stable across runs and machines.

Plain-text headings are bare lines: short, capitalized, not ending like a sentence. Lines the
scraper broke mid-sentence (inline code that lost its spacing) are joined back onto their item.

Leaves out: nested lists (flattened), HTML, code blocks (treated as prose), and images.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from assistant.config import MODEL_WINDOW_TOKENS
from assistant.corpus.blocks import Block, is_separator_row, parse_blocks, strip_markup
from assistant.corpus.loader import Guide

ChunkKind = Literal["table_row", "script", "lever", "list", "questions", "qa", "prose"]
TokenCount = Callable[[str], int]

# Hard ceiling, [CLS]/[SEP] included, with a little headroom under the model's 256.
MAX_CHUNK_TOKENS = MODEL_WINDOW_TOKENS - 6
# Prose and lists are packed up to this size: small enough to stay on one topic.
TARGET_CHUNK_TOKENS = 160


@dataclass(frozen=True)
class Chunk:
    """A citable passage: `text` is exactly what is embedded, searched and quoted."""

    chunk_id: str
    source: str
    title: str
    section: str
    kind: ChunkKind
    text: str
    company: str
    role: str
    guide_kind: str
    position: int
    region: str = ""
    cells: tuple[tuple[str, str], ...] = ()

    def metadata(self) -> dict[str, str | int]:
        """Flat metadata for the vector store (no None values, cells left out)."""
        return {
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "kind": self.kind,
            "company": self.company,
            "role": self.role,
            "guide_kind": self.guide_kind,
            "region": self.region,
            "position": self.position,
        }


@dataclass(frozen=True)
class ChunkRecord:
    """What retrieval needs of a chunk without asking the vector store."""

    chunk_id: str
    source: str
    section: str
    text: str
    title: str = ""
    kind: str = ""
    company: str = ""
    role: str = ""
    guide_kind: str = ""
    region: str = ""

    @classmethod
    def from_metadata(cls, chunk_id: str, text: str, metadata: dict) -> ChunkRecord:
        fields = ("source", "section", "title", "kind", "company", "role", "guide_kind", "region")
        return cls(chunk_id=chunk_id, text=text, **{f: str(metadata.get(f, "")) for f in fields})


def chunk_id_for(source: str, text: str) -> str:
    normalized = " ".join(text.split())
    return hashlib.sha256(f"{source}\n{normalized}".encode()).hexdigest()[:24]


# --- chunks ---------------------------------------------------------------------------------

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“(\[]?[A-Z0-9$£€])")
_ABBREVIATION_END = re.compile(r"\b(?:e\.g|i\.e|vs|etc|approx|incl|Inc|Ltd|Co|St|Mr|Ms|Dr|U\.S)\.$")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; abbreviations like 'e.g.' and 'vs.' do not end one."""
    pieces = _SENTENCE_SPLIT.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREVIATION_END.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [sentence.strip() for sentence in sentences if sentence.strip()]


def _table_cells(line: str) -> list[str]:
    inner = line.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    return [strip_markup(cell) for cell in inner.split("|")]


class _ChunkBuilder:
    def __init__(self, guide: Guide, count_tokens: TokenCount) -> None:
        self.guide = guide
        self.count_tokens = count_tokens
        self.chunks: list[Chunk] = []
        self.seen_ids: set[str] = set()
        self._counts: dict[str, int] = {}
        self._last: tuple[str | None, int] = (None, 0)  # a long text just counted (fits, add)

    def context(self, section: str) -> str:
        title = self.guide.title
        return f"{title} — {section}" if section and section != title else title

    def fits(self, section: str, body: str, budget: int = MAX_CHUNK_TOKENS) -> bool:
        return self._tokens(f"{self.context(section)}\n{body}") <= budget

    def _tokens(self, text: str) -> int:
        if len(text) > 16 * MAX_CHUNK_TOKENS and len(text.split()) > MAX_CHUNK_TOKENS:
            return 2 * MAX_CHUNK_TOKENS  # surely over any budget: not worth a pass of the tokenizer
        count = self._counts.get(text)
        if count is None:
            if self._last[0] == text:
                return self._last[1]
            count = self.count_tokens(text)
            if len(text) < 200 and len(self._counts) < 200_000:
                self._counts[text] = count
            else:
                self._last = (text, count)
        return count

    def groups(
        self, section: str, units: list[str], sep: str, budget: int, lead: str = ""
    ) -> Iterator[list[str]]:
        """Runs of consecutive units, each as long as fits in `budget` with the context line (and
        the lead-in); a unit too long alone is a run of its own. Word pieces add up over the
        whitespace between units (each count holds [CLS] and [SEP] once), so a running sum
        decides (exactly for this model's tokenizer), checked against the count only near the hard
        maximum: linear in the guide's size."""
        specials = self._tokens("")
        start = self._tokens(self.context(section)) + (self._tokens(lead) - specials if lead else 0)
        piece: list[str] = []
        estimate = start
        for unit in units:
            cost = self._tokens(unit) - specials
            if piece:
                total = estimate + cost
                if budget != MAX_CHUNK_TOKENS or abs(total - budget) > 2:
                    fits = total <= budget  # the target is soft; add() enforces the maximum
                else:
                    fits = self.fits(
                        section, sep.join([*([lead] if lead else []), *piece, unit]), budget
                    )
                if not fits:
                    yield piece
                    piece, estimate = [], start
            piece.append(unit)
            estimate += cost
        if piece:
            yield piece

    def add(self, section: str, kind: ChunkKind, body: str, **extra) -> None:
        text = f"{self.context(section)}\n{body.strip()}"
        if self._tokens(text) > MAX_CHUNK_TOKENS:
            # Only a single over-long sentence or row reaches here: split it by words.
            pieces = list(self._split_words(section, body))
            if len(pieces) == 1:  # the counts did not add up: halve by words
                words = body.split()
                half = max(1, len(words) // 2)
                pieces = [" ".join(words[:half]), " ".join(words[half:])]
            for piece in pieces:
                if piece:
                    self.add(section, kind, piece, **extra)
            return
        chunk_id = chunk_id_for(self.guide.source, text)
        if chunk_id in self.seen_ids:
            return  # the same passage twice in one guide is one chunk
        self.seen_ids.add(chunk_id)
        self.chunks.append(
            Chunk(
                chunk_id=chunk_id,
                source=self.guide.source,
                title=self.guide.title,
                section=section,
                kind=kind,
                text=text,
                company=self.guide.company,
                role=self.guide.role,
                guide_kind=self.guide.kind,
                position=len(self.chunks),
                **extra,
            )
        )

    def _split_words(self, section: str, body: str) -> Iterator[str]:
        words: list[str] = []
        for word in body.split():
            if len(word) <= 80 or self._tokens(word) <= MAX_CHUNK_TOKENS // 2:
                words.append(word)
            else:  # one "word" longer than a chunk (no spaces at all): cut it in halves
                middle = len(word) // 2
                words += self._split_words(section, f"{word[:middle]} {word[middle:]}")
        for piece in self.groups(section, words, " ", MAX_CHUNK_TOKENS):
            yield " ".join(piece)

    def pack(self, section: str, kind: ChunkKind, units: list[str], lead: str = "") -> None:
        """Pack units (sentences or items) into chunks near the target size, lead-in first."""
        for piece in self.groups(section, units, "\n", TARGET_CHUNK_TOKENS, lead):
            self.add(section, kind, "\n".join([lead, *piece] if lead else piece))

    def pack_prose(self, section: str, paragraph: str) -> None:
        for piece in self.groups(section, split_sentences(paragraph), " ", TARGET_CHUNK_TOKENS):
            self.add(section, "prose", " ".join(piece))


def chunk_guide(guide: Guide, count_tokens: TokenCount) -> list[Chunk]:
    """Chunks of one guide, in reading order."""
    builder = _ChunkBuilder(guide, count_tokens)
    headings: list[tuple[int, str]] = []

    def section() -> str:
        path = [text for _, text in headings]
        if path and path[0] == guide.title:
            path = path[1:]
        return " > ".join(path) or guide.title  # before any sub-heading: the guide itself

    for block in parse_blocks(guide.text, guide.is_markdown):
        if block.kind == "heading":
            while headings and headings[-1][0] >= block.level:
                headings.pop()
            headings.append((block.level, block.lines[0]))
        elif block.kind == "table":
            _chunk_table(builder, section(), block.lines)
        elif block.kind == "quote":
            body = "\n".join(f"> {line}" if line else ">" for line in block.lines)
            if builder.fits(section(), body):
                builder.add(section(), "script", body)
            else:
                builder.pack_prose(section(), " ".join(block.lines))
        elif block.kind == "list":
            _chunk_list(builder, section(), block)
        elif block.kind == "qa":
            _chunk_qa(builder, section(), "\n".join(block.lines))
        else:
            _chunk_paragraph(builder, section(), block.lines)
    return builder.chunks


def _chunk_table(builder: _ChunkBuilder, section: str, lines: list[str]) -> None:
    rows = [line for line in lines if not is_separator_row(line)]
    if len(rows) < 2:
        builder.pack_prose(section, " ".join(lines))
        return
    header_line, header = rows[0], _table_cells(rows[0])
    for row_line in rows[1:]:
        cells = _table_cells(row_line)
        cells += [""] * (len(header) - len(cells))
        pairs = tuple(zip(header, cells, strict=False))
        builder.add(
            section,
            "table_row",
            f"{header_line}\n{row_line}",
            region=cells[0] if cells else "",
            cells=pairs,
        )


_LEVER_NAME = re.compile(r"^\*\*[^*]+\*\*")


def _chunk_list(builder: _ChunkBuilder, section: str, block: Block) -> None:
    if block.ordered:
        for number, item in enumerate(block.lines, start=1):
            is_lever = "lever" in section.lower() or bool(_LEVER_NAME.match(item))
            builder.add(section, "lever" if is_lever else "list", f"{number}. {item}")
        return
    quoted = sum(1 for item in block.lines if item.startswith(('"', "“")))
    kind: ChunkKind = "questions" if quoted * 2 >= len(block.lines) else "list"
    builder.pack(section, kind, [f"- {item}" for item in block.lines], lead=block.lead_in)


def _chunk_qa(builder: _ChunkBuilder, section: str, line: str) -> None:
    if builder.fits(section, line):
        builder.add(section, "qa", line)
        return
    sentences = split_sentences(line.replace("\n", " "))
    question, answers = sentences[0], sentences[1:]
    builder.pack(section, "qa", answers, lead=question)


def _chunk_paragraph(builder: _ChunkBuilder, section: str, lines: list[str]) -> None:
    lead = lines[0] if len(lines) > 1 and lines[0].endswith(":") else ""
    body = lines[1:] if lead else lines
    if lead and builder.fits(section, "\n".join(lines), TARGET_CHUNK_TOKENS):
        builder.add(section, "list", "\n".join(lines))
        return
    if lead:
        builder.pack(section, "list", body, lead=lead)
        return
    builder.pack_prose(section, " ".join(body))
