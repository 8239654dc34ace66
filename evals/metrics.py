"""Answer-level grounding metrics, offline and with no model judge: pure functions over an
`Answer`, its gold item (evals/questions.jsonl) and, for the support test, a sentence
similarity function (MiniLM in the runner, a fake in unit tests).

Units. An answer is cut into units by `grounding.split_sentences` (a list item, table row or
quote line is one unit; prose is cut into sentences). A **factual sentence** is a unit that
carries a citation marker `[n]`, or a figure (amount or percentage, `grounding.figures_in`) that
neither the user's words nor the answer's shown calculations account for, i.e. a figure that
can only come from a guide. Headings, table header and separator rows, and units with neither
a marker nor such a figure (greetings, "give me your offer", the user's own numbers restated,
a calculation with its formula) are not factual sentences: there is nothing in them to cite.

The support test, `support(sentence, passages, ...)`: a sentence is supported by a set of
passages when (1) every figure in it is grounded as `grounding.is_grounded` defines it, in the
passages, the user's words or the calculations shown, and (2) its content-word overlap with the
passages (share of its `lexical.tokenize` words, markers and markdown removed, found in the
passages' words) is at least `SUPPORT.overlap`, or its MiniLM cosine with the most similar
passage is at least `SUPPORT.similarity`. The thresholds are calibrated on the hand-labelled
pairs of evals/support_pairs.jsonl by `evals.calibration` (rule and figures there and in
evals/support_calibration.json).

Metrics (per answer in `score_answer`, over the run in `summarize`):
- **citation validity**: share of answers whose every marker points to one of that answer's
  citations (gated at 1.0).
- **citation recall** (ALCE, Gao et al. 2023, with our support test in place of the NLI
  model): per answer, the share of its factual sentences that are supported by the
  concatenation of the passages they cite; a factual sentence citing nothing is unsupported.
  Averaged over the answers that have factual sentences (ALCE averages per example).
- **citation precision** (ALCE): a citation of a sentence is relevant when its passage alone
  supports the sentence, or when the sentence is supported by all its citations but not
  without this one; per answer, relevant citations over all citations of its factual
  sentences, averaged over the answers that cite anything. A marker that points nowhere
  counts as an irrelevant citation.
- **numeric faithfulness**: share of all figures in the answers that are grounded
  (`grounding.check`, against the answer's cited quotes, every user turn of the dialogue and the
  answer's calculations), over all figures of the run (micro), and apart for the answers whose
  intent is `counter` (the counter-offer answers).
- **refusal recall**: share of the items marked `should_refuse` that were refused; **false
  refusal rate**: share of the items not marked so that were refused.
- **gold-fact recall**: per answerable item with gold facts, the share of its gold facts of
  which some alias occurs in the answer (`fact_found`: case-insensitive, dashes and spaces
  normalised, not inside a longer number: "25K" is not found in "$125K"); averaged over items.
- **forbidden content**: each forbidden string of an item found in its answer
  (case-insensitive substring: a forbidden "CHF 1" is meant to catch "CHF 150K"); the count of
  such finds and of answers with any.
- **retrieval** (RAGAS's ID-based context metrics, Es et al. 2023 / ragas
  IDBasedContextRecall and IDBasedContextPrecision, over chunk ids): for the answerable items
  with gold chunk ids, hit@5 (a gold id in the top 5; an abstention is a miss), MRR (1/rank of
  the first gold id in the top 5, else 0), ID-based context recall@5 (|top-5 ∩ gold| / |gold|);
  and over the answer's citations, cited-context recall (|cited ∩ gold| / |gold|) and
  precision (|cited ∩ gold| / |cited|, answers that cite anything).

Leaves out: whether a supported sentence is *useful* or complete (gold-fact recall is the
only completeness measure), entailment proper (a sentence that reuses a passage's words and
figures in a false relation can pass; see the calibration's false positives), numbers in words,
and anything a model would judge. Gold facts are matched as strings, so a correct fact written
in a form no alias lists is counted missing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from assistant.answer import Answer
from assistant.compose.grounding import (
    GroundingSources,
    check,
    figures_in,
    is_grounded,
    markers_in,
    split_sentences,
)
from assistant.index.lexical import tokenize

# Similarity of a sentence to passages: the highest cosine of the sentence with any of them.
Similarity = Callable[[str, Sequence[str]], float]


@dataclass(frozen=True)
class Thresholds:
    """The support test's two thresholds (see evals.calibration for how they were chosen)."""

    overlap: float
    similarity: float


