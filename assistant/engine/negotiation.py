"""Where an offer sits in the guide's band, and a counter proposal in which every number is
traceable. Pure functions over `Offer` (assistant.engine.offer) and the typed facts; no model, no
I/O.

Every number is a `Figure(value, unit, label, provenance)` (assistant.engine.figures): a band
row (the CompBand's chunk id), a script or a lever (their chunk ids), the user's input, or a
formula over other Figures that is shown as text ("offer RSU $130K + RSU increment $55K
(Alibaba script)") and recomputes to the value.

Counter proposal, conservative rules:
1. Guide figures apply only in the offer's currency. The company's negotiate-up script gives
   asks ("I need $213K base, $222K equity/4yr, and a $25K signing bonus"), a stock increment
   ("RSUs at $[Y+55K]": offer RSU + $55K) and a floor ("My floor is $198K"); a sign-on lever's
   range ("A $[35K-55K] sign-on") gives a sign-on ceiling. A stock figure is converted to the
   offer's basis (per year, or a grant over other years) by a shown formula.
2. Base and stock: the script's ask, or the offer plus the script's increment; when the guide
   has no figure for the component (or the offer already reaches it), the band's midpoint when
   the offer is below it, else the band's top. A competing offer in the same currency with a
   higher component raises the ask to match it, but for stock when the guide gives its own
   ask or increment (equity is not cash nor alike across employers: the script asks "$222K
   equity/4yr" beside NVIDIA's $255K RSU).
3. Cap: an ask never exceeds the band's top plus the guide's stated increment for that
   component, unless a competing offer's figure is higher (then that figure is the cap).
4. Never below the offer: when the rules give less than the offer, the ask is the offer (hold).
5. Sign-on: the script's sign-on, else the top of a sign-on lever's range, else a competing
   offer's sign-on; never below the offer's own sign-on; none when the guide names none.
6. Floor (walk-away base): the user's floor if given, else the script's floor but not below the
   offer's base, else the offer's base; never above the base ask.
7. Levers: the guide's own levers, each marked as applying (a competing-offer lever when the
   user has a competing offer, a sign-on lever when a sign-on is asked) or as applying if true
   for the user (experience and impact levers).

Where the offer sits in the band and the totals: assistant.engine.position. The script and lever
figures the rules use: assistant.engine.script_asks.

Leaves out: exchange rates, tax, vesting cliffs and schedules other than even vesting, refresh
grants, and the wording of drafts (assistant.engine.drafts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.corpus.facts import CompBand, Facts, Lever
from assistant.engine.figures import YEARS, Figure, formula, user
from assistant.engine.offer import Offer, Package
from assistant.engine.position import (
    ComponentPosition,
    GuidePosition,
    Totals,
    band_figure,
    conflicting_bands,
    find_bands,
    position,
    positions_by_guide,
    stock_per_year,
    totals,
    totals_at_ask,
)
from assistant.engine.script_asks import SIGN_ON, guide_figures

# --- proposal ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    component: str  # "base" | "stock" | "sign_on" | "floor"
    figure: Figure
    offer: Figure | None  # what the offer gives (None: nothing)
    rule: str  # which rule chose the figure, in words
    script_ask: Figure | None = None  # the guide script's own ask, when another rule won

    def to_json(self) -> dict[str, Any]:
        return {
            "component": self.component,
            "ask": self.figure.to_json(),
            "offer": self.offer.to_json() if self.offer else None,
            "rule": self.rule,
            **({"script_ask": self.script_ask.to_json()} if self.script_ask else {}),
        }


@dataclass(frozen=True)
class LeverUse:
    number: int
    name: str
    chunk_id: str
    source: str
    status: str  # "applies" | "if true for you" | "needs a competing offer"
    reason: str

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Proposal:
    currency: str
    asks: tuple[Ask, ...]
    totals: Totals
    levers: tuple[LeverUse, ...]
    notes: tuple[str, ...] = ()

    def get(self, component: str) -> Ask | None:
        return next((a for a in self.asks if a.component == component), None)

    def figures(self) -> list[Figure]:
        out = [a.figure for a in self.asks]
        out += [a.script_ask for a in self.asks if a.script_ask]  # (shown beside the ask)
        out += [
            f for f in (self.totals.annualized, self.totals.first_year, self.totals.four_year) if f
        ]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "currency": self.currency,
            "asks": [a.to_json() for a in self.asks],
            "totals_at_ask": self.totals.to_json(),
            "levers": [lv.to_json() for lv in self.levers],
            "notes": list(self.notes),
        }


def _to_basis(fig: Figure, from_years: Figure | None, offer: Offer, label: str) -> Figure:
    """A guide grant over `from_years` in the offer's stock basis (shown as a formula)."""
    if from_years is None:
        return fig
    if offer.stock_basis == "per_year":
        return formula("÷", label, fig.unit, fig, from_years)
    if offer.stock_years and offer.stock_years != from_years.value:
        per_year = formula("÷", f"{label} per year", fig.unit, fig, from_years)
        return formula("×", label, fig.unit, per_year, factor=offer.stock_years)
    return fig


