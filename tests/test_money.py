import pytest

from assistant.money import find_amounts, format_money, parse_amount


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("$155K–$220K", 155_000, 220_000, "USD"),
        ("CNY 400K–CNY 740K", 400_000, 740_000, "CNY"),
        ("CNY 600K–CNY 1.2M", 600_000, 1_200_000, "CNY"),
        ("SGD 110K–SGD 170K", 110_000, 170_000, "SGD"),
        ("£128K–£166K", 128_000, 166_000, "GBP"),
        ("15–25%", 15, 25, "%"),
        ("15%", 15, 15, "%"),
        ("5–10%", 5, 10, "%"),
        ("5-10%", 5, 10, "%"),
        ("1.2M CNY", 1_200_000, 1_200_000, "CNY"),
        ("175,000", 175_000, 175_000, ""),
        ("$175k", 175_000, 175_000, "USD"),
        ("$150–215K", 150_000, 215_000, "USD"),
        ("CNY 1.15M", 1_150_000, 1_150_000, "CNY"),
        ("RMB 500K", 500_000, 500_000, "CNY"),
        ("€90K to €110K", 90_000, 110_000, "EUR"),
    ],
)
def test_parse_amount_reads_guide_cells(text, low, high, unit):
    amount = parse_amount(text)
    assert amount is not None, text
    assert (amount.low, amount.high, amount.unit) == (low, high, unit)


@pytest.mark.parametrize("text", ["", "n/a", "competitive", "$100K–£120K", "$220K–$155K", "¥500K"])
def test_parse_amount_refuses_what_it_cannot_read(text):
    assert parse_amount(text) is None


def test_find_amounts_skips_years_and_small_counts_but_keeps_money():
    text = "Sources (2024-2026): 4 rounds. I need $213K base, a $[35K-55K] sign-on and 15% bonus."
    found = [(a.low, a.high, a.unit) for a, _, _ in find_amounts(text)]
    assert found == [(213_000, 213_000, "USD"), (35_000, 55_000, "USD"), (15, 15, "%")]


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (175_000, "USD", "$175K"),
        (1_200_000, "CNY", "CNY 1.2M"),
        (128_500, "GBP", "£128.5K"),
        (15, "%", "15%"),
    ],
)
def test_format_money_uses_the_guides_compact_form(value, unit, expected):
    assert format_money(value, unit) == expected


def test_a_retirement_plan_name_is_not_an_amount():
    assert list(find_amounts("alibaba seattle bonus % and do they do a 401k match?")) == []
    assert list(find_amounts("is a 403b offered")) == []
    assert [a.low for a, _, _ in find_amounts("$401k base")] == [401_000]  # money when said so


def test_a_hyphenated_code_is_not_an_amount():
    assert list(find_amounts("do they file h-1b or O-1 for an f-1 student?")) == []
    assert [a.low for a, _, _ in find_amounts("base-180k")] == [180_000]  # a dash after a word


def test_chinese_wan_is_ten_thousand_only_after_two_digits():
    read = [(a.low, a.raw) for a, _, _ in find_amounts("offered 60w base, 100万 total, 45 wan")]
    assert read == [(600_000, "60w"), (1_000_000, "100万"), (450_000, "45 wan")]
    assert not list(find_amounts("the offer expires in 2w"))  # two weeks, not money
    assert [a.low for a, _, _ in find_amounts("月薪 36k × 16 = 57.6w base")][-1] == 576_000


def test_vesting_years_are_read_in_shorthand():
    from assistant.engine.offer_words import years_said

    assert [years_said(t) for t in ("(4y vest)", "(4 yrs)", "4y vesting", "/4yr")] == [4] * 4
