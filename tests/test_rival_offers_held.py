"""The competing offers the user holds, said with their own figures, through the real pipeline
(real MiniLM, Chroma on disk, the built-in composer), and the pure rules:

- "i have databricks devops at 205 base / 230k rsu and anyscale sf at 182 base / 160k rsu":
  both offers are held ("and anyscale sf at 182…" is the user's own, not only the rival's),
  so the counter places $182K in the San Francisco band;
- the guide's competing-offers lever line ("NVIDIA is offering $213K / $255K RSU and
  Databricks is at $208K / $235K RSU. I need…") is said with the user's Databricks figures and
  without the NVIDIA offer they do not hold (a rival only named, "what if i also get a
  databricks offer?", keeps the guide's clause; "no nvidia or anything else" names none);
- a rival told later in the talk ("actually i do have databricks now, 204 base 220k rsu")
  joins the offer already given, in its currency, and the lever line uses its figures, also
  when the lever is asked for in a later turn ("which lever should i use?");
- a figure the user asks for ("sent my counter to anyscale nyc asking 205 base", "i want to
  ask 205 base") is not read as the offer's: the counter asks what the offer gives, or puts
  the user's figure as their own ask.

Leaves out: the rest of the counter's layout (tests/test_counter*.py).
"""

from __future__ import annotations

import pytest
from test_answer_first import converse

from assistant.coach import Coach
from assistant.compose.rival_line import named_as_held, with_held_figures
from assistant.engine.offer import Offer, Package, parse_offer
from assistant.engine.offer_update import with_changes
from assistant.understanding.entities import normalize
from assistant.understanding.held_offers import offer_from

LINE = (
    '"NVIDIA is offering $213K / $255K RSU and Databricks is at $208K / $235K RSU. '
    'I need $213K base and $225K equity to choose Anyscale."'
)
DATABRICKS = Package(company="Databricks", currency="USD", base=205_000, stock=230_000)


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


def test_the_line_says_the_held_rivals_figures_and_drops_the_others():
    said = with_held_figures(LINE, [DATABRICKS])
    assert said.startswith('"Databricks is at $205K / $230K RSU.')
    assert "NVIDIA" not in said and "$208K" not in said
    assert said.endswith('I need $213K base and $225K equity to choose Anyscale."')


def test_a_rival_named_without_figures_keeps_the_guides_clause():
    nvidia = Package(company="NVIDIA", currency="USD", base=213_000, stock=255_000)
    said = with_held_figures(LINE, [nvidia], named=["NVIDIA", "Databricks"])
    assert said.startswith('"NVIDIA is at $213K / $255K RSU and Databricks is at $208K / $235K')


def test_a_rival_named_only_as_none_held_is_not_named():
    question = "my only other offer is databricks at 208k base (no nvidia or anything else)"
    assert named_as_held(question, ["NVIDIA", "Databricks"]) == ["Databricks"]
    assert named_as_held("got goog l4 sre offer", ["Google"]) == ["Google"]  # (spelled so)
    said = with_held_figures(LINE, [DATABRICKS], named_as_held(question, ["NVIDIA"]))
    assert "NVIDIA" not in said


def test_the_line_is_kept_when_no_rival_it_names_is_held():
    amazon = Package(company="Amazon", currency="USD", tc=300_000)
    assert with_held_figures(LINE, [amazon]) == LINE
    assert with_held_figures(LINE, []) == LINE
    stockless = Package(company="NVIDIA", currency="USD", tc=400_000)
    assert with_held_figures(LINE, [stockless]).startswith('"NVIDIA is at $400K TC.')


def test_a_second_offer_held_in_the_same_breath_is_an_offer_from_it():
    told = normalize("i have databricks devops at 205 base / 230k rsu and anyscale sf at 182 base")
    assert offer_from(told, "Anyscale")
    assert not offer_from(normalize("i have databricks devops at 205 base"), "Anyscale")


def test_a_rival_told_later_joins_the_offer_in_its_currency():
    earlier = Offer(company="Anyscale", region="New York", currency="USD", base=172_000)
    later = Offer(
        company="Anyscale",
        competing=(Package(company="Databricks", base=204_000, stock=220_000),),
    )
    joined = with_changes(earlier, later)
    assert joined.base == 172_000
    assert [(p.company, p.base, p.currency) for p in joined.competing] == [
        ("Databricks", 204_000, "USD")
    ]
    again = Offer(company="Anyscale", competing=(Package(company="Databricks", base=210_000),))
    assert [p.base for p in with_changes(joined, again).competing] == [210_000]


@pytest.mark.parametrize(
    "turns",
    [
        ("anyscale sf offered me 180k base", "i also have nvidia at 205k base"),
        ("nvidia offered me 205k base. i'm talking to anyscale in sf",),
    ],
)
def test_a_rival_told_in_an_earlier_turn_picks_the_lever_asked_for_later(coach, turns):
    for later in ("which lever should i use?", "which lever should i use with anyscale?"):
        answer = converse(coach, *turns, later)[-1].answer
        first = answer.split("\n")[0]
        assert "**Competing Infrastructure Offers**" in first and "NVIDIA" in first
        assert '"NVIDIA is at $205K. I need $213K base' in answer  # (its figure, in dollars)


def test_both_offers_in_one_message_counter_the_users_own(coach):
    answer = coach.ask(
        "is it ok to use my other offer? i have databricks devops at 205 base / 230k rsu and "
        "anyscale sf at 182 base / 160k rsu. i like anyscale more, i dont want them to think "
        "im just shopping around"
    ).answer
    assert "Your base ($182K)" in answer
    assert "Databricks is at $205K / $230K RSU" in answer
    assert "Databricks is at $208K" not in answer


def test_a_rival_told_mid_talk_is_said_with_its_figures(coach):
    answers = converse(
        coach,
        "anyscale nyc devops offered 172 base / 150k rsu / 5%. what do i counter with?",
        "actually i do have databricks now, 204 base 220k rsu. is it ok to use it with anyscale?",
    )
    answer = answers[-1].answer
    assert "Databricks is at $204K / $220K RSU" in answer
    assert "Databricks: base $204K" in answer  # (the offers side by side)
    assert "Your base ($172K)" in answer


REGIONS = {"Anyscale": ["San Francisco", "New York", "London"]}


@pytest.mark.parametrize(
    "text, base",
    [
        ("sent my counter to anyscale nyc asking 205 base. what if they say no?", None),
        ("i asked anyscale nyc for 205 base, what if they say no", None),
        ("anyscale nyc offered 180 base, i countered with 205 base", 180_000),
        ("anyscale nyc offered 180 base. i want to ask 205 base", 180_000),
        ("anyscale nyc offer: 205 base, 150k rsu", 205_000),
        ("i asked for 213, anyscale nyc countered with 200 base", 200_000),  # (theirs)
        ("anyscale nyc recruiter proposed 190 base", 190_000),
    ],
)
def test_a_figure_asked_for_is_not_the_offers(text, base):
    offer = parse_offer(text, ["Anyscale"], REGIONS)
    assert offer.base == base and not offer.unassigned
    if base is None or base == 180_000:
        assert any("what you ask for" in note for note in offer.notes)


def test_a_counter_sent_asks_what_the_offer_gives(coach):
    answer = coach.ask(
        "sent my counter to anyscale nyc asking 205 base. now im spiraling. what if they just "
        "say no?? do i walk away or cave"
    ).answer
    assert "Your base ($205K)" not in answer
    assert "$198K" in answer  # (the guide's floor)
    assert "What base salary does the Anyscale offer give?" in answer
