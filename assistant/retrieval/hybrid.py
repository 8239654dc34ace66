"""Hybrid retrieval: BM25 and dense results fused by reciprocal rank, with filters and abstaining.

For one understood question (`assistant.understanding.question`):
1. Candidates: the dense top 30 and the BM25 top 30, both limited to the named company's chunks
   when the corpus has that company (dense: exact search over that company's vectors in the
   sidecar, assistant.index.vectors; with no company named, Chroma's HNSW index).
2. Fusion: reciprocal rank fusion, sum of 1 / (60 + rank) over the two lists (Cormack et al.,
   2009), then boosts in the same units: the named region's table row, table rows on comp
   questions, the guide kind that fits the intent (interview guides for interview questions,
   levers and scripts for lever questions), the named role, the level mapping on a level
   question.
3. Duplicates (the same text in two guides) keep their best-ranked copy. A question naming
   several companies ("Alibaba Seattle vs Anyscale SF") gets each company's best chunks in turn.
4. Abstaining, with the reason said: the question is not about jobs or pay; it names a company
   the corpus has no guide for; it asks about pay in a region the company has no row for; it asks
   for an interview guide or comp table the company does not have; or the best dense similarity
   is below `WEAK_EVIDENCE` and no chunk shares a keyword with it.

`assistant.retrieval.langchain.GuideRetriever` exposes the same thing as a LangChain retriever;
this module does not import LangChain.

Leaves out: cross-encoder re-ranking (no model may be fetched; MiniLM bi-encoder scores serve),
query expansion beyond the rewriter's canonical names and the guides' own word for an everyday
word they never use ("langs": "language"), and any learned weights.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import zip_longest

from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.vocabulary import GuideVocabulary
from assistant.index.lexical import LexicalIndex, tokenize
from assistant.index.store import SearchHit, VectorIndex
from assistant.understanding.asks import TOLD_WORDS, asked_with_antecedents, asks_in
from assistant.understanding.entities import Catalog, normalize, places_without_rows
from assistant.understanding.intents import INTERVIEW_TOPIC
from assistant.understanding.question import ConversationState, Understanding, understand
from assistant.understanding.tables import topics_named
from assistant.understanding.unknown_names import unknown_companies

CANDIDATES = 30
RRF_K = 60
# Boosts, in reciprocal-rank units (a first place in one list is worth 1/61, about 0.016).
REGION_ROW_BOOST = 0.05
TABLE_ROW_BOOST = 0.01
INTENT_KIND_BOOST = 0.01
ROLE_BOOST = 0.01
EXAMPLE_QUESTIONS_BOOST = 0.02  # "what questions do they ask?" wants the lists of questions
LEVEL_MAPPING_BOOST = 0.02  # "what's a P6 equivalent to?" wants the guide's level mapping
# Cosine similarity of all-MiniLM-L6-v2 below which a question with no company, no region and no
# keyword in common with any chunk is taken to be outside the guides. (A keyword match is
# enough to answer: MiniLM knows names such as "Apsara" poorly, BM25 knows them exactly.)
WEAK_EVIDENCE = 0.30

_INTENT_KINDS = {
    "lever": {"lever", "script"},
    "counter": {"lever", "script", "table_row"},
    "comp": {"table_row"},
}

_PASSAGE_INTENTS = ("general", "interview")  # answered by passages, not by a row
# a lacking topic's stand-in that is a passage, and the words it is retrieved with
_PASSAGE_STAND_INS = {"process": "the interview process", "script": "the script"}


class _HeldStems:
    """Whether the guides' keyword index holds a word's stem ("stages": "stage" is held)."""

    def __init__(self, stems: frozenset[str]) -> None:
        self.stems = stems

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and any(t in self.stems for t in tokenize(word))


@dataclass(frozen=True)
class Retrieval:
    """The ranked evidence for one question, or an abstention with its reason."""

    understanding: Understanding
    hits: list[SearchHit] = field(default_factory=list)
    abstained: bool = False
    reason: str = ""

    def to_json(self) -> dict:
        return {
            "hits": [hit.to_json() for hit in self.hits],
            "abstained": self.abstained,
            "reason": self.reason,
            "understanding": self.understanding.to_json(),
        }


def catalog_from_records(records: list[ChunkRecord], vocabulary=(), guides=None) -> Catalog:
    companies = {record.company for record in records if record.company}
    regions: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    roles: dict[str, set[str]] = {}
    for record in records:
        if not record.company:
            continue
        if record.kind == "table_row" and record.region:
            regions.setdefault(record.company, set()).add(record.region)
        kinds.setdefault(record.company, set()).add(record.guide_kind)
        if record.role:
            roles.setdefault(record.company, set()).add(record.role)
    if guides is None:
        guides = GuideVocabulary.from_records(records)
    return Catalog.build(
        companies, regions, kinds=kinds, roles=roles, vocabulary=vocabulary, guides=guides
    )


def reciprocal_rank_fusion(*rankings: list[str], k: int = RRF_K) -> dict[str, float]:
    """Sum of 1 / (k + rank) over the rankings each id appears in (ranks start at 1)."""
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, chunk_id in enumerate(ranking, start=1):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + 1.0 / (k + rank)
    return fused


def _dedupe_key(text: str) -> str:
    body = text.split("\n", 1)[-1]  # the first line names the guide; the body is the content
    return re.sub(r"\W+", " ", body).strip().lower()


class HybridRetriever:
    """BM25 + dense retrieval over one index, with the corpus's catalog for understanding."""

    def __init__(
        self, index: VectorIndex, lexical: LexicalIndex | None = None, vectors=None
    ) -> None:
        self.index = index
        self.lexical = lexical if lexical is not None else index.lexical_index()
        if vectors is None and lexical is None:
            vectors = index.company_vectors(self.lexical.records)
        self.vectors = vectors  # exact search within a company; None: Chroma with a filter
        self.catalog = catalog_from_records(
            self.lexical.records, self.lexical.vocabulary, self.lexical.guides
        )
        self._held = _HeldStems(self.lexical.vocabulary)

    def understand(
        self, question: str, state: ConversationState | None = None, typed: str = ""
    ) -> Understanding:
        return understand(question, self.catalog, state, typed)

    def retrieve(
        self, question: str, k: int = 5, state: ConversationState | None = None
    ) -> Retrieval:
        return self.retrieve_understood(self.understand(question, state), k)

    def retrieve_understood(self, understood: Understanding, k: int = 5) -> Retrieval:
        if understood.other_companies:
            return self._compare(understood, k)
        reason = self._abstain_reason(understood)
        if reason:
            return Retrieval(understood, abstained=True, reason=reason)
        hits, best_dense, best_keyword = self._ranked(understood, k)
        hits = self._with_stand_ins(understood, self._with_each_ask(understood, hits, k), k)
        named = understood.company or understood.region
        if not named and best_dense < WEAK_EVIDENCE and best_keyword <= 0:
            return Retrieval(
                understood,
                abstained=True,
                reason=f"the guides have nothing close to this question "
                f"(best similarity {best_dense:.2f})",
            )
        return Retrieval(understood, hits=hits)

    def _compare(self, understood: Understanding, k: int) -> Retrieval:
        """Several companies named ("Alibaba Seattle vs Anyscale SF"): each company's best
        evidence, with its own region, taken in turn."""
        per_company, reasons = [], []
        # (a place none of them has a row for is lacking for each: "what do both give for
        # vancouver?"; a place one of them has is that one's row, and the coverage check names
        # the other's lack)
        rowless = not any(understood.regions_by_company.values())
        for company in (understood.company, *understood.other_companies):
            one = replace(
                understood,
                company=company,
                other_companies=(),
                region=understood.regions_by_company.get(company),
                unknown_region=understood.unknown_region if rowless else None,
            )
            reason = self._abstain_reason(one)
            if reason:
                reasons.append(reason)
            else:
                per_company.append(self._ranked(one, k)[0])
        if not per_company:
            reason = ", and ".join(reasons) or self._abstain_reason(understood)
            return Retrieval(understood, abstained=True, reason=reason)
        merged = [hit for rank in zip_longest(*per_company) for hit in rank if hit is not None]
        return Retrieval(understood, hits=merged[:k])

    def _with_each_ask(self, understood: Understanding, hits: list[SearchHit], k: int):
        """For a passage question that asks two things ("is mandarin required? also how bad
        is the wlb?"), the whole question's best chunks taken in turn with each ask's own,
        so a second ask's passage is not crowded out by the first's; likewise one ask after a
        long story ("ugh week from hell… anyway. how many rounds is the alibaba onsite
        again?") or, when the ask names the stage it asks of, one told at least as long as the
        ask ("cs senior, got to the alibaba cloud devops onsite stage 🎉 what's the onsite
        actually like"), so the story's words do not crowd out the passage asked for."""
        asks = asks_in(understood.question)
        if understood.intent not in _PASSAGE_INTENTS:
            return hits
        if len(asks) < 2:
            asking = asked_with_antecedents(understood.question)
            told = len(understood.question.split()) - len(asking.split())
            # (a shorter story only when the ask names the stage itself: "…onsite stage 🎉
            # what's the onsite actually like", not "…has an 'advanced coding' round. what
            # sort of problems come up?", whose story says what is asked of)
            stands_alone = bool(INTERVIEW_TOPIC.search(asking))
            enough = min(TOLD_WORDS, len(asking.split())) if stands_alone else TOLD_WORDS
            if told < enough or not asking.strip():
                return hits
            asks = [asking]
        whole = understood.question.strip()
        rankings = [hits]
        for ask in asks:
            query = understood.query.replace(whole, ask) if whole in understood.query else ask
            rankings.append(self._ranked(replace(understood, query=query), k)[0])
        merged = {hit.chunk_id: hit for rank in zip_longest(*rankings) for hit in rank if hit}
        return list(merged.values())[:k]

    def _with_stand_ins(self, understood: Understanding, hits: list[SearchHit], k: int):
        """For a topic the guides lack whose stand-in is a passage ("do they pay for flights
        to the onsite?": the interview process; "phone or email?": the script), the chunks of
        that stand-in taken in turn with the question's own, so the passage that stands in
        is there to quote."""
        stand_ins = {t.stand_in for t in understood.topics} & set(_PASSAGE_STAND_INS)
        if understood.intent not in _PASSAGE_INTENTS or not stand_ins:
            return hits
        rankings = []  # (the stand-in's first: what the question asks, the guides lack)
        for stand_in in sorted(stand_ins):
            query = _PASSAGE_STAND_INS[stand_in]  # (alone: the ask's words find what it lacks)
            rankings.append(self._ranked(replace(understood, query=query), k)[0])
        rankings.append(hits)
        merged = {hit.chunk_id: hit for rank in zip_longest(*rankings) for hit in rank if hit}
        return list(merged.values())[:k]

    def _ranked(self, understood: Understanding, k: int) -> tuple[list[SearchHit], float, float]:
        """The k best chunks, and the best dense and keyword scores among the candidates."""
        company = understood.company
        dense = self._dense(understood.query, company)
        # Within one company, its name and roles are in every chunk: no help in ranking.
        common = " ".join([company, *self.catalog.roles.get(company, ())]) if company else ""
        # the guides' word for a topic asked in a word they never use ("langs": "language")
        said_as = topics_named(understood.query, self._held)
        searched = " ".join([understood.query, *said_as])
        keyword = self.lexical.search(searched, CANDIDATES, company=company, ignore=common)
        by_id = {hit.chunk_id: hit for hit in dense}
        dense_scores = {hit.chunk_id: hit.score for hit in dense}
        keyword_scores = {}
        for position, score in keyword:
            record = self.lexical.records[position]
            keyword_scores[record.chunk_id] = score
            by_id.setdefault(record.chunk_id, SearchHit.from_record(record, 0.0))
        fused = reciprocal_rank_fusion([h.chunk_id for h in dense], [c for c in keyword_scores])
        for chunk_id in fused:
            fused[chunk_id] += self._boost(by_id[chunk_id], understood)
        ranked = sorted(fused, key=lambda cid: -fused[cid])
        hits: list[SearchHit] = []
        seen: set[str] = set()
        for chunk_id in ranked:
            hit = by_id[chunk_id]
            key = _dedupe_key(hit.text)
            if key in seen:
                continue
            seen.add(key)
            lexical = keyword_scores.get(chunk_id)
            hits.append(
                replace(
                    hit,
                    score=round(fused[chunk_id], 6),
                    dense_score=dense_scores.get(chunk_id),
                    lexical_score=None if lexical is None else round(lexical, 4),
                )
            )
            if len(hits) == k:
                break
        best_dense = max(dense_scores.values(), default=0.0)
        best_keyword = max(keyword_scores.values(), default=0.0)
        return hits, best_dense, best_keyword

    def _dense(self, query: str, company: str | None) -> list[SearchHit]:
        """The dense candidates: exact within a named company, else Chroma's HNSW index."""
        if company and self.vectors is not None:
            vector = self.index.query_embedder.embed_query(query)
            return [
                SearchHit.from_record(self.lexical.records[row], score)
                for row, score in self.vectors.search(vector, CANDIDATES, company)
            ]
        where = {"company": company} if company else None
        return self.index.dense_search(query, k=CANDIDATES, where=where)

    def _boost(self, hit: SearchHit, understood: Understanding) -> float:
        boost = 0.0
        intent = understood.intent
        # Comp tables have no sign-on column: sign-on figures live in levers and scripts.
        wants_rows = intent in ("comp", "counter") and understood.component != "sign_on"
        if hit.kind == "table_row":
            if understood.region and hit.region == understood.region:
                boost += REGION_ROW_BOOST
            elif wants_rows and not understood.region:
                boost += TABLE_ROW_BOOST
        elif understood.component == "sign_on" and hit.kind in ("lever", "script"):
            boost += INTENT_KIND_BOOST
        if hit.kind == "questions" and understood.asks_examples:
            boost += EXAMPLE_QUESTIONS_BOOST
        if understood.asks_levels and "level mapping" in hit.text.lower():
            boost += LEVEL_MAPPING_BOOST
        if intent == "interview" and hit.guide_kind == "interview":
            boost += INTENT_KIND_BOOST
        if hit.kind in _INTENT_KINDS.get(intent, ()) and hit.kind != "table_row":
            boost += INTENT_KIND_BOOST
        if understood.role and hit.role == understood.role:
            boost += ROLE_BOOST
        return boost

    def _abstain_reason(self, understood: Understanding) -> str:
        catalog = self.catalog
        unknown = understood.unknown_company and not understood.company
        if understood.intent == "out_of_scope" and not (unknown and understood.state.intent):
            return "the question is not about a job offer, pay, negotiation or interviews"
        if not catalog.companies:
            return "the index holds no guides"
        # a loop asked of, with no pay asked too ("how many rounds, and whats the base for ny?")
        loop_only = understood.intent == "interview" and understood.asks_interviews
        loop_only = loop_only and not any(i in ("comp", "counter") for i in understood.intents)
        if unknown:  # (mid-talk, "what about coinbase london": Coinbase is what is lacking)
            place = understood.unknown_region  # "tencent in shenzhen": neither is held
            nor = f" and have no comp row for {place.title()}" if place else ""
            names = unknown_companies(normalize(understood.question), understood.unknown_company)
            shown = [n.title() if n.islower() else n for n in names]  # ("grab" typed: "Grab")
            if loop_only:  # ("and google? what do they ask in their behavioral?")
                return _no_interview_guide(shown)
            return f"the guides do not cover {' or '.join(shown)}{nor}"
        company = understood.company
        if understood.intent in ("comp", "counter") and understood.unknown_region:
            rows = catalog.regions.get(company, ()) if company else catalog.all_regions()
            whose = f"{company}'s" if company else "the"
            # ("hong kong or shenzhen?": each place without a row)
            places = places_without_rows(understood.question, rows) or [
                understood.unknown_region.title()
            ]
            if rows:
                listed = ", ".join(rows)
                return f"{whose} comp table has no row for {' or '.join(places)} (rows: {listed})"
            return f"the guides have no comp row for {' or '.join(places)}"
        if company and understood.intent == "comp" and not catalog.regions.get(company):
            return f"the guides have no comp table for {company}"
        if company and loop_only and "interview" not in catalog.kinds.get(company, ()):
            return _no_interview_guide([company])
        return ""


def _no_interview_guide(companies: list[str]) -> str:
    """Why a loop asked of companies without an interview guide is refused, saying what such a
    guide would hold, in the words users ask with."""
    its = "its" if len(companies) == 1 else "their"
    return (
        f"the guides have no {' or '.join(companies)} interview guide, so nothing on {its} "
        "interview process, rounds, timeline or questions"
    )
