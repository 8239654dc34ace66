"""The name and phrase tables understanding reads, loaded once from the JSON files beside this
module and turned into the Python types the code matches with (dicts of tuples, frozensets).

- places.json: places and their spellings (PLACE_ALIASES, in the order they are tried), places
  in one metro area (SAME_METRO), spellings taken only in capitals (CASE_SENSITIVE_ALIASES),
  countries and the places in them (COUNTRIES).
- companies.json: company spellings (COMPANY_ALIASES), well-known employers the guides may not
  cover (KNOWN_EMPLOYERS), cloud services read as their cloud (PLATFORM_SERVICES), first words
  that do not start a company's name (NOT_A_NAME).
- phrases.json: pay-component words and queries, weighted intent phrases, job, neutral,
  stop and generic role words, currencies named in words, the guides' words for topics asked
  in everyday words (`topics_named` gives them for a query).

Each file's "about" says what its tables mean. Leaves out: matching names and places
(assistant.understanding.entities and .question do it) and the currency symbols and codes
(assistant.money).
"""

from __future__ import annotations

import json
import re
from collections.abc import Container
from importlib.resources import files
from typing import Any

from assistant.understanding.words import contains_phrase


def _load(name: str) -> dict[str, Any]:
    return json.loads(files(__package__).joinpath(name).read_text(encoding="utf-8"))


def _tuples(mapping: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(values) for key, values in mapping.items()}


_places = _load("places.json")
_companies = _load("companies.json")
_phrases = _load("phrases.json")

# --- places ----------------------------------------------------------------------------------
# Canonical place -> other ways people write it. A region label in a guide ("Bay Area / Sunnyvale
# (US R&D)") matches a place when the label contains the place or one of its spellings.
PLACE_ALIASES: dict[str, tuple[str, ...]] = _tuples(_places["places"])
# Places in one metro area: asked about one, a row for the other is the right row.
SAME_METRO: dict[str, tuple[str, ...]] = _tuples(_places["same_metro"])
# Short spellings that are also English words are only taken in capitals ("LA", "SG").
CASE_SENSITIVE_ALIASES: frozenset[str] = frozenset(_places["case_sensitive_aliases"])
# A country -> (its spellings, the places in it): "does anyscale have a china office?"
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    country: (tuple(c["spellings"]), tuple(c["places"]))
    for country, c in _places["countries"].items()
}

# --- companies -------------------------------------------------------------------------------
# Lower-case company names as guides title them -> extra spellings people use.
COMPANY_ALIASES: dict[str, tuple[str, ...]] = _tuples(_companies["aliases"])
# Named in a question while no guide for them is indexed, they make the question out of the
# corpus rather than a question about some other company. In order: the first found is named.
KNOWN_EMPLOYERS: tuple[str, ...] = tuple(_companies["known_employers"])
# A cloud platform's name -> its services people name for it ("eks" runs on AWS).
PLATFORM_SERVICES: dict[str, tuple[str, ...]] = _tuples(_companies["platform_services"])
# A well-known employer's name and its other spellings that name only it ("goog", "msft"; not
# a cloud platform the user may have worked on, "azure", nor another employer's name).
EMPLOYER_SPELLINGS: dict[str, tuple[str, ...]] = {
    name: (
        name,
        *(
            alias
            for alias in COMPANY_ALIASES.get(name, ())
            if alias not in KNOWN_EMPLOYERS and alias not in PLATFORM_SERVICES
        ),
    )
    for name in KNOWN_EMPLOYERS
}
# First words of a capitalised phrase after "at/for/from…" that do not start a company's name,
# pay words written in capitals ("what does TC mean?") and job titles' acronyms ("pay numbers
# for DBAs") among them.
_ROLE_ACRONYMS = list(_load("asks.json")["role_acronyms"])
NOT_A_NAME: frozenset[str] = frozenset(
    _companies["not_a_name"]
    + _companies["pay_words_in_capitals"]
    + _ROLE_ACRONYMS
    + [f"{acronym}s" for acronym in _ROLE_ACRONYMS]
)

# --- words and phrases -----------------------------------------------------------------------
# Pay components ("base", "stock", "bonus", "total", "sign_on") -> the phrases that name them.
COMPONENT_WORDS: dict[str, tuple[str, ...]] = _tuples(_phrases["component_words"])
# What a follow-up adds to the retrieval query for the component it carries over.
COMPONENT_QUERY: dict[str, str] = dict(_phrases["component_queries"])
# Intent -> (weight, phrases) groups; the intent with the highest sum wins, ties going to the
# earlier intent in this table.
INTENT_PHRASES: dict[str, tuple[tuple[float, tuple[str, ...]], ...]] = {
    intent: tuple((float(group["weight"]), tuple(group["phrases"])) for group in groups)
    for intent, groups in _phrases["intent_phrases"].items()
}
LEVEL_PHRASES: tuple[str, ...] = INTENT_PHRASES["general"][0][1]
# which title of another employer a role equals ("anyscale devops = which nvidia title")
_TITLE_ASKED = re.compile(r"\b(?:which|what|whats)\s+(?:[a-z0-9]+\s+){0,2}titles?\b")


