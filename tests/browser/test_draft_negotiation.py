"""The next covenant in a real browser: the coordinator drafts 2027–2030 from Kampen, the Centrale
Bewonersraad deltaWonen proposes a change to 1.3.1 and sees the redline, the coordinator takes it over and
the draft's 1.3.1 reads the new text as version 2. Every page is checked by axe."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant, CovenantStage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADDED = "Partijen evalueren de slaagkansen jaarlijks in het bestuurlijk overleg."


def _switch_user(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, username)


def test_draft_propose_and_take_over(page: Page, live_server, kampen: Covenant, coordinator):
    base = live_server.url
    tenants = UserFactory(
        organisation=Organisation.objects.get(name="Centrale Bewonersraad deltaWonen"),
        role=Role.EDITOR,
        username="bewonersraad",
    )
    checked: dict[str, list] = {}

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
    _switch_user(page, base, tenants.username)
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

    assert {name: found for name, found in checked.items() if found} == {}
