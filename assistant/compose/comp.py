"""Pay questions: the named region's row, every row of a company, two regions or companies
side by side (each in its own currency), or the sign-on figures of levers and scripts.

Leaves out: where an offer sits (assistant.compose.counter).
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.compose.bands import (
    band_in_other_currency,
    band_point_note,
    band_table,
    one_band,
    per_month_note,
    per_year_note,
)
from assistant.compose.core import Evidence, Writer
from assistant.compose.general import compose_general
from assistant.compose.lead import sentence_pieces, write_lead
from assistant.compose.passages import (
    MAX_SENTENCES_PER_PASSAGE,
    chunk_body,
    one_line,
    sentences_of,
    shared_words,
    wanted_words,
)
from assistant.compose.place_gaps import companies_without_the_place
from assistant.compose.topic_coverage import covering_phrase
from assistant.corpus.facts import CompBand, Facts
from assistant.retrieval.hybrid import Retrieval
from assistant.understanding.entities import row_for
from assistant.understanding.place_names import places_in
from assistant.understanding.question import Understanding
from assistant.understanding.tables import COMPONENT_WORDS
from assistant.understanding.words import contains_phrase, normalize

# a question of what the pay is made of, not of its figures
_MAKEUP = re.compile(
    r"\bwhat'?s (?:actually |really )?in\b|\bmade up of\b|\bconsists? of\b|\bstructured?\b"
    r"|\bbreak ?down\b|\bwhat (?:does|do) (?:\w+ ){0,5}(?:include|come with)",
    re.I,
)
_PARTS = ("base", "stock", "bonus")


def _write_makeup(writer: Writer, understood: Understanding, ev: Evidence) -> None:
    """The sentence of the company's prose naming the most pay components ("Total compensation
    at Alibaba typically includes a competitive base salary, a performance-based annual bonus,
    and Restricted Stock Units"), cited, when one names two or more."""
    best, count = None, 1
    for record in ev.records.values():
        if record.kind in ("table_row", "lever", "script") or record.company != understood.company:
            continue
        pieces = sentence_pieces(chunk_body(record.text))
        for sentence in (part for piece in pieces for part in piece.split(" | ")):  # (a heading
            said = normalize(sentence)  # line's parts apart: "Competitive Base + Growth-Stage…")
            named = sum(any(contains_phrase(said, w) for w in COMPONENT_WORDS[c]) for c in _PARTS)
            if named > count:
                best, count = (sentence, record.chunk_id), named
    if best:
        writer.add(f"{one_line(best[0])} {writer.book.cite(best[1])}", "")


_ASKS_WHAT_CHANGES = re.compile(r"\b(?:change[sd]?|differ(?:s|ent)?|difference)\b", re.I)


# "in every office", "across all regions", "everywhere", "the other offices": each row asked
_EVERY_PLACE = re.compile(
    r"\b(?:every|each|all|any)\s+(?:of (?:the|their|its) )?(?:\w+ )?(?:offices?|regions?|"
    r"locations?|cit(?:y|ies)|hubs?|countr(?:y|ies))\b|\beverywhere\b|\b(?:across (?:all |the |"
    r"their |its )?|(?:the |their )?other )(?:offices|regions|locations|cities|countries)\b",
    re.I,
)


def every_place(understood: Understanding) -> bool:
    """Whether a pay question asks of all the company's places, not the one it names."""
    return bool(_EVERY_PLACE.search(understood.question))


def _regions_compared(
    understood: Understanding, rows: list[CompBand], previous_region: str | None
) -> list[str]:
    """The regions a comparison names ("SF or New York?"), with the conversation's region
    first when the question compares against it ("how does that compare to the Bay Area?") or
    asks what a move changes ("moving me to the sf team instead. does the base range change?")."""
    labels = list(dict.fromkeys(b.region for b in rows))
    named = understood.regions_named(labels)
    if (
        len(named) == 1
        and previous_region in labels
        and previous_region not in named
        and (understood.compares or _ASKS_WHAT_CHANGES.search(understood.question))
    ):
        named.insert(0, previous_region)
    return named


