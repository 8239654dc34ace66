"""Lever questions: the guide's numbered levers and negotiate-up script, quoted and cited, led
by the passage the question names when it fits better ("what is their negotiation DNA?"); more
of a component no lever asks for ("can i negotiate the bonus percent?") is said to be asked by
none, with the band's figure for it where the region is known.

Leaves out: which levers apply to an offer (assistant.engine.negotiation).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.compose.bands import band_in_other_currency, component_cell
from assistant.compose.core import Evidence, Writer
from assistant.compose.counter import component_not_asked
from assistant.compose.counts import QUANTITY
from assistant.compose.fixed_component import asks_besides_fixed
from assistant.compose.general import compose_general
from assistant.compose.lead import Relatedness, sentence_pieces, write_lead
from assistant.compose.passages import (
    chunk_body,
    condensed,
    on_topic,
    one_line,
    said_before,
    shared_words,
    wanted_words,
)
from assistant.compose.rival_line import named_as_held, rivals_told, with_held_figures
from assistant.corpus.facts import Lever
from assistant.engine.offer import Package
from assistant.engine.script_asks import guide_figures
from assistant.index.lexical import tokenize
from assistant.money import format_money
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.asks import ONE_LEVER_ASKED, asked_sentences, sentences_that_ask
from assistant.understanding.employer import told_as_employer
from assistant.understanding.lacking import lacked_words
from assistant.understanding.question import Understanding
from assistant.understanding.subject import PLATFORM_NAMES
from assistant.understanding.words import WHAT_TO_SAY


def compose_levers(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    companies = [c for c in (understood.company, *understood.other_companies) if c]
    if not companies:
        companies = list(
            dict.fromkeys(
                h.company for h in retrieval.hits if h.kind in ("lever", "script") and h.company
            )
        )[:2]
    if not companies:
        compose_general(writer, understood, retrieval, ev)
        return
    if understood.wants_short and understood.followup and _short_script(writer, companies, ev):
        return  # "shorter" after the levers or the script
    # a lever resting on what the user says they lack ("never touched gpus": the GPU lever)
    lacked = _singular(lacked_words(understood.question))
    unfit = {lv.name for lv in ev.facts.levers if lacked & _singular(lv.name)}
    wanted = {w for w in wanted_words(understood) if not _singular(w) & lacked}

    def overlap(hit) -> int:
        return shared_words(wanted, chunk_body(hit.text) + " " + hit.section)

    lever_best = max(
        (overlap(h) for h in retrieval.hits if h.kind in ("lever", "script")), default=0
    )
    # ("anyscale lever for gpu cluster exp?": a passage only as near as a lever does not lead)
    asking = asked_sentences(understood.question)
    asked_words = tokenize(asking)
    lever_named = "lever" in asked_words
    prose = [  # (a script asked for comes first: "now give me the word for word script")
        h
        for h in on_topic(list(retrieval.hits), wanted)
        if "script" not in wanted
        and not ONE_LEVER_ASKED.search(understood.question)  # "which angle fits that best?"
        and h.kind not in ("lever", "script", "table_row", "list")
        and h.guide_kind != "interview"  # an interview guide's passage is no lever
        # ("…is that worth anything, and what base would i ask for?": a lever names the figure)
        and not (understood.intent == "lever" and understood.component)
        and (overlap(h) > lever_best or (overlap(h) >= max(2, lever_best) and not lever_named))
    ]
    lever_asked = understood.intent == "lever"
    unasked = component_not_asked(understood, ev.facts, companies) if lever_asked else ""
    if unasked:  # "which lever gets me a higher base?" when none asks for one
        writer.add(unasked, "")
        _band_cell(writer, understood, ev, companies)  # ("…bonus percent? offer says 5%")
    led = by_place = False
    shown: set[str] = set()  # the scripts quoted already
    one = len(companies) == 1 and understood.fixed
    guide = guide_figures(companies[0], ev.facts.scripts, ev.facts.levers) if one else None
    besides = asks_besides_fixed(writer, understood, guide)
    if besides:  # "they won't budge on equity, what else can i ask for?": the script's rest
        writer.add(besides, "")
    # ("the equity number in the script": its ask, below; a script only told of, "it has me say
    # X. which levers can i use?", does not lead)
    script_named = "script" in asked_words
    # ("what i must say to recruiter?": the words to say lead, the passage follows them)
    # ("the second one?" after the levers: that lever, by its place in the list)
    prose_leads = bool(prose) and not _WORDS_TO_SAY.search(understood.question)
    mine = [lv for lv in ev.facts.levers if lv.company in companies]  # ("the multi-cloud one")
    named = any(_named_by(understood.question, mine).values())
    prose_leads = prose_leads and not understood.lever and not named
    if not prose_leads and not script_named and not besides:  # the lever that fits
        candidates = [lv for lv in mine if lv.name not in unfit]
        by_place = _lead_numbered(writer, understood, candidates)
        held = rivals_told(understood.question, ev.catalog, ev.facts)
        if not held and understood.competing and ev.offer_told:  # (told in an earlier turn)
            held = rivals_told(ev.offer_told, ev.catalog, ev.facts)
        led = (
            by_place
            or lead_lever(writer, understood, candidates, ev.relatedness, wanted, held=held)
            or _lead_the_last(writer, understood, candidates, ev.last_lever)
        )
        if not led and unfit and candidates:  # "zero competing offers": the levers that fit
            names = ", ".join(f"**{lv.name}** {writer.book.cite(lv.chunk_id)}" for lv in candidates)
            writer.add(f"The guide's levers that do not rest on what you lack: {names}.", "")
        elif led and understood.competing:  # "got google sre offer how to push alibaba": the
            # script that cites that offer follows its lever, its ask first
            rival = [n for n in understood.context_names if n.lower() not in PLATFORM_NAMES]
            citing = [sc for sc in ev.facts.scripts if sc.company in companies[:1]]
            citing = [sc for sc in citing if any(_says(sc.text, n) for n in rival)]
            _scripts(writer, citing, with_ask=True)
            shown |= {sc.chunk_id for sc in citing}
        elif not led and "script" not in wanted and not unasked:  # else the script leads
            scripts = [h for h in retrieval.hits if h.kind in ("lever", "script")]
            write_lead(writer, understood, scripts, ev.relatedness)
    currencies = _band_in_other_currency(understood, ev, writer)
    if currencies:  # "london based… does its number fit london?"
        writer.add(currencies, "")
    if prose_leads:  # "how many servers does apsara manage?": the sentence that answers, first
        write_lead(writer, understood, prose[:1], ev.relatedness)
    # ("which one's for me? i run prod on aws", then "ok, the exact line i'd say?": that line)
    # (and "and the fourth?" after the levers: that lever alone, not the list again)
    that_line = led and understood.followup and bool(_WORDS_TO_SAY.search(understood.question))
    that_line = that_line or (by_place and understood.followup)
    # ("which anyscale lever is made for me and what base does it quote?": that lever, whose
    # own figures answer; the others are named after it, without their figures)
    one_asked = led and not that_line and bool(ONE_LEVER_ASKED.search(asking))
    one_asked = one_asked and not _SEVERAL.search(asking)  # ("…and what does each one ask?")
    if one_asked:
        others = [lv for lv in ev.facts.levers if lv.company in companies]  # (not one resting
        _others_named(writer, [lv for lv in others if lv.name not in unfit])  # on what you lack)
    that_line = that_line or one_asked
    for hit in prose[:1]:  # "what is their negotiation DNA?": the passage asked about, first
        sentences = [s for s in condensed(hit, wanted) if not said_before(s, writer.lines)]
        if not sentences:
            continue
        writer.add(f"**{hit.company}: {hit.section}**", "")
        mark = writer.book.cite(hit.chunk_id)
        writer.add(*(f"- {s} {mark}" for s in sentences), "")
    amount_asked = bool(understood.component and QUANTITY.search(asking))
    for company in companies if not that_line else ():
        levers: list[Lever] = sorted(  # (those resting on what the user lacks go last)
            (lv for lv in ev.facts.levers if lv.company == company),
            key=lambda lv: (lv.name in unfit, lv.number),
        )
        scripts = [s for s in ev.facts.scripts if s.company == company and s.chunk_id not in shown]
        if not levers and not scripts:
            continue
        # "give me a script", "by how much should i push the rsus?": the negotiate-up script
        if "script" in wanted or amount_asked:  # first, its ask in one line before it
            _scripts(writer, scripts, with_ask=True)
            scripts = []
        writer.add(f"**{company}: the guide's negotiation levers**", "")
        for lever in levers:
            text = one_line(lever.text)
            writer.add(
                f"{lever.number}. **{lever.name}** {writer.book.cite(lever.chunk_id)}: {text}"
            )
        _scripts(writer, scripts)
        writer.add("")
    if writer.lines:
        writer.add("Use a lever only when it is true for you; the figures are the guide's.")
    else:
        compose_general(writer, understood, retrieval, ev)


_SEVERAL = re.compile(r"\b(?:each|every|all of|both)\b", re.I)


def _others_named(writer: Writer, levers: list[Lever]) -> None:
    """The guide's levers not quoted above, by name only, cited ("The guide's other levers:
    **Multi-Cloud Operations Complexity** [2], …")."""
    quoted = "\n".join(writer.lines)
    others = [lv for lv in levers if f"**{lv.name}**" not in quoted]
    if others:
        named = ", ".join(f"**{lv.name}** {writer.book.cite(lv.chunk_id)}" for lv in others)
        writer.add(f"The guide's other levers: {named}.", "")