# Calibrated by `coach eval calibrate` on evals/support_pairs.jsonl; the figures it gave are in
# evals/support_calibration.json and tests/test_eval_metrics.py recomputes them.
SUPPORT = Thresholds(overlap=0.50, similarity=0.30)


# --- text -------------------------------------------------------------------------------------

_MARKER_TEXT = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]")
_MARKUP = re.compile(r"[*_`|#>]+|^\s*(?:[-+]|\d+[.)])\s+", re.MULTILINE)
_HEADING = re.compile(r"^\s*(?:#{1,6}\s|\*\*[^*]+\*\*:?\s*$)")
_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def plain(text: str) -> str:
    """The words of a unit: markers, emphasis, table bars, quote marks and list bullets gone."""
    return re.sub(r"\s+", " ", _MARKUP.sub(" ", _MARKER_TEXT.sub(" ", text))).strip()


def content_words(text: str) -> set[str]:
    """Stemmed content words and numbers, as the keyword index sees them (lexical.tokenize)."""
    return set(tokenize(plain(text)))


def overlap(
    sentence: str,
    passages: Sequence[str],
    user_texts: Sequence[str] = (),
    engine_values: Sequence[tuple[float, str]] = (),
) -> float:
    """Share of the sentence's content words that occur in the passages (0 with no words).
    Words the passages do not hold but the user's words or the shown calculations account
    for (the user's company and numbers, a computed per-year figure) are left out of the
    count: the citation is not what they rest on."""
    words = content_words(sentence)
    found = set().union(*(content_words(p) for p in passages)) if passages else set()
    elsewhere = set().union(*(content_words(t) for t in user_texts)) if user_texts else set()
    own = GroundingSources((), tuple(user_texts), tuple(engine_values))
    if user_texts or engine_values:
        for mention in figures_in(sentence):
            if is_grounded(mention, own):
                elsewhere.update(content_words(mention.text))
    words -= elsewhere - found
    return len(words & found) / len(words) if words else 0.0


_NUMBER = re.compile(r"(?<![\d.,])\d+(?:\.\d+)?(?![\d])")
_LIST_NUMBER = re.compile(r"^\s*(?:[-*+>|]\s*)*\d+[.)](?=\s)", re.MULTILINE)


def bare_numbers(text: str) -> list[float]:
    """The numbers of a text that are not figures, markers or list numbers: counts, levels and
    spans such as "3 to 5 rounds", "L3-L5", "4 to 6 weeks" (grounding.figures_in reads only
    amounts and percentages)."""
    chars = list(
        _LIST_NUMBER.sub(
            lambda m: " " * len(m.group(0)), _MARKER_TEXT.sub(lambda m: " " * len(m.group(0)), text)
        )
    )
    for mention in figures_in(text):
        chars[mention.start : mention.end] = " " * (mention.end - mention.start)
    return [float(n) for n in _NUMBER.findall("".join(chars))]


def numbers_grounded(
    sentence: str, texts: Sequence[str], engine_values: Sequence[tuple[float, str]] = ()
) -> bool:
    """Every bare number of the sentence is written somewhere in the texts (as digits, also
    inside a word: "4" in "RSU/4yr") or is one of the calculations' values."""
    known = {float(n) for text in texts for n in re.findall(r"\d+(?:\.\d+)?", text)}
    known.update(float(value) for value, _ in engine_values)
    return all(number in known for number in bare_numbers(sentence))


