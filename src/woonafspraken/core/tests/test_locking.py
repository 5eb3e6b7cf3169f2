"""The shared optimistic-locking mechanism (``core.locking``, ADR 0005), on a plain model with history."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import OrganisationFactory, UserFactory
from woonafspraken.agreements.models import Covenant, Theme
from woonafspraken.core.locking import Rows, edit_token, edit_tokens, ensure_unchanged, lock_unchanged
from woonafspraken.core.models import StaleEditError, attribute_change
from woonafspraken.core.tests.editing import seen_token

pytestmark = pytest.mark.django_db


def _rename(organisation: Organisation, name: str, user: User | None = None, **extra: object) -> None:
    organisation.name = name
    for field, value in extra.items():
        setattr(organisation, field, value)
    attribute_change(organisation, user)
    organisation.save()


def test_a_token_names_the_newest_history_record_per_model():
    organisation = OrganisationFactory(name="Woonstichting Oost")
    newest = organisation.history.latest("history_id").history_id
    assert edit_token(Rows.of(organisation)) == f"accounts.organisation:{newest}"
    assert edit_token(Rows(Organisation, {"name": "bestaat niet"})) == "accounts.organisation:0"


def test_without_a_token_nothing_is_checked():
    organisation = OrganisationFactory(name="Woonstichting Oost")
    seen = edit_token(Rows.of(organisation))
    _rename(organisation, "Woonstichting West")
    ensure_unchanged(Rows.of(organisation), expected=None)
    ensure_unchanged(Rows.of(organisation), expected="")
    with pytest.raises(StaleEditError):
        ensure_unchanged(Rows.of(organisation), expected=seen)


def test_the_error_says_who_when_and_what_field_by_field_in_dutch():
    organisation = OrganisationFactory(name="Woonstichting Oost", short_names=["Oost"])
    seen = edit_token(Rows.of(organisation))
    editor = UserFactory(first_name="Anna", last_name="de Vries", organisation=organisation)
    _rename(organisation, "Woonstichting West", editor, kind="gemeente", short_names=["West", "W"])
    with translation.override("nl"), pytest.raises(StaleEditError) as caught:
        ensure_unchanged(Rows.of(organisation), expected=seen, current=organisation)
    error = caught.value
    assert error.message.startswith(
        "Organisatie “Woonstichting West”: gewijzigd door Anna de Vries (Woonstichting West) op "
    )
    assert "Uw wijziging is niet opgeslagen." in error.message
    (change,) = error.changes
    assert change.change == "gewijzigd" and change.who == "Anna de Vries (Woonstichting West)"
    fields = {f.field: (f.label, f.old, f.new) for f in change.fields}
    assert fields["name"] == ("Naam", "Woonstichting Oost", "Woonstichting West")
    assert fields["kind"] == ("Soort", "woningcorporatie", "gemeente")
    assert fields["short_names"][1:] == ("Oost", "West, W")
    assert error.current == organisation
    assert error.token == edit_token(Rows.of(organisation))


def test_only_the_fields_the_form_writes_count_and_a_save_without_change_is_no_conflict():
    organisation = OrganisationFactory(name="Woonstichting Oost")
    seen = edit_token(Rows.of(organisation))
    _rename(organisation, "Woonstichting Oost")  # saved, nothing changed
    _rename(organisation, "Woonstichting Oost", short_names=["Oost"])
    ensure_unchanged(Rows.of(organisation, ["name", "kind"]), expected=seen)
    with pytest.raises(StaleEditError):
        ensure_unchanged(Rows.of(organisation, ["short_names"]), expected=seen)


def test_rows_created_and_removed_since_are_shown_too():
    kept = OrganisationFactory(name="Woonstichting Oost")
    removed = OrganisationFactory(name="Woonstichting Weg")
    rows = Rows(Organisation, {"name__startswith": "Woonstichting"}, ("name",))
    seen = edit_token(rows)
    OrganisationFactory(name="Woonstichting Nieuw")
    removed.delete()
    with translation.override("nl"), pytest.raises(StaleEditError) as caught:
        ensure_unchanged(rows, expected=seen)
    changes = {c.item: (c.change, [(f.old, f.new) for f in c.fields]) for c in caught.value.changes}
    assert changes == {
        "Organisatie “Woonstichting Nieuw”": ("aangemaakt", [("–", "Woonstichting Nieuw")]),
        "Organisatie “Woonstichting Weg”": ("verwijderd", [("Woonstichting Weg", "–")]),
    }
    assert kept.pk  # unchanged rows are not listed


@pytest.mark.parametrize(
    "token", ["onzin", "accounts.organisation:²", "accounts.organisation:" + "9" * 40, ":,:,", "x" * 5000]
)
def test_an_unreadable_token_counts_as_having_seen_nothing(token: str):
    organisation = OrganisationFactory(name="Woonstichting Oost")
    with pytest.raises(StaleEditError) as caught:
        ensure_unchanged(Rows.of(organisation), expected=token)
    assert caught.value.changes[0].fields[0].new == "Woonstichting Oost"


def test_tokens_for_a_list_of_rows_take_one_query():
    organisations = [OrganisationFactory() for _ in range(5)]
    with CaptureQueriesContext(connection) as queries:
        tokens = edit_tokens(organisations)
    assert len(queries) == 1
    assert tokens == {org.pk: edit_token(Rows.of(org)) for org in organisations}
    assert edit_tokens([]) == {}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # keeps the seeded reference rows
def test_two_saves_at_the_same_moment_one_wins_the_other_is_refused():
    """The row is locked before the history is read, so the second save waits for the first to commit
    and then sees its change (on PostgreSQL; SQLite serialises writers by locking the whole file)."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    organisation = OrganisationFactory(name="Woonstichting Oost")
    seen = edit_token(Rows.of(organisation))
    locked = threading.Event()
    outcome: dict[str, object] = {}

    def save(name: str, wait: threading.Event | None) -> None:
        try:
            if wait is not None:
                wait.wait(5)
            with transaction.atomic():
                row = lock_unchanged(organisation, expected=seen, fields=["name"])
                if wait is None:
                    locked.set()
                    time.sleep(0.5)  # the other save starts while this one holds the lock
                row.name = name
                row.save()
            outcome[name] = "saved"
        except StaleEditError as error:
            outcome[name] = error
        finally:
            connections.close_all()

    first = threading.Thread(target=save, args=("Eerste", None))
    second = threading.Thread(target=save, args=("Tweede", locked))
    first.start()
    second.start()
    first.join()
    second.join()
    assert outcome["Eerste"] == "saved"
    assert isinstance(outcome["Tweede"], StaleEditError)
    assert Organisation.objects.get(pk=organisation.pk).name == "Eerste"


