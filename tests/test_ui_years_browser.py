"""The workbench's year-by-year comparison and playbook download in Debian's chromium
(Playwright) against `coach serve`: fill the workbench's offer and a second offer, see the
stacked-bar chart with the guide's band beside each offer and who leads when, see a bad
schedule named, download the playbook's .md and .html and open the HTML. Saves
tests/artifacts/years-*.png."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
from ui_support import ARTIFACTS, CHROMIUM, app_page, pick

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]

OFFER_B = "Alibaba Seattle $190K base, $200K RSU over 4 years, vesting 5/15/40/40"


@pytest.fixture(scope="module")
def page(served):
    with app_page(served.url, accept_downloads=True) as tab:
        yield tab


def fill(page, elem_id: str, text: str) -> None:
    page.locator(f"#{elem_id} textarea, #{elem_id} input").first.fill(text)


def test_two_offers_year_by_year_with_the_chart(page):
    page.get_by_role("tab", name="Offer workbench").click()
    pick(page, "wb-company", "Anyscale")
    pick(page, "wb-region", "San Francisco")
    fill(page, "wb-base", "175k")
    fill(page, "wb-stock", "130k")
    fill(page, "wb-bonus", "5%")
    fill(page, "wb-sign-on", "20k")
    fill(page, "yr-offer-b", OFFER_B)
    page.locator("#yr-compare").click()
    chart = page.locator("#yr-view svg.coach-years-chart")
    chart.wait_for()
    assert page.locator("#yr-view g.coach-years-bar[data-offer='A']").count() == 4
    assert page.locator("#yr-view g.coach-years-bar[data-offer='B']").count() == 4
    assert page.locator("#yr-view g.coach-years-band-mark").count() == 8
    first = page.locator("#yr-view g.coach-years-bar[data-offer='A'][data-year='1']")
    assert first.get_attribute("data-total") == "$236.2K"
    text = page.inner_text("#yr-view")
    assert "In year one Anyscale San Francisco leads" in text
    assert "Over 4 years (cumulative) Alibaba Seattle (US) leads" in text
    assert "The lead changes in year 3" in text
    assert "Guide band (San Francisco)" in text and "Guide band (Seattle (US))" in text
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "years-1-comparison.png"), full_page=True)
    chart.screenshot(path=str(ARTIFACTS / "years-2-chart.png"))


def test_a_bad_schedule_is_named_and_nothing_is_drawn(page):
    fill(page, "yr-offer-b", OFFER_B.replace("40/40", "40/30"))
    page.locator("#yr-compare").click()
    error = page.locator("#yr-view .yr-error")
    error.wait_for()
    assert error.inner_text().startswith("Check the offers: offer B: vesting schedule")
    assert "100" in error.inner_text()
    assert page.locator("#yr-view svg").count() == 0
    page.locator("#yr-view").screenshot(path=str(ARTIFACTS / "years-3-error.png"))
    fill(page, "yr-offer-b", OFFER_B)


def test_download_the_playbook(page, served, tmp_path):
    page.locator("#yr-playbook").click()
    page.locator("#yr-playbook-note .yr-note").wait_for()
    links = page.locator("#yr-files a[download], #yr-files a")
    links.first.wait_for()
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    md = next(h for h in hrefs if h and h.endswith(".md"))
    html_link = next(h for h in hrefs if h and h.endswith(".html"))
    page.locator("#yr-files").screenshot(path=str(ARTIFACTS / "years-4-files.png"))
    with page.expect_download() as download:
        page.locator("#yr-files a[href$='.md']").first.click()
    saved = tmp_path / "playbook.md"
    download.value.save_as(saved)
    markdown = saved.read_text(encoding="utf-8")
    assert markdown.startswith("# Negotiation playbook: Anyscale San Francisco")
    assert "Alibaba Seattle (US)" in markdown and "## Sources" in markdown
    base = served.url.rstrip("/")
    url = html_link if html_link.startswith("http") else base + html_link
    with urllib.request.urlopen(url, timeout=10) as reply:  # served as a download
        page_html = reply.read().decode("utf-8")
    assert page_html.lstrip().lower().startswith("<!doctype html")
    assert md != html_link
    playbook = page.context.new_page()
    playbook.set_content(page_html)  # self-contained: nothing else to load
    playbook.locator("h1").wait_for()
    assert "Negotiation playbook" in playbook.inner_text("h1")
    playbook.screenshot(path=str(ARTIFACTS / "years-5-playbook.png"), full_page=True)
    playbook.close()


def test_only_the_apps_files_are_served(served):
    for path in ("/gradio_api/file=/etc/passwd", "/gradio_api/file=/tmp"):
        try:
            with urllib.request.urlopen(served.url.rstrip("/") + path, timeout=10) as reply:
                status = reply.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in (403, 404)
