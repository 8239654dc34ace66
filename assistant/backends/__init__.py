"""LLM backends behind one small interface, and the registry that builds them by name.

`LLMBackend.generate(messages)` is the only abstract method: OpenAI-style messages in, text
pieces out as they stream. `get_backend(name, settings)` builds a backend ("composer", the
built-in grounded composer, needs no model and gives None). Optional packages are imported
inside the backend classes only, so importing this package never needs them.
Leaves out: prompts and the grounding check (the agent and `assistant.compose.grounding` own them).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from assistant.errors import CoachError, ConfigError

if TYPE_CHECKING:
    from assistant.config import Settings

BACKEND_NAMES = ("composer", "llamacpp", "openai", "ollama")


class BackendUnavailable(CoachError):
    """A chosen LLM backend cannot run: package missing, model file or server not there."""


class UnknownBackend(ConfigError):
    """The backend name (--backend or COACH_BACKEND) is not one of BACKEND_NAMES."""


class LLMBackend(ABC):
    """Something that turns chat messages into streamed text."""

    name: str

    @abstractmethod
    def generate(self, messages: list[dict[str, str]]) -> Iterator[str]:
        """Yield the reply to `messages` ({"role", "content"} dicts) piece by piece."""


def _builders() -> dict[str, Callable[[Settings], LLMBackend | None]]:
    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.backends.openai_compatible import OpenAICompatibleBackend

    return {
        "composer": lambda settings: None,
        "llamacpp": LlamaCppBackend.from_settings,
        "openai": OpenAICompatibleBackend.from_settings,
        "ollama": OpenAICompatibleBackend.ollama,
    }


def get_backend(name: str, settings: Settings) -> LLMBackend | None:
    """The backend called `name` (any case), or None for the built-in composer."""
    key = name.strip().lower()
    if key not in BACKEND_NAMES:
        raise UnknownBackend(
            f"unknown backend {name!r}: choose one of {', '.join(BACKEND_NAMES)} "
            "(flag --backend or COACH_BACKEND)"
        )
    return _builders()[key](settings)
