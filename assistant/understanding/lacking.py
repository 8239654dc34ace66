"""What the user says they lack: "never touched gpus", "zero competing offers", "no on-call
experience", and "i have neither" after the things it refers to ("the script leans on having
nvidia + databricks offers. i have neither."). The levers and counters that rest on such a
thing are put last (assistant.compose.levers, assistant.compose.counter_lead).

Leaves out: what the user has (assistant.understanding.subject reads that as context).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import SENTENCE_BREAK

# "never touched gpus", "zero competing offers", "no on-call experience": what follows is lacked
_LACKING = re.compile(
    r"\b(?:no|zero|never|without|(?:don'?t|do not|haven'?t|have not|never) (?:have|had|got|"
    r"done|used|touched|worked (?:on|with)))\s+((?:[\w/+-]+\s+){0,2}[\w/+-]+)",
    re.I,
)
# "i have neither", "i don't have any of those": what the sentence before names is lacked
_LACKS_THOSE = re.compile(
    r"\bi (?:have|got) (?:neither|none of (?:those|them|these))\b"
    r"|\bi (?:don'?t|do not|dont) have (?:either|those|them|any of (?:those|them|these))\b",
    re.I,
)


def lacked_words(text: str) -> str:
    """The words right after a "no"/"never"/"zero" the user says of themselves ("never touched
    gpus" -> "touched gpus"), up to three, and the sentence an "i have neither" refers to,
    joined; "" when none."""
    found = [m.group(1) for m in _LACKING.finditer(text)]
    sentences = SENTENCE_BREAK.split(text)
    pairs = zip(sentences, sentences[1:], strict=False)
    found += [before for before, sentence in pairs if _LACKS_THOSE.search(sentence)]
    return " ".join(found)
