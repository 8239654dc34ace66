"""The benchmark corpus generator: deterministic, fictional, and read back exactly by the loader,
chunker and fact extractor (no embedding model needed)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pytest
from conftest import SHIPPED_CORPUS

from assistant.cli import main
from assistant.corpus.chunking import MAX_CHUNK_TOKENS, chunk_guide
from assistant.corpus.facts import extract_facts
from assistant.corpus.loader import load_corpus
from assistant.errors import CorpusError
from evals.bench.corpus import MARKER_FILE, UNUSED_REGIONS, generate_guides, write_corpus

# Companies the shipped guides are about or name as competitors (read off corpus/*).
SHIPPED_NAMES = {"alibaba", "anyscale", "google", "amazon", "meta", "nvidia", "databricks"}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """120 guides for seed 7, written to a folder and loaded back."""
    out = tmp_path_factory.mktemp("bench") / "corpus"
    write_corpus(out, 120, seed=7)
    loaded = load_corpus(out)
    return generate_guides(120, seed=7), {guide.path.name: guide for guide in loaded.guides}


def _digest(guides) -> str:
    payload = "\n".join(f"{guide.file_name}\n{guide.text}" for guide in guides)
    return hashlib.sha256(payload.encode()).hexdigest()


def test_same_seed_gives_identical_guides_and_another_seed_different_ones():
    assert _digest(generate_guides(60, seed=3)) == _digest(generate_guides(60, seed=3))
    assert _digest(generate_guides(60, seed=3)) != _digest(generate_guides(60, seed=4))
    other = {guide.company for guide in generate_guides(60, seed=4)}
    assert {guide.company for guide in generate_guides(60, seed=3)} != other


def test_a_smaller_run_is_the_start_of_a_larger_one():
    small, large = generate_guides(50, seed=1), generate_guides(200, seed=1)
    assert [g.text for g in small] == [g.text for g in large[:50]]


def test_company_names_are_unique_fictional_and_shared_only_by_one_companys_guides():
    guides = generate_guides(2_500, seed=0)
    assert len(guides) == 2_500
    assert len({guide.file_name for guide in guides}) == 2_500
    # A company's guides come together; a name never reappears for another company later.
    companies = [guide.company for guide in guides]
    runs = [
        name for index, name in enumerate(companies) if index == 0 or companies[index - 1] != name
    ]
    assert len(runs) == len(set(runs))
    assert len(set(companies)) >= 2_500 // 4
    shipped = {guide.company.lower() for guide in load_corpus(SHIPPED_CORPUS).guides}
    assert shipped <= SHIPPED_NAMES
    for name in set(companies):
        words = set(re.findall(r"[a-z]+", name.lower()))
        assert not words & SHIPPED_NAMES, name
    # Several roles per company, and both kinds for the same company and role, as for Alibaba.
    roles_per_company = Counter(guide.company for guide in guides if guide.kind == "negotiation")
    assert max(roles_per_company.values()) >= 3
    pairs = Counter((guide.company, guide.role) for guide in guides)
    assert any(count == 2 for count in pairs.values())


def test_generated_text_never_names_a_shipped_company_or_an_unused_region():
    for guide in generate_guides(400, seed=0):
        lowered = guide.text.lower()
        assert "alibaba" not in lowered and "anyscale" not in lowered, guide.file_name
        for region in UNUSED_REGIONS:
            assert not re.search(rf"\b{region.lower()}\b", lowered), (guide.file_name, region)


def test_guides_load_with_the_company_role_and_kind_the_generator_wrote(written):
    generated, loaded = written
    assert set(loaded) == {guide.file_name for guide in generated}
    assert {guide.kind for guide in generated} == {"negotiation", "interview"}
    for guide in generated:
        got = loaded[guide.file_name]
        assert (got.company, got.role, got.kind) == (guide.company, guide.role, guide.kind)
        assert got.is_markdown == (guide.kind == "negotiation")


def test_every_chunk_fits_and_fact_extraction_reads_back_every_band_exactly(written, token_counter):
    generated, loaded = written
    header_shapes, currencies = set(), set()
    for guide in generated:
        chunks = chunk_guide(loaded[guide.file_name], token_counter)
        assert chunks
        assert max(token_counter(chunk.text) for chunk in chunks) <= MAX_CHUNK_TOKENS
        facts = extract_facts(chunks)
        if guide.kind == "interview":
            assert facts.bands == [] and guide.bands == ()
            assert any(chunk.kind == "questions" for chunk in chunks)
            continue
        assert facts.problems == [], guide.file_name
        assert len(facts.bands) == len(guide.bands) >= 2
        for band, row in zip(facts.bands, guide.bands, strict=True):
            assert (band.company, band.role) == (guide.company, guide.role)
            assert (band.region, band.currency) == (row.region, row.currency)
            assert (band.stock_vesting_years, band.stock_basis) == (
                row.stock_vesting_years,
                row.stock_basis,
            )
            for field in (
                "base_min",
                "base_max",
                "stock_min",
                "stock_max",
                "bonus_min_pct",
                "bonus_max_pct",
                "total_min",
                "total_max",
            ):
                expected = getattr(row, field)
                actual = getattr(band, field)
                assert actual == (None if expected is None else pytest.approx(expected)), (
                    guide.file_name,
                    row.region,
                    field,
                )
            header_shapes.add(tuple(header for header, _ in band.cells.items()))
            currencies.add(band.currency)
        assert facts.levers and len(facts.scripts) == 1
        assert all(lever.amounts for lever in facts.levers), guide.file_name
    # The tables are not one template: many header shapes, every currency.
    assert len(header_shapes) >= 8
    assert currencies >= {"USD", "GBP", "EUR", "CAD", "SGD", "CNY", "INR", "JPY"}


def test_write_corpus_reports_progress_and_marks_its_folder(tmp_path):
    calls = []
    paths = write_corpus(tmp_path / "out", 15, seed=2, progress=calls.append)
    assert len(paths) == 15 and sum(calls) == 15
    marker = json.loads((tmp_path / "out" / MARKER_FILE).read_text())
    assert sorted(marker["files"]) == sorted(path.name for path in paths)
    assert [p.read_text() for p in paths] == [g.text for g in generate_guides(15, seed=2)]


def test_rewriting_a_previous_output_replaces_only_its_own_files(tmp_path):
    out = tmp_path / "out"
    first = write_corpus(out, 20, seed=0)
    second = write_corpus(out, 8, seed=5)
    on_disk = sorted(path.name for path in out.iterdir() if not path.name.startswith("."))
    assert on_disk == sorted(path.name for path in second)
    assert {path.name for path in first} - set(on_disk)  # the stale guides are gone

    (out / "notes.md").write_text("mine")
    with pytest.raises(CorpusError, match="notes.md"):
        write_corpus(out, 8, seed=0)
    assert (out / "notes.md").read_text() == "mine"


def test_cli_writes_n_guides_and_refuses_a_foreign_folder(tmp_path, capsys):
    out = tmp_path / "bench"
    assert main(["bench", "corpus", "--guides", "12", "--out", str(out), "--seed", "4"]) == 0
    written = sorted(path for path in out.iterdir() if not path.name.startswith("."))
    assert len(written) == 12
    assert "12 guides" in capsys.readouterr().out
    assert [p.read_text() for p in written] == [
        g.text for g in sorted(generate_guides(12, seed=4), key=lambda g: g.file_name)
    ]

    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "guide.md").write_text("### My own guide\n")
    assert main(["bench", "corpus", "--guides", "5", "--out", str(foreign)]) == 2
    error = capsys.readouterr().err
    assert error.startswith("error:") and "not empty" in error
    assert [path.name for path in foreign.iterdir()] == ["guide.md"]
    assert (foreign / "guide.md").read_text() == "### My own guide\n"


def test_a_folder_marked_by_the_generators_earlier_name_is_still_its_own(tmp_path):
    out = tmp_path / "out"
    write_corpus(out, 6, seed=1)
    marker = json.loads((out / MARKER_FILE).read_text())
    assert marker["generator"] == "evals.bench.corpus"
    marker["generator"] = "assistant.benchcorpus"  # written before the generator moved
    (out / MARKER_FILE).write_text(json.dumps(marker))
    paths = write_corpus(out, 4, seed=1)
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(
        p.name for p in paths
    )
    assert json.loads((out / MARKER_FILE).read_text())["generator"] == "evals.bench.corpus"


def test_the_vocabulary_is_read_once_and_immutable():
    from evals.bench.vocabulary import vocabulary

    words = vocabulary()
    assert vocabulary() is words
    assert isinstance(words.roles, tuple) and isinstance(words.roles[0], tuple)
    assert isinstance(words.families["infra"]["topics"][0][2], tuple)
    assert set(words.families) == {family for _, family, _ in words.roles}
    assert all(region in words.regions for footprint in words.footprints for region in footprint)


# --- companies users name as context (issue 16): only with --context-companies -------------------

CONTEXT = {
    "Amazon": "AWS",
    "Google": "GCP",
    "Microsoft": "Azure",
    "NVIDIA": "GPU",
    "Databricks": "",
}


def _context_count(guides) -> int:
    return next(i for i, guide in enumerate(guides) if guide.company not in CONTEXT)


def test_context_companies_come_first_and_leave_the_fictional_guides_as_they_were():
    with_context = generate_guides(40, seed=3, context=True)
    count = _context_count(with_context)
    assert {guide.company for guide in with_context[:count]} == set(CONTEXT)
    assert count >= 10  # several roles and both guide kinds among them
    assert _digest(with_context[count:]) == _digest(generate_guides(40 - count, seed=3))
    assert all(guide.company not in CONTEXT for guide in generate_guides(200, seed=3))


def test_context_guides_name_what_users_call_them_and_each_other():
    for guide in generate_guides(13, seed=0, context=True):
        if guide.kind == "negotiation":
            assert CONTEXT[guide.company] in guide.text, guide.file_name
            others = set(CONTEXT) - {guide.company}
            assert any(name in guide.text for name in others), guide.file_name
    kinds = Counter(g.kind for g in generate_guides(13, seed=0, context=True))
    assert kinds["interview"] >= 3


def test_context_guides_load_and_their_bands_read_back(tmp_path, token_counter, capsys):
    out = tmp_path / "context"
    args = ["bench", "corpus", "--guides", "15", "--out", str(out), "--context-companies"]
    assert main(args) == 0 and "15 guides" in capsys.readouterr().out
    assert json.loads((out / MARKER_FILE).read_text())["context_companies"] is True
    generated = generate_guides(15, seed=0, context=True)
    loaded = {guide.path.name: guide for guide in load_corpus(out).guides}
    for guide in generated:
        got = loaded[guide.file_name]
        assert (got.company, got.role, got.kind) == (guide.company, guide.role, guide.kind)
        facts = extract_facts(chunk_guide(got, token_counter))
        assert facts.problems == [] and len(facts.bands) == len(guide.bands), guide.file_name
    plain = tmp_path / "plain"
    write_corpus(plain, 3, seed=0)
    assert "context_companies" not in json.loads((plain / MARKER_FILE).read_text())
