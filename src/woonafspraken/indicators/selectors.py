"""Reads of the indicator registry: every indicator's figures and verdict, in a fixed number of queries.

Entered figures come from ``Observation``; derived indicators (slaagkans, labels E-G, the statushouders
backlog) are calculated here from other indicators; external ones are read from a computed series that
another app registered (``core.registry.computed_series``), so nothing is entered twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.core import registry
from woonafspraken.indicators import arithmetic as ar
from woonafspraken.indicators.constants import DIMENSION_VALUES, Formula, SourceKind
from woonafspraken.indicators.models import Indicator, Observation, Target


@dataclass(frozen=True)
class FigureRow:
    """One figure as a table shows it: entered (with source and who), calculated or from elsewhere."""

    period: ar.Period
    value: float
    organisation: str = ""
    dimension: str = ""
    source: str = ""
    entered_by: str = ""
    entered_at: dt.datetime | None = None
    is_demo: bool = False
    series: str = "realised"  # external series: "planned" or "realised"


@dataclass
class IndicatorFigures:
    """An indicator with its figures and its verdict.

    ``evaluation`` judges against the targets the parties agreed (in the agreement or an adopted
    jaarschijf) only; ``comparison`` sets the figures beside the national references, which never judge.
    """

    indicator: Indicator
    rows: list[FigureRow]
    evaluation: ar.Evaluation
    targets: list[Target]
    balances: list[ar.HalfYearBalance] = field(default_factory=list)
    series_missing: bool = False  # an external series that no app has registered (yet)
    comparison: ar.Evaluation | None = None
    undated: bool = False  # an external series that cannot be read as it stood on an earlier date
    per_target: dict[int, ar.Evaluation] = field(default_factory=dict)  # each target on its own, by pk

    @property
    def judging_targets(self) -> list[Target]:
        return [target for target in self.targets if target.judges]

    @property
    def reference_targets(self) -> list[Target]:
        return [target for target in self.targets if not target.judges]

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def realised(self) -> list[FigureRow]:
        return [row for row in self.rows if row.series == "realised"]

    @property
    def latest_is_demo(self) -> bool:
        latest = self.evaluation.latest
        period = latest.period if latest else None
        rows = [row for row in self.realised if period is None or row.period.within(period.kind) == period]
        return bool(rows) and all(row.is_demo for row in rows)


def target_specs(targets: Iterable[Target]) -> list[ar.TargetSpec]:
    return [
        ar.TargetSpec(
            kind=ar.TargetKind(target.kind),
            value=float(target.value),
            upper=None if target.upper is None else float(target.upper),
            period=ar.PeriodKind(target.period) if target.period else None,
            first_year=target.first_year,
            last_year=target.last_year,
            baseline_year=target.baseline_year,
            goal_year=target.goal_year,
            applies_to=ar.AppliesTo(target.applies_to),
        )
        for target in targets
    ]


def indicator_spec(indicator: Indicator) -> ar.IndicatorSpec:
    return ar.IndicatorSpec(
        direction=ar.Direction(indicator.direction),
        period=ar.PeriodKind(indicator.period),
        roll_up=ar.RollUp(indicator.roll_up),
        combine=ar.Combine(indicator.combine),
    )


def covenant_indicators(
    covenant: Covenant,
    *,
    on: dt.date | None = None,
    codes: Sequence[str] | None = None,
    as_of: bool = False,
) -> list[IndicatorFigures]:
    """Every indicator of the covenant (or those in ``codes``) with its figures and verdict on ``on``.

    ``as_of``: only figures recorded on or before ``on`` (their ``created_at``) and for periods that have
    started by then, so the state on ``on`` is what the system held that day.

    Queries: the indicators with their relations, the observations, and whatever the registered computed
    series need; none per indicator.
    """
    today = timezone.localdate()
    day = on or today
    indicators = list(Indicator.objects.filter(covenant=covenant).with_relations().order_by("order", "code"))
    by_code = {indicator.code: indicator for indicator in indicators}
    wanted = set(codes) if codes is not None else set(by_code)
    needed = _with_inputs(wanted, by_code)
    found = Observation.objects.filter(indicator__in=[by_code[code] for code in needed if code in by_code])
    if as_of:
        next_day = dt.datetime.combine(
            day + dt.timedelta(days=1), dt.time.min, tzinfo=timezone.get_current_timezone()
        )
        found = found.filter(created_at__lt=next_day, period_start__lte=day)
    observations = found.order_by("period_start", "period", "organisation__name", "dimension").values_list(
        *_ROW_FIELDS
    )
    entered: dict[int, list[FigureRow]] = defaultdict(list)
    for values in observations:
        entered[values[0]].append(_row(values))
    # First every indicator's rows (entered, then derived from those, then from other apps), then verdicts.
    rows: dict[str, list[FigureRow]] = {}
    balances: dict[str, list[ar.HalfYearBalance]] = {}
    missing: set[str] = set()
    for indicator in sorted(indicators, key=lambda i: i.source_kind != SourceKind.ENTERED):
        if indicator.code not in needed:
            continue
        if indicator.source_kind == SourceKind.ENTERED:
            rows[indicator.code] = entered.get(indicator.pk, [])
        elif indicator.source_kind == SourceKind.DERIVED:
            rows[indicator.code], balances[indicator.code] = _derive(indicator, rows)
        else:
            rows[indicator.code], is_missing = _external(indicator, covenant)
            if is_missing:
                missing.add(indicator.code)
    result = []
    for indicator in indicators:
        if indicator.code not in wanted:
            continue
        if as_of and indicator.source_kind == SourceKind.EXTERNAL:
            rows[indicator.code] = [row for row in rows[indicator.code] if row.period.start <= day]
        targets = list(indicator.targets.all())
        points = [
            ar.Observed(row.period, row.value, row.organisation, row.dimension)
            for row in rows[indicator.code]
            if row.series == "realised"
        ]
        weights = _weights(indicator, rows)
        evaluation = ar.evaluate(
            indicator_spec(indicator),
            points,
            target_specs(target for target in targets if target.judges),
            on=day,
            weights=weights,
            balances=balances.get(indicator.code, []),
        )
        per_target = {
            target.pk: ar.evaluate(
                indicator_spec(indicator),
                points,
                target_specs([target]),
                on=day,
                weights=weights,
                balances=balances.get(indicator.code, []),
            )
            for target in targets
        }
        references = [target for target in targets if not target.judges]
        comparison = (
            ar.evaluate(indicator_spec(indicator), points, target_specs(references), on=day, weights=weights)
            if references
            else None
        )
        result.append(
            IndicatorFigures(
                indicator,
                rows[indicator.code],
                evaluation,
                targets,
                balances.get(indicator.code, []),
                indicator.code in missing,
                comparison,
                # A computed series of another app holds no dates of its own: as it stood on an earlier day
                # is unknown, so it cannot judge that day.
                undated=as_of and indicator.source_kind == SourceKind.EXTERNAL and day < today,
                per_target=per_target,
            )
        )
    return result


def _with_inputs(codes: set[str], by_code: dict[str, Indicator]) -> set[str]:
    """The codes plus every indicator they are calculated from or weighted by."""
    result = set(codes)
    pending = list(codes)
    while pending:
        indicator = by_code.get(pending.pop())
        if indicator is None:
            continue
        inputs = [
            value for key, value in indicator.inputs.items() if key != "dimensions" and isinstance(value, str)
        ]
        if indicator.weight_code:
            inputs.append(indicator.weight_code)
        for code in inputs:
            if code not in result:
                result.add(code)
                pending.append(code)
    return result


# Plain values instead of model instances: the registry reads every figure of a covenant at once.
_ROW_FIELDS = (
    "indicator_id",
    "period",
    "value",
    "organisation__name",
    "dimension",
    "source",
    "entered_by__first_name",
    "entered_by__last_name",
    "entered_by__username",
    "updated_at",
    "is_demo",
)


def _row(values: tuple[Any, ...]) -> FigureRow:
    _indicator, period, value, organisation, dimension, source, first, last, username, updated, demo = values
    who = f"{first or ''} {last or ''}".strip() or (username or "")
    return FigureRow(
        period=_period(period),
        value=float(value),
        organisation=organisation or "",
        dimension=dimension,
        source=source,
        entered_by=who,
        entered_at=updated,
        is_demo=demo,
    )


@lru_cache(maxsize=4096)
def _period(key: str) -> ar.Period:
    return ar.Period.parse(key)


def _realised(rows: dict[str, list[FigureRow]], code: str) -> list[FigureRow]:
    return [row for row in rows.get(code, []) if row.series == "realised"]


def _derive(
    indicator: Indicator, figures: dict[str, list[FigureRow]]
) -> tuple[list[FigureRow], list[ar.HalfYearBalance]]:
    inputs = indicator.inputs
    if indicator.formula == Formula.SUCCESS_RATE:
        denominators = {
            (row.period, row.organisation, row.dimension): row
            for row in _realised(figures, inputs["denominator"])
        }
        rows = []
        for row in _realised(figures, inputs["numerator"]):
            seekers = denominators.get((row.period, row.organisation, row.dimension))
            rate = ar.success_rate(row.value, seekers.value) if seekers else None
            if rate is not None and seekers is not None:
                rows.append(
                    FigureRow(
                        row.period,
                        rate,
                        row.organisation,
                        row.dimension,
                        source="Berekend: toewijzingen / actief woningzoekenden",
                        is_demo=row.is_demo and seekers.is_demo,
                    )
                )
        return rows, []
    if indicator.formula == Formula.SUM_OF_DIMENSIONS:
        wanted = set(inputs.get("dimensions", []))
        sums: dict[tuple[ar.Period, str], float] = defaultdict(float)
        demo: dict[tuple[ar.Period, str], bool] = defaultdict(lambda: True)
        for row in _realised(figures, inputs["source"]):
            if row.dimension in wanted:
                sums[(row.period, row.organisation)] += row.value
                demo[(row.period, row.organisation)] &= row.is_demo
        label = ", ".join(sorted(wanted))
        return [
            FigureRow(
                period,
                value,
                organisation,
                "",
                source=_("Calculated: sum of %(label)s") % {"label": label},
                is_demo=demo[(period, organisation)],
            )
            for (period, organisation), value in sums.items()
        ], []
    if indicator.formula == Formula.STATUSHOUDER_BACKLOG:
        quota_rows = _realised(figures, inputs["quota"])
        housed_rows = _realised(figures, inputs["housed"])
        quota: dict[ar.Period, float] = defaultdict(float)
        for row in quota_rows:
            quota[row.period] += row.value
        housed: dict[ar.Period, float] = defaultdict(float)
        for row in housed_rows:
            housed[row.period] += row.value
        balances = ar.statushouder_balances(quota, housed)
        demo_source = bool(quota_rows) and all(row.is_demo for row in [*quota_rows, *housed_rows])
        return [
            FigureRow(
                balance.period,
                balance.carried_out,
                source="Berekend: taakstelling + achterstand - gehuisvest",
                is_demo=demo_source,
            )
            for balance in balances
            if balance.quarters_reported  # without any figure of people housed the backlog is unknown
        ], balances
    raise ValueError(f"Unknown formula {indicator.formula!r} for {indicator.code}.")


def _external(indicator: Indicator, covenant: Covenant) -> tuple[list[FigureRow], bool]:
    series = registry.computed_series.get(indicator.series_key)
    if series is None:
        return [], True
    rows = []
    for point in series.compute(covenant):
        if point.dimension:
            continue
        try:
            period = ar.Period.parse(point.period)
        except ar.PeriodError:
            continue
        rows.append(
            FigureRow(
                period,
                float(point.value),
                source=str(series.label),
                series=point.series,
                is_demo=point.is_demo,
            )
        )
    rows.sort(key=lambda row: (row.period.sort_key, row.series))
    return rows, False


def _weights(indicator: Indicator, figures: dict[str, list[FigureRow]]) -> dict[ar.Period, float] | None:
    if not indicator.weight_code:
        return None
    weights: dict[ar.Period, float] = defaultdict(float)
    for row in _realised(figures, indicator.weight_code):
        if row.dimension == indicator.weight_dimension:
            weights[row.period] += row.value
    return dict(weights)


def indicator_by_code(covenant: Covenant, code: str, *, on: dt.date | None = None) -> IndicatorFigures:
    found = covenant_indicators(covenant, on=on, codes=[code])
    if not found:
        raise Indicator.DoesNotExist(code)
    return found[0]


def dimension_options(indicator: Indicator) -> list[tuple[str, str]]:
    return DIMENSION_VALUES.get(indicator.dimension, [("", "")])


def entry_periods(indicator: Indicator, *, today: dt.date, term_end: dt.date) -> list[ar.Period]:
    """Periods a figure can be entered for, newest first: from the covenant's start to now (or ahead)."""
    kind = ar.PeriodKind(indicator.period)
    first = ar.Period.containing(kind, indicator.covenant.start_date)
    last_day = min(term_end, today + dt.timedelta(days=366) if indicator.allow_future else today)
    last = ar.Period.containing(kind, last_day)
    if last.sort_key < first.sort_key:
        return []
    return list(reversed(ar.periods_between(first, last)))


