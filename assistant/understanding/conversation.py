"""The conversation so far, rebuilt from the history a caller passes in.

`Coach.ask(question, history)` is stateless: the history (OpenAI/Gradio-style messages, or
(user, assistant) pairs) is the record, and this module replays its user turns through
understanding to recover what they settled: the company, region, component and intent
(`ConversationState`), the latest message that described an offer, and everything the user
wrote (figures the user gave are grounded by definition). User turns are read as cleaned by
assistant.compose.untrusted (no markup, no clauses addressed to an AI). Replaying costs no retrieval
and no model.

An offer may come in pieces ("base is 190", then "oh and 40k sign on", then "anyscale nyc
btw"): a short message that only tells a pay figure starts an offer, later figures change it,
and a later message naming only a company (and region) says whose it is.

Leaves out: assistant turns' content (what the coach said is never taken as the user's facts)
and merging two offer messages that each state a whole offer (the latest offer message wins).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from assistant.errors import CoachError
from assistant.money import PERCENT, find_amounts, thousands_beside_pay_words, unreadable_amounts
from assistant.understanding.asks import FIXED_COMPONENT, ONE_LEVER_ASKED, asked_sentences
from assistant.understanding.draft_request import (
    asks_for_a_draft,
    draft_style_requested,
    words_to_say,
)
from assistant.understanding.entities import Catalog
from assistant.understanding.level_steps import last_level
from assistant.understanding.question import ConversationState, Understanding, understand
from assistant.understanding.regions_again import with_told_offers
from assistant.understanding.tables import GUIDE_NAMED_AFTER, GUIDE_SAYS

MAX_HISTORY_TURNS = 50  # the user turns replayed (the latest ones)
_OFFER_WORDS = re.compile(
    r"\b(?:offer\w*|got|gave|giving|package|counter\w*|negotiat\w*|my (?:base|floor|salary)|"
    r"they(?:'re| are)? pay(?:ing)?|pay me|good|fair|decent|reasonable|competitive|lowball\w*|"
    r"enough|too low|underpaid|came in|comes in|coming in|verbal|"
    r"(?:ok|okay|low|legit|solid)(?=\s*(?:[?!.]|$|,?\s*(?:or|right)\b))|"  # "180k base ok?"
    r"(?:near|at|towards?|in) the (?:top|bottom|middle)|(?:low|high|top) end|"
    r"best and final|final number|won'?t budge|wont budge|maxe?d? out|tops? out|"
    r"(?:base|salary|rsus?|stock|equity|bonus|tc) (?:is|are) (?:final|fixed|capped))\b",
    re.I,
)
_COMPONENTS = {
    "base": re.compile(r"\bbase\b|\bsalary\b", re.I),
    "stock": re.compile(r"\b(?:rsus?|stock|equity|shares)\b", re.I),
    "bonus": re.compile(r"\bbonus\b", re.I),
    "sign_on": re.compile(r"\bsign[- ]?on\b|\bsigning\b", re.I),
    "tc": re.compile(r"\btc\b|\btotal comp", re.I),
}


@dataclass(frozen=True)
class Turn:
    role: str  # "user" | "assistant"
    content: str


@dataclass(frozen=True)
class Context:
    """What earlier turns settled, for the current turn."""

    state: ConversationState = ConversationState()
    offer_text: str = ""  # the latest user message describing an offer, with its subject
    user_texts: tuple[str, ...] = ()
    # later turns that corrected a figure of that offer ("wait no, base is 152 not 125"), in
    # order, each with its subject; a "what if base were 190k?" changes it for its turn only
    offer_changes: tuple[str, ...] = ()
    # every offer stated, in order: (its company, its text, its corrections)
    offers: tuple[tuple[str | None, str, tuple[str, ...]], ...] = ()
    # each replayed turn's company and region, in order
    places: tuple[tuple[str | None, str | None], ...] = ()
    after_offer: tuple[str, ...] = ()  # the user turns after the last offer was stated
    # the lever the last answer led with ("The guide's lever … is **Sign-On Bridge**"), so
    # "give me the one line to say" after it is that lever's line
    last_lever: str = ""

    def region_before(self, company: str | None, besides: str | None = None) -> str | None:
        """The latest region the conversation was on for `company`, other than `besides` (the
        region this turn is on): "london offer…", "what would it pay in sf?", "so is sf more
        once you convert?" sets San Francisco beside London."""
        for owner, region in reversed(self.places):
            if owner == company and region and region != besides:
                return region
        return None

    def offer_for(self, company: str | None) -> tuple[str, tuple[str, ...]]:
        """The text and corrections of the last offer stated for `company` ("i'd rather be at
        anyscale. what do i ask anyscale for?" after an Alibaba offer: the Anyscale one), else
        of the last offer stated."""
        for owner, text, changes in reversed(self.offers):
            if company and owner == company:
                return text, changes
        return self.offer_text, self.offer_changes


