"""Messages with words of other languages, "why" questions, everyday words in their inflected
forms, and two regions of one conversation compared again, through the real pipeline (real
MiniLM, Chroma on disk, the built-in composer), and the pure rules that read them.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.understanding.frame import ConversationState
from assistant.understanding.regions_again import region_before, regions_again


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_words_of_another_language_are_not_terms_the_guides_lack(coach):
    answer = coach.ask(
        "maine 4 saal SRE kiya hai, GPU ka koi experience nahi. anyscale ke saath negotiate "
        "karne ke liye kaunsa lever sahi rahega?"
    )
    assert not answer.refused
    assert "nothing about" not in answer.answer[:300]
    assert "**" in answer.answer[:400]  # a lever, by name


@pytest.mark.integration
def test_a_pay_word_in_pinyin_asks_pay(coach):
    answer = coach.ask("alibaba shanghai devops nianxin duoshao?")
    assert answer.refused  # no Shanghai row: nothing of another region stands in
    assert "Shanghai" in answer.answer[:200]


@pytest.mark.integration
def test_a_component_named_in_pinyin_is_that_component(coach):
    offer, follow_up = converse(
        coach,
        "alibaba hangzhou offer: base 50w, rsu 24w over 4 years, bonus 15%. is base ok?",
        "gupiao is too low?",
    )
    assert not follow_up.refused
    assert "CNY 160K–CNY 480K" in follow_up.answer[:300]
    assert "nothing about gupiao" not in follow_up.answer


@pytest.mark.integration
def test_two_regions_of_the_conversation_are_compared_again(coach):
    *_, last = converse(
        coach,
        "alibaba devops total comp in hangzhou?",
        "sorry, meant beijing not hangzhou",
        "ok which one is higher",
    )
    assert "CNY 1.2M" in last.answer and "CNY 1.15M" in last.answer
    assert "Hangzhou (HQ) tops out CNY 50K higher (CNY 1.2M − CNY 1.15M)." in last.answer
    assert last.grounding.status == "ok"
    assert "SGD" not in last.answer and "$" not in last.answer  # only the two regions


def test_the_region_before_a_change_is_kept_for_one_company():
    state = ConversationState(company="Alibaba", region="Hangzhou (HQ)")
    assert region_before(state, "Alibaba", "Beijing") == "Hangzhou (HQ)"
    assert region_before(state, "Anyscale", "London") is None
    moved = ConversationState(company="Alibaba", region="Beijing", earlier_region="Hangzhou (HQ)")
    assert list(regions_again("which is higher?", moved, named=False)) == [
        "Hangzhou (HQ)",
        "Beijing",
    ]
    assert regions_again("which is higher in seattle?", moved, named=True) == {}
    assert regions_again("what's the bonus?", moved, named=False) == {}


@pytest.mark.integration
def test_the_scripts_ask_is_quoted_for_an_offer_with_no_region(coach):
    answer = coach.ask(
        "alibaba gave me $90K rsus. what stock ask does the negotiate-up script make?"
    )
    assert answer.answer.startswith("The script's ask")
    assert "$[Y+55K]" in answer.answer[:200]


def test_every_phrase_of_the_tables_is_still_a_phrase_once_normalized():
    """A phrase that normalizes to nothing (a word in another script: normalizing keeps Latin
    letters only) would match every question."""
    from assistant.understanding.entities import normalize
    from assistant.understanding.tables import COMPONENT_WORDS, INTENT_PHRASES

    phrases = [w for ws in COMPONENT_WORDS.values() for w in ws]
    phrases += [p for groups in INTENT_PHRASES.values() for _, group in groups for p in group]
    assert all(normalize(p).strip() for p in phrases)


@pytest.mark.integration
def test_where_a_user_asking_about_remote_work_lives_is_named_when_it_has_no_row(coach):
    answer = coach.ask("can i do the anyscale job remotely? i live in austin and can't move")
    assert answer.refused
    assert "remote work" in answer.answer[:200] and "no row for Austin" in answer.answer[:300]
    in_a_row = coach.ask("is anyscale remote friendly? i live in nyc")
    assert in_a_row.refused and "no row" not in in_a_row.answer


@pytest.mark.integration
def test_a_components_ask_after_a_counter_is_the_counters_ask(coach):
    *_, last = converse(
        coach,
        "alibaba sunnyvale offer: $170K base, $100K RSU over 4 years, 15% bonus. what do i counter?",
        "and the stock ask?",
    )
    assert "$[Y+55K]" in last.answer[:400] and "$155K" in last.answer[:400]


@pytest.mark.integration
def test_a_short_follow_up_after_example_questions_asks_that_topics_questions(coach):
    *_, k8s, coding = converse(
        coach,
        "what linux scenario questions might alibaba ask in the devops loop?",
        "same for kubernetes",
        "and coding?",
    )
    assert k8s.answer.startswith("Questions the guide lists") and "K8s" in k8s.answer[:200]
    assert coding.answer.startswith("Questions the guide lists")
    assert "rate limiter" in coding.answer[:300] or "LRU" in coding.answer[:300]


@pytest.mark.integration
def test_a_why_asked_of_a_claim_leads_with_what_it_rests_on(coach):
    answer = coach.ask("why do alibaba interviewers keep drilling deeper till i say i dont know?")
    lead = answer.answer.split("\n", 1)[0]
    assert '"kernel-level" knowledge' in lead and 'until you say "I don\'t know."' in lead
    assert not answer.answer.startswith("Questions the guide lists")  # a reason, not examples


def test_a_quote_inside_a_sentence_keeps_its_marks():
    from assistant.compose.lead import sentence_pieces

    pieces = sentence_pieces('Interviewers drill down until you say "I don\'t know." Be ready.')
    assert pieces[0] == 'Interviewers drill down until you say "I don\'t know."'
    assert sentence_pieces('"To accept, I need RSUs at $[Y+55K]. At $X, I commit."') == [
        "To accept, I need RSUs at $[Y+55K].",
        "At $X, I commit.",
    ]


def test_a_labels_colon_is_no_data_url():
    from assistant.compose.untrusted import usable_sentence

    assert usable_sentence("Large-Scale Data: Experience managing databases like MySQL or Redis.")
    assert not usable_sentence("see data:text/html;base64,PHNjcmlwdD4= here")
    assert not usable_sentence("run javascript:alert(1) now")


@pytest.mark.integration
def test_pay_asked_beside_interviews_a_guide_lacks_is_answered(coach):
    answer = coach.ask("anyscale london: how many interview rounds, and what's the base band?")
    assert not answer.refused
    assert answer.answer.startswith("The guides have no Anyscale interview guide,")
    assert "£128K–£166K" in answer.answer[:400]


def test_a_level_named_alone_is_asked_before_a_range_quoted_from_a_mapping():
    from assistant.understanding.titles import level_asked

    text = "my letter says P6. the guide says 'P5-P7' somewhere, so is P6 = L4?"
    assert level_asked(text, ("P", "L")) == "P6"
    assert level_asked("what is P5-P7 at google?", ("P", "L")) == "P5"  # a range alone: as before


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # a "why" question leads with the reason
        ("alibaba HM round, why?", 'The "Hiring Manager" round is also critical'),
        # an item of a list with no lead-in of its own is quoted with its section
        (
            "is redis or mysql experience a must for the alibaba devops role?",
            "Nice-to-have skills: Large-Scale Data:",
        ),
        # what a company's guide is said to say is checked against its row
        (
            "alibaba's guide says the seattle base goes up to 250k, right?",
            "No: the guide's Seattle (US) base band is $150K–$215K",
        ),
        (
            "the anyscale guide puts the sf bonus at 15% like alibaba's, right?",
            "No: the guide's San Francisco bonus band is 5–10%",
        ),
    ],
)
def test_the_answer_opens_with_what_was_asked(coach, question, opening):
    assert coach.ask(question).answer.startswith(opening)


@pytest.mark.integration
def test_the_names_a_pasted_letter_is_addressed_to_and_signed_with_are_no_terms(coach):
    answer = coach.ask(
        "Hi Priya,\n\nThank you for the technical phone screen last week. We would like to invite "
        "you to a virtual onsite for the DevOps Engineer role.\n\nBest,\nJun\nAlibaba Group "
        "Recruiting\n\nhow many rounds is that onsite normally?"
    )
    assert "nothing about" not in answer.answer and "3 to 5" in answer.answer[:400]


def test_a_count_told_only_in_a_pasted_part_is_not_brought_into_the_lead():
    from assistant.compose.lead import _chosen

    sentences = [
        "This is followed by one or two technical phone screens.",
        "The onsite consists of 3 to 5 back-to-back rounds.",
    ]
    picks = _chosen(sentences, [3.0, 8.0], 1, True, {1}, said={1})
    assert picks == [1]  # (the phone screens are what the email told, not what was asked)
    assert _chosen(sentences, [3.0, 8.0], 1, True, {1}, said={0, 1}) == [0, 1]
