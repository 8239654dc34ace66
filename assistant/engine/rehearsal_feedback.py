"""Feedback on one rehearsal reply, by rules over what the user wrote: `feedback(reply, stage,
move, first)` -> `Point`s, each cited to the band row, lever or script it rests on and each
saying what the guide suggests instead, in the guide's own words. Pure; no model, no I/O.

Rules (a point is given only when its rule has something to say about the reply):
- figure: each amount the reply asks for (read with assistant.engine.offer_words.label_amounts,
  so "$213K base" and "base 213k" read alike; an amount no word names is the base when it is of
  the band's size) is placed against the band row (percent of the way from min to top) and the
  guide's target (the script's ask, else the proposal's). Above the band's top, at or below the
  offer, or below the target is "fix"; otherwise "good". No figure in the first reply is "fix".
- lever: an ask justified with a guide lever (its name's words, or the companies and acronyms
  it names, appear in the reply) is "good"; an ask with no reason is "fix" with the lever to use.
- floor: naming a floor or walk-away ("my floor is", "the lowest I'd take", the floor the user
  gave with the offer) is "fix"; keeping it private under a pushback is "good".
- other component: after "the band is fixed" or "base at the top of the band", asking for
  stock or a sign-on is "good", asking for base again or for nothing is "fix".
- timing: accepting (with no ask) before the close, or an ultimatum, is "fix"; neither under
  the deadline move is "good".
- one ask: two figures for one component, a range, or hedging ("maybe", "if possible") is
  "fix"; a single figure per component is "good".

Leaves out: tone, grammar and anything the rules above do not read; figures in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.answer import Citation
from assistant.corpus.facts import Lever
from assistant.engine.offer_words import label_amounts
from assistant.engine.rehearsal_stage import Stage

COMPONENT_WORDS = {
    "base": re.compile(r"\b(base|salary)\b", re.I),
    "stock": re.compile(r"\b(equity|rsus?|stock|shares|grant)\b", re.I),
    "sign_on": re.compile(r"\bsign(?:ing)?[\s-]?on\b|\bsigning\b", re.I),
}
NAMES = {"base": "base", "stock": "equity", "sign_on": "sign-on"}
_FLOOR = re.compile(
    r"\b(my\s+floor|floor\s+is|walk[\s-]?away|bottom\s+line|lowest\s+i(?:'d|\s+would|\s+can|\s+could)"
    r"|minimum\s+i(?:'d|\s+would|\s+can)|i(?:'d|\s+would|\s+could)\s+settle|at\s+the\s+very\s+least)",
    re.I,
)
_ACCEPT = re.compile(
    r"\b(i\s+accept|i(?:'ll|\s+will)\s+accept|i(?:'ll|\s+will)\s+take\s+it|deal\b|sounds\s+good|"
    r"that\s+works|works\s+for\s+me|agreed|let's\s+do\s+it|i'm\s+in\b|fine\s+by\s+me|"
    r"happy\s+to\s+accept|yes,?\s+i\s+accept)",
    re.I,
)
_ULTIMATUM = re.compile(
    r"\b(take\s+it\s+or\s+leave\s+it|final\s+offer|or\s+i(?:'ll|\s+will)?\s+walk|"
    r"i(?:'ll|\s+will)\s+walk(?!-)|or\s+i'm\s+out|non-negotiable|last\s+chance|"
    r"otherwise\s+i(?:'ll|\s+will)\s+(?:take|go\s+with|accept))",
    re.I,
)
_HEDGE = re.compile(
    r"\b(maybe|perhaps|if\s+possible|i\s+was\s+hoping|any\s+chance|would\s+it\s+be\s+possible|"
    r"somewhere\s+around|whatever\s+you\s+can|i\s+guess|kind\s+of|sort\s+of|flexible)\b",
    re.I,
)
_COMPETING = re.compile(r"compet|\bother\s+offer|\boffer\s+from\b|\boffers?\s+(?:at|of)\b", re.I)
_GENERIC = {
    "infrastructure", "premium", "operations", "offer", "offers", "protection", "complexity",
    "global", "bridge", "the", "and", "with", "lever", "cloud", "platform", "impact", "tc",
    "rsu", "rsus", "sign-on", "devops", "experience", "base", "equity", "engineer",
}  # fmt: skip
BASE_MOVES = ("base_top", "band_fixed")
PRESSURE_MOVES = ("base_top", "band_fixed", "cant_match", "deadline", "equity_standard")


@dataclass(frozen=True)
class Point:
    rule: str  # figure | lever | floor | other_component | timing | one_ask | input
    point: str
    verdict: str  # "good" | "fix"
    advice: str
    citations: tuple[Citation, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "point": self.point,
            "verdict": self.verdict,
            "advice": self.advice,
            "citations": [c.to_json() for c in self.citations],
        }


@dataclass
class Reading:
    """What a reply says, read once."""

    asks: list[tuple[str, float, str, bool]] = field(
        default_factory=list
    )  # comp, value, raw, range
    other_currency: list[str] = field(default_factory=list)
    named: set[str] = field(default_factory=set)  # components named, with or without a figure
    levers: list[Lever] = field(default_factory=list)
    floor: bool = False
    accepts: bool = False
    ultimatum: bool = False
    hedges: bool = False
    competing: bool = False

    def asked(self, component: str) -> list[float]:
        return [v for c, v, _, _ in self.asks if c == component]


def read_reply(text: str, stage: Stage) -> Reading:
    reading = Reading()
    band_lo, band_hi = stage.band.base_min or 0, stage.band.base_max or 0
    for amount, _start, _end, component, _tail in label_amounts(text):
        if amount.is_percent:
            continue
        if amount.unit and amount.unit != stage.currency:
            reading.other_currency.append(amount.raw)
            continue
        if component == "floor" or (stage.offer.floor and abs(amount.low - stage.offer.floor) < 1):
            reading.floor = True
            continue
        if not component and 0.5 * band_lo <= amount.high <= 2 * band_hi:
            component = "base"
        if component in NAMES:
            reading.asks.append((component, amount.high, amount.raw, amount.is_range))
    reading.named = {c for c, pattern in COMPONENT_WORDS.items() if pattern.search(text)}
    reading.named |= {c for c, *_ in reading.asks}
    reading.levers = [lv for lv in stage.levers if _uses_lever(text, lv)]
    reading.floor = reading.floor or bool(_FLOOR.search(text))
    above_offer = any(
        v > (stage.offer_figure(c).value if stage.offer_figure(c) else 0)
        for c, v, *_ in reading.asks
    )
    reading.accepts = bool(_ACCEPT.search(text)) and not above_offer
    reading.ultimatum = bool(_ULTIMATUM.search(text))
    reading.hedges = bool(_HEDGE.search(text))
    reading.competing = bool(_COMPETING.search(text))
    return reading


def _keywords(lever: Lever) -> set[str]:
    """The name's own words and the names and acronyms the lever's text uses (GPU, NVIDIA,
    Kubernetes), less generic words and the company's own name."""
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]{2,}", lever.name)}
    words |= {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z]*[A-Z]\w*\b", lever.text)}
    words |= {w.lower() for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", lever.text)}
    return words - _GENERIC - {lever.company.lower()}


def _uses_lever(text: str, lever: Lever) -> bool:
    lowered = text.lower()
    if re.search(r"compet|\boffer\b", lever.name, re.I) and _COMPETING.search(text):
        return True
    words = _keywords(lever)
    if not words:  # a name of generic words only ("Cloud Platform Impact"): all of them
        name = re.findall(r"[a-z][\w-]{2,}", lever.name.lower())
        return bool(name) and all(re.search(rf"\b{re.escape(w)}", lowered) for w in name)
    return any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words)


