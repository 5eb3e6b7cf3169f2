"""One organisation across covenants: recognising a party as a stored organisation, and what its users
see once it is party to two covenants."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import can_contribute, can_manage_covenant, can_read_covenant
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.organisations import match_organisation, match_organisations
from woonafspraken.documents.parsing.model import Party, PartyKind
from woonafspraken.documents.services import document_import
from woonafspraken.documents.tests.voorbeeldstad import small_document
from woonafspraken.housing.permissions import can_edit_assumptions, can_edit_figures

pytestmark = pytest.mark.django_db

C, H = PartyKind.CORPORATION, PartyKind.TENANT_ORGANISATION


def corporation(name: str, *short_names: str, kvk: str = "") -> Party:
    return Party(name, C, short_names, kvk=kvk)


def test_the_same_name_is_found_whatever_the_case_and_spacing(kampen: Covenant) -> None:
    stored = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    for name in ("Beter Wonen IJsselmuiden", "beter wonen ijsselmuiden", " Beter  Wonen\tIJsselmuiden"):
        match = match_organisation(corporation(name))
        assert (match.found, match.similar, match.reason, match.doubt) == (stored, (), "Zelfde naam.", False)


def test_the_same_kvk_number_is_found_under_another_name(kampen: Covenant) -> None:
    stored = Organisation.objects.get(name="deltaWonen")
    stored.kvk_number = "05071923"
    stored.save()
    match = match_organisation(corporation("Stichting deltaWonen Zwolle", kvk="05071923"))
    assert (match.found, match.reason) == (stored, "Zelfde KvK-nummer (05071923).")


def test_the_same_name_with_another_kvk_number_is_found_and_says_so(kampen: Covenant) -> None:
    Organisation.objects.filter(name="deltaWonen").update(kvk_number="05071923")
    match = match_organisation(corporation("deltaWonen", kvk="12345678"))
    assert match.found is not None and match.found.name == "deltaWonen"
    assert match.reason == (
        "Zelfde naam, maar een ander KvK-nummer: 05071923 in het register, 12345678 in het document."
    )


@pytest.mark.parametrize(
    ("party", "similar", "reason"),
    [
        (
            corporation("Woonstichting deltaWonen"),
            ["deltaWonen"],
            "Lijkt op: deltaWonen (naam bijna gelijk).",
        ),
        (corporation("Beter Wonen IJselmuiden"), ["Beter Wonen IJsselmuiden"], None),
        (
            corporation("Stichting Beter Wonen Vechtdal", "Beter Wonen"),
            ["Beter Wonen IJsselmuiden"],
            "Lijkt op: Beter Wonen IJsselmuiden (zelfde korte naam 'beter wonen').",
        ),
        (corporation("Woonstichting Thuis", "Thuis"), [], ""),
        (Party("Delta Wonen", H), [], ""),  # a corporation is no tenant organisation
    ],
)
def test_similar_organisations_of_the_same_kind_are_asked_about(
    kampen: Covenant, party: Party, similar: list[str], reason: str | None
) -> None:
    Organisation.objects.filter(name="Beter Wonen IJsselmuiden").update(short_names=["Beter Wonen"])
    match = match_organisation(party)
    assert match.found is None
    assert [org.name for org in match.similar] == similar
    assert match.doubt is bool(similar)
    if reason is not None:
        assert match.reason == reason


def test_a_whole_document_is_matched_in_one_query(kampen: Covenant, django_assert_num_queries) -> None:
    parties = [
        Party("Gemeente Kampen", PartyKind.MUNICIPALITY),
        corporation("deltaWonen", kvk="05071923"),
        corporation("Beter Wonen IJselmuiden"),
        Party("Huurdersvereniging Samen", H),
        Party("Centrale Bewonersraad deltawonen", H),
    ]
    with django_assert_num_queries(1):
        matches = match_organisations(parties)
    assert {name: match.found.name if match.found else None for name, match in matches.items()} == {
        "Gemeente Kampen": "Gemeente Kampen",
        "deltaWonen": "deltaWonen",
        "Beter Wonen IJselmuiden": None,
        "Huurdersvereniging Samen": None,
        "Centrale Bewonersraad deltawonen": "Centrale Bewonersraad deltaWonen",
    }
    assert [org.name for org in matches["Beter Wonen IJselmuiden"].similar] == ["Beter Wonen IJsselmuiden"]
    with django_assert_num_queries(0):
        assert match_organisations([]) == {}


def test_a_kvk_number_is_unique_when_given(kampen: Covenant) -> None:
    Organisation.objects.filter(kind="corporatie").update(kvk_number="")  # two blanks are fine
    delta = Organisation.objects.get(name="deltaWonen")
    delta.kvk_number = "05071923"
    delta.full_clean()
    delta.save()
    other = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    other.kvk_number = "05071923"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert error.value.messages == [_("Another organisation has this KvK number.")]
    with pytest.raises(IntegrityError), transaction.atomic():
        other.save()
    other.kvk_number = "1234"
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert error.value.message_dict == {"kvk_number": [_("A KvK number has eight digits.")]}


# One corporation, two covenants ------------------------------------------------------------------


@pytest.fixture
def second_covenant(kampen: Covenant) -> Covenant:
    """A small covenant of another municipality with deltaWonen, spelled exactly as in Kampen."""
    text = small_document(
        ("Gemeente Voorbeeldstad", "deltaWonen", "Huurdersvereniging Samen"),
        "De gemeente Voorbeeldstad, de woningcorporatie deltaWonen en de huurdersvereniging "
        "Huurdersvereniging Samen maken deze afspraken.",
    )
    return document_import(text=text, filename="voorbeeldstad.txt").covenant


@pytest.fixture
def delta_editor(kampen: Covenant) -> User:
    return UserFactory(organisation=Organisation.objects.get(name="deltaWonen"), role=Role.EDITOR)


def test_a_corporation_in_two_covenants_is_one_organisation(
    kampen: Covenant, second_covenant: Covenant
) -> None:
    delta = Organisation.objects.get(name="deltaWonen")
    assert Organisation.objects.filter(name__iexact="deltawonen").count() == 1
    assert set(Covenant.objects.filter(party_links__organisation=delta)) == {kampen, second_covenant}
    assert second_covenant.municipality == "Voorbeeldstad"


def test_its_user_sees_and_works_in_both_covenants(
    client: Client, kampen: Covenant, second_covenant: Covenant, delta_editor: User
) -> None:
    client.force_login(delta_editor)
    listing = client.get(reverse("web:dashboard"))
    assert listing.status_code == 200
    assert {covenant.pk for covenant in listing.context["covenants"]} == {kampen.pk, second_covenant.pk}
    delta = Organisation.objects.get(name="deltaWonen")
    for covenant in (kampen, second_covenant):
        assert client.get(reverse("agreements:covenant", args=[covenant.pk])).status_code == 200
        assert client.get(reverse("agreements:list", args=[covenant.pk])).status_code == 200
        assert can_read_covenant(delta_editor, covenant)
        assert can_contribute(delta_editor, covenant)
        assert can_edit_figures(delta_editor, covenant, delta.pk)
        assert can_edit_assumptions(delta_editor, covenant)
        assert not can_manage_covenant(delta_editor, covenant)  # an editor, not a coordinator


def test_a_party_to_one_covenant_does_not_see_the_other(
    client: Client, kampen: Covenant, second_covenant: Covenant, corporation_editor: User
) -> None:
    beter_wonen = UserFactory(organisation=Organisation.objects.get(name="Beter Wonen IJsselmuiden"))
    client.force_login(beter_wonen)
    assert client.get(reverse("web:dashboard")).url == reverse("agreements:covenant", args=[kampen.pk])
    assert client.get(reverse("agreements:covenant", args=[second_covenant.pk])).status_code == 403
    assert not can_read_covenant(beter_wonen, second_covenant)
    samen = Organisation.objects.get(name="Huurdersvereniging Samen")
    assert not can_edit_figures(UserFactory(organisation=samen, role=Role.EDITOR), second_covenant, samen.pk)
