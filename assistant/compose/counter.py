"""Counter-offer answers from the negotiation engine: first the verdict in one sentence (where
the base sits in the guide's range and what to ask), then where each component sits, what to
ask for with each figure's source or formula, levers, competing offers, and the drafts
(assistant.compose.draft_section: plain text to send, without markers or the walk-away floor);
a restyle request ("make the email shorter") gets only that draft. With no offer yet: what to
give, and the guide's script and band meanwhile.

Leaves out: the rules of the proposal (assistant.engine.negotiation) and the drafts' wording
(assistant.engine.drafts).
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.compose.bands import COMPONENT_NAMES, component_cell, one_band
from assistant.compose.core import EngineValue, Evidence, Writer
from assistant.compose.draft_section import write_draft_section
from assistant.compose.grounding import figures_in
from assistant.compose.guide_conflict import guide_position_values, write_guide_positions
from assistant.corpus.facts import Facts
from assistant.engine.figures import Figure
from assistant.engine.negotiation import Negotiation
from assistant.engine.offer import Offer, Package
from assistant.engine.position import position
from assistant.money import PERCENT, format_money
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.asks import (
    asked_sentences,
    asked_with_antecedents,
    components_named,
)
from assistant.understanding.question import Understanding


def compose_counter(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    negotiation = ev.negotiation
    if negotiation is None:
        _no_offer_yet(writer, understood, retrieval, ev)
        return
    offer = negotiation.offer
    writer.values += engine_values(negotiation)
    drafts = ev.drafts
    if drafts is not None and drafts.style != "standard":  # "make the email shorter": the draft
        write_draft_section(writer, drafts)
        return
    band = negotiation.band
    if band is not None:
        mark = writer.book.cite(band.chunk_id)
        held = _without(writer, negotiation, understood.fixed) if understood.fixed else ""
        if held:  # "what if they won't move on base?": the asks for the rest first
            writer.add(held, "")
        if understood.component == "bonus":  # "what does the bonus come to in dollars?"
            bonus = _bonus_in_money(writer, negotiation, mark)
            if bonus:
                writer.add(bonus, "")
        first = _ask_for_the_component(writer, understood, negotiation)
        if first:  # "only want a signing bonus, how much do i ask?": that ask first
            writer.add(first, "")
        asked_place = _asked_component_place(writer, understood, negotiation, mark)
        if asked_place:  # "would 175k in rsus still be inside their range?": that row first
            writer.add(asked_place, "")
        verdict = "" if held else _verdict(writer, negotiation, mark)  # (it asks for base)
        if verdict:
            writer.add(verdict, "")
        writer.add(
            f"**Your {offer.company} offer** against the guide's {band.role} band for "
            f"{band.region} ({band.currency}) {mark}:",
            "",
        )
        writer.add("| Component | Your offer | Guide range | Where it sits |", "|---|---|---|---|")
        for row in negotiation.position:
            offer_cell = row.offer.display if row.offer else "—"
            low, high = row.band_min, row.band_max
            band_cell = f"{_span(low.display, high.display)} {mark}" if low and high else "—"
            grant = _grant_cell(band) if row.component == "stock" and low and high else ""
            if grant:  # (the per-year range beside the guide's own grant cell)
                band_cell = f"{low.display}–{high.display} a year ({grant}) {mark}"
            where = row.status
            if row.percent is not None and row.status == "within":
                where += f" ({row.percent:.0f}% of the way up)"
            writer.add(
                f"| {COMPONENT_NAMES.get(row.component, row.component)} | {offer_cell} "
                f"| {band_cell} | {where} |"
            )
        if any(r.component == "stock" and r.offer for r in negotiation.position):
            writer.add(
                "",
                f"(Stock is compared per year: grant ÷ vesting years.{_grants(negotiation, mark)})",
            )
        annual = negotiation.totals.annualized
        if annual is not None:
            writer.add("", f"Your offer's annualized total: **{annual.display}** = {annual.text}.")
    elif negotiation.by_guide:  # guides that disagree: the offer against each band
        write_guide_positions(writer, negotiation)
    elif offer.company:
        writer.add(f"**Your {offer.company} offer** ({offer.region or 'region not given'}).")
    if negotiation.comparison:
        writer.add("", "**Offers side by side** (as you gave them, each in its own currency)", "")
        for row in negotiation.comparison:
            package = (
                offer
                if row.company == (offer.company or "offer")
                else next((p for p in offer.competing if p.company == row.company), None)
            )
            parts = _package_parts(package) if package else ""
            total = row.totals.annualized
            writer.add(
                f"- {row.company}: {parts}"
                + (f"; annualized **{total.display}** = {total.text}" if total else "")
            )
            placed = _in_its_band(writer, package, understood, ev) if package is not offer else ""
            if placed:  # "two offers: which base sits better in its own band?"
                writer.add(f"  - {placed}")
    for question in negotiation.questions:
        writer.add("", f"**To go further:** {question}")
    for note in negotiation.notes:
        writer.add("", f"Note: {note}")
    proposal = negotiation.proposal
    if proposal is None:
        return
    writer.add("", "**What to ask for**", "")
    for ask in proposal.asks:
        name = (
            "Walk-away floor (keep private)"
            if ask.component == "floor"
            else (COMPONENT_NAMES.get(ask.component, ask.component))
        )
        writer.key.append(ask.figure.display)
        if ask.component == "stock" and offer.stock_years and offer.stock_basis == "grant":
            name += f" (grant over {offer.stock_years} years)"
        now = f" (offer {ask.offer.display})" if ask.offer is not None else ""
        script = ask.script_ask
        beside = (
            f"; the guide's script asks {script.display} {_sources(writer, script)}"
            if script is not None
            else ""
        )
        writer.add(
            f"- {name}: **{ask.figure.display}**{now} {_sources(writer, ask.figure)} "
            f"— {ask.rule}{_formula(ask.figure)}{beside}"
        )
    at_ask = proposal.totals.annualized
    if at_ask is not None:
        writer.add(f"- Annualized total at these asks: **{at_ask.display}**")
    if proposal.levers:
        writer.add("", "**Levers from the guide**", "")
        for lever in proposal.levers:
            mark = writer.book.cite(lever.chunk_id)
            writer.add(f"{lever.number}. **{lever.name}** {mark}: {lever.status} ({lever.reason}).")
    for note in proposal.notes:
        writer.add("", f"Note: {note}")
    if drafts is not None:
        writer.add("")
        write_draft_section(writer, drafts)


_PLACES = {"below": "below", "above": "above"}


def _ask_for_the_component(
    writer: Writer, understood: Understanding, negotiation: Negotiation
) -> str:
    """The proposal's ask for the one component the question names, other than base (which
    the verdict gives): "Sign-on bonus: ask for $25K [2] (the guide's script asks this)."."""
    wanted = understood.component
    proposal = negotiation.proposal
    if wanted in (None, "base", "total") or proposal is None or understood.fixed == wanted:
        return ""
    if wanted not in components_named(asked_sentences(understood.question)):
        return ""  # (named in the offer only: "…25w rsu… what can i push on instead?")
    offer = negotiation.offer
    given = {"sign_on": offer.sign_on, "stock": offer.stock, "bonus": offer.bonus_pct}
    if given.get(wanted) is not None or (wanted == "bonus" and offer.bonus_amount is not None):
        return ""  # (a figure the user gave is the offer's, not a question about it)
    ask = next((a for a in proposal.asks if a.component == wanted), None)
    if ask is None:
        return ""
    name = COMPONENT_NAMES.get(wanted, wanted)
    return f"{name}: ask for **{ask.figure.display}** {_sources(writer, ask.figure)} ({ask.rule})."


def _place(row) -> str:
    """Where a placed row's offer figure sits, as words ("near the top of"); "" when unplaced."""
    if row.status in _PLACES:
        return _PLACES[row.status]
    if row.status != "within" or row.percent is None:
        return ""
    if row.percent < 25:
        return "near the bottom of"
    return "near the top of" if row.percent > 75 else "in the middle of"


