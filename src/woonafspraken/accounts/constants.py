from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("municipality")
    CORPORATION = "corporatie", _("housing corporation")
    TENANT_ORGANISATION = "huurdersorganisatie", _("tenant organisation")
    # A ministry, province or research bureau: never a party to a covenant; its users read only the
    # national comparison of the covenants that opted in to it (docs/national.md).
    NATIONAL = "landelijk", _("national reader (ministry, province, research bureau)")


class Role(models.TextChoices):
    READER = "reader", _("reader")
    EDITOR = "editor", _("editor")
    COORDINATOR = "coordinator", _("coordinator")
    ADMINISTRATOR = "administrator", _("administrator")
