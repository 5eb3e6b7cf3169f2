"""Choices of the indicator registry. Values equal the enums of the pure ``arithmetic`` module."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PeriodKind(models.TextChoices):
    QUARTER = "quarter", _("quarter")
    HALF_YEAR = "half_year", _("half year")
    YEAR = "year", _("year")


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("higher is better")
    LOWER_IS_BETTER = "lower_is_better", _("lower is better")
    BAND = "band", _("within a band")


class TargetKind(models.TextChoices):
    PER_PERIOD = "per_period", _("per period")
    CUMULATIVE = "cumulative", _("cumulative")
    BENCHMARK = "benchmark", _("benchmark")
    BAND = "band", _("band")
    BACKLOG = "backlog", _("backlog carried over")


class TargetSourceKind(models.TextChoices):
    """Where a target comes from. Only the first two judge; a national reference is shown "for comparison"."""

    AGREEMENT = "agreement", _("the agreement")
    ANNUAL_PLAN = "annual_plan", _("a jaarschijf adopted by the parties")
    REFERENCE = "reference", _("a national reference (for comparison)")


JUDGING_SOURCES = (TargetSourceKind.AGREEMENT, TargetSourceKind.ANNUAL_PLAN)


class AppliesTo(models.TextChoices):
    TOTAL = "total", _("the total")
    EACH = "each", _("each organisation on its own")


class RollUp(models.TextChoices):
    SUM = "sum", _("sum")
    LAST = "last", _("last value")
    MEAN = "mean", _("mean")
    WEIGHTED_MEAN = "weighted_mean", _("weighted mean")


class Combine(models.TextChoices):
    SUM = "sum", _("add up to a total")
    NONE = "none", _("no total")


class Unit(models.TextChoices):
    PERCENT = "percent", _("percent")
    YEARS = "years", _("years")
    COUNT = "count", _("count")
    HOMES = "homes", _("homes")
    PERSONS = "persons", _("persons")
    KWH_PER_M2 = "kWh/m2", _("kWh per m²")


class Dimension(models.TextChoices):
    NONE = "", _("none")
    ALLOCATION_MODULE = "allocation_module", _("allocation module")
    ENERGY_LABEL = "energy_label", _("energy label")


# The values a dimension takes, in the order users know them; the label is what the template shows.
DIMENSION_VALUES: dict[str, list[tuple[str, str]]] = {
    Dimension.ALLOCATION_MODULE: [
        ("bemiddeling", "Bemiddelingsmodule"),
        ("spoed", "Spoedmodule"),
        ("wens", "Wensmodule"),
    ],
    Dimension.ENERGY_LABEL: [
        (label, label) for label in ["A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"]
    ],
}


class SourceKind(models.TextChoices):
    ENTERED = "entered", _("entered by the delivering organisation")
    DERIVED = "derived", _("calculated from other indicators")
    EXTERNAL = "external", _("calculated from figures elsewhere in the system")


class Formula(models.TextChoices):
    NONE = "", _("none")
    SUCCESS_RATE = "success_rate", _("slaagkans: allocations per 100 active seekers")
    SUM_OF_DIMENSIONS = "sum_of_dimensions", _("sum of some values of another indicator")
    STATUSHOUDER_BACKLOG = "statushouder_backlog", _("statushouders backlog carried over")


class Deliverer(models.TextChoices):
    """Who delivers an indicator, by kind of party (resolved to the covenant's organisations)."""

    CORPORATIONS = "corporations", _("the corporations")
    MUNICIPALITY = "municipality", _("the municipality")
