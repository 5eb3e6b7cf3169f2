"""The comparison of the draft with the current covenant in a browser: old and new side by side on a
wide screen, old above new on a phone, no page wider than the phone, and no axe violations."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in
from woonafspraken.renewal.tests.test_compare_page import draft_after_changes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_side_by_side_and_stacked_on_a_phone(page: Page, live_server, kampen, reader):
    draft = draft_after_changes(kampen)
    log_in(page, live_server.url, reader.username)
    page.goto(live_server.url + reverse("agreements:covenant", args=[kampen.pk]))
    page.locator("details.app-details summary").filter(has_text="Jaarschijf").click()
    page.locator(f'a[href="{reverse("renewal:compare", args=[kampen.pk])}"]').click()
    row = page.locator("#afspraak-1\\.3\\.1")
    expect(row.locator(".app-compare__text del")).to_contain_text("2,4")
    expect(row.locator(".app-compare__text ins")).to_contain_text("2")
    expect(row).to_contain_text("Bod deltaWonen 2026: 40 sociale huurwoningen")
    old, new = (
        row.locator(".app-compare__old").bounding_box(),
        row.locator(".app-compare__new").bounding_box(),
    )
    assert old and new and old["x"] < new["x"] and abs(old["y"] - new["y"]) < 2, (old, new)
    assert axe_violations(page) == []

    page.locator("#id_changes").check()  # "Alleen wijzigingen"
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("article.app-compare__row")).to_have_count(7)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("renewal:compare", args=[draft.pk]))
    row = page.locator("#afspraak-1\\.3\\.1")
    old, new = (
        row.locator(".app-compare__old").bounding_box(),
        row.locator(".app-compare__new").bounding_box(),
    )
    assert old and new and old["y"] + old["height"] <= new["y"] + 1, (old, new)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path="/tmp/compare-390.png", full_page=False)
    assert axe_violations(page) == []
