"""The grounding check: every figure an answer states must come from a cited passage, from the
user's own words, or from a calculation the negotiation engine showed; every [n] marker must
point at one of the answer's citations.

- `figures_in(text)` lists the amounts and percentages in a text (read with
  `assistant.money.find_amounts`, so "$150–215K", "CNY 1.2M", "₹25L" and "15–25%" mean what
  they mean everywhere else); a range gives its low and its high end. Citation markers ("[1]",
  "[1, 2]") and list numbering ("1.") are never figures.
- `is_grounded(mention, sources)`: some allowed value equals the mention within half a unit of
  the last digit the mention shows ("$216.2K" is 216,200 ± 50, "$175K" is 175,000 ± 500,
  "$175,000" is 175,000 ± 0.5), in a compatible unit: "%" only with "%"; a currency with the
  same currency or with a figure that named none; a figure that names no currency with any
  value that is not a percentage. Stating a source's figure more coarsely is fine, more
  precisely is not.
- A figure money refuses to read ("$175KK", "$17_5000": `unreadable_in`) or reads as absurd
  ("$1e308", 400 nines) is never grounded by a value nor read as a shorter figure; it passes
  only quoted word for word from the user or a passage ("I cannot read '$17_5000'").
- `check(text, citation_numbers, sources)` gives a `GroundingReport` (the figures not grounded,
  markers that point nowhere, the sentences holding them, numeric faithfulness for the evals);
  `repair` drops exactly those sentences, keeping the markdown structure of the rest.
- `split_sentences` cuts markdown into checkable units: a list item, table row, heading or
  quote line is one unit; prose is cut into sentences ("$1.2M", "e.g.", "U.S.", "vs." and a
  marker before the full stop do not end one).
- `echoes(text, secret)`: whether a text repeats a run of a secret's words (a model's prompt).

Leaves out: whether a figure is the *right* one for its sentence (a grounded $175K quoted as a
base when the passage calls it a bonus passes), numbers in words ("two hundred thousand"),
exchange rates, "[1–3]"-style marker ranges, and malformed amounts money cannot read at all
("$15%"). Any bracketed whole number ("[12]", "[1000]") is read as a marker, never a figure;
"[2,000]" with digit grouping is a figure. Making text safe to render is
assistant.compose.safe_markdown. Pure functions over strings: no model, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from assistant.money import (
    CURRENCY_ALIASES,
    MAX_AMOUNT,
    PERCENT,
    find_amounts,
    thousands_beside_pay_words,
    unreadable_amounts,
)

# --- figures ------------------------------------------------------------------------------

# "[1]", "[1][2]" (two matches), "[1, 2]"; not "[2,000]" (a grouped number, i.e. a figure).
CITATION_MARKER = re.compile(r"\[(?!\d{1,3}(?:,\d{3})+(?:\.\d+)?\])\s*(\d+(?:\s*,\s*\d+)*)\s*\]")
_LIST_NUMBER = re.compile(r"^([ \t]*(?:>[ \t]*)*)(\d+[.)])(?=\s|$)", re.MULTILINE)
_NUMBER_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_KNOWN_SCALES = (1.0, 1e3, 1e5, 1e6, 1e7, 1e9)
_CURRENCY_TOKEN = "|".join(
    re.escape(alias) for alias in sorted(CURRENCY_ALIASES, key=len, reverse=True)
)
# Where money's reading of a stretch failed ("$100K–£120K", "$200K–$150K", "$100K £120K"),
# the second pass cuts the stretch at dashes, "to" and before a currency so each part is read.
_SECOND_PASS_CUT = re.compile(rf"–|—|-|\bto\b|\s(?=(?:{_CURRENCY_TOKEN}))", re.IGNORECASE)
_BLOCKED = "\x00"  # stands in for text the first pass already read
_LINE_BREAK = re.compile(r"[\r\n]")  # blanked with a non-space, so no figure spans lines


@dataclass(frozen=True)
class FigureMention:
    """One figure as the text states it: a value in a unit (ISO code, "%" or "" when no
    currency is named), its raw text and where it is. Both ends of a range share the range's
    text and span."""

    value: float
    unit: str
    text: str
    start: int
    end: int

    @property
    def tolerance(self) -> float:
        """Half a unit of the last digit the text shows, at the scale it is written in."""
        return _half_unit(self.text, self.value)


def _half_unit(text: str, value: float) -> float:
    """Tolerance of a figure's text: "$216.2K" -> 50, "$175K" -> 500, "175,000" -> 0.5,
    "CNY 1.2M" -> 50,000, "15%" -> 0.5. The scale of each number token is read off the value
    it gave (value / number), so the tolerance follows exactly what money parsed; of several
    readings the finest wins."""
    halves = []
    for token in _NUMBER_TOKEN.findall(text):
        number = Decimal(token.replace(",", ""))
        half_digit = Decimal(1).scaleb(number.as_tuple().exponent) / 2
        if number == 0:
            if value == 0:
                halves.append(float(half_digit))
            continue
        scale = value / float(number)
        if any(abs(scale - known) <= known * 1e-9 for known in _KNOWN_SCALES):
            halves.append(float(half_digit) * scale)
    return min(halves) if halves else 0.0


def _mask(text: str, pattern: re.Pattern[str], group: int = 0, fill: str = " ") -> str:
    """`text` with each match (or the given group of it) overwritten, offsets unchanged."""

    def blank(match: re.Match[str]) -> str:
        whole = match.group(0)
        a, b = match.start(group) - match.start(), match.end(group) - match.start()
        return whole[:a] + fill * (b - a) + whole[b:]

    return pattern.sub(blank, text)


def _mentions(text: str, offset_text: str) -> list[FigureMention]:
    """The figures money finds in `text`, with raw text taken from `offset_text`."""
    found = []
    for amount, start, end in find_amounts(text):
        while text[start].isspace() or text[start] == "[":  # "$[35K-55K]": "[" is not text
            start += 1
        unit = amount.unit or _currency_before(text, start)
        raw = offset_text[start:end]
        ends = (amount.low, amount.high) if amount.is_range else (amount.low,)
        found.extend(FigureMention(value, unit, raw, start, end) for value in ends)
    return found


_CURRENCY_BEFORE = re.compile(rf"(?<![A-Za-z])(?:{_CURRENCY_TOKEN})[ \t]?$", re.IGNORECASE)


def _currency_before(text: str, start: int) -> str:
    """The currency written right before a figure money read without one: a currency money
    left unread because its reading of the stretch failed ("£" in "$100K £120K")."""
    match = _CURRENCY_BEFORE.search(text, max(0, start - 6), start)
    if not match:
        return ""
    token = match.group(0).strip()
    return CURRENCY_ALIASES.get(token, CURRENCY_ALIASES.get(token.upper(), ""))


def figures_in(text: str) -> list[FigureMention]:
    """Every amount and percentage in `text`, in order. Markers and list numbers are blanked
    before reading; stretches money could not read as one amount are read again in parts, so
    a figure is never lost to a malformed neighbour ("USD [1]" is not USD 1, and
    "$200K–$150K" still shows both figures). A figure never spans a line break (money alone
    reads "12" and a "%" opening the next line as 12%)."""
    masked = _masked(text)
    first = _mentions(masked, text)
    rest = list(masked)
    for mention in first:
        rest[mention.start : mention.end] = _BLOCKED * (mention.end - mention.start)
    second = _mentions(_mask("".join(rest), _SECOND_PASS_CUT, fill=";"), text)
    return sorted(first + second, key=lambda m: (m.start, m.value))


def _masked(text: str) -> str:
    """`text` with list numbers and markers blanked and line breaks made non-spaces."""
    return _mask(
        _mask(_mask(text, _LIST_NUMBER, group=2), CITATION_MARKER), _LINE_BREAK, fill="\x01"
    )


@dataclass(frozen=True)
class UnreadableMention:
    """A figure money refuses to read ("$175KK"), as the text writes it, and where."""

    text: str
    start: int


def unreadable_in(text: str) -> list[UnreadableMention]:
    """The figures in `text` money cannot read (`money.unreadable_amounts`), where they are."""
    masked = _masked(text)
    found, position = [], 0
    for raw in unreadable_amounts(masked, limit=len(masked)):
        start = masked.find(raw, position)  # each excerpt is a slice of `masked`, in order
        found.append(UnreadableMention(text[start : start + len(raw)].rstrip(".,+-"), start))
        position = start + 1
    return found


def markers_in(text: str) -> list[int]:
    """The citation numbers of every [n] marker, in order ("[1][2]" and "[1, 2]" give 1, 2)."""
    return [int(n) for match in CITATION_MARKER.finditer(text) for n in match.group(1).split(",")]


# --- sources and the matching rule --------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    """A value an answer may state: where it comes from ("passage", "user" or "engine") and
    the precision it was written with there (0 for the engine's exact values). Matching uses
    the precision of the mention, not this one; it is kept to explain a match."""

    value: float
    unit: str
    tolerance: float
    origin: str


@dataclass(frozen=True)
class GroundingSources:
    """What an answer may take its figures from: the quotes of its citations, everything the
    user wrote in the conversation, and the (value, unit) of each figure the negotiation
    engine showed (unit an ISO code, "%" or "years")."""

    passages: tuple[str, ...] = ()
    user_texts: tuple[str, ...] = ()
    engine_values: tuple[tuple[float, str], ...] = ()

    def __post_init__(self) -> None:  # accept lists, keep the object hashable
        object.__setattr__(self, "passages", tuple(self.passages))
        object.__setattr__(self, "user_texts", tuple(self.user_texts))
        values = tuple((float(value), str(unit)) for value, unit in self.engine_values)
        object.__setattr__(self, "engine_values", values)

    def allowed(self) -> frozenset[Allowed]:
        """Every grounded value: both ends of each range in the passages and the user's words,
        and the engine's values."""
        return self._allowed

    @cached_property
    def _allowed(self) -> frozenset[Allowed]:
        values = set(_allowed_in(self.passages, "passage"))
        values.update(_allowed_in(self.user_texts, "user"))
        values.update(Allowed(value, unit, 0.0, "engine") for value, unit in self.engine_values)
        return frozenset(values)


def _allowed_in(texts: Iterable[str], origin: str) -> Iterable[Allowed]:
    for text in texts:  # (the user's bare "170 base" also as the coach reads it, saying so)
        read, said = thousands_beside_pay_words(text) if origin == "user" else ("", "")
        for mention in (*figures_in(text), *(figures_in(read) if said else ())):
            yield Allowed(mention.value, mention.unit, mention.tolerance, origin)


def units_compatible(mention_unit: str, allowed_unit: str) -> bool:
    """% only with %; a currency with itself or with a value that named none; a mention that
    names no currency with any value that is not a percentage."""
    if PERCENT in (mention_unit, allowed_unit):
        return mention_unit == allowed_unit
    return not mention_unit or allowed_unit in (mention_unit, "")


def quoted_from_sources(text: str, sources: GroundingSources) -> bool:
    """True when `text` is word for word in the user's texts or a passage (the coach quoting
    a figure it refuses, "I cannot read '$17_5000'", is the user's own words)."""
    return bool(text) and any(text in source for source in (*sources.user_texts, *sources.passages))


def is_grounded(mention: FigureMention, sources: GroundingSources) -> bool:
    """True when some allowed value equals the mention within the mention's precision, in a
    compatible unit. An absurd value (not finite, or above money's MAX_AMOUNT: 400 nines,
    "$1e308") is grounded only as a quote of a source's own words, never by a value."""
    if not math.isfinite(mention.value) or abs(mention.value) > MAX_AMOUNT:
        return quoted_from_sources(mention.text, sources)
    tolerance = mention.tolerance
    slack = tolerance + 1e-9 * max(1.0, abs(mention.value))  # float error, not leniency
    return any(
        units_compatible(mention.unit, allowed.unit) and abs(allowed.value - mention.value) <= slack
        for allowed in sources.allowed()
    )


# --- sentences ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A checkable unit of an answer: `text` is `markdown[start:end]`."""

    text: str
    start: int
    end: int


_LINE_UNIT = re.compile(
    r"^[ \t]*(?:[-*+][ \t]|\d+[.)][ \t]|\||#{1,6}(?:[ \t]|$)|>|```|~~~|(?:[-*_][ \t]*){3,}$)"
)
_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?:[ \t]*\[\d+(?:\s*,\s*\d+)*\])*(?=\s|$)")
_ABBREVIATIONS = frozenset(
    "e.g i.e vs approx cf mr mrs ms dr jr sr inc ltd incl excl ca p.a esp dept".split()
)
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")


