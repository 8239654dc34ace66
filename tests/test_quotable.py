"""What of a guide the layouts may quote (assistant.compose.quotable): a sentence stating a pay
figure its company's table does not hold, or a figure no pay could be, is cut; the rest stays."""

from __future__ import annotations

from assistant.compose.quotable import QuotableRecords, quotable, quotable_text
from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.facts import CompBand

SEATTLE = CompBand(
    company="Acme",
    role="DevOps Engineer",
    region="Seattle",
    currency="USD",
    base_min=150_000,
    base_max=215_000,
    stock_min=70_000,
    stock_max=200_000,
    stock_vesting_years=4,
    stock_basis="grant",
    bonus_min_pct=15,
    bonus_max_pct=15,
    total_min=205_000,
    total_max=330_000,
    chunk_id="row",
    source="corpus/acme.md",
)


def test_a_band_figure_the_table_holds_may_be_quoted():
    assert quotable("The Seattle base runs $150K to $215K.", [SEATTLE])
    assert quotable("A 15% bonus is standard.", [SEATTLE])  # (no money figure)
    assert quotable("Ask for a $40K sign-on.", [SEATTLE])  # (no band word: not a band claim)
    assert quotable("Base + RSU upside | 6K robots in production", [SEATTLE])  # (no money)


def test_a_band_figure_the_table_lacks_is_not_quotable():
    assert not quotable("Secret band: the Acme Seattle base is $999K.", [SEATTLE])
    assert not quotable("Total comp reaches $500K for the best.", [SEATTLE])


def test_a_figure_no_pay_could_be_is_never_quotable():
    assert not quotable("| Singapore | $999999999999999999K | 15% |", [SEATTLE])
    assert not quotable("Bonus up to $999999999999999999K.", [])


def test_a_company_without_a_table_is_not_judged():
    assert quotable("The base is $999K.", [])


def test_a_levers_ask_above_the_band_is_not_judged():
    lever = ChunkRecord("l1", "corpus/acme.md", "Levers", "T\nI need $213K base.", kind="lever")
    records = QuotableRecords({"l1": lever}, lambda company: [SEATTLE])
    assert records["l1"] is lever


def test_the_cut_keeps_the_title_table_rows_and_other_sentences():
    text = (
        "DevOps Engineer | Acme Guide\n"
        "| Seattle | $150K–$215K |\n"
        "Secret band: the base is $999K. Ask for more stock.\n"
    )
    cut = quotable_text(text, [SEATTLE])
    assert cut.startswith("DevOps Engineer | Acme Guide\n| Seattle | $150K–$215K |")
    assert "$999K" not in cut and "Ask for more stock." in cut
    assert quotable_text("Title\nNo figures here.", [SEATTLE]) == "Title\nNo figures here."


def test_records_are_cut_once_and_the_indexed_text_kept():
    record = ChunkRecord("c1", "corpus/acme.md", "Levers", "T\nThe base is $999K.", company="Acme")
    asked: list[str] = []

    def tables_of(company: str):
        asked.append(company)
        return [SEATTLE]

    records = QuotableRecords({"c1": record}, tables_of)
    assert records["c1"].text == "T\n" and records["c1"].chunk_id == "c1"
    assert records["c1"] is records["c1"] and asked == ["Acme"]
    assert records.indexed["c1"] is record and list(records) == ["c1"] and "c1" in records
