"""Names and terms of art a question asks about that the guides never use ("terraform", "CKA",
"golang"): words that are not everyday English (not whole words of the embedding model's
vocabulary), not about jobs, pay or places, and not in the guides even as another form, a
compound, a short form or with one typo. With a company named, its guides' words are read;
with none, every guide's.

Leaves out: topics with names of their own (PTO, visas: assistant.understanding.asks), companies,
regions, roles and levels (assistant.compose.coverage names those), and any sentence wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.corpus.chunking import ChunkRecord
from assistant.index.common_words import common_words
from assistant.understanding.asks import (
    EVERYDAY_ABBREVIATIONS,
    FOLLOWUP_LEAD,
    ONE_LEVER_ASKED,
    REFERS_BACK,
    SENTENCE_BREAK,
    TECH_HOMOGRAPHS,
    TOLD_WORDS,
    asked_sentences,
    asked_with_antecedents,
    foreign_words,
    sentences_that_ask,
)
from assistant.understanding.employer import users_employer
from assistant.understanding.entities import Catalog, companies_in, normalize
from assistant.understanding.intents import PAY_INTENTS
from assistant.understanding.pasted import without_pasted
from assistant.understanding.place_names import places_in
from assistant.understanding.question import Understanding
from assistant.understanding.tables import PLATFORM_SERVICES, topics_named
from assistant.understanding.words import mixes_another_language


def unheld_terms(frame: Understanding, catalog: Catalog) -> list[str]:
    """Names and terms of art the question asks about ("terraform", "golang") that the
    company's guides never use: words that are not everyday English (not whole words of the
    embedding model's vocabulary), not about jobs, pay or places, and not in the guides even
    with one typo ("kubernets")."""
    if frame.intent in PAY_INTENTS or not catalog.guides.terms:
        return []  # (pay talk is full of words no vocabulary holds: "lowball", "ballpark")
    if frame.intent == "out_of_scope" or (frame.unknown_company and not frame.state.company):
        return []  # (named by the refusal, or off-topic altogether)
    if frame.corrects and frame.repeats:
        return []  # ("sorry i meant alibaba, mixed up my tabs. same question": the mix-up told)
    if frame.intent == "lever" and ONE_LEVER_ASKED.search(frame.question):
        return []  # ("…eks + gke. which angle fits me?": the tools are the background told)
    return terms_of_art(frame, catalog)


def terms_of_art(frame: Understanding, catalog: Catalog) -> list[str]:
    """`unheld_terms` whatever the question's intent: for an off-topic question too ("how do
    i clear a terraform state lock?"), whose refusal names them."""
    if not catalog.guides.terms:
        return []
    # (mid-conversation, "do they also use google tpus?": the refusal names Google, and TPUs)
    employer = set(normalize(frame.unknown_company or "").split())
    employer |= {  # the user's own employer is their background ("I was SRE at shopee")
        w for n in frame.outside_companies if users_employer(frame.question, n) for w in n.split()
    }
    employer |= letter_names(frame.question)  # ("Hi Priya, … Best, Jun": who wrote to whom)
    employer |= set(_WORKPLACE.findall(normalize(frame.question)))  # ("at his fintech")
    employer |= {w for m in places_in(frame.question) for w in m.spelled.split()}  # "sea attle"
    topic_words = {w for t in frame.topics for p in t.said for w in normalize(p).split()}
    topic_words |= {w for level in frame.levels for w in normalize(level).split()}
    common = common_words()
    if frame.company:
        terms = catalog.guides.terms.get(frame.company, {})
    else:  # no company named: a term none of the guides uses ("is the CKA worth it?")
        terms = {t: n for ts in catalog.guides.terms.values() for t, n in ts.items()}
    unheld = []
    about = _asked_about(frame.question, own_tools=frame.intent == "interview")
    asked = re.sub(r"[+/&]", " ", normalize(about))  # "aws+gcp+azure"
    subject_only = names_only_a_subject(frame)
    for word in foreign_words(asked, catalog):
        everyday = _everyday(word, common) and not subject_only and word not in TECH_HOMOGRAPHS
        if (
            (len(word) < 3 and "#" not in word)
            or everyday
            or word in topic_words
            or word in employer
            or not common
            or (word.endswith("s") and companies_in(word[:-1], catalog))  # "anyscales role"
        ):
            continue
        if not _known(word, terms, catalog, common):
            unheld.append(word)
    unheld = list(dict.fromkeys(unheld))
    if _another_language(unheld, asked):
        return []
    if mixes_another_language(asked):  # ("cuantas rondas tiene el onsite de alibaba?")
        return [w for w in unheld if len(w) > MIXED_WORD_MAX]  # (its words: "rondas", "kitne")
    return unheld


