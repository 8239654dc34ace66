"""A negotiation playbook to keep: one document, written as Markdown and as a printable HTML
page, holding the offer(s), where each component sits in the guide's band, the asks with their
sources, the levers that apply, the email and phone-script drafts (no citation markers in their
text; their sources listed beneath them), the walk-away floor marked private, the year-by-year
comparison, and a Sources section quoting every cited passage in full.

Every figure in it is a guide passage's (quoted under Sources), the user's own (their offer
text, also under Sources), or a calculation the engine shows beside it; `Playbook.sources`
says exactly that for the grounding check.

Leaves out: PDF (print the HTML page), and any wording from a model: the text is fixed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.compose.counter import engine_values
from assistant.compose.document import Document
from assistant.compose.grounding import GroundingSources
from assistant.corpus.factbook import CorpusFacts
from assistant.engine.drafts import Drafts, write_drafts
from assistant.engine.figures import Figure
from assistant.engine.negotiation import Negotiation, negotiate
from assistant.engine.years import (
    FORMULAS,
    Comparison,
    compare_texts,
    read_offer,
)
from assistant.engine.years_report import HEADERS, leader_sentences, table_rows
from assistant.errors import OfferError

_CHUNK = re.compile(r"\[(\w{6,})\]")  # a chunk id in a figure's provenance text


@dataclass(frozen=True)
class Cited:
    n: int
    chunk_id: str
    name: str
    source: str
    quote: str


@dataclass(frozen=True)
class Playbook:
    document: Document
    cited: tuple[Cited, ...]
    user_texts: tuple[str, ...]
    calculations: tuple[tuple[float, str], ...]  # the values of every calculation shown

    @property
    def markdown(self) -> str:
        return self.document.markdown()

    @property
    def html(self) -> str:
        return self.document.html()

    @property
    def sources(self) -> GroundingSources:
        """What the playbook's figures may come from: the Sources section, the calculations."""
        return GroundingSources(
            passages=[c.quote for c in self.cited],
            user_texts=self.user_texts,
            engine_values=self.calculations,
        )


class _Book:
    def __init__(self, passages: dict[str, str]):
        self.passages, self.cited = passages, {}

    def cite(self, chunk_id: str, name: str = "", source: str = "") -> str:
        if chunk_id not in self.cited:
            quote = self.passages.get(chunk_id, "")
            self.cited[chunk_id] = Cited(len(self.cited) + 1, chunk_id, name, source, quote)
        return f"[{self.cited[chunk_id].n}]"

    def text_of(self, figure: Figure) -> str:
        """The figure's provenance, chunk ids replaced by this playbook's [n]."""
        for leaf in figure.leaves():
            p = leaf.provenance
            if p.chunk_id:
                self.cite(p.chunk_id, p.name, p.source)
        return _CHUNK.sub(lambda m: self.cite(m[1]) if m[1] in self.cited else m[0], figure.text)


def build_playbook(
    text: str,
    others: Sequence[str],
    corpus: CorpusFacts,
    years: int = 4,
    rates: Sequence[str] = (),
) -> Playbook:
    """The playbook for the offer in `text`, compared year by year with `others`."""
    if len(others) > 3:
        raise OfferError(f"--compare: {len(others)} other offers given; at most 3 (four in all).")
    from assistant.engine.negotiation import band_defaults, catalog

    facts = corpus.facts
    companies, regions = catalog(facts)
    currencies, vesting = band_defaults(facts)
    offer, _ = read_offer(text, companies, regions, currencies, vesting, field="offer")
    comparison = compare_texts([text, *others], facts, years, rates)
    negotiation = negotiate(offer, facts)
    passages = corpus.passages()
    drafts = write_drafts(negotiation, passages)
    book = _Book(passages)
    calculations: list[tuple[float, str]] = list(engine_values(negotiation))
    doc = Document(f"Negotiation playbook: {comparison.offers[0].label}")
    doc.p(
        "Prepared by Offer Coach from your offer and the guides. Every figure is quoted in "
        "Sources at the end, is what you wrote, or is a calculation shown beside it."
    )
    _offers(doc, comparison, negotiation)
    _band(doc, negotiation, book, calculations)
    _asks(doc, negotiation, book)
    _drafts(doc, drafts, book)
    _years(doc, comparison, calculations)
    _sources(doc, book, comparison, rates)
    user_texts = (text, *others, *(r.text for r in comparison.rates))
    return Playbook(doc, tuple(book.cited.values()), user_texts, tuple(calculations))


def write_playbook(
    text: str,
    others: Sequence[str],
    corpus: CorpusFacts,
    out: Path,
    years: int = 4,
    rates: Sequence[str] = (),
) -> list[Path]:
    """Write FILE.md and FILE.html; the paths written."""
    if out.suffix.lower() != ".md":
        raise OfferError(f"--out {out}: give a file name ending in .md (FILE.html is written too).")
    if not out.parent.is_dir():
        raise OfferError(f"--out {out}: the folder {out.parent} does not exist.")
    playbook = build_playbook(text, others, corpus, years, rates)
    html = out.with_suffix(".html")
    out.write_text(playbook.markdown, encoding="utf-8")
    html.write_text(playbook.html, encoding="utf-8")
    return [out, html]


