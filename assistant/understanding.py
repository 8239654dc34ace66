"""What a question asks, by rules and data (no model): intent, company, region, pay component.

`understand(question, state, catalog)` reads one user turn in the light of the conversation so
far and returns an `Understanding`: the intent (comp, counter, lever, interview, general,
out_of_scope), the indexed company and region it names (case- and typo-tolerant, with aliases
such as SF, NYC, Sunnyvale), names it uses that the corpus does not hold (an unknown company, a
region with no row), the currency and pay component (base, stock, bonus, total, sign_on), and a
retrieval query rewritten from the conversation state: "and in London?" after an Anyscale
question becomes an Anyscale London question; "what about the bonus?" keeps company and region.

The `Catalog` is what is indexed: company names and, per company, the region labels of its comp
rows. Companies match by name, by a distinctive first word ("Alibaba" for "Alibaba Group"), or by
one edit (a typo) on words of five letters or more, found through a deletion index so the cost
does not grow with the number of companies.

Leaves out: offer figures (the negotiation engine parses those), languages other than English,
and guessing: a place or company it does not know is reported as unknown, not mapped to the
nearest one, except places within one metro area (SF and the Bay Area).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from assistant.money import CURRENCY_ALIASES

Intent = str  # "comp" | "counter" | "lever" | "interview" | "general" | "out_of_scope"
# Pay components: "base", "stock", "bonus", "total", "sign_on" (the keys of COMPONENT_WORDS).

# --- places ----------------------------------------------------------------------------------
# Canonical place -> other ways people write it. A region label in a guide ("Bay Area / Sunnyvale
# (US R&D)") matches a place when the label contains the place or one of its spellings.
PLACE_ALIASES: dict[str, tuple[str, ...]] = {
    "san francisco": ("sf", "san fran", "frisco"),
    "bay area": (
        "sunnyvale",
        "silicon valley",
        "mountain view",
        "palo alto",
        "san jose",
        "menlo park",
        "cupertino",
        "santa clara",
        "sfba",
        "south bay",
    ),
    "new york": ("nyc", "new york city", "manhattan", "brooklyn", "ny"),
    "seattle": ("bellevue", "redmond", "kirkland"),
    "london": (),
    "singapore": ("sg",),
    "hangzhou": (),
    "beijing": ("peking",),
    "shanghai": (),
    "shenzhen": (),
    "hong kong": ("hk",),
    "tokyo": (),
    "sydney": (),
    "melbourne": (),
    "toronto": (),
    "vancouver": (),
    "montreal": (),
    "berlin": (),
    "munich": ("münchen",),
    "amsterdam": (),
    "dublin": (),
    "paris": (),
    "zurich": ("zürich",),
    "stockholm": (),
    "warsaw": (),
    "madrid": (),
    "tel aviv": (),
    "dubai": (),
    "bangalore": ("bengaluru",),
    "hyderabad": (),
    "pune": (),
    "austin": (),
    "boston": (),
    "chicago": (),
    "denver": (),
    "los angeles": ("la",),
    "san diego": (),
    "washington": ("dc", "washington dc"),
    "atlanta": (),
    "remote": ("remote us", "us remote"),
}
# More places people name, so a question about one the corpus has no row for is recognised as
# such rather than read as being about no place at all.
for _place in (
    "dallas|houston|phoenix|philadelphia|portland|salt lake city|miami|raleigh|pittsburgh|"
    "minneapolis|detroit|nashville|columbus|san antonio|sacramento|irvine|ottawa|calgary|"
    "waterloo|mexico city|sao paulo|buenos aires|bogota|santiago|lisbon|barcelona|milan|rome|"
    "vienna|prague|budapest|copenhagen|oslo|helsinki|brussels|edinburgh|manchester|cambridge|"
    "oxford|belfast|cork|krakow|bucharest|sofia|athens|istanbul|cairo|lagos|nairobi|cape town|"
    "johannesburg|riyadh|abu dhabi|doha|mumbai|delhi|gurgaon|noida|chennai|kolkata|seoul|"
    "taipei|osaka|kyoto|manila|jakarta|kuala lumpur|bangkok|ho chi minh city|hanoi|guangzhou|"
    "chengdu|wuhan|nanjing|suzhou|auckland|wellington|brisbane|perth|canberra|haifa|zug|geneva|"
    "frankfurt|hamburg|stuttgart|cologne|lyon|copenhagen|tallinn|riga|vilnius|kyiv|belgrade"
).split("|"):
    PLACE_ALIASES.setdefault(_place, ())
PLACE_ALIASES["bay area"] += ("oakland", "berkeley", "fremont", "redwood city", "san mateo")
PLACE_ALIASES["delhi"] = ("new delhi",)
PLACE_ALIASES["gurgaon"] = ("gurugram",)
# Places in one metro area: asked about one, a row for the other is the right row.
SAME_METRO: dict[str, tuple[str, ...]] = {
    "san francisco": ("bay area",),
    "bay area": ("san francisco",),
}
# Short spellings that are also English words are only taken in capitals ("LA", "SG").
_CASE_SENSITIVE_ALIASES = {"la"}

# --- companies -------------------------------------------------------------------------------
# Extra spellings of companies people name. Keys are lower-case company names as guides title
# them; a guide for any of these is matched by every spelling.
COMPANY_ALIASES: dict[str, tuple[str, ...]] = {
    "alibaba": ("alibaba group", "alibaba cloud", "alicloud", "aliyun", "ali baba"),
    "anyscale": ("any scale",),
    "google": ("alphabet", "gcp"),
    "meta": ("facebook", "fb"),
    "amazon": ("aws",),
    "microsoft": ("msft", "azure"),
}
# Well-known employers: named in a question while no guide for them is indexed, they make the
# question out of the corpus rather than a question about some other company.
KNOWN_EMPLOYERS = (
    "google",
    "alphabet",
    "meta",
    "facebook",
    "amazon",
    "aws",
    "apple",
    "microsoft",
    "netflix",
    "nvidia",
    "databricks",
    "stripe",
    "uber",
    "lyft",
    "airbnb",
    "openai",
    "anthropic",
    "tesla",
    "salesforce",
    "oracle",
    "ibm",
    "intel",
    "amd",
    "bytedance",
    "tiktok",
    "tencent",
    "baidu",
    "meituan",
    "huawei",
    "jd.com",
    "shopee",
    "grab",
    "snowflake",
    "linkedin",
    "twitter",
    "spotify",
    "adobe",
    "coinbase",
    "palantir",
    "cloudflare",
    "datadog",
    "hashicorp",
    "github",
    "gitlab",
    "atlassian",
    "shopify",
    "doordash",
    "pinterest",
    "snap",
    "reddit",
    "dropbox",
    "twilio",
    "vmware",
    "cisco",
    "samsung",
    "sap",
    "booking",
    "revolut",
    "monzo",
    "deepmind",
    "mistral",
    "cohere",
    "scale ai",
    "red hat",
    "mongodb",
    "elastic",
    "confluent",
    "okta",
)

# --- words -----------------------------------------------------------------------------------
_WORD = re.compile(r"[a-z0-9][a-z0-9&.'+-]*", re.I)


def _phrases(text: str) -> tuple[str, ...]:
    """A "|"-separated list of lower-case phrases, kept on few lines for reading."""
    return tuple(phrase.strip() for phrase in text.split("|") if phrase.strip())


COMPONENT_WORDS: dict[str, tuple[str, ...]] = {
    "sign_on": _phrases("sign-on|sign on|signon|signing bonus|sign-on bonus|joining bonus|signing"),
    "stock": _phrases("stock|rsu|rsus|equity|shares|options|grant|vesting"),
    "bonus": _phrases("bonus|bonuses|annual bonus|performance bonus"),
    "total": _phrases("total comp|total compensation|tc|total|all-in|overall"),
    "base": _phrases("base|base salary|base pay|salary|cash"),
}
# Phrases that point to an intent, each with a weight; the intent with the highest sum wins,
# ties going to the earlier intent in this table.
INTENT_PHRASES: dict[str, tuple[tuple[float, tuple[str, ...]], ...]] = {
    "counter": (
        (
            3.0,
            _phrases(
                "counter|counteroffer|counter-offer|counter offer|what should i ask|"
                "how much should i ask|respond to the offer|reply to the offer|my offer|"
                "i got an offer|i have an offer|offered me|they offered|offer of|"
                "email to the recruiter|write to the recruiter|walk away|walk-away|"
                "accept the offer|should i accept"
            ),
        ),
    ),
    "lever": (
        (
            2.0,
            _phrases(
                "lever|levers|leverage|negotiate|negotiating|negotiation|bargain|"
                "negotiate up|script|wording|what should i say|what do i say|exact words|"
                "how do i ask|how to ask|can i ask|should i ask for|competing offer|"
                "competing offers|talking points|pitch|push back|push for|play them|floor|premium"
            ),
        ),
        (
            1.0,
            _phrases(
                "argument|arguments|justify|worth more|offers|ask for more|more rsus|"
                "more equity|more stock|say"
            ),
        ),
    ),
    "interview": (
        (
            2.0,
            _phrases(
                "interview|interviews|interviewer|interviewers|interviewing|onsite|"
                "on-site|phone screen|screening|rounds|round|interview loop|hiring manager|"
                "bar raiser|strong hire|leetcode|prep|prepare|preparing|preparation"
            ),
        ),
        (
            1.0,
            _phrases(
                "questions|question|asked|ask me|system design|coding|behavioral|"
                "behavioural|pillars|evaluate|evaluated|assessed|kubernetes|k8s|linux|"
                "troubleshooting|debugging|debug|study|topics|process|deep dive|"
                "technical|skills|must-have|programming|languages|code in|hire|hired|"
                "don't know|do not know|tips|mistakes|expect"
            ),
        ),
    ),
    "comp": (
        (
            1.5,
            _phrases(
                "salary|salaries|pay|paid|pays|comp|compensation|how much|range|band|"
                "package|wage|income|earn|make|tc|total comp"
            ),
        ),
        (1.0, _phrases("rsu|rsus|stock|equity|bonus|base|sign-on|signing bonus|vesting")),
    ),
    "general": (
        (
            1.5,
            _phrases(
                "level|levels|leveling|levelling|equivalent|maps to|map to|mapping|"
                "p5|p6|p7|l4|l5|ic3|ic4|ic5"
            ),
        ),
        (
            1.0,
            _phrases(
                "team|career|recruiter|hiring|culture|why|responsibilities|singles|"
                "infrastructure|infra|raise|promotion|work|challenges|focus|"
                "focused|hard|difficult|scale"
            ),
        ),
    ),
}
_LEVEL_PHRASES = INTENT_PHRASES["general"][0][1]
# Words that neither change the topic nor name one ("how does that compare?"), and job words
# too common to say what is asked.
_JOB_WORDS = _phrases(
    "role|roles|job|jobs|devops|sre|engineer|engineers|engineering|company|offer|offers|"
    "developer|manager|candidate|employer|position"
)
_NEUTRAL_WORDS = set(_JOB_WORDS) | set(
    _phrases(
        "compare|compared|comparison|difference|different|similar|versus|higher|lower|"
        "better|worse|bigger|smaller|instead|office|city|location|region|look|looks|"
        "number|numbers|figure|figures|there|those|it|them|else|other|another|then"
    )
)
_FOLLOWUP_LEAD = re.compile(
    r"^\s*(?:and|also|what about|how about|same for|same in|ok(?:ay)?,? (?:and|what about)|"
    r"and what about|then|what if|in)\b",
    re.I,
)
_REFERENCE = re.compile(r"\b(?:that|it|there|those|this one|the same|same)\b")
_INTERVIEW_TOPIC = re.compile(
    r"\b(?:interview\w*|onsite|on-site|rounds?|screens?|screening|prep\w*|hiring manager)\b", re.I
)


def asks_about_levels(question: str) -> bool:
    """True for a level-mapping question ("what's a P6 at Alibaba equivalent to?")."""
    normalized = _normalize(question)
    return any(_contains_phrase(normalized, p) for p in _LEVEL_PHRASES)


def asks_about_interviews(question: str) -> bool:
    """True when the question itself is about interviews, not just a skill or topic."""
    return bool(_INTERVIEW_TOPIC.search(question))


_UNKNOWN_NAME = re.compile(
    r"\b(?:at|for|from|with|join|joining|does|do|by)\s+([A-Z][A-Za-z0-9&.-]+(?:\s[A-Z][A-Za-z0-9&.-]+)?)"
)


def _normalize(text: str) -> str:
    """Lower-case words without accents ("Kraków" -> "krakow"), joined by single spaces."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("’", "'")
    words = (word.lower().strip(".'") for word in _WORD.findall(folded))
    return " ".join(word[:-2] if word.endswith("'s") else word for word in words)


