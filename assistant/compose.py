"""The built-in composer: a grounded markdown answer for each intent, with no model.

Every figure it writes is copied from a guide passage it cites ([n] markers), is the user's own
number, or is a result of the negotiation engine with its formula shown. Words come from fixed
templates and from the cited passages themselves.
- comp: the company's band for the region (every column of the row, vesting noted, the row
  cited); with no region, all of the company's rows in one table; two companies side by side.
- counter: where the offer sits in the band, the proposal with each figure's source, the
  guide's levers, and the email and phone-script drafts. With no offer known yet: what to give,
  and the guide's own script and band meanwhile.
- lever: the guide's numbered levers and its negotiate-up script, quoted and cited.
- interview: the passages grouped by section (process, evaluation areas, example questions,
  tips), condensed to their items and most relevant sentences, each cited.
- general: the most relevant sentences of the best passages, each cited.
- refusal (out of scope, or retrieval abstained): says plainly that the guides do not cover it,
  why, and what they do cover; no figures.
Sentences in a guide that address an AI ("ignore previous instructions", "system prompt") or
carry links or markup are never copied into an answer (assistant.untrusted): guide text is data.

Leaves out: any wording by a model (assistant.backends), the grounding check
(assistant.grounding) and choosing what to retrieve (assistant.retrieval).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from assistant.answer import Citation
from assistant.drafts import Drafts
from assistant.facts import CompBand, Facts, Lever
from assistant.figures import Figure
from assistant.grounding import split_sentences
from assistant.lexical import ChunkRecord, tokenize
from assistant.money import format_money
from assistant.negotiation import Negotiation
from assistant.retrieval import Retrieval
from assistant.understanding import Catalog, Understanding, regions_named
from assistant.untrusted import usable_sentence

EngineValue = tuple[float, str]
MAX_SENTENCES_PER_PASSAGE = 3
MAX_ITEMS_PER_LIST = 6
MAX_COMPANIES_LISTED = 8
MAX_ITEM_CHARS = 220  # longer list items are cut to their first sentence
MAX_BULLETS = 12  # an interview answer's items in all
# Words every interview or pay question shares; they do not tell passages apart.
_GENERIC = (
    "question questions ask asked asking interview interviews prepare preparation tell know "
    "about like good best typical typically usually expect guide company role job work "
    "example examples scenario scenarios candidate candidates"
)

_MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Draft:
    """The composer's answer: markdown with [n] markers, its citations, and the engine's
    computed values (for the grounding check)."""

    text: str
    citations: tuple[Citation, ...]
    refused: bool
    intent: str
    engine_values: tuple[EngineValue, ...] = ()
    key_figures: tuple[str, ...] = ()  # what a rephrasing must keep: the answer's own figures


@dataclass(frozen=True)
class Evidence:
    """What the composer may use for one turn."""

    records: Mapping[str, ChunkRecord]  # chunk id -> the indexed chunk
    facts: Facts  # of the companies this turn concerns
    catalog: Catalog  # what the guides cover, for refusals
    negotiation: Negotiation | None = None
    drafts: Drafts | None = None
    offer_problem: str = ""  # why the offer the user gave could not be read
    previous_region: str | None = None  # the region the conversation was on before this turn


class CitationBook:
    """Numbers the cited chunks in order of first use."""

    def __init__(self, records: Mapping[str, ChunkRecord]):
        self.records = records
        self.numbers: dict[str, int] = {}

    def cite(self, chunk_id: str) -> str:
        if chunk_id not in self.numbers:
            if chunk_id not in self.records:
                raise KeyError(f"chunk {chunk_id} is not in the index")
            self.numbers[chunk_id] = len(self.numbers) + 1
        return f"[{self.numbers[chunk_id]}]"

    def citations(self) -> tuple[Citation, ...]:
        out = []
        for chunk_id, n in sorted(self.numbers.items(), key=lambda item: item[1]):
            r = self.records[chunk_id]
            out.append(Citation(n, chunk_id, r.source, r.title, r.section, r.text))
        return tuple(out)


@dataclass
class _Writer:
    book: CitationBook
    lines: list[str] = field(default_factory=list)
    values: list[EngineValue] = field(default_factory=list)
    key: list[str] = field(default_factory=list)

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def draft(self, intent: str, refused: bool = False) -> Draft:
        text = "\n".join(self.lines).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        return Draft(
            text, self.book.citations(), refused, intent, tuple(self.values), tuple(self.key)
        )


def compose(understood: Understanding, retrieval: Retrieval, evidence: Evidence) -> Draft:
    """The grounded answer for one understood, retrieved turn."""
    writer = _Writer(CitationBook(evidence.records))
    if _refuses(understood, retrieval):
        return _refusal(writer, understood, retrieval.reason, evidence.catalog)
    intent = understood.intent
    if intent == "counter":
        _counter(writer, understood, retrieval, evidence)
    elif intent == "comp":
        _comp(writer, understood, retrieval, evidence)
    elif intent == "lever":
        _levers(writer, understood, retrieval, evidence)
    elif intent == "interview":
        _interview(writer, understood, retrieval, evidence.records)
    else:
        _general(writer, understood, retrieval, evidence)
    if not writer.lines:
        return _refusal(writer, understood, "the guides have nothing on this", evidence.catalog)
    return writer.draft(intent)


def _refuses(understood: Understanding, retrieval: Retrieval) -> bool:
    """Retrieval abstained or the question is off-topic; except a counter question that names
    nothing unknown ("what should I counter with?"), which is answered by asking for the offer."""
    if understood.intent == "out_of_scope":
        return True
    if understood.intent == "counter" and not (
        understood.unknown_company or understood.unknown_region
    ):
        return False
    return retrieval.abstained


# --- refusal -----------------------------------------------------------------------------------


_SMALL_TALK = re.compile(
    r"^\W*(?:hi|hello|hey|yo|good (?:morning|afternoon|evening)|thanks?(?: you)?|thx|ty|"
    r"ok(?:ay)?|cool|great|bye|goodbye)\b[\s\W\w]{0,20}$",
    re.I,
)


def _refusal(writer: _Writer, understood: Understanding, reason: str, catalog: Catalog) -> Draft:
    writer = _Writer(writer.book)  # a refusal cites nothing and states no figure
    if _SMALL_TALK.match(understood.question):
        writer.add(
            "Hello! I coach job-offer negotiations from the guides: pay bands, where your offer "
            "sits and what to counter with, negotiation levers, and interview preparation.",
            "",
            coverage(catalog),
        )
        return writer.draft("out_of_scope", refused=True)
    because = _strip_figures(reason) or "it is outside what the guides cover"
    if understood.unknown_company and understood.unknown_company.islower():
        because = because.replace(understood.unknown_company, understood.unknown_company.title())
    writer.add(f"I can't answer that from the guides: {because}.", "")
    writer.add(coverage(catalog))
    if understood.intent != "out_of_scope":
        writer.add(
            "",
            "Ask about one of those, or add a guide that covers your question and index it.",
        )
    return writer.draft(
        "out_of_scope" if understood.intent == "out_of_scope" else understood.intent, refused=True
    )


def coverage(catalog: Catalog) -> str:
    """What the guides cover, in one short list (no figures)."""
    if not catalog.companies:
        return "No guides are indexed yet."
    lines = ["The guides cover:"]
    for company in catalog.companies[:MAX_COMPANIES_LISTED]:
        roles = ", ".join(catalog.roles.get(company, ())) or "roles not named"
        parts = []
        regions = catalog.regions.get(company, ())
        if regions:
            parts.append("pay bands for " + ", ".join(regions))
        kinds = catalog.kinds.get(company, ())
        if "negotiation" in kinds:
            parts.append("negotiation levers and scripts")
        if "interview" in kinds:
            parts.append("interview preparation")
        lines.append(f"- **{company}** ({roles}): " + ("; ".join(parts) or "general guidance"))
    more = len(catalog.companies) - MAX_COMPANIES_LISTED
    if more > 0:
        lines.append(f"- and {more:,} more companies")
    return "\n".join(lines)


def _strip_figures(reason: str) -> str:
    return re.sub(r"\s*\(best similarity [^)]*\)", "", reason).strip()


# --- comp --------------------------------------------------------------------------------------

_COMPONENT_COLUMNS = {
    "base": ("base",),
    "stock": ("stock", "rsu", "equity"),
    "bonus": ("bonus",),
    "total": ("total", "tc"),
}
_COMPONENT_NAMES = {
    "base": "Base salary",
    "stock": "Stock",
    "bonus": "Bonus",
    "total": "Total comp",
    "sign_on": "Sign-on bonus",
}


_COMPARES = re.compile(
    r"\b(?:vs\.?|versus|compare[sd]?|comparison|or|than|against|between)\b", re.I
)


def _regions_compared(
    understood: Understanding, rows: list[CompBand], previous_region: str | None
) -> list[str]:
    """The regions a comparison names ("SF or New York?"), with the conversation's region
    first when the question compares against it ("how does that compare to the Bay Area?")."""
    labels = list(dict.fromkeys(b.region for b in rows))
    named = regions_named(understood.question, labels)
    if (
        len(named) == 1
        and previous_region in labels
        and previous_region not in named
        and _COMPARES.search(understood.question)
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
            if understood.region and company == understood.company:
                named = [b for b in rows if b.region == understood.region]
                if named:
                    chosen += named
                    continue
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


def _columns(band: CompBand) -> list[tuple[str, str]]:
    """(header, cell) of the row, the region column left out."""
    return [(h, v) for h, v in band.cells.items() if h.strip() and v != band.region]


def _component_cell(band: CompBand, component: str) -> tuple[str, str] | None:
    words = _COMPONENT_COLUMNS.get(component, ())
    for header, value in _columns(band):
        if any(w in header.lower() for w in words):
            return header, value
    return None


def _per_year_note(band: CompBand, writer: _Writer) -> str:
    years = band.stock_vesting_years
    if not years or band.stock_basis != "grant" or band.stock_min is None:
        return ""
    low = band.stock_min / years
    high = (band.stock_max or band.stock_min) / years
    writer.values += [(low, band.currency), (high, band.currency)]
    span = format_money(low, band.currency)
    if high != low:
        span += "–" + format_money(high, band.currency)
    return (
        f"The stock figure is a grant vesting over {years} years: about {span} a year "
        f"(grant ÷ {years})."
    )


def _comp(writer: _Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence) -> None:
    bands = _bands_for(understood, retrieval, ev.facts, ev.previous_region)
    if understood.component == "sign_on":
        _sign_on(writer, understood, retrieval, ev)
        return
    if not bands:
        _general(writer, understood, retrieval, ev)
        return
    if understood.region_nearby and understood.place and understood.region:
        writer.add(
            f"The guides have no row for {understood.place.title()}; the nearest is "
            f"**{understood.region}**.",
            "",
        )
    if len(bands) == 1:
        _one_band(writer, bands[0], understood.component)
    else:
        _band_table(writer, bands)
    notes = {_per_year_note(b, writer) for b in bands} - {""}
    if notes:
        writer.add("", *sorted(notes))
    if len({b.currency for b in bands}) > 1:
        writer.add("", "Each row is in its own currency; no exchange rate is applied.")
    writer.add(
        "",
        "Give me your offer (base, stock and vesting years, bonus) and I will show where it "
        "sits in the band and what to counter with.",
    )


def _one_band(writer: _Writer, band: CompBand, component: str | None) -> None:
    mark = writer.book.cite(band.chunk_id)
    where = f"{band.company} · {band.role} · {band.region}"
    focus = _component_cell(band, component) if component else None
    if focus:
        writer.add(f"**{focus[0]}** for {where} ({band.currency}): **{focus[1]}** {mark}", "")
        writer.key.append(focus[1])
        writer.add("The whole row:")
    else:
        writer.add(f"**{where}** ({band.currency}) {mark}", "")
    writer.add("| Component | Range |", "|---|---|")
    for header, value in _columns(band):
        writer.add(f"| {header} | {value} {mark} |")


def _band_table(writer: _Writer, bands: list[CompBand]) -> None:
    by_company: dict[str, list[CompBand]] = {}
    for band in bands:
        by_company.setdefault(f"{band.company} · {band.role}", []).append(band)
    for title, rows in by_company.items():
        headers = [h for h, _ in _columns(rows[0])]
        writer.add(f"**{title}**", "")
        writer.add("| Region | " + " | ".join(headers) + " | Source |")
        writer.add("|---" * (len(headers) + 2) + "|")
        for band in rows:
            cells = dict(_columns(band))
            values = [cells.get(h, "—") for h in headers]
            mark = writer.book.cite(band.chunk_id)
            writer.add(f"| {band.region} | " + " | ".join(values) + f" | {mark} |")
        writer.add("")


def _sign_on(writer: _Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    """Sign-on figures live in levers and scripts, not in the comp tables."""
    passages = [
        h for h in retrieval.hits if h.kind in ("lever", "script") and "sign" in h.text.lower()
    ]
    if not passages:
        _general(writer, understood, retrieval, ev)
        return
    writer.add("The comp tables have no sign-on column; the guide names sign-on figures here:", "")
    for hit in passages:
        sentences = [s for s in _sentences(_body(hit.text)) if "sign" in s.lower()]
        for sentence in sentences[:MAX_SENTENCES_PER_PASSAGE]:
            writer.add(f"- {sentence} {writer.book.cite(hit.chunk_id)}")


# --- counter -----------------------------------------------------------------------------------


def _counter(writer: _Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    negotiation = ev.negotiation
    if negotiation is None:
        _no_offer_yet(writer, understood, retrieval, ev)
        return
    offer = negotiation.offer
    writer.values += engine_values(negotiation)
    band = negotiation.band
    if band is not None:
        mark = writer.book.cite(band.chunk_id)
        writer.add(
            f"**Your {offer.company} offer** against the guide's {band.role} band for "
            f"{band.region} ({band.currency}) {mark}:",
            "",
        )
        writer.add("| Component | Your offer | Guide range | Where it sits |", "|---|---|---|---|")
        for row in negotiation.position:
            offer_cell = row.offer.display if row.offer else "—"
            low, high = row.band_min, row.band_max
            band_cell = f"{low.display}–{high.display} {mark}" if low and high else "—"
            where = row.status
            if row.percent is not None and row.status == "within":
                where += f" ({row.percent:.0f}% of the way up)"
            writer.add(
                f"| {_COMPONENT_NAMES.get(row.component, row.component)} | {offer_cell} "
                f"| {band_cell} | {where} |"
            )
        if any(r.component == "stock" and r.offer for r in negotiation.position):
            writer.add("", "(Stock is compared per year: grant ÷ vesting years.)")
        annual = negotiation.totals.annualized
        if annual is not None:
            writer.add("", f"Your offer's annualized total: **{annual.display}** = {annual.text}.")
    elif offer.company:
        writer.add(f"**Your {offer.company} offer** ({offer.region or 'region not given'}).")
    if negotiation.comparison:
        writer.add("", "**Offers side by side** (as you gave them, each in its own currency)", "")
        for row in negotiation.comparison:
            package = (
                offer
                if row.company == (offer.company or "offer")
                else next((p for p in offer.competing if p.company == row.company), None)
            )
            parts = _package_parts(package) if package else ""
            total = row.totals.annualized
            writer.add(
                f"- {row.company}: {parts}"
                + (f"; annualized **{total.display}** = {total.text}" if total else "")
            )
    for question in negotiation.questions:
        writer.add("", f"**To go further:** {question}")
    for note in negotiation.notes:
        writer.add("", f"Note: {note}")
    proposal = negotiation.proposal
    if proposal is None:
        return
    writer.add("", "**What to ask for**", "")
    for ask in proposal.asks:
        name = (
            "Walk-away floor (keep private)"
            if ask.component == "floor"
            else (_COMPONENT_NAMES.get(ask.component, ask.component))
        )
        writer.key.append(ask.figure.display)
        if ask.component == "stock" and offer.stock_years and offer.stock_basis == "grant":
            name += f" (grant over {offer.stock_years} years)"
        now = f" (offer {ask.offer.display})" if ask.offer is not None else ""
        writer.add(
            f"- {name}: **{ask.figure.display}**{now} {_sources(writer, ask.figure)} "
            f"— {ask.rule}{_formula(ask.figure)}"
        )
    at_ask = proposal.totals.annualized
    if at_ask is not None:
        writer.add(f"- Annualized total at these asks: **{at_ask.display}**")
    if proposal.levers:
        writer.add("", "**Levers from the guide**", "")
        for lever in proposal.levers:
            mark = writer.book.cite(lever.chunk_id)
            writer.add(f"{lever.number}. **{lever.name}** {mark}: {lever.status} ({lever.reason}).")
    for note in proposal.notes:
        writer.add("", f"Note: {note}")
    drafts = ev.drafts
    if drafts is not None:
        writer.add("", "**Email draft** (figures as above; fill in the names)", "")
        writer.add(*(f"> {line}" if line else ">" for line in _unmarked(drafts.email).splitlines()))
        writer.add("", "**Phone script**", "")
        writer.add(*_renumbered(drafts, writer.book).splitlines())


def _package_parts(package) -> str:
    """An offer's components as the user gave them ("base $208K, stock $235K over 4 years")."""
    cur = package.currency
    parts = []
    if package.base is not None:
        parts.append(f"base {format_money(package.base, cur)}")
    if package.stock is not None:
        years = f" over {package.stock_years} years" if package.stock_years else ""
        basis = " a year" if package.stock_basis == "per_year" else years
        parts.append(f"stock {format_money(package.stock, cur)}{basis}")
    if package.bonus_pct is not None:
        parts.append(f"bonus {package.bonus_pct:g}%")
    if package.sign_on:
        parts.append(f"sign-on {format_money(package.sign_on, cur)}")
    if package.tc is not None and package.base is None:
        parts.append(f"total comp {format_money(package.tc, cur)}")
    return ", ".join(parts) or "no components given"


