"""Fixtures of the housing tests."""

from __future__ import annotations

import pytest

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant


@pytest.fixture
def corporation_editor(kampen: Covenant) -> User:
    """An editor of deltaWonen (the shared fixture's name lookup also matches the tenant organisation)."""
    return UserFactory(
        organisation=Organisation.objects.get(name="deltaWonen"), role=Role.EDITOR, username="delta-editor"
    )
