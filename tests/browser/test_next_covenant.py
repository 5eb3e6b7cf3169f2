"""The next covenant, the whole way in a real browser (issue 15): deltaWonen brings out its bod with an item
that answers 1.1.2 and its tenants respond; the coordinator drafts 2027–2030 from Kampen; the Centrale
Bewonersraad deltaWonen proposes a change to 1.3.1, sees the redline, and the coordinator takes it over;
the text is frozen and all five parties sign; from the new start date the old covenant reads "beëindigd
door opvolger". Every page on the way is checked by axe; the bod pages at 390 px.

Fields and buttons are found by name and form, not by their translated text."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.renewal.models import Bod, BodState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADDED = "Partijen evalueren de slaagkansen jaarlijks in het bestuurlijk overleg."
PARTIES = [
    "Gemeente Kampen",
    "Beter Wonen IJsselmuiden",
    "Huurders Vereniging groot IJsselmuiden",
    "deltaWonen",
    "Centrale Bewonersraad deltaWonen",
]
SIGNED = re.compile(r"ondertekend op|Signed by every party on")
ENDED = re.compile(r"beëindigd door opvolger|ended by its successor")
DRAFT = re.compile(r"concept|draft", re.IGNORECASE)


def _switch_user(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, username)


def test_from_the_bod_to_a_signed_successor(
    page: Page, live_server, kampen: Covenant, coordinator, corporation_editor, tenant_editor
):
    base = live_server.url
    checked: dict[str, list] = {}

    # 1. deltaWonen records and submits its bod; the Centrale Bewonersraad deltaWonen responds.
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

    # 2. The coordinator drafts the successor; the tenants propose, the coordinator takes it over.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()

    # The coordinator drafts the successor from the current covenant, through its menu entry.
    log_in(page, base, coordinator.username)
    page.goto(f"{base}/convenanten/{kampen.pk}/")
    page.locator(f'nav a[href="/convenanten/{kampen.pk}/vervolg/concept/"]').first.click()
    checked["no draft yet"] = axe_violations(page)
    page.locator(f'a[href="/convenanten/{kampen.pk}/vervolg/concept/nieuw/"]').click()
    expect(page.locator("input[name=title]")).to_have_value("Prestatieafspraken Kampen 2027 – 2030")
    page.locator("input[name=start]").fill("2027-01-01")
    page.locator("input[name=end]").fill("2030-12-31")
    checked["start"] = axe_violations(page)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prestatieafspraken Kampen 2027 – 2030")
    draft = Covenant.objects.get(stage=CovenantStage.DRAFT)
    assert draft.agreements.count() == 43
    expect(page.get_by_role("row", name=re.compile(r"^1\.3\.1 "))).to_contain_text(re.compile("was|Was"))
    checked["overview"] = axe_violations(page)

    # The Centrale Bewonersraad deltaWonen proposes a change to 1.3.1 and sees it as a redline.
    _switch_user(page, base, tenant_editor.username)
    page.goto(f"{base}/convenanten/{draft.pk}/vervolg/concept/afspraak/1.3.1/")
    text = page.locator("textarea[name=voorstel-text]")
    text.fill(text.input_value() + " " + ADDED)
    page.locator("textarea[name=voorstel-reason]").fill("Zodat de huurders de voortgang kunnen volgen.")
    page.locator("form:has(input[name=form][value=propose]) button[type=submit]").click()
    added = page.locator(".app-proposal ins")
    expect(added).to_contain_text(ADDED)
    expect(page.locator("form:has(input[name=form][value=outcome])")).to_have_count(0)
    open_folds(page)
    checked["proposal"] = axe_violations(page)

    # The coordinator records "overgenomen": the draft's 1.3.1 has the new text as version 2.
    _switch_user(page, base, coordinator.username)
    page.goto(f"{base}/convenanten/{draft.pk}/vervolg/concept/afspraak/1.3.1/")
    open_folds(page)
    outcome = page.locator("form:has(input[name=form][value=outcome])")
    outcome.locator("input[name=uitkomst-state][value=taken_over]").check()
    outcome.locator("button[type=submit]").click()
    expect(page.locator("#draft-text")).to_contain_text(ADDED)
    expect(page.locator("#text-heading")).to_contain_text("2")
    open_folds(page)
    checked["taken over"] = axe_violations(page)
    agreement = draft.agreements.get(number="1.3.1")
    assert agreement.version == 2 and ADDED in agreement.text
    assert agreement.proposals.get().applied_version == agreement.versions.get(version=2)

    # All five parties sign the frozen text (the coordinator records the signatures).
    page.context.clear_cookies()
    log_in(page, live_server.url, coordinator.username)
    page.goto(live_server.url + reverse("agreements:covenant", args=[draft.pk]))
    expect(page.locator("[data-draft-banner]")).to_contain_text(DRAFT)
    page.locator(f"a[href='{reverse('renewal:signing', args=[draft.pk])}']").first.click()

    expect(page.locator("[data-signing-state]")).to_have_attribute("data-signing-state", "open")
    expect(page.locator("li[data-party] form")).to_have_count(0)  # nothing to sign before the freeze
    page.locator("form[action$='/ondertekening/tekst/'] button").click()
    expect(page.locator("[data-signing-state]")).to_have_attribute("data-signing-state", "frozen")
    checked["signing"] = axe_violations(page)

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
    checked["signing"] = axe_violations(page)

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

    assert {name: found for name, found in checked.items() if found} == {}
