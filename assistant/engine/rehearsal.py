"""Rehearse the call: a recruiter played from the guide and the user's offer, with cited
feedback on each reply (assistant.engine.rehearsal_feedback) and a scorecard at the end.
Pure and deterministic: the same offer, seed and replies give the same session.

The call: an opening (the offer as made), the user's ask, `PUSHBACKS` pushback moves, a close.
Moves and when they apply (rules over the offer and the band; the seed picks among ties):
- base_top: the offer's base is in the top quarter of the band;
- band_fixed: the band row gives base ends;
- cant_match: the offer names a competing offer, or a reply mentioned one;
- equity_standard: the offer has a stock grant over the band's vesting years and the band
  stock ends;
- deadline: "we need an answer by Friday", never the first pushback;
- sign_on_instead: a partial concession (the smallest sign-on the guide names), only after a
  base pushback (base_top, band_fixed or cant_match).
A move that answers what the last reply asked for (base -> base_top or band_fixed, equity ->
equity_standard, a competing offer -> cant_match, a sign-on -> sign_on_instead) is preferred.
A plain acceptance ends the call early.

Figures: the recruiter only states figures of `Stage.sayable()` (the offer, the band row's
ends, the guide's script and lever figures), formatted with assistant.money.format_money. At
the close, an ask the user made is granted only when it equals one of those figures, is within
the band, came with a guide lever, no floor was revealed, and no pushback on that component
was played (base: base_top, band_fixed, sign_on_instead; equity: equity_standard).

Leaves out: phrasing by a model, and any figure the guide does not give (no splitting the
difference, no invented counter-offers).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.answer import Citation
from assistant.corpus.facts import Facts
from assistant.engine.figures import Figure
from assistant.engine.negotiation import negotiate
from assistant.engine.rehearsal_feedback import Point, feedback, read_reply
from assistant.engine.rehearsal_stage import Passage, Stage, check_reply, stage_for
from assistant.engine.workbench import OfferForm, offer_of_form

PUSHBACKS = 3
MOVES = ("base_top", "band_fixed", "cant_match", "equity_standard", "deadline", "sign_on_instead")
BASE_BLOCKERS = ("base_top", "band_fixed", "sign_on_instead")


@dataclass(frozen=True)
class Turn:
    recruiter: str
    move: str
    feedback: tuple[Point, ...] = ()
    done: bool = False
    scorecard: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "recruiter": self.recruiter,
            "move": self.move,
            "feedback": [p.to_json() for p in self.feedback],
            "done": self.done,
        }
        if self.scorecard is not None:
            out["scorecard"] = self.scorecard
        return out


@dataclass
class Rehearsal:
    """One rehearsed call. `opening()` first, then `reply(text)` until a turn is `done`."""

    stage: Stage
    seed: int = 0
    moves: tuple[str, ...] | None = None  # a scripted order of pushbacks (tests, demos)
    pushbacks: int = PUSHBACKS
    played: list[str] = field(default_factory=list)
    history: list[tuple[Turn, str, tuple[Point, ...]]] = field(default_factory=list)
    granted: dict[str, Figure] = field(default_factory=dict)
    floor_revealed: bool = False
    competing_said: bool = False
    done: bool = False
    last: Turn | None = None

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        if self.moves is not None:
            for move in self.moves:
                if move not in MOVES:
                    raise ValueError(f"unknown move {move!r}; moves: {', '.join(MOVES)}")

    # -- the call -----------------------------------------------------------------------------

    def opening(self) -> Turn:
        s = self.stage
        region = f" in {s.offer.region}" if s.offer.region else ""
        line = (
            f"Thanks for making time. We're excited to offer you the role{region}: "
            f"{self._package(self._offered())}. How does that sound?"
        )
        self.last = Turn(line, "opening")
        return self.last

    def reply(self, text: str) -> Turn:
        if self.last is None:
            self.opening()
        assert self.last is not None
        if self.done:
            return Turn("The call has ended.", "close", (), True, self.scorecard())
        problem = check_reply(text)
        if problem:
            point = Point("input", problem, "fix", "The recruiter is waiting for your reply.")
            return Turn(self.last.recruiter, self.last.move, (point,), False)
        first = self.last.move == "opening"
        points = tuple(feedback(text, self.stage, self.last.move, first))
        reading = read_reply(text, self.stage)
        self.floor_revealed |= reading.floor
        self.competing_said |= reading.competing
        self._note_asks(reading)
        self.history.append((self.last, text, points))
        if reading.accepts or len(self.played) >= self.pushbacks:
            turn = self._close(points)
        else:
            move = self._next_move(reading)
            if move is None:
                turn = self._close(points)
            else:
                self.played.append(move)
                turn = Turn(self._say(move), move, points)
        self.last = turn
        return turn

    # -- moves --------------------------------------------------------------------------------

    def applicable(self) -> list[str]:
        s = self.stage
        lo, hi = s.band_ends("base")
        out = []
        if lo and hi and s.offer.base >= lo.value + 0.75 * (hi.value - lo.value):
            out.append("base_top")
        if lo and hi:
            out.append("band_fixed")
        if s.offer.competing or self.competing_said:
            out.append("cant_match")
        same_basis = (
            s.offer.stock_basis == "grant" and s.offer.stock_years == s.band.stock_vesting_years
        )
        if s.offer.stock and same_basis and all(s.band_ends("stock")):
            out.append("equity_standard")
        if self.played:
            out.append("deadline")
        if s.sign_on_concession() and any(
            m in self.played for m in ("base_top", "band_fixed", "cant_match")
        ):
            out.append("sign_on_instead")
        return [m for m in out if m not in self.played]

    def _next_move(self, reading) -> str | None:
        if self.moves is not None:
            index = len(self.played)
            return self.moves[index] if index < len(self.moves) else None
        candidates = self.applicable()
        if not candidates:
            return None
        wants = {
            "base": ("base_top", "band_fixed"),
            "stock": ("equity_standard",),
            "sign_on": ("sign_on_instead",),
        }
        preferred = [m for c in reading.named for m in wants.get(c, ()) if m in candidates]
        if reading.competing and "cant_match" in candidates:
            preferred.append("cant_match")
        pool = sorted(set(preferred)) or candidates
        return self.rng.choice(pool)

    def _say(self, move: str) -> str:
        s = self.stage
        region = f" in {s.offer.region}" if s.offer.region else ""
        if move == "base_top":
            _, hi = s.band_ends("base")
            return (
                f"I hear you. Your base of {s.money(s.offer.base)} is already near the top of "
                f"our band{region}, which tops out at {hi.display}. There isn't room to move it."
            )
        if move == "band_fixed":
            lo, hi = s.band_ends("base")
            return (
                f"Our bands are fixed for this level: base{region} runs from {lo.display} to "
                f"{hi.display}, and I can't go outside it."
            )
        if move == "cant_match":
            return (
                "We don't match competing offers. Our offer stands at "
                f"{s.money(s.offer.base)} base, and we think the role speaks for itself."
            )
        if move == "equity_standard":
            lo, hi = s.band_ends("stock")
            return (
                f"The equity is standard for the level: our RSU range is {lo.display} to "
                f"{hi.display}, and your {s.money(s.offer.stock)} grant is set by the level."
            )
        if move == "deadline":
            return "I'll be honest: we need an answer by Friday to hold this offer."
        concession = s.sign_on_concession()
        assert concession is not None
        self.granted["sign_on"] = concession
        return (
            "I can't move the base, but I could put a "
            f"{concession.display} sign-on on the table instead."
        )

    # -- agreement ----------------------------------------------------------------------------

    def _note_asks(self, reading) -> None:
        """Remember an ask the recruiter may grant at the close (see the module docstring)."""
        if not reading.levers or reading.floor or reading.ultimatum:
            return
        sayable = self.stage.sayable()
        for component, value, _raw, is_range in reading.asks:
            if is_range or component not in ("base", "stock"):
                continue
            lo, hi = self.stage.band_ends(component)
            match = next(
                (f for f in sayable if f.unit == self.stage.currency and abs(f.value - value) < 1),
                None,
            )
            offered = self.stage.offer_figure(component)
            if match is None or (hi and value > hi.value) or not offered or value <= offered.value:
                continue
            self.granted[component] = match

    def agreed(self) -> dict[str, Figure | None]:
        out: dict[str, Figure | None] = self._offered()
        for component, figure in self.granted.items():
            if component == "base" and (
                self.floor_revealed or any(m in self.played for m in BASE_BLOCKERS)
            ):
                continue
            if component == "stock" and "equity_standard" in self.played:
                continue
            out[component] = figure
        return out

    def _offered(self) -> dict[str, Figure | None]:
        return {c: self.stage.offer_figure(c) for c in ("base", "stock", "sign_on")}

    def _package(self, figures: dict[str, Figure | None]) -> str:
        parts = []
        if figures.get("base"):
            parts.append(f"{figures['base'].display} base")
        if figures.get("stock"):
            years = self.stage.offer.stock_years
            basis = f" over {years} years" if years else " a year"
            parts.append(f"{figures['stock'].display} in RSUs{basis}")
        if self.stage.offer.bonus_pct is not None:
            parts.append(f"a {self.stage.offer.bonus_pct:g}% bonus")
        if figures.get("sign_on"):
            parts.append(f"a {figures['sign_on'].display} sign-on")
        return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]

    def _close(self, points: tuple[Point, ...]) -> Turn:
        self.done = True
        line = (
            f"Thanks. Here is where we can land: {self._package(self.agreed())}. "
            "I'll send it over in writing."
        )
        turn = Turn(line, "close", points, True, self.scorecard())
        self.last = turn
        return turn

    def finish(self) -> Turn:
        """End the call now (the replies ran out): the close and the scorecard."""
        return self._close(())

    # -- scorecard ----------------------------------------------------------------------------

    def scorecard(self) -> dict[str, Any]:
        agreed = self.agreed()
        rows = []
        for component in ("base", "stock", "sign_on"):
            ask = self.stage.proposal.get(component)
            got = agreed.get(component)
            offered = self.stage.offer_figure(component)
            if ask is None and got is None:
                continue
            rows.append(
                {
                    "component": component,
                    "offer": offered.display if offered else None,
                    "agreed": got.display if got else None,
                    "proposal": ask.figure.display if ask else None,
                    "reached_proposal": bool(got and ask and got.value >= ask.figure.value - 1),
                    "source": got.text if got else None,
                }
            )
        good, fix = _summaries(p for _, _, points in self.history for p in points)
        return {
            "agreed": rows,
            "went_well": good,
            "to_change": fix,
            "best_replies": [self.best_reply(move) for move in self.played],
            "replies": len(self.history),
        }

    def best_reply(self, move: str) -> dict[str, Any]:
        """What the guide would say to a pushback, in its own words, with the passage cited."""
        s = self.stage
        ask = s.ask_sentence()
        script_id = s.script.chunk_id if s.script else None
        sign = s.script_sentence(r"sign(?:ing)?[\s-]?on|signing")
        sign_lever = s.best_lever(r"sign(?:ing)?[\s-]?on|signing")
        competing = s.best_lever(r"compet|\boffer\b")
        lever = s.best_lever()
        if move in ("base_top", "band_fixed"):
            lead = "I understand the base is at the band's limit, so let's close the gap elsewhere."
            body, cite = _lever_text(sign_lever) if sign_lever else (sign, script_id)
        elif move == "cant_match":
            lead = "I'm not asking you to match it; here is what would make me choose you."
            body, cite = (ask, script_id) if ask else _lever_text(competing)
        elif move == "equity_standard":
            lead = "Understood that the grant is standard; my experience is not."
            body, cite = _lever_text(lever)
        elif move == "deadline":
            lead = "Friday works for my answer once the package is settled."
            body, cite = (ask, script_id) if ask else _lever_text(lever)
        else:
            lead = "Thank you, that helps close the gap."
            body, cite = (ask, script_id) if ask else _lever_text(sign_lever)
        return {
            "move": move,
            "reply": f"{lead} {body}".strip(),
            "citations": [c.to_json() for c in s.cite(cite)],
        }


def rehearsal_from_form(
    form: OfferForm,
    facts: Facts,
    companies: Iterable[str],
    regions: Mapping[str, Iterable[str]],
    library: Mapping[str, Passage],
    seed: int = 0,
) -> Rehearsal:
    """A rehearsal of the offer typed into the workbench's fields; OfferError (a CoachError)
    when it cannot be read or has no band to rehearse against."""
    offer = offer_of_form(form, facts, companies, regions)
    return Rehearsal(stage_for(negotiate(offer, facts), facts, library), seed=seed)


def _lever_text(lever) -> tuple[str, str | None]:
    return (lever.text.strip('"“” '), lever.chunk_id) if lever else ("", None)


def _summaries(points) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each rule's points, once per distinct point, split into went well / to change."""
    good: dict[tuple[str, str], Point] = {}
    fix: dict[tuple[str, str], Point] = {}
    for point in points:
        if point.rule == "input":
            continue
        (good if point.verdict == "good" else fix).setdefault((point.rule, point.point), point)

    def show(found: dict[tuple[str, str], Point]) -> list[dict[str, Any]]:
        return [
            {
                "rule": p.rule,
                "point": p.point,
                "advice": p.advice,
                "citations": [_renumber(c, n).to_json() for n, c in enumerate(p.citations, 1)],
            }
            for p in found.values()
        ]

    return show(good), show(fix)


def _renumber(citation: Citation, n: int) -> Citation:
    return Citation(n, citation.chunk_id, citation.source, citation.title, citation.section,
                    citation.quote)  # fmt: skip


__all__ = ["MOVES", "Rehearsal", "Turn"]
