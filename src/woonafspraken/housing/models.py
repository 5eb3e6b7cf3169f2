"""Housing figures: the stock per rent class, the new-build pipeline and withdrawals, targets, reference data.

Only detail figures are stored; every total is computed. Each figure belongs to the organisation that
delivers it (``owner``), records where it came from (``source``) and whether it is fictitious example
data (``is_demo``, shown as "voorbeeld").
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.core.models import OwnedModel, TimeStampedModel
from woonafspraken.housing.constants import (
    RENT_CLASS_CHOICES,
    DwellingType,
    FigureSource,
    ProjectStatus,
    ReferenceKind,
    Segment,
    TargetKind,
    WithdrawalKind,
)
from woonafspraken.housing.query import ProjectYearQuerySet, StockCountQuerySet, WithdrawalQuerySet


class ReferenceValue(TimeStampedModel):
    """A national figure for a year (a rent limit, an income limit, the allowed rent increase).

    An unknown value stays empty until an administrator enters it together with its source.
    """

    kind = models.CharField(_("kind"), max_length=40, choices=ReferenceKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2, null=True, blank=True)
    source = models.TextField(_("source"), blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reference value")
        verbose_name_plural = _("reference values")
        ordering = ["kind", "year"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="housing_reference_unique"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | ~Q(source=""), name="housing_reference_value_has_source"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}"

    def clean(self) -> None:
        if self.value is not None and not self.source.strip():
            raise ValidationError({"source": _("Give the source of this value, so it can be checked.")})


class Target(OwnedModel):
    """A quantified target of an agreement, e.g. on average 80 new social rental homes a year (1.1.2)."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="housing_targets"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement", verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=TargetKind.choices)
    value = models.DecimalField(_("value"), max_digits=10, decimal_places=2)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    quote = models.TextField(_("words in the agreement"), blank=True)
    source = models.CharField(_("source"), max_length=20, choices=FigureSource.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["covenant", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "kind"], name="housing_target_unique_kind"),
            models.CheckConstraint(
                condition=Q(start_year__lte=F("end_year")), name="housing_target_years_in_order"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="housing_target_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"


class StockCount(OwnedModel):
    """Homes of one corporation on one date in one rent class and dwelling type."""

    covenant = models.ForeignKey("agreements.Covenant", on_delete=models.CASCADE, related_name="stock_counts")
    corporation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("corporation"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("date"))
    rent_class = models.CharField(_("rent class"), max_length=32, choices=RENT_CLASS_CHOICES)
    dwelling_type = models.CharField(_("dwelling type"), max_length=3, choices=DwellingType.choices)
    count = models.PositiveIntegerField(_("number of homes"))
    source = models.CharField(_("source"), max_length=20, choices=FigureSource.choices)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    objects = StockCountQuerySet.as_manager()

    class Meta:
        verbose_name = _("stock figure")
        verbose_name_plural = _("stock figures")
        ordering = ["covenant", "date", "corporation", "rent_class", "dwelling_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "corporation", "date", "rent_class", "dwelling_type"],
                name="housing_stock_one_figure",
            ),
        ]
        indexes = [
            models.Index(fields=["covenant", "date"], name="housing_stock_by_date"),
            # The example-data banner asks on every page of a covenant: a small index of the flagged rows only.
            models.Index(fields=["covenant"], condition=Q(is_demo=True), name="housing_stock_demo"),
        ]

    def __str__(self) -> str:
        return f"{self.corporation} {self.date} {self.rent_class} {self.dwelling_type}: {self.count}"


