"""The bod pages: the bods of a year, record a bod and its items, submit, respond; who may open which."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.tests.factories import plan
from woonafspraken.renewal.models import Bod, BodItemKind, BodPosition, BodState
from woonafspraken.renewal.services.bod import bod_create, bod_item_add, bod_respond, bod_submit, bod_update

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(name: str, covenant: Covenant, *args: int) -> str:
    return reverse(f"renewal:{name}", args=[covenant.pk, *args])


@pytest.fixture
def delta(kampen: Covenant) -> Organisation:
    return Organisation.objects.get(name="deltaWonen")


@pytest.fixture
def bod(kampen: Covenant, delta: Organisation, corporation_editor: User) -> Bod:
    return bod_create(covenant=kampen, user=corporation_editor, corporation=delta, year=2027)


@freeze_time("2026-06-25 10:00")
def test_a_corporation_records_a_bod_on_the_web_and_its_tenants_respond(
    kampen: Covenant, delta: Organisation, corporation_editor: User, tenant_editor: User
):
    editor = _client(corporation_editor)
    list_page = editor.get(_url("bod_list", kampen)).content.decode()
    assert "deltaWonen" in list_page and "Beter Wonen IJsselmuiden" in list_page
    assert _url("bod_new", kampen) in list_page
    form = editor.get(_url("bod_new", kampen) + "?jaar=2027").content.decode()
    assert 'name="corporation"' not in form and 'value="2027"' in form  # one's own corporation
    response = editor.post(
        _url("bod_new", kampen),
        {"year": "2027", "summary": "Ons bod voor 2027",
         "file": SimpleUploadedFile("bod.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")},
    )  # fmt: skip
    bod = Bod.objects.get(covenant=kampen, corporation=delta, year=2027)
    assert response.status_code == 302 and response["Location"] == _url("bod", kampen, bod.pk)
    agreement = kampen.agreements.get(number="1.1.2")
    response = editor.post(
        _url("bod_item_add", kampen, bod.pk),
        {"agreement": agreement.pk, "kind": BodItemKind.NEW_BUILD, "text": "Sociale huurwoningen",
         "number": "40", "unit": "woningen"},
    )  # fmt: skip
    assert response.status_code == 302
    page = editor.get(_url("bod", kampen, bod.pk)).content.decode()
    assert "Sociale huurwoningen" in page and "40 woningen" in page
    assert reverse("agreements:detail", args=[kampen.pk, "1.1.2"]) in page
    assert _url("bod_submit", kampen, bod.pk) in page
    assert editor.get(_url("bod_document", kampen, bod.pk)).status_code == 200
    response = editor.post(_url("bod_submit", kampen, bod.pk), {"submitted_on": "2026-06-25"})
    assert response.status_code == 302
    bod.refresh_from_db()
    assert (bod.state, bod.submitted_on) == (BodState.SUBMITTED, dt.date(2026, 6, 25))
    assert _url("bod_submit", kampen, bod.pk) not in editor.get(_url("bod", kampen, bod.pk)).content.decode()

    tenants = _client(tenant_editor)
    page = tenants.get(_url("bod", kampen, bod.pk)).content.decode()
    assert _url("bod_respond", kampen, bod.pk) in page and 'name="position"' in page
    response = tenants.post(
        _url("bod_respond", kampen, bod.pk),
        {"position": BodPosition.SUPPORTS, "text": "De CBR steunt dit bod.", "responded_on": "2026-06-25"},
    )
    assert response.status_code == 302
    page = tenants.get(_url("bod", kampen, bod.pk)).content.decode()
    assert "De CBR steunt dit bod." in page and 'name="position"' not in page
    assert "Centrale Bewonersraad deltaWonen" in editor.get(_url("bod_list", kampen)).content.decode()


def test_the_menu_has_a_bod_entry(kampen: Covenant, reader: User):
    page = _client(reader).get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    assert f'href="{_url("bod_list", kampen)}"' in page


def test_others_read_but_do_not_change_a_bod(
    kampen: Covenant, bod: Bod, coordinator: User, tenant_editor: User, corporation_editor: User
):
    bod_update(bod=bod, user=corporation_editor, summary="Wij bouwen 40 woningen per jaar.")
    beter_wonen = UserFactory(
        organisation=Organisation.objects.get(name="Beter Wonen IJsselmuiden"), role=Role.EDITOR
    )
    writes = [_url(name, kampen, bod.pk) for name in ("bod_edit", "bod_item_add", "bod_submit")]
    own = _client(corporation_editor).get(_url("bod", kampen, bod.pk)).content.decode()
    assert all(f'"{url}"' in own for url in writes)  # the corporation's own editor gets them
    for user in (coordinator, beter_wonen, tenant_editor):
        client = _client(user)
        page = client.get(_url("bod", kampen, bod.pk))
        html = page.content.decode()
        assert page.status_code == 200 and "deltaWonen" in html and "Wij bouwen 40 woningen per jaar." in html
        assert not any(f'"{url}"' in html for url in writes), user
        for name in ("bod_edit", "bod_item_add", "bod_submit"):
            assert client.get(_url(name, kampen, bod.pk)).status_code == 403, (user, name)
            assert client.post(_url(name, kampen, bod.pk), {}).status_code == 403, (user, name)
    assert _client(coordinator).get(_url("bod_new", kampen)).status_code == 403
    assert _client(coordinator).get(_url("bod_respond", kampen, bod.pk)).status_code == 403
    assert not bod.items.exists()


def test_a_refused_form_says_why_in_the_page(kampen: Covenant, bod: Bod, corporation_editor: User):
    editor = _client(corporation_editor)
    response = editor.post(_url("bod_submit", kampen, bod.pk), {"submitted_on": "2026-06-25"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    bod.refresh_from_db()
    assert bod.state == BodState.DRAFT
    response = editor.post(_url("bod_item_add", kampen, bod.pk), {"kind": BodItemKind.OTHER, "text": "Iets"})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()  # no theme
    assert not bod.items.exists()


def test_items_are_changed_and_removed_until_the_bod_is_submitted(
    kampen: Covenant, bod: Bod, corporation_editor: User
):
    theme = kampen.themes.order_by("number").first()
    item = bod_item_add(bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="Eerst", theme=theme)
    editor = _client(corporation_editor)
    response = editor.post(
        _url("bod_item_edit", kampen, item.pk),
        {
            "theme": theme.pk,
            "kind": BodItemKind.AFFORDABILITY,
            "text": "Daarna",
            "new_topic": "Huurbevriezing",
        },  # type: ignore[union-attr]
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.text, item.kind, item.new_topic) == ("Daarna", BodItemKind.AFFORDABILITY, "Huurbevriezing")
    assert "Huurbevriezing" in editor.get(_url("bod", kampen, bod.pk)).content.decode()
    bod_submit(bod=bod, user=corporation_editor, on=dt.date(2026, 6, 1))
    assert editor.post(_url("bod_item_remove", kampen, item.pk)).status_code == 302
    assert bod.items.count() == 1  # submitted: no longer removed
    assert editor.get(_url("bod_item_edit", kampen, item.pk)).status_code == 302
    bod_item_new = bod_create(
        covenant=kampen, user=corporation_editor, corporation=bod.corporation, year=2028
    )
    extra = bod_item_add(
        bod=bod_item_new, user=corporation_editor, kind=BodItemKind.OTHER, text="x", theme=theme
    )
    assert editor.post(_url("bod_item_remove", kampen, extra.pk)).status_code == 302
    assert not bod_item_new.items.exists()


@freeze_time("2026-07-10")
def test_the_calendar_says_the_bods_ticked_the_milestone_off(
    kampen: Covenant, corporation_editor: User, coordinator: User, delta: Organisation
):
    plan(kampen, 2027)
    beter_wonen_org = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    beter_wonen = UserFactory(organisation=beter_wonen_org, role=Role.COORDINATOR)
    theme = kampen.themes.order_by("number").first()
    for user, corporation, day in ((corporation_editor, delta, 29), (beter_wonen, beter_wonen_org, 30)):
        bod = bod_create(covenant=kampen, user=user, corporation=corporation, year=2027)
        bod_item_add(bod=bod, user=user, kind=BodItemKind.OTHER, text="x", theme=theme)
        bod_submit(bod=bod, user=user, on=dt.date(2026, 6, day))
    page = _client(coordinator).get(reverse("annual_plans:calendar", args=[kampen.pk])).content.decode()
    assert "30 juni 2026" in page


@freeze_time("2026-05-01 10:00")
def test_my_work_shows_the_bod_to_bring_out_and_the_bod_to_respond_to(
    kampen: Covenant, delta: Organisation, corporation_editor: User, tenant_editor: User
):
    home = reverse("agreements:covenant", args=[kampen.pk])
    page = _client(corporation_editor).get(home).content.decode()
    assert _url("bod_new", kampen) + "?jaar=2027" in page
    bod = bod_create(covenant=kampen, user=corporation_editor, corporation=delta, year=2027)
    bod_item_add(bod=bod, user=corporation_editor, kind=BodItemKind.OTHER, text="x",
                 theme=kampen.themes.order_by("number").first())  # fmt: skip
    bod_submit(bod=bod, user=corporation_editor)
    assert _url("bod", kampen, bod.pk) in _client(tenant_editor).get(home).content.decode()
    bod_respond(bod=bod, user=tenant_editor, text="Akkoord", position=BodPosition.SUPPORTS)
    assert _url("bod", kampen, bod.pk) not in _client(tenant_editor).get(home).content.decode()
