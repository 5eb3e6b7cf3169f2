"""A write that waits in vain for SQLite's write lock gets a Dutch "try again" page (503), never a 500,
and leaves nothing half-stored (ADR 0006)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import connections, transaction
from django.db.utils import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from pytest_django import DjangoDbBlocker

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.conf.env import database

pytestmark = pytest.mark.urls(__name__)

BUSY_TIMEOUT = 0.3  # seconds; the settings' default is 20


@login_not_required
def half_then_locked(request: HttpRequest) -> HttpResponse:
    """Writes a row, then hits the lock in the same transaction."""
    with transaction.atomic():
        Organisation.objects.create(name="Half opgeslagen", kind=OrganisationKind.MUNICIPALITY)
        raise OperationalError("database is locked")


@login_not_required
def other_database_error(request: HttpRequest) -> HttpResponse:
    raise OperationalError("no such table: elsewhere")


@login_not_required
def write_to_the_file(request: HttpRequest) -> HttpResponse:
    with transaction.atomic(using="file"), connections["file"].cursor() as cursor:
        cursor.execute("INSERT INTO note (text) VALUES (%s)", [request.POST["text"]])
    return HttpResponse("opgeslagen")


urlpatterns = [
    path("bezet/", half_then_locked),
    path("anders/", other_database_error),
    path("bestand/", write_to_the_file),
]


@pytest.mark.django_db
def test_a_locked_database_gets_the_dutch_busy_page_and_keeps_the_input(client: Client):
    response = client.post("/bezet/", {"text": "Graag ook <b>Brunnepe</b>", "edit_token": "x:1"})
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] and response["Cache-Control"] == "no-store"
    assert 'lang="nl"' in html and "De database is even bezet" in html
    assert "niet</strong> opgeslagen" in html and "knop Vorige" in html
    # The same input, escaped, in a form that sends it again with a fresh CSRF token.
    assert 'value="Graag ook &lt;b&gt;Brunnepe&lt;/b&gt;"' in html and 'name="edit_token" value="x:1"' in html
    assert 'action="/bezet/"' in html and 'name="csrfmiddlewaretoken"' in html
    assert not Organisation.objects.filter(name="Half opgeslagen").exists()


@pytest.mark.django_db
def test_a_password_is_not_put_back_on_the_page(client: Client):
    response = client.post("/bezet/", {"username": "anna", "password": "geheim-wachtwoord"})
    html = response.content.decode()
    assert response.status_code == 503
    assert "geheim-wachtwoord" not in html and "Opnieuw versturen" not in html and "knop Vorige" in html


@pytest.mark.django_db
def test_a_page_that_only_reads_says_nothing_changed(client: Client):
    response = client.get("/bezet/")
    assert response.status_code == 503
    assert "Er is niets gewijzigd" in response.content.decode()


@pytest.mark.django_db
def test_other_database_errors_stay_server_errors(client: Client):
    with pytest.raises(OperationalError, match="no such table"):
        client.get("/anders/")


@pytest.fixture
def file_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, django_db_blocker: DjangoDbBlocker
) -> Iterator[Path]:
    """A second database, a SQLite file with the settings' SQLite options and a short busy timeout.

    Outside the test database's transaction (no ``django_db``): the pages below touch only this file.
    """
    name = tmp_path / "bezet.sqlite3"
    config = database(f"sqlite:///{name}", conn_max_age=0, sqlite_busy_timeout=BUSY_TIMEOUT)
    configured = connections.configure_settings({"default": connections.settings["default"], "file": config})
    monkeypatch.setitem(connections.settings, "file", configured["file"])
    with closing(sqlite3.connect(name)) as setup:
        setup.execute("CREATE TABLE note (text TEXT)")
    try:
        with django_db_blocker.unblock():
            yield name
    finally:
        connections["file"].close()
        del connections["file"]


def _notes(name: Path) -> list[str]:
    with closing(sqlite3.connect(name)) as reader:
        return [text for (text,) in reader.execute("SELECT text FROM note")]


def test_a_real_lock_held_by_another_connection(client: Client, file_database: Path):
    assert client.post("/bestand/", {"text": "eerste"}).content == b"opgeslagen"
    with closing(connections["file"].cursor()) as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
    with closing(sqlite3.connect(file_database, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock
        other.execute("INSERT INTO note (text) VALUES ('van een ander')")
        # Readers do not wait for a writer (write-ahead log): they see the last committed state.
        assert _notes(file_database) == ["eerste"]
        started = time.monotonic()
        response = client.post("/bestand/", {"text": "tweede"})
        waited = time.monotonic() - started
        other.execute("COMMIT")
    assert response.status_code == 503 and "De database is even bezet" in response.content.decode()
    assert waited >= BUSY_TIMEOUT  # it waited for the lock before giving up
    assert _notes(file_database) == ["eerste", "van een ander"]
    # Once the other writer is done, sending the same input again stores it.
    assert client.post("/bestand/", {"text": "tweede"}).content == b"opgeslagen"
    assert _notes(file_database) == ["eerste", "van een ander", "tweede"]


def test_sqlite_gets_the_served_app_options_and_postgresql_its_defaults():
    sqlite = database("sqlite:////tmp/x.sqlite3", conn_max_age=60, sqlite_busy_timeout=20)
    assert sqlite["OPTIONS"] == {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "timeout": 20,
    }
    postgres = database("postgres://postgres@127.0.0.1:5432/x", conn_max_age=60, sqlite_busy_timeout=20)
    assert postgres["ENGINE"] == "django.db.backends.postgresql" and not postgres.get("OPTIONS")
