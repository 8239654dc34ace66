"""What a company's negotiate-up script asks for besides the pay component the employer will
not move ("what if they say no to more rsu?", "anyscale won't budge on equity, what else?"): the
script's other asks, cited, as the answer's first sentence.

Leaves out: the base (a base that will not move is weighed against the script's floor,
assistant.compose.counter_lead) and any advice the guide does not give.
"""

from __future__ import annotations

from assistant.compose.bands import COMPONENT_NAMES
from assistant.compose.core import Writer
from assistant.compose.counter_lead import sources
from assistant.engine.script_asks import GuideFigures
from assistant.understanding.question import Understanding


def asks_besides_fixed(
    writer: Writer, understood: Understanding, guide: GuideFigures | None
) -> str:
    """With no offer given, what the company's script asks for besides the pay component the
    employer will not move, as the first sentence ("If they won't move on the stock, the
    Alibaba guide's script also asks for a sign-on bonus of $45K [1]."); "" when nothing is
    fixed but the base (its floor is said instead) or the script asks for nothing else."""
    fixed = understood.fixed
    if fixed in (None, "base") or guide is None:
        return ""
    years = f" over {guide.stock_years.value:g} years" if guide.stock_years else ""
    shown = {
        "base": guide.base and f"**{guide.base.display}**",
        "stock": (guide.stock and f"**{guide.stock.display}**{years}")
        or (guide.stock_increment and f"your grant plus **{guide.stock_increment.display}**"),
        "sign_on": guide.sign_on and f"**{guide.sign_on.display}**",
    }
    figures = {
        "base": guide.base,
        "stock": guide.stock or guide.stock_increment,
        "sign_on": guide.sign_on,
    }
    parts = [
        f"{_A.get(c, '')}{COMPONENT_NAMES.get(c, c).lower()} of {shown[c]} "
        f"{sources(writer, figures[c])}"
        for c in shown
        if shown[c] and c != fixed
    ]
    if not parts:
        return ""
    name = COMPONENT_NAMES.get(fixed, fixed).lower()
    return (
        f"If they won't move on the {name}, the {understood.company} guide's script also asks "
        f"for {' and '.join(parts)}."
    )


_A = {"base": "a ", "sign_on": "a "}  # ("a base salary of $213K", "stock of $222K")