def normalize_history(history: Iterable[Any] | None) -> list[Turn]:
    """Messages ({"role", "content"}), (user, assistant) pairs, or Turn objects, as Turns."""
    turns: list[Turn] = []
    for item in history or ():
        if isinstance(item, Turn):
            turns.append(item)
        elif isinstance(item, dict):
            role = str(item.get("role", "")).lower()
            if role not in ("user", "assistant"):
                continue  # system or tool messages are not the conversation
            turns.append(Turn(role, _text(item.get("content"))))
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
            user, assistant = item
            if user:
                turns.append(Turn("user", _text(user)))
            if assistant:
                turns.append(Turn("assistant", _text(assistant)))
        else:
            raise CoachError(
                "History items must be {'role': ..., 'content': ...} messages or "
                f"(user, assistant) pairs, not {type(item).__name__}."
            )
    return turns


def _text(content: Any) -> str:
    """Message content as text (Gradio may send a list of parts or a dict with 'text')."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", ""))
    if isinstance(content, Iterable):
        return " ".join(_text(part) for part in content)
    return str(content)


def describes_offer(text: str) -> bool:
    """True when the text gives at least one amount of money (a percentage alone is not an
    offer: "is 5% bonus normal?"). An amount money cannot read ("$175KK") counts, so the
    offer reader can say why it is refused."""
    if unreadable_amounts(text, limit=1):
        return True
    return any(amount.unit != PERCENT for amount, _, _ in find_amounts(text))


def gives_one_percentage(text: str) -> bool:
    """True when the one amount the text gives is a percentage ("an 8% bonus target"; not
    "a 15% bonus. could i push it to 18%?", which asks for more)."""
    amounts = [amount for amount, _, _ in find_amounts(text)]
    return len(amounts) == 1 and amounts[0].unit == PERCENT


def asks_which_lever(text: str) -> bool:
    """Whether the asking sentences ask which lever fits ("…recruiter offered $195K base.
    which of the guide's levers fits my background?"): a lever answer, though an offer is told."""
    return bool(ONE_LEVER_ASKED.search(asked_sentences(text)))


# "why 155k rsu?", "where does the 187.5 come from": a figure asked about, not given
_ASKS_WHY = re.compile(
    r"\s*(?:(?:but|and|so|ok|okay|wait|hm+)[\s,]+)*(?:why|how come|where (?:does|did|do|is|are)"
    r"|what(?:'s| is) the reason|explain)\b",
    re.I,
)


def changes_offer(text: str) -> bool:
    """True when a later turn gives an amount for the conversation's offer, a bare figure
    beside a pay word included ("oops, base is 165 not 156"); an amount asked for is no
    offer's ("isnt asking for 45k sign on kinda greedy?")."""
    if _ASKS_WHY.match(text):  # ("why 155k rsu?": the coach's figure asked about)
        return False
    text = without_guide_claims(_ASKED_AMOUNT.sub(" ", text))  # ("your guide says … 230k?")
    return describes_offer(thousands_beside_pay_words(text)[0])


# "185 not 158", "its 185, not 158": a figure put in place of one the offer was given with
_IN_PLACE_OF = re.compile(  # ("…350 not 310." at a sentence's end; not "310.5")
    r"(?<![\w.$£€¥])(\d{2,3})\s*,?\s*(?:not|instead of)\s+(\d{2,3})(?!\w|\.\d)"
)


def offer_change(text: str, offer_text: str) -> str | None:
    """The text to read as a change of the conversation's offer (`offer_text`): a figure given
    for it (`changes_offer`), or one put in place of its own ("sorry 185 not 158", read as
    "185k not 158k" when the offer's was in thousands); None when the text changes nothing."""
    return figure_corrected(text, offer_text) or (text if changes_offer(text) else None)


def figure_corrected(text: str, offer_text: str) -> str | None:
    """A turn putting a bare figure in place of one the conversation's offer holds ("sorry 185
    not 158, typo" after "158 base" or "158k base"), with both read in thousands as the
    offer's was ("sorry 185k not 158k"); None when it names no figure of the offer."""
    found = _IN_PLACE_OF.search(text)
    if not found:
        return None
    old = found.group(2)
    if not re.search(rf"(?<![\w.]){old}(?:,000|\s*k)?(?![\w.])", offer_text, re.I):
        return None
    new = f"{found.group(1)}k not {old}k"
    return text[: found.start()] + new + text[found.end() :]


# an amount the user would ask for, not one the offer gives
_ASKED_AMOUNT = re.compile(
    r"(?:\b(?:ask(?:ing)?|request(?:ing)?|counter(?:ing)?)\s+(?:them\s+)?(?:for|with|at)\s+"
    # ("what should i counter with? was thinking 225 base"): the user's own ask
    r"|\b(?:thinking|thinking of|thinking about|aiming for|aiming at|hoping for|going for)\s+)"
    r"(?:an?\s+)?[$£€¥]?\s?\d[\d,.]*\s*(?:k|m|w|万)?\b",
    re.I,
)


# after an offer was given, a figure for one of its lesser parts, with no offer word and no
# base or total named, speaks of that offer ("20k sign-on feels low. what do i counter it to")
# "i'd be forfeiting ~40k of unvested stock at my current place": money left behind, no offer
_LEFT_BEHIND = re.compile(
    r"\b(?:forfeit\w*|walk(?:ing)? away from|leav(?:e|ing) (?:behind|on the table)|"
    r"giv(?:e|ing) up|los(?:e|ing)|unvested)\b[^.?!;]*",
    re.I,
)
_AMENDS = re.compile(r"\b(?:sign[- ]?on|signing|bonus|rsus?|stock|equity|relo\w*)\b", re.I)
_RESTATES = re.compile(r"\b(?:offer\w*|base|salary|tc|total comp\w*|package)\b", re.I)
_SUPPOSES = re.compile(r"\b(?:if|suppose|supposing|say they|were to|would|could)\b", re.I)


# a question, or words that ask: not a piece of an offer told
_ASKS = re.compile(
    r"\?|\b(?:what|how|should|which|why|can|could|would|will|is it|is that|does|do i|am i)\b",
    re.I,
)
# ("the base is now £300K": what the band is said to be; "my current base is 150": pay now)
_CLAIMS = re.compile(
    r"\bnow\b|\bcurrent(?:ly)?\b|\bthe (?:band|range|guide|table|top|max\w*|min\w*)\b", re.I
)
MAX_PIECE_WORDS = 10  # "oh and 40k sign on, 4 year vest": a piece of an offer is this short


def tells_a_figure(text: str) -> bool:
    """A short message that only tells a pay figure, asking nothing ("base is 190", "oh and
    40k sign on"): a piece of an offer told across turns."""
    if len(text.split()) > MAX_PIECE_WORDS or _ASKS.search(text) or _CLAIMS.search(text):
        return False
    said = thousands_beside_pay_words(text)[0]
    return describes_offer(said) and any(p.search(text) for p in _COMPONENTS.values())


def names_whose_offer(owner: str | None, text: str, understood: Understanding) -> bool:
    """A message naming a company (and region) and nothing else to act on ("anyscale nyc
    btw"), said after an offer told with no company (`owner` None): whose offer it is."""
    named = bool(understood.company) and owner is None
    return named and not describes_offer(text) and not _ASKS.search(text)


def of_the_offer(context: Context, text: str, understood: Understanding) -> bool:
    """Whether a turn with no figure of its own is about the conversation's offer: whose it
    is ("anyscale nyc btw"), why a figure of its counter is what it is ("why 155k rsu?"), or
    a draft asked of it ("write me a counter. i have no other offers, but i've run gpu
    clusters": the counter, not only the lever)."""
    if not context.offers:
        return False
    if asks_for_a_draft(text) and understood.intent in ("lever", "general", "counter"):
        return True
    why = _ASKS_WHY.match(text) and describes_offer(thousands_beside_pay_words(text)[0])
    return bool(why) or names_whose_offer(context.offers[-1][0], text, understood)


def states_offer(text: str, after_offer: bool = False) -> bool:
    """True when the message gives amounts as an offer: offer words ("I got", "they offered",
    "my package") or at least two pay components ("170k base, 90k rsu"). "The base is now
    £300K" states none. A bare figure beside a pay word is one ("nyc offer 175 base")."""
    text = without_guide_claims(_ASKED_AMOUNT.sub(" ", text))  # (nor the user's own ask)
    text = _LEFT_BEHIND.sub(" ", text)
    if not describes_offer(thousands_beside_pay_words(text)[0]):
        return False
    if after_offer and _AMENDS.search(text) and not _RESTATES.search(text):
        return False  # ("20k sign-on feels low" after the offer: a figure of it, not a new one)
    named = sum(bool(pattern.search(text)) for pattern in _COMPONENTS.values())
    # ("base is 190", the first piece of an offer told in pieces)
    return bool(_OFFER_WORDS.search(text)) or named >= 2 or tells_a_figure(text)


def new_offer_stated(text: str, understood: Understanding, has_offer: bool) -> bool:
    """`states_offer`, unless the turn corrects a figure of the offer already given ("sorry
    typo — rsu is 104k, not 140k. with google at 330 tc, what rsu should i counter with"):
    that is a change to the offer, whatever else it names, not a new offer of its figures; so
    is a what-if of its own ("and if they say 200 base is their best offer?"), and so is a
    part the employer holds ("they came back: base is capped at 200")."""
    supposes = bool(_SUPPOSES.search(text)) and not understood.offer_is_competing
    holds = bool(FIXED_COMPONENT.search(text)) and not understood.offer_is_competing
    fixes = has_offer and (understood.corrects or supposes or holds) and changes_offer(text)
    return states_offer(text, has_offer) and not fixes


def without_guide_claims(text: str) -> str:
    """The text without what the user says the guide holds, which is no offer: a sentence's
    rest from "your guide says…", "the band goes to…" on; the whole sentence when the guide is
    named after the figure ("london base tops out at £166k in the guide?")."""
    kept = []
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):  # (a pasted email's lines apart)
        claim = GUIDE_SAYS.search(sentence)
        after = claim and GUIDE_NAMED_AFTER.match(claim.group(0))
        kept.append(sentence if not claim else "" if after else sentence[: claim.start()])
    return " ".join(kept)


