"""The hybrid retriever as a LangChain `BaseRetriever`, for use in LangChain chains:

    from assistant.retrieval.langchain import GuideRetriever
    docs = GuideRetriever(hybrid=coach.retriever, k=5).invoke("Anyscale London base salary")

Each Document carries the chunk's text and metadata (chunk_id, source, section, title, kind,
company, region, score). Only this module of assistant/ imports LangChain's retriever classes.

Leaves out: ranking (assistant.retrieval.hybrid does it) and any LangChain vector store.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict


class GuideRetriever(BaseRetriever):
    """The hybrid retriever as a LangChain retriever: Documents with the chunk's metadata.

    An abstention returns no documents; `last` keeps the full Retrieval (reason included)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    hybrid: Any
    k: int = 5
    last: Any = None

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        retrieval = self.hybrid.retrieve(query, k=self.k)
        self.last = retrieval
        return [
            Document(
                page_content=hit.text,
                id=hit.chunk_id,
                metadata={
                    "chunk_id": hit.chunk_id,
                    "source": hit.source,
                    "section": hit.section,
                    "title": hit.title,
                    "kind": hit.kind,
                    "company": hit.company,
                    "region": hit.region,
                    "score": hit.score,
                },
            )
            for hit in retrieval.hits
        ]
