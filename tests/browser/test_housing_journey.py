"""A corporation delivers its stock with the Excel template, in a real browser, checked by axe on every page."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.housing.models import StockCount

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def delta_editor(kampen: Covenant) -> User:
    return UserFactory(
        organisation=Organisation.objects.get(name="deltaWonen"), role=Role.EDITOR, username="delta"
    )


@pytest.fixture(autouse=True)
def reference_values(db: None) -> None:
    """Transactional tests empty every table afterwards, the seeded reference figures too: seed them again."""
    migration = importlib.import_module("woonafspraken.housing.migrations.0002_reference_values")
    migration.seed(apps, None)


def test_download_fill_and_upload_the_stock_template(
    page: Page, live_server, kampen: Covenant, delta_editor: User, tmp_path: Path
):
    base = live_server.url
    checked: dict[str, list] = {}
    log_in(page, base, delta_editor.username)
    page.get_by_role("link", name="Woningen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Woningcijfers")
    # Without realised figures agreement 1.1.2 cannot be judged; the corporations' plan is shown next to it
    # "ter vergelijking" and never judges, in the list of what the figures say and under "Waarom?".
    planned = "Planning, geen realisatie: 483 gepland over vijf jaar is 96,6 per jaar tegen 80 afgesproken."
    verdict = page.locator('.app-verdict[data-agreement="1.1.2"]')
    expect(verdict).to_have_attribute("data-status", "not_assessable")
    expect(verdict.locator("strong").first).to_have_text("Niet te beoordelen")
    plan_line = page.locator(".app-evidence__item:visible", has_text=planned)
    expect(plan_line).to_have_count(1)
    expect(plan_line).to_have_class(re.compile(r"\bapp-evidence--info\b"))
    expect(plan_line.locator(".app-evidence__outcome")).to_have_text("Ter vergelijking")
    why = verdict.locator(".app-evidence__item", has_text=planned)
    expect(why).to_be_hidden()
    verdict.get_by_text("Waarom?", exact=True).click()
    expect(why).to_be_visible()
    expect(why).to_have_class(re.compile(r"\bapp-evidence--info\b"))
    open_folds(page)
    page.locator(".app-chart__canvas svg, .app-chart__canvas canvas").first.wait_for()
    checked["housing page"] = axe_violations(page)

    page.get_by_role("link", name="Cijfers aanleveren (Excel/CSV)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Woningcijfers aanleveren")
    checked["deliver page"] = axe_violations(page)
    stock = page.get_by_role("region", name="Woningvoorraad per huurprijsklasse")
    stock.get_by_label("Peildatum").fill("2025-07-01")
    with page.expect_download() as download_info:
        stock.get_by_role("button", name="Sjabloon woningvoorraad downloaden").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    workbook = load_workbook(template)
    rows = [row for row in workbook.active.iter_rows() if row[0].value == "deltaWonen"]
    assert len(rows) == 10
    for number, row in enumerate(rows):
        row[4].value = 500 + number  # 5.045 homes in all
    filled = tmp_path / "voorraad-2025.xlsx"
    workbook.save(filled)

    stock.get_by_label("Ingevuld sjabloon").set_input_files(str(filled))
    stock.get_by_role("button", name="Woningvoorraad uploaden").click()
    expect(page.get_by_text("10 nieuwe en 0 gewijzigde cijfers")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Woningcijfers")
    # Beter Wonen has not delivered 1 July 2025 yet: no total of the corporations is claimed for that date,
    # the totals stay those of the last complete date, and what deltaWonen delivered is one link away.
    show_delivered = page.get_by_role("link", name="Toon wat is aangeleverd")
    expect(page.locator("p", has=show_delivered)).to_contain_text(
        "Woningvoorraad per 1 juli 2025: nog niet aangeleverd door Beter Wonen IJsselmuiden."
    )
    open_folds(page)
    expect(page.get_by_text("Woningvoorraad van de corporaties per 1 juli 2021")).to_be_visible()
    expect(page.get_by_text("Woningvoorraad van de corporaties per 1 juli 2025")).to_have_count(0)
    checked["after upload"] = axe_violations(page)
    show_delivered.click()
    delivered = page.locator(
        "table", has_text="Woningvoorraad per 1 juli 2025, nog niet aangeleverd door Beter Wonen IJsselmuiden"
    )
    expect(delivered.get_by_role("row", name=re.compile(r"^Totaal woningen"))).to_contain_text("5.045")
    checked["delivered so far"] = axe_violations(page)
    assert (
        StockCount.objects.filter(covenant=kampen, corporation__name="deltaWonen", date="2025-07-01").count()
        == 10
    )

    # A spoiled copy: every wrong row is named and nothing is stored.
    rows[0][4].value = "veel"
    rows[1][4].value = -2
    spoiled = tmp_path / "fout.xlsx"
    workbook.save(spoiled)
    page.get_by_role("link", name="Cijfers aanleveren (Excel/CSV)").click()
    stock = page.get_by_role("region", name="Woningvoorraad per huurprijsklasse")
    stock.get_by_label("Ingevuld sjabloon").set_input_files(str(spoiled))
    stock.get_by_role("button", name="Woningvoorraad uploaden").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Er is niets opgeslagen")
    expect(alert).to_contain_text(re.compile(r"Rij \d+, kolom 'Aantal woningen': 'veel' is geen getal\."))
    expect(alert).to_contain_text("negatieve aantallen kunnen niet")
    checked["upload errors"] = axe_violations(page)
    assert (
        StockCount.objects.get(
            covenant=kampen,
            corporation__name="deltaWonen",
            date="2025-07-01",
            rent_class="kwaliteitskortingsgrens",
            dwelling_type="EGW",
        ).count
        == 500
    )

    assert {name: found for name, found in checked.items() if found} == {}


def test_entering_realised_figures_with_the_keyboard(
    page: Page, live_server, kampen: Covenant, delta_editor: User
):
    base = live_server.url
    log_in(page, base, delta_editor.username)
    page.goto(f"{base}/convenanten/{kampen.pk}/woningen/")
    form = page.locator("form", has=page.get_by_role("button", name="Gerealiseerde aantallen invoeren"))
    form.get_by_label("Jaar").select_option("2023")
    form.get_by_role("button", name="Gerealiseerde aantallen invoeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gerealiseerd in 2023: deltaWonen")
    violations = axe_violations(page)
    page.get_by_label("Hanzewijk cluster 5").fill("58")
    page.get_by_label("Hanzewijk cluster 5").press("Enter")
    expect(page.get_by_text("Gerealiseerde aantallen van deltaWonen over 2023 opgeslagen")).to_be_visible()
    checked = {"realised": violations}
    page.get_by_role("link", name="Woningcijfers").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Woningcijfers")
    open_folds(page)
    page.get_by_role("link", name="Huurverhoging of indexering per jaar aanpassen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uitgangspunten van de vooruitblik")
    checked["assumptions"] = axe_violations(page)
    page.get_by_label("Huurverhoging 2024 (%)").fill("5,3")
    page.get_by_role("button", name="Uitgangspunten opslaan").click()
    expect(
        page.get_by_text("Uitgangspunten van de vooruitblik opgeslagen (1 jaren gewijzigd).")
    ).to_be_visible()
    page.get_by_role("link", name="Huur- en inkomensgrenzen").click()
    expect(page.get_by_role("cell", name="niet geverifieerd").first).to_be_visible()
    checked["reference"] = axe_violations(page)
    assert {name: found for name, found in checked.items() if found} == {}
