"""The one path from guide files to chunks and typed facts: load -> chunk -> extract.

`chunk_corpus(corpus_dir, count_tokens)` chunks every usable guide of a corpus and
`read_corpus(corpus_dir, count_tokens)` adds their facts; every command and eval that needs
chunks or facts without the index goes through them. `count_tokens` is the embedding model's
word-piece counter (assistant.index.embeddings.TokenCounter), passed in so this package needs no
model.

`FactBook`: typed facts (comp bands, levers, scripts) of the companies a turn concerns, read on
demand.

The index's chunk records say which guide files hold each company. The first question about a
company reads and chunks only those files and extracts their facts (assistant.corpus.facts); later
questions reuse them. Each fact's chunk id must be in the index: a guide edited since the last
`coach index` is reported, so a figure is never cited from a chunk the index does not hold.

Leaves out: watching the corpus for changes (a new `Coach` after `coach index` sees them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.chunking import Chunk, ChunkRecord, TokenCount, chunk_guide
from assistant.corpus.facts import Facts, extract_facts
from assistant.corpus.loader import Guide, UnusableGuide, load_corpus, load_guide
from assistant.errors import IndexStateError


def chunk_guides(guides: Iterable[Guide], count_tokens: TokenCount) -> list[Chunk]:
    """The chunks of these guides, in order."""
    return [chunk for guide in guides for chunk in chunk_guide(guide, count_tokens)]


def chunk_corpus(corpus_dir: Path, count_tokens: TokenCount) -> list[Chunk]:
    """The chunks of every usable guide in the corpus folder (skipped files are left out)."""
    return chunk_guides(load_corpus(corpus_dir).guides, count_tokens)


@dataclass(frozen=True)
class CorpusFacts:
    chunks: list[Chunk]
    facts: Facts

    def passages(self) -> dict[str, str]:
        """Every chunk's text by chunk id."""
        return {chunk.chunk_id: chunk.text for chunk in self.chunks}


def read_corpus(corpus_dir: Path, count_tokens: TokenCount) -> CorpusFacts:
    """The corpus's chunks and the typed facts extracted from them."""
    chunks = chunk_corpus(corpus_dir, count_tokens)
    return CorpusFacts(chunks, extract_facts(chunks))


class FactBook:
    def __init__(self, corpus_dir: Path, records: Iterable[ChunkRecord], count_tokens: TokenCount):
        self.corpus_dir = Path(corpus_dir)
        self.indexed = {record.chunk_id for record in records}
        self.sources: dict[str, list[str]] = {}
        for record in records:
            if record.company:
                files = self.sources.setdefault(record.company, [])
                if record.source not in files:
                    files.append(record.source)
        self._facts: dict[str, Facts] = {}
        self._count_tokens = count_tokens

    def facts_for(self, companies: Iterable[str | None]) -> Facts:
        """The facts of these companies together (unknown or None names are skipped)."""
        merged = Facts()
        for company in dict.fromkeys(c for c in companies if c):
            one = self._company(company)
            merged.bands += one.bands
            merged.levers += one.levers
            merged.scripts += one.scripts
            merged.problems += one.problems
        return merged

    def _company(self, company: str) -> Facts:
        if company not in self._facts:
            self._facts[company] = self._read(self.sources.get(company, []))
        return self._facts[company]

    def _read(self, sources: list[str]) -> Facts:
        guides = []
        for source in sources:
            path = self.corpus_dir / source.removeprefix("corpus/")
            try:
                guide = load_guide(path, source)
            except UnusableGuide as problem:
                raise IndexStateError(
                    f"{source} is indexed but can no longer be read ({problem}). "
                    "Run `coach index` to bring the index up to date."
                ) from problem
            guides.append(guide)
        facts = extract_facts(chunk_guides(guides, self._count_tokens))
        stale = [
            fact.source
            for fact in (*facts.bands, *facts.levers, *facts.scripts)
            if fact.chunk_id not in self.indexed
        ]
        if stale:
            raise IndexStateError(
                f"{stale[0]} changed since it was indexed. Run `coach index` to bring the index "
                "up to date."
            )
        return facts
