"""Words of a question compared as words: normalizing (lower case, no accents, no possessive
"'s"), whole-word phrase matching ("sign-on" matches "sign on") and edit distances for typos.

Leaves out: what the words name (assistant.understanding.entities) and what they ask
(assistant.understanding.question).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_WORD = re.compile(r"\b[a-z]#(?![\w#])|[a-z0-9][a-z0-9&.'+-]*", re.I)  # (and "c#", "f#")


@lru_cache(maxsize=8192)
def normalize(text: str) -> str:
    """Lower-case words without accents ("Kraków" -> "krakow"), joined by single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("’", "'")
    words = (word.lower().strip(".'") for word in _WORD.findall(folded))
    return " ".join(word[:-2] if word.endswith("'s") else word for word in words)


def contains_phrase(haystack: str, phrase: str) -> bool:
    """Whole-word phrase match in normalized text."""
    return find_phrase(haystack, phrase) is not None


def find_phrase(haystack: str, phrase: str) -> re.Match[str] | None:
    """The phrase's first whole-word match in normalized text. (Its first hyphen-free part is
    looked for as plain text first: most of the hundreds of phrases a question is checked for
    are not in it, and that test is many times faster than the pattern's.)"""
    if phrase.split("-", 1)[0] not in haystack:
        return None
    return phrase_pattern(phrase).search(haystack)


def first_phrase_at(haystack: str, phrases: Iterable[str]) -> int:
    """Where the first of `phrases` is in normalized text (its length when none is): which of
    two asks comes first."""
    found = (find_phrase(haystack, phrase) for phrase in phrases)
    return min((match.start() for match in found if match), default=len(haystack))


