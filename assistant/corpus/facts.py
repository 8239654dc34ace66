"""Typed facts read from chunks: comp bands from table rows, levers, negotiate-up scripts.

Each fact keeps the id of the chunk it came from, so every figure can be cited.
- `CompBand`: one region row of a comp table (a table whose header has a region column and a
  base-salary column). Columns are recognised by their header words: base; stock / RSU / equity
  (vesting years from "/4yr", "over 4 years"); bonus (percent); total comp / TC.
- `Lever`: a numbered lever (name, text, the amounts it names).
- `Script`: a negotiate-up script (a blockquote), with the amounts it names.
A cell that does not parse keeps its raw text in `unparsed` and is reported as a `FactProblem`;
nothing is guessed, and no field is filled from another row or guide.

Leaves out: interpreting what an amount in a lever or script is for (the negotiation engine
does that) and tables that are not comp tables.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace

from assistant.corpus.chunking import Chunk
from assistant.money import CURRENCY_ALIASES, Amount, find_amounts, parse_amount


@dataclass(frozen=True)
class CompBand:
    company: str
    role: str
    region: str
    currency: str
    base_min: float | None
    base_max: float | None
    stock_min: float | None
    stock_max: float | None
    stock_vesting_years: int | None
    stock_basis: str  # "grant" (total over the vesting years), "per_year", or "" if not said
    bonus_min_pct: float | None
    bonus_max_pct: float | None
    total_min: float | None
    total_max: float | None
    chunk_id: str
    source: str
    cells: dict[str, str] = field(default_factory=dict)
    unparsed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MentionedAmount:
    low: float
    high: float
    unit: str
    raw: str
    context: str  # the words around the amount, for a reader to see what it is for


@dataclass(frozen=True)
class NamedPassage:
    """A named passage of a guide with the amounts it mentions."""

    company: str
    role: str
    name: str
    text: str
    amounts: list[MentionedAmount]
    chunk_id: str
    source: str


@dataclass(frozen=True)
class Lever(NamedPassage):
    """A numbered negotiation lever ("4. **Sign-On Bridge:** …")."""

    number: int = 0


@dataclass(frozen=True)
class Script(NamedPassage):
    """A negotiate-up script: a blockquote, kept whole."""


@dataclass(frozen=True)
class FactProblem:
    chunk_id: str
    source: str
    column: str
    raw: str
    reason: str


@dataclass
class Facts:
    bands: list[CompBand] = field(default_factory=list)
    levers: list[Lever] = field(default_factory=list)
    scripts: list[Script] = field(default_factory=list)
    problems: list[FactProblem] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "comp_bands": [asdict(band) for band in self.bands],
            "levers": [asdict(lever) for lever in self.levers],
            "scripts": [asdict(script) for script in self.scripts],
            "problems": [asdict(problem) for problem in self.problems],
        }


# --- columns ---------------------------------------------------------------------------------

_COLUMN_PATTERNS = {
    "region": re.compile(r"\b(region|location|city|office|market|country|geo)\b", re.I),
    "base": re.compile(r"\bbase\b", re.I),
    "stock": re.compile(r"\b(stock|rsus?|equity|options?)\b", re.I),
    "bonus": re.compile(r"\bbonus\b", re.I),
    "total": re.compile(r"\b(total|tc)\b", re.I),
}
_VESTING = re.compile(r"(\d+)\s*-?\s*(?:yr|year)s?\b", re.I)
_PER_YEAR = re.compile(r"per\s+(?:year|yr|annum)|/\s*(?:yr|year)\b|\bannual|\byearly|p\.a\.", re.I)


def column_role(header: str) -> str | None:
    """Which comp component a header names ('Stock (RSU/4yr)' -> 'stock'), None if none."""
    for role in ("total", "region", "base", "stock", "bonus"):
        if _COLUMN_PATTERNS[role].search(header):
            if role == "bonus" and re.search(r"sign", header, re.I):
                return None  # a sign-on bonus column is not the annual bonus
            return role
    return None


def header_currency(header: str) -> str:
    """The one currency a column header names ("Base (USD)", "Base, £"), else ""."""
    found = {
        CURRENCY_ALIASES[token]
        for token in re.findall(r"[A-Z]{3}|[$£€₹]", header)
        if token in CURRENCY_ALIASES
    }
    return found.pop() if len(found) == 1 else ""


def is_comp_row(chunk: Chunk) -> bool:
    roles = {column_role(header) for header, _ in chunk.cells}
    return chunk.kind == "table_row" and "region" in roles and "base" in roles


def extract_facts(chunks: Iterable[Chunk]) -> Facts:
    facts = Facts()
    for chunk in chunks:
        if chunk.kind == "table_row" and is_comp_row(chunk):
            band, problems = comp_band_from_row(chunk)
            facts.bands.append(band)
            facts.problems.extend(problems)
        elif chunk.kind == "lever":
            facts.levers.append(lever_from_chunk(chunk))
        elif chunk.kind == "script":
            facts.scripts.append(script_from_chunk(chunk))
    return facts


def comp_band_from_row(chunk: Chunk) -> tuple[CompBand, list[FactProblem]]:
    values: dict[str, Amount] = {}
    unparsed: dict[str, str] = {}
    problems: list[FactProblem] = []
    region, vesting, basis = "", None, ""

    def problem(header: str, raw: str, reason: str) -> None:
        unparsed[header] = raw
        problems.append(FactProblem(chunk.chunk_id, chunk.source, header, raw, reason))

    for header, raw in chunk.cells:
        role = column_role(header)
        if role == "region":
            region = raw.strip()
            continue
        if role is None:
            continue
        if role == "stock":
            match = _VESTING.search(header) or _VESTING.search(raw)
            vesting = int(match.group(1)) if match else None
            if vesting:
                basis = "grant"
            elif _PER_YEAR.search(header):
                basis = "per_year"
        amount = parse_amount(_VESTING.sub("", raw).strip(" /()") if role == "stock" else raw)
        if amount is not None and not amount.unit and role != "bonus":
            # "Base Salary (USD)" | "150,000–215,000": the header names the currency.
            amount = replace(amount, unit=header_currency(header))
        if amount is None:
            problem(header, raw, "not an amount or range this parser reads")
        elif amount.absurd:
            problem(header, raw, "beyond any real pay (money.MAX_AMOUNT); not shown")
        elif role == "bonus" and not amount.is_percent:
            problem(header, raw, "bonus is not a percentage")
        elif role != "bonus" and (amount.is_percent or not amount.unit):
            problem(header, raw, "amount names no currency")
        else:
            values[role] = amount

    currencies = {amount.unit for role, amount in values.items() if role != "bonus"}
    currency = values["base"].unit if "base" in values else (min(currencies) if currencies else "")
    for role, amount in list(values.items()):
        if role != "bonus" and amount.unit != currency:
            header = next(h for h, _ in chunk.cells if column_role(h) == role)
            problem(header, amount.raw, f"currency {amount.unit} differs from the row's {currency}")
            del values[role]

    def bounds(role: str) -> tuple[float | None, float | None]:
        amount = values.get(role)
        return (amount.low, amount.high) if amount else (None, None)

    band = CompBand(
        company=chunk.company,
        role=chunk.role,
        region=region,
        currency=currency,
        base_min=bounds("base")[0],
        base_max=bounds("base")[1],
        stock_min=bounds("stock")[0],
        stock_max=bounds("stock")[1],
        stock_vesting_years=vesting,
        stock_basis=basis,
        bonus_min_pct=bounds("bonus")[0],
        bonus_max_pct=bounds("bonus")[1],
        total_min=bounds("total")[0],
        total_max=bounds("total")[1],
        chunk_id=chunk.chunk_id,
        source=chunk.source,
        cells=dict(chunk.cells),
        unparsed=unparsed,
    )
    return band, problems


def mentioned_amounts(text: str) -> list[MentionedAmount]:
    found = []
    for amount, start, end in find_amounts(text):
        context = text[max(0, start - 40) : min(len(text), end + 40)].replace("\n", " ")
        found.append(MentionedAmount(amount.low, amount.high, amount.unit, amount.raw, context))
    return found


def _body(chunk: Chunk) -> str:
    """The chunk's text without its context line (title — section)."""
    return chunk.text.split("\n", 1)[1] if "\n" in chunk.text else chunk.text


