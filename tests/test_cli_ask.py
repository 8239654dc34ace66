"""`coach ask` and `coach chat` as a user runs them: subprocesses over an index of the shipped
guides, the JSON contract of DESIGN.md, the batch form, and errors without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run_coach(*args: str, settings, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = os.environ.copy()
    env.update(COACH_CORPUS_DIR=str(settings.corpus_dir), COACH_INDEX_DIR=str(settings.index_dir))
    env.pop("COACH_BACKEND", None)
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_ask_json_follows_the_contract(shipped_index):
    result = run_coach("ask", "--json", "anyscale london devops salary", settings=shipped_index)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {"answer", "citations", "refused", "intent", "backend"} <= set(payload)
    assert payload["intent"] == "comp" and payload["backend"] == "composer"
    assert "£128K–£166K" in payload["answer"]
    assert payload["citations"][0]["source"] == "corpus/anyscale-devops-engineer-negotiation.md"
    assert "| London |" in payload["citations"][0]["quote"]


def test_ask_batch_answers_each_line_on_its_own(shipped_index):
    questions = "anyscale sf devops base\n\nand in London?\nwhat's a banana bread recipe?\n"
    result = run_coach("ask", "--json", "-", settings=shipped_index, stdin=questions)
    assert result.returncode == 0, result.stderr
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(answers) == 4 and answers.pop(1)["error"]  # the blank line: its own object
    assert "$168K–$218K" in answers[0]["answer"]
    # no shared history: "and in London?" alone names no company
    assert "Anyscale" not in answers[1]["answer"] or answers[1]["refused"]
    assert answers[2]["refused"] and not answers[2]["citations"]


def test_ask_human_output_lists_the_sources(shipped_index):
    result = run_coach("ask", "what levers do I have at alibaba?", settings=shipped_index)
    assert result.returncode == 0, result.stderr
    assert "Sign-On Bridge" in result.stdout
    assert "Sources:" in result.stdout and "corpus/alibaba-devops-engineer-negotiation.md" in (
        result.stdout
    )


def test_chat_keeps_the_conversation(shipped_index):
    turns = (
        "I got an offer from Anyscale in San Francisco: $175K base, $130K RSU over 4 years, "
        "5% bonus\nwhat should I counter with?\n/reset\nwhat should I counter with?\n/quit\n"
    )
    result = run_coach("chat", settings=shipped_index, stdin=turns)
    assert result.returncode == 0, result.stderr
    first_counter, after_reset = result.stdout.split("(conversation cleared)")
    assert "$213K" in first_counter
    assert "I need your offer" in after_reset and "$175K" not in after_reset


@pytest.mark.parametrize(
    "args, expected",
    [
        (("ask", "x", "--backend", "gpt5"), "composer, llamacpp, openai, ollama"),
        (("ask", "   "), "empty"),
        (("ask", "x", "--backend", "llamacpp"), "COACH_LLM_GGUF"),
    ],
)
def test_errors_are_one_line_with_the_fix(shipped_index, args, expected):
    result = run_coach(*args, settings=shipped_index)
    assert result.returncode == 2
    assert expected in result.stderr and "Traceback" not in result.stderr


def test_openai_backend_unreachable_fails_fast_with_the_composer_answer(shipped_index):
    env_port = "http://127.0.0.1:9/v1"  # nothing listens on the discard port
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "ask",
            "--json",
            "--backend",
            "openai",
            "anyscale sf devops base",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "COACH_CORPUS_DIR": str(shipped_index.corpus_dir),
            "COACH_INDEX_DIR": str(shipped_index.index_dir),
            "COACH_LLM_BASE_URL": env_port,
            "COACH_LLM_MODEL": "any",
        },
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["backend"] == "composer" and payload["grounding"]["status"] == "fallback"
    assert "127.0.0.1:9" in payload["notice"]
    assert "$168K–$218K" in payload["answer"]
