"""Employers a question names that the corpus has no guide for: a well-known employer
(assistant.understanding.tables), spelled right or with one typo ("snowflke"), a capitalised
name after "at", "for", "from"… that is not a place, a pay word, a job title's acronym or a
level code, a name described as a company in brackets ("lambda (the gpu cloud co)"), or a
name typed in lower case that makes the user an offer ("coreweave offered me…").

Leaves out: the corpus's own companies and places (assistant.understanding.entities) and
deciding whether a named employer is the subject or only context (.subject).
"""

from __future__ import annotations

import re

from assistant.index.common_words import common_words
from assistant.understanding.place_names import place_spellings, places_in
from assistant.understanding.tables import (
    CASE_SENSITIVE_ALIASES,
    EMPLOYER_SPELLINGS,
    KNOWN_EMPLOYERS,
    NEUTRAL_WORDS,
    NOT_A_NAME,
)
from assistant.understanding.words import contains_phrase, normalize, within_one_edit

_UNKNOWN_NAME = re.compile(
    r"\b(?:at|for|from|with|join|joining|does|do|by)\s+([A-Z][A-Za-z0-9&.-]+(?:\s[A-Z][A-Za-z0-9&.-]+)?)"
)


_LEVEL_CODE = re.compile(r"[A-Z]{1,3}-?\d{1,2}")
# a name the user describes as a company in brackets: "lambda (the gpu cloud co)"
_DESCRIBED = re.compile(
    r"\b([A-Za-z][\w&.-]{2,})\s*\((?:the|a|an)\s[^()]{0,40}?\b"
    r"(?:co|company|startup|firm|lab|labs|provider|shop)\)",
    re.I,
)


def find_unknown_company(text: str, normalized: str) -> str | None:
    """A company named that the corpus has no guide for: a well-known employer, or a
    capitalised name after "at", "for", "from", "does"… that is not a place."""
    for name in KNOWN_EMPLOYERS:
        if any(contains_phrase(normalized, n) for n in EMPLOYER_SPELLINGS[name]):  # ("goog")
            return name
    typo = misspelled_employer(normalized)
    if typo:
        return typo
    described = _DESCRIBED.search(text)  # "lambda (the gpu cloud co) offered me…"
    if described and _a_name(text[: described.start()], normalize(described[1])):
        return described[1]
    for match in _UNKNOWN_NAME.finditer(text):
        name = match.group(1)
        key = normalize(name)
        if (
            key in place_spellings()
            or key in CASE_SENSITIVE_ALIASES
            or key.split()[0] in NOT_A_NAME
        ):
            continue
        if _LEVEL_CODE.fullmatch(name.split()[0]):  # "hinted at P8": a level, not an employer
            continue
        return name
    return offering_employer(normalized)


def _a_name(before: str, key: str) -> bool:
    """Whether a word described in brackets is a name ("lambda (the gpu cloud co)"), not a
    place, a job word, or a noun after "my", "our", "the"… ("my employer (a fintech co)")."""
    owned = re.search(r"\b(?:my|our|your|their|his|her|the|a|an|current|this)\s*$", before, re.I)
    generic = key in place_spellings() or key in NOT_A_NAME or key in NEUTRAL_WORDS
    return not (owned or generic)


TYPO_LETTERS = 6  # a word this long one edit from a known employer's name is that name


def misspelled_employer(normalized: str) -> str | None:
    """The well-known employer a word of six letters or more misspells by one edit
    ("snowflke", "databriks"), unless the word is an everyday one or a place ("strike" is
    not "stripe")."""
    everyday = common_words()
    for word in normalized.split():
        if len(word) < TYPO_LETTERS or word in everyday or word in place_spellings():
            continue
        for name in KNOWN_EMPLOYERS:
            if len(name) >= TYPO_LETTERS and " " not in name and within_one_edit(word, name):
                return name
    return None


def unknown_companies(normalized: str, first: str) -> list[str]:
    """`first` (the unknown company the question is about) and the other well-known employers
    it names beside it, in the order named ("grab vs shopee": both)."""
    named = [n for n in KNOWN_EMPLOYERS if contains_phrase(normalized, n)]
    if first.lower() not in named:
        return [first]
    return sorted(named, key=lambda n: normalized.find(n))


# "coreweave offered me…", "an offer from coreweave": a name typed in lower case is an
# employer only where an offer says so
_OFFERED_BY = re.compile(  # (each word tried: "…in san francisco coreweave offered me")
    r"\b(?=([a-z][a-z0-9&.-]{2,})(?: [a-z]+){0,2} (?:offered|is offering|made me an offer|"
    r"extended an offer|wants me|gave me an offer)\b)|\boffer (?:from|at) ([a-z][a-z0-9&.-]{2,})\b"
)


# words that follow a firm's name ("citadel securities", "jump trading", "modal labs")
_FIRM_WORDS = frozenset(
    "securities capital trading labs technologies systems inc ltd llc corp group holdings "
    "partners ventures".split()
)


def offering_employer(normalized: str) -> str | None:
    """A name the corpus does not know, typed in lower case, that makes the user an offer; not
    an everyday word, a place, a job word or a company of the corpus."""
    everyday = common_words()
    place_words = {w for place in places_in(normalized) for w in place.spelled.split()}
    for match in _OFFERED_BY.finditer(normalized):
        name = match.group(1) or match.group(2)
        after = normalized[match.end(match.lastindex or 0) :].split()[:1]
        if name in place_words:  # ("san francisco coreweave offered": no "francisco")
            continue
        if name in everyday and after and after[0] in _FIRM_WORDS:  # ("citadel securities")
            return f"{name} {after[0]}"
        if name in everyday or name in place_spellings() or name in NOT_A_NAME:
            continue
        if name in NEUTRAL_WORDS or _LEVEL_CODE.fullmatch(name.upper()):
            continue
        return name
    return None
