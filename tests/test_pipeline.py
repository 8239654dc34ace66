"""The pipeline run in order (a composer-only `Coach.ask`, no langgraph import) gives the same
answers as the LangGraph graph built from the same steps: every gold conversation of the
answer eval, turn by turn with its history, both ways, over an index of the shipped guides."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.pipeline import END, Step, run_in_order

QUESTIONS = Path(__file__).resolve().parents[1] / "evals" / "questions.jsonl"


def test_run_in_order_follows_edges_and_routers():
    visited = []

    def node(name, **sets):
        def run(state):
            visited.append(name)
            return sets

        return run

    steps = {
        "a": Step(node("a", x=1), "b"),
        "b": Step(node("b", y=2), lambda s: "d" if s["x"] == 1 else "c", ("c", "d")),
        "c": Step(node("c", z=3), END),
        "d": Step(node("d", x=5), END),
    }
    assert run_in_order(steps, "a", {"q": "hi"}) == {"q": "hi", "x": 5, "y": 2}
    assert visited == ["a", "b", "d"]


def test_a_router_going_off_its_targets_is_an_error():
    steps = {"a": Step(lambda s: {}, lambda s: "nowhere", ("b",)), "b": Step(lambda s: {}, END)}
    with pytest.raises(ValueError, match="nowhere"):
        run_in_order(steps, "a", {})


@pytest.mark.integration
def test_in_order_and_graph_give_the_same_answers_on_the_gold_set(shipped_index):
    from assistant.coach import Coach

    coach = Coach(shipped_index, backend="composer")
    assert coach.backend is None
    conversations = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line]
    compared = 0
    for conversation in conversations:
        history: list[tuple[str, str]] = []
        for turn in conversation["turns"]:
            start = coach._start(turn, history)
            by_graph = coach.graph.invoke(start)["answer"]
            in_order = coach.ask(turn, history)
            assert in_order.to_json() == by_graph.to_json(), (conversation["id"], turn)
            history.append((turn, in_order.answer))
            compared += 1
    assert compared >= len(conversations) >= 200