def test_a_revert_on_top_of_an_unseen_change_is_refused(kampen: Covenant, coordinator: User):
    theme = Theme.objects.get(covenant=kampen, number=2)
    original = theme.title
    client = Client()
    client.force_login(coordinator)
    url = reverse("operations:history", args=["agreements.theme", theme.pk])
    _retitle(theme, "Eerste wijziging")
    first = theme.history.order_by("history_id").first()
    page = client.get(url)  # the user now sees the first change and puts the original back...
    token = seen_token(page)
    _retitle(theme, "Tweede wijziging, door iemand anders")  # ...while someone else changes it again

    response = client.post(url, {"history_id": first.history_id, "edit_token": token}, follow=True)

    html = response.content.decode()
    assert "Niet teruggezet. Thema “2 - Tweede wijziging, door iemand anders”: gewijzigd door" in html
    assert "Die wijziging staat nu bovenaan de geschiedenis hieronder." in html
    theme.refresh_from_db()
    assert theme.title == "Tweede wijziging, door iemand anders"

    client.post(url, {"history_id": first.history_id, "edit_token": seen_token(html)})
    theme.refresh_from_db()
    assert theme.title == original


def _retitle(theme: Theme, title: str) -> None:
    theme.title = title
    theme.save()


def test_a_damaged_edit_token_is_a_message_for_the_whole_form_not_a_hidden_field_error():
    from django import forms as django_forms

    from woonafspraken.core.locking import EditTokenForm

    class TitleForm(EditTokenForm):
        title = django_forms.CharField()

    form = TitleForm({"title": "Nieuw", "edit_token": "kapot\x00token"})
    assert not form.is_valid()
    assert "edit_token" not in form.errors  # a hidden field's error would not be seen
    assert [error.code for error in form.non_field_errors().as_data()] == ["edit_token"]
    assert TitleForm({"title": "Nieuw", "edit_token": "abc"}).is_valid()
