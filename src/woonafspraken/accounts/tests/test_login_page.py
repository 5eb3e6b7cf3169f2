"""The login page: a button per enabled identity provider beside the local login, which keeps working
(and keeps its django-axes throttling)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from woonafspraken.accounts.models import IdentityProvider, User
from woonafspraken.accounts.tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def _provider(slug: str, *, enabled: bool = True) -> IdentityProvider:
    return IdentityProvider.objects.create(
        name=f"IdP {slug}",
        slug=slug,
        issuer=f"https://{slug}.example",
        authorization_endpoint=f"https://{slug}.example/authorize",
        token_endpoint=f"https://{slug}.example/token",
        jwks_uri=f"https://{slug}.example/jwks",
        client_id="woonafspraken",
        client_secret="geheim-" + slug,
        enabled=enabled,
    )


def test_a_button_per_enabled_provider(client: Client):
    _provider("kampen")
    _provider("zwolle", enabled=False)
    page = client.get(reverse("login") + "?next=/convenanten/1/").content.decode()
    assert gettext("Log in with %(provider)s") % {"provider": "IdP kampen"} in page
    assert 'href="/inloggen/sso/kampen/?next=/convenanten/1/"' in page
    assert "IdP zwolle" not in page and "geheim" not in page


def test_without_providers_only_the_local_login(client: Client):
    page = client.get(reverse("login")).content.decode()
    assert "/inloggen/sso/" not in page and 'name="password"' in page


def test_local_accounts_keep_working_and_keep_their_throttling(client: Client, coordinator: User):
    _provider("kampen")
    response = client.post(reverse("login"), {"username": "coordinator", "password": TEST_PASSWORD})
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(coordinator.pk)
    client.logout()
    client.post(reverse("login"), {"username": "coordinator", "password": "fout"})
    assert AccessAttempt.objects.get(username="coordinator").failures_since_start == 1


def test_the_start_goes_to_the_provider_with_state_nonce_and_pkce(client: Client):
    _provider("kampen")
    response = client.get(reverse("accounts:sso_start", args=["kampen"]))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://kampen.example/authorize?")
    for part in (
        "client_id=woonafspraken",
        "scope=openid+email+profile",
        "code_challenge=",
        "nonce=",
        "state=",
    ):
        assert part in location
    assert "geheim" not in location
    (started,) = client.session["oidc_states"].values()
    assert started["provider"] == "kampen"


def test_a_disabled_or_unknown_provider_goes_back_to_the_login_page(client: Client):
    _provider("zwolle", enabled=False)
    for slug in ("zwolle", "nergens"):
        response = client.get(reverse("accounts:sso_start", args=[slug]), follow=True)
        assert response.redirect_chain == [(reverse("login"), 302)]
        assert (
            gettext("This way of logging in is not available. Choose another below.")
            in response.content.decode()
        )
    assert "oidc_states" not in client.session


def test_a_callback_that_was_not_started_here_goes_back_to_the_login_page(client: Client):
    _provider("kampen")
    response = client.get(reverse("accounts:sso_callback") + "?code=abc&state=xyz", follow=True)
    assert response.redirect_chain == [(reverse("login"), 302)]
    assert (
        gettext("This login was not started here or has expired. Please try again.")
        in response.content.decode()
    )
    assert not response.context["user"].is_authenticated


def test_the_admin_never_shows_the_client_secret_and_keeps_it_when_left_empty(client: Client):
    admin = User.objects.create_superuser("root", password=TEST_PASSWORD)
    client.force_login(admin)
    provider = _provider("kampen")
    url = reverse("admin:accounts_identityprovider_change", args=[provider.pk])
    page = client.get(url).content.decode()
    assert "geheim-kampen" not in page and 'name="client_secret"' in page
    form = {
        "name": "IdP kampen",
        "slug": "kampen",
        "enabled": "on",
        "issuer": provider.issuer,
        "client_id": "woonafspraken",
        "client_secret": "",
        "scopes": "openid groups",
        "username_claim": "preferred_username",
        "authorization_endpoint": provider.authorization_endpoint,
        "token_endpoint": provider.token_endpoint,
        "userinfo_endpoint": "",
        "jwks_uri": provider.jwks_uri,
        "mappings-TOTAL_FORMS": "0",
        "mappings-INITIAL_FORMS": "0",
    }
    assert client.post(url, form).status_code == 302
    provider.refresh_from_db()
    assert (provider.client_secret, provider.scopes) == ("geheim-kampen", "openid groups")
    assert client.post(url, {**form, "client_secret": "nieuw-geheim"}).status_code == 302
    provider.refresh_from_db()
    assert provider.client_secret == "nieuw-geheim"
    add = client.post(reverse("admin:accounts_identityprovider_add"), {**form, "slug": "zwolle", "name": "Z"})
    assert add.status_code == 200 and not IdentityProvider.objects.filter(slug="zwolle").exists()
    assert gettext("Enter the client secret the provider gave you.") in add.content.decode()
