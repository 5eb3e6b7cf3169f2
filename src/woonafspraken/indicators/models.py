"""The indicator registry: what the agreements ask to watch, the targets, and the figures per period."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from woonafspraken.core.models import OwnedModel
from woonafspraken.indicators.constants import (
    AppliesTo,
    Combine,
    Dimension,
    Direction,
    Formula,
    PeriodKind,
    RollUp,
    SourceKind,
    TargetKind,
    TargetSourceKind,
    Unit,
)
from woonafspraken.indicators.query import IndicatorQuerySet, ObservationQuerySet

code_validator = RegexValidator(
    r"^[a-z0-9-]+\.[a-z0-9.-]+$",
    _("A code is lower-case words joined by dots and hyphens, such as 'toewijzing.slaagkans'."),
)


class Indicator(OwnedModel):
    """A figure an agreement asks to watch, with its definition, period, direction and deliverers.

    Owned by the covenant's municipality (the coordinator keeps the registry); the figures themselves are
    owned by the organisations that deliver them.
    """

    covenant = models.ForeignKey(
        "agreements.Covenant", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("covenant")
    )
    code = models.CharField(_("code"), max_length=60, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(_("decimals shown"), default=0)
    minimum = models.DecimalField(
        _("lowest possible value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("highest possible value"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    theme = models.ForeignKey(
        "agreements.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("theme"),
    )
    period = models.CharField(_("period"), max_length=16, choices=PeriodKind.choices)
    per_organisation = models.BooleanField(
        _("per organisation"),
        default=False,
        help_text=_("Every delivering organisation reports its own figure."),
    )
    dimension = models.CharField(
        _("dimension"), max_length=32, choices=Dimension.choices, blank=True, default=""
    )
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    roll_up = models.CharField(
        _("roll-up over time"), max_length=16, choices=RollUp.choices, default=RollUp.SUM
    )
    combine = models.CharField(_("total"), max_length=8, choices=Combine.choices, default=Combine.NONE)
    weight_code = models.CharField(_("weighted by indicator"), max_length=60, blank=True)
    weight_dimension = models.CharField(_("weighted by value"), max_length=40, blank=True)
    source_kind = models.CharField(
        _("source"), max_length=16, choices=SourceKind.choices, default=SourceKind.ENTERED
    )
    formula = models.CharField(_("formula"), max_length=32, choices=Formula.choices, blank=True, default="")
    inputs = models.JSONField(_("formula inputs"), default=dict, blank=True)
    series_key = models.CharField(_("computed series"), max_length=100, blank=True)
    default_source = models.CharField(_("usual source"), max_length=300, blank=True)
    allow_future = models.BooleanField(
        _("may be entered ahead"),
        default=False,
        help_text=_("For figures known in advance, such as a quota."),
    )
    delivered_by = models.ManyToManyField(
        "accounts.Organisation", related_name="+", blank=True, verbose_name=_("delivered by")
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", related_name="indicators", blank=True, verbose_name=_("agreements")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["covenant", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "code"], name="indicator_unique_code"),
            models.CheckConstraint(
                condition=~Q(source_kind=SourceKind.EXTERNAL) | ~Q(series_key=""),
                name="indicator_external_has_series",
            ),
            models.CheckConstraint(
                condition=~Q(source_kind=SourceKind.DERIVED) | ~Q(formula=""),
                name="indicator_derived_has_formula",
            ),
            models.CheckConstraint(
                condition=Q(minimum__isnull=True) | Q(maximum__isnull=True) | Q(minimum__lte=F("maximum")),
                name="indicator_minimum_below_maximum",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_entered(self) -> bool:
        return self.source_kind == SourceKind.ENTERED


class Target(OwnedModel):
    """What an agreement promises for an indicator, in the indicator's unit, linked to that agreement."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicator_targets",
        verbose_name=_("agreement"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=TargetKind.choices)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    upper = models.DecimalField(_("upper bound"), max_digits=14, decimal_places=4, null=True, blank=True)
    period = models.CharField(
        _("judged per"),
        max_length=16,
        choices=PeriodKind.choices,
        blank=True,
        help_text=_("Empty: the indicator's own period."),
    )
    first_year = models.PositiveSmallIntegerField(_("from year"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("up to and including year"), null=True, blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    goal_year = models.PositiveSmallIntegerField(_("goal year"), null=True, blank=True)
    applies_to = models.CharField(
        _("applies to"), max_length=8, choices=AppliesTo.choices, default=AppliesTo.TOTAL
    )
    source_kind = models.CharField(
        _("comes from"),
        max_length=16,
        choices=TargetSourceKind.choices,
        default=TargetSourceKind.AGREEMENT,
        help_text=_(
            "Only targets from the agreement or an adopted jaarschijf judge; a reference is for comparison."
        ),
    )
    source = models.TextField(_("source"), help_text=_("Where the target comes from, quoted."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["indicator", "first_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(upper__gte=F("value")), name="target_upper_above_value"
            ),
            models.CheckConstraint(
                condition=~Q(kind=TargetKind.BAND) | Q(upper__isnull=False), name="target_band_has_upper"
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(first_year__lte=F("last_year")),
                name="target_years_in_order",
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True, goal_year__isnull=True)
                | Q(baseline_year__lt=F("goal_year")),
                name="target_path_baseline_before_goal",
            ),
            models.CheckConstraint(
                condition=Q(source_kind__in=["agreement", "annual_plan", "reference"]),
                name="target_source_kind_known",
            ),
            models.CheckConstraint(condition=~Q(source=""), name="target_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.get_kind_display()} {self.value}"

    @property
    def judges(self) -> bool:
        """Only a target the parties agreed (in the agreement or an adopted jaarschijf) gives a verdict."""
        return self.source_kind in (TargetSourceKind.AGREEMENT, TargetSourceKind.ANNUAL_PLAN)


class Observation(OwnedModel):
    """One figure for one period (and organisation and dimension value), with its source and who gave it.

    ``owner`` is the organisation the figure belongs to: the corporation for per-organisation figures,
    else the organisation of the person who entered it.
    """

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations", verbose_name=_("indicator")
    )
    period = models.CharField(_("period"), max_length=10)
    period_start = models.DateField(_("period start"))
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    dimension = models.CharField(_("dimension value"), max_length=40, blank=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    is_demo = models.BooleanField(_("fictitious example"), default=False)
    history = HistoricalRecords()

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["indicator", "period_start", "period", "organisation", "dimension"]
        constraints = [
            # NULL organisations are distinct in SQL, hence two partial constraints (portable to SQLite).
            models.UniqueConstraint(
                fields=["indicator", "period", "organisation", "dimension"],
                condition=Q(organisation__isnull=False),
                name="observation_unique_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "dimension"],
                condition=Q(organisation__isnull=True),
                name="observation_unique_total",
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_start"], name="observation_period_idx"),
            # The example-data banner asks on every page of a covenant: a small index of the flagged rows only.
            models.Index(fields=["indicator"], condition=Q(is_demo=True), name="observation_demo"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.value}"
