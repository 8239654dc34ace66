"""The sources panel: a label per citation that says what the passage is, and the passage itself
rendered from the guide's markdown, safely, with the cited table rows highlighted.

- `citation_labels(answer)`: "[1] San Francisco row · Anyscale Global Negotiation Guide",
  "[3] GPU Infrastructure Premium · Anyscale Global Negotiation Guide": the passage's own name
  (the cited table rows' first cells, the first bold term of a lever or script, its heading, else
  its section), distinct within the answer (a repeated name gets "part 2", …). The citation
  fields of the answer are not changed: a label is derived for display only.
- `sources_html(answer, label)`: the chosen passage: its heading, where it is (guide › section,
  file), and its text with **bold**, *emphasis*, `code`, "> " quotes, "- " lists and headings
  rendered as HTML after escaping everything (no raw `**` or `>` reach the page, and no markup
  from a guide does either).

Leaves out: the chat's answer text (ui.answer_view) and the workbench (ui.chart, ui.render).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from assistant.answer import Answer, Citation

_TABLE_LINE = re.compile(r"^\s*\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_BOLD_TERM = re.compile(r"\*\*([^*\n]{2,80}?)\*\*")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}&gt;\s?")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![*\w])")
_CODE = re.compile(r"`([^`\n]+)`")


# --- labels ---------------------------------------------------------------------------------------


def citation_labels(answer: Answer | None) -> dict[int, str]:
    """Citation number -> its label, distinct within the answer."""
    if answer is None:
        return {}
    labels: dict[int, str] = {}
    seen: dict[str, int] = {}
    for citation in answer.citations:
        name = passage_name(citation, answer.answer)
        guide = _guide_name(citation)
        base = f"{name} · {guide}" if guide and guide != name else name
        seen[base] = seen.get(base, 0) + 1
        shown = base if seen[base] == 1 else f"{base} (part {seen[base]})"
        labels[citation.n] = f"[{citation.n}] {shown}"
    return labels


def citation_label(citation: Citation, answer: Answer | None = None) -> str:
    if answer is not None:
        return citation_labels(answer).get(citation.n, f"[{citation.n}]")
    return f"[{citation.n}] {passage_name(citation, '')} · {_guide_name(citation)}"


def citation_choices(answer: Answer | None) -> list[str]:
    return list(citation_labels(answer).values())


def passage_name(citation: Citation, answer_text: str) -> str:
    """What the passage is: its cited rows, its first bold term, its heading or its section."""
    lines = _body_lines(citation)
    rows = [lines[i] for i in _highlighted(lines, " ".join(_lines_citing(answer_text, citation.n)))]
    if rows:
        names = list(dict.fromkeys(_cells(row)[0] for row in rows if _cells(row)[0]))
        return (", ".join(names[:3]) + (" rows" if len(names) > 1 else " row"))[:90]
    if any(_TABLE_LINE.match(line) for line in lines):
        return "Pay table"
    body = "\n".join(lines)
    heading = next((m[1] for line in lines if (m := _HEADING.match(line))), "")
    term = _BOLD_TERM.search(body)
    name = term[1] if term else heading
    if not name:
        parts = [p.strip() for p in re.split(r" > | › ", citation.section or "") if p.strip()]
        name = parts[0] if parts else (citation.title or citation.source)
    return name.strip().rstrip(":").strip()[:90] or citation.source


def _guide_name(citation: Citation) -> str:
    title = citation.title or ""
    short = title.split("|", 1)[1].strip() if "|" in title else title.strip()
    return short or citation.source.removeprefix("corpus/")


def _body_lines(citation: Citation) -> list[str]:
    """The quote's lines without its first line when that only repeats the title and section."""
    lines = citation.quote.splitlines()
    if lines and citation.title and lines[0].startswith(citation.title):
        return lines[1:]
    return lines


# --- the panel ------------------------------------------------------------------------------------


