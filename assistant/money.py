"""Amounts of money and percentages as guides and people write them, parsed exactly.

"$155K–$220K", "CNY 600K–CNY 1.2M", "SGD 110K", "£128K", "1.2M CNY", "175,000", "15–25%":
each becomes an `Amount` (low, high, currency or "%") with the raw text kept. A string that
does not parse gives None; nothing is guessed (no currency is assumed, no exchange rate exists
here). Shared by fact extraction, offer parsing and the grounding check, so a figure means the
same thing everywhere.

Hostile spellings (issue 17), decided once here:
- Scientific notation is read exactly: "$1.75e5" is 175,000.
- Indian lakh/crore grouping is read: "$1,75,000" is 175,000, "₹1,00,00,000" 10,000,000.
- A space before a K or M scale is allowed: "$ 175 K" is 175,000.
- A figure that runs on into more number-like text is unreadable, never read as its prefix:
  underscores ("$17_5000": refused, since "17_5000" groups digits no one writes), doubled
  scales ("$175KK"), stray grouping ("$1,7500"). `unreadable_amounts` lists them so callers
  can say so; `find_amounts` leaves them out.
- A value above MAX_AMOUNT (or not finite: 400 nines) is read but `absurd`; callers refuse it
  naming the field, and `format_money` never prints "inf".
- "¥" alone is both CNY and JPY, and other currency symbols this module does not know ("₩")
  name no currency it can use: `unknown_currency_symbols` lists them so a caller asks, and a
  symbol is never relabelled as another currency.
- A bare two- or three-digit figure right beside a pay word ("base 170", "165 base") is
  thousands, as people type offers: `thousands_beside_pay_words` rewrites it with a note.
- A bonus given in months of base ("performance bonus: 3 months of base") is that share of a
  year's base: `bonus_in_months` rewrites it as a percentage (3 ÷ 12 = 25%) with a note.
  `as_people_write` does both.

Leaves out: exchange rates, words for numbers ("two hundred thousand").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

# Symbol or code -> ISO code. Longer spellings first so "US$" wins over "$".
CURRENCY_ALIASES: dict[str, str] = {
    "US$": "USD",
    "USD": "USD",
    "$": "USD",
    "S$": "SGD",
    "SGD": "SGD",
    "C$": "CAD",
    "CAD": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "CA$": "CAD",
    "AUD": "AUD",
    "HK$": "HKD",
    "HKD": "HKD",
    "£": "GBP",
    "GBP": "GBP",
    "€": "EUR",
    "EUR": "EUR",
    "CN¥": "CNY",
    "CNY": "CNY",
    "RMB": "CNY",
    "₹": "INR",
    "INR": "INR",
    "JP¥": "JPY",
    "JPY": "JPY",
    "CHF": "CHF",
}
CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹"}
PERCENT = "%"

_CURRENCY = "|".join(re.escape(alias) for alias in sorted(CURRENCY_ALIASES, key=len, reverse=True))
_NUMBER = (
    r"\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])"  # scientific notation: 1.75e5
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?![\d,])(?:\.\d+)?"  # Indian grouping: 1,75,000
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
)
_SCALE = (
    r"(?:\s?(?:thousand|million|billion|mn|bn|lakhs?|lacs?|crores?|cr)\b"
    r"|(?:[KkMmBb]|L|Cr)(?![A-Za-z])|(?<=\d)\s(?:[KkMm])(?![A-Za-z0-9])"
    # Chinese 万 (10,000): "60w", "80万", "57.6w"
    r"|(?:(?<=\d\d)|(?<=\d\.\d))(?:[Ww]|万)(?![A-Za-z])|\s?wan\b)"
)
MAX_AMOUNT = 1e12  # above this no pay figure is real: refused as absurd, never shown as read
# What may not follow a figure: more digits, "_5000", ",7500", a second scale letter, an
# exponent money did not read. Such a figure is unreadable, never its prefix.
_RUNS_ON = re.compile(r"_\d|,\d|\d|\.\d|[KkMmBb]{1,3}(?![A-Za-z])|[eE][+-]?\d")
AMBIGUOUS_SYMBOLS = {"¥": "CNY (Chinese yuan) and JPY (Japanese yen)"}
_DASH = r"\s*(?:–|—|-|to)\s*"
_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    # Indian numbering: a lakh is 100,000 and a crore 10,000,000 ("₹25L", "INR 1.2 Cr").
    "l": 1e5,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "lacs": 1e5,
    "cr": 1e7,
    "crore": 1e7,
    "crores": 1e7,
    # Chinese: a 万 (wan, written "w" in chat) is 10,000 ("60w base" is 600,000).
    "w": 1e4,
    "万": 1e4,
    "wan": 1e4,
}


def _one(p: str) -> str:
    return rf"(?P<{p}cur>{_CURRENCY})?\s?\[?(?P<{p}num>{_NUMBER})(?P<{p}scale>{_SCALE})?"


_AMOUNT = re.compile(
    # (not inside a hyphenated code: "h-1b", "f-1", "o-1")
    r"(?<![\w.])(?<!\b[A-Za-z]-)"
    + _one("a")
    + rf"(?:{_DASH}"
    + _one("b")
    + r")?"
    + rf"(?P<pct>\s?%)?(?:\s?(?P<tail>{_CURRENCY})(?![A-Za-z\d]))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """A value or a range, in one currency (ISO code) or in percent ("%")."""

    low: float
    high: float
    unit: str  # ISO currency code, "%" or "" when the text named no currency
    raw: str

    @property
    def is_range(self) -> bool:
        return self.low != self.high

    @property
    def is_percent(self) -> bool:
        return self.unit == PERCENT

    @property
    def absurd(self) -> bool:
        """Not finite, or above MAX_AMOUNT: no pay figure; refuse it, naming the field."""
        return not all(math.isfinite(v) and abs(v) <= MAX_AMOUNT for v in (self.low, self.high))


def _currency(token: str | None) -> str:
    if not token:
        return ""
    return CURRENCY_ALIASES.get(token, CURRENCY_ALIASES.get(token.upper(), ""))


def _scaled(number: str, scale: str | None) -> float:
    try:
        value = float(number.replace(",", ""))
    except OverflowError:  # pragma: no cover - float() gives inf rather than raising
        value = math.inf
    if scale:
        value *= _SCALES[scale.strip().lower()]
    return value


def _from_match(match: re.Match[str]) -> Amount | None:
    cur_a, cur_b, tail = (
        _currency(match["acur"]),
        _currency(match["bcur"]),
        _currency(match["tail"]),
    )
    units = {unit for unit in (cur_a, cur_b, tail) if unit}
    if match["pct"]:
        if units:
            return None  # "$15%" is not an amount
        units = {PERCENT}
    if len(units) > 1:
        return None  # "$100K–£120K": two currencies in one range
    unit = units.pop() if units else ""
    low = _scaled(match["anum"], match["ascale"])
    if match["bnum"] is None:
        return Amount(low, low, unit, match.group(0).strip())
    high = _scaled(match["bnum"], match["bscale"])
    if match["bscale"] and not match["ascale"]:
        # "$150–215K": the scale written once applies to both ends, when that keeps order.
        scaled_low = _scaled(match["anum"], match["bscale"])
        if scaled_low <= high:
            low = scaled_low
    if low > high:
        return None
    return Amount(low, high, unit, match.group(0).strip())


_QUALIFIERS = re.compile(r"^(?:~|≈|approx\.?|about|target)\s*|\s*(?:target|approx\.?)$", re.I)


def parse_amount(text: str) -> Amount | None:
    """The single amount or range that is the whole of `text` (a table cell), else None.
    Words that do not change the value ("~", "target", "approx.") are allowed around it;
    anything that does ("up to", "+", "n/a") makes the cell unparsed."""
    cleaned = _QUALIFIERS.sub("", text.strip().strip("*_` ")).strip()
    match = _AMOUNT.fullmatch(cleaned)
    return _from_match(match) if match else None


def _runs_on(text: str, end: int) -> re.Match[str] | None:
    return _RUNS_ON.match(text, end)


def find_amounts(text: str) -> Iterator[tuple[Amount, int, int]]:
    """Every amount in running text with its span. Bare small integers (years, counts) that
    carry neither currency, scale, comma grouping nor percent are left out, and so are
    figures that run on into more number-like text (`unreadable_amounts`)."""
    for match in _AMOUNT.finditer(text):
        amount = _from_match(match)
        if amount is None or _runs_on(text, match.end()):
            continue
        bare = not (amount.unit or match["ascale"] or match["bscale"] or "," in match.group(0))
        if bare and (amount.high < 1000 or _looks_like_years(amount)):
            continue
        if not amount.unit and _PLAN_NAME.fullmatch(match.group(0).strip()):
            continue  # "a 401k match": a retirement plan, not $401K
        yield amount, match.start(), match.end()


_PLAN_NAME = re.compile(r"(?:401|403|457)\s?[kb]", re.I)


def currencies_in(*texts: str) -> set[str]:
    """The currency codes of the money amounts in `texts` (no percentages, no bare figures)."""
    return {a.unit for text in texts for a, _, _ in find_amounts(text)} - {"", PERCENT}


def unreadable_amounts(text: str, limit: int = 3) -> list[str]:
    """Figures `find_amounts` leaves out because they run on ("$17_5000", "$175KK"), each as
    a short excerpt of the text (at most `limit`)."""
    out: list[str] = []
    for match in _AMOUNT.finditer(text):
        if _runs_on(text, match.end()) is None:
            continue
        money_like = match["acur"] or match["ascale"] or match["tail"]
        if not money_like and not re.match(r"_\d|[eE]\d|[KkMmBb]{2}", text[match.end() :]):
            continue  # "25,25,25,25" or "1.2.3": no amount was meant
        end = match.end()
        while end < len(text) and end - match.start() < 24 and re.match(r"[\w.,+-]", text[end]):
            end += 1
        out.append(text[match.start() : end].strip())
        if len(out) >= limit:
            break
    return out


def unknown_currency_symbols(text: str) -> list[str]:
    """Currency symbols written next to a number that name no currency this module can use:
    "¥" (CNY or JPY) and symbols it does not know ("₩"). Those of CURRENCY_ALIASES, and the
    "¥" inside "CN¥"/"JP¥", are not listed."""
    found: list[str] = []
    for i, char in enumerate(text):
        if unicodedata.category(char) != "Sc" or char in found:
            continue
        if char in CURRENCY_ALIASES or text[max(0, i - 2) : i + 1] in CURRENCY_ALIASES:
            continue
        near = text[max(0, i - 2) : i] + text[i + 1 : i + 3]
        if any(c.isdigit() for c in near):
            found.append(char)
    return found


def _looks_like_years(amount: Amount) -> bool:
    return all(value.is_integer() and 1900 <= value <= 2100 for value in (amount.low, amount.high))


def format_money(value: float, unit: str) -> str:
    """$175K, £128K, CNY 1.2M, 15%: the compact form the guides use."""
    if unit == PERCENT:
        return f"{value:g}%"
    if not math.isfinite(value) or abs(value) > MAX_AMOUNT:
        number = "an absurd amount" if not math.isfinite(value) else f"{value:.3g}"
        return f"{CURRENCY_SYMBOLS.get(unit, unit + ' ' if unit else '')}{number}".strip()
    if abs(value) >= 1e6:
        number = f"{value / 1e6:.2f}".rstrip("0").rstrip(".") + "M"
    elif abs(value) >= 1e3:
        number = f"{value / 1e3:.1f}".rstrip("0").rstrip(".") + "K"
    else:
        number = f"{value:,.0f}"
    symbol = CURRENCY_SYMBOLS.get(unit)
    if symbol:
        return f"{symbol}{number}"
    return f"{unit} {number}".strip()


# "base 170", "rsu 100", "170 base", "base is capped at 200": a bare two- or three-digit figure
# right beside a pay word (or a few linking words after it) is thousands, as people type offers
# (not a year count, not a percentage)
_BARE_AFTER = re.compile(
    r"(?i)\b(?P<word>base(?:\s+(?:salary|pay))?|rsus?|stock|equity|sign[\s-]?on|tc)"
    r"(?P<gap>\s+(?:(?:of|is|at|are|was|stays?|capped|maxe[sd]|maxed|tops?|out|fixed|stuck|"
    r"locked|to|up|only|just)\s+){0,3}|\s*[:=]\s*)(?P<num>\d{2,3}(?:\.\d)?)"
    r"(?![\d.,]*\d|\s*(?:%|[kmw万](?![a-z])|yrs?\b|years?\b|y\b|months?\b|/))"
)
_BARE_BEFORE = re.compile(
    r"(?i)(?<![\d$£€¥.,])\b(?P<num>\d{2,3}(?:\.\d)?)(?![\d,.]\d)(?P<gap>\s+)"
    r"(?P<word>base|rsus?|stock|equity|sign[\s-]?on|tc)\b"
)


# "offer 195 / 160k rsu / 8%": the bare figure before a slash and the stock, the base
_BARE_SLASHED = re.compile(
    r"(?i)(?<![\d$£€¥.,])\b(?P<num>\d{2,3}(?:\.\d)?)(?P<gap>\s*/\s*)"
    r"(?=[$£€¥]?\d{2,3}(?:\.\d)?\s*k?\s*(?:rsus?|stock|equity)\b)"
)


def thousands_beside_pay_words(text: str) -> tuple[str, str]:
    """The text with each bare figure beside a pay word read as thousands ("base 170" ->
    "base 170k", "195 / 160k rsu" -> "195k / 160k rsu"), and a note saying so; else the text
    as it is and ""."""
    read: list[str] = []

    def after(match: re.Match[str]) -> str:
        read.append(f"{match['word']} {match['num']}")
        return f"{match['word']}{match['gap']}{match['num']}k"

    def before(match: re.Match[str]) -> str:
        read.append(f"{match['num']} {match['word']}")
        return f"{match['num']}k{match['gap']}{match['word']}"

    def slashed(match: re.Match[str]) -> str:
        read.append(f"{match['num']}{match['gap'].rstrip()}")
        return f"{match['num']}k{match['gap']}"

    text = _BARE_BEFORE.sub(before, _BARE_AFTER.sub(after, text))
    text = _BARE_SLASHED.sub(slashed, text)
    if not read:
        return text, ""
    said = ", ".join(f"'{r}'" for r in read)
    first = re.search(r"\d+(?:\.\d)?", read[0]).group()
    return text, f"{said} read in thousands ({first} as {first}K); say so if that is wrong."


# "bonus: 3 months of base", "13th month + bonus 2 months' salary": months of a year's base
_BONUS_MONTHS = re.compile(
    r"(?i)(?P<label>\bbonus\b[^\d\n.;]{0,30}?)(?P<num>\d{1,2}(?:\.\d)?)\s*-?\s*"
    r"(?:months?|mos?|mths?)(?:'|’)?\s+(?:of\s+)?(?:base|salary|basic|pay)\b"
)


def bonus_in_months(text: str) -> tuple[str, str]:
    """The text with a bonus given in months of base rewritten as the percentage of a year's
    base ("bonus: 3 months of base" -> "bonus: 25%"), and a note showing the sum; else the
    text as it is and ""."""
    read: list[str] = []

    def percent(match: re.Match[str]) -> str:
        months = float(match["num"])
        share = round(months * 100 / 12, 1)
        read.append(
            f"a bonus of {match['num']} months of base is read as {share:g}% of a year's base "
            f"({match['num']} ÷ 12 months)"
        )
        return f"{match['label']}{share:g}%"

    text = _BONUS_MONTHS.sub(percent, text)
    return text, (f"{'; '.join(read).capitalize()}; say so if that is wrong." if read else "")


def as_people_write(text: str) -> tuple[str, list[str]]:
    """`thousands_beside_pay_words`, then `bonus_in_months`: the text as amounts are read, and
    the notes saying how."""
    text, thousands = thousands_beside_pay_words(text)
    text, months = bonus_in_months(text)
    return text, [note for note in (thousands, months) if note]
