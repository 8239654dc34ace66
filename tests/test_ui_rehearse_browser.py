"""The Rehearse tab in Debian's chromium (Playwright) against `coach serve`: fill the
workbench, start the call, reply, read the cited feedback, finish with the scorecard. Saves
tests/artifacts/rehearse-*.png."""

from __future__ import annotations

import pytest
from ui_support import ARTIFACTS, CHROMIUM, app_page, pick

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

BOT = "#rh-chat [data-testid='bot']"


@pytest.fixture(scope="module")
def page(served):
    with app_page(served.url) as tab:
        yield tab


def reply(page, text: str) -> None:
    before = page.locator(BOT).count()
    box = page.locator("#rh-reply textarea")
    box.fill(text)
    box.press("Enter")
    page.wait_for_function(
        "([n]) => document.querySelectorAll(\"#rh-chat [data-testid='bot']\").length > n",
        arg=[before],
    )


def test_rehearse_tab_plays_the_call_with_cited_feedback(page):
    page.get_by_role("tab", name="Offer workbench").click()
    pick(page, "wb-company", "Anyscale")
    pick(page, "wb-region", "San Francisco")
    page.locator("#wb-base textarea, #wb-base input").first.fill("175k")
    page.locator("#wb-stock textarea, #wb-stock input").first.fill("130k")
    page.locator("#wb-bonus textarea, #wb-bonus input").first.fill("5%")
    page.get_by_role("tab", name="Rehearse").click()
    page.locator("#rh-start").click()
    page.locator(BOT).first.wait_for()
    assert "$175K base" in page.locator(BOT).first.inner_text()

    reply(page, "I've managed GPU clusters at scale. I need $213K base.")
    feedback = page.locator("#rh-feedback")
    feedback.locator("li.rh-good").first.wait_for()
    text = feedback.inner_text()
    assert "$213K" in text and "GPU Infrastructure Premium" in text
    assert "Anyscale" in feedback.locator(".rh-cite").first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "rehearse-1-feedback.png"), full_page=True)

    reply(page, "")  # bad input: a clear note, and the call goes on
    assert "empty" in page.inner_text("#rh-feedback")
    reply(page, "My floor is $198K.")
    assert page.locator("#rh-feedback li[data-rule='floor'].rh-fix").count() == 1
    for line in ("Then a $25K signing bonus for the enterprise SLA work.", "Thanks, in writing."):
        if page.locator("#rh-scorecard .rh-scorecard").count():
            break
        reply(page, line)
    for _ in range(3):
        if page.locator("#rh-scorecard .rh-scorecard").count():
            break
        reply(page, "I'll answer by Friday once the package is settled.")
    card = page.locator("#rh-scorecard")
    card.locator("table.rh-agreed").wait_for()
    assert "Best reply to each pushback" in card.inner_text()
    page.screenshot(path=str(ARTIFACTS / "rehearse-2-scorecard.png"), full_page=True)
