import json
from pathlib import Path

import pytest
from conftest import SHIPPED_CORPUS

from assistant.cli import main
from assistant.corpus.chunking import chunk_guide
from assistant.corpus.facts import extract_facts
from assistant.corpus.loader import load_corpus, load_guide

K, M = 1_000, 1_000_000
# (company, region): currency, base, stock, vesting years, bonus %, total — read off the guides.
EXPECTED_BANDS = {
    ("Alibaba", "Bay Area / Sunnyvale (US R&D)"): (
        "USD",
        (155 * K, 220 * K),
        (75 * K, 210 * K),
        4,
        (15, 15),
        (210 * K, 340 * K),
    ),
    ("Alibaba", "Seattle (US)"): (
        "USD",
        (150 * K, 215 * K),
        (70 * K, 200 * K),
        4,
        (15, 15),
        (205 * K, 330 * K),
    ),
    ("Alibaba", "Hangzhou (HQ)"): (
        "CNY",
        (400 * K, 740 * K),
        (160 * K, 480 * K),
        4,
        (15, 25),
        (600 * K, 1.2 * M),
    ),
    ("Alibaba", "Beijing"): (
        "CNY",
        (380 * K, 710 * K),
        (150 * K, 460 * K),
        4,
        (15, 25),
        (570 * K, 1.15 * M),
    ),
    ("Alibaba", "Singapore"): (
        "SGD",
        (110 * K, 170 * K),
        (50 * K, 130 * K),
        4,
        (15, 15),
        (150 * K, 260 * K),
    ),
    ("Anyscale", "San Francisco"): (
        "USD",
        (168 * K, 218 * K),
        (125 * K, 228 * K),
        4,
        (5, 10),
        (215 * K, 295 * K),
    ),
    ("Anyscale", "New York"): (
        "USD",
        (163 * K, 213 * K),
        (125 * K, 228 * K),
        4,
        (5, 10),
        (210 * K, 288 * K),
    ),
    ("Anyscale", "London"): (
        "GBP",
        (128 * K, 166 * K),
        (94 * K, 171 * K),
        4,
        (5, 10),
        (163 * K, 225 * K),
    ),
}


@pytest.fixture(scope="module")
def shipped(token_counter):
    chunks = [c for g in load_corpus(SHIPPED_CORPUS).guides for c in chunk_guide(g, token_counter)]
    return chunks, extract_facts(chunks)


def test_all_eight_region_rows_become_comp_bands_equal_to_the_guides(shipped):
    chunks, facts = shipped
    by_key = {(band.company, band.region): band for band in facts.bands}
    assert set(by_key) == set(EXPECTED_BANDS)
    chunk_ids = {c.chunk_id: c for c in chunks}
    for key, (currency, base, stock, vesting, bonus, total) in EXPECTED_BANDS.items():
        band = by_key[key]
        assert band.role == "DevOps Engineer"
        assert band.currency == currency, key
        assert (band.base_min, band.base_max) == pytest.approx(base), key
        assert (band.stock_min, band.stock_max) == pytest.approx(stock), key
        assert band.stock_vesting_years == vesting
        assert (band.bonus_min_pct, band.bonus_max_pct) == pytest.approx(bonus), key
        assert (band.total_min, band.total_max) == pytest.approx(total), key
        assert band.unparsed == {}
        assert band.region in chunk_ids[band.chunk_id].text  # the band cites its own row
    assert facts.problems == []


def test_levers_and_scripts_carry_names_amounts_and_chunk_ids(shipped):
    chunks, facts = shipped
    ids = {c.chunk_id for c in chunks}
    anyscale = {lever.name: lever for lever in facts.levers if lever.company == "Anyscale"}
    assert list(anyscale) == [
        "GPU Infrastructure Premium",
        "Multi-Cloud Operations Complexity",
        "Competing Infrastructure Offers",
        "Enterprise SLA Protection",
    ]
    assert [a.low for a in anyscale["Enterprise SLA Protection"].amounts] == [25 * K]
    sign_on = next(lever for lever in facts.levers if lever.name == "Sign-On Bridge")
    assert [(a.low, a.high, a.unit) for a in sign_on.amounts] == [(35 * K, 55 * K, "USD")]
    assert all(lever.chunk_id in ids for lever in facts.levers)

    scripts = {script.company: script for script in facts.scripts}
    assert set(scripts) == {"Alibaba", "Anyscale"}
    assert scripts["Anyscale"].name == "Negotiate Up Strategy"
    anyscale_amounts = [a.low for a in scripts["Anyscale"].amounts]
    for value in (213 * K, 222 * K, 25 * K, 198 * K):
        assert value in anyscale_amounts
    assert 45 * K in [a.low for a in scripts["Alibaba"].amounts]


