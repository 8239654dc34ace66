"""Embedding a sync's chunks group by group and storing each group.

A group is whole guides of about `embed_group_chunks` chunks. Its vectors go to the Chroma
collection (the guides' old chunks deleted first) and only then are its guides recorded in the
manifest, which is written: a run stopped at any point never records more than is stored, and
loses at most the group being embedded. (Storing a group in a thread while the next one embeds
was measured in paired runs on 2 cores, 2026-12-03: indexing / raw encode 0.94 either way, the
Chroma writes competing with the encoder for the cores; so it runs in order.)

Leaves out: which guides to embed, repairs and rebuilds (assistant.index.store), the sidecar
(assistant.index.sidecar_sync) and the encoders (assistant.index.query_model, .embeddings).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.corpus.chunking import Chunk
from assistant.corpus.loader import Guide
from assistant.index.manifest import FileEntry, Manifest, write_manifest
from assistant.index.query_model import OnnxEmbedder
from assistant.index.sidecar_sync import stored_metadata

if TYPE_CHECKING:
    from assistant.index.store import SyncReport

Group = list[tuple[Guide, list[Chunk]]]


class GroupStore:
    """Stores embedded groups of guides in `collection` and records them in `manifest`."""

    def __init__(
        self, collection, manifest: Manifest, report: SyncReport, index_dir: Path, max_batch: int
    ) -> None:
        self.collection = collection
        self.manifest = manifest
        self.report = report
        self.index_dir = index_dir
        self.max_batch = max_batch

    def embed_and_store(
        self,
        chunked: Sequence[tuple[Guide, list[Chunk]]],
        encoder,
        token_ids: dict[str, object],
        group_chunks: int,
        progress: bool = True,
    ) -> dict[str, tuple[Chunk, object]]:
        """Embed and store the chunks; return them with their vectors, by chunk id.
        `token_ids`: the chunker's word-piece ids by chunk id, given to the ONNX encoder (the
        same tokenizer) so it does not tokenize the chunks again."""
        from tqdm import tqdm

        bar = tqdm(
            total=sum(len(chunks) for _, chunks in chunked),
            unit="chunk",
            desc="Embedding",
            disable=not progress,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        embedded: dict[str, tuple[Chunk, object]] = {}
        with bar:
            for group in groups(chunked, group_chunks):
                chunks = [chunk for _, guide_chunks in group for chunk in guide_chunks]
                ids = [token_ids.pop(chunk.chunk_id, None) for chunk in chunks]
                given = {"token_ids": ids} if isinstance(encoder, OnnxEmbedder) else {}
                texts = [chunk.text for chunk in chunks]
                vectors = encoder.embed_array(texts, progress=bar.update, **given)
                embedded.update((c.chunk_id, (c, v)) for c, v in zip(chunks, vectors, strict=True))
                self.store(group, vectors)
        return embedded

    def store(self, group: Group, vectors) -> None:
        """Replace the group's guides' chunks in the collection, then record them."""
        chunks = [chunk for _, guide_chunks in group for chunk in guide_chunks]
        for guide, _ in group:
            if guide.source in self.manifest.files or self.report.repaired:
                self.collection.delete(where={"source": guide.source})
        for start in range(0, len(chunks), self.max_batch):
            part = chunks[start : start + self.max_batch]
            self.collection.upsert(  # (texts and full records: the sidecar's)
                ids=[chunk.chunk_id for chunk in part],
                embeddings=vectors[start : start + self.max_batch],
                metadatas=[stored_metadata(chunk) for chunk in part],
            )
        for guide, guide_chunks in group:
            self.manifest.files[guide.source] = FileEntry(
                sha256=guide.sha256,
                chunk_ids=[chunk.chunk_id for chunk in guide_chunks],
                title=guide.title,
                company=guide.company,
                role=guide.role,
                kind=guide.kind,
            )
            self.report.chunks_per_guide[guide.source] = len(guide_chunks)
        self.report.chunks_embedded += len(chunks)
        write_manifest(self.index_dir, self.manifest)


def groups(chunked: Iterable[tuple[Guide, list[Chunk]]], size: int) -> Iterable[Group]:
    """Whole guides in order, a group closed once it holds `size` chunks or more."""
    group, count = [], 0
    for guide, chunks in chunked:
        group.append((guide, chunks))
        count += len(chunks)
        if count >= size:
            yield group
            group, count = [], 0
    if group:
        yield group
