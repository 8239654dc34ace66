"""Levels asked about, against the guides: a level with no band of its own ("P8", "staff",
"DevOps Engineer II": the guides' bands are per region, and a guide's level-mapping line says
which levels its role spans) is named as such, with the mapping line cited; a level at another
employer that the line takes in is placed by it (`level_equivalence`: "I'm a Google L4"); a
rival offer's level told beside a counter ("amazon gave me sysde II at 285k tc") is no gap.

Leaves out: the other gaps of a question (assistant.compose.coverage) and reading the level
maps (assistant.corpus.vocabulary).
"""

from __future__ import annotations

import re

from assistant.compose.asks_apart import ask_intents
from assistant.compose.core import Writer
from assistant.corpus.vocabulary import level_codes
from assistant.understanding.asks import asked_sentences
from assistant.understanding.entities import Catalog, contains_phrase, normalize
from assistant.understanding.intents import PAY_INTENTS
from assistant.understanding.question import Understanding
from assistant.understanding.tables import COMPANY_ALIASES, LEVEL_PHRASES


def _as_level(said: str) -> str:
    """A seniority word named as the level it is ("senior" -> "a senior level"); a level code
    or numbered title as written ("P8", "SDE II")."""
    coded = any(ch.isdigit() for ch in said) or said.endswith(("II", "IV"))
    if coded or said.lower().endswith(("level", "levels")):  # ("senior or mid level")
        return said if coded else f"a {said}"
    return f"a {said} level"


def _with_role(level: str, question: str, roles) -> str:
    """The level with the role word the user typed after it, as the guides spell the role
    ("senior devops" -> "senior DevOps"); else the level alone."""
    for role in roles:
        word = role.split()[0]
        if re.search(rf"\b{re.escape(level)}\s+{re.escape(word)}\b", question, re.I):
            return f"{level} {word}"
    return level


