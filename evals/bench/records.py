"""What a generated guide is: `GeneratedGuide` and the comp rows (`BandRow`) its table holds.

The generator's truth about each guide (file name, company, role, kind, the rows it wrote and
the regions it is about), kept beside the text so tests can check that the loader, chunker and
fact extractor read the guides back exactly.

Leaves out: how guides are made (companies.py, negotiation.py, interview.py) and written to a
folder (corpus.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

GeneratedKind = Literal["negotiation", "interview"]


@dataclass(frozen=True)
class BandRow:
    """One comp-table row exactly as written: the values a parser must read back."""

    region: str
    currency: str
    base_min: float
    base_max: float
    stock_min: float | None
    stock_max: float | None
    stock_vesting_years: int | None
    stock_basis: str  # "grant", "per_year" or ""
    bonus_min_pct: float | None
    bonus_max_pct: float | None
    total_min: float | None
    total_max: float | None


@dataclass(frozen=True)
class GeneratedGuide:
    file_name: str
    company: str
    role: str
    kind: GeneratedKind
    text: str
    bands: tuple[BandRow, ...] = ()
    regions: tuple[str, ...] = ()  # region keys the guide is about (e.g. "Seattle")
