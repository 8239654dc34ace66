"""Entity recognition, intent and follow-up rewriting, over a catalog shaped like the corpus."""

from __future__ import annotations

import pytest

from assistant.understanding.entities import (
    Catalog,
    find_company,
    find_region,
    find_role,
    match_region,
    regions_named,
)
from assistant.understanding.question import ConversationState, understand

ALIBABA_ROWS = [
    "Bay Area / Sunnyvale (US R&D)",
    "Seattle (US)",
    "Hangzhou (HQ)",
    "Beijing",
    "Singapore",
]
ANYSCALE_ROWS = ["San Francisco", "New York", "London"]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.build(
        ["Alibaba", "Anyscale", "Northwind Cloud", "Northwind Labs", "Quillfeather Systems"],
        {
            "Alibaba": ALIBABA_ROWS,
            "Anyscale": ANYSCALE_ROWS,
            "Quillfeather Systems": ["Kraków (PL)"],
        },
        kinds={"Alibaba": ["negotiation", "interview"], "Anyscale": ["negotiation"]},
        roles={
            "Alibaba": ["DevOps Engineer"],
            "Quillfeather Systems": ["Data Engineer", "ML Engineer"],
        },
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what does Alibaba pay", "Alibaba"),
        ("ALIBABA seattle", "Alibaba"),
        ("alibab sunnyvale stock", "Alibaba"),  # one letter dropped
        ("anyscal london", "Anyscale"),
        ("Any Scale offer", "Anyscale"),  # written as two words
        ("alibaba cloud devops", "Alibaba"),
        ("AliCloud devops pay", "Alibaba"),  # an alias
        ("quillfeather data engineer", "Quillfeather Systems"),  # a unique first word
        ("northwind salary", None),  # "Northwind" is two companies: no guess
        ("Northwind Labs salary", "Northwind Labs"),
        ("google sre salary", None),
        ("scale of the infrastructure", None),
    ],
)
def test_find_company(catalog, text, expected):
    assert find_company(text, catalog.companies) == expected


@pytest.mark.parametrize(
    ("text", "labels", "expected"),
    [
        ("alibaba sunnyvale base", ALIBABA_ROWS, "Bay Area / Sunnyvale (US R&D)"),
        ("bay area stock", ALIBABA_ROWS, "Bay Area / Sunnyvale (US R&D)"),
        ("Alibaba SF", ALIBABA_ROWS, "Bay Area / Sunnyvale (US R&D)"),  # same metro area
        ("anyscale sf base", ANYSCALE_ROWS, "San Francisco"),
        ("NYC pay", ANYSCALE_ROWS, "New York"),
        ("new york city", ANYSCALE_ROWS, "New York"),
        ("Hangzhou HQ", ALIBABA_ROWS, "Hangzhou (HQ)"),
        ("Singapur TC", ALIBABA_ROWS, "Singapore"),  # a typo
        ("seatle base", ALIBABA_ROWS, "Seattle (US)"),
        ("Bellevue offer", ALIBABA_ROWS, "Seattle (US)"),
        ("krakow data engineer", ["Kraków (PL)"], "Kraków (PL)"),  # accents folded
        ("Kraków data engineer", ["Kraków (PL)"], "Kraków (PL)"),  # a label the aliases lack
        ("London", ALIBABA_ROWS, None),
        ("what is the base", ALIBABA_ROWS, None),
        ("la la land", ["Los Angeles"], None),  # "LA" only in capitals
        ("LA office", ["Los Angeles"], "Los Angeles"),
    ],
)
def test_find_region(text, labels, expected):
    assert find_region(text, labels) == expected


def test_a_place_without_a_row_is_reported_not_mapped():
    match = match_region("Anyscale Seattle base", ANYSCALE_ROWS)
    assert match is not None and match.label is None and match.place == "seattle"


def test_find_role_prefers_the_named_role():
    roles = ["Data Engineer", "ML Engineer", "Senior Data Engineer"]
    assert find_role("quillfeather ML engineer pay", roles) == "ML Engineer"
    assert find_role("data engineer in krakow", roles) == "Data Engineer"
    assert find_role("pay in krakow", roles) is None


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("What's the base salary for DevOps at Anyscale in SF?", "comp"),
        ("how much does alibaba pay in singapore", "comp"),
        ("I got $175K base and $130K RSU from Anyscale, what should I counter with?", "counter"),
        ("Should I accept the offer?", "counter"),
        ("what % bump should i ask alibaba for", "counter"),
        ("is asking for 10 percent more too much at anyscale?", "counter"),
        ("what levers do I have at alibaba", "lever"),
        ("how big a sign-on bonus can I ask Alibaba for?", "lever"),
        ("what should I say to negotiate up at Anyscale?", "lever"),
        ("what questions do they ask in the alibaba interview", "interview"),
        ("how many onsite rounds are there?", "interview"),
        ("what level is Alibaba DevOps at Google", "general"),
        ("What's the weather in London?", "out_of_scope"),
        ("write me a poem about cats", "out_of_scope"),
    ],
)
def test_intent(catalog, question, intent):
    assert understand(question, catalog).intent == intent


def test_unknown_company_and_place_are_named(catalog):
    understood = understand("Google SRE salary in Zurich", catalog)
    assert understood.company is None
    assert understood.unknown_company == "google"
    assert understood.unknown_region == "zurich"