# where the user (or whom they ask for) works, told: "at my startup", "at his fintech"
_WORKPLACE = re.compile(
    r"\bat (?:my|his|her|our|their) (?:(?:old|current|last|previous|former|new|own) )?([\w.-]+)"
)
OTHER_LANGUAGE_WORDS = 4  # unheld words, half the message's or more: another language
MIXED_WORD_MAX = 7  # in a mixed message, an unheld word this short is most likely its language's


def _another_language(unheld: list[str], asked: str) -> bool:
    """Whether the words no vocabulary holds are the message's own language, not terms of
    art ("anyscale ke saath kaunsa lever use karu, aur woh kaise kaam karta hai?"): four or
    more of them, and half of its longer words or more. A list of tools in an English
    question ("terraform, ansible or pulumi?") stays a few words among many."""
    words = [w for w in asked.split() if len(w) >= 3 and w.isalpha()]
    return len(unheld) >= OTHER_LANGUAGE_WORDS and 2 * len(unheld) >= len(words)


_GREETED = re.compile(r"\b(?i:hi|hello|hey|dear)\s+([A-Z][\w'-]+)")
_SIGNED = re.compile(
    r"\b(?:best|regards|thanks|thank you|cheers|sincerely|warmly)\b[^\n\w]*\n\s*([A-Z][\w'-]+)",
    re.I,
)


def letter_names(question: str) -> set[str]:
    """The names a pasted letter is addressed to and signed with ("Hi Priya,", "Best,\nJun"):
    people, not terms the guides lack."""
    found = [m.group(1) for pattern in (_GREETED, _SIGNED) for m in pattern.finditer(question)]
    return {w for name in found for w in normalize(name).split()}


def _known(word: str, terms: dict[str, int], catalog: Catalog, common) -> bool:
    """A guide word in any form, a short form of one (its vowels dropped, too: "rnds"), or a
    hyphenated compound of such words and everyday ones ("gpu-infra")."""
    if _held(word, terms) or _short_form(word, catalog) or _without_vowels(word, terms):
        return True
    if any(_held(guide_word, terms) for guide_word in topics_named(word)):
        return True  # (an everyday word for a guide's: "homegrown" for "proprietary")
    if any(word in PLATFORM_SERVICES.get(p, ()) for p in terms):  # "eks" when AWS is named
        return True
    parts = [part for part in word.split("-") if part]
    return len(parts) > 1 and all(
        _everyday(part, common) or _held(part, terms) or _short_form(part, catalog)
        for part in parts
    )


def _without_vowels(word: str, terms: dict[str, int]) -> bool:
    """Whether the word is a guide word typed without its vowels ("rnds" for "rounds", "mgr"
    for "manager") or some of them ("intervw"), as people type on phones."""
    if len(word) < 3 or (_VOWELS.search(word[1:]) and len(word) < _SOME_VOWELS_DROPPED):
        return False
    skeleton = word[0] + _VOWELS.sub("", word[1:])
    return any(
        len(t) > len(word) and t[0] + _VOWELS.sub("", t[1:]) == skeleton and _within(word, t)
        for t in terms
    )


_SOME_VOWELS_DROPPED = 5  # a word keeping vowels is this long at least ("intervw", not "helm")


def _within(word: str, term: str) -> bool:
    """Whether the word's letters appear in the term in order (the term with letters dropped)."""
    letters = iter(term)
    return all(letter in letters for letter in word)


_VOWELS = re.compile(r"[aeiou]")


