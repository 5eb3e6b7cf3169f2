from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "gemeente", _("municipality")
    CORPORATION = "corporatie", _("housing corporation")
    TENANT_ORGANISATION = "huurdersorganisatie", _("tenant organisation")


class Role(models.TextChoices):
    READER = "reader", _("reader")
    EDITOR = "editor", _("editor")
    COORDINATOR = "coordinator", _("coordinator")
    ADMINISTRATOR = "administrator", _("administrator")
