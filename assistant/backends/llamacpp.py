"""In-process GGUF model through llama-cpp-python (the `llm` extra).

A model is loaded on first use and kept in a module-level cache keyed by (file, context size),
so later backends and calls with the same settings reuse it. Sampling is greedy (temperature 0)
with a fixed seed, so the same messages give the same reply.
Leaves out: GPU offload, and running two generations on one model at once (callers take turns).
"""

from __future__ import annotations

import atexit
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.backends import BackendUnavailable, LLMBackend

if TYPE_CHECKING:
    from assistant.config import Settings

INSTALL_HINT = "pip install 'negotiation-coach[llm]'"
SEED = 1234

_MODELS: dict[tuple[str, int], Any] = {}
_LOAD_LOCK = threading.Lock()


def _llama_class() -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise BackendUnavailable(
            f"the llamacpp backend needs llama-cpp-python: run {INSTALL_HINT} "
            "(or use --backend composer)"
        ) from exc
    return Llama


def _checked_gguf(path: Path | None) -> Path:
    if path is None:
        raise BackendUnavailable(
            "the llamacpp backend needs a model: set COACH_LLM_GGUF to a .gguf file "
            "(or use --backend composer)"
        )
    path = Path(path).expanduser()
    if path.is_dir():
        raise BackendUnavailable(f"COACH_LLM_GGUF is a folder, not a .gguf file: {path}")
    if not path.is_file():
        raise BackendUnavailable(
            f"model file not found: {path} (set COACH_LLM_GGUF to a .gguf file)"
        )
    if not os.access(path, os.R_OK):
        raise BackendUnavailable(f"model file is not readable: {path} (check its permissions)")
    return path.resolve()


def _close_models() -> None:
    """Free the loaded models at exit, while llama_cpp still works (its __del__ fails later)."""
    while _MODELS:
        _, model = _MODELS.popitem()
        model.close()


def load_model(gguf: Path, n_ctx: int) -> Any:
    """The loaded Llama for (gguf, n_ctx), loading it once per process."""
    key = (str(gguf), n_ctx)
    with _LOAD_LOCK:
        if key not in _MODELS:
            llama = _llama_class()
            if not _MODELS:
                atexit.unregister(_close_models)
                atexit.register(_close_models)
            try:
                _MODELS[key] = llama(
                    model_path=str(gguf),
                    n_ctx=n_ctx,
                    n_threads=os.cpu_count(),
                    seed=SEED,
                    verbose=False,
                )
            except (ValueError, RuntimeError, OSError) as exc:
                raise BackendUnavailable(
                    f"cannot load {gguf} as a GGUF model ({exc}); set COACH_LLM_GGUF to a "
                    "valid .gguf file"
                ) from exc
        return _MODELS[key]


class LlamaCppBackend(LLMBackend):
    """Runs a local .gguf chat model inside this process."""

    name = "llamacpp"

    def __init__(self, gguf: Path | None, *, n_ctx: int = 4096, max_tokens: int = 512) -> None:
        self.gguf = _checked_gguf(gguf)
        _llama_class()  # fail now, with the install hint, not on the first question
        self.n_ctx = n_ctx
        self.max_tokens = max_tokens

    @classmethod
    def from_settings(cls, settings: Settings) -> LlamaCppBackend:
        return cls(
            settings.llm_gguf, n_ctx=settings.llm_context, max_tokens=settings.llm_max_tokens
        )

    def generate(self, messages: list[dict[str, str]]) -> Iterator[str]:
        model = load_model(self.gguf, self.n_ctx)
        try:
            stream = model.create_chat_completion(
                messages=messages,
                stream=True,
                temperature=0.0,
                seed=SEED,
                max_tokens=self.max_tokens,
            )
            for chunk in stream:
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    yield piece
        except ValueError as exc:  # e.g. the messages do not fit the context window
            raise BackendUnavailable(
                f"the llamacpp model could not answer: {exc} "
                "(raise COACH_LLM_CONTEXT or shorten the conversation)"
            ) from exc
