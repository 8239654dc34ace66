"""An answer as the chat shows it: its markdown made safe, the long parts folded, a plain footer.

- `safe_markdown(text)`: no raw HTML, images or outside links; text inside a fenced block (a
  draft to copy) is left as it is, since the block shows it literally (escaping it there would
  show "&gt;"), and a line that would close the fence early is indented.
- `chat_markdown(text)`: the answer's first part (its verdict or direct answer) shown as it is,
  then, in an answer of several parts, each later part that is long (a table, a draft, more
  than LONG_LINES lines) folded into a <details> whose summary is the part's own heading; short
  parts stay open, and an answer of one or two parts (a restyled draft) is shown whole.
- `answer_footer(answer)`: who wrote the answer and what the check did, in the user's words
  ("Written without a model · checked against the sources · 6 sources"); the internal names
  (backend, grounding status) stay in `--json` and the logs.

Leaves out: the sources panel (ui.passage) and the workbench (ui.render, ui.chart).
"""

from __future__ import annotations

import html
import re

from assistant.answer import Answer

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*[a-zA-Z][\w+.-]*:[^)]*\)")
_DESTINATION = re.compile(r"\]\(\s*<?[a-zA-Z][\w+.-]*:[^)]*\)")  # a link _LINK missed: [a [b]](…)
_DEFINITION = re.compile(r"^ {0,3}(?=\[[^\]]+\]:)", re.MULTILINE)  # '[1]: https://…' defines a link
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_OPENING = re.compile(r" {0,3}(?:`{3,}|~{3,})[\w-]*\s*")  # a fence with a plain info word
_HEADING_LINE = re.compile(r"^\*\*[^*\n]+\*\*")  # a part starts with a bold heading
LONG_LINES = 6
MIN_PARTS_TO_FOLD = 3  # an answer of one or two parts is shown whole


def _escape_prose(text: str) -> str:
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _DESTINATION.sub("]", text)  # what is left of a link or image with nested brackets
    text = _DEFINITION.sub(r"\\", text)  # '\\[1]: …' is text, not a reference definition
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_markdown(text: str) -> str:
    """Answer markdown as the chat shows it: no raw HTML, no images, no links to elsewhere;
    fenced blocks kept literally (the markdown renderer escapes their text)."""
    out: list[str] = []
    prose: list[str] = []
    fence = ""

    def flush() -> None:
        if prose:
            out.extend(_escape_prose("\n".join(prose)).split("\n"))
            prose.clear()

    for line in text.split("\n"):
        opener = _FENCE.match(line)
        if not fence:
            if opener and _OPENING.fullmatch(line):
                flush()
                fence = opener[1]
                out.append(line.strip())
            else:
                prose.append(line)
            continue
        if line.strip() == fence:
            out.append(fence)
            fence = ""
        else:
            out.append(f" {line}" if opener else line)  # never closes the block early
    if fence:  # an unclosed block is closed, so nothing after it is read as code
        out.append(fence)
    flush()
    return "\n".join(out)


def _parts(text: str) -> list[list[str]]:
    """The answer cut before each line that starts with a bold heading (outside fences)."""
    parts: list[list[str]] = [[]]
    in_fence = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not in_fence and _HEADING_LINE.match(line) and any(x.strip() for x in parts[-1]):
            parts.append([])
        parts[-1].append(line)
    return parts


def _is_long(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    return len(filled) > LONG_LINES or any(_FENCE.match(line) for line in lines)


def _summary(heading: str) -> str:
    """The part's heading as the fold's summary: markdown emphasis removed, escaped."""
    plain = re.sub(r"\*\*|__|(?<!\w)\*(?!\s)|(?<=\S)\*(?!\w)", "", heading).strip().rstrip(":")
    return html.escape(html.unescape(plain), quote=False)


def chat_markdown(text: str) -> str:
    """The answer for the chat: safe, with its long later parts folded under their headings."""
    parts = _parts(safe_markdown(text))
    if len(parts) < MIN_PARTS_TO_FOLD:  # one thing asked for ("make the email shorter"): open
        return "\n".join("\n".join(part) for part in parts)
    out = ["\n".join(parts[0]).strip("\n")]
    for part in parts[1:]:
        body = "\n".join(part).strip("\n")
        if not _is_long(part):
            out.append(body)
            continue
        heading, rest = part[0], "\n".join(part[1:]).strip("\n")
        out.append(
            f'<details class="coach-part"><summary>{_summary(heading)}</summary>\n\n'
            f"{rest}\n\n</details>"
        )
    return "\n\n".join(p for p in out if p)


def answer_footer(answer: Answer) -> str:
    """Who wrote the answer and what the check did, in one line of plain words."""
    grounding = answer.grounding
    status = grounding.status if grounding else "ok"
    model = answer.backend != "composer"
    parts = ["Written by a language model" if model else "Written without a model"]
    if status == "ok":
        parts.append("checked against the sources")
    elif status == "repaired":
        dropped = len(grounding.dropped) if grounding else 0
        parts.append(
            f"checked against the sources: {dropped} sentence{'s' * (dropped != 1)} they do "
            "not support removed"
            if dropped
            else "checked against the sources: corrected"
        )
    else:  # fallback: the model's text did not hold up, so the model-free answer is shown
        parts[0] = "Written without a model"
        parts.append("the model's wording did not match the sources, so it is not shown")
    count = len(answer.citations)
    if count:
        parts.append(f"{count} source{'s' * (count != 1)}")
    footer = " · ".join(parts)
    if answer.notice:
        footer += f" · {answer.notice}"
    return f"\n\n---\n*{_escape_prose(footer)}*"
