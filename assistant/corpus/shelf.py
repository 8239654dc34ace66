"""The guide shelf: what is indexed, adding an uploaded guide to the corpus, removing one.

An upload is checked exactly as the loader checks a file in the corpus (size, UTF-8, not binary,
not empty; assistant.corpus.loader.read_guide_text), saved under a safe file name (lowercase
letters, digits and dashes, the original extension) and never over an existing guide: a name already
taken is an error that says so. Removing moves the file into the corpus's hidden `.removed/`
folder, which the loader skips (move it back to restore it); the caller re-syncs the index.

Leaves out: indexing (assistant.index.store.VectorIndex.sync does it incrementally), other formats
than .md/.markdown/.txt, folders inside the corpus, and an undo button (the file stays in
`.removed/`).
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.loader import (
    CORPUS_METADATA_FILES,
    GUIDE_SUFFIXES,
    MAX_GUIDE_BYTES,
    REMOVED_DIR,
    UnusableGuide,
    load_guide,
    source_name,
)
from assistant.errors import CoachError

MAX_STEM_CHARS = 80


class GuideUploadError(CoachError):
    """An uploaded or removed guide was refused; the message says why and what to do."""


@dataclass(frozen=True)
class GuideSummary:
    """One indexed guide, as the guide table shows it."""

    source: str  # corpus/<file>
    title: str
    company: str
    role: str
    kind: str  # negotiation | interview | other
    chunks: int
    comp_bands: int  # comp-table rows (one per region) found in it


def indexed_guides(
    records: Iterable[ChunkRecord], bands_per_source: Mapping[str, int]
) -> list[GuideSummary]:
    """One summary per indexed guide, from the index's chunk records and the number of comp
    bands the fact extractor found in each guide, sorted by source."""
    chunks: Counter[str] = Counter()
    first: dict[str, ChunkRecord] = {}
    for record in records:
        chunks[record.source] += 1
        first.setdefault(record.source, record)
    return [
        GuideSummary(
            source=source,
            title=first[source].title,
            company=first[source].company,
            role=first[source].role,
            kind=first[source].guide_kind or "other",
            chunks=chunks[source],
            comp_bands=bands_per_source.get(source, 0),
        )
        for source in sorted(chunks)
    ]


def safe_file_name(original: str) -> str:
    """A file name that is safe to write into the corpus: 'Meta SWE guide (v2).MD' becomes
    'meta-swe-guide-v2.md'. Raises GuideUploadError for a name with no usable extension."""
    name = Path(original.replace("\\", "/")).name  # drop any folders a browser sent
    suffix = Path(name).suffix.lower()
    if suffix not in GUIDE_SUFFIXES:
        raise GuideUploadError(
            f"{name or 'That file'} is not a guide: upload a .md or .txt file "
            f"(accepted: {', '.join(GUIDE_SUFFIXES)})."
        )
    stem = unicodedata.normalize("NFKD", Path(name).stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:MAX_STEM_CHARS].strip("-")
    if not stem:
        raise GuideUploadError(
            f"{name!r} has no usable letters in its name; rename it, e.g. company-role-guide.md."
        )
    return f"{stem}{suffix}"


def save_upload(corpus_dir: Path, original_name: str, data: bytes) -> Path:
    """Validate an uploaded guide and write it into the corpus; return its new path."""
    corpus_dir = Path(corpus_dir)
    name = safe_file_name(original_name)
    if name.lower() in CORPUS_METADATA_FILES:
        raise GuideUploadError(f"{name} is reserved for describing the corpus; rename the guide.")
    if len(data) > MAX_GUIDE_BYTES:
        raise GuideUploadError(
            f"{original_name} is {len(data):,} bytes; a guide may be at most "
            f"{MAX_GUIDE_BYTES:,} bytes (2 MB). Split it into smaller guides."
        )
    target = corpus_dir / name
    if target.exists():
        raise GuideUploadError(
            f"A guide named {name} is already in the corpus. Remove it first, or rename the "
            "new file, so that nothing is overwritten."
        )
    corpus_dir.mkdir(parents=True, exist_ok=True)
    partial = corpus_dir / f".upload-{name}"  # hidden, so the loader skips it meanwhile
    try:
        partial.write_bytes(data)
        try:
            load_guide(partial, source_name(corpus_dir, target))
        except UnusableGuide as problem:
            raise GuideUploadError(
                f"{original_name} cannot be used as a guide: {problem}."
            ) from None
        try:
            os.link(partial, target)  # fails if the name was taken meanwhile: never overwrites
        except FileExistsError:
            raise GuideUploadError(
                f"A guide named {name} appeared meanwhile; nothing overwritten."
            ) from None
    finally:
        partial.unlink(missing_ok=True)
    return target


def remove_guide(corpus_dir: Path, source: str) -> Path:
    """Move the guide cited as `source` (corpus/<file>) out of the corpus, into its hidden
    REMOVED_DIR folder (the loader skips it; moving the file back restores it); return the path
    it had."""
    corpus_dir = Path(corpus_dir).absolute()
    relative = source.removeprefix("corpus/")
    path = (corpus_dir / relative).absolute()
    if (
        path.parent != corpus_dir
        or path.suffix.lower() not in GUIDE_SUFFIXES
        or path.name.lower() in CORPUS_METADATA_FILES  # SOURCES.md, README.md: not guides
        or path.name.startswith(".")  # hidden files (an upload in progress) are not guides
    ):
        raise GuideUploadError(f"{source} is not a guide in the corpus folder.")
    if not path.is_file():
        raise GuideUploadError(f"{source} is not in the corpus (already removed?).")
    removed = corpus_dir / REMOVED_DIR
    removed.mkdir(exist_ok=True)
    target, n = removed / path.name, 1
    while target.exists():  # an earlier guide of that name stays too
        n += 1
        target = removed / f"{path.stem}-{n}{path.suffix}"
    os.replace(path, target)
    return path


def removed_place(name: str) -> str:
    """Where a removed guide went, as the message and README say it."""
    return f"corpus/{REMOVED_DIR}/{name}"
