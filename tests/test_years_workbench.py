"""The workbench's year-by-year comparison (assistant.engine.years_workbench) and its HTML
(ui.years_render): offer A from the workbench's fields beside offers written in words, each with
its guide band; bad input names the field and computes nothing; text is escaped; two currencies
are never drawn on one scale."""

from __future__ import annotations

import re

import pytest
from conftest import SHIPPED_CORPUS

from assistant.corpus.factbook import read_corpus
from assistant.engine.workbench import OfferForm
from assistant.engine.years_workbench import compare_form, form_text, offer_texts
from assistant.errors import OfferError
from assistant.index.embeddings import count_tokens
from ui.years_render import years_html

FORM = OfferForm("Anyscale", "San Francisco", "175k", "130k", 4, "5%", "20k", "Google $300K TC")
BACK_LOADED = "Alibaba Seattle $190K base, $200K RSU over 4 years, vesting 5/15/40/40"


@pytest.fixture(scope="module")
def facts():
    return read_corpus(SHIPPED_CORPUS, count_tokens).facts


def test_offer_a_is_the_form_without_its_competing_offers_plus_a_schedule():
    text = form_text(FORM, "1-year cliff")
    assert text.startswith("Anyscale San Francisco offer: 175k base, 130k RSU over 4 years")
    assert text.endswith("1-year cliff.") and "Google" not in text
    assert offer_texts(FORM, ["", "  ", BACK_LOADED]) == [form_text(FORM), BACK_LOADED]


def test_the_lead_and_each_band(facts):
    view = compare_form(FORM, [BACK_LOADED], facts)
    offers = view.comparison.offers
    assert [o.label for o in offers] == ["Anyscale San Francisco", "Alibaba Seattle (US)"]
    assert [b.region for b in view.bands] == ["San Francisco", "Seattle (US)"]
    assert view.comparison.year_1 == "Anyscale San Francisco"
    assert view.comparison.overall == "Alibaba Seattle (US)"
    assert view.comparison.changes == [3]
    assert any("The lead changes in year 3" in s for s in view.sentences)
    years = view.comparison.to_json()["offers"][0]["years"]
    assert [y["sign_on"] for y in years] == [20_000, 0, 0, 0]
    assert [y["stock"] for y in years] == [32_500] * 4


def test_a_cliff_in_offer_a(facts):
    view = compare_form(FORM, [], facts, schedule="1-year cliff")
    stock = [y["stock"] for y in view.comparison.to_json()["offers"][0]["years"]]
    assert stock == [0, 65_000, 32_500, 32_500]


@pytest.mark.parametrize(
    ("others", "schedule", "field", "words"),
    [
        ([BACK_LOADED.replace("40/40", "40/30")], "", "offer B", "100"),
        (["Alibaba Seattle XYZ 190K base"], "", "offer B", "currency 'XYZ'"),
        (["Alibaba Seattle $190000M base"], "", "offer B", "outside"),
        ([BACK_LOADED] * 4, "", "other offers", "at most 3"),
        ([BACK_LOADED], "vesting 10/10/10", "offer A", "100"),
    ],
)
def test_bad_input_names_the_field(facts, others, schedule, field, words):
    with pytest.raises(OfferError) as problem:
        compare_form(FORM, others, facts, schedule=schedule)
    assert str(problem.value).startswith(field) and words in str(problem.value)


def test_no_company_is_asked_for(facts):
    with pytest.raises(OfferError, match="offer A.*company"):
        compare_form(OfferForm(""), [], facts)


def test_html_has_a_stacked_chart_with_bands_and_escapes_text(facts):
    view = compare_form(FORM, [BACK_LOADED + " <b>bold</b>"], facts)
    page = years_html(view)
    assert "<b>bold</b>" not in page and "&lt;b&gt;bold&lt;/b&gt;" in page
    assert page.count('<svg class="coach-years-chart"') == 1
    assert len(re.findall(r'class="coach-years-bar" data-offer="[AB]"', page)) == 8
    assert page.count('class="coach-years-sign_on"') == 1  # year one of offer A only
    assert page.count('class="coach-years-band-mark"') == 8
    assert "Guide band (San Francisco)" in page and "total comp $215K–$295K a year" in page
    assert "The lead changes in year 3" in page
    assert "bonus 15%; total comp $205K–$330K" in page  # a one-value range shown once


def test_two_currencies_are_two_charts_and_no_leader_without_a_rate(facts):
    london = "Anyscale London £120K base, £100K RSU over 4 years"
    view = compare_form(FORM, [london], facts)
    assert view.comparison.overall is None and "give a rate" in " ".join(view.sentences)
    page = years_html(view)
    assert 'data-currency="USD"' in page and 'data-currency="GBP"' in page
    rated = compare_form(FORM, [london], facts, rate="GBP:USD=1.27")
    assert rated.comparison.overall is not None
    assert any("1 GBP = 1.27 USD" in s for s in rated.sentences)
