"""A competing offer from an employer the company's guide never names, brought to a lever or
counter question ("have an offer from citadel at ~$350k tc… does it count for alibaba's
competing-offer lever?", "bytedance sre offer, the levers only talk google/amazon"): the guide's
levers are written for the employers it names (read from the guides' own text, so a new guide's
rivals need no code), so the rival is said to be unnamed first; the levers follow. On a counter
that asks for no lever, only a rival told with figures is one (a script would quote them).

Leaves out: rivals the guide names (their lever answers by itself, assistant.compose.levers),
employers asked about for their own pay (assistant.compose.coverage), and what the offer's
figures are (assistant.understanding.held_offers).
"""

from __future__ import annotations

import re

from assistant.understanding.asks import asked_sentences
from assistant.understanding.companies_asked import gives_figures_of
from assistant.understanding.entities import Catalog, normalize
from assistant.understanding.question import Understanding
from assistant.understanding.subject import offer_near
from assistant.understanding.unknown_names import offering_employer

_LEVER_WORDS = re.compile(r"\b(?:levers?|arguments?|angles?|leverage)\b", re.I)


def rivals_unnamed(frame: Understanding, catalog: Catalog) -> list[str]:
    """The employers whose offer a lever or counter question about `frame.company` brings,
    that no guide of that company names; as the guides or the user write them."""
    company = frame.company
    # (the levers asked about: not "datadog offered me ~270k tc. what do i ask anyscale for?")
    asked = frame.intent == "lever" or bool(_LEVER_WORDS.search(asked_sentences(frame.question)))
    scripted = frame.intent == "counter" and frame.competing  # (its script's rival)
    if not company or not (asked or scripted):
        return []
    normalized = normalize(frame.question)
    named = [n for n in frame.outside_companies if offer_near(frame.question, [n])]
    lower_case = offering_employer(normalized)  # ("coreweave offered me 240k")
    if lower_case and lower_case not in {n.lower() for n in (*named, *catalog.companies)}:
        named.append(lower_case)
    # (on a counter, a rival told with no figures is context: "meituan is offering more cash.
    # where does each part sit…?"; its figures are what the script would quote)
    named = [n for n in named if asked or gives_figures_of(frame.question, n)]
    return [_as_written(n, frame.question) for n in named if not _named_by(n, company, catalog)]


def rival_statement(frame: Understanding, catalog: Catalog) -> tuple[str, list[str]]:
    """The sentence naming the rivals the company's levers do not name, and them; ("", [])
    when there are none."""
    rivals = rivals_unnamed(frame, catalog)
    if not rivals:
        return "", []
    return f"{frame.company}'s guide names no {' or '.join(rivals)} offer in its levers.", rivals


def _named_by(name: str, company: str, catalog: Catalog) -> bool:
    """Whether the company's guides mention the employer (its levers may be written for it)."""
    entry = catalog.guides.names.get(name.lower())
    return bool(entry) and company in entry[1]


def _as_written(name: str, question: str) -> str:
    """A rival as the user typed a capitalised name, else capitalised ("coreweave": "Coreweave")."""
    at = question.lower().find(name.lower())
    typed = question[at : at + len(name)] if at >= 0 else name
    return typed if typed[:1].isupper() else " ".join(w[:1].upper() + w[1:] for w in name.split())