@lru_cache(maxsize=16384)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Compiled once per phrase (a question checks hundreds); "sign-on" matches "sign on"."""
    body = r"[-\s]?".join(re.escape(part) for part in phrase.split("-"))
    return re.compile(rf"(?<![a-z0-9]){body}(?![a-z0-9])")


def deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 once it is known to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by at most one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and (a[diff[1]] == b[diff[0]])
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# The commonest short words of the languages job seekers mix with English in Latin letters
# (Spanish, Portuguese, Hindi, pinyin), none an English word: two of them mark the mix
_FUNCTION_WORDS_ELSEWHERE = frozenset(
    "el los las del que es y para por una uno como cuanto cuanta cuantos cuantas cual donde "
    "pero muy tiene tengo esta este sobre entre os da das dos em uma quanto qual tem mais "
    "muito nao hai hain kya ka ki ke ko aur mein nahi nahin kitna kitni kitne kaise kaisa "
    "kaisi hota hoti hote kab kyun bhi toh yeh woh tak wala wali shi ne zai hen duoshao "
    "zenme shenme nage zhege women".split()
)


def mixes_another_language(text: str) -> bool:
    """Whether the text mixes English with another language typed in Latin letters ("cuantas
    rondas tiene el onsite", "kitne rounds hote hai"): two of that language's commonest words."""
    return len(set(normalize(text).split()) & _FUNCTION_WORDS_ELSEWHERE) >= 2


def one_letter_off(word: str, candidates) -> str | None:
    """The one word of `candidates` that `word` is typed one edit from ("rouns": "round",
    with "rounds" taken as the same word and "runs" as a farther one, sharing less of its
    start), or None when none or several differ."""
    near = [c for c in candidates if c[:1] == word[:1] and within_one_edit(word, c)]
    longest = max((_common_start(word, c) for c in near), default=0)
    near = [c for c in near if _common_start(word, c) == longest]
    return min(near) if len({c.removesuffix("s") for c in near}) == 1 else None


def _common_start(a: str, b: str) -> int:
    """How many letters `a` and `b` share from their start."""
    pairs = enumerate(zip(a, b, strict=False))
    return next((i for i, (x, y) in pairs if x != y), min(len(a), len(b)))


def spelled_out(text: str, guides) -> str:
    """`guides.spelled_out(text)` (numeronyms, words without vowels or hyphens), and the
    guides' words the text types one letter off ("rouns" -> "round", "interveiw" ->
    "interview"): a word of five letters or more that is no guide word nor an English word
    (not a company's name typed so: "alibab" is read as the company elsewhere)."""
    from assistant.index.common_words import common_words  # (the model's own vocabulary)

    found, common, by_initial = [guides.spelled_out(text)], common_words(), guides.words_by_initial
    companies = {normalize(company) for company in guides.terms}  # (read as companies already)
    for word in dict.fromkeys(re.findall(r"\b[a-z]{5,}\b", text.lower())):
        if word not in common and word not in by_initial.get(word[0], ()):
            spelled = one_letter_off(word, by_initial.get(word[0], ())) or ""
            found.append("" if spelled in companies else spelled)
    return " ".join(filter(None, found))


_SHARES = frozenset("some percent pct fraction portion share part half multiple".split())


def as_a_measure(words: list[str], at: int) -> bool:
    """Whether the word at `at` of normalized `words` is what something else is measured in
    ("fully paid or some % of base", "50 percent of my base": the leave's pay, not the base's)."""
    before = words[max(0, at - 3) : at]
    if before[-1:] in (["my"], ["the"], ["your"]):
        before = before[:-1]
    return (
        before[-1:] == ["of"]
        and len(before) > 1
        and (before[-2] in _SHARES or before[-2].isdigit())
    )


SET_ASIDE_REACH = 4  # words back from a pay word to the "instead of" that sets it aside


def set_aside(words: list[str], at: int) -> bool:
    """Whether the word at `at` of normalized `words` names what the asker sets aside, not
    what they ask for ("a remote stipend instead of pushing the base higher", "rather than
    more base")."""
    before = " ".join(words[max(0, at - SET_ASIDE_REACH) : at])
    return any(cue in f" {before} " for cue in (" instead of ", " rather than "))


def not_asked_there(words: list[str], at: int, later: list[int]) -> bool:
    """Whether the pay word at `at` is named but not asked for: as a measure, in a condition
    before what is asked (`later`), or as what is set aside."""
    return as_a_measure(words, at) or in_a_condition(words, at, later) or set_aside(words, at)


CONDITION_REACH = 6  # words back from a pay word to the "if" of the condition naming it
_CONDITIONS = frozenset(("if", "when", "once"))


def in_a_condition(words: list[str], at: int, later: list[int]) -> bool:
    """Whether the word at `at` of normalized `words` is named by a condition that comes
    before what is asked of it, at one of the positions `later` ("if they give me the sign-on
    and i leave after 9 months, do i owe it back?": the clawback is asked, not the sign-on)."""
    opened = _CONDITIONS & set(words[max(0, at - CONDITION_REACH) : at])
    return bool(opened) and any(position > at for position in later)


# "what do I say?", "how should I reply?": words asked for, which a script gives (general
# language)
WHAT_TO_SAY = re.compile(
    r"\bwhat (?:do|should|would|can|could) i (?:say|tell|write|reply|respond|answer)\b|"
    r"\bhow (?:do|should|would|can|could) i (?:respond|reply|word|phrase|answer)\b",
    re.I,
)


# "AWS (annual wage supplement)", "annual wage supplement (AWS)": an abbreviation spelled out
_ABBREVIATION_THEN = re.compile(  # (up to three words between: "AWS on top (annual wage …)")
    r"\b([A-Za-z]{2,6})\b(?=(?:\s+[A-Za-z]+){0,3}\s*\(([^()]{3,80})\))"
)
_WORDS_THEN_ABBREVIATION = re.compile(r"((?:[A-Za-z][\w'-]*\s+){1,6})\(([A-Za-z]{2,6})\)")


def _initials_match(abbreviation: str, words: list[str]) -> bool:
    letters = abbreviation.lower()
    return len(words) >= len(letters) and "".join(w[0].lower() for w in words) == letters


def abbreviations_spelled_out(text: str) -> str:
    """The text with each abbreviation that is spelled out beside it in brackets read as its
    words: "do they pay AWS on top (annual wage supplement, the 13th month thing)" -> "…pay
    annual wage supplement on top (…)"; "annual wage supplement (AWS)" -> "annual wage
    supplement". So "AWS" there is no company; "Amazon Web Services (AWS)" still names one.
    An abbreviation whose letters are not the words' initials is left as it is."""

    def expanded(match: re.Match[str]) -> str:
        words = re.findall(r"[A-Za-z][\w'-]*", match[2])[: len(match[1])]
        return " ".join(words) if _initials_match(match[1], words) else match[1]

    def dropped(match: re.Match[str]) -> str:
        words = match[1].split()[-len(match[2]) :]
        return match[1].rstrip() if _initials_match(match[2], words) else match.group(0)

    return _WORDS_THEN_ABBREVIATION.sub(dropped, _ABBREVIATION_THEN.sub(expanded, text))
