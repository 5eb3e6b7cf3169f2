"""The covenant's scoreboard in a browser: the answer above the fold, every count leads to a list of that
many agreements, and neither page is wider than a phone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in
from woonafspraken.core.demo import fillers
from woonafspraken.core.verdicts import STATUS_ORDER

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _fits(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_every_count_on_the_scoreboard_leads_to_that_many_agreements(page: Page, live_server, kampen, reader):
    for filler in fillers:
        filler.fill(kampen)
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, reader.username)
    board = live_server.url + reverse("agreements:covenant", args=[kampen.pk])
    page.goto(board)
    total_row = page.locator("[data-total-row]")
    # The answer is above the fold: the whole table down to its total row, and the attention list's heading.
    box = total_row.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900, box
    attention = page.locator("#attention-heading").bounding_box()
    assert attention is not None and attention["y"] < 900
    expect(page.locator(".app-board-demo")).to_contain_text("voorbeeld")
    assert axe_violations(page) == []

    followed = 0
    for status in STATUS_ORDER:
        cell = total_row.locator(f'td[data-status="{status.value}"]')
        count = int(cell.get_attribute("data-count") or "")
        if count == 0:
            expect(cell.get_by_role("link")).to_have_count(0)  # a zero is a plain 0
            expect(cell).to_have_text("0")
            continue
        cell.get_by_role("link").click()
        page.wait_for_url(f"**status={status.value}")
        expect(page.locator(".app-agreement-table tbody tr")).to_have_count(count)
        expect(page.locator("[data-result-count]")).to_have_attribute("data-result-count", str(count))
        followed += 1
        page.goto(board)
    assert followed >= 3  # the example data gives agreements in at least three statuses

    # A theme's count leads to that theme's agreements in that status.
    first = page.locator("[data-scoreboard] tbody tr").first.locator("td[data-status] a").first
    expected = int(first.inner_text())
    first.click()
    page.wait_for_url("**theme=1&status=*")
    expect(page.locator(".app-agreement-table tbody tr")).to_have_count(expected)
    assert axe_violations(page) == []


def test_the_scoreboard_and_the_list_fit_a_phone(page: Page, live_server, kampen, corporation_editor):
    for filler in fillers:
        filler.fill(kampen)
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server.url, corporation_editor.username)
    page.goto(live_server.url + reverse("agreements:covenant", args=[kampen.pk]))
    expect(page.locator("[data-scoreboard]")).to_be_visible()
    assert _fits(page)
    list_url = reverse("agreements:list", args=[kampen.pk])
    page.goto(f"{live_server.url}{list_url}?status=behind&sort=status")
    expect(page.locator(".app-agreement-table")).to_be_visible()
    assert _fits(page)
    # Filtering through the form keeps every filter in the address (shareable), also after htmx swaps.
    page.locator("#id_sort").select_option("theme")
    page.wait_for_url("**sort=theme*")
    assert "status=behind" in page.url
    assert _fits(page)
