"""Each role's main task in a real browser, the way that role reaches it: through the menu and links, with
the visible outcome asserted and axe-core (WCAG 2.1 A/AA) run on every page on the way.

The register search, the stock template, indicator entry, planning a kerngroep and the yearly jaarschijf
cycle have journeys of their own; these are the other roles' tasks (see DESIGN.md, "Who uses it").
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.annual_plans.models import Activity, AnnualPlan
from woonafspraken.annual_plans.services import activity_create, annual_plan_create, progress_record
from woonafspraken.meetings.constants import ConcernKind, StepLevel
from woonafspraken.meetings.models import Meeting, MeetingType
from woonafspraken.meetings.services import (
    advice_request,
    concern_raise,
    concern_record_step,
    meeting_schedule,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def this_years_plan(covenant: Covenant, coordinator: User) -> AnnualPlan:
    return annual_plan_create(covenant=covenant, year=timezone.localdate().year, user=coordinator)


def add_activity(plan: AnnualPlan, coordinator: User, number: str, title: str, owner: str) -> Activity:
    return activity_create(
        plan=plan,
        user=coordinator,
        agreement=Agreement.objects.get(covenant=plan.covenant, number=number),
        title=title,
        owners=[organisation(owner)],
        planned_quarter=4,
    )


def no_post_forms_in_main(page: Page) -> None:
    """Nothing on the page changes data: the only forms that post are the header's (log out, language)."""
    expect(page.locator("main form[method=post]")).to_have_count(0)


def go_to_via_menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True).click()


# -- reader of the municipality ---------------------------------------------------------------------------


