"""Interview answers: passages grouped (process, what they evaluate, example questions, what
candidates ask, tips): the guide's FAQ item when it asks the user's own question, then the group
the question names, then the rest in order of relevance, no group crowding out the others; a
section's paragraphs side by side in guide order, a list split over chunks shown whole, each item
cited.

Leaves out: questions the guide does not list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.compose.core import Writer
from assistant.compose.counts import other_figures
from assistant.compose.faq_lead import (
    faq_asking_it,
    faq_naming_topic,
    lead_each_ask,
    write_faq_lead,
)
from assistant.compose.lead import (
    MAX_LEAD_PASSAGES,
    TOLD_WEIGHT,
    Relatedness,
    asked_again,
    rarity,
    without_subject,
    write_lead,
)
from assistant.compose.passages import (
    chunk_body,
    condensed,
    guide_words_for,
    on_topic,
    said_words,
    shared_words,
    wanted_words,
    with_siblings,
    words_with_compounds,
)
from assistant.compose.topic_section import topic_section_asked
from assistant.corpus.chunking import ChunkRecord
from assistant.index.lexical import tokenize
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.asks import asked_with_antecedents, asks_in
from assistant.understanding.intents import EXAMPLE_WORDS, asks_for_examples
from assistant.understanding.question import Understanding
from assistant.understanding.tables import topics_named

_GROUPS = (
    ("Process", ("process", "timeline", "round", "stage", "loop", "how long")),
    ("What they evaluate", ("evaluat", "deep dive", "requirement", "skill", "responsibilit")),
    ("Example questions", ()),
    ("Tips", ("tip", "prepar", "getting ready", "next steps", "summary")),
)


MAX_BULLETS = 12  # an interview answer's items in all
GROUP_LINES = 7  # a group starts no further passage past this when another group follows


def _asked_groups(query: str) -> list[str]:
    """The groups the question itself asks for ("what's the process", "what do they grade")."""
    said = f"{query} {' '.join(topics_named(query))}".lower()
    return [
        name for name, words in _GROUPS if any(re.search(rf"\b{re.escape(w)}", said) for w in words)
    ]


def _group_of(hit: ChunkRecord) -> str:
    """The interview answer's group for a passage, by its kind, section and opening line."""
    if hit.kind == "questions":
        return "Example questions"
    if hit.kind == "qa":
        return "What candidates ask"
    lowered = f"{hit.section} {chunk_body(hit.text).splitlines()[0]}".lower()
    for name, words in _GROUPS:
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            return name
    return "More from the guide"


def _sections_together(scored: list, records: Mapping[str, ChunkRecord]) -> list:
    """The passages with each section's paragraphs side by side in guide order (a process told
    step by step), the sections in the order of their most relevant passage."""
    position = {chunk_id: i for i, chunk_id in enumerate(records)}
    first_seen: dict[tuple[str, str], int] = {}
    for rank, (hit, _) in enumerate(scored):
        first_seen.setdefault((hit.source, hit.section), rank)
    return sorted(
        scored,
        key=lambda pair: (
            first_seen[(pair[0].source, pair[0].section)],
            position.get(pair[0].chunk_id, len(position)),
        ),
    )


def _examples_in_order(
    examples: list, understood: Understanding, wanted: set[str], relatedness
) -> list:
    """The guide's example questions, the topic asked about first ("linux") and within each
    topic the questions closest to what was asked first ("something you can run out of on a
    filesystem": the inode question), by the question's words (rare ones weighing more) and,
    with the model at hand, closeness in meaning: (hit, [(score, question), …])."""
    lines = [line for _, hit_lines in examples for line in hit_lines]
    weight = rarity(wanted, lines)
    asked = without_subject(understood)  # (not "alibaba": every line is about it)
    # (what is only told around the asking sentences weighs less: "my onsite schedule: 10:00
    # linux … for the kubernetes one what scenario questions should i expect?")
    asking = asked_with_antecedents(understood.question)
    # (and the guides' words for what it asks: "kubernetes" also "k8s")
    fresh = set(tokenize(asking)) | guide_words_for(asking)
    fresh |= wanted - set(tokenize(understood.question))
    section_words = wanted
    # (only when the asking words themselves name questions the guide lists: not "…the k8s
    # ones. what are they", nor "…an 'advanced coding' round. what sort of problems come up?")
    held = set().union(
        *(words_with_compounds(f"{hit.section} {line}") for hit, ls in examples for line in ls)
    )
    if asking != understood.question and fresh & wanted & held:
        weight = {w: value * (1 if w in fresh else TOLD_WEIGHT) for w, value in weight.items()}
        section_words = {w for w in wanted if w in fresh} or wanted  # (the topic asked)
        asked = asking
    cosines = iter(relatedness(asked, lines) if relatedness and lines else [])

    def score(line: str) -> float:
        words = words_with_compounds(line)
        return sum(weight[w] for w in wanted & words) + 4 * next(cosines, 0.0)

    ranked = [
        (hit, sorted(((score(line), line) for line in hit_lines), key=lambda pair: -pair[0]))
        for hit, hit_lines in examples
    ]
    ranked.sort(key=lambda item: (-shared_words(section_words, item[0].section), -item[1][0][0]))
    return ranked


