"""Which pay component and which employer each amount in offer text belongs to.

`label_amounts(text)` gives each amount with the component a word next to it names ("base",
"RSU", "bonus", "sign-on", "TC", "floor", "target"); `find_mentions` finds the employers and regions
named, and `owner_of` gives each amount the employer named nearest before it in its sentence;
`yen_read_as_band_currency` reads a bare "¥" as the currency of the band the offer names (CNY
for a Hangzhou offer), when that band is in CNY or JPY.
Shared by the offer parser (assistant.engine.offer) and the script reader
(assistant.engine.script_asks).

Leaves out: deciding what an offer is (assistant.engine.offer) and any figure arithmetic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.money import CURRENCY_ALIASES, PERCENT, Amount, find_amounts
from assistant.understanding.entities import find_company, find_currency, find_region, normalize
from assistant.understanding.tables import COMPANY_ALIASES, KNOWN_EMPLOYERS
from assistant.understanding.unknown_names import offering_employer

_KEYWORDS = re.compile(
    r"(?P<sign_on>sign(?:ing)?[\s-]?on(?:\s+bonus)?|signing(?:\s+bonus)?|joining\s+bonus)"
    r"|(?P<stock>\b(?:rsus?|stock|equity|eq|shares|options)\b)"
    r"|(?P<bonus>\b(?:target\s+)?bonus(?:es)?(?:\s*:?\s*target)?\b)"  # ("bonus: target 5%")
    r"|(?P<base>\bbase(?:\s+(?:salary|pay))?\b|\bsalary\b|\bbasic(?:\s+(?:salary|pay))?\b)"
    r"|(?P<tc>\btc\b|\btotal(?:\s+comp(?:ensation)?)?\b|\ball[\s-]in\b)"
    r"|(?P<floor>\bfloor\b|\bwalk[\s-]?away\b|\bbottom\s+line\b|\bat\s+least\b|"
    r"\bno\s+less\s+than\b|\bminimum\b)"
    r"|(?P<target>\btarget\b|\bhoping\s+for\b|\baiming\s+for\b)",
    re.I,
)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_YEARS = rf"(\d+|{'|'.join(_NUMBER_WORDS)})"
_VESTING = re.compile(  # (not a cliff: "over four years (1-year cliff)")
    rf"(?:over|/|\(|vest\w*(?:\s+over)?)\s*{_YEARS}\s*-?\s*(?:yrs?|years?|y)\b(?![\s-]*cliff)|"
    rf"\b{_YEARS}[\s-]*(?:yrs?|years?|y)[\s-]*vest",
    re.I,
)
PER_YEAR = re.compile(  # after the amount: "$40K/yr", "$40K stock per year", "$40K in RSUs a year"
    r"^\s*(?:(?:of|in)\s+)?(?:(?:stock|rsus?|equity|shares|options)\s*)?"
    r"(?:/\s*(?:yr|year)\b|per\s+(?:year|yr|annum)|a\s+year|annual|yearly|each\s+year|"
    r"every\s+year|p\.?a\.?(?!\w))",
    re.I,
)
MONTHLY = re.compile(
    r"^\s*(?:/\s*(?:mo|month)\b|per\s+month|a\s+month|monthly|/\s*h(?:ou)?r)", re.I
)
_QUOTED = r"^['\"”’)]?\s*"  # (a figure quoted from a letter: "'USD 7,115.38 per bi-weekly…'")
PER_MONTH = re.compile(
    _QUOTED + r"(?:/\s*(?:mo|month)\b|per\s+month\b|a\s+month\b|monthly\b)", re.I
)
# other pay periods a base is given in, with how many there are in a year
_PAY_PERIODS = (
    (
        re.compile(
            _QUOTED + r"(?:per\s+|a\s+|every\s+)?(?:bi-?weekly|fortnight(?:ly)?|two\s+weeks)\b"
            r"(?:\s+pay\s+period)?",
            re.I,
        ),
        26,
        "bi-weekly pay period",
    ),
    (
        re.compile(
            _QUOTED + r"(?:per\s+)?(?:semi-?monthly|twice\s+a\s+month)\b(?:\s+pay\s+period)?", re.I
        ),
        24,
        "semi-monthly pay period",
    ),
    (
        re.compile(_QUOTED + r"(?:/\s*(?:wk|week)\b|per\s+week\b|a\s+week\b|weekly\b)", re.I),
        52,
        "week",
    ),
)
HARD = re.compile(r"[;\n]|\.(?!\d)")  # sentence-level boundaries (not a decimal point)
# (and a list's dash once the lines are joined: "- base $185,000 - equity $160k"; not a
# range's "150k - 200k"; and a pasted table's cell edge: "Base $165,000 | RSU $100,000")
_SOFT = re.compile(r"[;,|\n]|\.(?!\d)|\band\b|\s[-–•]\s+(?=[A-Za-z])")
_NAME = r"[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}"
_MENTION = re.compile(
    rf"(?P<a>{_NAME})(?:'s)?\s+(?:is\s+)?(?:offer(?:s|ed|ing)?)\b"
    rf"|\boffer(?:s|ed)?\s+(?:from|by|with)\s+(?P<b>{_NAME})"
)
STOPWORDS = {
    "a",
    "an",
    "the",
    "my",
    "i",
    "also",
    "have",
    "and",
    "plus",
    "another",
    "competing",
    "from",
    "got",
    "their",
    "our",
    "one",
    "new",
    "current",
    "written",
    "verbal",
    "im",
}
SIGNS = "|".join(re.escape(a) for a in sorted(CURRENCY_ALIASES, key=len, reverse=True))
MINUS_BEFORE = re.compile(rf"(?:[-−]\s?(?:{SIGNS})?\s?|(?:{SIGNS})\s?[-−]\s?)$", re.I)
_SLASH = re.compile(r"^\s*/\s*$")
# an amount vesting over years is a stock grant, whatever word names it
_VESTS = re.compile(
    r"^\s*(?:/\s*|(?:vesting |vested |that vests )?over\s+)\d{1,2}\s*-?\s*(?:y|yrs?|years?)\b", re.I
)


@dataclass
class _Mention:
    start: int
    name: str
    guide: bool  # a company the guides cover


@dataclass
class Found:
    amount: Amount
    start: int
    end: int
    component: str = ""
    owner: str = ""
    tail: str = ""  # the text after the amount, up to the next amount or sentence end


# "rsu 100k over 4 — wait no, its 110k": what comes between a figure and its correction
_TAKES_BACK = re.compile(
    r"\b(?:wait|no wait|actually|sorry|i mean|i meant|correction|scratch that|make that"
    r"|typo|oops|my bad)\b",  # (not "i'd rather get 200k base": a wish, not a correction)
    re.I,
)


def drop_taken_back(text: str, found: list[Found]) -> tuple[list[Found], list[str]]:
    """The figures without those the message takes back: a second figure of the same owner
    and component after words that correct ("rsu 100k over 4 — wait no, just re-checked, its
    110k") replaces the first, said in a note; two figures with no such words are both kept
    (the offer's parser then asks which one is meant)."""
    dropped, notes = set(), []
    for at, item in enumerate(found):
        earlier = [
            e
            for e in found[:at]
            if e.owner == item.owner and e.component == item.component and item.component
        ]
        if earlier and _TAKES_BACK.search(text[earlier[-1].end : item.start]):
            dropped.add(id(earlier[-1]))
            notes.append(
                f"'{earlier[-1].amount.raw}' was taken back for '{item.amount.raw}' in your "
                "message; the later figure is used. Say so if that is wrong."
            )
    return [f for f in found if id(f) not in dropped], notes


# words just before a figure the user asks for, not one they were offered ("sent my counter
# asking 205 base", "i countered at 210k", "my ask is 220 base"; not "they countered with 200")
_ASKED_BEFORE = re.compile(
    r"\b(?:(?:asking|to\s+ask)(?:\s+(?:them|her|him))?(?:\s+for)?|"
    r"i\s+asked(?:\s+[\w'-]+){0,2}?\s+for|(?:i|i'?m|i\s+am)\s+counter(?:ed|ing)?\s+(?:with|at)|"
    r"my\s+(?:counter|ask)\s+(?:is|was|of|at))\s+(?:(?:a|an|the|about|around|roughly|~)\s*)*$",
    re.I,
)


def drop_not_offered(text: str, found: list[Found]) -> tuple[list[Found], list[str]]:
    """The figures of the offers, without those the message takes back (`drop_taken_back`)
    and those the user asks for ("sent my counter to anyscale asking 205 base. what if they
    say no?": 205 is the ask, not the offer's base), each said in a note."""
    kept, notes = drop_taken_back(text, found)
    asked = {id(f) for f in kept if _ASKED_BEFORE.search(text[max(0, f.start - 40) : f.start])}
    notes += [
        f"'{f.amount.raw}' is read as what you ask for, not as the offer's; say so if it is "
        "the offer's."
        for f in kept
        if id(f) in asked
    ]
    return [f for f in kept if id(f) not in asked], notes


_LIST_BEFORE = re.compile(r"[/,;+|]\s*$")
_LIST_AFTER = re.compile(r"^\s*(?:[/,;+|.)]|$)")


def bare_percent_in_list(item: Found, text: str) -> bool:
    """A percentage named for nothing, between the separators of an offer's list ("170k base /
    100k rsu / 15%."): after two other parts, the bonus, as packages are written; not one with
    words of its own around it ("15% more than now")."""
    return (
        item.amount.is_percent
        and not item.component
        and bool(_LIST_BEFORE.search(text[: item.start]))
        and bool(_LIST_AFTER.match(text[item.end :]))
    )


def annualized(item: Found, text: str = "") -> str:
    """A base salary said to be per month ("$13,500/month", "38k a month", "Monthly base
    salary: SGD 11,500") made a year's: the amount times 12 in its place, and the note that
    shows the sum; "" (the item as it was) for anything else. `text`: the whole text the item
    was found in, whose label before the amount may say it is monthly. (Hourly pay and other
    components stay questions.)"""
    month = PER_MONTH.match(item.tail)
    label = _SOFT.split(text[: item.start])[-1] if text else ""
    amount = item.amount
    monthly = bool(month) or bool(_MONTHLY_LABEL.search(label))
    if item.component != "base" or amount.is_percent:
        return ""
    if not monthly:  # ("USD 7,115.38 per bi-weekly pay period": × 26)
        return _per_pay_period(item)
    item.tail = item.tail[month.end() :] if month else item.tail
    paid = _MONTHS_PAID.match(item.tail)  # ("SGD 9,800/month x 13 months": a 13th month)
    months = int(paid[1]) if paid else 12
    item.tail = item.tail[paid.end() :] if paid else item.tail
    item.amount = Amount(amount.low * months, amount.high * months, amount.unit, amount.raw)
    more = "" if paid else " (say so if the contract pays more months, such as a 13th-month salary)"
    return f"{MONTHLY_NOTE} {amount.raw} × {months} = {amount.low * months:,.0f} a year{more}."


MONTHLY_NOTE = "The base was given per month:"
_MONTHS_PAID = re.compile(r"\s*[x×*]\s*(1[2-6])\b(?:\s*months?)?", re.I)


def _per_pay_period(item: Found) -> str:
    """A base given per bi-weekly, semi-monthly or weekly pay period made a year's, with the
    note that shows the product; "" for any other."""
    for pattern, periods, name in _PAY_PERIODS:
        said = pattern.match(item.tail)
        if said:
            amount = item.amount
            item.amount = Amount(
                amount.low * periods, amount.high * periods, amount.unit, amount.raw
            )
            item.tail = item.tail[said.end() :]
            return (
                f"The base was given per {name}: {amount.raw} × {periods} = "
                f"{amount.low * periods:,.0f} a year."
            )
    return ""


_MONTHLY_LABEL = re.compile(  # (not "semi-monthly": two pay periods a month)
    r"(?<![\w-])(?<!semi )(?<!bi )(?:monthly|per month|a month|/\s*mo(?:nth)?)\b[^\d]*$", re.I
)
_OWN_TOTAL = re.compile(r"\s*total\b(?!\s*(?:comp|compensation|pay|package|tc)\b)", re.I)
_LABEL_COLON = re.compile(r"\w\s*:\s*$")


def _keyword(gap: str, last: bool) -> str:
    hits = [m.lastgroup for m in _KEYWORDS.finditer(gap)]
    if not hits:
        return ""
    return hits[-1] if last else hits[0]


def _nearer_before(before: str, after: str) -> bool:
    """Whether the last component word before an amount is nearer to it than the first after."""
    last_before = [m.end() for m in _KEYWORDS.finditer(before)][-1]
    first_after = next(_KEYWORDS.finditer(after)).start()
    return len(before) - last_before < first_after


def assign_components(text: str, found: list[Found]) -> None:
    """Name each amount's component from the words after it, or before it (see module rules)."""
    runs: list[list[Found]] = []
    for item in found:
        if runs and not _SOFT.search(text[runs[-1][-1].end : item.start]):
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        left = max((m.end() for m in _SOFT.finditer(text, 0, run[0].start)), default=0)
        nxt = _SOFT.search(text, run[-1].end)
        right = nxt.start() if nxt else len(text)
        edges = [left, *(x for item in run for x in (item.start, item.end)), right]
        gaps = [text[edges[2 * i] : edges[2 * i + 1]] for i in range(len(run) + 1)]
        after = [_keyword(gaps[i + 1], last=False) for i in range(len(run))]
        before = [_keyword(gaps[i], last=True) for i in range(len(run))]
        labelled = sum(bool(_LABEL_COLON.search(gaps[i])) for i in range(len(run)))
        ahead, behind = sum(map(bool, before)), sum(map(bool, after))
        # "Base: 172,500 USD\nRSU: USD 100,000": a word and a colon before each amount label it
        by_label = ahead > behind or (ahead == behind and 2 * labelled > len(run))
        if len(run) == 1 and before[0] and after[0]:  # one amount, a word on each side:
            by_label = _nearer_before(gaps[0], gaps[1])  # "equity as '$38,000 annually' … total"
            # "rsu is 95k total vesting 4 yrs": the component's own total, not total comp
            by_label = by_label or (after[0] == "tc" and bool(_OWN_TOTAL.match(gaps[1])))
            by_label = by_label or bool(_LABEL_COLON.search(gaps[0]))  # "Bonus: 15% target"
        chosen = before if by_label else after
        for i, item in enumerate(run):
            item.component = chosen[i]
        for i, item in enumerate(run):  # "equity just came through, 120k over 4 yrs"
            if not item.component and _VESTS.match(gaps[i + 1]):
                item.component = "stock"
        for i, item in enumerate(run[:-1]):
            nxt_item = run[i + 1]
            if not item.component and nxt_item.component == "stock" and _SLASH.match(gaps[i + 1]):
                item.component = "base"  # "$213K / $255K RSU"


# other spellings of well-known employers ("nvda" for NVIDIA), read as the employer
_SPELLED = {
    alias: name
    for name, aliases in COMPANY_ALIASES.items()
    if name in KNOWN_EMPLOYERS
    for alias in aliases
    if alias not in KNOWN_EMPLOYERS
}
_KNOWN_EMPLOYER = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(n) for n in (*KNOWN_EMPLOYERS, *_SPELLED)) + r")(?![\w])",
    re.I,
)
_ACRONYMS = {"aws", "ibm", "sap", "amd"}


