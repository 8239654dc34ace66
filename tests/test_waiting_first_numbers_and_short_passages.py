"""How long the user may wait, who names the first number, where the user works, and a short
guide passage led whole, through the real pipeline (real MiniLM, Chroma on disk, the built-in
composer), and the pure rule for a "how long can I…" ask:

- "how long can i sit on it before replying?" asks of the offer deadline, a topic the guides
  lack: refused naming it, with no figures;
- "make the company name the first number, or anchor first?" asks who names the first number,
  which no guide says: refused naming it, not answered with "give me your offer";
- a "how long…" ask of what the user does ("how long should i wait for the recruiter…") is said
  in the user's words ("…how long you should wait for the recruiter…"), not as "the length of
  should i wait…";
- where the user, or the friend asked for, works ("at his fintech") is background, not a term
  the guides lack;
- a lead that takes all but one sentence of a short passage takes it whole: "…rather than
  guessing. Guessing wrong on fundamentals is a major red flag.";
- "what does the guide say…" names no topic by its verb: "say" is a word of the topic only
  when the user asks what to say.

Leaves out: the wording of the answers beyond what each test names.
"""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.compose.no_duration import _user_clause, durations_asked

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "anyscale sf devops offer came in yesterday, recruiter said 'no rush'. realistically "
            "how long can i sit on it before replying without it looking bad? a week? two?",
            "the offer deadline",
        ),
        (
            "general q, no offer yet: in comp talks is it smarter to make the company name the "
            "first number, or should i anchor first with mine?",
            "who names the first number",
        ),
    ],
)
def test_a_how_to_negotiate_topic_the_guides_lack_is_refused_naming_it(coach, question, topic):
    answer = coach.ask(question)
    assert answer.refused and topic in answer.answer.split("\n", 1)[0]
    assert "$" not in answer.answer and "I need your offer" not in answer.answer


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("how long can i sit on it before replying?", "you can sit on it before replying"),
        ("how long should i wait for my recruiter?", "you should wait for your recruiter"),
        ("how long do i have to accept?", "you have to accept"),
        ("how long is each round?", ""),
        ("how long does the onsite take?", ""),
    ],
)
def test_a_how_long_ask_of_what_the_user_does_is_said_in_the_users_words(question, clause):
    (what, _small), *_ = durations_asked(question)
    assert _user_clause(what) == clause


def test_a_length_of_waiting_the_guides_lack_is_said_in_good_english(coach):
    answer = coach.ask(
        "alibaba onsite done last week. how long should i wait for the recruiter to get back to "
        "me before pinging?"
    )
    assert answer.answer.startswith(
        "The Alibaba guides do not say how long you should wait for the recruiter to get back to "
        "you before pinging."
    )


def test_where_the_user_works_is_no_term_the_guides_lack(coach):
    answer = coach.ask(
        "asking for a friend who's in the alibaba devops loop: at his fintech he ran game days "
        "with chaos mesh and litmus. does alibaba care about chaos engineering per the prep "
        "guide, and where in the process / job would it come up?"
    )
    assert "fintech" not in answer.answer.split("\n", 1)[0]
    assert "litmus" in answer.answer.split("\n", 1)[0]


def test_a_short_passage_nearly_all_taken_leads_whole(coach):
    answer = coach.ask(
        "alibaba devops deep dive: if the interviewer keeps pushing and i hit something i dont "
        "know, is it better to take a guess or just admit it"
    )
    lead = answer.answer.split("\n", 1)[0]
    assert "rather than guessing" in lead and "major red flag" in lead


def test_what_the_guide_says_is_no_word_of_the_topic(coach):
    from assistant.compose.passages import said_words

    def words(question: str) -> set[str]:
        return said_words(coach.retriever.understand(question))

    assert "say" not in words("what does the prep guide say to do when i dont know the answer?")
    assert "say" in words("what should i say when i dont know the answer?")
