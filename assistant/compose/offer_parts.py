"""An offer as the user gave it, and what a company's script asks of it that needs no band:
the parts of an offer or a competing one ("base $208K, stock $235K over 4 years"), and, for an
offer whose region is not given, the script's asks that do not depend on the region, computed
from the offer ("RSUs at $165K ($110K + $55K, the script's $[Y+55K]) [1] and a $45K sign-on
bonus [1]"); for an offer in another currency than the script's, that its asks are left out
(named, without their figures); and, for an offer that gave no stock, the script's own equity
ask or its increment on the grant to come (`script_stock`).

Leaves out: placing the offer in a band and the asks that need one (the base, which waits for
the region: assistant.compose.counter asks for it), and figures in another currency than the
offer's (no exchange rate is applied).
"""

from __future__ import annotations

from assistant.compose.core import Writer
from assistant.engine.negotiation import Negotiation
from assistant.engine.offer import Package
from assistant.engine.script_asks import GuideFigures
from assistant.money import format_money


def package_parts(package: Package) -> str:
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


def asks_without_a_region(writer: Writer, offer: Package, guide: GuideFigures | None) -> list[str]:
    """The lines saying what the company's script asks whatever the region: its stock (the
    offer's grant plus the script's increment, or the script's own grant), its base when it
    names one, and its sign-on, cited; [] when it asks none of these in the offer's currency."""
    if guide is None or not offer.currency:
        return []
    cur = offer.currency

    def cited(figure) -> str:
        return writer.book.cite(figure.provenance.chunk_id)

    parts = []
    increment = guide.stock_increment
    grant = offer.stock if offer.stock_basis == "grant" else None
    if increment is not None and increment.unit == cur and grant:
        writer.values.append((grant + increment.value, cur))  # (computed: for the check)
        total = format_money(grant + increment.value, cur)  # ("RSU increment (the script's …)")
        said = increment.label.partition("(")[2].rstrip(")") or "the script's increment"
        parts.append(
            f"RSUs at **{total}** (your {format_money(grant, cur)} + {increment.display}: "
            f"{said}) {cited(increment)}"
        )
    elif guide.stock is not None and guide.stock.unit == cur:
        parts.append(f"**{guide.stock.display}** in equity {cited(guide.stock)}")
    if guide.base is not None and guide.base.unit == cur:
        parts.append(f"**{guide.base.display}** base {cited(guide.base)}")
    if guide.sign_on is not None and guide.sign_on.unit == cur:
        parts.append(f"a **{guide.sign_on.display}** sign-on bonus {cited(guide.sign_on)}")
    if not parts:
        return []
    asks = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return [f"Whatever the region, the {offer.company} guide's script asks for {asks}.", ""]


def script_in_another_currency(
    writer: Writer, company: str, guide: GuideFigures | None, currency: str
) -> list[str]:
    """The lines saying that the company's script asks in another currency than the offer's
    band, so its asks are left out ("The Alibaba guide's script asks in USD (for RSUs and a
    sign-on bonus) [1]; no exchange rate is applied to CNY…"): what it asks for is named, its
    figures are not, so none is taken for one in the band's currency; [] when its asks are in
    the band's currency or it asks nothing."""
    if guide is None:
        return []
    said = [
        (guide.stock_increment or guide.stock, "RSUs"),
        (guide.base, "base"),
        (guide.sign_on, "a sign-on bonus"),
    ]
    other = [(f, words) for f, words in said if f is not None and f.unit != currency]
    if not other or any(f is not None and f.unit == currency for f, _ in said):
        return []
    marks = "".join(dict.fromkeys(writer.book.cite(f.provenance.chunk_id) for f, _ in other))
    asks = ", ".join(words for _, words in other[:-1]) + (" and " if other[1:] else "")
    return [
        f"The {company} guide's script asks in {other[0][0].unit} (for {asks}{other[-1][1]}) "
        f"{marks}; no exchange rate is applied to {currency}, so its asks are left out here.",
        "",
    ]


def script_stock(writer: Writer, negotiation: Negotiation, guide: GuideFigures | None) -> str:
    """For an offer that gave no stock, the script's own equity ask, in a sentence of its own
    (" The script also asks for $222K equity over 4 years [2]; your offer gave none."), or its
    increment on a grant not given yet (" The script also asks for RSUs at your grant plus $55K
    (the script's $[Y+55K]) [2]; your offer gave no grant yet."); "" otherwise."""
    offer = negotiation.offer
    asked = {a.component for a in (negotiation.proposal.asks if negotiation.proposal else ())}
    if guide is None or offer.stock is not None or "stock" in asked:
        return ""
    stock, increment = guide.stock, guide.stock_increment
    if stock is not None and stock.unit == offer.currency:
        years = f" over {guide.stock_years.display}" if guide.stock_years else ""
        mark = writer.book.cite(stock.provenance.chunk_id)
        return (
            f" The script also asks for {stock.display} equity{years} {mark}; your offer gave none."
        )
    if stock is None and increment is not None and increment.unit == offer.currency:
        said = increment.label.partition("(")[2].rstrip(")") or "the script's increment"
        mark = writer.book.cite(increment.provenance.chunk_id)
        return (
            f" The script also asks for RSUs at your grant plus {increment.display} ({said}) "
            f"{mark}; your offer gave no grant yet."
        )
    return ""
