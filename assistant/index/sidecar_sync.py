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

`SidecarBuild` assembles the coming sidecar's records and builds its BM25 and vocabulary in a
thread while the chunks are embedded (ONNX releases the GIL and leaves some of the cores idle),
so `refresh_sidecar` has only the vectors to add and the files to write.

Leaves out: choosing what to embed and the manifest (assistant.index.store), BM25 and the
sidecar's file format (assistant.index.lexical), and exact vector search (assistant.index.vectors).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from assistant.corpus.chunking import Chunk, ChunkRecord
from assistant.index.manifest import Manifest

STORED_KEYS = ("source", "company")  # `where` filters: a company's chunks, a guide's chunks


def stored_metadata(chunk: Chunk) -> dict[str, str | int]:
    """The metadata the collection keeps for a chunk."""
    metadata = chunk.metadata()
    return {key: metadata[key] for key in STORED_KEYS if key in metadata}


class SidecarBuild:
    """The records of the chunk set a sync is about to store, in the manifest's order (records
    of `new_chunks` made from them, the rest read from the old sidecar), with BM25 and the
    vocabulary over them, built in a background thread; `result()` waits for it. None when a
    planned chunk has no record anywhere (`refresh_sidecar` then chunks its guide again)."""

    def __init__(
        self, index_dir: Path, planned_ids: Sequence[str], new_chunks: Sequence[Chunk]
    ) -> None:
        self._built = None
        self._failure: BaseException | None = None
        self._thread = threading.Thread(
            target=self._build, args=(index_dir, planned_ids, new_chunks), daemon=True
        )
        self._thread.start()

    def _build(self, index_dir: Path, planned_ids: Sequence[str], new_chunks: Sequence[Chunk]):
        from assistant.index import lexical

        try:
            by_id = {
                c.chunk_id: ChunkRecord.from_metadata(c.chunk_id, c.text, c.metadata())
                for c in new_chunks
            }
            if len(by_id) < len(planned_ids):
                for record in lexical.read_records(index_dir):
                    by_id.setdefault(record.chunk_id, record)
            if all(cid in by_id for cid in planned_ids):
                self._built = lexical.LexicalIndex.build([by_id[cid] for cid in planned_ids])
        except BaseException as failure:  # raised again by result(), in the syncing thread
            self._failure = failure

    def result(self):
        """The built `LexicalIndex` (its records in sidecar order), or None."""
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self._built


def refresh_sidecar(
    collection,
    index_dir: Path,
    corpus_dir: Path,
    manifest: Manifest,
    fresh: Mapping[str, tuple[Chunk, object]],
    dimension: int,
    count_tokens=None,
    prebuilt: SidecarBuild | None = None,
) -> None:
    """Rewrite the sidecar (records, BM25, vectors) when the chunk set changed; `prebuilt`,
    when it holds exactly the manifest's chunks, gives the records, BM25 and vocabulary."""
    import numpy as np

    from assistant.index import lexical
    from assistant.index.vectors import load_vectors

    ids = [cid for entry in manifest.files.values() for cid in entry.chunk_ids]
    chunk_fingerprint = lexical.fingerprint(ids)
    keyword = prebuilt.result() if prebuilt is not None else None
    if lexical.stored_fingerprint(index_dir) == chunk_fingerprint:
        return
    old_records = lexical.read_records(index_dir)
    if keyword is not None and _same_chunks(keyword.records, ids):
        records = keyword.records
    else:
        by_id = {r.chunk_id: r for r in old_records}
        for chunk_id, (chunk, _) in fresh.items():
            by_id[chunk_id] = ChunkRecord.from_metadata(chunk_id, chunk.text, chunk.metadata())
        missing = {cid for cid in ids if cid not in by_id}
        if missing:
            by_id.update(_chunked_again(corpus_dir, manifest, missing, count_tokens))
        records = [by_id[cid] for cid in ids if cid in by_id]
    vectors: dict[str, object] = {cid: vector for cid, (_, vector) in fresh.items()}
    if len(vectors) < len(records):
        old_vectors = load_vectors(lexical.sidecar_dir(index_dir))
        if old_vectors is not None and len(old_vectors) == len(old_records):
            for i, record in enumerate(old_records):
                vectors.setdefault(record.chunk_id, old_vectors[i])
    unvectored = [r.chunk_id for r in records if r.chunk_id not in vectors]
    for start in range(0, len(unvectored), 5000):
        got = collection.get(ids=unvectored[start : start + 5000], include=["embeddings"])
        vectors.update(zip(got["ids"], got["embeddings"], strict=True))
    if any(r.chunk_id not in vectors for r in records):  # not in Chroma either: left out
        records = [r for r in records if r.chunk_id in vectors]
    matrix = np.asarray([vectors[r.chunk_id] for r in records], dtype=np.float32)
    matrix = matrix.reshape(len(records), dimension)
    lexical.write_sidecar(index_dir, records, matrix, chunk_fingerprint, keyword)


def _same_chunks(records: Sequence[ChunkRecord], ids: Sequence[str]) -> bool:
    return [record.chunk_id for record in records] == list(ids)


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