def level_statement(frame: Understanding, catalog: Catalog, writer: Writer) -> tuple[str, list]:
    """The levels asked about that the guides have no band or mapping for, and the sentence
    naming them: on a pay question the bands are per region, not per level; on a level
    question ("new grad here, what level would I be?") the guide's level-mapping line, cited,
    says which levels its role spans. A level the line maps (its own code on a level
    question, another employer's it takes in) is no gap."""
    asks_pay = frame.intent in PAY_INTENTS or (  # ("p7 tc wise?"; not "new grad here.
        frame.component is not None and frame.intent != "interview"  # what are they grading
    )  # me on overall")
    # (or one of its asks does: "how do i negotiate the promo, and what does senior pay?")
    asks_pay = asks_pay or any(i in PAY_INTENTS for i in ask_intents(frame.question))
    # "would they bring me in as p4?": a level code is what a question of no other kind is about
    about_level = frame.asks_levels or (frame.intent == "general" and frame.level is not None)
    if not (asks_pay or about_level):
        return "", []
    company = frame.company
    level_map = catalog.guides.level_maps.get(company) if company else None
    levels = list(frame.levels or ([frame.level] if frame.level else []))
    asking = normalize(asked_sentences(frame.question))
    mapped_pay = (  # (not a rival offer's level: "google L4 offer in hand. what levers…?")
        asks_pay
        and any(contains_phrase(asking, phrase) for phrase in LEVEL_PHRASES)
        and frame.intent not in ("counter", "lever")
        and not frame.competing
    )
    if level_map is not None:
        owned = level_map.own_codes
        levels = [
            lv
            for lv in levels
            # (another employer's level the line takes in is no gap, unless its pay is asked
            # beside its mapping: "IC5 here. what P level is that, and the base for it?")
            if not (lv not in owned and level_map.equivalent_holding(lv) and not mapped_pay)
            and (asks_pay or lv not in owned)
        ]
    if frame.competing and frame.intent in ("counter", "lever"):  # ("…amazon gave me sysde II
        rivals = (*frame.context_names, *frame.other_companies)  # at 285k tc. counter?": theirs)
        levels = [lv for lv in levels if not _rivals_level(lv, frame.question, rivals)]
    if not levels:
        return "", []
    roles = catalog.roles.get(company, ()) if company else catalog.all_roles()
    said = " or ".join(levels)
    typed = _with_role(levels[0], frame.question, roles) if len(levels) == 1 else said
    who = f"{company}'s" if company else "the"
    if level_map is None:
        if not asks_pay:
            return f"The guides say nothing about {said} levels.", levels
        return (
            f"The guides have no band for {typed}: {who} bands are per region, not per level.",
            levels,
        )
    mark = writer.book.cite(level_map.chunk_id)
    own, _, equivalents = level_map.line.partition("=")
    part = level_map.employers_part(every_spelling(frame.question))
    coded = all(any(ch.isdigit() for ch in lv) for lv in levels)  # (not "new grad", "staff")
    if not asks_pay and part and coded and not any(lv in level_map.own_codes for lv in levels):
        # "im an amazon sde2, what level at alibaba": the level is the other employer's, and
        # the line maps that employer's title, not the level
        return (
            f"The guides do not name {said}: {company}'s guide maps {own.strip()} to {part} {mark}."
        ), levels
    if not asks_pay:  # and the guide whose own level it is ("a P7?" of Alibaba's)
        # ("is alibaba p7 like anyscale senior?": the level named after another company is
        # that company's)
        maps = catalog.guides.level_maps
        at = _named_before(
            levels[0],
            frame.question,
            [c for c in (*frame.other_companies, *frame.context_names) if c in maps],
        )
        told = [c for c in maps if c not in (company, at) and set(levels) & set(maps[c].own_codes)]
        told += [company] if at else []  # (the subject's own line after the other's)
        owners = [
            f" {c}'s guide maps {maps[c].line} {writer.book.cite(maps[c].chunk_id)}." for c in told
        ]
        at, level_map = (at, maps[at]) if at else (company, level_map)
        mark = writer.book.cite(level_map.chunk_id)
        return (
            f"The guides say nothing about {_as_level(said)} at {at}"
            f"{f' (no {typed} title)' if typed != said else ''}: {at}'s guide maps "
            f"{level_map.line} {mark}.{''.join(owners)}"
        ), levels
    if not level_map.own_codes:
        return (
            f"The guides have no band for {typed}: {company}'s bands are per region, not "
            f"per level (its guide maps the role to {equivalents.strip()} {mark})."
        ), levels
    own = own.strip()
    named = level_map.equivalent_named(frame.question) or (  # ("P6 equivalent at google?")
        level_map.employers_part(every_spelling(frame.question)) if frame.asks_levels else None
    )
    own = f"{own} to {named}" if named else own
    if all(lv in level_map.own_codes for lv in levels):
        return (
            f"The guides have no separate band for {said}: {company}'s guide maps "
            f"{own} {mark}, with one band per region, not per level."
        ), levels
    return (
        f"The guides have no band for {typed}: {company}'s guide maps {own} {mark}, "
        "with one band per region, not per level."
    ), levels


def _named_before(level: str, question: str, others: list[str]) -> str | None:
    """The other company of the turn named just before a seniority word ("anyscale senior"),
    else None; a level code is its own employer's ("google L3 sre… anyscale offer": the user's
    Google level, asked of Anyscale)."""
    if any(ch.isdigit() for ch in level):
        return None
    lowered = normalize(question)
    named = (o for o in others if contains_phrase(lowered, f"{o.lower()} {level.lower()}"))
    return next(named, None)


RIVAL_REACH = 3  # words between a rival employer's name and the level of its offer


