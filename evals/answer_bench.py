"""`coach bench answers`: how fast the agent answers and how often the grounding check had to
step in, for one backend, on the gold questions of evals/questions.jsonl.

- Cold start: `coach ask --json "<question>"` run as a fresh process (Python start, imports,
  opening the index, loading the embedding model and, for a model backend, the model), in
  seconds, the median of `cold_runs` runs.
- Warm: one `Coach` in this process answers every gold question (each with its earlier turns
  as history), after one warm-up question; answers per second and p50/p95 seconds per answer.
- Grounding: how many answers came back ok, repaired or fallback, with the fallback reasons
  counted.

Leaves out: answer quality (the eval harness scores that) and concurrency (one user at a time).
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.config import Settings

QUESTIONS = Path(__file__).with_name("questions.jsonl")
COLD_QUESTION = "what's the devops base salary at anyscale in san francisco?"


@dataclass
class AnswerBench:
    backend: str
    questions: int
    cold_start_s: float
    warm_answers_per_s: float
    p50_s: float
    p95_s: float
    grounding: dict[str, int]  # ok | repaired | fallback, and "refused" (never sent to a model)
    model_p50_s: float | None = None  # seconds per answer the model was asked to write
    fallback_reasons: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)

    def table(self) -> str:
        g = self.grounding
        lines = [
            f"Answer benchmark: backend {self.backend}, {self.questions} gold questions",
            "",
            "| measure | value |",
            "|---|---|",
            f"| cold start of `coach ask` (s) | {self.cold_start_s:.2f} |",
            f"| warm answers per second | {self.warm_answers_per_s:.2f} |",
            f"| seconds per answer p50 / p95 | {self.p50_s:.3f} / {self.p95_s:.3f} |",
            f"| grounding ok / repaired / fallback | {g.get('ok', 0)} / {g.get('repaired', 0)} "
            f"/ {g.get('fallback', 0)} |",
            f"| refusals (composer, no model asked) | {g.get('refused', 0)} |",
        ]
        if self.model_p50_s is not None:
            lines.append(f"| seconds per model-written answer p50 | {self.model_p50_s:.3f} |")
        if self.fallback_reasons:
            lines += ["", "Fallback reasons:"]
            lines += [f"- {n} × {reason}" for reason, n in self.fallback_reasons.items()]
        return "\n".join(lines)


def load_turns(path: Path = QUESTIONS) -> list[list[str]]:
    return [json.loads(line)["turns"] for line in path.read_text().splitlines() if line.strip()]


def cold_start(backend: str, runs: int) -> float:
    """Median seconds for a fresh `coach ask --json` process to print its answer."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "assistant.cli",
                "ask",
                "--json",
                "--backend",
                backend,
                COLD_QUESTION,
            ],
            capture_output=True,
            text=True,
            timeout=600,
            env=os.environ.copy(),
        )
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise RuntimeError(f"coach ask failed: {result.stderr.strip()}")
    return statistics.median(times)


def run_answer_bench(
    backend: str = "composer",
    limit: int | None = None,
    cold_runs: int = 3,
    settings: Settings | None = None,
    say: Callable[[str], None] = lambda message: None,
) -> AnswerBench:
    from assistant.coach import Coach

    coach = Coach(settings, backend=backend)
    dialogues = load_turns()[:limit]
    coach.ask(COLD_QUESTION)  # warm-up: the embedding model and the backend are loaded
    seconds, model_seconds, outcomes, reasons = [], [], Counter(), Counter()
    for number, turns in enumerate(dialogues, start=1):
        if number % 10 == 0:
            say(f"{number}/{len(dialogues)} questions")
        history = []
        for earlier in turns[:-1]:
            answer = coach.ask(earlier, history=history)
            history += [
                {"role": "user", "content": earlier},
                {"role": "assistant", "content": answer.answer},
            ]
        start = time.perf_counter()
        answer = coach.ask(turns[-1], history=history)
        seconds.append(time.perf_counter() - start)
        if answer.refused:
            outcomes["refused"] += 1
            continue
        if coach.backend is not None:
            model_seconds.append(seconds[-1])
        outcomes[answer.grounding.status] += 1
        if answer.grounding.status == "fallback":
            reasons[_reason_kind(answer.grounding.reason)] += 1
    say("timing cold starts")
    cold = cold_start(coach.backend_name, cold_runs)
    ordered = sorted(seconds)
    return AnswerBench(
        backend=coach.backend_name,
        questions=len(dialogues),
        cold_start_s=round(cold, 2),
        warm_answers_per_s=round(len(seconds) / sum(seconds), 2),
        p50_s=round(statistics.median(ordered), 3),
        p95_s=round(ordered[int(0.95 * (len(ordered) - 1))], 3),
        grounding=dict(outcomes),
        model_p50_s=round(statistics.median(model_seconds), 3) if model_seconds else None,
        fallback_reasons=dict(reasons.most_common()),
    )


def _reason_kind(reason: str) -> str:
    """A fallback reason without its particulars (figures, counts), for counting."""
    head = reason.split(":", 1)[0].split(";", 1)[0]
    return re.sub(r"\d+", "N", head).strip()