def _contains_phrase(haystack: str, phrase: str) -> bool:
    """Whole-word phrase match in normalized text."""
    return re.search(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])", haystack) is not None


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _edit_distance(a: str, b: str, limit: int) -> int:
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


def _within_one_edit(a: str, b: str) -> bool:
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
    _company_words: frozenset[str] = field(default=frozenset(), repr=False)
    vocabulary: frozenset[str] = field(default=frozenset(), repr=False)  # the corpus's tokens

    @classmethod
    def build(
        cls,
        companies: Iterable[str],
        regions: dict[str, Iterable[str]] | None = None,
        kinds: dict[str, Iterable[str]] | None = None,
        roles: dict[str, Iterable[str]] | None = None,
        vocabulary: Iterable[str] = (),
    ) -> Catalog:
        companies = tuple(sorted({c for c in companies if c}))

        def sorted_sets(mapping: dict[str, Iterable[str]] | None) -> dict[str, tuple[str, ...]]:
            return {c: tuple(sorted(set(values))) for c, values in (mapping or {}).items()}

        regions = sorted_sets(regions)
        names: dict[str, str] = {}
        first_words: dict[str, set[str]] = {}
        for company in companies:
            key = _normalize(company)
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
        fuzzy: dict[str, set[str]] = {}
        for spelling in names:
            if len(spelling) >= 5 and " " not in spelling:
                for variant in _deletions(spelling) | {spelling}:
                    fuzzy.setdefault(variant, set()).add(spelling)
        return cls(
            companies=companies,
            regions=regions,
            kinds=sorted_sets(kinds),
            roles=sorted_sets(roles),
            _names=names,
            _fuzzy=fuzzy,
            _all_regions=tuple(sorted({label for labels in regions.values() for label in labels})),
            vocabulary=frozenset(vocabulary),
            _company_words=frozenset(word for spelling in names for word in spelling.split()),
        )

    def knows_most(self, words: list[str]) -> bool:
        """True when more than half of `words` occur in the corpus (as its keyword tokens)."""
        from assistant.lexical import tokenize

        known = sum(bool(set(tokenize(word)) & self.vocabulary) for word in words)
        return known * 2 > len(words)

    def all_roles(self) -> tuple[str, ...]:
        return tuple(sorted({role for roles in self.roles.values() for role in roles}))

    def all_regions(self) -> tuple[str, ...]:
        return self._all_regions


