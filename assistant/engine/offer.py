"""A job offer as typed data, read from free text or from separate fields.

`parse_offer(text, companies, regions)` reads an offer the way people write it:
"$175K base, $130K RSU over 4 years, 5% bonus", "base 160k; rsu 90k; 15% bonus",
"CNY 450K base", "1.2M CNY RSU", "base 175,000", "$175k/yr base", "an AWS offer at $300K TC",
"my floor is 190k". Amounts are read with `assistant.money` (the same reading as the guides
and the grounding check). Rules:
- A component is named by a word next to its amount: base/salary, RSU/stock/equity/shares,
  bonus, sign-on/signing, TC/total, floor/walk-away, target. Within a stretch of text between
  commas, semicolons or sentence ends, the words come either after each amount ("$175K base")
  or before it ("base 160k"); the reading that names more amounts wins, after-words on a tie.
  "$213K / $255K RSU" is the guides' own shorthand for base / stock.
- An amount no word names (a lone "£130K", "15%") or a range is not guessed: it is kept in
  `unassigned` with a question; a monthly base and a bonus in months of base are converted.
- An amount belongs to the company named nearest before it in its sentence (or the only one
  named in it); the first guide company named is the offer, any other company a competing one.
- Stock is a total grant over the years said ("over 4 years", "/4yr"), or per year when said
  ("/yr", "per year"). A grant with no years is read on the guide table's own basis, and that
  reading is stated in `notes`.
- Amounts that name no currency take the offer's other currency; when none names one, the
  currency of the guide's band for that company and region, stated in `notes`. Two currencies
  within one offer are an error: no exchange rate exists here.
- Impossible values (a negative amount, a base below 1,000 or above 10,000,000, a bonus above
  200%, vesting of 0 or more than 10 years) raise `OfferError` with how to fix it.

Leaves out: exchange rates, monthly or hourly pay (asked about, not converted), numbers in
words, and per-component currencies (RSUs in USD on a GBP salary).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from assistant.engine.offer_checks import (
    capped,
    check_amount_text,
    check_not_absurd,
    check_not_negative,
    excerpt,
    read_amounts,
)
from assistant.engine.offer_words import (
    HARD,
    MONTHLY,
    PER_YEAR,
    SIGNS,
    STOPWORDS,
    Found,
    all_regions,
    annualized,
    assign_components,
    bare_percent_in_list,
    drop_not_offered,
    find_mentions,
    only_region_in,
    owner_of,
    regions_for,
    years_said,
    yen_read_as_band_currency,
)
from assistant.errors import OfferError
from assistant.money import (
    CURRENCY_ALIASES,
    PERCENT,
    Amount,
    as_people_write,
    find_amounts,
    format_money,
    parse_amount,
)
from assistant.understanding.entities import find_company, find_region

BASE_MIN, BASE_MAX, BONUS_MAX_PCT, VESTING_MAX_YEARS = 1_000, 10_000_000, 200, 10


@dataclass(frozen=True)
class Package:
    """One employer's pay: the offer being negotiated or a competing one."""

    company: str = ""
    currency: str = ""
    base: float | None = None
    stock: float | None = None  # a total grant over `stock_years`, or per year (stock_basis)
    stock_years: int | None = None
    stock_basis: str = ""  # "grant" | "per_year" | "" (no stock)
    bonus_pct: float | None = None
    bonus_amount: float | None = None
    sign_on: float | None = None
    tc: float | None = None  # total comp as the user stated it


@dataclass(frozen=True)
class Unassigned:
    """An amount the parser would not assign: the caller asks `question`."""

    raw: str
    value: float
    unit: str
    question: str


@dataclass(frozen=True)
class Offer(Package):
    role: str = ""
    region: str = ""
    competing: tuple[Package, ...] = ()
    floor: float | None = None
    target: float | None = None
    unassigned: tuple[Unassigned, ...] = ()
    notes: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()  # what to ask besides unassigned amounts (company, region)
    text: str = ""

    def all_questions(self) -> list[str]:
        return [*self.questions, *(u.question for u in self.unassigned)]


COMPANIES_NAMED = 12  # companies listed when asking whose an offer is

# --- parsing -------------------------------------------------------------------------------------


