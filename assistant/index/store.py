"""The vector index: a Chroma collection plus `manifest.json`, kept in step with the corpus.

`sync_index` is incremental: a guide whose content hash is unchanged is not re-embedded, a
changed guide's old chunks are replaced, a deleted guide's chunks are removed. Chunks of many
guides are embedded together in large batches (throughput), and the manifest records each guide
only after its chunks are stored, so a run stopped at any point (Ctrl-C, kill -9) leaves a
manifest that never claims more than is stored. The manifest's `in_progress` flag tells the next
run that the last one did not finish; it then reconciles the collection with the manifest
(removing chunks of guides it does not record) before syncing.

A manifest of another schema version, embedding model or dimension, or one that is unreadable,
makes the run rebuild from scratch and say why: vectors of two models are never mixed.

Storage: chromadb PersistentClient under `<index>/chroma` (cosine space, telemetry off), or a
Chroma server when `COACH_CHROMA_URL` is set (the manifest then stays in `<index>/`). The
collection holds ids, vectors and the metadata its filters read (source, company); texts and
records are the sidecar's (assistant.index.sidecar_sync), where dense hits are looked up. Nothing
outside this package touches Chroma (the client: assistant.index.chroma; the manifest:
assistant.index.manifest). Leaves out: the keyword (BM25) side and ranking fusion, which belong
to retrieval.
"""

from __future__ import annotations

import fcntl
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from assistant.config import Settings
from assistant.corpus.chunking import Chunk, ChunkRecord
from assistant.corpus.loader import Guide, SkippedFile, load_corpus
from assistant.errors import IndexStateError
from assistant.index.chroma import chroma_client, collection_named, drop_collection, max_batch_size
from assistant.index.embeddings import chunk_with_ids
from assistant.index.group_store import GroupStore
from assistant.index.manifest import (
    SCHEMA_VERSION,
    Manifest,
    read_manifest,
    write_manifest,
)
from assistant.index.query_model import ensure_query_model, onnx_query_embedder
from assistant.index.sidecar_sync import SidecarBuild, refresh_sidecar

Say = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- sync --------------------------------------------------------------------------------------


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    chunks_embedded: int = 0
    chunks_per_guide: dict[str, int] = field(default_factory=dict)
    rebuilt_because: str = ""
    repair_reason: str = ""
    repaired: bool = False
    seconds: float = 0.0

    def summary(self) -> str:
        lines = []
        if self.rebuilt_because:
            lines.append(f"Full rebuild: {self.rebuilt_because}")
        if self.repaired:
            lines.append(f"Repaired: {self.repair_reason}; the index was checked and fixed.")
        for label, sources in (
            ("added", self.added),
            ("changed", self.changed),
            ("removed", self.removed),
        ):
            for source in sources:
                lines.append(f"  {label:<8} {source}")
        for skipped in self.skipped:
            lines.append(f"  skipped  {skipped.path}: {skipped.reason}")
        lines.append(
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped; "
            f"{self.chunks_embedded} chunks embedded in {self.seconds:.1f}s"
        )
        return "\n".join(lines)


