"""The app in a real browser: Debian's chromium driven by Playwright against `coach serve` on
127.0.0.1 (real MiniLM, Chroma on disk, the composer). The steps run in order on one page, as a
user would: load, ask, follow up, fill the workbench, carry the offer into the chat, upload a
guide and ask about it, upload a bad file. Each step saves a screenshot in tests/artifacts/.

Expected figures are the guides' own: the Anyscale table rows in corpus/.
"""

from __future__ import annotations

import re
import time

import pytest
from ui_support import ARTIFACTS, launch_chromium, pick

pytestmark = pytest.mark.integration

ANSWER_WAIT_MS = 90_000
BOT = "#coach-chat [data-testid='bot']"  # one element per assistant message
INITECH_GUIDE = """# Site Reliability Engineer | Initech Negotiation Guide

| Region | Base Salary | Stock (RSU/4yr) | Bonus | Total Comp |
|--------|-------------|-----------------|-------|------------|
| Austin | $141K–$177K | $60K–$100K | 8–12% | $171K–$223K |

**Negotiation DNA:** Initech pays a steady base and rewards on-call ownership with a bonus.
"""


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        started = time.perf_counter()
        tab.goto(served.url)
        tab.locator("#coach-question textarea").wait_for()
        tab.get_by_text("Try asking").wait_for()
        tab.page_load_seconds = time.perf_counter() - started
        yield tab
        context.close()
        browser.close()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def ask(page, question: str) -> str:
    """Type a question, wait for the finished answer (its footer), return the last bot text."""
    before = page.locator(BOT).count()
    box = page.locator("#coach-question textarea")
    box.fill(question)
    box.press("Enter")
    return last_answer(page, before)


def last_answer(page, before: int) -> str:
    bots = page.locator(BOT)
    page.wait_for_function(
        """([n]) => {
            const bots = document.querySelectorAll("#coach-chat [data-testid='bot']");
            return bots.length > n &&
                bots[bots.length - 1].innerText.includes("checked against the sources");
        }""",
        arg=[before],
        timeout=ANSWER_WAIT_MS,
    )
    return bots.last.inner_text()


def cited_row(page) -> str:
    row = page.locator("#coach-source-panel tr.cited-row")
    row.first.wait_for()
    return " ".join(row.all_inner_texts())


def test_page_loads_with_its_three_tabs(page):
    for name in ("Chat", "Offer workbench", "Guides"):
        assert page.get_by_role("tab", name=name).is_visible()
    assert page.title() == "Offer Coach"
    assert "Try asking" in page.inner_text("body")
    shot(page, "01-loaded")


def test_comp_question_cites_the_row_it_quotes(page):
    started = time.perf_counter()
    text = ask(page, "whats the base salary for devops at anyscale in sf")
    page.first_answer_seconds = time.perf_counter() - started
    assert "$168K–$218K" in text
    assert "[1]" in text
    assert "Written without a model · checked against the sources" in text
    assert "composer" not in text and "grounding" not in text  # no internal words
    row = cited_row(page)
    assert "San Francisco" in row and "$168K–$218K" in row
    assert "London" not in row
    assert "anyscale-devops-engineer-negotiation.md" in page.inner_text("#coach-source-panel")
    labels = [b.get_attribute("aria-label") for b in page.locator("#coach-chat button").all()]
    assert labels and all(labels), labels  # every chat button says what it does; no share icon
    shot(page, "02-comp-answer-and-source")


def test_follow_up_keeps_the_company(page):
    text = ask(page, "and in London?")
    assert "£128K–£166K" in text
    row = cited_row(page)
    assert "London" in row and "San Francisco" not in row
    shot(page, "03-follow-up")


def test_clicking_an_earlier_answer_shows_its_sources(page):
    page.locator(BOT).first.click()
    page.wait_for_function(
        """() => {
            const row = document.querySelector("#coach-source-panel tr.cited-row");
            return row && row.innerText.includes("San Francisco");
        }""",
        timeout=15_000,
    )


