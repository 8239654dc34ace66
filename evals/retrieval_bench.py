"""`coach bench retrieval`: warm query latency at scale, and indexing throughput against raw encode.

Latency: the shipped guides plus N generated ones (the same work folder as the retrieval eval, so
an index built there is reused), one warm `HybridRetriever`; every gold question and questions
about the generated guides' own companies, regions and roles, each timed once after a warm-up,
in the order a user would not choose (shuffled with a fixed seed). p50, p95 and max in ms.

Throughput: the first `throughput_guides` guides of the corpus are chunked once; the same chunk
texts are then (1) encoded with `SentenceTransformer.encode` directly, (2) indexed into an empty
index by `VectorIndex.sync` (chunking, embedding, Chroma writes, manifest, BM25 sidecar), and
(3) encoded directly again. Both runs use the one already-loaded model, so the ratio compares
the pipeline with the encoder alone, in the same run, on the same machine state.

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


@dataclass
class RetrievalBench:
    guides: int
    chunks: int
    queries: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_ms: float
    throughput_guides: int
    throughput_chunks: int
    raw_encode_chunks_per_s: float
    index_chunks_per_s: float
    throughput_ratio: float

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
                f"| raw SentenceTransformer.encode | {self.raw_encode_chunks_per_s:.1f} chunks/s |",
                f"| coach index, same chunks and model | {self.index_chunks_per_s:.1f} chunks/s |",
                f"| indexing / raw encode | {self.throughput_ratio:.3f} |",
                f"| throughput sample | {self.throughput_guides} guides, "
                f"{self.throughput_chunks} chunks |",
            ]
        )


def _questions_about_generated(corpus: Path, seed: int, limit: int) -> list[str]:
    """Questions in users' words about the generated guides' own companies and regions."""
    from assistant.corpus import load_corpus

    rng = random.Random(seed)
    shapes = [
        "What's the base salary for a {role} at {company} in {region}?",
        "{company} {region} RSUs?",
        "how much does {company} pay a {role} in {region}",
        "what levers do I have with {company}?",
        "{company} interview process for {role}",
        "total comp for {company} {region}",
    ]
    guides = [g for g in load_corpus(corpus).guides if "generated" in g.source]
    regions = ["Seattle", "London", "Singapore", "Bay Area", "New York", "Berlin", "Toronto"]
    out = []
    for guide in rng.sample(guides, min(limit, len(guides))):
        shape = rng.choice(shapes)
        out.append(shape.format(role=guide.role, company=guide.company, region=rng.choice(regions)))
    return out


def measure_latency(retriever, questions: list[str]) -> list[float]:
    for question in questions[:WARMUP_QUERIES]:
        retriever.retrieve(question)
    timings = []
    for question in questions:
        started = time.perf_counter()
        retriever.retrieve(question)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def measure_throughput(corpus: Path, guides: int, embedder, say) -> tuple[int, float, float]:
    """(chunks, raw encode chunks/s, indexing chunks/s) over the first `guides` guides."""
    from assistant.chunking import chunk_guide
    from assistant.corpus import load_corpus
    from assistant.embeddings import TokenCounter
    from assistant.index import VectorIndex

    sample = load_corpus(corpus).guides[:guides]
    with tempfile.TemporaryDirectory(prefix="coach-bench-") as temporary:
        root = Path(temporary)
        (root / "corpus").mkdir()
        for guide in sample:
            target = root / "corpus" / Path(guide.source).name
            shutil.copy2(guide.path, target)
        counter = TokenCounter()
        texts = [
            c.text for g in load_corpus(root / "corpus").guides for c in chunk_guide(g, counter)
        ]

        def raw() -> float:
            started = time.perf_counter()
            embedder.model.encode(
                texts,
                batch_size=embedder.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            return len(texts) / (time.perf_counter() - started)

        say(f"Throughput: {len(sample)} guides, {len(texts)} chunks: raw encode …")
        first = raw()
        say("… coach index into an empty index …")
        settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
        started = time.perf_counter()
        report = VectorIndex(settings, embedder=embedder).sync(
            progress=False, say=lambda _: None, count_tokens=counter
        )
        indexing = report.chunks_embedded / (time.perf_counter() - started)
        say("… raw encode again.")
        second = raw()
    return len(texts), (first + second) / 2, indexing


def run_retrieval_bench(
    guides: int,
    seed: int = 0,
    throughput_guides: int = 100,
    generated_queries: int = 200,
    root: Path = WORK_ROOT,
    say: Callable[[str], None] = print,
) -> RetrievalBench:
    from assistant.embeddings import Embedder
    from assistant.index import VectorIndex
    from assistant.retrieval import HybridRetriever

    workspace = prepare_workspace(guides, seed, root, say)
    embedder = Embedder()
    index = VectorIndex(
        Settings(corpus_dir=workspace.corpus, index_dir=workspace.index), embedder=embedder
    )
    say(f"Index: {index.sync(progress=True, say=say).summary()}")
    retriever = HybridRetriever(index)
    questions = [q.question for q in load_questions()]
    questions += _questions_about_generated(workspace.corpus, seed, generated_queries)
    random.Random(seed).shuffle(questions)
    say(f"Timing {len(questions)} queries …")
    timings = measure_latency(retriever, questions)
    chunks, raw_rate, index_rate = measure_throughput(
        workspace.corpus, throughput_guides, embedder, say
    )
    ordered = sorted(timings)
    return RetrievalBench(
        guides=workspace.guides,
        chunks=len(retriever.lexical),
        queries=len(timings),
        p50_ms=statistics.median(ordered),
        p95_ms=ordered[max(0, int(round(0.95 * len(ordered))) - 1)],
        max_ms=ordered[-1],
        mean_ms=statistics.fmean(ordered),
        throughput_guides=throughput_guides,
        throughput_chunks=chunks,
        raw_encode_chunks_per_s=raw_rate,
        index_chunks_per_s=index_rate,
        throughput_ratio=index_rate / raw_rate,
    )
