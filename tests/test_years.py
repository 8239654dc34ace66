"""Offers year by year (assistant.engine.years): vesting presets and custom schedules sum to the
grant, a cliff moves year one's stock into year two, the lead changes in the year a back-loaded
grant predicts, currencies are never mixed without a rate the user gives, bad input names its
field, and `coach compare` prints the DESIGN.md JSON."""

from __future__ import annotations

import json

import pytest
from conftest import SHIPPED_CORPUS

from assistant.cli import main
from assistant.corpus.factbook import read_corpus
from assistant.engine.figures import Figure
from assistant.engine.negotiation import band_defaults, catalog
from assistant.engine.years import compare_texts, compare_years, offer_years, read_offer
from assistant.errors import OfferError
from assistant.index.embeddings import count_tokens

K = 1_000
SF = "Anyscale San Francisco offer: "
GRANT = 400 * K
SCHEDULES = {  # phrase -> expected percent per year of a 4-year grant
    "": (25, 25, 25, 25),
    "even vesting": (25, 25, 25, 25),
    "1-year cliff": (0, 50, 25, 25),
    "back-loaded": (5, 15, 40, 40),
    "vesting 5/15/40/40": (5, 15, 40, 40),
    "front-loaded": (33, 33, 22, 12),
    "vesting 10/20/30/40": (10, 20, 30, 40),
    "vesting 40%/30%/20%/10%": (40, 30, 20, 10),
}


@pytest.fixture(scope="module")
def facts():
    return read_corpus(SHIPPED_CORPUS, count_tokens).facts


def years_of(text: str, facts, years: int = 4):
    companies, regions = catalog(facts)
    currencies, vesting = band_defaults(facts)
    offer, terms = read_offer(text, companies, regions, currencies, vesting)
    return offer_years(offer, terms, years)


def check_provenance(figure: Figure) -> None:
    assert figure.recompute() == pytest.approx(figure.value)
    for leaf in figure.leaves():
        assert leaf.provenance.kind == "user"  # every input is the user's own


@pytest.mark.parametrize("phrase", list(SCHEDULES))
def test_each_schedule_over_four_years_sums_to_the_grant(facts, phrase):
    text = f"{SF}$180K base, $400K RSU over 4 years, {phrase}".rstrip(", ")
    result = years_of(text, facts)
    stock = [row.stock.value for row in result.rows]
    assert stock == pytest.approx([GRANT * p / 100 for p in SCHEDULES[phrase]])
    assert sum(stock) == pytest.approx(GRANT)
    for row in result.rows:
        assert row.total.value == pytest.approx(180 * K + row.stock.value)
        for figure in (row.stock, row.total, row.cumulative):
            check_provenance(figure)
    assert result.rows[-1].cumulative.value == pytest.approx(4 * 180 * K + GRANT)
    assert result.schedule.stated is bool(phrase)


def test_a_cliff_moves_year_ones_stock_into_year_two(facts):
    even = years_of(f"{SF}$180K base, $400K RSU over 4 years", facts)
    cliff = years_of(f"{SF}$180K base, $400K RSU over 4 years, 1-year cliff", facts)
    assert cliff.rows[0].stock.value == 0 and even.rows[0].stock.value == 100 * K
    assert cliff.rows[1].stock.value == even.rows[1].stock.value + even.rows[0].stock.value
    assert cliff.rows[-1].cumulative.value == even.rows[-1].cumulative.value


def test_sign_on_raise_bonus_and_refresher_are_placed_and_labelled(facts):
    text = (
        f"{SF}$200K base, $200K RSU over 4 years, 10% bonus, $25K sign-on with a 12 month "
        "clawback, 3% raise a year, refreshers $20K per year"
    )
    result = years_of(text, facts)
    first, second = result.rows[0], result.rows[1]
    assert first.sign_on.value == 25 * K and second.sign_on is None
    assert second.base.value == pytest.approx(206 * K)
    assert second.bonus.value == pytest.approx(20.6 * K)
    assert second.stock.value == pytest.approx(70 * K) and first.stock.value == 50 * K
    text_of = " ".join(result.assumptions)
    assert "12 months" in text_of and "3% a year" in text_of and "your assumption" in text_of
    for row in result.rows:
        check_provenance(row.cumulative)


def test_the_lead_changes_in_the_year_the_back_loaded_grant_predicts(facts):
    flat = f"{SF}$200K base, $200K RSU over 4 years"
    back = f"{SF}$180K base, $400K RSU over 4 years, vesting 5/15/40/40"
    comparison = compare_texts([flat, back], facts)
    # predicted by hand: flat pays 250K a year; back-loaded 180K + 400K × 5/15/40/40 %
    flat_cum = [250 * K * y for y in range(1, 5)]
    back_years = [180 * K + GRANT * p / 100 for p in (5, 15, 40, 40)]
    back_cum = [sum(back_years[:y]) for y in range(1, 5)]
    predicted = next(y + 1 for y in range(4) if back_cum[y] > flat_cum[y])
    assert predicted == 3
    a, b = (o.label for o in comparison.offers)
    assert comparison.year_1 == a and comparison.overall == b
    payload = comparison.to_json()
    assert payload["leader"] == {"year_1": a, "overall": b, "changes_in_year": predicted}


