"""`manifest.json` in the index folder: which guides the index holds (by content hash), their
chunk ids, and the embedding model and dimension the vectors were made with, under a schema
version checked on load (a manifest of another version makes `coach index` rebuild).

Written atomically (temporary file, fsync, rename). Leaves out: deciding what to re-embed
(assistant.index.store) and the sidecar's own fingerprint (assistant.index.lexical).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

SCHEMA_VERSION = 2  # 2: the collection holds no texts (the sidecar does); 1 held them
MANIFEST_NAME = "manifest.json"


@dataclass
class FileEntry:
    sha256: str
    chunk_ids: list[str]
    title: str = ""
    company: str = ""
    role: str = ""
    kind: str = ""


@dataclass
class Manifest:
    embedding_model: str
    dimension: int
    schema_version: int = SCHEMA_VERSION
    collection: str = "offer_coach"
    in_progress: bool = False
    files: dict[str, FileEntry] = field(default_factory=dict)
    # The ONNX query model's record (assistant.index.query_model): file, sha256, size, versions.
    query_model: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Manifest:
        files = {source: FileEntry(**entry) for source, entry in data.get("files", {}).items()}
        return cls(
            embedding_model=data["embedding_model"],
            dimension=int(data["dimension"]),
            schema_version=int(data["schema_version"]),
            collection=data.get("collection", "offer_coach"),
            in_progress=bool(data.get("in_progress", False)),
            files=files,
            query_model=dict(data.get("query_model") or {}),
        )


def manifest_path(index_dir: Path) -> Path:
    return Path(index_dir) / MANIFEST_NAME


def read_manifest(index_dir: Path) -> Manifest | None:
    """The manifest, or None when there is none. Raises ValueError when it is unreadable."""
    path = manifest_path(index_dir)
    if not path.exists():
        return None
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is unreadable ({error})") from error


def write_manifest(index_dir: Path, manifest: Manifest) -> None:
    """Atomic: write a temporary file, fsync, then rename over the old one."""
    path = manifest_path(index_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(manifest.to_json(), handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
