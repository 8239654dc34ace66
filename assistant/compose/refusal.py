"""Refusals: the guides do not cover the question, why, and what they do cover; no figures
and no citations. Greetings get a greeting and the same list.

Leaves out: deciding to refuse (retrieval abstains; assistant.compose decides).
"""

from __future__ import annotations

import re

from assistant.compose.core import Draft, Writer
from assistant.compose.unheld_terms import as_typed, terms_of_art
from assistant.understanding.entities import Catalog
from assistant.understanding.question import Understanding

MAX_COMPANIES_LISTED = 8


def compose_refusal(
    writer: Writer, understood: Understanding, reason: str, catalog: Catalog
) -> Draft:
    writer = Writer(writer.book)  # a refusal cites nothing and states no figure
    if understood.small_talk:
        writer.add(
            "Hello! I coach job-offer negotiations from the guides: pay bands, where your offer "
            "sits and what to counter with, negotiation levers, and interview preparation.",
            "",
            coverage(catalog),
        )
        return writer.draft("out_of_scope", refused=True)
    because = _strip_figures(reason) or "it is outside what the guides cover"
    if understood.unknown_company and understood.unknown_company.islower():
        because = because.replace(understood.unknown_company, understood.unknown_company.title())
    terms = terms_of_art(understood, catalog) if understood.intent == "out_of_scope" else []
    if terms:  # "how do i clear a terraform state lock?": what it asks about, named
        said = " or ".join(as_typed(term, understood.question) for term in terms)
        because = f"the guides say nothing about {said}, and {because}"
    writer.add(f"I can't answer that from the guides: {because}.", "")
    writer.add(coverage(catalog))
    if understood.intent != "out_of_scope":
        writer.add(
            "",
            "Ask about one of those, or add a guide that covers your question and index it.",
        )
    return writer.draft(
        "out_of_scope" if understood.intent == "out_of_scope" else understood.intent, refused=True
    )


def coverage(catalog: Catalog) -> str:
    """What the guides cover, in one short list (no figures)."""
    if not catalog.companies:
        return "No guides are indexed yet."
    lines = ["The guides cover:"]
    for company in catalog.companies[:MAX_COMPANIES_LISTED]:
        roles = ", ".join(catalog.roles.get(company, ())) or "roles not named"
        parts = []
        regions = catalog.regions.get(company, ())
        if regions:
            parts.append("pay bands for " + ", ".join(regions))
        kinds = catalog.kinds.get(company, ())
        if "negotiation" in kinds:
            parts.append("negotiation levers and scripts")
        if "interview" in kinds:
            parts.append("interview preparation")
        lines.append(f"- **{company}** ({roles}): " + ("; ".join(parts) or "general guidance"))
    more = len(catalog.companies) - MAX_COMPANIES_LISTED
    if more > 0:
        lines.append(f"- and {more:,} more companies")
    return "\n".join(lines)


def _strip_figures(reason: str) -> str:
    return re.sub(r"\s*\(best similarity [^)]*\)", "", reason).strip()
