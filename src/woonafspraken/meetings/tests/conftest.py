from __future__ import annotations

import pytest

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.meetings.models import MeetingType


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def kerngroep(kampen: Covenant) -> MeetingType:
    return MeetingType.objects.get(covenant=kampen, key="5.2")


@pytest.fixture
def steering(kampen: Covenant) -> MeetingType:
    return MeetingType.objects.get(covenant=kampen, key="5.1")


@pytest.fixture
def beter_wonen(kampen: Covenant) -> Organisation:
    return Organisation.objects.get(name="Beter Wonen IJsselmuiden")


@pytest.fixture
def delta(kampen: Covenant) -> Organisation:
    return Organisation.objects.get(name="deltaWonen")


@pytest.fixture
def cbr(kampen: Covenant) -> Organisation:
    return Organisation.objects.get(name="Centrale Bewonersraad deltaWonen")


@pytest.fixture
def municipality_editor(gemeente: Organisation) -> User:
    return UserFactory(organisation=gemeente, role=Role.EDITOR, username="gemeente-editor")


@pytest.fixture
def beter_wonen_editor(beter_wonen: Organisation) -> User:
    return UserFactory(organisation=beter_wonen, role=Role.EDITOR, username="bw-editor")
