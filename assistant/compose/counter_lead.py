"""The first sentences of a counter-offer answer: the verdict (where the base, else the total,
sits in the guide's range, and every ask: "…; ask for $182.5K [1], with stock at $140K over 4
years [2] and a $45K sign-on bonus [2]."), the one component the question asks about placed or
asked for first, the bonus in money, and the asks left when one component will not move; with
the citation marks and ranges the rest of the answer writes the same way.

Leaves out: the table, the list of asks, levers and drafts that follow (assistant.compose.counter)
and the rules that choose the asks (assistant.engine.negotiation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose.bands import COMPONENT_NAMES, component_cell
from assistant.compose.core import Writer
from assistant.compose.lead import sentence_pieces
from assistant.compose.offer_parts import script_stock
from assistant.compose.passages import one_line
from assistant.corpus.facts import Lever
from assistant.engine.figures import Figure
from assistant.engine.negotiation import Negotiation
from assistant.engine.offer_words import MONTHLY_NOTE
from assistant.engine.own_asks import OWN_ASK
from assistant.engine.position import stock_per_year
from assistant.engine.script_asks import SIGN_ON, GuideFigures
from assistant.money import PERCENT, find_amounts, format_money
from assistant.understanding.asks import (
    asked_sentences,
    asked_with_antecedents,
    components_named,
    sentences_that_ask,
)
from assistant.understanding.question import Understanding
from assistant.understanding.tables import COMPONENT_WORDS
from assistant.understanding.words import normalize

_PLACES = {"below": "below", "above": "above"}
# "is that 150k every year?", "what does 'rsu/4yr' even mean": the stock figure's basis asked
_BASIS_ASKED = re.compile(
    r"\b(?:every|each|per|a) (?:year|yr)\s*\?|\bwhat does [^?.!]{0,30}\bmean\b", re.I
)


def stock_basis(writer: Writer, understood: Understanding, negotiation: Negotiation) -> str:
    """ "Your $150K of stock is a grant vesting over 4 years, not a yearly figure: about $37.5K
    a year ($150K ÷ 4); the guide's "Stock (RSU/4yr)" figures are grants too [1].", when the
    asking sentences ask what the stock figure is per year or what its label means; else ""."""
    offer, band = negotiation.offer, negotiation.band
    sentences, asks = sentences_that_ask(understood.question)  # (asked, not told: "rsu 100k/4yr")
    asking = " ".join(s for s, ask in zip(sentences, asks, strict=True) if ask)
    if not _BASIS_ASKED.search(asking) or "stock" not in components_named(understood.question):
        return ""
    if offer.stock is None or offer.stock_basis != "grant" or not offer.stock_years:
        return ""
    per_year = stock_per_year(offer)
    writer.values.append((per_year.value, per_year.unit))
    grant = format_money(offer.stock, offer.currency)
    said = (
        f"Your {grant} of stock is a grant vesting over {offer.stock_years} years, not a yearly "
        f"figure: about {per_year.display} a year ({grant} ÷ {offer.stock_years})"
    )
    cell = component_cell(band, "stock") if band is not None else None
    if cell and band.stock_basis == "grant":
        years = band.stock_vesting_years
        said += (
            f'; the guide\'s "{cell[0]}" figures are grants over {years} years too '
            f"{writer.book.cite(band.chunk_id)}"
        )
    return said + "."


_RANGE_ASKED = re.compile(r"\b(?:range|the most|max(?:imum)?|highest|the top|ceiling|cap)\b", re.I)


def ask_for_the_component(
    writer: Writer, understood: Understanding, negotiation: Negotiation, levers: Sequence[Lever]
) -> str:
    """The proposal's ask for the one component the question names, other than base (which
    the verdict gives): "Sign-on bonus: ask for $25K [2] (the guide's script asks this).", and
    for a sign-on, the company's sign-on lever quoted after it (the range the guide names)."""
    wanted = understood.component
    proposal = negotiation.proposal
    if wanted in (None, "base", "total") or proposal is None or understood.fixed == wanted:
        return ""
    asking = asked_with_antecedents(understood.question)
    if wanted not in components_named(asking):
        return ""  # (named in the offer only: "…25w rsu… what can i push on instead?")
    offer = negotiation.offer
    given = {"sign_on": offer.sign_on, "stock": offer.stock, "bonus": offer.bonus_pct}
    gave = given.get(wanted) or (wanted == "bonus" and offer.bonus_amount is not None)
    placed = any(r.component == wanted and r.band_min for r in negotiation.position)
    if gave and (placed or not _ASKS_WHAT_TO_ASK.search(asking)):
        return ""  # (a figure the user gave is the offer's, placed in the band with its ask,
        # or not asked about; a sign-on, which no band holds, asked what to ask for: "what
        # should i ask for on the sign-on specifically?")
    ask = next((a for a in proposal.asks if a.component == wanted), None)
    if ask is None:
        return ""
    name = COMPONENT_NAMES.get(wanted, wanted)
    line = f"{name}: ask for **{ask.figure.display}** {sources(writer, ask.figure)} ({ask.rule})."
    lever = next(
        (
            lv
            for lv in levers
            if wanted == "sign_on" and lv.company == offer.company and SIGN_ON.search(lv.name)
        ),
        None,
    )
    from_lever = lever is not None and lever.chunk_id in {
        f.provenance.chunk_id for f in ask.figure.leaves()
    }
    # ("how much sign-on is reasonable?", and "is 45k the most i can ask for or is there a
    # range?" when the ask is the lever's own top: its range)
    if lever is not None and (not from_lever or _RANGE_ASKED.search(asking)):
        mark = writer.book.cite(lever.chunk_id)
        line += f" The guide's **{lever.name}** lever {mark}: {one_line(lever.text)}"
    return line


