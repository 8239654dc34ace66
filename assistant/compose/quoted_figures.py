"""Figures the user says the guide gives, shown where the guide gives them: "i see two equity
numbers in the guide, 222 and 225. which one do i ask for?" (or one figure asked where it comes
from: "where does that 213 number come from?") is answered with each figure's sentence in the
company's negotiate-up script or levers, cited, so the guide's own words say
what each figure is for (the script's ask holding two offers, a lever's for one rival). A
blank of a script the user names ("what's the 'Y' in Y+55K?") is shown the same way: the
script's sentences that hold it ("…the offer of $[X]K base, $[Y]K RSUs…").

Leaves out: a figure checked against a comp row or against the script's asks
(assistant.compose.claims, which writes first; this writes nothing after it), choosing between
the figures beyond what the guide's sentences say, and figures in the guide's other prose.
"""

from __future__ import annotations

import re

from assistant.compose.claims import attributed_sentences
from assistant.compose.core import Evidence, Writer
from assistant.compose.lead import sentence_pieces
from assistant.compose.passages import one_line
from assistant.money import PERCENT, find_amounts
from assistant.understanding.asks import asked_sentences
from assistant.understanding.question import Understanding

# a bare figure in thousands, as people quote a guide's "$222K": "222 and 225"
_BARE_THOUSANDS = re.compile(
    r"(?<![\d.,$£€¥])\b([1-9]\d{1,2})\b(?![\d%]|[.,]\d|\s*(?:k|m|yrs?|years?|months?)\b)"
)
_ASKS = re.compile(r"\b(?:need|ask|asking|like|want|commit|floor)\b", re.I)  # "I need $213K base"
MIN_QUOTED = 2  # one figure is a claim to check (assistant.compose.claims); two ask which


def write_figures_found(writer: Writer, understood: Understanding, ev: Evidence) -> bool:
    """Open with each figure the question says the guide gives, in the sentence of the
    company's script or lever that gives it; whether any was found."""
    company = understood.company
    if not company:
        return False
    passages = [p for p in (*ev.facts.scripts, *ev.facts.levers) if p.company == company]
    said = [(sentence, MIN_QUOTED) for sentence, _ in attributed_sentences(understood.question)]
    if understood.asks_sources:  # "where does that 213 number come from?": one figure asked
        said.append((asked_sentences(understood.question), 1))
    for sentence, least in said:
        quoted = _figures(sentence)
        if len(quoted) < least:
            continue
        found = []
        for value in quoted:
            for passage in passages:
                said = next((m for m in passage.amounts if abs(m.low - value) < 0.5), None)
                if said is None:
                    continue
                giving = [s for s in sentence_pieces(passage.text) if said.raw in s]
                if not giving:
                    continue
                # (the sentence asking it, not one telling a rival's: "I need $213K base")
                where = next((s for s in giving if _ASKS.search(s)), giving[0])
                # (one figure asked where it comes from: each sentence of the passage giving it)
                words = " ".join(f'"{one_line(s)}"' for s in (giving if least == 1 else [where]))
                mark = writer.book.cite(passage.chunk_id)
                found.append(f"- **{said.raw}**, in **{passage.name}**: {words} {mark}")
                break
        if found:
            those = "those figures" if len(found) > 1 else "that figure"
            writer.add(f"Where the {company} guide gives {those}:", "", *found, "")
            return True
    return False


_BLANK = re.compile(r"\[([^\]\n]{1,40})\]")  # a script's blank: "$[Y+55K]", "[target]"


def write_blanks_found(writer: Writer, understood: Understanding, ev: Evidence) -> bool:
    """Open with the sentences of the company's script or levers holding the blanks the
    question names, cited; whether any was named."""
    company = understood.company
    if not company:
        return False
    for passage in (*ev.facts.scripts, *ev.facts.levers):
        if passage.company != company:
            continue
        named = [
            b for b in dict.fromkeys(_BLANK.findall(passage.text)) if _names(understood.question, b)
        ]
        if not named:
            continue
        holding = [
            f'"{one_line(s)}"'
            for s in sentence_pieces(passage.text)
            if any(f"[{b}]" in s for b in named)
        ]
        blanks = " and ".join(f"[{b}]" for b in named)
        where = f"Where the {company} guide's **{passage.name}** puts {blanks}:"
        writer.add(f"{where} {' '.join(holding)} {writer.book.cite(passage.chunk_id)}", "")
        return True
    return False


def _names(question: str, blank: str) -> bool:
    """Whether the question names a script's blank: in brackets ("[target]"), as typed when
    it holds a figure ("Y+55K"), or as the capital letter alone ("the 'Y'")."""
    if f"[{blank.lower()}]" in question.lower():
        return True
    if any(ch.isdigit() for ch in blank):
        return blank.lower() in question.lower()
    return (
        len(blank) == 1
        and re.search(rf"(?<![\w$]){re.escape(blank)}(?![\w])", question) is not None
    )


def _figures(sentence: str) -> list[float]:
    """The money figures a sentence quotes, bare ones read as thousands, each once."""
    values = [a.low for a, _, _ in find_amounts(sentence) if a.unit != PERCENT and a.low >= 1000]
    values += [float(m.group(1)) * 1000 for m in _BARE_THOUSANDS.finditer(sentence)]
    return list(dict.fromkeys(values))
