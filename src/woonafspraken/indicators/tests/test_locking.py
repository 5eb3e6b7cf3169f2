"""Optimistic locking on the figures entry form (ADR 0005): a figure someone else entered for the same
period, organisation and dimension after the form was opened is not overwritten silently."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.core.tests.editing import CONFLICT_HEADING, NOT_SAVED, seen_token
from woonafspraken.indicators.models import Indicator, Observation
from woonafspraken.indicators.services import observation_record, observation_rows

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _clients(*users: User) -> list[Client]:
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def test_entering_a_figure_someone_entered_meanwhile_is_refused(
    kampen: Covenant, coordinator: User, corporation_editor: User, delta: Organisation
):
    first, second = _clients(coordinator, corporation_editor)
    url = reverse("indicators:enter", args=[kampen.pk, "statushouders.gehuisvest"]) + "?periode=2025-K3"
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))
    figure = {"period": "2025-K3", "organisation": delta.pk, "source": "Eigen administratie", "note": ""}

    assert first.post(url, {**figure, "value": "8", "edit_token": token_first}).status_code == 302
    response = second.post(url, {**figure, "value": "9", "edit_token": token_second})

    page = response.content.decode()
    assert response.status_code == 200 and CONFLICT_HEADING in page and NOT_SAVED in page
    assert "Cijfers van " in page and "over 2025-K3: gewijzigd door" in page
    assert "<ins>8</ins>" in page and 'value="9"' in page
    assert Observation.objects.get().value == Decimal(8)

    again = second.post(url, {**figure, "value": "9", "edit_token": seen_token(page)})
    assert again.status_code == 302
    assert Observation.objects.get().value == Decimal(9)


def test_another_period_or_organisation_is_no_conflict(
    kampen: Covenant, coordinator: User, delta: Organisation, beter: Organisation
):
    indicator = Indicator.objects.get(covenant=kampen, code="statushouders.gehuisvest")
    seen = edit_token(observation_rows(indicator))
    observation_record(indicator=indicator, user=coordinator, period="2025-K3", values={"": Decimal(4)},
                       organisation=beter)  # fmt: skip
    observation_record(indicator=indicator, user=coordinator, period="2025-K2", values={"": Decimal(5)},
                       organisation=delta)  # fmt: skip
    observation_record(indicator=indicator, user=coordinator, period="2025-K3", values={"": Decimal(6)},
                       organisation=delta, expected=seen)  # fmt: skip
    assert Observation.objects.filter(organisation=delta, period="2025-K3").get().value == Decimal(6)


def test_service_refuses_a_stale_token_and_imports_keep_working(
    kampen: Covenant, coordinator: User, delta: Organisation
):
    indicator = Indicator.objects.get(covenant=kampen, code="statushouders.gehuisvest")
    seen = edit_token(observation_rows(indicator))
    figure = {"indicator": indicator, "user": coordinator, "period": "2025-K3", "organisation": delta}
    observation_record(**figure, values={"": Decimal(7)}, source="Import")  # no token: as before
    with pytest.raises(StaleEditError) as caught:
        observation_record(**figure, values={"": Decimal(3)}, expected=seen)
    changed = {f.field: (f.old, f.new) for f in caught.value.changes[0].fields}
    assert changed["value"] == ("–", "7") and changed["source"] == ("–", "Import")
    assert Observation.objects.get().value == Decimal(7)