# --- entity recognition ----------------------------------------------------------------------


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


def _companies_in(normalized: str, catalog: Catalog) -> list[str]:
    """The corpus's companies the text names, in order; else one found through a typo."""
    words = normalized.split()
    named = list(dict.fromkeys(company for _, _, company in _company_mentions(words, catalog)))
    return named or _fuzzy_company(words, catalog)


def company_segments(question: str, catalog: Catalog) -> dict[str, str]:
    """For each company named by name or alias, the words from its mention to the next
    company's: "alibaba seattle vs anyscale sf" -> {Alibaba: "alibaba seattle vs", …}."""
    words = _normalize(question).split()
    starts: dict[str, int] = {}
    for start, _, company in _company_mentions(words, catalog):
        starts.setdefault(company, start)
    order = sorted(starts.items(), key=lambda item: item[1])
    bounds = [start for _, start in order[1:]] + [len(words)]
    return {
        company: " ".join(words[start:end])
        for (company, start), end in zip(order, bounds, strict=True)
    }


def _fuzzy_company(words: list[str], catalog: Catalog) -> list[str]:
    candidates = words + [a + b for a, b in zip(words, words[1:], strict=False)]
    for word in candidates:
        if len(word) < 5:
            continue
        for variant in _deletions(word) | {word}:
            for spelling in sorted(catalog._fuzzy.get(variant, ())):
                if _within_one_edit(word, spelling):
                    return [catalog._names[spelling]]
    return []