def _component_ask(
    component: str,
    offer_fig: Figure,
    guide_ask: Figure | None,
    increment: Figure | None,
    band_lo: Figure | None,
    band_hi: Figure | None,
    rivals: list[Figure],
) -> tuple[Figure, str]:
    cur = offer_fig.unit
    candidate: Figure | None = None
    rule = ""
    if guide_ask is not None and guide_ask.value > offer_fig.value:
        candidate, rule = guide_ask, "the guide's script asks this"
    elif increment is not None:
        candidate = formula("sum", f"{component} ask", cur, offer_fig, increment)
        rule = "the offer plus the guide's stated increment"
    elif band_lo is not None and band_hi is not None:
        mid = formula("mid", "band midpoint", cur, band_lo, band_hi)
        if offer_fig.value < mid.value:
            candidate, rule = mid, "the band's midpoint (the offer is below it)"
        else:
            candidate, rule = band_hi, "the band's top (the offer is at or above the midpoint)"
    best_rival = max(rivals, key=lambda f: f.value, default=None)
    # (a rival's stock grant does not raise the guide's own stock ask or increment, rule 2;
    # a rival's higher base is matched)
    from_guide = component == "RSU" and (guide_ask is not None or increment is not None)
    if (
        best_rival is not None
        and not from_guide
        and best_rival.value > max(offer_fig.value, candidate.value if candidate else 0)
    ):
        candidate, rule = best_rival, f"matches your competing offer ({best_rival.label})"
    if candidate is None:
        return offer_fig, "hold: the guide gives no figure for this component"
    cap = None
    if band_hi is not None:
        cap = (
            formula("sum", "band top + increment", cur, band_hi, increment)
            if increment
            else band_hi
        )
    if best_rival is not None and (cap is None or best_rival.value > cap.value):
        cap = best_rival
    if cap is not None and candidate.value > cap.value:
        candidate, rule = cap, "capped at the band's top plus the guide's stated increment"
    if candidate.value <= offer_fig.value:
        return offer_fig, "hold: the offer already reaches what the guide supports"
    return candidate, rule


def _outbid(script_ask: Figure | None, chosen: Figure, rule: str) -> Figure | None:
    """The script's own ask when a competing offer's higher figure was asked instead, so the
    answer can show both; else None."""
    if script_ask is None or not rule.startswith("matches your competing offer"):
        return None
    return script_ask if script_ask.value != chosen.value else None