# --- sections ------------------------------------------------------------------------------------


def _offers(doc: Document, comparison: Comparison, negotiation: Negotiation) -> None:
    doc.h2("The offers" if len(comparison.offers) > 1 else "Your offer")
    doc.ul([f'{o.label} ({o.currency}): "{o.offer.text}"' for o in comparison.offers])
    doc.ul(
        [f"Note: {n}" for n in negotiation.notes]
        + [f"To settle: {q}" for q in _questions(negotiation)]
    )


def _questions(negotiation: Negotiation) -> list[str]:
    return list(dict.fromkeys(negotiation.questions))


def _band(doc: Document, negotiation: Negotiation, book: _Book, calculations: list) -> None:
    band = negotiation.band
    if band is None or not negotiation.position:
        return
    mark = book.cite(band.chunk_id, f"{band.company} {band.region} band row", band.source)
    doc.h2("Where each component sits in the band")
    doc.p(
        f"The guide's band for {band.role}, {band.company} {band.region} ({band.currency}) {mark}."
    )
    rows = []
    for row in negotiation.position:
        where = row.status
        if row.percent is not None:
            where = f"{row.status} ({row.percent:.0f}% of the way from min to max)"
            calculations.append((round(row.percent), "%"))
        cells = [f.display if f else "—" for f in (row.offer, row.band_min, row.band_max)]
        rows.append([row.component, *cells, where])
    doc.table(["Component", "Offer", "Band min", "Band max", "Where"], rows)
    doc.p("Stock is compared per year: the grant ÷ its vesting years.")


def _asks(doc: Document, negotiation: Negotiation, book: _Book) -> None:
    proposal = negotiation.proposal
    if proposal is None:
        return
    doc.h2("What to ask for")
    rows = [
        [a.component.replace("_", "-"), a.offer.display if a.offer else "—", a.figure.display,
         book.text_of(a.figure), a.rule]
        for a in proposal.asks
    ]  # fmt: skip
    doc.table(["Component", "Offer", "Ask", "Source", "Why"], rows)
    total = proposal.totals.annualized
    if total is not None:
        doc.p(f"Annualized at the asks: {total.display} = {book.text_of(total)}.")
    levers = []
    for lever in proposal.levers:
        mark = book.cite(lever.chunk_id, f"{lever.name} lever", lever.source)
        levers.append(f"{lever.name} {mark}: {lever.status} ({lever.reason}).")
    if levers:
        doc.h2("Levers")
        doc.ul(levers)


def _drafts(doc: Document, drafts: Drafts | None, book: _Book) -> None:
    if drafts is None:
        return
    sources = []
    for c in drafts.citations:
        if c.chunk_id:
            sources.append(f"{c.name}: see {book.cite(c.chunk_id, c.name, c.source)} in Sources")
        else:
            sources.append("Your offer, as you wrote it (in Sources)")
    doc.h2("Email draft (to send)")
    doc.pre(drafts.email)
    doc.p("Where its figures come from:")
    doc.ul(sources)
    said = [line for line in drafts.phone.splitlines() if not line.startswith("Private")]
    doc.h2("Phone script (to say)")
    doc.pre("\n".join(said))
    doc.p("Where its figures come from:")
    doc.ul(sources)
    private = [line for line in drafts.phone.splitlines() if line.startswith("Private")]
    if private:
        doc.h2("Your walk-away floor")
        floor = private[0].removeprefix("Private, do not say: ")
        doc.private(floor[:1].upper() + floor[1:])


def _years(doc: Document, comparison: Comparison, calculations: list) -> None:
    doc.h2("Year by year")
    for offer in comparison.offers:
        stock = f"; stock: {offer.schedule.label}" if offer.schedule else ""
        doc.h3(f"{offer.label} ({offer.currency}){stock}")
        doc.table(list(HEADERS), table_rows(offer))
        doc.ul([f"Assumption: {a}" for a in offer.assumptions])
        for row in offer.rows:
            calculations += [
                (f.value, f.unit) for f in (*row.parts(), row.total, row.cumulative) if f
            ]
    for series in comparison.cumulative:
        calculations += [(f.value, f.unit) for f in series]
    doc.p(f"How: {FORMULAS}.")
    doc.ul(leader_sentences(comparison))


def _sources(doc: Document, book: _Book, comparison: Comparison, rates: Sequence[str]) -> None:
    doc.h2("Sources")
    for cited in book.cited.values():
        doc.h3(f"[{cited.n}] {cited.name}: {cited.source}")
        doc.pre(cited.quote or "(passage not found in the guides)")
    doc.h3(
        "Your offers, as you wrote them"
        if len(comparison.offers) > 1
        else "Your offer, as you wrote it"
    )
    doc.pre("\n".join(o.offer.text for o in comparison.offers))
    if comparison.rates:
        doc.h3("Exchange rates you gave")
        doc.ul([r.text for r in comparison.rates])