# --- the rules ---------------------------------------------------------------------------------


def feedback(reply: str, stage: Stage, move: str, first: bool) -> list[Point]:
    """The points for one reply to the recruiter's `move` (`first`: the reply to the opening)."""
    reading = read_reply(reply, stage)
    points = _figure_points(reading, stage, first)
    points += _lever_points(reading, stage, first)
    points += _floor_points(reading, stage, move)
    points += _component_points(reading, stage, move)
    points += _timing_points(reading, stage, move)
    points += _one_ask_points(reading, stage)
    if not points:
        points.append(
            Point(
                "one_ask",
                "You made no ask in this reply, so the recruiter hears that the offer is fine.",
                "fix",
                f"Restate one clear ask. {_quote_ask(stage)}".strip(),
                stage.cite(stage.script.chunk_id if stage.script else None),
            )
        )
    return points


def _quote_ask(stage: Stage) -> str:
    sentence = stage.ask_sentence()
    return f'The guide\'s script: "{sentence}"' if sentence else ""


def _lever_quote(lever: Lever | None) -> str:
    return f'the guide\'s lever "{lever.name}": {lever.text}' if lever else ""


def _target(stage: Stage, component: str):
    guide = stage.guide_asks().get(component)
    if guide is not None:
        return guide
    ask = stage.proposal.get(component)
    return ask.figure if ask else None


