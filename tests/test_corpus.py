import logging
import os

import pytest
from conftest import ALIBABA_INTERVIEW, ALIBABA_NEGOTIATION, ANYSCALE_NEGOTIATION, SHIPPED_CORPUS

from assistant.corpus.loader import MAX_GUIDE_BYTES, load_corpus, load_guide
from assistant.errors import CorpusError


def test_shipped_guides_load_with_what_their_content_says():
    result = load_corpus(SHIPPED_CORPUS)
    assert result.skipped == []
    guides = {guide.path.name: guide for guide in result.guides}
    assert set(guides) == {ALIBABA_NEGOTIATION, ALIBABA_INTERVIEW, ANYSCALE_NEGOTIATION}

    alibaba = guides[ALIBABA_NEGOTIATION]
    assert (alibaba.company, alibaba.role, alibaba.kind) == (
        "Alibaba",
        "DevOps Engineer",
        "negotiation",
    )
    assert alibaba.title == "DevOps Engineer | Alibaba Global Negotiation Guide"
    assert alibaba.source == f"corpus/{ALIBABA_NEGOTIATION}"

    interview = guides[ALIBABA_INTERVIEW]
    assert (interview.company, interview.role, interview.kind) == (
        "Alibaba",
        "DevOps Engineer",
        "interview",
    )
    assert not interview.is_markdown

    anyscale = guides[ANYSCALE_NEGOTIATION]
    assert (anyscale.company, anyscale.kind) == ("Anyscale", "negotiation")


def test_sha256_is_of_the_bytes_as_received():
    import hashlib

    path = SHIPPED_CORPUS / ALIBABA_INTERVIEW
    assert load_guide(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_company_comes_from_content_not_file_name(tmp_path):
    path = tmp_path / "guide-1.md"
    path.write_bytes((SHIPPED_CORPUS / ANYSCALE_NEGOTIATION).read_bytes())
    guide = load_guide(path)
    assert guide.company == "Anyscale"
    assert guide.kind == "negotiation"


def test_crlf_and_byte_order_mark_are_tolerated(tmp_path):
    text = (SHIPPED_CORPUS / ALIBABA_NEGOTIATION).read_text(encoding="utf-8")
    path = tmp_path / "windows.md"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    guide = load_guide(path)
    assert guide.company == "Alibaba"
    assert "\r" not in guide.text


def test_bad_files_are_skipped_with_their_reason_and_the_rest_load(tmp_path, caplog):
    (tmp_path / "good.md").write_bytes((SHIPPED_CORPUS / ANYSCALE_NEGOTIATION).read_bytes())
    (tmp_path / "empty.md").write_text("  \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    (tmp_path / "latin1.md").write_bytes("Salaire de base: 50 000 \xe9".encode("latin-1"))
    (tmp_path / "huge.md").write_bytes(b"a" * (MAX_GUIDE_BYTES + 1))
    os.symlink(tmp_path / "missing-target.md", tmp_path / "dangling.md")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a guide type: ignored silently
    (tmp_path / "SOURCES.md").write_text("# Sources\n")  # corpus metadata, not a guide

    with caplog.at_level(logging.WARNING):
        result = load_corpus(tmp_path)

    assert [guide.path.name for guide in result.guides] == ["good.md"]
    reasons = {skipped.path.name: skipped.reason for skipped in result.skipped}
    assert set(reasons) == {"empty.md", "binary.txt", "latin1.md", "huge.md", "dangling.md"}
    assert reasons["empty.md"] == "empty"
    assert "binary" in reasons["binary.txt"]
    assert "not UTF-8" in reasons["latin1.md"]
    assert "too large" in reasons["huge.md"]
    assert "link" in reasons["dangling.md"]  # links are never followed (issue 17)
    for name in reasons:
        assert any(name in record.getMessage() for record in caplog.records), name


def test_missing_corpus_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nope")


def test_plain_text_guide_of_another_kind(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Relocation checklist\nBook movers early.\nKeep receipts for every expense.\n")
    guide = load_guide(path)
    assert guide.kind == "other"
    assert guide.title == "Relocation checklist"


def test_sources_are_cited_as_corpus_relative_paths_whatever_the_folder(tmp_path):
    folder = tmp_path / "bench-guides" / "acme"
    folder.mkdir(parents=True)
    (folder / "guide.md").write_bytes((SHIPPED_CORPUS / ANYSCALE_NEGOTIATION).read_bytes())
    (guide,) = load_corpus(tmp_path / "bench-guides").guides
    assert guide.source == "corpus/acme/guide.md"
