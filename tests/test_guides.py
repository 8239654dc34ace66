"""The guide shelf (assistant.corpus.shelf): safe upload names, saving an upload into the corpus exactly
as the loader would accept it and never over another guide, removing only guides inside the
corpus folder, the guide table's counts; and one round trip through Coach on a private indexed
copy (add a guide, ask about it, remove it, ask again)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.coach import Coach
from assistant.config import Settings
from assistant.corpus.chunking import ChunkRecord
from assistant.corpus.loader import MAX_GUIDE_BYTES
from assistant.corpus.shelf import (
    GuideUploadError,
    indexed_guides,
    remove_guide,
    safe_file_name,
    save_upload,
)
from assistant.index.store import VectorIndex
from tests.conftest import SHIPPED_CORPUS

GUIDE = b"### SRE | Initech Negotiation Guide\n\nAsk for the top of the band.\n"

# A new company's guide, with its comp table in the shipped guides' format
# (corpus/anyscale-devops-engineer-negotiation.md): three regions, one in another currency.
INITECH_ROWS = {
    "Austin": ("$142K–$181K", "$60K–$120K", "8–12%", "$170K–$225K"),
    "Denver": ("$137K–$176K", "$56K–$112K", "8–12%", "$164K–$218K"),
    "Toronto": ("C$150K–C$190K", "C$64K–C$128K", "8–12%", "C$178K–C$236K"),
}
INITECH_GUIDE = "\n".join(
    [
        "### Site Reliability Engineer | Initech Global Negotiation Guide",
        "",
        "**Negotiation DNA:** Steady Base + Modest Equity | Enterprise Reporting Platform | "
        "2026 Focus: Pipeline Uptime",
        "",
        "| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |",
        "|--------|-------------|-----------------|-------|------------|",
        *(f"| {region} | {' | '.join(cells)} |" for region, cells in INITECH_ROWS.items()),
        "",
        "**Negotiation DNA**",
        "Site Reliability Engineers at Initech keep the reporting platform running for thousands "
        "of enterprise customers. On-call load is heavy and the team is small, so experienced "
        "SREs have leverage.",
        "",
        "### On-Call & Reliability Lever",
        "",
        "**Global Levers**",
        '1. **On-Call Ownership:** "I have run a primary on-call rotation for a platform of this '
        'size. That experience is worth $175K base."',
        '2. **Competing Offers:** "Initrode is offering $178K base. I need $176K base to choose '
        'Initech."',
        "",
    ]
).encode()


def leftovers(corpus: Path) -> list[str]:
    return [p.name for p in corpus.iterdir() if p.name.startswith(".upload-")]


# --- safe_file_name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("Meta SWE guide (v2).MD", "meta-swe-guide-v2.md"),
        ("initech-sre.md", "initech-sre.md"),
        ("Initech_SRE.TXT", "initech-sre.txt"),
        ("notes.markdown", "notes.markdown"),
        ("C:\\Users\\me\\Downloads\\Initech Guide.md", "initech-guide.md"),
        ("../../etc/cron.d/evil.md", "evil.md"),
        ("..\\..\\windows\\evil.txt", "evil.txt"),
        ("/abs/path/Guide.md", "guide.md"),
        ("Café Négociation — Zürich.md", "cafe-negociation-zurich.md"),
        ("  spaced   out  name  .md", "spaced-out-name.md"),
        ("--Acme!!! & Co.,  (2026)--.txt", "acme-co-2026.txt"),
        ("日本 Guide.md", "guide.md"),
    ],
)
def test_safe_file_name(original, expected):
    assert safe_file_name(original) == expected


def test_safe_file_name_caps_a_long_stem():
    name = safe_file_name("a" * 300 + ".md")
    assert name == "a" * 80 + ".md"


@pytest.mark.parametrize(
    "original", ["offer.pdf", "setup.exe", "README", "guide.md.exe", "guide.", ".md", ""]
)
def test_safe_file_name_refuses_other_extensions_readably(original):
    with pytest.raises(GuideUploadError) as refused:
        safe_file_name(original)
    message = str(refused.value)
    assert "not a guide" in message and ".md" in message and ".txt" in message


@pytest.mark.parametrize("original", ["!!!.md", "() - .txt", "日本語.md", "..md"])
def test_safe_file_name_refuses_a_name_of_only_symbols(original):
    with pytest.raises(GuideUploadError, match="no usable letters"):
        safe_file_name(original)


# --- save_upload -----------------------------------------------------------------------------


def test_save_upload_writes_the_exact_bytes_under_the_safe_name(tmp_path):
    corpus = tmp_path / "corpus"
    data = "### Café guide\r\n\r\n| Region | Base |\r\n| Paris | €80K |\r\n".encode()
    path = save_upload(corpus, "Folder/Initech SRE (v2).MD", data)
    assert path == corpus / "initech-sre-v2.md"
    assert path.read_bytes() == data
    assert sorted(p.name for p in corpus.iterdir()) == ["initech-sre-v2.md"]


def test_save_upload_never_overwrites(tmp_path):
    corpus = tmp_path / "corpus"
    first = save_upload(corpus, "initech.md", GUIDE)
    with pytest.raises(GuideUploadError, match="already in the corpus") as refused:
        save_upload(corpus, "Initech.MD", GUIDE + b"\nA different version.\n")
    assert "initech.md" in str(refused.value)
    assert first.read_bytes() == GUIDE
    assert leftovers(corpus) == []


def test_save_upload_never_overwrites_a_shipped_guide(corpus_copy):
    shipped = corpus_copy / "anyscale-devops-engineer-negotiation.md"
    before = shipped.read_bytes()
    with pytest.raises(GuideUploadError, match="already in the corpus"):
        save_upload(corpus_copy, "Anyscale DevOps Engineer Negotiation.md", GUIDE)
    assert shipped.read_bytes() == before


def test_save_upload_refuses_more_than_two_megabytes(tmp_path):
    corpus = tmp_path / "corpus"
    big = b"#" + b"a" * MAX_GUIDE_BYTES
    with pytest.raises(GuideUploadError, match="at most 2,097,152 bytes"):
        save_upload(corpus, "big.md", big)
    assert not (corpus / "big.md").exists()
    # exactly at the limit is still a guide
    save_upload(corpus, "limit.md", b"# t\n" + b"a" * (MAX_GUIDE_BYTES - 4))
    assert (corpus / "limit.md").stat().st_size == MAX_GUIDE_BYTES


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (b"# guide\x00\x01\x02 binary", "binary (contains NUL bytes)"),
        ("# Café prices in Latin-1\n".encode("latin-1"), "not UTF-8 (bad byte at offset 5)"),
    ],
)
def test_save_upload_refuses_what_the_loader_refuses(tmp_path, data, reason):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(GuideUploadError) as refused:
        save_upload(corpus, "Upload.md", data)
    message = str(refused.value)
    assert message.startswith("Upload.md cannot be used as a guide: ")
    assert reason in message
    assert list(corpus.iterdir()) == []  # neither the guide nor a hidden partial file


@pytest.mark.parametrize("name", ["README.md", "SOURCES.md", "Sources.MD", "readme.txt"])
def test_save_upload_refuses_reserved_names(tmp_path, name):
    corpus = tmp_path / "corpus"
    with pytest.raises(GuideUploadError, match="reserved"):
        save_upload(corpus, name, GUIDE)
    assert not corpus.exists() or list(corpus.iterdir()) == []


def test_save_upload_refuses_a_bad_extension_before_writing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(GuideUploadError, match="not a guide"):
        save_upload(corpus, "offer.pdf", b"%PDF-1.7")
    assert list(corpus.iterdir()) == []


# --- remove_guide ----------------------------------------------------------------------------


def test_remove_guide_deletes_only_that_file(corpus_copy):
    before = {p.name for p in corpus_copy.iterdir()}
    removed = remove_guide(corpus_copy, "corpus/anyscale-devops-engineer-negotiation.md")
    assert removed.name == "anyscale-devops-engineer-negotiation.md" and not removed.exists()
    after = {p.name for p in corpus_copy.iterdir()}
    assert before - after == {"anyscale-devops-engineer-negotiation.md"}


@pytest.mark.parametrize(
    "source",
    [
        "corpus/../outside.md",
        "corpus/../../outside.md",
        "corpus/sub/nested.md",
        "corpus/notes.pdf",
        "corpus/SOURCES.md",
        "corpus/.upload-half.md",
        "/tmp/outside.md",
    ],
)
def test_remove_guide_refuses_anything_but_a_guide_in_the_corpus(tmp_path, source):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    planted = [
        tmp_path / "outside.md",
        corpus / "sub" / "nested.md",
        corpus / "notes.pdf",
        corpus / "SOURCES.md",
        corpus / ".upload-half.md",
    ]
    for path in planted:
        path.write_text("# keep me\n")
    with pytest.raises(GuideUploadError, match="is not a guide in the corpus folder"):
        remove_guide(corpus, source)
    assert all(path.exists() for path in planted)


def test_remove_guide_refuses_a_missing_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    with pytest.raises(GuideUploadError, match="already removed"):
        remove_guide(corpus, "corpus/gone.md")


# --- indexed_guides --------------------------------------------------------------------------


def record(chunk_id: str, source: str, **fields) -> ChunkRecord:
    return ChunkRecord(chunk_id=chunk_id, source=source, section="", text="t", **fields)


def test_indexed_guides_counts_chunks_per_source():
    records = [
        record("b1", "corpus/b.md", title="B guide", company="Beta", role="SRE", guide_kind=""),
        record("a1", "corpus/a.md", title="A guide", company="Acme", guide_kind="negotiation"),
        record("a2", "corpus/a.md", title="later chunk", company="Other"),
        record("b2", "corpus/b.md"),
        record("a3", "corpus/a.md"),
    ]
    summaries = indexed_guides(records, {"corpus/a.md": 3, "corpus/elsewhere.md": 9})
    assert [s.source for s in summaries] == ["corpus/a.md", "corpus/b.md"]
    a, b = summaries
    assert (a.chunks, a.comp_bands, a.title, a.company, a.kind) == (
        3,
        3,
        "A guide",  # from the first chunk of the guide
        "Acme",
        "negotiation",
    )
    assert (b.chunks, b.comp_bands, b.role, b.kind) == (2, 0, "SRE", "other")
    assert indexed_guides([], {"corpus/a.md": 1}) == []


# --- through the Coach: add a guide, ask about it, remove it -------------------------------


@pytest.fixture(scope="module")
def shelf(tmp_path_factory):
    """A Coach over a private indexed copy of the shipped guides (one index build)."""
    root = tmp_path_factory.mktemp("shelf")
    corpus = root / "corpus"
    shutil.copytree(SHIPPED_CORPUS, corpus, ignore=shutil.ignore_patterns("SOURCES.md"))
    settings = Settings(corpus_dir=corpus, index_dir=root / "index")
    VectorIndex(settings).sync(progress=False)
    return Coach(settings, backend="composer")


QUESTION = "what is the base salary at Initech in {}?"


def test_added_guide_is_indexed_answered_from_and_removed(shelf):
    corpus = shelf.settings.corpus_dir
    assert "Initech" not in shelf.comp_regions()
    refused = shelf.ask(QUESTION.format("Austin"))
    assert refused.refused

    report = shelf.add_guide("Initech SRE Guide.md", INITECH_GUIDE)
    source = "corpus/initech-sre-guide.md"
    assert report.added == [source]
    assert (corpus / "initech-sre-guide.md").read_bytes() == INITECH_GUIDE
    assert leftovers(corpus) == []

    listed = {g.source: g for g in shelf.guides()}
    assert set(listed) == {
        source,
        "corpus/alibaba-devops-engineer-interview-prep.txt",
        "corpus/alibaba-devops-engineer-negotiation.md",
        "corpus/anyscale-devops-engineer-negotiation.md",
    }
    initech = listed[source]
    assert initech.company == "Initech" and initech.kind == "negotiation"
    assert initech.chunks > 0 and initech.chunks == report.chunks_per_guide[source]
    assert initech.comp_bands == len(INITECH_ROWS)
    # the shipped guides' counts are unchanged: Anyscale's table has 3 rows, Alibaba's 5
    assert listed["corpus/anyscale-devops-engineer-negotiation.md"].comp_bands == 3
    assert listed["corpus/alibaba-devops-engineer-negotiation.md"].comp_bands == 5
    assert listed["corpus/alibaba-devops-engineer-interview-prep.txt"].comp_bands == 0

    assert shelf.comp_regions()["Initech"] == list(INITECH_ROWS)

    for region in ("Austin", "Toronto"):
        answer = shelf.ask(QUESTION.format(region))
        assert not answer.refused and answer.intent == "comp"
        assert {c.source for c in answer.citations} == {source}
        row = next(c for c in answer.citations if f"| {region} |" in c.quote)
        assert all(cell in row.quote for cell in INITECH_ROWS[region])
        for cell in INITECH_ROWS[region]:
            assert cell in answer.answer, (cell, answer.answer)
        other = "Denver"
        assert INITECH_ROWS[other][0] not in answer.answer

    # the same name again is refused and the indexed guide is untouched
    with pytest.raises(GuideUploadError, match="already in the corpus"):
        shelf.add_guide("initech sre guide.md", b"# Replaced\n\nnothing here\n")
    assert (corpus / "initech-sre-guide.md").read_bytes() == INITECH_GUIDE

    report = shelf.remove_guide(source)
    assert report.removed == [source]
    assert not (corpus / "initech-sre-guide.md").exists()
    assert source not in {g.source for g in shelf.guides()}
    assert "Initech" not in shelf.comp_regions()
    answer = shelf.ask(QUESTION.format("Austin"))
    assert answer.refused
    assert source not in {c.source for c in answer.citations}
    assert "$142K" not in answer.answer

    with pytest.raises(GuideUploadError, match="already removed"):
        shelf.remove_guide(source)


def test_coach_refuses_a_bad_upload_without_touching_the_index(shelf):
    before = [(g.source, g.chunks) for g in shelf.guides()]
    with pytest.raises(GuideUploadError, match="not UTF-8"):
        shelf.add_guide("latin.md", "# Café\n".encode("latin-1"))
    with pytest.raises(GuideUploadError, match="reserved"):
        shelf.add_guide("README.md", GUIDE)
    assert [(g.source, g.chunks) for g in shelf.guides()] == before
    assert not (shelf.settings.corpus_dir / "latin.md").exists()
    assert leftovers(shelf.settings.corpus_dir) == []
