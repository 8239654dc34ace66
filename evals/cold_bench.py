"""`coach bench cold`: how long a person waits for a cold command, as a ratio to importing
sentence-transformers measured side by side in the same run.

Each pair runs the command as a fresh process and `python -c "import sentence_transformers"`,
in alternating order, so both see the same machine load; the report gives each command's
median seconds, the reference's median, and the median and spread (min–max) of the per-pair
ratios. Commands: `coach ask --json`, `coach search --json`, `coach counter --json`, each
against the given corpus and index; plus `coach serve`'s time to a served page (its own median,
and its ratio to the reference).

Leaves out: warm latency (`coach bench retrieval`, `coach bench answers`) and the first
`coach index` (it exports the query model and embeds the corpus).
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass

from assistant.config import Settings

REFERENCE = [sys.executable, "-c", "import sentence_transformers"]
COMMANDS = {
    "ask": ["ask", "--json", "what's the devops base salary at anyscale in san francisco?"],
    "search": ["search", "--json", "Alibaba Seattle base salary"],
    "counter": ["counter", "--json", "Anyscale SF: $175K base, $130K RSU over 4 years, 5% bonus"],
}
SERVE_TIMEOUT = 120.0


@dataclass
class CommandTiming:
    command: str
    median_s: float
    reference_median_s: float
    ratio_median: float
    ratio_min: float
    ratio_max: float
    pairs: int


@dataclass
class ColdBench:
    timings: list[CommandTiming]

    def to_json(self) -> dict:
        return {"timings": [asdict(t) for t in self.timings]}

    def table(self) -> str:
        lines = [
            'Cold start, paired with `python -c "import sentence_transformers"` in one run',
            "",
            "| command | median s | reference median s | ratio median | ratio min–max | pairs |",
            "|---|---|---|---|---|---|",
        ]
        for t in self.timings:
            lines.append(
                f"| {t.command} | {t.median_s:.2f} | {t.reference_median_s:.2f} | "
                f"{t.ratio_median:.2f}× | {t.ratio_min:.2f}–{t.ratio_max:.2f} | {t.pairs} |"
            )
        return "\n".join(lines)


def _timed(run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, stdin=subprocess.DEVNULL)


def _serve_until_page(coach: list[str], where: list[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [*coach, "serve", "--port", str(port), "--stop-after", "120", *where],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + SERVE_TIMEOUT
    try:
        while time.monotonic() < deadline:
            try:
                with opener.open(f"http://127.0.0.1:{port}/", timeout=1) as page:
                    if page.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"coach serve did not serve a page within {SERVE_TIMEOUT:.0f} s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def _paired(name: str, run: Callable[[], None], pairs: int) -> CommandTiming:
    own, reference = [], []
    for number in range(pairs):
        if number % 2:  # alternate which goes first
            reference.append(_timed(lambda: _run(REFERENCE)))
            own.append(_timed(run))
        else:
            own.append(_timed(run))
            reference.append(_timed(lambda: _run(REFERENCE)))
    ratios = [a / b for a, b in zip(own, reference, strict=True)]
    return CommandTiming(
        command=name,
        median_s=statistics.median(own),
        reference_median_s=statistics.median(reference),
        ratio_median=statistics.median(ratios),
        ratio_min=min(ratios),
        ratio_max=max(ratios),
        pairs=pairs,
    )


def run_cold_bench(
    settings: Settings, pairs: int = 5, say: Callable[[str], None] = lambda m: None
) -> ColdBench:
    coach = [sys.executable, "-m", "assistant.cli"]
    where = ["--corpus", str(settings.corpus_dir), "--index", str(settings.index_dir)]
    _run([*coach, "index", "--no-progress", *where])  # an index that is up to date
    timings = []
    for name, args in COMMANDS.items():
        say(f"{name}: {pairs} pairs …")
        timings.append(_paired(f"coach {name}", lambda a=args: _run([*coach, *a, *where]), pairs))
    say(f"serve: {pairs} pairs …")
    timings.append(_paired("coach serve (page)", lambda: _serve_until_page(coach, where), pairs))
    return ColdBench(timings)
