"""An earlier offer changed by a later turn of the conversation: placed in another region's
band ("and if it were Sunnyvale instead?"), or with the components a turn names replaced
("what if they bumped base to 190k?"). Pure functions over `Offer`; no amount is converted.

Leaves out: reading the turns (assistant.engine.offer parses each) and deciding that a turn
changes the offer (assistant.coach). Also whether an offer gives pay of its own and which
region a moved offer came from, for the answer to say so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from assistant.corpus.facts import Facts
from assistant.engine.negotiation import Negotiation, band_defaults
from assistant.engine.offer import Offer
from assistant.money import PERCENT, format_money

# The components a later turn may change; a stated total changes with any of them.
_COMPONENTS = (
    "base",
    "stock",
    "stock_years",
    "stock_basis",
    "bonus_pct",
    "bonus_amount",
    "sign_on",
)


def moved_to(offer: Offer, region: str | None, company_regions: Iterable[str]) -> Offer:
    """The offer placed in `region` when its company has a row there; else unchanged."""
    if not region or region == offer.region or not offer.company:
        return offer
    return replace(offer, region=region) if region in set(company_regions) else offer


def with_changes(earlier: Offer, later: Offer, facts: Facts | None = None) -> Offer:
    """The earlier offer with every component the later text states put in its place (its
    own total dropped when a component changed, unless the later text states one). Amounts
    in another currency ("sorry, i meant beijing, and it's 80w cny total") replace the
    earlier amounts altogether: none is converted, and none is kept beside them. Competing
    offers the later text tells of join the earlier ones. A later text
    of another company or region with no figures (a correction of whose offer it is, or where)
    moves the offer to that company and region (`said_to_be`, with `facts` for the band's
    currency)."""
    earlier = _with_rivals_of(earlier, later)  # ("actually i do have databricks now, 204…")
    changes = {c: getattr(later, c) for c in _COMPONENTS if getattr(later, c) not in (None, "")}
    company = later.company or earlier.company  # (or of its region: "the alibaba one is seattle")
    moved = company != earlier.company or later.region not in ("", None, earlier.region)
    if moved and facts is not None and not gives_own_pay(later) and not later.unassigned:
        return said_to_be(earlier, company, later.region or None, facts)  # "it's anyscale, not…"
    if not changes and later.tc is None:
        return _corrected_figure(earlier, later) or earlier
    if later.currency and earlier.currency and later.currency != earlier.currency:
        return replace(
            later,
            company=later.company or earlier.company,
            region=later.region or earlier.region,
            competing=earlier.competing,
            text=f"{earlier.text} {later.text}".strip(),
        )
    total = later.tc if later.tc is not None else (None if changes else earlier.tc)
    return replace(earlier, **changes, tc=total, text=f"{earlier.text} {later.text}".strip())


def _with_rivals_of(earlier: Offer, later: Offer) -> Offer:
    """The earlier offer with the competing offers the later text tells of beside its own (a
    rival told again replaces its earlier figures)."""
    if not later.competing:
        return earlier
    told = {rival.company.lower() for rival in later.competing}
    kept = [rival for rival in earlier.competing if rival.company.lower() not in told]
    # (a rival's figures with no currency named read in the offer's, as in one message)
    rivals = [replace(r, currency=r.currency or earlier.currency) for r in later.competing]
    return replace(earlier, competing=(*kept, *rivals))


_NEAR = 1.5  # a lone figure this close to one of the offer's own corrects it


def _corrected_figure(earlier: Offer, later: Offer) -> Offer | None:
    """The earlier offer with a lone figure the later text names no component for ("wait its
    actually 175k" after "170k base") put in place of the one amount of the offer it is near
    (within 1.5 times, same currency), said in a note; None when it is near none or several."""
    figures = later.unassigned
    parts = ("base", "stock", "sign_on", "bonus_amount")
    if len(figures) == 2:  # "185k not 158k": the one the offer holds is taken back, by value
        taken = [c for f in figures for c in parts if getattr(earlier, c) == f.value]
        kept = [f for f in figures if f.value not in {getattr(earlier, c) for c in parts}]
        if len(taken) == 1 and len(kept) == 1:
            return _replaced(earlier, later, taken[0], kept[0])
        return _rival_corrected(earlier, later)  # ("google is 350 not 310": the rival's)
    if len(figures) != 1:
        return None
    figure = figures[0]
    same = [c for c in ("base", "stock", "sign_on") if getattr(earlier, c) == figure.value]
    if figure.unit not in ("", earlier.currency, PERCENT) and same:  # "its $140k usd" after
        note = (  # "£140k base": the same figure, the offer's currency corrected
            f"'{figure.raw}' read as the offer being in {figure.unit}, not {earlier.currency}; "
            "say so if that is wrong."
        )
        text = f"{earlier.text} {later.text}".strip()
        return replace(earlier, currency=figure.unit, notes=(*earlier.notes, note), text=text)
    if figure.unit not in ("", earlier.currency):
        return None
    near = [
        c
        for c in ("base", "stock", "sign_on", "bonus_amount")
        if getattr(earlier, c) and 1 / _NEAR <= figure.value / getattr(earlier, c) <= _NEAR
    ]
    if len(near) != 1:
        return None
    return _replaced(earlier, later, near[0], figure)


def _rival_corrected(earlier: Offer, later: Offer) -> Offer | None:
    """The earlier offer with a competing offer's figure put right ("typo, google is 350 not
    310" after "my google offer is 310k tc"): of two figures, the one a rival's package holds
    is replaced by the other, said in a note; None when no rival holds exactly one of them."""
    old, new = later.unassigned
    parts = ("base", "stock", "sign_on", "tc")
    held = [(r, c) for r in earlier.competing for c in parts if getattr(r, c) == old.value]
    if not held:
        old, new = new, old
        held = [(r, c) for r in earlier.competing for c in parts if getattr(r, c) == old.value]
    if len(held) != 1:
        return None
    rival, part = held[0]
    note = (
        f"'{new.raw}' read as {rival.company}'s {part.replace('_', '-')} (it replaces "
        f"{format_money(old.value, rival.currency or earlier.currency)}); say so if that is wrong."
    )
    rivals = tuple(replace(r, **{part: new.value}) if r is rival else r for r in earlier.competing)
    text = f"{earlier.text} {later.text}".strip()
    return replace(earlier, competing=rivals, notes=(*earlier.notes, note), text=text)


def _replaced(earlier: Offer, later: Offer, part: str, figure) -> Offer:
    """The earlier offer with `figure` as its `part`, said in a note."""
    name = {"base": "base salary", "stock": "stock", "sign_on": "sign-on", "bonus_amount": "bonus"}
    was = format_money(getattr(earlier, part), earlier.currency)
    note = f"'{figure.raw}' read as your {name[part]} (it replaces {was}); say so if that is wrong."
    return replace(
        earlier,
        **{part: figure.value},
        tc=None,
        notes=(*earlier.notes, note),
        text=f"{earlier.text} {later.text}".strip(),
    )


def said_to_be(offer: Offer, company: str, region: str | None, facts: Facts) -> Offer:
    """The offer said to be another company's ("sorry, that offer is from alibaba sunnyvale,
    not anyscale. same numbers"): the same amounts at that company and region, in the band's
    currency when the offer named none."""
    band_currency = band_defaults(facts)[0].get((company, region or ""), "")
    return replace(
        offer,
        company=company,
        region=region or "",
        currency=offer.currency or band_currency,
        competing=tuple(p for p in offer.competing if p.company != company),
    )


def gives_own_pay(offer: Offer) -> bool:
    """Whether an offer read from the conversation gives a figure of its own, not only a
    competing employer's ("nvidia has me at 213 base / 255 rsu")."""
    own = (offer.base, offer.stock, offer.bonus_pct, offer.bonus_amount, offer.sign_on, offer.tc)
    return any(value is not None for value in own)


def nothing_to_place(offer: Offer) -> bool:
    """Whether the offer gives no base, stock or total to place in the band, and no note on
    what was read ("offer has zero sign on… whats a sane SOB number?"); a note (figures of a
    role-play left out) is said with the offer's table."""
    return (offer.base, offer.stock, offer.tc) == (None,) * 3 and not offer.notes


def moved_from(given_for: str, negotiation: Negotiation, named: Iterable[str]) -> str:
    """The region an earlier offer was given for, when this turn places it in another region's
    band that it names ("sorry i meant seattle"), or one in another currency (said each turn:
    the amounts are not compared); else ""."""
    offer, band = negotiation.offer, negotiation.band
    other_currency = band is not None and offer.currency and band.currency != offer.currency
    if offer.region == given_for or not (offer.region in named or other_currency):
        return ""
    return given_for
