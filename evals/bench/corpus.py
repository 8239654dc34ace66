"""Synthetic look-alike guides for benchmarking retrieval: `coach bench corpus`.

`generate_guides(count, seed)` makes `count` guides for fictional companies, in the shapes of the
shipped ones, and `write_corpus(out_dir, count, seed)` writes them to a folder:
- markdown negotiation guides: a "Role | Company … Negotiation Guide" title, a "**Negotiation
  DNA:**" line, a comp table by region (in USD, GBP, EUR, CAD, SGD, CNY, INR or JPY, over regions
  that overlap the real guides': Seattle, Bay Area / Sunnyvale, London, Singapore, Hangzhou, …),
  prose, "**Level Mapping:**", numbered levers with quoted figures, a "> **Negotiate Up
  Strategy:**" blockquote and "Evidence & Sources" bullets;
- plain-text interview guides like the scraped Alibaba one: "What is a <Role> at <Company>?",
  evaluation pillars, process overview, topics with "Be ready to go over:" and "Example questions
  or scenarios:" lists, Q:/A: lines, tips.
Table shapes vary the way human authors vary them (Region/Location/Market columns, "Stock
(RSU/4yr)", "Equity (4yr)", "RSU / yr", headers that name the currency with bare-number cells,
tables without a total or bonus column, an extra sign-on column, several amount spellings, a
second table for international offices), and prose is drawn from sentence pools with slots, so
neither keyword nor dense retrieval gets a single template to latch onto.

Company names are invented compounds ("Quillfeather Systems"), unique per company, never a
shipped guide's company; a company may have guides for several roles, and a negotiation and an
interview guide for the same role, as Alibaba has. The generator knows its truth: each
`GeneratedGuide` carries its file name, company, role, kind and the comp rows it wrote, so tests
can check that the loader, chunker and fact extractor read them back exactly.

Deterministic: the same seed gives byte-identical files (each random stream is seeded from the
seed and a position, no global state, no clock), and the first N guides of a larger run are the
guides of a run of N, so 200 generated guides are a subset of 2,000.

The generator is split by what each part holds: this module (the entry points and the corpus
folder with its `.benchcorpus` marker), records.py (`GeneratedGuide`, `BandRow`), companies.py
(the fictional companies and the order of their guides), negotiation.py and interview.py (the
two guide kinds), tables.py and amounts.py (comp tables and how amounts are spelled), prose.py
(template slots and sentence pools), and vocabulary.json with its reader vocabulary.py (every
word pool).

With `context=True` (`coach bench corpus --context-companies`) the corpus starts with guides
for the real companies users name as context (Amazon/AWS, Google/GCP, Microsoft/Azure, NVIDIA,
Databricks; made-up figures), then the same fictional guides as without it; without it the
output is byte-for-byte what it always was.

Leaves out: real companies' real pay (every figure is made up within plausible ranges),
exchange-rate consistency between regions, the regions in `UNUSED_REGIONS` (kept free so
evaluations can ask about a region no guide covers), other guide kinds, and markdown interview
guides.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

from assistant.errors import CorpusError
from evals.bench.companies import plan_guides
from evals.bench.interview import interview_guide
from evals.bench.negotiation import negotiation_guide
from evals.bench.records import BandRow, GeneratedGuide, GeneratedKind

__all__ = [
    "MARKER_FILE",
    "UNUSED_REGIONS",
    "BandRow",
    "GeneratedGuide",
    "GeneratedKind",
    "generate_guides",
    "write_corpus",
]

MARKER_FILE = ".benchcorpus"
MARKER_VERSION = 1
# What the marker's "generator" names: this module; earlier corpora were written by
# assistant.benchcorpus, the same generator before it moved, and are read as its own.
GENERATOR = "evals.bench.corpus"
_EARLIER_GENERATORS = ("assistant.benchcorpus",)
# Regions no generated guide names, for out-of-corpus evaluation questions.
UNUSED_REGIONS = ("Zurich", "Paris", "Sydney", "São Paulo", "Tel Aviv")


def generate_guides(count: int, seed: int, context: bool = False) -> list[GeneratedGuide]:
    """The first `count` guides for `seed`, in order; the same arguments give the same guides.
    With `context`, the first guides are the context companies' (companies.context_companies)."""
    if count < 0:
        raise ValueError("count must be zero or more")
    guides: list[GeneratedGuide] = []
    if count == 0:
        return guides
    for position, (company, role, kind) in enumerate(plan_guides(seed, context)):
        rng = random.Random(f"benchcorpus:{seed}:guide:{company.index}:{role[0]}:{kind}")
        if kind == "negotiation":
            guides.append(negotiation_guide(rng, company, role))
        else:
            guides.append(interview_guide(rng, company, role))
        if position + 1 == count:
            break
    return guides


def _read_marker(out_dir: Path) -> dict | None:
    marker = out_dir / MARKER_FILE
    if not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("generator") not in (GENERATOR, *_EARLIER_GENERATORS):
        return None
    return data


def write_corpus(
    out_dir: Path,
    count: int,
    seed: int,
    progress: Callable[[int], None] | None = None,
    context: bool = False,
) -> list[Path]:
    """Write `count` generated guides to `out_dir` and return their paths.

    `out_dir` must be missing, empty, or a previous output of this generator (it holds a
    `.benchcorpus` marker listing the files it wrote); then only the files that marker lists
    are replaced, and a folder holding any other file is refused. `progress(1)` is called
    after each file. `context` adds the context companies' guides first (the marker says so).
    """
    out_dir = Path(out_dir)
    if count < 1:
        raise CorpusError("--guides must be at least 1.")
    if out_dir.exists() and not out_dir.is_dir():
        raise CorpusError(f"{out_dir} is a file; choose a folder for the generated guides.")
    previous: set[str] = set()
    if out_dir.is_dir():
        entries = [path for path in out_dir.iterdir() if not path.name.startswith(".")]
        marker = _read_marker(out_dir)
        if entries and marker is None:
            raise CorpusError(
                f"{out_dir} is not empty and was not written by `coach bench corpus`; "
                "choose an empty or new folder."
            )
        if marker is not None:
            previous = set(marker.get("files", []))
            foreign = sorted(path.name for path in entries if path.name not in previous)
            if foreign:
                raise CorpusError(
                    f"{out_dir} holds files the generator did not write ({', '.join(foreign[:3])}"
                    f"{', …' if len(foreign) > 3 else ''}); move them or choose another folder."
                )
    guides = generate_guides(count, seed, context)
    names = [guide.file_name for guide in guides]
    if len(set(names)) != len(names):
        raise AssertionError("generated file names collide")  # a generator bug, not user error
    out_dir.mkdir(parents=True, exist_ok=True)
    marker_data = {
        "generator": GENERATOR,
        "version": MARKER_VERSION,
        "seed": seed,
        "count": count,
        **({"context_companies": True} if context else {}),
        # Previous files stay listed until they are gone, so an interrupted run can be redone.
        "files": sorted(set(names) | previous),
    }
    (out_dir / MARKER_FILE).write_text(json.dumps(marker_data, indent=1) + "\n", encoding="utf-8")
    for stale in sorted(previous - set(names)):
        (out_dir / stale).unlink(missing_ok=True)
    paths = []
    for guide in guides:
        path = out_dir / guide.file_name
        path.write_bytes(guide.text.encode("utf-8"))
        paths.append(path)
        if progress:
            progress(1)
    marker_data["files"] = sorted(names)
    (out_dir / MARKER_FILE).write_text(json.dumps(marker_data, indent=1) + "\n", encoding="utf-8")
    return paths
