"""axe-core (WCAG 2.1 A and AA) on every page a user can reach, logged in as each kind of user, and
every such page fits a phone: at 390 px wide the page itself never scrolls sideways (a wide table
scrolls inside its own box).

The pages come from crawling the app (tests/trust/crawler.py), one page per URL pattern, so a new
page is checked as soon as it is linked; this file does not need editing.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations, log_in, open_folds
from tests.trust import crawler
from woonafspraken.core.demo import fillers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


DESKTOP = {"width": 1280, "height": 900}  # as the page fixture opens it
PHONE = {"width": 390, "height": 844}

ROLES = ["reader", "coordinator", "administrator", "corporation_editor", "tenant_reader", "tenant_editor"]


@pytest.mark.parametrize("who", ROLES)
def test_no_wcag_violations_on_any_reachable_page(page: Page, live_server, kampen, request, who, monkeypatch):
    for filler in fillers:
        filler.fill(kampen)
    user = request.getfixturevalue(who)
    client = Client()
    client.force_login(user)
    monkeypatch.setattr(crawler, "PER_PATTERN", 1)
    pages = [
        p.url
        for p in crawler.crawl(client, reverse("agreements:covenant", args=[kampen.pk])).pages
        if p.status == 200 and "text/html" in p.content_type
    ]
    assert len(pages) >= 4
    log_in(page, live_server.url, user.username)
    found, too_wide = {}, {}
    for url in pages:
        page.set_viewport_size(DESKTOP)
        page.goto(live_server.url + url)
        open_folds(page)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
        page.set_viewport_size(PHONE)  # the same page, laid out again for a phone
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.evaluate("window.innerWidth"):
            too_wide[url] = width
    assert found == {}
    assert too_wide == {}, "pages wider than a 390 px phone (their width in px)"
    print(f"\naxe and 390 px: {len(pages)} pages checked as {who}")


def test_refusals_missing_pages_and_form_errors_are_accessible(
    page: Page, live_server, kampen, reader, coordinator
):
    """The pages people see when something is refused, missing or wrongly filled in."""
    log_in(page, live_server.url, reader.username)
    checked = {}
    for url in (
        reverse("agreements:amend", args=[kampen.pk, "1.3.5"]),  # 403 for a reader
        reverse("agreements:detail", args=[kampen.pk, "9.9.9"]),  # 404
    ):
        response = page.goto(live_server.url + url)
        assert response is not None and response.status in (403, 404)
        checked[url] = axe_violations(page)
    page.context.clear_cookies()
    log_in(page, live_server.url, coordinator.username)
    page.goto(live_server.url + reverse("agreements:amend", args=[kampen.pk, "1.3.5"]))
    page.get_by_label("Reden").fill("   ")  # passes the browser's check, not the server's
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.wait_for_load_state()
    assert page.locator(".utrecht-form-field-error-message, .utrecht-alert--error").count() > 0
    checked["amend with errors"] = axe_violations(page)
    assert {url: found for url, found in checked.items() if found} == {}
