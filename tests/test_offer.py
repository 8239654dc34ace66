"""The offer parser: the phrasings people use, questions instead of guesses, impossible values."""

import pytest

from assistant.engine.offer import offer_from_fields, parse_offer
from assistant.errors import OfferError

K = 1_000
COMPANIES = ["Alibaba", "Anyscale"]
REGIONS = {
    "Anyscale": ["San Francisco", "New York", "London"],
    "Alibaba": [
        "Bay Area / Sunnyvale (US R&D)",
        "Seattle (US)",
        "Hangzhou (HQ)",
        "Beijing",
        "Singapore",
    ],
}
CURRENCY = {  # (each row's currency, as the guides give it)
    ("Anyscale", "San Francisco"): "USD",
    ("Anyscale", "New York"): "USD",
    ("Anyscale", "London"): "GBP",
    ("Alibaba", "Bay Area / Sunnyvale (US R&D)"): "USD",
    ("Alibaba", "Seattle (US)"): "USD",
    ("Alibaba", "Hangzhou (HQ)"): "CNY",
    ("Alibaba", "Beijing"): "CNY",
    ("Alibaba", "Singapore"): "SGD",
}
YEARS = {key: 4 for key in CURRENCY}


def parse(text):
    return parse_offer(text, COMPANIES, REGIONS, band_currency=CURRENCY, vesting_years=YEARS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Anyscale San Francisco offer: $175K base, $130K RSU over 4 years, 5% bonus",
            dict(
                company="Anyscale",
                region="San Francisco",
                currency="USD",
                base=175 * K,
                stock=130 * K,
                stock_years=4,
                stock_basis="grant",
                bonus_pct=5,
            ),
        ),
        (
            "Alibaba Seattle: base 160k; rsu 90k; 15% bonus",
            dict(
                company="Alibaba",
                region="Seattle (US)",
                currency="USD",
                base=160 * K,
                stock=90 * K,
                stock_years=4,
                bonus_pct=15,
            ),
        ),
        (
            "Alibaba Hangzhou, CNY 450K base",
            dict(region="Hangzhou (HQ)", currency="CNY", base=450 * K, stock=None),
        ),
        (
            "Anyscale London: £130K base",
            dict(region="London", currency="GBP", base=130 * K),
        ),
        (
            "Alibaba Hangzhou: base 500K, RSU 1.2M CNY over 4 years",
            dict(currency="CNY", base=500 * K, stock=1_200 * K, stock_years=4),
        ),
        ("Anyscale SF, base salary 175,000", dict(region="San Francisco", base=175 * K)),
        ("Anyscale NYC $175k/yr base", dict(region="New York", base=175 * K, currency="USD")),
        ("Anyscale SF base $175k/yr, equity $40K/yr", dict(stock=40 * K, stock_basis="per_year")),
        (  # a figure the message takes back gives way to its correction
            "alibaba seattle: base 170, rsu 100k over 4 — wait no, just re-checked, its 110k "
            "rsu over 4 yrs",
            dict(stock=110 * K, stock_years=4),
        ),
        (  # the stock word written against the "/yr": "40k rsu/yr"
            "alibaba seattle: 180 base + 40k rsu/yr + 15% bonus",
            dict(base=180 * K, stock=40 * K, stock_basis="per_year"),
        ),
        ("Anyscale SF $180K base and a $20K signing bonus", dict(base=180 * K, sign_on=20 * K)),
        ("Anyscale SF $180K base, $30K bonus", dict(bonus_amount=30 * K, bonus_pct=None)),
        ("Anyscale SF $180K base. My floor is 190k", dict(base=180 * K, floor=190 * K)),
        ("Alibaba Seattle: base 170k, 15% target bonus", dict(base=170 * K, bonus_pct=15)),
        (  # a percentage named for nothing in the offer's list is its bonus
            "alibaba sunnyvale devops: 170k base / 100k rsu / 15%. can i still counter",
            dict(base=170 * K, stock=100 * K, bonus_pct=15),
        ),
        (  # the years in words, and a cliff that is no vesting period
            "Anyscale NY. Base: $171,000. Equity: $140,000 in RSUs vesting over four years "
            "(1-year cliff).",
            dict(stock=140 * K, stock_years=4),
        ),
        (  # an amount vesting over years is a grant, its word far before it
            "Anyscale NYC: equity just came through, 120k over 4 yrs",
            dict(stock=120 * K, stock_years=4, base=None),
        ),
    ],
)
def test_offers_are_read_the_way_people_write_them(text, expected):
    offer = parse(text)
    for name, value in expected.items():
        assert getattr(offer, name) == value, (name, offer)
    assert offer.unassigned == ()


