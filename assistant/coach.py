"""The chat agent: a LangGraph pipeline from a user turn to a checked `Answer`, and `Coach`, the
public API the CLI and the UI call.

    understand (with the conversation replayed from the history)
      -> retrieve -> [counter] negotiate -> compose -> [LLM backend] phrase -> verify -> Answer

- understand: intent, company, region, component, follow-up rewrite
  (assistant.understanding.question), with the history (assistant.understanding.conversation).
- retrieve: hybrid retrieval with abstaining (assistant.retrieval.hybrid).
- negotiate (counter questions): the offer from this message or an earlier one, the band
  position, proposal and drafts (assistant.engine: offer, negotiation, drafts).
- compose: the built-in grounded composer (assistant.compose).
- phrase: with an LLM backend, never for a refusal: the model rephrases the draft (compose.
  phrasing, backends); sentences that pass the grounding check stream as they complete.
- verify: sanitize, grounding check, repair or fallback (assistant.compose.verify).

`Coach.ask(question, history=[])` returns the Answer; `Coach.stream(...)` yields the text shown
so far (str) and then the Answer. For the UI's other tabs, `Coach.plan_counter(OfferForm)` gives
the workbench's chart, table and drafts (assistant.engine.workbench), and `guides()`, `add_guide()`
and `remove_guide()` manage the corpus and re-sync the index (assistant.corpus.shelf). History is
the caller's: a list of {"role", "content"} messages or (user, assistant) pairs.

Leaves out: rendering (ui/, cli.py) and any persistence of conversations.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypedDict

from assistant.answer import Answer
from assistant.backends import BackendUnavailable, LLMBackend, get_backend
from assistant.compose.composer import compose
from assistant.compose.core import Draft, Evidence
from assistant.compose.phrasing import rephrase_messages
from assistant.compose.quotable import QuotableRecords
from assistant.compose.untrusted import clean_question
from assistant.compose.verify import composer_answer, model_answer, verified_prefix
from assistant.config import Settings, offline_environment
from assistant.corpus.factbook import FactBook
from assistant.corpus.facts import Facts
from assistant.engine import offer_update as update
from assistant.engine.negotiation import Negotiation, band_defaults, negotiate
from assistant.engine.offer import Offer
from assistant.engine.own_asks import with_own_asks
from assistant.errors import CoachError
from assistant.index.embeddings import count_tokens
from assistant.pipeline import END, Step, build_graph, run_in_order
from assistant.retrieval.hybrid import HybridRetriever, Retrieval
from assistant.understanding.conversation import (
    Context,
    asks_which_lever,
    draft_restyle,
    gives_one_percentage,
    new_offer_stated,
    of_the_offer,
    offer_change,
    offer_read_with,
    replay,
    states_offer,
    with_subject,
)
from assistant.understanding.question import Understanding

if TYPE_CHECKING:
    from pathlib import Path

    from assistant.corpus.shelf import GuideSummary
    from assistant.engine.workbench import CounterPlan, OfferForm
    from assistant.index.store import SyncReport

log = logging.getLogger(__name__)
PASSAGES = {"interview": 8, "general": 5, "lever": 6}  # retrieved chunks per intent (else 5)
MAX_QUESTION_CHARS = 4000
STREAM_LINES = 3  # the composer's answer is streamed a few lines at a time


class TurnState(TypedDict, total=False):
    question: str
    cleaned: str  # the question as understood (assistant.compose.untrusted.clean_question)
    history: list
    context: Context
    understood: Understanding
    retrieval: Retrieval
    offer: Offer | None  # the offer this message states, read once (None: it could not be read)
    facts: Facts  # the facts the offer was read against
    negotiation: Negotiation | None
    drafts: Any
    offer_problem: str
    comparison: Any  # offers year by year, when the question compares them
    replaced_from: str  # the region an earlier offer was given for, when this turn moves it
    offer_change: str  # amounts this turn gives for the conversation's offer, with its subject
    rival_only: bool  # the conversation's offer gives only a competing employer's figures
    draft_style: str  # "make the email shorter": the draft's style (engine.draft_styles)
    draft: Draft
    model_text: str
    failure: str
    answer: Answer


class Coach:
    """Grounded answers over one index. Opening it reads the index's sidecar (keyword index,
    records and vectors); the embedding model loads on the first question."""

    def __init__(self, settings: Settings | None = None, backend: str | LLMBackend | None = None):
        offline_environment()
        self.settings = settings or Settings()
        from assistant.index.store import VectorIndex

        self.index = VectorIndex(self.settings)
        self.index.require_manifest()
        self._shelf_lock = threading.Lock()
        self._open_index()
        chosen = self.settings.backend if backend is None else backend
        self.backend = (
            chosen if isinstance(chosen, LLMBackend) else get_backend(chosen, self.settings)
        )

    @property
    def backend_name(self) -> str:
        return self.backend.name if self.backend else "composer"

    @property
    def catalog(self):
        return self.retriever.catalog

    # -- public API -----------------------------------------------------------------------------

    def ask(
        self, question: str, history: Iterable[Any] | None = None, rehearsal: Any = None
    ) -> Answer:
        """The answer to one user turn, given the conversation so far (and the caller's
        ChatRehearsal, assistant.compose.rehearse_chat, when the chat can rehearse the call)."""
        answer = self._rehearsal_turn(question, history, rehearsal)
        if answer is not None:
            return answer
        start = self._start(question, history)
        if self.backend is None:  # nothing to stream: the same steps, without langgraph
            return run_in_order(self._steps(), "understand", start)["answer"]
        return self.graph.invoke(start)["answer"]

    def stream(
        self, question: str, history: Iterable[Any] | None = None, rehearsal: Any = None
    ) -> Iterator[str | Answer]:
        """The text shown so far (checked sentences only), then the final Answer."""
        answer = self._rehearsal_turn(question, history, rehearsal)
        if answer is not None:
            yield answer
            return
        for mode, payload in self.graph.stream(
            self._start(question, history), stream_mode=["custom", "values"]
        ):
            if mode == "custom":
                yield payload["text"]
            elif "answer" in payload:
                answer = payload["answer"]
        assert answer is not None, "the graph always ends with an answer"
        if answer.backend == "composer" or answer.grounding.status != "ok":
            lines = answer.answer.splitlines()
            for end in range(STREAM_LINES, len(lines), STREAM_LINES):
                yield "\n".join(lines[:end])
        yield answer

    def _rehearsal_turn(self, question: str, history, rehearsal) -> Answer | None:
        """The rehearsed call's turn when the chat is in one or asks for one, else None."""
        if rehearsal is None or not rehearsal.wants(question):
            return None
        context = replay(history, self.catalog, clean_question)
        cleaned = clean_question(question or "")
        offer_text = context.offer_text
        if states_offer(cleaned):
            offer_text = with_subject(cleaned, self.retriever.understand(cleaned, context.state))
        facts = self.factbook.facts_for([*self.catalog.companies])
        draft = rehearsal.respond(question or "", offer_text, facts, self.records)
        return None if draft is None else composer_answer(draft, (*context.user_texts, cleaned))

    def _start(self, question: str, history: Iterable[Any] | None) -> TurnState:
        if not isinstance(question, str) or not question.strip():
            raise CoachError(
                "The question is empty; ask about pay, an offer, levers or interviews."
            )
        if len(question) > MAX_QUESTION_CHARS:
            raise CoachError(
                f"The question is {len(question):,} characters; keep it under "
                f"{MAX_QUESTION_CHARS:,} (the offer's figures and what you want to know)."
            )
        return {"question": question.strip(), "history": list(history or [])}

    def warm_up(self) -> None:
        """Load the query embedder now rather than on the first question."""
        self.index.query_embedder.embed_query("warm up")

    # -- the offer workbench and the guide shelf ---------------------------------------------------

    def comp_regions(self) -> dict[str, list[str]]:
        """Company -> the regions its guides give a comp band for (the workbench's choices)."""
        bands = {c: self.factbook.facts_for([c]).bands for c in self.catalog.companies}
        return {c: list(dict.fromkeys(b.region for b in rows)) for c, rows in bands.items() if rows}

    def plan_counter(self, form: OfferForm) -> CounterPlan:
        """The band chart, proposal table and drafts for an offer typed into separate fields."""
        from assistant.engine.workbench import plan_counter

        facts = self.factbook.facts_for([*self.catalog.companies])
        quotes = {chunk_id: record.text for chunk_id, record in self.records.items()}
        return plan_counter(form, facts, self.catalog.companies, self.catalog.regions, quotes)

    def form_problems(self, form: OfferForm) -> dict[str, str]:
        """What is wrong with each field of the workbench's offer, all at once (empty: none)."""
        from assistant.engine.workbench import form_problems

        facts = self.factbook.facts_for([*self.catalog.companies])
        return form_problems(form, facts, self.catalog.companies, self.catalog.regions)

    def rehearse(self, form: OfferForm, seed: int = 0):
        """A rehearsed call (assistant.engine.rehearsal) of the offer typed into the workbench."""
        from assistant.engine.rehearsal import rehearsal_from_form

        facts = self.factbook.facts_for([*self.catalog.companies])
        companies, regions = self.catalog.companies, self.catalog.regions
        return rehearsal_from_form(form, facts, companies, regions, self.records, seed)

    def compare_years(self, form: OfferForm, others: list[str], schedule: str = "", rate: str = ""):
        """The workbench's offer (A) and up to three others, year by year, each by its band."""
        from assistant.engine.years_workbench import compare_form

        facts = self.factbook.facts_for([*self.catalog.companies])
        return compare_form(form, others, facts, schedule, rate=rate)

    def write_playbook(
        self, form: OfferForm, others: list[str], out: Path, schedule: str = "", rate: str = ""
    ) -> list[Path]:
        """FILE.md and FILE.html at `out` for the workbench's offer and the other offers."""
        from assistant.compose.playbook import write_playbook
        from assistant.corpus.factbook import read_corpus
        from assistant.engine.years_workbench import offer_texts

        text, *rest = offer_texts(form, others, schedule)
        corpus = read_corpus(self.settings.corpus_dir, count_tokens)
        return write_playbook(text, rest, corpus, out, rates=[rate] if rate.strip() else [])

    def guides(self) -> list[GuideSummary]:
        """The indexed guides with their chunk and comp-band counts."""
        from assistant.corpus.shelf import indexed_guides

        bands = Counter(b.source for b in self.factbook.facts_for(self.catalog.companies).bands)
        return indexed_guides(self.records.values(), bands)

    def add_guide(self, file_name: str, data: bytes) -> SyncReport:
        """Save an uploaded guide into the corpus (never over another) and index it
        incrementally; the index's progress bar is a tqdm bar a caller can follow."""
        from assistant.corpus.shelf import save_upload

        with self._shelf_lock:
            path = save_upload(self.settings.corpus_dir, file_name, data)
            try:
                return self._sync()
            except Exception:
                path.unlink(missing_ok=True)  # nothing half-added: the corpus stays as indexed
                self._sync()
                raise

    def remove_guide(self, source: str) -> SyncReport:
        """Delete a guide from the corpus and from the index."""
        from assistant.corpus.shelf import remove_guide

        with self._shelf_lock:
            remove_guide(self.settings.corpus_dir, source)
            return self._sync()

    def _sync(self) -> SyncReport:
        report = self.index.sync(progress=True, say=log.info)
        self._open_index()
        return report

    def _open_index(self) -> None:
        retriever = HybridRetriever(self.index)
        records = retriever.lexical.records
        self.records = {record.chunk_id: record for record in records}
        self.factbook = FactBook(self.settings.corpus_dir, records, count_tokens)
        self.quotable = QuotableRecords(self.records, lambda c: self.factbook.facts_for([c]).bands)
        self.retriever = retriever

    # -- the graph ------------------------------------------------------------------------------

    def _steps(self) -> dict[str, Step]:
        return {
            "understand": Step(self._understand, "retrieve"),
            "retrieve": Step(self._retrieve, self._after_retrieve, ("negotiate", "compose")),
            "negotiate": Step(self._negotiate, "compose"),
            "compose": Step(self._compose, self._after_compose, ("phrase", "verify")),
            "phrase": Step(self._phrase, "verify"),
            "verify": Step(self._verify, END),
        }

    @cached_property
    def graph(self):
        """The steps as a LangGraph graph, built on first use (streaming, model backends)."""
        return build_graph(TurnState, self._steps(), "understand")

    def _understand(self, state: TurnState) -> TurnState:
        context = replay(state["history"], self.catalog, clean_question)
        cleaned = clean_question(state["question"])
        understood = self.retriever.understand(cleaned, context.state, state["question"])
        turn: TurnState = {"context": context, "understood": understood, "cleaned": cleaned}
        change = offer_change(cleaned, context.offer_text) if context.offer_text else None
        if new_offer_stated(cleaned, understood, bool(context.offer_text)):  # read once, for all
            earlier = context.offer_for(understood.company)[0]
            offer_text = offer_read_with(earlier, cleaned, understood)
            turn.update(self._read_offer(offer_text, understood))
            offer = turn.get("offer")  # (one badly written, None, is one too: the counter says why)
            gives_offer = offer is None or (offer.base, offer.stock, offer.tc) != (None,) * 3
            # ("170k base. ok?"; not "…offered $195K base. which lever fits my background?")
            counter = understood.intent in ("comp", "general") or not asks_which_lever(cleaned)
            if understood.intent in ("comp", "general", "lever") and gives_offer and counter:
                turn["understood"] = replace(understood, intent="counter")
        elif change and not understood.unknown_company:  # "what if base were 190k?", "sorry
            turn["offer_change"] = with_subject(change, understood)  # 185 not 158"
            turn["understood"] = replace(understood, intent="counter")
        elif of_the_offer(context, cleaned, understood):  # ("anyscale nyc btw", "why 155k?")
            turn["understood"] = replace(understood, intent="counter")
        style = draft_restyle(cleaned, understood) if context.offer_text else None
        if style:  # the last draft, restyled
            turn["understood"] = replace(turn["understood"], intent="counter")
            turn["draft_style"] = style
        asked = turn["understood"]
        if asked.intent == "counter" and not context.offer_text:
            # "give me a script to counter" (no offer yet), or a competing offer's figures: levers
            script_wanted = "lever" in asked.intents and "offer" not in turn
            if script_wanted or asked.offer_is_competing:
                turn["understood"] = replace(asked, intent="lever")
                turn.pop("offer", None)
            elif "offer" not in turn and gives_one_percentage(cleaned):  # "offer has an 8%
                turn["understood"] = replace(asked, intent="comp")  # bonus. ok?": the band's
        comparison = self._comparison(cleaned, context)
        if comparison is not None:  # the intent enum has no "compare": it is a counter answer
            turn["comparison"] = comparison
            turn["understood"] = replace(turn["understood"], intent="counter")
        return turn

    def _comparison(self, cleaned: str, context: Context):
        """Offers year by year when the question compares two or more offers (compose.compare)."""
        from assistant.compose.compare import ASKS_TO_COMPARE, comparison_in_chat

        if not ASKS_TO_COMPARE.search(cleaned):
            return None
        facts = self.factbook.facts_for([*self.catalog.companies])
        return comparison_in_chat(
            cleaned, context.user_texts, context.offer_text, self.catalog, facts
        )

    def _read_offer(self, offer_text: str, understood: Understanding) -> TurnState:
        """The offer in `offer_text`, read with the band's currency and vesting as defaults:
        {"offer", "facts"}, or {"offer_problem"} when it cannot be read."""
        from assistant.engine.offer import parse_offer

        companies = self.catalog.companies
        named = [understood.company, *understood.other_companies] if understood.company else []
        facts = self.factbook.facts_for(named or companies)
        currencies, years = band_defaults(facts)
        try:
            offer = parse_offer(
                offer_text,
                companies,
                self.catalog.regions,
                band_currency=currencies,
                vesting_years=years,
            )
        except CoachError as problem:
            return {"offer": None, "offer_problem": str(problem)}
        return {"offer": offer, "facts": facts}

    def _retrieve(self, state: TurnState) -> TurnState:
        understood = state["understood"]
        k = PASSAGES.get(understood.intent, 5)
        return {"retrieval": self.retriever.retrieve_understood(understood, k)}

    @staticmethod
    def _after_retrieve(state: TurnState) -> str:
        understood = state["understood"]
        if state.get("comparison") is not None:
            return "compose"
        named_unknown = understood.unknown_company or understood.unknown_region
        if understood.intent == "counter" and not named_unknown:
            return "negotiate"
        return "compose"

    def _negotiate(self, state: TurnState) -> TurnState:
        from assistant.engine.drafts import write_drafts

        understood, context = state["understood"], state["context"]
        read, (own, changes) = state, context.offer_for(understood.company)
        if "offer" not in state:  # this message states no offer: the conversation's last one
            if not own:
                return {"negotiation": None, "drafts": None}
            read = self._read_offer(own, understood)
        offer, facts = read.get("offer"), read.get("facts")
        if offer is None:
            return {"negotiation": None, "drafts": None, "offer_problem": read["offer_problem"]}
        if understood.component and update.nothing_to_place(offer):
            return {"negotiation": None, "drafts": None}  # ("zero sign on. a sane SOB ask?")
        given_for = offer.region
        if "offer" not in state:  # "if it were Sunnyvale (or anyscale sf) instead?", "base 190k?"
            moves = understood.corrects or not offer.company or understood.repeats
            if moves and understood.company not in (None, offer.company):
                offer = update.said_to_be(offer, understood.company, understood.region, facts)
        if "offer" not in state or understood.offer_is_competing:  # (the earlier offer's fixes)
            regions = self.catalog.regions.get(offer.company, ())  # (and place: "team is seattle")
            offer = update.moved_to(offer, understood.region, regions)
            for change in (*changes, state.get("offer_change")):  # (in order)
                changed = self._read_offer(change, understood).get("offer") if change else None
                offer = update.with_changes(offer, changed, facts) if changed else offer
        if "offer" not in state and not update.gives_own_pay(offer):  # only a rival's figures
            return {"negotiation": None, "drafts": None, "rival_only": True}  # ("nvidia has…")
        if offer.company and offer.company != understood.company:
            facts = self.factbook.facts_for([offer.company])
        asked = [*(() if "offer" in state else context.after_offer), state["cleaned"]]
        negotiation = with_own_asks(negotiate(offer, facts), asked)  # ("…asking for 205 base")
        quotes = {k: r.text for k, r in self.records.items()}
        drafts = write_drafts(negotiation, quotes, state.get("draft_style", "standard"))
        moved = update.moved_from(given_for, negotiation, understood.region_mentions)
        return {"negotiation": negotiation, "drafts": drafts, "replaced_from": moved}

    def _relatedness(self, question: str, sentences) -> list[float]:
        """Cosine similarity of each sentence's embedding to the question's (unit vectors)."""
        vectors = self.index.query_embedder.embed_array([question, *sentences])
        return [float(value) for value in vectors[1:] @ vectors[0]]

    def _compose(self, state: TurnState) -> TurnState:
        understood = state["understood"]
        negotiation = state.get("negotiation")
        if state.get("rival_only") and understood.repeats and understood.region_mentions:
            understood = replace(understood, intent="comp")  # ("msft: 260 tc", "if it were sf?")
        companies = [understood.company, *understood.other_companies]
        if negotiation is not None:
            companies.append(negotiation.offer.company)
        evidence = Evidence(
            records=self.quotable,
            indexed=self.records,
            facts=self.factbook.facts_for(companies),
            catalog=self.catalog,
            negotiation=negotiation,
            drafts=state.get("drafts"),
            offer_problem=state.get("offer_problem", ""),
            previous_region=state["context"].region_before(understood.company, understood.region),
            offer_told=state["context"].offer_for(understood.company)[0],
            last_lever=state["context"].last_lever,
            comparison=state.get("comparison"),
            replaced_from=state.get("replaced_from", ""),
            relatedness=self._relatedness,
        )
        return {"draft": compose(understood, state["retrieval"], evidence)}

    def _after_compose(self, state: TurnState) -> str:
        return "phrase" if self.backend is not None and not state["draft"].refused else "verify"

    def _phrase(self, state: TurnState) -> TurnState:
        from langgraph.config import get_stream_writer

        draft = state["draft"]
        writer = get_stream_writer()
        user_texts = self._user_texts(state)
        messages = rephrase_messages(state["cleaned"], draft.text, draft.citations)
        text, shown = "", ""
        try:
            for piece in self.backend.generate(messages):
                text += piece
                prefix = verified_prefix(text, draft, user_texts)
                if prefix != shown:
                    shown = prefix
                    writer({"text": shown})
        except BackendUnavailable as problem:
            return {"model_text": text, "failure": str(problem)}
        except Exception as problem:  # a model failing must not lose the grounded answer
            log.warning("backend %s failed: %s", self.backend_name, problem)
            return {
                "model_text": text,
                "failure": f"The {self.backend_name} backend failed "
                f"({type(problem).__name__}: {problem}).",
            }
        return {"model_text": text, "failure": ""}

    def _verify(self, state: TurnState) -> TurnState:
        draft = state["draft"]
        user_texts = self._user_texts(state)
        if "model_text" not in state:
            return {"answer": composer_answer(draft, user_texts)}
        answer = model_answer(
            draft, state["model_text"], self.backend_name, user_texts, state.get("failure", "")
        )
        return {"answer": answer}

    @staticmethod
    def _user_texts(state: TurnState) -> tuple[str, ...]:
        return (*state["context"].user_texts, state["cleaned"])
