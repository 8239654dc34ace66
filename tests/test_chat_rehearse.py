"""The call rehearsed in chat (issue 18): "practise the call" / "rehearse" / "role-play the
recruiter" starts a rehearsal from the conversation's offer (or asks for one), each later message
is a reply to the recruiter, the answer is the recruiter's line and the cited feedback (citations
in the Answer, so they render in the sources panel), and the call ends with the scorecard or when
the user says stop. The state lives in the caller's ChatRehearsal: `coach chat`'s loop, the web
chat's per-session ChatSession."""

from __future__ import annotations

import pytest

from assistant.coach import Coach
from assistant.compose.grounding import markers_in
from assistant.compose.rehearse_chat import ChatRehearsal

pytestmark = pytest.mark.integration

OFFER = "Anyscale San Francisco offer: $175K base, $130K RSU over 4 years, 5% bonus"


@pytest.fixture(scope="module")
def coach(shipped_index) -> Coach:
    return Coach(shipped_index, backend="composer")


class Chat:
    """A conversation as `coach chat` keeps it: the history and the rehearsal."""

    def __init__(self, coach: Coach, seed: int = 1):
        self.coach, self.history, self.rehearsal = coach, [], ChatRehearsal(seed=seed)

    def say(self, text: str):
        answer = self.coach.ask(text, self.history, rehearsal=self.rehearsal)
        self.history += [
            {"role": "user", "content": text},
            {"role": "assistant", "content": answer.answer},
        ]
        assert answer.intent == "counter" or not self.rehearsal.active
        assert answer.grounding.status == "ok", answer.grounding
        assert set(markers_in(answer.answer)) <= {c.n for c in answer.citations}
        return answer


def test_asks_for_the_offer_then_rehearses_it_to_the_scorecard(coach):
    chat = Chat(coach)
    first = chat.say("can we practise the call?")
    assert "I need your offer" in first.answer and not chat.rehearsal.active
    opening = chat.say(OFFER)
    assert "**Recruiter:** Thanks for making time" in opening.answer and "$175K" in opening.answer
    assert chat.rehearsal.active and opening.citations  # the band row it plays from
    ask = chat.say("I've managed GPU clusters at scale. I need $213K base.")
    assert "You asked for $213K base" in ask.answer and "90% of the way" in ask.answer
    assert "GPU Infrastructure Premium" in ask.answer
    assert any("GPU Infrastructure Premium" in c.quote for c in ask.citations)
    floor = chat.say("My floor is $198K.")
    assert "revealed your walk-away floor" in floor.answer
    assert floor.citations and markers_in(floor.answer)
    end = chat.say("stop")
    assert "You ended the call" in end.answer and "**Scorecard**" in end.answer
    assert "| base | $175K |" in end.answer and "best reply" in end.answer
    assert not chat.rehearsal.active
    after = chat.say("what levers can I use with Anyscale?")  # the chat goes on as before
    assert "Recruiter" not in after.answer and after.intent == "lever"


def test_starts_from_an_offer_given_earlier_and_plays_to_the_end(coach):
    chat = Chat(coach, seed=3)
    chat.say(OFFER + ". what should I counter with?")
    opening = chat.say("role-play the recruiter")
    assert "**Recruiter:**" in opening.answer and "$130K" in opening.answer
    replies = [
        "I need $213K base, I've managed GPU clusters at scale.",
        "Could we do $222K equity over 4 years instead?",
        "A $25K signing bonus would bridge the gap.",
        "Thanks, I can sign once that is in writing.",
        "Yes, I accept.",
    ]
    for reply in replies:
        answer = chat.say(reply)
        if not chat.rehearsal.active:
            break
    assert "**Scorecard**" in answer.answer and not chat.rehearsal.active


def test_bad_replies_get_a_note_and_the_call_goes_on(coach):
    chat = Chat(coach)
    chat.say(f"rehearse this: {OFFER}")
    for reply, note in [
        ("", "empty"),
        ("x" * 4200, "too long"),
        ("我需要更高的基本工资和更多股票", "in English"),
    ]:
        answer = chat.say(reply)
        assert note in answer.answer and "**Recruiter:**" in answer.answer
        assert chat.rehearsal.active


def test_an_offer_it_cannot_rehearse_is_explained(coach):
    chat = Chat(coach)
    answer = chat.say("let's rehearse my Google offer: $200K base")
    assert "cannot rehearse" in answer.answer and not chat.rehearsal.active


def test_the_state_is_the_callers_not_the_coachs(coach):
    one, other = Chat(coach), Chat(coach)
    one.say(f"practise the call: {OFFER}")
    assert one.rehearsal.active and not other.rehearsal.active
    answer = other.say("I need $213K base")  # no call in this conversation: a normal answer
    assert "**Recruiter:**" not in answer.answer
    plain = coach.ask("I need $213K base")  # nor without a rehearsal at all
    assert "**Recruiter:**" not in plain.answer


def test_coach_chat_in_the_terminal_rehearses(shipped_index):
    from test_cli_ask import run_coach

    turns = f"{OFFER}\npractise the call\nI need $213K base\nstop\n/quit\n"
    result = run_coach("chat", settings=shipped_index, stdin=turns)
    assert result.returncode == 0, result.stderr
    assert "Recruiter:" in result.stdout and "revealed" not in result.stdout
    assert "You asked for $213K base" in result.stdout and "Scorecard" in result.stdout


def test_the_web_chat_rehearses_per_browser_session(served):
    from gradio_client import Client
    from test_ui_api import _text

    first, second = Client(served.url, verbose=False), Client(served.url, verbose=False)
    opened, *_ = first.predict(f"practise the call: {OFFER}", [], api_name="/ask")
    assert "Recruiter:" in _text(opened[-1])
    reply, *panel = first.predict("I need $213K base", [], api_name="/ask")
    assert "You asked for $213K base" in _text(reply[-1])
    assert any("[1]" in str(p) for p in panel)  # the sources panel lists the cited passages
    other, *_ = second.predict("I need $213K base", [], api_name="/ask")
    assert "Recruiter:" not in _text(other[-1])  # another session is not in the call


def test_rehearsing_an_interview_answer_is_no_negotiation_rehearsal():
    from assistant.compose.rehearse_chat import starts_rehearsal

    assert not starts_rehearsal("which pod debugging question do they ask? want to rehearse it")
    assert starts_rehearsal("can we rehearse the recruiter call?")
    assert starts_rehearsal("let's rehearse")
