"""The names a question mentions, found by rules and tables (no model): the corpus's companies
(by name, alias, distinctive first word or one typo), places and the region labels they match
(aliases, one metro area, typos; a place with a row before one without), roles, currency, pay
component; and the `Catalog` of what is indexed that these are matched against. Employers it
has no guide for are found by assistant.understanding.unknown_names, and the places a text
names by assistant.understanding.place_names.

The `Catalog` holds company names and, per company, the region labels of its comp rows, guide
kinds and roles. Companies match by name, by a distinctive first word ("Alibaba" for "Alibaba
Group"), or by one edit (a typo) on words of five letters or more, found through a deletion
index so the cost does not grow with the number of companies. The name and place tables are
data files beside this module (assistant.understanding.tables).

Leaves out: what the question asks (intent, follow-ups, the retrieval query:
assistant.understanding.question), offer figures (the negotiation engine parses those),
languages other than English, and guessing: a place or company it does not know is reported as
unknown, not mapped to the nearest one, except places within one metro area (SF and the Bay Area).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.corpus.vocabulary import GuideVocabulary
from assistant.money import CURRENCY_ALIASES
from assistant.understanding.place_names import (  # (also from here)
    PlaceMention,
    country_named,
    places_in,
)
from assistant.understanding.tables import (
    CASE_SENSITIVE_ALIASES,
    COMPANY_ALIASES,
    COMPONENT_WORDS,
    COUNTRIES,
    CURRENCY_WORDS,
    GENERIC_ROLE_WORDS,
    PLACE_ALIASES,
    SAME_METRO,
)
from assistant.understanding.words import (  # (normalize, contains_phrase: also from here)
    contains_phrase,
    deletions,
    normalize,
    within_one_edit,
)

# --- the catalog of what is indexed ----------------------------------------------------------


@dataclass(frozen=True)
class Catalog:
    """Companies in the corpus and the region labels of each company's comp rows."""

    companies: tuple[str, ...] = ()
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # company -> labels
    kinds: dict[str, tuple[str, ...]] = field(default_factory=dict)  # company -> guide kinds
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)  # company -> roles
    _names: dict[str, str] = field(default_factory=dict, repr=False)  # spelling -> company
    _fuzzy: dict[str, set[str]] = field(default_factory=dict, repr=False)  # deletion -> spellings
    _all_regions: tuple[str, ...] = field(default=(), repr=False)
    _region_owners: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _company_words: frozenset[str] = field(default=frozenset(), repr=False)
    vocabulary: frozenset[str] = field(default=frozenset(), repr=False)  # the corpus's tokens
    # the guides' own words: level maps, names they mention, terms (assistant.corpus.vocabulary)
    guides: GuideVocabulary = field(default_factory=GuideVocabulary, repr=False)

    @classmethod
    def build(
        cls,
        companies: Iterable[str],
        regions: dict[str, Iterable[str]] | None = None,
        kinds: dict[str, Iterable[str]] | None = None,
        roles: dict[str, Iterable[str]] | None = None,
        vocabulary: Iterable[str] = (),
        guides: GuideVocabulary | None = None,
    ) -> Catalog:
        companies = tuple(sorted({c for c in companies if c}))

        def sorted_sets(mapping: dict[str, Iterable[str]] | None) -> dict[str, tuple[str, ...]]:
            return {c: tuple(sorted(set(values))) for c, values in (mapping or {}).items()}

        regions = sorted_sets(regions)
        names: dict[str, str] = {}
        first_words: dict[str, set[str]] = {}
        for company in companies:
            key = normalize(company)
            names[key] = company
            for alias in COMPANY_ALIASES.get(key, ()):
                names.setdefault(alias, company)
            words = key.split()
            if len(words) > 1 and len(words[0]) >= 4:
                first_words.setdefault(words[0], set()).add(company)
        for word, owners in first_words.items():
            if len(owners) == 1 and word not in names:  # only a first word that is unambiguous
                names[word] = next(iter(owners))
        for alias, company in list(names.items()):
            for base, extra in COMPANY_ALIASES.items():
                if alias == base:
                    for spelling in extra:
                        names.setdefault(spelling, company)
        every_label = tuple(sorted({label for labels in regions.values() for label in labels}))
        fuzzy: dict[str, set[str]] = {}
        for spelling in names:
            if len(spelling) >= 5 and " " not in spelling:
                for variant in deletions(spelling) | {spelling}:
                    fuzzy.setdefault(variant, set()).add(spelling)
        return cls(
            companies=companies,
            regions=regions,
            kinds=sorted_sets(kinds),
            roles=sorted_sets(roles),
            _names=names,
            _fuzzy=fuzzy,
            _all_regions=every_label,
            _region_owners={
                label: tuple(c for c in companies if label in regions.get(c, ()))
                for label in every_label
            },
            vocabulary=frozenset(vocabulary),
            guides=guides or GuideVocabulary(),
            _company_words=frozenset(word for spelling in names for word in spelling.split()),
        )

    def in_latin(self, text: str) -> str:
        """The text with the companies' names written in another script ("阿里云", "阿里")
        replaced by the company's name, which `normalize` keeps (it drops other scripts)."""
        for spelling, company in self._names.items():
            if not spelling.isascii() and spelling in text:
                text = text.replace(spelling, f" {company} ")
        return text

    def spellings(self, company: str) -> tuple[str, ...]:
        """The company's spellings the text may use: its name and aliases ("amazon", "aws")."""
        return tuple(spelling for spelling, owner in self._names.items() if owner == company)

    def knows_most(self, words: list[str]) -> bool:
        """True when at least half of `words` occur in the corpus (as its keyword tokens): "do
        i need to speak mandarin?" is about the guides' Mandarin."""
        from assistant.index.lexical import tokenize

        known = sum(bool(set(tokenize(word)) & self.vocabulary) for word in words)
        return bool(words) and known * 2 >= len(words)

    def all_roles(self) -> tuple[str, ...]:
        return tuple(sorted({role for roles in self.roles.values() for role in roles}))

    def all_regions(self) -> tuple[str, ...]:
        return self._all_regions

    def companies_with_region(self, region: str) -> tuple[str, ...]:
        """The companies whose comp rows hold the region label, in catalog order."""
        return self._region_owners.get(region, ())