def propose(offer: Offer, band: CompBand | None, facts: Facts) -> Proposal | None:
    """The counter proposal (rules in the module docstring); None when there is no band in the
    offer's currency or neither a base nor stock to counter from. (Stock alone, "they offered
    90k rsu, how much higher?", gets its asks and no base ask or floor.)"""
    if band is None or offer.currency != band.currency or offer.base is offer.stock is None:
        return None
    cur = offer.currency
    guide = guide_figures(offer.company, facts.scripts, facts.levers)

    def applies(fig: Figure | None) -> Figure | None:
        return fig if fig is not None and fig.unit == cur else None

    rivals = [r for r in offer.competing if r.currency == cur]
    asks: list[Ask] = []
    base_offer = base_fig = None
    if offer.base is not None:
        base_offer = user(offer.base, cur, "offer base")
        base_fig, base_rule = _component_ask(
            "base",
            base_offer,
            applies(guide.base),
            None,
            band_figure(band, band.base_min, cur, "band base min") if band.base_min else None,
            band_figure(band, band.base_max, cur, "band base top") if band.base_max else None,
            [user(r.base, cur, f"{r.company} base") for r in rivals if r.base],
        )
        outbid = _outbid(applies(guide.base), base_fig, base_rule)
        asks.append(Ask("base", base_fig, base_offer, base_rule, outbid))

    stock_fig = None
    if offer.stock is not None:
        stock_offer = user(offer.stock, cur, "offer RSU")
        years = guide.stock_years
        band_years = (
            band_figure(band, band.stock_vesting_years, YEARS, "vesting")
            if band.stock_vesting_years
            else None
        )
        lo = hi = None
        if band.stock_min is not None and band.stock_max is not None:
            lo = _to_basis(
                band_figure(band, band.stock_min, cur, "band RSU min"),
                band_years,
                offer,
                "band RSU min",
            )
            hi = _to_basis(
                band_figure(band, band.stock_max, cur, "band RSU top"),
                band_years,
                offer,
                "band RSU top",
            )
        script_stock = applies(guide.stock)
        if script_stock is not None:
            script_stock = _to_basis(script_stock, years, offer, "script RSU ask")
        increment = applies(guide.stock_increment)
        if increment is not None:
            increment = _to_basis(increment, band_years, offer, "RSU increment")
        rival_stock = []
        for r in rivals:
            per_year = stock_per_year(r, f"{r.company} stock per year")
            if per_year is None:
                continue
            if offer.stock_basis == "per_year":
                rival_stock.append(per_year)
            elif r.stock_basis == "grant" and r.stock_years == offer.stock_years:
                rival_stock.append(user(r.stock, cur, f"{r.company} RSU"))
            elif offer.stock_years:
                rival_stock.append(
                    formula("×", f"{r.company} stock", cur, per_year, factor=offer.stock_years)
                )
        stock_fig, stock_rule = _component_ask(
            "RSU", stock_offer, script_stock, increment, lo, hi, rival_stock
        )
        asks.append(
            Ask(
                "stock",
                stock_fig,
                stock_offer,
                stock_rule,
                _outbid(script_stock, stock_fig, stock_rule),
            )
        )

    sign_offer = user(offer.sign_on, cur, "offer sign-on") if offer.sign_on else None
    sign_candidates = [
        (applies(guide.sign_on), "the guide's script asks this"),
        (applies(guide.sign_on_top), "the top of the guide's sign-on lever range"),
        *(
            (user(r.sign_on, cur, f"{r.company} sign-on"), "matches your competing offer")
            for r in rivals
            if r.sign_on
        ),
    ]
    current = offer.sign_on or 0
    chosen = next(((f, why) for f, why in sign_candidates if f and f.value > current), None)
    if chosen:
        asks.append(Ask("sign_on", chosen[0], sign_offer, chosen[1]))
    elif sign_offer:
        asks.append(Ask("sign_on", sign_offer, sign_offer, "hold: no higher guide figure"))

    notes: list[str] = []
    if base_offer is not None and base_fig is not None:  # (a walk-away base needs a base)
        asks.append(_floor_ask(offer, applies(guide.floor), base_offer, base_fig, notes))

    sign_ask = next((a.figure for a in asks if a.component == "sign_on"), None)
    at_ask = totals_at_ask(offer, base_fig, stock_fig, sign_ask)
    for rival in rivals:
        rival_tc = totals(rival).annualized
        if rival_tc and at_ask.annualized and rival_tc.value > at_ask.annualized.value:
            notes.append(
                f"{rival.company}'s annualized total comp {rival_tc.display} is above the "
                f"annualized total at this ask {at_ask.annualized.display}: your competing "
                "offer is your strongest lever."
            )
    levers = tuple(
        _lever_uses(offer, facts.levers, sign_ask is not None and sign_ask != sign_offer)
    )
    return Proposal(cur, tuple(asks), at_ask, levers, tuple(notes))


def _floor_ask(
    offer: Offer, script_floor: Figure | None, base_offer: Figure, base_fig: Figure, notes: list
) -> Ask:
    """Rule 6: the user's floor, else the script's (not below the offer's base), else the
    offer's base; never above the base ask (said in `notes`)."""
    if offer.floor is not None:
        floor_fig, rule = user(offer.floor, base_offer.unit, "your floor"), "your own floor"
    elif script_floor is not None:
        floor_fig, rule = script_floor, "the guide's script floor"
        if floor_fig.value < base_offer.value:
            floor_fig, rule = base_offer, "the offer's base (above the script's floor)"
    else:
        floor_fig, rule = base_offer, "the offer's base: the guide gives no floor here"
    if floor_fig.value > base_fig.value:
        notes.append(
            f"Your floor {floor_fig.display} is above the base ask the guide supports "
            f"({base_fig.display}); the floor shown is the base ask."
        )
        floor_fig, rule = base_fig, "the base ask (your floor is above it)"
    return Ask("floor", floor_fig, None, rule)


def _lever_uses(offer: Offer, levers: list[Lever], asks_sign_on: bool) -> list[LeverUse]:
    uses = []
    for lever in (lv for lv in levers if lv.company == offer.company):
        words = f"{lever.name} {lever.text}"
        if re.search(r"compet|\boffer\b", lever.name, re.I):
            if offer.competing:
                names = ", ".join(r.company for r in offer.competing)
                status, reason = "applies", f"you have a competing offer ({names})"
            else:
                status, reason = "needs a competing offer", "no competing offer was given"
        elif SIGN_ON.search(words):
            status, reason = (
                ("applies", "the proposal asks for a sign-on")
                if asks_sign_on
                else ("if true for you", "the proposal asks no sign-on")
            )
        else:
            status, reason = "if true for you", "use it if it describes your experience"
        uses.append(
            LeverUse(lever.number, lever.name, lever.chunk_id, lever.source, status, reason)
        )
    return uses