_NUMBERED_NAME = re.compile(
    r"^(\d+)\.\s+(?:\*\*([^*]+?)\*\*|([^:–—-]{2,60})[:–—-])\s*:?\s*(.*)$", re.S
)


def lever_from_chunk(chunk: Chunk) -> Lever:
    body = _body(chunk)
    match = _NUMBERED_NAME.match(body)
    if match:
        number, name, text = int(match.group(1)), (match.group(2) or match.group(3)), match.group(4)
    else:
        number, name, text = 0, "", body
    return Lever(
        company=chunk.company,
        role=chunk.role,
        number=number,
        name=name.strip().rstrip(":").strip(),
        text=text.strip(),
        amounts=mentioned_amounts(text),
        chunk_id=chunk.chunk_id,
        source=chunk.source,
    )


_SCRIPT_NAME = re.compile(r"^\s*\*\*([^*]+?):?\*\*:?\s*")


def script_from_chunk(chunk: Chunk) -> Script:
    body = "\n".join(line.removeprefix(">").strip() for line in _body(chunk).split("\n"))
    match = _SCRIPT_NAME.match(body)
    name = match.group(1).strip().rstrip(":") if match else "Script"
    text = body[match.end() :] if match else body
    return Script(
        company=chunk.company,
        role=chunk.role,
        name=name,
        text=text.strip(),
        amounts=mentioned_amounts(text),
        chunk_id=chunk.chunk_id,
        source=chunk.source,
    )
