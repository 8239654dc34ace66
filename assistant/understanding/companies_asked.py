"""Which of the companies of the corpus a turn names it asks about, and which it names only as
context: the clouds the user ran on, a competing offer the user holds, an offer told of another
employer, and a company named only in the sentences that tell when the asking sentences name
another ("anyscale wants my answer by friday… how long does alibaba's process take?").

Leaves out: finding the names (assistant.understanding.entities) and the rules for each kind
of context (assistant.understanding.subject); assistant.understanding.question calls this once
per turn.
"""

from __future__ import annotations

import re

from assistant.understanding.asks import (
    COMPARES,
    SAME_AGAIN,
    SENTENCE_BREAK,
    asked_sentences,
    sentences_that_ask,
)
from assistant.understanding.corrections import corrects, negated_places
from assistant.understanding.employer import told_as_employer, users_employer
from assistant.understanding.entities import Catalog, companies_in, normalize
from assistant.understanding.frame import ConversationState
from assistant.understanding.held_offers import held_offer, offer_from, offer_named
from assistant.understanding.intents import INTERVIEW_TOPIC
from assistant.understanding.place_names import places_in
from assistant.understanding.subject import (
    REFERS_BACK,
    gives_amounts,
    named_as_context,
    offer_elsewhere,
    whose_role_is_asked,
)
from assistant.understanding.tables import EMPLOYER_SPELLINGS, KNOWN_EMPLOYERS, names_levels
from assistant.understanding.unknown_names import offering_employer
from assistant.understanding.words import contains_phrase


def companies_asked(
    question: str, normalized: str, named: list[str], state: ConversationState, catalog: Catalog
) -> tuple[list[str], list[str]]:
    """(the companies `named` that the turn asks about, the subject first; those it names
    only as context). `normalized`: the question as entities.normalize gives it."""
    context = named_as_context(normalized, catalog)
    context += [
        c for c in named if c not in context and _works_at(question, normalized, c, catalog)
    ]
    context += offer_elsewhere(normalized, named, context)
    context += _only_in_asides(question, named, catalog)  # ("(with the nvidia gpu operator)")
    holding = [c for c in named if held_offer(normalized, c)]
    asking = asked_sentences(question)
    asked_of = companies_in(normalize(asking), catalog)  # (not "thoughts?"
    # ("i have an nvidia offer … what do i ask anyscale for?"; not "got an anyscale offer. which
    # google level is it?": a level asked of another company)
    if any(c not in holding for c in asked_of) and not names_levels(normalize(asking)):
        context += holding
    if state.company in named and not COMPARES.search(asking):  # ("nvidia also has me at 213
        # base / 255 rsu. if anyscale makes an offer whats my counter": NVIDIA's is a rival's)
        context += [c for c in named if c != state.company and _offer_told(normalized, c, catalog)]
    if state.company and state.company not in named:  # "if I had an NVIDIA offer" mid-talk
        # (not the one the message writes to: "anyscale offer expires friday. write me an
        # email asking anyscale for 2 more wks" is about Anyscale's offer)
        context += [c for c in holding if not _addressed(normalized, c)]
        # ("update: nvidia just made me an offer too. does that change which argument i lead
        # with?": a rival's; not "anyscale nyc also came in at 180k. where's that vs their band?")
        taken_back = normalize(negated_places(question)[1]) if corrects(question) else ""
        if normalize(state.company) not in taken_back and not _ITS_PAY.search(asking):
            context += [
                c
                for c in named
                if _offer_told(normalized, c, catalog)
                and not (_same_asked_for(normalized, c) or _addressed(normalized, c))
            ]
        mid_counter = state.intent in ("counter", "lever") and asking != question
        # ("ok what do i counter with then. i have databricks at $208k base": a rival's; not
        # "anyscale nyc came in at 180k. where's that vs their band?")
        if mid_counter and not asked_of and not REFERS_BACK.search(asking):
            context += [c for c in named if gives_figures_of(question, c)]
        if context and all(c in context for c in named):
            named = [state.company, *named]
    offering = offering_employer(normalized)  # "coreweave offered me…", in lower case
    if offering and companies_in(offering, catalog):
        offering = None
    if context and any(c not in context for c in named):
        named = [c for c in named if c not in context]
    elif context and offering:  # "…190k base. anyscale ny is my other process"
        named = []
    else:
        context = []
    named = whose_role_is_asked(normalized, named, catalog)
    # ("anyscale wants my answer by friday… how long does alibaba's process take?": Anyscale
    # is only told; not "alibaba sf is 180k. how does anyscale compare?")
    # (the company whose offer the message gives figures for stays: "anyscale sf offer: 195
    # base… what's the lowest i should accept before just going with nvidia?")
    # (unless the company asked of gives its own: "databricks at 208/235. anyscale is at 185
    # base. which argument do i use w anyscale?", or is the one talked of: "nvidia just came
    # in at 213k base. what do i counter anyscale with": the others are rivals told)
    own_asked = state.company in asked_of or (
        len(asked_of) == 1 and gives_figures_of(question, asked_of[0])
    )
    told = [
        c
        for c in named
        if c not in asked_of
        and (own_asked or not gives_figures_of(question, c))
        and not offer_named(normalized, c, "(?:ed|s)?")  # ("anyscale sf devops offer: 195 base…")
    ]
    # (nor when levels are asked: each company's level map places the user, told or asked)
    again = COMPARES.search(asking) or SAME_AGAIN.search(question) or names_levels(normalized)
    if asked_of and told and len(named) > 1 and not again:
        context, named = context + told, [c for c in named if c in asked_of]
    # ("im IC4 at meta, does that map?", then "and what's the amazon equivalent": the level
    # map of the company talked about names Amazon's, whatever guide Amazon has of its own)
    if state.company and named and state.company not in named and _EQUIVALENT.search(asking):
        mapped = [c for c in named if state.company in catalog.guides.mentions(c)]
        if mapped == named and names_levels(f"{state.topic} {normalized}"):
            context, named = context + named, [state.company]
    return named, list(dict.fromkeys(context))