# a level of something else: "leetcode hard level", "my english level"
_OTHER_LEVEL = re.compile(
    r"\b(?:hard|easy|medium|difficulty|skill|english|mandarin|chinese|language|fluency|"
    r"high|low|kernel|protocol)[- ]levels?\b"
    # "what level should i grind?", "the level of the problems": how hard, not a job level
    r"|\blevels? (?:should|do|would|must) (?:i|we) (?:grind|prep|prepare|practi[cs]e|study|"
    r"train|aim for|drill)\b|\blevels? of (?:the )?(?:questions|problems|difficulty|coding)\b"
)


def without_other_levels(normalized: str) -> str:
    """Normalized text without the levels of things other than jobs ("leetcode hard level")."""
    return _OTHER_LEVEL.sub(" ", normalized)


def names_levels(normalized: str) -> bool:
    """Whether normalized text asks about levels: a level word ("leveling", "maps to", "p6")
    or which title another employer gives ("anyscale devops = which nvidia title"); not a
    level of something else ("are the problems leetcode hard level?")."""
    normalized = without_other_levels(normalized)
    return bool(_TITLE_ASKED.search(normalized)) or any(
        contains_phrase(normalized, p) for p in LEVEL_PHRASES
    )


# Job words too common to say what is asked, and words that neither change the topic nor name
# one ("how does that compare?"), the job words among them.
JOB_WORDS: tuple[str, ...] = tuple(_phrases["job_words"])
NEUTRAL_WORDS: frozenset[str] = frozenset(JOB_WORDS) | frozenset(_phrases["neutral_words"])
STOPWORDS: frozenset[str] = frozenset(_phrases["stopwords"])
# Words of a role title that do not tell roles apart ("Senior", "Engineer").
GENERIC_ROLE_WORDS: frozenset[str] = frozenset(_phrases["generic_role_words"])
# A currency named in words -> its ISO code, tried in order.
CURRENCY_WORDS: tuple[tuple[str, str], ...] = tuple(_phrases["currency_words"].items())
# How people ask about a guide's topics, and the guides' own word for each: "what do they
# grade me on" asks what interviewers "evaluate" (or "assess"). ("walk away from ~40k of
# unvested comp" is money left behind, which a sign-on makes up for, not a walk-away number.)
GUIDE_WORDS_FOR_EVERYDAY: dict[str, tuple[str, ...]] = _tuples(_phrases["guide_words_for_everyday"])


def topics_named(query: str, held: Container[str] = ()) -> list[str]:
    """The guides' words ("evaluate", "process", ...) for topics `query` names in other words,
    matched as whole words; with `held` (the words the guides use), only for everyday words the
    guides never use ("langs": "language", "hm": "hiring manager")."""
    lowered = " " + " ".join(re.findall(r"[a-z0-9'-]+", query.lower())) + " "
    return [
        guide_word
        for guide_words, phrases in GUIDE_WORDS_FOR_EVERYDAY.items()
        if any(
            f" {phrase} " in lowered and not any(word in held for word in phrase.split())
            for phrase in phrases
        )
        for guide_word in guide_words.split()
    ]


# A sentence saying what the guide (its band, its range) holds, as the user remembers it ("your
# guide says the sf base tops out at 250k"): a claim to check, not the employer's word.
GUIDE_SAYS = re.compile(
    r"\b(?:(?:your|the|ur|this|[a-z0-9]+(?:'|’)s)(?: [a-z0-9]+)? "  # ("the anyscale guide")
    r"(?:guide|guides|notes|data|table|doc|script)s?(?:'s)?\b.{0,60}?"
    r"\b(?:say|says|said|show|shows|list|lists|has|had|put|puts|gives?|is|are|asks?|asked)\b"
    r"|(?:the|their|your|ur) (?:band|range)\b.{0,40}?\b(?:goes|go|tops?|maxe?s?|ends?|runs?)\b"
    r"|\b(?:per|according to|in|from) (?:your|the|ur) (?:guide|guides|notes|data|table)\b)",
    re.I,
)
# (of those, the ones naming the guide after the figure: "… 250k per your guide")
GUIDE_NAMED_AFTER = re.compile(r"(?:per|according|in|from)\b", re.I)
