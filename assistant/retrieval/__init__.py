"""Hybrid retrieval (hybrid: BM25 and dense, fused, filtered by company and region, abstaining
below a threshold) and a LangChain `BaseRetriever` over it (langchain, imported only by whoever
wants LangChain).

Leaves out: building the indexes (assistant.index) and writing answers (assistant.compose).
"""
