"""The question frame: one turn as understood (`Understanding`, the design's `Frame`), read by
every later stage instead of the question's text, and the `ConversationState` it carries to the
next turn.

Leaves out: reading a question into a frame (assistant.understanding.question).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant.understanding.asks import TopicAsk
from assistant.understanding.entities import RegionMention, in_order_named
from assistant.understanding.intents import Intent


@dataclass(frozen=True)
class ConversationState:
    """What the conversation has settled so far; each turn's Understanding carries the next."""

    company: str | None = None
    region: str | None = None  # a region label of the corpus
    place: str | None = None
    component: str | None = None
    intent: Intent | None = None
    turns: int = 0
    topic: str = ""  # the words of the last turn that said what it was about
    # the companies compared beside `company` and each one's region ("alibaba sunnyvale vs
    # anyscale sf"), so "which one has the higher bonus?" compares them again
    compared: tuple[tuple[str, str | None], ...] = ()
    # the names the last lever or counter question gave as context ("i run prod across aws and
    # gcp"), for a follow-up that gives none ("ok, write the exact line i'd say")
    context: tuple[str, ...] = ()
    competing: bool = False  # and whether they were a competing offer's ("i also have nvidia…")
    lever: int | None = None  # the lever asked by its place ("the second lever"), for "that one"
    examples: bool = False  # the last turn asked for example questions ("same for k8s": too)
    earlier_region: str | None = None  # the region before the last change, for "which is higher?"
    role_asked: str | None = None  # a title the guides lack asked of pay, for "and london?"
    # the last question asked anew, as typed: a turn asking it again ("sorry i meant alibaba.
    # same question") keeps it, so its answer is led by what that question asked
    asked: str = ""
    named_order: tuple[str, ...] = ()  # the companies in the order the talk first named them
    held: tuple[str, ...] = ()  # the pay parts the talk said the employer will not move
    level: str | None = None  # the level code last named ("P6"), for "what about one level up?"


@dataclass(frozen=True)
class Understanding:
    """One user turn as understood. Later stages read these fields, not `question` again."""

    question: str
    intent: Intent
    company: str | None
    region: str | None  # region label in the corpus
    role: str | None  # a role of the corpus the question names
    other_companies: tuple[str, ...]  # more companies of the corpus named ("X vs Y")
    place: str | None  # the place named (even when the corpus has no row for it)
    region_nearby: bool
    currency: str | None
    component: str | None  # "base", "stock", "bonus", "total" or "sign_on" (COMPONENT_WORDS)
    unknown_company: str | None  # a company named that the corpus has no guide for
    unknown_region: str | None  # a place named that has no row (for the company, if named)
    followup: bool
    query: str  # the retrieval query, rewritten from the conversation state
    state: ConversationState
    # What retrieval and composing need from the question's words, read here once:
    asks_levels: bool  # a level-mapping question ("what's a P6 at Alibaba equivalent to?")
    asks_interviews: bool  # about interviews themselves, not just a skill or topic
    asks_examples: bool  # asks for questions, examples or scenarios
    compares: bool  # sets things side by side ("vs", "or", "compare", "than", "between")
    small_talk: bool  # a greeting or thanks with little else
    # With several companies named ("Alibaba Seattle vs Anyscale SF"): each one's region label,
    # named after it (else anywhere in the question), or None.
    regions_by_company: dict[str, str | None] = field(hash=False)
    # The region labels of `company` and `other_companies` the question names -> where it names
    # them (`regions_named` puts them in order).
    region_mentions: dict[str, RegionMention] = field(hash=False)
    # The rest of the frame: what the question asks about besides names and places.
    level: str | None = None  # "P8", "staff": a level named
    levels: tuple[str, ...] = ()  # every level named, in order ("senior", "mid level")
    role_asked: str | None = None  # a job title named that the guides do not hold
    topics: tuple[TopicAsk, ...] = ()  # PTO, visas, refreshers… (the user's own words kept)
    context_names: tuple[str, ...] = ()  # names given as context only (a competing offer)
    outside_companies: tuple[str, ...] = ()  # employers named beside a corpus company, no guide
    competing: bool = False  # the user holds (or expects) a competing offer
    offer_is_competing: bool = False  # the offer words are another employer's ("google offered me")
    states_amounts: bool = False  # the question gives amounts of money (an offer, a figure)
    corrects: bool = False  # "sorry I meant Seattle not Singapore"
    fixed: str | None = None  # a pay component the employer will not move ("won't budge on base")
    repeats: bool = False  # "same thing for London", "and if it were Sunnyvale instead?"
    intents: tuple[Intent, ...] = ()  # every intent the question asks, the main one first
    components: tuple[str, ...] = ()  # every pay component the asking words name
    wants_short: bool = False  # "shorter", "more concise": the last answer again, short
    # the user's words for what the guides lack, once the composer has checked the frame
    # against them ("rust"): what the answer holds instead is what comes nearest to them
    lacking: tuple[str, ...] = ()
    lever: int | None = None  # the lever asked by its place in the guide's list; -1: the last
    asks_sources: bool = False  # where the figures come from ("where does that number come from?")

    def regions_named(self, labels: Iterable[str]) -> list[str]:
        """The items of `labels` (distinct region labels) the question names, in the order
        named ("SF or New York?"); two named at one place keep the order of `labels`."""
        return in_order_named(self.region_mentions, labels)

    def to_json(self) -> dict:
        """The understanding as JSON (the readings kept for later stages left out)."""
        data = {k: v for k, v in self.__dict__.items() if k != "state" and k not in _READINGS}
        data["state"] = dict(self.state.__dict__)
        return data


Frame = Understanding  # the design's name for it: one turn's question frame


# Read from the question for later stages; left out of to_json(), which stays as it was.
_READINGS = frozenset(
    {
        "asks_levels",
        "asks_interviews",
        "asks_examples",
        "asks_sources",
        "compares",
        "small_talk",
        "regions_by_company",
        "region_mentions",
        "level",
        "levels",
        "role_asked",
        "topics",
        "context_names",
        "outside_companies",
        "competing",
        "offer_is_competing",
        "states_amounts",
        "corrects",
        "fixed",
        "repeats",
        "intents",
        "components",
        "wants_short",
    }
)
