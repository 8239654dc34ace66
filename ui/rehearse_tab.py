"""The Rehearse tab: practise the call with a recruiter played from the guide, starting from
the offer typed into the Offer workbench (`Coach.rehearse`, assistant.engine.rehearsal).

`RehearseTab(ui).add()` lays out the tab inside the app's Tabs and wires it to the workbench's
fields; each browser session keeps its own `Rehearsal` in a gr.State. Every text shown is
escaped: replies, feedback and quotes are rendered with html.escape.

Leaves out: the recruiter phrased by a model; "practise the call" in the chat is
assistant.compose.rehearse_chat.
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from assistant.answer import Citation
from assistant.engine.rehearsal_stage import MAX_REPLY_CHARS
from assistant.errors import CoachError
from ui.inputs import field_text
from ui.passage import citation_label

if TYPE_CHECKING:
    from ui.app import CoachUI

log = logging.getLogger(__name__)
START_HINT = "Fill in the **Offer workbench**, then start the call here."
VERDICT = {"good": ("✓", "rh-good", "#15803d"), "fix": ("✗", "rh-fix", "#b91c1c")}


class RehearseTab:
    def __init__(self, ui: CoachUI) -> None:
        self.ui = ui

    def add(self) -> None:
        """The tab (inside the app's gr.Tabs, after the workbench is laid out) and its events."""
        import gradio as gr

        with gr.Tab("Rehearse", id="rehearse"):
            gr.Markdown(
                "Practise the call. The recruiter's moves and figures come from the guide and "
                "your offer; each reply gets feedback citing the guide. " + START_HINT
            )
            with gr.Row():
                self.seed = gr.Number(label="Seed", value=0, precision=0, elem_id="rh-seed")
                self.start = gr.Button(
                    "Start the call from the workbench offer", variant="primary", elem_id="rh-start"
                )
            self.chat = gr.Chatbot(label="The call", height=380, elem_id="rh-chat")
            self.reply = gr.Textbox(
                show_label=False,
                placeholder="Your reply to the recruiter…",
                max_length=MAX_REPLY_CHARS + 1000,  # longer replies get the rule's own answer
                submit_btn="Reply",
                elem_id="rh-reply",
            )
            self.feedback = gr.HTML(elem_id="rh-feedback")
            self.scorecard = gr.HTML(elem_id="rh-scorecard")
        self.state = gr.State(None)
        ui = self.ui
        form = [ui.company, ui.region, ui.base, ui.stock, ui.years]
        form += [ui.bonus, ui.sign_on, ui.competing]
        views = [self.chat, self.feedback, self.scorecard, self.state]
        self.start.click(self.start_call, [*form, self.seed], views, api_name="rehearse_start")
        self.reply.submit(
            self.send,
            [self.reply, self.chat, self.state],
            [self.reply, *views],
            api_name="rehearse_reply",
        )

    def start_call(self, *values) -> tuple:
        *fields, seed = values
        try:
            rehearsal = self.ui.coach.rehearse(self.ui.form_of(*fields), int(seed or 0))
        except CoachError as problem:
            return [], _note(f"Check the offer: {problem}"), "", None
        except Exception as problem:
            log.exception("starting a rehearsal failed")
            return (
                [],
                _note(f"Something went wrong on our side ({type(problem).__name__})."),
                "",
                None,
            )
        turn = rehearsal.opening()
        return [{"role": "assistant", "content": turn.recruiter}], "", "", rehearsal

    def send(self, reply: str, messages: list, rehearsal: Any) -> tuple:
        if rehearsal is None:
            return "", messages, _note(START_HINT.replace("**", "")), "", None
        try:  # cleaned once; a reply far beyond what a call holds is refused here
            reply = field_text(reply, "Your reply", MAX_REPLY_CHARS + 1000)
        except CoachError as problem:
            return "", messages, _note(str(problem)), "", rehearsal
        turn = rehearsal.reply(reply)
        shown = reply[:600] or "(empty reply)"
        messages = [
            *messages,
            {"role": "user", "content": shown},
            {"role": "assistant", "content": turn.recruiter},
        ]
        card = scorecard_html(turn.scorecard) if turn.scorecard else ""
        return "", messages, feedback_html(turn.feedback), card, rehearsal


def _note(text: str) -> str:
    return f"<p class='rh-note'>{html.escape(text)}</p>"


def _cites(citations: list[dict[str, Any]]) -> str:
    """The citations (as in `coach ask --json`), each with its quote as the tooltip."""
    items = [  # named by what the passage is, never by its chunk id
        f"<span class='rh-cite' title='{html.escape(c['quote'])}'>"
        f"{html.escape(citation_label(Citation(**c)))}</span>"
        for c in citations
    ]
    return f"<div class='rh-cites' style='color:#52525b;font-size:0.85em'>{' · '.join(items)}</div>"


def feedback_html(points) -> str:
    if not points:
        return ""
    rows = []
    for p in points:
        mark, css, colour = VERDICT[p.verdict]
        rows.append(
            f"<li class='{css}' data-rule='{html.escape(p.rule)}'>"
            f"<b style='color:{colour}'>{mark}</b> {html.escape(p.point)}"
            f"<div class='rh-advice'>{html.escape(p.advice)}</div>"
            f"{_cites([c.to_json() for c in p.citations])}</li>"
        )
    return "<h4>Feedback on your reply</h4><ul class='rh-points'>" + "".join(rows) + "</ul>"


def scorecard_html(card: dict[str, Any]) -> str:
    cells = "".join(
        "<tr>"
        + "".join(
            f"<td>{html.escape(str(row[k] or '–'))}</td>"
            for k in ("component", "offer", "agreed", "proposal")
        )
        + "</tr>"
        for row in card["agreed"]
    )
    out = [
        "<h4>Scorecard</h4><table class='rh-agreed'><tr><th>Component</th><th>Offer</th>"
        f"<th>Agreed</th><th>Proposal</th></tr>{cells}</table>"
    ]
    for title, key in (("Went well", "went_well"), ("To change", "to_change")):
        items = "".join(
            f"<li>{html.escape(i['point'])}<div class='rh-advice'>{html.escape(i['advice'])}</div>"
            f"{_cites(i['citations'])}</li>"
            for i in card[key]
        )
        out.append(f"<h5>{title}</h5><ul class='rh-{key}'>{items or '<li>—</li>'}</ul>")
    best = "".join(
        f"<li><b>{html.escape(b['move'])}</b>: {html.escape(b['reply'])}"
        f"{_cites(b['citations'])}</li>"
        for b in card["best_replies"]
    )
    out.append(f"<h5>Best reply to each pushback</h5><ul class='rh-best'>{best}</ul>")
    return "<div class='rh-scorecard'>" + "".join(out) + "</div>"
