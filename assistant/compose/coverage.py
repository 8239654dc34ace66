"""Coverage before composing: each thing the question frame asks about is found in the guides
or named as not covered, in the answer's first sentence.

A job title the guides do not hold ("data scientist"), a level with no band of its own ("P8",
"staff": the guides' bands are per region, and a guide's level-mapping line says which levels
its role spans), and topics whose words the company's guides never use (PTO, visas, refreshers,
a cliff, relocation…: read from the guides' own vocabulary, assistant.corpus.vocabulary) are
gaps, and so is a currency the region's row is not in (no exchange rate is applied, nor
between rows compared in two currencies). A level at another employer that a guide's level
map takes in is no gap: `level_equivalence` places it. `nothing_else` says whether the
question asks anything the guides do hold; when it does not, the answer is a refusal that
names the gaps. A topic only told about ("I was the oncall when…") is named, but the
sentences that ask decide whether anything held was asked; an offer given earlier is not asked
about again by a follow-up that only names a topic the guides lack ("do they sponsor visas?").
A compound of guide words ("teamwork") and a short form of any guide's word ("prod") are the
guides' own vocabulary; an employer whose title the level map names ("AWS Infrastructure
Engineer") is placed by the map, not called a company without a guide. A message with two asks
("list the levers. also can I make H-1B sponsorship part of it?") is refused only when no ask is
free of a gap (assistant.compose.asks_apart reads the asks apart); a topic the guides hold
only under a broader name ("hours a week": "work-life balance") is said to be so, then
answered with what they hold; a level code named in a question
of no other kind ("would they bring me in as P4?") is a level question, and levels asked with a
pay word ("a p7 vs a p5, tc wise?") are said to share one band; a second place with no row
("listed as london, but employed out of dublin") is named. Terms of art no guide uses are found
by assistant.compose.unheld_terms; employers asked of by kind ("startups") and rivals no lever
names, by assistant.compose.employer_kinds and assistant.compose.rival_offers.

Leaves out: companies and regions the guides lack (retrieval abstains and the refusal names
them), the level sentences (assistant.compose.level_coverage), and wording beyond one sentence
per kind of gap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.compose.asks_apart import (
    another_ask_held,
    how_long_asked_apart,
    loop_asked_apart,
)
from assistant.compose.aspects import asked_plainly, aspects_asked, aspects_lacking, with_aspect
from assistant.compose.core import Writer
from assistant.compose.currency_gaps import currency_statement
from assistant.compose.employer_kinds import kind_statement
from assistant.compose.level_coverage import level_statement
from assistant.compose.loops_of_others import loops_of_others
from assistant.compose.passages import said_words
from assistant.compose.place_gaps import (
    PAY_INTENTS,
    carried_place_without_a_row,
    companies_without_the_place,
    pay_asked_of_a_place_without_a_row,
    places_without_rows_of,
)
from assistant.compose.rival_offers import rival_statement
from assistant.compose.same_role import role_named, same_role_sentence
from assistant.compose.topic_coverage import (
    as_said,
    broader_statement,
    guides_cover,
    stands_in,
    topics_statement,
)
from assistant.compose.unheld_terms import (
    as_typed,
    names_only_a_subject,
    unheld_terms,
    unmentioned,
)
from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.facts import CompBand
from assistant.understanding.asks import (
    REFERS_BACK,
    SENTENCE_BREAK,
    TopicAsk,
    asked_sentences,
    asked_with_antecedents,
    components_named,
)
from assistant.understanding.companies_asked import beside_interviews
from assistant.understanding.employer import pay_asked_of
from assistant.understanding.entities import (
    Catalog,
    contains_phrase,
    normalize,
)
from assistant.understanding.intents import INTERVIEW_TOPIC, amounts_judged
from assistant.understanding.question import Understanding
from assistant.understanding.subject import gives_amounts
from assistant.understanding.tables import (
    COMPANY_ALIASES,
    COMPONENT_WORDS,
    EMPLOYER_SPELLINGS,
    STOPWORDS,
)
from assistant.understanding.words import WHAT_TO_SAY, not_asked_there


@dataclass(frozen=True)
class Coverage:
    """What the guides lack of what was asked: sentences to lead the answer with, and whether
    anything else was asked."""

    statements: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()  # the elements not covered, as the user named them
    nothing_else: bool = False
    stand_in: str | None = None  # a pay component the guides give for a missing topic
    unheld_words: tuple[str, ...] = ()  # the user's words for what the guides lack
    # (chunk id, sentence): the guide names the title asked as its role ("interchangeable…")
    same_role: tuple[str, str] | None = None
    # the pay asked is a held topic's ("is there on-call pay?"), not a band's
    pays_a_topic: bool = False

    def without_unheld(self, query: str) -> str:
        """The query without the words of what the guides lack: matched against passages they
        could only find chance neighbours ("take home assignment" -> "how long does it take")."""
        dropped = set(self.unheld_words)
        return " ".join(w for w in query.split() if normalize(w) not in dropped)

    @property
    def lead(self) -> str:
        return " ".join(self.statements)


def coverage_of(
    frame: Understanding,
    catalog: Catalog,
    records: Mapping[str, ChunkRecord],
    writer: Writer,
    has_offer: bool = False,
    bands: Sequence[CompBand] = (),
    previous_region: str | None = None,
) -> Coverage:
    """The gaps of `frame` against the guides; a level-mapping line it states is cited.
    `has_offer`: the turn has an offer to place (this message's or the conversation's);
    `bands`: the comp rows of the companies the turn concerns; `previous_region`: the latest
    other region the conversation was on, which a comparison naming one region sets beside it."""
    statements: list[str] = []
    gaps: list[str] = []
    company = frame.company
    level_map = catalog.guides.level_maps.get(company) if company else None
    mapped = (level_map.equivalent_named(frame.question) or "") if level_map else ""
    # (an employer whose title the level map names is placed by it: "aws infrastructure
    # engineer -> anyscale: same level or not?")
    # (and on a level question, an employer the level map names: "alibaba level vs google?")
    in_map = level_map.line.lower() if level_map and frame.asks_levels else ""
    placed = f"{mapped} {in_map}".lower()  # (by any spelling: "amazon" as "AWS Infrastructure…")
    outside = [
        n
        for n in frame.outside_companies
        if not any(re.search(rf"\b{re.escape(s)}\b", placed) for s in _spellings(n))
    ]
    # (a competing offer told with a counter: its figures are the user's to place, not asked)
    rival = frame.intent == "counter" and frame.competing
    if outside and frame.asks_levels and level_map:  # "does anyscale list a meta equivalent?"
        names = " or ".join(_employer(n, catalog) for n in outside)
        statements.append(f"{company}'s level map names no {names} level.")
        gaps += [_employer(n, catalog) for n in outside]
    elif outside and (frame.compares or pay_asked_of(outside, frame.question)) and not rival:
        # "bytedance sre pay vs alibaba devops?", "what does stripe pay devops engineers here?"
        names = " or ".join(_employer(n, catalog) for n in outside)
        statements.append(f"The guides have no figures or guide for {names}.")
        gaps += [_employer(n, catalog) for n in outside]
    kinds = catalog.kinds.get(company, ()) if company else ()
    interviews = frame.intent == "interview" or frame.intents == ("general", "interview")
    asks_interviews = interviews and (frame.asks_interviews or frame.asks_examples)
    # ("interviewing at both… how does each one map my level?": the loop is only told)
    asks_interviews = asks_interviews and not (
        frame.asks_levels and not INTERVIEW_TOPIC.search(asked_sentences(frame.question))
    )
    # ("offer letter says 'subject to background screening'. how long does that take?": the
    # interview word is the topic's own; not "interview feedback", a topic of the interviews)
    beside = normalize(frame.question)
    for phrase in (p for t in frame.topics for p in t.said if "interview" not in p):
        beside = beside.replace(normalize(phrase), " ")
    only_topics = INTERVIEW_TOPIC.search(frame.question) and not INTERVIEW_TOPIC.search(beside)
    asks_interviews = asks_interviews and not (only_topics and not frame.asks_examples)
    if asks_interviews and company and kinds and "interview" not in kinds:
        statements.append(NO_INTERVIEW_GUIDE.format(company))
        gaps.append(f"{company} interview guide")
    for other in frame.other_companies if asks_interviews else ():  # "…and same q for anyscale"
        # (not one whose interviews are not asked of: "…can i ask anyscale to extend?")
        loop_asked = beside_interviews(frame.question, [other]) or _SAME.search(frame.question)
        if "interview" not in catalog.kinds.get(other, ("interview",)) and loop_asked:
            statements.append(NO_INTERVIEW_GUIDE.format(other))
            gaps.append(f"{other} interview guide")
    # "got one for google's sre loop too?": another employer's interviews, asked by name
    others_loops, beside = loops_of_others(frame)
    for other in others_loops:
        statements.append(NO_INTERVIEW_GUIDE.format(_employer(other, catalog)))
        gaps.append(f"{_employer(other, catalog)} interview guide")
    # A title beside another employer's name is theirs ("my Google L4 SRE offer"), not asked.
    other_employer = _beside_another_employer(frame)
    roles = catalog.roles.get(company, ()) if company else catalog.all_roles()
    same = frame.role_asked and same_role_sentence(frame.role_asked, roles, company, records)
    # ("does the alibaba TPM job need mandarin?": a job the guide names, asked of not its pay)
    named = (  # (its sentences are read only when a title is asked)
        frame.role_asked
        and frame.intent not in PAY_INTENTS
        and role_named(frame.role_asked, company, records, said_words(frame))
    )
    if frame.role_asked and not other_employer and not same and not named:
        held = " and ".join(roles) or "other roles"
        where = f" at {company}" if company else ""
        what = "figures" if frame.intent in PAY_INTENTS else "guide"
        statements.append(
            f"The guides have no {frame.role_asked} {what}{where}; they cover {held} only."
        )
        gaps.append(frame.role_asked)
    kind_gap, kinds_asked = kind_statement(frame, catalog)  # "what do startups pay in sf?"
    rival_gap = rival_statement(frame, catalog)  # "citadel offered me… which lever?"
    for said, named in ((kind_gap, kinds_asked), rival_gap):
        statements += [said] if said else []
        gaps += named
    level_gap, levels_not_held = level_statement(frame, catalog, writer)
    if level_gap:
        statements.append(level_gap)
        gaps += levels_not_held
    missing = [t for t in frame.topics if not guides_cover(t, company, catalog, records)]
    # a topic only told about ("I was the oncall when…") is named, but asks nothing
    asking = normalize(asked_sentences(frame.question))
    # ("does anyscale pay an on-call stipend?": on-call pay, which no guide names either)
    missing = [with_aspect(t, "pay") if "pay" in aspects_asked(t, asking) else t for t in missing]
    # "how often is the on-call?": a topic the guides name, asked of what they do not say
    lacking = [
        with_aspect(t, aspect)
        for t in frame.topics
        if t not in missing
        for aspect in aspects_lacking(t, asking, company, records)
    ]
    missing += lacking
    # "how bad is on call… and do they pay extra?": the topic itself is asked too
    lacking_keys = {t.key for t in lacking}
    raw_asking = asked_sentences(frame.question)  # ("on call pay + how rough it is")
    held_too = any(asked_plainly(t, raw_asking) for t in frame.topics if t.key in lacking_keys)
    # "my company offered a raise to keep me. should i take it?": told, then asked as "it"
    referred = normalize(asked_with_antecedents(frame.question))
    asked = [t for t in missing if any(contains_phrase(referred, normalize(p)) for p in t.said)]
    stand_in = next(
        (
            t.stand_in
            for t in asked
            if t.stand_in
            and (t.stand_in != "script" or WHAT_TO_SAY.search(frame.question))
            and (t.stand_in != "process" or "interview" in kinds)
            # as the composer uses it: a pay figure stands in on a pay, lever or general turn
            and (t.stand_in in ("script", "process") or frame.intent in STAND_IN_INTENTS)
            and stands_in(t, company, records)  # (a sign-on for the move, not for reliability)
        ),
        None,
    )
    if missing:
        statements.append(topics_statement(missing, company, stand_in))
        gaps += [as_said(t) for t in missing]
    held_by_another = False  # ("is on-call brutal at anyscale or alibaba?": Alibaba's holds it)
    for other in frame.other_companies:  # ("which one has better wlb?": each one's guides)
        theirs = [t for t in frame.topics if not guides_cover(t, other, catalog, records)]
        held_by_another = held_by_another or len(theirs) < len(frame.topics)
        if theirs:
            statements.append(topics_statement(theirs, other, None))
            gaps += [as_said(t) for t in theirs]
    broader, said_only = broader_statement(frame, catalog, records, lacking_keys)
    if broader:
        statements.append(broader)
        gaps += said_only
    rowless = places_without_rows_of(frame, catalog)
    if not rowless and pay_asked_of_a_place_without_a_row(frame, catalog):
        rowless = [frame.unknown_region.title()]  # "does anyscale hire in toronto? base in CAD?"
    if not rowless and frame.unknown_region and any(t.key == "remote" for t in frame.topics):
        rowless = [frame.unknown_region.title()]  # "remote ok? im in denver": nor a Denver row
    if not rowless and carried_place_without_a_row(frame, catalog):
        rowless = [frame.place.title()]  # "and at anyscale?" after alibaba seattle: its rows
    if rowless:  # "listed as london but they might employ me out of dublin"
        statements.append(f"{company}'s comp table has no row for {' or '.join(rowless)}.")
        gaps += rowless
    for other, place in companies_without_the_place(frame, catalog):  # "…london, a or b?"
        statements.append(
            f"{other}'s comp table has no row for {place}, so there is no {other} {place} "
            "figure to compare."
        )
        gaps.append(f"{other} {place}")
    other_currency = currency_statement(frame, bands, previous_region)
    if other_currency:
        statements.append(other_currency)
        gaps.append(frame.currency or "")
    named = {normalize(g) for g in gaps} | {normalize(p) for t in missing for p in t.said}
    unheld = [w for w in unheld_terms(frame, catalog) if w not in named]  # (named already)
    asked_of = [  # (not "how anyscale interviews devops people": that company's gap is named)
        t
        for t in unmentioned(frame.question, records, company)
        if not any(contains_phrase(normalize(t), g) for g in named if g)  # ("…benefits in nyc")
        and not any(
            contains_phrase(normalize(t), normalize(c))
            for c in (*frame.other_companies, *frame.context_names)
        )
    ]
    unheld += [t for t in asked_of if not set(normalize(t).split()) & set(unheld)]
    if unheld:
        whose = f"The {company} guides say" if company else "The guides say"
        typed = [as_typed(word, frame.question) for word in unheld]
        statements.append(f"{whose} nothing about {' or '.join(typed)}.")
        gaps += unheld
    unheld_words = _words_of(missing) | set(unheld)
    # a company without an interview guide, and only its interviews asked about (whatever
    # else it lacks: "will they go deep on raylet?"); or only another employer's interviews
    # ("got one for google's loop too?")
    only_loops = f"{company} interview guide" in gaps and set(frame.intents) <= {"interview"}
    # (not when another company asked about has one: "anyscale tuesday… for alibaba — how
    # hard is the coding?"; "the prep i found is alibaba's" only tells)
    only_loops = only_loops and not any(
        "interview" in catalog.kinds.get(other, ()) and contains_phrase(asking, normalize(other))
        for other in frame.other_companies
    )
    no_guide = only_loops or (bool(others_loops) and not beside)
    judged = amounts_judged(_asking_words(frame.question))
    asked_more = bool(
        stand_in
        # "£150k salary": the user's figure; "how are RSUs taxed": what the topic is about
        or (
            # named where this turn asks, not carried from the last turn nor only told ("…this
            # matters more to me than the RSUs right now")
            frame.component in components_named(_asking_words(frame.question))
            and not frame.states_amounts
            and _asked_apart(frame, missing, unheld)
        )
        or frame.role_asked
        or level_gap
        # ("…210k base, 220k rsu. should i take it?": the offer given is placed in its band)
        or (frame.states_amounts and any(t.key in ("decision", "pushing") for t in missing))
        # (an offer given earlier, or told beside the ask, is not asked about again by "do
        # they sponsor visas?")
        or (frame.intent == "counter" and has_offer and not (asked and _offer_told(frame)))
        # (not levels only of a topic the guides lack: "how long to get promoted to P7?")
        or (frame.asks_levels and _asked_apart(frame, missing, unheld, frame.levels))
        # ("is 15k normal per ur guide? and the repayment?": the figure's; not "…relo amount?")
        or (bool(judged) and frame.component and _asked_apart(frame, missing, unheld, judged))
        # ("nvidia offered me a retention package… how do i use that?": its levers are held)
        or (frame.competing and frame.intent in ("lever", "counter"))
        # "a take-home in the interview process?" (not "can you review my resume?" after one)
        or (
            asks_interviews
            and "interview" in kinds
            and not (frame.followup and asked and not INTERVIEW_TOPIC.search(frame.question))
            # ("after the onsite how long does the background check take?": only a time)
            and loop_asked_apart(
                frame.question, unheld_words, _words_of(t for t in missing if t.of_the_interviews)
            )
        )
        # ("how long from first call to offer? also do they sponsor?": the process's length)
        or (
            frame.intent == "general"
            and "interview" in kinds
            and how_long_asked_apart(frame.question, unheld_words)
        )
        or len(missing) < len(frame.topics)
        or held_by_another
        or held_too
        # "list the levers. also can I make h1b sponsorship part of it?": the levers are held
        or another_ask_held(frame.question, unheld_words, catalog, company, _words_of(missing))
    )
    # "what about cantonese?" after a question: only a subject the guides lack
    nothing_else = (bool(asked or unheld) and not asked_more) or no_guide
    # (a term of art asked with no company, of no pay nor interview: "is the CKA cert worth it
    # for landing devops jobs in general?" is about the term, which no guide uses)
    about_a_term = bool(unheld) and company is None and frame.intent == "general"
    nothing_else = nothing_else and (
        bool(asked) or names_only_a_subject(frame) or no_guide or about_a_term
    )
    # ("how much equity would a series b startup give?": no figure held is asked; a place
    # named has its rows, "what do startups pay in sf?")
    nothing_else = nothing_else or bool(kind_gap and not frame.region)
    # the title's sameness is said when asked about ("is SRE the same job there?"), not when
    # it is only the user's background ("i've been an SRE for 7 years… here's my offer")
    title_asked = frame.role_asked and contains_phrase(
        normalize(asked_with_antecedents(frame.question)), normalize(frame.role_asked)
    )
    # (nor when it is another employer's title: "google offered me L4 SRE…")
    asked_same = same and title_asked and frame.intent != "counter" and not other_employer
    same_role = same if asked_same else None
    pays_a_topic = any(t.name.endswith(" pay") for t in lacking)
    return Coverage(
        tuple(statements),
        tuple(gaps),
        nothing_else,
        stand_in,
        tuple(unheld_words),
        same_role,
        pays_a_topic,
    )


def _spellings(name: str) -> list[str]:
    """A company's name and the other spellings people use for it ("amazon": "aws")."""
    return [name.lower(), *COMPANY_ALIASES.get(name.lower(), ())]


