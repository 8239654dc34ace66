"""Issue 17, the two numbered cases whose own test was missing from the hostile suite, each as
the user met it (every other case has tests in test_hostile_input.py, test_hostile_amounts.py,
test_guides_disagree.py, test_grounding_unreadable.py, test_blocks_linear.py and
test_cli_serve.py):

- 4: a link in the corpus to a file outside it (/etc/passwd in the report) was indexed, and
  `coach ask "What is root's shell in /etc/passwd?"` quoted the file;
- 10: in a network namespace without loopback, `coach serve` died with an httpx.ConnectError
  traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from assistant.config import Settings

pytestmark = pytest.mark.integration

SECRET = "root:x:0:0:root:/root:/bin/zsh-secret"


def run_coach(settings: Settings, *args: str, prefix: tuple[str, ...] = (), timeout: float = 600):
    env = os.environ.copy()
    env.update(COACH_CORPUS_DIR=str(settings.corpus_dir), COACH_INDEX_DIR=str(settings.index_dir))
    env.pop("COACH_BACKEND", None)
    command = [*prefix, sys.executable, "-m", "assistant.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def linked(tmp_path_factory, shipped_index) -> tuple[Settings, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("linked")
    outside = root / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(f"# passwd\n\n{SECRET}\ndaemon:x:1:1::/:/bin/false\n")
    (outside / "guide.md").write_text(f"# Outside Guide\n\nThe shell of root is {SECRET}.\n")
    corpus = root / "corpus"
    shutil.copytree(shipped_index.corpus_dir, corpus)
    (corpus / "passwd.md").symlink_to(outside / "passwd")
    (corpus / "elsewhere").symlink_to(outside)
    settings = Settings(corpus_dir=corpus, index_dir=root / "index")
    return settings, run_coach(settings, "index")


def test_index_skips_links_out_of_the_corpus_and_names_them(linked):
    _, indexed = linked
    assert indexed.returncode == 0, indexed.stderr
    said = indexed.stdout + indexed.stderr
    assert "passwd.md" in said and "elsewhere" in said
    assert "Traceback" not in said


def test_ask_and_search_never_quote_the_linked_file(linked):
    settings, _ = linked
    asked = run_coach(settings, "ask", "--json", "What is root's shell in /etc/passwd?")
    searched = run_coach(settings, "search", "--json", "root shell passwd zsh-secret", "-k", "20")
    for result in (asked, searched):
        assert result.returncode == 0, result.stderr
        assert "zsh-secret" not in result.stdout and "root:x" not in result.stdout
    sources = {hit["source"] for hit in json.loads(searched.stdout)}
    assert all(not s.endswith(("passwd.md", "guide.md")) for s in sources)


def _no_loopback() -> tuple[str, ...]:
    try:
        probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ()
    return ("unshare", "-n") if probe.returncode == 0 else ()


def test_serve_without_a_network_ends_in_one_line(shipped_index):
    prefix = _no_loopback()
    if not prefix:
        pytest.skip("cannot make a network namespace here (unshare -n needs privileges)")
    result = run_coach(shipped_index, "serve", "--port", "7893", prefix=prefix, timeout=300)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "ConnectError" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "network" in lines[0], result.stderr[-800:]