_EQUIVALENT = re.compile(r"\b(?:equivalent|equiv|maps? to|mapping|same level|level at)\b", re.I)


def _works_at(question: str, normalized: str, company: str, catalog: Catalog) -> bool:
    """Whether the user tells they work at `company` ("im an L4 SRE at google", "an
    infrastructure engineer at aws": named right after "at", and told as their employer; "im
    a google L4 SRE")."""
    for match in re.finditer(r"\bat ([\w.&'-]+)", normalized):
        if _SEEKING.search(normalized[: match.start()][-40:]):
            continue  # ("im also interviewing at anyscale": where the user may go, not works)
        if company in companies_in(match.group(1), catalog):  # (a level asked of it: its levels)
            told = told_as_employer if names_levels(normalized) else users_employer
            return told(question, match.group(1))
    # ("im a google L4 SRE right now"): the company's title the user holds
    mine = re.search(r"\b(?:im|i'm|i am) (?:an? |currently (?:an? )?)?([\w.&'-]+)", normalized)
    return bool(mine) and company in companies_in(mine.group(1), catalog)


def _only_in_asides(question: str, named: list[str], catalog: Catalog) -> list[str]:
    """The companies named only inside parentheses ("run ~2k H100s across k8s (with the nvidia
    gpu operator)"): an aside, never the company asked about."""
    # (an aside opens like one: "(with …)", "(using …)"; not a label, "(alibaba, sunnyvale)")
    asides = [a for a in re.findall(r"\(([^()]*)\)", question) if _ASIDE.match(a)]
    if not asides:
        return []
    inside = {c for aside in asides for c in companies_in(normalize(aside), catalog)}
    outside = companies_in(normalize(re.sub(r"\([^()]*\)", " ", question)), catalog)
    return [c for c in named if c in inside and c not in outside]