_ASKS_WHAT_TO_ASK = re.compile(
    r"\bask(?:ing)? for\b|\bcounter\b|\bpush (?:for|on)\b|\bhow much (?:more )?(?:should|can|"
    r"could|do) i\b|\bwhat (?:should|do|can|could) i (?:ask|request|get)\b",
    re.I,
)


def place(row) -> str:
    """Where a placed row's offer figure sits, as words ("near the top of"); "" when unplaced."""
    if row.status in _PLACES:
        return _PLACES[row.status]
    if row.status != "within" or row.percent is None:
        return ""
    if row.percent < 25:
        return "near the bottom of"
    return "near the top of" if row.percent > 75 else "in the middle of"


def _outside_by(writer: Writer, row) -> str:
    """How far an offer figure outside the band is from it, a shown calculation: ", $10K under
    its bottom ($150K − $140K)"; "" inside the band or for a percentage."""
    low, high, offer = row.band_min, row.band_max, row.offer
    if row.status not in ("below", "above") or offer.unit in ("", PERCENT):
        return ""
    outer, inner, side = (low, offer, "under its bottom")
    if row.status == "above":
        outer, inner, side = (offer, high, "over its top")
    gap = outer.value - inner.value
    if gap <= 0 or outer.unit != inner.unit:
        return ""
    writer.values.append((gap, offer.unit))
    return f", {format_money(gap, offer.unit)} {side} ({outer.display} − {inner.display})"


def asked_component_place(
    writer: Writer, understood: Understanding, negotiation: Negotiation, mark: str
) -> str:
    """Where the one pay component the asking sentence names, other than base (which the
    verdict gives), sits in the band: "Your stock ($175K over 4 years) is near the top of the
    guide's range for Seattle ($75K–$210K over 4 years) [1]."; "" when none can be placed.
    An offer of one component only, asked about as "that" ("RSU of 15万 total. is that the
    floor of what they give?"), is that component asked about. Asked of an offer that gives
    none ("and rsu?"), the guide's range for it: "Your offer names no stock; …"."""
    asking = asked_sentences(understood.question)  # (not one that will not move: "no to rsu")
    asked = [c for c in components_named(asking) if c not in ("base", understood.fixed)]
    band, offer = negotiation.band, negotiation.offer
    given = [r.component for r in negotiation.position if r.offer is not None]
    if not components_named(asking):  # "…RSU CNY 200K… where does 200k sit in the band?"
        told = components_named(asked_with_antecedents(understood.question))  # "equity came
        told = told if len(told) == 1 else ()  # through, 120k over 4 yrs. isnt that below…?"
        quoted = components_quoted(asking, offer) or told
        asked = [c for c in (quoted or (given if len(given) == 1 else [])) if c != "base"]
        if not asked and _EVERY_PART.search(asking):  # "which parts are in the band?"
            asked = [c for c in given if c not in ("base", "total")]
    row = next(
        (r for r in negotiation.position if r.component in asked[:1] and r.band_min and r.band_max),
        None,
    )
    none_given = row is not None and row.offer is None and row.component != "bonus"
    if len(asked) == 1 and band is not None and none_given:  # (a bonus: said in money above)
        cell = component_cell(band, row.component)  # ("and rsu?" of an offer giving none)
        if cell is None:
            return ""
        name = COMPONENT_NAMES[row.component].lower()
        where = f"the guide's {cell[0]} for {band.region} is {cell[1]} {mark}"
        return f"Your offer names no {name}; {where}."
    # ("1) is the rsu on the low end 2) what's the full TC band": each, in the order asked)
    said = normalize(asking)
    asked.sort(
        key=lambda c: min((said.find(w) for w in COMPONENT_WORDS[c] if w in said), default=0)
    )
    rows = [
        r
        for c in asked[:2]
        for r in negotiation.position
        if r.component == c and r.band_min and r.band_max
    ]
    if len(rows) != len(asked[:2]) or (len(rows) > 1 and asking == understood.question):
        return ""  # (two at once only where asked apart from the offer told)
    return " ".join(filter(None, (_placed(writer, negotiation, r, mark) for r in rows)))


