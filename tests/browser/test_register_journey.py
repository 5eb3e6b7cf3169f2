"""A reader's first journey through the register, in a real browser, checked by axe on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_log_in_open_theme_and_agreement_and_search(page: Page, live_server, kampen, reader):
    base = live_server.url
    checked: dict[str, list] = {}

    page.goto(base + "/")
    checked["landing"] = axe_violations(page)
    log_in(page, base, reader.username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prestatieafspraken Kampen")
    open_folds(page)  # the parties are in the folded "about this covenant" part below the scoreboard
    expect(page.get_by_text("Centrale Bewonersraad deltaWonen").first).to_be_visible()
    checked["covenant"] = axe_violations(page)

    page.get_by_role("link", name=re.compile(r"^1 – Voldoende sociale huurwoningen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Voldoende sociale huurwoningen")
    expect(page.get_by_role("heading", name=re.compile(r"1\.3 – Woonruimteverdeling"))).to_be_visible()
    checked["theme 1"] = axe_violations(page)

    page.get_by_role("link", name=re.compile(r"^1\.3\.1 Monitoring slaagkansen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.3.1")
    agreed = page.get_by_role("region", name="Wat is afgesproken")
    expect(agreed.get_by_text("2,4 jaar", exact=False)).to_be_visible()
    checked["agreement 1.3.1"] = axe_violations(page)

    page.get_by_role("link", name="Afspraken", exact=True).first.click()
    page.get_by_label("Zoeken in onderwerpen en teksten").fill("statushouders")
    page.get_by_role("button", name="Filteren").click()
    results = page.locator("#results")
    expect(results.get_by_role("link", name="1.3.5", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="1.1.1", exact=True)).to_have_count(0)
    checked["search"] = axe_violations(page)

    results.get_by_role("link", name="1.3.5", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Huisvesting statushouders")
    checked["agreement 1.3.5"] = axe_violations(page)

    assert {name: found for name, found in checked.items() if found} == {}


def test_search_updates_live_without_submitting(page: Page, live_server, kampen, reader):
    log_in(page, live_server.url, reader.username)
    page.goto(f"{live_server.url}/convenanten/{kampen.pk}/afspraken/")
    page.get_by_label("Zoeken in onderwerpen en teksten").fill("statushouders")
    expect(page.locator("#results").get_by_role("link", name="1.1.1", exact=True)).to_have_count(0)
    expect(page.locator("#results").get_by_role("link", name="1.3.5", exact=True)).to_be_visible()
    assert "q=statushouders" in page.url


def test_filters_work_with_the_keyboard_only(page: Page, live_server, kampen, reader):
    log_in(page, live_server.url, reader.username)
    page.goto(f"{live_server.url}/convenanten/{kampen.pk}/afspraken/")
    page.get_by_label("Thema").focus()
    page.keyboard.press("ArrowDown")  # first theme after "alle"
    page.keyboard.press("Tab")
    expect(page.locator("#results").get_by_role("link", name="2.1.1", exact=True)).to_have_count(0)
    expect(page.locator("#results").get_by_role("link", name="1.3.5", exact=True)).to_be_visible()


def test_the_accessibility_check_can_fail(page: Page, live_server):
    """Guard against a vacuous check: axe must report an image without a text alternative."""
    page.goto(live_server.url + "/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"x.png\">')")
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}
