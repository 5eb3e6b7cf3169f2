"""Text with characters XML cannot hold (a control character pasted into a form) still downloads: the
comparison's Word file and the draft's indicator template (the form fuzzing found both as a 500)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db

DIRTY = "Wachttijd\x0b evalueren\x01 jaarlijks\x1f"


def test_the_downloads_of_a_draft_with_control_characters(kampen: Covenant, coordinator):
    draft = covenant_draft(
        source=kampen, title="Kampen 2027\x07\x1b", start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31)
    )
    assert draft.title == "Kampen 2027"  # a title is one line without control characters
    Covenant.objects.filter(pk=draft.pk).update(title="Kampen 2027\x07")  # as an older import may have it
    Agreement.objects.filter(covenant=draft, number="1.3.1").update(
        subject=DIRTY, text=DIRTY, leads_raw=DIRTY
    )
    client = Client()
    client.force_login(coordinator)
    response = client.get(reverse("renewal:compare_docx", args=[draft.pk]))
    assert response.status_code == 200
    from woonafspraken.accounts.models import Organisation

    for organisation, covenant in (
        (organisation, covenant)
        for organisation in Organisation.objects.all()
        for covenant in (kampen, draft)
    ):
        url = reverse("indicators:template", args=[covenant.pk])
        response = client.get(
            url,
            {
                "sjabloon-organisation": organisation.pk,
                "sjabloon-period": "2026-K4",
                "sjabloon-format": "xlsx",
            },
        )
        assert response.status_code == 200, (covenant, organisation)


def test_the_downloads_of_a_signed_successor(kampen: Covenant, coordinator):
    from woonafspraken.renewal.services.signing import covenant_freeze, covenant_sign

    draft = covenant_draft(
        source=kampen, title="Kampen 2027", start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31)
    )
    covenant_freeze(covenant=draft)
    for party in draft.parties.all():
        covenant_sign(
            covenant=draft, party=party, signatory="X\x0b", date=dt.date(2026, 12, 4), place="K\x01"
        )
    draft.refresh_from_db()
    assert draft.stage == "signed" and draft.indicators.exists()
    client = Client()
    client.force_login(coordinator)
    assert client.get(reverse("renewal:compare_docx", args=[draft.pk])).status_code == 200
    for organisation in draft.parties.all():
        response = client.get(
            reverse("indicators:template", args=[draft.pk]),
            {
                "sjabloon-organisation": organisation.pk,
                "sjabloon-period": "2026-K4",
                "sjabloon-format": "xlsx",
            },
        )
        assert response.status_code == 200, organisation
