"""What the app shows, as text: the proposal table (each ask's source by name, never a chunk id),
where the drafts' figures come from, and the guide table; and, from their own modules, the
chat's answer (ui.answer_view), the sources panel (ui.passage) and the band chart (ui.chart).
Pure functions over the library's typed objects; every guide or model text is escaped.

Leaves out: Gradio (ui/app.py wires these to components) and every number (they come formatted
from the library: `Figure.display`, `Citation.quote`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.corpus.shelf import GuideSummary
from assistant.engine.workbench import CounterPlan
from ui.answer_view import answer_footer, chat_markdown, safe_markdown
from ui.chart import band_chart_svg
from ui.passage import citation_choices, citation_label, citation_labels, sources_html

__all__ = [
    "GUIDE_COLUMNS",
    "PROPOSAL_PLACEHOLDER",
    "answer_footer",
    "band_chart_svg",
    "chat_markdown",
    "citation_choices",
    "citation_label",
    "citation_labels",
    "guide_rows",
    "proposal_markdown",
    "safe_markdown",
    "sources_html",
    "sources_markdown",
]

_CHUNK_ID = re.compile(r"\s*\[[0-9a-f]{12,}\]")  # "Anyscale script [321d9339de18…]"


def _cell(text: str) -> str:
    return safe_markdown(text).replace("|", "\\|").replace("\n", " ")


PROPOSAL_PLACEHOLDER = "Fill in the offer and press **Show my position**."


def proposal_markdown(plan: CounterPlan) -> str:
    """The proposal table (each ask with its source) and what the engine noted or needs."""
    out: list[str] = []
    if plan.questions:
        out.append("**Before a counter can be proposed:**")
        out += [f"- {_cell(q)}" for q in plan.questions]
    if plan.rows:
        out.append("| Component | Your offer | Ask | Where the ask comes from | Rule |")
        out.append("| --- | --- | --- | --- | --- |")
        for row in plan.rows:
            out.append(
                f"| {_cell(row.label)} | {_cell(row.offer)} | **{_cell(row.ask)}** | "
                f"{_cell(readable_source(row.source))} | {_cell(row.rule)} |"
            )
    if plan.notes:
        out.append("")
        out += [f"- {_cell(note)}" for note in plan.notes]
    return "\n".join(out) or PROPOSAL_PLACEHOLDER


def readable_source(text: str) -> str:
    """A figure's source as the user reads it: the source's name, without chunk ids."""
    return _CHUNK_ID.sub("", text)


def sources_markdown(plan: CounterPlan) -> str:
    """Where the figures of the email and phone script come from (the drafts, meant to be sent,
    carry no citation markers)."""
    lines = []
    for citation in plan.citations:
        if not citation.chunk_id:
            lines.append("- Your offer, as you typed it")
            continue
        where = citation.source.removeprefix("corpus/")
        lines.append(f"- {_cell(citation.name)} ({_cell(where)})")
    if lines:
        lines = ["**Where the drafts' figures come from**", "", *lines]
    return "\n".join(lines)


# --- guides --------------------------------------------------------------------------------------

GUIDE_COLUMNS = ["Guide", "Company", "Role", "Kind", "Chunks", "Comp bands"]


def guide_rows(guides: Iterable[GuideSummary]) -> list[list]:
    return [
        [g.source.removeprefix("corpus/"), g.company, g.role, g.kind, g.chunks, g.comp_bands]
        for g in guides
    ]
