"""The command line's boundary: argv and stdin made clean text, batches answered line by line,
and pipe or network failures ended with one line.

A batch (`coach ask --json -`, `coach search --json -`) reads stdin as bytes split at "\\n" only
(a "\\r" inside a line does not split it), cleans each line (assistant.text_input) and answers it
on its own: a line that fails or is refused prints its own JSON object with an `error` field, in
order, and the next line goes on; a blank line gets one too (so the output lines up) without
counting as a failure. The exit status is 1 when any line failed. `coach chat --json` reads its
turns the same way, each line plain text or a JSON object (`read_turn`).

Leaves out: what an answer is (assistant.coach) and the commands' options (assistant.cli).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Iterator

from assistant.errors import CoachError
from assistant.text_input import clean_text, excerpt

log = logging.getLogger(__name__)


def clean_argv(argv: list[str]) -> list[str]:
    """Every argument as clean text; a note on stderr for each one changed."""
    cleaned = []
    for number, argument in enumerate(argv, start=1):
        result = clean_text(argument)
        for note in result.notes:
            print(f"note: argument {number}: {note}", file=sys.stderr)
        cleaned.append(result.text)
    return cleaned


def stdin_lines() -> Iterator[tuple[str, tuple[str, ...]]]:
    """Each stdin line (split at "\\n" only), clean, with the notes on what was changed."""
    for raw in sys.stdin.buffer:
        result = clean_text(raw.rstrip(b"\n"))
        yield result.text.strip(), result.notes


def run_lines(query: str, answer: Callable[[str], object], as_json: bool, field: str) -> int:
    """Answer `query`, or each stdin line when it is "-": `answer(text)` prints its own output.
    In a batch a failing line prints {"error", field} (JSON) or an error line, and the rest go
    on; returns 1 when any line failed, else 0."""
    if query != "-":
        answer(query.strip())
        return 0
    failed = False
    for number, (text, notes) in enumerate(stdin_lines(), start=1):
        for note in notes:
            print(f"note: line {number}: {note}", file=sys.stderr)
        if not text:  # an object still, so the output lines up; not a failure
            if as_json:
                payload = {"error": "The line is empty.", field: "", "line": number}
                sys.stdout.write(json.dumps(payload) + "\n")
                sys.stdout.flush()
            continue
        try:
            answer(text)
            continue
        except CoachError as error:
            message = str(error)
        except (BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as error:  # one line's failure must not end the batch
            log.debug("line %d failed", number, exc_info=True)
            message = f"Something went wrong on our side ({type(error).__name__})."
        failed = True
        if as_json:
            payload = {"error": message, field: excerpt(text), "line": number}
            sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            print(f"error: line {number}: {message}", file=sys.stderr)
    return 1 if failed else 0


def read_turn(text: str) -> tuple[str, bool]:
    """One `coach chat --json` line as (question, reset): plain text is a question ("/reset"
    alone starts over); a line starting with "{" must be a JSON object with "q" (the question)
    and/or "reset": true (start a new conversation before the question). Anything else raises
    CoachError, so the line gets its own error object."""
    if text == "/reset":
        return "", True
    if not text.startswith("{"):
        return text, False
    try:
        turn = json.loads(text)
    except ValueError as error:
        raise CoachError(f"The line starts with {{ but is not a JSON object: {error}.") from None
    unknown = sorted(set(turn) - {"q", "reset"}) if isinstance(turn, dict) else None
    if unknown is None or unknown:
        raise CoachError('A JSON line is an object with only "q" and "reset" ({"q": "...", ...}).')
    question, reset = turn.get("q", ""), turn.get("reset", False)
    if not isinstance(question, str) or not isinstance(reset, bool):
        raise CoachError('"q" is a string and "reset" is true or false.')
    question = clean_text(question).text.strip()
    if not question and not reset:
        raise CoachError('The object has no question: give "q".')
    return question, reset


def guarded(run: Callable[[], int]) -> int:
    """Run a command; a closed pipe or a network failure ends it with one line, not a traceback."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # never write text that is not UTF-8
    try:
        return run()
    except BrokenPipeError:
        # the reader left (`coach ask … | head`): stop quietly, and let the exit not flush again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as error:
        print(f"error: {error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:
        if type(error).__module__.split(".")[0] not in ("httpx", "httpcore"):
            raise
        print(f"error: network: {error or type(error).__name__}", file=sys.stderr)
        return 2