def test_currencies_are_never_mixed_without_a_rate(facts):
    usd = f"{SF}$200K base, $100K RSU over 4 years"
    gbp = "Anyscale London offer: £150K base, £100K RSU over 4 years"
    comparison = compare_texts([usd, gbp], facts)
    assert [o.currency for o in comparison.offers] == ["USD", "GBP"]
    assert comparison.leaders == (None,) * 4 and comparison.currency == ""
    assert "give a rate" in comparison.notes[0]
    payload = comparison.to_json()
    assert payload["leader"] == {"year_1": None, "overall": None, "changes_in_year": None}
    assert payload["offers"][1]["years"][0]["total"] == 175 * K  # in its own currency
    rated = compare_texts([usd, gbp], facts, rate_texts=["GBP:USD=1.5"])
    assert rated.currency == "USD"
    converted = rated.cumulative[1][0]
    assert converted.value == pytest.approx(175 * K * 1.5) and "× 1.5" in converted.text
    assert rated.year_1 == "Anyscale London"  # £175K × 1.5 = $262.5K > $225K
    sources = rated.to_json()["offers"][1]["sources"]
    assert any(s["kind"] == "rate" and "1 GBP = 1.5 USD" in s["text"] for s in sources)


@pytest.mark.parametrize(
    ("texts", "rates", "field"),
    [
        ([f"{SF}$180K base, $400K RSU over 4 years, vesting 10/20/30/30"], [], "vesting schedule"),
        ([f"{SF}$180K base, $400K RSU over 3 years, back-loaded"], [], "vesting schedule"),
        ([f"{SF}$180K base, $400K RSU over 4 years, vesting 25/25/50"], [], "vesting schedule"),
        ([f"{SF}-$180K base"], [], "offer A"),
        ([f"{SF}$180 base"], [], "offer A"),
        ([f"{SF}$180K base, 500% bonus"], [], "offer A"),
        ([f"{SF}$180K base, $900M sign-on"], [], "sign-on"),
        ([f"{SF}$180K base, 80% raise"], [], "raise"),
        ([f"{SF}$180K base"] * 5, [], "offers"),
        ([f"{SF}XYZ 180K base"], [], "currency 'XYZ'"),
        ([f"{SF}$180K base"], ["XYZ:USD=2"], "--rate"),
        ([f"{SF}$180K base"], ["GBP:USD=-1"], "--rate"),
    ],
)
def test_bad_input_names_the_field(facts, texts, rates, field):
    with pytest.raises(OfferError, match=field):
        compare_texts(texts, facts, rate_texts=rates)


def test_years_are_bounded_and_offers_counted(facts):
    with pytest.raises(OfferError, match="--years"):
        years_of(f"{SF}$180K base", facts, years=0)
    one = years_of(f"{SF}$180K base", facts)
    with pytest.raises(OfferError, match="at most 4"):
        compare_years([one] * 5)


def test_coach_compare_json_follows_the_design(capsys):
    args = ["compare", "--json", "--corpus", str(SHIPPED_CORPUS)]
    offers = [
        f"{SF}$200K base, $200K RSU over 4 years",
        f"{SF}$180K base, $400K RSU over 4 years, back-loaded",
    ]
    assert main([*args, *offers]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"offers", "leader"}
    assert set(payload["leader"]) == {"year_1", "overall", "changes_in_year"}
    for offer in payload["offers"]:
        assert set(offer) == {"label", "currency", "years", "sources"}
        assert [y["year"] for y in offer["years"]] == [1, 2, 3, 4]
        for year in offer["years"]:
            assert set(year) == {"year", "base", "bonus", "stock", "sign_on", "total", "cumulative"}
    assert payload["leader"]["changes_in_year"] == 3


def test_coach_compare_text_says_who_leads_and_when_it_changes(capsys):
    offers = [
        f"{SF}$200K base, $200K RSU over 4 years",
        f"{SF}$180K base, $400K RSU over 4 years, back-loaded",
    ]
    assert main(["compare", "--corpus", str(SHIPPED_CORPUS), *offers]) == 0
    out = capsys.readouterr().out
    assert "In year one Anyscale San Francisco leads" in out
    assert "Over 4 years (cumulative) Anyscale San Francisco #2 leads" in out
    assert "The lead changes in year 3" in out


def test_coach_compare_bad_input_is_one_line(capsys):
    assert main(["compare", "--corpus", str(SHIPPED_CORPUS), f"{SF}$180K base, vesting 50/40"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: offer A: vesting schedule") and "90%" in err