def parse_offer(
    text: str,
    companies: Iterable[str],
    regions: Iterable[str] | Mapping[str, Iterable[str]],
    *,
    band_currency: Mapping[tuple[str, str], str] | None = None,
    vesting_years: Mapping[tuple[str, str], int] | None = None,
) -> Offer:
    """Read an offer from free text (rules in the module docstring).

    `companies` and `regions` (flat, or per company) are what the guides cover;
    `band_currency` and `vesting_years` map (company, region) to the band's currency and stock
    vesting years, used (and stated in `notes`) only when the text says neither."""
    if not text or not text.strip():
        raise OfferError("The offer text is empty; describe it, e.g. '$175K base, 5% bonus'.")
    companies = list(companies)
    text, yen_note = yen_read_as_band_currency(text, companies, regions, band_currency or {})
    text, read_notes = as_people_write(text)  # ("base 170": 170K; a bonus of 3 months: 25%)
    found, hypothetical = read_amounts(text)
    check_not_negative(text, found)
    assign_components(text, found)
    mentions = find_mentions(text, companies, all_regions(regions))
    guide_mentions = [m for m in mentions if m.guide]
    main = guide_mentions[0].name if guide_mentions else ""
    for item in found:
        owner = owner_of(item, text, mentions, main)
        item.owner = "" if owner == main else owner
        nxt = min((f.start for f in found if f.start > item.start), default=len(text))
        hard = HARD.search(text, item.end)
        item.tail = text[item.end : min(nxt, hard.start() if hard else len(text))]

    region, questions = "", []  # (questions: what to ask the user)
    found, notes_before = drop_not_offered(text, found)  # ("wait no, its 110k", "asking 205")
    if main:
        own = regions_for(main, regions)
        region = find_region(text, own) or ""
        if not region:  # ("S$ offer from ali": Alibaba's only band in SGD)
            region, told = only_region_in(main, own, text, found, band_currency or {})
            notes_before += [told] if told else []
        if not region and own:
            questions.append(
                f"Which region is the {main} offer for? The guide has: {', '.join(own)}."
            )
    else:  # (a long shelf named in part: "…, and 190 more")
        names, more = sorted(companies), max(0, len(companies) - COMPANIES_NAMED)
        listed = ", ".join(names[:COMPANIES_NAMED]) + (f", and {more} more" if more else "")
        questions.append(f"Which company is the offer from? The guides cover: {listed}.")

    fields: dict[str, dict] = {}
    unassigned: list[Unassigned] = []
    notes: list[str] = hypothetical + ([yen_note] if yen_note else []) + read_notes + notes_before
    for item in found:
        parts = fields.get(item.owner, {}).keys() & {"base", "stock", "sign_on", "bonus"}
        if bare_percent_in_list(item, text) and len(parts) >= 2 and "bonus" not in parts:
            item = replace(item, component="bonus")  # "170k base / 100k rsu / 15%" (a package)
        check_not_absurd(item.amount, item.component)
        notes += filter(None, [annualized(item, text)])  # "$13,500/month": × 12, shown
        problem = _problem(item)
        if problem:
            unassigned.append(
                Unassigned(item.amount.raw, item.amount.low, item.amount.unit, problem)
            )
            continue
        target = fields.setdefault(item.owner, {"units": set()})
        component = item.component
        if component in target:
            unassigned.append(
                Unassigned(
                    item.amount.raw,
                    item.amount.low,
                    item.amount.unit,
                    f"The text gives two {component} figures ({target[component].raw} and "
                    f"{item.amount.raw}); which one is the offer's?",
                )
            )
            continue
        target[component] = item.amount
        if item.amount.unit and item.amount.unit != PERCENT:
            target["units"].add(item.amount.unit)
        if component == "stock":
            years = years_said(item.tail)
            if years is None:
                years = years_said(text[: item.start][-30:])
            target["stock_years"] = years
            target["per_year"] = bool(PER_YEAR.match(item.tail))

    main_fields = fields.get("", {"units": set()})
    for name in ("floor", "target"):  # the user's own numbers, wherever they were said
        for owner, values in fields.items():
            if owner and name in values:
                main_fields.setdefault(name, values.pop(name))
    fallback_currency = (band_currency or {}).get((main, region), "")
    default_years = (vesting_years or {}).get((main, region))
    package = _package(main, main_fields, "", fallback_currency, notes, default_years, region)
    competing = tuple(
        _package(owner, values, package.currency, "", notes, default_years, "")
        for owner, values in fields.items()
        if owner
    )
    floor = main_fields.get("floor")
    target = main_fields.get("target")
    offer = Offer(
        **vars_of(package),
        region=region,
        competing=competing,
        floor=floor.low if floor else None,
        target=target.low if target else None,
        unassigned=tuple(capped(unassigned)),
        notes=tuple(notes),
        questions=tuple(questions),
        text=text,
    )
    if offer.stock is not None and offer.stock_basis == "grant" and not offer.stock_years:
        offer = replace(  # neither per year nor over N years, and no guide basis to read it on
            offer,
            questions=(
                *offer.questions,
                f"Is the stock {format_money(offer.stock, offer.currency)} per year, or a grant "
                "over how many years? It is left out of the totals until you say.",
            ),
        )
    if offer.base is None and main and not any("base" in q for q in questions):
        offer = replace(
            offer,
            questions=(*offer.questions, f"What base salary does the {main} offer give?"),
        )
    validate(offer)
    return offer