def _offer_told(normalized: str, company: str, catalog: Catalog) -> bool:
    """Whether the text tells of an offer from `company`, spelled any way ("amazon came back
    w/ a sysde offer", "my competing offer is an aws sre role")."""
    spelled = [s for s in catalog.spellings(company) if s in normalized]
    return any(offer_from(normalized, company, s) for s in spelled)


def gives_figures_of(question: str, company: str) -> bool:
    """Whether a sentence naming `company` gives amounts of money (an offer's figures), or a
    bare number beside a pay word ("anyscale is at 185 base")."""
    return any(
        company.lower() in sentence.lower()
        and (gives_amounts(sentence) or bool(_BARE_PAY.search(sentence)))
        for sentence in SENTENCE_BREAK.split(question)
    )


_BARE_PAY = re.compile(r"\b\d{2,3}(?:\.\d+)?\s*(?:base|rsus?|stock|equity|tc|total|bonus)\b", re.I)


_THE_OTHER = re.compile(r"\bother (?:company|company's|companies|firm|guide)\b")
# "the other one('s)", as normalized: the company only when the talk had two
_THE_OTHER_ONE = re.compile(r"\bthe other(?:'s| ones?)\b")
# "back to the first one", "the original company": the company the talk named first
_THE_FIRST = re.compile(r"\bthe (?:first|1st|original|earlier) (?:one|company|offer)(?:'s)?\b")


def the_other_company(normalized: str, state: ConversationState, catalog: Catalog) -> list[str]:
    """The company "the other company" means mid-talk ("and at the other company?"): the one
    talked about beside the subject, else the corpus's one company besides it; "the first one"
    after two: the one the talk named first; [] when the turn says no such thing or several
    could be meant."""
    talked = list(dict.fromkeys(c for c, _ in state.compared if c and c != state.company))
    if state.company and talked and _THE_FIRST.search(normalized):  # "back to the first one"
        first = state.named_order[0] if state.named_order else None
        return [first] if first in talked else []
    # ("what about the other one" after one company's pay; not after a lever: its other rival)
    one = talked or state.intent not in ("lever", None)
    if not state.company or not (
        _THE_OTHER.search(normalized) or (one and _THE_OTHER_ONE.search(normalized))
    ):
        return []
    others = talked or [c for c in catalog.companies if c != state.company]
    return others if len(others) == 1 else []


def interview_subject(
    question: str, named: list[str], context: tuple[str, ...], catalog: Catalog
) -> tuple[list[str], tuple[str, ...]]:
    """(the companies asked of, those named as context) of an interview question naming
    several: the one with an interview guide that an asking sentence names beside interview
    words, first ("…only just started alibaba's process. how long does alibaba take from
    screen to offer? and can i ask anyscale to extend their deadline?"), taken from the context
    when the subject has no interview guide; else both as they are."""
    with_guide = [c for c in (*named, *context) if "interview" in catalog.kinds.get(c, ())]
    if not with_guide or (named and named[0] in with_guide):
        return named, context
    companies = [*named, *context]
    asked = beside_interviews(asked_sentences(question), companies)
    told = beside_interviews(question, companies, goes_on=True)  # (what the user goes through)
    # (else one told so, when the subject's interviews are neither told of nor asked as
    # theirs: "anyscale deadline is in 6 days. alibaba still has my 'HR/values' round next
    # week… a formality?"; not "…the anyscale recruiter call… then a 'virtual onsite'… all the
    # prep i find is alibaba's", nor "…will they ask about terraform, and how many onsite
    # sessions?")
    first = next((c for c in asked if c in with_guide), None)
    theirs = any(
        INTERVIEW_TOPIC.search(sentence) and _THEIRS.search(sentence)
        for sentence in SENTENCE_BREAK.split(asked_sentences(question))
    )
    if first is None and not (named and named[0] in told) and not theirs:
        first = next((c for c in told if c in with_guide), None)
    if first is None:
        return named, context
    return [first, *(c for c in named if c != first)], tuple(c for c in context if c != first)


