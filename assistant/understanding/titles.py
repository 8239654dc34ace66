"""The job title and the levels a question names, read with general language only (the role
heads, title cues and seniority words of asks.json): "data scientist", "an SRE", "P8", "L5",
"staff", "DevOps Engineer II".

Leaves out: whether the guides hold that title or level (assistant.compose.coverage and
.level_coverage read the guides for that), and the topics a question asks about
(assistant.understanding.asks).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from importlib.resources import files

from assistant.understanding.asks import FOLLOWUP_LEAD
from assistant.understanding.entities import normalize
from assistant.understanding.frame import ConversationState
from assistant.understanding.tables import JOB_WORDS, LEVEL_PHRASES, names_levels
from assistant.understanding.words import contains_phrase

_ASKS = json.loads(files(__package__).joinpath("asks.json").read_text(encoding="utf-8"))
_ROLE_HEADS = frozenset(_ASKS["role_heads"])
_ROLE_ACRONYMS: dict[str, str] = dict(_ASKS["role_acronyms"])
_NOT_ROLES = tuple(_ASKS["not_roles"])
_CUES_BEFORE = frozenset(_ASKS["role_cues_before"])
_CUES_AFTER = frozenset(_ASKS["role_cues_after"])
_LEVEL_WORDS = tuple(sorted(_ASKS["level_words"], key=len, reverse=True))
_LEVEL_WORDS_BESIDE_A_JOB = frozenset(_ASKS["level_words_beside_a_job"])
_JOB_OR_LEVEL = frozenset(JOB_WORDS) | {"level", "levels", "lvl", "eng", "swe", "sde", "ic"}
# P8, L5, IC4, E5, M2, T3 (a letter or two, then the number).
# (an L-1 or O-1 visa is no level)
_LEVEL_CODE = re.compile(r"\b(P|L|IC|E|M|T|SDE|SWE)\s?-?(\d{1,2})\b(?!\s*visa)", re.I)
# Words that end a title's modifiers: a title is the run of words right before its head.
_NOT_MODIFIERS = frozenset(
    "a an the as for of at in is are what whats how much does do my your their our his her "
    "be being am im i'm i you we they to and or with get gets got paid pay make earn level "
    "senior staff principal junior lead sr jr says said say titled called actually really "
    "just meant mean it its this that these those all any some other others more most many "
    "only both each every them me us he she who which few several fellow".split()
)


_LEVEL_RANGE = re.compile(r"\b[a-z]{1,3}\d{1,2}\s*(?:-|–|—|to)\s*[a-z]{0,3}\d{1,2}\b", re.I)


def level_asked(text: str, guide_prefixes: Iterable[str] = (), asking: str = "") -> str | None:
    """The level the question names: a code ("P8", "L5", or one with a prefix the guides'
    level maps use, "Z7") or a seniority word ("staff"); the one its asking sentences name
    when they name one (`asking`: "i'm senior now and want staff. any staff band?": staff)."""
    if asking and asking != text and (in_the_ask := level_asked(asking, guide_prefixes)):
        return in_the_ask
    # (a level named alone before a range quoted from a mapping: "my letter says P6. the guide
    # says 'P5-P7'…": P6)
    ranges = [m.span() for m in _LEVEL_RANGE.finditer(text)]
    codes = [m for pattern in _code_patterns(guide_prefixes) for m in pattern.finditer(text)]
    alone = [m for m in codes if not any(a <= m.start() < b for a, b in ranges)]
    for code in alone or codes[:1]:
        return f"{code.group(1).upper()}{code.group(2)}"
    words = levels_asked(text)  # (no code here: the seniority words, in order)
    return words[0] if words else None


def levels_asked(
    text: str, guide_prefixes: Iterable[str] = (), asking: str = ""
) -> tuple[str, ...]:
    """Every level the question names, in the order named ("a senior vs a mid level one" ->
    senior, mid level); a seniority word inside a longer one counts once ("senior staff").
    Those its asking sentences (`asking`) name come first ("i'm senior, want staff. any staff
    band?": staff, senior)."""
    if asking and asking != text and (in_the_ask := levels_asked(asking, guide_prefixes)):
        return tuple(dict.fromkeys((*in_the_ask, *levels_asked(text, guide_prefixes))))
    normalized = normalize(text)
    found = [
        (m.start(), f"{m.group(1).upper()}{m.group(2)}")
        for pattern in _code_patterns(guide_prefixes)
        for m in pattern.finditer(normalized)
    ]
    # "my title is 'DevOps Engineer II'": a numbered title, as typed ("i" alone is a pronoun)
    found += [(m.start(), m.group().strip()) for m in _NUMBERED_TITLE.finditer(text)]
    taken: list[tuple[int, int]] = []
    for word in _LEVEL_WORDS:  # longest first
        # (said of the people too, when their pay is asked: "do new grads get a different
        # band?", not "do they file h-1b for new grads?")
        for m in re.finditer(rf"(?<![a-z0-9]){re.escape(word)}s?(?![a-z0-9])", normalized):
            if m.group().endswith("s") and not word.endswith("s"):
                if not _PAID_AFTER.match(normalized[m.end() :]):
                    continue
            if word in _LEVEL_WORDS_BESIDE_A_JOB and not _beside_a_job(normalized, m):
                continue  # "for our staff": people, not a level
            if re.search(r"\b(?:more|less|most|least)\s+$", normalized[: m.start()]):
                continue  # "which one is more senior?": a comparison, not a level
            if not any(a <= m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                numeral = _NUMERAL_AFTER.match(normalized, m.end())  # "senior II": as typed
                found.append((m.start(), f"{word} {numeral[1].upper()}" if numeral else word))
    return tuple(dict.fromkeys(level for _, level in sorted(found)))


_NUMERAL_AFTER = re.compile(r"\s+(iii|ii|iv)(?![a-z0-9])")
_PAID_AFTER = re.compile(r"(?:\s+\w+){0,3}\s+(?:bands?|pay|paid|salary|salaries|levels?|ranges?)\b")


_NUMBERED_TITLE = re.compile(
    r"(?<![\w-])(?:(?:devops|software|infrastructure|reliability|platform|cloud)\s+)?"
    r"(?:engineer|developer|sde|swe|sre|sysde)\s+(?:iii|ii|iv)(?![\w-])",
    re.I,
)


_ASKED_AGAIN_OF = re.compile(r"(?:ok(?:ay)?\s+)?(?:same|and|what about|how about|now)\b")


def _beside_a_job(normalized: str, match: re.Match[str]) -> bool:
    """A seniority word that is also an everyday word names a level next to a job word, a
    pay word or a title word, or after an article or a verb of getting there ("staff
    engineer", "staff level", "any staff band?", "as a staff", "want staff")."""
    before = normalized[: match.start()].split()[-1:]
    after = [w.lstrip("-") for w in normalized[match.end() :].split()[:1]]  # ("staff-level")
    # ("same but for staff", "what about staff?": the turn asked again of that level)
    again = not after and before in (["for"], ["about"]) and bool(_ASKED_AGAIN_OF.match(normalized))
    # ("senior vs staff gap?": set against another level)
    against = normalized[: match.start()].split()[-2:]
    versus = len(against) == 2 and against[1] in ("vs", "versus", "or")
    versus = versus and against[0] in _LEVEL_WORDS
    return (
        bool(set(after) & (_JOB_OR_LEVEL | _PAY_OR_TITLE))
        or bool(set(before) & _GETTING_TO)
        or again
        or versus
    )


# "a staff band", "staff tc", "the staff title": the level's pay or name
_PAY_OR_TITLE = frozenset({"band", "bands", "pay", "comp", "salary", "range", "tc", "title"})
# "as a staff", "want staff", "promoted to staff" (not "for our staff": people)
_GETTING_TO = frozenset({"a", "as", "at", "to", "want", "wants", "get", "make", "reach", "hit"})


def _code_patterns(guide_prefixes: Iterable[str]) -> list[re.Pattern[str]]:
    """Level codes: the common ones ("P8", "L5", "IC4"), then those with a prefix the guides'
    level maps use ("Z7")."""
    prefixes = "|".join(re.escape(p) for p in sorted(set(guide_prefixes), key=len, reverse=True))
    if not prefixes:
        return [_LEVEL_CODE]
    return [_LEVEL_CODE, re.compile(rf"\b({prefixes})\s?-?(\d{{1,2}})\b", re.I)]


def role_asked(text: str, known_roles: Iterable[str]) -> str | None:
    """A job title the question asks about ("data scientist", "an SRE", "ML engineers") that
    is none of `known_roles` (a title the guides hold returns None), or None. A title does not
    run across punctuation ("devops tech lead (still IC, leads 3 people)": "tech lead"), and one
    written beside the held title with a slash ("sre/devops") is the user's word for it."""
    known = [normalize(role) for role in known_roles]
    said = _TITLE_QUOTED.search(text)  # ("my title is 'Member of Technical Staff, Infra'")
    if said and not any(role in normalize(said[1]) for role in known):
        return said[1].split(",")[0].strip()
    for word in {w for role in known for w in role.split() if w not in _ROLE_HEADS}:
        # ("an sre/devops loop": the user's own word for the held job, no other title)
        text = re.sub(rf"\b[\w-]+\s*/\s*{word}\b|\b{word}\s*/\s*[\w-]+\b", word, text, flags=re.I)
    text = _ASKED_OF_THE_USER.sub(" ", text)  # ("'tell me about a time you disagreed with a PM'")
    text = _GREETED.sub(" ", text)  # ("Hi Dev, congrats!": a name, in a pasted email)
    for clause in _CLAUSE_BREAK.split(text):
        found = _role_in_clause(clause, text, known)
        if found is not None:
            return found or None
    return None


# a title quoted as the one given ("title is 'Member of Technical Staff'", "title: \"SRE II\"")
_TITLE_QUOTED = re.compile(
    r"\btitle(?:\s+(?:is|says|would be|will be|reads))?\s*[:=]?\s*['\"“‘]([^'\"”’]{3,60})['\"”’]",
    re.I,
)
# a letter's greeting and the name after it ("Hi Dev,", "Dear Sam,")
_GREETED = re.compile(r"\b(?i:hi|hello|hey|dear)\s+[A-Z][\w-]*\s*[,!]")
_CLAUSE_BREAK = re.compile(r",(?!\s*not\b)|[()\[\];:!?]|\.(?:\s|$)")  # ("TPM, not devops")
# an interview question quoted: the people in it are the story's, not a title asked about
_ASKED_OF_THE_USER = re.compile(
    r"(?<!\w)['\"“‘](?:tell me|describe|walk me|give me an example|how (?:would|do|did) you|"
    r"why (?:would|do|did) you|what (?:would|do|did) you|have you)\b[^'\"”’]{0,200}['\"”’](?!\w)",
    re.I,
)


def _role_in_clause(clause: str, text: str, known: list[str]) -> str | None:
    """The title `role_asked` finds in one clause: the user's title, "" for a title the guides
    hold (the question asks about it), or None when the clause names none."""
    normalized = normalize(clause)
    for phrase in _NOT_ROLES:  # (unless the user is to be one: "wants me as a tech lead")
        to_be = rf"\b(?:as|be|become)\s+(?:an?\s+)?(?:\w+\s+){{0,2}}{re.escape(phrase)}\b"
        if not re.search(to_be, normalized):
            normalized = re.sub(rf"\b{re.escape(phrase)}\b", " ", normalized)
    words = normalized.split()
    for at, word in enumerate(words):
        title = _title_at(words, at, word)
        if not title or (
            word in _ROLE_ACRONYMS
            and at + 1 < len(words)
            and _title_at(words, at + 1, words[at + 1])
        ):
            continue  # "SRE manager": the longer title is the one asked
        start = at + 1 - len(title.split())
        before = words[start - 1] if start > 0 else ""
        after = words[at + 1 : at + 3]
        plural = word.endswith("s") and word in _ROLE_HEADS
        corrects = after[:1] == ["not"]  # ("the role is ML engineer not devops")
        # (a title in quotes is named: "one is 'Data Engineer, Cloud Analytics'")
        quoted = re.search(rf"['\"“‘]\s*{re.escape(title)}\b", clause, re.I)
        if not (before in _CUES_BEFORE or _CUES_AFTER & set(after) or plural or corrects or quoted):
            if start:
                continue
        if "from" in words[max(0, start - 3) : start]:
            continue  # "moving from a fintech sre job": where the user comes from, not asked
        if "with" in words[max(0, start - 2) : start]:
            continue  # "a fight with a PM about release dates": someone in the story
        if any(_same_title(title, role) for role in known):
            return ""
        if len(title.split()) == 1 and word in _ROLE_HEADS:
            continue  # "engineers" alone names no particular job
        return _ROLE_ACRONYMS.get(title) or _as_written(text, title)
    return None


def _as_written(text: str, title: str) -> str:
    """The title in the singular, short words in the user's capitals ("ML engineer")."""
    *modifiers, head = title.split()
    if head.endswith("s") and head[:-1] in _ROLE_HEADS:
        head = head[:-1]
    shown = []
    for word in modifiers:
        written = re.search(rf"\b{re.escape(word)}\b", text, re.I)
        upper = written and written.group(0).isupper() and len(word) <= 4
        shown.append(word.upper() if upper else word)
    return " ".join([*shown, head])


def _title_at(words: list[str], at: int, word: str) -> str:
    """The title ending at words[at], or "" when the word heads none."""
    if word in _ROLE_ACRONYMS:
        return word
    if word not in _ROLE_HEADS:
        return ""
    start = at
    while start > 0 and at - start < 3 and words[start - 1] not in _NOT_MODIFIERS:
        if any(ch.isdigit() for ch in words[start - 1]):
            break
        start -= 1
    return " ".join(words[start : at + 1])


def _same_title(asked: str, known: str) -> bool:
    """Whether an asked title is a title the guides hold ("devops engineers" ~ "devops
    engineer"): every distinctive word of the guide's title is in the asked one."""
    asked_words = {w.rstrip("s") for w in asked.split()}
    known_words = {w.rstrip("s") for w in known.split()}
    head = {w for w in known_words if w + "s" in _ROLE_HEADS or w in _ROLE_HEADS}
    distinctive = known_words - head
    asked_head = asked.split()[-1].rstrip("s")
    same_head = not head or asked_head in head  # a DevOps manager is no DevOps engineer
    return bool(distinctive) and distinctive <= asked_words and same_head


def asks_levels(
    question: str, normalized: str, unknown_company: str | None, state: ConversationState, catalog
) -> bool:
    """A level-mapping question: one naming levels, or "and amazon?" after "p5-p7 = which google
    lvls" (a company the guides mention, asked the same question in four words or fewer)."""
    return names_levels(normalized) or bool(
        unknown_company
        and state.company
        and FOLLOWUP_LEAD.search(question)
        and len(normalized.split()) <= 4
        and catalog.guides.mentions(unknown_company)
        and any(contains_phrase(state.topic or "", p) for p in LEVEL_PHRASES)
    )
