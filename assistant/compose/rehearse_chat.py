"""The call rehearsed in chat: "practise the call", "rehearse", "role-play the recruiter".

`ChatRehearsal` is the state of one conversation's rehearsal; the caller keeps it with the
conversation (the web chat's per-session ChatSession, the CLI chat's loop) and passes it to
`Coach.ask`/`Coach.stream`, which calls `respond` first. Asking to rehearse starts the call
(assistant.engine.rehearsal) from the offer in that message or the conversation's latest one;
with none, it asks for the offer and starts when the next message gives one. While the call is
on, each message is a reply to the recruiter: the answer is the cited feedback on it and the
recruiter's next line, until the call ends (the scorecard) or the user says stop. Answers are
`Draft`s the coach checks like any other (intent "counter"); every figure the recruiter or the
scorecard states is a figure of the offer, the band or the guide (the stage's figures are the
draft's engine values) and the feedback cites its passages.

Leaves out: the recruiter phrased by a model, and a rehearsal outliving its conversation.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.compose.core import CitationBook, Draft, Writer
from assistant.corpus.facts import Facts
from assistant.engine.figures import Figure
from assistant.engine.negotiation import band_defaults, catalog, negotiate
from assistant.engine.offer import parse_offer
from assistant.engine.rehearsal import Rehearsal, Turn
from assistant.engine.rehearsal_feedback import read_reply
from assistant.engine.rehearsal_stage import MAX_REPLY_CHARS, Passage, check_reply, stage_for
from assistant.errors import CoachError
from assistant.money import PERCENT

STARTS = re.compile(
    r"\b(?:rehears\w*|role[- ]?play\w*|practi[sc]e (?:the |my |a |this )?(?:phone )?"
    r"(?:call|negotiation|conversation)|mock (?:call|negotiation)|"
    r"simulate (?:the |a )?(?:call|recruiter))\b",
    re.I,
)
# "rehearse that one out loud" about an interview question is interview practice, not the call
_INTERVIEW_PRACTICE = re.compile(
    r"\b(?:interview\w*|onsite|loop|debug\w*|coding|system design|whiteboard)\b", re.I
)
_THE_CALL = re.compile(r"\b(?:call|negotiat\w*|recruiter|offer|counter\w*|salary)\b", re.I)


def starts_rehearsal(message: str) -> bool:
    """Whether the message asks to rehearse the negotiation call."""
    if not STARTS.search(message or ""):
        return False
    return not (_INTERVIEW_PRACTICE.search(message) and not _THE_CALL.search(message))


STOPS = re.compile(
    r"^\W*(?:stop|quit|exit|end|cancel|enough|i'?m done|done|/stop)\W*$|"
    r"\b(?:stop|end|quit|leave|exit|finish) (?:the |this |my )?"
    r"(?:call|rehearsal|role[- ]?play|practi[sc]e)\b|"
    r"\b(?:i|let'?s) (?:want to |'d like to |would like to )?stop\b",
    re.I,
)
_EXAMPLE = re.compile(r'\s*\(e\.g\. "[^"]*"\)')
MARKS = {"good": "✓", "fix": "✗"}
ASK_FOR_OFFER = (
    "To rehearse the call I need your offer: the company, region and base (stock, bonus and "
    'sign-on if you have them), e.g. *"Anyscale San Francisco: $___K base, $___K RSU over 4 '
    'years, __% bonus"*. Send it and the recruiter will open the call.'
)
HOW_TO_REPLY = "Reply as you would on the call; say **stop** to end it and see the scorecard."


@dataclass
class ChatRehearsal:
    """One conversation's rehearsal: none, waiting for the offer, or a call under way."""

    seed: int = 0
    rehearsal: Rehearsal | None = None
    waiting_for_offer: bool = False

    @property
    def active(self) -> bool:
        return self.rehearsal is not None

    def wants(self, message: str) -> bool:
        """Whether `respond` may answer this message (the call is on, or is asked for)."""
        return self.active or self.waiting_for_offer or starts_rehearsal(message)

    def reset(self) -> None:
        self.rehearsal, self.waiting_for_offer = None, False

    def respond(
        self, message: str, offer_text: str, facts: Facts, library: Mapping[str, Passage]
    ) -> Draft | None:
        """The answer to `message` as part of the rehearsal, or None when it is not one.
        `offer_text` is the offer to rehearse: this message's, else the conversation's latest."""
        writer = Writer(CitationBook(library))
        if self.rehearsal is not None:
            return self._in_call(writer, message)
        if not starts_rehearsal(message) and not (self.waiting_for_offer and offer_text):
            self.waiting_for_offer = False  # asked for the offer, got another question
            return None
        if not offer_text:
            self.waiting_for_offer = True
            writer.add(ASK_FOR_OFFER)
            return writer.draft("counter")
        try:
            rehearsal = _rehearsal_for(offer_text, facts, library, self.seed)
        except CoachError as problem:
            self.waiting_for_offer = True
            why = _EXAMPLE.sub("", str(problem))  # ASK_FOR_OFFER gives the example, unfilled
            writer.add(f"I cannot rehearse this offer yet: {why}", "", ASK_FOR_OFFER)
            return writer.draft("counter")
        self.rehearsal, self.waiting_for_offer = rehearsal, False
        turn = rehearsal.opening()
        writer.values += _stage_values(rehearsal)
        band = rehearsal.stage.band
        writer.add(
            f"**Rehearsing the call** for your {band.company} offer in {band.region}; the "
            f"recruiter plays from the guide's band {writer.book.cite(band.chunk_id)} and your "
            "offer.",
            "",
            f"**Recruiter:** {turn.recruiter}",
            "",
            HOW_TO_REPLY,
        )
        return writer.draft("counter")

    def _in_call(self, writer: Writer, message: str) -> Draft:
        rehearsal = self.rehearsal
        assert rehearsal is not None
        if STOPS.search(message or ""):
            turn = rehearsal.finish()
            writer.add("**You ended the call.**", "")
        else:
            turn = rehearsal.reply(message or "")
            _feedback(writer, turn)
        writer.values += _stage_values(rehearsal)
        writer.add(f"**Recruiter:** {turn.recruiter}")
        if turn.done:
            _scorecard(writer, turn.scorecard or rehearsal.scorecard())
            self.rehearsal = None
        else:
            writer.add("", HOW_TO_REPLY)
        return writer.draft("counter")


