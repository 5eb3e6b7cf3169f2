"""The coordinator schedules a kerngroep, records a decision with an action on 1.3.5 and finds it on the
agreement page; a tenant volunteer raises a knelpunt. axe checks every page on the way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.meetings.models import ActionItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_schedule_a_kerngroep_and_record_a_decision_with_an_action_on_1_3_5(
    page: Page, live_server, kampen, coordinator
):
    base = live_server.url
    checked: dict[str, list] = {}
    coordinator.email = "beleid@kampen.nl"
    coordinator.save()
    log_in(page, base, coordinator.username)
    open_folds(page)  # the home panels are folded below the scoreboard
    expect(page.get_by_role("heading", name=re.compile(r"^Overleg \d{4}$"))).to_be_visible()  # the home panel
    page.get_by_role("link", name="Overleg", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overleg")
    expect(page.get_by_role("rowheader", name="Operationeel wijkoverleg Flevowijk")).to_be_visible()
    checked["overview"] = axe_violations(page)

    page.get_by_role("link", name="Overleg plannen", exact=True).click()
    page.get_by_label("Soort overleg").select_option(label="Kerngroep")
    day = dt.date.today() + dt.timedelta(days=14)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label("Begintijd").fill("10:00")
    page.get_by_label("Eindtijd").fill("12:00")
    page.get_by_label("Plaats").fill("Stadhuis Kampen")
    checked["schedule"] = axe_violations(page)
    page.get_by_role("button", name="Plannen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kerngroep")
    expect(page.get_by_text("Overleg gepland.")).to_be_visible()

    page.get_by_text("Besluit vastleggen").click()
    decisions = page.get_by_role("region", name="Besluiten")
    decisions.get_by_label("Besluit", exact=True).fill("Vijf extra woningen voor statushouders dit kwartaal")
    decisions.get_by_label("Afspraak", exact=True).select_option(label="1.3.5 Huisvesting statushouders")
    decisions.get_by_label("Actie die eruit volgt (niet verplicht)").fill(
        "Woningen aanbieden aan de gemeente"
    )
    decisions.get_by_label("Actiehouder (partij)").select_option(label="deltaWonen")
    decisions.get_by_label("Uiterlijk klaar op").fill((day + dt.timedelta(days=30)).isoformat())
    checked["meeting with decision form"] = axe_violations(page)
    decisions.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_text("Besluit en actie vastgelegd.")).to_be_visible()
    expect(page.locator("#decisions-heading + ol")).to_contain_text("Vijf extra woningen voor statushouders")
    checked["meeting"] = axe_violations(page)

    page.get_by_role("link", name="Agenda opstellen en versturen").click()
    expect(page.get_by_role("heading", name="Vaste agendapunten")).to_be_visible()
    agenda = page.get_by_role("region", name="Agenda", exact=True)
    expect(agenda).to_contain_text(
        "Terugkoppeling: Overleg plannen gemeente en corporaties"
    )  # set when planned
    checked["agenda"] = axe_violations(page)
    page.get_by_label("Agendapunt", exact=True).fill("Rondvraag")
    page.get_by_label("Verwacht resultaat").select_option(label="ter informatie")
    page.get_by_role("button", name="Agendapunt toevoegen").click()
    expect(page.get_by_text("Agendapunt toegevoegd.")).to_be_visible()
    agenda.get_by_role("button", name="Omhoog: Rondvraag").click()
    expect(agenda.locator("li").first).to_contain_text("Rondvraag")
    send = page.get_by_role("region", name="Versturen")
    expect(send.get_by_role("list", name="Ontvangers")).to_contain_text(
        "beleid@kampen.nl"
    )  # before the click
    expect(send.get_by_role("button", name="Agenda versturen")).to_be_enabled()
    checked["agenda with items"] = axe_violations(page)

    page.goto(f"{base}/convenanten/{kampen.pk}/afspraken/1.3.5/")
    panel = page.locator("section", has=page.get_by_role("heading", name="Overleg, besluiten en advies"))
    expect(panel).to_contain_text("Vijf extra woningen voor statushouders dit kwartaal")
    expect(panel).to_contain_text("Woningen aanbieden aan de gemeente")
    expect(panel).to_contain_text("deltaWonen")
    checked["agreement 1.3.5"] = axe_violations(page)
    assert ActionItem.objects.get().agreement.number == "1.3.5"
    assert {name: found for name, found in checked.items() if found} == {}


def test_a_tenant_volunteer_raises_a_knelpunt_from_the_agreement(page: Page, live_server, kampen):
    volunteer = UserFactory(
        organisation=Organisation.objects.get(name="Huurders Vereniging groot IJsselmuiden"),
        role=Role.EDITOR,  # readers only read; a volunteer who raises knelpunten is an editor
        username="hvgi",
    )
    checked: dict[str, list] = {}
    log_in(page, live_server.url, volunteer.username)
    page.goto(f"{live_server.url}/convenanten/{kampen.pk}/afspraken/1.3.1/")
    page.get_by_role("link", name="Knelpunt melden bij deze afspraak").click()
    expect(page.get_by_label("Afspraak", exact=True)).to_have_value(
        str(kampen.agreements.get(number="1.3.1").pk)
    )
    checked["raise"] = axe_violations(page)
    page.get_by_label("Korte titel").fill("Wachttijd te lang")
    page.get_by_label("Wat is er aan de hand?").fill("Huurders wachten ruim drie jaar in de wensmodule.")
    page.get_by_label("Soort").select_option(
        label="voorstel om een afspraak te wijzigen die onredelijk uitpakt (5.8)"
    )
    page.get_by_label("Afspraak", exact=True).select_option(value="")
    page.get_by_role("button", name="Melden").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Een voorstel tot wijziging gaat over een afspraak; kies die afspraak."
    )
    checked["raise with an error"] = axe_violations(page)
    page.get_by_label("Afspraak", exact=True).select_option(label="1.3.1 Monitoring slaagkansen")
    page.get_by_role("button", name="Melden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachttijd te lang")
    checked["knelpunt"] = axe_violations(page)
    for name in [
        "Knelpunten",
        "Planning van werkzaamheden",
        "Advies van huurders",
        "Gedeelde documenten",
        "Soorten overleg",
        "Acties",
    ]:
        page.goto(f"{live_server.url}/convenanten/{kampen.pk}/overleg/")
        page.get_by_role("navigation", name="Samenwerken").get_by_role("link", name=name, exact=True).click()
        checked[name] = axe_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}
