"""The Chroma client: a PersistentClient under `<index>/chroma`, or an HttpClient when
COACH_CHROMA_URL is set; telemetry off; collections in cosine space with no embedding function
(Chroma's default one downloads a model, so it is never used).

Leaves out: what is stored and when (assistant.index.store).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from assistant.config import Settings, offline_environment
from assistant.errors import IndexStateError


def chroma_client(settings: Settings):
    """A PersistentClient under <index>/chroma, or an HttpClient when COACH_CHROMA_URL is set."""
    offline_environment()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise IndexStateError(
                f"COACH_CHROMA_URL={settings.chroma_url!r} is not a URL like http://127.0.0.1:8000"
            )
        try:
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as error:  # chromadb raises plain ValueError/ConnectionError here
            raise IndexStateError(
                f"Cannot reach the Chroma server at {settings.chroma_url} ({error}). Start it with "
                "`chroma run --path DIR --host 127.0.0.1`, or unset COACH_CHROMA_URL to use the "
                "on-disk index."
            ) from error
    return persistent_client(Path(settings.index_dir) / "chroma")


def persistent_client(path: Path):
    """An on-disk Chroma client at `path`, telemetry off."""
    offline_environment()
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )


def collection_named(client, name: str):
    return client.get_or_create_collection(
        name=name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
    )


def drop_collection(client, name: str) -> None:
    try:
        client.delete_collection(name)
    except Exception:  # not there: nothing to drop (chromadb's error types vary by version)
        pass


def max_batch_size(client) -> int:
    try:
        return max(1, int(client.get_max_batch_size()))
    except Exception:  # older servers do not report it
        return 1000
