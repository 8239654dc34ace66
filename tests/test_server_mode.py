"""Integration: the same index code against a real Chroma server on loopback (COACH_CHROMA_URL)."""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.errors import IndexStateError
from assistant.index.store import VectorIndex

pytestmark = pytest.mark.integration


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path):
    """`chroma run` on 127.0.0.1 with its own data folder; stopped when the test ends."""
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or shutil.which("chroma")
    assert chroma, "the chroma CLI ships with chromadb; it should be installed"
    port = free_port()
    log = (tmp_path / "chroma.log").open("w")
    server = subprocess.Popen(
        [
            chroma,
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (tmp_path / "chroma.log").read_text()
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "chroma server did not start within 60 s"
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        log.close()


def test_index_and_search_against_a_chroma_server(chroma_server, corpus_copy, tmp_path, embedder):
    settings = Settings(
        corpus_dir=corpus_copy, index_dir=tmp_path / "index", chroma_url=chroma_server
    )
    index = VectorIndex(settings, embedder=embedder)
    report = index.sync(progress=False, say=lambda _: None)
    assert len(report.added) == 3 and report.chunks_embedded > 0
    assert index.count() == report.chunks_embedded
    assert not (tmp_path / "index" / "chroma").exists()  # vectors live on the server

    hits = index.dense_search("Alibaba Seattle base salary", k=5)
    assert "| Seattle (US) | $150K–$215K |" in hits[0].text

    again = VectorIndex(settings, embedder=embedder).sync(progress=False, say=lambda _: None)
    assert again.chunks_embedded == 0


def test_an_unreachable_server_is_a_clear_error(tmp_path, corpus_copy, embedder):
    settings = Settings(
        corpus_dir=corpus_copy,
        index_dir=tmp_path / "index",
        chroma_url=f"http://127.0.0.1:{free_port()}",
    )
    with pytest.raises(IndexStateError, match="chroma run"):
        VectorIndex(settings, embedder=embedder).sync(progress=False, say=lambda _: None)


def test_a_malformed_server_url_is_a_clear_error(tmp_path, corpus_copy, embedder):
    settings = Settings(
        corpus_dir=corpus_copy, index_dir=tmp_path / "index", chroma_url="localhost"
    )
    with pytest.raises(IndexStateError, match="not a URL"):
        VectorIndex(settings, embedder=embedder).sync(progress=False, say=lambda _: None)
