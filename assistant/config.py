"""Settings: paths and choices, read from flags and COACH_* environment variables.

Nothing happens at import time: `Settings()` reads the environment when it is created, and
`offline_environment()` is called explicitly by the code that loads models or opens Chroma.
Leaves out: LLM backend settings (they arrive with the backends).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Variables that keep every library offline and quiet. Set (not overridden) before models load.
OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def offline_environment() -> None:
    """Make sure no library reaches a model hub or sends telemetry (values already set win)."""
    for key, value in OFFLINE_ENVIRONMENT.items():
        os.environ.setdefault(key, value)


class Settings(BaseSettings):
    """Where the corpus and index live and how to reach the vector store."""

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