def _figure_points(reading: Reading, stage: Stage, first: bool) -> list[Point]:
    points: list[Point] = []
    script_id = stage.script.chunk_id if stage.script else None
    for raw in reading.other_currency:
        points.append(
            Point(
                "figure",
                f"You named {raw}, but the offer is in {stage.currency}.",
                "fix",
                f"Ask in the offer's currency ({stage.currency}). {_quote_ask(stage)}".strip(),
                stage.cite(stage.band.chunk_id),
            )
        )
    if not reading.asks and first:
        points.append(
            Point(
                "figure",
                "You did not name a figure, so the offer stays the anchor.",
                "fix",
                f"Name one figure for each component you want. {_quote_ask(stage)}".strip(),
                stage.cite(script_id, stage.band.chunk_id),
            )
        )
    for component, value, raw, _is_range in reading.asks:
        points.append(_place(stage, component, value, raw))
    return points


def _place(stage: Stage, component: str, value: float, raw: str) -> Point:
    name = NAMES[component]
    money = stage.money(value)
    lo = hi = None
    comparable = component == "base" or (
        component == "stock"
        and stage.offer.stock_basis == "grant"
        and stage.offer.stock_years == stage.band.stock_vesting_years
    )
    if component in ("base", "stock") and comparable:
        lo, hi = stage.band_ends(component)
    target = _target(stage, component)
    offered = stage.offer_figure(component)
    where = ""
    if lo is not None and hi is not None and hi.value > lo.value:
        pct = (value - lo.value) / (hi.value - lo.value) * 100
        status = (
            "below the band" if pct < 0 else "above the band" if pct > 100 else "within the band"
        )
        span = f"{lo.display}–{hi.display}"
        where = f" It is {status} ({span}; {pct:.0f}% of the way from its min to its top)."
    aim = f" The guide's target is {target.display}." if target else ""
    said = f"You asked for {money} {name}.{where}{aim}"
    cites = stage.cite(
        hi.provenance.chunk_id if hi else None, target.provenance.chunk_id if target else None
    )
    quote = _quote_ask(stage)
    if hi is not None and value > hi.value * 1.005:
        return Point(
            "figure", said, "fix",
            f"Above the band's top {hi.display} the recruiter cannot approve it; anchor at the "
            f"guide's target instead. {quote}".strip(),
            cites,
        )  # fmt: skip
    if offered is not None and value <= offered.value:
        return Point(
            "figure", said, "fix",
            f"That is not above the offer's {offered.display}; ask for more. {quote}".strip(),
            cites,
        )  # fmt: skip
    if target is not None and value < target.value * 0.98:
        return Point(
            "figure", said, "fix",
            f"Below the guide's target {target.display}: anchor there. {quote}".strip(), cites,
        )  # fmt: skip
    return Point(
        "figure", said, "good",
        f"A concrete figure the guide supports. {quote}".strip(), cites,
    )  # fmt: skip


def _has_ask(reading: Reading) -> bool:
    return bool(reading.asks) or bool(reading.named - {"base"})


def _lever_points(reading: Reading, stage: Stage, first: bool) -> list[Point]:
    if not (_has_ask(reading) or first):
        return []
    if reading.levers:
        lever = reading.levers[0]
        status = stage.lever_status(lever)
        note = {
            "applies": "It applies to your offer.",
            "if true for you": "Use it only if it describes your experience.",
            "needs a competing offer": "It needs a competing offer you can name.",
        }.get(status, "")
        return [
            Point(
                "lever",
                f'You justified the ask with the guide\'s lever "{lever.name}". {note}'.strip(),
                "good",
                f"Keep it specific, as {_lever_quote(lever)}",
                stage.cite(lever.chunk_id),
            )
        ]
    wanted = next((c for c, *_ in reading.asks), "")
    pattern = r"sign(?:ing)?[\s-]?on" if wanted == "sign_on" else ""
    lever = stage.best_lever(pattern) or stage.best_lever()
    if lever is None:
        return []
    return [
        Point(
            "lever",
            "You gave no reason the guide supports for the ask.",
            "fix",
            f"Tie the ask to a lever: {_lever_quote(lever)}",
            stage.cite(lever.chunk_id),
        )
    ]


