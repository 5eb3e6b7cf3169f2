"""The signing page, the draft's home and the covenant list, through the test client."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.renewal.models import CovenantSignature
from woonafspraken.renewal.services.draft import covenant_draft
from woonafspraken.renewal.services.signing import covenant_freeze, covenant_sign

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(kampen: Covenant) -> Covenant:
    return covenant_draft(
        source=kampen,
        title="Prestatieafspraken Kampen 2027 – 2030",
        start=dt.date(2027, 1, 1),
        end=dt.date(2030, 12, 31),
    )


def logged_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_the_coordinator_freezes_and_records_a_signature(client: Client, draft: Covenant, coordinator: User):
    logged_in(client, coordinator)
    page = reverse("renewal:signing", args=[draft.pk])
    assert 'data-signing-state="open"' in client.get(page).content.decode()
    response = client.post(reverse("renewal:signing_freeze", args=[draft.pk]), {"action": "freeze"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.frozen_at is not None
    delta = Organisation.objects.get(name="deltaWonen")
    url = reverse("renewal:signing_sign", args=[draft.pk, delta.pk])
    refused = client.post(url, {f"p{delta.pk}-signatory": "", f"p{delta.pk}-date": "2026-12-11"})
    assert refused.status_code == 400 and not CovenantSignature.objects.exists()
    saved = client.post(url, {f"p{delta.pk}-signatory": "A. de Vries", f"p{delta.pk}-date": "2026-12-11"})
    assert saved.status_code == 302
    html = client.get(page).content.decode()
    assert "A. de Vries" in html
    assert "1 of 5 parties signed" in html or "1 van 5 partijen getekend" in html
    twice = client.post(url, {f"p{delta.pk}-signatory": "B", f"p{delta.pk}-date": "2026-12-12"})
    assert twice.status_code == 400 and CovenantSignature.objects.count() == 1
    # Someone signed: the text can no longer be unfrozen.
    client.post(reverse("renewal:signing_freeze", args=[draft.pk]), {"action": "unfreeze"})
    draft.refresh_from_db()
    assert draft.frozen_at is not None


def test_a_reader_sees_the_page_but_cannot_freeze_or_sign(
    client: Client, draft: Covenant, reader: User, coordinator: User
):
    page, freeze = (
        reverse("renewal:signing", args=[draft.pk]),
        reverse("renewal:signing_freeze", args=[draft.pk]),
    )
    assert f'action="{freeze}"' in logged_in(Client(), coordinator).get(page).content.decode()
    logged_in(client, reader)
    html = client.get(page).content.decode()
    assert f'action="{freeze}"' not in html and '<form method="post" action="/convenanten' not in html
    assert client.post(freeze).status_code == 403
    delta = Organisation.objects.get(name="deltaWonen")
    assert client.post(reverse("renewal:signing_sign", args=[draft.pk, delta.pk])).status_code == 403


def test_a_party_coordinator_gets_a_form_for_its_own_party_only(client: Client, draft: Covenant):
    covenant_freeze(covenant=draft)
    delta = Organisation.objects.get(name="deltaWonen")
    logged_in(client, UserFactory(organisation=delta, role=Role.COORDINATOR))
    html = client.get(reverse("renewal:signing", args=[draft.pk])).content.decode()
    assert re.findall(r'name="p(\d+)-signatory"', html) == [str(delta.pk)]


def test_the_signing_page_does_a_constant_number_of_queries(client: Client, draft: Covenant, coordinator):
    covenant_freeze(covenant=draft)
    logged_in(client, coordinator)
    url = reverse("renewal:signing", args=[draft.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    before = queries()
    for name in ("deltaWonen", "Gemeente Kampen", "Beter Wonen IJsselmuiden"):
        covenant_sign(
            covenant=draft,
            party=Organisation.objects.get(name=name),
            signatory="A",
            date=dt.date(2026, 12, 11),
            user=coordinator,
        )
    assert queries() == before


def test_the_draft_home_and_the_list_say_draft(
    client: Client, draft: Covenant, kampen: Covenant, coordinator
):
    logged_in(client, coordinator)
    home = client.get(reverse("agreements:covenant", args=[draft.pk])).content.decode()
    assert "data-draft-banner" in home and reverse("renewal:signing", args=[draft.pk]) in home
    kampen_home = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    assert "data-draft-banner" not in kampen_home
    agreements = client.get(reverse("agreements:list", args=[draft.pk])).content.decode()
    assert "data-draft-banner" in agreements  # every page of a draft says so
    listing = client.get(reverse("web:dashboard")).content.decode()
    assert listing.count('data-stage="draft"') == 1


def test_a_signed_covenant_page_shows_its_state(client: Client, kampen: Covenant, reader: User):
    logged_in(client, reader)
    html = client.get(reverse("renewal:signing", args=[kampen.pk])).content.decode()
    assert 'data-signing-state="signed"' in html
    assert kampen.stage == CovenantStage.SIGNED