_EVERY_PART = re.compile(
    r"\b(?:which|what|each|every|all(?: the)?|any) (?:parts?|components?|pieces?)\b"
    r"|\beach (?:one|of them)\b",
    re.I,
)


def _placed(writer: Writer, negotiation: Negotiation, row, mark: str) -> str:
    """Where one asked component of the offer sits in the band, and its ask when higher."""
    band, offer = negotiation.band, negotiation.offer
    if band is None or row.offer is None or not place(row):
        return ""
    placed_base = any(
        r.component == "base" and r.offer and r.band_min for r in negotiation.position
    )
    if row.component == "total" and not placed_base:
        return ""  # (the verdict places the total itself when no base is given)
    mine, theirs = row.offer.display, span(row.band_min.display, row.band_max.display)
    if row.component == "stock":
        years = offer.stock_years
        if offer.stock_basis == "grant" and grants(negotiation, mark):  # both grants, same years
            mine = f"{format_money(offer.stock, band.currency)} over {years} years"
            theirs = (
                f"{format_money(band.stock_min, band.currency)}–"
                f"{format_money(band.stock_max, band.currency)} over {years} years"
            )
        else:
            mine, theirs = f"{mine} a year", f"{theirs} a year"
            vesting = band.stock_vesting_years
            if band.stock_basis == "grant" and vesting and band.stock_min and band.stock_max:
                theirs += (  # the guide's own grant figures beside the yearly ones
                    f": its {format_money(band.stock_min, band.currency)}–"
                    f"{format_money(band.stock_max, band.currency)} over {vesting} years"
                    f" ÷ {vesting}"
                )
    name = "total pay" if row.component == "total" else COMPONENT_NAMES[row.component].lower()
    where = f"the guide's range for {band.region} ({theirs}) {mark}"
    placed = f"Your {name} ({mine}) is {place(row)} {where}"
    ask = negotiation.proposal.get(row.component) if negotiation.proposal else None
    if ask is None or ask.offer is None or ask.figure.value <= ask.offer.value:
        return f"{placed}."
    # "how much higher can I push the RSUs?": the ask, with its sum when it is one
    how = f" = {ask.figure.text}" if ask.figure.provenance.kind == "formula" else ""
    return f"{placed}; ask for {ask.figure.display}{how} {sources(writer, ask.figure)}."


def components_quoted(asking: str, offer) -> list[str]:
    """The offer's components whose figure the asking sentence repeats ("where does 200k sit
    in the band?" after "RSU CNY 200K over 4 yrs"): the component it asks about."""
    figures = {"base": offer.base, "stock": offer.stock, "sign_on": offer.sign_on}
    quoted = [
        component
        for amount, _, _ in find_amounts(asking)
        for component, value in figures.items()
        if value and not amount.is_percent and not amount.is_range and amount.low == value
    ]
    return list(dict.fromkeys(quoted))


