"""The everyday commands import only what they use: no torch, sentence-transformers,
transformers or gradio (questions are embedded with the index's ONNX export), and chromadb only
on a path that queries Chroma. Each command runs in a fresh Python against an indexed copy of
the shipped guides."""

import json
import subprocess
import sys

import pytest

HEAVY = ("torch", "sentence_transformers", "transformers", "gradio", "chromadb")
PROBE = """
import json, sys
from assistant.cli import main
code = main(json.loads(sys.argv[1]))
heavy = [m for m in json.loads(sys.argv[2]) if m in sys.modules]
print("\\n@@loaded@@ " + json.dumps({"code": code, "heavy": heavy}))
"""


def loaded_by(args: list[str], settings, stdin: str = "", modules=HEAVY) -> dict:
    where = ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps([*args, *where]), json.dumps(modules)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("@@loaded@@ ")]
    assert lines, done.stderr[-3000:]
    return json.loads(lines[-1].removeprefix("@@loaded@@ "))


@pytest.mark.integration
@pytest.mark.parametrize(
    "args, stdin",
    [
        (["ask", "--json", "What is the Anyscale base salary in San Francisco?"], ""),
        (["search", "--json", "Alibaba Seattle base salary"], ""),
        (["counter", "--json", "Anyscale SF: $175K base, $130K RSU over 4 years, 5% bonus"], ""),
        (["facts", "--json"], ""),
        (["chat"], "what levers do I have with alibaba?\n/quit\n"),
    ],
    ids=["ask", "search", "counter", "facts", "chat"],
)
def test_a_command_about_a_named_company_loads_no_heavy_module(shipped_index, args, stdin):
    run = loaded_by(args, shipped_index, stdin)
    assert run == {"code": 0, "heavy": []}


@pytest.mark.integration
def test_a_question_naming_no_company_queries_chroma_but_loads_no_model(shipped_index):
    run = loaded_by(["ask", "--json", "how many interview rounds are there?"], shipped_index)
    assert run == {"code": 0, "heavy": ["chromadb"]}


PIPELINE_AND_KEYWORD = ("langgraph", "langchain_core", "langsmith", "bm25s", "scipy")


@pytest.mark.integration
@pytest.mark.parametrize(
    "args",
    [
        ["ask", "--json", "What is the Anyscale base salary in San Francisco?"],
        ["search", "--json", "Alibaba Seattle base salary"],
    ],
    ids=["ask", "search"],
)
def test_ask_and_search_load_neither_langgraph_nor_bm25s(shipped_index, args):
    """A composer answer runs the pipeline's steps in order (assistant.pipeline) and the keyword
    index is read with numpy (lexical.StoredScores): half a second less of a cold start."""
    run = loaded_by(args, shipped_index, modules=PIPELINE_AND_KEYWORD)
    assert run == {"code": 0, "heavy": []}
