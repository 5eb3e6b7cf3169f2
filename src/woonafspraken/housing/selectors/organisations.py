"""The parties of a covenant that hold housing figures, in the covenant's order."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant, CovenantParty


def covenant_organisations(covenant: Covenant, *, kinds: Sequence[str] | None = None) -> list[Organisation]:
    links = CovenantParty.objects.filter(covenant=covenant).select_related("organisation").order_by("order")
    organisations = [link.organisation for link in links]
    if kinds is not None:
        organisations = [org for org in organisations if org.kind in kinds]
    return organisations


def covenant_corporations(covenant: Covenant) -> list[Organisation]:
    links = (
        CovenantParty.objects.filter(covenant=covenant, organisation__kind=OrganisationKind.CORPORATION)
        .select_related("organisation")
        .order_by("order")
    )
    return [link.organisation for link in links]


def covenant_builders(covenant: Covenant) -> list[Organisation]:
    """Corporations and the municipality: the organisations that may have projects."""
    links = (
        CovenantParty.objects.filter(
            covenant=covenant,
            organisation__kind__in=[OrganisationKind.CORPORATION, OrganisationKind.MUNICIPALITY],
        )
        .select_related("organisation")
        .order_by("order")
    )
    return [link.organisation for link in links]


def total_corporations_heading(municipality: object) -> str:
    """The heading of the block that adds up every corporation of the covenant."""
    return _("Total corporations %(municipality)s") % {"municipality": municipality}
