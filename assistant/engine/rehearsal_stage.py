"""What a rehearsal is played from: the offer, its band row, the counter proposal and the
company's levers and script (`Stage`), with the figures the recruiter may say and the
citations feedback points carry. Pure; no model, no I/O.

`stage_for(negotiation, facts, library)` builds it; `library` maps a chunk id to its passage
(anything with `source`, `title`, `section` and `text`: a `Chunk` or a `ChunkRecord`), so a
citation quotes the exact chunk text, as `coach ask --json` does.

`Stage.sayable()` is the whole of what the recruiter may state: the offer's own figures, the
band row's ends and the guide's script and lever figures, each a `Figure` with provenance. The
recruiter never states a sum, a midpoint or any figure of the user's replies.

`check_reply(text)` tells what is wrong with a reply before any rule reads it: empty, too long
(4,000 characters or more) or not in English (the guides and the rules are English).

Leaves out: the recruiter's moves and the scorecard (assistant.engine.rehearsal) and the
feedback rules (assistant.engine.rehearsal_feedback).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.answer import Citation
from assistant.corpus.facts import CompBand, Facts, Lever, Script
from assistant.engine.figures import Figure, Provenance, user
from assistant.engine.negotiation import LeverUse, Negotiation, Proposal
from assistant.engine.position import band_figure
from assistant.engine.script_asks import SIGN_ON, GuideFigures, guide_figures
from assistant.errors import OfferError
from assistant.money import PERCENT, format_money

MAX_REPLY_CHARS = 4000
_SENTENCE = re.compile(r"(?<=[.!?])[\"”]?\s+")
_ENGLISH = re.compile(
    r"\b(i|i'm|i'd|i've|a|an|the|to|and|is|are|you|for|of|my|me|that|it|we|can|this|be|with|"
    r"would|could|need|want|thanks?|yes|no|ok|okay|not|on|at|in|what|how|but|so|if|do|let's|"
    r"please|sure|think|looking|have|will|then|our|your|there)\b",
    re.I,
)


class Passage(Protocol):
    source: str
    title: str
    section: str
    text: str


class RehearsalError(OfferError):
    """The offer cannot be rehearsed (no band row, another currency, no base)."""


@dataclass(frozen=True)
class Stage:
    offer: Any  # assistant.engine.offer.Offer
    band: CompBand
    proposal: Proposal
    levers: tuple[Lever, ...]
    uses: tuple[LeverUse, ...]
    script: Script | None
    guide: GuideFigures
    library: Mapping[str, Passage]

    @property
    def currency(self) -> str:
        return self.offer.currency

    def money(self, value: float) -> str:
        return format_money(value, self.currency)

    # -- citations --------------------------------------------------------------------------------

    def cite(self, *chunk_ids: str | None) -> tuple[Citation, ...]:
        out: list[Citation] = []
        for chunk_id in dict.fromkeys(c for c in chunk_ids if c):
            passage = self.library.get(chunk_id)
            if passage is None:
                continue
            out.append(
                Citation(
                    len(out) + 1,
                    chunk_id,
                    passage.source,
                    passage.title,
                    passage.section,
                    passage.text,
                )
            )
        return tuple(out)

    def lever_status(self, lever: Lever) -> str:
        use = next((u for u in self.uses if u.chunk_id == lever.chunk_id), None)
        return use.status if use else "if true for you"

    def best_lever(self, pattern: str = "") -> Lever | None:
        """The lever to suggest: one whose words match `pattern` if given, an applying one
        first."""
        levers = [
            lv
            for lv in self.levers
            if not pattern or re.search(pattern, f"{lv.name} {lv.text}", re.I)
        ]
        rank = {"applies": 0, "if true for you": 1, "needs a competing offer": 2}
        return min(
            levers, key=lambda lv: (rank.get(self.lever_status(lv), 3), lv.number), default=None
        )

    def script_sentence(self, pattern: str) -> str:
        """The first sentence of the script matching `pattern` ("" when none)."""
        if self.script is None:
            return ""
        for sentence in _SENTENCE.split(self.script.text):
            if re.search(pattern, sentence, re.I):
                return sentence.strip().strip('"“”').strip()
        return ""

    def ask_sentence(self) -> str:
        return self.script_sentence(r"\bI\s+need\b|\bto\s+accept\b|\bto\s+choose\b")

    # -- figures ----------------------------------------------------------------------------------

    def offer_figure(self, component: str) -> Figure | None:
        value = {
            "base": self.offer.base,
            "stock": self.offer.stock,
            "sign_on": self.offer.sign_on,
        }.get(component)
        return user(value, self.currency, f"offer {component}") if value else None

    def band_ends(self, component: str) -> tuple[Figure | None, Figure | None]:
        b = self.band
        low, high, unit = {
            "base": (b.base_min, b.base_max, b.currency),
            "stock": (b.stock_min, b.stock_max, b.currency),
            "bonus": (b.bonus_min_pct, b.bonus_max_pct, PERCENT),
        }[component]
        if low is None or high is None:
            return None, None
        return (
            band_figure(b, low, unit, f"band {component} min"),
            band_figure(b, high, unit, f"band {component} top"),
        )

    def sign_on_concession(self) -> Figure | None:
        """The smallest sign-on the guide names in the offer's currency (a lever range's low
        end, a lever's or the script's sign-on), above the offer's own sign-on."""
        found: list[Figure] = []
        for lever in self.levers:
            if not SIGN_ON.search(f"{lever.name} {lever.text}"):
                continue
            prov = Provenance(
                "lever", lever.chunk_id, f"{lever.company} {lever.name} lever", lever.source
            )
            found += [
                Figure(a.low, a.unit, "sign-on", prov)
                for a in lever.amounts
                if a.unit == self.currency
            ]
        if self.guide.sign_on is not None and self.guide.sign_on.unit == self.currency:
            found.append(self.guide.sign_on)
        floor = self.offer.sign_on or 0
        found = [f for f in found if f.value > floor]
        return min(found, key=lambda f: f.value, default=None)

    def guide_asks(self) -> dict[str, Figure]:
        """The guide's own asks in the offer's currency (base, stock, sign-on, floor)."""
        g = self.guide
        out = {"base": g.base, "stock": g.stock, "sign_on": g.sign_on, "floor": g.floor}
        return {k: f for k, f in out.items() if f is not None and f.unit == self.currency}

    def sayable(self) -> list[Figure]:
        """Every figure the recruiter may state."""
        out = [f for c in ("base", "stock", "sign_on") if (f := self.offer_figure(c))]
        if self.offer.bonus_pct is not None:
            out.append(user(self.offer.bonus_pct, PERCENT, "offer bonus"))
        for component in ("base", "stock", "bonus"):
            out += [f for f in self.band_ends(component) if f]
        out += list(self.guide_asks().values())
        concession = self.sign_on_concession()
        if concession:
            out.append(concession)
        return out