def template_rows(
    covenant: Covenant, *, organisation: Organisation, period: ar.Period
) -> list[dict[str, object]]:
    """Rows of a figures template for one organisation and period, with the figures already stored."""
    indicators = [
        indicator
        for indicator in Indicator.objects.filter(
            covenant=covenant,
            source_kind=SourceKind.ENTERED,
            period=period.kind.value,
            delivered_by=organisation,
        )
        .prefetch_related("delivered_by")
        .order_by("order", "code")
    ]
    stored = {
        (observation.indicator_id, observation.organisation_id, observation.dimension): observation
        for observation in Observation.objects.filter(indicator__in=indicators, period=period.key)
    }
    rows: list[dict[str, object]] = []
    for indicator in indicators:
        org = organisation if indicator.per_organisation else None
        for dimension, _label in dimension_options(indicator):
            found = stored.get((indicator.pk, org.pk if org else None, dimension))
            rows.append(
                {
                    "code": indicator.code,
                    "name": indicator.name,
                    "period": period.key,
                    "organisation": org.name if org else "",
                    "dimension": dimension,
                    "unit": indicator.get_unit_display(),
                    "value": found.value if found else None,
                    "source": found.source if found else indicator.default_source,
                    "note": found.note if found else "",
                }
            )
    return rows


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    period: str
    organisation: str
    dimension: str
    value: float
    change: str  # "+", "~", "-"
    source: str


def observation_history(indicator: Indicator, *, limit: int = 15) -> list[HistoryEntry]:
    """The latest changes to the indicator's figures (who, when, what), from the history table."""
    records = (
        Observation.history.filter(indicator_id=indicator.pk)
        .select_related("history_user", "organisation")
        .order_by("-history_date")[:limit]
    )
    return [
        HistoryEntry(
            when=record.history_date,
            who=str(record.history_user) if record.history_user else "",
            period=record.period,
            organisation=record.organisation.name if record.organisation else "",
            dimension=record.dimension,
            value=float(record.value),
            change=record.history_type,
            source=record.source,
        )
        for record in records
    ]
