"""The coach's pipeline as data, run two ways: as a LangGraph graph, or step by step in order.

`Step(run, after, targets)`: a node's function (state in, the keys it sets out), what comes next
(a node's name, END, or a router over the state), and where a router may go. `build_graph`
compiles the steps into a LangGraph `StateGraph` (streaming, the model backends). `run_in_order`
walks the same steps with plain dict updates, which is what the graph does for a state with no
reducers: a composer-only `coach ask` gets the same answer without importing langgraph and
langchain-core (about half a second of a cold start). One table of steps feeds both, so they
cannot drift apart (tests/test_pipeline.py compares their answers on every gold question).

Leaves out: the nodes themselves (assistant.coach) and streaming, which needs the graph.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

END = "__end__"  # LangGraph's own name for the end


@dataclass(frozen=True)
class Step:
    run: Callable[[Any], Mapping[str, Any] | None]
    after: str | Callable[[Any], str]
    targets: tuple[str, ...] = ()  # where a router may go


def build_graph(state_type: type, steps: Mapping[str, Step], first: str):
    """The steps as a compiled LangGraph graph (imports langgraph)."""
    from langgraph.graph import END as GRAPH_END
    from langgraph.graph import START, StateGraph

    graph = StateGraph(state_type)
    for name, step in steps.items():
        graph.add_node(name, step.run)
    graph.add_edge(START, first)
    for name, step in steps.items():
        if callable(step.after):
            graph.add_conditional_edges(name, step.after, {t: t for t in step.targets})
        else:
            graph.add_edge(name, GRAPH_END if step.after == END else step.after)
    return graph.compile()


def run_in_order(steps: Mapping[str, Step], first: str, state: Mapping[str, Any]) -> dict:
    """The final state after running the steps from `first` to END, each step's keys set over
    the state before it (as the graph does; a node changing the state it is given changes
    nothing, as in the graph)."""
    current = dict(state)
    name = first
    for _ in range(4 * len(steps)):  # the graph is acyclic; a bound against a wrong table
        if name == END:
            return current
        step = steps[name]
        current.update(step.run(dict(current)) or {})  # a copy, as the graph gives a node
        name = step.after(current) if callable(step.after) else step.after
        if callable(step.after) and name not in step.targets:
            raise ValueError(f"step {name!r} is not a target of its router")
    raise RuntimeError("the pipeline did not reach its end")
