"""Counter-offer answers from the negotiation engine: first the verdict in one sentence (where
the base sits in the guide's range and what to ask: assistant.compose.counter_lead writes the
first sentences), then where each component sits, what to
ask for with each figure's source or formula, levers, competing offers, and the drafts
(assistant.compose.draft_section: plain text to send, without markers or the walk-away floor);
a restyle request ("make the email shorter") gets only that draft. With no offer yet: what to
give, and the guide's script and band meanwhile.

Leaves out: the rules of the proposal (assistant.engine.negotiation) and the drafts' wording
(assistant.engine.drafts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.compose.bands import COMPONENT_NAMES, one_band
from assistant.compose.comp import lever_sign_on_lines
from assistant.compose.core import EngineValue, Evidence, Writer
from assistant.compose.counter_lead import (
    ask_for_the_component,
    asked_component_place,
    bonus_in_money,
    grants,
    script_stock,
    sources,
    span,
    stock_basis,
    verdict,
    without_fixed,
)
from assistant.compose.counter_levers import lever_for_background, levers_without_a_rival
from assistant.compose.draft_section import write_draft_section
from assistant.compose.fixed_component import asks_besides_fixed
from assistant.compose.grounding import figures_in
from assistant.compose.guide_conflict import guide_position_values, write_guide_positions
from assistant.compose.offer_parts import (
    asks_without_a_region,
    package_parts,
    script_in_another_currency,
)
from assistant.compose.passages import one_line
from assistant.compose.script_text import SCRIPT_TEXT_ASKED, script_asked
from assistant.corpus.facts import Facts
from assistant.engine.figures import Figure, show
from assistant.engine.negotiation import Negotiation
from assistant.engine.offer import Offer, Package
from assistant.engine.own_asks import OWN_ASK
from assistant.engine.position import position
from assistant.engine.script_asks import SIGN_ON, guide_figures
from assistant.money import format_money
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
        guide = guide_figures(offer.company, ev.facts.scripts, ev.facts.levers)
        brief = _asks_in_brief(writer, negotiation) + script_stock(writer, negotiation, guide)
        asks = negotiation.proposal.asks if negotiation.proposal else ()
        own = any(a.rule == OWN_ASK for a in asks)  # ("…asking for 205 base")
        write_draft_section(writer, drafts, brief, own)  # (the script's stock, when not asked)
        return
    if basis := stock_basis(writer, understood, negotiation):  # "is that 150k every year?"
        writer.add(basis, "")
    band = negotiation.band
    said: list[str] = []  # (a question asked first is not asked again below)
    if band is not None:
        mark = writer.book.cite(band.chunk_id)
        guide = guide_figures(offer.company, ev.facts.scripts, ev.facts.levers)
        also = understood.state.held if _EITHER.search(understood.question) else ()
        floor = guide.floor if "base" in (understood.fixed, *also) else None
        # ("…does the guide have an sgd sign-on number": the script's asks in USD, said first;
        # worked out only then, as it cites the script)
        asking = asked_sentences(understood.question)
        sign_on_first = (
            "sign_on" in components_named(asking)
            and offer.currency == band.currency
            and not SCRIPT_TEXT_ASKED.search(asking)  # (the script asked says its own)
        )
        in_other = (
            script_in_another_currency(writer, offer.company, guide, band.currency)
            if sign_on_first
            else []
        )
        sign_on_first = bool(in_other)
        if sign_on_first:
            no_figure = f"The {offer.company} guide gives no sign-on in {band.currency}."
            writer.add(f"{no_figure} {in_other[0]}", *in_other[1:])
        held = (
            without_fixed(writer, negotiation, understood.fixed, floor, also)
            if understood.fixed
            else ""
        )
        if held:  # "what if they won't move on base?": the asks for the rest first
            writer.add(held, "")
            other = understood.fixed != "base" and SIGN_ON.search(held)  # (base: its floor)
            lines = lever_sign_on_lines(writer, ev, offer.company, held) if other else []
            if lines:  # (the levers' sign-on figures beside it)
                writer.add(*lines, "")
        # "what does the bonus come to in dollars?" (not "is the bonus good?": placed first)
        if understood.component == "bonus" and not _JUDGES.search(understood.question):
            bonus = bonus_in_money(writer, negotiation, mark)
            if bonus:
                writer.add(bonus, "")
        no_rival, asked = levers_without_a_rival(writer, understood, offer.company, ev.facts.levers)
        if asked:  # "what would i even ask for without a competing offer?": those levers first
            writer.add(*no_rival)  # (only told: the levers section below says which need one)
        script = script_asked(writer, understood, offer, ev.facts.scripts, band.currency)
        if script:  # "what does the guide's counter script say exactly?": its words first
            writer.add(*script)
        first = ask_for_the_component(writer, understood, negotiation, ev.facts.levers)
        if first:  # "only want a signing bonus, how much do i ask?": that ask first
            writer.add(first, "")
        asked_place = asked_component_place(writer, understood, negotiation, mark)
        if asked_place:  # "would 175k in rsus still be inside their range?": that row first
            writer.add(asked_place, "")
        opening = "" if held else verdict(writer, negotiation, mark, guide)  # (it asks for base)
        if opening:
            writer.add(opening, "")
        fitting = lever_for_background(writer, understood, offer.company, ev.facts.levers)
        if fitting and not asked:  # "i ran H100 training clusters…": the lever it fits
            writer.add(*fitting)
        writer.add(
            f"**Your {offer.company} offer** against the guide's {band.role} band for "
            f"{band.region} ({band.currency}) {mark}:",
            "",
        )
        writer.add("| Component | Your offer | Guide range | Where it sits |", "|---|---|---|---|")
        for row in negotiation.position:
            offer_cell = row.offer.display if row.offer else "—"
            low, high = row.band_min, row.band_max
            band_cell = f"{span(low.display, high.display)} {mark}" if low and high else "—"
            grant = _grant_cell(band) if row.component == "stock" and low and high else ""
            if grant and row.status == "currency mismatch" and offer.stock_years and row.offer:
                # (not compared: each grant as given, "$140K over 4 years" beside "£94K–£171K
                # over 4 years", no per-year division)
                offer_cell = f"{show(offer.stock, row.offer.unit)} over {offer.stock_years} years"
                band_cell = f"{grant} {mark}"
            elif grant:  # (the per-year range beside the guide's own grant cell)
                band_cell = f"{low.display}–{high.display} a year ({grant}) {mark}"
            where = row.status
            if row.percent is not None and row.status == "within":
                where += f" ({row.percent:.0f}% of the way up)"
            if row.status == "currency mismatch" and row.offer and low:  # (in words: which two)
                where = f"not compared ({row.offer.unit} vs {low.unit})"
            writer.add(
                f"| {COMPONENT_NAMES.get(row.component, row.component)} | {offer_cell} "
                f"| {band_cell} | {where} |"
            )
        if any(r.component == "stock" and r.offer for r in negotiation.position):
            writer.add(
                "",
                f"(Stock is compared per year: grant ÷ vesting years.{grants(negotiation, mark)})",
            )
        annual = negotiation.totals.annualized
        if annual is not None:
            writer.add("", f"Your offer's annualized total: **{annual.display}** = {annual.text}.")
        if not (script or sign_on_first) and offer.currency == band.currency:  # ("hangzhou
            # offer… the ask?": not the script's USD asks; an offer moved to a band in another
            # currency is not placed)
            writer.add("", *script_in_another_currency(writer, offer.company, guide, band.currency))
    elif negotiation.by_guide:  # guides that disagree: the offer against each band
        write_guide_positions(writer, negotiation)
    elif offer.company:  # (no band to place it in: what the script asks, when asked, first)
        asked = script_asked(writer, understood, offer, ev.facts.scripts, "")
        guide = guide_figures(offer.company, ev.facts.scripts, ev.facts.levers)
        writer.add(*(asked or asks_without_a_region(writer, offer, guide)))
        if negotiation.questions:  # "…write the email" with no region: what it needs, first
            said.append(negotiation.questions[0])
            writer.add(f"To place the offer and draft the counter: {said[0]}", "")
        writer.add(f"**Your {offer.company} offer** ({offer.region or 'region not given'}).")
    if negotiation.comparison:
        writer.add("", "**Offers side by side** (as you gave them, each in its own currency)", "")
        for row in negotiation.comparison:
            package = (
                offer
                if row.company == (offer.company or "offer")
                else next((p for p in offer.competing if p.company == row.company), None)
            )
            parts = package_parts(package) if package else ""
            total = row.totals.annualized
            writer.add(
                f"- {row.company}: {parts}"
                + (f"; annualized **{total.display}** = {total.text}" if total else "")
            )
            placed = _in_its_band(writer, package, understood, ev) if package is not offer else ""
            if placed:  # "two offers: which base sits better in its own band?"
                writer.add(f"  - {placed}")
    for question in negotiation.questions:
        if question not in said:
            writer.add("", f"**To go further:** {question}")
    for note in negotiation.notes:
        writer.add("", f"Note: {note}")
    proposal = negotiation.proposal
    if proposal is None:
        return
    writer.add("", "**What to ask for**", "")
    bridge = next(  # the company's own lever for a sign-on names its range: "$[35K-55K]"
        (lv for lv in ev.facts.levers if lv.company == offer.company and SIGN_ON.search(lv.name)),
        None,
    )
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
            f"; the guide's script asks {script.display} {sources(writer, script)}"
            f"{_formula(script)}"
            if script is not None
            else ""
        )
        writer.add(
            f"- {name}: **{ask.figure.display}**{now} {sources(writer, ask.figure)} "
            f"— {ask.rule}{_formula(ask.figure)}{beside}"
        )
        if ask.component == "sign_on" and bridge is not None:  # (its own line, cited alone)
            mark = writer.book.cite(bridge.chunk_id)
            writer.add(f"  - The guide's **{bridge.name}** lever {mark}: {one_line(bridge.text)}")
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


_MORE_OF = {
    "base": "a higher base",
    "stock": "more stock",
    "sign_on": "a sign-on bonus",
    "bonus": "a higher bonus",
}


_MORE_CUE = re.compile(
    r"\b(?:more|higher|bump\w*|raise|increase|push\w*|extra|boost|negotiat\w*|up|move)\b", re.I
)


def component_not_asked(understood: Understanding, facts: Facts, companies: Iterable[str]) -> str:
    """A question about getting more of one pay component that no lever or script of the
    company asks for (read by the engine's `guide_figures`): "None of the Alibaba guide's
    levers or its script asks for a higher bonus; what they ask for follows."; else ""."""
    wanted = understood.component
    asking = asked_with_antecedents(understood.question)
    asked = components_named(asking)  # ("bump it to 20%")
    if wanted not in _MORE_OF or wanted not in asked or not _MORE_CUE.search(asking):
        return ""  # (not "google offered me 190k base, what would alibaba pay?")
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


def _asks_in_brief(writer: Writer, negotiation) -> str:
    """The counter's asks in one line, before a draft asked for alone ("It asks for base salary
    $213K [2], stock $222K over 4 years [2], sign-on bonus $25K [2]."); the floor, said to no
    one, is left out; "" with no proposal."""
    offer, parts = negotiation.offer, []
    for ask in negotiation.proposal.asks if negotiation.proposal else ():
        if ask.component == "floor":
            continue
        name = COMPONENT_NAMES.get(ask.component, ask.component).lower()
        grant = ask.component == "stock" and offer.stock_basis == "grant" and offer.stock_years
        span = f" over {offer.stock_years} years" if grant else ""
        formula = ask.figure.provenance.kind == "formula" and "script" in ask.figure.text
        span += f" (= {ask.figure.text})" if formula else ""  # ("the script's $[Y+55K]")
        parts.append(f"{name} {ask.figure.display}{span} {sources(writer, ask.figure)}")
    return f"It asks for {', '.join(parts)}." if parts else ""


def _no_offer_yet(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    company = understood.company
    unasked = component_not_asked(understood, ev.facts, [company] if company else [])
    if unasked:  # "can i get them to bump the bonus to 20%?": the guide asks for none
        writer.add(unasked, "")
    guide = guide_figures(company, ev.facts.scripts, ev.facts.levers) if company else None
    if understood.fixed == "base" and guide and guide.floor:  # "and if they wont budge to 213?"
        base = f" {guide.base.display} base" if guide.base else " base"
        writer.add(
            f"If they won't reach the script's{base}, its floor is "
            f"**{guide.floor.display}** {sources(writer, guide.floor)}: below it, walk away.",
            "",
        )
    besides = asks_besides_fixed(writer, understood, guide) if guide else ""
    if besides:  # "what if they say no to more rsu?": what the guide asks for besides
        writer.add(besides, "")
        named = besides if guide.sign_on else ""  # (and the levers' sign-on figures below)
    elif guide and not ev.offer_problem:
        named = _guide_ask_named(writer, understood, guide)
    else:
        named = ""
    if named and not besides:  # "anyscale signing bonus ask": the guide's figure for it
        writer.add(named, "")
    if named and (understood.component == "sign_on" or besides):  # (the levers' sign-on too)
        for line in lever_sign_on_lines(writer, ev, company, named):
            writer.add(line, "")
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


# "…can't move on equity either?", "stock is capped too": what was held before still is
_EITHER = re.compile(r"\b(?:either|too|also|as well|neither|nor)\b", re.I)


def _guide_ask_named(writer: Writer, understood: Understanding, guide) -> str:
    """What the company's script or levers ask for the one component the question names, when
    there is no offer to compute from ("Sign-on bonus: the Anyscale guide's script asks for
    $25K [2]."); "" when they ask nothing for it."""
    wanted = understood.component
    figure = {"sign_on": guide.sign_on, "base": guide.base, "stock": guide.stock}.get(wanted or "")
    if wanted == "stock" and figure is None and guide.stock_increment is not None:
        increment = guide.stock_increment
        return (
            f"Stock: the {understood.company} guide's script asks for your grant plus "
            f"**{increment.display}** {sources(writer, increment)}."
        )
    if figure is None:
        return ""
    name = COMPONENT_NAMES.get(wanted, wanted)
    return (
        f"{name}: the {understood.company} guide's script asks for **{figure.display}** "
        f"{sources(writer, figure)}."
    )


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
    """Where another offer's figures (base, stock, total) sit in its own company's band, for the
    region the question names for it ("…and alibaba seattle: $175K base"), cited; "" when the
    guides give none."""
    region = understood.regions_by_company.get(package.company)
    band = next(
        (b for b in ev.facts.bands if b.company == package.company and b.region == region), None
    )
    if band is None:
        return ""
    return placed_in_band(writer, Offer(**vars(package), region=band.region), band)


def placed_in_band(writer: Writer, offer: Offer, band) -> str:
    """Where an offer's figures (base, stock grant, total) sit in `band`, cited; "" when none
    can be placed."""
    rows = position(offer, band)
    placed = [
        _placed(row, offer, band)
        for row in rows
        if row.component in ("base", "stock", "total")
        and row.offer is not None
        and row.band_min
        and row.band_max
    ]
    placed = [p for p in placed if p]
    writer.values += [  # (each shown position: a calculation from the band and the offer)
        (round(row.percent), "%") for row in rows if row.percent is not None
    ]
    writer.values += [(f.value, f.unit) for row in rows if row.offer for f in _walk(row.offer)]
    if not placed:
        return ""
    return f"{'; '.join(placed)} {writer.book.cite(band.chunk_id)}"


def _placed(row, offer: Offer, band) -> str:
    """One component's place in the band ("its base $172K against the guide's Seattle band
    $150K–$215K: within (34% of the way up)"); a stock grant beside the guide's grant over the
    same years (the figures as written, no per-year division), else nothing for stock."""
    offered, low, high = row.offer.display, row.band_min.display, row.band_max.display
    if row.component == "stock":
        same_years = offer.stock_years and offer.stock_years == band.stock_vesting_years
        grant = offer.stock_basis == "grant" and band.stock_basis == "grant" and same_years
        if not (grant and band.stock_min is not None and band.stock_max is not None):
            return ""
        cur, years = band.currency, f" over {offer.stock_years} years"
        offered = f"{format_money(offer.stock, cur)}{years}"
        low, high = format_money(band.stock_min, cur), f"{format_money(band.stock_max, cur)}{years}"
    where = row.status
    if row.percent is not None and row.status == "within":
        where += f" ({row.percent:.0f}% of the way up)"
    name = {"total": "total comp", "stock": "stock grant"}.get(row.component, row.component)
    return f"its {name} {offered} against the guide's {band.region} band {low}–{high}: {where}"


def _grant_cell(band) -> str:
    """The guide's own stock cell when its figure is a grant over years ("$125K–$228K over 4
    years"), shown beside the per-year range computed from it; else ""."""
    cell = next((v for k, v in band.cells.items() if k.lower().startswith("stock")), "")
    if band.stock_basis != "grant" or not band.stock_vesting_years or not cell:
        return ""
    return f"{cell} over {band.stock_vesting_years} years"


# "is the bonus good?", "fair?": where the offer's part sits, not what it comes to
_JUDGES = re.compile(r"\b(?:good|bad|fair|low|high|normal|ok|okay|decent|competitive)\b", re.I)