def sources_html(answer: Answer | None, label: str | None) -> str:
    """The sources panel for the citation chosen by its label (the first when none matches)."""
    if answer is None or not answer.citations:
        note = "This answer cites no guide passage." if answer else "Ask a question to see sources."
        return f'<div class="coach-sources"><p>{html.escape(note)}</p></div>'
    labels = citation_labels(answer)
    chosen = next((c for c in answer.citations if labels[c.n] == label), answer.citations[0])
    cited_text = " ".join(_lines_citing(answer.answer, chosen.n))
    where = [chosen.title or chosen.source, _path(chosen.section)]
    where_text = " › ".join(html.escape(part) for part in dict.fromkeys(p for p in where if p))
    return (
        f'<div class="coach-sources" data-citation="{chosen.n}">'
        f"<h4>{html.escape(labels[chosen.n])}</h4>"
        f'<p class="coach-where">{where_text}<br>{html.escape(chosen.source)}</p>'
        f"{passage_html(_quote_shown(chosen), cited_text)}</div>"
    )


def _path(section: str) -> str:
    """A section path as the page shows it: "Lever › Global Levers", not "Lever > Global …"."""
    return section.replace(" > ", " › ")


def _quote_shown(citation: Citation) -> str:
    """The quote without its first line when that only repeats the title and section (the
    panel's heading says where the passage is)."""
    return "\n".join(_body_lines(citation))


def _lines_citing(answer_text: str, n: int) -> list[str]:
    return [line for line in answer_text.splitlines() if f"[{n}]" in line]


def _cells(row: str) -> list[str]:
    return [cell.strip().strip("*").strip() for cell in row.strip().strip("|").split("|")]


def _row_score(cells: Sequence[str], cited_text: str) -> int:
    cited = cited_text.lower()
    return sum(1 for cell in cells if len(cell) > 1 and cell.lower() in cited)


def _table_rows(lines: list[str]) -> list[int]:
    return [
        i for i, line in enumerate(lines) if _TABLE_LINE.match(line) and not _SEPARATOR.match(line)
    ]


def _highlighted(lines: list[str], cited_text: str) -> set[int]:
    """The body rows sharing the most cells with the sentences citing the passage (a table of
    one body row is that row)."""
    body_rows = _table_rows(lines)[1:]  # the first table line is the header
    scores = {i: _row_score(_cells(lines[i]), cited_text) for i in body_rows}
    best = max(scores.values(), default=0)
    if len(body_rows) == 1:
        best = max(best, 1)
        scores[body_rows[0]] = best
    return {i for i, score in scores.items() if best and score == best}


def inline(text: str) -> str:
    """One line of guide markdown as HTML: escaped, then bold, emphasis and code."""
    out = html.escape(text, quote=False)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _STRONG.sub(r"<strong>\1</strong>", out)
    return _EMPHASIS.sub(r"<em>\1</em>", out)


def passage_html(quote: str, cited_text: str) -> str:
    """The passage as HTML: tables (cited rows highlighted), headings, quotes, lists, text."""
    lines = quote.splitlines()
    table_rows = _table_rows(lines)
    highlighted = _highlighted(lines, cited_text)
    out: list[str] = []
    open_block = ""  # "table", "blockquote" or "ul" while one is open

    def close() -> None:
        nonlocal open_block
        if open_block:
            out.append(f"</{open_block}>")
            open_block = ""

    def open_(tag: str, attrs: str = "") -> None:
        nonlocal open_block
        if open_block != tag:
            close()
            out.append(f"<{tag}{attrs}>")
            open_block = tag

    for i, line in enumerate(lines):
        if i in table_rows:
            open_(open_block if open_block == "table" else "table", ' class="coach-quote-table"')
            tag = "th" if i == table_rows[0] else "td"
            cells = "".join(f"<{tag}>{inline(c)}</{tag}>" for c in _cells(line))
            attrs = ' class="cited-row" aria-label="cited row"' if i in highlighted else ""
            out.append(f"<tr{attrs}>{cells}</tr>")
            continue
        if _TABLE_LINE.match(line) or (_SEPARATOR.match(line) and open_block == "table"):
            continue
        escaped = html.escape(line, quote=False)
        if _QUOTE.match(escaped):
            open_("blockquote")
            text = _QUOTE.sub("", escaped)
            if text.strip():
                out.append(f"<p>{inline(html.unescape(text))}</p>")
            continue
        if _BULLET.match(line):
            open_("ul")
            out.append(f"<li>{inline(_BULLET.sub('', line))}</li>")
            continue
        close()
        heading = _HEADING.match(line)
        if heading:
            out.append(f"<h5>{inline(heading[1])}</h5>")
        elif line.strip():
            out.append(f"<p>{inline(line)}</p>")
    close()
    return "".join(out)
