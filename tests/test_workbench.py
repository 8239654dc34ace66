"""The offer workbench (assistant.engine.workbench) through Coach.plan_counter on the shipped guides:
the band chart's bars against the guide's rows, the proposal table's provenance, the drafts,
the questions asked when the offer is incomplete, unreadable amounts, another currency, a
competing offer, and the offer carried into the chat as a counter question.

The expected band figures are read from corpus/anyscale-devops-engineer-negotiation.md:
| San Francisco | $168K–$218K | $125K–$228K | 5–10% | $215K–$295K |
| London        | £128K–£166K | £94K–£171K  | 5–10% | £163K–£225K |
and its "Negotiate Up Strategy" script: $213K base, $222K equity/4yr, $25K signing bonus,
floor $198K."""

from __future__ import annotations

import re

import pytest

from assistant.coach import Coach
from assistant.engine.figures import Figure
from assistant.engine.workbench import OfferForm
from assistant.errors import CoachError, OfferError

GUIDE = "corpus/anyscale-devops-engineer-negotiation.md"
SF = OfferForm(
    company="Anyscale",
    region="San Francisco",
    base="175k",
    stock="130k",
    vesting_years=4,
    bonus="5%",
)


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.fixture(scope="module")
def sf_plan(coach):
    return coach.plan_counter(SF)


def bars_of(plan) -> dict:
    return {bar.component: bar for bar in plan.bars}


def leaves(figure: Figure) -> list[Figure]:
    return figure.leaves()


def test_bars_match_the_guides_san_francisco_row(sf_plan):
    assert (sf_plan.company, sf_plan.region, sf_plan.currency) == (
        "Anyscale",
        "San Francisco",
        "USD",
    )
    assert sf_plan.ready and not sf_plan.questions
    bars = bars_of(sf_plan)
    assert list(bars) == ["base", "stock", "bonus", "total"]
    expected = {  # (band min, band max, unit) from the San Francisco row
        "base": (168_000, 218_000, "USD"),
        "stock": (125_000 / 4, 228_000 / 4, "USD"),  # the grant per year of its 4-year vesting
        "bonus": (5, 10, "%"),
        "total": (215_000, 295_000, "USD"),
    }
    for component, (low, high, unit) in expected.items():
        bar = bars[component]
        assert bar.band_min.value == pytest.approx(low), component
        assert bar.band_max.value == pytest.approx(high), component
        assert bar.unit == unit
        assert bar.status == "within", component  # the offer sits inside each range
    assert bars["stock"].label == "Stock per year"
    assert (bars["base"].band_min.display, bars["base"].band_max.display) == ("$168K", "$218K")
    # every band figure comes from the guide's San Francisco row (a formula over it for stock)
    for bar in bars.values():
        for figure in (bar.band_min, bar.band_max):
            for leaf in leaves(figure):
                assert leaf.provenance.source == GUIDE
                assert leaf.provenance.name == "Anyscale San Francisco band row"


def test_offer_markers_are_the_inputs(sf_plan):
    bars = bars_of(sf_plan)
    assert bars["base"].offer.value == 175_000
    assert bars["stock"].offer.value == pytest.approx(130_000 / 4)
    assert bars["bonus"].offer.value == 5
    # annualized: base + grant / 4 + base × 5%
    assert bars["total"].offer.value == pytest.approx(175_000 + 130_000 / 4 + 175_000 * 0.05)
    for bar in bars.values():
        assert all(leaf.provenance.kind == "user" for leaf in leaves(bar.offer))


def test_asks_are_the_guides_script_or_a_formula_that_recomputes(coach, sf_plan):
    bars = bars_of(sf_plan)
    assert bars["base"].ask.value == 213_000
    assert bars["stock"].ask.value == pytest.approx(222_000 / 4)  # the grant ask per year
    assert bars["stock"].ask.provenance.op == "÷"
    assert bars["bonus"].ask is None  # the guide asks no bonus change
    asks = [bar.ask for bar in bars.values() if bar.ask is not None]
    assert len(asks) == 3
    for ask in asks:
        assert ask.recompute() == pytest.approx(ask.value)
        for leaf in leaves(ask):
            if leaf.provenance.kind == "user":
                continue
            assert leaf.provenance.chunk_id in coach.records, leaf
            assert leaf.provenance.source == GUIDE
            assert leaf.display in coach.records[leaf.provenance.chunk_id].text or (
                leaf.unit == "years"
            )


