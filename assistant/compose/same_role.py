"""A title the guides call their role by another name: the guide's own sentence that says so
("At Alibaba Group, … the role of a DevOps Engineer (often interchangeable with Site Reliability
Engineer or SRE) is pivotal…"), read from the company's passages, so a new guide that says "also
called" needs no code.

`role_named` says whether the company's guides name a title beside what a question asks of
it (a job the guide speaks of, asked about beyond its pay).

Leaves out: which title a question names (assistant.understanding.asks.role_asked), what the
guides lack (assistant.compose.coverage) and where the sentence goes in an answer
(assistant.compose.composer).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from assistant.compose.passages import chunk_body, sentences_of
from assistant.corpus.chunking import ChunkRecord
from assistant.index.lexical import tokenize
from assistant.understanding.entities import contains_phrase, normalize

# "DevOps Engineer (often interchangeable with Site Reliability Engineer or SRE)"
_SAME_ROLE = re.compile(
    r"\b(?:interchangeable|also (?:called|known as)|known as|a\.?k\.?a\.?|same as|synonymous|"
    r"(?:often|sometimes) called)\b",
    re.I,
)


def same_role_sentence(
    asked: str, roles: Sequence[str], company: str | None, records: Mapping[str, ChunkRecord]
) -> tuple[str, str] | None:
    """(chunk id, sentence) of the company's guide that names the title asked as its role by
    another name ("interchangeable with", "also called"…); None when none does, or with no
    company named (whose role? and not every guide's sentences on a question's path)."""
    if not company:
        return None
    said, short = _spellings(asked)
    for record in records.values():
        if record.company != company:
            continue
        for sentence in sentences_of(chunk_body(record.text)):
            if not _SAME_ROLE.search(sentence):
                continue
            plain = normalize(sentence)
            if any(contains_phrase(plain, normalize(r)) for r in roles) and (
                contains_phrase(plain, said) or contains_phrase(plain, short)
            ):
                return record.chunk_id, sentence
    return None


def role_named(
    asked: str, company: str | None, records: Mapping[str, ChunkRecord], wanted: set[str]
) -> bool:
    """Whether a sentence of the company's guides names the title asked, whole or by its
    initials, beside a word the question asks about (`wanted`, stems): "does the TPM job need
    mandarin?" and "Some job descriptions (like the Infrastructure TPM …) mention Mandarin"; a
    title only named in passing answers nothing else of that job."""
    if not company:
        return False
    said, short = _spellings(asked)
    short = short if len(short) >= 3 else said  # ("tpm"; not "de" of "data engineer")
    for record in records.values():
        if record.company != company:
            continue
        for sentence in sentences_of(chunk_body(record.text)):
            plain = normalize(sentence)
            names = contains_phrase(plain, said) or contains_phrase(plain, short)
            if names and (wanted - set(tokenize(f"{said} {short}"))) & set(tokenize(sentence)):
                return True
    return False


def _spellings(asked: str) -> tuple[str, str]:
    """The title asked, normalized, and its initials ("technical program manager": "tpm")."""
    said = normalize(asked)
    return said, "".join(w[0] for w in said.split()) if len(said.split()) > 1 else said
