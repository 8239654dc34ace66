"""What an offer says about its years, read before the offer itself: the vesting schedule
("vesting 5/15/40/40", "1-year cliff", "back-loaded", "front-loaded", "even"), a yearly raise
("3% raise a year"), a refresher the user assumes ("refreshers $20K per year") and the sign-on's
clawback ("clawback 12 months"). Each phrase is taken out of the text, so `parse_offer` reads
the rest as it reads any offer.

Presets, in percent of the grant per year of a 4-year grant (other lengths: even and cliff only):
even 25/25/25/25; 1-year cliff 0/50/25/25 (nothing vests in year one; the first year's share
vests at the one-year mark and is counted in year two); back-loaded 5/15/40/40; front-loaded
33/33/22/12. Custom percentages must sum to 100.

Leaves out: monthly or quarterly vesting inside a year, cliffs other than one year, refresher
grants with their own schedule (a refresher is a stated amount per year from year two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.errors import OfferError
from assistant.money import PERCENT, find_amounts

PRESETS = {"back-loaded": (5, 15, 40, 40), "front-loaded": (33, 33, 22, 12)}
RAISE_MAX_PCT = 50
_NUM = r"\d+(?:\.\d+)?"
_CUSTOM = re.compile(
    rf"\b(?:vesting|vests?|vested|schedule)\s*(?:of|:|at|is)?\s*"
    rf"({_NUM}\s*%?(?:\s*/\s*{_NUM}\s*%?){{1,9}})",
    re.I,
)
_LIST = re.compile(rf"\b{_NUM}\s*%?(?:\s*/\s*{_NUM}\s*%?){{2,9}}")  # "10/20/30/40" with no word
_CLIFF = re.compile(r"\b(?:(?:1|one)[- ]?(?:year|yr)\s+)?cliff\b", re.I)
_NAMED = re.compile(r"\b(back|front)[- ]?loaded(?:\s+vesting)?\b", re.I)
_EVEN = re.compile(r"\b(?:even|equal)\s+vesting\b|\b(?:vests?\s+)?evenly\b", re.I)
_RAISE = re.compile(
    rf"\b(?:({_NUM})\s*%\s*(?:annual\s+|yearly\s+)?raises?"
    rf"|raises?\s*(?:of\s*)?({_NUM})\s*%)(?:\s*(?:a|per|each)\s+year|\s*annually|\s*yearly)?",
    re.I,
)
_REFRESH = re.compile(r"\brefresh(?:er)?s?\b[^,;\n]*", re.I)
_CLAWBACK = re.compile(
    r"\b(?:clawback|claw-back|repaid|repay)\b[^,;.\n]*?(\d+)\s*-?\s*(months?|years?|yrs?)\b"
    r"|\b(\d+)\s*-?\s*(months?|years?|yrs?)\s+clawback\b",
    re.I,
)


@dataclass(frozen=True)
class Schedule:
    """Percent of the grant vesting in each year (year one first), and how it was named."""

    name: str  # "even" | "cliff" | "back-loaded" | "front-loaded" | "custom"
    percents: tuple[float, ...]
    stated: bool = True  # False: no schedule was given and even vesting is assumed

    @property
    def label(self) -> str:
        shares = "/".join(f"{p:g}" for p in self.percents)
        names = {"cliff": "1-year cliff", "custom": "vesting"}
        text = f"{names.get(self.name, self.name)} {shares}"
        return text if self.stated else f"{text} (assumed: no schedule given)"


@dataclass(frozen=True)
class Terms:
    """The year-related phrases of one offer's text; `rest` is the text without them."""

    rest: str
    schedule_name: str = ""  # as above, "" when none was said
    custom: tuple[float, ...] = ()
    raise_pct: float | None = None
    refresher: float | None = None  # per year, from year two
    refresher_currency: str = ""
    clawback_months: int | None = None


