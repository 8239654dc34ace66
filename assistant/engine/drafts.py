"""A counter-offer email and a phone script, filled from a `Proposal`, every figure cited.

The email and the script are meant to be sent or said, so their text carries no citation
markers; `citations` lists the sources of their figures beneath them: the chunk id of the band
row, script or lever, or "your offer" for what the user said (a computed figure cites all its
inputs). `marked_phone` keeps the script with a marker ([1], [2]) after each figure, for the
chat answer that renumbers them into its own citations. The walk-away floor is a private note
in the phone script; the email states it only in the firm style the user asks for ("make it
firmer, i want them to know where i walk"), as the guides' own scripts do.

The email comes in a few styles (standard, short, friendly, formal: the fixed words are in
assistant.engine.draft_styles); every style states the same figures.

Leaves out: languages other than English, and any number that is not a Figure of
the proposal (the wording around the figures is fixed text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.engine.draft_styles import STYLES, email_style
from assistant.engine.figures import Figure
from assistant.engine.negotiation import Negotiation

YOUR_OFFER = "your offer"


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str | None  # None: the user's own input
    source: str  # corpus/<file>, or "your offer"
    name: str  # "Anyscale script", "Anyscale San Francisco band row", "your offer"
    quote: str

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass(frozen=True)
class Drafts:
    email: str
    phone: str
    citations: tuple[Citation, ...]
    marked_phone: str = ""  # the phone script with [n] markers (for the chat's renumbering)
    style: str = "standard"  # the email's wording (assistant.engine.draft_styles)
    marked_email: str = ""  # the email with [n] markers (which citations it uses)

    def to_json(self) -> dict[str, Any]:
        return {
            "email": self.email,
            "phone_script": self.phone,
            "citations": [c.to_json() for c in self.citations],
        }


class _Citer:
    def __init__(self, quotes: Mapping[str, str], offer_text: str):
        self.quotes, self.offer_text = quotes, offer_text
        self.numbers: dict[str | None, Citation] = {}

    def mark(self, figure: Figure) -> str:
        marks = []
        for leaf in figure.leaves():
            p = leaf.provenance
            key = p.chunk_id
            if key not in self.numbers:
                quote = self.quotes.get(key, "") if key else self.offer_text
                self.numbers[key] = Citation(
                    len(self.numbers) + 1,
                    key,
                    p.source if key else YOUR_OFFER,
                    p.name if key else YOUR_OFFER,
                    quote,
                )
            marker = f"[{self.numbers[key].n}]"
            if marker not in marks:
                marks.append(marker)
        return "".join(marks)

    def chunk(self, chunk_id: str, source: str, name: str) -> str:
        if chunk_id not in self.numbers:
            n = len(self.numbers) + 1
            quote = self.quotes.get(chunk_id, "")
            self.numbers[chunk_id] = Citation(n, chunk_id, source, name, quote)
        return f"[{self.numbers[chunk_id].n}]"

    def fig(self, figure: Figure) -> str:
        return f"{figure.display} {self.mark(figure)}"


_NAMES = {"base": "Base salary", "stock": "Equity (RSU)", "sign_on": "Sign-on bonus"}
_LOWER = {"base": "base salary", "stock": "equity (RSU)", "sign_on": "sign-on bonus"}


def write_drafts(
    negotiation: Negotiation, quotes: Mapping[str, str] | None = None, style: str = "standard"
) -> Drafts | None:
    """The email and phone script for the negotiation's proposal; None without a proposal.
    `quotes` maps chunk ids to chunk text, for the citations' quotes; `style` names the email's
    wording (assistant.engine.draft_styles); the figures are the same in every style."""
    proposal = negotiation.proposal
    if proposal is None:
        return None
    offer = negotiation.offer
    words = email_style(style)
    citer = _Citer(quotes or {}, offer.text)
    role = negotiation.band.role if negotiation.band else "the role"
    where = f" in {offer.region}" if offer.region else ""
    given = [a for a in proposal.asks if a.component in _NAMES and a.offer is not None]
    stock_years = f" over {offer.stock_years} years" if offer.stock_years else " per year"

    def amount(component: str, figure: Figure) -> str:
        years = stock_years if component == "stock" and offer.stock_basis else ""
        return f"{figure.display}{years} {citer.mark(figure)}"

    current = ", ".join(f"{_LOWER[a.component]} {amount(a.component, a.offer)}" for a in given)
    if offer.bonus_pct is not None:
        current += f", a {offer.bonus_pct:g}% bonus {citer.mark(_bonus(negotiation))}"
    raised = [
        a
        for a in proposal.asks
        if a.component in _NAMES and (a.offer is None or a.figure.value > a.offer.value)
    ]
    lines = [f"- {_NAMES[a.component]}: {amount(a.component, a.figure)}" for a in raised]
    base_row = next((r for r in negotiation.position if r.component == "base"), None)
    band_line = ""
    if base_row and base_row.band_min and base_row.band_max and base_row.percent is not None:
        band_line = (  # the candidate speaks to a recruiter: market data, never "the guide"
            f"Market data for this role{where} puts base salary at {base_row.band_min.display}–"
            f"{base_row.band_max.display} {citer.mark(base_row.band_max)}."
        )
    applying = [lv for lv in proposal.levers if lv.status == "applies"]
    rivals = [
        f"an offer from {r.company} at {t.annualized.display} total comp {citer.mark(t.annualized)}"
        for r in offer.competing
        if (t := _rival_total(negotiation, r.company)) and t.annualized is not None
    ]
    total = proposal.totals.annualized
    fill = {"role": role, "where": where, "company": offer.company}
    thanks = words.thanks.format(**fill)
    if current and words.context:
        thanks += f": {current}."
    else:
        thanks += "."
    email = [
        f"Subject: {offer.company} {role} offer: counter-proposal",
        "",
        words.greeting,
        "",
        thanks,
    ]
    if words.keen:
        email.append(words.keen.format(**fill))
    if rivals:
        email.append("I also hold " + "; ".join(rivals) + ".")
    if lines:
        context = [band_line] if band_line and words.context else []
        email += ["", *context, words.before_asks, *lines]
        if total is not None and words.context:
            email.append(
                f"That brings annualized total compensation to {citer.fig(total)}"
                + (
                    f" (first year {citer.fig(proposal.totals.first_year)})."
                    if proposal.totals.first_year is not None
                    and proposal.totals.first_year.value != total.value
                    else "."
                )
            )
    else:
        email += [
            "",
            "The offer already sits where market data for the role supports; I accept it.",
        ]
    floor = proposal.get("floor")
    email += ["", _closing(words, proposal.get("base"), floor, citer), "", words.sign_off]
    email.append("[your name]")
    phone = [
        f"1. Open: thank them for the {offer.company} offer and say you want to join.",
        f"2. Anchor: restate the offer ({current or 'as written'}).",
    ]
    if rivals:
        phone.append("3. Competing offer: mention " + "; ".join(rivals) + ".")
    if lines:
        asks = "; ".join(line.removeprefix("- ") for line in lines)
        phone.append(f"{len(phone) + 1}. Ask, then pause and let them answer: {asks}.")
    sign_on = proposal.get("sign_on")
    if sign_on and (sign_on.offer is None or sign_on.figure.value > sign_on.offer.value):
        phone.append(
            f"{len(phone) + 1}. If base is fixed: ask for the sign-on {citer.fig(sign_on.figure)} "
            "to bridge the gap."
        )
    for lever in applying:
        mark = citer.chunk(lever.chunk_id, lever.source, f"{offer.company} {lever.name} lever")
        phone.append(f"{len(phone) + 1}. Lever '{lever.name}' {mark}: {lever.reason}.")
    if floor is not None:
        phone.append(
            f"Private, do not say: your walk-away floor for base is {citer.fig(floor.figure)}."
        )
    citations = tuple(sorted(citer.numbers.values(), key=lambda c: c.n))
    email_text, phone_text = "\n".join(email), "\n".join(phone)
    return Drafts(
        unmarked(email_text),
        unmarked(phone_text),
        citations,
        phone_text,
        style if style in STYLES else "standard",
        email_text,
    )


def _closing(words, base, floor, citer: _Citer) -> str:
    """The email's closing line; in the firm style, the base asked and the floor, as the
    guides' scripts close ("At $213K, I commit. My floor is $198K")."""
    if not words.commits or base is None:
        return words.closing
    closing = f"At {citer.fig(base.figure)} base, I commit."
    if floor is not None and floor.figure.value < base.figure.value:
        closing += f" My floor is {citer.fig(floor.figure)} base."
    return closing