def _company_in(normalized: str, catalog: Catalog) -> str | None:
    companies = _companies_in(normalized, catalog)
    return companies[0] if companies else None


def find_company(text: str, companies: Iterable[str]) -> str | None:
    """The item of `companies` that `text` names (case- and typo-tolerant), or None."""
    return _company_in(_normalize(text), Catalog.build(companies))


@dataclass(frozen=True)
class PlaceMention:
    place: str  # canonical place name ("san francisco")
    spelled: str  # as found in the question, normalized


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Every spelling of every place (lower case) -> its canonical place."""
    return {
        spelling: place
        for place, aliases in PLACE_ALIASES.items()
        for spelling in (place, *aliases)
        if spelling not in _CASE_SENSITIVE_ALIASES
    }


def _places_in(text: str) -> list[PlaceMention]:
    """Places the text names, in the order it names them: by spelling (word runs looked up in a
    table), short capital-only aliases ("LA"), else one typo in a longer name ("Singapur")."""
    words = _normalize(text).split()
    spellings = _spellings()
    found: list[tuple[int, PlaceMention]] = []
    for size in range(min(4, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            spelling = " ".join(words[start : start + size])
            if spelling in spellings:
                found.append((start, PlaceMention(spellings[spelling], spelling)))
    for alias in _CASE_SENSITIVE_ALIASES:
        hit = re.search(rf"(?<![A-Za-z0-9]){alias.upper()}(?![A-Za-z0-9])", text)
        if hit:
            place = next(p for p, aliases in PLACE_ALIASES.items() if alias in aliases)
            found.append((len(text[: hit.start()].split()), PlaceMention(place, alias)))
    if not found:  # a typo in a place name: one edit from six letters, two from nine
        for word in words:
            if len(word) < 5:
                continue
            for place in PLACE_ALIASES:
                limit = 2 if len(place) >= 9 else 1 if len(place) >= 6 else 0
                if not limit or " " in place or place[0] != word[0]:
                    continue  # a typo in the first letter is rare; skipping it keeps this fast
                if _edit_distance(word, place, limit) <= limit:
                    found.append((0, PlaceMention(place, word)))
    found.sort(key=lambda item: item[0])
    seen: set[str] = set()
    return [m for _, m in found if not (m.place in seen or seen.add(m.place))]


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
    core = _normalize(re.split(r"[(/,]", label)[0])
    return core, frozenset(_word_grams(_normalize(label).split()))


def _label_matches(label: str, place: str) -> bool:
    grams = _label_info(label)[1]
    return any(
        spelling in grams
        for spelling in (place, *PLACE_ALIASES.get(place, ()))
        if spelling not in _CASE_SENSITIVE_ALIASES
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
    normalized = _normalize(text)
    grams = _word_grams(normalized.split())
    # Labels the alias table does not know ("Kraków (PL)") match by their own core name.
    for label in labels:
        core = _label_info(label)[0]
        if core and core not in PLACE_ALIASES and core in grams:
            return RegionMatch(label=label, place=core)
    if re.search(r"\b(?:hq|headquarters|head office|home office)\b", normalized):
        for label in labels:
            if re.search(r"\b(?:hq|headquarters)\b", _normalize(label)):
                return RegionMatch(label=label, place="headquarters")
    mentions = _places_in(text)
    if not mentions:
        return None
    place = mentions[0].place
    for label in labels:
        if _label_matches(label, place):
            return RegionMatch(label=label, place=place)
    for other in SAME_METRO.get(place, ()):
        for label in labels:
            if _label_matches(label, other):
                return RegionMatch(label=label, place=place, nearby=True)
    return RegionMatch(label=None, place=place)


def regions_named(text: str, regions: Iterable[str]) -> list[str]:
    """Every label of `regions` the text names, in the order named ("SF or New York?")."""
    labels = list(regions)
    normalized = _normalize(text)
    found: list[tuple[int, str]] = []
    grams = _word_grams(normalized.split())
    for label in labels:
        core = _label_info(label)[0]
        if core and core not in PLACE_ALIASES and core in grams:
            found.append((normalized.find(core), label))
    for mention in _places_in(text):
        for label in labels:
            if _label_matches(label, mention.place) and label not in (f for _, f in found):
                found.append((normalized.find(mention.spelled), label))
    return [label for _, label in sorted(found, key=lambda item: item[0])]


def find_region(text: str, regions: Iterable[str]) -> str | None:
    """The item of `regions` (region labels) that `text` names, alias-aware, or None."""
    match = match_region(text, regions)
    return match.label if match else None


_GENERIC_ROLE_WORDS = {
    "senior",
    "staff",
    "principal",
    "lead",
    "junior",
    "software",
    "engineer",
    "engineering",
    "manager",
    "of",
    "and",
}


def find_role(text: str, roles: Iterable[str]) -> str | None:
    """The item of `roles` the text names: the whole title, or its distinctive words."""
    normalized = _normalize(text)
    best: tuple[int, str] | None = None
    for role in roles:
        key = _normalize(role)
        if _contains_phrase(normalized, key):
            return role
        words = [w for w in key.split() if w not in _GENERIC_ROLE_WORDS]
        if words and all(_contains_phrase(normalized, w) for w in words):
            candidate = (-len(words), role)
            best = min(best, candidate) if best else candidate
    return best[1] if best else None


def find_currency(text: str) -> str | None:
    for alias in sorted(CURRENCY_ALIASES, key=len, reverse=True):
        if alias.isalpha():
            if re.search(rf"(?<![A-Za-z]){re.escape(alias)}(?![A-Za-z])", text, re.I):
                return CURRENCY_ALIASES[alias]
        elif alias in text:
            return CURRENCY_ALIASES[alias]
    for word, code in (
        ("pounds", "GBP"),
        ("dollars", "USD"),
        ("yuan", "CNY"),
        ("euros", "EUR"),
        ("rupees", "INR"),
        ("yen", "JPY"),
    ):
        if _contains_phrase(_normalize(text), word):
            return code
    return None


def find_component(text: str) -> str | None:
    normalized = _normalize(text)
    # Most specific first: "signing bonus" is a sign-on, not the annual bonus.
    for component in ("sign_on", "total", "stock", "bonus", "base"):
        if any(_contains_phrase(normalized, word) for word in COMPONENT_WORDS[component]):
            return component
    return None


# First words of a capitalised phrase after "at/for/from…" that do not start a company's name.
_NOT_A_NAME = set(
    _phrases(
        "i|the|a|an|my|this|that|it|devops|sre|google|what|how|in|on|for|and|"
        # pay words written in capitals ("what does TC mean?"), not employers
        "tc|rsu|rsus|esop|espp|ote|pto|hq|cny|usd|gbp|sgd|eur|inr|faang|maang"
    )
)


def _unknown_company(text: str, normalized: str) -> str | None:
    """A company named that the corpus has no guide for: a well-known employer, or a
    capitalised name after "at", "for", "from", "does"… that is not a place."""
    for name in KNOWN_EMPLOYERS:
        if _contains_phrase(normalized, name):
            return name
    for match in _UNKNOWN_NAME.finditer(text):
        name = match.group(1)
        key = _normalize(name)
        if key in _spellings() or key in _CASE_SENSITIVE_ALIASES or key.split()[0] in _NOT_A_NAME:
            continue
        return name
    return None


_STOPWORDS = set(
    "a an the and or but if then so to of in on at for from with by about as is are was were be "
    "been am do does did i me my mine you your we our they them their it its this that these "
    "those what whats what's which who whom how why when where there here can could should would "
    "will shall may might must have has had not no yes ok okay please thanks thank also same "
    "again more less much many any some all just only tell give show know like get got want "
    "need one two three four five per vs versus than up down out over under".split()
)


def _domain_words() -> set[str]:
    phrases = [p for weighted in INTENT_PHRASES.values() for _, group in weighted for p in group]
    phrases += [word for words in COMPONENT_WORDS.values() for word in words]
    return {word for phrase in phrases for word in phrase.split()} | _NEUTRAL_WORDS


_DOMAIN_WORDS = _domain_words()


def _foreign_words(normalized: str, catalog: Catalog) -> list[str]:
    """Words that are not about jobs, pay, places or the corpus's companies ("weather", "poem")."""
    places = _place_words()
    return [
        word
        for word in normalized.split()
        if word not in _STOPWORDS
        and word not in _DOMAIN_WORDS
        and word not in places
        and word not in catalog._company_words
        and not any(ch.isdigit() for ch in word)
    ]


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    return frozenset(word for spelling in _spellings() for word in spelling.split())


