"""Text from outside (argv, stdin, web inputs, file names, file contents) made clean Unicode once.

`clean_text` replaces undecodable bytes and lone surrogates (what Python makes of invalid UTF-8
in argv, stdin and file names) with U+FFFD, turns carriage returns and other line-breaking
controls into spaces, and removes the remaining control characters except newline and tab. What
it changed is said in `notes`, so a caller can show it. `excerpt` quotes at most a short piece
of an input in a message.

Leaves out: any other normalization (NFC, case, spacing): the text keeps its meaning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACE_LIKE = re.compile("[\r\x0b\x0c\x85\u2028\u2029]")
# C0 and C1 controls (not \t or \n), DEL, and the bidirectional overrides that reorder text.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class CleanText:
    text: str
    notes: tuple[str, ...] = ()


def clean_text(value: str | bytes) -> CleanText:
    """`value` as clean Unicode, with a note for each kind of change made."""
    notes: list[str] = []
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
        bad = text.count(REPLACEMENT) - value.count(REPLACEMENT.encode())
        if bad:
            notes.append(f"{bad} byte(s) that are not UTF-8 replaced with {REPLACEMENT}")
    else:
        text, bad = _SURROGATE.subn(REPLACEMENT, value)
        if bad:
            notes.append(f"{bad} undecodable byte(s) or lone surrogate(s) replaced with �")
    text = _SPACE_LIKE.sub(" ", text)
    text, removed = _CONTROL.subn("", text)
    if removed:
        notes.append(f"{removed} control character(s) removed")
    return CleanText(text, tuple(notes))


def clean(value: str | bytes) -> str:
    """Just the clean text (where the caller has no place to show a note)."""
    return clean_text(value).text


def safe_name(name: str) -> str:
    """A file name fit to print: clean, with what was replaced shown as �."""
    return clean(name)


def excerpt(text: str, limit: int = 80) -> str:
    """At most `limit` characters of `text`, on one line, marked when cut."""
    flat = " ".join(clean(text).split())
    return flat if len(flat) <= limit else f"{flat[: limit - 1]}…"
