"""Single sign-on against a real OpenID provider: django-oauth-toolkit with OpenID Connect, in a process of
its own (tests/oidc_provider), on a free port with its own SQLite database and a fresh RSA key.

The test client plays our side; ``requests`` plays the browser at the provider (its login form). The
code goes back to our callback, and our backend exchanges it at the provider over HTTP and verifies the
ID token against the provider's published keys (RS256).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from axes.models import AccessAttempt
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import ClaimMapping, ExternalIdentity, IdentityProvider, Organisation, User

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[4]
CLIENT_ID = "woonafspraken-test"
CLIENT_SECRET = "provider-test-secret"  # noqa: S105  (the test provider's only client)
CALLBACK = "http://testserver/inloggen/sso/terug/"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def provider_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The running provider's base URL (its issuer is ``<url>/o``), once for this module."""
    port = _free_port()
    log = tmp_path_factory.mktemp("oidc-provider") / "provider.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "PROVIDER_DATABASE": str(log.parent / "provider.sqlite3"),
        "PROVIDER_CLIENT_ID": CLIENT_ID,
        "PROVIDER_CLIENT_SECRET": CLIENT_SECRET,
        "PROVIDER_REDIRECT_URI": CALLBACK,
    }
    env.pop("DATABASE_URL", None)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.oidc_provider.serve", str(port)],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    # The provider is on this machine: never through a proxy the environment may name.
    no_proxy = os.environ.get("NO_PROXY")
    os.environ["NO_PROXY"] = ",".join(filter(None, [no_proxy, "127.0.0.1", "localhost"]))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/o/.well-known/openid-configuration", timeout=2).ok:
                    break
            except requests.ConnectionError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the test provider did not start:\n{log.read_text()}")
            time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        if no_proxy is None:
            os.environ.pop("NO_PROXY", None)
        else:
            os.environ["NO_PROXY"] = no_proxy


@pytest.fixture
def identity_provider(provider_url: str, gemeente: Organisation) -> IdentityProvider:
    """Configured as an administrator would: the issuer only (endpoints from discovery) and one mapping."""
    provider = IdentityProvider.objects.create(
        name="Kampen IdP",
        slug="kampen-idp",
        issuer=f"{provider_url}/o",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        scopes="openid email profile groups",
    )
    ClaimMapping.objects.create(
        provider=provider,
        claim="groups",
        value="kampen-coordinatoren",
        organisation=gemeente,
        role=Role.COORDINATOR,
    )
    return provider