def _asked_component_place(
    writer: Writer, understood: Understanding, negotiation: Negotiation, mark: str
) -> str:
    """Where the one pay component the asking sentence names, other than base (which the
    verdict gives), sits in the band: "Your stock ($175K over 4 years) is near the top of the
    guide's range for Seattle ($75K–$210K over 4 years) [1]."; "" when none can be placed."""
    asked = [c for c in components_named(asked_sentences(understood.question)) if c != "base"]
    band, offer = negotiation.band, negotiation.offer
    row = next(
        (r for r in negotiation.position if r.component in asked[:1] and r.band_min and r.band_max),
        None,
    )
    if len(asked) != 1 or band is None or row is None or row.offer is None or not _place(row):
        return ""
    mine, theirs = row.offer.display, _span(row.band_min.display, row.band_max.display)
    if row.component == "stock":
        years = offer.stock_years
        if offer.stock_basis == "grant" and _grants(negotiation, mark):  # both grants, same years
            mine = f"{format_money(offer.stock, band.currency)} over {years} years"
            theirs = (
                f"{format_money(band.stock_min, band.currency)}–"
                f"{format_money(band.stock_max, band.currency)} over {years} years"
            )
        else:
            mine, theirs = f"{mine} a year", f"{theirs} a year"
    name = "total pay" if row.component == "total" else COMPONENT_NAMES[row.component].lower()
    where = f"the guide's range for {band.region} ({theirs}) {mark}"
    placed = f"Your {name} ({mine}) is {_place(row)} {where}"
    ask = negotiation.proposal.get(row.component) if negotiation.proposal else None
    if ask is None or ask.offer is None or ask.figure.value <= ask.offer.value:
        return f"{placed}."
    # "how much higher can I push the RSUs?": the ask, with its sum when it is one
    how = f" = {ask.figure.text}" if ask.figure.provenance.kind == "formula" else ""
    return f"{placed}; ask for {ask.figure.display}{how} {_sources(writer, ask.figure)}."