_EXAMPLE_STEMS = frozenset(tokenize(" ".join(EXAMPLE_WORDS)))  # (as the question's tokens)
LEAD_EXAMPLES = 3  # example questions quoted first
LEAD_EXAMPLE_CHARS = 360
CLOSE_TO_BEST = 0.6  # an example question scoring this share of the best one leads beside it


_LISTS = "Questions the guide lists:"


def _write_examples_lead(writer: Writer, ranked: list, wanted: set[str]) -> None:
    """Open with the example questions that answer "what do they ask about X": the first of
    the topic the question names when no question names more of it ("a couple linux qs":
    Linux Internals), else those scoring near the best one in any topic ("a log parsing
    question?": both log questions), or when the best stands alone, the first questions of
    its topic ("k8s scenario questions?": the K8s cluster one, then the other Cloud Native
    ones), cited; the list below leaves them out."""
    scored = sorted(
        ((score, hit, line) for hit, pairs in ranked for score, line in pairs),
        key=lambda item: -item[0],
    )
    best, top_hit, best_line = scored[0]
    topic_hit, topic_pairs = ranked[0]
    named = shared_words(wanted, topic_hit.section)
    if named and named >= shared_words(wanted, best_line):
        chosen = [(topic_hit, line) for _, line in topic_pairs]
    else:
        chosen = [(hit, line) for score, hit, line in scored if score >= CLOSE_TO_BEST * best]
    if len(chosen) == 1:
        pairs = next(pairs for hit, pairs in ranked if hit is top_hit)
        chosen = [(top_hit, line) for _, line in pairs]
    picks: list[str] = []
    for at, (hit, line) in enumerate(chosen[:LEAD_EXAMPLES]):
        if picks and sum(map(len, picks)) + len(line) > LEAD_EXAMPLE_CHARS:
            break
        last = at + 1 == len(chosen[:LEAD_EXAMPLES]) or chosen[at + 1][0] is not hit
        picks.append(f"{line} {writer.book.cite(hit.chunk_id)}" if last else line)
    if not picks[-1].endswith("]"):  # (cut short by the length: its source still cited)
        picks[-1] += f" {writer.book.cite(chosen[len(picks) - 1][0].chunk_id)}"
    writer.add(f"{_LISTS} {' '.join(picks)}", "")


# "i'm an sre, not a swe": what the user is, not what they ask about
_ONESELF = re.compile(
    r"\b(?:i'm|i am|im)\s+an?\s+([\w/ -]{1,30}?)(?:,?\s+not\s+an?\s+([\w/ -]{1,30}?))?"
    r"(?=\s*[,.;!?]|\s+(?:and|but|so|with|at|who|by)\b|$)",
    re.I,
)


def _said_of_oneself(question: str) -> set[str]:
    """The keyword stems of what the user says they are ("i'm an sre, not a swe")."""
    return {
        w
        for m in _ONESELF.finditer(question)
        for part in m.groups()
        if part
        for w in tokenize(part)
    }


def _filler(line: str) -> bool:
    """A line that says nothing: a short exclamation ("Good luck!")."""
    return line.rstrip().endswith("!") and len(line.split()) <= 3


def _section_first(groups: dict[str, list], section: list, wanted: set[str]) -> dict:
    """The groups with the named topic section's passages as a group of their own, first
    (under the section's title), taken out of the groups they were in."""
    ids = {hit.chunk_id for hit in section}
    own = [(hit, [line for line in condensed(hit, wanted) if not _filler(line)]) for hit in section]
    rest = {
        name: [(hit, lines) for hit, lines in members if hit.chunk_id not in ids]
        for name, members in groups.items()
    }
    return {section[0].section: [pair for pair in own if pair[1]]} | {
        name: members for name, members in rest.items() if members
    }