def classify_intent(normalized: str, has_amounts: bool) -> Intent:
    """The intent whose phrases weigh most; amounts with an offer make it a counter question."""
    scores = {
        intent: sum(
            weight * sum(_contains_phrase(normalized, p) for p in phrases)
            for weight, phrases in weighted
        )
        for intent, weighted in INTENT_PHRASES.items()
    }
    if has_amounts and any(
        _contains_phrase(normalized, p) for p in ("offer", "offered", "i got", "i have", "gave")
    ):
        scores["counter"] += 3.0
    best = max(scores, key=lambda intent: scores[intent])  # first of equals wins
    return best if scores[best] > 0 else "out_of_scope"


# --- the conversation ------------------------------------------------------------------------


@dataclass(frozen=True)
class ConversationState:
    """What the conversation has settled so far; each turn's Understanding carries the next."""

    company: str | None = None
    region: str | None = None  # a region label of the corpus
    place: str | None = None
    component: str | None = None
    intent: Intent | None = None
    turns: int = 0


@dataclass(frozen=True)
class Understanding:
    question: str
    intent: Intent
    company: str | None
    region: str | None  # region label in the corpus
    role: str | None  # a role of the corpus the question names
    other_companies: tuple[str, ...]  # more companies of the corpus named ("X vs Y")
    place: str | None  # the place named (even when the corpus has no row for it)
    region_nearby: bool
    currency: str | None
    component: str | None
    unknown_company: str | None  # a company named that the corpus has no guide for
    unknown_region: str | None  # a place named that has no row (for the company, if named)
    followup: bool
    query: str  # the retrieval query, rewritten from the conversation state
    state: ConversationState

    def to_json(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "state"}
        data["state"] = dict(self.state.__dict__)
        return data