def _display_employer(name: str) -> str:
    lowered = name.lower()
    return lowered.upper() if lowered in _ACRONYMS else name if not name.islower() else name.title()


def find_mentions(text: str, companies: list[str], all_regions: list[str]) -> list[_Mention]:
    found: list[_Mention] = []
    for company in companies:
        for match in re.finditer(rf"(?<![\w]){re.escape(company)}(?![\w])", text, re.I):
            found.append(_Mention(match.start(), company, True))
    for match in _MENTION.finditer(text):
        group = "a" if match.group("a") else "b"
        words = match.group(group).split()
        start = match.start(group)
        while words and words[0].lower().strip(".'") in STOPWORDS:
            start = text.index(words[0], start) + len(words[0])
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        guide = find_company(name, companies)
        if guide:
            if not any(m.guide and m.name == guide and abs(m.start - start) < 40 for m in found):
                found.append(_Mention(start, guide, True))
            continue
        if find_region(name, all_regions) or _KEYWORDS.fullmatch(name.lower()):
            continue
        if name.lower() in {"offer", "i", "they"}:
            continue
        found.append(_Mention(text.index(words[0], start), name, False))
    typed = offering_employer(normalize(text))  # "coreweave offered me 205 base", lower case
    said = typed and re.search(rf"(?<!\w){re.escape(typed)}(?!\w)", text, re.I)
    if said and not find_company(typed, companies):
        if not any(abs(m.start - said.start()) < 3 for m in found):
            found.append(_Mention(said.start(), _display_employer(typed), False))
    for match in _KNOWN_EMPLOYER.finditer(text):  # "a google sre offer", typed in lower case
        name = _display_employer(_SPELLED.get(match.group(0).lower(), match.group(0)))
        if not any(abs(m.start - match.start()) < 3 for m in found) and not find_company(
            name, companies
        ):
            found.append(_Mention(match.start(), name, False))
    if not any(m.guide for m in found):
        typo = find_company(text, companies)
        if typo:
            found.append(_Mention(0, typo, True))
    # "an amazon SysDE offer", "google SRE at 310k": the title after an employer is no employer
    employers = [m for m in found if m.guide or _KNOWN_EMPLOYER.fullmatch(m.name)]
    found = [
        m
        for m in found
        if m in employers or not any(0 <= m.start - (e.start + len(e.name)) <= 2 for e in employers)
    ]
    found.sort(key=lambda m: m.start)
    return found


