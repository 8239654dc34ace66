"""Counter answers when two guides disagree on a band (issue 17, item 7): the offer placed in
each guide's band, side by side in one table, each guide's row cited, and the figures the
engine showed for the grounding check. The sentence saying that the guides disagree, and that
no counter is computed while they do, is the negotiation's note (assistant.engine.negotiation).

Leaves out: choosing a guide (the user moves the one they do not trust out of the corpus) and
the counter proposal, which is computed from one band only.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from assistant.compose.bands import COMPONENT_NAMES
from assistant.compose.core import EngineValue, Writer
from assistant.engine.negotiation import Negotiation
from assistant.engine.position import ComponentPosition


def write_guide_positions(writer: Writer, negotiation: Negotiation) -> None:
    """One table: a row per component, a column per guide with its range and where the offer
    sits in it. Nothing when the guides agree."""
    guides = negotiation.by_guide
    if not guides:
        return
    first = guides[0].band
    names = [
        f"{PurePosixPath(g.band.source).name} {writer.book.cite(g.band.chunk_id)}" for g in guides
    ]
    writer.add(
        f"**Your {negotiation.offer.company} offer against each guide's {first.role} band for "
        f"{first.region}** (the guides disagree):",
        "",
        "| Component | Your offer | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(guides),
    )
    for component in [row.component for row in guides[0].position]:
        rows = [next(r for r in g.position if r.component == component) for g in guides]
        mine = next((r.offer for r in rows if r.offer), None)
        cells = [_cell(row) for row in rows]
        writer.add(
            f"| {COMPONENT_NAMES.get(component, component)} | "
            f"{mine.display if mine else '—'} | " + " | ".join(cells) + " |"
        )
    writer.add("", "(Stock is compared per year: grant ÷ vesting years.)", "")


def _cell(row: ComponentPosition) -> str:
    if not (row.band_min and row.band_max):
        return "no figure in this guide"
    low, high = row.band_min.display, row.band_max.display
    cell = low if low == high else f"{low}–{high}"
    if row.offer is None:
        return cell
    where = row.status
    if row.percent is not None and row.status == "within":
        where += f", {row.percent:.0f}% of the way up"
    return f"{cell} ({where})"


def guide_position_values(negotiation: Negotiation) -> list[EngineValue]:
    """The band ends and percentages the table shows (the grounding check's engine values)."""
    out: list[EngineValue] = []
    for guide in negotiation.by_guide:
        for row in guide.position:
            out += [(f.value, f.unit) for f in (row.offer, row.band_min, row.band_max) if f]
            if row.percent is not None:
                out.append((round(row.percent), "%"))
    return out
