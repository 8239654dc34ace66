"""What a list passage is made of: its lead-in ("Your interviewers will evaluate you based on
four primary pillars:"), its items ("Operational Excellence & Troubleshooting – …") with their
later sentences, and the words a sentence names only as items of an inline list ("…system
design, deep-dive troubleshooting, advanced coding, and a behavioral interview").

Leaves out: how sentences are scored and chosen (assistant.compose.lead) and passages' layout.
"""

from __future__ import annotations

import re

from assistant.compose.passages import chunk_body, words_with_compounds

LIST_ITEMS = 3  # comma-separated parts of a sentence that make it a list, the last "and …"
_LAST_ITEM = re.compile(r"\s*(?:and|or)\b", re.I)
_LEAD_IN = re.compile(r"^([^:.!?\n]{8,120}):\s*\n")  # "…based on four primary pillars:"
_ITEM = re.compile(r"^([A-Z][^.!?:–—]{2,60})(?:\s[–—-]\s|:\s)")  # "Operational Excellence – …"


def listed_words(sentence: str) -> set[str]:
    """The words a sentence names only as items of a list after its opening ("These rounds
    cover system design, deep-dive troubleshooting, advanced coding, and a behavioral
    interview with a hiring manager": "behavioral", "hiring", "manager"): a sentence about
    something else that names them in passing."""
    parts = sentence.split(",")
    if len(parts) < LIST_ITEMS or not _LAST_ITEM.match(parts[-1]):  # (", and …": a list)
        return set()
    return words_with_compounds(",".join(parts[1:])) - words_with_compounds(parts[0])


def item_words(
    sentences: list[str], heading: frozenset[str], opens: bool = True
) -> list[frozenset[str]]:
    """For each sentence of a list passage, the words it is read with besides its own: an
    item's first sentence, the lead-in's ("…four primary pillars:" for "Operational Excellence
    & Troubleshooting – …"); the item's later sentences, its title's ("Cultural Alignment &
    Resilience" for "Interviewers look for candidates who are 'smart and tough'"). `opens`:
    the passage's first sentence is its lead-in, not an item."""
    words, title = [], frozenset()
    for i, sentence in enumerate(sentences):
        item = _ITEM.match(sentence) if (i or not opens) and heading else None
        if item:
            title = frozenset(words_with_compounds(item.group(1)))
        words.append(heading if item else title)
    return words


def item_rest(sentences: list[str], heads: list[frozenset[str]], first: int) -> list[int]:
    """When sentence `first` opens a list item ("Operational Excellence & Troubleshooting –
    Alibaba places a premium on…"), the item's later sentences: what it is about ("You will be
    tested on your methodology for isolating root causes…"); else none."""
    item = _ITEM.match(sentences[first])
    title = frozenset(words_with_compounds(item.group(1))) if item else None
    rest = []
    for i in range(first + 1, len(sentences)):
        if heads[i] != title or _ITEM.match(sentences[i]):
            break
        rest.append(i)
    return rest


def list_heading(hit) -> frozenset[str]:
    """The words of the lead-in a list passage opens with ("Your interviewers will evaluate you
    based on four primary pillars:"), or with none, of its section ("Nice-to-have skills"),
    which each of its items is read with; empty for other passages."""
    found = _LEAD_IN.match(chunk_body(hit.text)) if hit.kind == "list" else None
    if found:
        return frozenset(words_with_compounds(found.group(1)))
    return frozenset(words_with_compounds(section_heading(hit)))


def section_heading(hit) -> str:
    """The section of a list passage with no lead-in of its own ("Nice-to-have skills"): what
    its items are, said before one quoted alone; "" for other passages."""
    if hit.kind != "list" or _LEAD_IN.match(chunk_body(hit.text)):
        return ""
    return hit.section.rsplit(" > ", 1)[-1]