def test_proposal_rows_carry_their_sources(coach, sf_plan):
    rows = {row.component: row for row in sf_plan.rows}
    assert list(rows) == ["base", "stock", "sign_on", "floor"]
    assert (rows["base"].offer, rows["base"].ask) == ("$175K", "$213K")
    assert (rows["stock"].offer, rows["stock"].ask) == ("$130K", "$222K")
    assert rows["stock"].label == "Stock (grant over 4 years)"
    assert (rows["sign_on"].offer, rows["sign_on"].ask) == ("—", "$25K")
    assert rows["floor"].ask == "$198K"
    script = coach.records[re.search(r"\[(\w+)\]", rows["base"].source)[1]]
    for row in rows.values():
        assert row.source and row.rule
        chunk_id = re.search(r"\[(\w+)\]$", row.source)[1]
        assert chunk_id in coach.records and coach.records[chunk_id].source == GUIDE
    assert "Negotiate Up Strategy" in script.text
    for figure in ("$213K base", "$222K equity/4yr", "$25K signing bonus", "floor is $198K"):
        assert figure in script.text


def test_drafts_state_the_ask_figures_and_cite_them(sf_plan):
    assert sf_plan.email.strip() and sf_plan.phone.strip()
    for figure in ("$213K", "$222K", "$25K"):
        assert figure in sf_plan.email and figure in sf_plan.phone
    assert "$175K" in sf_plan.email and "$168K–$218K" in sf_plan.email
    assert "$198K" not in sf_plan.email  # the floor is private: only in the phone notes
    # the candidate speaks to a recruiter: market data, never "the guide's range"
    assert "Market data for this role in San Francisco" in sf_plan.email
    assert "guide" not in sf_plan.email.lower()
    assert "Private" in sf_plan.phone and "$198K" in sf_plan.phone
    # drafts meant to be sent carry no [n] markers; their sources are listed beneath them
    assert not re.search(r"\[\d+\]", sf_plan.email + sf_plan.phone)
    assert sf_plan.citations
    for citation in sf_plan.citations:
        if citation.chunk_id:
            assert citation.source == GUIDE and citation.quote


def test_offer_summary_round_trips_through_the_chat_as_a_counter(coach, sf_plan):
    message = SF.as_message()
    assert sf_plan.offer_summary == message
    assert message == "Anyscale San Francisco offer: 175k base, 130k RSU over 4 years, 5% bonus."
    answer = coach.ask(message + " What should I counter with?")
    assert answer.intent == "counter" and not answer.refused
    for figure in ("$175K", "$168K–$218K", "$213K", "$222K", "$25K"):
        assert figure in answer.answer, figure
    assert GUIDE in {c.source for c in answer.citations}


@pytest.mark.parametrize(
    ("form", "asks_for"),
    [
        (OfferForm(company="Anyscale"), ("Which region", "base salary")),
        (OfferForm(company="Anyscale", region="San Francisco"), ("base salary",)),
        (OfferForm(company="Anyscale", base="175k"), ("Which region",)),
        (OfferForm(company="Anyscale", region="Tokyo", base="175k"), ("'Tokyo' is not a region",)),
    ],
)
def test_missing_fields_are_questions_without_cli_flags(coach, form, asks_for):
    plan = coach.plan_counter(form)
    assert plan.questions and not plan.rows and not plan.ready
    text = " ".join(plan.questions)
    for words in asks_for:
        assert words in text, text
    assert "--" not in text and "(--" not in text
    if "Which region" in text or "not a region" in text:
        assert all(region in text for region in ("San Francisco", "New York", "London"))
    assert not plan.email and not plan.phone


def test_an_unknown_company_is_a_question_not_a_crash(coach):
    plan = coach.plan_counter(OfferForm(company="Initrode", region="Austin", base="150k"))
    assert not plan.rows and not plan.bars
    assert plan.questions == ("No guide covers Initrode; the guides cover: Alibaba, Anyscale.",)


@pytest.mark.parametrize(
    ("form", "names"),
    [
        (OfferForm(company="Anyscale", region="San Francisco", base="abc"), ("Base", "abc")),
        (
            OfferForm(company="Anyscale", region="San Francisco", base="175k", bonus="lots"),
            ("Bonus",),
        ),
        (OfferForm(company="Anyscale", region="San Francisco", base="-175k"), ("negative",)),
        (
            OfferForm(company="Anyscale", region="San Francisco", base="175k", sign_on="20%"),
            ("Sign-on", "percentage"),
        ),
        (
            OfferForm(
                company="Anyscale",
                region="San Francisco",
                base="175k",
                stock="130k",
                vesting_years=None,
            ),
            ("Stock", "Vesting years"),
        ),
        (
            OfferForm(
                company="Anyscale",
                region="San Francisco",
                base="175k",
                competing="a much better one",
            ),
            ("Competing", "no amount"),
        ),
    ],
)
def test_unreadable_amounts_are_offer_errors_naming_the_field(coach, form, names):
    with pytest.raises(OfferError) as refused:
        coach.plan_counter(form)
    assert isinstance(refused.value, CoachError)
    message = str(refused.value)
    for name in names:
        assert name in message, message
    assert "--" not in message, message  # the workbench has fields, not command-line flags


