"""The answer first: the few sentences of the retrieved passages that answer the question,
chosen by how well they answer it, to open a passage answer before its supporting sections.

A sentence scores by the question's own words it holds, the guides' words for the topics the
question names in other words ("rounds" -> process, "lowest" -> floor), each weighted by how
few of the candidate sentences hold it ("slogan" tells more than "interview"), and how close its
embedding is to the question's (when the caller passes the model's similarity); a "how many /
how long" question also wants a number, a "why" question a reason ("to ensure…", "this is
where…"; with none in the lead, the sentence before its claim: 'You will be expected to possess
"kernel-level" knowledge. Interviewers often drill down until you say…', and a short passage
that leaves only one sentence out, whole: "…is a team sport. … The "Lone Wolf" operator is
generally not the persona they are hiring for."). A sentence meeting
only one of the question's own words answers only when it is also close in meaning (less
close when that is the only word of the question the passages hold at all); one holding the
guides' word for what was asked does.
The best sentence of the best passage leads, with the other sentences of that passage that
answer nearly as well (for a count: numbers next to it), the sentence before one that opens
with "This"/"These" (what it refers to), the one after that qualifies it ("However, …") or
goes on about it ("These initial rounds focus on…"), and the rest of a list item it opens
("Operational Excellence & Troubleshooting – … You will be tested on…"). The run of adjacent
sentences holding the best comes first, the others after it; a short passage it takes all
but one sentence of leads whole (its last sentence is most often its point). Filler ("Good
luck!") never leads. A guide FAQ item whose question is the user's own, in its words or close
in meaning, leads with its answer (`faq_asking_it`, `write_faq_lead`); a "how long…" question
whose lead holds no duration says first that the guides give none.

Leaves out: passages' layout below the lead (assistant.compose.interview, .general) and any
model: the lead is the guide's own sentences, cited.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from assistant.compose.core import Writer
from assistant.compose.counts import NUMBER, QUANTITY, counted_units, gives_count_of
from assistant.compose.list_items import (
    item_rest,
    item_words,
    list_heading,
    listed_words,
    section_heading,
)
from assistant.compose.no_duration import say_no_duration
from assistant.compose.passages import (
    chunk_body,
    guide_words_for,
    one_line,
    said_before,
    said_words,
    sentences_of,
    words_with_compounds,
)
from assistant.compose.untrusted import usable_sentence
from assistant.index.lexical import tokenize
from assistant.understanding.asks import (
    REFERS_BACK,
    TOLD_WORDS,
    asked_sentences,
    sentences_that_ask,
)
from assistant.understanding.entities import normalize
from assistant.understanding.question import Understanding
from assistant.understanding.told_topics import told_aside

Relatedness = Callable[[str, Sequence[str]], Sequence[float]]
MAX_LEAD_SENTENCES = 4
MAX_LEAD_PASSAGES = 4  # the best retrieved passages a lead is chosen from
TOLD_WEIGHT = 0.5  # a word only told around the ask weighs half of one asked,
STORY_TOLD_WEIGHT = 0.2  # and less after a story of TOLD_WORDS words or more
EMBEDDING_WEIGHT = 4.0  # a cosine of 0.5 weighs as one of the question's own words
MAX_LEAD_CHARS = 420
CLOSE_MEANING = 0.5  # one word of the question in a sentence this close in meaning answers
NEAR_MEANING = 0.35  # when that word is the only one the passages hold, this close will do
OWN_WORD_MEANING = 0.2  # the only word of a terse ask's own the passages hold, this close will do
TERSE_WORDS = 2  # words of its own a terse message has at most ("onsite?", "alibaba rounds?")
_WHY = re.compile(r"\bwhy\b|\bhow come\b|\bwhat(?:'s| is) the (?:point|reason|purpose)\b", re.I)
_REASON = re.compile(  # what a "why" question wants: a reason, a purpose, what rests on it
    r"\b(?:because|since|so that|in order to|to ensure|to make sure|due to|the reason|"
    r"this is where|which is why|that is why|is (?:also )?(?:critical|essential|crucial|key))\b",
    re.I,
)
_WHO = re.compile(r"\bwho(?:'s| is| are| will| runs?| does| do| conducts?| interviews?)?\b", re.I)
_PERSON = re.compile(  # who a "who" question is answered with (not the title: "DevOps Engineer")
    r"\b(?:manager|managers|recruiter|recruiters|interviewers?|panel|peers?|director|"
    r"engineers|(?:an|a senior|a staff|another) engineer|team members?|bar raiser|hr)\b",
    re.I,
)
# a question asking what something is ("apsara what is?", "what's the apsara platform", "what
# does SLB stand for"): the term asked; a sentence answers it that names the term and then
# defines it: an apposition, "is/means", a bracket ("the Apsara Platform, the proprietary
# operating system…")
_TERM_ASKED = re.compile(
    r"\bwhat(?:'s|s| is)\s+(?:an?\s+|the\s+)?(?P<after>[a-z0-9][\w'.-]*(?:\s+[a-z0-9][\w'.-]*)?)"
    r"\s*\??\s*$"
    r"|^\W*(?P<before>[a-z0-9][\w'.-]*(?:\s+[a-z0-9][\w'.-]*)?)\s+(?:what(?:'s|s| is)|means?)\b"
    r"|\bwhat does\s+(?:an?\s+|the\s+)?(?P<does>[a-z0-9][\w'.-]*(?:\s+[a-z0-9][\w'.-]*)?)\s+"
    r"(?:mean|stand for)\b",
    re.I,
)
DEFINED_WEIGHT = 1.0  # a sentence defining the term asked weighs as much as a reason


def term_asked(asking: str) -> str:
    """The term a "what is X?" question asks about, as typed; "" for any other question."""
    for sentence in re.split(r"(?<=[?.!])\s+", asking):
        found = _TERM_ASKED.search(sentence.strip())
        if found:
            term = found["after"] or found["before"] or found["does"]
            return re.sub(r"\s+like$", "", term, flags=re.I)  # ("what is the process like?")
    return ""


def _defines(sentence: str, term: str) -> bool:
    """Whether the sentence names `term` and then defines it."""
    words = r"\W+".join(re.escape(w) for w in term.split())
    return bool(
        re.search(
            rf"\b{words}\w*(?:\s+[A-Z][\w-]*){{0,2}}(?:,\s+(?:the|a|an)\b|\s+(?:is|are|"
            r"refers to|means|stands for)\b|\s*\()",
            sentence,
            re.I,
        )
    )


_BACK_TO = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|anyway)\W+)?(?:going |switching )?back to "
    r"[^—–:;?]{1,40}?\s*[—–:;,-]\s*",
    re.I,
)
_GOES_ON = re.compile(r"^(?:however|but|that said|still)\b", re.I)
_REFERS_BACK = re.compile(r"^(?:this|these|that|those|it|they|such)\b", re.I)
HEAD_WEIGHT = 2  # the kind of thing asked for ("what languages…") weighs double
LISTED_WEIGHT = 0.5  # an asked word named only as a list's item weighs half
SHORT_ASK = 6  # words of an ask that refers back and is read with the ask before it
UNIT_WEIGHT = 3  # a sentence giving a number of what "how many …" counts answers it


def write_lead(
    writer: Writer,
    frame: Understanding,
    hits: list,
    relatedness: Relatedness | None = None,
    reach: int = MAX_LEAD_PASSAGES,
) -> bool:
    """Open the answer with the sentences that answer the question, cited; False when no
    sentence answers it well enough. `relatedness` (question, sentences) -> cosine similarity
    of their embeddings, when the caller has the embedding model at hand; `reach`: how many of
    the first hits are read (the best retrieved, with the passages they brought along)."""
    frame = asked_again(frame)
    own = said_words(frame)
    counting = bool(QUANTITY.search(frame.question))
    reasoning = bool(_WHY.search(asked_sentences(frame.question)))
    asks_who = bool(_WHO.search(asked_sentences(frame.question)))  # "who runs the behavioral one"
    passages = []
    for hit in hits[:reach]:
        sentences = [s for s in sentence_pieces(chunk_body(hit.text)) if _says_something(s)]
        if sentences:
            passages.append((hit, sentences, list_heading(hit)))
    flat = [s for _, sentences, _ in passages for s in sentences]
    synonyms = guide_words_for(frame.query) - own
    asked = without_subject(frame)
    similar = iter(relatedness(asked, flat) if relatedness and flat else [0.0] * len(flat))
    # what the guides lack, asked ("can i use rust?"): the sentences nearest to it stand in
    lacking = " ".join(lacking_asked(frame))
    near = iter(relatedness(lacking, flat) if relatedness and lacking else [0.0] * len(flat))
    # Of the question's words, those the passages hold at all: when only one is, a sentence
    # holding it answers ("what networking stuff do I need to know?": "Networking Protocols…")
    held = (own | synonyms) & {w for s in flat for w in tokenize(s)}
    enough = 2 if len(held) >= 2 else 1
    # a terse ask's one word of its own answers too, near in meaning ("alibaba rounds?": "…3
    # to 5 back-to-back rounds", not a sentence holding only a guide word for it)
    terse = len(own) <= TERSE_WORDS and len(frame.question.split()) <= TERSE_WORDS + 2
    only_own = own & held if terse and len(own & held) == 1 else set()
    weight = rarity(own | synonyms, flat)
    # a follow-up's query carries the last turn's words, which weigh half this turn's own
    # ("can i just do it all in bash?" after the coding round: "…not just write Bash…")
    # and so do the words of sentences that only tell ("friend said they drill into linux
    # internals. what does the guide say to do when i dont know?")
    # ("back to the onsite — the hiring manager round, what are they checking?": where the
    # talk returns is told; the hiring manager round is asked)
    asking = _BACK_TO.sub("", asked_sentences(frame.question))
    fresh = set(tokenize(asking)) | guide_words_for(asking)
    fresh |= set(
        tokenize(referred_to(frame.question))
    )  # ("…is that a weak answer?": what "that" is)
    # (nothing of a story put aside, "…anyway, which lever…", or of the reasons after the ask,
    # "how many rounds? trying to plan time off": not "the time zones can delay it")
    aside = set(tokenize(" ".join(told_aside(frame.question)))) - fresh
    counted = (own | synonyms) - aside
    # (after a long story, what it tells weighs less still: "ugh week from hell… how many
    # rounds is the onsite?" is not answered with "4 to 6 weeks")
    story = len(frame.question.split()) - len(asking.split()) >= TOLD_WORDS
    asked_words = fresh if asking != frame.question else None  # (not what only a told part names)
    told = STORY_TOLD_WEIGHT if story else TOLD_WEIGHT

    units = counted_units(frame.question) if counting else ()
    head = set(tokenize(asked_kind(asking)))  # ("what languages can i use…": languages)
    term = term_asked(asking)  # ("apsara what is?": apsara)
    defined = set(tokenize(term)) & own

    def score(sentence: str, cosine: float, stands_in: float, heading=frozenset()) -> float:
        words = words_with_compounds(sentence) | heading
        number = counting and bool(NUMBER.search(sentence))
        number += UNIT_WEIGHT * gives_count_of(sentence, units)  # "3 to 5 … rounds"
        reason = reasoning and bool(_REASON.search(sentence))
        reason += asks_who and bool(_PERSON.search(sentence))  # (a who question wants a who)
        reason += DEFINED_WEIGHT * bool(defined and _defines(sentence, term))
        listed = listed_words(sentence)  # (named in a list, the sentence is not about it)
        said = sum(
            weight[w]
            * (1 if w in fresh else told)
            * (LISTED_WEIGHT if w in listed else 1)
            * (HEAD_WEIGHT if w in head else 1)
            for w in counted & words
        )
        return 2 * said + number + reason + EMBEDDING_WEIGHT * (cosine + stands_in)

    def answers(sentence: str, cosine: float, heading=frozenset()) -> bool:  # (not by chance)
        words = words_with_compounds(sentence) | heading
        number = counting and bool(NUMBER.search(sentence))
        said = len(own & words) + 2 * len(synonyms & words) + number
        if only_own & words and cosine >= OWN_WORD_MEANING:
            return True
        if defined & words and _defines(sentence, term):  # ("apsara what is?")
            return True
        if enough == 1:  # the only word of the question the passages hold, in a sentence
            return said >= 1 and cosine >= NEAR_MEANING  # near in meaning, not by chance
        return said >= 2 or (said == 1 and cosine >= CLOSE_MEANING)

    best = None
    for hit, sentences, heading in passages:
        cosines = [next(similar) for _ in sentences]
        nearness = [next(near) for _ in sentences]
        heads = item_words(sentences, heading, opens=not section_heading(hit))
        if hit.kind == "prose":  # (its section says what each sentence is: "Other General Tips",
            # in the question's own words: not "Process" for "onsite", a guide word for it)
            title = frozenset(words_with_compounds(hit.section.rsplit(" > ", 1)[-1])) - synonyms
            heads = [words | title for words in heads]
        scores = [score(*each) for each in zip(sentences, cosines, nearness, heads, strict=True)]
        answering = {i for i, s in enumerate(sentences) if answers(s, cosines[i], heads[i])}
        said = {
            i
            for i, s in enumerate(sentences)
            if asked_words is None or set(tokenize(s)) & (asked_words | synonyms)
        }
        if answering:
            first = max(answering, key=lambda i: scores[i])
            if best is None or scores[first] > best[0]:
                rest = item_rest(sentences, heads, first) if heading else []
                best = (scores[first], hit, sentences, scores, first, answering, said, rest)
    if best is None:
        say_no_duration(writer, frame, "")
        return False
    _, hit, sentences, scores, first, answering, said, rest = best
    chosen = _chosen(sentences, scores, first, counting, answering, said, rest)
    if reasoning and first and not any(_REASON.search(sentences[i]) for i in chosen):
        chosen = best_run_first(sorted({first - 1, *chosen}), scores)  # what a claim rests on
        if _whole_but_one(sentences, sorted(chosen)):  # (a short passage, whole: "…is a team
            chosen = list(range(len(sentences)))  # sport. Highlight… The "Lone Wolf"… is not…")
    text = " ".join(one_line(sentences[i]) for i in chosen)
    if said_before(text, writer.lines):  # (a coverage statement above quoted it: answered)
        return True
    if section_heading(hit):  # ("Nice-to-have skills: Large-Scale Data: Experience…")
        text = f"{section_heading(hit)}: {text}"
    say_no_duration(writer, frame, text)
    writer.add(f"{text} {writer.book.cite(hit.chunk_id)}", "")
    return True


def asked_again(frame: Understanding) -> Understanding:
    """A turn asking the last question again ("sorry i meant alibaba. same question") as it."""
    if frame.repeats and frame.state.asked:
        return replace(frame, question=frame.state.asked, repeats=False)
    return frame


def referred_to(question: str, ask: str = "") -> str:
    """The telling sentence just before the first asking one (or the one `ask` opens), when
    that asking sentence opens by referring back to it ("my go-to story is… is that a weak
    answer for them?", "…i work alone on my tasks. this is problem for them?"), with the one
    before it when it refers back too; else ""."""
    sentences, asks = sentences_that_ask(question)
    opens = (i for i, s in enumerate(sentences) if asks[i] and s.startswith(ask.strip()))
    first = next(opens, None)
    if not first or asks[first - 1]:
        return ""
    opening = " ".join(sentences[first].split()[:4])
    if not REFERS_BACK.search(opening):
        return ""
    # (and the one before, when the sentence referred to refers back itself: "final round is
    # the 'HR/values' one. recruiter called it 'just a chat'. is it really a formality?")
    start = first - 1
    if start and not asks[start - 1] and REFERS_BACK.search(sentences[start]):
        start -= 1
    return " ".join(sentences[start:first])


def lacking_asked(frame: Understanding) -> list[str]:
    """The user's words for what the guides lack that this question (or this one of its asks)
    holds: "how long does the process take?" asks nothing the guides lack, though the message
    also asked for an extension."""
    asked = set(normalize(frame.question).split())
    return [word for word in frame.lacking if word in asked]


def without_subject(frame: Understanding) -> str:
    """The question without the names of its company, role and place: every sentence of the
    company's guide is about them, so in the question they only pull its embedding toward
    the guide's opening lines ("is the alibaba devops onsite in person?" asks about the
    onsite)."""
    names = [frame.company or "", frame.role or "", frame.place or "", frame.region or ""]
    subject = {w for name in names for w in normalize(name).split()}
    words = frame.question.split()
    kept = [w for w in words if normalize(w) not in subject]
    return " ".join(kept) if kept else frame.question


def rarity(wanted: set[str], sentences: Sequence[str]) -> dict[str, float]:
    """Each wanted word's weight by how few of the candidate sentences hold it: a word in one
    sentence ("slogan") tells it apart more than one in half of them ("interview"); 1 on
    average, between about 0.5 and 1.5."""
    held = [words_with_compounds(s) for s in sentences]
    total = len(held) + 1
    weights = {}
    for word in wanted:
        share = sum(word in words for words in held) + 0.5
        weights[word] = 0.5 + math.log(total / share) / math.log(total + 1)
    return weights


def _chosen(
    sentences: list[str],
    scores: list[float],
    first: int,
    counting: bool,
    answering: set[int],
    said: set[int],
    rest: Sequence[int] = (),
) -> list[int]:
    """The sentences to lead with, in passage order: `first`, those answering nearly as well
    (`answering`), for a count those giving numbers that say something the asking sentence
    asked (`said`: "how many rounds is the onsite?" after a pasted email about the phone
    screen does not bring "one or two technical phone screens"), and `rest`, the rest of the
    list item `first` opens."""
    top = scores[first]

    def worth(i: int) -> tuple[bool, float]:  # for a count, sentences giving numbers first
        return (counting and bool(NUMBER.search(sentences[i])), scores[i])

    picks = [first]
    for i in sorted(range(len(sentences)), key=worth, reverse=True):
        if i == first or len(picks) >= 3:
            continue
        gives_count = counting and worth(i)[0] and abs(i - first) <= 2 and i in said
        if gives_count or (i in answering and scores[i] >= top - 2):
            picks.append(i)
    picks += [i for i in rest if i not in picks]  # (the rest of the item `first` opens)
    last = max(picks)
    if last + 1 < len(sentences) and (
        _GOES_ON.match(sentences[last + 1]) or _REFERS_BACK.match(sentences[last + 1])
    ):  # "…mention Mandarin. However, for US roles, English is…"; "…phone screens. These
        picks.append(last + 1)  # initial technical rounds often focus on…"
    grew = True
    while grew:  # "This is followed by…" brings what "this" is
        back = {i - 1 for i in picks if i > 0 and _REFERS_BACK.match(sentences[i])}
        grew = bool(back - set(picks))
        picks = sorted(set(picks) | back)
    between = set(range(picks[0], picks[-1] + 1)) - set(picks)
    if between <= answering:  # answering sentences between the chosen ones are read too
        picks = sorted(set(picks) | between)
    if _whole_but_one(sentences, picks):  # a short passage is one thought: its last sentence
        picks = list(range(len(sentences)))  # is its point ("…a major red flag.")
    while len(picks) > 1 and (
        len(picks) > MAX_LEAD_SENTENCES or sum(len(sentences[i]) for i in picks) > MAX_LEAD_CHARS
    ):
        ends = {picks[0], picks[-1]} - {first}  # (never cut in the middle: "These initial
        picks.remove(min(ends, key=worth))  # technical rounds…" between its neighbours)
    return best_run_first(picks, scores)


def _whole_but_one(sentences: list[str], picks: list[int]) -> bool:
    """The picks are all but one sentence of a passage short enough to lead whole."""
    return (
        1 < len(picks) == len(sentences) - 1 <= MAX_LEAD_SENTENCES - 1
        and sum(map(len, sentences)) <= MAX_LEAD_CHARS
    )


_ASKED_KIND = re.compile(
    r"\b(?:what|which)\s+(?:(?:kinds?|sorts?|types?)\s+of\s+)?(?P<phrase>(?:[a-z][\w-]*\W+){1,5})",
    re.I,
)
_MEASURES = frozenset("scale size amount level range number volume load".split())  # (how much)
_ENDS_A_KIND = frozenset(
    "is are was were do does did can could will would should has have had am be a an the it "
    "they you i we he she that this those these if about to for in on at of from with by me my "
    "your their our".split()
)


def asked_kind(asking: str) -> str:
    """The kind of thing a "what …"/"which …" question asks for, the last word of the phrase
    after it ("what languages can i use": "languages"; "which linux debugging / perf tools
    should i…": "tools"), or "" ("what do they…")."""
    for match in _ASKED_KIND.finditer(asking):
        words = re.findall(r"[a-z][\w-]*", match["phrase"].lower())
        phrase = []
        for word in words:
            if word in _ENDS_A_KIND:
                break
            phrase.append(word)
        if phrase:  # ("what kind of scale…": how much, no kind of thing to name)
            return "" if phrase[-1] in _MEASURES else phrase[-1]
    return ""


def best_run_first(picks: list[int], scores: list[float]) -> list[int]:
    """`picks` with the run of adjacent sentences holding the best one first: the answer
    opens with what answers best ("who runs the behavioral round?": "…a behavioral interview
    with a hiring manager", before the recruiter screen); a run keeps its order, so "These
    rounds cover…" still follows what "these" is."""
    runs: list[list[int]] = []
    for i in picks:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs.sort(key=lambda run: -max(scores[i] for i in run))  # (stable: ties keep their order)
    return [i for run in runs for i in run]


_INNER_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentence_pieces(text: str) -> list[str]:
    """The passage's sentences, a quoted script cut into its own sentences too (a lead quotes
    the one that answers), without heading marks or stray quote marks."""
    pieces = []
    items = re.split(r"\n\s*(?=[-*•]\s|\d+\.\s)", text)  # a list's items apart
    for sentence in (s for item in items for s in sentences_of(item)):
        for piece in _INNER_BREAK.split(sentence):
            piece = re.sub(r"^[>\s]*(?:[-*•]\s+|\d+\.\s+)?(?:\*\*[^*]+\*\*:?\s*)?", "", piece)
            pieces.append(_without_stray_quotes(piece.strip()))
    return [p for p in pieces if p]


def _without_stray_quotes(piece: str) -> str:
    """The piece without the quote marks of a quote it was cut from ('"…I commit.' of a
    script), keeping those of a quote inside it ('until you say "I don't know."')."""
    if piece.count('"') == 2 and piece.startswith('"') and piece.endswith('"'):
        return piece[1:-1].strip()  # (a quoted sentence whole)
    if piece.count('"') % 2:
        piece = piece[1:] if piece.startswith('"') else piece[:-1] if piece.endswith('"') else piece
    if piece.startswith("“") and "”" not in piece:
        piece = piece[1:]
    if piece.endswith("”") and "“" not in piece:
        piece = piece[:-1]
    if piece.startswith("“") and piece.endswith("”") and piece.count("“") == 1:
        piece = piece[1:-1]
    return piece.strip()


def _says_something(sentence: str) -> bool:
    """Not filler: a usable sentence of four words or more ("Good luck!" says nothing), not a
    question, not a table row."""
    if "|" in sentence:  # a table row is shown as a band, not quoted as a sentence
        return False
    asks = sentence.startswith("Q:") or sentence.rstrip().endswith("?")  # a guide's FAQ question
    return usable_sentence(sentence) and len(sentence.split()) >= 4 and not asks
