"""deltaWonen records its bod with an item that answers 1.1.2 and submits it; the Centrale Bewonersraad
deltaWonen responds; both are on the bod page, which fits a 390 px phone without scrolling sideways.

Fields and buttons are found by name and form, not by their (translated) text."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in
from woonafspraken.renewal.models import Bod, BodState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_deltawonen_brings_out_its_bod_and_its_tenants_respond(
    page: Page, live_server, kampen, corporation_editor, tenant_editor
):
    base = live_server.url
    checked: dict[str, list] = {}
    log_in(page, base, corporation_editor.username)
    page.goto(f"{base}/convenanten/{kampen.pk}/")
    page.get_by_role("link", name="Bod", exact=True).first.click()
    expect(page.get_by_role("rowheader", name="deltaWonen")).to_be_visible()
    checked["list"] = axe_violations(page)

    page.locator("a[href*='/vervolg/bod/nieuw/']").first.click()
    page.locator("input[name=year]").fill("2027")
    page.locator("textarea[name=summary]").fill("Bod deltaWonen voor 2027: bouwen en verduurzamen.")
    page.locator("input[name=file]").set_input_files(
        {"name": "bod-deltawonen-2027.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}
    )
    checked["new"] = axe_violations(page)
    page.locator("form[enctype] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/vervolg/bod/\d+/$"))
    bod = Bod.objects.get(covenant=kampen, corporation__name="deltaWonen", year=2027)

    agreement = kampen.agreements.get(number="1.1.2")
    item_form = page.locator("form[action$='/onderdelen/nieuw/']")
    item_form.locator("select[name=agreement]").select_option(str(agreement.pk))
    item_form.locator("select[name=kind]").select_option("new_build")
    item_form.locator("textarea[name=text]").fill("Nieuwbouw sociale huurwoningen in Kampen-Zuid")
    item_form.locator("input[name=number]").fill("40")
    item_form.locator("input[name=unit]").fill("woningen")
    checked["bod with item form"] = axe_violations(page)
    item_form.locator("button[type=submit]").click()
    items = page.locator("#items-heading").locator("..")
    expect(items).to_contain_text("Nieuwbouw sociale huurwoningen in Kampen-Zuid")
    expect(items).to_contain_text("40 woningen")
    expect(items.get_by_role("link", name="1.1.2", exact=True)).to_be_visible()

    page.locator("form[action$='/indienen/'] button[type=submit]").click()
    expect(page.locator("form[action$='/indienen/']")).to_have_count(0)
    bod.refresh_from_db()
    assert bod.state == BodState.SUBMITTED

    page.context.clear_cookies()
    log_in(page, base, tenant_editor.username)
    page.goto(f"{base}/convenanten/{kampen.pk}/vervolg/bod/{bod.pk}/")
    respond = page.locator("form[action$='/reactie/']")
    respond.locator("select[name=position]").select_option("with_remarks")
    respond.locator("textarea[name=text]").fill("De CBR steunt het bod, met aandacht voor betaalbaarheid.")
    checked["respond"] = axe_violations(page)
    respond.locator("button[type=submit]").click()
    expect(page.locator("form[action$='/reactie/']")).to_have_count(0)
    responses = page.locator("#responses-heading").locator("..")
    expect(responses).to_contain_text("Centrale Bewonersraad deltaWonen")
    expect(responses).to_contain_text("De CBR steunt het bod, met aandacht voor betaalbaarheid.")
    expect(page.locator("#items-heading").locator("..")).to_contain_text("40 woningen")
    checked["bod"] = axe_violations(page)

    page.set_viewport_size({"width": 390, "height": 844})
    for path in (f"vervolg/bod/{bod.pk}/", "vervolg/bod/?jaar=2027"):
        page.goto(f"{base}/convenanten/{kampen.pk}/{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 390 px"
    assert {name: found for name, found in checked.items() if found} == {}
