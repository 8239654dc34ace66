"""Which company a question is about, and which it names only as context: the clouds one ran
on ("on AWS, GCP and Azure"), where one works now, a competing offer ("if I had an NVIDIA
offer"), employers without a guide named beside one with a guide; and the company an offer
names only by a region label that one company alone has a row for.

Leaves out: finding the names themselves (assistant.understanding.entities) and everything
else about the question (assistant.understanding.question reads these helpers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.money import find_amounts, thousands_beside_pay_words
from assistant.understanding.asks import (
    SENTENCE_BREAK,
    asked_sentences,
    sentences_that_ask,
)
from assistant.understanding.entities import (
    Catalog,
    RegionMatch,
    _company_mentions,
    companies_in,
    company_segments,
    contains_phrase,
    match_region,
    normalize,
)
from assistant.understanding.frame import ConversationState
from assistant.understanding.held_offers import offer_from
from assistant.understanding.intents import money_amounts
from assistant.understanding.place_names import place_words
from assistant.understanding.tables import (
    COMPONENT_QUERY,
    EMPLOYER_SPELLINGS,
    KNOWN_EMPLOYERS,
    LEVEL_PHRASES,
    NOT_A_NAME,
    PLATFORM_SERVICES,
    STOPWORDS,
)
from assistant.understanding.titles import level_asked
from assistant.understanding.unknown_names import find_unknown_company

# An offer or a competitor named as context: "an nvidia offer", "offer from NVIDIA",
# "competing with Databricks", "vs Google".
_CONTEXT_CUE = r"(?:offers?|competing|competitor|competes|vs\.?|versus|counter\w*|on the table)"
# What the user did, with what or where: "i run k8s with GPU scheduling", "experience with
# Kubernetes", "i ran kafka at scale for Uber", "i did k8s autoscaling for black friday traffic
# at shopify" (a tool or a past employer, not the job asked)
_DID_WITH = re.compile(
    r"\b(?:experience|background|worked|built|ran|run|running|managed|did|done|used|using|"
    r"years?)\b[^.?!]{0,60}\b(?:with|at|for|on|in)\s+$"
    r"|\bi(?:'?ve| have)?\s+(?:done|did|ran|run|used|built|managed|operated)\s+$"  # "ive done aws"
    r"|\b(?:using|citing|leveraging)\s+(?:my\s+|the\s+|their\s+)?$"  # ("draft the counter using
)  # cloudflare": the user's other offer)


def given_as_context(
    question: str, name: str, catalog: Catalog, conversation_company: str | None
) -> bool:
    """Whether a company the corpus has no guide for is named only as context in a
    conversation about a company of the corpus: a guide mentions it, and the question names it
    as a competing offer or a competitor ("what if I had an NVIDIA offer?"), not as where the
    job is ("an offer at Amazon"); or, mentioned or not, it is what the user worked with or
    at ("i ran kafka for Uber"). Asked about itself ("what does NVIDIA pay?"), or with no
    company settled, it stays the subject, and unknown."""
    if not conversation_company:
        return False
    lowered = question.lower()
    at = lowered.find(name.lower())
    if at > 0 and _DID_WITH.search(lowered[max(0, at - 80) : at]):
        return True
    if not catalog.guides.mentions(name):
        return False
    if at < 0 or re.search(r"\b(?:at|join|joining|for|with|to)\s+$", lowered[:at]):
        return False
    near = lowered[max(0, at - 30) : at + len(name) + 30]
    # (or where the user ran things: "gpu scheduling across aws + gcp", "clusters on azure";
    # or what the guide says of it: "what nvidia rsu number does the guide use?")
    return bool(
        re.search(rf"\b{_CONTEXT_CUE}\b", near)
        or _RAN_ON.search(lowered[:at])
        or _CHOSEN_INSTEAD.search(lowered[:at])
        or _THE_GUIDES_OWN.search(lowered)
    )


# "…before i just go nvidia", "or should i take databricks": the other offer chosen instead
_CHOSEN_INSTEAD = re.compile(r"\b(?:go|going|go with|going with|take|taking|pick|choose)\s+$")


# ("what exactly do i say about nvidia in that part": the script's words about it)
def asked_as_the_job(question: str, name: str) -> bool:
    """Whether a sentence that asks names `name` as where the job is ("is 175k fair for
    datadog nyc?" after "that one is actually the datadog offer")."""
    for sentence, asks in zip(*sentences_that_ask(question), strict=True):
        lowered = sentence.lower()
        for mention in re.finditer(re.escape(name.lower()), lowered) if asks else ():
            if re.search(r"\b(?:at|for|join|joining)\s+$", lowered[: mention.start()]):
                return True
    return False


_THE_GUIDES_OWN = re.compile(
    r"\b(?:the|its|their|this|that) (?:guide|script|example|lever|part|section|line|bit)s?\b"
)


_RAN_ON = re.compile(
    r"\b(?:across|on|using|running|ran|deployed|clusters?|workloads?|multi-?cloud)\s+"
    r"(?:[\w.+/-]+\s+){0,2}$"
)


def guide_name_as_context(
    question: str, normalized: str, catalog: Catalog, conversation_company: str | None
) -> str | None:
    """A name a guide mentions (a rival no code knows: "a helixworks offer"), written in any
    case, named as context (`given_as_context`), as the guide writes it; else None."""
    if not conversation_company:
        return None
    words = normalized.split()
    grams = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
    named = grams & catalog.guides.names.keys()
    if named:
        named -= {normalize(c) for c in catalog.companies}  # a company of the corpus: a subject
        named -= NOT_A_NAME | place_words()  # "RSU", "TC", "Seattle": pay words and places
        named -= STOPWORDS  # ("do they make you sign one": "You" opens a guide's sentences)
    for name in sorted(named, key=len, reverse=True):
        if given_as_context(question, name, catalog, conversation_company):
            return catalog.guides.names[name][0]
    return None


def context_names_in(normalized: str, catalog: Catalog, named: list[str]) -> tuple[str, ...]:
    """Employers outside the corpus that the question names beside a company of it ("my
    Google offer … Alibaba"), as the guides write them, when the guides mention them."""
    if not named:
        return ()
    found = [  # (and the clouds the guides name: "prod across aws and gcp and a bit of azure",
        catalog.guides.names[name][0]  # or by their services: "eks + gke + a bit of aks")
        for name in (*KNOWN_EMPLOYERS, *sorted(PLATFORM_NAMES))
        if name in catalog.guides.names
        and any(
            contains_phrase(normalized, n)
            for n in (*EMPLOYER_SPELLINGS.get(name, (name,)), *PLATFORM_SERVICES.get(name, ()))
        )
    ]
    return tuple(dict.fromkeys(found))


_COMPETING = re.compile(
    r"\b(?:competing|competitor|other offers?|another offer|second offer)\b", re.I
)


# "no competing offer", "don't have another offer", "without a second offer"
_NONE = r"\b(?:no|zero|without|not? any|(?:don'?t|do not|never) (?:have|had|got)(?: an?| any)?)"
NONE_HELD = re.compile(_NONE + r"\s+(?:\w+\s+)?$", re.I)
_NO_OFFERS = re.compile(_NONE + r"\s+(?:\w+\s+)?offers?\b", re.I)  # ("zero competing offers")


# "I have a DeepMind offer": an offer from an employer named by a word that is not English
_AN_OFFER = re.compile(r"\b(?:have|got|holding|hold|with) an? ([\w&.-]+) offer\b", re.I)


def speaks_of_competing_offer(
    question: str, names: Iterable[str], catalog: Catalog | None = None
) -> bool:
    """Whether the question speaks of a competing offer the user holds: in words ("I have a
    competing offer", not "I have no competing offer"), an employer named as context next
    to an offer ("an NVIDIA offer", "google offered me"), or with a `catalog`, "a <name>
    offer" where the name is no company of the corpus and no everyday word ("a DeepMind
    offer", not "a verbal offer")."""
    if any(not NONE_HELD.search(question[: m.start()]) for m in _COMPETING.finditer(question)):
        return True
    offers = [normalize(m.group(1)) for m in _AN_OFFER.finditer(question)] if catalog else []
    if offers:
        from assistant.index.common_words import common_words

        ours = {normalize(c) for c in catalog.companies} | NOT_A_NAME
        if any(n not in ours and n not in common_words() for n in offers):
            return True
    return offer_near(question, names)


def offer_near(question: str, names: Iterable[str]) -> bool:
    """Whether offer words stand next to one of `names` ("an NVIDIA offer", "google offered
    me", "anyscale sf offered 180k"), or the text tells of an offer from one ("i also have
    nvidia at 205k base"); not offers said to be none ("zero competing offers")."""
    lowered = _NO_OFFERS.sub(" ", question.lower())
    for name in names:
        for spelled in EMPLOYER_SPELLINGS.get(name.lower(), (name,)) if name else ():
            at = lowered.find(spelled.lower())  # (by any spelling: "goog l4 sre offer")
            near = lowered[max(0, at - 20) : at + len(spelled) + 40] if at >= 0 else ""
            if re.search(r"\b(?:offer\w*|gave me|giving me|on the table|in hand)", near):
                return True
        if name and offer_from(normalize(question), name):  # ("i also have nvidia at 205k")
            return True
    return False


# Words before a company named as context: the clouds one ran on, where one works now.
_CONTEXT_BEFORE = frozenset(
    "on using use used across ran run running via onto like worked work working currently "
    "background experience ex".split()
)


_WORK = frozenset({"work", "worked", "working"})
_USE = frozenset({"use", "using", "used"})
_LIST_GLUE = frozenset({"and", "or", "&", "plus", "also", "a", "bit", "of", "some", "little"})
_LOOK = frozenset({"look", "looks", "looked", "feel", "feels", "sound", "sounds", "seem", "seems"})
_FIRST_PERSON = frozenset({"i", "we", "im", "ive", "currently", "still"})


def offer_elsewhere(normalized: str, named: list[str], context: list[str]) -> list[str]:
    """Companies whose offer the question brings to another it names as the one to negotiate
    with ("google offered me $310K, how do I use that with alibaba?"): those with offer words
    ("X offered me", "an X offer") when exactly one other is named after "with", "to" or
    "against"."""
    targets = [
        c
        for c in named
        if c not in context
        and re.search(rf"\b(?:with|w|to|against)\s+{re.escape(normalize(c))}\b", normalized)
    ]
    if len(targets) != 1:
        return []
    return [
        c
        for c in named
        if c != targets[0]
        and re.search(rf"\b{re.escape(normalize(c))}\s+(?:offer|offered|gave)\b", normalized)
    ]


# after a company (and maybe its place): it is the other offer or process, not the subject
_THE_OTHER_ONE = re.compile(
    r"^(?:[a-z]+ ){0,2}(?:is|as) (?:my|the|a) (?:other|backup|second|fallback)\b"
)


def named_as_context(normalized: str, catalog: Catalog) -> list[str]:
    """Companies of the corpus the text names after a context word ("on AWS, GCP and Azure",
    "I work at Google"), a list after one included."""
    words = normalized.split()
    context: list[str] = []
    previous_end, in_context = -1, False
    for start, end, company in _company_mentions(words, catalog):
        before = words[max(0, start - 2) : start]
        after = words[end] if end < len(words) else ""
        listed = (
            in_context
            and all(w in _LIST_GLUE for w in words[previous_end:start])  # ("and a bit of")
            and not after.startswith(("offer", "gave", "pay", "want", "recruit"))
        )
        cue = _CONTEXT_BEFORE & set(before)
        if cue == {"like"} and (before[-1:] != ["like"] or before[0] in _LOOK):
            cue = set()  # "what would the same ask look like at alibaba?" asks about alibaba
        if cue == {"like"} and _FIRST_PERSON & set(words[max(0, start - 3) : start]):
            cue = set()  # "i actually like anyscale the most": a liking, not a likeness
        if _THE_OTHER_ONE.match(" ".join(words[end : end + 6])):
            cue = {"other"}  # "anyscale ny is my other process": the one beside the subject
        if words[end : end + 1] == ["here"] and before[-1:] == ["at"]:
            cue = {"here"}  # "sysde II at amazon here": where the user works
        if cue and cue <= _WORK and not _FIRST_PERSON & set(words[max(0, start - 5) : start]):
            cue = set()  # "would the same stuff work for anyscale?" is no employer of the user
        if cue and before[-1:] in (["with"], ["w"]) and cue <= _USE:
            cue = set()  # "which argument do i use w anyscale?": the one to use it with
        in_context = listed or bool(cue)
        if in_context:
            context.append(company)
        previous_end = end
    return list(dict.fromkeys(context))


# A cloud named by its platform name is where the user ran things ("between aws and gcp"),
# not an employer, unless offer words stand next to it ("aws offered me")
PLATFORM_NAMES = frozenset({"aws", "gcp", "azure", "google cloud", "alicloud"})


def outside_companies(normalized: str, catalog: Catalog) -> tuple[str, ...]:
    """Well-known employers the question names that no indexed guide is for (by name or alias:
    "aws" is Amazon's when Amazon has a guide), not a cloud platform the user worked on."""
    return tuple(
        name
        for name in KNOWN_EMPLOYERS
        if name not in catalog._names
        and any(contains_phrase(normalized, n) for n in EMPLOYER_SPELLINGS[name])
        and not (name in PLATFORM_NAMES and not offer_near(normalized, [name]))
    )


def only_company_with(region: str | None, catalog: Catalog) -> str | None:
    """The company whose comp rows hold the region label, when only one does."""
    if not region:
        return None
    owners = catalog.companies_with_region(region)
    return owners[0] if len(owners) == 1 else None


def whose_role_is_asked(normalized: str, named: list[str], catalog: Catalog) -> list[str]:
    """`named` with the company whose own role the question names first ("what google level
    is an alibaba devops engineer?" is about Alibaba's role), when exactly one is so named."""
    if len(named) < 2:
        return named
    owners = []
    for company in named:
        role_words = {w for role in catalog.roles.get(company, ()) for w in normalize(role).split()}
        name = re.escape(normalize(company))
        after = re.search(rf"\b{name}\s+(\w+)", normalized)
        if after and after.group(1) in role_words:
            owners.append(company)
    if len(owners) != 1:
        return named
    return [owners[0], *(c for c in named if c != owners[0])]


def regions_by_company(question: str, named: list[str], catalog: Catalog) -> dict[str, str | None]:
    """Each named company's region label: the one named in the words from its name to the next
    company's ("alibaba seattle vs anyscale sf"), else one named anywhere in the question."""
    segments = company_segments(question, catalog)
    regions: dict[str, str | None] = {}
    for company in named:
        labels = catalog.regions.get(company, ())
        match = match_region(segments.get(company, ""), labels) or match_region(question, labels)
        regions[company] = match.label if match else None
    return regions


def rewritten_query(
    question: str, company: str | None, region: str | None, component: str | None, followup: bool
) -> str:
    """The question with what the conversation implies made explicit, for retrieval."""
    normalized = normalize(question)
    extra = [
        term
        for term in (company, region, COMPONENT_QUERY.get(component or "") if followup else None)
        if term and normalize(term) not in normalized
    ]
    return " ".join([*extra, question.strip()]) if extra else question.strip()


_SIDE_BY_SIDE = re.compile(r"\b(?:vs\.?|versus|compared?|than|equivalent)\b", re.I)
REFERS_BACK = re.compile(  # ("how long does the whole thing take?": the process talked of)
    r"\b(?:they|them|their|it|that|this)\b|\bthe whole (?:thing|process)\b|\bwhich one\b", re.I
)


def rival_after_own_offer(question: str, name: str) -> bool:
    """Whether `name` is a competing offer's employer named after the user's own offer: a
    sentence with the offer's figures comes before the sentence naming `name` beside offer
    words, and that sentence gives no figures ("beijing devops offer: base 60w, rsu 30w.
    meituan is offering more cash. where does each part sit?")."""
    # (a semicolon parts them too: "Anyscale NYC $190K base, …; NVIDIA is offering $230K…")
    sentences = [p for s in SENTENCE_BREAK.split(question) for p in s.split(";") if p.strip()]
    first = next((i for i, s in enumerate(sentences) if name.lower() in s.lower()), None)
    if not first:  # (not named, or named in the first sentence: the offer may be its own)
        return False
    told = " ".join(sentences[:first])
    # figures of two pay parts are an offer letter's ("Base Salary: $170,000; RSU grant: …"),
    # whatever the rival's sentence gives ("i also hold a google offer at 315k TC")
    letter = len(set(_PAY_PART.findall(told.lower()))) >= 2
    return (
        gives_amounts(told)
        and (letter or bool(re.search(r"\boffer", told, re.I)))
        and offer_near(sentences[first], [name])
        and (letter or not gives_amounts(sentences[first]))
    )


def rival_told(question: str, name: str, state: ConversationState | None = None) -> bool:
    """Whether `name` is an employer whose offer the user tells of, mid-conversation about an
    offer of the corpus: the sentence naming it tells rather than asks and gives figures or
    offer words ("amazon came back w/ a sysde offer around 270k tc. does that change my
    play?"), or asks with both ("meta offered me 250k, should i take it?"); not one named as
    where the job is, too ("…is 175k fair for datadog nyc?"). The talk's competing offer named
    again is told too ("should i keep the amazon number to myself?")."""
    if asked_as_the_job(question, name):
        return False
    if state and state.competing and name.lower() in (c.lower() for c in state.context):
        return True
    for sentence, asks in zip(*sentences_that_ask(question), strict=True):
        if name.lower() in sentence.lower():  # ("208 base / 235 rsu": figures of pay parts)
            amounts = gives_amounts(sentence) or _FIGURE_OF_A_PART.search(sentence.lower())
            amounts = amounts or _PUT_IN_PLACE.search(sentence)  # ("google is 350 not 310")
            offered = offer_near(sentence, [name])
            return (amounts and offered) if asks else (amounts or offered)
    return False


_PUT_IN_PLACE = re.compile(r"\d\s*k?\s*,?\s*(?:not|instead of)\s+\$?\d", re.I)
_PAY_PART = re.compile(r"\b(base|salary|rsus?|stock|equity|bonus|sign-?on|tc|total comp|all-?in)\b")
_FIGURE_OF_A_PART = re.compile(rf"\b\d[\d.,]*k?\s+{_PAY_PART.pattern}")


def gives_amounts(text: str) -> bool:
    """The text gives an amount of money or a percentage (an offer, a figure quoted)."""
    return any(True for _ in find_amounts(text))


def asked_elsewhere(text: str, catalog: Catalog) -> str | None:
    """The employer without a guide that the asking sentences are about, when the companies of
    the corpus are named only in the sentences that tell ("did alibaba's loop last month. now
    grab wants me too: how many rounds does grab do?"); else None."""
    asking = asked_sentences(text)
    if asking == text or companies_in(normalize(asking), catalog) or gives_amounts(text):
        return None
    if REFERS_BACK.search(asking):  # "alibaba offers me P6. what's that at google?"
        return None
    if level_asked(asking) or any(contains_phrase(normalize(asking), p) for p in LEVEL_PHRASES):
        return None  # "alibaba is offering P6. google L4 equivalent?": levels side by side
    if _SIDE_BY_SIDE.search(asking):  # "does grab pay more than alibaba's offer?"
        return None
    return find_unknown_company(asking, normalize(asking))


def figures_of_others(question: str, others: Iterable[str], own: Iterable[str]) -> bool:
    """Whether every amount of money the question gives follows, in its sentence, the name of
    another employer (`others`: employers without a guide) rather than one of `own`: a rival's
    figures told without offer words ("bytedance is at ~70w all-in. what do i counter alibaba
    with?")."""
    others = [o.lower() for o in others if o]
    question = thousands_beside_pay_words(question)[0]  # ("bytedance is at 300 base")
    amounts = [start for _, start, _ in money_amounts(question)]
    if not others or not amounts:
        return False
    lowered = question.lower()
    marks = sorted(
        (m.start(), name in others)
        for name in {*others, *(o.lower() for o in own if o)}
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", lowered)
    )
    for start in amounts:
        before = [
            other
            for at, other in marks
            if at < start and not SENTENCE_BREAK.search(question[at:start])
        ]
        if not before or not before[-1]:
            return False
    return True


def owner_of_levels(levels: Iterable[str], catalog: Catalog) -> str | None:
    """The one company whose level map's own codes share their letters with a level code named
    ("approved an offer at level P6… should I push for P7?": Alibaba's P5-P7), else None."""
    prefixes = {
        re.match(r"[A-Za-z]+", level).group(0).upper() for level in levels if level[-1:].isdigit()
    }
    if not prefixes:
        return None
    owners = {
        company
        for company, level_map in catalog.guides.level_maps.items()
        for code in level_map.own_codes
        if re.match(r"[A-Za-z]+", code).group(0).upper() in prefixes
    }
    return owners.pop() if len(owners) == 1 else None


_THAT_PLACE = re.compile(
    r"\bthere\b|\bsame (?:city|place|location|office|region|area)\b|\bthat (?:city|office)\b", re.I
)


def place_of_turn(
    found: RegionMatch | None,
    state: ConversationState,
    company: str | None,
    labels: list[str],
    followup: bool,
    repeating: bool,
    text: str = "",
) -> tuple[RegionMatch | None, str | None, str | None, bool]:
    """(match, region, place, nearby) of a turn: the place it names, else on a follow-up the
    one talked about ("what about equity?"), for the same question at another company the same
    place there ("and anyscale?"), and back at a company talked about before, its place then
    ("back to anyscale, bonus" after Anyscale SF, then Alibaba)."""
    if found is not None:
        return found, found.label, found.place, found.nearby
    if followup and company == state.company:
        return None, state.region, state.place, False
    if repeating and company != state.company and state.place:
        carried = match_region(state.place, labels)
        compared = dict(state.compared).get(company)  # ("and the other company?" after both)
        if (carried is None or carried.label is None) and compared:
            return None, compared, compared, False
        # (no row there: its rows, the lack named; "and alibaba there?" asks that place)
        if (carried is None or carried.label is None) and not _THAT_PLACE.search(text):
            return None, None, state.place, False
        if carried is None or carried.label is None:
            return RegionMatch(None, state.place), None, state.place, False
        return carried, carried.label, state.place, carried.nearby
    before = dict(state.compared).get(company) if company != state.company else None
    return None, before, before, False