def read_terms(text: str) -> Terms:
    """The schedule, raise, refresher and clawback phrases of `text` (module docstring)."""
    rest, fields = text, {}
    match = _CUSTOM.search(rest) or _LIST.search(rest)
    if match:
        raw = match.group(1) if match.re is _CUSTOM else match.group(0)
        fields["custom"] = tuple(float(p) for p in re.findall(_NUM, raw))
        _check_sum(fields["custom"])
        fields["schedule_name"] = "custom"
        rest = _cut(rest, match)
    for pattern, name in ((_CLIFF, "cliff"), (_NAMED, ""), (_EVEN, "even")):
        match = pattern.search(rest)
        if not match:
            continue
        found = name or f"{match.group(1).lower()}-loaded"
        if fields.get("schedule_name") and fields["schedule_name"] != found:
            raise OfferError(
                f"vesting schedule: the offer names two ({fields['schedule_name']} and {found}); "
                "give one."
            )
        fields["schedule_name"] = found
        rest = _cut(rest, match)
    match = _RAISE.search(rest)
    if match:
        value = float(match.group(1) or match.group(2))
        if value > RAISE_MAX_PCT:
            raise OfferError(f"raise: {value:g}% a year is not a raise; give 0–{RAISE_MAX_PCT}%.")
        fields["raise_pct"] = value
        rest = _cut(rest, match)
    match = _REFRESH.search(rest)
    if match:
        amounts = [a for a, _, _ in find_amounts(match.group(0)) if a.unit != PERCENT]
        if len(amounts) != 1 or amounts[0].is_range:
            raise OfferError(
                "refresher: give one amount per year, e.g. 'refreshers $20K per year' "
                "(an assumption you state; it is labelled as such)."
            )
        fields["refresher"], fields["refresher_currency"] = amounts[0].low, amounts[0].unit
        rest = _cut(rest, match)
    match = _CLAWBACK.search(rest)
    if match:
        number = int(match.group(1) or match.group(3))
        unit = (match.group(2) or match.group(4)).lower()
        fields["clawback_months"] = number * (1 if unit.startswith("month") else 12)
        rest = _cut(rest, match)
    return Terms(rest=rest, **fields)


def _check_sum(percents: tuple[float, ...]) -> None:
    total = sum(percents)
    if abs(total - 100) > 0.01:
        shares = "/".join(f"{p:g}" for p in percents)
        raise OfferError(
            f"vesting schedule: {shares} sums to {total:g}%, not 100%; give each year's "
            "share of the grant so they add up to 100."
        )


def _cut(text: str, match: re.Match[str]) -> str:
    return text[: match.start()] + " " + text[match.end() :]


def schedule_for(terms: Terms, grant_years: int | None) -> Schedule:
    """The schedule for a grant vesting over `grant_years`; OfferError naming the field when the
    schedule does not fit the grant or does not sum to 100%."""
    name = terms.schedule_name or "even"
    if name == "custom":
        percents = terms.custom
        _check_sum(percents)
        if grant_years and grant_years != len(percents):
            raise OfferError(
                f"vesting schedule: {len(percents)} yearly shares for a grant over {grant_years} "
                "years; give one share per year."
            )
        return Schedule(name, percents)
    if not grant_years:
        raise OfferError(
            "vesting years: over how many years does the stock grant vest? Say 'over 4 years'."
        )
    if name in PRESETS:
        if grant_years != 4:
            raise OfferError(
                f"vesting schedule: {name} ({'/'.join(map(str, PRESETS[name]))}) is a 4-year "
                f"schedule and the grant vests over {grant_years} years; give the percentages."
            )
        return Schedule(name, tuple(float(p) for p in PRESETS[name]))
    share = 100 / grant_years
    if name == "cliff":
        if grant_years < 2:
            raise OfferError("vesting schedule: a 1-year cliff needs a grant over 2 or more years.")
        return Schedule(name, (0.0, 2 * share, *([share] * (grant_years - 2))))
    return Schedule("even", tuple([share] * grant_years), stated=bool(terms.schedule_name))
