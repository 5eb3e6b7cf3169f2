"""Optimistic locking on the housing forms (ADR 0005): realised homes and the look-ahead assumptions."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.core.tests.editing import CONFLICT_HEADING, NOT_SAVED, seen_token
from woonafspraken.housing import services
from woonafspraken.housing.models import LookAheadAssumption, ProjectYear, Withdrawal

pytestmark = pytest.mark.django_db


def _clients(*users: User) -> list[Client]:
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _colleague(user: User) -> User:
    return User.objects.create_user(
        "collega", organisation=user.organisation, role=user.role, first_name="Collega"
    )


@freeze_time("2026-03-01")
def test_realised_figures_second_save_is_refused(kampen: Covenant, corporation_editor: User):
    delta = corporation_editor.organisation
    hanzewijk = ProjectYear.objects.get(project__name="Hanzewijk cluster 5", year=2023)
    field = f"project_{hanzewijk.project_id}"
    first, second = _clients(corporation_editor, _colleague(corporation_editor))
    url = reverse("housing:realised", args=[kampen.pk, delta.pk, 2023])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))

    assert (
        first.post(url, {field: "55", "withdrawal_sale": "12", "edit_token": token_first}).status_code == 302
    )
    response = second.post(url, {field: "50", "withdrawal_sale": "10", "edit_token": token_second})

    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT_HEADING in page and NOT_SAVED in page
    who = f"{corporation_editor.get_full_name()} (deltaWonen)"
    assert f"Gerealiseerde woningen van deltaWonen in 2023: gewijzigd door {who}" in page
    assert "Hanzewijk cluster 5 (2023)" in page and "<ins>55</ins>" in page
    assert "Verkoop (2023)" in page and "<ins>12</ins>" in page
    assert 'value="50"' in page and 'value="10"' in page  # the second user's own input
    hanzewijk.refresh_from_db()
    assert hanzewijk.realised == 55
    assert Withdrawal.objects.get(corporation=delta, kind="sale", year=2023).realised == 12

    again = second.post(url, {field: "50", "withdrawal_sale": "10", "edit_token": seen_token(page)})
    assert again.status_code == 302
    hanzewijk.refresh_from_db()
    assert hanzewijk.realised == 50


def test_look_ahead_assumptions_second_save_is_refused(kampen: Covenant, coordinator: User):
    first, second = _clients(coordinator, _colleague(coordinator))
    url = reverse("housing:assumptions", args=[kampen.pk])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))

    assert first.post(url, {"rent_2024": "5,3", "edit_token": token_first}).status_code == 302
    response = second.post(url, {"rent_2024": "4,1", "edit_token": token_second})

    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT_HEADING in page
    assert "Uitgangspunten van de vooruitblik: gewijzigd door" in page
    assert "<ins>5,3</ins>" in page and 'value="4,1"' in page
    assert LookAheadAssumption.objects.get(covenant=kampen, year=2024).rent_increase == Decimal("5.3")
    assert not LookAheadAssumption.objects.filter(covenant=kampen, year__gt=2024).exists()


@freeze_time("2026-03-01")
def test_realised_service_without_expected_keeps_working_and_a_stale_token_refuses(
    kampen: Covenant, corporation_editor: User
):
    delta = corporation_editor.organisation
    assert delta is not None
    hanzewijk = ProjectYear.objects.get(project__name="Hanzewijk cluster 5", year=2023)
    scope = services.realised_rows(kampen, delta, 2023, [hanzewijk.project_id])
    seen = edit_token(*scope)
    values = {"covenant": kampen, "user": corporation_editor, "organisation": delta, "year": 2023}
    services.realised_update(**values, projects={hanzewijk.project_id: 40}, withdrawals={})  # an import
    with pytest.raises(StaleEditError) as caught:
        services.realised_update(**values, projects={hanzewijk.project_id: 41}, withdrawals={}, expected=seen)
    assert [(f.old, f.new) for f in caught.value.changes[0].fields] == [("–", "40")]
    hanzewijk.refresh_from_db()
    assert hanzewijk.realised == 40


def test_a_planned_figure_from_an_upload_does_not_block_the_realised_figures(
    kampen: Covenant, corporation_editor: User
):
    """Only the realised figures are written by the form, so only their changes count."""
    delta = corporation_editor.organisation
    assert delta is not None
    hanzewijk = ProjectYear.objects.get(project__name="Hanzewijk cluster 5", year=2023)
    seen = edit_token(*services.realised_rows(kampen, delta, 2023, [hanzewijk.project_id]))
    hanzewijk.planned = 70
    hanzewijk.save()
    with freeze_time("2026-03-01"):
        services.realised_update(
            covenant=kampen, user=corporation_editor, organisation=delta, year=2023,
            projects={hanzewijk.project_id: 61}, withdrawals={}, expected=seen,
        )  # fmt: skip
    hanzewijk.refresh_from_db()
    assert hanzewijk.realised == 61
