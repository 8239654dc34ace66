"""Settings: paths and choices, read from flags and COACH_* environment variables.

Nothing happens at import time: `Settings()` reads the environment when it is created, and
`offline_environment()` is called explicitly by the code that loads models or opens Chroma.
LLM backend settings are plain values here; `assistant.backends` checks them when a backend is
built. Leaves out: prompts and sampling choices other than length (they belong to the backends).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The embedding model reads at most 256 word pieces, [CLS] and [SEP] included; the rest is cut
# off. Chunking keeps every chunk inside it; embeddings read it too.
MODEL_WINDOW_TOKENS = 256

# Variables that keep every library offline and quiet. Set (not overridden) before models load.
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "LANGCHAIN_TRACING_V2": "false",  # LangChain/LangGraph never send traces anywhere
    "LANGSMITH_TRACING": "false",
}


def offline_environment() -> None:
    """Make sure no library reaches a model hub or sends telemetry (values already set win)."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Where the corpus and index live, how to reach the vector store, which LLM backend."""

    model_config = SettingsConfigDict(env_prefix="COACH_", extra="ignore")

    corpus_dir: Path = Field(default=PROJECT_ROOT / "corpus", description="folder of guides")
    index_dir: Path = Field(default=PROJECT_ROOT / "index", description="manifest + Chroma store")
    chroma_url: str | None = Field(
        default=None, description="http://host:port of a Chroma server; unset = on-disk store"
    )
    collection: str = Field(default="offer_coach", description="Chroma collection name")
    embed_batch_size: int = Field(default=32, ge=1, le=4096)
    embed_group_chunks: int = Field(
        default=2048,
        ge=1,
        le=100_000,
        description="chunks embedded and stored together; an interrupted run loses at most one",
    )
    backend: str = Field(
        default="composer",
        description="how answers are worded: composer (no model) | llamacpp | openai | ollama",
    )
    llm_gguf: Path | None = Field(
        default=None, description="a .gguf model file for the in-process llamacpp backend"
    )
    llm_base_url: str | None = Field(
        default=None,
        description="OpenAI-compatible server URL, e.g. http://127.0.0.1:8080/v1 (ollama: preset)",
    )
    llm_model: str | None = Field(
        default=None, description="model name sent to the server (ollama default: llama3.2)"
    )
    llm_api_key: SecretStr | None = Field(
        default=None, description="API key for the server; local servers accept any value"
    )
    llm_max_tokens: int = Field(default=512, ge=1, le=32_768, description="longest reply, tokens")
    llm_context: int = Field(
        default=4096, ge=256, le=262_144, description="context window (tokens) of the GGUF model"
    )
    llm_timeout: float = Field(
        default=120, gt=0, le=3600, description="seconds to wait for a server's reply (read)"
    )
