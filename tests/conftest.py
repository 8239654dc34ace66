"""Shared fixtures. Every test runs with its index state in a temporary folder (autouse), so no
test can touch the repository's index/ or a Chroma server it did not start itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.config import PROJECT_ROOT, Settings, offline_environment

SHIPPED_CORPUS = PROJECT_ROOT / "corpus"
ALIBABA_NEGOTIATION = "alibaba-devops-engineer-negotiation.md"
ALIBABA_INTERVIEW = "alibaba-devops-engineer-interview-prep.txt"
ANYSCALE_NEGOTIATION = "anyscale-devops-engineer-negotiation.md"

offline_environment()


@pytest.fixture(autouse=True)
def isolated_state(monkeypatch, tmp_path_factory):
    """Point all COACH_* state at a fresh temp dir; never reach a configured Chroma server."""
    state = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("COACH_INDEX_DIR", str(state / "index"))
    monkeypatch.delenv("COACH_CHROMA_URL", raising=False)
    monkeypatch.delenv("COACH_CORPUS_DIR", raising=False)
    return state


@pytest.fixture(scope="session")
def token_counter():
    from assistant.index.embeddings import TokenCounter

    return TokenCounter()


@pytest.fixture(scope="session")
def embedder():
    """The real packaged all-MiniLM-L6-v2, loaded once per test session."""
    from assistant.index.embeddings import Embedder

    return Embedder()


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A private copy of the shipped guides (without SOURCES.md), safe to edit."""
    target = tmp_path / "corpus"
    target.mkdir()
    for path in SHIPPED_CORPUS.iterdir():
        if path.name != "SOURCES.md":
            shutil.copy2(path, target / path.name)
    return target


@pytest.fixture
def settings_for(tmp_path):
    def make(corpus: Path, index: Path | None = None) -> Settings:
        return Settings(corpus_dir=corpus, index_dir=index or tmp_path / "index")

    return make


def pytest_configure(config):
    config.addinivalue_line("markers", "llm: uses the real SmolLM2 model")


@pytest.fixture
def real_backend_calls():
    """Request this to let a test not marked `llm` call a real backend's generate (e.g. against
    a fake HTTP server or a closed port): it lifts `no_real_llm_calls` for that test."""


@pytest.fixture(autouse=True)
def no_real_llm_calls(request, monkeypatch):
    """A real LLM backend called from a unit test is an error (pydantic-ai style guard). The
    call raises, and the test fails at teardown too, even if the code under test caught it."""
    if request.node.get_closest_marker("llm") or "real_backend_calls" in request.fixturenames:
        yield
        return
    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.backends.openai_compatible import OpenAICompatibleBackend

    message = (
        "a real LLM was called in a unit test; "
        "mark it @pytest.mark.llm or use tests.fakes.MockModel (called: {})"
    )
    called: list[str] = []

    def refuse(self, messages):
        called.append(type(self).__name__)
        raise AssertionError(message.format(type(self).__name__))

    monkeypatch.setattr(LlamaCppBackend, "generate", refuse)
    monkeypatch.setattr(OpenAICompatibleBackend, "generate", refuse)
    yield called  # the refused calls; a test of the guard itself clears it
    if called:
        pytest.fail(message.format(", ".join(called)), pytrace=False)


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory) -> Settings:
    """A copy of the shipped guides indexed once per session (real MiniLM + Chroma on disk)."""
    from assistant.index.store import VectorIndex

    corpus = tmp_path_factory.mktemp("shipped") / "corpus"
    shutil.copytree(SHIPPED_CORPUS, corpus)
    settings = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index")
    VectorIndex(settings).sync(progress=False)
    return settings


@pytest.fixture(scope="session")
def served(shipped_index, tmp_path_factory):
    """`coach serve` over a private copy of the indexed shipped guides (tests may upload)."""
    from ui_support import served_app

    workdir = tmp_path_factory.mktemp("served")
    with served_app(workdir, shipped_index.corpus_dir, shipped_index.index_dir) as app:
        yield app
