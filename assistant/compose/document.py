"""A small document model written out as Markdown and as one printable HTML page: headings,
paragraphs, lists, tables, preformatted text (drafts, passages) and a marked private note.
All text is escaped for HTML; the page has its own CSS and loads nothing from elsewhere.

Leaves out: inline markup (bold, links): every string is plain text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

CSS = """
body { font: 11pt/1.45 system-ui, sans-serif; max-width: 52em; margin: 2em auto; color: #111;
  padding: 0 1em; }
h1 { font-size: 1.6em; border-bottom: 2px solid #333; } h2 { margin-top: 1.6em; }
table { border-collapse: collapse; margin: .6em 0; } th, td { border: 1px solid #999;
  padding: .2em .5em; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
pre { white-space: pre-wrap; background: #f4f4f4; padding: .7em; border: 1px solid #ddd; }
.private { border: 2px dashed #b00; background: #fff3f3; padding: .6em; }
.private strong { color: #b00; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
  pre, table { break-inside: avoid; } }
"""


@dataclass
class Document:
    title: str
    blocks: list[tuple] = field(default_factory=list)

    def h2(self, text: str) -> None:
        self.blocks.append(("h2", text))

    def h3(self, text: str) -> None:
        self.blocks.append(("h3", text))

    def p(self, text: str) -> None:
        self.blocks.append(("p", text))

    def ul(self, items: list[str]) -> None:
        if items:
            self.blocks.append(("ul", list(items)))

    def table(self, headers: list[str], rows: list[list[str]]) -> None:
        self.blocks.append(("table", list(headers), [list(r) for r in rows]))

    def pre(self, text: str) -> None:
        self.blocks.append(("pre", text))

    def private(self, text: str) -> None:
        self.blocks.append(("private", text))

    def markdown(self) -> str:
        out = [f"# {self.title}", ""]
        for block in self.blocks:
            kind = block[0]
            if kind in ("h2", "h3"):
                out += [f"{'#' * int(kind[1])} {block[1]}", ""]
            elif kind == "p":
                out += [block[1], ""]
            elif kind == "ul":
                out += [*(f"- {item}" for item in block[1]), ""]
            elif kind == "table":
                out.append("| " + " | ".join(_md_cell(h) for h in block[1]) + " |")
                out.append("|" + "---|" * len(block[1]))
                out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in block[2]]
                out.append("")
            elif kind == "pre":
                out += ["```text", block[1].replace("```", "ʼʼʼ"), "```", ""]
            elif kind == "private":
                out += [f"> **PRIVATE: do not share.** {block[1]}", ""]
        return "\n".join(out).rstrip() + "\n"

    def html(self) -> str:
        body = [f"<h1>{escape(self.title)}</h1>"]
        for block in self.blocks:
            kind = block[0]
            if kind in ("h2", "h3", "p"):
                body.append(f"<{kind}>{escape(block[1])}</{kind}>")
            elif kind == "ul":
                body.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block[1]) + "</ul>")
            elif kind == "table":
                head = "".join(f"<th>{escape(h)}</th>" for h in block[1])
                rows = "".join(
                    "<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in block[2]
                )
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
            elif kind == "pre":
                body.append(f"<pre>{escape(block[1])}</pre>")
            elif kind == "private":
                body.append(
                    '<div class="private"><strong>PRIVATE: do not share.</strong> '
                    f"{escape(block[1])}</div>"
                )
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(self.title)}</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(body)
            + "\n</body></html>\n"
        )


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _html_cell(text: str) -> str:
    numeric = bool(text) and (text[0].isdigit() or text[0] in "$£€₹—")
    return f'<td class="n">{escape(text)}</td>' if numeric else f"<td>{escape(text)}</td>"
