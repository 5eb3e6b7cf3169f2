"""Fixtures shared by every test: the real Kampen document, an imported covenant, users per role."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.services import document_import


@pytest.fixture(scope="session")
def kampen_text() -> str:
    return Path(settings.BUILTIN_DOCUMENT).read_text(encoding="utf-8")


@pytest.fixture
def kampen(db: None, kampen_text: str) -> Covenant:
    return document_import(text=kampen_text, filename="kampen.txt").covenant


def _organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


@pytest.fixture
def gemeente(kampen: Covenant) -> Organisation:
    return _organisation("Gemeente Kampen")


@pytest.fixture
def coordinator(gemeente: Organisation) -> User:
    return UserFactory(organisation=gemeente, role=Role.COORDINATOR, username="coordinator")


@pytest.fixture
def reader(gemeente: Organisation) -> User:
    return UserFactory(organisation=gemeente, role=Role.READER, username="reader")


@pytest.fixture
def corporation_editor(kampen: Covenant) -> User:
    return UserFactory(organisation=_organisation("deltaWonen"), role=Role.EDITOR, username="delta-editor")


@pytest.fixture
def tenant_reader(kampen: Covenant) -> User:
    return UserFactory(
        organisation=_organisation("Centrale Bewonersraad deltaWonen"), role=Role.READER, username="cbr"
    )


@pytest.fixture
def tenant_editor(kampen: Covenant) -> User:
    """A tenant organisation's volunteer who comments and advises (readers only read)."""
    return UserFactory(
        organisation=_organisation("Centrale Bewonersraad deltaWonen"),
        role=Role.EDITOR,
        username="cbr-editor",
    )


@pytest.fixture
def administrator(gemeente: Organisation) -> User:
    """Runs the installation: every covenant, the admin site, user management."""
    return UserFactory(organisation=gemeente, role=Role.ADMINISTRATOR, username="beheerder-test")
