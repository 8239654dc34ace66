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
from dataclasses import dataclass, field
from typing import Literal

from assistant.corpus import Guide
from assistant.embeddings import MODEL_WINDOW_TOKENS

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


def chunk_id_for(source: str, text: str) -> str:
    normalized = " ".join(text.split())
    return hashlib.sha256(f"{source}\n{normalized}".encode()).hexdigest()[:24]


# --- blocks: the structure of a guide ------------------------------------------------------


@dataclass
class Block:
    kind: Literal["heading", "table", "quote", "list", "paragraph", "qa"]
    lines: list[str] = field(default_factory=list)
    level: int = 0  # headings: 1-6 for '#', 7 for a bold-only line
    ordered: bool = False  # lists: numbered
    lead_in: str = ""  # lists: the "…:" line that introduces them


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_BOLD_HEADING = re.compile(r"^\s*(?:\*\*|__)([^*_]+?)(?:\*\*|__)\s*:?\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:([-*+•])|(\d+)[.)])\s+(.*)$")
_TABLE_LINE = re.compile(r"^\s*\|")
_QUOTE_LINE = re.compile(r"^\s*>\s?(.*)$")
_QA_LINE = re.compile(r"^\s*(?:\*\*)?Q(?:uestion)?\s*[:.](?:\*\*)?\s+")
_ANSWER_LINE = re.compile(r"^\s*(?:\*\*)?A(?:nswer)?\s*[:.](?:\*\*)?\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_THEMATIC_BREAK = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
_QUOTED_ITEMS = re.compile(r'(?<=["”])\s+-\s+(?=["“])')


def _strip_markup(text: str) -> str:
    return re.sub(r"(\*\*|__|`)", "", text).strip()


def _is_plain_heading(line: str, next_line: str | None) -> bool:
    """A bare heading line of a scraped guide: short, capitalized, not a sentence or list."""
    stripped = line.strip()
    if not stripped or next_line is None or not next_line.strip():
        return False
    if _LIST_ITEM.match(stripped) or _QA_LINE.match(stripped) or stripped[0] in "\"“'(":
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    if len(stripped) > 80 or len(stripped.split()) > 12:
        return False
    if stripped.endswith((".", ":", ",", ";", "!", '"', "”", "'")):
        return False
    if stripped.endswith("?") and not re.match(
        r"^(What|Who|How|Why|When|Where|Is|Are)\b", stripped
    ):
        return False
    return True


def _starts_bare_table(line: str, next_line: str | None, current: Block | None) -> bool:
    """A pipe table written without the leading '|' (header row, then a separator row)."""
    if "|" not in line:
        return False
    if current is not None and current.kind == "table":
        return True
    return next_line is not None and _is_separator_row(next_line)


def _is_lead_in(block: Block | None) -> bool:
    return (
        block is not None
        and block.kind == "paragraph"
        and len(block.lines) == 1
        and block.lines[0].endswith(":")
        and len(block.lines[0]) <= 200
    )


def _take_lead_in(current: Block | None, blocks: list[Block]) -> str:
    """A one-line '…:' paragraph just before a list introduces it: take it for the list."""
    if _is_lead_in(current):
        return current.lines[0]
    if current is None and blocks and _is_lead_in(blocks[-1]):
        return blocks.pop().lines[0]
    return ""


def _ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def parse_blocks(text: str, markdown: bool) -> list[Block]:
    """Split a guide into headings, tables, quotes, lists, Q/A lines and paragraphs."""
    lines = text.split("\n")
    blocks: list[Block] = []
    current: Block | None = None
    pending_lead_in = ""

    def close() -> None:
        nonlocal current
        if current is not None and current.lines:
            blocks.append(current)
        current = None

    # For each line, the next non-blank line after it (plain-text headings look ahead past
    # blank lines); built once, backwards, so parsing stays linear in the guide's length.
    following_lines: list[str | None] = [None] * len(lines)
    upcoming: str | None = None
    for back in range(len(lines) - 1, -1, -1):
        following_lines[back] = upcoming
        if lines[back].strip():
            upcoming = lines[back]

    after_blank = False
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        if not line.strip():
            after_blank = True
            if current is not None and current.kind == "list":
                continue  # a blank line between items does not end a list
            close()
            continue
        was_after_blank, after_blank = after_blank, False
        if _SETEXT_UNDERLINE.match(line) or _THEMATIC_BREAK.match(line):
            single_line = current is not None and current.kind == "paragraph"
            if markdown and single_line and len(current.lines) == 1 and not was_after_blank:
                # "Title" underlined with === or --- is a heading.
                title = current.lines[0]
                current = None
                blocks.append(
                    Block("heading", [_strip_markup(title)], level=1 if "=" in line else 2)
                )
            else:
                close()
            continue
        heading = _MD_HEADING.match(line) if markdown else None
        bold = _BOLD_HEADING.match(line)
        plain_heading = not markdown and _is_plain_heading(line, following_lines[index])
        if heading or bold or plain_heading:
            close()
            pending_lead_in = ""
            if heading:
                level, title = len(heading.group(1)), _strip_markup(heading.group(2))
            elif bold:
                level, title = 7, _strip_markup(bold.group(1))
            else:
                level, title = 2, line.strip()
            blocks.append(Block("heading", [title], level=level))
            continue
        if _TABLE_LINE.match(line) or _starts_bare_table(line, next_line, current):
            if current is None or current.kind != "table":
                close()
                current = Block("table")
            current.lines.append(line.strip())
            continue
        quote = _QUOTE_LINE.match(line)
        if quote:
            if current is None or current.kind != "quote":
                close()
                current = Block("quote")
            current.lines.append(quote.group(1))
            continue
        if _QA_LINE.match(line):
            close()
            blocks.append(Block("qa", [line.strip()]))
            continue
        if _ANSWER_LINE.match(line) and current is None and blocks and blocks[-1].kind == "qa":
            blocks[-1].lines.append(line.strip())  # "A: …" on the line after its "Q: …"
            continue
        item = _LIST_ITEM.match(line)
        if item:
            ordered = item.group(2) is not None
            if current is None or current.kind != "list" or current.ordered != ordered:
                lead_in = pending_lead_in or _take_lead_in(current, blocks)
                if lead_in:
                    current = None  # the lead-in moves into the list
                close()
                current = Block("list", ordered=ordered, lead_in=lead_in)
                pending_lead_in = ""
            body = item.group(3).strip()
            current.lines.extend(part.strip() for part in _QUOTED_ITEMS.split(body))
            continue
        if current is not None and current.kind == "list":
            last = current.lines[-1]
            indented = line.startswith(("  ", "\t"))
            if indented or (not was_after_blank and not _ends_sentence(last)):
                # The scraper broke this item mid-sentence (or it is indented): join it back.
                joined = f"{last} {line.strip()}"
                parts = _QUOTED_ITEMS.split(joined)
                current.lines[-1:] = [part.strip() for part in parts]
                continue
            close()
        if current is not None and current.kind in ("table", "quote"):
            close()
        if line.strip().endswith(":") and len(line) <= 200 and not markdown:
            # A lead-in ("Be ready to go over:") introduces the list or lines that follow.
            close()
            pending_lead_in = line.strip()
            if next_line is not None and not _LIST_ITEM.match(next_line):
                current = Block("paragraph", [line.strip()])
                pending_lead_in = ""
            continue
        continues = current is not None and current.kind == "paragraph"
        if continues and not markdown:
            # Scraped text puts one paragraph on a line; only a lead-in's lines stay together.
            continues = current.lines[0].endswith(":")
        if not continues:
            close()
            current = Block("paragraph")
            if pending_lead_in:
                current.lines.append(pending_lead_in)
                pending_lead_in = ""
        current.lines.append(line.strip())
    close()
    return blocks


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
    return [_strip_markup(cell) for cell in inner.split("|")]


def _is_separator_row(line: str) -> bool:
    return "-" in line and bool(
        re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", line.strip())
    )


class _ChunkBuilder:
    def __init__(self, guide: Guide, count_tokens: TokenCount) -> None:
        self.guide = guide
        self.count_tokens = count_tokens
        self.chunks: list[Chunk] = []
        self.seen_ids: set[str] = set()

    def context(self, section: str) -> str:
        title = self.guide.title
        return f"{title} — {section}" if section and section != title else title

    def fits(self, section: str, body: str, budget: int = MAX_CHUNK_TOKENS) -> bool:
        return self.count_tokens(f"{self.context(section)}\n{body}") <= budget

    def add(self, section: str, kind: ChunkKind, body: str, **extra) -> None:
        text = f"{self.context(section)}\n{body.strip()}"
        if self.count_tokens(text) > MAX_CHUNK_TOKENS:
            # Only a single over-long sentence or row reaches here: split it by words.
            for piece in self._split_words(section, body):
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
        words, piece = body.split(), []
        for word in words:
            if piece and not self.fits(section, " ".join([*piece, word])):
                yield " ".join(piece)
                piece = []
            piece.append(word)
        if piece:
            yield " ".join(piece)

    def pack(self, section: str, kind: ChunkKind, units: list[str], lead: str = "") -> None:
        """Pack units (sentences or items) into chunks near the target size, lead-in first."""
        piece: list[str] = [lead] if lead else []
        base = len(piece)
        for unit in units:
            candidate = "\n".join([*piece, unit])
            if len(piece) > base and not self.fits(section, candidate, TARGET_CHUNK_TOKENS):
                self.add(section, kind, "\n".join(piece))
                piece = [lead] if lead else []
            piece.append(unit)
        if len(piece) > base:
            self.add(section, kind, "\n".join(piece))

    def pack_prose(self, section: str, paragraph: str) -> None:
        sentences = split_sentences(paragraph)
        piece: list[str] = []
        for sentence in sentences:
            if piece and not self.fits(section, " ".join([*piece, sentence]), TARGET_CHUNK_TOKENS):
                self.add(section, "prose", " ".join(piece))
                piece = []
            piece.append(sentence)
        if piece:
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
    rows = [line for line in lines if not _is_separator_row(line)]
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
