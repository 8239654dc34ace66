"""Test doubles for `assistant.backends.LLMBackend`, so unit tests never need a real model.

`MockModel` replays queued replies; `FunctionModel` answers with a plain function of the
messages. Both record what they were asked in `.calls`, and act when `generate` is called
(not lazily on the first piece), so a missing reply fails at the call that needed it.
Leaves out: errors and slow streams (a test that needs one writes a FunctionModel that raises).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.backends import LLMBackend

Messages = list[dict[str, str]]


def pieces(text: str) -> list[str]:
    """`text` cut into word-sized pieces that join back to it exactly, as a stream would."""
    return re.findall(r"\s*\S+|\s+", text)


class MockModel(LLMBackend):
    """Replies with queued texts, in order: `model.enqueue("...")` before each call."""

    name = "mock"

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.calls: list[Messages] = []

    def enqueue(self, text: str) -> MockModel:
        self.queue.append(text)
        return self

    def generate(self, messages: Messages) -> Iterator[str]:
        self.calls.append([dict(message) for message in messages])
        if not self.queue:
            raise AssertionError(
                f"MockModel was called (call {len(self.calls)}) with no reply queued; "
                "call model.enqueue(text) first"
            )
        return iter(pieces(self.queue.pop(0)))


class FunctionModel(LLMBackend):
    """Replies with `fn(messages)`, streamed in pieces."""

    def __init__(self, fn: Callable[[Messages], str], name: str = "function") -> None:
        self.fn = fn
        self.name = name
        self.calls: list[Messages] = []

    def generate(self, messages: Messages) -> Iterator[str]:
        self.calls.append([dict(message) for message in messages])
        return iter(pieces(self.fn(messages)))


class Recording(LLMBackend):
    """Wraps a real backend and keeps each full reply in `.replies` (what the model wrote
    before the grounding check)."""

    def __init__(self, inner: LLMBackend) -> None:
        self.inner, self.name = inner, inner.name
        self.replies: list[str] = []

    def generate(self, messages: Messages) -> Iterator[str]:
        text = ""
        for piece in self.inner.generate(messages):
            text += piece
            yield piece
        self.replies.append(text)
