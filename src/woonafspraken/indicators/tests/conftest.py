"""Fixtures for the indicator tests: the parties of Kampen and users in each position."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from freezegun import freeze_time

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.indicators.models import Indicator
from woonafspraken.indicators.services import RecordResult, observation_record


@pytest.fixture
def delta(kampen: Covenant) -> Organisation:
    return Organisation.objects.get(name="deltaWonen")


@pytest.fixture
def beter(kampen: Covenant) -> Organisation:
    return Organisation.objects.get(name="Beter Wonen IJsselmuiden")


@pytest.fixture
def beter_editor(beter: Organisation) -> User:
    return UserFactory(organisation=beter, role=Role.EDITOR, username="beter-editor")


@pytest.fixture
def gemeente_editor(gemeente: Organisation) -> User:
    return UserFactory(organisation=gemeente, role=Role.EDITOR, username="gemeente-editor")


@pytest.fixture
def tenant_coordinator(kampen: Covenant) -> User:
    tenants = Organisation.objects.get(name="Centrale Bewonersraad deltaWonen")
    return UserFactory(organisation=tenants, role=Role.COORDINATOR, username="cbr-coordinator")


@pytest.fixture
def tenant_editor(kampen: Covenant) -> User:
    tenants = Organisation.objects.get(name="Huurders Vereniging groot IJsselmuiden")
    return UserFactory(organisation=tenants, role=Role.EDITOR, username="hvgi-editor")


@pytest.fixture
def frozen() -> Iterator[None]:
    """Today is 10 March 2026 (the spring of the covenant's fifth year)."""
    with freeze_time("2026-03-10 10:00"):
        yield


@pytest.fixture
def enter(kampen: Covenant, coordinator: User):
    """Enter one figure as the coordinator: enter(code, period, value, organisation=None, dimension='')."""

    def _enter(
        code: str,
        period: str,
        value: float | int | str,
        organisation: Organisation | None = None,
        dimension: str = "",
        user: User | None = None,
    ) -> RecordResult:
        indicator = Indicator.objects.get(covenant=kampen, code=code)
        return observation_record(
            indicator=indicator,
            user=user or coordinator,
            period=period,
            values={dimension: Decimal(str(value))},
            organisation=organisation,
            source="Testbron",
        )

    return _enter