def verdict(
    writer: Writer, negotiation: Negotiation, mark: str, guide: GuideFigures | None = None
) -> str:
    """The answer's first sentence: where the base (else the total) sits in the guide's range and
    what to ask ("Your base ($175K) is near the bottom of the guide's range for San Francisco
    ($168K–$218K) [1]; ask for $213K [2]."); empty when nothing can be placed."""
    band = negotiation.band
    offer_currency = negotiation.offer.currency
    if band is not None and guide and offer_currency and offer_currency != band.currency:
        asks = _script_asks(writer, guide, band.currency)  # ("if i go sf, what do i counter with?")
        return f"In {band.currency}, the guide's script asks for {asks}." if asks else ""
    rows = {r.component: r for r in negotiation.position if r.offer and r.band_min and r.band_max}
    component = "base" if "base" in rows else "total" if "total" in rows else ""
    row = rows.get(component)
    where = place(row) if row is not None else ""
    if band is None or not where:
        return ""
    what = "base" if component == "base" else "total pay"
    # ("Monthly base salary: SGD 11,500": its year's figure, said to be the month's × 12)
    monthly = component == "base" and any(
        n.startswith(MONTHLY_NOTE) for n in negotiation.offer.notes
    )
    shown = (
        f"{row.offer.display} a year, from your monthly figure" if monthly else row.offer.display
    )
    sentence = (
        f"Your {what} ({shown}) is {where} the guide's "
        f"{'' if component == 'base' else 'total '}range for {band.region} "
        f"({row.band_min.display}–{row.band_max.display}) {mark}{_outside_by(writer, row)}"
    )
    if component != "base":
        asks = _script_asks(writer, guide, band.currency) if guide else ""
        told = f" Whatever the split, the guide's script asks for {asks}." if asks else ""
        return f"{sentence}; give your base salary for a counter.{told}"
    ask = negotiation.proposal.get("base") if negotiation.proposal else None
    floor = guide.floor if guide else None
    below = floor is not None and floor.unit == row.offer.unit and row.offer.value < floor.value
    # (an offer under the script's floor: said with the script's words for it)
    under = _against_floor(writer, row.offer, floor, final=False) if below else ""
    if ask is not None and ask.figure.value > row.offer.value:
        rest = _other_asks(writer, negotiation)
        also = f", with {rest}" if rest else ""
        asked = f"{ask.figure.display} {_beside_script(writer, ask) or sources(writer, ask.figure)}"
        asked += also
        return f"{sentence}; ask for {asked}.{script_stock(writer, negotiation, guide)}{under}"
    if ask is not None:
        return f"{sentence}; the guide's script asks for no more than that."
    return f"{sentence}."


def _script_asks(writer: Writer, guide: GuideFigures, currency: str) -> str:
    """The script's own figures, which need no offer to compute ("$213K base [2], $222K equity
    over 4 years [2] and a $25K sign-on bonus [2]"): for an offer given as a total only."""
    years = f" over {guide.stock_years.display}" if guide.stock_years else ""
    said = [
        (guide.base, "{} base"),
        (guide.stock, "{} equity" + years),
        (guide.sign_on, "a {} sign-on bonus"),
    ]
    parts = [
        f"{words.format(fig.display)} {sources(writer, fig)}"
        for fig, words in said
        if fig is not None and fig.unit == currency
    ]
    return ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else "".join(parts)


def _other_asks(writer: Writer, negotiation: Negotiation) -> str:
    """The proposal's asks beside base, in one phrase for the first sentence ("stock at $140K
    over 4 years [2] and a $45K sign-on bonus [2]"), so "what numbers go in my counter?" is
    answered before the table; "" when there are none."""
    offer, parts = negotiation.offer, []
    for ask in negotiation.proposal.asks if negotiation.proposal else ():
        figure, marks = ask.figure.display, sources(writer, ask.figure)
        if ask.component == "stock":
            grant = offer.stock_basis == "grant" and offer.stock_years
            span = f"over {offer.stock_years} years" if grant else "a year"
            formula = ask.figure.provenance.kind == "formula" and "script" in ask.figure.text
            # (the script's formula shown: "= offer RSU $90K + … (the script's $[Y+55K]) $55K")
            shown = f" (= {ask.figure.text})" if formula else ""
            marks = _beside_script(writer, ask) or marks
            parts.append(f"stock at {figure} {span}{shown} {marks}")
        elif ask.component == "sign_on":
            parts.append(f"a {figure} sign-on bonus {marks}")
    return " and ".join(parts)


