"""Conversations asked through the scripting contract: every `conversation` gold item's turns go
to one `coach chat --json` process (the installed command line, run as `python -m
assistant.cli`), each conversation's first turn with "reset": true, and each output line is read
back as that turn's `Answer` (an error line as None). One process for the whole run: the index
and the model are opened once, and the conversation state is what the command keeps, not a
replay by the eval.

Leaves out: scoring (evals.metrics, evals.coverage) and the other items, which the eval asks
in-process (evals.answer_eval).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence

from assistant.answer import Answer, Citation, Grounding
from assistant.config import Settings
from assistant.errors import CoachError
from evals.metrics import GoldItem

TIMEOUT_SECONDS = 1800


def answer_from_json(payload: dict) -> Answer:
    """The `Answer` a `coach ask --json` object describes."""
    grounding = payload.get("grounding") or {}
    return Answer(
        answer=payload["answer"],
        citations=tuple(Citation(**c) for c in payload.get("citations", ())),
        refused=bool(payload["refused"]),
        intent=payload.get("intent", ""),
        backend=payload.get("backend", ""),
        grounding=Grounding(
            status=grounding.get("status", "ok"),
            ungrounded=tuple(grounding.get("ungrounded", ())),
            dropped=tuple(grounding.get("dropped", ())),
            reason=grounding.get("reason", ""),
        ),
        calculations=tuple((c["value"], c["unit"]) for c in payload.get("calculations", ())),
        notice=payload.get("notice", ""),
    )


def chat_lines(items: Sequence[GoldItem]) -> list[str]:
    """The stdin of `coach chat --json` for these conversations, one JSON turn per line."""
    return [
        json.dumps({"q": turn, "reset": number == 0}, ensure_ascii=False)
        for item in items
        for number, turn in enumerate(item.turns)
    ]


def run_conversations(
    items: Sequence[GoldItem], settings: Settings, backend: str
) -> dict[str, list[Answer | None]]:
    """Each item's answers, one per turn, from one `coach chat --json` process."""
    if not items:
        return {}
    command = [sys.executable, "-m", "assistant.cli", "chat", "--json"]
    command += ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    command += ["--backend", backend]
    stdin = "".join(line + "\n" for line in chat_lines(items))
    done = subprocess.run(
        command,
        input=stdin.encode("utf-8"),
        capture_output=True,
        timeout=TIMEOUT_SECONDS,
        env=os.environ.copy(),
    )
    out = done.stdout.decode("utf-8").splitlines()
    expected = sum(len(item.turns) for item in items)
    if len(out) != expected:
        tail = done.stderr.decode("utf-8", "replace")[-800:]
        raise CoachError(
            f"coach chat --json printed {len(out)} lines for {expected} turns "
            f"(exit {done.returncode}): {tail}"
        )
    answers: dict[str, list[Answer | None]] = {}
    lines = iter(out)
    for item in items:
        got = []
        for _ in item.turns:
            payload = json.loads(next(lines))
            got.append(None if "error" in payload else answer_from_json(payload))
        answers[item.id] = got
    return answers
