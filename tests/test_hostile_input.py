"""Hostile input (issue 17, part A): the CLI's argv and batches, guide files and names, the shelf,
the login and chunking. Each input must end without a traceback, with one JSON object per input
line in a batch, a clear message where refused, and nothing written outside the corpus."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.corpus.chunking import chunk_guide
from assistant.corpus.loader import REMOVED_DIR, load_corpus, load_guide
from assistant.corpus.shelf import remove_guide
from assistant.text_input import clean_text

QUESTION = "What is the Anyscale SF base?"
HOSTILE_TAILS = [
    b"\xff\xfe", b"\xc3", b"\xed\xa0\x80", b"\x80\x81\x82", b"\xa3175K", b"\x00", b"\x1b[31m",
    b"\x07\x08", b"\r", b"\x0b\x0c", b"\x7f", b"\xc2\x85", b"\xe2\x80\xae", b"\xe2\x81\xa6",
    b"\xef\xbb\xbf", b"\xf0\x9f\x92\xb0", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xe0\x80\xaf",
    b"%s%n", b"{}", b"\\u0000", b"'; DROP TABLE", b"<script>", b"../../etc/passwd",
]  # fmt: skip
BATCH_LINES = (
    [b"What is the Alibaba Seattle base? " + tail for tail in HOSTILE_TAILS]
    + [tail + b" " + QUESTION.encode() for tail in HOSTILE_TAILS]
    + [tail for tail in HOSTILE_TAILS]
    + [b"   ", b"\t", b"", b"x" * 4001, b"$" * 5000, b"a\rb c", QUESTION.encode()]
)


def run_coach(*args: str, settings, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = os.environ.copy()
    env.update(COACH_CORPUS_DIR=str(settings.corpus_dir), COACH_INDEX_DIR=str(settings.index_dir))
    env.pop("COACH_BACKEND", None)
    command = [sys.executable, "-m", "assistant.cli", *args]
    return subprocess.run(command, input=stdin, capture_output=True, timeout=600, env=env)


@pytest.fixture(scope="module", params=["ask", "search"])
def batch(request, shipped_index):
    result = run_coach(
        request.param, "--json", "-", settings=shipped_index, stdin=b"\n".join(BATCH_LINES) + b"\n"
    )
    lines = result.stdout.decode("utf-8").splitlines()  # strict: the output is valid UTF-8
    return request.param, result, [json.loads(line) for line in lines]


def test_a_batch_answers_every_line_in_order_and_says_some_failed(batch):
    command, result, objects = batch
    assert b"Traceback" not in result.stderr
    assert len(objects) == len(BATCH_LINES)
    blank = [n for n, line in enumerate(BATCH_LINES) if not clean_text(line).text.strip()]
    assert all("error" in objects[n] for n in blank)
    failed = [n for n, got in enumerate(objects) if "error" in got and n not in blank]
    assert result.returncode == (1 if failed else 0) and (failed or command == "search")


@pytest.mark.parametrize("number", range(len(BATCH_LINES)))
def test_each_hostile_line_gets_its_own_object(batch, number):
    command, result, objects = batch
    line, got = BATCH_LINES[number], objects[number]
    if command == "ask" and isinstance(got, dict) and "error" not in got:
        assert {"answer", "citations", "refused"} <= set(got)
    elif isinstance(got, dict):
        assert got["error"] and got["line"] == number + 1 and len(got["error"]) < 300
    else:
        assert isinstance(got, list)
    assert "\ufffd" not in json.dumps(got) or b"\xff" in line or any(b >= 0x80 for b in line)


def test_a_cr_inside_a_line_does_not_split_it(batch):
    assert len(batch[2]) == len(BATCH_LINES)  # "a\rb c" is one line, one object


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--json", "What is the Anyscale SF base? \udcff\udcfe"],
        ["ask", "What is the Anyscale SF base? \udced\udca0\udc80"],
        ["search", "--json", "Alibaba Seattle \udca3"],
        ["counter", "--json", "Anyscale SF: \udca3175K base, 5% bonus"],
    ],
)
def test_argv_with_undecodable_bytes_is_answered_in_valid_utf8(shipped_index, argv):
    result = run_coach(*argv, settings=shipped_index)  # passed as the bytes a shell would pass
    assert b"Traceback" not in result.stderr, result.stderr.decode(errors="replace")[-800:]
    result.stdout.decode("utf-8")  # strict
    assert result.returncode == 0 and b"note: argument" in result.stderr


def test_a_closed_pipe_ends_without_a_traceback(shipped_index):
    env = os.environ.copy()
    env.update(COACH_CORPUS_DIR=str(shipped_index.corpus_dir))
    env.update(COACH_INDEX_DIR=str(shipped_index.index_dir))
    command = f"{sys.executable} -m assistant.cli ask --json - | true"
    lines = "\n".join([QUESTION] * 30).encode()
    result = subprocess.run(command, shell=True, input=lines, capture_output=True, env=env)
    assert b"Traceback" not in result.stderr and b"BrokenPipe" not in result.stderr


@pytest.mark.parametrize("tail", HOSTILE_TAILS)
def test_clean_text_leaves_no_surrogate_or_control(tail):
    for value in (tail, tail.decode("utf-8", "surrogateescape")):
        text = clean_text(value).text
        text.encode("utf-8")  # strict: no lone surrogate
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text)


# --- guide files ---------------------------------------------------------------------------------


def test_bad_names_hidden_files_and_links_are_skipped_and_named(corpus_copy, tmp_path):
    guide = (corpus_copy / "anyscale-devops-engineer-negotiation.md").read_bytes()
    (corpus_copy / os.fsdecode(b"bad\xffname.md")).write_bytes(guide)
    (corpus_copy / ".hidden.md").write_bytes(guide)
    outside = tmp_path / "outside.md"
    outside.write_text("# Secret\n\nroot:x:0:0:root:/root:/bin/bash\n")
    (corpus_copy / "passwd.md").symlink_to(outside)
    (corpus_copy / "linked").symlink_to(tmp_path)
    text = guide.decode().replace("Anyscale", "Zetaco")
    (corpus_copy / "utf16.md").write_bytes(text.encode("utf-16"))
    result = load_corpus(corpus_copy)
    sources = {g.source for g in result.guides}
    assert "corpus/utf16.md" in sources and len(sources) == 4
    assert all("root:x" not in g.text for g in result.guides)
    reasons = {p.path.name: p.reason for p in result.skipped}
    assert reasons.keys() == {"bad\ufffdname.md", ".hidden.md", "passwd.md", "linked"}
    assert all(reasons.values())


def test_index_goes_on_past_a_bad_name(corpus_copy, settings_for):
    from assistant.index.store import VectorIndex

    guide = corpus_copy / "anyscale-devops-engineer-negotiation.md"
    (corpus_copy / os.fsdecode(b"x\xff.md")).write_bytes(guide.read_bytes())
    report = VectorIndex(settings_for(corpus_copy)).sync(progress=False)
    assert len(report.added) == 3 and len(report.skipped) == 1


@pytest.mark.parametrize("shape", ["no-punctuation", "lines", "no-spaces"])
def test_chunking_is_linear_in_the_guide_size(tmp_path, token_counter, shape):
    words = ("base salary band Seattle equity sign-on lever " * 4000).split()
    body = {
        "no-punctuation": " ".join(words),
        "lines": "\n".join(" ".join(words[i : i + 12]) for i in range(0, len(words), 12)),
        "no-spaces": "x" * 60_000,
    }[shape]
    path = tmp_path / "big.md"
    path.write_text(f"# Big | Zetaco Negotiation Guide\n\n{body}\n")
    tokenized = 0

    def counting(text: str) -> int:
        nonlocal tokenized
        tokenized += len(text)
        return token_counter(text)

    chunks = chunk_guide(load_guide(path, "corpus/big.md"), counting)
    assert chunks and tokenized < 8 * len(body)  # quadratic packing tokenized ~100x the text


# --- shelf and login --------------------------------------------------------------------------


def test_a_removed_guide_is_moved_aside_and_restorable(corpus_copy):
    name = "anyscale-devops-engineer-negotiation.md"
    before = (corpus_copy / name).read_bytes()
    remove_guide(corpus_copy, f"corpus/{name}")
    kept = corpus_copy / REMOVED_DIR / name
    assert kept.read_bytes() == before
    assert all(g.source != f"corpus/{name}" for g in load_corpus(corpus_copy).guides)
    assert not load_corpus(corpus_copy).skipped  # the folder of removed guides is not a guide
    kept.rename(corpus_copy / name)
    assert f"corpus/{name}" in {g.source for g in load_corpus(corpus_copy).guides}


def test_wrong_logins_are_slowed():
    from ui.guide_safety import ThrottledLogin

    waits: list[float] = []
    login = ThrottledLogin("ann", "s3cret", sleep=waits.append)
    assert [login("ann", "wrong") for _ in range(20)] == [False] * 20
    assert waits[:3] == [0, 0, 0] and sum(waits) > 60
    assert login("ann", "s3cret") and login("ann", "s3cret") and waits[-1] == 0


def test_the_remove_button_asks_first_naming_the_guide():
    pytest.importorskip("gradio")
    from ui.guide_safety import ask_to_confirm

    message, button = ask_to_confirm("anyscale.md")
    assert "anyscale.md" in message and ".removed" in message and button["visible"]
    assert "Pick" in ask_to_confirm(None)[0]
