"""What the app shows, as text: answer markdown made safe, the sources panel with the cited table
row highlighted, the band chart as an SVG, the proposal table and the guide table. Pure
functions over the library's typed objects; every guide or model text is escaped here.

Leaves out: Gradio (ui/app.py wires these to components) and every number (they come formatted
from the library: `Figure.display`, `Citation.quote`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

from assistant.answer import Answer, Citation
from assistant.corpus.shelf import GuideSummary
from assistant.engine.workbench import BandBar, CounterPlan

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*[a-zA-Z][\w+.-]*:[^)]*\)")
_DESTINATION = re.compile(r"\]\(\s*<?[a-zA-Z][\w+.-]*:[^)]*\)")  # a link _LINK missed: [a [b]](…)
_DEFINITION = re.compile(r"^ {0,3}(?=\[[^\]]+\]:)", re.MULTILINE)  # '[1]: https://…' defines a link
_MARKER = re.compile(r"\[(\d+)\]")
_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_WORD = re.compile(r"[\w$£€¥%.,–-]+")

GROUNDING_WORDS = {
    "ok": "grounding check passed",
    "repaired": "grounding check repaired it",
    "fallback": "grounding check replaced the model's draft",
}


# --- chat ----------------------------------------------------------------------------------------


def safe_markdown(text: str) -> str:
    """Answer markdown as the chat shows it: no raw HTML, no images, no links to elsewhere."""
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _DESTINATION.sub("]", text)  # what is left of a link or image with nested brackets
    text = _DEFINITION.sub(r"\\", text)  # '\\[1]: …' is text, not a reference definition
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def answer_footer(answer: Answer) -> str:
    """Which backend wrote the answer and what the grounding check did, in one line."""
    grounding = answer.grounding
    status = grounding.status if grounding else "ok"
    words = GROUNDING_WORDS.get(status, f"grounding check: {status}")
    if status == "repaired" and grounding and grounding.dropped:
        words += f" ({len(grounding.dropped)} sentence(s) dropped)"
    if status == "fallback" and grounding and grounding.reason:
        words += f": {grounding.reason}"
    parts = [f"written by {answer.backend}", words]
    if answer.citations:
        parts.append(f"{len(answer.citations)} source(s)")
    footer = " · ".join(parts)
    if answer.notice:
        footer += f" · {answer.notice}"
    return f"\n\n---\n*{safe_markdown(footer)}*"


def citation_label(citation: Citation) -> str:
    parts = dict.fromkeys(part for part in (citation.title, citation.section) if part)
    where = " › ".join(parts)
    return f"[{citation.n}] {where or citation.source}"


def citation_choices(answer: Answer | None) -> list[str]:
    return [citation_label(c) for c in answer.citations] if answer else []


def sources_html(answer: Answer | None, label: str | None) -> str:
    """The sources panel: the chosen citation's guide, section and passage, the cited table rows
    highlighted (the rows sharing the most cells with the answer's sentences that cite it)."""
    if answer is None or not answer.citations:
        note = "This answer cites no guide passage." if answer else "Ask a question to see sources."
        return f'<div class="coach-sources"><p>{html.escape(note)}</p></div>'
    chosen = next((c for c in answer.citations if citation_label(c) == label), answer.citations[0])
    cited_text = " ".join(_lines_citing(answer.answer, chosen.n))
    body = _passage_html(chosen.quote, cited_text)
    return (
        f'<div class="coach-sources" data-citation="{chosen.n}">'
        f"<h4>[{chosen.n}] {html.escape(chosen.title or chosen.source)}</h4>"
        f'<p class="coach-where">{html.escape(chosen.source)}'
        f"{' › ' + html.escape(chosen.section) if chosen.section else ''}</p>"
        f"{body}</div>"
    )


def _lines_citing(answer_text: str, n: int) -> list[str]:
    return [line for line in answer_text.splitlines() if f"[{n}]" in line]


def _cells(row: str) -> list[str]:
    return [cell.strip().strip("*").strip() for cell in row.strip().strip("|").split("|")]


def _row_score(cells: Sequence[str], cited_text: str) -> int:
    cited = cited_text.lower()
    return sum(1 for cell in cells if len(cell) > 1 and cell.lower() in cited)


def _passage_html(quote: str, cited_text: str) -> str:
    lines = quote.splitlines()
    table_rows = [
        i for i, line in enumerate(lines) if _TABLE_LINE.match(line) and not _SEPARATOR.match(line)
    ]
    body_rows = table_rows[1:]  # the first table line is the header
    scores = {i: _row_score(_cells(lines[i]), cited_text) for i in body_rows}
    best = max(scores.values(), default=0)
    if len(body_rows) == 1:
        best = max(best, 1)
        scores[body_rows[0]] = best
    highlighted = {i for i, score in scores.items() if best and score == best}
    out: list[str] = []
    table: list[str] = []
    for i, line in enumerate(lines):
        if i in table_rows:
            tag = "th" if i == table_rows[0] else "td"
            cells = "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in _cells(line))
            attrs = ' class="cited-row" aria-label="cited row"' if i in highlighted else ""
            table.append(f"<tr{attrs}>{cells}</tr>")
            continue
        if _TABLE_LINE.match(line) or (_SEPARATOR.match(line) and table):
            continue
        if table:
            out.append(f'<table class="coach-quote-table">{"".join(table)}</table>')
            table = []
        if line.strip():
            out.append(f"<p>{html.escape(line)}</p>")
    if table:
        out.append(f'<table class="coach-quote-table">{"".join(table)}</table>')
    return "".join(out)


# --- workbench -----------------------------------------------------------------------------------

CHART_WIDTH, ROW_HEIGHT, LABEL_WIDTH, BAR_LEFT, BAR_RIGHT = 720, 64, 150, 170, 690


def band_chart_svg(bars: Iterable[BandBar]) -> str:
    """One row per component: the guide's min–max bar, a marker for the offer (circle) and one
    for the ask (diamond), each row on its own scale (the units differ)."""
    rows = [bar for bar in bars if bar.band_min is not None and bar.band_max is not None]
    if not rows:
        return '<p class="coach-chart-empty">No comp band to draw for this company and region.</p>'
    height = ROW_HEIGHT * len(rows) + 40
    parts = [
        f'<svg class="coach-band-chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" '
        f'width="100%" xmlns="http://www.w3.org/2000/svg">',
        "<title>Your offer and the ask against the guide's band</title>",
    ]
    for row, bar in enumerate(rows):
        parts.append(_chart_row(bar, 20 + row * ROW_HEIGHT))
    legend_y = height - 12
    parts.append(
        f'<g font-size="12" fill="#333"><circle cx="{BAR_LEFT}" cy="{legend_y - 4}" r="6" '
        f'fill="#2563eb"/><text x="{BAR_LEFT + 12}" y="{legend_y}">your offer</text>'
        f'<path d="{_diamond(BAR_LEFT + 110, legend_y - 4)}" fill="#16a34a"/>'
        f'<text x="{BAR_LEFT + 122}" y="{legend_y}">the ask</text>'
        f'<rect x="{BAR_LEFT + 190}" y="{legend_y - 10}" width="24" height="12" fill="#cbd5e1"/>'
        f'<text x="{BAR_LEFT + 220}" y="{legend_y}">guide band (min–max)</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _chart_row(bar: BandBar, top: int) -> str:
    low, high = bar.band_min.value, bar.band_max.value  # type: ignore[union-attr]
    points = [v.value for v in (bar.offer, bar.ask) if v is not None] + [low, high]
    span_low, span_high = min(points), max(points)
    pad = (span_high - span_low) * 0.08 or max(abs(span_high) * 0.1, 1)
    span_low, span_high = span_low - pad, span_high + pad

    def x(value: float) -> float:
        return BAR_LEFT + (value - span_low) / (span_high - span_low) * (BAR_RIGHT - BAR_LEFT)

    mid = top + 18
    esc = html.escape
    out = [
        f'<g class="coach-bar" data-component="{esc(bar.component)}" '
        f'data-band="{esc(bar.band_min.display)}–{esc(bar.band_max.display)}" '  # type: ignore[union-attr]
        f'data-offer="{esc(bar.offer.display) if bar.offer else ""}" '
        f'data-ask="{esc(bar.ask.display) if bar.ask else ""}">',
        f'<text x="4" y="{mid + 4}" font-size="13" fill="#111">{esc(bar.label)}</text>',
        f'<rect x="{x(low):.1f}" y="{mid - 7}" width="{max(x(high) - x(low), 2):.1f}" height="14" '
        f'rx="3" fill="#cbd5e1"><title>guide band {esc(bar.band_min.display)}–'  # type: ignore[union-attr]
        f"{esc(bar.band_max.display)}</title></rect>",  # type: ignore[union-attr]
        f'<text x="{x(low):.1f}" y="{mid + 24}" font-size="11" fill="#475569" '
        f'text-anchor="middle">{esc(bar.band_min.display)}</text>',  # type: ignore[union-attr]
        f'<text x="{x(high):.1f}" y="{mid + 24}" font-size="11" fill="#475569" '
        f'text-anchor="middle">{esc(bar.band_max.display)}</text>',  # type: ignore[union-attr]
    ]
    if bar.offer is not None:
        out.append(
            f'<circle class="coach-offer" cx="{x(bar.offer.value):.1f}" cy="{mid}" r="7" '
            f'fill="#2563eb"><title>your offer {esc(bar.offer.display)}</title></circle>'
            f'<text x="{x(bar.offer.value):.1f}" y="{mid - 11}" font-size="11" fill="#2563eb" '
            f'text-anchor="middle">{esc(bar.offer.display)}</text>'
        )
    if bar.ask is not None:
        out.append(
            f'<path class="coach-ask" d="{_diamond(x(bar.ask.value), mid)}" fill="#16a34a">'
            f"<title>ask {esc(bar.ask.display)}</title></path>"
            f'<text x="{x(bar.ask.value):.1f}" y="{mid + 24}" font-size="11" fill="#16a34a" '
            f'text-anchor="middle" font-weight="bold">{esc(bar.ask.display)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _diamond(cx: float, cy: float, r: float = 8) -> str:
    points = ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
    return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in points) + " Z"


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
                f"{_cell(row.source)} | {_cell(row.rule)} |"
            )
    if plan.notes:
        out.append("")
        out += [f"- {_cell(note)}" for note in plan.notes]
    return "\n".join(out) or PROPOSAL_PLACEHOLDER


def sources_markdown(plan: CounterPlan) -> str:
    """Where the figures of the email and phone script come from (the drafts, meant to be sent,
    carry no citation markers)."""
    lines = []
    for citation in plan.citations:
        where = citation.source if citation.chunk_id else "your offer, as you typed it"
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
