"""Signing in with verified claims (``sso_user_sign_in``): the user is created or updated from the claim
mappings, attributed in their history, or refused with nothing stored. The whole flow against a real
provider is in test_sso_provider.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from django.utils.translation import gettext

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import ClaimMapping, ExternalIdentity, IdentityProvider, Organisation, User
from woonafspraken.accounts.services import SignInRefusedError, sso_user_sign_in
from woonafspraken.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The refusals are matched in their source language; the login page test shows them in Dutch."""
    with translation.override("en"):
        yield


CLAIMS = {
    "sub": "42",
    "preferred_username": "anna",
    "email": "anna@kampen.example",
    "given_name": "Anna",
    "family_name": "de Vries",
    "groups": ["kampen-coordinatoren"],
}


@pytest.fixture
def provider(gemeente: Organisation) -> IdentityProvider:
    provider = IdentityProvider.objects.create(
        name="Kampen IdP",
        slug="kampen-idp",
        issuer="https://idp.kampen.example",
        client_id="woonafspraken",
        client_secret="s3cret-value",
    )
    ClaimMapping.objects.create(
        provider=provider,
        claim="groups",
        value="kampen-coordinatoren",
        organisation=gemeente,
        role=Role.COORDINATOR,
    )
    return provider


def test_a_mapped_user_is_created_with_organisation_role_and_name(
    provider: IdentityProvider, gemeente: Organisation
):
    user = sso_user_sign_in(provider=provider, claims=CLAIMS)
    user.refresh_from_db()
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "anna",
        "anna@kampen.example",
        "Anna",
        "de Vries",
    )
    assert (user.organisation, user.role) == (gemeente, Role.COORDINATOR)
    assert not user.has_usable_password()
    assert ExternalIdentity.objects.get(provider=provider, subject="42").user == user
    record = user.history.get()
    assert record.history_user == user and record.history_type == "+"
    assert (
        "Kampen IdP" in record.history_change_reason
        and "kampen-coordinatoren" in record.history_change_reason
    )
    assert not hasattr(record, "password")


def test_the_next_login_follows_a_changed_mapping_and_is_recognised_by_subject(provider: IdentityProvider):
    first = sso_user_sign_in(provider=provider, claims=CLAIMS)
    ClaimMapping.objects.filter(provider=provider).update(role=Role.EDITOR)
    again = sso_user_sign_in(provider=provider, claims={**CLAIMS, "preferred_username": "a.devries"})
    assert again.pk == first.pk and again.username == "anna"
    assert User.objects.get(pk=first.pk).role == Role.EDITOR
    assert [record.role for record in first.history.order_by("history_id")] == [Role.COORDINATOR, Role.EDITOR]


def test_a_login_that_changes_nothing_writes_no_history(provider: IdentityProvider):
    user = sso_user_sign_in(provider=provider, claims=CLAIMS)
    sso_user_sign_in(provider=provider, claims=CLAIMS)
    assert user.history.count() == 1


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        ({**CLAIMS, "groups": ["iedereen"]}, "belongs to no organisation"),
        ({k: v for k, v in CLAIMS.items() if k != "groups"}, "belongs to no organisation"),
        ({k: v for k, v in CLAIMS.items() if k != "sub"}, "did not say who you are"),
        ({**CLAIMS, "preferred_username": "", "email": ""}, "did not say who you are"),
        ({**CLAIMS, "email": "geen adres"}, "cannot store"),
    ],
)
def test_refused_claims_store_nothing(provider: IdentityProvider, claims: dict[str, object], message: str):
    users = User.objects.count()
    with pytest.raises(SignInRefusedError) as refused:
        sso_user_sign_in(provider=provider, claims=claims)
    assert message in refused.value.message
    assert User.objects.count() == users and not ExternalIdentity.objects.exists()


def test_the_refusal_for_no_organisation_is_the_documented_one(provider: IdentityProvider):
    with pytest.raises(SignInRefusedError) as refused:
        sso_user_sign_in(provider=provider, claims={**CLAIMS, "groups": []})
    assert refused.value.message == gettext(
        "You are logged in at %(provider)s, but your account there belongs to no organisation "
        "in this system, so you cannot log in here. Ask your administrator to give you access."
    ) % {"provider": "Kampen IdP"}


def test_claims_of_two_organisations_are_refused(provider: IdentityProvider, corporation_editor: User):
    ClaimMapping.objects.create(
        provider=provider, claim="groups", value="delta", organisation=corporation_editor.organisation
    )
    with pytest.raises(SignInRefusedError, match="more than one organisation"):
        sso_user_sign_in(provider=provider, claims={**CLAIMS, "groups": ["kampen-coordinatoren", "delta"]})
    assert not User.objects.filter(username="anna").exists()


def test_a_taken_user_name_gets_the_provider_added_and_the_local_account_is_left_alone(
    provider: IdentityProvider,
):
    local = UserFactory(username="anna", email="anna@elders.example")
    user = sso_user_sign_in(provider=provider, claims=CLAIMS)
    assert user.pk != local.pk and user.username == "anna@kampen-idp"
    local.refresh_from_db()
    assert local.email == "anna@elders.example" and local.has_usable_password()
    UserFactory(username="bob")
    UserFactory(username="bob@kampen-idp")
    with pytest.raises(SignInRefusedError, match="taken by another account"):
        sso_user_sign_in(provider=provider, claims={**CLAIMS, "sub": "43", "preferred_username": "bob"})


def test_a_switched_off_account_stays_out(provider: IdentityProvider):
    user = sso_user_sign_in(provider=provider, claims=CLAIMS)
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(SignInRefusedError, match="switched off"):
        sso_user_sign_in(provider=provider, claims=CLAIMS)


def test_the_client_secret_stays_out_of_the_providers_history(provider: IdentityProvider):
    record = provider.history.get()
    assert not hasattr(record, "client_secret")
    assert "s3cret-value" not in str(vars(record))
