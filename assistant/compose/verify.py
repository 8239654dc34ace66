"""The last step of every turn: make the text safe, check its grounding, and decide what the
user sees (the DESIGN.md rule: numbers come from code, words may come from a model).

- The text is sanitized first: no raw HTML, images, links or URLs (assistant.compose.safe_markdown).
- The composer's own draft is checked too; it should always pass (a failure is logged as a bug
  and its bad sentences are dropped).
- A model's text is used when every [n] marker points to a citation of this turn and every
  figure is grounded (status "ok"). Otherwise its bad sentences are dropped ("repaired") when
  most of it survives and it still cites; else the composer's draft replaces it ("fallback"),
  as it does when the model failed, said nothing, echoed its instructions or its prompt's
  frame, or left out a figure the draft's answer is made of (Draft.key_figures).

Leaves out: producing the draft (assistant.compose) or the model text (assistant.backends).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from assistant.answer import Answer, Grounding
from assistant.compose.core import Draft
from assistant.compose.grounding import (
    GroundingSources,
    check,
    echoes,
    figures_in,
    markers_in,
    repair,
    split_sentences,
)
from assistant.compose.phrasing import SYSTEM_PROMPT
from assistant.compose.safe_markdown import sanitize

log = logging.getLogger(__name__)
COMPOSER = "composer"


def sources_of(draft: Draft, user_texts: Iterable[str]) -> GroundingSources:
    return GroundingSources(
        passages=tuple(c.quote for c in draft.citations),
        user_texts=tuple(user_texts),
        engine_values=tuple(draft.engine_values),
    )


def numbers_of(draft: Draft) -> frozenset[int]:
    return frozenset(c.n for c in draft.citations)


def composer_answer(
    draft: Draft, user_texts: Iterable[str], grounding: Grounding | None = None, notice: str = ""
) -> Answer:
    """The composer's draft as the answer (checked like any other text)."""
    text = sanitize(draft.text)
    fixed = repair(text, numbers_of(draft), sources_of(draft, user_texts))
    if fixed.dropped:
        log.error("composer draft failed the grounding check: %s", fixed.report.ungrounded)
        text = fixed.text
        if grounding is None:
            grounding = Grounding("repaired", fixed.report.ungrounded, fixed.dropped)
    return _answer(draft, text, COMPOSER, grounding or Grounding(), notice)


def model_answer(
    draft: Draft, model_text: str, backend: str, user_texts: Iterable[str], failure: str = ""
) -> Answer:
    """The model's text if it is grounded, repaired if mostly so, else the composer's draft."""
    user_texts = tuple(user_texts)
    if failure:
        return _fallback(
            draft, user_texts, failure, notice=f"{failure} This is the built-in composer's answer."
        )
    text = sanitize(model_text or "").strip()
    if not text:
        return _fallback(draft, user_texts, f"the {backend} backend returned no text")
    fixed = repair(text, numbers_of(draft), sources_of(draft, user_texts))
    report = fixed.report
    found = {"ungrounded": report.ungrounded, "dropped": fixed.dropped}
    if echoes(text, SYSTEM_PROMPT):
        return _fallback(draft, user_texts, "the model repeated its instructions", **found)
    if _PROMPT_FRAME.search(text):
        why = "the model copied the prompt's frame, not an answer"
        return _fallback(draft, user_texts, why, **found)
    incomplete = _incomplete(draft, fixed.text)
    if incomplete:
        return _fallback(draft, user_texts, incomplete, **found)
    lost_citations = bool(draft.citations) and not markers_in(fixed.text)
    if report.ok and not lost_citations:
        return _answer(draft, text, backend, Grounding())
    before = len(split_sentences(text))
    after = len(split_sentences(fixed.text)) if fixed.text.strip() else 0
    if after == 0 or after * 2 < before or lost_citations:
        problems = []
        if report.ungrounded:
            problems.append("figures no source holds: " + ", ".join(report.ungrounded))
        if report.invalid_markers:
            marks = ", ".join(f"[{n}]" for n in report.invalid_markers)
            problems.append(f"markers that point to no citation: {marks}")
        if before > after:
            problems.append(f"{before - after} of {before} sentences dropped")
        if lost_citations and after:
            problems.append("what is left cites nothing")
        return _fallback(
            draft,
            user_texts,
            "; ".join(problems) or "nothing grounded is left",
            ungrounded=report.ungrounded,
            dropped=fixed.dropped,
        )
    return _answer(
        draft, fixed.text, backend, Grounding("repaired", report.ungrounded, fixed.dropped)
    )


_PROMPT_FRAME = re.compile(r"<<<|>>>|‹‹‹|›››|\b(?:DRAFT|PASSAGES|QUESTION)\s*:")


def _incomplete(draft: Draft, text: str) -> str:
    """Why the model's text cannot stand for the draft, or "": it must keep the figures the
    draft's answer is made of (the band asked about, the counter's asks)."""
    wanted = {round(f.value, 2) for f in figures_in(" ".join(draft.key_figures))}
    kept = {round(f.value, 2) for f in figures_in(text)}
    missing = wanted - kept
    if missing:
        return f"the model left out {len(missing)} of the {len(wanted)} figures the answer gives"
    return ""


def _answer(
    draft: Draft, text: str, backend: str, grounding: Grounding, notice: str = ""
) -> Answer:
    return Answer(
        answer=text,
        citations=draft.citations,
        refused=draft.refused,
        intent=draft.intent,
        backend=backend,
        grounding=grounding,
        calculations=draft.engine_values,
        notice=notice,
    )


def _fallback(
    draft: Draft,
    user_texts: tuple[str, ...],
    reason: str,
    *,
    ungrounded: tuple[str, ...] = (),
    dropped: tuple[str, ...] = (),
    notice: str = "",
) -> Answer:
    grounding = Grounding("fallback", tuple(ungrounded), tuple(dropped), reason)
    return composer_answer(draft, user_texts, grounding=grounding, notice=notice)


def verified_prefix(text: str, draft: Draft, user_texts: Iterable[str]) -> str:
    """The complete sentences of a streaming model text that pass the check, for showing while
    the model is still writing (nothing ungrounded is ever shown)."""
    spans = split_sentences(text)
    if not spans:
        return ""
    complete = spans if text.endswith(("\n", ". ", "! ", "? ")) else spans[:-1]
    numbers, sources = numbers_of(draft), sources_of(draft, user_texts)
    shown = [s.text for s in complete if check(sanitize(s.text), numbers, sources).ok]
    return "\n".join(line.strip() for line in shown if line.strip())
