"""The place a currency tells: "S$ offer from ali" is Alibaba Singapore, the only one of its
comp rows in Singapore dollars; "£140k from anyscale" is Anyscale London. The rows' currencies
are read from the guides at index time (assistant.corpus.vocabulary), so a new guide needs no
code change.

Leaves out: a currency that several of the company's rows are in ("$" at Alibaba: Bay Area and
Seattle), a question naming no company, and converting amounts between currencies (never done).
"""

from __future__ import annotations

from assistant.understanding.entities import Catalog, RegionMatch, find_currency


def currency_region(text: str, company: str | None, catalog: Catalog) -> RegionMatch | None:
    """The company's one comp row in the currency the text names, as a match; else None."""
    code = find_currency(text)
    rows = catalog.guides.row_currencies.get(company or "", {})
    held = [region for region, currency in rows.items() if code and currency == code]
    return RegionMatch(held[0], held[0].lower()) if len(held) == 1 else None
