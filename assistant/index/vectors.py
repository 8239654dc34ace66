"""Exact dense search over one company's chunks, from the vectors kept in the index sidecar.

`coach index` saves every chunk's embedding (float32, unit length, in the sidecar's record order)
as `<index>/sidecar/vectors.npy`. A question about a named company is answered by an exact dot
product over that company's rows: a few dozen to a few hundred vectors, so it is exact and takes
well under a millisecond, where an HNSW query with a metadata filter over the whole collection
took tens of milliseconds at 2,000 guides. Questions that name no company still go to Chroma's
HNSW index (`VectorIndex.dense_search`).

Leaves out: any approximate index of its own, and writing to Chroma (index.py owns the store).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

VECTORS_FILE = "vectors.npy"


def save_vectors(folder: Path, matrix: np.ndarray) -> None:
    temporary = Path(folder) / (VECTORS_FILE + ".tmp")
    with temporary.open("wb") as handle:
        np.save(handle, np.asarray(matrix, dtype=np.float32))
    temporary.replace(Path(folder) / VECTORS_FILE)


def load_vectors(folder: Path) -> np.ndarray | None:
    """The stored matrix (memory-mapped), or None when there is none."""
    path = Path(folder) / VECTORS_FILE
    try:
        return np.load(path, mmap_mode="r")
    except (OSError, ValueError):
        return None


def rows_by_company(companies: list[str]) -> dict[str, np.ndarray]:
    """Each company's row positions (ascending) in a list of the rows' companies."""
    rows: dict[str, list[int]] = {}
    for position, company in enumerate(companies):
        rows.setdefault(company, []).append(position)
    return {company: np.array(found, dtype=np.int64) for company, found in rows.items()}


class CompanyVectors:
    """Rows of the vector matrix grouped by company, for exact search within one company."""

    def __init__(self, companies: list[str], matrix: np.ndarray) -> None:
        if len(companies) != len(matrix):
            raise ValueError(f"{len(companies)} records but {len(matrix)} vectors")
        self.matrix = matrix
        self._rows = rows_by_company(companies)
        self._blocks: dict[str, np.ndarray] = {}

    def search(self, query: list[float], k: int, company: str) -> list[tuple[int, float]]:
        """(row, cosine similarity) of the k most similar chunks of `company`, best first."""
        rows = self._rows.get(company)
        if rows is None or k <= 0:
            return []
        if company not in self._blocks:  # gathered once per company, then kept
            self._blocks[company] = np.ascontiguousarray(self.matrix[rows])
        scores = self._blocks[company] @ np.asarray(query, dtype=np.float32)
        k = min(k, len(rows))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [(int(rows[i]), float(scores[i])) for i in top]
