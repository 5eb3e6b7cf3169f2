"""Fixtures shared by every test: the real Kampen document, an imported covenant, users per role."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import freezegun
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from pytest_django.plugin import blocking_manager_key

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.services import document_import
from woonafspraken.documents.tests.made_like_real import convert_to_pdf, write_docx

KAMPEN_TITLE = "Prestatieafspraken Kampen 2022 – 2026"


# What migrate creates (content types, permissions, the national reference values a data migration
# seeds); everything else (covenants, organisations, users, history, ...) the tests stored.
KEPT_TABLES = {"django_content_type", "auth_permission", "housing_referencevalue"}


def wipe_database() -> None:
    """Delete every row the tests' world stored (foreign keys are checked at commit, so the order does
    not matter)."""
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.db_table not in KEPT_TABLES:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.fixture(scope="session")
def kampen_text() -> str:
    return Path(settings.BUILTIN_DOCUMENT).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kampen_docx_path(tmp_path_factory: pytest.TempPathFactory, kampen_text: str) -> Path:
    """The Kampen document as a Word file made like a municipality's own (once per session/worker)."""
    return write_docx(kampen_text, tmp_path_factory.mktemp("kampen-docx") / "kampen.docx")


@pytest.fixture(scope="session")
def kampen_pdf_path(tmp_path_factory: pytest.TempPathFactory, kampen_docx_path: Path) -> Path:
    """That Word file as a PDF by headless LibreOffice (seconds: ask for it only where needed)."""
    return convert_to_pdf(kampen_docx_path, tmp_path_factory.mktemp("kampen-pdf"))


# The test database's rows after the session's Kampen import (one per xdist worker process).
SNAPSHOT: list[str] = []


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any, kampen_text: str) -> None:
    """Import Kampen once per test database (once per xdist worker); a test gets it by rollback.

    The snapshot that Django's ``serialized_rollback`` loads before a transactional test (the live
    server's browser tests, for one) is taken again after the import, so those tests find Kampen too.
    """
    with django_db_blocker.unblock():
        document_import(text=kampen_text, filename="kampen.txt")
        SNAPSHOT.append(connection.creation.serialize_db_to_string())
        connection._test_serialized_contents = SNAPSHOT[0]  # type: ignore[attr-defined]


# Tests that take tens of seconds or more: by marker, and the page crawlers of tests/trust.
_LONG_MARKERS = {"browser", "fuzz", "slow", "db_independent", "single_pass"}


def _long(item: pytest.Item) -> bool:
    return (
        bool(_LONG_MARKERS & {marker.name for marker in item.iter_markers()}) or "tests/trust/" in item.nodeid
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Long tests first in each worker's share of the run.

    pytest-xdist's ``worksteal`` gives each of the two workers a contiguous half of the collection and can
    only move tests that have not started; with the long tests at the end (tests/trust, tests/browser) one
    worker ran them alone for minutes while the other was done. Here the long tests are dealt out in turn
    to the start of either half, so both workers begin with them and the short ones fill in at the end.
    """
    long = [item for item in items if _long(item)]
    if not long or len(long) == len(items):
        return
    long_ids = {id(item) for item in long}
    short = [item for item in items if id(item) not in long_ids]
    first, second = long[0::2], long[1::2]
    cut = max(0, len(items) // 2 - len(first))
    items[:] = [*first, *short[:cut], *second, *short[cut:]]


def _transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return marker is not None and (
        bool(marker.kwargs.get("transaction")) or "live_server" in getattr(item, "fixturenames", ())
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A transactional test leaves an empty database (Django flushes it at the end); put the session's
    Kampen back. Emptied again first: under Playwright the flush may have re-created the content types."""
    yield
    if not _transactional(item) or nextitem is None:  # the last test: the database is already gone
        return
    with item.config.stash[blocking_manager_key].unblock():
        call_command(
            "flush", interactive=False, inhibit_post_migrate=True, reset_sequences=False, verbosity=0
        )
        connection.creation.deserialize_db_from_string(SNAPSHOT[0])


@pytest.fixture
def kampen(db: None, kampen_text: str) -> Covenant:
    """The imported Kampen covenant (imported again should a test have emptied the database)."""
    covenant = Covenant.objects.filter(title=KAMPEN_TITLE).first()
    if covenant is None:
        covenant = document_import(text=kampen_text, filename="kampen.txt").covenant
    return covenant


@pytest.fixture
def empty_database(db: None) -> None:
    """For the tests of importing itself: no covenant or organisation stored yet (inside the test's
    transaction, so the session's Kampen import is back for the next test)."""
    wipe_database()


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
    return UserFactory(
        organisation=_organisation("deltaWonen"),
        role=Role.EDITOR,
        username="delta-editor",
        email="delta@example.org",
    )


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


# freezegun must not stop pytest's own clock: the durations report would show the frozen day's distance.
freezegun.configure(extend_ignore_list=["_pytest.timing"])
