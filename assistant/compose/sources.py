"""The guides' own sources for their figures, first, when a question asks where the figures
come from ("where does that number even come from?"): the list under each asked company's
guide section whose title names its sources ("Evidence & Sources"), quoted and cited.

Leaves out: judging the sources (the claims are the guides', not ours), and a company whose
guides have no such section (the answer goes on as it would without the ask).
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.compose.core import Writer
from assistant.compose.passages import chunk_body, one_line
from assistant.corpus.chunking import ChunkRecord
from assistant.understanding.frame import Understanding


def write_sources_lead(
    writer: Writer, understood: Understanding, records: Mapping[str, ChunkRecord]
) -> bool:
    """Write each asked company's source list; whether any was written."""
    if not understood.asks_sources:
        return False
    wrote = False
    companies = (understood.company, *understood.other_companies)
    for company in dict.fromkeys(c for c in companies if c):
        lists = [r for r in records.values() if r.company == company and _is_source_list(r)]
        items = [
            f"- {one_line(line.lstrip('-*• '))} {writer.book.cite(r.chunk_id)}"
            for r in lists
            for line in chunk_body(r.text).splitlines()
            if line.strip().lstrip("-*• ")
        ]
        if items:
            writer.add(f"The {company} guide names these sources for its figures:", "", *items, "")
            wrote = True
    return wrote


def _is_source_list(record: ChunkRecord) -> bool:
    """Whether the record is a guide's list of sources: its own section's title (the last part
    of its section path) names them."""
    return "source" in record.section.rpartition(">")[2].lower()
