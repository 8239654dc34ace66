"""The negotiation playbook (assistant.compose.playbook, `coach playbook`): every figure is in
its Sources section or a shown calculation (the grounding check over the whole document), the
drafts to send carry no [n] markers, the floor is marked private, the HTML is escaped and loads
nothing from elsewhere, and the page opens in Debian's chromium (screenshot in tests/artifacts/).
"""

from __future__ import annotations

import re

import pytest
from conftest import SHIPPED_CORPUS
from ui_support import ARTIFACTS, CHROMIUM, launch_chromium

from assistant.cli import main
from assistant.compose.grounding import check, figures_in
from assistant.compose.playbook import build_playbook
from assistant.corpus.factbook import read_corpus
from assistant.errors import OfferError
from assistant.index.embeddings import count_tokens

OFFER = "Anyscale San Francisco offer: $175K base, $130K RSU over 4 years, 5% bonus"
OTHER = (
    "Alibaba Seattle offer: $190K base, $400K RSU over 4 years, vesting 5/15/40/40, $20K sign-on"
)


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(SHIPPED_CORPUS, count_tokens)


@pytest.fixture(scope="module")
def playbook(corpus):
    return build_playbook(OFFER, [OTHER], corpus)


def section(markdown: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, title
    return match.group(1)


def test_every_figure_is_in_the_sources_or_a_shown_calculation(playbook):
    markdown = playbook.markdown
    sources = section(markdown, "Sources")
    for cited in playbook.cited:  # every cited passage is quoted in full
        assert cited.quote and cited.quote in sources
    for text in playbook.sources.user_texts[:2]:
        assert text in sources
    report = check(markdown, {c.n for c in playbook.cited}, playbook.sources)
    assert report.ok, (report.ungrounded, report.invalid_markers, report.bad_sentences)
    assert report.figures > 50  # the check did read the tables, drafts and years


def test_a_made_up_figure_would_be_caught(playbook):
    report = check(playbook.markdown + "\nAsk for $999K.\n", set(), playbook.sources)
    assert "$999K" in report.ungrounded


def test_the_sections_are_all_there(playbook):
    markdown = playbook.markdown
    for title in (
        "The offers",
        "Where each component sits in the band",
        "What to ask for",
        "Levers",
        "Email draft (to send)",
        "Phone script (to say)",
        "Your walk-away floor",
        "Year by year",
        "Sources",
    ):
        assert f"\n## {title}\n" in markdown, title
    years = section(markdown, "Year by year")
    assert "vesting 5/15/40/40" in years and "Over 4 years (cumulative)" in years
    asks = section(markdown, "What to ask for")
    assert "$213K" in asks and "Anyscale script [2]" in asks


def test_drafts_to_send_carry_no_markers_and_list_their_sources(playbook):
    markdown = playbook.markdown
    for title in ("Email draft (to send)", "Phone script (to say)"):
        body = section(markdown, title)
        draft = body.split("```text\n", 1)[1].split("```", 1)[0]
        assert not re.search(r"\[\d+\]", draft), title
        assert figures_in(draft)
        beneath = body.split("```", 2)[2]
        assert "Where its figures come from" in beneath and "in Sources" in beneath


def test_the_floor_is_private_and_only_there(playbook):
    markdown = playbook.markdown
    floor = section(markdown, "Your walk-away floor")
    assert "PRIVATE: do not share." in floor and "$198K" in floor
    assert "$198K" not in section(markdown, "Email draft (to send)")
    assert "$198K" not in section(markdown, "Phone script (to say)")
    assert 'class="private"' in playbook.html


def test_html_is_escaped_and_self_contained(corpus):
    hostile = "Anyscale San Francisco offer: $175K base <script>alert(1)</script>"
    html = build_playbook(hostile, [], corpus).html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert not re.search(r"(?:src|href)\s*=|@import|url\(", html)


def test_bad_input_names_the_field(corpus, tmp_path):
    with pytest.raises(OfferError, match="--compare"):
        build_playbook(OFFER, [OTHER] * 4, corpus)
    with pytest.raises(OfferError, match="vesting schedule"):
        build_playbook(OFFER + ", vesting 50/40", [], corpus)
    assert (
        main(["playbook", "--corpus", str(SHIPPED_CORPUS), OFFER, "--out", str(tmp_path / "x.txt")])
        == 2
    )


def test_coach_playbook_writes_markdown_and_html(tmp_path, capsys):
    out = tmp_path / "plan.md"
    args = [
        "playbook",
        "--corpus",
        str(SHIPPED_CORPUS),
        OFFER,
        "--compare",
        OTHER,
        "--out",
        str(out),
    ]
    assert main(args) == 0
    assert out.read_text(encoding="utf-8").startswith("# Negotiation playbook: Anyscale")
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Year by year" in html
    assert str(out.with_suffix(".html")) in capsys.readouterr().out


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed")
def test_the_html_page_opens_in_chromium(playbook, tmp_path):
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "playbook.html"
    page_file.write_text(playbook.html, encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 1200})
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            assert page.locator("h1").inner_text().startswith("Negotiation playbook")
            assert page.locator(".private").is_visible()
            assert page.locator("table").count() >= 4
            page.screenshot(path=str(ARTIFACTS / "playbook.png"), full_page=True)
        finally:
            browser.close()
    assert requests == [page_file.as_uri()]  # nothing loaded from elsewhere
