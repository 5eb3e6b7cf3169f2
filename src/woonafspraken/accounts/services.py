"""Writes of the accounts app: signing in through an identity provider (single sign-on, docs/sso.md)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.claims import AmbiguousClaimsError, Rule, claim_values, membership
from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import ExternalIdentity, IdentityProvider, User
from woonafspraken.core.models import save_attributed

# What Django's user name validator accepts; anything else in a claim becomes "-".
_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")
_USERNAME_MAX = 150


class SignInRefusedError(Exception):
    """The provider vouched for the person, but this system does not let them in; ``message`` says why
    in the user's language, for the login page."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _rules(provider: IdentityProvider) -> list[Rule]:
    return [
        Rule(claim=m.claim, value=m.value, organisation_id=m.organisation_id, role=m.role)
        for m in provider.mappings.all()
    ]


def _username(provider: IdentityProvider, claims: Mapping[str, Any]) -> str:
    """A free user name from the provider's username claim (or the e-mail address): as it is, else with
    the provider's slug added; refused when both are taken by others."""
    given = sorted(claim_values(claims, provider.username_claim)) or sorted(claim_values(claims, "email"))
    base = _NOT_IN_USERNAME.sub("-", given[0]).strip("-") if given else ""
    if not base:
        raise SignInRefusedError(
            _(
                "%(provider)s did not say who you are (no user name or e-mail address). Ask your administrator."
            )
            % {"provider": provider.name}
        )
    suffix = f"@{provider.slug}"
    for candidate in (base[:_USERNAME_MAX], base[: _USERNAME_MAX - len(suffix)] + suffix):
        if not User.objects.filter(username__iexact=candidate).exists():
            return candidate
    raise SignInRefusedError(
        _("The user name %(username)s is taken by another account. Ask your administrator to link it.")
        % {"username": base}
    )


def _text(claims: Mapping[str, Any], name: str, max_length: int) -> str:
    value = claims.get(name)
    return value[:max_length] if isinstance(value, str) else ""


@transaction.atomic
def sso_user_sign_in(*, provider: IdentityProvider, claims: Mapping[str, Any]) -> User:
    """The user these verified claims of ``provider`` describe, created or brought up to date.

    The person is recognised by the claims' ``sub`` (``ExternalIdentity``), not by e-mail address or user
    name. Organisation and role come from the provider's claim mappings on every login; e-mail address
    and name from the claims. A change is saved as the user's own, with the provider as the reason, so
    the user's history says who changed their role and why. Raises ``SignInRefusedError`` (nothing is
    stored) when the claims map to no organisation, to more than one, or the account is switched off.
    """
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise SignInRefusedError(
            _("%(provider)s did not say who you are. Ask your administrator.") % {"provider": provider.name}
        )
    try:
        mapped = membership(claims, _rules(provider), role_rank=list(Role.values))
    except AmbiguousClaimsError:
        raise SignInRefusedError(
            _(
                "Your account at %(provider)s belongs to more than one organisation in this system. "
                "Ask your administrator to correct the mapping."
            )
            % {"provider": provider.name}
        ) from None
    if mapped is None:
        raise SignInRefusedError(
            _(
                "You are logged in at %(provider)s, but your account there belongs to no organisation "
                "in this system, so you cannot log in here. Ask your administrator to give you access."
            )
            % {"provider": provider.name}
        )

    identity = (
        ExternalIdentity.objects.select_for_update()
        .select_related("user")
        .filter(provider=provider, subject=subject)
        .first()
    )
    if identity is not None:
        user = identity.user
        if not user.is_active:
            raise SignInRefusedError(_("Your account is switched off. Ask your administrator."))
    else:
        user = User(username=_username(provider, claims))
        user.set_unusable_password()  # logs in through the provider only

    before = (user.organisation_id, user.role, user.email, user.first_name, user.last_name)
    user.organisation_id = mapped.organisation_id
    user.role = mapped.role
    user.email = _text(claims, "email", 254) or user.email
    user.first_name = _text(claims, "given_name", 150) or user.first_name
    user.last_name = _text(claims, "family_name", 150) or user.last_name
    if identity is None or before != (
        user.organisation_id,
        user.role,
        user.email,
        user.first_name,
        user.last_name,
    ):
        user._change_reason = _("Logged in with %(provider)s (%(rules)s)") % {  # type: ignore[attr-defined]
            "provider": provider.name,
            "rules": ", ".join(f"{rule.claim}: {rule.value}" for rule in mapped.matched),
        }
        try:
            save_attributed(user, user, exclude=["password"])
        except ValidationError as error:
            raise SignInRefusedError(
                _("%(provider)s sent details this system cannot store: %(errors)s")
                % {"provider": provider.name, "errors": " ".join(error.messages)}
            ) from None
    if identity is None:
        ExternalIdentity.objects.create(provider=provider, subject=subject, user=user)
    return user