def vars_of(package: Package) -> dict:
    return {name: getattr(package, name) for name in Package.__dataclass_fields__}


def _problem(item: Found) -> str:
    amount = item.amount
    if MONTHLY.match(item.tail):
        return f"{amount.raw} looks monthly or hourly; what is the annual figure, and for what?"
    if not item.component:
        kind = "percentage" if amount.is_percent else "amount"
        return (
            f"What is the {kind} {amount.raw} for: base, stock (RSU), bonus, sign-on, "
            "total comp, or your floor?"
        )
    if amount.is_range:
        return f"The {item.component} is given as a range ({amount.raw}); which figure was offered?"
    if amount.is_percent and item.component != "bonus":
        return f"{amount.raw} is a percentage; what amount is the {item.component}?"
    return ""


def _package(
    company: str,
    values: dict,
    inherited_currency: str,
    fallback_currency: str,
    notes: list[str],
    default_years: int | None,
    region: str,
) -> Package:
    units = values.get("units", set())
    who = company or "the offer"
    if len(units) > 1:
        raise OfferError(
            f"The amounts for {who} are in {' and '.join(sorted(units))}; give them in one "
            "currency (no exchange rate is used)."
        )
    currency = next(iter(units)) if units else inherited_currency
    money = [
        values[k] for k in ("base", "stock", "sign_on", "tc", "floor", "target") if k in values
    ]
    bonus = values.get("bonus")
    if bonus is not None and not bonus.is_percent:
        money.append(bonus)
    if not currency and money:
        currency = fallback_currency
        if currency:
            notes.append(
                f"No currency was named, so the amounts are read as {currency}, the currency of "
                f"the guide's {company} {region} band; say so if that is wrong."
            )
    stock = values.get("stock")
    years, basis = None, ""
    if stock is not None:
        years = values.get("stock_years")
        basis = "per_year" if values.get("per_year") else "grant"
        if basis == "grant" and years is None:
            guide_years = default_years
            if guide_years:
                years = guide_years
                notes.append(
                    f"The {company + ' ' if company else ''}stock grant {stock.raw} names no "
                    f"vesting period; it is read as a grant over {guide_years} years, the guide "
                    "table's basis. Say 'per year' or 'over N years' if that is wrong."
                )
    return Package(
        company=company,
        currency=currency,
        base=values["base"].low if "base" in values else None,
        stock=stock.low if stock is not None else None,
        stock_years=years,
        stock_basis=basis,
        bonus_pct=bonus.low if bonus is not None and bonus.is_percent else None,
        bonus_amount=bonus.low if bonus is not None and not bonus.is_percent else None,
        sign_on=values["sign_on"].low if "sign_on" in values else None,
        tc=values["tc"].low if "tc" in values else None,
    )


# --- fields (the CLI's flag form) --------------------------------------------------------------


def _field_amount(name: str, raw: str | None, percent_ok: bool = False) -> Amount | None:
    if raw is None or str(raw).strip() == "":
        return None
    text = str(raw).strip()
    if re.match(r"^\s*[-−]", text) or re.search(rf"(?:{SIGNS})\s?[-−]", text, re.I):
        raise OfferError(f"--{name} {text}: pay components cannot be negative.")
    amount = parse_amount(re.sub(r"\s*/\s*(?:yr|year)$|\s+per\s+year$", "", text, flags=re.I))
    if amount is None:
        check_amount_text(text, f"--{name}")
        raise OfferError(
            f"--{name} {excerpt(text)!r} is not an amount; write e.g. 175K, $175,000, CNY 450K."
        )
    check_not_absurd(amount, name)
    if amount.is_range:
        raise OfferError(f"--{name} {text}: give the one figure offered, not a range.")
    if amount.is_percent and not percent_ok:
        raise OfferError(f"--{name} {text}: a percentage is not an amount here.")
    return amount