def test_workbench_draws_the_band_and_drafts_the_counter(page):
    open_tab(page, "Offer workbench")
    pick(page, "wb-company", "Anyscale")
    pick(page, "wb-region", "San Francisco")
    page.locator("#wb-base textarea, #wb-base input").first.fill("175k")
    page.locator("#wb-stock textarea, #wb-stock input").first.fill("130k")
    page.locator("#wb-bonus textarea, #wb-bonus input").first.fill("5%")
    page.locator("#wb-competing textarea, #wb-competing input").first.fill("Google $300K TC")
    page.locator("#wb-show").click()
    chart = "#wb-chart .coach-chart-wide"  # the wide drawing (a phone gets the narrow one)
    base = page.locator(f"{chart} g.coach-bar[data-component='base']")
    base.wait_for()
    assert base.get_attribute("data-band") == "$168K–$218K"
    assert base.get_attribute("data-offer") == "$175K"
    assert base.get_attribute("data-ask") == "$213K"  # the guide's negotiate-up script
    stock = page.locator(f"{chart} g.coach-bar[data-component='stock']")
    assert stock.get_attribute("data-offer") == "$32.5K"  # $130K over 4 years, per year
    assert page.locator(f"{chart} circle.coach-offer").count() == 4
    proposal = page.inner_text("#wb-proposal")
    assert "$213K" in proposal and "Anyscale script" in proposal
    email = page.locator("#wb-email textarea").input_value()
    assert "$213K" in email and "Google" in email
    phone = page.locator("#wb-phone textarea").input_value()
    assert "$213K" in phone
    assert page.locator("#wb-email button[aria-label*='opy'], #wb-email button").count() >= 1
    shot(page, "04-workbench")


def test_discuss_in_chat_carries_the_offer(page):
    bots = page.locator(BOT).count()
    page.locator("#wb-discuss").click()
    text = last_answer(page, bots)
    assert "$213K" in text  # the counter ask, in the chat now
    assert page.get_by_role("tab", name="Chat", selected=True).is_visible()
    shot(page, "05-discuss-in-chat")


def test_uploaded_guide_is_indexed_and_answers(page, tmp_path):
    guide = tmp_path / "Initech SRE guide.md"
    guide.write_text(INITECH_GUIDE)
    open_tab(page, "Guides")
    page.locator("#guide-upload input[type=file]").set_input_files(str(guide))
    page.locator("#guide-add").click()
    message = page.locator("#guide-message")
    message.get_by_text(re.compile("Added")).wait_for(timeout=120_000)
    assert "initech-sre-guide.md" in message.inner_text()
    assert "initech-sre-guide.md" in page.inner_text("#guide-table")
    shot(page, "06-guide-uploaded")
    open_tab(page, "Chat")
    text = ask(page, "initech austin base salary?")
    assert "$141K–$177K" in text
    assert "initech-sre-guide.md" in page.inner_text("#coach-source-panel")
    shot(page, "07-answer-from-uploaded-guide")


def test_bad_upload_shows_a_readable_error(page, tmp_path):
    bad = tmp_path / "notes.md"
    bad.write_bytes(b"\x00\x01binary\x00" * 50)
    open_tab(page, "Guides")
    page.locator("#guide-upload input[type=file]").set_input_files(str(bad))
    page.locator("#guide-add").click()
    message = page.locator("#guide-message")
    message.get_by_text(re.compile("Not added")).wait_for(timeout=60_000)
    text = message.inner_text()
    assert "binary" in text
    assert "Traceback" not in page.inner_text("body")
    assert "notes.md" not in page.inner_text("#guide-table")
    shot(page, "08-bad-upload")


def test_clearing_the_chat_forgets_the_conversation(page):
    open_tab(page, "Chat")
    assert "$60K–$100K" in ask(page, "what about the stock?")  # still about Initech Austin
    page.locator("#coach-chat button[aria-label='Clear']").click()
    page.wait_for_function(
        "() => !document.querySelector(\"#coach-chat [data-testid='bot']\")", timeout=15_000
    )
    text = ask(page, "what about the stock?")
    assert "$60K–$100K" not in text and "Initech" not in text
    shot(page, "09-cleared")