class Project(OwnedModel):
    """A new-build project (location) of a corporation, or of others recorded by the municipality."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="housing_projects"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The corporation that builds; the municipality for projects of other developers."),
    )
    name = models.CharField(_("location / name"), max_length=200)
    order = models.PositiveIntegerField(_("order"), default=0, help_text=_("Position in the plan's table."))
    segment = models.CharField(
        _("segment"), max_length=32, choices=Segment.choices, default=Segment.SOCIAL_RENT
    )
    rent_class = models.CharField(
        _("rent class"),
        max_length=32,
        choices=RENT_CLASS_CHOICES,
        blank=True,
        help_text=_("For social rent; used by the look-ahead."),
    )
    status = models.CharField(
        _("status"), max_length=32, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED
    )
    source = models.CharField(_("source"), max_length=20, choices=FigureSource.choices)
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["covenant", "organisation", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "organisation", "name"], name="housing_project_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectYear(TimeStampedModel):
    """Homes of a project in one year: planned, and realised once known."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.PositiveIntegerField(_("planned"), null=True, blank=True)
    realised = models.PositiveIntegerField(_("realised"), null=True, blank=True)
    realised_is_demo = models.BooleanField(_("realised figure is a fictitious example"), default=False)
    history = HistoricalRecords()

    objects = ProjectYearQuerySet.as_manager()

    class Meta:
        verbose_name = _("project year")
        verbose_name_plural = _("project years")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="housing_project_year_unique"),
            models.CheckConstraint(
                condition=Q(planned__isnull=False) | Q(realised__isnull=False),
                name="housing_project_year_has_a_figure",
            ),
        ]
        indexes = [
            # The example-data banner asks on every page of a covenant: a small index of the flagged rows only.
            models.Index(
                fields=["project"], condition=Q(realised_is_demo=True), name="housing_project_year_demo"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"


class Withdrawal(OwnedModel):
    """Homes a corporation takes out of its social stock in a year: demolition, sale or liberalisation."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="housing_withdrawals"
    )
    corporation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("corporation"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=20, choices=WithdrawalKind.choices)
    label = models.CharField(_("description"), max_length=200, blank=True)
    planned = models.PositiveIntegerField(_("planned"), null=True, blank=True)
    realised = models.PositiveIntegerField(_("realised"), null=True, blank=True)
    realised_is_demo = models.BooleanField(_("realised figure is a fictitious example"), default=False)
    source = models.CharField(_("source"), max_length=20, choices=FigureSource.choices)
    history = HistoricalRecords()

    objects = WithdrawalQuerySet.as_manager()

    class Meta:
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        ordering = ["covenant", "corporation", "kind", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "corporation", "year", "kind"], name="housing_withdrawal_unique"
            ),
            models.CheckConstraint(
                condition=Q(planned__isnull=False) | Q(realised__isnull=False),
                name="housing_withdrawal_has_a_figure",
            ),
        ]
        indexes = [
            # The example-data banner asks on every page of a covenant: a small index of the flagged rows only.
            models.Index(
                fields=["covenant"], condition=Q(realised_is_demo=True), name="housing_withdrawal_demo"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.corporation} {self.year} {self.kind}"


class AppendixCheck(models.Model):
    """A printed total in an appendix that differs from the sum of its figures, kept until it is fixed."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="housing_appendix_checks"
    )
    appendix = models.CharField(_("appendix"), max_length=40)
    place = models.CharField(_("place"), max_length=400)
    printed = models.IntegerField(_("printed"))
    computed = models.IntegerField(_("computed"))
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("appendix check")
        verbose_name_plural = _("appendix checks")
        ordering = ["covenant", "appendix", "pk"]

    def __str__(self) -> str:
        return self.place


class LookAheadAssumption(OwnedModel):
    """A user's choice for one year of the look-ahead: the rent increase and the indexation of the limits."""

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="housing_assumptions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    rent_increase = models.DecimalField(
        _("rent increase (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    limit_indexation = models.DecimalField(
        _("indexation of the rent limits (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("look-ahead assumption")
        verbose_name_plural = _("look-ahead assumptions")
        ordering = ["covenant", "year"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "year"], name="housing_assumption_unique_year"),
            models.CheckConstraint(
                condition=(Q(rent_increase__isnull=True) | Q(rent_increase__gte=-20, rent_increase__lte=50))
                & (Q(limit_indexation__isnull=True) | Q(limit_indexation__gte=-20, limit_indexation__lte=50)),
                name="housing_assumption_plausible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.covenant} {self.year}"
