"""axe-core (WCAG 2.1 A and AA) on every page a user can reach, logged in as each kind of user.

The pages come from crawling the app (tests/trust/crawler.py), one page per URL pattern, so a new
page is checked as soon as it is linked; this file does not need editing.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Page

from tests.browser.conftest import axe_violations, log_in
from tests.trust import crawler
from woonafspraken.core.demo import ordered_fillers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("who", ["coordinator", "corporation_editor", "tenant_reader"])
def test_no_wcag_violations_on_any_reachable_page(page: Page, live_server, kampen, request, who, monkeypatch):
    for filler in ordered_fillers():
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
    found = {}
    for url in pages:
        page.goto(live_server.url + url)
        violations = axe_violations(page)
        if violations:
            found[url] = violations
    assert found == {}
    print(f"\naxe: {len(pages)} pages checked as {who}")
