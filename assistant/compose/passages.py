"""Passages condensed for an answer: which retrieved chunks fit the question (shared words,
with everyday words mapped to the guides' topic words, and retrieval's own order), and each chunk
cut to its list items, quoted whole when it is a short paragraph, or else cut to its most
relevant sentences, copied verbatim; a section's short opening brings the rest of the section.
Sentences that address an AI or carry links or markup are left out (assistant.compose.untrusted).

Leaves out: learned relevance (a word-overlap count over Snowball stems is all it uses).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.compose.core import MARKER
from assistant.compose.grounding import split_sentences
from assistant.compose.untrusted import usable_sentence
from assistant.corpus.chunking import ChunkRecord
from assistant.index.lexical import plain_words, tokenize
from assistant.understanding.question import Understanding
from assistant.understanding.tables import topics_named

MAX_SENTENCES_PER_PASSAGE = 3


WHOLE_PASSAGE_CHARS = 600  # a paragraph this short is quoted whole: its point may be its end


MAX_ITEMS_PER_LIST = 6


MAX_ITEM_CHARS = 220  # longer list items are cut to their first sentence


# Words every interview or pay question shares; they do not tell passages apart.
_GENERIC = (
    "question questions ask asked asking interview interviews prepare preparation tell know "
    "about like good best typical typically usually expect guide company role job work "
    "example examples scenario scenarios candidate candidates one ones give exactly stuff thing "
    "things maybe between them get actually really"  # (words that say nothing of a topic)
)


def said_words(understood: Understanding) -> set[str]:
    """The query's own words that tell passages apart (not the company, role or generic words)."""
    common = " ".join(
        [understood.company or "", *(understood.other_companies), understood.role or "", _GENERIC]
    )
    query = _THE_GUIDE_SAYS.sub(" ", understood.query)  # (what the guide "says" is no topic)
    words = set(tokenize(query)) - set(tokenize(common)) - _QUESTION_WORDS
    return {w for w in words if len(w) > 1}  # not the "m" of "I'm"


# "what does the guide say to do when…": the verb speaks of the guide, not of the topic
_THE_GUIDE_SAYS = re.compile(
    r"\b(?:guides?|docs?|it)\s+(?:says?|said|suggests?|recommends?|tells?)\b", re.I
)


# the stems of "whats", "hows", "whos" typed without an apostrophe: no topic
_QUESTION_WORDS = frozenset({"what", "how", "who", "where", "when", "why", "which"})


def wanted_words(understood: Understanding) -> set[str]:
    """`said_words`, with the guides' own word for a topic the question names in other words."""
    return said_words(understood) | guide_words_for(understood.query)


def guide_words_for(query: str) -> set[str]:
    """The stems of the guides' words for the topics `query` names in everyday words."""
    return set(tokenize(" ".join(topics_named(query))))


def words_with_compounds(text: str) -> set[str]:
    """The text's keyword stems, and each two neighbouring words joined ("file system" also
    gives "filesystem", "on call" "oncall"), so a question's compound meets the guide's two
    words."""
    raw = plain_words(text)
    joined = " ".join(a + b for a, b in zip(raw, raw[1:], strict=False))
    return set(tokenize(text)) | set(tokenize(joined))


def shared_words(wanted: set[str], text: str) -> int:
    """How many of `wanted` the text holds, a hyphenated word also joined ("auto-scaling"
    holds "autoscaling")."""
    words = set(tokenize(text))
    return len(wanted & (words | {w.replace("-", "") for w in words if "-" in w}))


_LISTS_SOURCES = re.compile(r"\b(?:sources|evidence|references|bibliography)\b", re.I)


_ASKS_FOR_SOURCES = re.compile(r"\b(?:sourc|evid|refer|data)", re.I)


