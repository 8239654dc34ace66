"""`coach chat --json`, the scripting contract of a conversation (issue 16, item 6): one turn per
stdin line (plain text or {"q", "reset"}), the `coach ask --json` object of each turn on its own
line, in order, the conversation carried across lines, and bad lines answered with an error
object while the rest go on. End to end through a subprocess over an index of the shipped guides;
the line reader (`read_turn`) also on its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.cli_io import read_turn
from assistant.errors import CoachError

OFFER = (
    "I got an offer from Anyscale in San Francisco: $175K base, $130K RSU over 4 years, 5% bonus"
)


def chat_json(stdin: bytes, settings) -> tuple[subprocess.CompletedProcess, list[dict]]:
    env = os.environ.copy()
    env.update(COACH_CORPUS_DIR=str(settings.corpus_dir), COACH_INDEX_DIR=str(settings.index_dir))
    env.pop("COACH_BACKEND", None)
    result = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "chat", "--json"],
        input=stdin,
        capture_output=True,
        timeout=300,
        env=env,
    )
    lines = result.stdout.decode("utf-8").splitlines()  # strict: valid UTF-8 out
    return result, [json.loads(line) for line in lines]


def _lines(*turns: str | dict) -> bytes:
    return "".join((json.dumps(t) if isinstance(t, dict) else t) + "\n" for t in turns).encode(
        "utf-8"
    )


def test_the_conversation_carries_across_lines_until_a_reset(shipped_index):
    result, out = chat_json(
        _lines(
            "anyscale sf devops base",
            "and in London?",
            OFFER,
            "what should I counter with?",
            {"q": "what should I counter with?", "reset": True},
        ),
        shipped_index,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert len(out) == 5 and all(
        {"answer", "citations", "refused", "intent"} <= set(o) for o in out
    )
    assert "$168K–$218K" in out[0]["answer"]
    assert "£128K–£166K" in out[1]["answer"]  # the follow-up kept Anyscale from line 1
    assert "$213K" in out[3]["answer"]  # the counter used the offer two lines up
    assert "$175K" not in out[4]["answer"] and "$213K" not in out[4]["answer"]  # reset: no offer


def test_each_line_gets_one_object_in_order_and_bad_lines_get_errors(shipped_index):
    stdin = (
        b"\n".join(
            [
                b"anyscale sf devops base",
                b"{not json",
                b"",
                b'{"q": 3}',
                b'{"question": "anyscale london base"}',
                b'{"reset": true}',
                b"x" * 4001,
                b"and in London? \xff\xfe",
                b'{"q": "anyscale london devops base", "reset": true}',
            ]
        )
        + b"\n"
    )
    result, out = chat_json(stdin, shipped_index)
    assert b"Traceback" not in result.stderr
    assert result.returncode == 1  # some lines failed
    assert len(out) == 9
    assert "$168K–$218K" in out[0]["answer"]
    for number in (1, 2, 3, 4, 6):
        assert out[number]["error"] and out[number]["line"] == number + 1, out[number]
    assert out[5] == {"reset": True}
    assert "error" not in out[7] and "answer" in out[7]  # bytes that are not UTF-8: replaced
    assert "£128K–£166K" in out[8]["answer"] and not out[8]["refused"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("anyscale sf base", ("anyscale sf base", False)),
        ("/reset", ("", True)),
        ('{"q": "and in London?"}', ("and in London?", False)),
        ('{"q": "  anyscale nyc  ", "reset": true}', ("anyscale nyc", True)),
        ('{"reset": true}', ("", True)),
        ('{"q": "a\\u0000b"}', ("ab", False)),  # cleaned as stdin text is
    ],
)
def test_read_turn_accepts_text_and_the_turn_object(line, expected):
    assert read_turn(line) == expected


@pytest.mark.parametrize(
    "line",
    ["{oops", "{}", '{"q": 3}', '{"reset": "yes"}', '{"q": "x", "extra": 1}', '{"q": ""}'],
)
def test_read_turn_refuses_a_bad_object(line):
    with pytest.raises(CoachError):
        read_turn(line)


@pytest.mark.integration
def test_chat_json_about_a_named_company_loads_no_heavy_module(shipped_index):
    from test_cold_imports import loaded_by

    run = loaded_by(["chat", "--json"], shipped_index, "what levers do I have with alibaba?\n")
    assert run == {"code": 0, "heavy": []}