def _verdict(writer: Writer, negotiation: Negotiation, mark: str) -> str:
    """The answer's first sentence: where the base (else the total) sits in the guide's range and
    what to ask ("Your base ($175K) is near the bottom of the guide's range for San Francisco
    ($168K–$218K) [1]; ask for $213K [2]."); empty when nothing can be placed."""
    band = negotiation.band
    rows = {r.component: r for r in negotiation.position if r.offer and r.band_min and r.band_max}
    component = "base" if "base" in rows else "total" if "total" in rows else ""
    row = rows.get(component)
    place = _place(row) if row is not None else ""
    if band is None or not place:
        return ""
    what = "base" if component == "base" else "total pay"
    sentence = (
        f"Your {what} ({row.offer.display}) is {place} the guide's "
        f"{'' if component == 'base' else 'total '}range for {band.region} "
        f"({row.band_min.display}–{row.band_max.display}) {mark}"
    )
    if component != "base":
        return f"{sentence}; give your base salary for a counter."
    ask = negotiation.proposal.get("base") if negotiation.proposal else None
    if ask is not None and ask.figure.value > row.offer.value:
        return f"{sentence}; ask for {ask.figure.display} {_sources(writer, ask.figure)}."
    if ask is not None:
        return f"{sentence}; the guide's script asks for no more than that."
    return f"{sentence}."


def _package_parts(package) -> str:
    """An offer's components as the user gave them ("base $208K, stock $235K over 4 years")."""
    cur = package.currency
    parts = []
    if package.base is not None:
        parts.append(f"base {format_money(package.base, cur)}")
    if package.stock is not None:
        years = f" over {package.stock_years} years" if package.stock_years else ""
        basis = " a year" if package.stock_basis == "per_year" else years
        parts.append(f"stock {format_money(package.stock, cur)}{basis}")
    if package.bonus_pct is not None:
        parts.append(f"bonus {package.bonus_pct:g}%")
    if package.sign_on:
        parts.append(f"sign-on {format_money(package.sign_on, cur)}")
    if package.tc is not None and package.base is None:
        parts.append(f"total comp {format_money(package.tc, cur)}")
    return ", ".join(parts) or "no components given"


_MORE_OF = {
    "base": "a higher base",
    "stock": "more stock",
    "sign_on": "a sign-on bonus",
    "bonus": "a higher bonus",
}