def _bands_for(
    understood: Understanding,
    retrieval: Retrieval,
    facts: Facts,
    previous_region: str | None = None,
) -> list[CompBand]:
    """The rows to show: the regions a comparison names; the named region's row of each named
    company; else every row of the named companies; else the rows retrieval found."""
    companies = [c for c in (understood.company, *understood.other_companies) if c]
    hit_ids = [h.chunk_id for h in retrieval.hits]
    by_id = {b.chunk_id: b for b in facts.bands}
    if companies:
        found_rows = [by_id[i] for i in hit_ids if i in by_id]
        chosen: list[CompBand] = []
        for company in companies:
            rows = [b for b in facts.bands if b.company == company]
            named = _regions_compared(understood, rows, previous_region)
            if len(named) > 1 and not understood.other_companies:
                chosen += [b for region in named for b in rows if b.region == region]
                continue
            # ("bonus is 15% in every office right? including hangzhou": every row)
            if understood.region and company == understood.company and not every_place(understood):
                named = [b for b in rows if b.region == understood.region]
                if named:
                    chosen += named
                    continue
            near = row_for(understood.place, [b.region for b in rows]) if understood.place else None
            if understood.other_companies and near and near.label:  # (the place's own row, or
                chosen += [b for b in rows if b.region == near.label]  # its metro's: "sunnyvale"
                continue  # beside anyscale's is San Francisco)
            if understood.other_companies:
                found = [b for b in found_rows if b.company == company]
                if found:
                    chosen.append(found[0])
                    continue
            chosen += rows
        return chosen
    rows = [by_id[i] for i in hit_ids if i in by_id]
    if understood.region:
        rows = [b for b in rows if b.region == understood.region] or rows
    return rows


_YES_OR_NO = re.compile(
    r"\b(?:is|are|does|do|will)\s+(?:the|that|this|it|there|their|its|a|an)\b[^.?!]*(?:\?|$)",
    re.I,
)
_WH_BEFORE = re.compile(r"\b(?:what|which|how|where|when|who|why)\b[^.?!,;:]*$", re.I)


def _asks_yes_or_no(question: str) -> bool:
    """A yes-or-no question about the pay ("is the rsu a meaningful chunk of the package?"),
    not one asking for figures."""
    text = question.strip()  # (not "what is the base band per month?": a wh-question's "is")
    return any(not _WH_BEFORE.search(text[: m.start()]) for m in _YES_OR_NO.finditer(text))


def _as_named(place: str) -> str:
    """A place as written for the reader: "SF", "NYC" (short forms in capitals), "Sunnyvale"."""
    return place.upper() if len(place) <= 3 else place.title()


# "which one has the higher bonus?": two rows ranked, the gap said with them
_RANKS = re.compile(
    r"\b(?:higher|lower|bigger|smaller|better|worse|which one|which pays|who pays)\b", re.I
)
_PER_MONTH = re.compile(  # (and "pro Monat", "al mes", "par mois", "mensual")
    r"\b(?:per|a|each|every) month\b|\bmonthly\b|/\s?mo(?:nth)?\b|\bpro monat\b|\bmonatlich\b"
    r"|\b(?:al|por) mes\b|\bmensual\b|\bpar mois\b|\bmensuel\b",
    re.I,
)
# "what's the max i can get?", "bottom of the band?", "the midpoint?": one point of a range
_BAND_POINTS = {
    "top": re.compile(
        r"\b(?:max(?:imum)?|top(?: end)?(?! up\b)|high(?:er)? end|upper end|ceiling|highest"
        r"|cap(?:ped)?|the most (?:i|you|one|they|someone) (?:can|could|would|will)\b)",
        re.I,
    ),
    "bottom": re.compile(
        r"\b(?:min(?:imum)?|bottom(?: end)?|low(?:er)? end|lowest|least (?:i|you|they)\b)", re.I
    ),
    "middle": re.compile(
        r"\b(?:mid-?point|middle|mid[- ](?:band|range|of the (?:band|range)))", re.I
    ),
}
_PER_YEAR = re.compile(
    r"\b(?:per|a|each|every) (?:year|yr)\b|\b(?:annual(?:ly)?|yearly)\b|/\s?yr\b"
)


