"""Whose interviews a question asks about when they are not the subject company's: another
employer's own loop named ("google's sre loop", "amazon's onsite"), or "their rounds" after the
sentence that named that employer ("also interviewing at databricks. what are their rounds?").

Leaves out: what the coverage statement says about them (assistant.compose.coverage) and who
the subject is (assistant.understanding.companies_asked).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import REFERENCE, asked_sentences
from assistant.understanding.entities import normalize
from assistant.understanding.question import Understanding

_ASKS = re.compile(r"\b(?:what|whats|how|which|when|where|who|why|do|does|is|are|will)\b")


def loops_of_others(frame: Understanding) -> tuple[list[str], bool]:
    """Employers other than the subject whose own interviews the asking sentences name
    ("google's sre loop", "amazon's onsite"), on an interview question; and whether a clause
    naming them, or another asking clause, names the subject too ("alibaba's interview compared
    to google's loop", "which languages can i code in for alibaba?")."""
    if frame.intent != "interview":
        return [], False
    names = {n.lower(): n for n in (*frame.outside_companies, *frame.context_names)}
    subject = (frame.company or "").lower()
    found, beside = [], False
    asking = asked_sentences(frame.question)
    # "…a databricks loop next month. whats each one like?" (not "…an uber loop the same week.
    # is alibaba's coding round that brutal?": the subject's own loop is what is asked)
    if REFERENCE.search(normalize(asking)) and not (subject and subject in asking.lower()):
        asking = frame.question
    for clause in re.split(r"[?!.;]|\s[—–-]\s", asking.lower()):
        for key, name in names.items():
            if re.search(
                rf"\b{re.escape(key)}(?:'s|s)?\s+(?:[\w/+&-]+\s+){{0,2}}"
                r"(?:loop|interviews?|onsite|interview process|hiring process|rounds?)\b",
                clause,
            ):
                if name not in found:
                    found.append(name)
                beside = beside or bool(subject and subject in clause)
        # ("for alibaba what are the rounds about? and how does anyscale interview?", "which
        # languages can i code in for alibaba? and does cloudflare…")
        beside = beside or bool(subject and subject in clause and _ASKS.search(clause))
    last = _named_before_their_loop(frame.question.lower(), [*names, subject])
    if not found and last in names:  # "…at databricks for an SRE spot. what are their rounds?"
        found.append(names[last])
    return found, beside


_THEIR_LOOP = re.compile(
    r"\b(?:their|they|them)\b[^.?!]{0,40}?\b(?:loop|interviews?|interview process|onsite|rounds?)\b"
    r"|\b(?:rounds?|loop|interviews?|onsite)\b[^.?!]{0,20}?\b(?:there|theirs)\b"
)


def _named_before_their_loop(question: str, names: list[str]) -> str | None:
    """The employer named last before an asking sentence asks about "their" interviews
    ("also interviewing at databricks for an SRE spot. what are their rounds?", "nvidia loop
    next wk, what do they ask?"): whose they are; None when no such sentence, or no name
    before it."""
    for sentence in re.split(r"(?<=[.!?])\s+", question):
        if "?" in sentence and (their := _THEIR_LOOP.search(sentence)):
            # (named before it, in that sentence too: "nvidia loop next wk, what do they ask?")
            before = question[: question.index(sentence) + their.start()]
            spots = [
                (m.start(), n)
                for n in names
                if n
                for m in re.finditer(rf"\b{re.escape(n)}\b", before)
            ]
            return max(spots)[1] if spots else None
    return None
