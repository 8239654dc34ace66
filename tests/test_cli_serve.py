"""`coach serve`: its arguments are checked before anything loads, and --auth really guards the
app (a real server on 127.0.0.1 that stops itself)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", "serve", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("auth", ["alice", "alice:", ":secret"])
def test_auth_must_be_user_and_password(auth):
    result = serve("--auth", auth, "--stop-after", "1")
    assert result.returncode == 2
    assert "--auth takes user:password" in result.stderr
    assert "Traceback" not in result.stderr


def test_port_out_of_range():
    result = serve("--port", "70000", "--stop-after", "1")
    assert result.returncode == 2 and "between 1 and 65535" in result.stderr


@pytest.mark.integration
def test_auth_guards_the_app(shipped_index, tmp_path):
    from gradio_client import Client
    from ui_support import served_app

    args = ("--auth", "alice:wonderland")
    with served_app(tmp_path, shipped_index.corpus_dir, shipped_index.index_dir, args) as app:
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do; it must not connect
            Client(app.url, verbose=False)
        client = Client(app.url, auth=("alice", "wonderland"), verbose=False)
        messages, *_ = client.predict("anyscale london base salary", [], api_name="/ask")
    assert "£128K–£166K" in str(messages[-1])


@pytest.mark.integration
def test_a_port_in_use_is_a_readable_error(shipped_index):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve(
            "--corpus",
            str(shipped_index.corpus_dir),
            "--index",
            str(shipped_index.index_dir),
            "--port",
            str(port),
            "--stop-after",
            "30",
        )
    assert result.returncode == 2, result.stderr
    assert f"Cannot serve on 127.0.0.1:{port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.integration
@pytest.mark.parametrize("host", ["::1", "::"])
def test_an_ipv6_host_is_served(shipped_index, tmp_path, host):
    import urllib.request

    from ui_support import served_app

    corpus, index = shipped_index.corpus_dir, shipped_index.index_dir
    with served_app(tmp_path, corpus, index, ("--host", host)) as app:
        port = app.url.rstrip("/").rsplit(":", 1)[1]
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://[::1]:{port}/", timeout=10) as page:
            assert page.status == 200
        log = app.log.read_text()
    assert "Traceback" not in log and "InvalidURL" not in log
    assert ("reachable from other machines" in log) == (host == "::")
