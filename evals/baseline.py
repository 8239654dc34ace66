"""The stock LangChain RAG recipe, as the baseline our retrieval is measured against.

RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over each guide's text, the
same all-MiniLM-L6-v2 embeddings, a langchain-chroma store on disk, `similarity_search(k=5)`.
No filters, no keyword side, no conversation state and no abstaining: the recipe as tutorials
teach it. The store is rebuilt only when the corpus changes (a fingerprint of its files).

Leaves out: the LLM half of the recipe (only retrieval is compared here).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.corpus.loader import load_corpus

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200


class MiniLMEmbeddings(Embeddings):
    """Our packaged embedder behind LangChain's Embeddings interface (no hub download)."""

    def __init__(self, embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, vector)) for vector in self.embedder.embed(texts)]

    def embed_query(self, text: str) -> list[float]:
        return list(map(float, self.embedder.embed_query(text)))


class StockRecipe:
    def __init__(self, corpus_dir: Path, store_dir: Path, embedder) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.store_dir = Path(store_dir)
        self.embeddings = MiniLMEmbeddings(embedder)
        self._store = None

    def _open(self):
        from langchain_chroma import Chroma

        from assistant.index.chroma import persistent_client

        client = persistent_client(self.store_dir / "chroma")
        return Chroma(
            collection_name="stock_recipe",
            embedding_function=self.embeddings,
            client=client,
        )

    def build(self, say=print) -> int:
        """Split and embed the corpus unless the stored copy is of the same files."""
        from langchain_core.documents import Document
        from langchain_text_splitters import RecursiveCharacterTextSplitter
        from tqdm import tqdm

        guides = load_corpus(self.corpus_dir).guides
        fingerprint = hashlib.sha256(
            "\n".join(f"{g.source}:{g.sha256}" for g in guides).encode()
        ).hexdigest()
        stamp = self.store_dir / "fingerprint.json"
        if stamp.exists() and json.loads(stamp.read_text()).get("fingerprint") == fingerprint:
            self._store = self._open()
            return 0
        shutil.rmtree(self.store_dir, ignore_errors=True)
        self.store_dir.mkdir(parents=True)
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
        )
        documents = splitter.split_documents(
            [Document(page_content=g.text, metadata={"source": g.source}) for g in guides]
        )
        store = self._open()
        say(f"LangChain recipe: embedding {len(documents)} chunks of {len(guides)} guides …")
        for start in tqdm(range(0, len(documents), 256), unit="batch", desc="Recipe"):
            store.add_documents(documents[start : start + 256])
        stamp.write_text(json.dumps({"fingerprint": fingerprint, "chunks": len(documents)}))
        self._store = store
        return len(documents)

    def search(self, query: str, k: int = 5) -> list[tuple[str, str]]:
        """(source, text) of the k most similar chunks."""
        if self._store is None:
            self._store = self._open()
        return [
            (doc.metadata.get("source", ""), doc.page_content)
            for doc in self._store.similarity_search(query, k=k)
        ]
