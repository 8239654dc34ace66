"""`coach bench retrieval`: warm query latency at scale, and indexing throughput against raw encode.

Latency: the shipped guides plus N generated ones (the same work folder as the retrieval eval, so
an index built there is reused), one warm `HybridRetriever` as `coach` opens it (questions embedded
with the index's ONNX query model); every gold question and questions
about the generated guides' own companies, regions and roles, each timed once after a warm-up,
shuffled with a fixed seed. p50, p95 and max in ms over all, and apart for the questions that
searched (not abstained) and for those that named no company (Chroma's HNSW path).

Throughput: the first `throughput_guides` guides of the corpus are chunked once; the same chunk
texts are then (1) encoded directly with the index's ONNX export (`OnnxEmbedder.embed_array`,
what `coach index` embeds with), (2) indexed into an empty index by `VectorIndex.sync`
(chunking, embedding, Chroma writes, manifest, BM25 sidecar), and (3) encoded directly again;
(2) and (3) are repeated in `THROUGHPUT_ROUNDS` rounds, each index run into a fresh empty index
and compared with the mean of the raw encodes just before and after it. The reported ratio is
the median of the rounds' ratios, with their spread (min-max), so one burst of load on a shared
machine does not make the figure; the chunks/s are the medians of the raw and of the index runs.
All use the one already-open ONNX session, and each empty index is given the workspace's
export (its file and manifest record), so the one-off export is not counted.

Leaves out: cold start (loading the model takes about 5 s and is reported by `coach index`) and
concurrency (one query at a time, as one user asks).
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.config import Settings
from evals.retrieval_eval import WORK_ROOT, load_questions, prepare_workspace

WARMUP_QUERIES = 10
THROUGHPUT_ROUNDS = 3


@dataclass
class RetrievalBench:
    guides: int
    chunks: int
    queries: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_ms: float
    groups: dict[str, dict[str, float]]  # per group: queries, p50_ms, p95_ms
    throughput_guides: int
    throughput_chunks: int
    raw_encode_chunks_per_s: float
    index_chunks_per_s: float
    throughput_ratio: float  # the median over the rounds
    throughput_ratios: list[float]  # each round's

    def to_json(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        return "\n".join(
            [
                f"Retrieval benchmark: {self.guides} guides, {self.chunks} chunks",
                "",
                "| measure | value |",
                "|---|---|",
                f"| warm query latency p50 | {self.p50_ms:.1f} ms |",
                f"| warm query latency p95 | {self.p95_ms:.1f} ms |",
                f"| warm query latency max | {self.max_ms:.1f} ms |",
                f"| queries timed | {self.queries} |",
                *(
                    f"| p50 / p95 of {name} ({g['queries']:.0f} queries) | "
                    f"{g['p50_ms']:.1f} / {g['p95_ms']:.1f} ms |"
                    for name, g in self.groups.items()
                ),
                f"| raw ONNX encode | {self.raw_encode_chunks_per_s:.1f} chunks/s |",
                f"| coach index, same chunks, its own session | "
                f"{self.index_chunks_per_s:.1f} chunks/s |",
                f"| indexing / raw encode, median of {len(self.throughput_ratios)} rounds | "
                f"{self.throughput_ratio:.3f} (min {min(self.throughput_ratios):.3f}, "
                f"max {max(self.throughput_ratios):.3f}) |",
                f"| throughput sample | {self.throughput_guides} guides, "
                f"{self.throughput_chunks} chunks |",
            ]
        )


def _questions_about_generated(guides: int, seed: int, limit: int) -> list[str]:
    """Questions in users' words about generated guides: their own companies, roles and regions
    (most are answerable), some with no company named (the HNSW path), a few about a region
    the company has no row for (an abstention)."""
    from evals.bench.corpus import generate_guides

    rng = random.Random(seed)
    named = [
        "What's the base salary for a {role} at {company} in {region}?",
        "{company} {region} RSUs?",
        "how much does {company} pay a {role} in {region}",
        "what levers do I have with {company}?",
        "total comp for {company} {region}",
        "what should I say to negotiate up at {company}?",
    ]
    unnamed = [
        "what's a typical {role} base salary in {region}?",
        "how do I ask for a bigger sign-on bonus as a {role}?",
        "what system design questions come up for a {role}?",
    ]
    truth = [g for g in generate_guides(guides, seed) if g.bands]
    out = []
    for guide in rng.sample(truth, min(limit, len(truth))):
        region = rng.choice(guide.bands).region
        shapes = named if rng.random() < 0.8 else unnamed
        out.append(rng.choice(shapes).format(role=guide.role, company=guide.company, region=region))
    return out


def measure_latency(retriever, questions: list[str]) -> dict[str, list[float]]:
    """Milliseconds per question, grouped: all, those that searched (did not abstain), and
    those that searched with no company named (the HNSW path)."""
    for question in questions[:WARMUP_QUERIES]:
        retriever.retrieve(question)
    groups: dict[str, list[float]] = {"all": [], "searched": [], "no company named": []}
    for question in questions:
        started = time.perf_counter()
        result = retriever.retrieve(question)
        elapsed = (time.perf_counter() - started) * 1000
        groups["all"].append(elapsed)
        if not result.abstained:
            groups["searched"].append(elapsed)
            if not result.understanding.company:
                groups["no company named"].append(elapsed)
    return groups


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of `values`; 0 for no values."""
    ordered = sorted(values)
    return ordered[max(0, int(round(share * len(ordered))) - 1)] if ordered else 0.0