def _singular(text: str) -> set[str]:
    """The text's keyword stems without a plural "s" ("gpus" and "GPU" meet)."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in tokenize(text)}


def _scripts(writer: Writer, scripts: list, with_ask: bool = False) -> None:
    """Each script, quoted whole; `with_ask`: its sentence that asks, in one line before it
    ("The Alibaba script's ask: "To accept, I need RSUs at $[Y+55K] and a $45K sign-on…"")."""
    for script in scripts:
        asks = [s for s in sentence_pieces(script.text) if _ASKS.search(s)] if with_ask else []
        if asks:
            mark = writer.book.cite(script.chunk_id)
            writer.add(f'The {script.company} script\'s ask {mark}: "{one_line(asks[-1])}"')
        writer.add(
            "",
            f"**{script.name}** {writer.book.cite(script.chunk_id)}:",
            "",
            f"> {one_line(script.text)}",
            "",
        )


def _short_script(writer: Writer, companies: list[str], ev: Evidence) -> bool:
    """The company's negotiate-up script cut to its sentences that give figures (the ask, the
    commitment, the floor), cited; False when it has none."""
    for script in (s for s in ev.facts.scripts if s.company in companies):
        asks = [one_line(s) for s in sentence_pieces(script.text) if _GIVES_FIGURES.search(s)]
        if asks:
            mark = writer.book.cite(script.chunk_id)
            writer.add(f"The {script.company} script, short {mark}:", "", f'> "{" ".join(asks)}"')
            return True
    return False


_ASKS = re.compile(  # a sentence of a script that asks, with a figure
    r"\b(?:I need|I'd like|I would like|I'm asking|I am asking|to accept)\b.*?(?:\$\s?\[?\d|\d%)",
    re.I,
)
_GIVES_FIGURES = re.compile(r"\$\s?\[?\d|\d+\s?[kK]\b|\d%")


_WORDS_TO_SAY = re.compile(
    r"\b(?:exact (?:line|words?|wording|sentence)|word for word|verbatim|what (?:exactly )?"
    r"(?:do|would|should|can|must) i (?:say|tell them)|what i (?:must|should|can) (?:say|tell)|"
    r"(?:the|that) line|wording|(?:the )?sentence exactly)\b",
    re.I,
)


def _lead_numbered(writer: Writer, understood: Understanding, levers: list[Lever]) -> bool:
    """The lever asked by its place in the guide's list ("ok and the second lever?", then
    "what would i say for that one?"), first; False when none is asked or the list is shorter."""
    ordered = sorted(
        (lv for lv in levers if lv.company == understood.company), key=lambda lv: lv.number
    )
    if not understood.lever or not ordered or understood.lever > len(ordered):
        return False
    lever = ordered[understood.lever - 1] if understood.lever > 0 else ordered[-1]
    mark = writer.book.cite(lever.chunk_id)
    writer.add(
        f"The guide's lever {lever.number} is **{lever.name}** {mark}:",
        "",
        f"- {one_line(lever.text)} {mark}",
        "",
    )
    return True


_SCRIPT_WORDS = re.compile(r"\bword for word\b|\bverbatim\b|\bscripts?\b|\bexact words\b", re.I)


def _lead_the_last(
    writer: Writer, understood: Understanding, levers: list[Lever], name: str
) -> bool:
    """On a follow-up that picks no lever of its own ("give me the one line to say. short"),
    the lever the last answer led with, first; False when there is none."""
    lever = next((lv for lv in levers if lv.name == name), None)
    if lever is None or not understood.followup or _SCRIPT_WORDS.search(understood.question):
        return False  # (not "what do i say to them, word for word": the script's words)
    mark = writer.book.cite(lever.chunk_id)
    writer.add(f"The guide's lever you asked about is **{lever.name}** {mark}:", "")
    writer.add(f"- {one_line(lever.text)} {mark}", "")
    return True


def lead_lever(
    writer: Writer,
    understood: Understanding,
    levers: list[Lever],
    relatedness: Relatedness | None = None,
    wanted: set[str] | None = None,
    held: Sequence[Package] = (),
) -> bool:
    """The answer first: for a competing offer, the lever about competing offers (naming that
    employer if one does); else the lever naming what the question gives as context ("if I
    had an NVIDIA offer"), else the one sharing most of the question's words (two at least, or
    the only one sharing a word: "equity"), else the one clearly closest in meaning. False when
    none fits. `held`: the competing offers the user gave figures for, said in the lever's line
    in place of its example offers."""
    # an employer named as context ("if I had an NVIDIA offer") picks its lever; a cloud the
    # user ran things on ("plain k8s on aws") weighs as one of the question's words
    named = [n.lower() for n in understood.context_names if n.lower() not in PLATFORM_NAMES]
    platforms = [n.lower() for n in understood.context_names if n.lower() in PLATFORM_NAMES]
    wanted = set(wanted_words(understood) if wanted is None else wanted)
    if not understood.competing:  # "counter alibaba's offer": the user's offer, not a rival's;
        wanted -= set(tokenize("offer"))  # a lever citing a rival's offer does not fit
        levers = [lv for lv in levers if not _COMPETING.search(f"{lv.name} {lv.text}")]

    # a lever whose text also rests on what the user lacks ("never touched gpus": "… with GPU
    # workloads") weighs a word less
    lacked = _singular(lacked_words(understood.question))

    def fit(lever: Lever) -> tuple[bool, int, int]:
        text = f"{lever.name} {lever.text}"
        about_offers = understood.competing and bool(_COMPETING.search(text))
        on_platform = sum(_says(text, p) for p in platforms)
        return (
            about_offers,
            sum(_says(text, n) for n in named),
            shared_words(wanted, text) + on_platform - len(lacked & _singular(text)),
        )

    named_by = _named_by(understood.question, levers)  # (a lever named: "the multi-cloud one")
    ranked = sorted(levers, key=lambda lv: (named_by[lv.name], *fit(lv)), reverse=True)
    if not ranked:
        return False
    best = ranked[0]
    runner_up = fit(ranked[1]) if len(ranked) > 1 else (False, 0, 0)
    # by words alone: two shared, or one that no other lever shares as much
    by_words = fit(best)[2] >= 2 or (fit(best)[2] == 1 and runner_up[2] == 0)
    if fit(best) < (False, 1, 0) and not by_words and not named_by[best.name]:
        best = _closest(understood, levers, relatedness)
        if best is None:
            return False
    told = named_as_held(understood.question, understood.context_names)  # (not "no nvidia")
    names = [n for n in told if _says(best.text, n)]
    employers = [n for n in names if n.lower() not in PLATFORM_NAMES]
    because = f" for {' and '.join(employers)}" if employers else ""
    if names and not employers:
        because = f" naming {' and '.join(names)}"
    if not because and fit(best)[0]:
        because = " for a competing offer"
    mark = writer.book.cite(best.chunk_id)
    line = one_line(best.text)
    own = with_held_figures(line, held, told)
    if own != line:  # (the guide's example offers are not the user's: their own figures)
        writer.add(
            f"The guide's lever{because} is **{best.name}** {mark}. Its line, with the "
            "figures of the offers you gave in place of the guide's example ones:",
            "",
            f"- {own} {mark}",
            "",
        )
        return True
    writer.add(
        f"The guide's lever{because} is **{best.name}** {mark}:",
        "",
        f"- {line} {mark}",
        "",
    )
    return True


_THE_X_ONE = re.compile(  # (and, terse, "anyscale multi-cloud lever?", "lever for multi-cloud")
    r"\bthe ([\w/-]+(?: [\w/-]+){0,2}) (?:one|lever|angle|argument|thing|bit)\b"
    r"|\b(?<!['’])([\w/-]+(?: [\w/-]+)?) (?:lever|angle)\b"  # (not "the guide's lever")
    r"|\b(?:lever|angle) (?:for|about|on) ([\w/-]+(?: [\w/-]+)?)",
    re.I,
)


def asks_a_levers_rival(understood: Understanding, levers: list[Lever]) -> bool:
    """Whether the asking sentences name a pay component and an employer a lever names, with
    no figures of the user's own for it ("what nvidia rsu number does the guide use?": the
    lever's NVIDIA offer, not the band; not "nvidia offered me 250k rsu. what's the sf band?",
    nor "what happens when you type google.com…?")."""
    if understood.competing or understood.states_amounts or understood.component is None:
        return False
    asking = asked_sentences(understood.question)
    return any(
        _says(asking, name) and any(_says(lv.text, name) for lv in levers)
        for name in understood.context_names
        if name.lower() not in PLATFORM_NAMES
        and not _employer_of_the_user(understood.question, name)
    )


def _employer_of_the_user(question: str, name: str) -> bool:
    """Whether `name` is where the user works, told ("im at databricks") or by a message that
    opens with the user's title there ("staff devops engineer at databricks (6 yrs)…")."""
    opens = rf"^\W*(?:[\w/-]+\s+){{0,3}}(?:{_TITLE_HEADS})\s+at\s+{re.escape(name)}\b"
    return told_as_employer(question, name) or bool(re.match(opens, question, re.I))


