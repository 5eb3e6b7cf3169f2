"""A coordinator imports the municipality's own Word file: upload, review, correct a party's kind, store, and
see the corrected kind on the covenant page; axe-core on the pages, the review page at phone width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import wipe_database
from django.db import transaction
from django.utils.translation import gettext, override
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations, log_in, open_folds
from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.models import ImportReview, SourceDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TENANTS = "Huurders Vereniging groot IJsselmuiden"
PHONE = {"width": 390, "height": 844}


def nl(text: str) -> str:
    with override("nl"):
        return gettext(text)


@pytest.fixture
def first_coordinator(kampen: Covenant) -> User:
    """A municipality's coordinator on an installation without covenants: Kampen is imported anew."""
    with transaction.atomic():  # the foreign keys are checked at its end, when every row is gone
        wipe_database()
    gemeente = Organisation.objects.create(name="Gemeente Kampen", kind=OrganisationKind.MUNICIPALITY)
    return UserFactory(organisation=gemeente, role=Role.COORDINATOR, username="kampen-coordinator")


def test_upload_word_file_correct_a_kind_and_store(
    page: Page, live_server, first_coordinator: User, kampen_docx_path: Path
):
    base = live_server.url
    checked: dict[str, list] = {}
    log_in(page, base, first_coordinator.username)
    page.goto(f"{base}/documenten/importeren/")
    checked["import"] = axe_violations(page)
    page.locator("main input[type=file]").set_input_files(str(kampen_docx_path))
    page.get_by_role("button", name=nl("Read the document")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Check the import"))
    parties = page.get_by_role("region", name=nl("Parties"))
    expect(parties.get_by_role("row", name=re.compile(TENANTS))).to_contain_text("huurdersorganisatie")
    expect(page.get_by_role("heading", name=re.compile(r"43"))).to_be_visible()  # themes and 43 agreements
    assert Covenant.objects.count() == 0  # nothing stored while reviewing
    open_folds(page)
    checked["review"] = axe_violations(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= page.evaluate("window.innerWidth")

    page.get_by_label(nl("Kind of %(name)s") % {"name": TENANTS}).select_option("corporatie")
    page.get_by_role("button", name=nl("Check"), exact=True).click()
    row = page.get_by_role("region", name=nl("Parties")).get_by_role("row", name=re.compile(TENANTS))
    expect(row).to_contain_text(nl("corrected"))
    expect(row).to_contain_text(nl("housing corporation"))
    assert Covenant.objects.count() == 0

    page.get_by_role("button", name=nl("Store"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prestatieafspraken Kampen")
    open_folds(page)
    expect(page.get_by_text(f"{TENANTS} ({nl('housing corporation')})")).to_be_visible()
    checked["covenant"] = axe_violations(page)

    covenant = Covenant.objects.get()
    assert covenant.agreements.count() == 43
    assert Organisation.objects.get(name=TENANTS).kind == OrganisationKind.CORPORATION
    stored = SourceDocument.objects.get(covenant=covenant)
    assert stored.kind == "docx" and stored.corrections == {"parties": {TENANTS: {"kind": "corporatie"}}}
    assert ImportReview.objects.get().covenant == covenant
    assert {name: found for name, found in checked.items() if found} == {}
