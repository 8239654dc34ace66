"""The Offer workbench tab: the offer typed into fields, each field's problem shown under it (all
at once), and, once the offer is valid, the band chart, the proposal table and the two drafts
(email and phone script: plain text, a copy button each, their sources beneath).

`WorkbenchTab(ui).add()` lays the tab out inside the app's Tabs and sets the form's components
on the app (`ui.company`, `ui.region`, `ui.base`, …: "Year by year" and the Rehearse tab read
them); `form_of(*values)` turns the fields' values into an OfferForm, each cleaned and
length-checked (ui.inputs). Nothing is drawn until every field reads: a half chart from a half
offer is never shown.

Leaves out: the numbers (Coach.plan_counter, Coach.form_problems; assistant.engine.workbench)
and the drawings (ui.chart, ui.render).
"""

from __future__ import annotations

import html
import logging
from typing import TYPE_CHECKING, Any

from assistant.engine.workbench import OfferForm
from assistant.errors import CoachError
from ui.inputs import MAX_AMOUNT_CHARS, MAX_OFFER_CHARS, MAX_PLACE_CHARS, field_text
from ui.render import (
    PROPOSAL_PLACEHOLDER,
    band_chart_svg,
    proposal_markdown,
    safe_markdown,
    sources_markdown,
)

if TYPE_CHECKING:
    from ui.app import CoachUI

log = logging.getLogger(__name__)
UNEXPECTED = "Something went wrong on our side ({}); the details are in the server log."
# the form's fields, in the order the page sends them, with the label a message names
FIELDS = (
    ("company", "Company", MAX_PLACE_CHARS),
    ("region", "Region", MAX_PLACE_CHARS),
    ("base", "Base salary", MAX_AMOUNT_CHARS),
    ("stock", "Stock grant (RSU)", MAX_AMOUNT_CHARS),
    ("vesting_years", "Vesting years", 0),
    ("bonus", "Bonus", MAX_AMOUNT_CHARS),
    ("sign_on", "Sign-on", MAX_AMOUNT_CHARS),
    ("competing", "Competing offer(s)", MAX_OFFER_CHARS),
)


def form_of(*values: Any) -> OfferForm:
    """The fields' values as an OfferForm: text cleaned once, overlong text refused (InputProblem
    naming the field)."""
    texts: dict[str, Any] = {}
    for (name, label, limit), value in zip(FIELDS, values, strict=True):
        texts[name] = value if name == "vesting_years" else field_text(value, label, limit)
    years = texts.pop("vesting_years")
    return OfferForm(**texts, vesting_years=years if years else None)  # 4.5 refused, not 4


def field_problems(form_values: tuple, coach) -> dict[str, str]:
    """Each field's problem: the text itself (too long, not text), else what the engine says."""
    problems: dict[str, str] = {}
    for (name, label, limit), value in zip(FIELDS, form_values, strict=True):
        if name == "vesting_years":
            continue
        try:
            field_text(value, label, limit)
        except CoachError as problem:
            problems[name] = str(problem)
    if problems:
        return problems
    return coach.form_problems(form_of(*form_values))


def error_html(message: str) -> str:
    return (
        f'<p class="coach-field-error" role="alert">{html.escape(message, quote=False)}</p>'
        if message
        else ""
    )