def _words_of(topics) -> set[str]:
    """The words the user named the topics with ("refer me": "me" names nothing lacked)."""
    return {w for t in topics for p in t.said for w in normalize(p).split() if w not in STOPWORDS}


NEXT_TO = 3  # word positions from a pay word to a topic's phrase that make it the topic's object


STAND_IN_INTENTS = ("comp", "general", "lever")
NO_INTERVIEW_GUIDE = (  # and what one holds, in the words users ask with
    "The guides have no {} interview guide, so nothing on its interview process, rounds, "
    "timeline or questions."
)
FRAGMENT_WORDS = 4  # "base only", "in usd": a fragment beside a question is part of it


def _asking_words(question: str) -> str:
    """The sentences that ask (with what they refer back to) and the short fragments beside
    them ("…per month, roughly? base only"), not what the message only tells."""
    fragments = [s for s in SENTENCE_BREAK.split(question) if 0 < len(s.split()) <= FRAGMENT_WORDS]
    return " ".join([asked_with_antecedents(question), *fragments])


def _asked_apart(
    frame: Understanding,
    topics: Sequence[TopicAsk],
    terms: Sequence[str] = (),
    named: Sequence[str] | None = None,
) -> bool:
    """Whether the pay component (or `named`: levels, amounts) is asked for itself where the
    message asks, not only as what a topic or term the guides lack is about ("how are anyscale
    rsus taxed?", "do they give rsu refreshers?", "the offer has rsus over 4 yrs. anything on
    the vesting cliff?": nothing of the grant is asked)."""
    words = normalize(_asking_words(frame.question)).split()
    phrases = [normalize(p).split() for p in (*(p for t in topics for p in t.said), *terms)]
    # (each phrase's words, first to last: "a 1 year cliff on the rsus" is three from "cliff")
    said = [(at, at + len(p) - 1) for p in phrases for at in _word_positions(words, p)]
    named = COMPONENT_WORDS.get(frame.component or "", ()) if named is None else named
    mentions = [at for phrase in named for at in _word_positions(words, normalize(phrase).split())]
    if not mentions:
        return True
    # ("some % of base": the topic's pay's measure; "if they give me the sign-on… owe it back",
    # "if i join at P6, how long to get promoted to P7?": what the condition names; "a stipend
    # instead of pushing the base higher": what is set aside)
    mentions = [m for m in mentions if not not_asked_there(words, m, [a for a, _ in said])]
    if not mentions:
        return False
    near = [min(max(a - m, m - b) for a, b in said) for m in mentions] if said else []
    return not said or any(gap > NEXT_TO for gap in near)


