"""What `coach index` stores does not depend on how fast it is made: the chunker's own token
ids given to the ONNX encoder are the ids it would make itself, its padding is the tokenizer's,
the stored vectors are `embed_array`'s, and the sidecar holds the records, vocabulary and BM25
tokens of the chunks (the faster tokenizers give the same tokens as the plain ones)."""

import json
import re
import unicodedata

import numpy as np
import pytest
from conftest import SHIPPED_CORPUS

from assistant.corpus.chunking import ChunkRecord, chunk_guide
from assistant.corpus.loader import load_corpus
from assistant.corpus.vocabulary import GuideVocabulary, words_of
from assistant.index.embeddings import TokenCounter, model_dir
from assistant.index.lexical import _STOPWORDS, _TOKEN, _stemmer, tokenize
from assistant.index.query_model import OnnxEmbedder, feed

TRICKY = [
    "",
    "Café Zürich — naïve résumé’s São Paulo; İstanbul ǅ ﬁle Ⅻ ½ “quoted” …",
    "sign-on must-have a-the-b $155K 1.5-2.0 e.g. co-op --x-- -lead trail- ’tis O’Neil’s",
    "Ｆｕｌｌｗｉｄｔｈ Ｌ４ and ﬀ ligatures, ñ vs n\u0303, Å vs A\u030a",
]


# Controls, formats, spaces and combining marks: what a normalizer deletes, splits at or joins.
SEPARATING = {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}


def shipped_chunks(counter):
    return [c for g in load_corpus(SHIPPED_CORPUS).guides for c in chunk_guide(g, counter)]


@pytest.fixture(scope="module")
def encoder():
    # The tokenizer and `feed` need no export; the path is only opened to run the model.
    return OnnxEmbedder(model_dir() / "no-such-model.onnx")


def test_word_by_word_ids_are_the_tokenizers(tmp_path, token_counter):
    import sys

    from evals.bench.corpus import write_corpus

    write_corpus(tmp_path / "generated", 10, 0)
    guides = load_corpus(SHIPPED_CORPUS).guides + load_corpus(tmp_path / "generated").guides
    texts = [g.text for g in guides] + [c.text for g in guides for c in chunk_guide(g, len)]
    odd = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if not 0xD800 <= code <= 0xDFFF
        and (chr(code).isspace() or unicodedata.category(chr(code)) in SEPARATING)
    ]
    texts += TRICKY + [f"ab{c}cd {c}x{c} [MASK]{c}y \u0301{c}" for c in odd]
    plain = TokenCounter()._tokenizer
    for text in texts:
        assert token_counter.ids(text) == plain.encode(text).ids, repr(text)


def test_recorded_ids_are_the_encoders_and_the_chunks_do_not_change(token_counter, encoder):
    recorder = TokenCounter().recording()
    plain = shipped_chunks(token_counter)
    recorded = shipped_chunks(recorder)
    assert recorded == plain
    texts = [chunk.text for chunk in recorded]
    ids = recorder.take(texts)
    assert [list(row) for row in ids] == encoder.token_ids(texts)
    assert max(len(row) for row in ids) <= encoder.max_tokens
    assert recorder.take(texts) == [None] * len(texts)  # taken once, then forgotten


def test_feed_pads_as_the_tokenizer_pads(encoder):
    from tokenizers import Tokenizer

    padded = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    padded.enable_truncation(encoder.max_tokens)
    padded.enable_padding()
    texts = [chunk.text for chunk in shipped_chunks(TokenCounter())] + TRICKY
    texts.append("long " * 400)  # truncated at the model's window
    for start in range(0, len(texts), 32):
        batch = texts[start : start + 32]
        encodings = padded.encode_batch(batch)
        expected = {
            name: np.array([getattr(e, field) for e in encodings], dtype=np.int64)
            for name, field in (
                ("input_ids", "ids"),
                ("attention_mask", "attention_mask"),
                ("token_type_ids", "type_ids"),
            )
        }
        got = feed(encoder.token_ids(batch))
        for name, array in expected.items():
            assert got[name].dtype == array.dtype
            assert np.array_equal(got[name], array), name


def reference_tokenize(text: str) -> list[str]:
    tokens = []
    for token in _TOKEN.findall(text.lower()):
        token = token.replace("/", "")  # ("I/O" is one word, "io")
        parts = token.split("-") if "-" in token else []
        tokens.extend(t for t in (token, *parts) if t and t not in _STOPWORDS)
    return _stemmer().stemWords(tokens)


def reference_words_of(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()
    return [
        w.strip("'")
        for w in re.findall(r"[a-z0-9][a-z0-9'()+-]*[a-z0-9)]|[a-z0-9]", folded.replace("’", "'"))
    ]


def test_fast_tokenizers_give_the_plain_ones_tokens(token_counter):
    texts = [chunk.text for chunk in shipped_chunks(token_counter)] + TRICKY
    texts.append("".join(chr(i) for i in range(0x20, 0x2500)))
    for text in texts:
        assert tokenize(text) == reference_tokenize(text)
        assert words_of(text) == reference_words_of(text)


@pytest.mark.integration
def test_the_index_holds_embed_arrays_vectors_and_the_chunks_sidecar(shipped_index):
    from assistant.index.lexical import LexicalIndex, sidecar_dir
    from assistant.index.query_model import onnx_query_embedder
    from assistant.index.store import VectorIndex
    from assistant.index.vectors import load_vectors

    chunks = shipped_chunks(TokenCounter())
    folder = sidecar_dir(shipped_index.index_dir)
    records = LexicalIndex.load(shipped_index.index_dir).records
    assert sorted(records, key=lambda r: r.chunk_id) == sorted(
        (ChunkRecord.from_metadata(c.chunk_id, c.text, c.metadata()) for c in chunks),
        key=lambda r: r.chunk_id,
    )
    vocabulary = json.loads((folder / "vocabulary.json").read_text(encoding="utf-8"))
    assert vocabulary == json.loads(json.dumps(GuideVocabulary.from_records(records).to_json()))
    stored = np.asarray(load_vectors(folder))
    encoder = onnx_query_embedder(shipped_index.index_dir)
    expected = encoder.embed_array([record.text for record in records])
    assert np.abs(stored - expected).max() < 1e-5
    got = VectorIndex(shipped_index).collection.get(
        include=["documents", "metadatas", "embeddings"]
    )
    row = {record.chunk_id: i for i, record in enumerate(records)}
    by_id = {c.chunk_id: c for c in chunks}
    assert sorted(got["ids"]) == sorted(row)
    for chunk_id, text, metadata, vector in zip(
        got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True
    ):  # the collection keeps vectors and what its filters read; the text is the sidecar's
        assert text is None
        source, company = by_id[chunk_id].source, by_id[chunk_id].company
        assert metadata == {"source": source, "company": company}
        assert np.abs(np.asarray(vector) - stored[row[chunk_id]]).max() < 1e-6
