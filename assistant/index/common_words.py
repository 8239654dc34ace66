"""English words common enough to be whole tokens of the embedding model's own vocabulary
(`vocab.txt` of the packaged all-MiniLM-L6-v2: about 20,000 whole words). A word outside it
("terraform", "pto", "h1b") is a name or a term of art, which is what a question can ask about
that the guides may not hold.

Leaves out: the model itself (assistant.index.embeddings loads it) and any word list of its own.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.index.embeddings import model_dir


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The whole words of the model's vocabulary (no word pieces, no special tokens); empty
    when the model package cannot be read."""
    try:
        lines = (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    except Exception:  # no vocabulary: no word counts as common, nothing is guessed
        return frozenset()
    return frozenset(
        word for word in lines if word.isalpha() and not word.startswith("[") and len(word) > 1
    )