def on_topic(hits: list, wanted: set[str]) -> list:
    """The hits sharing at least half as many of the question's words as the best one does,
    and retrieval's first two whatever their words (MiniLM knows "K8s" is Kubernetes); all of
    them when none shares any; best first, stable."""
    if not _ASKS_FOR_SOURCES.search(" ".join(sorted(wanted))):
        hits = [h for h in hits if not _LISTS_SOURCES.search(h.section)] or hits
    scores = {h.chunk_id: shared_words(wanted, chunk_body(h.text) + " " + h.section) for h in hits}
    best = max(scores.values(), default=0)
    if not best:
        return hits
    scores[hits[0].chunk_id] = best  # retrieval's first choice is never demoted
    kept = [h for rank, h in enumerate(hits) if scores[h.chunk_id] * 2 >= best or rank < 2]
    return sorted(kept, key=lambda h: -scores[h.chunk_id])


_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def condensed(hit: ChunkRecord, wanted: set[str]) -> list[str]:
    """A list passage's items (those on the question's topic first, each cut to its first
    sentence), or a prose passage's sentences most relevant to the question."""
    body = chunk_body(hit.text)
    if hit.kind == "qa":
        return [question_and_answer(body)]
    lines = [line for line in body.splitlines() if line.strip()]
    marked = [_ITEM.sub("", line) for line in lines if _ITEM.match(line)]
    if not marked and hit.kind == "list" and len(lines) > 1:
        marked = lines[1:]  # a plain-text list: its first line leads in, one item per line
    items = [shortened(one_line(i)) for i in marked]
    items = [i for i in items if i and usable_sentence(i)]
    if items:
        ranked = sorted(
            items, key=lambda i: -shared_words(wanted, i)
        )  # stable: guide order on ties
        return ranked[:MAX_ITEMS_PER_LIST]
    return relevant_sentences(body, wanted)


def question_and_answer(body: str) -> str:
    """A Q&A passage as one item: the question, then the answer (a long one: its first two
    sentences)."""
    flat = one_line(body)
    question, _, answer = flat.partition("?")
    question = question.removeprefix("Q:").strip() + "?"
    answer = answer.strip().removeprefix("A:").strip()
    if len(answer) > WHOLE_PASSAGE_CHARS:
        answer = " ".join(sentences_of(answer)[:2])
    return f"**{question}** {answer}".strip()


def shortened(item: str) -> str:
    """A long list item cut to its first sentence; a short one (a quoted question) whole."""
    if len(item) <= MAX_ITEM_CHARS or item.count('"') % 2:
        return item
    first = (sentences_of(item) or [item])[0]
    return first if first.count('"') % 2 == 0 else item


def relevant_sentences(body: str, wanted: set[str]) -> list[str]:
    """A short paragraph whole; of a longer one, up to a few sentences sharing words with the
    question (each with the sentence after it), in passage order; the opening sentence when
    none does."""
    sentences = [s for s in sentences_of(body) if usable_sentence(s)]
    if len(body) <= WHOLE_PASSAGE_CHARS:
        return [one_line(s) for s in sentences]
    scored = [(shared_words(wanted, s), i, s) for i, s in enumerate(sentences)]
    best = [t for t in sorted(scored, key=lambda t: (-t[0], t[1])) if t[0] > 0]
    best = best[:MAX_SENTENCES_PER_PASSAGE] or scored[:1]
    chosen = {i for _, i, _ in best}
    for _, i, _ in list(best):  # each chosen sentence brings the one after it, for context
        if len(chosen) < MAX_SENTENCES_PER_PASSAGE + 1 and i + 1 < len(scored):
            chosen.add(i + 1)
    best = [scored[i] for i in sorted(chosen)]
    return [one_line(s) for _, _, s in sorted(best, key=lambda t: t[1])]


def with_siblings(
    hits: list, records: Mapping[str, ChunkRecord], wanted: set[str] | None = None
) -> list:
    """A list split over several chunks is shown whole: each list hit brings the other chunks
    of its section that open with the same lead-in line, in guide order. The first hit also
    brings the chunks of its section that hold one of the `wanted` words: a section's opening
    paragraph found, its list of what to know comes with it ("Be ready to go over: …
    Networking Protocols")."""
    out, seen = [], {h.chunk_id for h in hits}
    for at, hit in enumerate(hits):
        out.append(hit)
        lead = chunk_body(hit.text).split("\n", 1)[0]
        for record in records.values():
            if record.chunk_id in seen or (record.source, record.section) != (
                hit.source,
                hit.section,
            ):
                continue
            same_list = hit.kind == record.kind == "list" and (
                chunk_body(record.text).split("\n", 1)[0] == lead
            )
            if same_list or (at == 0 and wanted and shared_words(wanted, record.text)):
                out.append(record)
                seen.add(record.chunk_id)
    return out