def test_a_pasted_summary_is_read_cell_by_cell_with_its_lines_joined():
    """A summary pasted as "Field $X | Field $Y" with its lines joined (as a chat question is):
    each cell's figure is its own label's, not the next word's ("Relo $8,000 lump | … is my
    base in the seattle band" left base at $8K)."""
    offer = parse(
        "Offer summary — Alibaba, Senior DevOps Engineer, Seattle Base $165,000 | RSU $100,000 "
        "/ 4 yrs (vest 25% yearly) | Bonus target 15% | Sign-on $20,000 | Relo $8,000 lump | "
        "Start Aug 4 is my base in the seattle band, and whats the stock band?"
    )
    assert (offer.base, offer.stock, offer.stock_years) == (165 * K, 100 * K, 4)
    assert (offer.bonus_pct, offer.sign_on) == (15, 20 * K)


def test_a_competing_offer_keeps_its_own_company_and_total_comp():
    offer = parse("Anyscale SF $175K base. I also have an AWS offer at $300K TC. my floor is 190k")
    assert offer.company == "Anyscale" and offer.base == 175 * K
    (aws,) = offer.competing
    assert (aws.company, aws.tc, aws.currency, aws.base) == ("AWS", 300 * K, "USD", None)
    assert offer.floor == 190 * K


def test_a_pasted_letter_with_labels_and_a_titled_rival_offer():
    offer = parse(
        "alibaba seattle devops offer:\nBase: 172,500 USD\nRSU: USD 100,000 / 4 yrs\n"
        "Bonus: 15%\ni have an amazon SysDE offer at about $290k TC. what do i counter with"
    )
    assert (offer.base, offer.stock, offer.stock_years, offer.bonus_pct) == (
        172_500,
        100 * K,
        4,
        15,
    )
    (amazon,) = offer.competing
    assert (amazon.company, amazon.tc) == ("Amazon", 290 * K)


def test_the_guides_base_slash_stock_shorthand_is_read_for_a_competing_offer():
    offer = parse("Anyscale New York $190K base; NVIDIA is offering $213K / $255K RSU")
    (nvidia,) = offer.competing
    assert (nvidia.company, nvidia.base, nvidia.stock) == ("NVIDIA", 213 * K, 255 * K)
    assert offer.base == 190 * K


def test_a_default_is_stated_in_the_notes_never_silently_applied():
    offer = parse("Anyscale SF, base salary 175,000, rsu 100k")
    assert offer.currency == "USD" and offer.stock_years == 4
    assert any("read as USD" in note for note in offer.notes)
    assert any("over 4 years" in note for note in offer.notes)


@pytest.mark.parametrize(
    ("text", "asks_about"),
    [
        ("Anyscale London £130K", "£130K"),
        ("Anyscale SF $175K base, 15%", "15%"),
        ("Anyscale SF base $170K–$180K", "range"),
        ("Anyscale SF $95/hr base", "hourly"),
        ("Anyscale SF $175K base, $180K base", "two base"),
    ],
)
def test_an_amount_that_cannot_be_assigned_becomes_a_question(text, asks_about):
    offer = parse(text)
    assert offer.unassigned, offer
    assert any(asks_about in question for question in offer.all_questions())


@pytest.mark.parametrize("text", ["Anyscale SF $15K/month base", "Anyscale SF base $15K a month"])
def test_a_monthly_base_is_a_year_of_twelve_months_shown(text):
    offer = parse(text)
    assert offer.base == 180_000 and not offer.unassigned
    assert any("× 12 = 180,000 a year" in note for note in offer.notes)


