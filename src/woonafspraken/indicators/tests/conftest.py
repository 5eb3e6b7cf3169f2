"""Fixtures for the indicator tests: the parties of Kampen and users in each position."""

from __future__ import annotations

from decimal import Decimal

import pytest

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
def corporation_editor(delta: Organisation) -> User:
    """An editor of deltaWonen. Overrides the root fixture, whose name lookup also matches the tenant
    organisation 'Centrale Bewonersraad deltaWonen' (reported to the lead)."""
    return UserFactory(organisation=delta, role=Role.EDITOR, username="delta-editor")


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