def _floor_points(reading: Reading, stage: Stage, move: str) -> list[Point]:
    script_id = stage.script.chunk_id if stage.script else None
    if reading.floor:
        return [
            Point(
                "floor",
                "You revealed your walk-away floor; the recruiter will now aim for it.",
                "fix",
                "Keep the floor to yourself and anchor on the ask. "
                + (_quote_ask(stage) or "Restate the figure you want."),
                stage.cite(script_id),
            )
        ]
    if move in PRESSURE_MOVES:
        return [
            Point(
                "floor",
                "Under pressure you kept your walk-away floor private.",
                "good",
                "Keep anchoring on the ask. " + _quote_ask(stage),
                stage.cite(script_id),
            )
        ]
    return []


def _sign_on_quote(stage: Stage) -> tuple[str, tuple[Citation, ...]]:
    """A sign-on lever first (it asks for the sign-on alone), else the script's sentence."""
    lever = stage.best_lever(r"sign(?:ing)?[\s-]?on|signing")
    if lever:
        return f"Use {_lever_quote(lever)}", stage.cite(lever.chunk_id)
    sentence = stage.script_sentence(r"sign(?:ing)?[\s-]?on|signing")
    if sentence:
        return f'The guide\'s script: "{sentence}"', stage.cite(stage.script.chunk_id)
    return "", ()


def _component_points(reading: Reading, stage: Stage, move: str) -> list[Point]:
    if move not in BASE_MOVES:
        return []
    quote, cites = _sign_on_quote(stage)
    other = reading.named & {"stock", "sign_on"}
    if other:
        names = " and ".join(NAMES[c] for c in sorted(other))
        return [
            Point(
                "other_component",
                f"With the base fixed, you asked for {names} instead.",
                "good",
                f"Moving to another component keeps the talk going. {quote}".strip(),
                cites,
            )
        ]
    return [
        Point(
            "other_component",
            "The recruiter said the base cannot move, and you did not ask for another component.",
            "fix",
            f"Ask for equity or a sign-on instead of more base. {quote}".strip(),
            cites,
        )
    ]


def _timing_points(reading: Reading, stage: Stage, move: str) -> list[Point]:
    script_id = stage.script.chunk_id if stage.script else None
    commit = stage.script_sentence(r"\bcommit\b") or stage.ask_sentence()
    guide = f' The guide commits only once its ask is met: "{commit}"' if commit else ""
    points = []
    if reading.accepts and move != "close":
        points.append(
            Point(
                "timing",
                "You accepted before the package was settled.",
                "fix",
                f"Thank them and restate your ask; accept once it is met, in writing.{guide}",
                stage.cite(script_id),
            )
        )
    if reading.ultimatum:
        lever = stage.best_lever()
        points.append(
            Point(
                "timing",
                "You gave an ultimatum; it ends the conversation instead of moving it.",
                "fix",
                f"Give a reason instead of a threat: {_lever_quote(lever)}" if lever else guide,
                stage.cite(lever.chunk_id if lever else script_id),
            )
        )
    if not points and move == "deadline":
        points.append(
            Point(
                "timing",
                "You did not let the deadline rush you into an answer.",
                "good",
                f"Agree to the timeline, not to the figures.{guide}",
                stage.cite(script_id),
            )
        )
    return points


def _one_ask_points(reading: Reading, stage: Stage) -> list[Point]:
    if not reading.asks:
        return []
    script_id = stage.script.chunk_id if stage.script else None
    counts: dict[str, int] = {}
    for component, *_ in reading.asks:
        counts[component] = counts.get(component, 0) + 1
    ranged = [raw for _, _, raw, is_range in reading.asks if is_range]
    several = [NAMES[c] for c, n in counts.items() if n > 1]
    problem = ""
    if ranged:
        problem = f"You gave a range ({ranged[0]}); the recruiter will hear its low end."
    elif several:
        problem = f"You named more than one figure for {several[0]}."
    elif reading.hedges:
        problem = "You hedged the ask; it reads as negotiable downwards."
    if problem:
        return [
            Point(
                "one_ask",
                problem,
                "fix",
                f"Make one clear ask: one figure per component. {_quote_ask(stage)}".strip(),
                stage.cite(script_id),
            )
        ]
    return [
        Point(
            "one_ask",
            "One clear figure for each component you asked for.",
            "good",
            f"Say it once and stop. {_quote_ask(stage)}".strip(),
            stage.cite(script_id),
        )
    ]
