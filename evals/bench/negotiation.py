"""The markdown negotiation guides of a benchmark corpus: `negotiation_guide`.

A guide has a "Role | Company … Negotiation Guide" title (four forms), a "**Negotiation DNA:**"
line ending in a bold premium, the comp table by region (tables.py; with the currency in the
headers, a second "International Offices" table for the other currencies), paragraphs drawn
from the sentence pools, "**Level Mapping:**", an extra section, numbered levers with quoted
figures computed from the home row, a "> **Negotiate Up Strategy:**" (or "Counter Script")
blockquote and "Evidence & Sources" bullets.

Leaves out: the table itself (tables.py), the words (vocabulary.json) and interview guides
(interview.py).
"""

from __future__ import annotations

import random

from evals.bench.amounts import MoneyStyle, nice
from evals.bench.companies import Company, slug
from evals.bench.prose import Sentences, fill, guide_slots
from evals.bench.records import BandRow, GeneratedGuide
from evals.bench.tables import band_rows, render_table, table_layout
from evals.bench.vocabulary import Role, vocabulary


def negotiation_guide(rng: random.Random, company: Company, role: Role) -> GeneratedGuide:
    words = vocabulary()
    slots = guide_slots(rng, company, role)
    money = MoneyStyle.draw(rng)
    others = list(company.footprint[1:])
    regions = [company.footprint[0], *rng.sample(others, rng.randint(1, min(5, len(others))))]
    regions.sort(key=company.footprint.index)
    layout = table_layout(rng, company)
    rows = band_rows(rng, company, role, regions, layout)
    home = rows[0]
    slots["region"] = rng.choice(rows[1:] or rows).region
    cur = home.currency

    def amt(value: float) -> str:
        return money.amount(nice(value, cur), cur)

    slots.update(
        base_ask=amt(home.base_max * 0.96),
        stock_ask=amt((home.stock_max or home.base_max * 0.8) * 0.95),
        tc=amt(home.total_max or home.base_max * 1.3),
        signon=amt(home.base_min * rng.uniform(0.1, 0.2)),
        signon_range=money.span(
            nice(home.base_min * 0.12, cur), nice(home.base_min * 0.22, cur), cur
        ),
        reloc=amt(home.base_min * 0.08),
        floor=amt(home.base_min * 1.08),
        offer_base=amt(home.base_min * 1.05),
        offer_stock=amt((home.stock_min or home.base_min * 0.4) * 1.1),
    )

    title_form = rng.choices((0, 1, 2, 3), weights=(50, 20, 15, 15))[0]
    company_name, role_name = company.name, role[0]
    title = (
        f"### {role_name} | {company_name} Global Negotiation Guide",
        f"## {role_name} | {company_name} Negotiation Guide",
        f"# {company_name} — {role_name} Offer Negotiation Guide",
        f"### {role_name} | {company_name} Compensation & Negotiation Guide",
    )[title_form]

    dna = " | ".join(fill(phrase, slots) for phrase in rng.sample(words.dna_phrases, 3))
    parts = [title, "", f"**Negotiation DNA:** {dna} | **{rng.choice(words.premiums)}**", ""]

    if layout["header_currency"]:
        by_currency: dict[str, list[BandRow]] = {}
        for row in rows:
            by_currency.setdefault(row.currency, []).append(row)
        first_currency = rows[0].currency
        parts += [render_table(by_currency[first_currency], layout, money, first_currency), ""]
        rest = [row for row in rows if row.currency != first_currency]
        if rest:
            parts += ["**International Offices**", "", render_table(rest, layout, money), ""]
        rows = by_currency[first_currency] + rest
    else:
        parts += [render_table(rows, layout, money), ""]

    dna_heading = rng.choice(
        ("**Negotiation DNA**", "**Why the Band Looks Like This**", "### Negotiation DNA")
    )
    parts += [dna_heading, ""]
    prose = Sentences(rng, slots)
    for _ in range(rng.randint(2, 3)):
        sentences = prose.take(words.negotiation_openers)
        sentences += prose.take(words.negotiation_middles, rng.randint(3, 5))
        parts += [" ".join(sentences + prose.take(words.negotiation_closers)), ""]

    low, high = company.ladder
    peer = slots["peer"]
    mapping = rng.choice(
        (
            f"{role_name} at {company_name} ({low}-{high}) = {peer} {role_name} II-Senior = Big "
            f"Tech {role_name} L4-L5",
            f"{company_name} {role_name} = {peer} {role_name} = Big Tech L4 {role_name}",
            f"{low} maps to Big Tech L3, {high} to L5; {peer} levels {role_name}s one step lower",
        )
    )
    parts += [f"**Level Mapping:** {mapping}", ""]

    section = fill(rng.choice(words.section_titles), slots)
    parts += [rng.choice((f"**{section}**", f"### {section}")), ""]
    for _ in range(rng.randint(1, 2)):
        parts += [prose.paragraph(words.negotiation_middles, rng.randint(3, 4)), ""]

    family = words.families[role[1]]
    levers = rng.sample(family["levers"], 2) + rng.sample(words.generic_levers, rng.randint(2, 3))
    rng.shuffle(levers)
    parts += [rng.choice(("**Global Levers**", "**Negotiation Levers**", "### Global Levers")), ""]
    for number, (name, text) in enumerate(levers, start=1):
        parts.append(f'{number}. **{name}:** "{fill(text, slots)}"')
    parts.append("")

    script = [
        "Thank you for the offer of {offer_base} base and {offer_stock} in equity.",
        rng.choice(
            (
                "{company_s} {product} at {metric} is exactly the scale I want to work at.",
                "The {focus} challenges here, especially around {event}, are why I want this role.",
            )
        ),
        rng.choice(
            (
                "I have a competing offer from {peer} at {tc} TC.",
                "I am in final rounds elsewhere with total compensation near {tc}.",
            )
        ),
        "To accept, I need {base_ask} base, {stock_ask} equity, and a {signon} signing bonus.",
    ]
    if rng.random() < 0.6:
        script.append("My floor is {floor}; below that, I will take the other offer.")
    label = rng.choices(("Negotiate Up Strategy", "Counter Script"), weights=(85, 15))[0]
    parts += [f'> **{label}:** "{fill(" ".join(script), slots)}"', ""]

    parts.append(rng.choice(("**Evidence & Sources**", "#### Evidence & Sources")))
    sources = [
        f"- Levels.fyi {company_name} {role_name} compensation (2024-2026)",
        f"- Glassdoor {company_name} {family['team']} salary reports (2024-2026)",
        f"- Blind verified threads, {company_name} {family['team']} teams (2024-2025)",
        f"- {company_name} {slots['product']} engineering blog (2025)",
        f"- {peer} competing offer benchmarks (2025)",
        f"- Recruiter conversations for {slots['hq']} {role_name} openings (2025)",
    ]
    parts += rng.sample(sources, rng.randint(3, 5))
    text = "\n".join(parts).rstrip() + "\n"
    return GeneratedGuide(
        file_name=f"{company.slug}-{slug(role_name)}-negotiation.md",
        company=company_name,
        role=role_name,
        kind="negotiation",
        text=text,
        bands=tuple(rows),
        regions=tuple(regions),
    )
