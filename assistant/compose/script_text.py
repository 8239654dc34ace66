"""A company's negotiate-up script as text, when the question asks for its words ("what does
the guide's counter script say exactly?"): its asking sentence first, then the whole script;
asked with the user's numbers ("give me the script word for word with my numbers", "draft me a
reply to the recruiter, use my numbers"), its blanks filled in with them: "$[X]K base, $[Y]K
RSUs … from [Google SRE/Amazon] at $[W]K TC … RSUs at $[Y+55K]" becomes "$172K base, $90K
RSUs … from Google at $320K TC … RSUs at $145K", with a line saying where each filled figure
comes from.

A blank means what the words after it name (base, RSUs/equity/stock, TC), of the offer a
competing-offer phrase before it in its sentence points to ("offer from [Google/Amazon] at
$[W]K TC": the rival's), else of the user's own offer; "[Y+55K]" is Y's figure plus the amount
(computed, shown); a blank naming employers ("[Google SRE/Amazon]", "[Competitor]") takes the
rival's name. A blank with no figure to put in stays as the guide wrote it, and is named.

Leaves out: blanks whose meaning the words around them do not say ("[target]" stays a blank),
figures in another currency than the script's (no exchange rate), and choosing what to ask
(assistant.engine.negotiation).
"""

from __future__ import annotations

import re

from assistant.compose.core import Writer
from assistant.compose.passages import one_line, sentences_of
from assistant.engine.offer import Offer, Package
from assistant.money import currencies_in, format_money
from assistant.understanding.asks import asked_sentences
from assistant.understanding.draft_request import asks_for_a_draft
from assistant.understanding.question import Understanding

# "$[X]K", "$[Y+55K]", "[Google SRE/Amazon]", "$[target]"
_BLANK = re.compile(r"(?P<sign>\$)?\[(?P<inside>[^\]]{1,40})\](?P<k>K\b)?")
_SUM = re.compile(r"^(?P<letter>[A-Z])\s*\+\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<k>[KkMm]?)$")
_AFTER = {
    "base": re.compile(r"^\s*(?:base|salary)\b", re.I),
    "stock": re.compile(r"^\s*(?:rsus?|equity|stock|shares)\b", re.I),
    "tc": re.compile(r"^\s*(?:tc|total comp)\b", re.I),
}
_RIVAL_BEFORE = re.compile(r"\b(?:offer from|competing|holding an?|other offer)\b[^.]*$", re.I)
_EMPLOYERS = re.compile(r"/|\b(?:competitor|company|employer)\b", re.I)
_FILL_ASKED = re.compile(
    r"\b(?:fill|plug)\w*\b|\bwith (?:my|our) (?:own )?(?:numbers|figures|offer|amounts)\b"
    r"|\bmy numbers\b",
    re.I,
)


_EXACT_WORDS = re.compile(r"\b(?:exact|word for word|verbatim)\b", re.I)


def fill_asked(question: str) -> bool:
    """Whether the question asks for the script with the user's own numbers in it."""
    return bool(_FILL_ASKED.search(question))


def filled_script(writer: Writer, text: str, offer: Offer, currency: str, mark: str) -> list[str]:
    """The lines giving the script `text` with its blanks filled from `offer` (in `currency`,
    the script's), and where each filled figure comes from; [] when no blank can be filled."""
    if not offer.currency or offer.currency != currency:
        return []
    rival = next((p for p in offer.competing if p.currency in ("", currency)), None)
    letters: dict[str, float] = {}
    sources: list[str] = []
    left: list[str] = []

    def fill(match: re.Match[str]) -> str:
        inside, blank = match["inside"].strip(), match.group(0)
        whose = rival if _RIVAL_BEFORE.search(text[: match.start()].rsplit(".", 1)[-1]) else offer
        if not match["sign"] and _EMPLOYERS.search(inside) and rival and rival.company:
            sources.append(f"{blank}: {rival.company}, your competing offer")
            return rival.company
        total = _SUM.match(inside)
        if total and match["sign"] and total["letter"] in letters:
            scale = {"k": 1e3, "m": 1e6}.get(total["k"].lower(), 1.0)
            value = letters[total["letter"]] + float(total["amount"]) * scale
            writer.values.append((value, currency))  # (computed: for the grounding check)
            shown = format_money(value, currency)
            sources.append(
                f"{blank}: {format_money(letters[total['letter']], currency)} + "
                f"{format_money(float(total['amount']) * scale, currency)} = {shown}"
            )
            return shown
        value, said = _value_after(text[match.end() :], whose)
        if value is None or not match["sign"] or not re.fullmatch(r"[A-Z]", inside):
            left.append(blank)
            return blank
        letters[inside] = value
        owner = "your" if whose is offer else f"{whose.company or 'the competing offer'}'s"
        sources.append(f"{blank}: {owner} {said} {format_money(value, currency)}")
        return format_money(value, currency)

    filled = _BLANK.sub(fill, text)
    if not sources:
        return []
    lines = ["**The script with your numbers:**", "", f"> {filled} {mark}", ""]
    lines.append("Filled in: " + "; ".join(sources) + ".")
    if left:
        lines.append(f"Left as the guide wrote it (no figure of yours for it): {', '.join(left)}.")
    return [*lines, ""]