def split_sentences(markdown: str) -> list[Span]:
    """Units to check, in order: each list item, table row, heading, quote, rule or code line
    is one unit; a prose paragraph (consecutive prose lines) is cut into sentences."""
    spans: list[Span] = []
    paragraph: tuple[int, int] | None = None
    in_fence = False
    position = 0
    for line in markdown.splitlines(keepends=True):
        start, position = position, position + len(line)
        body = line.rstrip("\r\n")
        end = start + len(body)
        if body.strip() and not in_fence and not _LINE_UNIT.match(body):
            paragraph = (paragraph[0] if paragraph else start, end)
            continue
        if paragraph:
            spans.extend(_sentences(markdown, *paragraph))
            paragraph = None
        if body.strip():
            spans.append(_trimmed(markdown, start, end))
        if _FENCE.match(body):
            in_fence = not in_fence
    if paragraph:
        spans.extend(_sentences(markdown, *paragraph))
    return spans


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text[start:end], start, end)


def _sentences(text: str, start: int, end: int) -> list[Span]:
    """The sentences of the prose in text[start:end]."""
    spans, begin = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ends_sentence(text, match, end):
            spans.append(_trimmed(text, begin, match.end()))
            begin = match.end()
    spans.append(_trimmed(text, begin, end))
    return [span for span in spans if span.text]


