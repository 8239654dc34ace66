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
    from assistant.embeddings import TokenCounter

    return TokenCounter()


@pytest.fixture(scope="session")
def embedder():
    """The real packaged all-MiniLM-L6-v2, loaded once per test session."""
    from assistant.embeddings import Embedder

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