def compose_comp(
    writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence
) -> None:
    bands = _bands_for(understood, retrieval, ev.facts, ev.previous_region)
    lacking = {company for company, _ in companies_without_the_place(understood, ev.catalog)}
    bands = [b for b in bands if b.company not in lacking] or bands  # (said so, first)
    if understood.component == "sign_on":
        _sign_on(writer, understood, retrieval, ev)
        # ("rsu range there, and how much sign-on do i ask for?": the stock band too)
        others = [c for c in understood.components if c != "sign_on"]
        if not (others and bands):
            return
        understood = replace(understood, component=others[0])
        writer.add("")
    if not bands:
        compose_general(writer, understood, retrieval, ev)
        return
    if understood.region_nearby and understood.place and understood.region:
        said = [m.spelled for m in places_in(understood.question) if m.place == understood.place]
        named = _as_named((said or [understood.place])[0])
        company = understood.company
        whose = f"{company}'s comp table has" if company else "The guides have"
        writer.add(  # (the place as the user named it: "Sunnyvale", not its metro)
            f"{whose} no row for {named}; the nearest is **{understood.region}**.",
            "",
        )
    asked = COMPONENT_WORDS.get(understood.component or "", ())
    # (a topic the guides hold under their own phrase: "guaranteed?" -> "performance-based")
    held = _held_phrases(understood, ev)
    asked = (*asked, *held)
    if not understood.component and _MAKEUP.search(understood.question):
        _write_makeup(writer, understood, ev)  # "what's actually in an alibaba comp package?"
    # (not "is that sgd or usd?": a currency asked, which the row itself answers)
    yes_or_no = _asks_yes_or_no(understood.question) and not understood.currency
    if asked and yes_or_no and not understood.states_amounts:
        # "is the bonus guaranteed or does it depend on performance?": what a guide's prose
        # says of that component ("a performance-based annual bonus"), before the figures
        wanted = wanted_words(understood) | {normalize(w) for w in asked}  # (carried: "and is
        # it guaranteed?" after the bonus)
        prose = [
            r
            for r in ev.records.values()
            if r.kind not in ("table_row", "lever", "script")
            and r.company == understood.company
            # (the guide's phrase for the topic counts as its word: "guaranteed?" and
            # "a performance-based annual bonus")
            and shared_words(wanted, chunk_body(r.text)) + _holds(r, held) >= 2
            and _holds(r, asked)
        ]  # (the retrieval of a pay question holds the table rows)
        prose.sort(key=lambda r: -shared_words(wanted, chunk_body(r.text)))
        if not write_lead(writer, understood, prose, ev.relatedness) and held:
            _quote_held(writer, prose, held)  # (the sentence the coverage said follows)
    notes = sorted({per_year_note(b, writer) for b in bands} - {""})
    yearly = understood.component == "stock" and _PER_YEAR.search(understood.question)
    if notes and yearly:  # "is that per year?": the grant ÷ its years, first
        writer.add(*notes, "")
    asked_part = understood.component
    monthly = _PER_MONTH.search(understood.question) and not understood.states_amounts
    if monthly and len(bands) == 1 and (note := per_month_note(bands[0], writer, asked_part)):
        writer.add(note, "")  # "base per month?": the yearly range ÷ 12, shown
    points = [p for p, cue in _BAND_POINTS.items() if cue.search(understood.question)]
    if {"top", "bottom"} <= set(points) or monthly:  # ("lowest and highest": the range itself)
        points = [p for p in points if p == "middle"] if not monthly else []
    if len(bands) == 1 and not understood.states_amounts:
        for point in points:  # "what's the max?": the band's top, before the row
            if note := band_point_note(bands[0], writer, asked_part, point):
                writer.add(note, "")
    if len(bands) == 1:
        one_band(writer, bands[0], understood.component)
    else:
        # (places named, or one set beside the last: "how does that compare to hangzhou")
        compared = (understood.compares or bool(_RANKS.search(understood.question))) and (
            len(understood.region_mentions) > 1 or len(bands) == 2
        )
        # ("does alibaba pay more in hangzhou or beijing?": pay with no part named, the total)
        asked = understood.component or ("total" if compared else None)
        named = 1 < len(understood.region_mentions) >= len(bands)  # ("the two tc bands?")
        band_table(writer, bands, asked, compared, each=named or every_place(understood))
    if notes and not yearly:
        writer.add("", *notes)
    said = any("no exchange rate" in line for line in writer.lines)  # (the coverage's, first)
    if len({b.currency for b in bands}) > 1 and not said:
        writer.add("", "Each row is in its own currency; no exchange rate is applied.")
    writer.add(
        "",
        "Give me your offer (base, stock and vesting years, bonus) and I will show where it "
        "sits in the band and what to counter with.",
    )


def _quote_held(writer: Writer, prose: list, held: list[str]) -> None:
    """The first sentence holding a guide phrase that stands for the topic asked ("…a
    performance-based annual bonus…" for "is the bonus guaranteed?"), cited."""
    for record in prose:
        for sentence in sentence_pieces(chunk_body(record.text)):
            if any(contains_phrase(normalize(sentence), phrase) for phrase in held):
                writer.add(f"{one_line(sentence)} {writer.book.cite(record.chunk_id)}", "")
                return


def _holds(record, phrases) -> bool:
    return any(contains_phrase(normalize(chunk_body(record.text)), p) for p in phrases)


def _held_phrases(understood: Understanding, ev: Evidence) -> list[str]:
    """The guides' phrases for the topics the turn asks that they hold ("is it guaranteed or
    tied to performance?": "performance-based")."""
    held = (
        covering_phrase(t, understood.company, ev.catalog, ev.records) for t in understood.topics
    )
    return [phrase for phrase in held if phrase]


