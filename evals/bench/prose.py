"""Sentences for one generated guide: the slots its templates are filled from, and `Sentences`,
which draws from the vocabulary's sentence pools without repeating a sentence in a guide.

`guide_slots` picks, for a company and role, what the templates name ({company}, {roles},
{product}, {event}, {focus}, {tool}, {peer}, {hq}, {stage}, the level ladder, …); the guide
writers add the amounts. `fill` fills one template.

Leaves out: the pools themselves (vocabulary.json) and which pool a guide section draws from
(negotiation.py, interview.py).
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from evals.bench.companies import Company
from evals.bench.vocabulary import Role, vocabulary


class Sentences:
    """Fills sentences from pools for one guide, never repeating one until its pool is used up."""

    def __init__(self, rng: random.Random, slots: dict) -> None:
        self.rng = rng
        self.slots = slots
        self.left: dict[int, list[str]] = {}

    def take(self, pool: Sequence[str], count: int = 1) -> list[str]:
        remaining = self.left.setdefault(id(pool), [])
        taken = []
        for _ in range(count):
            if not remaining:
                remaining.extend(pool)
                self.rng.shuffle(remaining)
            taken.append(fill(remaining.pop(), self.slots))
        return taken

    def paragraph(self, pool: Sequence[str], count: int) -> str:
        return " ".join(self.take(pool, count))


def guide_slots(rng: random.Random, company: Company, role: Role) -> dict:
    family = vocabulary().families[role[1]]
    focus = rng.sample(family["focus"], 2)
    tools = rng.sample(family["tools"], 2)
    domain, product, _, event, _ = company.domain
    peer = company.peers[0] if company.peers else "a public-company peer"
    return {
        "company": company.name,
        "company_s": _possessive(company.name),
        "role": role[0],
        "roles": _plural(role[0]),
        "domain": domain,
        "product": product,
        "product_title": _title(product),
        "metric": company.metric,
        "metric_short": company.metric.split(" ", 1)[-1],
        "event": event,
        "event_title": _title(event),
        "focus": focus[0],
        "focus2": focus[1],
        "focus_title": _title(focus[0]),
        "focus2_title": _title(focus[1]),
        "tool": tools[0],
        "tool2": tools[1],
        "team": family["team"],
        "peer": peer,
        "hq": company.footprint[0],
        "stage": vocabulary().stage_titles.get(company.stage, company.stage),
        "stage_phrase": company.stage,  # as written mid-sentence: "Series B", "pre-IPO"
        "equity_kind": "Pre-IPO Options" if company.stage == "pre-IPO" else "RSU Upside",
        "level_lo": f"{company.ladder[0]}",
        "level_hi": f"{company.ladder[1]}",
    }


def _title(text: str) -> str:
    """'GPU training cloud' -> 'GPU Training Cloud' (str.title would write 'Gpu')."""
    return " ".join(word[:1].upper() + word[1:] for word in text.split(" "))


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _plural(role: str) -> str:
    return role + "s"


def fill(template: str, slots: dict) -> str:
    return template.format_map(slots)