class VectorIndex:
    """The Chroma collection and manifest for one corpus/index pair."""

    def __init__(self, settings: Settings, embedder=None) -> None:
        self.settings = settings
        self._given_embedder = embedder  # a given embedder embeds chunks and queries
        self._embedder = embedder
        self._query_embedder = embedder
        self._client = None
        self._searchable = None  # (collection, count), once checked for searching

    @property
    def embedder(self):
        if self._embedder is None:
            from assistant.index.embeddings import Embedder

            self._embedder = Embedder(batch_size=self.settings.embed_batch_size)
        return self._embedder

    @property
    def query_embedder(self):
        """What embeds a question: the index's ONNX export (no torch), else `embedder`."""
        if self._query_embedder is None:
            onnx = onnx_query_embedder(self.settings.index_dir)
            self._query_embedder = onnx or self.embedder
        return self._query_embedder

    @property
    def client(self):
        if self._client is None:
            self._client = chroma_client(self.settings)
        return self._client

    @property
    def collection(self):
        return collection_named(self.client, self.settings.collection)

    def count(self) -> int:
        return self.collection.count()

    # -- sync -----------------------------------------------------------------------------------

    def sync(
        self, progress: bool = True, say: Say = _stderr, count_tokens=None, rebuild: bool = False
    ) -> SyncReport:
        """Bring the index in step with the corpus; one sync at a time per index folder."""
        with _index_lock(self.settings.index_dir, say):
            return self._sync(progress, say, count_tokens, rebuild)

    def _sync(self, progress: bool, say: Say, count_tokens, rebuild: bool) -> SyncReport:
        started = time.perf_counter()
        report = SyncReport()
        loaded = load_corpus(self.settings.corpus_dir)
        report.skipped = loaded.skipped
        manifest = self._manifest_for_sync(report, say, rebuild)
        collection = self.collection
        if report.repair_reason:
            report.repaired = True
            say(f"{report.repair_reason}; checking and repairing the index.")
            self._reconcile(collection, manifest)
        manifest.query_model = ensure_query_model(
            self.settings.index_dir, manifest.query_model, say
        )
        manifest.in_progress = True
        write_manifest(self.settings.index_dir, manifest)

        current = {guide.source: guide for guide in loaded.guides}
        for source in sorted(set(manifest.files) - set(current)):
            collection.delete(where={"source": source})
            del manifest.files[source]
            report.removed.append(source)
            write_manifest(self.settings.index_dir, manifest)

        to_embed: list[Guide] = []
        for source, guide in current.items():
            entry = manifest.files.get(source)
            if entry is not None and entry.sha256 == guide.sha256:
                report.unchanged.append(source)
                report.chunks_per_guide[source] = len(entry.chunk_ids)
            else:
                (report.changed if entry is not None else report.added).append(source)
                to_embed.append(guide)

        fresh: dict[str, tuple[Chunk, object]] = {}  # chunk id -> (chunk, its vector)
        prebuilt = None
        if to_embed:
            # The ONNX export embeds chunks too when no embedder was given: the same vectors,
            # twice as fast on a CPU. (Not `self._embedder`: reading the model's name sets it.)
            encoder = (
                self._given_embedder
                or onnx_query_embedder(self.settings.index_dir)
                or self.embedder
            )
            opening = getattr(encoder, "open_in_background", None)
            opening = opening() if opening else None  # (the session opens while we chunk)
            chunked, ids = chunk_with_ids(to_embed, count_tokens)  # ids: the chunker's tokens
            prebuilt = SidecarBuild(self.settings.index_dir, *_planned_chunks(manifest, chunked))
            if opening is not None:
                opening.join()
            fresh = GroupStore(
                collection,
                manifest,
                report,
                self.settings.index_dir,
                max_batch_size(self.client),
            ).embed_and_store(
                chunked, encoder, ids, self.settings.embed_group_chunks, progress=progress
            )

        refresh_sidecar(
            collection,
            self.settings.index_dir,
            self.settings.corpus_dir,
            manifest,
            fresh,
            manifest.dimension,
            count_tokens,
            prebuilt,
        )
        manifest.in_progress = False
        write_manifest(self.settings.index_dir, manifest)
        self._searchable = None
        report.seconds = time.perf_counter() - started
        return report

    def _manifest_for_sync(self, report: SyncReport, say: Say, rebuild: bool) -> Manifest:
        fresh = Manifest(
            embedding_model=self.embedder.name,
            dimension=self.embedder.dimension,
            collection=self.settings.collection,
        )
        if rebuild:
            return self._rebuild(fresh, report, say, "asked for with --rebuild")
        try:
            manifest = read_manifest(self.settings.index_dir)
        except ValueError as error:
            return self._rebuild(fresh, report, say, f"{error}")
        if manifest is None:
            if self.collection.count():
                return self._rebuild(fresh, report, say, "the index has vectors but no manifest")
            return fresh
        if manifest.schema_version != SCHEMA_VERSION:
            return self._rebuild(
                fresh,
                report,
                say,
                f"the index uses manifest schema {manifest.schema_version}, this version "
                f"needs {SCHEMA_VERSION}",
            )
        if (manifest.embedding_model, manifest.dimension) != (
            fresh.embedding_model,
            fresh.dimension,
        ):
            return self._rebuild(
                fresh,
                report,
                say,
                f"the index was built with {manifest.embedding_model} ({manifest.dimension} "
                f"dimensions), this version embeds with {fresh.embedding_model} "
                f"({fresh.dimension})",
            )
        if manifest.collection != self.settings.collection:
            return self._rebuild(
                fresh,
                report,
                say,
                f"the manifest describes collection {manifest.collection!r}, "
                f"not {self.settings.collection!r}",
            )
        # Only a manifest that will be kept is checked against the store.
        recorded = sum(len(entry.chunk_ids) for entry in manifest.files.values())
        stored = self.collection.count()
        if manifest.in_progress:
            report.repair_reason = "The previous index run did not finish"
        elif recorded != stored:
            report.repair_reason = (
                f"The manifest records {recorded} chunks but the store holds {stored}"
            )
        return manifest

    def _rebuild(self, fresh: Manifest, report: SyncReport, say: Say, reason: str) -> Manifest:
        report.rebuilt_because = reason
        say(f"Rebuilding the index from scratch: {reason}.")
        # Record the empty, unfinished state first: a run stopped right after the drop must
        # not leave the old manifest claiming vectors that are gone.
        fresh.in_progress = True
        write_manifest(self.settings.index_dir, fresh)
        drop_collection(self.client, self.settings.collection)
        return fresh

    def _reconcile(self, collection, manifest: Manifest) -> None:
        """Make the collection hold exactly what the manifest records (after an interrupted run)."""
        stored = collection.get(include=["metadatas"])
        by_source: dict[str, set[str]] = {}
        for chunk_id, metadata in zip(stored["ids"], stored["metadatas"] or [], strict=False):
            by_source.setdefault((metadata or {}).get("source", ""), set()).add(chunk_id)
        for source, ids in by_source.items():
            entry = manifest.files.get(source)
            if entry is None:
                collection.delete(ids=sorted(ids))
            elif set(entry.chunk_ids) != ids:
                # Stored chunks do not match the record: forget the guide so it is re-embedded.
                collection.delete(ids=sorted(ids))
                del manifest.files[source]
        for source in [s for s in manifest.files if s not in by_source]:
            if manifest.files[source].chunk_ids:
                del manifest.files[source]

    def _checked_sidecar(self):
        from assistant.index import lexical

        manifest = self.require_manifest()
        ids = [cid for entry in manifest.files.values() for cid in entry.chunk_ids]
        if lexical.stored_fingerprint(self.settings.index_dir) != lexical.fingerprint(ids):
            raise IndexStateError(
                "The keyword index does not match the vector index. Run `coach index` to "
                "bring them in step."
            )
        return lexical

    def lexical_index(self):
        """The BM25 side of the sidecar, checked against the manifest."""
        return self._checked_sidecar().LexicalIndex.load(self.settings.index_dir)

    def company_vectors(self, records: list[ChunkRecord]):
        """Exact per-company vector search over the sidecar's vectors (same row order as
        `records`), or None when the sidecar holds no vectors."""
        from assistant.index.vectors import CompanyVectors, load_vectors

        matrix = load_vectors(self._checked_sidecar().sidecar_dir(self.settings.index_dir))
        if matrix is None or len(matrix) != len(records):
            return None
        return CompanyVectors([record.company for record in records], matrix)

    # -- reading --------------------------------------------------------------------------------

    def require_manifest(self) -> Manifest:
        try:
            manifest = read_manifest(self.settings.index_dir)
        except ValueError as error:
            raise IndexStateError(f"{error}. Run `coach index` to rebuild it.") from error
        if manifest is None:
            raise IndexStateError(
                f"No index in {self.settings.index_dir}. Build it with `coach index` "
                f"(corpus: {self.settings.corpus_dir})."
            )
        if manifest.embedding_model != self.embedder.name:
            raise IndexStateError(
                f"The index was built with {manifest.embedding_model}; run `coach index` to "
                "rebuild it with the current model."
            )
        return manifest

    def dense_search(self, query: str, k: int = 5, where: dict | None = None) -> list[SearchHit]:
        """The k nearest chunks by cosine similarity (score = 1 - cosine distance)."""
        if self._searchable is None:  # checked once per sync: a large manifest is slow to read
            records = self._checked_sidecar().read_records(self.settings.index_dir)
            by_id = {record.chunk_id: record for record in records}
            self._searchable = (self.collection, self.collection.count(), by_id)
        collection, available, by_id = self._searchable
        if available == 0 or k <= 0:
            return []
        result = collection.query(
            query_embeddings=[self.query_embedder.embed_query(query)],
            n_results=min(k, available),
            where=where,
            include=["distances"],
        )
        return [  # (the chunk's text and record: the sidecar's, checked against the manifest)
            SearchHit.from_record(by_id[chunk_id], 1.0 - distance)
            for chunk_id, distance in zip(result["ids"][0], result["distances"][0], strict=True)
            if chunk_id in by_id
        ]