_TITLE_HEADS = "engineer|sre|swe|developer|architect|manager|admin|lead"


def names_a_lever(question: str, levers: list[Lever]) -> bool:
    """Whether the question names one of `levers` by words only its name has ("the SLA
    thing", "the multi-cloud one")."""
    return any(_named_by(question, levers).values())


def _named_by(question: str, levers: list[Lever]) -> dict[str, int]:
    """Lever name -> how many words naming "the X one" in the question ("the multi-cloud one",
    "the sign-on bridge lever") only that lever's name has among `levers`."""
    asked = {w for m in _THE_X_ONE.finditer(question) for w in tokenize(m[1] or m[2] or m[3])}
    # (a hyphenated name written as one word too: "the multicloud one")
    names = {
        lv.name: set(tokenize(lv.name)) | set(tokenize(lv.name.replace("-", ""))) for lv in levers
    }
    return {
        name: len((words & asked) - {w for other, ws in names.items() if other != name for w in ws})
        for name, words in names.items()
    }


def _says(text: str, name: str) -> bool:
    """Whether `text` names `name` as a word of its own ("Kubernetes" does not name Uber)."""
    return re.search(rf"(?<!\w){re.escape(name.lower())}(?!\w)", text.lower()) is not None


CLOSEST_LEVER = 0.45  # a lever this close in meaning to the question, and clearly the closest
CHOSEN_LEVER = 0.3  # as close as will do when the user asks which one lever fits them
CLEAR_MARGIN = 0.05