# --- companies -------------------------------------------------------------------------------


def _company_mentions(words: list[str], catalog: Catalog) -> list[tuple[int, int, str]]:
    """(start, end, company) of each company named by name or alias, longest phrase first,
    in word order. Looks up word n-grams, so the cost does not grow with the companies."""
    found: list[tuple[int, int, str]] = []
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            company = catalog._names.get(" ".join(words[start : start + size]))
            taken = any(s < start + size and start < e for s, e, _ in found)
            if company and not taken:
                found.append((start, start + size, company))
    return sorted(found)


def companies_in(normalized: str, catalog: Catalog) -> list[str]:
    """The corpus's companies the text names, in order; else one found through a typo, or
    one typed with a typo before the first named ("alibab sunnyvale offer… google sre
    competing at 300 tc": Alibaba, then Google)."""
    words = normalized.split()
    mentions = _company_mentions(words, catalog)
    named = list(dict.fromkeys(company for _, _, company in mentions))
    if not named:
        return _fuzzy_company(words, catalog)
    typo = _fuzzy_company(words[: mentions[0][0]], catalog)
    return list(dict.fromkeys(typo + named))


def company_segments(question: str, catalog: Catalog) -> dict[str, str]:
    """For each company named by name or alias, the words from its mention to the next
    company's: "alibaba seattle vs anyscale sf" -> {Alibaba: "alibaba seattle vs", …}."""
    words = normalize(question).split()
    starts: dict[str, int] = {}
    for start, _, company in _company_mentions(words, catalog):
        starts.setdefault(company, start)
    order = sorted(starts.items(), key=lambda item: item[1])
    bounds = [start for _, start in order[1:]] + [len(words)]  # (none named: no segments)
    return {
        company: " ".join(words[start:end])
        for (company, start), end in zip(order, bounds, strict=False)
    }


def _fuzzy_company(words: list[str], catalog: Catalog) -> list[str]:
    candidates = words + [a + b for a, b in zip(words, words[1:], strict=False)]
    for word in candidates:
        if len(word) < 5:
            continue
        for variant in deletions(word) | {word}:
            for spelling in sorted(catalog._fuzzy.get(variant, ())):
                if within_one_edit(word, spelling):
                    return [catalog._names[spelling]]
    return []