def sso_login(client: Client, provider_url: str, username: str) -> HttpResponse:
    """Click "Log in with Kampen IdP", log in at the provider, come back with the code: our callback's answer."""
    start = client.get(reverse("accounts:sso_start", args=["kampen-idp"]) + "?next=/")
    assert start.status_code == 302
    authorize = start["Location"]
    assert authorize.startswith(f"{provider_url}/o/authorize/")
    asked = parse_qs(urlsplit(authorize).query)
    assert (
        asked["code_challenge_method"] == ["S256"]
        and "nonce" in asked
        and asked["redirect_uri"] == [CALLBACK]
    )

    browser = requests.Session()
    login_page = browser.get(authorize, timeout=10)  # the provider sends us to its login form
    assert urlsplit(login_page.url).path == "/login/", login_page.text
    logged_in = browser.post(
        login_page.url,
        data={
            "username": username,
            "password": f"wachtwoord-{username}",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "next": parse_qs(urlsplit(login_page.url).query)["next"][0],
        },
        allow_redirects=False,
        timeout=10,
    )
    assert logged_in.status_code == 302, logged_in.text
    authorized = browser.get(
        urljoin(provider_url, logged_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    back = authorized.headers["Location"]
    assert back.startswith(CALLBACK) and "code=" in back, back
    return client.get(back.removeprefix("http://testserver"))


def test_a_mapped_user_is_created_and_logged_in(
    client: Client, provider_url: str, identity_provider: IdentityProvider
):
    response = sso_login(client, provider_url, "anna")
    assert response.status_code == 302 and response["Location"] == "/"

    user = User.objects.get(external_identities__provider=identity_provider)
    assert (user.username, user.email, user.get_full_name()) == (
        "anna",
        "anna@kampen.example",
        "Anna de Vries",
    )
    assert (user.organisation.name, user.role) == ("Gemeente Kampen", Role.COORDINATOR)
    assert client.get(reverse("web:dashboard")).wsgi_request.user == user
    record = user.history.get()
    assert record.history_user == user and "Kampen IdP" in record.history_change_reason
    # The endpoints were read from the provider's discovery document at the first login.
    identity_provider.refresh_from_db()
    assert identity_provider.token_endpoint == f"{provider_url}/o/token/"
    assert identity_provider.jwks_uri == f"{provider_url}/o/.well-known/jwks.json"


def test_a_second_login_follows_the_changed_mapping(
    client: Client, provider_url: str, identity_provider: IdentityProvider
):
    sso_login(client, provider_url, "anna")
    user = User.objects.get(external_identities__provider=identity_provider)
    client.logout()
    ClaimMapping.objects.filter(provider=identity_provider).update(role=Role.EDITOR)

    response = sso_login(client, provider_url, "anna")

    assert response.status_code == 302
    assert User.objects.filter(external_identities__provider=identity_provider).count() == 1
    user.refresh_from_db()
    assert user.role == Role.EDITOR
    assert [record.role for record in user.history.order_by("history_id")] == [Role.COORDINATOR, Role.EDITOR]
    assert client.get(reverse("web:dashboard")).wsgi_request.user == user


def test_a_user_mapped_to_no_organisation_is_refused_with_a_message(
    client: Client, provider_url: str, identity_provider: IdentityProvider
):
    users = User.objects.count()

    response = sso_login(client, provider_url, "piet")

    assert response.status_code == 302 and response["Location"] == reverse("login")
    page = client.get(response["Location"])
    message = gettext(
        "You are logged in at %(provider)s, but your account there belongs to no organisation "
        "in this system, so you cannot log in here. Ask your administrator to give you access."
    ) % {"provider": "Kampen IdP"}
    assert message in page.content.decode()
    assert not page.context["user"].is_authenticated
    assert User.objects.count() == users and not ExternalIdentity.objects.exists()
    assert not AccessAttempt.objects.exists()  # django-axes counts no failed password attempt


def test_a_code_cannot_be_used_twice(client: Client, provider_url: str, identity_provider: IdentityProvider):
    """A replayed callback (same state and code) is refused: the state was used up by the first."""
    start = client.get(reverse("accounts:sso_start", args=["kampen-idp"]))
    browser = requests.Session()
    login_page = browser.get(start["Location"], timeout=10)
    logged_in = browser.post(
        login_page.url,
        data={
            "username": "anna",
            "password": "wachtwoord-anna",
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
            "next": parse_qs(urlsplit(login_page.url).query)["next"][0],
        },
        allow_redirects=False,
        timeout=10,
    )
    back = browser.get(
        urljoin(provider_url, logged_in.headers["Location"]), allow_redirects=False, timeout=10
    )
    callback = back.headers["Location"].removeprefix("http://testserver")
    assert client.get(callback)["Location"] == reverse("web:dashboard")
    client.logout()
    replay = client.get(callback)
    assert (
        replay["Location"] == reverse("login")
        and not client.get(reverse("login")).context["user"].is_authenticated
    )


def test_the_admin_reads_the_endpoints_from_the_discovery_document(
    client: Client, provider_url: str, gemeente
):
    client.force_login(User.objects.create_superuser("root", password="x-" * 8))
    form = {
        "name": "Kampen IdP",
        "slug": "kampen-idp",
        "enabled": "on",
        "issuer": f"{provider_url}/o",
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "scopes": "openid groups",
        "username_claim": "preferred_username",
        "mappings-TOTAL_FORMS": "1",
        "mappings-INITIAL_FORMS": "0",
        "mappings-0-claim": "groups",
        "mappings-0-value": "kampen-coordinatoren",
        "mappings-0-organisation": str(gemeente.pk),
        "mappings-0-role": Role.COORDINATOR,
    }
    response = client.post(reverse("admin:accounts_identityprovider_add"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = IdentityProvider.objects.get(slug="kampen-idp")
    assert provider.authorization_endpoint == f"{provider_url}/o/authorize/"
    assert provider.userinfo_endpoint == f"{provider_url}/o/userinfo/"
    assert provider.mappings.get().organisation == gemeente

    wrong = client.post(
        reverse("admin:accounts_identityprovider_add"),
        {
            **form,
            "slug": "elders",
            "name": "Elders",
            "issuer": f"{provider_url}/elders",
            "mappings-TOTAL_FORMS": "0",
        },
    )
    assert wrong.status_code == 200 and not IdentityProvider.objects.filter(slug="elders").exists()
