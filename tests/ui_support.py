"""Helpers for the UI tests: a real `coach serve` process over a private indexed copy of the
shipped guides, bound to 127.0.0.1 on a free port, that stops itself; and Debian's chromium.

The server is stopped at teardown (terminate, then kill after a bounded wait) and also by its
own `--stop-after`, so a test run that is killed leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assistant.config import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "tests" / "artifacts"
START_TIMEOUT = 180.0  # seconds for the server to print its address
# the server's own --stop-after: the whole CI run's limit (90 minutes), for the server is one
# session-wide fixture that the last UI tests may reach more than 30 minutes after it started
SERVER_LIFETIME = 5400


@dataclass(frozen=True)
class ServedApp:
    url: str
    corpus: Path
    index: Path
    seconds_to_serve: float
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_app(
    workdir: Path,
    source_corpus: Path,
    source_index: Path,
    extra_args: tuple[str, ...] = (),
    extra_env: dict[str, str] | None = None,
) -> Iterator[ServedApp]:
    """Copy an indexed corpus into `workdir`, serve it with `coach serve`, yield its address."""
    corpus, index = workdir / "corpus", workdir / "index"
    shutil.copytree(source_corpus, corpus)
    shutil.copytree(source_index, index)
    port = free_port()
    log_path = workdir / "serve.log"
    env = {
        **os.environ,
        "COACH_CORPUS_DIR": str(corpus),
        "COACH_INDEX_DIR": str(index),
        **(extra_env or {}),
    }
    command = [
        sys.executable,
        "-m",
        "assistant.cli",
        "serve",
        "--port",
        str(port),
        "--stop-after",
        str(SERVER_LIFETIME),
        *extra_args,
    ]
    started = time.perf_counter()
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        url = _wait_for_address(process, log_path, started)
        yield ServedApp(url, corpus, index, time.perf_counter() - started, log_path)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def _wait_for_address(process: subprocess.Popen, log_path: Path, started: float) -> str:
    while time.perf_counter() - started < START_TIMEOUT:
        text = log_path.read_text()
        for line in text.splitlines():
            if "serving at http://" in line:
                return line.split("serving at ", 1)[1].split()[0]
        if process.poll() is not None:
            raise RuntimeError(f"coach serve exited with {process.returncode}:\n{text}")
        time.sleep(0.25)
    raise RuntimeError(f"coach serve printed no address in {START_TIMEOUT:.0f} s:\n{text}")


def launch_chromium(playwright):
    if not CHROMIUM.exists():
        raise RuntimeError(
            "Debian's chromium is needed for the browser tests: apt-get install -y chromium "
            "(.ci/run does this)."
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
    )


@contextmanager
def app_page(url: str, **context_options) -> Iterator:
    """A chromium tab (1400x1000, 30 s timeouts) on the served app, its question box ready;
    `context_options` go to the browser context (e.g. accept_downloads=True)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, **context_options)
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(url)
        tab.locator("#coach-question textarea").wait_for()
        try:
            yield tab
        finally:
            context.close()
            browser.close()


def pick(page, elem_id: str, option: str) -> None:
    """Choose `option` in the dropdown with this elem_id."""
    page.locator(f"#{elem_id} input").click()
    page.get_by_role("option", name=option, exact=True).click()


# --- accessibility: axe-core, from npm, injected into the page -----------------------------------

AXE_VERSION = "4.14.1"
AXE_CACHE = Path.home() / ".cache" / "negotiation-coach" / f"axe-core-{AXE_VERSION}"
SEVERE = ("serious", "critical")


def axe_script() -> Path:
    """axe.min.js of axe-core AXE_VERSION, fetched once with `npm pack` into AXE_CACHE."""
    script = AXE_CACHE / "package" / "axe.min.js"
    if script.exists():
        return script
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm is needed once to fetch axe-core for the accessibility checks")
    AXE_CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "pack", f"axe-core@{AXE_VERSION}", "--silent"],
        cwd=AXE_CACHE,
        check=True,
        capture_output=True,
        timeout=300,
    )
    subprocess.run(
        ["tar", "xzf", f"axe-core-{AXE_VERSION}.tgz"], cwd=AXE_CACHE, check=True, timeout=60
    )
    return script


def axe_violations(page) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the page as it is now: [{id, impact, help,
    nodes: [target, ...]}]."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    found = page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.html.slice(0, 200))}));
        }"""
    )
    return list(found)


def severe(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in SEVERE]
