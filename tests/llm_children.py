"""What the SmolLM2 tests run inside a child process (tests/child.py), so that a crash in
llama.cpp's native code fails one test instead of the whole run. Each function takes and
returns plain JSON values; an assertion that fails here fails the calling test with this
process's traceback.

Leaves out: the assertions that need the parent's fixtures (they stay in the test modules).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

REPHRASE = [
    {"role": "system", "content": "Rewrite the user's text in one friendly sentence."},
    {"role": "user", "content": "Ask for a base salary of 150,000 USD."},
]


def llamacpp_reuse(gguf: str) -> dict:
    """Two backends on one GGUF: the replies, how many times the model was loaded, and whether
    the second backend used the very model object the first one loaded."""
    from assistant.backends import get_backend, llamacpp
    from assistant.config import Settings

    loads = []
    real_class = llamacpp._llama_class()

    def counting_class(**kwargs):
        loads.append(kwargs)
        return real_class(**kwargs)

    llamacpp._llama_class = lambda: counting_class
    settings = Settings(llm_gguf=Path(gguf), llm_max_tokens=32)
    first = "".join(get_backend("llamacpp", settings).generate(REPHRASE))
    key = (str(Path(gguf).resolve()), settings.llm_context)
    loaded = llamacpp._MODELS[key]
    again = "".join(get_backend("llamacpp", settings).generate(REPHRASE))
    return {
        "first": first,
        "again": again,
        "loads": len(loads),
        "same_model": llamacpp._MODELS[key] is loaded,
    }


def smollm2_in_process_check(gguf: str, corpus_dir: str, index_dir: str) -> str:
    """The in-process grounding-check test over an indexed corpus (see test_agent_llm)."""
    from fakes import Recording
    from test_agent_llm import assert_the_check_caught_what_the_model_invented

    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.coach import Coach
    from assistant.config import Settings

    recorder = Recording(LlamaCppBackend(Path(gguf), n_ctx=4096, max_tokens=96))
    coach = Coach(Settings(corpus_dir=Path(corpus_dir), index_dir=Path(index_dir)), recorder)
    assert_the_check_caught_what_the_model_invented(coach, recorder)
    return "ok"


def answer(value):
    """A child that works: returns what it was given."""
    return {"echo": value, "pid": os.getpid()}


def segfault() -> None:
    """A child that dies the way a faulting native library does."""
    os.kill(os.getpid(), signal.SIGSEGV)