def measure_throughput(
    corpus: Path, guides: int, index_dir: Path, say, rounds: int = THROUGHPUT_ROUNDS
) -> tuple[int, list[float], list[float]]:
    """(chunks, raw ONNX encode chunks/s of each of the rounds + 1 raw runs, indexing chunks/s
    of each round) over the first `guides` guides, with the ONNX export of the index in
    `index_dir`; round r's index run lies between raw runs r and r + 1. Each index run is a
    sync as `coach index` runs it, given the export file but not the encoder (so it opens its
    own ONNX session, and a sync that embedded with anything else would show here)."""
    from assistant.corpus.factbook import chunk_corpus
    from assistant.corpus.loader import load_corpus
    from assistant.index.embeddings import count_tokens
    from assistant.index.manifest import Manifest, read_manifest, write_manifest
    from assistant.index.query_model import QUERY_MODEL_FILE, onnx_query_embedder
    from assistant.index.store import VectorIndex

    encoder = onnx_query_embedder(index_dir)
    recorded = read_manifest(index_dir)
    if encoder is None or recorded is None:
        raise RuntimeError(f"{index_dir} has no ONNX export to measure; run the sync first")
    encoder.embed_array(["warm up the session"])
    sample = load_corpus(corpus).guides[:guides]
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as temporary:
        root = Path(temporary)
        (root / "corpus").mkdir()
        for guide in sample:
            target = root / "corpus" / Path(guide.source).name
            shutil.copy2(guide.path, target)
        texts = [chunk.text for chunk in chunk_corpus(root / "corpus", count_tokens)]

        def raw() -> float:
            started = time.perf_counter()
            encoder.embed_array(texts)
            return len(texts) / (time.perf_counter() - started)

        def index(round_: int) -> float:
            settings = Settings(corpus_dir=root / "corpus", index_dir=root / f"index-{round_}")
            export = settings.index_dir / QUERY_MODEL_FILE
            export.parent.mkdir(parents=True)
            shutil.copy2(index_dir / QUERY_MODEL_FILE, export)
            empty = Manifest(
                embedding_model=encoder.name,
                dimension=encoder.dimension,
                collection=settings.collection,
                query_model=recorded.query_model,
            )
            write_manifest(settings.index_dir, empty)
            started = time.perf_counter()
            report = VectorIndex(settings).sync(  # as `coach index` runs it: its own session
                progress=False, say=lambda _: None, count_tokens=count_tokens
            )
            return report.chunks_embedded / (time.perf_counter() - started)

        say(
            f"Throughput: {len(sample)} guides, {len(texts)} chunks, {rounds} rounds of raw "
            "ONNX encode and coach index into an empty index (given the export file) …"
        )
        raws, indexing = [raw()], []
        for round_ in range(rounds):
            indexing.append(index(round_))
            raws.append(raw())
            say(f"… round {round_ + 1}: {indexing[-1] / ((raws[-2] + raws[-1]) / 2):.3f}")
    return len(texts), raws, indexing


def round_ratios(raws: list[float], indexing: list[float]) -> list[float]:
    """Each index run's chunks/s over the mean of the raw runs just before and after it."""
    return [rate / ((raws[i] + raws[i + 1]) / 2) for i, rate in enumerate(indexing)]


def run_retrieval_bench(
    guides: int,
    seed: int = 0,
    throughput_guides: int = 100,
    generated_queries: int = 200,
    root: Path = WORK_ROOT,
    say: Callable[[str], None] = print,
) -> RetrievalBench:
    from assistant.index.store import VectorIndex
    from assistant.retrieval.hybrid import HybridRetriever

    workspace = prepare_workspace(guides, seed, root, say)
    # As `coach` opens it: chunks and questions embedded by the ONNX export the sync makes.
    index = VectorIndex(Settings(corpus_dir=workspace.corpus, index_dir=workspace.index))
    say(f"Index: {index.sync(progress=True, say=say).summary()}")
    retriever = HybridRetriever(index)
    questions = [q.question for q in load_questions()]
    questions += _questions_about_generated(guides, seed, generated_queries)
    random.Random(seed).shuffle(questions)
    say(f"Timing {len(questions)} queries …")
    groups = measure_latency(retriever, questions)
    chunks, raws, indexing = measure_throughput(
        workspace.corpus, throughput_guides, workspace.index, say
    )
    ratios = round_ratios(raws, indexing)
    timings = groups["all"]
    return RetrievalBench(
        guides=workspace.guides,
        chunks=len(retriever.lexical),
        queries=len(timings),
        p50_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        max_ms=max(timings),
        mean_ms=statistics.fmean(timings),
        groups={
            name: {
                "queries": len(values),
                "p50_ms": statistics.median(values) if values else 0.0,
                "p95_ms": percentile(values, 0.95),
            }
            for name, values in groups.items()
            if name != "all"
        },
        throughput_guides=throughput_guides,
        throughput_chunks=chunks,
        raw_encode_chunks_per_s=statistics.median(raws),
        index_chunks_per_s=statistics.median(indexing),
        throughput_ratio=statistics.median(ratios),
        throughput_ratios=ratios,
    )
