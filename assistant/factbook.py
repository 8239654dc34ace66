"""Typed facts (comp bands, levers, scripts) of the companies a turn concerns, read on demand.

The index's chunk records say which guide files hold each company. The first question about a
company reads and chunks only those files and extracts their facts (assistant.facts); later
questions reuse them. Each fact's chunk id must be in the index: a guide edited since the last
`coach index` is reported, so a figure is never cited from a chunk the index does not hold.

Leaves out: watching the corpus for changes (a new `Coach` after `coach index` sees them).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from assistant.chunking import chunk_guide
from assistant.corpus import UnusableGuide, load_guide
from assistant.errors import IndexStateError
from assistant.facts import Facts, extract_facts
from assistant.lexical import ChunkRecord


class FactBook:
    def __init__(self, corpus_dir: Path, records: Iterable[ChunkRecord]):
        self.corpus_dir = Path(corpus_dir)
        self.indexed = {record.chunk_id for record in records}
        self.sources: dict[str, list[str]] = {}
        for record in records:
            if record.company:
                files = self.sources.setdefault(record.company, [])
                if record.source not in files:
                    files.append(record.source)
        self._facts: dict[str, Facts] = {}
        self._counter = None

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
        from assistant.embeddings import TokenCounter

        if self._counter is None:
            self._counter = TokenCounter()
        chunks = []
        for source in sources:
            path = self.corpus_dir / source.removeprefix("corpus/")
            try:
                guide = load_guide(path, source)
            except UnusableGuide as problem:
                raise IndexStateError(
                    f"{source} is indexed but can no longer be read ({problem}). "
                    "Run `coach index` to bring the index up to date."
                ) from problem
            chunks += chunk_guide(guide, self._counter)
        facts = extract_facts(chunks)
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
