"""Whether a message speaks of holding an offer from a company ("i've got a databricks offer",
"both databricks and an nvidia offer", "google sre is competing at 330 tc", "nvidia and
databricks in play"): a competing offer, not the company asked about.

Leaves out: which company the turn asks about (assistant.understanding.companies_asked).
"""

from __future__ import annotations

import re

from assistant.understanding.words import normalize


def held_offer(normalized: str, company: str) -> bool:
    """Whether the text speaks of holding an offer from `company` ("if i had an nvidia
    offer", "i've got a databricks offer"): a competing offer, not the company asked about."""
    if not _HOLDS.search(normalized):  # (most questions hold no offer)
        return False
    name = re.escape(normalize(company))
    holding = (
        r"\b(?:had|have|got|get|getting|hold|holding|receive|received|ve)\s+"
        r"(?:both\s+)?(?:an?\s+|the\s+)?"
    )
    # (of two named: "nvidia and databricks in play", "both databricks and an nvidia offer")
    either = rf"(?:[\w-]+\s+(?:and|&)\s+(?:an?\s+)?)?{name}(?:\s+(?:and|&)\s+(?:an?\s+)?[\w-]+)?"
    return bool(
        re.search(rf"{holding}{name}(?:\s+[\w/-]+){{0,2}}?\s+offers?", normalized)  # "…sre offer"
        or re.search(rf"{holding}(?:an?\s+)?offer\s+from\s+{name}\b", normalized)
        or re.search(rf"{holding}{either}\s+(?:offers?\b|{_IN_PLAY.pattern})", normalized)
        or re.search(rf"\b{name}(?:\s+[\w/-]+)?\s+(?:is\s+)?competing\s+at\b", normalized)
    )


_IN_PLAY = re.compile(r"\b(?:in play|on the table|in hand|as (?:a )?backup)\b")
_HOLDS = re.compile(rf"offer|competing|{_IN_PLAY.pattern}")


def offer_from(normalized: str, company: str, spelled: str = "") -> bool:
    """Whether the text tells of an offer `company` made ("nvidia just made me an offer too",
    "databricks just came in at 208 base", "amazon came back w/ a sysde offer", "my competing
    offer is an aws sre role", "what if the competing one is amazon", "i also have nvidia at
    205k base", "i have databricks at 205 and anyscale sf at 182"), or holds one from it;
    `spelled`: how the text spells the company, when not by its name ("aws")."""
    name = re.escape(normalize(spelled or company))
    return held_offer(normalized, company) or bool(
        re.search(rf"\b{name}\s+(?:just\s+|also\s+)?{_MADE}", normalized)
        or re.search(rf"\b{_INSTEAD}(?:with |to |for )?{name}\b", normalized)  # "…just go nvidia"
        or re.search(rf"\bcompeting (?:one|offer|role)? ?is (?:an? |the )?{name}\b", normalized)
        # "i also have nvidia at 205k base", "i also have microsoft (azure SRE) at $285K TC":
        # held, at figures
        or re.search(
            rf"\b(?:have|got|hold|holding) (?:an? )?{name}(?: [\w/()-]+){{0,3}}? (?:at|@) ?\$?\d",
            normalized,
        )
        # (and a second one held in the same breath: "i have databricks at 205 base and
        # anyscale sf at 182 base")
        or re.search(
            rf"\b(?:have|got|hold|holding) [^.?!]{{0,80}}? (?:at|@) ?\$?\d[^.?!]{{0,60}}? and "
            rf"(?:an? )?{name}(?: [\w/()-]+){{0,3}}? (?:at|@) ?\$?\d",
            normalized,
        )
        or offer_named(normalized, spelled or company)
    )


def offer_named(normalized: str, company: str, ending: str = "s?") -> bool:
    """Whether the text names `company`'s offer, up to three words between ("anyscale sf
    devops offer"); `ending`: what may follow "offer" ("(?:ed|s)?" also takes "offered")."""
    name = re.escape(normalize(company))
    return bool(re.search(rf"\b{name}(?:\s+[\w/-]+){{0,3}}?\s+offer{ending}\b", normalized))


_MADE = (
    r"(?:offered|made me an? offer|came back|came in|countered|sent (?:me )?an? offer|"
    r"(?:also )?has me at)\b"
)
# the alternative the user would take instead ("the lowest i should take before i just go nvidia")
_INSTEAD = r"(?:before|or|else) (?:i )?(?:just )?(?:go|going|take|taking|pick|choose|accept) "