def with_subject(text: str, understood: Understanding) -> str:
    """The offer text with the company and region the conversation settled, when it names
    neither itself ("$175K base, 5% bonus" two turns after "I'm talking to Anyscale in SF"),
    without what the user says the guide holds ("your guide says the base tops out at 230k")."""
    text = without_guide_claims(text)
    lowered = text.lower()
    company = understood.company if understood.company else ""
    if company.lower() in lowered and not understood.context_names:
        company = ""  # (named beside a competitor's offer, the subject is said first)
    # (or the place the conversation settled for that company: "… alibaba devops in seattle?"
    # then "offer: 175k base, 90k rsu/4yr, 15% bonus")
    settled = understood.state.region if understood.state.company == understood.company else None
    region = understood.region or settled or ""
    if region.lower() in lowered:
        region = ""
    if not company and not region:
        return text
    # "<Company> offer in <Region>:", never "<Region> offer" (which reads as another company's)
    lead = f"{company} offer" if company else "Offer"
    return f"{lead}{' in ' + region if region else ''}: {text}"


def offer_read_with(earlier: str, text: str, understood: Understanding) -> str:
    """The offer text to read for a message that states an offer: a rival's offer told after
    the user's own (`earlier`) is read together with it; else the message, with the
    conversation's subject (`with_subject`)."""
    if earlier and understood.offer_is_competing:  # (with_subject leaves out claims too)
        return f"{earlier}\n{without_guide_claims(text)}"
    return with_subject(text, understood)


