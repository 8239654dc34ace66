"""What the Chroma collection holds of a chunk, and the sidecar kept in step with it.

The collection holds each chunk's id, vector and only the metadata its filters and repairs
read (`STORED_KEYS`: the guide file it came from and its company); a chunk's text and the rest
of its record live in the sidecar (`assistant.index.lexical`), which retrieval loads anyway for
BM25. Chroma indexes every metadata key and the text for full-text search on each write, which
cost about a tenth of `coach index`'s time beside the embedding itself.

`refresh_sidecar` rewrites the sidecar when the chunk set changed: records and vectors of the
chunks just embedded, the rest taken from the old sidecar, and any still missing (a sidecar
deleted by hand) rebuilt by chunking their guides again (chunk ids are fixed by source and
text) with their vectors read back from Chroma.

Leaves out: choosing what to embed and the manifest (assistant.index.store), BM25 and the
sidecar's file format (assistant.index.lexical), and exact vector search (assistant.index.vectors).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from assistant.corpus.chunking import Chunk, ChunkRecord
from assistant.index.manifest import Manifest

STORED_KEYS = ("source", "company")  # `where` filters: a company's chunks, a guide's chunks


def stored_metadata(chunk: Chunk) -> dict[str, str | int]:
    """The metadata the collection keeps for a chunk."""
    metadata = chunk.metadata()
    return {key: metadata[key] for key in STORED_KEYS if key in metadata}


def refresh_sidecar(
    collection,
    index_dir: Path,
    corpus_dir: Path,
    manifest: Manifest,
    fresh: Mapping[str, tuple[Chunk, object]],
    dimension: int,
    count_tokens=None,
) -> None:
    """Rewrite the sidecar (records, BM25, vectors) when the chunk set changed."""
    import numpy as np

    from assistant.index import lexical
    from assistant.index.vectors import load_vectors

    ids = [cid for entry in manifest.files.values() for cid in entry.chunk_ids]
    chunk_fingerprint = lexical.fingerprint(ids)
    if lexical.stored_fingerprint(index_dir) == chunk_fingerprint:
        return
    records: dict[str, ChunkRecord] = {}
    vectors: dict[str, object] = {}
    old_records = lexical.read_records(index_dir)
    old_vectors = load_vectors(lexical.sidecar_dir(index_dir))
    if old_vectors is not None and len(old_vectors) == len(old_records):
        vectors.update((r.chunk_id, old_vectors[i]) for i, r in enumerate(old_records))
    records.update((r.chunk_id, r) for r in old_records)
    for chunk_id, (chunk, vector) in fresh.items():
        records[chunk_id] = ChunkRecord.from_metadata(chunk_id, chunk.text, chunk.metadata())
        vectors[chunk_id] = vector
    missing = {cid for cid in ids if cid not in records}
    if missing:
        records.update(_chunked_again(corpus_dir, manifest, missing, count_tokens))
    unvectored = [cid for cid in ids if cid not in vectors]
    for start in range(0, len(unvectored), 5000):
        got = collection.get(ids=unvectored[start : start + 5000], include=["embeddings"])
        vectors.update(zip(got["ids"], got["embeddings"], strict=True))
    kept = [cid for cid in ids if cid in records and cid in vectors]
    matrix = np.asarray([vectors[cid] for cid in kept], dtype=np.float32)
    matrix = matrix.reshape(len(kept), dimension)
    lexical.write_sidecar(index_dir, [records[cid] for cid in kept], matrix, chunk_fingerprint)


def _chunked_again(
    corpus_dir: Path, manifest: Manifest, missing: set[str], count_tokens
) -> dict[str, ChunkRecord]:
    """The records of `missing` chunk ids, by chunking again the guides the manifest says hold
    them (a guide that no longer gives the same chunks is re-embedded by the next sync)."""
    from assistant.corpus.chunking import chunk_guide
    from assistant.corpus.loader import load_corpus
    from assistant.index.embeddings import count_tokens as model_count

    sources = {s for s, entry in manifest.files.items() if missing & set(entry.chunk_ids)}
    guides = [g for g in load_corpus(corpus_dir).guides if g.source in sources]
    found = {}
    for guide in guides:
        for chunk in chunk_guide(guide, count_tokens or model_count):
            if chunk.chunk_id in missing:
                found[chunk.chunk_id] = ChunkRecord.from_metadata(
                    chunk.chunk_id, chunk.text, chunk.metadata()
                )
    return found