def offer_from_fields(
    companies: Iterable[str],
    regions: Iterable[str] | Mapping[str, Iterable[str]],
    *,
    company: str,
    region: str = "",
    base: str | None = None,
    stock: str | None = None,
    vesting_years: int | None = None,
    stock_per_year: bool = False,
    bonus: str | None = None,
    sign_on: str | None = None,
    competing: Iterable[str] = (),
    floor: str | None = None,
    target: str | None = None,
    currency: str = "",
    band_currency: Mapping[tuple[str, str], str] | None = None,
) -> Offer:
    """The same Offer from separate fields; `competing` items are free text ("AWS $300K TC")."""
    companies = list(companies)
    name = find_company(company, companies) if company else None
    questions: list[str] = []
    if not name:
        questions.append(
            f"No guide covers {company or 'that company'}; the guides cover: "
            + ", ".join(sorted(companies))
            + "."
        )
        name = company
    own = regions_for(name, regions)
    label = find_region(region, own) if region else None
    if not label and own:
        said = f"'{region}' is not a region of the {name} guide." if region else "Which region?"
        questions.append(f"{said} The {name} guide has: {', '.join(own)}.")
    amounts = {
        "base": _field_amount("base", base),
        "stock": _field_amount("stock", stock),
        "bonus": _field_amount("bonus", bonus, percent_ok=True),
        "sign_on": _field_amount("sign-on", sign_on),
        "floor": _field_amount("floor", floor),
        "target": _field_amount("target", target),
    }
    values: dict = {"units": set()}
    if currency:
        code = CURRENCY_ALIASES.get(currency.upper()) or CURRENCY_ALIASES.get(currency)
        if not code:
            raise OfferError(f"--currency {currency}: not a currency this tool knows.")
        values["units"].add(code)
    for key, amount in amounts.items():
        if amount is not None:
            values[key] = amount
            if amount.unit and amount.unit != PERCENT:
                values["units"].add(amount.unit)
    if amounts["stock"] is not None:
        values["stock_years"] = vesting_years
        values["per_year"] = stock_per_year
    notes: list[str] = []
    package = _package(
        name,
        values,
        "",
        (band_currency or {}).get((name, label or ""), ""),
        notes,
        None,
        label or "",
    )
    if package.stock is not None and package.stock_basis == "grant" and vesting_years is None:
        raise OfferError("--stock is a total grant: add --vesting-years N (or --stock-per-year).")
    rivals = tuple(_competing_from_text(item, package.currency) for item in competing)
    offer = Offer(
        **vars_of(package),
        region=label or "",
        competing=rivals,
        floor=amounts["floor"].low if amounts["floor"] else None,
        target=amounts["target"].low if amounts["target"] else None,
        notes=tuple(notes),
        questions=tuple(questions),
        text="",
    )
    if offer.base is None:
        offer = replace(
            offer, questions=(*offer.questions, "What base salary is offered? (--base)")
        )
    validate(offer)
    return offer


def _competing_from_text(text: str, currency: str) -> Package:
    """'AWS $300K TC' or 'NVIDIA: $213K base, $255K RSU over 4 years' (a --competing value)."""
    check_amount_text(text, f"--competing {excerpt(text, 30)!r}")
    found = [Found(a, s, e) for a, s, e in find_amounts(text)]
    if not found:
        raise OfferError(
            f"--competing {excerpt(text)!r} names no amount; write e.g. 'AWS $300K TC'."
        )
    check_not_negative(text, found)
    assign_components(text, found)
    words = [w for w in re.split(r"[\s:,]+", text[: found[0].start]) if w]
    words = [w for w in words if w.lower() not in STOPWORDS and w.lower() not in ("offer", "at")]
    name = " ".join(words) or "competing offer"
    values: dict = {"units": set()}
    for i, item in enumerate(found):
        nxt = found[i + 1].start if i + 1 < len(found) else len(text)
        item.tail = text[item.end : nxt]
        problem = _problem(item)
        check_not_absurd(item.amount, item.component, f"--competing {excerpt(text, 30)!r}")
        if problem or item.component in values:
            why = problem or "a component is given twice"
            raise OfferError(f"--competing {excerpt(text)!r}: {excerpt(why, 160)}")
        values[item.component] = item.amount
        if item.amount.unit and item.amount.unit != PERCENT:
            values["units"].add(item.amount.unit)
        if item.component == "stock":
            values["stock_years"] = years_said(item.tail)
            values["per_year"] = bool(PER_YEAR.match(item.tail))
    return _package(name, values, currency, "", [], None, "")


# --- checks --------------------------------------------------------------------------------------


def validate(offer: Offer) -> None:
    """Raise OfferError for values no real offer has."""
    for package in (offer, *offer.competing):
        who = package.company or "the offer"
        if package.base is not None and not BASE_MIN <= package.base <= BASE_MAX:
            raise OfferError(
                f"A base of {format_money(package.base, package.currency)} for {who} is outside "
                f"{BASE_MIN:,}–{BASE_MAX:,}; give the annual base (e.g. 175K, not 175)."
            )
        if package.bonus_pct is not None and package.bonus_pct > BONUS_MAX_PCT:
            raise OfferError(
                f"A bonus of {package.bonus_pct:g}% for {who} is over {BONUS_MAX_PCT}%; "
                "check the figure."
            )
        if package.stock_years is not None and not 0 < package.stock_years <= VESTING_MAX_YEARS:
            raise OfferError(
                f"Vesting over {package.stock_years} years for {who} is not a vesting schedule; "
                f"give 1–{VESTING_MAX_YEARS} years."
            )
        for label in ("stock", "bonus_amount", "sign_on", "tc"):
            value = getattr(package, label)
            if value is not None and value < 0:
                raise OfferError(f"The {label} for {who} is negative; give the amount offered.")