# --- comparison and the whole ------------------------------------------------------------------


@dataclass(frozen=True)
class ComparisonRow:
    company: str
    currency: str
    totals: Totals

    def to_json(self) -> dict[str, Any]:
        return {"company": self.company, "currency": self.currency, **self.totals.to_json()}


def compare(packages: list[Package]) -> list[ComparisonRow]:
    """Offers side by side, each in its own currency (never converted)."""
    return [ComparisonRow(p.company or "offer", p.currency, totals(p)) for p in packages]


@dataclass(frozen=True)
class Negotiation:
    offer: Offer
    band: CompBand | None
    position: list[ComponentPosition]
    totals: Totals
    proposal: Proposal | None
    comparison: list[ComparisonRow]
    questions: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    by_guide: tuple[GuidePosition, ...] = ()  # guides that disagree: the offer in each band

    def to_json(self) -> dict[str, Any]:
        o = self.offer
        return {
            "offer": {
                "company": o.company,
                "region": o.region,
                "currency": o.currency,
                "base": o.base,
                "stock": o.stock,
                "stock_years": o.stock_years,
                "stock_basis": o.stock_basis,
                "bonus_pct": o.bonus_pct,
                "bonus_amount": o.bonus_amount,
                "sign_on": o.sign_on,
                "tc": o.tc,
                "floor": o.floor,
                "target": o.target,
                "competing": [vars(r) for r in o.competing],
                "unassigned": [vars(u) for u in o.unassigned],
            },
            "band": None
            if self.band is None
            else {
                "company": self.band.company,
                "role": self.band.role,
                "region": self.band.region,
                "currency": self.band.currency,
                "chunk_id": self.band.chunk_id,
                "source": self.band.source,
            },
            "position": [row.to_json() for row in self.position],
            "totals": self.totals.to_json(),
            "proposal": self.proposal.to_json() if self.proposal else None,
            "comparison": [row.to_json() for row in self.comparison],
            "questions": list(self.questions),
            "notes": list(self.notes),
            "by_guide": [g.to_json() for g in self.by_guide],
        }


def negotiate(offer: Offer, facts: Facts) -> Negotiation:
    """Position, proposal and comparison for an offer; what cannot be done becomes a question."""
    questions = list(offer.all_questions())
    notes = list(offer.notes)
    bands = find_bands(facts, offer.company, offer.region, offer.role) if offer.region else []
    band = bands[0] if len(bands) == 1 else None
    by_guide: tuple[GuidePosition, ...] = ()
    if conflicting_bands(bands):  # two guides, one role: show the offer against each
        by_guide = positions_by_guide(offer, bands)
        sources = " and ".join(g.band.source for g in by_guide)
        notes.append(
            f"The guides disagree on the {offer.company} {offer.region} band for "
            f"{bands[0].role} ({sources}): your offer is placed in each band. No counter is "
            "computed while they disagree: move the guide you do not trust out of the corpus "
            "(to corpus/.removed/, where it can be restored from) and ask again."
        )
    elif len(bands) > 1:
        roles = ", ".join(sorted({b.role for b in bands}))
        questions.append(f"Which role is the offer for? The guide has bands for: {roles}.")
    if band is not None and offer.currency and offer.currency != band.currency:
        notes.append(
            f"The offer is in {offer.currency} and the {band.company} {band.region} band in "
            f"{band.currency}; they are not compared and no counter is computed (no exchange "
            "rate is used). Give the offer in the band's currency to compare it."
        )
    proposal = propose(offer, band, facts)
    comparison = compare([offer, *offer.competing]) if offer.competing else []
    return Negotiation(
        offer=offer,
        band=band,
        position=position(offer, band),
        totals=totals(offer),
        proposal=proposal,
        comparison=comparison,
        questions=tuple(questions),
        notes=tuple(notes),
        by_guide=by_guide,
    )


def catalog(facts: Facts) -> tuple[list[str], dict[str, list[str]]]:
    """Companies and, per company, the regions of its bands: what the offer parser matches."""
    regions: dict[str, list[str]] = {}
    for band in facts.bands:
        regions.setdefault(band.company, [])
        if band.region not in regions[band.company]:
            regions[band.company].append(band.region)
    return sorted(regions), regions


def band_defaults(facts: Facts) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], int]]:
    """(company, region) -> band currency, and -> stock vesting years (for parse_offer)."""
    currency = {(b.company, b.region): b.currency for b in facts.bands}
    years = {
        (b.company, b.region): b.stock_vesting_years
        for b in facts.bands
        if b.stock_vesting_years and b.stock_basis == "grant"
    }
    return currency, years