def beside_interviews(text: str, companies: list[str], goes_on: bool = False) -> list[str]:
    """The companies a sentence of `text` names beside interview words, in it or (`goes_on`)
    in the sentence after it when that one names none of them ("got through the anyscale
    recruiter call 🎉 next is … a 'virtual onsite'"; not "anyscale deadline is in 6 days.
    alibaba still has my last round")."""
    sentences = [s.lower() for s in SENTENCE_BREAK.split(text) if s.strip()]
    names = [c.lower() for c in companies]
    after = [s if goes_on and not any(n in s for n in names) else "" for s in [*sentences[1:], ""]]
    pairs = zip(sentences, after, strict=True)
    about = [s for s, nxt in pairs if INTERVIEW_TOPIC.search(f"{s} {nxt}")]
    return [c for c in companies if any(c.lower() in sentence for sentence in about)]


# what asks about a company's own pay: its band, its range, whether it is fair
_ITS_PAY = re.compile(  # (or its own guide: "alibaba made an offer too. what does their guide
    # say to ask for?")
    r"\b(?:band|range|fair|market|pays?|where'?s that|where does (?:that|it)|"
    r"(?:their|its) (?:own )?guides?)\b"
)
# words before "at <company>" that tell where the user may go, not where they work
_SEEKING = re.compile(
    r"\b(?:interview\w*|appl(?:y|ying|ied)|talking|speaking|looking|loop)\b[^.?!]*$"
)
_THEIRS = re.compile(r"\b(?:they|their|them)\b", re.I)  # (the subject, not named again)
_ASIDE = re.compile(r"\s*(?:with|w/|using|via|on|like|e\.g\.|incl\w*|plus|through)\b", re.I)


def _addressed(normalized: str, company: str) -> bool:
    """Whether the message asks the user to write to, ask or answer `company` ("email asking
    anyscale for 2 more weeks", "what do i tell alibaba"): the offer it talks of is theirs."""
    name = re.escape(normalize(company))
    return bool(re.search(rf"\b{_WRITES_TO}\s+(?:to )?{name}\b", normalized))


_WRITES_TO = r"(?:ask|asking|email|emailing|tell|telling|reply|replying|answer|write|writing)"


def _same_asked_for(normalized: str, company: str) -> bool:
    """The last question asked again for this company's offer ("same but for my alibaba bay
    area offer: 170 base…"): its own offer, asked of, not a rival's told."""
    name = re.escape(normalize(company))
    return bool(
        re.search(r"\bsame\b", normalized)
        and re.search(rf"\bfor (?:my |the |their |an? )?{name}\b", normalized)
    )


def places_of_the_subject(text: str, company: str | None, catalog: Catalog) -> str:
    """The text without its sentences that tell (not ask) of a well-known employer without a
    guide and not of `company`, when what is left still names a place: "amazon sysde offer
    280k tc (seattle). alibaba sunnyvale devops: 170 base…" asks of Alibaba's Sunnyvale,
    Seattle being Amazon's; else the text as it is."""
    if not company:
        return text
    own = [normalize(s) for s in catalog.spellings(company)]
    indexed = {normalize(c) for c in catalog.companies}
    rivals = [
        spelling
        for name in KNOWN_EMPLOYERS
        if normalize(name) not in indexed
        for spelling in EMPLOYER_SPELLINGS.get(name, (name,))
    ]
    kept = []
    for sentence, asks in zip(*sentences_that_ask(text), strict=True):
        said = normalize(sentence)
        theirs = any(contains_phrase(said, r) for r in rivals)
        if asks or not theirs or any(contains_phrase(said, o) for o in own):
            kept.append(sentence)  # (a sentence that asks is kept: "…the guide map meta PEs…")
    left = " ".join(kept)
    return left if left != text and places_in(left) else text
