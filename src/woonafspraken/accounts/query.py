from typing import TYPE_CHECKING, Self

from django.db import models

from woonafspraken.accounts.constants import OrganisationKind

if TYPE_CHECKING:
    from woonafspraken.accounts.models import Organisation  # noqa: F401  (used in a string generic)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def municipalities(self) -> Self:
        return self.filter(kind=OrganisationKind.MUNICIPALITY)

    def corporations(self) -> Self:
        return self.filter(kind=OrganisationKind.CORPORATION)

    def tenant_organisations(self) -> Self:
        return self.filter(kind=OrganisationKind.TENANT_ORGANISATION)
