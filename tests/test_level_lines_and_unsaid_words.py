"""Another employer's part of a level-mapping line written employer first ("Google L4 SRE"), asked
of with a level the line does not hold ("im l5 at google, what's that at anyscale?"), is named as
not in the guides beside that part of the line, and the line is not quoted twice; an employer
spelled another way meets its part ("sysde at amazon" and "AWS Infrastructure Engineer"). A sign-on "paid
back" asks of a clawback, "push for a higher level" of a level bump, "before or after they make
theirs" of when to bring a thing up, "over slack" of the channel: each named as not covered. A level question with pay asked besides shows the row once. Keyword search also looks for the guides' own word for an everyday word they never use
("langs": "language"), not for one they do use ("rounds"). Pure rules, and through the real
pipeline (real MiniLM, Chroma on disk, the built-in composer).

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.corpus.vocabulary import LevelMap
from assistant.understanding.tables import topics_named

_EMPLOYER_FIRST = LevelMap(
    "c1", "Acme Platform Engineer = Google L4 SRE = AWS Infrastructure Engineer", ()
)
_EMPLOYER_LAST = LevelMap("c2", "Engineer at Acme (P5-P7) = L3-L5 SRE at Google", ("P5", "P7"))


@pytest.mark.parametrize(
    ("level_map", "text", "part"),
    [
        (_EMPLOYER_FIRST, "im l5 at google, what's that at acme?", "Google L4 SRE"),
        (_EMPLOYER_FIRST, "aws infra eng here, what would i be", "AWS Infrastructure Engineer"),
        (_EMPLOYER_FIRST, "im ic5 at meta", None),
        (_EMPLOYER_LAST, "what's that at google", "L3-L5 SRE at Google"),
    ],
)
def test_the_employers_part_of_a_level_line_either_way_round(level_map, text, part):
    assert level_map.employers_part(text) == part


@pytest.mark.parametrize(
    ("query", "held", "named"),
    [
        ("what langs tho", {"language", "rounds"}, ["language"]),
        ("how many rounds", {"language", "rounds"}, []),  # (the guides' own word: searched as is)
        ("how many rounds", (), ["process"]),  # (with nothing held: every topic named)
    ],
)
def test_a_guide_word_stands_in_only_for_a_word_the_guides_never_use(query, held, named):
    assert topics_named(query, held) == named


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.integration
def test_a_short_word_for_languages_finds_the_languages_asked(coach):
    answer = coach.ask("what langs do i need for the alibaba devops interview")
    assert "(Go, Python, or Java)" in answer.answer[:400]


@pytest.mark.integration
def test_a_level_the_line_lacks_names_that_employers_part_once(coach):
    answer = coach.ask("im l5 at google, what's that at anyscale?")
    first = answer.answer.split("\n", 1)[0]
    assert first.startswith("The guides do not name L5") and "Google L4 SRE" in first
    assert answer.answer.count("Databricks DevOps Engineer") == 1


@pytest.mark.integration
def test_each_company_s_part_for_an_employer_spelled_another_way(coach):
    first = coach.ask("sysde at amazon. alibaba equiv? anyscale equiv?").answer.split("\n", 1)[0]
    assert "to SysDE at Amazon [1]" in first and "to AWS Infrastructure Engineer [2]" in first


@pytest.mark.integration
def test_a_level_line_quoted_in_the_coverage_statement_is_not_quoted_again(coach):
    answer = coach.ask("what's anyscale's equivalent of amazon sde2")
    assert "SDE2" in answer.answer.split("\n", 1)[0]
    assert answer.answer.count("Databricks DevOps Engineer") == 1


@pytest.mark.integration
@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "my recruiter at anyscale said the sign on has to be paid back if i leave within a "
            "year. is that standard per the guide?",
            "clawback",
        ),
        (
            "alibaba offer: base 320k cny, hangzhou. hr says they'll review my p-level after 6 "
            "months. should i push for a higher level now?",
            "level bump",
        ),
        (
            "should i tell anyscale about my databricks offer before or after they make theirs?",
            "the timing",
        ),
        ("recruiter wants to do the alibaba offer over slack, what do i say", "which channel"),
    ],
)
def test_a_topic_the_guides_lack_is_named_first(coach, question, topic):
    assert topic in coach.ask(question).answer.split("\n", 1)[0]


@pytest.mark.integration
def test_a_level_question_with_pay_asked_besides_shows_the_row_once(coach):
    answer = coach.ask(
        "is anyscale's devops engineer the same level as my alibaba P6? and whats the london base"
    ).answer
    assert answer.count("**Base Salary** for Anyscale · DevOps Engineer · London") == 1
    assert "L3-L5 SRE at Google" in answer and "Google L4 SRE" in answer
