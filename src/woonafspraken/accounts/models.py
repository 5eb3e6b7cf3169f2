from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.query import OrganisationQuerySet


class Organisation(models.Model):
    """A party to one or more covenants: a municipality, a housing corporation or a tenant organisation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        default="",
        validators=[RegexValidator(r"^\d{8}$", _("A KvK number has eight digits."))],
        help_text=_("The Chamber of Commerce number: recognises the same organisation in another covenant."),
    )
    short_names = models.JSONField(
        _("short names"),
        default=list,
        blank=True,
        help_text=_("Distinctive parts of the name used in agreement texts, such as 'Beter Wonen'."),
    )
    # Under the Woningwet a tenant organisation advises its own landlord: deltaWonen asks the Centrale
    # Bewonersraad deltaWonen, not Beter Wonen's tenants. Set on import where the document shows it.
    represents_tenants_of = models.ForeignKey(
        "self",
        verbose_name=_("represents the tenants of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tenant_organisations",
        limit_choices_to={"kind": OrganisationKind.CORPORATION},
        help_text=_("For a tenant organisation: the housing corporation whose tenants it represents."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kvk_number"],
                condition=~models.Q(kvk_number=""),
                name="organisation_unique_kvk_number",
                violation_error_message=_("Another organisation has this KvK number."),
            ),
            models.CheckConstraint(
                condition=models.Q(represents_tenants_of__isnull=True)
                | models.Q(kind=OrganisationKind.TENANT_ORGANISATION),
                name="organisation_only_tenants_represent",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        landlord = self.represents_tenants_of
        if landlord is None:
            return
        if self.kind != OrganisationKind.TENANT_ORGANISATION:
            raise ValidationError(
                {
                    "represents_tenants_of": ValidationError(
                        _("Only a tenant organisation represents the tenants of a corporation."),
                        code="not_tenants",
                    )
                }
            )
        if landlord.kind != OrganisationKind.CORPORATION:
            raise ValidationError(
                {
                    "represents_tenants_of": ValidationError(
                        _("Choose a housing corporation."), code="not_a_corporation"
                    )
                }
            )


class UserHistory(HistoricalRecords):  # type: ignore[misc]
    """A user's history without the password and without a row per login (Django saves ``last_login``
    alone on every login): who created the account or changed its organisation, role or name."""

    def post_save(self, instance: Any, created: bool, using: str | None = None, **kwargs: Any) -> None:
        if kwargs.get("update_fields") == frozenset({"last_login"}):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A person who logs in. Every user belongs to one organisation and has one role in it."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.READER)
    is_demo = models.BooleanField(
        _("example account"),
        default=False,
        help_text=_("Made by `woonafspraken init --demo` to explore the system; marked in the page header."),
    )
    history = UserHistory(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation__isnull=False) | models.Q(is_superuser=True),
                name="user_has_organisation_unless_superuser",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class IdentityProvider(models.Model):
    """An OpenID Connect provider an organisation's people log in with (single sign-on, docs/sso.md).

    The endpoints are read from the issuer's discovery document when they are left empty. The client
    secret is write-only: the admin never shows it again, and history and logs leave it out.
    """

    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("Shown on the login button: 'Log in with …'.")
    )
    slug = models.SlugField(_("slug"), max_length=50, unique=True, help_text=_("Part of the login address."))
    issuer = models.URLField(
        _("issuer"),
        help_text=_(
            "The provider's issuer URL; its discovery document is at "
            "<issuer>/.well-known/openid-configuration. ID tokens must name this issuer."
        ),
    )
    authorization_endpoint = models.URLField(_("authorization endpoint"), blank=True, default="")
    token_endpoint = models.URLField(_("token endpoint"), blank=True, default="")
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), blank=True, default="")
    jwks_uri = models.URLField(_("JWKS endpoint"), blank=True, default="")
    client_id = models.CharField(_("client ID"), max_length=255)
    client_secret = models.CharField(_("client secret"), max_length=255)
    scopes = models.CharField(
        _("scopes"),
        max_length=255,
        default="openid email profile",
        help_text=_(
            "Space-separated; 'openid' is always asked. Add the scope that releases the groups claim."
        ),
    )
    username_claim = models.CharField(
        _("username claim"),
        max_length=100,
        default="preferred_username",
        help_text=_("The claim that gives the user name; the e-mail address when it is missing."),
    )
    enabled = models.BooleanField(
        _("enabled"), default=True, help_text=_("Only enabled providers get a button on the login page.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["client_secret"])

    class Meta:
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def scope_list(self) -> list[str]:
        scopes = self.scopes.split()
        return scopes if "openid" in scopes else ["openid", *scopes]

    def is_discovered(self) -> bool:
        return bool(self.authorization_endpoint and self.token_endpoint and self.jwks_uri)


class ClaimMapping(models.Model):
    """One rule of a provider: a user whose claim holds this value belongs to this organisation, in this
    role (the groups claim 'kampen-coordinatoren' -> Gemeente Kampen, coordinator)."""

    provider = models.ForeignKey(
        IdentityProvider,
        verbose_name=_("identity provider"),
        on_delete=models.CASCADE,
        related_name="mappings",
    )
    claim = models.CharField(
        _("claim"), max_length=100, default="groups", help_text=_("A claim of the ID token or userinfo.")
    )
    value = models.CharField(
        _("value"),
        max_length=255,
        help_text=_("Matches when the claim equals this value or, for a list such as groups, contains it."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.READER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("claim mapping")
        verbose_name_plural = _("claim mappings")
        ordering = ["provider", "claim", "value"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "claim", "value"],
                name="claim_mapping_unique_value",
                violation_error_message=_("This provider maps this claim value already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.claim} = {self.value} -> {self.organisation}, {self.get_role_display()}"


class ExternalIdentity(models.Model):
    """Who a user is at an identity provider (the ID token's ``sub``): the same person next time, whatever
    their e-mail address or user name there becomes."""

    provider = models.ForeignKey(
        IdentityProvider,
        verbose_name=_("identity provider"),
        on_delete=models.PROTECT,
        related_name="identities",
    )
    subject = models.CharField(_("subject"), max_length=255)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="external_identities"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("external identity")
        verbose_name_plural = _("external identities")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="external_identity_unique_subject")
        ]

    def __str__(self) -> str:
        return f"{self.provider}: {self.subject}"
