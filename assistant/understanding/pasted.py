"""What a message pastes rather than says: lines quoted with ">" (an email), an offer letter's
fields ("Start date: flexible", two or more such lines in a row) and a quoted passage of a
sentence or more ('"Congrats on moving forward! …"'). What is pasted tells; the user's own
words ask.

`mark_pasted` runs on the message as typed, while its lines are still lines, and wraps each
pasted block of lines in « »; the cleaned question joins lines, and `without_pasted` blanks
the marked blocks and the quoted passages.

Leaves out: which of the user's own sentences ask (assistant.understanding.asks) and what the
pasted figures are (the offer reader reads every amount, pasted or not).
"""

from __future__ import annotations

import re

OPEN, CLOSE = "«", "»"
_QUOTED = re.compile(
    r'["“][^"”]*?[.!?][^"”]*["”]'
    # ("hr said: 'Congrats on passing! We'll share the schedule.'": single quotes, a sentence)
    r"|(?:^|(?<=[\s:(]))['‘](?=[A-Z])[^\n]*?[.!?]['’](?=\s|$)"
)
_MARKED = re.compile(rf"{OPEN}[^{CLOSE}]*{CLOSE}")
_QUOTED_LINE = re.compile(r"^[ \t]*>")
# "Base: $182,000", "Start date: flexible": a short label, a colon, a value that asks nothing
_FIELD_LINE = re.compile(r"^[ \t]*[A-Za-z][\w ()/&.'-]{0,30}:[ \t]+[^?]+$")


def mark_pasted(text: str) -> str:
    """The message with each run of ">" lines, and each run of two or more field lines,
    wrapped in « » (the ">" taken off)."""
    lines = text.split("\n")
    kinds = [
        "quote" if _QUOTED_LINE.match(line) else "field" if _FIELD_LINE.match(line) else ""
        for line in lines
    ]
    out: list[str] = []
    at = 0
    while at < len(lines):
        end = at
        while end < len(lines) and kinds[end] and kinds[end] == kinds[at]:
            end += 1
        run = end - at
        if kinds[at] == "quote" or (kinds[at] == "field" and run >= 2):
            body = [re.sub(r"^[ \t]*>[ \t]?", "", line) for line in lines[at:end]]
            out.append(OPEN + "\n".join(body).replace(CLOSE, " ") + CLOSE)
            at = end
        else:
            out.append(lines[at])
            at += 1
    return "\n".join(out)


def without_pasted(text: str) -> str:
    """The text with what it pastes blanked out (each passage becomes one space)."""
    return _QUOTED.sub(" ", _MARKED.sub(" ", text))
