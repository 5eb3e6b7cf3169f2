"""Single sign-on with OpenID Connect (mozilla-django-oidc), with several identity providers.

mozilla-django-oidc reads one provider from the settings; here the provider is a stored
``IdentityProvider``, chosen by the button on the login page. The start view remembers the provider with
the login's ``state`` in the session; the callback view puts it on the request, where the backend finds
it. The backend verifies the ID token (RS256 against the provider's JWKS, nonce, issuer, audience) and
leaves creating or updating the user to ``services.sso_user_sign_in``. See docs/sso.md and ADR 0051.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import parse_qs, urlsplit

import jwt
import requests
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from woonafspraken.accounts.models import IdentityProvider, User
from woonafspraken.accounts.services import SignInRefusedError, sso_user_sign_in

logger = logging.getLogger(__name__)

SIGN_ALGORITHM = "RS256"  # what the provider signs ID tokens with; verified with its published keys
DISCOVERY_PATH = "/.well-known/openid-configuration"
TIMEOUT = 10.0  # seconds for each call to a provider


class DiscoveryError(Exception):
    pass


def discover_endpoints(provider: IdentityProvider) -> None:
    """Fill the provider's empty endpoints from its discovery document (not saved here).

    Raises ``DiscoveryError`` when the document cannot be read or names another issuer.
    """
    url = provider.issuer.rstrip("/") + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryError(_("Could not read %(url)s: %(error)s") % {"url": url, "error": error}) from error
    if str(document.get("issuer", "")).rstrip("/") != provider.issuer.rstrip("/"):
        raise DiscoveryError(
            _("The discovery document names another issuer: %(issuer)s") % {"issuer": document.get("issuer")}
        )
    for field, key in (
        ("authorization_endpoint", "authorization_endpoint"),
        ("token_endpoint", "token_endpoint"),
        ("userinfo_endpoint", "userinfo_endpoint"),
        ("jwks_uri", "jwks_uri"),
    ):
        if not getattr(provider, field) and document.get(key):
            setattr(provider, field, document[key])


def is_single_sign_on(request: HttpRequest, credentials: dict[str, Any] | None = None) -> bool:
    """django-axes' whitelist (``AXES_WHITELIST_CALLABLE``): a login through an identity provider is
    neither throttled nor counted as a failed attempt. There is no password here to guess; the provider
    throttles its own password form, and a refusal (no organisation) is no attack on this system."""
    return getattr(request, "identity_provider", None) is not None


class IdentityProviderBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend, set up per login from the provider the callback put on the request.

    Without such a provider (a local login with user name and password) it does nothing.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # The base class reads one provider from the settings; ours come from the database per login.
        self.UserModel = get_user_model()

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        provider: IdentityProvider | None = getattr(request, "identity_provider", None)
        if request is None or provider is None:
            return None
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = SIGN_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            user: User | None = super().authenticate(request, **kwargs)
        except SignInRefusedError as refusal:
            logger.info("single sign-on with %s refused: %s", provider.slug, refusal.message)
            request.sso_refusal = refusal.message  # type: ignore[attr-defined]
            return None
        except (
            requests.RequestException,
            SuspiciousOperation,
            jwt.PyJWTError,
            KeyError,
            ValueError,
        ) as error:
            # Neither the exception nor its text holds the client secret (it goes in a form body).
            logger.warning(
                "single sign-on with %s failed: %s: %s", provider.slug, type(error).__name__, error
            )
            request.sso_refusal = _(  # type: ignore[attr-defined]
                "Logging in with %(provider)s did not work. Try again, or ask your administrator."
            ) % {"provider": provider.name}
            return None
        return user

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        if attr == "OIDC_TIMEOUT":
            return TIMEOUT
        return import_from_settings(attr, *args)

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        """The base class checks the signature (against the provider's JWKS), the expiry and the nonce;
        an ID token must also come from this provider and be meant for this client."""
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        if str(payload.get("iss", "")).rstrip("/") != self.provider.issuer.rstrip("/"):
            raise SuspiciousOperation("ID token from another issuer")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> User:
        """The ID token's claims, completed by the userinfo endpoint (where groups often are)."""
        claims = dict(payload)
        if self.provider.userinfo_endpoint:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            if userinfo.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("userinfo for another subject")
            claims.update(userinfo)
        return sso_user_sign_in(provider=self.provider, claims=claims)

    def get_user(self, user_id: int) -> User | None:
        # Django's check, not the base class's: a user switched off is logged out at the next request.
        user: User | None = ModelBackend.get_user(self, user_id)
        return user


def _to_login(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return HttpResponseRedirect(resolve_url("login"))


@method_decorator(login_not_required, name="dispatch")
class SingleSignOnStartView(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """``/inloggen/sso/<slug>/``: off to the chosen provider's login page (authorization-code flow, PKCE)."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the base class would read one provider from the settings

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:
        provider = IdentityProvider.objects.filter(slug=slug, enabled=True).first()
        if provider is None:  # an old bookmark, or a provider switched off since the page was shown
            return _to_login(request, _("This way of logging in is not available. Choose another below."))
        if not provider.is_discovered():
            try:
                discover_endpoints(provider)
            except DiscoveryError as error:
                logger.warning("discovery for %s failed: %s", provider.slug, error)
                return _to_login(
                    request,
                    _("%(provider)s cannot be reached. Try again later, or log in with your password.")
                    % {"provider": provider.name},
                )
            provider.save(
                update_fields=["authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"]
            )
        self.provider = provider
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response: HttpResponse = super().get(request)
        # Remember which provider this login is with, beside its state, nonce and PKCE verifier.
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = provider.slug
        request.session.modified = True
        return response

    def get_settings(self, attr: str, *args: Any) -> Any:
        if attr == "OIDC_RP_SCOPES":
            return " ".join(self.provider.scope_list())
        return import_from_settings(attr, *args)


@method_decorator(login_not_required, name="dispatch")
class SingleSignOnCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """``/inloggen/sso/terug/``: the provider sends the browser back here with a code; the backend
    exchanges it, verifies the ID token and signs the user in, or the login page says why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        state = request.GET.get("state", "")
        started = request.session.get("oidc_states", {}).get(state) if state else None
        slug = started.get("provider") if isinstance(started, dict) else None
        provider = IdentityProvider.objects.filter(slug=slug, enabled=True).first() if slug else None
        if provider is None:
            return _to_login(request, _("This login was not started here or has expired. Please try again."))
        request.identity_provider = provider  # type: ignore[attr-defined]
        if request.GET.get("error"):
            request.sso_refusal = _(  # type: ignore[attr-defined]
                "%(provider)s did not log you in. Try again, or ask your administrator."
            ) % {"provider": provider.name}
        response: HttpResponse = super().get(request)
        return response

    def login_failure(self) -> HttpResponse:
        return _to_login(
            self.request,
            getattr(self.request, "sso_refusal", None)
            or _("Logging in did not work. Try again, or ask your administrator."),
        )


def enabled_providers() -> list[IdentityProvider]:
    return list(IdentityProvider.objects.filter(enabled=True).only("name", "slug"))
