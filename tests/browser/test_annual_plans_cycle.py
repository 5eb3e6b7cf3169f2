"""The coordinator's yearly cycle in a real browser: create jaarschijf 2027, add an activity to 1.3.5,
record progress, download the monitor PDF; axe checks every page on the way."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_create_2027_add_activity_record_progress_and_download_the_monitor(
    page: Page, live_server, kampen, coordinator, tmp_path: Path
):
    base = live_server.url
    checked: dict[str, list] = {}
    log_in(page, base, coordinator.username)

    page.get_by_role("link", name="Jaarschijf", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jaarschijven")
    checked["jaarschijven"] = axe_violations(page)
    page.get_by_label("Nieuwe jaarschijf voor het jaar").fill("2027")
    page.get_by_role("button", name="Jaarschijf voorbereiden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe jaarschijf 2027")
    expect(page.get_by_role("link", name=re.compile(r"^1\.3\.5 Huisvesting statushouders"))).to_be_visible()
    checked["new jaarschijf"] = axe_violations(page)
    page.get_by_role("button", name="Jaarschijf als concept maken").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Jaarschijf 2027")
    expect(page.get_by_text("Jaarschijf 2027 is als concept gemaakt.")).to_be_visible()
    open_folds(page)
    checked["jaarschijf 2027"] = axe_violations(page)

    page.get_by_role("link", name="activiteit bij 1.3.5").click()
    expect(page.get_by_label("Afspraak")).to_have_value(re.compile(r"\d+"))
    checked["new activity"] = axe_violations(page)
    page.get_by_label("Titel").fill("Taakstelling statushouders 2027")
    page.get_by_label("Gemeente Kampen").check()
    page.get_by_label("deltaWonen", exact=True).check()
    page.get_by_label("Gepland kwartaal").select_option("2")
    page.get_by_label("Doel in aantallen (niet verplicht)").fill("58")
    page.get_by_label("Eenheid").fill("personen")
    page.get_by_role("button", name="Activiteit opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Taakstelling statushouders 2027")
    checked["activity"] = axe_violations(page)

    page.get_by_label("Status").select_option("loopt")
    page.get_by_label("Voortgang (%)").fill("25")
    page.get_by_label("Aantal tot nu toe bereikt (niet verplicht)").fill("14")
    page.get_by_label("Wat is er gebeurd?").fill("Eerste 14 statushouders gehuisvest in IJsselmuiden.")
    page.get_by_role("button", name="Voortgang vastleggen").click()
    expect(page.get_by_text("De voortgang is vastgelegd.")).to_be_visible()
    expect(
        page.locator("table").get_by_text("Eerste 14 statushouders gehuisvest in IJsselmuiden.")
    ).to_be_visible()

    page.goto(f"{base}/convenanten/{kampen.pk}/afspraken/1.3.5/")
    expect(page.get_by_role("heading", name="Jaarschijf 2027", exact=True)).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Taakstelling statushouders 2027"))
    expect(row).to_contain_text("Gemeente Kampen, deltaWonen")
    expect(row).to_contain_text("K2 2027")
    expect(row).to_contain_text("loopt")
    expect(row).to_contain_text("25%")
    verdict = page.locator('.app-verdict[data-agreement="1.3.5"]')
    activity_evidence = verdict.locator(".app-evidence__item", has_text="Taakstelling statushouders 2027")
    if timezone.localdate().year < 2027:
        # A coming year is judged on no day: the activity is not judged yet and is no evidence for the
        # agreement, which has nothing else that can judge it (no figures of statushouders housed).
        expect(row).to_contain_text("nog niet beoordeeld")
        expect(row.locator("[data-outcome]")).to_have_count(0)
        expect(activity_evidence).to_have_count(0)
        expect(verdict).to_have_attribute("data-status", "not_assessable")
        expect(verdict.locator("strong").first).to_have_text("Niet te beoordelen")
    else:  # in 2027 itself the activity is judged and counts for the agreement
        expect(row.locator("[data-outcome]")).to_have_count(1)
        expect(activity_evidence).to_have_count(1)
    checked["agreement 1.3.5"] = axe_violations(page)

    page.get_by_role("link", name="Rapportages", exact=True).first.click()
    checked["reports"] = axe_violations(page)
    form = page.locator("form[data-report-queue]").first
    form.get_by_label("Jaar").select_option("2027")
    form.get_by_label("Formaat").select_option("pdf")
    form.locator("button[type=submit]").click()
    # The report's job page (no broker: made during the request): its progress bar full, the download.
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100", timeout=60_000)
    checked["report job"] = axe_violations(page)
    with page.expect_download(timeout=60_000) as download_info:
        page.get_by_role("status").locator("a[download]").click()
    download = download_info.value
    assert download.suggested_filename == "monitor-2027-kampen.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    text = " ".join(text.split())
    assert "Monitor prestatieafspraken 2027" in text and "Taakstelling statushouders 2027" in text
    assert "Eerste 14 statushouders gehuisvest in IJsselmuiden." in text

    for name, path in [
        ("working list", f"/convenanten/{kampen.pk}/afspraken/?status=behind&concern=on&sort=lead"),
        ("bij te werken", f"/convenanten/{kampen.pk}/jaarschijf/bij-te-werken/"),
        ("kalender", f"/convenanten/{kampen.pk}/jaarschijf/kalender/"),
        ("covenant home", f"/convenanten/{kampen.pk}/"),
    ]:
        page.goto(base + path)
        checked[name] = axe_violations(page)

    assert {name: found for name, found in checked.items() if found} == {}


def test_tenant_comments_but_cannot_edit(page: Page, live_server, kampen, tenant_editor):
    log_in(page, live_server.url, tenant_editor.username)
    page.goto(f"{live_server.url}/convenanten/{kampen.pk}/afspraken/4.1.6/")
    page.get_by_label("Uw reactie of advies").fill("Graag energiecoaches in de Flevowijk.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Dank u wel: uw reactie is geplaatst.")).to_be_visible()
    expect(page.get_by_text("Graag energiecoaches in de Flevowijk.")).to_be_visible()
    assert axe_violations(page) == []
