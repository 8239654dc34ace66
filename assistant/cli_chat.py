"""`coach chat --json`: a conversation driven by a script. One turn per stdin line, plain text
or a JSON object {"q": "...", "reset": true} (assistant.cli_io.read_turn); each turn prints the
`coach ask --json` object of its answer on one line, flushed, in order. The conversation carries
across lines as in `coach chat`: the history of user turns and answers, and the rehearsal of the
call when one is under way; "reset" (or a plain "/reset" line) starts a new one before the turn.
A line that only resets prints {"reset": true}, so every input line has its output line; a bad
line (blank, not JSON though it starts with "{", too long) prints an object with an `error`
field and the rest go on, as in `coach ask --json -`; the exit status is then 1.

Leaves out: the interactive chat and its streaming (assistant.cli) and what an answer is
(assistant.coach).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.cli_io import read_turn, run_lines


def chat_json(coach: Any, print_line: Callable[[Any], None]) -> int:
    """Answer the turns of stdin as one conversation (or several, split by resets)."""
    from assistant.compose.rehearse_chat import ChatRehearsal

    history: list[dict[str, str]] = []
    rehearsal = ChatRehearsal()

    def turn(line: str) -> None:
        question, reset = read_turn(line)
        if reset:
            history.clear()
            rehearsal.reset()
        if not question:
            print_line({"reset": True})
            return
        answer = coach.ask(question, history, rehearsal=rehearsal)
        print_line(answer.to_json())
        history.extend(
            [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        )

    return run_lines("-", turn, True, "question")
