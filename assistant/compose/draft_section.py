"""The drafts of a counter answer as the chat shows them: each draft (the email, the phone script)
a plain-text block ready to copy (a fenced `text` block: no markers, no markdown, no "> "), its
sources listed beneath it (a passage the answer cited above as "(source n)", else with a new
[n] marker), and the walk-away floor outside the block (it is said to no one). A restyle
request ("make the email shorter") gets only the draft it asked for, in that style, from the
same figures.

Leaves out: the drafts' wording and figures (assistant.engine.drafts, draft_styles) and the rest
of the counter answer (assistant.compose.counter).
"""

from __future__ import annotations

import re

from assistant.compose.core import MARKER, Writer
from assistant.compose.lead import sentence_pieces
from assistant.compose.passages import one_line
from assistant.engine.draft_styles import STYLE_WORDS
from assistant.engine.drafts import Drafts

FENCE = "```"
PRIVATE = "Private, do not say: "


def write_draft_section(writer: Writer, drafts: Drafts, asks: str = "", own: bool = False) -> None:
    """Both drafts (an ordinary counter answer), or only the one a restyle request asked for,
    after `asks` (the counter's asks in one line: what the draft asks for, said first); `own`:
    the user's own figures replaced some of the last draft's ("…asking for 205 base")."""
    brief = (asks, "") if asks else ()
    same = "your own figures where you gave them" if own else "the same figures"
    if drafts.style == "phone":
        writer.add(f"Here is what to say on the phone, from {same}:", "", *brief)
        _phone(writer, drafts)
        return
    if drafts.style == "email":  # "write me the email": that draft alone
        writer.add(f"Here is the email, from {same}:", "", *brief)
        _email(writer, drafts, "**Email draft** (plain text to send; fill in the names)")
        return
    if drafts.style != "standard":
        words = STYLE_WORDS[drafts.style]
        writer.add(f"Here is the email, {words}, with {same}:", "", *brief)
        _email(writer, drafts, "**Email draft**")
        return
    _email(writer, drafts, "**Email draft** (plain text to send; fill in the names)")
    writer.add("")
    _phone(writer, drafts)


def _email(writer: Writer, drafts: Drafts, heading: str) -> None:
    writer.add(heading, "", *_block(drafts.email))
    writer.add(*_sources_lines(writer, drafts, drafts.marked_email or drafts.email))


def _phone(writer: Writer, drafts: Drafts) -> None:
    said = [line for line in drafts.phone.splitlines() if not line.startswith(PRIVATE)]
    writer.add("**Phone script** (what to say)", "", *_block("\n".join(said)))
    said_marked = "\n".join(
        line for line in drafts.marked_phone.splitlines() if not line.startswith(PRIVATE)
    )
    writer.add(*_sources_lines(writer, drafts, said_marked))
    private = [line for line in drafts.marked_phone.splitlines() if line.startswith(PRIVATE)]
    for line in private:
        floor = _renumbered(writer, drafts, line.removeprefix(PRIVATE))
        writer.add("", f"Keep to yourself: {floor}")


def _block(text: str) -> list[str]:
    """A fenced plain-text block; a line that would close the fence is indented by a space."""
    lines = [f" {line}" if line.lstrip().startswith(FENCE) else line for line in text.splitlines()]
    return [f"{FENCE}text", *lines, FENCE]


def _sources_lines(writer: Writer, drafts: Drafts, marked: str) -> list[str]:
    """'Its figures come from:' and a line per source of the markers in `marked` ("- your
    offer, as you wrote it", "- Anyscale script [2]"): each source's own words beside its
    marker, so each line rests on the passage it cites."""
    used = {int(n) for n in MARKER.findall(marked)}
    parts = []
    for citation in drafts.citations:
        if citation.n not in used:
            continue
        if citation.chunk_id is None:
            parts.append("your offer, as you wrote it")
        elif citation.chunk_id in writer.book.numbers:  # cited above: named, not re-marked
            parts.append(f"{citation.name} (source {writer.book.numbers[citation.chunk_id]})")
        elif citation.chunk_id in writer.book.records:
            mark = writer.book.cite(citation.chunk_id)
            source = writer.book.records[citation.chunk_id].text
            said = _sentence_giving(source, marked)
            ranges = _ranges_from(source, marked, citation.n)  # (a row: the ranges taken)
            shown = f': "{said}"' if said else f": {', '.join(ranges)}" if ranges else ""
            parts.append(f"{citation.name} {mark}{shown}")
    return (
        ["Its figures come from:", *(f"- {part}" for part in dict.fromkeys(parts))] if parts else []
    )


_MONEY = re.compile(r"[$£€¥]\s?\d[\d,.]*\s?[KkMm]?")


def _sentence_giving(source: str, draft: str) -> str:
    """The sentence of a passage cited for the first time under a draft that gives most of the
    draft's amounts ("To choose Anyscale, I need $213K base, $222K equity/4yr…"), quoted so
    the figures are seen in their source; "" for a table row or when none gives one."""
    amounts = {m.group(0).replace(" ", "").upper() for m in _MONEY.finditer(draft)}
    best, shared = "", 0
    for sentence in sentence_pieces(source):
        if "|" in sentence:  # (a table row, with or without the title line before it)
            continue
        found = {m.group(0).replace(" ", "").upper() for m in _MONEY.finditer(sentence)}
        if len(found & amounts) > shared:
            best, shared = one_line(sentence), len(found & amounts)
    return best


_RANGE = re.compile(r"[$£€¥]?\s?\d[\d,.]*\s?[KkMm]?\s?[–-]\s?[$£€¥]?\s?\d[\d,.]*\s?[KkMm]?")


def _ranges_from(source: str, draft: str, n: int) -> list[str]:
    """The ranges the draft's lines marked [n] take from the passage, as the passage writes
    them ("$163K–$213K" of a band row)."""
    lines = [line for line in draft.splitlines() if f"[{n}]" in line]
    found = [m.group(0).strip() for line in lines for m in _RANGE.finditer(line)]
    return list(dict.fromkeys(r for r in found if r in source))


def _renumbered(writer: Writer, drafts: Drafts, text: str) -> str:
    """The drafts' own markers mapped to this answer's citations (the user's offer unmarked)."""
    mapping = {
        c.n: (writer.book.cite(c.chunk_id) if c.chunk_id in writer.book.records else "")
        for c in drafts.citations
    }
    text = MARKER.sub(lambda m: mapping.get(int(m.group(1)), ""), text)
    return re.sub(r" +([.,;:)])", r"\1", re.sub(r" {2,}", " ", text))