def compose_interview(
    writer: Writer,
    understood: Understanding,
    retrieval: Retrieval,
    records: Mapping[str, ChunkRecord],
    relatedness: Relatedness | None = None,
) -> None:
    understood = asked_again(understood)  # ("sorry i meant alibaba. same question")
    hits = [h for h in retrieval.hits if h.guide_kind == "interview"] or list(retrieval.hits)
    wanted = wanted_words(understood)
    retrieved = on_topic(hits, wanted)
    hits = with_siblings(retrieved, records, said_words(understood))
    scored = [(hit, [line for line in condensed(hit, wanted) if not _filler(line)]) for hit in hits]
    scored = [(hit, lines) for hit, lines in scored if lines]
    # the lead reads the best passages retrieved, with what they bring of their sections
    # ("…how many rounds is the onsite? also my mandarin…": the Mandarin FAQ's siblings do
    # not crowd out the process)
    best = {h.chunk_id for h in retrieved[:MAX_LEAD_PASSAGES]}
    reach = max((at + 1 for at, h in enumerate(hits) if h.chunk_id in best), default=0)
    if not scored:
        return
    groups: dict[str, list] = {}
    for hit, lines in _sections_together(scored, records):
        groups.setdefault(_group_of(hit), []).append((hit, lines))
    examples_asked = understood.asks_examples and "Example questions" in groups
    faq = faq_naming_topic(hits, understood) or faq_asking_it(hits, understood, relatedness)
    oneself = _said_of_oneself(understood.question)  # (not "i'm an sre")
    if "Example questions" in groups:  # the examples of the topic asked about first ("linux")
        # (a follow-up naming its own topic, "same for kubernetes" after linux questions: that)
        # ("any example questions?" after the system design round names no topic: that round)
        own = set(tokenize(understood.question)) if understood.followup else set()
        own = own - _EXAMPLE_STEMS & wanted
        topical = (own or wanted) - oneself
        ranked = _examples_in_order(groups["Example questions"], understood, topical, relatedness)
        groups["Example questions"] = [(hit, [line for _, line in pairs]) for hit, pairs in ranked]
    before, cited = len(writer.lines), set(writer.book.numbers)
    asks = asks_in(understood.question)
    # "what should i prep for the system design round?": that topic section's own passages
    named = not examples_asked and len(asks) < 2
    section = (
        topic_section_asked(understood.question, understood.company, records, oneself)
        if named
        else []
    )
    if section:
        groups = _section_first(groups, section, wanted)
    if len(asks) > 1 and examples_asked:  # "how many rounds and what do they ask in coding?"
        for ask in asks:  # (each in the order asked: the questions for the ask for them)
            if not asks_for_examples(ask):
                one = replace(understood, question=ask, query=ask)
                lead_each_ask(writer, one, hits, relatedness, reach)
            elif not any(line.startswith(_LISTS) for line in writer.lines[before:]):
                _write_examples_lead(writer, ranked, wanted)
    elif len(asks) > 1:  # "how many onsite
        lead_each_ask(writer, understood, hits, relatedness, reach)
    elif faq is not None and not examples_asked:  # the guide's own answer to the question
        write_faq_lead(writer, understood, faq)
    elif not examples_asked:  # (the topic section named, else the passages retrieved)
        if not (section and write_lead(writer, understood, section, relatedness, len(section))):
            write_lead(writer, understood, [hit for hit, _ in scored], relatedness, reach)
    else:  # "kubernetes questions?": the guide's questions answer it
        _write_examples_lead(writer, ranked, wanted)
    led = " ".join(writer.lines)  # (a sentence the lead quoted is not listed again below it)
    lead = " ".join(writer.lines[before:])
    quoted = set(writer.book.numbers) - cited  # the passages the lead quoted
    guide = scored[0][0]
    writer.add(f"From the **{guide.title or guide.company + ' interview guide'}**:", "")
    asked = [name for name in _asked_groups(understood.query) if name in groups]
    if section:  # (the topic section named, before the groups the question's words name)
        asked.insert(0, section[0].section)
    if faq is not None:
        asked.insert(0, "What candidates ask")
    if examples_asked:  # "kubernetes questions?": the guide's questions, before its FAQ
        asked.insert(0, "Example questions")
    budget = MAX_BULLETS
    # the groups the question names first, then in the order of each one's most relevant passage
    order = list(dict.fromkeys([*asked, *groups]))
    for at, name in enumerate(order):
        if budget <= 0:
            break
        used = 0
        for hit, lines in groups[name]:
            # (nor, under a count the lead gave, another passage's line with other figures:
            # another count's)
            other = lead and hit.chunk_id not in quoted
            lines = [
                line
                for line in lines
                if line not in led
                and not (other and other_figures(line, lead, understood.question))
            ]
            if not lines:
                continue
            if budget <= 0 or (used >= GROUP_LINES and at + 1 < len(order)):
                break
            if not used:  # (a group whose every line is said already gets no heading)
                writer.add(f"**{name}**", "")
            used += len(lines[:budget])
            mark = writer.book.cite(hit.chunk_id)
            if name == "Example questions":  # the topic once, its questions under it
                writer.add(f"*{hit.section}:*")
            for line in lines[:budget]:
                writer.add(f"- {line} {mark}")
            budget -= len(lines)
        if used:
            writer.add("")
