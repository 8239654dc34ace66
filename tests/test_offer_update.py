"""An earlier offer changed by a later turn (assistant.engine.offer_update): moved to another
region's row, or with the components the later turn states put in place."""

from __future__ import annotations

from assistant.engine.offer import Offer
from assistant.engine.offer_update import moved_to, with_changes

EARLIER = Offer(
    company="Anyscale",
    currency="USD",
    base=175_000,
    stock=130_000,
    stock_years=4,
    stock_basis="grant",
    bonus_pct=5,
    region="San Francisco",
    tc=240_000,
)


def test_a_later_base_replaces_the_base_and_keeps_the_rest():
    changed = with_changes(EARLIER, Offer(company="Anyscale", currency="USD", base=190_000))
    assert (changed.base, changed.stock, changed.bonus_pct, changed.region) == (
        190_000,
        130_000,
        5,
        "San Francisco",
    )
    assert changed.tc is None  # the old total no longer adds up


def test_a_later_text_with_no_component_changes_nothing():
    assert with_changes(EARLIER, Offer(company="Anyscale")) == EARLIER


def test_an_offer_moves_only_to_a_row_its_company_has():
    assert moved_to(EARLIER, "New York", ["San Francisco", "New York"]).region == "New York"
    assert moved_to(EARLIER, "Seattle (US)", ["San Francisco", "New York"]) == EARLIER
    assert moved_to(EARLIER, None, ["San Francisco"]) == EARLIER


def test_amounts_in_another_currency_replace_the_offer_without_converting():
    # "sorry i meant beijing, and it's 80w cny total": no USD component stays beside CNY
    later = Offer(company="", currency="CNY", tc=800_000, region="Beijing")
    changed = with_changes(EARLIER, later)
    assert (changed.currency, changed.tc, changed.base, changed.stock) == (
        "CNY",
        800_000,
        None,
        None,
    )
    assert (changed.company, changed.region) == ("Anyscale", "Beijing")


def test_a_lone_corrected_figure_replaces_the_one_amount_it_is_near_and_says_so():
    from assistant.engine.offer import Unassigned

    def lone(value: float) -> Offer:
        return Offer(
            company="Anyscale", unassigned=(Unassigned(f"{value / 1000:g}k", value, "", "?"),)
        )

    only_base = Offer(company="Anyscale", currency="USD", base=170_000, region="Seattle (US)")
    changed = with_changes(only_base, lone(175_000))  # "wait its actually 175k"
    assert changed.base == 175_000
    assert "'175k' read as your base salary (it replaces $170K)" in changed.notes[-1]
    assert with_changes(only_base, lone(900_000)) == only_base  # near nothing: not guessed
    assert with_changes(EARLIER, lone(150_000)) == EARLIER  # near base and stock: not guessed


def test_the_same_figure_in_another_currency_corrects_the_offers_currency():
    from assistant.engine.offer import Unassigned

    london = Offer(company="Anyscale", currency="GBP", base=140_000, stock=100_000, stock_years=4)
    said = Offer(company="Anyscale", unassigned=(Unassigned("$140k", 140_000, "USD", "?"),))
    changed = with_changes(london, said)  # "its $140k usd, not pounds"
    assert (changed.currency, changed.base, changed.stock) == ("USD", 140_000, 100_000)
    assert "read as the offer being in USD, not GBP" in changed.notes[-1]
    other = Offer(company="Anyscale", unassigned=(Unassigned("$150k", 150_000, "USD", "?"),))
    assert with_changes(london, other) == london  # (no figure of the offer: not guessed)
