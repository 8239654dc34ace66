"""Comp tables of the generated negotiation guides: the rows (`band_rows`), how one guide lays its
table out (`table_layout`) and the markdown it writes (`render_table`).

Layouts vary the way human authors vary them: Region/Location/Market/Office columns, "Stock
(RSU/4yr)", "Equity (4yr)", "RSU / yr" or "Options (4yr)" for a pre-IPO company, headers that
name the currency over bare-number cells, tables without a stock, bonus or total column, an extra
sign-on column, bold regions, aligned separators, and a table without outer pipes. Every row is
returned as a `BandRow` holding exactly the values written, for the tests to read back.

Leaves out: the prose around a table and a second table for international offices (both in
negotiation.py), and the spelling of amounts (amounts.py).
"""

from __future__ import annotations

import random

from evals.bench.amounts import MoneyStyle, nice
from evals.bench.companies import Company
from evals.bench.records import BandRow
from evals.bench.vocabulary import Role, vocabulary


def band_rows(
    rng: random.Random,
    company: Company,
    role: Role,
    regions: list[str],
    layout: dict,
) -> list[BandRow]:
    rows = []
    bonus_spread = rng.choice(
        ((5, 5), (10, 10), (15, 15), (5, 10), (10, 15), (15, 25), (10, 20), (20, 20), (8, 12))
    )
    for key in regions:
        currency, mid, names = vocabulary().regions[key]
        display = rng.choice(names)
        if key == company.footprint[0] and "(" not in display and rng.random() < 0.6:
            display = f"{display} (HQ)"
        base_min = nice(mid * company.pay_factor * role[2] * rng.uniform(0.8, 0.9), currency)
        base_max = nice(base_min * rng.uniform(1.25, 1.45), currency)
        stock_min = stock_max = years = None
        basis = ""
        if layout["stock"]:
            years, basis = layout["stock_years"], layout["stock_basis"]
            grant = base_min * rng.uniform(0.35, 0.95)
            if basis == "per_year":
                grant /= 4
            stock_min = nice(grant, currency)
            stock_max = nice(grant * rng.uniform(1.8, 2.8), currency)
        bonus_lo, bonus_hi = bonus_spread
        if layout["regional_bonus"] and currency in ("CNY", "INR", "JPY"):
            bonus_lo, bonus_hi = bonus_lo + 5, bonus_hi + 5
        total_min = total_max = None
        if layout["total"]:
            per_year = 1 if basis == "per_year" else (years or 4)
            total_min = nice(
                base_min * (1 + bonus_lo / 100) + (stock_min or 0) / per_year, currency
            )
            total_max = nice(
                base_max * (1 + bonus_hi / 100) + (stock_max or 0) / per_year, currency
            )
        has_bonus = layout["bonus"]
        rows.append(
            BandRow(
                region=display,
                currency=currency,
                base_min=base_min,
                base_max=base_max,
                stock_min=stock_min,
                stock_max=stock_max,
                stock_vesting_years=years,
                stock_basis=basis,
                bonus_min_pct=float(bonus_lo) if has_bonus else None,
                bonus_max_pct=float(bonus_hi) if has_bonus else None,
                total_min=total_min,
                total_max=total_max,
            )
        )
    return rows


_STOCK_HEADERS = (
    ("Stock (RSU/4yr)", 4, "grant"),
    ("Stock (RSU/4yr)", 4, "grant"),
    ("Equity (4yr)", 4, "grant"),
    ("RSUs (over 4 years)", 4, "grant"),
    ("Stock (RSU/3yr)", 3, "grant"),
    ("RSU / yr", None, "per_year"),
    ("Equity / yr", None, "per_year"),
)


def table_layout(rng: random.Random, company: Company) -> dict:
    stock_header, years, basis = rng.choice(_STOCK_HEADERS)
    if company.stage == "pre-IPO" and basis == "grant":
        stock_header = f"Options ({years}yr)"
    return {
        "region": rng.choices(("Region", "Location", "Market", "Office"), weights=(70, 18, 6, 6))[
            0
        ],
        "base": rng.choice(("Base Salary", "Base Salary", "Base", "Base Pay")),
        "stock": rng.random() < 0.93,
        "stock_header": stock_header,
        "stock_years": years,
        "stock_basis": basis,
        "bonus": rng.random() < 0.92,
        "bonus_header": rng.choice(("Bonus", "Bonus", "Target Bonus", "Annual Bonus")),
        "bonus_form": rng.choices(("plain", "target", "tilde"), weights=(80, 12, 8))[0],
        "regional_bonus": rng.random() < 0.4,
        "total": rng.random() < 0.78,
        "total_header": rng.choice(("Total Comp", "Total Comp", "Total Compensation", "TC")),
        "sign_on": rng.random() < 0.12,
        "header_currency": rng.random() < 0.15,
        "bold_regions": rng.random() < 0.1,
        "bare": rng.random() < 0.05,
        "align": rng.random() < 0.15,
    }


def _bonus_cell(row: BandRow, layout: dict, dash: str) -> str:
    low, high = int(row.bonus_min_pct), int(row.bonus_max_pct)
    text = f"{low}%" if low == high else f"{low}{'-' if dash == '-' else '–'}{high}%"
    if layout["bonus_form"] == "target":
        return f"{text} target"
    if layout["bonus_form"] == "tilde" and low == high:
        return f"~{text}"
    return text


def render_table(
    rows: list[BandRow], layout: dict, money: MoneyStyle, header_currency: str = ""
) -> str:
    def head(name: str) -> str:
        return f"{name} ({header_currency})" if header_currency else name

    headers = [layout["region"], head(layout["base"])]
    if layout["stock"]:
        stock = layout["stock_header"]
        if header_currency:
            stock = stock.replace("(", f"({header_currency}, ") if "(" in stock else head(stock)
        headers.append(stock)
    if layout["bonus"]:
        headers.append(layout["bonus_header"])
    if layout["total"]:
        headers.append(head(layout["total_header"]))
    if layout["sign_on"]:
        headers.append(head("Sign-On"))
    if header_currency:
        headers = [f"**{cell}**" for cell in headers]
    bare = bool(header_currency)
    lines = []
    for row in rows:
        region = f"**{row.region}**" if layout["bold_regions"] else row.region
        cells = [region, money.span(row.base_min, row.base_max, row.currency, bare)]
        if layout["stock"]:
            cells.append(money.span(row.stock_min, row.stock_max, row.currency, bare))
        if layout["bonus"]:
            cells.append(_bonus_cell(row, layout, money.dash))
        if layout["total"]:
            cells.append(money.span(row.total_min, row.total_max, row.currency, bare))
        if layout["sign_on"]:
            cells.append(money.amount(nice(row.base_min * 0.12, row.currency), row.currency, bare))
        lines.append(cells)
    if layout["align"]:
        separator = [":---"] + ["---:"] * (len(headers) - 1)
    else:
        separator = ["-" * max(3, len(cell) + 2) for cell in headers]
    table = [headers, separator, *lines]
    if layout["bare"] and not header_currency:
        return "\n".join(" | ".join(cells) for cells in table)
    return "\n".join("| " + " | ".join(cells) + " |" for cells in table)
