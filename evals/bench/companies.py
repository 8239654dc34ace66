"""The fictional companies of a benchmark corpus and the order their guides come in.

`plan_guides(seed)` yields (company, role, kind) endlessly in a fixed order for the seed, so a
run of N guides is the first N of any longer run. Company names are invented compounds of two
halves from the vocabulary ("Quillfeather Systems"), unique per company; each company gets a
business domain, a stage, an office footprint, a pay factor, a level ladder, one to four roles
(each with a negotiation guide, an interview guide or both) and competitors drawn from the
companies before it. Every random stream is seeded from the seed and a position (no global
state), which keeps the corpus deterministic.

With `context=True` the plan starts with the guides of the real companies users name as context
(`context_companies`: Amazon with AWS, Google with GCP, Microsoft with Azure, NVIDIA,
Databricks), so "the subject company" can be confused where users confuse it; their figures
are made up like the rest.

Leaves out: the text of the guides (negotiation.py, interview.py) and the words themselves
(vocabulary.json).
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from evals.bench.records import GeneratedKind
from evals.bench.vocabulary import Domain, Role, vocabulary


@dataclass
class Company:
    index: int
    name: str
    slug: str
    domain: Domain
    metric: str
    stage: str
    footprint: tuple[str, ...]
    pay_factor: float
    ladder: tuple[str, str]
    roles: list[Role]
    interview_roles: set[str]
    negotiation_roles: set[str]
    peers: list[str] = field(default_factory=list)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _company_stems(rng: random.Random) -> list[str]:
    words = vocabulary()
    stems = sorted(
        {
            prefix + suffix
            for prefix in words.company_prefixes
            for suffix in words.company_suffixes
            if (prefix + suffix).lower() not in words.avoid_stems
        }
    )
    rng.shuffle(stems)
    return stems


def _identity(index: int, stem: str, seed: int) -> tuple[str, Domain]:
    """A company's name and domain: the stem plus a descriptor that fits the domain."""
    rng = random.Random(f"benchcorpus:{seed}:identity:{index}")
    domain = rng.choice(vocabulary().domains)
    return f"{stem} {rng.choice(domain[4] + ('Systems', 'Cloud', 'Labs', 'Technologies'))}", domain


def _make_company(index: int, stem: str, seed: int, peer_pool: Sequence[str]) -> Company:
    words = vocabulary()
    name, domain = _identity(index, stem, seed)
    rng = random.Random(f"benchcorpus:{seed}:company:{index}")
    magnitude = rng.choice((2, 3, 4, 5, 6, 8, 12, 15, 20, 25, 40, 60, 120))
    footprint_choice = rng.choice(words.footprints)
    role_count = rng.choices((1, 2, 3, 4), weights=(50, 30, 14, 6))[0]
    roles = rng.sample(words.roles, role_count)
    negotiation_roles, interview_roles = set(), set()
    for role, _, _ in roles:
        draw = rng.random()
        if draw < 0.62:
            negotiation_roles.add(role)
        elif draw < 0.9:
            negotiation_roles.add(role)
            interview_roles.add(role)
        else:
            interview_roles.add(role)
    return Company(
        index=index,
        name=name,
        slug=slug(name),
        domain=domain,
        metric=domain[2].format(n=magnitude),
        stage=rng.choice(words.stages),
        footprint=footprint_choice,
        pay_factor=rng.uniform(0.86, 1.18),
        ladder=rng.choice(words.ladders),
        roles=roles,
        interview_roles=interview_roles,
        negotiation_roles=negotiation_roles,
        peers=rng.sample(list(peer_pool), min(3, len(peer_pool))),
    )


def context_companies(seed: int) -> list[tuple[Company, Role, GeneratedKind]]:
    """The guides of the companies users name as context (vocabulary.json `context_companies`:
    Amazon, Google, Microsoft, NVIDIA, Databricks), in table order: real names, made-up
    figures; each names the others as competitors. Indexes are negative, so their random
    streams are apart from the fictional companies'."""
    words = vocabulary()
    roles = {role[0]: role for role in words.roles}
    names = [row[0] for row in words.context_companies]
    planned: list[tuple[Company, Role, GeneratedKind]] = []
    for position, row in enumerate(words.context_companies):
        name, domain, product, metric, event, footprint, ladder, stage, wanted, _ = row
        rng = random.Random(f"benchcorpus:{seed}:context:{name}")
        company = Company(
            index=-1 - position,
            name=name,
            slug=slug(name),
            domain=(domain, product, metric, event, (name,)),
            metric=metric.format(n=rng.choice((2, 3, 5, 8, 12, 20, 40))),
            stage=stage,
            footprint=tuple(footprint),
            pay_factor=rng.uniform(1.0, 1.15),
            ladder=tuple(ladder),
            roles=[roles[role] for role, _ in wanted],
            interview_roles={role for role, kinds in wanted if kinds in ("interview", "both")},
            negotiation_roles={role for role, kinds in wanted if kinds in ("negotiation", "both")},
            peers=[other for other in names if other != name][:3],
        )
        for role, kinds in wanted:
            if kinds in ("negotiation", "both"):
                planned.append((company, roles[role], "negotiation"))
            if kinds in ("interview", "both"):
                planned.append((company, roles[role], "interview"))
    return planned


def context_names() -> set[str]:
    """Every name of the context companies (names and what users call them: AWS, GCP, …)."""
    return {name for row in vocabulary().context_companies for name in (row[0], *row[9])}


def plan_guides(seed: int, context: bool = False) -> Iterator[tuple[Company, Role, GeneratedKind]]:
    """Endless (company, role, kind) in a fixed order for the seed: a run of N is a prefix.
    With `context`, the context companies' guides come first, then the same fictional
    companies as without it (so N guides with context hold the first N - k fictional ones)."""
    if context:
        yield from context_companies(seed)
    stems = _company_stems(random.Random(f"benchcorpus:{seed}:names"))
    names: list[str] = []
    for index, stem in enumerate(stems):
        # Competitors named in a guide are companies of the corpus (the first one looks ahead).
        peer_pool = names[-400:] or [_identity(j, stems[j], seed)[0] for j in (1, 2, 3)]
        company = _make_company(index, stem, seed, peer_pool)
        names.append(company.name)
        for role in company.roles:
            if role[0] in company.negotiation_roles:
                yield company, role, "negotiation"
            if role[0] in company.interview_roles:
                yield company, role, "interview"
    raise ValueError(f"the name pool is exhausted after {len(stems)} companies")