def test_a_reader_follows_progress_downloads_the_monitor_and_cannot_change_anything(
    page: Page, live_server, kampen: Covenant, coordinator: User, reader: User, tmp_path: Path
):
    plan = this_years_plan(kampen, coordinator)
    activity = add_activity(plan, coordinator, "1.3.5", "Vijftig statushouders huisvesten", "deltaWonen")
    progress_record(
        activity=activity,
        user=coordinator,
        date=timezone.localdate(),
        status="loopt",
        text="Dertig statushouders hebben een woning.",
        progress_percent=60,
    )
    base = live_server.url
    checked: dict[str, list] = {}

    log_in(page, base, reader.username)  # a raadslid's staff member: reads, changes nothing
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prestatieafspraken Kampen")
    no_post_forms_in_main(page)
    checked["start page"] = axe_violations(page)

    go_to_via_menu(page, "Afspraken")
    page.get_by_label("Zoeken in onderwerpen en teksten").fill("statushouders")
    page.get_by_role("link", name="Huisvesting statushouders", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Afspraak 1.3.5: Huisvesting statushouders")
    # The activity in this year's jaarschijf is running on time, so the agreement is on track, and "Waarom?"
    # names that activity as the evidence.
    verdict = page.locator('.app-verdict[data-agreement="1.3.5"]')
    expect(verdict).to_have_attribute("data-status", "on_track")
    expect(verdict.locator("strong").first).to_have_text("Op koers")
    verdict.get_by_text("Waarom?", exact=True).click()
    expect(
        verdict.locator(".app-evidence--on_track").get_by_role(
            "link", name=re.compile("Vijftig statushouders")
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", name=f"Jaarschijf {plan.year}", exact=True)).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Vijftig statushouders huisvesten"))
    expect(row).to_contain_text("loopt")
    expect(row).to_contain_text("60%")
    expect(row.locator("[data-outcome]")).to_have_attribute("data-outcome", "on_track")
    expect(row.locator("[data-outcome]")).to_have_text("op koers")
    expect(page.get_by_role("link", name="Wijziging vastleggen")).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Een activiteit toevoegen"))).to_have_count(0)
    expect(page.get_by_role("button", name="Reactie plaatsen")).to_have_count(0)
    no_post_forms_in_main(page)
    checked["agreement 1.3.5"] = axe_violations(page)

    row.get_by_role("link", name="Vijftig statushouders huisvesten").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vijftig statushouders huisvesten")
    expect(page.get_by_text("Dertig statushouders hebben een woning.")).to_be_visible()
    expect(page.get_by_role("link", name="Activiteit wijzigen")).to_have_count(0)
    expect(page.get_by_role("button", name="Voortgang vastleggen")).to_have_count(0)
    expect(page.get_by_role("button", name="Reactie plaatsen")).to_have_count(0)
    no_post_forms_in_main(page)
    checked["activity"] = axe_violations(page)

    go_to_via_menu(page, "Rapportages")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapportages")
    checked["reports"] = axe_violations(page)
    form = page.locator("form[data-report-queue]").first
    form.get_by_label("Jaar").select_option(str(plan.year))
    form.get_by_label("Formaat").select_option("pdf")
    form.locator("button[type=submit]").click()
    # The report's job page (no broker: made during the request): its progress bar full, the download.
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100", timeout=60_000)
    checked["report job"] = axe_violations(page)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("status").locator("a[download]").click()
    download = download_info.value
    assert download.suggested_filename == f"monitor-{plan.year}-kampen.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "Vijftig statushouders huisvesten" in text and "Dertig statushouders hebben een woning." in text

    # The administrators' one page is the covenant's scoreboard, linked from the reports.
    go_to_via_menu(page, "Rapportages")
    page.get_by_role("main").locator(f'a[href="/convenanten/{kampen.pk}/"]').click()
    expect(page.locator("[data-total-row]")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(kampen.title)
    no_post_forms_in_main(page)
    checked["scoreboard"] = axe_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}


# -- tenant organisation volunteer --------------------------------------------------------------------------


def test_a_tenant_volunteer_comments_on_an_activity_and_gives_advice_and_a_tenant_reader_only_reads(
    page: Page, live_server, kampen: Covenant, coordinator: User, tenant_editor: User, tenant_reader: User
):
    plan = this_years_plan(kampen, coordinator)
    add_activity(plan, coordinator, "4.1.3", "Isolatie 120 woningen Flevowijk", "deltaWonen")
    delta_editor = UserFactory(organisation=organisation("deltaWonen"), role=Role.EDITOR, username="delta")
    request = advice_request(
        covenant=kampen,
        user=delta_editor,
        tenant_organisation=tenant_editor.organisation,
        subject="Isolatieprogramma volgend jaar",
        question="Welke complexen wilt u als eerste geïsoleerd zien?",
        due_date=timezone.localdate() + dt.timedelta(days=30),
        agreement=Agreement.objects.get(covenant=kampen, number="4.1.3"),
    )
    base = live_server.url
    checked: dict[str, list] = {}

    log_in(page, base, tenant_editor.username)
    go_to_via_menu(page, "Jaarschijf")
    page.get_by_role("link", name=re.compile(rf"^(Jaarschijf )?{plan.year}$")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Jaarschijf {plan.year}")
    open_folds(page)
    checked["jaarschijf"] = axe_violations(page)
    page.get_by_role("link", name="Isolatie 120 woningen Flevowijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isolatie 120 woningen Flevowijk")
    expect(page.get_by_role("button", name="Voortgang vastleggen")).to_have_count(0)  # tenants never edit
    page.get_by_label("Uw reactie of advies").fill("Begin bij de portiekflats aan de Vlasakker.")
    checked["activity"] = axe_violations(page)
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Dank u wel: uw reactie is geplaatst.")).to_be_visible()
    comments = page.get_by_role("region", name="Reacties")
    expect(comments).to_contain_text("Begin bij de portiekflats aan de Vlasakker.")
    expect(comments).to_contain_text("Centrale Bewonersraad deltaWonen")
    checked["activity with comment"] = axe_violations(page)

    go_to_via_menu(page, "Overleg")
    page.get_by_role("navigation", name="Samenwerken").get_by_role(
        "link", name="Advies van huurders", exact=True
    ).click()
    checked["advice requests"] = axe_violations(page)
    page.get_by_role("link", name="Isolatieprogramma volgend jaar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Isolatieprogramma volgend jaar")
    page.get_by_role("textbox", name="Advies", exact=True).fill(
        "Eerst de Flevowijk, daar zijn de stookkosten het hoogst."
    )
    checked["advice request"] = axe_violations(page)
    page.get_by_role("button", name="Advies opslaan").click()
    expect(page.get_by_text("Advies vastgelegd.")).to_be_visible()
    expect(page.get_by_role("region", name="Advies", exact=True)).to_contain_text("Eerst de Flevowijk")
    checked["advice given"] = axe_violations(page)
    request.refresh_from_db()
    assert request.advice_by == tenant_editor

    page.get_by_role("button", name="Uitloggen").click()
    log_in(page, base, tenant_reader.username)
    page.goto(f"{base}/convenanten/{kampen.pk}/jaarschijf/{plan.year}/")
    open_folds(page)
    page.get_by_role("link", name="Isolatie 120 woningen Flevowijk").click()
    comments = page.get_by_role("region", name="Reacties")
    expect(comments).to_contain_text("Begin bij de portiekflats aan de Vlasakker.")
    expect(page.get_by_label("Uw reactie of advies")).to_have_count(0)
    expect(page.get_by_role("button", name="Reactie plaatsen")).to_have_count(0)
    no_post_forms_in_main(page)
    checked["activity as tenant reader"] = axe_violations(page)
    page.goto(f"{base}/convenanten/{kampen.pk}/overleg/advies/{request.pk}/")
    expect(page.get_by_role("region", name="Advies", exact=True)).to_contain_text("Eerst de Flevowijk")
    expect(page.get_by_role("button", name="Advies opslaan")).to_have_count(0)
    assert {name: found for name, found in checked.items() if found} == {}


# -- corporation editor -------------------------------------------------------------------------------------


def test_a_corporation_editor_reports_progress_on_their_own_activity_but_not_on_another_corporations(
    page: Page, live_server, kampen: Covenant, coordinator: User, corporation_editor: User
):
    plan = this_years_plan(kampen, coordinator)
    own = add_activity(plan, coordinator, "1.3.5", "Woningen voor statushouders deltaWonen", "deltaWonen")
    other = add_activity(
        plan, coordinator, "1.3.5", "Woningen voor statushouders Beter Wonen", "Beter Wonen IJsselmuiden"
    )
    corporation_editor.first_name, corporation_editor.last_name = "Dirk", "de Vries"
    corporation_editor.save()
    base = live_server.url
    checked: dict[str, list] = {}

    log_in(page, base, corporation_editor.username)
    go_to_via_menu(page, "Jaarschijf")
    page.get_by_role("link", name=re.compile(rf"^(Jaarschijf )?{plan.year}$")).first.click()
    open_folds(page)
    page.get_by_role("link", name="Woningen voor statushouders deltaWonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Woningen voor statushouders deltaWonen")
    progress = page.get_by_role("region", name="Voortgang vastleggen")
    progress.get_by_label("Status").select_option("loopt")
    progress.get_by_label("Voortgang (%)").fill("40")
    progress.get_by_label("Aantal tot nu toe bereikt (niet verplicht)").fill("12")
    progress.get_by_label("Wat is er gebeurd?").fill("Twaalf woningen toegewezen aan statushouders.")
    checked["own activity"] = axe_violations(page)
    progress.get_by_role("button", name="Voortgang vastleggen").click()
    expect(page.get_by_text("De voortgang is vastgelegd.")).to_be_visible()
    history = page.get_by_role("table", name="Verloop van de voortgang")
    expect(history.get_by_role("row", name=re.compile("Twaalf woningen toegewezen"))).to_contain_text(
        "Dirk de Vries"
    )
    checked["after recording"] = axe_violations(page)
    own.refresh_from_db()
    assert (own.status, own.progress_percent, own.achieved_quantity) == ("loopt", 40, Decimal(12))

    page.goto(f"{base}/convenanten/{kampen.pk}/jaarschijf/activiteiten/{other.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Woningen voor statushouders Beter Wonen")
    expect(page.get_by_role("button", name="Voortgang vastleggen")).to_have_count(0)
    expect(page.get_by_role("link", name="Activiteit wijzigen")).to_have_count(0)

    # The other corporation's realised figures: the form is refused, in Dutch, inside the site's own page.
    beter_wonen = organisation("Beter Wonen IJsselmuiden")
    response = page.goto(
        f"{base}/convenanten/{kampen.pk}/woningen/gerealiseerd/{beter_wonen.pk}/{plan.year}/"
    )
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Niet toegestaan")
    expect(page.get_by_text("U kunt geen cijfers invoeren voor deze organisatie.")).to_be_visible()
    expect(page.get_by_role("link", name="Terug naar de startpagina")).to_be_visible()
    checked["refused"] = axe_violations(page)
    # Entering indicator figures offers only the editor's own corporation.
    page.goto(f"{base}/convenanten/{kampen.pk}/indicatoren/statushouders.gehuisvest/invoeren/")
    options = page.get_by_label("Organisatie").locator("option")
    expect(options).to_have_text(["deltaWonen"])
    assert {name: found for name, found in checked.items() if found} == {}


# -- coordinator / beleidsadviseur ----------------------------------------------------------------------------


def test_the_coordinator_prepares_the_steering_meeting_from_the_agenda_proposal_and_records_a_decision(
    page: Page, live_server, kampen: Covenant, coordinator: User, tenant_editor: User
):
    steering = MeetingType.objects.get(covenant=kampen, name="Bestuurlijk overleg")
    meeting = meeting_schedule(
        covenant=kampen,
        user=coordinator,
        meeting_type=steering,
        date=timezone.localdate() + dt.timedelta(days=21),
        location="Stadhuis Kampen",
    )
    concern = concern_raise(
        covenant=kampen,
        user=tenant_editor,
        title="Wachttijd wensmodule loopt op",
        description="Huurders wachten ruim drie jaar.",
        kind=ConcernKind.DISPUTE,
        agreement=Agreement.objects.get(covenant=kampen, number="1.3.1"),
    )
    concern_record_step(  # the ambtelijk round did not resolve it: it goes to the bestuurlijk overleg (5.9)
        concern=concern,
        user=coordinator,
        level=StepLevel.OFFICIAL,
        date=timezone.localdate(),
        outcome="Geen overeenstemming over extra maatregelen.",
        resolved=False,
    )
    base = live_server.url
    checked: dict[str, list] = {}

    log_in(page, base, coordinator.username)
    go_to_via_menu(page, "Overleg")
    page.get_by_role("link", name="Bestuurlijk overleg", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bestuurlijk overleg")
    checked["meeting"] = axe_violations(page)

    page.get_by_role("link", name="Agenda opstellen en versturen").click()
    proposal = page.get_by_role("region", name=re.compile(r"^Voorstel"))
    expect(
        proposal.get_by_role("heading", name="Knelpunten voor het bestuurlijk overleg (afspraak 5.9)")
    ).to_be_visible()
    expect(proposal.get_by_role("link", name="Wachttijd wensmodule loopt op")).to_be_visible()
    agenda = page.get_by_role("region", name="Agenda", exact=True)
    expect(agenda).not_to_contain_text("Wachttijd wensmodule")  # the standing items, set when it was planned
    proposal.get_by_role("button", name="Agenda voorstellen").click()
    expect(agenda).to_contain_text("Wachttijd wensmodule loopt op")
    checked["agenda proposal"] = axe_violations(page)
    page.get_by_label("Agendapunt", exact=True).fill("Rondvraag: voortgang nieuwe prestatieafspraken")
    page.get_by_role("button", name="Agendapunt toevoegen").click()
    expect(page.get_by_text("Agendapunt toegevoegd.")).to_be_visible()
    page.get_by_role("link", name="Terug naar het overleg").click()

    saved = page.get_by_role("region", name="Agenda")
    expect(saved).to_contain_text("Wachttijd wensmodule loopt op")
    expect(saved).to_contain_text("Rondvraag: voortgang nieuwe prestatieafspraken")
    assert meeting.agenda_items.filter(concern=concern, title="Wachttijd wensmodule loopt op").exists()

    page.get_by_text("Besluit vastleggen").click()
    decisions = page.get_by_role("region", name="Besluiten")
    decisions.get_by_label("Besluit", exact=True).fill(
        "Gemeente en corporaties onderzoeken een spoedmodule-plus"
    )
    decisions.get_by_label("Afspraak", exact=True).select_option(label="1.3.1 Monitoring slaagkansen")
    checked["decision form"] = axe_violations(page)
    decisions.get_by_role("button", name="Besluit opslaan").click()
    expect(page.get_by_role("status").filter(has_text="vastgelegd")).to_be_visible()
    decisions = page.get_by_role("region", name="Besluiten")
    expect(decisions.get_by_role("listitem")).to_contain_text(
        ["Gemeente en corporaties onderzoeken een spoedmodule-plus (afspraak 1.3.1)"]
    )
    checked["meeting with decision"] = axe_violations(page)
    assert Meeting.objects.get(pk=meeting.pk).decisions.get().agreement.number == "1.3.1"
    assert {name: found for name, found in checked.items() if found} == {}


# -- administrator --------------------------------------------------------------------------------------------


def test_an_administrator_reverts_someone_elses_change_from_the_history(
    page: Page, live_server, kampen: Covenant, coordinator: User
):
    coordinator.first_name, coordinator.last_name = "Carla", "Coördinator"
    coordinator.save()
    administrator = UserFactory(
        organisation=organisation("Gemeente Kampen"),
        role=Role.ADMINISTRATOR,
        username="beheer",
        first_name="Bram",
        last_name="Beheerder",
    )
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.1")
    original = agreement.text
    agreement_amend(
        agreement=agreement,
        user=coordinator,
        text=original + "\n\nDe slaagkans wordt per kwartaal gepubliceerd.",
        valid_from=timezone.localdate(),
        reason="Afspraak uit de kerngroep",
    )
    base = live_server.url
    checked: dict[str, list] = {}

    log_in(page, base, administrator.username)
    go_to_via_menu(page, "Afspraken")
    page.get_by_role("link", name="Monitoring slaagkansen", exact=True).click()
    expect(page.get_by_text("De slaagkans wordt per kwartaal gepubliceerd.")).to_be_visible()
    page.get_by_role("link", name="Alle wijzigingen (geschiedenis)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Geschiedenis")
    latest = page.locator("section.app-card").first
    expect(latest.get_by_role("heading")).to_contain_text("gewijzigd door Carla Coördinator")
    text_row = latest.get_by_role("row", name=re.compile("^Tekst"))
    expect(text_row.locator("ins")).to_contain_text("De slaagkans wordt per kwartaal gepubliceerd.")
    expect(text_row.locator("del")).not_to_contain_text("per kwartaal gepubliceerd")
    checked["history"] = axe_violations(page)

    page.locator("section.app-card").nth(1).get_by_role(
        "button", name="Zet terug zoals het was na deze wijziging"
    ).click()
    expect(
        page.get_by_text("Teruggezet. Het terugzetten staat zelf ook in de geschiedenis hieronder.")
    ).to_be_visible()
    latest = page.locator("section.app-card").first
    expect(latest.get_by_role("heading")).to_contain_text("gewijzigd door Bram Beheerder")
    expect(latest.get_by_role("row", name=re.compile("^Tekst")).locator("del")).to_contain_text(
        "De slaagkans wordt per kwartaal gepubliceerd."
    )
    checked["history after revert"] = axe_violations(page)

    agreement.refresh_from_db()
    assert agreement.text == original
    go_to_via_menu(page, "Afspraken")
    page.get_by_role("link", name="Monitoring slaagkansen", exact=True).click()
    expect(page.get_by_text("De slaagkans wordt per kwartaal gepubliceerd.")).to_have_count(0)
    versions = page.get_by_role("table", name="Versies")
    expect(versions.get_by_role("row", name=re.compile("^3 "))).to_contain_text(
        "Teruggezet naar de tekst van"
    )
    expect(versions.get_by_role("row", name=re.compile("^3 "))).to_contain_text("Bram Beheerder")
    checked["agreement after revert"] = axe_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}