# --- the support test -------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    """The support test's verdict and the measurements behind it (`similarity` is None when
    it was not needed: the figures failed or the overlap was enough)."""

    supported: bool
    figures_grounded: bool
    overlap: float
    similarity: float | None


def support(
    sentence: str,
    passages: Sequence[str],
    similarity: Similarity,
    *,
    user_texts: Sequence[str] = (),
    engine_values: Sequence[tuple[float, str]] = (),
    thresholds: Thresholds = SUPPORT,
) -> Support:
    """Does `sentence` rest on `passages`? Its figures grounded (in the passages, the user's
    words or the calculations) and its words close enough to the passages."""
    if not passages:
        return Support(False, False, 0.0, None)
    sources = GroundingSources(tuple(passages), tuple(user_texts), tuple(engine_values))
    grounded = all(is_grounded(m, sources) for m in figures_in(sentence)) and numbers_grounded(
        sentence, (*passages, *user_texts), engine_values
    )
    shared = overlap(sentence, passages, user_texts, engine_values)
    if not grounded:
        return Support(False, False, shared, None)
    if shared >= thresholds.overlap:
        return Support(True, True, shared, None)
    close = similarity(plain(sentence), list(passages))
    return Support(close >= thresholds.similarity, True, shared, close)


# --- factual sentences and citations ----------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """A factual sentence of an answer and how its citations fared."""

    text: str
    cited: tuple[int, ...]  # the markers in it, in order, once each
    supported: bool  # by all its valid citations together
    relevant: tuple[int, ...]  # the citations ALCE's precision counts as relevant


def is_structure(unit: str) -> bool:
    """Headings (markdown or a bold line alone) and table separator rows."""
    return bool(_HEADING.match(unit) or _SEPARATOR_ROW.match(unit))


@dataclass(frozen=True)
class Unit:
    """A factual sentence and the citations it makes: its own markers, or for a quote line
    with none, those of the line that introduces the quote ("**Script** [5]:")."""

    text: str
    cited: tuple[int, ...]


_LEAD_IN = re.compile(r"\[\d+(?:\s*,\s*\d+)*\]\W*:\W*$")


def factual_units(text: str, user_texts: Sequence[str], engine_values: Sequence) -> list[Unit]:
    """The units of `text` that carry a marker (their own or their quote's lead-in) or a figure
    only a guide could account for."""
    own = GroundingSources((), tuple(user_texts), tuple(engine_values))
    units, lead_in = [], ()
    for span in split_sentences(text):
        unit = span.text
        quote = unit.startswith(">")
        if not quote:
            lead_in = ()
        cited = tuple(dict.fromkeys(markers_in(unit))) or (lead_in if quote else ())
        if not quote and _LEAD_IN.search(unit):
            lead_in = cited
        if is_structure(unit):
            continue
        if cited or any(not is_grounded(m, own) for m in figures_in(unit)):
            units.append(Unit(unit, cited))
    return units


def statements(
    answer: Answer,
    similarity: Similarity,
    user_texts: Sequence[str] = (),
    thresholds: Thresholds = SUPPORT,
) -> list[Statement]:
    """Every factual sentence of the answer, with the ALCE support/relevance of its citations."""
    quotes = {c.n: c.quote for c in answer.citations}
    values = answer.calculations

    def supported(sentence: str, numbers: Iterable[int]) -> bool:
        passages = [quotes[n] for n in numbers if n in quotes]
        return support(
            sentence,
            passages,
            similarity,
            user_texts=user_texts,
            engine_values=values,
            thresholds=thresholds,
        ).supported

    out = []
    for unit in factual_units(answer.answer, user_texts, values):
        cited = unit.cited
        valid = tuple(n for n in cited if n in quotes)
        together = supported(unit.text, valid)
        relevant = []
        for n in valid:
            alone = supported(unit.text, (n,)) if len(valid) > 1 else together
            others = tuple(m for m in valid if m != n)
            if alone or (together and not supported(unit.text, others)):
                relevant.append(n)
        out.append(Statement(unit.text, cited, together, tuple(relevant)))
    return out


# --- gold facts and forbidden content ---------------------------------------------------------

_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "\u00a0": " ", "\u202f": " "})


def _normal(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text.translate(_DASHES)).lower()


def fact_found(aliases: Iterable[str], text: str) -> bool:
    """Some alias occurs in the text, not glued to a longer number or word."""
    said = _normal(text)
    for alias in aliases:
        wanted = _normal(alias).strip()
        if wanted and re.search(rf"(?<![\w.]){re.escape(wanted)}(?![\d])", said):
            return True
    return False


def forbidden_found(forbidden: Iterable[str], text: str) -> tuple[str, ...]:
    """The forbidden strings that occur in the text (case-insensitive substrings)."""
    said = _normal(text)
    return tuple(f for f in forbidden if _normal(f) in said)


# --- one answer -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldFact:
    fact: str
    aliases: tuple[str, ...]


def _facts(rows, key: str = "fact") -> tuple[GoldFact, ...]:
    return tuple(GoldFact(f[key], tuple(f.get("aliases") or [f[key]])) for f in rows or ())


@dataclass(frozen=True)
class Expectation:
    """What one answer must do: the gold of an item's last turn, or of one conversation turn.
    `not_covered`: elements (term and aliases) the answer's first sentences must name as not
    covered (evals.coverage)."""

    gold_facts: tuple[GoldFact, ...] = ()
    gold_chunk_ids: tuple[str, ...] = ()
    should_refuse: bool = False
    forbidden: tuple[str, ...] = ()
    not_covered: tuple[GoldFact, ...] = ()

    @classmethod
    def from_json(cls, row: dict) -> Expectation:
        return cls(
            gold_facts=_facts(row.get("gold_facts")),
            gold_chunk_ids=tuple(row.get("gold_chunk_ids", ())),
            should_refuse=bool(row.get("should_refuse", False)),
            forbidden=tuple(row.get("forbidden", ())),
            not_covered=_facts(row.get("not_covered"), "term"),
        )


@dataclass(frozen=True)
class GoldItem:
    """One line of evals/questions.jsonl. The top-level gold is the last turn's; a
    `conversation` item also has `expect`, one Expectation per turn (the last equal to the
    top level). `held_out` marks the items written for issue 16 (evals/README.md)."""

    id: str
    category: str
    turns: tuple[str, ...]
    gold_facts: tuple[GoldFact, ...]
    gold_chunk_ids: tuple[str, ...]
    should_refuse: bool
    forbidden: tuple[str, ...]
    notes: str = ""
    not_covered: tuple[GoldFact, ...] = ()
    expect: tuple[Expectation, ...] = ()
    held_out: bool = False
    shipped_only: bool = False  # right only while the shipped guides are the whole corpus

    @classmethod
    def from_json(cls, item: dict) -> GoldItem:
        return cls(
            id=item["id"],
            category=item["category"],
            turns=tuple(item["turns"]),
            gold_facts=_facts(item["gold_facts"]),
            gold_chunk_ids=tuple(item["gold_chunk_ids"]),
            should_refuse=bool(item["should_refuse"]),
            forbidden=tuple(item.get("forbidden", ())),
            notes=item.get("notes", ""),
            not_covered=_facts(item.get("not_covered"), "term"),
            expect=tuple(Expectation.from_json(row) for row in item.get("expect", ())),
            held_out=bool(item.get("held_out", False)),
            shipped_only=bool(item.get("shipped_only", False)),
        )

    def expects_missing(self, names: Iterable[str]) -> bool:
        """Whether the item's gold assumes one of `names` has no guide: a name in a turn that
        must be refused, or in something the answer must call not covered."""
        turns = self.expect or (self.expectation,)
        texts = [
            turn
            for turn, expect in zip(self.turns[-len(turns) :], turns, strict=True)
            if expect.should_refuse
        ]
        texts += [a for expect in turns for element in expect.not_covered for a in element.aliases]
        return any(
            re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)
            for name in names
            for text in texts
        )

    @property
    def expectation(self) -> Expectation:
        """The last turn's gold as an Expectation."""
        return Expectation(
            self.gold_facts,
            self.gold_chunk_ids,
            self.should_refuse,
            self.forbidden,
            self.not_covered,
        )


@dataclass(frozen=True)
class Ranking:
    """What a retriever returned for an item: chunk ids best first, or an abstention."""

    ids: tuple[str, ...] = ()
    abstained: bool = False


@dataclass(frozen=True)
class AnswerScore:
    """Everything measured on one answer; `problems` says in words what failed."""

    id: str
    category: str
    intent: str
    refused: bool
    should_refuse: bool
    invalid_markers: tuple[int, ...]
    figures: int
    grounded: int
    ungrounded: tuple[str, ...]
    statements: int
    supported: int
    citations: int  # citations of factual sentences (a sentence citing [1] twice: once)
    relevant: int
    unsupported: tuple[str, ...]  # factual sentences their citations do not support
    gold_facts: int
    facts_found: int
    missing_facts: tuple[str, ...]
    forbidden: tuple[str, ...]
    first_gold_rank: int | None  # in our top 5; None when no gold id there (or abstained)
    gold_in_top: int  # gold ids in our top 5
    gold_cited: int  # gold ids among the answer's citations
    cited_chunks: int
    gold_chunks: int
    problems: tuple[str, ...] = field(default=())

    @property
    def citation_recall(self) -> float | None:
        return self.supported / self.statements if self.statements else None

    @property
    def citation_precision(self) -> float | None:
        return self.relevant / self.citations if self.citations else None


def rank_of(gold: Sequence[str], ranked: Sequence[str], k: int = 5) -> int | None:
    """1-based rank of the first gold id in the top k."""
    return next((i for i, chunk in enumerate(ranked[:k], 1) if chunk in set(gold)), None)


def score_answer(
    item: GoldItem,
    answer: Answer,
    similarity: Similarity,
    ranking: Ranking = Ranking(),
    thresholds: Thresholds = SUPPORT,
    k: int = 5,
) -> AnswerScore:
    """Score one answer to the last turn of `item` (every turn counts as the user's words)."""
    user_texts = item.turns
    numbers = {c.n for c in answer.citations}
    report = check(
        answer.answer,
        numbers,
        GroundingSources(tuple(c.quote for c in answer.citations), user_texts, answer.calculations),
    )
    found = statements(answer, similarity, user_texts, thresholds)
    citations = sum(len(s.cited) for s in found)
    relevant = sum(len(s.relevant) for s in found)
    answerable = not item.should_refuse
    missing = tuple(
        f.fact for f in item.gold_facts if answerable and not fact_found(f.aliases, answer.answer)
    )
    gold = set(item.gold_chunk_ids)
    top = () if ranking.abstained else ranking.ids[:k]
    cited = {c.chunk_id for c in answer.citations}
    score = AnswerScore(
        id=item.id,
        category=item.category,
        intent=answer.intent,
        refused=answer.refused,
        should_refuse=item.should_refuse,
        invalid_markers=report.invalid_markers,
        figures=report.figures,
        grounded=report.grounded,
        ungrounded=report.ungrounded,
        statements=len(found),
        supported=sum(s.supported for s in found),
        citations=citations,
        relevant=relevant,
        unsupported=tuple(s.text for s in found if not s.supported),
        gold_facts=len(item.gold_facts) if answerable else 0,
        facts_found=(len(item.gold_facts) - len(missing)) if answerable else 0,
        missing_facts=missing,
        forbidden=forbidden_found(item.forbidden, answer.answer),
        first_gold_rank=rank_of(item.gold_chunk_ids, top, k) if gold else None,
        gold_in_top=len(gold & set(top)),
        gold_cited=len(gold & cited),
        cited_chunks=len(cited),
        gold_chunks=len(gold),
    )
    return _with_problems(score)


def _with_problems(s: AnswerScore) -> AnswerScore:
    problems = []
    if s.refused != s.should_refuse:
        problems.append("refused an answerable question" if s.refused else "did not refuse")
    if s.invalid_markers:
        marks = ", ".join(f"[{n}]" for n in s.invalid_markers)
        problems.append(f"markers pointing nowhere: {marks}")
    if s.ungrounded:
        problems.append("ungrounded figures: " + ", ".join(s.ungrounded))
    for sentence in s.unsupported:
        problems.append(f"unsupported: {sentence[:160]}")
    if s.citations > s.relevant:
        problems.append(f"{s.citations - s.relevant} of {s.citations} citations irrelevant")
    if s.missing_facts:
        problems.append("missing gold facts: " + ", ".join(s.missing_facts))
    if s.forbidden:
        problems.append("forbidden content: " + ", ".join(s.forbidden))
    return AnswerScore(**{**s.__dict__, "problems": tuple(problems)})


# --- the run ----------------------------------------------------------------------------------


def _mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return sum(kept) / len(kept) if kept else None


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _faithfulness(scores: Sequence[AnswerScore]) -> float | None:
    """Grounded figures over all figures; 1.0 for answers with no figure, None for no answers."""
    if not scores:
        return None
    figures = sum(s.figures for s in scores)
    return sum(s.grounded for s in scores) / figures if figures else 1.0


def summarize(scores: Sequence[AnswerScore]) -> dict[str, float | int | None]:
    """The run's metrics (None where nothing was measured), as defined in the module doc."""
    counter = [s for s in scores if s.intent == "counter"]
    refuse = [s for s in scores if s.should_refuse]
    answer = [s for s in scores if not s.should_refuse]
    with_gold = [s for s in answer if s.gold_chunks]
    return {
        "answers": len(scores),
        "citation_validity": _share(sum(not s.invalid_markers for s in scores), len(scores)),
        "citation_recall": _mean(s.citation_recall for s in scores),
        "citation_precision": _mean(s.citation_precision for s in scores),
        "numeric_faithfulness": _faithfulness(scores),
        "numeric_faithfulness_counter": _faithfulness(counter),
        "refusal_recall": _share(sum(s.refused for s in refuse), len(refuse)),
        "false_refusal_rate": _share(sum(s.refused for s in answer), len(answer)),
        "gold_fact_recall": _mean(
            s.facts_found / s.gold_facts if s.gold_facts else None for s in answer
        ),
        "forbidden_found": sum(len(s.forbidden) for s in scores),
        "answers_with_forbidden": sum(bool(s.forbidden) for s in scores),
        "hit_at_5": _share(sum(s.first_gold_rank is not None for s in with_gold), len(with_gold)),
        "mrr": _mean((1 / s.first_gold_rank if s.first_gold_rank else 0.0) for s in with_gold),
        "context_recall_at_5": _mean(s.gold_in_top / s.gold_chunks for s in with_gold),
        "cited_context_recall": _mean(s.gold_cited / s.gold_chunks for s in with_gold),
        "cited_context_precision": _mean(
            s.gold_cited / s.cited_chunks if s.cited_chunks else None for s in with_gold
        ),
    }
