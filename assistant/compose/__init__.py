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
carry links or markup are never copied into an answer (assistant.compose.untrusted): guide text is
data.

`composer.compose` picks the intent. One module per intent (comp, counter, levers, interview,
general, refusal), over core (the typed objects), passages (condensing chunks) and bands (writing
comp rows).

Leaves out: any wording by a model (assistant.backends), the grounding check
(assistant.compose.grounding) and choosing what to retrieve (assistant.retrieval.hybrid).
"""
