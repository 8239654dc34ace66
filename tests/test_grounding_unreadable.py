"""The grounding check and figures money refuses to read (issue 17, item 5, in a model's reply).

A model that writes "$175KK", "$17_5000" or "$1e308" states no figure the sources hold. Before,
the check read none of them (money leaves unreadable figures out) or read "$1e308" as infinity,
which any value "matched": the sentence passed. Now each is ungrounded, and the sentence is
dropped, unless it quotes the user's own words ("I cannot read '$17_5000' as an amount").
The sources below hold every shorter figure those spellings could be misread as ($175, $17,
$1, $175K), so a misreading would pass the check. Real grounding calls; no model.
"""

from __future__ import annotations

import pytest

from assistant.answer import Citation
from assistant.compose.core import Draft
from assistant.compose.grounding import GroundingSources, check, repair, unreadable_in
from assistant.compose.verify import model_answer

PASSAGE = (
    "| Seattle (US) | $150K–$215K | $70K–$200K | 15% | $205K–$330K |\n"
    "Small print: $175, $17, $1, $1.75, $175K, $17.5K, 175,000 and 1e5 appear here."
)
SOURCES = GroundingSources(passages=[PASSAGE], user_texts=["what should I counter at Alibaba?"])
NINES = "9" * 400

UNREADABLE_REPLIES = [
    ("Counter at $175KK [1].", "$175KK"),
    ("Counter at $175kk base [1].", "$175kk"),
    ("Counter at $17_5000 [1].", "$17_5000"),
    ("Counter at $1,7500 [1].", "$1,7500"),
    ("Counter at $150K_000 [1].", "$150K_000"),
    ("Counter at $1e308.", "$1e308"),
    ("Counter at $1e308 and hold [1].", "$1e308"),
    ("Counter at $1e5e5 [1].", "$1e5e5"),
    (f"Counter at ${NINES} [1].", f"${NINES}"),
    (f"Counter at {NINES} dollars [1].", NINES),
]


@pytest.mark.parametrize(("reply", "figure"), UNREADABLE_REPLIES)
def test_an_unreadable_or_absurd_figure_is_ungrounded(reply, figure):
    report = check(reply, {1}, SOURCES)
    assert not report.ok
    assert report.ungrounded == (figure,)
    assert report.bad_sentences == (reply,)
    assert report.numeric_faithfulness < 1.0


def test_repair_drops_the_sentences_with_unreadable_figures_only():
    reply = (
        "Seattle base runs $150K–$215K [1]. Ask for $175KK to start [1].\n\n"
        "- Floor: $17_5000\n"
        "- Bonus 15% [1]"
    )
    fixed = repair(reply, {1}, SOURCES)
    assert fixed.dropped == ("Ask for $175KK to start [1].", "- Floor: $17_5000")
    assert fixed.text == "Seattle base runs $150K–$215K [1].\n\n- Bonus 15% [1]"
    assert check(fixed.text, {1}, SOURCES).ok


def test_quoting_the_users_unreadable_figure_is_grounded():
    sources = GroundingSources(
        passages=[PASSAGE], user_texts=["Alibaba Seattle: $17_5000 base, $1e308 RSU. Counter?"]
    )
    reply = "I cannot read '$17_5000' as an amount. The RSU '$1e308' is not a plausible pay figure."
    assert check(reply, set(), sources).ok
    # The user's words ground only themselves: another spelling is still ungrounded.
    assert check("Ask for $175KK.", set(), sources).ungrounded == ("$175KK",)


def test_unreadable_in_gives_where_each_figure_is():
    text = "Base $175KK [1], stock $17_5000; bonus 15% and $150K."
    found = unreadable_in(text)
    assert [(m.text, text[m.start : m.start + len(m.text)]) for m in found] == [
        ("$175KK", "$175KK"),
        ("$17_5000", "$17_5000"),
    ]


def test_readable_spellings_still_ground_as_their_value():
    # Money reads these exactly; each is a value the passage holds.
    for reply in ("Counter at $ 175 K [1].", "Counter at $1,75,000 [1].", "Counter at $175K [1]."):
        assert check(reply, {1}, SOURCES).ok, reply


def test_a_model_reply_with_an_unreadable_figure_is_not_shown():
    row = "Alibaba DevOps\n" + PASSAGE
    draft = Draft(
        text="Seattle base: **$150K–$215K** [1].",
        citations=(Citation(1, "b289584e14b5528e3acf02ca", "corpus/a.md", "Alibaba", "", row),),
        refused=False,
        intent="comp",
    )
    reply = "Seattle base runs $150K–$215K [1]. Counter at $175KK [1]."
    answer = model_answer(draft, reply, "llamacpp", ("what should I counter?",))
    assert "$175KK" not in answer.answer
    assert answer.grounding.status == "repaired"
    assert answer.grounding.ungrounded == ("$175KK",)
