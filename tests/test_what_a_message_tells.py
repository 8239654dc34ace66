"""What a message only tells, apart from what it asks: a pasted letter's greeting names a
person ("Hi Dev,"), not a job; "the role is ML engineer not devops" names the job asked; "i ran
autoscaling … at jd.com" tells where the user worked (an "11.11-style" inside the sentence does
not end it); "is the offer fair and does ur guide say anything about refreshers?" asks of the
offer too, and names refreshers once; an interview word inside a topic's own words
("background screening") asks nothing of the interviews; "my current employer wants to
counter" is a counteroffer from the current employer; a sign-on the offer gives is still asked
of when the message asks what to ask for it; "and the other one? she also interviewed at
anyscale sf" asks the last question of that company; "take it or keep pushing?" asks for the
floor; "performance bonus: 3 months of base" is a bonus of 25% of a year's base (3 ÷ 12, the
sum shown), and "3 months of base, is that normal?" asks of the bonus. Pure rules, and through
the real pipeline (real MiniLM, Chroma on disk, the built-in composer).

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest
from test_answer_first import converse  # each turn with the history so far

from assistant.coach import Coach
from assistant.compose.floor import ASKS_FOR_A_FLOOR
from assistant.money import bonus_in_months
from assistant.understanding.employer import users_employer
from assistant.understanding.titles import role_asked


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ('"Hi Dev, congrats! Here is a summary of your offer" is this fair?', None),
        ("sorry i got that wrong, the role is ML engineer not devops. same range?", "ML engineer"),
        ("whats a data scientist paid at alibaba", "data scientist"),
    ],
)
def test_a_greeting_names_a_person_and_a_correction_names_the_job(text, role):
    assert role_asked(text, ["DevOps Engineer"]) == role


def test_what_the_user_ran_somewhere_tells_where_they_worked():
    question = "no competing offer. but i ran autoscaling for 11.11-style flash sales at jd.com."
    assert users_employer(question, "jd.com")
    assert not users_employer("what does jd.com pay devops engineers?", "jd.com")


def test_take_it_or_keep_pushing_asks_for_the_floor():
    assert ASKS_FOR_A_FLOOR.search("if they come back with 200k base, take it or keep pushing?")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("performance bonus: 3 months of base", "performance bonus: 25%"),
        ("bonus of 1.5 months' salary", "bonus of 12.5%"),
        ("bonus after 3 months of probation", "bonus after 3 months of probation"),
        ("3 months of base", "3 months of base"),  # (no bonus named: not read as one)
    ],
)
def test_a_bonus_in_months_of_base_is_its_share_of_a_year(text, read):
    rewritten, note = bonus_in_months(text)
    assert rewritten == read
    assert ("÷ 12 months" in note) is (read != text)


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_an_offer_asked_of_beside_a_topic_the_guides_lack_is_placed(coach):
    answer = coach.ask(
        'anyscale sf offer: 196k base / 205k rsu 4y / 8%. recruiter kept saying "generous '
        'refresh grants". is the offer fair and does ur guide say anything about refreshers?'
    )
    assert not answer.refused and "refreshers" in answer.answer.split("\n", 1)[0]
    assert answer.answer.count("say nothing about") == 1  # (the topic named once)
    assert "($168K–$218K)" in answer.answer


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "named"),
    [
        (
            "friend's alibaba singapore devops offer letter says 'subject to satisfactory "
            "background screening'. how long does that usually take?",
            "background checks",
        ),
        (
            "my current employer wants to counter now that i have an anyscale offer. does "
            "accepting a counteroffer usually hurt your career?",
            "counteroffer from your current employer",
        ),
    ],
)
def test_a_topic_the_guides_lack_is_refused(coach, question, named):
    answer = coach.ask(question)
    assert answer.refused and named in answer.answer.split("\n", 1)[0]
    assert "4 to 6 weeks" not in answer.answer and "$" not in answer.answer


@pytest.mark.integration
def test_a_given_sign_on_asked_what_to_ask_for_leads_with_that_ask(coach):
    answer = coach.ask(
        "alibaba sunnyvale devops offer: base $192,000, RSUs $140,000 (4-year vest), 15% "
        "bonus, sign-on $20,000. what does ur guide say i should ask for on the sign-on?"
    )
    first = answer.answer.split("\n", 1)[0]
    assert first.startswith("Sign-on bonus: ask for **$45K**") and "$[35K-55K]" in first


@pytest.mark.integration
def test_the_other_one_named_asks_the_last_question_of_it(coach):
    _, other = converse(
        coach,
        "my wife got an offer from alibaba — devops in sunnyvale. whats the normal base there?",
        "and the other one? she also interviewed at anyscale sf",
    )
    assert other.answer.startswith("**Base Salary** for Anyscale · DevOps Engineer · San Fran")


@pytest.mark.integration
def test_a_bonus_in_months_is_placed_in_the_band(coach):
    answer = coach.ask(
        "my alibaba hangzhou devops offer letter:\n\nbase: CNY 520,000 / yr\nRSU: CNY 240,000 "
        "vesting over 4 years\nperformance bonus: 3 months of base\n\nonly asking abt the "
        "bonus rn. 3 months of base, is that normal there according to ur guide?"
    )
    assert answer.answer.startswith("Your bonus (25%) is near the top of the guide's range")
    assert "15–25%" in answer.answer.split("\n", 1)[0]
    assert "3 months of base is read as 25% of a year's base (3 ÷ 12 months)" in answer.answer