def _ends_sentence(text: str, match: re.Match[str], limit: int) -> bool:
    """A stop ends a sentence unless it closes an abbreviation or lowercase text follows."""
    following = text[match.end() : limit].lstrip()
    if following[:1].islower():
        return False
    if not match.group(0).startswith(".") or match.group(0).startswith(".."):
        return True
    word = re.search(r"[\w.]*$", text[: match.start()]).group(0).lower()
    return not (word in _ABBREVIATIONS or _ACRONYM.fullmatch(word))


# --- the check ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GroundingReport:
    """The outcome of `check`. `ungrounded` holds each ungrounded figure's raw text once;
    `bad_sentences` the units holding an ungrounded figure or an invalid marker."""

    ok: bool
    invalid_markers: tuple[int, ...] = ()
    ungrounded: tuple[str, ...] = ()
    bad_sentences: tuple[str, ...] = ()
    figures: int = 0
    grounded: int = 0

    @property
    def numeric_faithfulness(self) -> float:
        """Share of the figures checked that are grounded (1.0 when there were none)."""
        return self.grounded / self.figures if self.figures else 1.0


@dataclass(frozen=True)
class _Assessment:
    report: GroundingReport
    bad_spans: tuple[Span, ...]


def _assess(text: str, citation_numbers: Iterable[int], sources: GroundingSources) -> _Assessment:
    valid = set(citation_numbers)
    mentions: list[FigureMention | UnreadableMention] = [*figures_in(text), *unreadable_in(text)]
    bad_mentions = [
        m
        for m in mentions
        if not (
            quoted_from_sources(m.text, sources)
            if isinstance(m, UnreadableMention)
            else is_grounded(m, sources)
        )
    ]
    bad_markers = [
        (match.start(), int(n))
        for match in CITATION_MARKER.finditer(text)
        for n in match.group(1).split(",")
        if int(n) not in valid
    ]
    bad_positions = [m.start for m in bad_mentions] + [start for start, _ in bad_markers]
    bad_spans = tuple(
        span
        for span in split_sentences(text)
        if any(span.start <= position < span.end for position in bad_positions)
    )
    report = GroundingReport(
        ok=not (bad_mentions or bad_markers),
        invalid_markers=tuple(dict.fromkeys(n for _, n in bad_markers)),
        ungrounded=tuple(dict.fromkeys(m.text for m in bad_mentions)),
        bad_sentences=tuple(span.text for span in bad_spans),
        figures=len(mentions),
        grounded=len(mentions) - len(bad_mentions),
    )
    return _Assessment(report, bad_spans)


