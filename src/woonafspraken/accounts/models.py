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
