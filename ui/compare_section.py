"""The workbench's "Year by year" section: the workbench's offer (offer A) beside up to three
other offers typed as `coach compare` reads them (offers B–D), as sentences on who leads, a
table per offer with the guide's band, and a stacked-bar chart (`Coach.compare_years`,
ui.years_render); and "Download playbook", which writes the playbook (Markdown and HTML) for
those offers into a fresh folder under one temp folder of the app (`Coach.write_playbook`) and
offers both files. Gradio copies returned files into its own cache and serves only those: the
app's `allowed_paths` stays empty.

`CompareSection(ui).add()` lays it out inside the workbench tab, after the form's fields.
Leaves out: the numbers (assistant.engine.years_workbench) and the playbook's text
(assistant.compose.playbook).
"""

from __future__ import annotations

import html
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.errors import CoachError
from ui.inputs import MAX_AMOUNT_CHARS, MAX_OFFER_CHARS, field_text
from ui.years_render import years_html

if TYPE_CHECKING:
    from ui.app import CoachUI

log = logging.getLogger(__name__)
OTHER_FIELDS = ("B", "C", "D")
EXAMPLE = "Alibaba Seattle $190K base, $200K RSU over 4 years, vesting 5/15/40/40"
HINT = (
    "Offer A is the workbench's offer above. Type up to three others as you would write them "
    '(e.g. "Anyscale New York $185K base, $220K RSU over 4 years, 1-year cliff"); a schedule '
    'such as "vesting 5/15/40/40", "1-year cliff", "back-loaded" or "front-loaded" '
    "is read, even vesting assumed (and said) otherwise."
)


class CompareSection:
    def __init__(self, ui: CoachUI) -> None:
        self.ui = ui
        self.folder: Path | None = None  # the app's playbook folder, made on the first download

    def add(self) -> None:
        """The section (inside the workbench tab, after its form) and its events."""
        import gradio as gr

        gr.Markdown("### Year by year\n" + HINT)
        with gr.Row():
            self.schedule = gr.Textbox(
                label="Offer A's vesting schedule (optional)",
                placeholder="vesting 5/15/40/40, 1-year cliff, back-loaded…",
                elem_id="yr-schedule",
            )
            self.rate = gr.Textbox(
                label="Exchange rate, only if the currencies differ (optional)",
                placeholder="GBP:USD=1.27",
                elem_id="yr-rate",
            )
        self.others = [
            gr.Textbox(
                label=f"Offer {letter}",
                placeholder=EXAMPLE if letter == "B" else "",
                max_lines=2,
                max_length=MAX_OFFER_CHARS,
                elem_id=f"yr-offer-{letter.lower()}",
            )
            for letter in OTHER_FIELDS
        ]
        with gr.Row():
            self.compare = gr.Button(
                "Compare year by year", variant="primary", elem_id="yr-compare"
            )
            self.download = gr.Button("Download playbook", elem_id="yr-playbook")
        self.view = gr.HTML(elem_id="yr-view")
        self.note = gr.HTML(elem_id="yr-playbook-note")
        self.files = gr.File(
            label="Playbook (Markdown and printable HTML)",
            file_count="multiple",
            interactive=False,
            height=140,
            visible=False,  # shown with the files: an empty file list is only noise
            elem_id="yr-files",
        )
        ui = self.ui
        form = [ui.company, ui.region, ui.base, ui.stock, ui.years]
        form += [ui.bonus, ui.sign_on, ui.competing]
        extra = [self.schedule, self.rate, *self.others]
        self.compare.click(self.show_years, [*form, *extra], self.view, api_name="compare_years")
        self.download.click(
            self.write_playbook, [*form, *extra], [self.files, self.note], api_name="playbook"
        )

    def _split(self, values: tuple) -> tuple:
        """The form, the other offers, the schedule and the rate: each cleaned, overlong text
        refused with the field named (ui.inputs; InputProblem is a CoachError)."""
        fields, (schedule, rate, *others) = values[:8], values[8:]
        others = [
            field_text(text, f"Offer {letter}", MAX_OFFER_CHARS)
            for letter, text in zip(OTHER_FIELDS, others, strict=False)
        ]
        schedule = field_text(schedule, "Offer A's vesting schedule", MAX_OFFER_CHARS)
        rate = field_text(rate, "The exchange rate", MAX_AMOUNT_CHARS)
        return self.ui.form_of(*fields), others, schedule, rate

    def show_years(self, *values) -> str:
        try:
            form, others, schedule, rate = self._split(values)
            view = self.ui.coach.compare_years(form, others, schedule, rate)
        except CoachError as problem:
            return _note(f"Check the offers: {problem}")
        except Exception as problem:
            log.exception("the year-by-year comparison failed")
            return _note(f"Something went wrong on our side ({type(problem).__name__}).")
        return years_html(view)

    def write_playbook(self, *values) -> tuple:
        try:
            form, others, schedule, rate = self._split(values)
            if self.folder is None:
                self.folder = Path(tempfile.mkdtemp(prefix="offer-coach-playbooks-"))
            out = Path(tempfile.mkdtemp(dir=self.folder)) / "offer-playbook.md"
            paths = self.ui.coach.write_playbook(form, others, out, schedule, rate)
        except CoachError as problem:
            return _files(None), _note(f"No playbook written. Check the offers: {problem}")
        except Exception as problem:
            log.exception("writing the playbook failed")
            return _files(None), _note(
                f"Something went wrong on our side ({type(problem).__name__})."
            )
        names = " and ".join(p.name for p in paths)
        done = _note(f"Playbook written: {names}. Download below.", "yr-note")
        return _files([str(p) for p in paths]), done


def _files(paths: list[str] | None):
    import gradio as gr

    return gr.update(value=paths, visible=bool(paths))


def _note(text: str, css: str = "yr-error") -> str:
    return f"<p class='{css}'>{html.escape(text)}</p>"