@dataclass(frozen=True)
class SearchHit(ChunkRecord):
    """A chunk with its score: cosine similarity for dense search, the fused score for hybrid."""

    score: float = 0.0
    dense_score: float | None = None  # set by hybrid retrieval: the parts of a fused score
    lexical_score: float | None = None

    @classmethod
    def from_record(cls, record: ChunkRecord, score: float) -> SearchHit:
        return cls(**vars(record), score=round(float(score), 6))

    def to_json(self) -> dict:
        """The `coach search --json` contract: chunk_id, source, section, text, score."""
        return {
            "chunk_id": self.chunk_id,
            "source": self.source,
            "section": self.section,
            "text": self.text,
            "score": self.score,
        }


@contextmanager
def _index_lock(index_dir: Path, say: Say):
    """An exclusive lock file, so two syncs (CLI and UI, say) never interleave their writes."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with (index_dir / ".lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Another index run is updating {index_dir}; waiting for it to finish.")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _planned_chunks(
    manifest: Manifest, chunked: Sequence[tuple[Guide, list[Chunk]]]
) -> tuple[list[str], list[Chunk]]:
    """(every chunk id the manifest will list once `chunked` is stored, in its order; the new
    chunks): a re-chunked guide keeps its place, a new one goes last."""
    new_ids = {guide.source: [chunk.chunk_id for chunk in chunks] for guide, chunks in chunked}
    planned = [
        cid
        for source, entry in manifest.files.items()
        for cid in new_ids.pop(source, entry.chunk_ids)
    ]
    planned += [cid for ids in new_ids.values() for cid in ids]
    return planned, [chunk for _, chunks in chunked for chunk in chunks]