def test_a_london_offer_in_pounds_compares_in_pounds(coach):
    plan = coach.plan_counter(
        OfferForm(company="Anyscale", region="London", base="£140k", stock="£100k", bonus="5%")
    )
    assert plan.currency == "GBP" and plan.ready
    bars = bars_of(plan)
    assert (bars["base"].band_min.value, bars["base"].band_max.value) == (128_000, 166_000)
    assert bars["stock"].band_min.value == pytest.approx(94_000 / 4)
    assert bars["stock"].band_max.value == pytest.approx(171_000 / 4)
    assert (bars["total"].band_min.value, bars["total"].band_max.value) == (163_000, 225_000)
    assert bars["base"].offer.value == 140_000
    for component in ("base", "stock", "total"):
        bar = bars[component]
        assert bar.unit == "GBP"
        assert {f.unit for f in (bar.band_min, bar.band_max, bar.offer, bar.ask)} == {"GBP"}
    for row in plan.rows:
        assert "$" not in row.offer + row.ask, row
        assert row.ask.startswith("£")
    assert "£" in plan.email and "$" not in plan.email


def test_a_competing_offer_above_the_ask_yields_a_note(coach):
    plan = coach.plan_counter(
        OfferForm(
            company="Anyscale",
            region="San Francisco",
            base="175k",
            stock="130k",
            bonus="5%",
            competing="Google $300K TC",
        )
    )
    assert plan.ready
    notes = " ".join(plan.notes)
    assert "Google" in notes and "$300K" in notes and "strongest lever" in notes
    assert "I also have a competing offer: Google $300K TC." in plan.offer_summary


def test_the_currency_assumption_is_noted(sf_plan):
    assert any("read as USD" in note for note in sf_plan.notes)


def test_an_offer_in_another_currency_is_not_drawn_on_the_band(coach):
    plan = coach.plan_counter(OfferForm(company="Anyscale", region="London", base="$200k"))
    base = next(bar for bar in plan.bars if bar.component == "base")
    assert base.band_min.unit == "GBP" and base.status == "currency mismatch"
    assert base.offer is None and base.ask is None  # no exchange rate: nothing to place
    assert any("no exchange rate" in note for note in plan.notes)


# --- every field's problem at once (issue 21) ------------------------------------------------


def test_every_field_problem_is_reported_at_once(coach):
    form = OfferForm(
        company="Anyscale", region="San Francisco", base="abc", stock="-5", bonus="150%"
    )
    problems = coach.form_problems(form)
    assert set(problems) == {"base", "stock", "bonus"}
    assert "'abc' is not an amount" in problems["base"]
    assert "negative" in problems["stock"]
    assert "150%" in problems["bonus"] and "0 and 100%" in problems["bonus"]


def test_a_bonus_over_100_percent_is_refused_an_amount_is_not(coach):
    assert "bonus" in coach.form_problems(replace_form(bonus="101%"))
    assert coach.form_problems(replace_form(bonus="100%")) == {}
    assert coach.form_problems(replace_form(bonus="15k")) == {}


def test_a_missing_base_and_region_are_said_at_their_fields(coach):
    problems = coach.form_problems(OfferForm(company="Anyscale"))
    assert "base salary" in problems["base"] and "Which region" in problems["region"]
    assert "--" not in " ".join(problems.values())
    assert "region" in coach.form_problems(replace_form(region="Mars"))


@pytest.mark.parametrize("years", [4.5, 0, float("inf"), 1e308])
def test_vesting_years_out_of_bounds_are_refused_at_their_field(coach, years):
    problems = coach.form_problems(replace_form(vesting_years=years))
    assert set(problems) == {"vesting_years"}, problems


def test_a_valid_offer_has_no_problems(coach):
    assert coach.form_problems(SF) == {}


def replace_form(**changes) -> OfferForm:
    from dataclasses import replace

    return replace(SF, **changes)