def component_not_asked(understood: Understanding, facts: Facts, companies: Iterable[str]) -> str:
    """A question about getting more of one pay component that no lever or script of the
    company asks for (read by the engine's `guide_figures`): "None of the Alibaba guide's
    levers or its script asks for a higher bonus; what they ask for follows."; else ""."""
    from assistant.engine.script_asks import guide_figures

    wanted = understood.component
    asked = components_named(asked_with_antecedents(understood.question))  # ("bump it to 20%")
    if wanted not in _MORE_OF or wanted not in asked:
        return ""
    for company in companies:
        scripts = [s for s in facts.scripts if s.company == company]
        levers = [lv for lv in facts.levers if lv.company == company]
        if not scripts and not levers:
            continue
        asks = guide_figures(company, scripts, levers)
        found = {"base": asks.base, "stock": asks.stock or asks.stock_increment, "bonus": None}
        found["sign_on"] = asks.sign_on or asks.sign_on_top
        if found[wanted] is None:
            return (
                f"None of the {company} guide's levers or its script asks for "
                f"{_MORE_OF[wanted]}; what they ask for follows."
            )
    return ""


def _no_offer_yet(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    company = understood.company
    unasked = component_not_asked(understood, ev.facts, [company] if company else [])
    if unasked:  # "can i get them to bump the bonus to 20%?": the guide asks for none
        writer.add(unasked, "")
    if ev.offer_problem:
        writer.add(f"I could not read the offer: {ev.offer_problem}", "")
        # The coach's own limits and the figures it read are what this sentence states.
        writer.values += [(m.value, m.unit) for m in figures_in(ev.offer_problem)]
    writer.add(
        "To compute a counter I need your offer: base salary, stock (with the vesting years), "
        "bonus, any sign-on, and the region, written as you would say it, e.g. "
        '*"Company, City: $___K base, $___K RSU over 4 years, __% bonus"*.'
    )
    if not company:
        return
    scripts = [s for s in ev.facts.scripts if s.company == company]
    for script in scripts[:1]:
        writer.add(
            "",
            f"Meanwhile, the {company} guide's negotiate-up script "
            f"{writer.book.cite(script.chunk_id)}:",
            "",
            f"> {script.text}",
        )
    rows = [b for b in ev.facts.bands if b.company == company]
    if understood.region:
        rows = [b for b in rows if b.region == understood.region]
    if len(rows) == 1:
        writer.add("")
        one_band(writer, rows[0], None)


def _sources(writer: Writer, figure: Figure) -> str:
    marks, mine = [], False
    for leaf in figure.leaves():
        chunk_id = leaf.provenance.chunk_id
        if chunk_id is None:
            mine = True
        elif (mark := writer.book.cite(chunk_id)) not in marks:
            marks.append(mark)
    return "".join(marks) + ("(your offer)" if mine and not marks else "")


def _formula(figure: Figure) -> str:
    if figure.provenance.kind != "formula":
        return ""
    return f"; {figure.text}"


def engine_values(negotiation: Negotiation) -> list[EngineValue]:
    """Every value the engine showed: figures, their formula inputs, and band positions."""
    figures: list[Figure] = []
    for row in negotiation.position:
        figures += [f for f in (row.offer, row.band_min, row.band_max) if f]
    t = negotiation.totals
    figures += [f for f in (t.annualized, t.first_year, t.four_year) if f]
    if negotiation.proposal:
        figures += negotiation.proposal.figures()
        figures += [a.offer for a in negotiation.proposal.asks if a.offer]
    for row in negotiation.comparison:
        figures += [
            f for f in (row.totals.annualized, row.totals.first_year, row.totals.four_year) if f
        ]
    out: list[EngineValue] = []
    for figure in figures:
        out += [(f.value, f.unit) for f in _walk(figure)]
    out += [(round(r.percent), "%") for r in negotiation.position if r.percent is not None]
    return out + guide_position_values(negotiation)


def _walk(figure: Figure) -> Iterable[Figure]:
    yield figure
    for child in figure.provenance.inputs:
        yield from _walk(child)


def _in_its_band(writer: Writer, package: Package, understood: Understanding, ev: Evidence) -> str:
    """Where another offer's base sits in its own company's band, for the region the question
    names for it ("…and alibaba seattle: $175K base"), cited; "" when the guides give none."""
    region = understood.regions_by_company.get(package.company)
    band = next(
        (b for b in ev.facts.bands if b.company == package.company and b.region == region), None
    )
    if band is None or package.base is None:
        return ""
    offer = Offer(**vars(package), region=band.region)
    base = next((row for row in position(offer, band) if row.component == "base"), None)
    if base is None or base.offer is None or not (base.band_min and base.band_max):
        return ""
    return (
        f"its base {base.offer.display} against the guide's {band.region} band "
        f"{base.band_min.display}–{base.band_max.display} {writer.book.cite(band.chunk_id)}: "
        f"{base.status}"
    )


def _span(low: str, high: str) -> str:
    """A range as the guides write it: "15–25%" for percentages, else "$150K–$215K"; one
    figure when both ends are the same ("15%")."""
    if low == high:
        return low
    if low.endswith("%") and high.endswith("%"):
        return f"{low[:-1]}–{high}"
    return f"{low}–{high}"


def _grant_cell(band) -> str:
    """The guide's own stock cell when its figure is a grant over years ("$125K–$228K over 4
    years"), shown beside the per-year range computed from it; else ""."""
    cell = next((v for k, v in band.cells.items() if k.lower().startswith("stock")), "")
    if band.stock_basis != "grant" or not band.stock_vesting_years or not cell:
        return ""
    return f"{cell} over {band.stock_vesting_years} years"


def _grants(negotiation: Negotiation, mark: str) -> str:
    """The grant itself beside the guide's grant range ("Your grant: $90K over 4 years; the
    guide's: $75K–$210K [1]."), when both are grants over the same years; else ""."""
    offer, band = negotiation.offer, negotiation.band
    if band is None:
        return ""
    same_years = offer.stock_years and offer.stock_years == band.stock_vesting_years
    if not (
        offer.stock is not None
        and offer.stock_basis == "grant"
        and band.stock_basis == "grant"
        and same_years
        and band.stock_min is not None
        and band.stock_max is not None
    ):
        return ""
    cur = band.currency
    return (
        f" Your grant: {format_money(offer.stock, cur)} over {offer.stock_years} years; the "
        f"guide's: {format_money(band.stock_min, cur)}–{format_money(band.stock_max, cur)} "
        f"{mark}."
    )


def _bonus_in_money(writer: Writer, negotiation: Negotiation, mark: str) -> str:
    """The guide's bonus percentages applied to the offer's base, the calculation shown ("on
    your $180K base: $9K–$18K a year ($180K × 5% to $180K × 10%)"); "" when the offer has no
    base in the band's currency or the band no bonus percentage."""
    offer, band = negotiation.offer, negotiation.band
    low_pct, high_pct = band.bonus_min_pct, band.bonus_max_pct
    if offer.base is None or offer.currency != band.currency or low_pct is None:
        return ""
    high_pct = high_pct if high_pct is not None else low_pct
    cur = band.currency
    low, high = offer.base * low_pct / 100, offer.base * high_pct / 100
    writer.values += [(low, cur), (high, cur), (low_pct, PERCENT), (high_pct, PERCENT)]
    base = format_money(offer.base, cur)
    cell = component_cell(band, "bonus")
    said = cell[1] if cell else f"{low_pct:g}%"
    if high == low:
        return (
            f"The guide's bonus for {band.region} is {said} {mark}: on your {base} base, "
            f"{format_money(low, cur)} a year ({base} × {low_pct:g}%)."
        )
    return (
        f"The guide's bonus for {band.region} is {said} {mark}: on your {base} base, "
        f"{format_money(low, cur)}–{format_money(high, cur)} a year ({base} × {low_pct:g}% to "
        f"{base} × {high_pct:g}%)."
    )


def _without(writer: Writer, negotiation: Negotiation, fixed: str) -> str:
    """The counter's asks other than the component the employer will not move, as the first
    sentence; "" when there are none."""
    proposal = negotiation.proposal
    others = [a for a in (proposal.asks if proposal else ()) if a.component not in (fixed, "floor")]
    if not others:
        return ""
    name = COMPONENT_NAMES.get(fixed, fixed).lower()
    offered = next((a.offer for a in proposal.asks if a.component == fixed and a.offer), None)
    stays = f" stays at {offered.display}" if offered else " will not move"
    asks = "; ".join(
        f"{COMPONENT_NAMES.get(a.component, a.component).lower()} "
        f"{a.figure.display} {_sources(writer, a.figure)}"
        for a in others
    )
    return f"If the {name}{stays}, push the rest: {asks}."