def _rivals_level(level: str, question: str, rivals) -> bool:
    """Whether `level` is named just after a rival employer ("amazon gave me sysde II"), so it
    is the rival offer's level, told, not one asked about."""
    lowered = normalize(question)
    return any(
        re.search(
            rf"\b{re.escape(r.lower())}\b(?:\W+\w+){{0,{RIVAL_REACH}}}?\W+"
            rf"{re.escape(level.lower())}\b",
            lowered,
        )
        for r in rivals
    )


def level_equivalence(frame: Understanding, catalog: Catalog, writer: Writer) -> str:
    """For a level or title at another employer that the company's level-mapping line takes
    in ("I'm a Google L4", "IC4 at Meta", "amazon SysDE here"), the guide's mapping of it,
    cited, for each company the turn is about ("how does each company's role map to that?");
    else ""."""
    companies = [c for c in (frame.company, *frame.other_companies) if c]
    said = (_equivalence(frame, company, catalog, writer) for company in companies)
    return " ".join(s for s in said if s)


def _equivalence(frame: Understanding, company: str, catalog: Catalog, writer: Writer) -> str:
    level_map = catalog.guides.level_maps.get(company)
    if level_map is None or frame.intent in ("lever", "counter"):
        return ""  # not "how do I use my Google L4 offer with Alibaba?"
    if frame.level:
        asked = frame.asks_levels or frame.intent in PAY_INTENTS
        if asked and frame.asks_levels and frame.level in level_map.own_codes:
            return _own_level_elsewhere(frame, company, level_map, writer)
        if not asked or frame.level in level_map.own_codes:
            return ""
        held = level_map.equivalent_holding(frame.level)
    else:  # a title the line names in full says where the user stands, or the employer
        held = level_map.equivalent_named(frame.question) or (  # asked ("and amazon?")
            level_map.employers_part(every_spelling(frame.question)) if frame.asks_levels else None
        )
    if not held and frame.asks_levels and frame.intent == "general" and "=" in level_map.line:
        # "what level range do they hire devops at?": the company's own levels, mapped
        others = level_map.line.split("=", 1)[1].strip().rstrip(".")
        cited = writer.book.cite(level_map.chunk_id)
        return f"{company}'s guide maps {level_map.own} to {others} {cited}."
    if not held:
        return ""
    takes_in = (
        ""
        if not frame.level or level_codes(held) == (frame.level,)
        else f", a range that takes in {frame.level}"
    )
    own_range = level_map.own_range  # ("P5-P7": as the line writes it)
    if takes_in and frame.asks_levels and own_range:  # "is IC4 = P6?": the line does not say
        takes_in += f"; it does not say where in {own_range} {frame.level} falls"
    said = (
        f"{company}'s guide maps {level_map.own} to {held} {writer.book.cite(level_map.chunk_id)}"
    )
    per_region = (
        " Its bands are one per region, not per level." if frame.intent in PAY_INTENTS else ""
    )
    return f"{said}{takes_in}.{per_region}"


def _own_level_elsewhere(frame: Understanding, company: str, level_map, writer: Writer) -> str:
    """For the company's own level asked at another employer the line maps ("got a P6 offer
    at alibaba. what google level is that?"), that part of the line, cited, and that it does
    not place the one level; else ""."""
    part = level_map.employers_part(every_spelling(frame.question))
    own_range = level_map.own_range
    if not part or not own_range:
        return ""
    cited = writer.book.cite(level_map.chunk_id)
    return (
        f"{company}'s guide maps {level_map.own} to {part} {cited}; it does not say where "
        f"{frame.level} falls in {own_range}."
    )


def every_spelling(question: str) -> str:
    """The question with every spelling of each company it names added ("amazon": also "aws",
    "amzn"), so a level line's "AWS Infrastructure Engineer" meets "sysde at amazon"."""
    said = set(re.findall(r"[a-z0-9]+", question.lower()))
    spellings = [{name, *others} for name, others in COMPANY_ALIASES.items()]
    return " ".join([question, *(w for names in spellings if names & said for w in names)])
