"""The ONNX export of the embedding model (assistant.index.query_model): the same vectors as
sentence-transformers for questions and chunks, the same rankings, and a stale export made
again with the reason said."""

import shutil

import numpy as np
import pytest

from assistant.index.manifest import read_manifest
from assistant.index.query_model import QUERY_MODEL_FILE, ensure_query_model, onnx_query_embedder

pytestmark = pytest.mark.integration


@pytest.mark.integration
def test_onnx_query_vectors_match_sentence_transformers_on_every_gold_question(
    shipped_index, embedder
):
    from assistant.index.query_model import onnx_query_embedder
    from evals.answer_eval import QUESTIONS, load_items

    onnx = onnx_query_embedder(shipped_index.index_dir)
    assert onnx is not None, "coach index made no ONNX export"
    questions = sorted({turn for item in load_items(QUESTIONS) for turn in item.turns})
    assert len(questions) > 100
    reference = embedder.embed_array(questions)
    for question, expected in zip(questions, reference, strict=True):
        cosine = float(
            sum(a * b for a, b in zip(onnx.embed_query(question), expected, strict=True))
        )
        assert cosine >= 0.9999, (question, cosine)


@pytest.mark.integration
def test_search_ranks_the_same_chunks_with_either_query_embedder(shipped_index, embedder):
    from assistant.index.store import VectorIndex
    from assistant.retrieval.hybrid import HybridRetriever
    from evals.answer_eval import QUESTIONS, load_items

    with_onnx = HybridRetriever(VectorIndex(shipped_index))
    with_torch = HybridRetriever(VectorIndex(shipped_index, embedder=embedder))
    assert type(with_onnx.index.query_embedder).__name__ == "OnnxEmbedder"
    for item in load_items(QUESTIONS):
        query = item.turns[-1]
        ranked = [h.chunk_id for h in with_onnx.retrieve(query, k=5).hits]
        assert ranked == [h.chunk_id for h in with_torch.retrieve(query, k=5).hits], query


def test_chunks_were_embedded_with_the_export_and_match_sentence_transformers(
    shipped_index, embedder
):
    from assistant.index.lexical import LexicalIndex, sidecar_dir
    from assistant.index.vectors import load_vectors

    records = LexicalIndex.load(shipped_index.index_dir).records
    stored = np.asarray(load_vectors(sidecar_dir(shipped_index.index_dir)))
    expected = embedder.embed_array([record.text for record in records])
    assert stored.shape == expected.shape
    assert (stored * expected).sum(axis=1).min() >= 0.9999


def test_a_changed_export_is_made_again_and_the_reason_said(shipped_index, tmp_path):
    index_dir = tmp_path / "index"
    (index_dir / "query-model").mkdir(parents=True)
    shutil.copy(shipped_index.index_dir / QUERY_MODEL_FILE, index_dir / QUERY_MODEL_FILE)
    recorded = read_manifest(shipped_index.index_dir).query_model
    said = []
    assert ensure_query_model(index_dir, recorded, said.append) == recorded
    assert said == []  # current: nothing to do
    with (index_dir / QUERY_MODEL_FILE).open("ab") as handle:
        handle.write(b"tampered")
    again = ensure_query_model(index_dir, recorded, said.append)
    assert said and "changed since it was exported" in said[0]
    assert again["size"] == (index_dir / QUERY_MODEL_FILE).stat().st_size != recorded["size"] + 8
    assert onnx_query_embedder(index_dir) is None  # no manifest here records it
    older = dict(recorded, versions=dict(recorded["versions"], torch="0.0"))
    said.clear()
    ensure_query_model(index_dir, older, said.append)
    assert "torch 0.0 ->" in said[0]


def test_coach_index_embeds_changed_guides_with_the_export_not_torch(
    shipped_index, tmp_path, monkeypatch
):
    """A sync given no embedder (what `coach index` does) embeds chunks with the index's ONNX
    export; sentence-transformers, twice as slow per chunk on a CPU, is never asked."""
    from assistant.config import Settings
    from assistant.index.embeddings import Embedder
    from assistant.index.query_model import OnnxEmbedder
    from assistant.index.store import VectorIndex

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(shipped_index.corpus_dir, corpus)
    shutil.copytree(shipped_index.index_dir, index_dir)
    guide = next(corpus.glob("anyscale-*.md"))
    guide.write_text(guide.read_text(encoding="utf-8") + "\nA closing line.\n", encoding="utf-8")
    used = []
    real_embed = OnnxEmbedder.embed_array
    monkeypatch.setattr(
        OnnxEmbedder,
        "embed_array",
        lambda self, *a, **k: used.append(1) or real_embed(self, *a, **k),
    )

    def refuse(self, *args, **kwargs):
        raise AssertionError("chunks embedded with sentence-transformers")

    monkeypatch.setattr(Embedder, "embed_array", refuse)
    report = VectorIndex(Settings(corpus_dir=corpus, index_dir=index_dir)).sync(progress=False)
    assert report.changed == [f"corpus/{guide.name}"] and report.chunks_embedded > 0
    assert used
