"""The benchmark generator's words: `vocabulary()` reads vocabulary.json beside this file once.

vocabulary.json holds every pool of words and sentences the generated guides are written from
(company-name halves, roles, regions, office footprints, business domains, level ladders, per
role family the focus areas, tools, interview pillars and topics, skills and levers, and the
sentence pools of both guide kinds, and the real companies users name as context, written only
on request); its "about" entry says what each table holds and the order
of the fields in its rows. JSON arrays are read back as tuples, so every table is immutable and
the same object on every call (the generator's sentence pools are keyed by identity).

Leaves out: the rules that shape the text (how amounts, tables and guides are written: amounts.py,
tables.py and the guide modules) and anything random (the pools are drawn from by the callers).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY_FILE = Path(__file__).parent / "vocabulary.json"

Role = tuple[str, str, float]  # role, family, pay factor against a mid-level software engineer
Domain = tuple[str, str, str, str, tuple[str, ...]]  # domain, product, metric, event, descriptors


@dataclass(frozen=True)
class Vocabulary:
    """The tables of vocabulary.json by name (see its "about" entry for each one's rows)."""

    company_prefixes: tuple[str, ...]
    company_suffixes: tuple[str, ...]
    avoid_stems: tuple[str, ...]
    roles: tuple[Role, ...]
    regions: dict[str, tuple[str, float, tuple[str, ...]]]
    footprints: tuple[tuple[str, ...], ...]
    domains: tuple[Domain, ...]
    ladders: tuple[tuple[str, str], ...]
    families: dict[str, dict[str, Any]]
    generic_levers: tuple[tuple[str, str], ...]
    dna_phrases: tuple[str, ...]
    premiums: tuple[str, ...]
    stages: tuple[str, ...]
    stage_titles: dict[str, str]
    negotiation_openers: tuple[str, ...]
    negotiation_middles: tuple[str, ...]
    negotiation_closers: tuple[str, ...]
    section_titles: tuple[str, ...]
    interview_intro: tuple[str, ...]
    interview_prep: tuple[str, ...]
    interview_process: tuple[str, ...]
    responsibilities: tuple[tuple[str, str], ...]
    faq: tuple[tuple[str, str], ...]
    tips: tuple[tuple[str, str], ...]
    behavioural_questions: tuple[str, ...]
    interview_summary: tuple[str, ...]
    interview_pay: tuple[str, ...]
    context_companies: tuple[tuple[Any, ...], ...]  # written only with --context-companies


def _frozen(value: Any) -> Any:
    """JSON arrays as tuples, all the way down; objects stay dicts in their file order."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return {key: _frozen(item) for key, item in value.items()}
    return value


@cache
def vocabulary() -> Vocabulary:
    """The tables of vocabulary.json, read once per process."""
    data = json.loads(VOCABULARY_FILE.read_text(encoding="utf-8"))
    data.pop("about", None)
    expected = {field.name for field in fields(Vocabulary)}
    if set(data) != expected:
        raise ValueError(
            f"{VOCABULARY_FILE.name}: tables {sorted(set(data) ^ expected)} are missing or unknown"
        )
    return Vocabulary(**{name: _frozen(table) for name, table in data.items()})
