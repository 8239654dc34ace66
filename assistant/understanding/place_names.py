"""Where a text names places: each place's spellings from the place table (aliases, other
scripts), short capital-only aliases ("LA"), names broken into words as dictation writes them
("sea attle") and one typo in a longer name ("Singapur").

A country ("china", "the US") is named apart (`country_named`), with the places in it.

Leaves out: which comp row a place matches (assistant.understanding.entities.match_region)
and whether the place is where the user lives or works rather than what is asked
(entities.whereabouts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.index.common_words import common_words
from assistant.understanding.tables import CASE_SENSITIVE_ALIASES, COUNTRIES, PLACE_ALIASES
from assistant.understanding.words import edit_distance, normalize


@dataclass(frozen=True)
class PlaceMention:
    place: str  # canonical place name ("san francisco")
    spelled: str  # as found in the question, normalized


@lru_cache(maxsize=1)
def place_spellings() -> dict[str, str]:
    """Every spelling of every place (lower case) -> its canonical place."""
    return {
        spelling: place
        for place, aliases in PLACE_ALIASES.items()
        for spelling in (place, *aliases)
        if spelling not in CASE_SENSITIVE_ALIASES and normalize(spelling)
    }


@lru_cache(maxsize=1)
def unspaced_spellings() -> dict[str, str]:
    """Spellings in a script that normalized words leave out ("杭州", "魔都") -> their place."""
    return {
        spelling: place
        for place, aliases in PLACE_ALIASES.items()
        for spelling in aliases
        if not normalize(spelling)
    }


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Every word of every place's spellings ("san", "francisco", "sf", …)."""
    return frozenset(word for spelling in place_spellings() for word in spelling.split())


def places_in(text: str) -> list[PlaceMention]:
    """Places the text names, in the order it names them: by spelling (word runs looked up in a
    table), short capital-only aliases ("LA"), else one typo in a longer name ("Singapur")."""
    words = normalize(text).split()
    spellings = place_spellings()
    found: list[tuple[int, PlaceMention]] = []
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            spelling = " ".join(words[start : start + size])
            if spelling in spellings:
                found.append((start, PlaceMention(spellings[spelling], spelling)))
    found += [(start, mention) for start, mention in _broken_names(words, spellings)]
    for alias in CASE_SENSITIVE_ALIASES:
        hit = re.search(rf"(?<![A-Za-z0-9]){alias.upper()}(?![A-Za-z0-9])", text)
        if hit:
            place = next(p for p, aliases in PLACE_ALIASES.items() if alias in aliases)
            found.append((len(text[: hit.start()].split()), PlaceMention(place, alias)))
    for spelling, place in unspaced_spellings().items():
        at = text.find(spelling)
        if at >= 0:
            found.append((len(normalize(text[:at]).split()), PlaceMention(place, spelling)))
    if not found:  # a typo in a place name: one edit from six letters, two from nine
        everyday = common_words()  # an English word is no typo ("settle", "remove")
        for word in words:
            if len(word) < 5 or word in everyday:
                continue
            for spelling, place in spellings.items():  # "sunyvale": Sunnyvale, of the Bay Area
                limit = 2 if len(spelling) >= 9 else 1 if len(spelling) >= 6 else 0
                if not limit or " " in spelling or spelling[0] != word[0]:
                    continue  # a typo in the first letter is rare; skipping it keeps this fast
                if edit_distance(word, spelling, limit) <= limit:
                    found.append((0, PlaceMention(place, word)))
    found.sort(key=lambda item: item[0])
    # (one place in overlapping spellings, "the bay area": named by its longest spelling)
    longest = {m.place: m.spelled for _, m in sorted(found, key=lambda i: len(i[1].spelled))}
    seen: set[str] = set()
    return [
        PlaceMention(m.place, longest[m.place])
        for _, m in found
        if not (m.place in seen or seen.add(m.place))
    ]


def _broken_names(words: list[str], spellings: dict[str, str]):
    """Place names broken into words, as dictation writes them ("sea attle", "hang zhou"):
    two or three words, one of them no English word, that joined are a place's one-word
    spelling or one letter off it. Yields (word position, mention)."""
    everyday = common_words()
    for size in (2, 3):
        for start in range(len(words) - size + 1):
            parts = words[start : start + size]
            joined = "".join(parts)
            if len(joined) < 6 or not joined.isalpha():
                continue
            if spellings.get(joined):  # ("sunny vale")
                yield start, PlaceMention(spellings[joined], " ".join(parts))
                continue
            if all(p in everyday for p in parts):  # ("sea attle": one letter off)
                continue
            for spelling, place in spellings.items():
                if " " in spelling or spelling[0] != joined[0] or len(spelling) < 6:
                    continue
                if (
                    abs(len(spelling) - len(joined)) <= 1
                    and edit_distance(joined, spelling, 1) <= 1
                ):
                    yield start, PlaceMention(place, " ".join(parts))
                    break


# "the US", "U.S.", "USA": the United States only in capitals ("tell us" is no country)
_US = re.compile(r"\b(?:U\.S\.A?\.?|USA?)(?![\w.])")


def country_named(text: str) -> PlaceMention | None:
    """The country the text names ("does anyscale have a china office?", "alibaba US base"),
    as a mention of the country's canonical name; None when it names none."""
    # (a country told around the ask is where the user is: "…pro monat? so rechnen wir in …")
    asked = [s for s in re.split(r"(?<=[?.!])\s+", text) if s.rstrip().endswith("?")]
    text = " ".join(asked) or text
    normalized = normalize(text)
    for country, (spellings, _) in COUNTRIES.items():
        for spelling in spellings:
            said = normalize(spelling)
            if (said and re.search(rf"\b{re.escape(said)}\b", normalized)) or (
                not said and spelling in text
            ):
                return PlaceMention(country, said or spelling)
    return PlaceMention("united states", "us") if _US.search(text) else None
