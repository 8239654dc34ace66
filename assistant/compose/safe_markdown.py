"""`sanitize(markdown)`: answer text made safe to render. No HTML tags (scripts, styles, iframes
and objects go with their content; other tags keep their inner text), no comments, images,
links (a link keeps its text), autolinks, bare URLs or link definitions; citation markers, "<"
and ">" in prose, dollar ranges and tables stay as they are.

Leaves out: escaping for HTML (ui.render escapes what it shows) and checking figures
(assistant.compose.grounding).
"""

from __future__ import annotations

import re

from assistant.compose.grounding import CITATION_MARKER

_BLOCKED = "\x00"  # stands in for text a pass removed


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_ATTRS = r"""(?:[^<>"']|"[^"]*"|'[^']*')*"""
_DANGEROUS_TAGS = "script|style|iframe|object"
_DANGEROUS = re.compile(
    rf"<(?:{_DANGEROUS_TAGS})\b{_ATTRS}/>"  # self-closed: nothing inside
    rf"|<({_DANGEROUS_TAGS})\b{_ATTRS}>.*?(?:</\1\s*>|\Z)",  # unclosed: to the end
    re.DOTALL | re.IGNORECASE,
)
_LABEL = r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
_ANY_TARGET = r"\((?:[^()]|\([^()]*\))*\)"
# A link target as CommonMark reads one, so "[1](see the table)" stays prose.
_LINK_TARGET = (
    r"""\([ \t]*(?:<[^<>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"""
    r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)"""
)
_IMAGE = re.compile(rf"!{_LABEL}(?:{_ANY_TARGET}|\[[^\[\]]*\])")
_LINK = re.compile(rf"{_LABEL}{_LINK_TARGET}")
_AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|www\.[^<>\s]*|[^<>\s@]+@[^<>\s]+)>"
)
# A tag as a browser reads one: the name runs to a space, "/" or ">" ("<img/src=x/onerror=…>").
_TAG = re.compile(rf"</?[A-Za-z][^\s/<>]*(?:[\s/]{_ATTRS})?>|<[!?][^<>]*>|<[A-Za-z!/?][^<>]*\Z")
_STRAY_OPENER = re.compile(r"<(?=[A-Za-z/!?])")  # what is left of a broken tag ("<a<b")
_LINK_DEFINITION = re.compile(
    r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?\S+>?"  # [label]: destination
    r"""(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^)]*\)))?[ \t]*(?:\n|\Z)""",  # optional "title"
    re.MULTILINE,
)
_BARE_URL = re.compile(
    r"\b(?:(?:https?|ftp)://|www\.)[^\s<>]*[^\s<>.,;:!?)\]'\"]"
    r"|\b(?:javascript|vbscript):\S*|\bdata:[\w.+-]+/[\w.+-]+[;,]\S*",
    re.IGNORECASE,
)


def sanitize(markdown: str) -> str:
    """The answer text safe to render: no HTML tags (scripts, styles, iframes and objects go
    with their content; other tags keep their inner text), no comments, images, links (a
    link keeps its text), autolinks, bare URLs or link definitions. Citation markers, "<" and
    ">" in prose, dollar ranges and tables are left as they are. Applied until nothing changes,
    so removing one tag cannot assemble another ("<scr<b>ipt>")."""
    text = markdown.replace(_BLOCKED, "")
    for _ in range(20):
        cleaned = _sanitize_once(text)
        if cleaned == text:  # settled: now drop what is left of broken tags ("<a<b")
            cleaned = _REMOVED.sub(_close_removal, _STRAY_OPENER.sub(_BLOCKED, text))
            if cleaned == text:
                break
        text = cleaned
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _sanitize_once(text: str) -> str:
    for pattern in (_COMMENT, _DANGEROUS, _IMAGE):
        text = pattern.sub(_BLOCKED, text)
    text = _LINK.sub(_link_text, text)
    for pattern in (_AUTOLINK, _TAG, _LINK_DEFINITION, _BARE_URL):
        text = pattern.sub(_BLOCKED, text)
    return _REMOVED.sub(_close_removal, text)


_REMOVED = re.compile(rf"[ \t]*{_BLOCKED}+[ \t]*")


def _close_removal(match: re.Match[str]) -> str:
    """Where something was removed: one space between two words that had space around it,
    nothing at a line's edge, before punctuation or inside a word."""
    before = match.string[match.start() - 1 : match.start()]
    after = match.string[match.end() : match.end() + 1]
    if before in ("", "\n") or after in ("", "\n") or after in ".,;:!?)]":
        return ""
    return " " if match.group(0).strip(_BLOCKED) else ""


def _link_text(match: re.Match[str]) -> str:
    """A link becomes its text; a link whose text is a marker stays a marker."""
    label = match.group(1)
    return match.group(0)[: len(label) + 2] if CITATION_MARKER.fullmatch(f"[{label}]") else label