def check(
    text: str, citation_numbers: set[int] | frozenset[int], sources: GroundingSources
) -> GroundingReport:
    """Check every figure and every marker of an answer against its sources and citations."""
    return _assess(text, citation_numbers, sources).report


@dataclass(frozen=True)
class Repair:
    """`text` without the sentences `check` found bad (`dropped`, in order); `report` is the
    check of the text before repair. The repaired text passes the check: no figure or marker
    spans two units, so dropping units leaves the rest as they were read."""

    text: str
    dropped: tuple[str, ...]
    report: GroundingReport


def repair(
    text: str, citation_numbers: set[int] | frozenset[int], sources: GroundingSources
) -> Repair:
    """Drop every bad sentence; a dropped list item or table row goes as a whole line, and
    blank lines left behind are collapsed."""
    assessment = _assess(text, citation_numbers, sources)
    if not assessment.bad_spans:
        return Repair(text, (), assessment.report)
    repaired = _without(text, assessment.bad_spans)
    return Repair(repaired, tuple(s.text for s in assessment.bad_spans), assessment.report)


def _without(text: str, spans: Iterable[Span]) -> str:
    """`text` with the spans removed, lines left empty dropped and blank runs collapsed."""
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = _BLOCKED
    lines = [_close_gap(line) for line in "".join(chars).split("\n")]
    kept = [line for line in lines if line is not None]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(_drop_empty_tables(kept))).strip("\n")


