"""Two guides that disagree on a band (issue 17, item 7), end to end over a real index.

A scratch corpus holds the shipped guides and a second Alibaba DevOps guide whose Seattle base
is $300K–$400K. `coach counter "Alibaba Seattle offer: $180K base"` and the same offer asked
through `coach ask` show the offer against both guides' rows, each cited, and say that the
guides disagree; neither asks "Which role is the offer for?" (both bands are for DevOps
Engineer) nor computes a counter from one of the two bands.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from assistant.config import Settings

SECOND_GUIDE = """# DevOps Engineer | Alibaba Global Negotiation Guide (2027 edition)

## Compensation by region

| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |
|--------|-------------|-----------------|-------|------------|
| Seattle (US) | $300K–$400K | $100K–$300K | 20% | $400K–$550K |
"""
FIRST = "corpus/alibaba-devops-engineer-negotiation.md"
SECOND = "corpus/alibaba-devops-2027.md"
OFFER = "Alibaba Seattle offer: $180K base"

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def disagreeing(tmp_path_factory, shipped_index) -> Settings:
    from assistant.index.store import VectorIndex

    corpus = tmp_path_factory.mktemp("disagree") / "corpus"
    shutil.copytree(shipped_index.corpus_dir, corpus)
    (corpus / "alibaba-devops-2027.md").write_text(SECOND_GUIDE, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, index_dir=corpus.parent / "index")
    VectorIndex(settings).sync(progress=False)
    return settings


def run_coach(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    env = os.environ.copy()
    env.update(COACH_CORPUS_DIR=str(settings.corpus_dir), COACH_INDEX_DIR=str(settings.index_dir))
    env.pop("COACH_BACKEND", None)
    command = [sys.executable, "-m", "assistant.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)


def test_coach_counter_shows_the_offer_against_both_guides(disagreeing):
    result = run_coach(disagreeing, "counter", OFFER)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Which role" not in out and "Traceback" not in result.stderr
    assert "The guides disagree" in out
    sections = {
        source: out[out.index(f"Position in the band of {source} [") :].split("\n\n")[0]
        for source in (FIRST, SECOND)
    }
    base = {
        source: next(ln for ln in s.splitlines() if "base" in ln) for source, s in sections.items()
    }
    assert "$150K" in base[FIRST] and "$215K" in base[FIRST] and "within" in base[FIRST]
    assert "$300K" in base[SECOND] and "$400K" in base[SECOND] and "below" in base[SECOND]
    assert "Counter proposal" not in out  # no counter from one of two disagreeing bands


def test_coach_counter_json_gives_each_guides_position_with_its_row(disagreeing):
    result = run_coach(disagreeing, "counter", "--json", OFFER)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["band"] is None and payload["proposal"] is None
    by_guide = {g["source"]: g for g in payload["by_guide"]}
    assert set(by_guide) == {FIRST, SECOND}
    assert all(len(g["chunk_id"]) == 24 for g in by_guide.values())
    base = {
        source: next(r for r in g["position"] if r["component"] == "base")
        for source, g in by_guide.items()
    }
    assert (base[FIRST]["band_min"]["value"], base[FIRST]["band_max"]["value"]) == (
        150_000,
        215_000,
    )
    assert base[FIRST]["status"] == "within"
    assert (base[SECOND]["band_min"]["value"], base[SECOND]["status"]) == (300_000, "below")
    assert not any("Which role" in q for q in payload["questions"])
    assert any("disagree" in note for note in payload["notes"])


def test_ask_shows_both_rows_cited_and_grounded(disagreeing):
    result = run_coach(disagreeing, "ask", "--json", f"{OFFER}. What should I counter with?")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    text = answer["answer"]
    assert "Which role" not in text and "disagree" in text
    cited = {c["source"]: c["n"] for c in answer["citations"]}
    assert set(cited) == {FIRST, SECOND}
    row = next(line for line in text.splitlines() if line.startswith("| Base salary"))
    assert "$150K–$215K" in row and "$300K–$400K" in row
    header = next(line for line in text.splitlines() if line.startswith("| Component"))
    assert f"[{cited[FIRST]}]" in header and f"[{cited[SECOND]}]" in header
    for citation in answer["citations"]:
        assert "Seattle (US)" in citation["quote"]
    assert answer["grounding"]["status"] == "ok"
