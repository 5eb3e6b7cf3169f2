"""Signing in a browser: the coordinator freezes the draft 2027-2030, records the five signatures, the
draft reads signed; on the new start date the old covenant reads "beëindigd door opvolger"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in
from woonafspraken.accounts.models import Organisation
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARTIES = [
    "Gemeente Kampen",
    "Beter Wonen IJsselmuiden",
    "Huurders Vereniging groot IJsselmuiden",
    "deltaWonen",
    "Centrale Bewonersraad deltaWonen",
]
# The page speaks Dutch once the catalogue has the new strings; until then the English source shows.
SIGNED = re.compile(r"ondertekend op|Signed by every party on")
ENDED = re.compile(r"beëindigd door opvolger|ended by its successor")
DRAFT = re.compile(r"concept|draft", re.IGNORECASE)


def test_the_coordinator_freezes_and_records_all_five_signatures(
    page: Page, live_server, kampen, coordinator
):
    draft = covenant_draft(
        source=kampen,
        title="Prestatieafspraken Kampen 2027 – 2030",
        start=dt.date(2027, 1, 1),
        end=dt.date(2030, 12, 31),
    )
    log_in(page, live_server.url, coordinator.username)
    page.goto(live_server.url + reverse("agreements:covenant", args=[draft.pk]))
    expect(page.locator("[data-draft-banner]")).to_contain_text(DRAFT)
    page.locator(f"a[href='{reverse('renewal:signing', args=[draft.pk])}']").first.click()

    expect(page.locator("[data-signing-state]")).to_have_attribute("data-signing-state", "open")
    expect(page.locator("li[data-party] form")).to_have_count(0)  # nothing to sign before the freeze
    page.locator("form[action$='/ondertekening/tekst/'] button").click()
    expect(page.locator("[data-signing-state]")).to_have_attribute("data-signing-state", "frozen")
    assert axe_violations(page) == []

    for index, name in enumerate(PARTIES):
        expect(page.locator("[data-signing-progress]")).to_contain_text(f"{index} ")
        pk = Organisation.objects.get(name=name).pk
        card = page.locator(f"li[data-party='{name}']")
        card.locator(f"input[name='p{pk}-signatory']").fill(f"Ondertekenaar {index + 1}")
        card.locator(f"input[name='p{pk}-function']").fill("bestuurder")
        card.locator(f"input[name='p{pk}-place']").fill("Kampen")
        card.locator(f"input[name='p{pk}-date']").fill(f"2026-12-{11 + index}")
        card.get_by_role("button").click()
        page.wait_for_load_state()
        expect(card).to_contain_text(f"Ondertekenaar {index + 1}")

    expect(page.locator("[data-signing-state]")).to_have_attribute("data-signing-state", "signed")
    expect(page.locator("[data-signing-state]")).to_contain_text(SIGNED)
    expect(page.locator("[data-signing-state]")).to_contain_text("15 december 2026")
    draft.refresh_from_db()
    assert draft.stage == "signed" and draft.signed_on == dt.date(2026, 12, 15)
    assert axe_violations(page) == []

    # The old covenant on the new start date: its signed successor ended it.
    page.goto(live_server.url + reverse("agreements:covenant", args=[kampen.pk]))
    expect(page.locator("[data-successor-banner]")).to_have_count(0)
    with freeze_time("2027-01-01 09:00", tick=True):
        page.context.clear_cookies()
        log_in(page, live_server.url, coordinator.username)
        page.goto(live_server.url + reverse("agreements:covenant", args=[kampen.pk]))
        banner = page.locator("[data-successor-banner]")
        expect(banner).to_contain_text(ENDED)
        expect(banner.get_by_role("link", name=draft.title)).to_be_visible()
