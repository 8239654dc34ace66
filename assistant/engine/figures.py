"""Numbers with provenance: a `Figure(value, unit, label, provenance)` is where a number comes
from, so every number the coach states can be traced. A provenance is a band row, a script or a
lever (each with its chunk id), the user's input, or a formula over other Figures that is shown
as text ("offer RSU $130K + RSU increment $55K (Alibaba script)") and recomputes to the value.

Leaves out: what the numbers mean for a negotiation (assistant.engine.negotiation) and rounding
(values are kept exact; `display` is the guides' compact form).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.money import format_money

YEARS = "years"


@dataclass(frozen=True)
class Provenance:
    kind: str  # "band" | "script" | "lever" | "user" | "formula"
    chunk_id: str | None = None
    name: str = ""  # "Anyscale San Francisco band row", "Anyscale script", "your offer"
    source: str = ""  # corpus/<file>, or "your offer"
    op: str = ""  # formula only: "sum", "-", "×", "÷", "×%", "mid"
    inputs: tuple[Figure, ...] = ()
    factor: float | None = None  # the constant of a "×" formula


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # ISO currency, "%" or "years"
    label: str
    provenance: Provenance

    @property
    def display(self) -> str:
        return show(self.value, self.unit)

    def describe(self) -> str:
        """How this figure reads inside a formula."""
        p = self.provenance
        if p.kind == "formula":
            return f"({self.text})"
        where = f" ({p.name})" if p.kind != "user" else ""
        return f"{self.label} {self.display}{where}".strip()

    @property
    def text(self) -> str:
        """The provenance as text: where the number is written, or the formula over inputs."""
        p = self.provenance
        if p.kind == "user":
            return "your input"
        if p.kind != "formula":
            return f"{p.name} [{p.chunk_id}]"
        a = p.inputs[0].describe()
        if p.op == "sum":
            return " + ".join(i.describe() for i in p.inputs)
        if p.op == "×":
            return f"{a} × {p.factor:g}"
        if p.op == "mid":
            return f"midpoint of {a} and {p.inputs[1].describe()}"
        return f"{a} {p.op.replace('×%', '×')} {p.inputs[1].describe()}"

    def recompute(self) -> float:
        """The value from the inputs' recomputed values (a leaf returns its own value)."""
        p = self.provenance
        if p.kind != "formula":
            return self.value
        values = [i.recompute() for i in p.inputs]
        if p.op == "sum":
            return sum(values)
        if p.op == "-":
            return values[0] - values[1]
        if p.op == "×":
            return values[0] * (p.factor or 0)
        if p.op == "÷":
            return values[0] / values[1]
        if p.op == "×%":
            return values[0] * values[1] / 100
        if p.op == "mid":
            return (values[0] + values[1]) / 2
        raise ValueError(f"unknown formula op {p.op!r}")

    def leaves(self) -> list[Figure]:
        if self.provenance.kind != "formula":
            return [self]
        return [leaf for i in self.provenance.inputs for leaf in i.leaves()]

    def to_json(self) -> dict[str, Any]:
        p = self.provenance
        out: dict[str, Any] = {
            "value": self.value,
            "unit": self.unit,
            "display": self.display,
            "label": self.label,
            "provenance": {
                "kind": p.kind,
                "chunk_ids": sorted({leaf.provenance.chunk_id for leaf in self.leaves()} - {None}),
                "text": self.text,
            },
        }
        if p.kind == "formula":
            out["provenance"]["op"] = p.op
            out["provenance"]["inputs"] = [i.to_json() for i in p.inputs]
            if p.factor is not None:
                out["provenance"]["factor"] = p.factor
        else:
            out["provenance"]["name"] = p.name
            out["provenance"]["source"] = p.source
        return out


def show(value: float, unit: str) -> str:
    if unit == YEARS:
        return f"{value:g} years"
    return format_money(value, unit)


USER = Provenance("user", None, "your offer", "your offer")


def user(value: float, unit: str, label: str) -> Figure:
    return Figure(value, unit, label, USER)


def formula(op: str, label: str, unit: str, *inputs: Figure, factor: float | None = None) -> Figure:
    draft = Figure(0.0, unit, label, Provenance("formula", op=op, inputs=inputs, factor=factor))
    return Figure(draft.recompute(), unit, label, draft.provenance)