LEAD_IN_CHARS = 200  # a section's opening passage this short only introduces what follows


def _may_open_a_section(hit: ChunkRecord) -> bool:
    return hit.kind == "prose" and len(chunk_body(hit.text)) <= LEAD_IN_CHARS


def with_rest_of_section(hits: list, records: Mapping[str, ChunkRecord], most: int = 3) -> list:
    """The hits, each short prose opening of a section ("your day-to-day work is a mix of ...")
    followed by up to `most` next prose or list passages of that section, in guide order."""
    if not any(_may_open_a_section(hit) for hit in hits):
        return hits  # the usual case: no need to walk the whole index
    ordered = list(records.values())
    position = {record.chunk_id: i for i, record in enumerate(ordered)}
    out, shown = [], set()
    for hit in hits:
        if hit.chunk_id in shown:
            continue
        out.append(hit)
        shown.add(hit.chunk_id)
        at = position.get(hit.chunk_id)
        if at is None or not _may_open_a_section(hit):
            continue
        if at > 0 and (ordered[at - 1].source, ordered[at - 1].section) == (
            hit.source,
            hit.section,
        ):
            continue  # not the section's opening
        for record in ordered[at + 1 : at + 1 + most]:
            if (record.source, record.section) != (hit.source, hit.section):
                break
            if record.kind not in ("prose", "list"):  # a table's rows are not what it opens
                break
            if record.chunk_id not in shown:
                out.append(record)
                shown.add(record.chunk_id)
    return out


def chunk_body(text: str) -> str:
    """A chunk's text without its first line (the guide title and section)."""
    return text.split("\n", 1)[1] if "\n" in text else text


def sentences_of(text: str) -> list[str]:
    flat = re.sub(r"\s*\n\s*", " ", text)
    return [s.text.strip() for s in split_sentences(flat) if s.text.strip()]


# a list's comma with no space after it, and "and"/"or" run into a name in capitals
_GLUED_COMMA = re.compile(r"(?<=[a-z]),(?=[a-z])")
_GLUED_AND = re.compile(r"\b(and|or)(?=[a-z]?[A-Z]{2,}\b)")


def one_line(text: str) -> str:
    """Passage text fit to sit inside one markdown line: no heading marks, no stray markers,
    and words a guide's text glued together apart again ("strace,tcpdump,perf, andeBPF":
    "strace, tcpdump, perf, and eBPF")."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _GLUED_AND.sub(r"\1 ", _GLUED_COMMA.sub(", ", text))
    text = text.lstrip("> ").strip()
    return MARKER.sub(lambda m: f"\\[{m.group(1)}\\]", text)  # a guide's "[1]" is not ours


_LABEL = re.compile(r"^\s*(?:[-*]\s*)?\*\*[^*]{1,60}:?\*\*:?\s*")  # "**Level Mapping:** "
_WORD = re.compile(r"[a-z0-9]+")


def said_before(sentence: str, lines: list[str]) -> bool:
    """Whether the answer's lines already say a sentence: it is in them as written (its bold
    label and citation marks aside), or, when it has six words or more, nine in ten of its
    words are in one line ("X = Y" quoted after "…'s guide maps X to Y")."""
    body = MARKER.sub("", _LABEL.sub("", sentence)).strip()
    if not body:
        return True
    if any(body in line for line in lines):
        return True
    words = set(_WORD.findall(body.lower()))
    if len(words) < 6:
        return False
    return any(len(words & set(_WORD.findall(line.lower()))) >= 0.9 * len(words) for line in lines)