_AMOUNT_HINT = re.compile(r"\d")


def understand(
    question: str, catalog: Catalog, state: ConversationState | None = None
) -> Understanding:
    """Read one user turn in the light of the conversation state."""
    state = state or ConversationState()
    normalized = _normalize(question)
    named = _companies_in(normalized, catalog)
    company = named[0] if named else None
    unknown_company = None if company else _unknown_company(question, normalized)
    intent = classify_intent(normalized, bool(_AMOUNT_HINT.search(question)))
    level_question = any(_contains_phrase(normalized, p) for p in _LEVEL_PHRASES)
    if unknown_company and level_question and state.company:
        unknown_company = None  # "what level is that at Google?" compares; the subject stays
    if intent == "out_of_scope" and (
        company or any(_contains_phrase(normalized, word) for word in _JOB_WORDS)
    ):
        intent = "general"  # about a company of the corpus, or about the job: in scope
    component = find_component(question)
    foreign = _foreign_words(normalized, catalog) if intent == "out_of_scope" else []
    if foreign and catalog.knows_most(foreign):
        intent = "general"  # "what is Apsara?": words of the guides themselves
    off_topic = intent == "out_of_scope" and bool(foreign)
    short = len(normalized.split()) <= 6
    followup = bool(
        state.turns
        and not company
        and not unknown_company
        and not off_topic
        and (
            _FOLLOWUP_LEAD.search(question)
            or _REFERENCE.search(normalized)
            or short
            or intent in ("counter", "lever", "out_of_scope")
        )
    )
    # Inherit from the conversation: the intent on a follow-up that says none ("and in
    # London?"); the company whenever none is named (a new topic with no company still concerns
    # the one being discussed); the region only on a follow-up.
    if followup and state.intent and not level_question:
        if intent == "out_of_scope" or (
            intent == "general" and (component or _places_in(question))
        ):
            intent = state.intent
    if (
        company
        and company != state.company
        and state.intent
        and short
        and _FOLLOWUP_LEAD.search(question)
        and intent in ("general", "out_of_scope")
        and not component
    ):
        intent = state.intent  # "and for Anyscale?": the same question about another company
    if not company and not unknown_company and state.company and intent != "out_of_scope":
        company = state.company
    labels = catalog.regions.get(company, ()) if company else catalog.all_regions()
    region_match = match_region(question, labels)
    region = region_match.label if region_match else None
    place = region_match.place if region_match else None
    nearby = bool(region_match and region_match.nearby)
    if region_match is None and followup and company == state.company:
        region, place = state.region, state.place
    if component is None and followup and intent == state.intent:
        component = state.component
    unknown_region = place if (region_match and region_match.label is None) else None
    currency = find_currency(question)
    query = _rewrite(question, company, place if region is None else region, component, followup)
    next_state = replace(
        state,
        company=company or state.company,
        region=region if region_match or not followup else state.region,
        place=place,
        component=component,
        intent=intent if intent != "out_of_scope" else state.intent,
        turns=state.turns + 1,
    )
    return Understanding(
        question=question,
        intent=intent,
        company=company,
        region=region,
        role=find_role(question, catalog.roles.get(company, ()) if company else ()),
        other_companies=tuple(named[1:]),
        place=place,
        region_nearby=nearby,
        currency=currency,
        component=component,
        unknown_company=unknown_company,
        unknown_region=unknown_region,
        followup=followup,
        query=query,
        state=next_state,
    )


_COMPONENT_QUERY = {
    "base": "base salary",
    "stock": "stock RSU equity",
    "bonus": "bonus",
    "total": "total comp",
    "sign_on": "sign-on signing bonus",
}


def _rewrite(
    question: str, company: str | None, region: str | None, component: str | None, followup: bool
) -> str:
    """The question with what the conversation implies made explicit, for retrieval."""
    normalized = _normalize(question)
    extra = [
        term
        for term in (company, region, _COMPONENT_QUERY.get(component or "") if followup else None)
        if term and _normalize(term) not in normalized
    ]
    return " ".join([*extra, question.strip()]) if extra else question.strip()
