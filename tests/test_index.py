"""Integration: the real embedding model and real Chroma on disk, in temporary folders."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import ALIBABA_INTERVIEW, ANYSCALE_NEGOTIATION, SHIPPED_CORPUS

from assistant.corpus.chunking import chunk_guide
from assistant.corpus.loader import load_guide
from assistant.index.manifest import read_manifest, write_manifest
from assistant.index.store import VectorIndex

pytestmark = pytest.mark.integration


def stored_ids(index: VectorIndex, source: str | None = None) -> set[str]:
    where = {"source": source} if source else None
    return set(index.collection.get(where=where, include=[])["ids"])


def expected_ids(path, token_counter) -> set[str]:
    guide = load_guide(path, f"corpus/{path.name}")
    return {c.chunk_id for c in chunk_guide(guide, token_counter)}


def test_incremental_sync_embeds_only_what_changed(
    corpus_copy, settings_for, embedder, token_counter
):
    index = VectorIndex(settings_for(corpus_copy), embedder=embedder)
    all_expected = set().union(*(expected_ids(p, token_counter) for p in corpus_copy.iterdir()))

    first = index.sync(progress=False, say=lambda _: None)
    assert sorted(first.added) == sorted(f"corpus/{p.name}" for p in corpus_copy.iterdir())
    assert first.chunks_embedded == len(all_expected)
    assert stored_ids(index) == all_expected

    again = index.sync(progress=False, say=lambda _: None)
    assert again.chunks_embedded == 0
    assert len(again.unchanged) == 3 and not (again.added or again.changed or again.removed)

    anyscale = corpus_copy / ANYSCALE_NEGOTIATION
    old_anyscale = expected_ids(anyscale, token_counter)
    anyscale.write_text(anyscale.read_text().replace("$168K–$218K", "$170K–$218K"))
    new_anyscale = expected_ids(anyscale, token_counter)
    edited = index.sync(progress=False, say=lambda _: None)
    assert edited.changed == [f"corpus/{ANYSCALE_NEGOTIATION}"]
    assert edited.chunks_embedded == len(new_anyscale)
    assert stored_ids(index, f"corpus/{ANYSCALE_NEGOTIATION}") == new_anyscale
    assert len(old_anyscale - new_anyscale) == 1  # the San Francisco row

    (corpus_copy / ALIBABA_INTERVIEW).unlink()
    removed = index.sync(progress=False, say=lambda _: None)
    assert removed.removed == [f"corpus/{ALIBABA_INTERVIEW}"] and removed.chunks_embedded == 0
    assert stored_ids(index, f"corpus/{ALIBABA_INTERVIEW}") == set()
    manifest = read_manifest(index.settings.index_dir)
    assert f"corpus/{ALIBABA_INTERVIEW}" not in manifest.files
    assert stored_ids(index) == {i for e in manifest.files.values() for i in e.chunk_ids}


def test_bad_files_are_skipped_and_the_rest_indexed(corpus_copy, settings_for, embedder):
    (corpus_copy / "broken.md").write_bytes(b"\xff\xfe\x00binary")
    report = VectorIndex(settings_for(corpus_copy), embedder=embedder).sync(
        progress=False, say=lambda _: None
    )
    assert len(report.added) == 3
    assert [(s.path.name, "binary" in s.reason) for s in report.skipped] == [("broken.md", True)]
    assert "broken.md" in report.summary()


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (lambda m: setattr(m, "embedding_model", "some/other-model"), "some/other-model"),
        (lambda m: setattr(m, "schema_version", 0), "schema 0"),
        (None, "unreadable"),
    ],
)
def test_manifest_of_another_model_or_schema_rebuilds_from_scratch(
    corpus_copy, settings_for, embedder, tamper, reason
):
    index = VectorIndex(settings_for(corpus_copy), embedder=embedder)
    first = index.sync(progress=False, say=lambda _: None)
    manifest = read_manifest(index.settings.index_dir)
    if tamper is None:
        (index.settings.index_dir / "manifest.json").write_text("{not json")
    else:
        tamper(manifest)
        write_manifest(index.settings.index_dir, manifest)
    said = []
    rebuilt = index.sync(progress=False, say=said.append)
    assert reason in rebuilt.rebuilt_because
    assert any("Rebuilding the index from scratch" in line for line in said)
    assert rebuilt.chunks_embedded == first.chunks_embedded  # everything embedded again
    assert index.count() == first.chunks_embedded  # and nothing old left beside it


def write_look_alike_corpus(target, copies):
    """Copies of the seed guides under other company names: distinct text, same shapes."""
    target.mkdir()
    for n in range(copies):
        for path in SHIPPED_CORPUS.iterdir():
            if path.name == "SOURCES.md":
                continue
            text = (
                path.read_text()
                .replace("Alibaba", f"Company{n}a")
                .replace("Anyscale", f"Company{n}b")
            )
            (target / f"{n:02d}-{path.name}").write_text(text)


def test_a_killed_index_run_is_detected_and_repaired(tmp_path, settings_for, embedder):
    GROUP = 256  # small groups, so the run is killed with some stored and more to come
    corpus = tmp_path / "big"
    write_look_alike_corpus(corpus, copies=14)  # ~1,100 chunks: several embedding groups
    settings = settings_for(corpus)
    env = {
        **os.environ,
        "COACH_CORPUS_DIR": str(corpus),
        "COACH_INDEX_DIR": str(settings.index_dir),
        "COACH_EMBED_GROUP_CHUNKS": str(GROUP),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "index", "--no-progress"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and process.poll() is None:
            try:
                manifest = read_manifest(settings.index_dir)
            except ValueError:
                manifest = None
            if manifest and manifest.in_progress and manifest.files:
                break  # at least one group stored, more to come
            time.sleep(0.05)
        assert process.poll() is None, "the index run ended before it could be killed"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)

    interrupted = read_manifest(settings.index_dir)
    assert interrupted.in_progress
    recorded = sum(len(e.chunk_ids) for e in interrupted.files.values())
    assert 0 < recorded

    index = VectorIndex(settings, embedder=embedder)
    said = []
    report = index.sync(progress=False, say=said.append)
    assert report.repaired and any("did not finish" in line for line in said)
    manifest = read_manifest(settings.index_dir)
    assert not manifest.in_progress
    assert len(manifest.files) == 42
    assert stored_ids(index) == {i for e in manifest.files.values() for i in e.chunk_ids}
    assert report.chunks_embedded >= GROUP // 2  # the unfinished part was embedded
    assert index.sync(progress=False, say=lambda _: None).chunks_embedded == 0


def run_coach(*args, env=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        env=env or os.environ.copy(),
    )


def test_cli_index_and_search_rank_the_seattle_row_first(tmp_path):
    index_dir = str(tmp_path / "index")
    built = run_coach("index", "--index", index_dir)
    assert built.returncode == 0, built.stderr
    assert "3 added" in built.stdout and "Embedding" in built.stderr  # progress bar shown

    found = run_coach(
        "search", "--json", "Alibaba Seattle base salary", "-k", "5", "--index", index_dir
    )
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert len(hits) == 5
    assert set(hits[0]) == {"chunk_id", "source", "section", "text", "score"}
    assert "| Seattle (US) | $150K–$215K |" in hits[0]["text"]
    assert hits[0]["source"] == "corpus/alibaba-devops-engineer-negotiation.md"

    batch = run_coach(
        "search",
        "--json",
        "-",
        "-k",
        "3",
        "--index",
        index_dir,
        stdin="What is the base salary in London at Anyscale?\n\nHow long does the Alibaba interview process take?\n",
    )
    assert batch.returncode == 0, batch.stderr
    lines = [json.loads(line) for line in batch.stdout.splitlines()]
    assert len(lines) == 3 and lines.pop(1)["error"]  # the blank line: its own object
    assert all(len(hits) == 3 for hits in lines)
    assert "| London |" in lines[0][0]["text"]
    assert any("4 to 6 weeks" in hit["text"] for hit in lines[1])


def test_search_without_an_index_says_how_to_build_it(tmp_path):
    result = run_coach("search", "anything", "--index", str(tmp_path / "none"))
    assert result.returncode == 2
    assert "coach index" in result.stderr and "Traceback" not in result.stderr


def test_rebuild_flag_re_embeds_everything(corpus_copy, settings_for, embedder):
    index = VectorIndex(settings_for(corpus_copy), embedder=embedder)
    first = index.sync(progress=False, say=lambda _: None)
    rebuilt = index.sync(progress=False, say=lambda _: None, rebuild=True)
    assert "--rebuild" in rebuilt.rebuilt_because
    assert rebuilt.chunks_embedded == first.chunks_embedded == index.count()


def test_vectors_lost_behind_the_manifests_back_are_restored(
    corpus_copy, settings_for, embedder, token_counter
):
    index = VectorIndex(settings_for(corpus_copy), embedder=embedder)
    index.sync(progress=False, say=lambda _: None)
    source = f"corpus/{ANYSCALE_NEGOTIATION}"
    index.collection.delete(where={"source": source})  # e.g. a wiped Chroma server
    said = []
    report = index.sync(progress=False, say=said.append)
    assert report.repaired and any("checking and repairing" in line for line in said)
    assert stored_ids(index, source) == expected_ids(
        corpus_copy / ANYSCALE_NEGOTIATION, token_counter
    )
    assert report.chunks_embedded == len(stored_ids(index, source))


def test_a_sidecar_deleted_by_hand_is_rebuilt_with_texts_from_the_guides(
    corpus_copy, settings_for, embedder
):
    import shutil

    from assistant.index.lexical import read_records, sidecar_dir

    settings = settings_for(corpus_copy)
    index = VectorIndex(settings, embedder=embedder)
    index.sync(progress=False, say=lambda _: None)
    before = sorted(read_records(settings.index_dir), key=lambda r: r.chunk_id)
    hit = index.dense_search("Anyscale London base salary", k=1)[0]
    shutil.rmtree(sidecar_dir(settings.index_dir))  # the collection holds no texts
    report = VectorIndex(settings, embedder=embedder).sync(progress=False, say=lambda _: None)
    assert report.chunks_embedded == 0  # nothing re-embedded: vectors come back from Chroma
    assert sorted(read_records(settings.index_dir), key=lambda r: r.chunk_id) == before
    again = VectorIndex(settings, embedder=embedder).dense_search(
        "Anyscale London base salary", k=1
    )
    assert again[0].chunk_id == hit.chunk_id and again[0].text == hit.text


def test_the_sidecar_built_during_embedding_matches_the_manifest(
    corpus_copy, settings_for, embedder, monkeypatch
):
    """BM25 and the records are built in a thread while the chunks embed; after an edit and an
    addition the sidecar lists the manifest's chunks in its order, each with its own vector and
    BM25 row, and BM25 was built once (the thread's), not again when writing."""
    import threading

    import numpy as np

    from assistant.index.lexical import LexicalIndex, sidecar_dir
    from assistant.index.vectors import load_vectors

    settings = settings_for(corpus_copy)
    VectorIndex(settings, embedder=embedder).sync(progress=False, say=lambda _: None)
    anyscale = corpus_copy / ANYSCALE_NEGOTIATION
    anyscale.write_text(anyscale.read_text().replace("$168K–$218K", "$170K–$218K"))
    (corpus_copy / "zeta-devops-engineer-negotiation.md").write_text(
        "# Zeta DevOps Engineer negotiation\n\nZeta pays a base of $150K in Austin.\n"
    )
    builds = []  # for each BM25 build: was it off the syncing thread?
    real_build = LexicalIndex.build.__func__

    def counted_build(cls, *args):
        builds.append(threading.current_thread() is not threading.main_thread())
        return real_build(cls, *args)

    monkeypatch.setattr(LexicalIndex, "build", classmethod(counted_build))
    index = VectorIndex(settings, embedder=embedder)
    report = index.sync(progress=False, say=lambda _: None)
    assert sorted(report.changed + report.added) == [
        f"corpus/{ANYSCALE_NEGOTIATION}",
        "corpus/zeta-devops-engineer-negotiation.md",
    ]
    assert builds == [True]
    manifest = read_manifest(settings.index_dir)
    planned = [cid for entry in manifest.files.values() for cid in entry.chunk_ids]
    keyword = LexicalIndex.load(settings.index_dir)
    assert [record.chunk_id for record in keyword.records] == planned
    assert "$170K–$218K" in "".join(r.text for r in keyword.records)
    rebuilt = real_build(LexicalIndex, keyword.records)
    for query in ("zeta austin base", "anyscale san francisco", "onsite rounds"):
        stored_hits, built_hits = keyword.search(query, k=8), rebuilt.search(query, k=8)
        assert stored_hits and [i for i, _ in stored_hits] == [i for i, _ in built_hits]
        assert np.allclose([s for _, s in stored_hits], [s for _, s in built_hits])
    stored = np.asarray(load_vectors(sidecar_dir(settings.index_dir)))
    got = index.collection.get(ids=planned, include=["embeddings"])
    chroma = dict(zip(got["ids"], got["embeddings"], strict=True))
    assert np.allclose(stored, np.asarray([chroma[cid] for cid in planned]), atol=1e-6)
