"""The offer workbench's data: an offer typed into separate fields, turned into what the band
chart, the proposal table and the drafts show. Every number is a `Figure` from the negotiation
engine (assistant.engine.negotiation), so each chart bar and table cell names its source.

Stock is charted per year, as the band position compares it: the ask for a grant is divided by
the offer's vesting years with the formula shown. The total bar uses the engine's annualized
totals (offer and ask).

Leaves out: the numbers themselves (assistant.engine.negotiation computes them), drawing (ui/) and
any free-text offer parsing (the chat path reads offers written as sentences).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from assistant.corpus.facts import Facts
from assistant.engine.drafts import Citation, Drafts, write_drafts
from assistant.engine.figures import YEARS, Figure, Provenance, formula, user
from assistant.engine.negotiation import Ask, Negotiation, band_defaults, negotiate
from assistant.engine.offer import Offer, offer_from_fields
from assistant.errors import OfferError
from assistant.money import PERCENT

_FLAG_HINT = re.compile(r" \(--[\w-]+\)")  # the CLI's '(--base)' hints
_FLAG = re.compile(r"--([a-z][\w-]*)")  # a flag named in an OfferError ("--base 'abc' is ...")
FIELD_NAMES = {
    "stock": "Stock",
    "sign-on": "Sign-on bonus",
    "vesting-years": "Vesting years",
    "competing": "Competing offer",
}
MAX_VESTING_YEARS = 50  # anything longer is a typo, never read
CHART_COMPONENTS = ("base", "stock", "bonus", "total")
COMPONENT_LABELS = {
    "base": "Base salary",
    "stock": "Stock per year",
    "bonus": "Bonus",
    "total": "Total per year",
    "sign_on": "Sign-on bonus",
    "floor": "Walk-away base (floor)",
}


@dataclass(frozen=True)
class OfferForm:
    """What the user typed into the workbench; amounts as text ("175k", "$175,000", "5%")."""

    company: str
    region: str = ""
    base: str = ""
    stock: str = ""
    vesting_years: int | None = 4
    bonus: str = ""
    sign_on: str = ""
    competing: str = ""  # free text: "Google $300K TC"; several separated by ';'

    def whole_vesting_years(self) -> int | None:
        """The vesting years as typed, refused when not a whole number (4.5 is never read as 4)."""
        years = self.vesting_years
        if years is None or not self.stock:
            return None
        if not math.isfinite(float(years)) or not 0 <= float(years) <= MAX_VESTING_YEARS:
            raise OfferError(
                f"Vesting years: give the years the grant vests over, from 1 to "
                f"{MAX_VESTING_YEARS} (e.g. 4)."
            )
        if float(years) != int(float(years)):
            raise OfferError(
                f"Vesting years: {float(years):g} is not a whole number of years; give the "
                "years the grant vests over (e.g. 4), or its schedule in 'Year by year'."
            )
        return int(float(years))

    def competing_offers(self) -> list[str]:
        return [part.strip() for part in self.competing.split(";") if part.strip()]

    def as_message(self) -> str:
        """The offer as a chat message ("Anyscale San Francisco offer: 175k base, ...")."""
        parts = []
        if self.base:
            parts.append(f"{self.base} base")
        if self.stock:
            years = f" over {self.vesting_years} years" if self.vesting_years else ""
            parts.append(f"{self.stock} RSU{years}")
        if self.bonus:
            parts.append(f"{self.bonus} bonus")
        if self.sign_on:
            parts.append(f"{self.sign_on} sign-on")
        where = " ".join(p for p in (self.company, self.region) if p)
        text = f"{where} offer: {', '.join(parts)}" if parts else f"{where} offer"
        for rival in self.competing_offers():
            text += f". I also have a competing offer: {rival}"
        return text + "."


@dataclass(frozen=True)
class BandBar:
    """One row of the band chart: the guide's min–max, the offer and the ask, in one unit."""

    component: str
    label: str
    unit: str
    band_min: Figure | None
    band_max: Figure | None
    offer: Figure | None
    ask: Figure | None
    status: str  # from the band position: below | within | above | not in offer | ...