class WorkbenchTab:
    def __init__(self, ui: CoachUI) -> None:
        self.ui = ui

    def add(self) -> None:
        """The tab's fields, buttons and views (inside the app's gr.Tab)."""
        import gradio as gr

        ui = self.ui
        regions = ui.coach.comp_regions()
        first = next(iter(regions), None)
        self.errors: dict[str, Any] = {}

        def error_slot(name: str):
            self.errors[name] = gr.HTML(
                "", elem_id=f"wb-{name.replace('_', '-')}-error", elem_classes=["coach-error-slot"]
            )

        with gr.Row():
            with gr.Column(min_width=260):
                ui.company = gr.Dropdown(
                    choices=list(regions),
                    value=first,
                    label="Company",
                    allow_custom_value=True,  # any text reaches the form check, which says why
                    elem_id="wb-company",
                )
                error_slot("company")
            with gr.Column(min_width=260):
                ui.region = gr.Dropdown(
                    choices=regions.get(first, []) if first else [],
                    value=(regions.get(first) or [None])[0] if first else None,
                    label="Region",
                    allow_custom_value=True,  # the engine says which regions a guide has
                    elem_id="wb-region",
                )
                error_slot("region")
        with gr.Row():
            fields = (
                ("base", "Base salary", "175k"),
                ("stock", "Stock grant (RSU)", "130k"),
                ("vesting_years", "Vesting years", None),
                ("bonus", "Bonus (% of base or an amount)", "5% or 15k"),
                ("sign_on", "Sign-on", "20k"),
            )
            for name, label, hint in fields:
                with gr.Column(min_width=150):
                    if hint is None:
                        ui.years = gr.Number(
                            label=label,
                            value=4,
                            precision=None,
                            minimum=1,
                            maximum=10,
                            elem_id="wb-years",
                        )
                    else:
                        setattr(
                            ui,
                            name,
                            gr.Textbox(
                                label=label,
                                placeholder=hint,
                                max_length=MAX_AMOUNT_CHARS,
                                elem_id=f"wb-{name.replace('_', '-')}",
                            ),
                        )
                    error_slot(name)
        ui.competing = gr.Textbox(
            label="Competing offer(s), separated by ';'",
            placeholder="Google $300K TC; NVIDIA $213K base, $255K RSU over 4 years",
            max_length=MAX_OFFER_CHARS,
            elem_id="wb-competing",
        )
        error_slot("competing")
        with gr.Row():
            ui.show = gr.Button("Show my position", variant="primary", elem_id="wb-show")
            ui.discuss = gr.Button("Discuss in chat", elem_id="wb-discuss")
        ui.chart = gr.HTML(elem_id="wb-chart")
        ui.proposal = gr.Markdown(PROPOSAL_PLACEHOLDER, elem_id="wb-proposal")
        with gr.Row():
            ui.email = gr.Textbox(
                label="Email draft (plain text to send)",
                lines=14,
                buttons=["copy"],
                interactive=False,
                min_width=300,  # on a phone the two drafts stack
                elem_id="wb-email",
            )
            ui.phone = gr.Textbox(
                label="Phone script (what to say)",
                lines=14,
                buttons=["copy"],
                interactive=False,
                min_width=300,
                elem_id="wb-phone",
            )
        ui.draft_sources = gr.Markdown(elem_id="wb-draft-sources")

    @property
    def form(self) -> list:
        ui = self.ui
        return [ui.company, ui.region, ui.base, ui.stock, ui.years, ui.bonus, ui.sign_on,
                ui.competing]  # fmt: skip

    def wire(self) -> None:
        ui = self.ui
        views = [ui.chart, ui.proposal, ui.email, ui.phone, ui.draft_sources]
        views += [self.errors[name] for name, _, _ in FIELDS]
        ui.company.change(ui.company_regions, ui.company, ui.region, api_name=False)
        ui.show.click(self.show_position, self.form, views, api_name="plan_counter")
        ui.discuss.click(
            self.carry_to_chat, self.form, [ui.question, ui.tabs], api_name=False
        ).then(*ui.ask, api_name=False)

    def show_position(self, *values) -> tuple:
        """Chart, proposal, email, phone, sources, then each field's error (empty when fine)."""
        try:
            problems = field_problems(values, self.ui.coach)
            if problems:
                names = [label for name, label, _ in FIELDS if name in problems]
                summary = (
                    f"**Check the offer:** {len(names)} field{'s' * (len(names) != 1)} "
                    f"need{'s' * (len(names) == 1)} a fix ({', '.join(names)}); see the "
                    "message under each. Nothing is drawn until the offer reads."
                )
                return ("", summary, "", "", "", *self._errors(problems))
            plan = self.ui.coach.plan_counter(form_of(*values))
        except CoachError as problem:
            note = f"**Check the offer:** {safe_markdown(str(problem))}"
            return ("", note, "", "", "", *self._errors({}))
        except Exception as problem:
            log.exception("the workbench failed")
            return ("", UNEXPECTED.format(type(problem).__name__), "", "", "", *self._errors({}))
        chart = band_chart_svg(plan.bars) if plan.ready else ""
        return (
            chart,
            proposal_markdown(plan),
            plan.email,
            plan.phone,
            sources_markdown(plan),
            *self._errors({}),
        )

    @staticmethod
    def _errors(problems: dict[str, str]) -> list[str]:
        return [error_html(problems.get(name, "")) for name, _, _ in FIELDS]

    def carry_to_chat(self, *values) -> tuple:
        import gradio as gr

        try:
            text = form_of(*values).as_message() + " What should I counter with?"
        except CoachError as problem:
            return f"{problem}", gr.Tabs(selected="chat")
        return text, gr.Tabs(selected="chat")