def _everyday(word: str, common: frozenset[str] | set[str]) -> bool:
    """An everyday English word, its plural ("teasers"), its -ing or -ed form with the last
    letter doubled ("prepping"), a base form held only inflected ("revise"), an -ly, -ness or
    -ful word made of one ("nervousness"), a contraction or hyphenated compound of such
    words ("you've", "broken-pod"), a contraction typed without its apostrophe ("theyve"), or
    such a word with an -ish/-wise/-like ending or a re-/un-/down-… prefix ("renegotiate")."""
    if "-" in word:
        parts = [part for part in word.split("-") if part and part not in _WORD_ENDINGS]
        return bool(parts) and all(_everyday(part, common) for part in parts)
    contracted = _CONTRACTED.fullmatch(word)  # "theyve", "youre": typed without the apostrophe
    if contracted and contracted.group(1) in common:
        return True
    for ending in _WORD_ENDINGS:  # "levelwise", "seniorish"
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            if _everyday(word[: -len(ending)], common):
                return True
    for prefix in _PREFIXES:  # "renegotiate", "unvested", "downlevel"
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            if _everyday(word[len(prefix) :], common):
                return True
    if "'" in word:
        parts = [part for part in word.split("'") if part]
        return bool(parts) and all(part in common or len(part) <= 2 for part in parts)
    if word in common or _singular(word) in common or _derived_stem(word) in common:
        return True
    if any(stem in common for stem in _inflection_stems(word)):  # "pinged", "memorized"
        return True
    if word in EVERYDAY_ABBREVIATIONS or any(stem in common for stem in _dropped_e_stems(word)):
        return True
    bases = {word, _singular(word)}  # ("expires": the vocabulary holds "expired")
    if len(word) >= 5 and any(form in common for base in bases for form in _inflected(base)):
        return True  # "revise": the vocabulary holds "revised"
    if len(word) >= TYPO_OF_SWAP and _swapped_from(word, common):  # "whcih", "waht"
        return True
    if len(word) >= TYPO_OF_SWAP and _doubling_slip(word, common):  # "usualy", "comming"
        return True
    return len(word) >= TYPO_OF_EVERYDAY and _one_edit_from(word, common)


_CONTRACTED = re.compile(
    r"(they|you|we|it|that|there|who|what|should|could|would|does|did|is|"
    r"are|was|were|have|has|had|do|ca|wo|must)(?:ve|re|ll|nt|d|s)"
)
_WORD_ENDINGS = ("ish", "wise", "like")  # word-forming endings of everyday English
_PREFIXES = ("re", "un", "down", "up", "over", "under", "pre", "mis")


def _inflected(word: str) -> list[str]:
    """The word's -s, -ed and -ing forms ("revise" -> "revised"): a base form the embedding
    vocabulary holds only inflected is everyday all the same."""
    forms = [word + "s", word + "ed", word + "ing"]
    return forms + [word + "d", word[:-1] + "ing"] if word.endswith("e") else forms


TYPO_OF_EVERYDAY = 7  # letters a word needs to be read as a typo of an everyday one ("actualy")
TYPO_OF_SWAP = 4  # letters a word needs to be read as two letters of one swapped ("whcih")
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _inflection_stems(word: str) -> list[str]:
    """The everyday words an -ing or -ed form of a word kept whole ("pinged": "ping",
    "anchoring": "anchor"), an -ize verb ("memorized": "memory"; "prioritize": "priority") or
    an -al noun ("rehearse": "rehearsal") may be made of. Terms of art stay out where their
    stem is no whole word of the vocabulary ("sharding": "shard")."""
    stems = []
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stems.append(word[: -len(ending)])
    verb = _IZE.match(word)
    if verb:
        stems += [verb.group(1) + "y", verb.group(1), verb.group(1) + "e"]
    if word.endswith("e") and len(word) >= 6:
        stems.append(word[:-1] + "al")
    return stems


_IZE = re.compile(r"^(\w{4,}?)i[sz](?:e|es|ed|ing|ation)$")  # "memorized": "memor"


def _dropped_e_stems(word: str) -> list[str]:
    """The everyday words an -ing or -ed form that dropped its "e" ("pasting", "pasted"), or an
    -ally adverb ("realistically"), is made of."""
    stems = []
    if word.endswith("ing") and len(word) > 5:
        stems.append(word[:-3] + "e")
    if word.endswith("ed") and len(word) > 4:
        stems.append(word[:-1])
    if word.endswith("ally") and len(word) > 7:
        stems.append(word[:-4])
    return stems


def _swapped_from(word: str, common: frozenset[str] | set[str]) -> bool:
    """Whether the word is an everyday word with two letters next to each other swapped
    ("whcih", "waht"), a slip of the fingers that names no tool whatever the word's length."""
    return any(
        word[:i] + word[i + 1] + word[i] + word[i + 2 :] in common for i in range(len(word) - 1)
    )


def _doubling_slip(word: str, common: frozenset[str] | set[str]) -> bool:
    """Whether the word is an everyday word with a doubled letter typed once ("usualy",
    "realy") or a letter typed twice ("comming"): a slip of the fingers, not a tool's name."""
    once = (word[:i] + word[i:] for i in range(1, len(word)) if word[i - 1] == word[i])
    twice = (word[: i + 1] + word[i:] for i in range(len(word)))
    return any(w in common for group in (once, twice) for w in group)