def _no_offer_yet(writer: _Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    company = understood.company
    if ev.offer_problem:
        writer.add(f"I could not read the offer: {ev.offer_problem}", "")
    writer.add(
        "To compute a counter I need your offer: base salary, stock (with the vesting years), "
        "bonus, any sign-on, and the region, written as you would say it, e.g. "
        '*"<company>, <city>: $___K base, $___K RSU over 4 years, __% bonus"*.'
    )
    if not company:
        return
    scripts = [s for s in ev.facts.scripts if s.company == company]
    for script in scripts[:1]:
        writer.add(
            "",
            f"Meanwhile, the {company} guide's negotiate-up script "
            f"{writer.book.cite(script.chunk_id)}:",
            "",
            f"> {script.text}",
        )
    rows = [b for b in ev.facts.bands if b.company == company]
    if understood.region:
        rows = [b for b in rows if b.region == understood.region]
    if len(rows) == 1:
        writer.add("")
        _one_band(writer, rows[0], None)


def _sources(writer: _Writer, figure: Figure) -> str:
    marks, mine = [], False
    for leaf in figure.leaves():
        chunk_id = leaf.provenance.chunk_id
        if chunk_id is None:
            mine = True
        elif (mark := writer.book.cite(chunk_id)) not in marks:
            marks.append(mark)
    return "".join(marks) + ("(your offer)" if mine and not marks else "")


def _formula(figure: Figure) -> str:
    if figure.provenance.kind != "formula":
        return ""
    return f"; {figure.text}"


def _unmarked(text: str) -> str:
    return re.sub(r"\s?\[\d+\]", "", text)


def _renumbered(drafts: Drafts, book: CitationBook) -> str:
    """The drafts' own markers mapped to this answer's citations (the user's offer unmarked)."""
    mapping = {c.n: (book.cite(c.chunk_id) if c.chunk_id else "") for c in drafts.citations}
    text = _MARKER.sub(lambda m: mapping.get(int(m.group(1)), ""), drafts.phone)
    return re.sub(r" +([.,;:)])", r"\1", re.sub(r" {2,}", " ", text))


def engine_values(negotiation: Negotiation) -> list[EngineValue]:
    """Every value the engine showed: figures, their formula inputs, and band positions."""
    figures: list[Figure] = []
    for row in negotiation.position:
        figures += [f for f in (row.offer, row.band_min, row.band_max) if f]
    t = negotiation.totals
    figures += [f for f in (t.annualized, t.first_year, t.four_year) if f]
    if negotiation.proposal:
        figures += negotiation.proposal.figures()
        figures += [a.offer for a in negotiation.proposal.asks if a.offer]
    for row in negotiation.comparison:
        figures += [
            f for f in (row.totals.annualized, row.totals.first_year, row.totals.four_year) if f
        ]
    out: list[EngineValue] = []
    for figure in figures:
        out += [(f.value, f.unit) for f in _walk(figure)]
    out += [(round(r.percent), "%") for r in negotiation.position if r.percent is not None]
    return out


def _walk(figure: Figure) -> Iterable[Figure]:
    yield figure
    for child in figure.provenance.inputs:
        yield from _walk(child)


# --- levers ------------------------------------------------------------------------------------


def _levers(writer: _Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    companies = [c for c in (understood.company, *understood.other_companies) if c]
    if not companies:
        companies = list(
            dict.fromkeys(
                h.company for h in retrieval.hits if h.kind in ("lever", "script") and h.company
            )
        )[:2]
    if not companies:
        _general(writer, understood, retrieval, ev)
        return
    wanted = _wanted(understood)

    def overlap(hit) -> int:
        return _score(wanted, _body(hit.text) + " " + hit.section)

    lever_best = max(
        (overlap(h) for h in retrieval.hits if h.kind in ("lever", "script")), default=0
    )
    prose = [
        h
        for h in _on_topic(list(retrieval.hits), wanted)
        if h.kind not in ("lever", "script", "table_row", "list")
        and (overlap(h) > lever_best or overlap(h) >= max(2, lever_best))
    ]
    for hit in prose[:1]:  # "what is their negotiation DNA?": the passage asked about, first
        writer.add(f"**{hit.company}: {hit.section}**", "")
        mark = writer.book.cite(hit.chunk_id)
        writer.add(*(f"- {s} {mark}" for s in _condensed(hit, wanted)), "")
    for company in companies:
        levers: list[Lever] = sorted(
            (lv for lv in ev.facts.levers if lv.company == company), key=lambda lv: lv.number
        )
        scripts = [s for s in ev.facts.scripts if s.company == company]
        if not levers and not scripts:
            continue
        writer.add(f"**{company}: the guide's negotiation levers**", "")
        for lever in levers:
            text = _clean(lever.text)
            writer.add(
                f"{lever.number}. **{lever.name}** {writer.book.cite(lever.chunk_id)}: {text}"
            )
        for script in scripts:
            writer.add(
                "",
                f"**{script.name}** {writer.book.cite(script.chunk_id)}:",
                "",
                f"> {_clean(script.text)}",
            )
        writer.add("")
    if writer.lines:
        writer.add("Use a lever only when it is true for you; the figures are the guide's.")
    else:
        _general(writer, understood, retrieval, ev)


# --- interview ---------------------------------------------------------------------------------

_GROUPS = (
    ("Process", ("process", "timeline", "round", "stage", "loop", "how long")),
    ("What they evaluate", ("evaluat", "deep dive", "requirement", "skill", "responsibilit")),
    ("Example questions", ()),
    ("Tips", ("tip", "prepar", "getting ready", "next steps", "summary")),
)


def _group_of(hit: ChunkRecord) -> str:
    """The interview answer's group for a passage, by its kind, section and opening line."""
    if hit.kind == "questions":
        return "Example questions"
    if hit.kind == "qa":
        return "What candidates ask"
    lowered = f"{hit.section} {_body(hit.text).splitlines()[0]}".lower()
    for name, words in _GROUPS:
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words):
            return name
    return "More from the guide"


def _interview(
    writer: _Writer,
    understood: Understanding,
    retrieval: Retrieval,
    records: Mapping[str, ChunkRecord],
) -> None:
    hits = [h for h in retrieval.hits if h.guide_kind == "interview"] or list(retrieval.hits)
    wanted = _wanted(understood)
    hits = _with_siblings(_on_topic(hits, wanted), records)
    scored = [(hit, _condensed(hit, wanted)) for hit in hits]
    if not scored:
        return
    guide = scored[0][0]
    writer.add(f"From the **{guide.title or guide.company + ' interview guide'}**:", "")
    groups: dict[str, list] = {}
    for hit, lines in scored:
        groups.setdefault(_group_of(hit), []).append((hit, lines))
    budget = MAX_BULLETS
    for name in groups:  # in the order of each group's most relevant passage
        if budget <= 0:
            break
        writer.add(f"**{name}**", "")
        for hit, lines in groups[name]:
            if budget <= 0:
                break
            mark = writer.book.cite(hit.chunk_id)
            topic = f"*{hit.section}:* " if name == "Example questions" else ""
            for line in lines[:budget]:
                writer.add(f"- {topic}{line} {mark}")
            budget -= len(lines)
        writer.add("")


def _with_siblings(hits: list, records: Mapping[str, ChunkRecord]) -> list:
    """A list split over several chunks is shown whole: each list hit brings the other chunks
    of its section that open with the same lead-in line, in guide order."""
    out, seen = [], {h.chunk_id for h in hits}
    for hit in hits:
        out.append(hit)
        if hit.kind != "list":
            continue
        lead = _body(hit.text).split("\n", 1)[0]
        for record in records.values():
            if (
                record.chunk_id not in seen
                and record.source == hit.source
                and record.section == hit.section
                and record.kind == "list"
                and _body(record.text).split("\n", 1)[0] == lead
            ):
                out.append(record)
                seen.add(record.chunk_id)
    return out


def _wanted(understood: Understanding) -> set[str]:
    """The query's words that tell passages apart (not the company, role or generic words)."""
    common = " ".join(
        [understood.company or "", *(understood.other_companies), understood.role or "", _GENERIC]
    )
    return set(tokenize(understood.query)) - set(tokenize(common))


def _score(wanted: set[str], text: str) -> int:
    return len(wanted & set(tokenize(text)))


_LISTS_SOURCES = re.compile(r"\b(?:sources|evidence|references|bibliography)\b", re.I)
_ASKS_FOR_SOURCES = re.compile(r"\b(?:sourc|evid|refer|data)", re.I)


def _on_topic(hits: list, wanted: set[str]) -> list:
    """The hits sharing at least half as many of the question's words as the best one does,
    and retrieval's first two whatever their words (MiniLM knows "K8s" is Kubernetes); all of
    them when none shares any; best first, stable."""
    if not _ASKS_FOR_SOURCES.search(" ".join(sorted(wanted))):
        hits = [h for h in hits if not _LISTS_SOURCES.search(h.section)] or hits
    scores = {h.chunk_id: _score(wanted, _body(h.text) + " " + h.section) for h in hits}
    best = max(scores.values(), default=0)
    if not best:
        return hits
    scores[hits[0].chunk_id] = best  # retrieval's first choice is never demoted
    kept = [h for rank, h in enumerate(hits) if scores[h.chunk_id] * 2 >= best or rank < 2]
    return sorted(kept, key=lambda h: -scores[h.chunk_id])


_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


def _condensed(hit: ChunkRecord, wanted: set[str]) -> list[str]:
    """A list passage's items (those on the question's topic first, each cut to its first
    sentence), or a prose passage's sentences most relevant to the question."""
    body = _body(hit.text)
    if hit.kind == "qa":
        return [_question_and_answer(body)]
    lines = [line for line in body.splitlines() if line.strip()]
    marked = [_ITEM.sub("", line) for line in lines if _ITEM.match(line)]
    if not marked and hit.kind == "list" and len(lines) > 1:
        marked = lines[1:]  # a plain-text list: its first line leads in, one item per line
    items = [_shortened(_clean(i)) for i in marked]
    items = [i for i in items if i and usable_sentence(i)]
    if items:
        ranked = sorted(items, key=lambda i: -_score(wanted, i))  # stable: guide order on ties
        return ranked[:MAX_ITEMS_PER_LIST]
    return _relevant_sentences(body, wanted)


def _question_and_answer(body: str) -> str:
    """A Q&A passage as one item: the question, then the answer's first two sentences."""
    flat = _clean(body)
    question, _, answer = flat.partition("?")
    question = question.removeprefix("Q:").strip() + "?"
    answer = " ".join(_sentences(answer.strip().removeprefix("A:").strip())[:2])
    return f"**{question}** {answer}".strip()


def _shortened(item: str) -> str:
    """A long list item cut to its first sentence; a short one (a quoted question) whole."""
    if len(item) <= MAX_ITEM_CHARS or item.count('"') % 2:
        return item
    first = (_sentences(item) or [item])[0]
    return first if first.count('"') % 2 == 0 else item


# --- general -----------------------------------------------------------------------------------


def _general(writer: _Writer, understood: Understanding, retrieval: Retrieval, ev: Evidence):
    wanted = _wanted(understood)
    by_id = {b.chunk_id: b for b in ev.facts.bands}
    last_heading = ""
    for hit in _on_topic(list(retrieval.hits), wanted)[:3]:
        if hit.chunk_id in by_id:
            _one_band(writer, by_id[hit.chunk_id], understood.component)
            writer.add("")
            continue
        sentences = _condensed(hit, wanted)
        if not sentences:
            continue
        mark = writer.book.cite(hit.chunk_id)
        heading = f"**{hit.company + ': ' if hit.company else ''}{hit.section}**"
        if heading == last_heading:
            writer.lines.pop()  # the blank line: this passage continues the section above
        else:
            writer.add(heading, "")
        last_heading = heading
        writer.add(*(f"- {s} {mark}" for s in sentences))
        writer.add("")


def _relevant_sentences(body: str, wanted: set[str]) -> list[str]:
    """Up to a few sentences sharing words with the question, in passage order; the opening
    sentence when none does."""
    sentences = [s for s in _sentences(body) if usable_sentence(s)]
    scored = [(_score(wanted, s), i, s) for i, s in enumerate(sentences)]
    best = [t for t in sorted(scored, key=lambda t: (-t[0], t[1])) if t[0] > 0]
    best = best[:MAX_SENTENCES_PER_PASSAGE] or scored[:1]
    chosen = {i for _, i, _ in best}
    for _, i, _ in list(best):  # each chosen sentence brings the one after it, for context
        if len(chosen) < MAX_SENTENCES_PER_PASSAGE + 1 and i + 1 < len(scored):
            chosen.add(i + 1)
    best = [scored[i] for i in sorted(chosen)]
    return [_clean(s) for _, _, s in sorted(best, key=lambda t: t[1])]


# --- text helpers ------------------------------------------------------------------------------


def _body(text: str) -> str:
    """A chunk's text without its first line (the guide title and section)."""
    return text.split("\n", 1)[1] if "\n" in text else text


def _sentences(text: str) -> list[str]:
    flat = re.sub(r"\s*\n\s*", " ", text)
    return [s.text.strip() for s in split_sentences(flat) if s.text.strip()]


def _clean(text: str) -> str:
    """Passage text fit to sit inside one markdown line: no heading marks, no stray markers."""
    text = re.sub(r"\s+", " ", text).strip()
    text = text.lstrip("> ").strip()
    return _MARKER.sub(lambda m: f"\\[{m.group(1)}\\]", text)  # a guide's "[1]" is not ours