def test_an_unknown_company_or_missing_region_is_asked_not_guessed():
    assert "Which company" in parse("$175K base, 5% bonus").all_questions()[0]
    offer = parse("Anyscale: $175K base")
    assert offer.region == "" and "San Francisco, New York, London" in offer.all_questions()[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Anyscale SF -$10K base", "negative"),
        ("Anyscale SF base $-10K", "negative"),
        ("Anyscale SF $500 base", "outside"),
        ("Anyscale SF $20M base", "outside"),
        ("Anyscale SF $175K base, 250% bonus", "over 200%"),
        ("Anyscale SF $175K base, $100K RSU over 0 years", "vesting"),
        ("Anyscale London £130K base, $100K RSU", "one currency"),
        ("   ", "empty"),
    ],
)
def test_impossible_values_are_clear_errors(text, message):
    with pytest.raises(OfferError, match=message):
        parse(text)


def test_fields_give_the_same_offer_as_text():
    fields = offer_from_fields(
        COMPANIES,
        REGIONS,
        company="anyscale",
        region="SF",
        base="$175K",
        stock="130K",
        vesting_years=4,
        bonus="5%",
        competing=["AWS $300K TC"],
        band_currency=CURRENCY,
    )
    text = parse(
        "Anyscale San Francisco offer: $175K base, $130K RSU over 4 years, 5% bonus. "
        "An AWS offer at $300K TC"
    )
    for name in ("company", "region", "currency", "base", "stock", "stock_years", "bonus_pct"):
        assert getattr(fields, name) == getattr(text, name), name
    assert [(c.company, c.tc) for c in fields.competing] == [("AWS", 300 * K)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (dict(base="-5K"), "negative"),
        (dict(base="lots"), "not an amount"),
        (dict(base="150K-170K"), "range"),
        (dict(base="175K", stock="100K"), "vesting-years"),
        (dict(base="175K", bonus="300%"), "over 200%"),
        (dict(base="175K", competing=["Google"]), "names no amount"),
    ],
)
def test_bad_fields_are_clear_errors(kwargs, message):
    with pytest.raises(OfferError, match=message):
        offer_from_fields(COMPANIES, REGIONS, company="Anyscale", region="SF", **kwargs)


def test_stock_per_year_after_the_component_word():
    from assistant.engine.offer import parse_offer

    for text in (
        "Northwind Labs Toronto: CA$160K base, CA$40K stock per year",
        "Northwind Labs Toronto: CA$160K base, CA$40K in RSUs a year",
        "Northwind Labs Toronto: CA$160K base, CA$40K equity yearly",
    ):
        offer = parse_offer(text, ["Northwind Labs"], {"Northwind Labs": ["Toronto (HQ)"]})
        assert (offer.stock, offer.stock_basis) == (40000, "per_year"), text


def test_stock_with_no_basis_and_no_guide_basis_is_asked_about():
    from assistant.engine.offer import parse_offer

    offer = parse_offer(
        "Northwind Labs Toronto: CA$160K base, CA$40K stock",
        ["Northwind Labs"],
        {"Northwind Labs": ["Toronto (HQ)"]},
    )
    assert offer.stock_basis == "grant" and offer.stock_years is None
    assert any("per year, or a grant" in q for q in offer.all_questions())


def test_a_competing_offer_typed_in_lower_case_is_its_own_package():
    offer = parse(
        "alibaba seattle offer: 150k base, 60k rsu over 4 years, 15% bonus. "
        "i also have a google sre offer at 300k tc"
    )
    assert offer.company == "Alibaba" and offer.tc is None
    assert [(p.company, p.tc) for p in offer.competing] == [("Google", 300 * K)]


def test_short_vesting_and_at_least_as_a_floor():
    offer = parse("anyscale sf: 170k base, 120k rsu/4y, 5% bonus. i want at least 185k")
    assert offer.stock_years == 4 and offer.floor == 185 * K
    assert not any("vesting" in note for note in offer.notes)


