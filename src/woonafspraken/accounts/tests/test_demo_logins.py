"""`woonafspraken init --demo` makes one example login per role: random passwords shown once, marked in
the page header as an example account."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from woonafspraken.accounts.demo import DEMO_LOGINS, demo_logins_create
from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant

pytestmark = pytest.mark.django_db


def test_one_example_login_per_role_with_a_random_password_shown_once(kampen: Covenant):
    first = demo_logins_create(parties=kampen.parties.all())
    assert [login.username for login in first] == [username for _, username, _ in DEMO_LOGINS]
    assert {login.role for login in first} == {"coordinator", "editor", "reader", "administrator"}
    assert len({login.password for login in first}) == 5 and all(
        len(login.password or "") >= 12 for login in first
    )
    coordinator = User.objects.get(username="voorbeeld-coordinator")
    assert coordinator.is_demo and coordinator.organisation.name == "Gemeente Kampen"
    assert coordinator.check_password(first[0].password)
    assert User.objects.get(username="voorbeeld-bewerker").organisation.kind == "corporatie"
    assert User.objects.get(username="voorbeeld-huurders").organisation.kind == "huurdersorganisatie"
    assert User.objects.get(username="voorbeeld-lezer").organisation.kind == "gemeente"

    again = demo_logins_create(parties=kampen.parties.all())
    assert [login.password for login in again] == [None] * 5  # not made again, nothing shown again
    assert User.objects.get(username="voorbeeld-coordinator").check_password(first[0].password)


def test_the_header_marks_an_example_account(kampen: Covenant, coordinator: User):
    demo_logins_create(parties=kampen.parties.all())
    client = Client()
    client.force_login(User.objects.get(username="voorbeeld-coordinator"))
    with translation.override("nl"):
        mark = gettext("example account")  # "voorbeeldaccount"
    assert mark in client.get(reverse("web:dashboard"), follow=True).content.decode()
    client.force_login(coordinator)
    assert mark not in client.get(reverse("web:dashboard"), follow=True).content.decode()


def test_init_demo_prints_the_logins(kampen: Covenant, monkeypatch: pytest.MonkeyPatch):
    """init --demo ends with the logins; the example data fillers themselves are tested in their apps."""
    monkeypatch.setattr("woonafspraken.operations.management.commands.init.fillers", [])
    out = io.StringIO()
    call_command("init", "--demo", stdout=out)
    shown = re.search(r"voorbeeld-coordinator \(co.rdinator, Gemeente Kampen\).*: (\S+)\n", out.getvalue())
    assert shown and User.objects.get(username="voorbeeld-coordinator").check_password(shown[1])
