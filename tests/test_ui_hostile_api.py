"""Hostile text through the running app's API (issue 17: every web input cleaned the way the chat
question is): a lone surrogate (what a JSON string "\\ud800" decodes to), control characters and
overlong text sent to the chat, each workbench field, the other offers of "Year by year", the
playbook, the rehearsal's start and replies, and an uploaded file's name.

The requests are made by hand (JSON with ASCII escapes, through Gradio's /gradio_api/call/ routes,
one session per test) because a client that encodes UTF-8 cannot send a lone surrogate at all.
Each reply must be a finished event (never Gradio's error event), with a clear message where the
input is refused, and never a traceback or "Something went wrong".
"""

from __future__ import annotations

import json
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.integration

SURROGATE = "175k\ud800"
CONTROLS = "175k\x00\x07\u202e"
OVERLONG = "9" * 100_000
FORM = ["Anyscale", "San Francisco", "175k", "130k", 4, "5%", "", ""]
BROKEN = ("Traceback", "Something went wrong", "TypeError", "UnicodeEncodeError")


def call(url: str, api: str, data: list, session: str) -> tuple[str, list]:
    """POST the data (JSON, ASCII escapes), read the event stream; (last event, its data)."""
    body = json.dumps({"data": data, "session_hash": session}).encode("ascii")
    base = url.rstrip("/") + "/gradio_api/call/" + api
    request = urllib.request.Request(base, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as reply:
        event_id = json.load(reply)["event_id"]
    event, payload = "", None
    with urllib.request.urlopen(f"{base}/{event_id}", timeout=300) as stream:
        for raw in stream:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event in ("complete", "error"):
                payload = json.loads(line.removeprefix("data: "))
                if event in ("complete", "error"):
                    break
    return event, payload if isinstance(payload, list) else [payload]


def text_of(outputs: list) -> str:
    return json.dumps(outputs, ensure_ascii=False)


def assert_handled(event: str, outputs: list) -> str:
    shown = text_of(outputs)
    assert event == "complete", (event, shown[:500])
    for word in BROKEN:
        assert word not in shown, (word, shown[:500])
    assert "\ud800" not in shown and "\x00" not in shown and "\u202e" not in shown
    return shown


@pytest.fixture
def session() -> str:
    return uuid.uuid4().hex


@pytest.mark.parametrize("question", [SURROGATE + " base anyscale sf?", CONTROLS, OVERLONG])
def test_the_chat_question(served, session, question):
    event, outputs = call(served.url, "ask", [question, []], session)
    shown = assert_handled(event, outputs)
    if question is OVERLONG:
        assert "characters long; keep it under 4,000" in shown
    else:
        assert "$" in shown or "guide" in shown.lower()


TEXT_FIELDS = [0, 1, 2, 3, 5, 6, 7]  # index 4, the vesting years, is a number field


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("value", [SURROGATE, CONTROLS, OVERLONG])
def test_each_workbench_field(served, session, field, value):
    form = list(FORM)
    form[field] = value
    event, outputs = call(served.url, "plan_counter", form, session)
    shown = assert_handled(event, outputs)
    if value is OVERLONG:
        assert "characters long; keep it under" in shown
        assert "9" * 1000 not in shown  # the message quotes none of it
    else:
        assert "Check the offer" in shown or "coach-bar" in shown


def test_vesting_years_out_of_bounds(served, session):
    form = list(FORM)
    form[4] = 4.5
    shown = assert_handled(*call(served.url, "plan_counter", form, session))
    assert "not a whole number of years" in shown
    form[4] = 1e308  # refused by the number field itself (its maximum), as a readable error
    event, outputs = call(served.url, "plan_counter", form, session)
    assert event == "error" and "maximum" in text_of(outputs).lower()
    assert "Traceback" not in text_of(outputs)


@pytest.mark.parametrize("api", ["compare_years", "playbook"])
@pytest.mark.parametrize("value", [SURROGATE, CONTROLS, OVERLONG])
def test_the_other_offers_and_the_playbook(served, session, api, value):
    data = [*FORM, value, "", f"Alibaba Seattle {value} base", value, ""]
    event, outputs = call(served.url, api, data, session)
    shown = assert_handled(event, outputs)
    if value is OVERLONG:
        assert "characters long; keep it under" in shown


@pytest.mark.parametrize("value", [SURROGATE, CONTROLS, OVERLONG])
def test_rehearsal_start_and_replies(served, session, value):
    start = [*FORM, 0]
    start[2] = value
    assert_handled(*call(served.url, "rehearse_start", start, session))
    event, outputs = call(served.url, "rehearse_start", [*FORM, 0], session)
    assert_handled(event, outputs)
    reply = f"I was hoping for {value} base, thank you."
    shown = assert_handled(*call(served.url, "rehearse_reply", [reply, outputs[0]], session))
    if value is OVERLONG:
        assert "characters long; keep it under" in shown


def test_an_uploaded_file_name_with_control_characters(served, tmp_path):
    from gradio_client import Client, handle_file

    guide = tmp_path / "Hooli\x07 SRE\u202e guide.md"
    guide.write_text(
        "# SRE | Hooli Negotiation Guide\n\n"
        "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |\n"
        "|--------|-------------|-----------------|-------|------------|\n"
        "| Denver | $131K–$161K | $40K–$80K | 6–9% | $151K–$196K |\n"
    )
    client = Client(served.url, verbose=False)
    message, table, *_ = client.predict(handle_file(str(guide)), api_name="/add_guide")
    assert message.startswith("**Added"), message
    assert "\x07" not in message and "\u202e" not in message
    names = [row[0] for row in table["data"]]
    added = next(name for name in names if "hooli" in name)
    assert all(ch.isprintable() for ch in added)
    client.predict(added, api_name="/remove_guide")