def _closest(
    understood: Understanding, levers: list[Lever], relatedness: Relatedness | None
) -> Lever | None:
    """The lever closest in meaning to the question, when it is close and clearly closest.
    Asked which one fits ("spent 4 yrs getting ready for black friday peaks. which lever
    fits that?"), the lever clearly closest to what the message tells of the user, though
    less close: one lever was asked for."""
    if relatedness is None or len(levers) < 2:
        return None
    text, enough = understood.question, CLOSEST_LEVER
    sentences, asks = sentences_that_ask(text)
    told = " ".join(s for s, ask in zip(sentences, asks, strict=True) if not ask)
    asking = asked_sentences(text)  # (or the words to say, for what the message tells of the
    # user: "…'why should we go above our number?'. what do i reply? i led our apac expansion")
    if (ONE_LEVER_ASKED.search(asking) or WHAT_TO_SAY.search(asking)) and told:
        text, enough = told, CHOSEN_LEVER
    cosines = relatedness(text, [f"{lv.name}: {lv.text}" for lv in levers])
    ranked = sorted(zip(cosines, range(len(levers)), strict=True), reverse=True)
    (best, at), (second, _) = ranked[0], ranked[1]
    return levers[at] if best >= enough and best - second >= CLEAR_MARGIN else None


_COMPETING = re.compile(r"\b(?:competing|compete|offers?|offering)\b", re.I)


