"""History with diffs and revert, for any model that keeps history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.core.changes import history_entries
from woonafspraken.operations.history import history_revert

pytestmark = pytest.mark.django_db


def test_history_shows_who_what_before_and_after(kampen: Covenant, coordinator: User):
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.3")
    agreement_amend(
        agreement=agreement, user=coordinator, text="Nieuw", valid_from=dt.date(2024, 1, 1), reason="r"
    )
    latest, first = history_entries(agreement)
    assert first.change == "aangemaakt" and first.who.startswith("systeem")
    assert latest.change == "gewijzigd" and latest.who == coordinator.get_full_name()
    text_change = next(c for c in latest.changes if c.field == "text")
    assert "maximaal 15%" in text_change.old and text_change.new == "Nieuw"


def test_generic_revert_of_a_theme_is_itself_an_attributed_change(kampen: Covenant, coordinator: User):
    theme = Theme.objects.get(covenant=kampen, number=2)
    original = theme.title
    theme.title = "Verkeerd"
    theme.save()
    first_record = theme.history.order_by("history_date").first()
    history_revert(obj=theme, history_id=first_record.history_id, user=coordinator)
    theme.refresh_from_db()
    assert theme.title == original
    assert theme.history.count() == 3
    assert theme.history.first().history_user == coordinator


def test_reverting_an_agreement_becomes_a_new_amendment(kampen: Covenant, coordinator: User):
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.3")
    signed_text = agreement.text
    agreement_amend(
        agreement=agreement, user=coordinator, text="Fout", valid_from=dt.date(2024, 1, 1), reason="r"
    )
    original = agreement.history.order_by("history_date").first()
    history_revert(obj=agreement, history_id=original.history_id, user=coordinator)
    agreement.refresh_from_db()
    assert agreement.text == signed_text
    assert agreement.version == 3
    assert agreement.versions.get(version=3).reason.startswith("Teruggezet")


def test_readers_and_other_organisations_cannot_revert(
    kampen: Covenant, reader: User, corporation_editor: User
):
    theme = Theme.objects.get(covenant=kampen, number=2)
    record = theme.history.first()
    for user in (reader, corporation_editor):
        with pytest.raises(PermissionDenied):
            history_revert(obj=theme, history_id=record.history_id, user=user)


def test_history_page_and_revert_through_the_web(
    client: Client, kampen: Covenant, coordinator: User, reader: User
):
    organisation = Organisation.objects.get(name="deltaWonen")
    organisation.short_names = ["iets anders"]
    organisation.save()
    url = reverse(
        "operations:history",
        args=["agreements.agreement", Agreement.objects.get(covenant=kampen, number="5.1").pk],
    )
    client.force_login(reader)
    html = client.get(url).content.decode()
    assert "aangemaakt" in html and "Zet terug" not in html
    assert client.post(url, {"history_id": "1"}).status_code == 403
    assert client.get(reverse("operations:history", args=["agreements.nothing", 1])).status_code == 404
    assert client.get(reverse("operations:history", args=["auth.permission", 1])).status_code == 404


@pytest.mark.parametrize("history_id", ["", "abc", "9" * 5000])
def test_a_revert_of_a_version_that_is_no_number_says_why_in_dutch(
    client: Client, kampen: Covenant, coordinator: User, history_id: str
):
    """Python's own words ("invalid literal for int()") reached the page (found by fuzzing the forms)."""
    agreement = Agreement.objects.get(covenant=kampen, number="5.1")
    client.force_login(coordinator)
    url = reverse("operations:history", args=["agreements.agreement", agreement.pk])
    html = client.post(url, {"history_id": history_id}, follow=True).content.decode()
    assert "Deze versie hoort niet bij dit onderdeel." in html
    assert "int()" not in html and "digits" not in html


def test_a_revert_with_an_unreadable_edit_token_is_refused_with_what_changed(
    client: Client, kampen: Covenant, coordinator: User
):
    """The conflict listed every field, also the agreement's order that its history leaves out: a server
    error (found by fuzzing the forms)."""
    agreement = Agreement.objects.get(covenant=kampen, number="5.1")
    client.force_login(coordinator)
    url = reverse("operations:history", args=["agreements.agreement", agreement.pk])
    record = agreement.history.earliest("history_id")
    response = client.post(url, {"history_id": record.history_id, "edit_token": "-1"}, follow=True)
    assert response.status_code == 200
    assert "Niet teruggezet." in response.content.decode()