def _sign_on(writer: Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    """Sign-on figures live in levers and scripts, not in the comp tables: those retrieved,
    then the company's others that name a figure those do not ("amazon sde offer alibaba
    signon how much": the script's $45K, and the lever's "A $[35K-55K] sign-on…")."""
    passages = [
        h for h in retrieval.hits if h.kind in ("lever", "script") and "sign" in h.text.lower()
    ]
    if not passages and not understood.company:
        compose_general(writer, understood, retrieval, ev)
        return
    found = [pair for hit in passages for pair in _sign_on_sentences(hit)]
    if understood.company:  # (retrieval may have looked for other words: "relocation")
        ids = [f.chunk_id for f in (*ev.facts.levers, *ev.facts.scripts)]
        shown = {h.chunk_id for h in passages}
        for record in (ev.records[i] for i in dict.fromkeys(ids) if i in ev.records):
            if record.company != understood.company or record.chunk_id in shown:
                continue
            said = {figure for _, s in found for figure in _FIGURE.findall(s.lower())}
            found += [
                (hit, s)
                for hit, s in _sign_on_sentences(record)
                if set(_FIGURE.findall(s.lower())) - said
            ]
    if not found:
        compose_general(writer, understood, retrieval, ev)
        return
    several = len({hit.company for hit, _ in found}) > 1  # "anyscale or alibaba?": say whose
    other_currency = _sign_on_currency(understood, ev, [s for _, s in found])
    if other_currency:  # "beijing offer… can I ask for a sign-on?": the figures are USD
        writer.add(other_currency, "")
    writer.add("The comp tables have no sign-on column; the guide names sign-on figures here:", "")
    for hit, sentence in found:
        whose = f"**{hit.company}**: " if several and hit.company else ""
        writer.add(f"- {whose}{sentence} {writer.book.cite(hit.chunk_id)}")


_FIGURE = re.compile(r"\d+(?:\.\d+)?k")


def _sign_on_sentences(hit) -> list[tuple]:
    """The passage's sentences about a sign-on: a script's apart, a lever with its name and,
    of its quoted words, the sentences naming the sign-on ('**Enterprise SLA Protection:**
    "… I'd like a $25K signing bonus."')."""
    body = chunk_body(hit.text)
    pieces = sentence_pieces(body) if hit.kind == "script" else sentences_of(body)
    sentences = [_quoting_the_sign_on(s) for s in pieces if "sign" in s.lower()]
    return [(hit, s) for s in sentences[:MAX_SENTENCES_PER_PASSAGE]]


_NAMED_QUOTE = re.compile(r'^(?P<name>(?:\d+\.\s*)?\*\*[^*]+\*\*:?\s*)"(?P<quote>[^"]+)"\s*$')


def lever_sign_on_lines(writer: Writer, ev: Evidence, company: str, said: str) -> list[str]:
    """The company's levers' sentences naming a sign-on figure that `said` does not, cited,
    as list lines ("- 4. **Sign-On Bridge:** "A $[35K-55K] sign-on offsets transition
    costs." [2]"): what a lever asks for the sign-on beside what the script asks."""
    levers = [f.chunk_id for f in ev.facts.levers if f.company == company]
    records = [ev.records[i] for i in dict.fromkeys(levers) if i in ev.records]
    found = [pair for record in records for pair in _sign_on_sentences(record)]
    known = set(_FIGURE.findall(said.lower()))
    found = [(hit, s) for hit, s in found if set(_FIGURE.findall(s.lower())) - known]
    return [f"- {sentence} {writer.book.cite(hit.chunk_id)}" for hit, sentence in found]


def _quoting_the_sign_on(sentence: str) -> str:
    """A lever's name and quote, the quote cut to its sentences naming the sign-on."""
    named = _NAMED_QUOTE.match(sentence)
    if named is None:
        return sentence
    pieces = sentence_pieces(named["quote"])
    kept = [p for p in pieces if "sign" in p.lower()]
    if not kept or len(kept) == len(pieces):
        return sentence
    return f'{named["name"]}"… {" ".join(kept)}"'  # (the words left out, marked)


def _sign_on_currency(understood: Understanding, ev: Evidence, sentences: list[str]) -> str:
    """When the region's band is in another currency than the sign-on figures (a Beijing band
    in CNY, sign-on figures in USD), the sentence saying so; no exchange rate is applied."""
    found = band_in_other_currency(ev.facts.bands, understood.company, understood.region, sentences)
    if found is None:
        return ""
    band, units = found
    return (
        f"The guide's sign-on figures are in {' and '.join(units)}; it gives none in "
        f"{band.currency} for {band.region}, and no exchange rate is applied."
    )