def test_a_cell_that_does_not_parse_keeps_its_raw_text_and_is_reported(tmp_path, token_counter):
    path = tmp_path / "acme.md"
    path.write_text(
        "### Platform Engineer | Acme Negotiation Guide\n\n"
        "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |\n"
        "|---|---|---|---|---|\n"
        "| Berlin | €90K–€120K | competitive | 10% | €100K–€140K |\n"
        "| Austin | $140K–$180K | $40K–$90K | $20K | $170K–$260K |\n"
    )
    facts = extract_facts(chunk_guide(load_guide(path), token_counter))
    berlin, austin = facts.bands
    assert berlin.currency == "EUR" and berlin.base_min == 90 * K
    assert berlin.stock_min is None and berlin.unparsed == {"Stock (RSU/4yr)": "competitive"}
    assert austin.bonus_min_pct is None and austin.unparsed == {"Bonus": "$20K"}
    assert [(p.column, p.raw) for p in facts.problems] == [
        ("Stock (RSU/4yr)", "competitive"),
        ("Bonus", "$20K"),
    ]


def test_coach_facts_json_prints_every_fact(capsys):
    assert main(["facts", "--json", "--corpus", str(SHIPPED_CORPUS)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert len(printed["comp_bands"]) == 8
    assert len(printed["levers"]) == 8
    assert len(printed["scripts"]) == 2
    seattle = next(b for b in printed["comp_bands"] if b["region"] == "Seattle (US)")
    assert seattle["base_min"] == 150_000 and seattle["chunk_id"]


UNSEEN = Path(__file__).parent / "fixtures" / "unseen"


def test_a_differently_written_comp_table_still_yields_exact_bands(token_counter):
    guide = load_guide(UNSEEN / "northwind-data-scientist.md")
    assert (guide.company, guide.role) == ("Northwind Labs", "Senior Data Scientist")
    chunks = chunk_guide(guide, token_counter)
    rows = [c for c in chunks if c.kind == "table_row"]
    assert [c.region for c in rows] == ["Toronto (HQ)", "Bengaluru", "Remote (US)"]
    assert all("Location | Base | Equity / yr | Target Bonus | Sign-On" in c.text for c in rows)

    facts = extract_facts(chunks)
    toronto, bengaluru, remote = facts.bands
    assert (toronto.currency, toronto.base_min, toronto.base_max) == ("CAD", 150 * K, 190 * K)
    assert (toronto.stock_min, toronto.stock_basis, toronto.stock_vesting_years) == (
        30 * K,
        "per_year",
        None,
    )
    assert (toronto.bonus_min_pct, toronto.bonus_max_pct) == (10, 10)
    assert (bengaluru.currency, bengaluru.base_min, bengaluru.base_max) == (
        "INR",
        4_500_000,
        7_000_000,
    )
    assert bengaluru.bonus_min_pct == 12
    assert remote.currency == "USD" and remote.bonus_min_pct is None
    assert remote.unparsed == {"Target Bonus": "up to 20%"}  # not guessed as 0–20% or 20%
    assert [(p.column, p.raw) for p in facts.problems] == [("Target Bonus", "up to 20%")]

    levers = facts.levers
    assert [(lever.number, lever.name) for lever in levers] == [
        (1, "Competing offer"),
        (2, "Relocation"),
    ]
    assert [(a.low, a.unit) for a in levers[1].amounts] == [(10 * K, "CAD")]
    (script,) = facts.scripts
    assert [a.low for a in script.amounts] == [185 * K, 20 * K]


def test_an_unseen_plain_text_interview_guide_is_understood(token_counter):
    guide = load_guide(UNSEEN / "shopwise-ml-interview.txt")
    assert (guide.company, guide.role, guide.kind) == (
        "Shopwise",
        "Machine Learning Engineer",
        "interview",
    )
    chunks = chunk_guide(guide, token_counter)
    sections = {c.section for c in chunks}
    assert {"The Interview Loop", "Frequently Asked Questions"} <= sections
    questions = next(c for c in chunks if c.kind == "questions")
    assert "training-serving skew" in questions.text and "two-tower" in questions.text
    qa = next(c for c in chunks if c.kind == "qa")
    assert "take-home" in qa.text and "shared editor" in qa.text


def test_currency_named_in_the_header_and_company_before_the_role(token_counter):
    guide = load_guide(UNSEEN / "initech-sre.md")
    assert (guide.company, guide.role) == ("Initech", "Site Reliability Engineer")
    chunks = chunk_guide(guide, token_counter)
    (austin,) = extract_facts(chunks).bands
    assert austin.currency == "USD"
    assert (austin.base_min, austin.base_max) == (140 * K, 180 * K)
    assert (austin.stock_min, austin.stock_vesting_years) == (80 * K, 4)
    assert (austin.total_min, austin.total_max) == (175 * K, 250 * K)
    qa = next(c for c in chunks if c.kind == "qa")
    assert "Can I negotiate the bonus?" in qa.text and "push on base and stock" in qa.text