def test_a_bare_yen_sign_takes_the_currency_of_the_band_the_offer_names():
    offer = parse("alibaba hangzhou offered me ¥1.2M total, is that the top of the band??")
    assert offer.currency == "CNY" and offer.tc == 1_200 * K
    assert any("'¥' is read as CNY" in note for note in offer.notes)
    with pytest.raises(OfferError, match="CNY or JPY"):  # a USD band says nothing about "¥"
        parse("Anyscale SF offer: ¥1,000,000 base")


def test_the_component_word_nearer_an_amount_names_it():
    # "equity as '$38,000 annually' … quotes the total grant": stock a year, not a total
    offer = parse_offer(
        "anyscale nyc devops. my offer shows equity as '$38,000 annually' instead of a 4 year "
        "number which is confusing me bc everyone online quotes the total grant.",
        ["Anyscale"],
        {"Anyscale": ["New York"]},
    )
    assert (offer.stock, offer.stock_basis, offer.tc) == (38_000, "per_year", None)


@pytest.mark.parametrize(
    ("text", "base", "stock", "noted"),
    [
        ("alibaba seattle base 170, bonus 15%, rsu 110k over 4 yrs", 170_000, 110_000, True),
        ("anyscale sf: 205 base / 180k rsu over 4y", 205_000, 180_000, True),
        ("anyscale sf base salary 175,000 and 15% bonus", 175_000, None, False),  # as written
        ("anyscale sf devops offer 195 / 160k rsu / 8%", 195_000, 160_000, True),  # before a slash
        ("anyscale sf: 2024 / 160k rsu", None, 160_000, False),  # (a year is no base)
    ],
)
def test_a_bare_figure_beside_a_pay_word_is_thousands_and_said_so(text, base, stock, noted):
    offer = parse_offer(text, ["Anyscale", "Alibaba"], {"Anyscale": ["San Francisco"]})
    assert (offer.base, offer.stock) == (base, stock)
    assert any("read in thousands" in note for note in offer.notes) is noted


def test_a_components_own_total_is_that_component_not_total_comp():
    offer = parse("alibaba seattle offer, rsu is 95k total vesting 4 yrs. am i getting shorted")
    assert offer.stock == 95 * K and offer.stock_years == 4 and offer.tc is None
    offer = parse("alibaba seattle: rsu is 95k total comp")  # (named as total comp, it is)
    assert offer.tc == 95 * K and offer.stock is None


def test_a_labelled_field_keeps_its_label_whatever_follows_the_amount():
    offer = parse("alibaba sunnyvale letter:\nBase Salary: USD 176,000\nAnnual Bonus: 15% target")
    assert offer.base == 176_000 and offer.bonus_pct == 15


def test_a_dash_with_a_space_each_side_separates_and_is_no_minus():
    offer = parse_offer(
        "anyscale nyc - 170 base / 130k rsu 4yr / 5% bonus. counter to what",
        ["Anyscale"],
        {"Anyscale": ["New York"]},
    )
    assert (offer.base, offer.stock) == (170_000, 130_000)
    with pytest.raises(OfferError, match="negative"):
        parse_offer("anyscale nyc base -170k", ["Anyscale"], {"Anyscale": ["New York"]})


def test_a_percentage_with_words_of_its_own_is_not_read_as_the_bonus():
    offer = parse("Anyscale SF $180K base, 10% more than my current job")
    assert offer.bonus_pct is None


def test_an_offer_naming_only_a_currency_is_placed_in_the_one_band_in_it():
    singapore = parse("S$ offer from alibaba just landed: base 130k, rsu 60k/4y, bonus 15%")
    assert (singapore.region, singapore.currency, singapore.base) == ("Singapore", "SGD", 130 * K)
    assert any("its only band in SGD" in note for note in singapore.notes)
    dollars = parse("alibaba offer: $170k base, 15% bonus")  # (two US rows: which one?)
    assert dollars.region == "" and dollars.questions