def stage_for(negotiation: Negotiation, facts: Facts, library: Mapping[str, Passage]) -> Stage:
    offer, band, proposal = negotiation.offer, negotiation.band, negotiation.proposal
    if band is None or proposal is None:
        reasons = [*negotiation.questions, *negotiation.notes]
        hint = (" " + " ".join(reasons)) if reasons else ""
        raise RehearsalError(
            "A rehearsal needs the offer's company, region and base in the guide's currency "
            f'(e.g. "Anyscale San Francisco $175K base, $130K RSU over 4 years").{hint}'
        )
    company = offer.company
    scripts = [s for s in facts.scripts if s.company == company]
    return Stage(
        offer=offer,
        band=band,
        proposal=proposal,
        levers=tuple(lv for lv in facts.levers if lv.company == company),
        uses=proposal.levers,
        script=scripts[0] if scripts else None,
        guide=guide_figures(company, facts.scripts, facts.levers),
        library=library,
    )


def check_reply(text: str) -> str:
    """ "" for a reply the rules can read, else what is wrong with it, said to the user."""
    stripped = (text or "").strip()
    if not stripped:
        return "Your reply was empty. Type what you would say to the recruiter."
    if len(stripped) >= MAX_REPLY_CHARS:
        return (
            "That reply is too long to read on a call (4,000 characters or more). Say your ask "
            "in a few sentences."
        )
    letters = [ch for ch in stripped if ch.isalpha()]
    latin = [ch for ch in letters if ch.isascii()]
    words = re.findall(r"[A-Za-z']+", stripped)
    if letters and len(latin) < 0.6 * len(letters):
        return "The rehearsal reads replies in English, like the guides. Try the reply in English."
    if len(words) >= 4 and not _ENGLISH.search(stripped):
        return "The rehearsal reads replies in English, like the guides. Try the reply in English."
    return ""
