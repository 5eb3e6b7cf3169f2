"""Refusals and errors are explained in Dutch, on the app's own pages."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant

pytestmark = pytest.mark.django_db


def test_a_refusal_is_explained_in_dutch(client: Client, reader: User, kampen: Covenant):
    client.force_login(reader)
    response = client.get(reverse("agreements:amend", args=[kampen.pk, "1.3.5"]))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Niet toegestaan" in html and "Er is niets gewijzigd" in html
    assert 'lang="nl"' in html


def test_a_missing_page_is_explained_in_dutch(client: Client, reader: User, kampen: Covenant):
    client.force_login(reader)
    response = client.get(reverse("agreements:detail", args=[kampen.pk, "9.9.9"]))
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_an_expired_form_is_explained_in_dutch(reader: User, kampen: Covenant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = client.post(
        reverse("annual_plans:agreement_comment", args=[kampen.pk, "1.3.5"]), {"text": "x"}
    )
    assert response.status_code == 403
    assert "Formulier verlopen" in response.content.decode()


def test_the_server_error_page_needs_no_request():
    assert "Er ging iets mis" in render_to_string("500.html")


def test_a_covenant_page_has_the_covenant_menu_and_its_error_pages_do_not(
    client: Client, reader: User, kampen: Covenant
):
    """The menu comes from the covenant the middleware loaded; a refusal or a missing item is no page of it."""
    client.force_login(reader)
    menu = f'href="{reverse("agreements:list", args=[kampen.pk])}"'
    page = client.get(reverse("agreements:detail", args=[kampen.pk, "1.3.5"]))
    assert page.status_code == 200 and menu in page.content.decode()
    assert page.context["covenant"] == kampen and page.context["covenant_nav"]
    refused = client.get(reverse("agreements:amend", args=[kampen.pk, "1.3.5"]))
    missing = client.get(reverse("agreements:detail", args=[kampen.pk, "9.9.9"]))
    assert (refused.status_code, missing.status_code) == (403, 404)
    assert menu not in refused.content.decode() and menu not in missing.content.decode()