@dataclass(frozen=True)
class ProposalRow:
    """One line of the proposal table: what the offer gives, what to ask and where it is from."""

    component: str
    label: str
    offer: str
    ask: str
    source: str  # the figure's provenance: a guide passage, or the formula over its inputs
    rule: str


@dataclass(frozen=True)
class CounterPlan:
    """Everything the workbench shows for one offer."""

    company: str
    region: str
    currency: str
    bars: tuple[BandBar, ...]
    rows: tuple[ProposalRow, ...]
    email: str
    phone: str
    citations: tuple[Citation, ...]
    questions: tuple[str, ...]  # what is missing before a counter can be proposed
    notes: tuple[str, ...] = field(default_factory=tuple)
    offer_summary: str = ""  # the offer in one sentence, for carrying into the chat

    @property
    def ready(self) -> bool:
        return not self.questions and bool(self.rows)


def offer_of_form(
    form: OfferForm,
    facts: Facts,
    companies: Iterable[str],
    regions: Mapping[str, Iterable[str]],
) -> Offer:
    """The offer typed into the workbench's fields, read with the band's currency as default;
    OfferError naming the field when it cannot be read."""
    currencies, _ = band_defaults(facts)
    try:
        return offer_from_fields(
            companies,
            regions,
            company=form.company,
            region=form.region,
            base=form.base or None,
            stock=form.stock or None,
            vesting_years=form.whole_vesting_years(),
            bonus=form.bonus or None,
            sign_on=form.sign_on or None,
            competing=form.competing_offers(),
            band_currency=currencies,
        )
    except OfferError as problem:  # the parser names CLI flags; the workbench has fields
        raise OfferError(_field_words(str(problem))) from None


FORM_FIELDS = (
    "company",
    "region",
    "base",
    "stock",
    "vesting_years",
    "bonus",
    "sign_on",
    "competing",
)
MAX_BONUS_PCT = 100.0  # a bonus is a share of base: 0–100%


def form_problems(
    form: OfferForm,
    facts: Facts,
    companies: Iterable[str],
    regions: Mapping[str, Iterable[str]],
) -> dict[str, str]:
    """What is wrong with each field of `form`, all at once: field name (FORM_FIELDS) -> message.
    Each amount field is read on its own with the same parser as the whole offer, so a bad base
    does not hide a bad bonus; a bonus percentage must lie within 0–100%, and a missing base or
    region is said at its field. Empty when the offer can be planned."""
    problems: dict[str, str] = {}
    alone = {"base": "", "stock": "", "bonus": "", "sign_on": "", "competing": ""}
    for name in ("base", "stock", "bonus", "sign_on", "competing"):
        if not getattr(form, name):
            continue
        single = replace(form, **{**alone, name: getattr(form, name)})
        if name == "stock":
            single = replace(single, vesting_years=4)  # the years are checked on their own
        try:
            offer = offer_of_form(single, facts, companies, regions)
        except OfferError as problem:
            problems[name] = str(problem)
            continue
        if name == "bonus" and offer.bonus_pct is not None and offer.bonus_pct > MAX_BONUS_PCT:
            problems[name] = (
                f"Bonus: {offer.bonus_pct:g}% is more than the base itself; give the bonus as a "
                f"percentage of base between 0 and {MAX_BONUS_PCT:g}%, or as an amount."
            )
    if form.stock and "stock" not in problems:
        try:
            offer_of_form(
                replace(form, **{**alone, "stock": form.stock}), facts, companies, regions
            )
        except OfferError as problem:
            if str(problem).startswith("Vesting"):  # "Vesting years: 4.5 …", "Vesting over 0 …"
                problems["vesting_years"] = str(problem)
    if not form.base and not problems.get("base"):
        problems["base"] = "Give the base salary (e.g. 175K): the counter starts from it."
    try:
        place = offer_of_form(replace(form, **alone), facts, companies, regions)
    except OfferError as problem:  # the company or region itself cannot be read
        problems["region"] = str(problem)
    else:
        for question in place.questions:
            field_name = "company" if question.startswith("No guide covers") else "region"
            if field_name == "company" or "region" in question.lower():
                problems.setdefault(field_name, _FLAG_HINT.sub("", question))
    return problems