def owner_of(item: Found, text: str, mentions: list[_Mention], main: str) -> str:
    bounds = [0, *(m.end() for m in HARD.finditer(text)), len(text)]
    start = max(b for b in bounds if b <= item.start)
    end = min((b for b in bounds if b > item.start), default=len(text))
    inside = [m for m in mentions if start <= m.start < end]
    before = [m for m in inside if m.start < item.start]
    if before:
        return before[-1].name
    return inside[0].name if inside else main


def label_amounts(text: str) -> list[tuple[Amount, int, int, str, str]]:
    """Every amount in `text` with its span, the component a word next to it names ("" if
    none) and the text after it up to the next amount or sentence end. Shared with the reading
    of the guides' scripts, so a script and an offer are read by the same rules."""
    found = [Found(a, s, e) for a, s, e in find_amounts(text)]
    assign_components(text, found)
    for item in found:
        nxt = min((f.start for f in found if f.start > item.start), default=len(text))
        hard = HARD.search(text, item.end)
        item.tail = text[item.end : min(nxt, hard.start() if hard else len(text))]
    return [(f.amount, f.start, f.end, f.component, f.tail) for f in found]


def years_in(tail: str) -> int | None:
    """Vesting years said in `tail` ("over 4 years", "/4yr", "4-year vest"), or None."""
    return years_said(tail)