def _close_gap(line: str) -> str | None:
    """A line with dropped text: None when nothing else is left, else the rest, tidied."""
    if _BLOCKED not in line:
        return line
    if not line.replace(_BLOCKED, "").strip():
        return None
    indent = line[: len(line) - len(line.lstrip())]
    rest = re.sub(rf"{_BLOCKED}+[ \t]*", "", line[len(indent) :])
    return indent + rest.rstrip()


_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


def _drop_empty_tables(lines: list[str]) -> list[str]:
    """Remove a table left with its header and separator but no rows."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].lstrip().startswith("|"):
            j += 1
        block = lines[i:j]
        if len(block) == 2 and _TABLE_SEPARATOR.match(block[1]):
            i = j
            continue
        out.extend(block or lines[i : i + 1])
        i = max(j, i + 1)
    return out


# --- echoes -------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", re.sub(r"['’]", "", text.lower()))


def echoes(text: str, secret: str, words: int = 8) -> bool:
    """True when `text` holds a run of `words` consecutive words of `secret` (case, spacing and
    punctuation ignored). A secret shorter than `words` counts when it appears whole."""
    if words < 1:
        raise ValueError("words must be at least 1")
    secret_words = _words(secret)
    if not secret_words:
        return False
    n = min(words, len(secret_words))
    runs = {tuple(secret_words[i : i + n]) for i in range(len(secret_words) - n + 1)}
    said = _words(text)
    return any(tuple(said[i : i + n]) in runs for i in range(len(said) - n + 1))