def _beside_script(writer: Writer, ask) -> str:
    """ "(your competing offer's; the guide's script asks $222K [2])": the script's own ask
    beside a rival's higher figure asked instead, or the guide's figure beside the user's own
    ask, for the user to weigh; "" when none."""
    script = ask.script_ask
    if script is None:
        return ""
    marks = sources(writer, script)
    if ask.rule == OWN_ASK:  # ("asking for 205 base": the user's, the guide's figure beside)
        return f"(your own figure; from the guide's figures: {script.display} {marks})"
    return f"(your competing offer's; the guide's script asks {script.display} {marks})"


def sources(writer: Writer, figure: Figure) -> str:
    marks, mine = [], False
    for leaf in figure.leaves():
        chunk_id = leaf.provenance.chunk_id
        if chunk_id is None:
            mine = True
        elif (mark := writer.book.cite(chunk_id)) not in marks:
            marks.append(mark)
    return "".join(marks) + ("(from your message)" if mine and not marks else "")


def span(low: str, high: str) -> str:
    """A range as the guides write it: "15–25%" for percentages, else "$150K–$215K"; one
    figure when both ends are the same ("15%")."""
    if low == high:
        return low
    if low.endswith("%") and high.endswith("%"):
        return f"{low[:-1]}–{high}"
    return f"{low}–{high}"


def grants(negotiation: Negotiation, mark: str) -> str:
    """The grant itself beside the guide's grant range ("Your grant: $90K over 4 years; the
    guide's: $75K–$210K [1]."), when both are grants over the same years; else ""."""
    offer, band = negotiation.offer, negotiation.band
    if band is None or offer.currency != band.currency:  # (no exchange rate: not beside it)
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


def bonus_in_money(writer: Writer, negotiation: Negotiation, mark: str) -> str:
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


def without_fixed(
    writer: Writer,
    negotiation: Negotiation,
    fixed: str,
    floor: Figure | None = None,
    also: tuple[str, ...] = (),
) -> str:
    """The counter's asks but the component the employer will not move (and `also`, those held
    earlier: "…can't move on equity either?"), as the first sentence, and where a base that
    will not move stands against the guide's `floor`; "" when there are no other asks."""
    proposal = negotiation.proposal
    held = tuple(dict.fromkeys((fixed, *also)))
    others = [a for a in (proposal.asks if proposal else ()) if a.component not in (*held, "floor")]
    if not others:
        return ""
    offers = {a.component: a.offer for a in proposal.asks if a.offer}
    said = " and ".join(
        f"the {COMPONENT_NAMES.get(part, part).lower()}"
        + (f" stays at {offers[part].display}" if offers.get(part) else " will not move")
        for part in held
    )
    asks = "; ".join(
        f"{COMPONENT_NAMES.get(a.component, a.component).lower()} "
        f"{a.figure.display} {sources(writer, a.figure)}"
        for a in others
    )
    offered = offers.get("base") if "base" in held else None
    return f"If {said}, push the rest: {asks}.{_against_floor(writer, offered, floor)}"


def _against_floor(writer: Writer, offered, floor: Figure | None, final: bool = True) -> str:
    """Where a base stands against the script's floor (" $200K is at or above the script's
    floor of $198K [2]."), with the script's words for it; `final`: the base will not move
    (below the floor: walk away), else an offer not yet countered; "" with no floor or
    another currency."""
    if offered is None or floor is None or floor.unit != offered.unit:
        return ""
    above = offered.value >= floor.value
    where = f" {offered.display} is {'at or above' if above else 'below'} the script's floor"
    after = ": below it, walk away" if final else ", the least it takes once countered"
    why = _floor_reason(writer, floor)  # (the script's own words for it, when they say why)
    why = f' ("{why}")' if why and not above else ""
    return f"{where} of {floor.display}{'' if above else after}{why} {sources(writer, floor)}."


def _floor_reason(writer: Writer, floor: Figure) -> str:
    """What the script says follows below its floor ("below that, NVIDIA's liquid equity
    wins"), without the words that state the floor itself, which stay private in the drafts;
    "" when it says nothing more."""
    record = writer.book.records.get(floor.provenance.chunk_id or "")
    if record is None:
        return ""
    for piece in sentence_pieces(record.text):
        if floor.display in piece and "floor" in piece.lower():
            rest = piece.split(floor.display, 1)[1].strip(" \"'—–-:;,.")
            return rest if len(rest.split()) >= 3 else ""
    return ""