def years_said(tail: str) -> int | None:
    match = _VESTING.search(tail)
    if not match:
        return None
    said = (match.group(1) or match.group(2)).lower()
    return _NUMBER_WORDS.get(said) or int(said)


def regions_for(company: str, regions: Iterable[str] | Mapping[str, Iterable[str]]) -> list[str]:
    """The region labels of `company` (regions given per company), or all of them (flat)."""
    if isinstance(regions, Mapping):
        return list(regions.get(company, ()))
    return list(regions)


def all_regions(regions: Iterable[str] | Mapping[str, Iterable[str]]) -> list[str]:
    """Every region label, given per company or flat."""
    if isinstance(regions, Mapping):
        return [label for labels in regions.values() for label in labels]
    return list(regions)


_BARE_YEN = re.compile(r"(?<![A-Za-z])¥\s?")


def yen_read_as_band_currency(
    text: str,
    companies: list[str],
    regions: Iterable[str] | Mapping[str, Iterable[str]],
    band_currency: Mapping[tuple[str, str], str],
) -> tuple[str, str]:
    """ "¥" alone is CNY or JPY: for an offer placed in a band of one of them ("alibaba hangzhou
    ¥1.2M"), that currency, said in a note; else the text as it is (the reader asks)."""
    if not _BARE_YEN.search(text):
        return text, ""
    mentions = [m for m in find_mentions(text, companies, all_regions(regions)) if m.guide]
    if not mentions:
        return text, ""
    company = mentions[0].name
    region = find_region(text, regions_for(company, regions)) or ""
    currency = band_currency.get((company, region), "")
    if currency not in ("CNY", "JPY"):
        return text, ""
    note = (
        f"'¥' is read as {currency}, the currency of the guide's {company} {region} band; say "
        "so if that is wrong."
    )
    return _BARE_YEN.sub(f"{currency} ", text), note


def only_region_in(
    company: str, own: list[str], text: str, found: list[Found], band_currency: Mapping
) -> tuple[str, str]:
    """(region, note): the one region of the company whose band is in the currency the offer
    names, on its amounts or on its own ("S$ offer from ali": Singapore), and a note saying
    so; ("", "") when none or several are."""
    named = ({f.amount.unit for f in found} - {"", PERCENT}) or ({find_currency(text)} - {None})
    rows = [r for r in own if len(named) == 1 and band_currency.get((company, r)) in named]
    if len(rows) != 1:
        return "", ""
    note = (
        f"No region was named; the offer is read as {company} {rows[0]}, its only band in "
        f"{band_currency[(company, rows[0])]}. Say so if that is wrong."
    )
    return rows[0], note