def _word_positions(words: list[str], phrase: list[str]) -> list[int]:
    return [i for i in range(len(words) - len(phrase) + 1) if words[i : i + len(phrase)] == phrase]


TITLE_NEAR = 4  # words between an employer's name and a title that make it that employer's


def _beside_another_employer(frame: Understanding) -> bool:
    """Whether the title asked about stands next to another employer's name ("my Google L4 SRE
    offer", "amazon offered me a sysde role"), not only in the same message ("a 'cloud security
    engineer' posting (IAM across aws/gcp/azure…)")."""
    names = [*frame.context_names, *frame.outside_companies]
    if not names or not frame.role_asked:
        return bool(names)
    words = normalize(frame.question).split()
    title = _word_positions(words, normalize(frame.role_asked).split())
    near = [
        at
        for name in names
        for spelled in EMPLOYER_SPELLINGS.get(name.lower(), (name,))  # ("goog l4 sre")
        for at in _word_positions(words, normalize(spelled).split())
    ]
    return not title or any(abs(t - n) <= TITLE_NEAR for t in title for n in near)


def _offer_told(frame: Understanding) -> bool:
    """Whether the turn's offer is only context for its ask: given on an earlier turn, or in
    a sentence that does not ask ("i have a devops offer from alibaba. do they have adoption
    assistance?"), the asking sentences stating no amount, naming no pay component and not
    referring back to it ("which of these is competitive?", "how is it")."""
    asking = asked_sentences(frame.question)
    about_it = gives_amounts(asking) or components_named(asking) or REFERS_BACK.search(asking)
    return frame.followup or not (about_it or _OFFER_JUDGED.search(asking))


# "is the offer fair and does ur guide say anything about refreshers?": the offer is asked of
_OFFER_JUDGED = re.compile(
    r"\b(?:offer|package)\b[^.?!]{0,25}\b(?:fair|good|competitive|decent|lowball\w*|low|"
    r"reasonable|normal|ok|okay)\b",
    re.I,
)


def _employer(name: str, catalog: Catalog) -> str:
    """An employer's name as the guides write it, else capitalised ("ByteDance" stays)."""
    entry = catalog.guides.names.get(name.lower())
    return entry[0] if entry else name[:1].upper() + name[1:]


_SAME = re.compile(r"\bsame\b", re.I)  # ("…and same for anyscale": the loop asked again)