def plan_counter(
    form: OfferForm,
    facts: Facts,
    companies: Iterable[str],
    regions: Mapping[str, Iterable[str]],
    quotes: Mapping[str, str],
) -> CounterPlan:
    """The band chart, proposal table and drafts for the offer in `form`. Raises OfferError
    (with a message for the user) for amounts that cannot be read."""
    offer = offer_of_form(form, facts, companies, regions)
    negotiation = negotiate(offer, facts)
    drafts: Drafts | None = write_drafts(negotiation, quotes)
    proposal = negotiation.proposal
    notes = (*negotiation.notes, *(proposal.notes if proposal else ()))
    return CounterPlan(
        company=offer.company,
        region=offer.region,
        currency=offer.currency,
        bars=_bars(negotiation),
        rows=_rows(negotiation),
        email=drafts.email if drafts else "",
        phone=drafts.phone if drafts else "",
        citations=drafts.citations if drafts else (),
        questions=tuple(
            dict.fromkeys(
                _FLAG_HINT.sub("", q) for q in (*offer.all_questions(), *negotiation.questions)
            )
        ),
        notes=tuple(dict.fromkeys(notes)),
        offer_summary=form.as_message(),
    )


def _field_words(message: str) -> str:
    """'--base 'abc' is not an amount' -> 'Base salary 'abc' is not an amount'."""
    message = re.sub(r" \(or --[\w-]+\)", "", message)
    return _FLAG.sub(lambda m: FIELD_NAMES.get(m[1], COMPONENT_LABELS.get(m[1], m[1])), message)


def _bars(negotiation: Negotiation) -> tuple[BandBar, ...]:
    proposal = negotiation.proposal
    offer = negotiation.offer
    asks: dict[str, Figure | None] = {}
    if proposal is not None:
        base = proposal.get("base")
        asks["base"] = base.figure if base else None
        asks["stock"] = _stock_per_year(proposal.get("stock"), offer.stock_basis, offer.stock_years)
        asks["total"] = proposal.totals.annualized
    bars = []
    for place in negotiation.position:
        if place.component not in CHART_COMPONENTS:
            continue
        unit = (place.band_min or place.band_max or place.offer or _unit(negotiation)).unit
        comparable = place.status != "currency mismatch"  # never drawn on the other's scale
        bars.append(
            BandBar(
                component=place.component,
                label=COMPONENT_LABELS[place.component],
                unit=PERCENT if place.component == "bonus" else unit,
                band_min=place.band_min,
                band_max=place.band_max,
                offer=None if comparable is False else place.offer,
                ask=None if comparable is False else asks.get(place.component),
                status=place.status,
            )
        )
    return tuple(bars)


def _unit(negotiation: Negotiation) -> Figure:
    return Figure(0, negotiation.offer.currency, "", Provenance("user"))


def _stock_per_year(ask: Ask | None, basis: str, years: int | None) -> Figure | None:
    if ask is None:
        return None
    if basis != "grant" or not years:
        return ask.figure
    vesting = user(years, YEARS, "vesting years")
    return formula("÷", "stock ask per year", ask.figure.unit, ask.figure, vesting)


def _rows(negotiation: Negotiation) -> tuple[ProposalRow, ...]:
    proposal = negotiation.proposal
    if proposal is None:
        return ()
    return tuple(
        ProposalRow(
            component=ask.component,
            label=_row_label(ask.component, negotiation),
            offer=ask.offer.display if ask.offer else "—",
            ask=ask.figure.display,
            source=ask.figure.text,
            rule=ask.rule,
        )
        for ask in proposal.asks
    )


def _row_label(component: str, negotiation: Negotiation) -> str:
    offer = negotiation.offer
    if component == "stock" and offer.stock_basis == "grant" and offer.stock_years:
        return f"Stock (grant over {offer.stock_years} years)"
    return COMPONENT_LABELS.get(component, component)