def _rehearsal_for(text: str, facts: Facts, library: Mapping[str, Passage], seed: int) -> Rehearsal:
    """As `coach rehearse` reads its offer text (assistant.cli_rehearse)."""
    companies, regions = catalog(facts)
    currencies, years = band_defaults(facts)
    offer = parse_offer(text, companies, regions, band_currency=currencies, vesting_years=years)
    return Rehearsal(stage_for(negotiate(offer, facts), facts, library), seed=seed)


def _marks(writer: Writer, citations: Any) -> str:
    ids = [c["chunk_id"] if isinstance(c, dict) else c.chunk_id for c in citations]
    return " ".join(writer.book.cite(i) for i in dict.fromkeys(ids) if i in writer.book.records)


def _feedback(writer: Writer, turn: Turn) -> None:
    if not turn.feedback:
        return
    writer.add("**Feedback on your reply**", "")
    for point in turn.feedback:
        marks = _marks(writer, point.citations)
        advice = f" {point.advice}" if point.verdict == "fix" or point.rule == "input" else ""
        writer.add(f"- {MARKS[point.verdict]} {point.point}{advice} {marks}".rstrip())
    writer.add("")


def _scorecard(writer: Writer, card: dict[str, Any]) -> None:
    writer.add(
        "", "**Scorecard**", "", "| Component | Offer | Agreed | Proposal |", "|---|---|---|---|"
    )
    for row in card["agreed"]:
        cells = [row["offer"] or "—", row["agreed"] or "—", row["proposal"] or "—"]
        writer.add(f"| {row['component'].replace('_', '-')} | {' | '.join(cells)} |")
    for title, key in (("Went well", "went_well"), ("To change", "to_change")):
        items = card[key]
        writer.add("", f"**{title}**", "")
        writer.add(*(f"- {i['point']} {_marks(writer, i['citations'])}".rstrip() for i in items))
        if not items:
            writer.add("- (nothing yet)")
    if card["best_replies"]:
        writer.add("", "**The guide's best reply to each pushback**", "")
        for best in card["best_replies"]:
            marks = _marks(writer, best["citations"])
            writer.add(f"- {best['move'].replace('_', ' ')}: {best['reply']} {marks}".rstrip())


def _placements(message: str, rehearsal: Rehearsal) -> list[tuple[float, str]]:
    """Where each figure the reply asks for sits in the band, as the feedback computes it
    (assistant.engine.rehearsal_feedback: percent of the way from min to top)."""
    stage = rehearsal.stage
    if check_reply(message):
        return []
    out = []
    for component, value, _, _ in read_reply(message, stage).asks:
        offer = stage.offer
        comparable = component == "base" or (
            component == "stock"
            and offer.stock_basis == "grant"
            and offer.stock_years == stage.band.stock_vesting_years
        )
        low, high = stage.band_ends(component) if comparable else (None, None)
        if low is not None and high is not None and high.value > low.value:
            out.append(((value - low.value) / (high.value - low.value) * 100, PERCENT))
    return out


def _stage_values(rehearsal: Rehearsal) -> list[tuple[float, str]]:
    """The figures the recruiter and the scorecard may state (the offer, the band, the guide's
    asks) and the proposal's, with their formula inputs: shown calculations for the check."""
    stage = rehearsal.stage
    figures: list[Figure] = [*stage.sayable(), *rehearsal.granted.values()]
    figures += [ask.figure for ask in stage.proposal.asks]
    out = [value for _, reply, _ in rehearsal.history for value in _placements(reply, rehearsal)]
    out.append((MAX_REPLY_CHARS, ""))  # the limit a note on a too long reply states
    while figures:
        figure = figures.pop()
        out.append((figure.value, figure.unit))
        figures += list(figure.provenance.inputs)
    return list(dict.fromkeys(out))
