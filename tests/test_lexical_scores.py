"""The keyword side of a question without bm25s: `StoredScores` reads the index bm25s saved and
gives exactly bm25s's scores (the same float32 sums), over the shipped guides' chunks and
generated look-alike guides, for every gold question and for words of every chunk."""

from __future__ import annotations

import json
import random
from pathlib import Path

import bm25s
import numpy as np
import pytest
from conftest import SHIPPED_CORPUS

from assistant.corpus.factbook import chunk_corpus
from assistant.index.lexical import LexicalIndex, StoredScores, tokenize

QUESTIONS = Path(__file__).resolve().parents[1] / "evals" / "questions.jsonl"


@pytest.fixture(scope="module")
def saved(tmp_path_factory, token_counter):
    from evals.bench.corpus import write_corpus

    corpus = tmp_path_factory.mktemp("lexical") / "corpus"
    write_corpus(corpus / "generated", 20, seed=3)
    for path in SHIPPED_CORPUS.iterdir():
        if path.is_file() and path.name != "SOURCES.md":
            (corpus / path.name).write_bytes(path.read_bytes())
    texts = [chunk.text for chunk in chunk_corpus(corpus, token_counter)]
    model = bm25s.BM25()
    model.index([tokenize(text) for text in texts], show_progress=False)
    folder = corpus.parent / "bm25"
    model.save(str(folder), show_progress=False)
    return texts, bm25s.BM25.load(str(folder), show_progress=False), StoredScores.load(folder)


def queries(texts: list[str]) -> list[list[str]]:
    gold = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]
    out = [tokenize(turn) for item in gold for turn in item["turns"]]
    rng = random.Random(7)
    for text in rng.sample(texts, 200):
        words = tokenize(text)
        out.append(rng.sample(words, min(len(words), rng.randint(1, 9))))
        out.append(words * 2)  # repeated tokens count each time, as in bm25s
    return out


def test_stored_scores_are_bm25s_scores(saved):
    texts, reference, stored = saved
    assert stored is not None and stored.vocab_dict == reference.vocab_dict
    checked = 0
    for tokens in queries(texts):
        known = [t for t in tokens if t in reference.vocab_dict]
        if not known:
            continue
        mine = stored.get_scores(known)
        theirs = reference.get_scores(known)
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs), known
        checked += 1
    assert checked > 400


def test_a_method_with_absent_token_scores_is_left_to_bm25s(tmp_path):
    model = bm25s.BM25(method="bm25+")
    model.index([["base", "salary"], ["equity", "refresh"]], show_progress=False)
    model.save(str(tmp_path / "bm25"), show_progress=False)
    assert StoredScores.load(tmp_path / "bm25") is None


def test_a_question_loads_neither_bm25s_nor_scipy(tmp_path):
    import subprocess
    import sys

    from assistant.index.lexical import write_sidecar

    probe = (
        "import sys; from assistant.index.lexical import LexicalIndex;"
        f"index = LexicalIndex.load({str(tmp_path)!r});"
        "print(index.search('base salary', 3));"
        "print('bm25s' in sys.modules, 'scipy' in sys.modules)"
    )
    from assistant.corpus.chunking import ChunkRecord

    record = ChunkRecord.from_metadata("x" * 24, "Base salary is high.", {"source": "corpus/a.md"})
    write_sidecar(tmp_path, [record], np.zeros((1, 384), dtype=np.float32), "fingerprint")
    assert LexicalIndex.load(tmp_path).search("base salary", 3)
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines()[-1] == "False False"
