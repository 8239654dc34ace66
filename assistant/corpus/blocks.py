"""The structure of a guide's text as `Block`s: headings, tables, lists, quotes, Q&A lines and
paragraphs, for markdown and the scraped plain-text guides alike (`parse_blocks(text,
markdown)`). Plain-text headings are bare lines: short, capitalized, not ending like a
sentence; lines the scraper broke mid-sentence are joined back onto their item.

Leaves out: cutting blocks into chunks and measuring them (assistant.corpus.chunking), nested
lists (flattened), HTML and code blocks (treated as prose).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal


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


def strip_markup(text: str) -> str:
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
    return next_line is not None and is_separator_row(next_line)


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


class _ItemJoiner:
    """The last list item while lines keep joining onto it, split into its parts once at the end.

    A scraped item broken over many lines is joined back line by line; the joined text is split
    where one line holds several quoted items (`"…" - "…"`). Re-splitting the whole item after
    every line was quadratic in its length; the split only ever finds a `"… - "…` whose quotes
    are both present, so splitting the joined item once when it ends gives the same parts, and
    whether the item's text ends a sentence depends only on its last line (the lines are joined
    with a space, which no sentence ending spans)."""

    def __init__(self) -> None:
        self.segments: list[str] = []
        self.ends_sentence = False

    def start(self, body: str) -> None:
        self.segments = [body]
        self.ends_sentence = _ends_sentence(body)

    def join(self, line: str) -> None:
        self.segments.append(line)
        self.ends_sentence = _ends_sentence(line)

    def finish(self) -> list[str]:
        """The item's parts, stripped; the joiner is empty afterwards."""
        if not self.segments:
            return []
        joined, self.segments = " ".join(self.segments), []
        return [part.strip() for part in _QUOTED_ITEMS.split(joined)]


def parse_blocks(text: str, markdown: bool) -> list[Block]:
    """Split a guide into headings, tables, quotes, lists, Q/A lines and paragraphs."""
    lines = text.split("\n")
    blocks: list[Block] = []
    current: Block | None = None
    pending_lead_in = ""
    item = _ItemJoiner()  # the current list's last item, lines still joining onto it

    def close() -> None:
        nonlocal current
        if current is not None and current.kind == "list":
            current.lines.extend(item.finish())
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
                    Block("heading", [strip_markup(title)], level=1 if "=" in line else 2)
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
                level, title = len(heading.group(1)), strip_markup(heading.group(2))
            elif bold:
                level, title = 7, strip_markup(bold.group(1))
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
        list_item = _LIST_ITEM.match(line)
        if list_item:
            ordered = list_item.group(2) is not None
            if current is None or current.kind != "list" or current.ordered != ordered:
                lead_in = pending_lead_in or _take_lead_in(current, blocks)
                if lead_in:
                    current = None  # the lead-in moves into the list
                close()
                current = Block("list", ordered=ordered, lead_in=lead_in)
                pending_lead_in = ""
            current.lines.extend(item.finish())
            item.start(list_item.group(3).strip())
            continue
        if current is not None and current.kind == "list":
            indented = line.startswith(("  ", "\t"))
            if indented or (not was_after_blank and not item.ends_sentence):
                # The scraper broke this item mid-sentence (or it is indented): join it back.
                item.join(line.strip())
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


def is_separator_row(line: str) -> bool:
    """A table's header separator ("|---|:--:|")."""
    return "-" in line and bool(
        re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", line.strip())
    )