def draft_restyle(text: str, understood: Understanding) -> str | None:
    """The style a turn after an offer asks the last draft again in ("can you make it sound
    less aggressive": friendly; "what do i say on the phone": phone), when it states no new
    offer of the user's (a rival's may come with it); else None."""
    style = draft_style_requested(text) or ("phone" if words_to_say(text) else None)
    return style if not states_offer(text) or understood.offer_is_competing else None


def replay(history: Iterable[Any] | None, catalog: Catalog, clean: Callable[[str], str]) -> Context:
    """The context after the user turns of `history`, each read as `clean` leaves it (the
    pipeline passes assistant.compose.untrusted.clean_question: user text is data)."""
    turns = normalize_history(history)
    user_turns = [clean(t.content) for t in turns if t.role == "user"]
    state = ConversationState()
    offers: list[tuple[str | None, str, tuple[str, ...]]] = []
    places: list[tuple[str | None, str | None]] = []
    after: list[str] = []  # (the turns since the last offer was stated, that one first)
    for text in user_turns[-MAX_HISTORY_TURNS:]:
        understood = understand(text, catalog, state)
        named = (understood.company, *understood.other_companies)  # (for "the first one")
        order = dict.fromkeys((*understood.state.named_order, *filter(None, named)))
        held = (*state.held, understood.fixed) if understood.fixed else state.held  # ("either")
        state = replace(understood.state, named_order=tuple(order), held=tuple(dict.fromkeys(held)))
        state = replace(state, level=last_level(understood, catalog) or state.level)
        told = with_told_offers(state.compared, text, understood.context_names, catalog)
        state = replace(state, compared=told)  # ("i have 2 offers, anyscale nyc and alibaba…")
        places.append((state.company, state.region))
        offer_asked = understood.intent in ("counter", "comp") or "counter" in understood.intents
        # (as the coach reads it: "…offer 175 base. what do i say on the phone to push base",
        # not "…offered $195K base. which lever fits my background?")
        offer_asked = offer_asked or (
            understood.intent in ("general", "lever") and not asks_which_lever(text)
        )
        # ("…offered 201k base. above the walk-away floor?": the floor's lever, the offer placed)
        if offer_asked and new_offer_stated(text, understood, bool(offers)):
            owner, earlier, changes = offers[-1] if offers else (understood.company, "", ())
            if not (earlier and understood.offer_is_competing):  # (a rival's: beside the own)
                owner, changes = understood.company, ()
            offers.append((owner, offer_read_with(earlier, text, understood), changes))
            state = replace(state, intent="counter")  # as the coach answered it: the offer placed
            if understood.offer_is_competing and understood.context_names:
                # ("i also have nvidia at 205k base", then "which lever should i use?": its)
                state = replace(state, context=understood.context_names, competing=True)
            after = []
        elif (
            offers
            and (change := offer_change(text, offers[-1][1]))
            and (understood.corrects or not _SUPPOSES.search(text))
        ):
            # a figure told ("equity just came through, 120k over 4 yrs") stays; a what-if
            # ("what if base were 190k?") is asked of that turn only
            owner, earlier, changes = offers[-1]
            offers[-1] = (owner, earlier, (*changes, with_subject(change, understood)))
            state = replace(state, intent="counter")  # (as the coach answered it: placed again)
        elif offers and draft_restyle(text, understood):
            state = replace(state, intent="counter")  # (as the coach answered: the draft again)
        elif offers and (
            (understood.corrects and understood.company not in (None, offers[-1][0]))
            or names_whose_offer(offers[-1][0], text, understood)  # ("anyscale nyc btw")
            or (understood.corrects and understood.place and understood.region)  # ("the alibaba
            # one is the seattle team, not sunnyvale": the offer moves there)
        ):
            # "wait, it's actually anyscale not alibaba, and it's nyc": the offer is theirs from
            # now on, said as an offer text with no figures (assistant.engine.offer_update)
            _, earlier, changes = offers[-1]
            where = f" in {understood.region}" if understood.region else ""
            moved = f"{understood.company} offer{where}:"
            offers[-1] = (understood.company, earlier, (*changes, moved))
        after.append(text)
    _, offer_text, changes = offers[-1] if offers else (None, "", ())
    texts = tuple(user_turns)
    answers = [t.content for t in turns if t.role == "assistant"]
    led = _LEVER_LED.match(answers[-1]) if answers and turns[-1].role == "assistant" else None
    return Context(
        state,
        offer_text,
        texts,
        changes,
        tuple(offers),
        tuple(places),
        tuple(after),
        led["name"] if led else "",
    )


# how an answer opens that leads with one lever (assistant.compose.levers writes it so)
_LEVER_LED = re.compile(
    r"^(?:The guide's lever\b[^*\n]{0,80}\bis|Your background fits the guide's) "
    r"\*\*(?P<name>[^*\n]{2,60})\*\*"
)
