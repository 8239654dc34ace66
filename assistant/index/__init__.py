"""The search indexes built from chunks: the Chroma store and its manifest (store, manifest),
the embedding model (embeddings, the only loader of it), the BM25 sidecar (lexical) and the
exact-search vector math (vectors). Nothing outside this package touches Chroma or the model.

Leaves out: what a guide is and how it is chunked (assistant.corpus), ranking for a question
(assistant.retrieval).
"""