def test_component(catalog):
    assert understand("alibaba seattle RSUs", catalog).component == "stock"
    assert understand("alibaba signing bonus", catalog).component == "sign_on"
    assert understand("anyscale london TC", catalog).component == "total"
    assert understand("anyscale london bonus", catalog).component == "bonus"


def converse(catalog, *questions):
    state, turns = ConversationState(), []
    for question in questions:
        understood = understand(question, catalog, state)
        turns.append(understood)
        state = understood.state
    return turns


def test_and_in_london_keeps_company_and_intent(catalog):
    first, second = converse(
        catalog, "What's the base salary at Anyscale in San Francisco?", "and in London?"
    )
    assert second.followup
    assert (second.company, second.region, second.intent) == ("Anyscale", "London", "comp")
    assert "Anyscale" in second.query and "base salary" in second.query


def test_what_about_the_bonus_keeps_company_and_region(catalog):
    *_, third = converse(
        catalog, "alibaba singapore base salary?", "and in Seattle?", "what about the bonus?"
    )
    assert (third.company, third.region, third.component) == ("Alibaba", "Seattle (US)", "bonus")
    assert "Alibaba" in third.query and "Seattle" in third.query


def test_a_counter_question_two_turns_after_the_offer(catalog):
    *_, last = converse(
        catalog,
        "I have an Anyscale offer in NYC: $175K base, $130K RSU over 4 years",
        "what levers do they list?",
        "so what should I counter with?",
    )
    assert (last.intent, last.company, last.region) == ("counter", "Anyscale", "New York")


def test_a_follow_up_about_a_missing_row_says_so(catalog):
    _, second = converse(catalog, "anyscale new york tc", "and Seattle?")
    assert second.company == "Anyscale" and second.region is None
    assert second.unknown_region == "seattle"


def test_an_off_topic_turn_does_not_inherit(catalog):
    _, second = converse(catalog, "anyscale london base", "What's the weather in London?")
    assert second.intent == "out_of_scope" and second.company is None


def test_a_new_company_replaces_the_old_one(catalog):
    _, second = converse(catalog, "anyscale london base", "and alibaba?")
    assert second.company == "Alibaba" and second.region is None


def test_a_level_comparison_keeps_the_subject(catalog):
    _, second = converse(catalog, "anyscale london devops salary", "what level is that at google?")
    assert second.company == "Anyscale" and second.unknown_company is None
    assert second.intent == "general"


def test_several_companies_are_all_named(catalog):
    understood = understand("Alibaba Seattle vs Anyscale's SF pay", catalog)
    assert understood.company == "Alibaba"
    assert understood.other_companies == ("Anyscale",)


def test_words_of_the_guides_themselves_are_in_scope():
    catalog = Catalog.build(["Alibaba"], vocabulary=["apsara", "write", "singl"])
    assert understand("what is Apsara?", catalog).intent == "general"
    # One known word among unknown ones does not make a poem request a job question.
    assert understand("write me a poem about cats", catalog).intent == "out_of_scope"
    assert understand("what is Apsara?", Catalog.build(["Alibaba"])).intent == "out_of_scope"


def test_a_city_the_corpus_lacks_is_still_recognised_as_a_place(catalog):
    understood = understand("alibaba dallas base salary", catalog)
    assert understood.region is None and understood.unknown_region == "dallas"
    assert understand("alibaba oakland base", catalog).region == "Bay Area / Sunnyvale (US R&D)"


def test_what_later_stages_need_from_the_words_is_read_once(catalog):
    compared = understand("Alibaba Seattle vs Anyscale's SF pay", catalog)
    assert compared.regions_by_company == {"Alibaba": "Seattle (US)", "Anyscale": "San Francisco"}
    assert compared.compares and not compared.asks_levels
    assert compared.regions_named(["San Francisco", "Seattle (US)", "London"]) == [
        "Seattle (US)",
        "San Francisco",
    ]
    assert "regions_by_company" not in compared.to_json()  # the JSON stays as it was
    assert understand("what's a P6 at Alibaba equivalent to?", catalog).asks_levels
    interview = understand("what questions come up in the alibaba onsite?", catalog)
    assert interview.asks_interviews and interview.asks_examples
    skill = understand("alibaba kubernetes questions", catalog)
    assert skill.asks_examples and not skill.asks_interviews
    assert understand("anyscale base", catalog).regions_by_company == {}


def test_regions_named_at_one_place_keep_the_order_given():
    labels = ["London (UK)", "London (EMEA hub)", "Seattle"]
    catalog = Catalog.build(["Ferrbrook"], {"Ferrbrook": labels})
    understood = understand("ferrbrook seattle or london base?", catalog)
    assert understood.regions_named(labels) == ["Seattle", "London (UK)", "London (EMEA hub)"]
    assert understood.regions_named(labels[::-1]) == [
        "Seattle",
        "London (EMEA hub)",
        "London (UK)",
    ]
    assert understood.regions_named(labels) == regions_named("ferrbrook seattle or london", labels)


@pytest.mark.parametrize(
    ("message", "offer"),
    [
        ("alibaba sg 180k sgd base ok?", True),  # a figure asked about is the user's own
        ("anyscale london 140k gbp base low?", True),
        ("nyc offer 175 base counter to", True),  # a bare figure beside a pay word
        ("is 45k sign on ok to ask for?", False),  # a figure the user would ask for
        ("the base is now £300K", False),
    ],
)
def test_which_messages_state_an_offer(message, offer):
    from assistant.understanding.conversation import states_offer

    assert states_offer(message) is offer