def _company_in(normalized: str, catalog: Catalog) -> str | None:
    companies = companies_in(normalized, catalog)
    return companies[0] if companies else None


def find_company(text: str, companies: Iterable[str]) -> str | None:
    """The item of `companies` that `text` names (case- and typo-tolerant), or None."""
    return _company_in(normalize(text), Catalog.build(companies))


# --- places and regions ----------------------------------------------------------------------


def _word_grams(words: list[str], longest: int = 4) -> set[str]:
    """Every run of 1 to `longest` consecutive words, joined by spaces."""
    return {
        " ".join(words[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(words) - size + 1)
    }


@lru_cache(maxsize=65536)
def _label_info(label: str) -> tuple[str, frozenset[str]]:
    """A region label's core name ("Hangzhou (HQ)" -> "hangzhou"; "Bay Area / Sunnyvale (US
    R&D)" -> "bay area") and its word runs, computed once per label."""
    core = normalize(re.split(r"[(/,]", label)[0])
    return core, frozenset(_word_grams(normalize(label).split()))


def label_matches(label: str, place: str) -> bool:
    grams = _label_info(label)[1]
    return any(
        spelling in grams
        for spelling in (place, *PLACE_ALIASES.get(place, ()))
        if spelling not in CASE_SENSITIVE_ALIASES
    )


@dataclass(frozen=True)
class RegionMatch:
    label: str | None  # the matching region label of the corpus, or None
    place: str  # what the question named (canonical place, or the label's core name)
    nearby: bool = False  # matched through the same metro area, not by name


def match_region(text: str, regions: Iterable[str]) -> RegionMatch | None:
    """The region the text names, matched to one of `regions` (labels); None if none named.

    A named place with no matching label gives a RegionMatch whose label is None, so callers
    can say that the corpus has no row for it."""
    labels = list(regions)
    normalized = normalize(text)
    grams = _word_grams(normalized.split())
    # Labels the alias table does not know ("Kraków (PL)") match by their own core name.
    for label in labels:
        core = _label_info(label)[0]
        if core and core not in PLACE_ALIASES and core in grams:
            return RegionMatch(label=label, place=core)
    mentions = places_in(text)
    # "the HQ offer": the headquarters' row, unless a place is named ("fair for beijing? my
    # friend in hangzhou said HQ pays more")
    if not mentions and re.search(r"\b(?:hq|headquarters|head office|home office)\b", normalized):
        for label in labels:
            if re.search(r"\b(?:hq|headquarters)\b", normalize(label)):
                return RegionMatch(label=label, place="headquarters")
    country = None if mentions else country_named(text)  # ("a china office?": its rows, or none)
    if country and not whereabouts(normalized, country, moving=True, text=text):
        held = any(row_for(place, labels) for place in COUNTRIES[country.place][1])
        return None if held else RegionMatch(label=None, place=country.place)
    asked = [m for m in mentions if not whereabouts(normalized, m, moving=True, text=text)]
    if not asked:  # "a relocation package if I move from Berlin?": no region asked
        return None
    mentions = [m for m in asked if not whereabouts(normalized, m)] or asked
    # ("i said sunnyvale but it's actually the seattle team": not the place taken back)
    mentions = [m for m in mentions if not _taken_back(normalized, m)] or mentions
    # a way of working ("remote from Austin") gives way to the place named with it
    place = next((m.place for m in mentions if m.place != "remote"), mentions[0].place)
    # "…nanjing? if you don't have nanjing, hangzhou is the closest": a place with a row, when
    # the first has none (the one without is named as such by the coverage check); not one
    # named only as what the asked place is measured against ("lower than hangzhou?")
    others = [m.place for m in mentions if not _compared_with(normalized, m)]
    for candidate in dict.fromkeys([place, *others]):
        match = row_for(candidate, labels)
        if match is not None:
            return match
    return RegionMatch(label=None, place=place)


_COMPARED_WITH = re.compile(
    r"\b(?:than|as|like|compared (?:to|with)|relative to)\s+(?:(?:in|at|for|the|their|our)\s+)?$"
)


def _compared_with(normalized: str, mention: PlaceMention) -> bool:
    """Whether every naming of the place is as a standard of comparison ("same as hangzhou",
    "lower than in beijing")."""
    spots = [m.start() for m in re.finditer(rf"\b{re.escape(mention.spelled)}\b", normalized)]
    return bool(spots) and all(_COMPARED_WITH.search(normalized[:at]) for at in spots)


def row_for(place: str, labels: list[str]) -> RegionMatch | None:
    """The label whose row is for `place` (or for a place in its metro area), else None."""
    for label in labels:
        if label_matches(label, place):
            return RegionMatch(label=label, place=place)
    for other in SAME_METRO.get(place, ()):
        for label in labels:
            if label_matches(label, other):
                return RegionMatch(label=label, place=place, nearby=True)
    return None


# Where the user is, not where the job is: a place moved from ("relocating from Berlin"), and
# one the user lives in when another place is named too ("based in Berlin, offer for London").
_MOVING_FROM = re.compile(
    r"\b(?:move|moving|moved|relocate|relocating|relocated|relocation|relo|coming)"
    r"(?: package| pay| costs?| bonus)?\s+from\s+$"  # ("do they pay relocation from sg")
)
_LIVING_IN = re.compile(
    r"(?:\b(?<!remote )from|\b(?:based in|based out of|live in|living in|located in|currently in|"
    r"now in|i'?m in)|"
    r"\b(?:i'?m|i am|i work|working|currently) (?:at|for) [\w&.'-]+(?: [\w&.'-]+)? in)\s+$"
)


# "moving austin -> seattle", "relocating nyc to sf": the place before the arrow or the "to"
_TOWARDS = re.compile(r"^\s*(?:-+>|=+>|→|⇒|➡)")
_MOVING = re.compile(r"\b(?:move|moving|moved|relocate|relocating|relocated)\s+$")


def whereabouts(
    normalized: str, mention: PlaceMention, moving: bool = False, text: str = ""
) -> bool:
    """Whether the place is named as where the user is moving from (`moving`; `text`, the
    question as typed, shows arrows), or else as where the user lives or comes from."""
    at = re.search(rf"\b{re.escape(mention.spelled)}\b", normalized)
    before = normalized[: at.start()] if at else ""
    if not moving:  # (each time named: "i live in seattle… the pay for seattle?" asks it)
        named = re.finditer(rf"\b{re.escape(mention.spelled)}\b", normalized)
        return bool(at) and all(_LIVING_IN.search(normalized[: m.start()]) for m in named)
    typed = re.search(rf"\b{re.escape(mention.spelled)}\b", text.lower())
    after = normalized[at.end() :] if at else ""
    return bool(
        _MOVING_FROM.search(before)
        or (typed and _TOWARDS.match(text[typed.end() :]))
        or (_MOVING.search(before) and after.startswith(" to "))
    )


_TAKEN_BACK = re.compile(r"\b(?:not|i said|instead of|rather than|no longer)\s+(?:the\s+)?$")


def _taken_back(normalized: str, mention: PlaceMention) -> bool:
    """Whether each time the place is named, the turn takes it back ("i said seattle but i
    meant sunnyvale", "sunnyvale not seattle")."""
    named = list(re.finditer(rf"\b{re.escape(mention.spelled)}\b", normalized))
    return bool(named) and all(_TAKEN_BACK.search(normalized[: m.start()]) for m in named)


def places_without_rows(text: str, rows: Iterable[str], besides: str | None = None) -> list[str]:
    """The places the text names (titled, in order; not `besides`, nor where the user moves
    from, nor beside `besides` where the user lives: "fly to sf for the onsite, im in austin")
    that none of `rows` (region labels) is for ("hong kong or shenzhen": both)."""
    labels, said = list(rows), normalize(text)
    # (the places the asking sentences name, read only beside a place asked: "…live in los
    # angeles… pay for LA?")
    asking = " ".join(re.findall(r"[^.?!]*\?", text)) if besides else ""
    asked = {m.place for m in places_in(asking)} if asking else set()
    named = [
        m.place
        for m in places_in(text)
        if m.place != besides
        and not whereabouts(said, m, True, text)
        and not (besides and whereabouts(said, m) and m.place not in asked)
        and not _taken_back(said, m)
    ]
    named = [p for p in named if p != "remote"]  # ("seattle, and remote": no place, no row)
    matches = {p: match_region(p, labels) for p in dict.fromkeys(named)}
    return [p.title() for p, match in matches.items() if match is None or match.label is None]


# Where a question names a region label: (character position in the normalized text, 0 when
# named by the label's own name or 1 by a place's spelling, which place mention).
RegionMention = tuple[int, int, int]


def region_mentions(text: str, regions: Iterable[str]) -> dict[str, RegionMention]:
    """Each label of `regions` (distinct labels) the text names -> where it names it."""
    labels = list(regions)
    normalized = normalize(text)
    found: dict[str, RegionMention] = {}
    grams = _word_grams(normalized.split())
    for label in labels:
        core = _label_info(label)[0]
        if core and core not in PLACE_ALIASES and core in grams:
            found[label] = (normalized.find(core), 0, 0)
    for at, mention in enumerate(places_in(text)):
        for label in labels:
            if label_matches(label, mention.place) and label not in found:
                found[label] = (normalized.find(mention.spelled), 1, at)
    return found


def in_order_named(mentions: dict[str, RegionMention], regions: Iterable[str]) -> list[str]:
    """The labels of `regions` (distinct labels) found in `mentions`, in the order named: by
    position, own names before place spellings, then by mention, then in the order given."""
    labels = [label for label in regions if label in mentions]
    given = {label: at for at, label in enumerate(labels)}
    return sorted(labels, key=lambda label: (*mentions[label], given[label]))


def regions_named(text: str, regions: Iterable[str]) -> list[str]:
    """Every label of `regions` (distinct labels) the text names, in the order named ("SF or
    New York?")."""
    labels = list(regions)
    return in_order_named(region_mentions(text, labels), labels)


def find_region(text: str, regions: Iterable[str]) -> str | None:
    """The item of `regions` (region labels) that `text` names, alias-aware, or None."""
    match = match_region(text, regions)
    return match.label if match else None


# --- roles, currency, pay component ----------------------------------------------------------


def find_role(text: str, roles: Iterable[str]) -> str | None:
    """The item of `roles` the text names: the whole title, or its distinctive words."""
    normalized = normalize(text)
    best: tuple[int, str] | None = None
    for role in roles:
        key = normalize(role)
        if contains_phrase(normalized, key):
            return role
        words = [w for w in key.split() if w not in GENERIC_ROLE_WORDS]
        if words and all(contains_phrase(normalized, w) for w in words):
            candidate = (-len(words), role)
            best = min(best, candidate) if best else candidate
    return best[1] if best else None


def find_currency(text: str) -> str | None:
    """The ISO code of the currency the text names (a symbol, a code or a word), or None."""
    for alias in sorted(CURRENCY_ALIASES, key=len, reverse=True):
        if alias.isalpha():
            if re.search(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", text, re.I):
                return CURRENCY_ALIASES[alias]
        elif alias in text:
            return CURRENCY_ALIASES[alias]
    for word, code in CURRENCY_WORDS:
        if contains_phrase(normalize(text), word):
            return code
    return None


# "3 months of base, is that normal?": a bonus counted in months of a year's base, as offers in
# Asia often give it (assistant.money.bonus_in_months reads its figure)
MONTHS_OF_BASE = re.compile(
    r"\b\d{1,2}(?:\.\d)?\s*(?:months?|mos?|mths?)\s+(?:of\s+)?(?:base|salary)\b"
)


def find_component(text: str) -> str | None:
    """The pay component the text names: "sign_on", "total", "stock", "bonus" or "base"."""
    normalized = MONTHS_OF_BASE.sub(" bonus ", normalize(text))
    # Most specific first: "signing bonus" is a sign-on, not the annual bonus.
    for component in ("sign_on", "total", "stock", "bonus", "base"):
        if any(contains_phrase(normalized, word) for word in COMPONENT_WORDS[component]):
            return component
    return None


def first_component(split: tuple[list[str], list[bool]]) -> str | None:
    """The pay component of the first asking sentence that names one, of a text split into
    sentences and whether each asks ("what bonus % is normal there? and can i get a retention
    bonus in place of a sign on?": the bonus, asked first; "gave me 215k base, fine. only want
    a signing bonus, how much?": the sign-on; not one giving figures, "HM: base is locked at
    205k; anything else?"), else of the whole text; within a sentence the most specific, as
    `find_component`."""
    sentences, asks = split
    for sentence, ask in zip(sentences, asks, strict=True):  # (one with figures tells them)
        if ask and not re.search(r"\d", sentence) and (component := find_component(sentence)):
            return component
    return find_component(" ".join(sentences))
