"""Follow-ups that refer to what came before and figures the user quotes from a guide, through
the real pipeline (real MiniLM, Chroma on disk, the built-in composer), and the pure rules:

- "the second one, what base does it tell me to ask for" after the levers asks that lever, not
  the band, though it names a pay component;
- "if they cap base at 200 do i walk?" says the employer will not move the base, so the answer
  weighs it against the script's floor; "what base do i hold firm on?" asks for the floor;
- "shorter + less formal pls" and "way too long lol. 3 sentences max" restyle the last draft;
- "i see two equity numbers in the guide, 222 and 225. which one?" shows each figure in the
  script or lever sentence that gives it;
- "recruiter asked what im making now. what do i reply?" asks only how to answer a question
  the guides say nothing about, so it is refused; with a band asked beside it, it is not;
- "what's the 'Y' in Y+55K?" shows the script's sentences holding those blanks;
- "which anyscale lever is made for me and what base/equity does it quote?" quotes that
  lever and names the others without their figures;
- "…nvidia offered 213 base / 255 rsu. script?" with an offer talked of leads with the
  script's ask, the rival's lever after it;
- "what should i say to decline without burning the bridge?" asks how to decline an offer,
  which no guide covers: refused;
- "a remote stipend instead of pushing the base higher" asks nothing of the base: refused;
- "rsu range there, and how much sign-on?" gets the sign-on figures and the stock band;
- "lambda (the gpu cloud co) offered me…" names Lambda as the employer the guides lack;
- "n the multicloud one, whats different" after the levers is that lever, and "still fits?"
  after a lever stays on the levers; "ok lever-wise, … which one fits" after pay asks the
  levers, not the pay again;
- an offer whose region is not given gets the script's asks that need no band (RSUs at the
  grant plus the script's increment, the sign-on) before the question for the region, and a
  CNY offer is told that the script's USD asks are left out (named, without their figures);
- "the final round is the 'HR/values' one. recruiter called it 'just a chat'. is it really a
  formality?" is answered from the HR/values sentence the chain of "it"s points to.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse

from assistant.coach import Coach
from assistant.compose.asks_apart import another_ask_held
from assistant.compose.no_duration import durations_first
from assistant.compose.quoted_figures import _figures
from assistant.understanding.asks import fixed_component
from assistant.understanding.draft_request import draft_style_requested
from assistant.understanding.unknown_names import find_unknown_company
from assistant.understanding.words import set_aside


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.parametrize(
    ("text", "style"),
    [
        ("shorter + less formal pls", "short"),
        ("way too long lol. 3 sentences max, less formal", "short"),
        ("2 lines max", "short"),
        ("more formal pls, i need sounds rude", "formal"),
        ("shorter and what is the sf base?", None),
        ("is the onsite too long?", None),
        ("now in one paragraph", "short"),
        ("make it one paragraph", "short"),
        ("can you put that in a single paragraph?", "short"),
        ("what goes in the first paragraph of my email?", None),
        ("write a paragraph about alibaba culture", None),
    ],
)
def test_restyle_requests(text, style):
    assert draft_style_requested(text) == style


def test_a_cap_on_a_component_fixes_it():
    assert fixed_component("if they cap base at 200 do i walk?", None) == "base"
    assert fixed_component("is there a cap on the bonus?", None) is None


def test_bare_figures_quoted_are_read_as_thousands():
    assert _figures("i see two equity numbers in the guide, 222 and 225.") == [222000, 225000]
    assert _figures("the guide says 3 to 5 rounds over 4 years") == []


def test_a_reply_asked_to_a_question_only_told_refers_to_it():
    told = "anyscale recruiter asked what im making now. what do i reply?"
    gap = {"making", "now"}
    assert not another_ask_held(told, gap, topic_words=gap)
    assert another_ask_held(f"{told} also whats the sf base", gap, topic_words=gap)
    # (a gap asked beside what the guides hold: "what do i say" is about the screen too)
    asked = "in the alibaba recruiter screen will they ask my salary expectations? what do i say"
    assert another_ask_held(asked, {"salary", "expectations"}, topic_words={"salary"})


@pytest.mark.integration
def test_a_lever_asked_by_its_place_with_a_pay_word_is_that_lever(coach):
    *_, answer = converse(
        coach,
        "anyscale nyc devops tc",
        "levers",
        "the second one, what base does it tell me to ask for",
    )
    assert "**Multi-Cloud Operations Complexity**" in answer.answer[:200]
    assert "$215K base" in answer.answer[:400]


@pytest.mark.integration
def test_a_capped_base_is_weighed_against_the_floor(coach):
    *_, answer = converse(
        coach,
        "anyscale sf devops 195 base 180k eq 8%. nvidia offered 213 / 255 rsu. what do i say",
        "if they cap base at 200 do i walk?",
    )
    assert "$198K" in answer.answer[:300]


@pytest.mark.integration
def test_the_base_to_hold_firm_on_is_the_scripts_floor(coach):
    answer = coach.ask(
        "anyscale sf: if they refuse any signing bonus, what base do i hold firm on?"
    )
    assert answer.answer.startswith("The guide's floor:")
    assert "$198K" in answer.answer[:200] and "$213K" in answer.answer[:200]


@pytest.mark.integration
def test_a_short_less_formal_draft_is_the_email_again(coach):
    *_, answer = converse(
        coach,
        "alibaba sunnyvale devops offer: 170 base, 120k rsu/4y, 15% bonus. i have google sre at "
        "320 tc. what do i counter w",
        "ok put that in an email to the recruiter",
        "way too long lol. 3 sentences max, less formal",
    )
    assert "shorter" in answer.answer.split("\n", 1)[0]
    assert "$45K" in answer.answer[:400]


@pytest.mark.integration
def test_two_figures_quoted_from_the_guide_are_shown_where_it_gives_them(coach):
    answer = coach.ask(
        "anyscale sf: i see two equity numbers in the guide, 222 and 225. which one do i ask for?"
    )
    lead = answer.answer[:500]
    assert "**$222K**, in **Negotiate Up Strategy**" in lead
    assert "**$225K**, in **Competing Infrastructure Offers**" in lead


@pytest.mark.integration
def test_what_to_reply_to_a_salary_history_question_is_refused(coach):
    answer = coach.ask(
        "anyscale sf recruiter asked what im making now. what do i reply, do i even have to tell "
        "them? im on 170 base at a seed stage startup"
    )
    assert answer.refused and "current salary" in answer.answer.split("\n", 1)[0]
    assert "$213K" not in answer.answer


def test_what_the_guides_lack_moved_first_keeps_the_blank_lines():
    lines = ["lead", "", "The Alibaba guides do not give the length or duration of it.", ""]
    assert durations_first(lines) == [lines[2], "", "lead", ""]


@pytest.mark.integration
def test_a_scripts_blank_named_is_shown_where_the_script_puts_it(coach):
    answer = coach.ask("in alibaba's negotiate-up script, what's the 'Y' in Y+55K? my offer?")
    assert "puts [Y] and [Y+55K]" in answer.answer[:400]
    assert "$[Y]K RSUs" in answer.answer[:500]


@pytest.mark.integration
def test_a_name_described_as_a_company_in_brackets_is_the_employer(coach):
    answer = coach.ask(
        "lambda (the gpu cloud co) offered me 190k base for devops in sf. is that good per your "
        "data? what do they usually pay"
    )
    assert answer.refused and "Lambda" in answer.answer.split("\n", 1)[0]
    assert "$168K–$218K" not in answer.answer
    # (not a noun of the user's own: "my employer (a fintech company)")
    assert find_unknown_company("my employer (a fintech company) pays 150k", "") is None


@pytest.mark.integration
def test_a_lever_picked_out_by_its_words_mid_talk(coach):
    *_, fits, multicloud = converse(
        coach,
        "wat does 'GPU Infrastructure Premium' mean in the anyscale guide, when do i use it",
        "i only did gpus on k8s at one cloud (gke), no multi cloud. still fits?",
        "n the multicloud one, whats different",
    )
    assert "**GPU Infrastructure Premium**" in fits.answer[:200]
    assert not multicloud.refused
    assert "**Multi-Cloud Operations Complexity**" in multicloud.answer[:200]


@pytest.mark.integration
def test_a_round_referred_to_through_two_sentences_leads(coach):
    answer = coach.ask(
        "final round w alibaba (devops, hangzhou team) is the 'HR/values' one. recruiter called "
        "it 'just a chat'. is it really a formality? and how long does it usually run?"
    )
    assert "not a formality" in answer.answer[:400]


@pytest.mark.integration
def test_an_offer_with_no_region_gets_the_scripts_asks_that_need_none(coach):
    answer = coach.ask(
        "pasting the alibaba email: 'Base Salary: $170,000; RSU grant: $110,000 vesting over 4 "
        "years; Target bonus: 15%'. what numbers go in the ask?"
    )
    lead = answer.answer.split("\n", 1)[0]
    assert lead.startswith("Whatever the region, the Alibaba guide's script asks for")
    assert "**$165K** (your $110K + $55K" in lead and "**$45K** sign-on" in lead
    assert "Which region" in answer.answer


@pytest.mark.integration
def test_a_script_in_another_currency_is_said_to_be_left_out(coach):
    answer = coach.ask(
        "ali hangzhou devops offer: base 52w, rsu 24w/4yr, bonus 15%. how should i counter? give "
        "me the actual ask"
    )
    said = "The Alibaba guide's script asks in USD (for RSUs and a sign-on bonus)"
    assert said in answer.answer and "no exchange rate is applied to CNY" in answer.answer
    assert answer.answer.index(said) > answer.answer.index("**Your Alibaba offer**")  # (after)
    assert "$45K" not in answer.answer  # (no figure in another currency)


@pytest.mark.integration
def test_a_sign_on_asked_beside_a_band_gets_both(coach):
    answer = coach.ask("anyscale nyc rsu range, and how much sign-on do i ask for?")
    assert "$25K signing bonus" in answer.answer
    assert "**Stock (RSU/4yr)** for Anyscale · DevOps Engineer · New York" in answer.answer


@pytest.mark.integration
def test_a_told_cue_for_the_levers_outweighs_the_talk_going_on(coach):
    _, answer = converse(
        coach,
        "anyscale london devops base?",
        "ok lever-wise, ive done aws + gcp + azure infra. which one fits",
    )
    assert "**Multi-Cloud Operations Complexity**" in answer.answer[:200]


def test_a_pay_word_set_aside_is_not_asked():
    words = "can i ask for a remote stipend instead of pushing the base higher".split()
    assert set_aside(words, words.index("base"))
    words = "whats the base and can i ask for a stipend".split()
    assert not set_aside(words, words.index("base"))


@pytest.mark.integration
def test_topics_asked_instead_of_more_base_are_refused(coach):
    _, answer = converse(
        coach,
        "anyscale new york devops - base range?",
        "can i ask for a remote stipend and an equipment budget instead of pushing the base higher",
    )
    assert answer.refused and "equipment" in answer.answer.split("\n", 1)[0]


@pytest.mark.integration
def test_how_to_decline_an_offer_is_a_topic_the_guides_lack(coach):
    answer = coach.ask(
        "accepted alibaba sunnyvale yesterday. now i have to tell anyscale no. what should i say "
        "to decline without burning the bridge?"
    )
    assert answer.refused and "declining an offer" in answer.answer.split("\n", 1)[0]
    assert "$213K" not in answer.answer


@pytest.mark.integration
def test_a_bare_script_ask_with_a_rival_gets_the_script_first(coach):
    _, answer = converse(
        coach,
        "anyscale sf offer: 205k base, 200k equity/4yr, 10% bonus. am i near the top of the band?",
        "ok i still want more equity. nvidia offered 213 base / 255 rsu. script?",
    )
    assert answer.answer.startswith("The script's ask:")
    assert "$222K equity/4yr" in answer.answer[:200]


@pytest.mark.integration
def test_the_one_lever_asked_for_is_quoted_and_the_others_only_named(coach):
    answer = coach.ask(
        "my whole background is k8s gpu scheduling for distributed training (ran a ~2k gpu "
        "fleet). which anyscale lever is made for me and what base/equity does it quote?"
    )
    assert answer.answer.startswith("The guide's lever is **GPU Infrastructure Premium**")
    assert "The guide's other levers: **Multi-Cloud Operations Complexity**" in answer.answer
    assert "$225K" not in answer.answer  # (another lever's figure)