def unmarked(text: str) -> str:
    """`text` without its [n] citation markers (and the space before each)."""
    return re.sub(r"\s?\[\d+\]", "", text)


def _bonus(negotiation: Negotiation) -> Figure:
    row = next(r for r in negotiation.position if r.component == "bonus")
    assert row.offer is not None
    return row.offer


def _rival_total(negotiation: Negotiation, company: str):
    return next((row.totals for row in negotiation.comparison if row.company == company), None)


def format_report(negotiation: Negotiation, drafts: Drafts | None) -> str:
    """The human-readable report of `coach counter`: position, proposal with sources, drafts."""
    offer, band = negotiation.offer, negotiation.band
    out: list[str] = []
    if band is not None:
        out.append(f"Offer: {offer.company} · {band.role} · {band.region} ({offer.currency})")
        out.append(f"Band: {band.source} [{band.chunk_id}]")
    elif offer.company:
        out.append(f"Offer: {offer.company} · {offer.region or 'region not given'}")
    for question in negotiation.questions:
        out.append(f"Question: {question}")
    for note in negotiation.notes:
        out.append(f"Note: {note}")
    placed = [("Position in the band:", negotiation.position)] if negotiation.position else []
    placed += [  # guides that disagree: the offer in each one's band, each row cited
        (f"Position in the band of {g.band.source} [{g.band.chunk_id}]:", g.position)
        for g in negotiation.by_guide
    ]
    for title, rows in placed:
        out += ["", title]
        out.append(f"  {'component':<10} {'offer':>12} {'band min':>12} {'band max':>12}  where")
        for row in rows:
            where = row.status
            if row.percent is not None:
                where = f"{row.status} ({row.percent:.0f}% of the way)"
            if row.note:
                where += f": {row.note}"
            cells = [f.display if f else "—" for f in (row.offer, row.band_min, row.band_max)]
            out.append(
                f"  {row.component:<10} {cells[0]:>12} {cells[1]:>12} {cells[2]:>12}  {where}"
            )
        out.append("  (stock per year: grant ÷ vesting years)")
    t = negotiation.totals
    for label, fig in (
        ("Annualized", t.annualized),
        ("First year", t.first_year),
        ("Four years", t.four_year),
    ):
        if fig is not None:
            out.append(f"{label}: {fig.display} = {fig.text}")
    proposal = negotiation.proposal
    if proposal is not None:
        out += ["", "Counter proposal:"]
        for ask in proposal.asks:
            now = f" (offer {ask.offer.display})" if ask.offer is not None else ""
            out.append(f"  {ask.component:<8} {ask.figure.display:>10}{now}  — {ask.rule}")
            out.append(f"           source: {ask.figure.text}")
        at = proposal.totals
        for label, fig in (
            ("Annualized at ask", at.annualized),
            ("First year at ask", at.first_year),
        ):
            if fig is not None:
                out.append(f"  {label}: {fig.display}")
        out.append("  Levers:")
        for lever in proposal.levers:
            out.append(
                f"    {lever.number}. {lever.name} — {lever.status} ({lever.reason}) "
                f"[{lever.chunk_id}]"
            )
        for note in proposal.notes:
            out.append(f"  Note: {note}")
    if negotiation.comparison:
        out += ["", "Offers side by side (each in its own currency):"]
        for row in negotiation.comparison:
            cells = [
                f.display if f else "—"
                for f in (row.totals.annualized, row.totals.first_year, row.totals.four_year)
            ]
            out.append(
                f"  {row.company:<14} annualized {cells[0]:>10}  first year {cells[1]:>10}  "
                f"four years {cells[2]:>10}"
            )
    if drafts is not None:
        out += ["", "Email draft:", "", drafts.email, "", "Phone script:", "", drafts.phone, ""]
        out.append("Sources of the drafts' figures:")
        for c in drafts.citations:
            where = f"{c.source} [{c.chunk_id}]" if c.chunk_id else "what you wrote"
            out.append(f"  - {c.name}: {where}")
    return "\n".join(out)
