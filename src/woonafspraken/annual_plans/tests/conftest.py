"""The root ``corporation_editor`` fixture looks deltaWonen up with ``icontains``, which also matches
"Centrale Bewonersraad deltaWonen"; these tests use the exact name (reported to the lead)."""

import pytest

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant


@pytest.fixture
def corporation_editor(kampen: Covenant) -> User:
    delta = Organisation.objects.get(name="deltaWonen")
    return UserFactory(
        organisation=delta, role=Role.EDITOR, username="delta-editor", email="delta@example.org"
    )
