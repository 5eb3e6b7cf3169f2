"""Choices of the housing models; the values are those of the pure enums in ``domain`` and ``targets``."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from woonafspraken.housing.domain import RentClass

# The rent classes are one enum, ``domain.RentClass`` (the pure modules use it without Django); the
# models' choices add a translatable label to each of its codes.
RENT_CLASS_CHOICES: list[tuple[str, StrOrPromise]] = [
    (RentClass.QUALITY_DISCOUNT.value, _("up to the quality discount limit (youth limit)")),
    (RentClass.LOW_CAP.value, _("up to the lower capping limit")),
    (RentClass.HIGH_CAP.value, _("up to the upper capping limit")),
    (RentClass.BENEFIT.value, _("up to the housing benefit limit")),
    (RentClass.ABOVE_BENEFIT.value, _("above the housing benefit limit")),
]


class DwellingType(models.TextChoices):
    SINGLE_FAMILY = "EGW", _("single-family dwelling (EGW)")
    MULTI_FAMILY = "MGW", _("multi-family dwelling (MGW)")


class WithdrawalKind(models.TextChoices):
    DEMOLITION = "demolition", _("demolition")
    SALE = "sale", _("sale")
    LIBERALISATION = "liberalisation", _("liberalisation")


class Segment(models.TextChoices):
    SOCIAL_RENT = "social_rent", _("social rent")
    MIDDLE_RENT = "middle_rent", _("middle rent")
    CHEAP_OWNER_OCCUPIED = "cheap_owner_occupied", _("cheap owner-occupied")
    OTHER = "other", _("other")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    UNDER_CONSTRUCTION = "under_construction", _("under construction")
    COMPLETED = "completed", _("completed")
    CANCELLED = "cancelled", _("cancelled")


class FigureSource(models.TextChoices):
    DOCUMENT = "document", _("agreements document")
    UPLOAD = "upload", _("spreadsheet")
    FORM = "form", _("entered on the page")
    DEMO = "demo", _("example (fictitious)")


class TargetKind(models.TextChoices):
    SOCIAL_NEW_BUILD = "social_new_build_per_year", _("new social rental homes by the corporations a year")
    TOTAL_NEW_BUILD = "total_new_build_per_year", _("new homes in total a year")
    CHEAP_SHARE = "cheap_share", _("share of cheap homes in new build (%)")
    SOCIAL_SHARE_OF_CHEAP = "social_share_of_cheap", _("share of social rent within cheap new build (%)")
    MIDDLE_SHARE = "middle_share", _("share of mid-priced homes in new build (%)")
    EXPENSIVE_SHARE = "expensive_share", _("share of expensive homes in new build (%)")
    SOCIAL_SHARE_AREA = "social_share_area_development", _("share of social rent in area development (%)")


class ReferenceKind(models.TextChoices):
    QUALITY_DISCOUNT_LIMIT = "kwaliteitskortingsgrens", _("quality discount limit (youth limit), EUR a month")
    LOW_CAP_LIMIT = "lage_aftoppingsgrens", _("lower capping limit (1-2 persons), EUR a month")
    HIGH_CAP_LIMIT = "hoge_aftoppingsgrens", _("upper capping limit (3+ persons), EUR a month")
    BENEFIT_LIMIT = "huurtoeslaggrens", _("liberalisation / housing benefit limit, EUR a month")
    MIDDLE_RENT_LIMIT = "middenhuur_bovengrens", _("upper limit of middle rent, EUR a month")
    DAEB_INCOME_SINGLE = "daeb_inkomensgrens_1p", _("DAEB income limit, one person, EUR a year")
    DAEB_INCOME_MULTI = "daeb_inkomensgrens_mp", _("DAEB income limit, more persons, EUR a year")
    FIT_INCOME_SINGLE = "passend_1p", _("passend toewijzen limit, one person, EUR a year")
    FIT_INCOME_MULTI = "passend_mp", _("passend toewijzen limit, more persons, EUR a year")
    FIT_INCOME_SINGLE_PENSION = "passend_1p_aow", _("passend toewijzen limit, one person of pension age")
    FIT_INCOME_MULTI_PENSION = "passend_mp_aow", _("passend toewijzen limit, more persons of pension age")
    RENT_INCREASE = "huurverhoging", _("allowed rent increase for social rent (%)")


RENT_LIMIT_KINDS: dict[RentClass, str] = {
    RentClass.QUALITY_DISCOUNT: ReferenceKind.QUALITY_DISCOUNT_LIMIT,
    RentClass.LOW_CAP: ReferenceKind.LOW_CAP_LIMIT,
    RentClass.HIGH_CAP: ReferenceKind.HIGH_CAP_LIMIT,
    RentClass.BENEFIT: ReferenceKind.BENEFIT_LIMIT,
}