def _one_edit_from(word: str, common: frozenset[str] | set[str]) -> bool:
    """Whether the word is an everyday word with one letter dropped or two letters swapped
    ("actualy", "somthing", "recieve"): the typos people make. A letter added or changed is
    not read as one, since that is how tools' names differ from words ("linkerd",
    "karpenter")."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    swaps = (a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    dropped = (a + c + b for a, b in splits for c in _LETTERS)
    return any(w in common for group in (swaps, dropped) for w in group)


_DOUBLED = re.compile(r"^(\w{2,}?)([b-df-hj-np-tv-z])\2(?:ing|ed)$")  # "prepping": "prep"
_SUFFIXED = re.compile(r"^(\w{4,}?)(?:ly|ness|ful|less)$")  # "nervousness": "nervous"
_PREFIXED = re.compile(r"^(?:under|over)(\w{4,})$")  # "underqualified": "qualified"


def _derived_stem(word: str) -> str:
    """The word an inflected, suffixed or prefixed form is made of ("prepping" -> "prep",
    "helpful" -> "help", "clueless" -> "clue", "underqualified" -> "qualified"), else ""
    ("sharding", "caching": no doubled letter, no suffix)."""
    doubled = _DOUBLED.match(word)
    if doubled:  # ("bluffing": "bluff", whose last letter was doubled already)
        stem = doubled.group(1) + doubled.group(2)
        return stem + doubled.group(2) if doubled.group(2) in "fls" else stem
    suffixed = _SUFFIXED.match(word) or _PREFIXED.match(word)
    return suffixed.group(1) if suffixed else ""


def _singular(word: str) -> str:
    """The singular of an English plural of five letters or more ("teasers", "policies"),
    else the word ("redis", "aws": names, not plurals)."""
    if len(word) < 5 or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-2] if word.endswith(("ches", "shes", "xes")) else word[:-1]


def names_only_a_subject(frame: Understanding) -> bool:
    """A short follow-up that names its new subject and asks nothing else ("what about
    cantonese?"): that word is its subject, everyday English or not; not a place in a list
    named ("and the fourth?" after the levers)."""
    short = len(normalize(_asked_about(frame.question)).split()) <= 4
    by_place = frame.lever is not None and frame.intent == "lever"
    return frame.followup and short and bool(FOLLOWUP_LEAD.search(frame.question)) and not by_place


def as_typed(word: str, question: str) -> str:
    """The word as the user typed it ("ACP", "Datadog"), else as normalized."""
    match = re.search(  # (with a numeral after it: "SDE II", "SDE 2")
        rf"(?<![\w-]){re.escape(word)}(?:\s+(?:I{{1,3}}|IV|[1-9])\b)?(?![\w-])", question, re.I
    )
    return match.group() if match else word


STEM = 7  # letters a word shares with a guide word to be a form of it ("negotiable")


def _asked_about(question: str, own_tools: bool = False) -> str:
    """The sentences that ask, and what they refer to: "my cloud experience is all gcp. does
    that count?" asks about GCP; "i run k8s at a fintech. what's my angle?" not about fintech.
    With `own_tools` (an interview question), also the sentences telling the tools the user
    works with: "what monitoring should i brush up on? i mostly use datadog" asks, in effect,
    whether Datadog counts."""
    asking = asked_sentences(question)
    # What "that" may name: all the user wrote up to the last ask (not a pasted email:
    # '"Congrats on moving forward! …"'; nor what is told after it: "is it fixed?… i'd be
    # forfeiting ~40k of unvested stock"); unless the message opens by asking ("what is the gpu
    # lever? i ran k8s for an llm team, what numbers does it tell me?": what was asked first)
    sentences, asks = sentences_that_ask(question)
    opens_asking = len(sentences) > 1 and asks[0]
    if REFERS_BACK.search(asking) and not opens_asking:
        story = _up_to_the_last_ask(without_pasted(question))
        if len(story.split()) - len(asking.split()) < TOLD_WORDS or "?" not in asking:
            return story  # (a message of asks with no "?" may refer to any of them)
        # (after a long story, "that" names what was told just before it: "…my friend says
        # alibaba ops interviews are just linux trivia. is that true?", not "sorry long msg")
        return asked_with_antecedents(without_pasted(question))
    told = [s for s in SENTENCE_BREAK.split(question) if s.strip() and s.strip() not in asking]
    tools = [s for s in told if _OWN_TOOLS.search(s)] if own_tools else []
    # ("how bad is the on-call, i have a toddler": the clause after the comma tells; and "i ran
    # k8s gpu scheduling for an llm team, what numbers does it tell me to quote": the one before,
    # unless the ask refers back to it: "i only know terraform, is that ok?")
    clauses = asking.split(",")
    asks = [bool(_ASKS.match(c)) and (opens_asking or not REFERS_BACK.search(c)) for c in clauses]
    asks_after = [any(asks[n + 1 :]) for n in range(len(clauses))]
    asking = ",".join(
        c
        for n, c in enumerate(clauses)
        if not ((n and _TELLS.match(c)) or (asks_after[n] and _SAYS_OF_ONESELF.match(c)))
    )
    return " ".join([asking, *tools])


def _up_to_the_last_ask(text: str) -> str:
    sentences, asks = sentences_that_ask(text)
    last = max((at for at, ask in enumerate(asks) if ask), default=len(sentences) - 1)
    return " ".join(sentences[: last + 1])


_TELLS = re.compile(r"\s*(?:i have|i've got|i'm|i am|my|we have)\b(?![^?]*\?)", re.I)
_SAYS_OF_ONESELF = re.compile(r"\s*(?:i|we|my|our)\s+(?![^?]*\?)", re.I)
_ASKS = re.compile(r"\s*(?:what|which|how|should|can|could|is|are|do|does|will|would)\b", re.I)


_OWN_TOOLS = re.compile(
    r"\bi(?:'ve|\s+have)?\s+(?:only\s+|mostly\s+|mainly\s+|always\s+)?(?:ever\s+)?"
    r"(?:use|used|using|worked with|work with)\b",
    re.I,
)


def _held(word: str, terms: dict[str, int]) -> bool:
    """The word, its singular, another form of a guide word (the same first letters:
    "negotiable" of "negotiate"), a compound of two guide words ("teamwork": "team", "work"),
    a part of a hyphenated guide word ("downtime"), a dotted name whose parts are guide words
    ("levels.fyi") or a guide word one edit away (a typo) is in `terms`."""
    if word in terms or word.rstrip("s") in terms or f"{word}s" in terms:
        return True
    if any(word[:i] in terms and word[i:] in terms for i in range(3, len(word) - 2)):
        return True
    if any(word in t.split("-") for t in terms if "-" in t):  # "downtime" of "zero-downtime"
        return True
    if "." in word.strip(".") and all(p in terms for p in word.split(".") if p):
        return True  # "levels.fyi": the guides' "Levels.fyi", read as its two words
    if len(word) >= STEM and any(t.startswith(word[:STEM]) for t in terms):
        return True
    if len(word) < 5:  # one edit away is another word, not a typo: "rust" / "trust"
        return False
    return any(abs(len(t) - len(word)) <= 1 and _one_edit(word, t) for t in terms if len(t) > 3)


def _short_form(word: str, catalog: Catalog) -> bool:
    """A short form of a word of any guide ("prod" of "production", "infra"; of three letters,
    of a word of six or more: "sys" of "system"): the field's own shorthand, not a term of art
    the guides lack."""
    return len(word) >= 3 and any(
        len(t) > len(word)
        and (len(word) > 3 or (len(t) >= 6 and t.isalpha()))
        and t.startswith(word)
        for ts in catalog.guides.terms.values()
        for t in ts
    )


def _one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# "does the guide mention flame graphs anywhere?": what the user asks the guides to hold
_MENTION_ASKED = re.compile(
    r"\b(?:guides?|it|they|you)\s+(?:mention|mentions|say anything about|talk about|cover|"
    r"covers|list|name|have anything (?:on|about))\s+(?P<what>[^?.!,;:()]+?)"
    # (the thing itself, not a clause about it: "…about observability being part of the role")
    r"(?=\s+(?:anywhere|at all|in there|or|and|being|that|which|as|so|because|i)\b"
    r"|\s*[?.!,;:()]|$)",
    re.I,
)


_PREPOSITION = re.compile(r"(?:for|in|to|of|about|on|with|by|at|from|it|that|this|them)\b")


def unmentioned(
    question: str, records: Mapping[str, ChunkRecord], company: str | None
) -> list[str]:
    """What the question asks whether the guides mention ("does the guide mention flame graphs
    anywhere?") that none of the company's passages (every guide's with no company) holds, as
    typed. The passages are read only when the question asks so."""
    found, texts = [], None
    for match in _MENTION_ASKED.finditer(question):
        what = re.sub(r"^(?:the|a|an|any)\s+", "", match["what"].strip(), flags=re.I)
        key = normalize(what)
        if not key or len(key) < 3 or _PREPOSITION.match(key):  # ("name for high cpu")
            continue
        if texts is None:
            texts = [normalize(r.text) for r in records.values() if company in (None, r.company)]
        if not any(key in text for text in texts):
            found.append(what)
    return found
