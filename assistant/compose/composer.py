"""`compose(understood, retrieval, evidence) -> Draft`: picks the intent's module and writes the
grounded answer, led by what the guides lack of what was asked (assistant.compose.coverage); a
refusal when retrieval abstained, the question is off-topic, or it asks only what the guides
lack (named in its first sentence).

Leaves out: the intents' own layouts (one module each in this package), any model wording
(assistant.compose.verify) and the grounding check (assistant.compose.grounding).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.compose.asks_apart import held_ask_intent
from assistant.compose.claims import write_claim_check
from assistant.compose.comp import compose_comp
from assistant.compose.compare import compose_compare
from assistant.compose.core import MARKER, CitationBook, Draft, Evidence, Writer
from assistant.compose.counter import compose_counter
from assistant.compose.coverage import (
    STAND_IN_INTENTS,
    Coverage,
    coverage_of,
)
from assistant.compose.floor import floor_lacking, write_floor_lead
from assistant.compose.general import compose_general
from assistant.compose.interview import compose_interview
from assistant.compose.level_coverage import level_equivalence
from assistant.compose.levers import (
    asks_a_levers_rival,
    compose_levers,
    lead_lever,
    names_a_lever,
)
from assistant.compose.passages import said_before
from assistant.compose.percent_asked import percent_statement
from assistant.compose.quotable import quotable_hits
from assistant.compose.quoted_figures import write_blanks_found, write_figures_found
from assistant.compose.quoted_source import quoted_source, write_quoted_source
from assistant.compose.refusal import compose_refusal
from assistant.compose.role_asked import write_role_lead
from assistant.compose.script_text import SCRIPT_TEXT_ASKED
from assistant.compose.sources import write_sources_lead
from assistant.engine.negotiation import Negotiation
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.asks import asked_sentences
from assistant.understanding.entities import normalize
from assistant.understanding.intents import best_intent, first_cue_at, intent_scores
from assistant.understanding.question import Understanding
from assistant.understanding.tables import COMPONENT_WORDS
from assistant.understanding.words import first_phrase_at


def compose(understood: Understanding, retrieval: Retrieval, evidence: Evidence) -> Draft:
    """The grounded answer for one understood, retrieved turn."""
    indexed = evidence.records if evidence.indexed is None else evidence.indexed
    writer = Writer(CitationBook(indexed))  # (citations quote the chunk as indexed)
    retrieval = replace(retrieval, hits=quotable_hits(retrieval.hits, evidence.records))
    if evidence.comparison is not None:  # offers year by year: the user's figures, no passage
        compose_compare(writer, evidence.comparison, evidence.facts)
        return writer.draft("counter")
    if quoted := quoted_source(understood, evidence.records):  # "…which guide, which section"
        write_quoted_source(writer, quoted)
        return writer.draft("general" if understood.intent == "out_of_scope" else understood.intent)
    if no_floor := floor_lacking(understood, evidence):  # "…whats my walk-away number?"
        return compose_refusal(writer, understood, no_floor, evidence.catalog)
    refuses = _refuses(understood, retrieval)
    gaps = _coverage(understood, evidence, Writer(CitationBook(indexed)))
    named_unknown = understood.unknown_company or understood.unknown_region
    # (a place or company without a guide named too: the retrieval's refusal says so, below)
    # (a draft restyled is held: "firmer pls. and add a line asking them to cover my move")
    restyled = evidence.drafts is not None and evidence.drafts.style != "standard"
    if (
        gaps.statements
        and (refuses or gaps.nothing_else and not restyled)
        and not (named_unknown and refuses)
    ):
        if not understood.small_talk:  # what the guides lack, named first; no figures
            lead = _sentence(MARKER.sub("", gaps.lead).replace(" ,", ","))
            return compose_refusal(writer, understood, lead, evidence.catalog)
    if refuses:
        reason = retrieval.reason
        unsaid = [s for s in gaps.statements if not _said_in(reason, s)]
        if named_unknown and unsaid:  # "remote in denver?": no row, nor remote work
            reason = f"{reason.rstrip('.')}, and {_sentence(MARKER.sub('', ' '.join(unsaid)))}"
        return compose_refusal(writer, understood, reason, evidence.catalog)
    if evidence.replaced_from and evidence.negotiation is not None:
        writer.add(_moved(evidence.replaced_from, evidence.negotiation), "")
    if gaps.statements:  # again, citing into this answer (a level-mapping line)
        writer.add(_coverage(understood, evidence, writer).lead, "", "What the guides do hold:", "")
        understood = replace(
            understood, query=gaps.without_unheld(understood.query), lacking=gaps.unheld_words
        )
        # ("…start 2 weeks after the offer, normal? also how long is their hiring process":
        # the held ask's intent, not the counter the gap's "offer" cued, with no offer given)
        held = held_ask_intent(understood.question, set(gaps.unheld_words))
        if held and understood.intent == "counter" and evidence.negotiation is None:
            understood = replace(understood, intent=held, intents=(held,))
    percent = percent_statement(understood)  # ("what % bump should i ask for on base?")
    if percent:
        writer.add(percent, "")
    if gaps.same_role:  # "my title says SRE, does the devops band apply?": the guide's word
        chunk_id, sentence = gaps.same_role
        writer.add(f"{sentence} {writer.book.cite(chunk_id)}", "")
    equivalence = level_equivalence(understood, evidence.catalog, writer)
    if equivalence and not said_before(equivalence, writer.lines):  # "I'm a Google L4": where
        # the guide's level map puts it (unless the coverage statement quoted the line)
        writer.add(equivalence, "")
    if gaps.stand_in == "script" and understood.intent in ("general", "lever", "counter"):
        understood = replace(understood, intent="lever", query=f"{understood.query} script")
    elif gaps.stand_in == "process":  # a take-home the guide lacks: the stages it gives
        understood = replace(understood, intent="interview", query=f"{understood.query} process")
    elif gaps.stand_in and understood.intent in STAND_IN_INTENTS:
        asked = understood.component if understood.component in understood.components else None
        if understood.intent == "comp" and asked not in (None, gaps.stand_in):
            _compose_intent(writer, understood, retrieval, evidence)  # "… and the base there?"
            writer.add("")
        understood = replace(understood, intent="comp", component=gaps.stand_in)
    elif _pay_of_a_topic(understood, gaps):  # "do they pay extra for pager duty?": on-call
        asks = tuple(i for i in understood.intents if i != "comp")
        understood = replace(understood, intent="general", intents=asks)
        rows = {band.chunk_id for band in evidence.facts.bands}  # (no comp rows among the hits)
        retrieval = replace(retrieval, hits=[h for h in retrieval.hits if h.chunk_id not in rows])
    _compose_intent(writer, understood, retrieval, evidence)
    if not writer.lines:
        return compose_refusal(
            writer, understood, "the guides have nothing on this", evidence.catalog
        )
    return writer.draft(understood.intent)


def _coverage(understood: Understanding, evidence: Evidence, writer: Writer) -> Coverage:
    offer = evidence.negotiation.offer if evidence.negotiation is not None else None
    # ("…matters more to me than an extra 10k. what life insurance do they give?": no offer)
    figures = (offer.base, offer.stock, offer.tc, offer.sign_on) if offer is not None else ()
    has_offer = any(v is not None for v in figures) or bool(evidence.offer_problem)
    return coverage_of(
        understood,
        evidence.catalog,
        evidence.records,
        writer,
        has_offer,
        evidence.facts.bands,
        evidence.previous_region,
    )


def _compose_intent(
    writer: Writer, understood: Understanding, retrieval: Retrieval, evidence: Evidence
) -> None:
    intent = understood.intent
    own = [lv for lv in evidence.facts.levers if lv.company == understood.company]
    if intent in ("comp", "general") and (
        names_a_lever(understood.question, own) or asks_a_levers_rival(understood, own)
    ):
        intent = "lever"  # "why would the SLA thing justify a signing bonus?": that lever
        understood = replace(understood, intent=intent)
    if not write_claim_check(writer, understood, evidence):  # "ur guide says base tops at 250k?"
        write_figures_found(writer, understood, evidence)  # "…two numbers in the guide, 222, 225"
    write_sources_lead(writer, understood, evidence.records)  # "where does that number come from?"
    write_blanks_found(writer, understood, evidence)  # "what's the 'Y' in Y+55K?"
    if intent in ("counter", "lever", "comp"):  # "what's my walk-away number?": the floor first
        write_floor_lead(writer, understood, evidence)
    # "whats the seattle base at alibaba and how many onsite rounds?": the pay asked first
    second_comp = intent in ("interview", "lever", "general") and "comp" in understood.intents
    said = normalize(asked_sentences(understood.question))  # (not a told "ok-ish on base")
    pay_first = intent != "lever" and _component_at(said) < first_cue_at(said, intent)
    if second_comp and pay_first:  # (a lever's own answer gives its figures: "what do i ask")
        _compose_second_comp(writer, understood, retrieval, evidence)
        writer.add("")
        second_comp = False
    if intent == "counter":
        lever_asked = "lever" in understood.intents and evidence.negotiation is None
        # "ok so what do i counter with? i have a google offer at 300k": the asks first
        # ("same but for my alibaba offer: 170 base, …": the counter asked again, of that offer)
        again = understood.repeats and understood.states_amounts
        counter_asked = evidence.negotiation is not None and (
            again or _asks_for_the_counter(understood)
        )
        companies = {understood.company, *understood.other_companies}
        offered = evidence.negotiation.offer.company if evidence.negotiation else None
        companies = {offered} if offered else companies  # (a rival's guide's levers never
        levers = [lv for lv in evidence.facts.levers if lv.company in companies]  # apply to it)
        held = evidence.negotiation.offer.competing if evidence.negotiation else ()
        if lever_asked or (understood.competing and not counter_asked):  # the lever for it
            lead_lever(writer, understood, levers, evidence.relatedness, held=held)
        compose_counter(writer, understood, retrieval, evidence)
        if understood.competing and counter_asked and not lever_asked:  # the lever after
            writer.add("")
            lead_lever(writer, understood, levers, evidence.relatedness, held=held)
    elif intent == "comp":
        if "lever" in understood.intents and evidence.negotiation is None:
            # "what do i tell them, and how much base does that justify?": the lever that fits
            levers = [lv for lv in evidence.facts.levers if lv.company == understood.company]
            lead_lever(writer, understood, levers, evidence.relatedness)
        compose_comp(writer, understood, retrieval, evidence)
    elif intent == "lever":
        if write_role_lead(writer, understood, evidence.records, evidence.relatedness):
            writer.add("")  # ("does the role care about cost work, and which lever…?")
        compose_levers(writer, understood, retrieval, evidence)
    elif intent == "interview":
        kinds = evidence.catalog.kinds.get(understood.company or "", ("interview",))
        if "interview" in kinds or "comp" not in understood.intents:  # (else, the pay asked
            compose_interview(  # is what the guides hold: the coverage names the rest)
                writer, understood, retrieval, evidence.records, evidence.relatedness
            )
    else:
        compose_general(writer, understood, retrieval, evidence)
    if second_comp:
        writer.add("")  # the second ask: "…and what's the base in Singapore?"
        _compose_second_comp(writer, understood, retrieval, evidence)


def _component_at(normalized: str) -> int:
    """Where the first pay component is named in normalized text ("base", "rsu"; its length
    when none): a pay ask, not a pay-sounding phrase ("what level should i expect…")."""
    return first_phrase_at(normalized, (w for words in COMPONENT_WORDS.values() for w in words))


def _compose_second_comp(writer, understood: Understanding, retrieval, evidence) -> None:
    """The pay asked beside another intent's question; a lever answers its own component
    ("the bonus % and what signing bonus can I ask for?" asks the band's bonus besides)."""
    rest = [c for c in understood.components if c != understood.component]
    component = rest[0] if understood.intent == "lever" and rest else understood.component
    compose_comp(
        writer, replace(understood, intent="comp", component=component), retrieval, evidence
    )


# "what do i actually ask for", "which sign-on should i request per the script?": the figures
_ASKS_FIGURES = re.compile(  # (or the asks again: "still the same ask?", "does it change my ask")
    r"\b(?:what|which|how much)\b[^.?!]{0,40}\b(?:ask|request|counter|propose)\w*\b"
    r"|\bsame (?:ask|counter|numbers)\b|\bchange (?:my|the) (?:ask|counter|numbers)\b",
    re.I,
)
_ASKS_WORDS = re.compile(r"\b(?:say|tell|word\w*|phrase\w*|line)\b", re.I)  # (words, not figures)


def _asks_for_the_counter(understood: Understanding) -> bool:
    """Whether the asking sentences themselves ask for the counter ("what do i counter with?",
    "what should i ask for?", "which sign-on should I request?"), not only tell a rival's offer
    ("does that change my play?") nor ask for the words to say."""
    asking = asked_sentences(understood.question)
    if best_intent(intent_scores(normalize(asking), has_amounts=False)) == "counter":
        return True
    if SCRIPT_TEXT_ASKED.search(asking):  # ("…nvidia offered 213 / 255 rsu. script?")
        return True
    return bool(_ASKS_FIGURES.search(asking)) and not _ASKS_WORDS.search(asking)


def _pay_of_a_topic(understood: Understanding, gaps: Coverage) -> bool:
    """A pay word about a topic, with no band component, place or amount named ("how bad is
    on call, and do they pay extra for it?"), or the pay asked being a held topic's that the
    guides lack, a place named or not ("the seattle team has a rotation. is there on-call
    pay?"): the topic is asked, not the pay table."""
    if understood.intent != "comp":
        return False
    if gaps.pays_a_topic and not understood.components:  # ("my current co does $500/wk")
        return True
    if understood.states_amounts:
        return False
    return bool(understood.topics) and not (understood.component or understood.region)


def _moved(given_for: str, negotiation: Negotiation) -> str:
    """What happened to an earlier offer placed in another region's band."""
    offer, band = negotiation.offer, negotiation.band
    said = f"Your offer was for {given_for}; here it is against the {offer.region} band."
    if band is not None and offer.currency and band.currency != offer.currency:
        said += (
            f" That band is in {band.currency} and your offer in {offer.currency}: no exchange "
            "rate is applied, so the amounts are not compared. Give the offer in "
            f"{band.currency} to place it."
        )
    return said


def _sentence(text: str) -> str:
    """A statement as the clause after "I can't answer that from the guides:"."""
    text = text.rstrip(".")
    return text[:1].lower() + text[1:] if text[:4] == "The " else text


def _said_in(reason: str, statement: str) -> bool:
    """Whether a statement of a place without a row names only places the reason names."""
    _, row, places = statement.partition("no row for ")
    return bool(row) and all(p in reason for p in re.findall(r"[A-Z][\w-]+", places))


def _refuses(understood: Understanding, retrieval: Retrieval) -> bool:
    """Retrieval abstained or the question is off-topic; except a counter question that names
    nothing unknown ("what should I counter with?"), which is answered by asking for the offer."""
    if understood.intent == "out_of_scope":
        return True
    if understood.intent == "counter" and not (
        understood.unknown_company or understood.unknown_region
    ):
        return False
    return retrieval.abstained