def _band_cell(
    writer: Writer, understood: Understanding, ev: Evidence, companies: list[str]
) -> None:
    """The band's figure for the component asked more of, when the region is known ("can i
    negotiate the bonus percent? anyscale sf offer says 5%": the San Francisco row's 5–10%)."""
    band = next(
        (b for b in ev.facts.bands if b.company in companies and b.region == understood.region),
        None,
    )
    cell = component_cell(band, understood.component or "") if band else None
    if band and cell and cell[1] != "—":
        where = f"{band.company} · {band.role} · {band.region}"
        mark = writer.book.cite(band.chunk_id)
        writer.add(f"**{cell[0]}** for {where} ({band.currency}): **{cell[1]}** {mark}", "")


def _band_in_other_currency(understood: Understanding, ev: Evidence, writer: Writer) -> str:
    """When the region asked has a band in another currency than the figures of the company's
    levers and script (London in GBP, the levers in USD): that band's base, cited, and that no
    exchange rate is applied; else ""."""
    quoted = [lv.text for lv in ev.facts.levers if lv.company == understood.company]
    quoted += [s.text for s in ev.facts.scripts if s.company == understood.company]
    found = band_in_other_currency(ev.facts.bands, understood.company, understood.region, quoted)
    if found is None or found[0].base_min is None or found[0].base_max is None:
        return ""
    band, units = found
    low, high = (format_money(v, band.currency) for v in (band.base_min, band.base_max))
    return (
        f"The guide's lever figures are in {' and '.join(units)}; its {band.region} band "
        f"is in {band.currency}: base {low}–{high} {writer.book.cite(band.chunk_id)}. No "
        "exchange rate is applied."
    )
