"""A corporation enters a quarter of statushouders housed and sees the verdict change; axe on every page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.indicators.demo import indicators_demo_fill
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.services import observation_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def record(covenant: Covenant, user: User, code: str, period: str, value: int, organisation=None) -> None:
    observation_record(
        indicator=Indicator.objects.get(covenant=covenant, code=code),
        user=user,
        period=period,
        values={"": Decimal(value)},
        organisation=organisation,
        source="Taakstelling provincie",
    )


@pytest.fixture
def delta_editor(kampen: Covenant) -> User:
    return UserFactory(
        organisation=Organisation.objects.get(name="deltaWonen"), role=Role.EDITOR, username="delta-browser"
    )


def watch_errors(page: Page) -> list[str]:
    """Script errors and failed requests (the browser's own favicon request aside: not this app's page)."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} {message.location}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_entering_a_quarter_changes_the_verdict(page: Page, live_server, kampen, coordinator, delta_editor):
    delta = delta_editor.organisation
    record(kampen, coordinator, "statushouders.taakstelling", "2025-H2", 12)
    record(kampen, coordinator, "statushouders.gehuisvest", "2025-K3", 4, delta)
    errors = watch_errors(page)
    base = live_server.url
    checked: dict[str, list] = {}

    log_in(page, base, delta_editor.username)
    page.get_by_role("link", name="Indicatoren", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicatoren: worden de afspraken waargemaakt?")
    # Only the 3rd quarter of the half year is in: the backlog of 8 is computed, but an incomplete half year
    # is not judged ("geen gegevens", not "achter").
    row = page.get_by_role("row", name=re.compile("Achterstand taakstelling statushouders"))
    expect(row).to_contain_text("8 personen")
    expect(row.get_by_role("cell").last).to_have_text("Geen gegevens")
    checked["overview"] = axe_violations(page)

    row.get_by_role("link", name="Achterstand taakstelling statushouders").click()
    expect(page.locator(".app-verdict").first).to_contain_text(
        "Geen gegevens · Geen volledige cijfers van gehuisveste statushouders in het 2e halfjaar van 2025"
    )
    expect(page.locator(".app-verdict").first).not_to_contain_text("Op koers")
    expect(page.locator(".app-chart__canvas svg").first).to_be_attached()  # vega-embed drew the chart
    checked["backlog"] = axe_violations(page)

    page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/statushouders.gehuisvest/")
    page.get_by_role("link", name="Cijfers invoeren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Gehuisveste statushouders")
    checked["form"] = axe_violations(page)
    page.get_by_label("Periode").select_option("2025-K4")
    expect(page.get_by_label("Organisatie")).to_have_value(str(delta.pk))
    page.get_by_label("Waarde (personen)").fill("8")
    page.get_by_label("Bron").fill("Verhuuradministratie deltaWonen")
    page.get_by_role("button", name="Cijfers opslaan").click()

    expect(page.get_by_text("Opgeslagen: 1 nieuw")).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Achterstand taakstelling statushouders \(hieruit berekend\): Op koers"))
    ).to_be_visible()
    checked["after saving"] = axe_violations(page)

    page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/statushouders.achterstand/")
    expect(page.locator(".app-verdict").first).to_contain_text("Op koers")
    expect(page.locator(".app-verdict").first).to_contain_text(
        "12 gehuisvest in het 2e halfjaar van 2025; 12 moesten er gehuisvest worden (de taakstelling 12); "
        "geen achterstand."
    )

    assert {name: found for name, found in checked.items() if found} == {}
    assert errors == []


def test_theme_page_and_spreadsheet_page_are_accessible(page: Page, live_server, kampen, coordinator):
    record(kampen, coordinator, "toewijzing.wachttijd-wens", "2025-K1", 3)
    indicators_demo_fill(kampen)  # every kind of chart, with example figures
    errors = watch_errors(page)
    base = live_server.url
    log_in(page, base, coordinator.username)
    checked: dict[str, list] = {}
    for number in (1, 2, 4):
        page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/thema/{number}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"Indicatoren van thema {number}")
        open_folds(page)
        charts = page.locator(".app-chart__canvas").count()
        assert charts > 0
        expect(page.locator(".app-chart__canvas svg")).to_have_count(charts)  # every chart was drawn
        checked[f"theme {number}"] = axe_violations(page)
    page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/importeren/")
    checked["spreadsheet"] = axe_violations(page)
    page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/afspraak/4.1.3/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Indicatoren bij afspraak 4.1.3")
    checked["agreement 4.1.3 indicators"] = axe_violations(page)
    page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/betaalbaarheid.huurverhoging/doelen/")
    checked["targets"] = axe_violations(page)
    page.goto(f"{base}/convenanten/{kampen.pk}/afspraken/1.3.1/")
    expect(page.get_by_role("heading", name="Indicatoren", exact=True)).to_be_visible()
    checked["agreement 1.3.1"] = axe_violations(page)
    page.goto(f"{base}/convenanten/{kampen.pk}/")
    open_folds(page)  # the start page folds its panels below the scoreboard
    expect(page.get_by_role("heading", name="Indicatoren in één oogopslag")).to_be_visible()
    checked["covenant home"] = axe_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}
    assert errors == []