def _value_after(after: str, package: Package | None) -> tuple[float | None, str]:
    """The figure of `package` the words right after a blank name, and what they name."""
    if package is None:
        return None, ""
    for part, pattern in _AFTER.items():
        if pattern.match(after):
            if part == "stock":
                grant = package.stock if package.stock_basis != "per_year" else None
                return grant, "RSU grant"
            if part == "tc":
                return package.tc, "total comp"
            return package.base, "base"
    return None, ""


# "what does the guide's counter script say exactly?", "quote me the script", "the script's
# exact words": its text asked for, not only its figures ("per the script how much rsu?")
SCRIPT_TEXT_ASKED = re.compile(
    r"\bwhat\b[^.?!]{0,30}\b(?:does|do|did) (?:[\w-]+ ){0,4}scripts? (?:say|says|read|make|ask)\b"
    # ("…nvidia offered 213 base / 255 rsu. script?": the script asked for, nothing more)
    r"|^\W*(?:(?:ok|so|and|the|ur|your|their|a)\W+)*scripts?\W*(?:pls|please)?\W*$"
    r"|\bscripts?'?s? (?:exact |actual |full )?(?:words|wording|text|lines?)\b"
    r"|\b(?:quote|read|show|give|paste) (?:me |us )?(?:\w+ ){0,3}scripts?\b"
    r"|\bscripts?\b[^.?!]{0,30}\b(?:exactly|word for word|verbatim)\b",
    re.I,
)
_ASKING_LINE = re.compile(r"\b(?:I need|I'd like|I would need|to accept)\b", re.I)


def script_asked(
    writer: Writer, understood: Understanding, offer: Offer, scripts, currency: str
) -> list[str]:
    """The company's negotiate-up script, when the asking sentence asks what it says: its
    asking sentence first ("To accept, I need RSUs at $[Y+55K] and a $45K sign-on."), or, asked
    with the user's numbers, the script filled in with them; then the whole script, with the
    currency its figures are in when that is not the band's (no exchange rate; no currency:
    none noted); [] when not asked."""
    own = [s for s in scripts if s.company == offer.company]
    asking = asked_sentences(understood.question)
    # ("draft me a reply to the recruiter, use my numbers": the guide's reply, filled in)
    # (and "need the EXACT words… their offer: 165k base… write it out like a script": the
    # exact words of an offer given in the message are said with its figures)
    exact = understood.states_amounts and _EXACT_WORDS.search(understood.question)
    wanted = fill_asked(asking) or bool(exact)
    filling = wanted and ("script" in asking.lower() or asks_for_a_draft(asking))
    if not own or not (SCRIPT_TEXT_ASKED.search(asking) or filling):
        return []
    script, mark = own[0], writer.book.cite(own[0].chunk_id)
    units = currencies_in(script.text)
    if filling and len(units) == 1:
        filled = filled_script(writer, script.text, offer, next(iter(units)), mark)
        whole = f"The {offer.company} guide's negotiate-up script, as written {mark}:"
        if filled:  # ("…the script word for word with my numbers"): that first
            return [*filled, whole, "", f"> {script.text}", ""]
    note = (
        f" (its figures are in {units.pop()}, not {currency})"
        if currency and units - {currency}
        else ""
    )
    asks = [one_line(s) for s in sentences_of(script.text.strip('"“”')) if _ASKING_LINE.search(s)]
    lead = [f'The script\'s ask{note}: "{asks[0]}" {mark}', ""] if asks else []
    whole = f"The {offer.company} guide's negotiate-up script{'' if asks else note} {mark}:"
    return [*lead, whole, "", f"> {script.text}", ""]
