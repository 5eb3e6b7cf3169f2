"""Writes to the indicator registry: seeding it from the agreements, and entering or importing figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import attribute_change
from woonafspraken.core.tabular import Column, ParsedRow, RowError, Sheet, TabularImportError, read_rows
from woonafspraken.indicators.arithmetic import Period, PeriodError, PeriodKind
from woonafspraken.indicators.constants import DIMENSION_VALUES, AppliesTo, Deliverer, TargetKind
from woonafspraken.indicators.models import Indicator, Observation, Target
from woonafspraken.indicators.permissions import can_enter_any_figures, can_enter_figures, can_set_targets
from woonafspraken.indicators.seeds import KAMPEN, IndicatorSeed

TARGETS_ONLY = gettext_lazy("Only the coordinator of the covenant records targets.")
PERIOD_NAMES = {
    PeriodKind.QUARTER: gettext_lazy("quarter"),
    PeriodKind.HALF_YEAR: gettext_lazy("half year"),
    PeriodKind.YEAR: gettext_lazy("year"),
}


# -- seeding ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SeedResult:
    created: int  # indicators created
    targets: int  # targets created
    existing: int  # indicators that were there already (left as they are)
    skipped: tuple[str, ...]  # codes without any matching agreement in this covenant


def indicators_seed(
    *, covenant: Covenant, user: User | None = None, catalogue: Sequence[IndicatorSeed] = KAMPEN
) -> SeedResult:
    """Create the catalogue's indicators for ``covenant``, each linked to its agreement(s) by number.

    An indicator is only created when at least one of its agreements exists in this covenant with the
    expected word in it, so another municipality's document never gets wrong links. Existing indicators
    are left as they are (a coordinator may have changed them): seeding twice changes nothing.
    """
    agreements = {
        agreement.number: agreement
        for agreement in Agreement.objects.filter(covenant=covenant).only(
            "pk", "number", "subject", "text", "theme_id"
        )
    }
    parties = list(covenant.parties.all())
    owner = (
        next((org for org in parties if org.kind == OrganisationKind.MUNICIPALITY), None) or covenant.owner
    )
    existing_codes = set(Indicator.objects.filter(covenant=covenant).values_list("code", flat=True))
    created = targets = existing = 0
    skipped: list[str] = []
    with transaction.atomic():
        for order, seed in enumerate(catalogue, start=1):
            linked = [
                agreements[ref.number]
                for ref in seed.agreements
                if ref.number in agreements and _mentions(agreements[ref.number], ref.keyword)
            ]
            if not linked:
                skipped.append(seed.code)
                continue
            if seed.code in existing_codes:
                existing += 1
                continue
            indicator = _indicator_from_seed(seed, covenant=covenant, owner=owner, order=order, user=user)
            indicator.theme_id = linked[0].theme_id
            _save(indicator, user)
            indicator.agreements.set(linked)
            indicator.delivered_by.set(_deliverers(seed.delivered_by, parties))
            created += 1
            for target_seed in seed.targets:
                target = Target(
                    indicator=indicator,
                    agreement=agreements.get(target_seed.agreement),
                    kind=target_seed.kind,
                    value=Decimal(str(target_seed.value)),
                    upper=None if target_seed.upper is None else Decimal(str(target_seed.upper)),
                    period=target_seed.period,
                    first_year=target_seed.first_year,
                    last_year=target_seed.last_year,
                    baseline_year=target_seed.baseline_year,
                    goal_year=target_seed.goal_year,
                    applies_to=target_seed.applies_to,
                    source=target_seed.source,
                    owner=owner,
                    created_by=user,
                )
                _save(target, user)
                targets += 1
    return SeedResult(created, targets, existing, tuple(skipped))


def _mentions(agreement: Agreement, keyword: str) -> bool:
    return keyword.lower() in f"{agreement.subject}\n{agreement.text}".lower()


def _deliverers(deliverer: str, parties: list[Organisation]) -> list[Organisation]:
    kind = (
        OrganisationKind.CORPORATION if deliverer == Deliverer.CORPORATIONS else OrganisationKind.MUNICIPALITY
    )
    return [org for org in parties if org.kind == kind]


def _indicator_from_seed(
    seed: IndicatorSeed, *, covenant: Covenant, owner: Organisation, order: int, user: User | None
) -> Indicator:
    return Indicator(
        covenant=covenant,
        code=seed.code,
        name=seed.name,
        definition=seed.definition,
        unit=seed.unit,
        decimals=seed.decimals,
        minimum=None if seed.minimum is None else Decimal(str(seed.minimum)),
        maximum=None if seed.maximum is None else Decimal(str(seed.maximum)),
        period=seed.period,
        per_organisation=seed.per_organisation,
        dimension=seed.dimension,
        direction=seed.direction,
        roll_up=seed.roll_up,
        combine=seed.combine,
        weight_code=seed.weight_code,
        weight_dimension=seed.weight_dimension,
        source_kind=seed.source_kind,
        formula=seed.formula,
        inputs=seed.inputs,
        series_key=seed.series_key,
        default_source=seed.default_source,
        allow_future=seed.allow_future,
        order=order,
        owner=owner,
        created_by=user,
    )


def _save(obj: Indicator | Target | Observation, user: User | None) -> None:
    attribute_change(obj, user)
    obj.full_clean(validate_constraints=False)
    obj.save()


# -- targets -------------------------------------------------------------------------------------------
def target_create(
    *,
    indicator: Indicator,
    user: User,
    kind: str,
    value: Decimal,
    source: str,
    upper: Decimal | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    applies_to: str = AppliesTo.TOTAL,
    agreement: Agreement | None = None,
) -> Target:
    """Add a target (for example the maximum rent increase of a year), with where it comes from."""
    if not can_set_targets(user, indicator):
        raise PermissionDenied(TARGETS_ONLY)
    errors: dict[str, ValidationError] = {}
    if kind == TargetKind.BACKLOG and indicator.formula != "statushouder_backlog":
        errors["kind"] = ValidationError(
            _("A backlog carried along only fits the backlog of the statushouders."), code="backlog_only"
        )
    if kind == TargetKind.BAND and upper is None:
        errors["upper"] = ValidationError(_("A band needs an upper limit."), code="required")
    if upper is not None and upper < value:
        errors["upper"] = ValidationError(
            _("The upper limit must be at least as high as the value."), code="below_value"
        )
    if first_year is not None and last_year is not None and last_year < first_year:
        errors["last_year"] = ValidationError(_("The last year lies before the first year."), code="order")
    if agreement is not None and agreement.covenant_id != indicator.covenant_id:
        errors["agreement"] = ValidationError(
            _("This agreement does not belong to this covenant."), code="other_covenant"
        )
    if not source.strip():
        errors["source"] = ValidationError(_("State where the target comes from."), code="required")
    if errors:
        raise ValidationError(errors)
    target = Target(
        indicator=indicator,
        agreement=agreement,
        kind=kind,
        value=value,
        upper=upper,
        first_year=first_year,
        last_year=last_year,
        applies_to=applies_to,
        source=source.strip(),
        owner=indicator.owner,
        created_by=user,
    )
    with transaction.atomic():
        _save(target, user)
    return target


def target_delete(*, target: Target, user: User) -> None:
    if not can_set_targets(user, target.indicator):
        raise PermissionDenied(TARGETS_ONLY)
    with transaction.atomic():
        attribute_change(target, user)
        target.delete()


# -- entering figures --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RecordResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __add__(self, other: RecordResult) -> RecordResult:
        return RecordResult(
            self.created + other.created, self.updated + other.updated, self.unchanged + other.unchanged
        )


def covenant_term_end(covenant: Covenant) -> dt.date:
    """The last day figures can be about: the end date, plus the automatic extension if there is one."""
    months = covenant.automatic_extension_months or 0
    end = covenant.end_date
    month_index = end.month - 1 + months
    year, month = end.year + month_index // 12, month_index % 12 + 1
    day = min(end.day, _days_in_month(year, month))
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def check_period(indicator: Indicator, raw: object, *, today: dt.date) -> Period:
    """The period of a figure, or ValueError with a Dutch message."""
    period = Period.parse(raw)
    kind = PeriodKind(indicator.period)
    if period.kind is not kind:
        example = {PeriodKind.QUARTER: "2025-K1", PeriodKind.HALF_YEAR: "2025-H1", PeriodKind.YEAR: "2025"}[
            kind
        ]
        raise PeriodError(
            _(
                "'%(indicator)s' goes per %(kind)s; '%(period)s' is a %(given)s (write for example %(example)s)."
            )
            % {
                "indicator": indicator.name,
                "kind": PERIOD_NAMES[kind],
                "period": period.key,
                "given": PERIOD_NAMES[period.kind],
                "example": example,
            }
        )
    covenant = indicator.covenant
    if period.end < covenant.start_date or period.start > covenant_term_end(covenant):
        raise PeriodError(
            _("%(period)s lies outside the term of the covenant (%(start)s up to and including %(end)s).")
            % {
                "period": period.key,
                "start": f"{covenant.start_date:%d-%m-%Y}",
                "end": f"{covenant_term_end(covenant):%d-%m-%Y}",
            }
        )
    latest_start = today + dt.timedelta(days=366) if indicator.allow_future else today
    if period.start > latest_start:
        raise PeriodError(
            _("%(period)s has not begun yet; figures are about a period that is running or over.")
            % {"period": period.key}
        )
    return period


def check_value(indicator: Indicator, value: Decimal) -> None:
    if not -_LARGEST <= value <= _LARGEST:
        raise ValueError(
            _("%(value)s is too large; a figure has at most %(digits)s digits before the decimal comma.")
            % {"value": _dutch(value), "digits": _WHOLE}
        )
    if value != value.quantize(_SMALLEST):
        raise ValueError(
            _("%(value)s has too many digits after the decimal comma; %(places)s fit.")
            % {"value": _dutch(value), "places": _PLACES}
        )
    if indicator.minimum is not None and value < indicator.minimum:
        raise ValueError(
            _("%(value)s is lower than the lowest possible %(minimum)s.")
            % {"value": _dutch(value), "minimum": _dutch(indicator.minimum)}
        )
    if indicator.maximum is not None and value > indicator.maximum:
        raise ValueError(
            _("%(value)s is higher than the highest possible %(maximum)s.")
            % {"value": _dutch(value), "maximum": _dutch(indicator.maximum)}
        )
    if indicator.decimals == 0 and value != value.to_integral_value():
        raise ValueError(
            _("%(value)s is not a whole number; '%(indicator)s' counts whole numbers.")
            % {"value": _dutch(value), "indicator": indicator.name}
        )


# What the value column holds (max_digits, decimal_places); larger or finer figures are typing errors.
_VALUE_FIELD = Observation._meta.get_field("value")
_PLACES = _VALUE_FIELD.decimal_places
_WHOLE = _VALUE_FIELD.max_digits - _PLACES
_SMALLEST = Decimal(1).scaleb(-_PLACES)
_LARGEST = Decimal(10) ** _WHOLE - _SMALLEST


def _dutch(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def dimension_values(indicator: Indicator) -> list[tuple[str, str]]:
    """(value, label) pairs of the indicator's dimension, or one ('', '') for an undivided figure."""
    return DIMENSION_VALUES.get(indicator.dimension, [("", "")])


def observation_rows(indicator: Indicator, **filters: Any) -> Rows:
    """The figures of an indicator the entry form may overwrite (ADR 0005); ``filters`` narrow them
    (period, organisation_id, dimension__in)."""
    return Rows(
        Observation,
        {"indicator_id": indicator.pk, **filters},
        ("value", "source", "note"),
        describe=_describe_observation,
    )


def _describe_observation(observation: Observation) -> str:
    parts = [observation.period, str(observation.organisation or ""), observation.dimension]
    return f"{observation.indicator.name} ({', '.join(part for part in parts if part)})"


def observation_record(
    *,
    indicator: Indicator,
    user: User,
    period: str | Period,
    values: Mapping[str, Decimal | None],
    organisation: Organisation | None = None,
    source: str = "",
    note: str = "",
    today: dt.date | None = None,
    expected: str | None = None,
) -> RecordResult:
    """Enter the figures of one period: one value per dimension value ('' when undivided).

    A value of None leaves what is stored as it is. Everything is checked first; then all values are
    stored in one transaction, or none. ``expected``: the edit token of the indicator's figures as the
    user saw them; if someone entered one of these figures since, nothing is saved (``StaleEditError``).
    """
    day = today or timezone.localdate()
    if not indicator.is_entered:
        raise ValidationError(
            _("'%(indicator)s' is calculated and cannot be entered.") % {"indicator": indicator.name},
            code="calculated",
        )
    if not can_enter_figures(user, indicator, organisation):
        raise PermissionDenied(_permission_message(indicator, organisation))
    errors: dict[str, list[str]] = {}
    try:
        checked_period = check_period(
            indicator, period.key if isinstance(period, Period) else period, today=day
        )
    except ValueError as error:
        errors.setdefault("period", []).append(str(error))
    if indicator.per_organisation and organisation is None:
        errors.setdefault("organisation", []).append(_("Choose the organisation the figure is about."))
    if not indicator.per_organisation and organisation is not None:
        errors.setdefault("organisation", []).append(
            _("This figure is about all organisations together, not about one.")
        )
    allowed = {value for value, _label in dimension_values(indicator)}
    given = {dimension: value for dimension, value in values.items() if value is not None}
    for dimension, value in given.items():
        if dimension not in allowed:
            errors.setdefault("__all__", []).append(
                _("'%(dimension)s' is not a part of '%(indicator)s'.")
                % {"dimension": dimension, "indicator": indicator.name}
            )
            continue
        try:
            check_value(indicator, value)
        except ValueError as error:
            errors.setdefault(dimension or "value", []).append(str(error))
    if not given:
        errors.setdefault("__all__", []).append(_("Fill in at least one value."))
    if errors:
        raise ValidationError(errors)
    result = RecordResult()
    with transaction.atomic():
        if expected:
            scope = {
                "period": checked_period.key,
                "organisation_id": organisation.pk if organisation else None,
                "dimension__in": sorted(given),
            }
            list(Observation.objects.select_for_update(of=("self",)).filter(indicator=indicator, **scope))
            ensure_unchanged(
                observation_rows(indicator, **scope),
                expected=expected,
                what=_("Figures of %(indicator)s for %(period)s")
                % {"indicator": indicator.name, "period": checked_period.key},
            )
        for dimension, value in given.items():
            result += _store(
                indicator=indicator,
                user=user,
                period=checked_period,
                organisation=organisation,
                dimension=dimension,
                value=value,
                source=source.strip() or indicator.default_source or "Ingevoerd",
                note=note.strip(),
            )
    return result


def _permission_message(indicator: Indicator, organisation: Organisation | None) -> str:
    if organisation is not None:
        return _("You may not enter figures of %(organisation)s for '%(indicator)s'.") % {
            "organisation": organisation.name,
            "indicator": indicator.name,
        }
    return _("You may not enter figures for '%(indicator)s'.") % {"indicator": indicator.name}


ObservationKey = tuple[int, str, int | None, str]  # indicator, period, organisation, dimension


def _store(
    *,
    indicator: Indicator,
    user: User | None,
    period: Period,
    organisation: Organisation | None,
    dimension: str,
    value: Decimal,
    source: str,
    note: str,
    stored: Mapping[ObservationKey, Observation] | None = None,
) -> RecordResult:
    """Create or update one figure. ``stored``: the figures already read (and locked) by the caller."""
    key = (indicator.pk, period.key, organisation.pk if organisation else None, dimension)
    if stored is not None:
        existing = stored.get(key)
    else:
        existing = (
            Observation.objects.select_for_update(of=("self",))
            .filter(indicator=indicator, period=period.key, organisation=organisation, dimension=dimension)
            .first()
        )
    if existing is not None:
        if (
            existing.value == value
            and existing.source == source
            and existing.note == note
            and not existing.is_demo
        ):
            return RecordResult(unchanged=1)
        existing.value = value
        existing.source = source
        existing.note = note
        existing.entered_by = user
        existing.is_demo = False  # a real figure replaces an example
        _save_observation(existing, user)
        return RecordResult(updated=1)
    owner = organisation or (user.organisation if user is not None else None) or indicator.owner
    observation = Observation(
        indicator=indicator,
        period=period.key,
        period_start=period.start,
        organisation=organisation,
        dimension=dimension,
        value=value,
        source=source,
        note=note,
        entered_by=user,
        owner=owner,
        created_by=user,
    )
    _save_observation(observation, user)
    return RecordResult(created=1)


# The related rows were just read by the caller, so full_clean need not query them again per figure.
_KNOWN_RELATIONS = ["indicator", "organisation", "entered_by", "owner", "created_by"]


def _save_observation(observation: Observation, user: User | None) -> None:
    """Uniqueness was checked under a row lock just before; the database constraints guard races."""
    attribute_change(observation, user)
    observation.full_clean(exclude=_KNOWN_RELATIONS, validate_unique=False, validate_constraints=False)
    observation.save()


# -- spreadsheets ------------------------------------------------------------------------------------
def figures_sheet(*, info: list[tuple[str, Any]] | None = None) -> Sheet:
    """The columns of a figures template; the same sheet reads the file back."""
    return Sheet(
        title="Indicatorcijfers",
        info=info or [],
        columns=[
            Column("code", "Code", help=_("The code of the indicator; do not change.")),
            Column("name", "Indicator", required=False, help=_("For information; ignored when reading.")),
            Column(
                "period",
                "Periode",
                help=_("A year (2025), a quarter (2025-K1) or a half year (2025-H1), as the indicator goes."),
            ),
            Column(
                "organisation",
                "Organisatie",
                required=False,
                help=_("For figures per organisation: the name of the corporation. Empty otherwise."),
            ),
            Column(
                "dimension",
                "Onderdeel",
                required=False,
                help=_(
                    "The module (bemiddeling, spoed, wens) or the energy label; "
                    "empty if the indicator has no parts."
                ),
            ),
            Column("unit", "Eenheid", required=False, help=_("For information.")),
            Column(
                "value",
                "Waarde",
                "decimal",
                required=False,
                help=_("The figure, in the unit of the indicator. Empty values are skipped."),
            ),
            Column(
                "source",
                "Bron",
                required=False,
                max_length=Observation._meta.get_field("source").max_length,
                help=_("Where the figure comes from, for example the quarterly report."),
            ),
            Column("note", "Toelichting", required=False),
        ],
        unique_together=("code", "period", "organisation", "dimension"),
    )


@dataclass(frozen=True)
class ImportSummary(RecordResult):
    rows: int = 0


def observations_import(
    *, covenant: Covenant, user: User, content: bytes, filename: str, today: dt.date | None = None
) -> ImportSummary:
    """Read a figures file (Excel or CSV) and store every row in one transaction, or nothing.

    Every problem is reported with its row number, in Dutch (``TabularImportError``).
    """
    if not can_enter_any_figures(user, covenant):
        raise PermissionDenied(_("You may not enter figures of this covenant."))
    day = today or timezone.localdate()
    rows = read_rows(content, filename, figures_sheet())
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(covenant=covenant).with_relations()
    }
    organisations = _organisation_names(list(covenant.parties.all()))
    permissions: dict[tuple[int, int | None], bool] = {}

    def allowed(indicator: Indicator, organisation: Organisation | None) -> bool:
        key = (indicator.pk, organisation.pk if organisation else None)
        if key not in permissions:
            permissions[key] = can_enter_figures(user, indicator, organisation)
        return permissions[key]

    errors: list[RowError] = []
    checked: list[tuple[int, Indicator, Period, Organisation | None, str, Decimal, str, str]] = []
    seen: dict[tuple[str, str, int | None, str], int] = {}
    for row in rows:
        if row.values.get("value") is None:
            continue
        try:
            item = _check_row(row, indicators, organisations, allowed, day)
        except (ValueError, PermissionDenied) as error:
            errors.append(RowError(row.row, None, str(error)))
            continue
        indicator, period, organisation, dimension, value = item
        key = (indicator.code, period.key, organisation.pk if organisation else None, dimension)
        if key in seen:
            errors.append(
                RowError(
                    row.row, None, _("This figure is in it twice (also on row %(row)s).") % {"row": seen[key]}
                )
            )
            continue
        seen[key] = row.row
        source = str(row.values.get("source") or "").strip() or indicator.default_source or filename
        note = str(row.values.get("note") or "").strip()
        checked.append((row.row, indicator, period, organisation, dimension, value, source, note))
    if errors:
        raise TabularImportError(errors)
    if not checked:
        raise TabularImportError(
            [RowError(None, None, _("There is not a single value in the file; nothing has been stored."))]
        )
    result = RecordResult()
    with transaction.atomic():
        locked = Observation.objects.select_for_update(of=("self",)).filter(
            indicator__in={item[1].pk for item in checked}, period__in={item[2].key for item in checked}
        )
        stored = {
            (
                observation.indicator_id,
                observation.period,
                observation.organisation_id,
                observation.dimension,
            ): observation
            for observation in locked
        }
        for _row, indicator, period, organisation, dimension, value, source, note in checked:
            result += _store(
                indicator=indicator,
                user=user,
                period=period,
                organisation=organisation,
                dimension=dimension,
                value=value,
                source=source,
                note=note,
                stored=stored,
            )
    return ImportSummary(result.created, result.updated, result.unchanged, rows=len(checked))


def _organisation_names(parties: list[Organisation]) -> dict[str, Organisation]:
    names: dict[str, Organisation] = {}
    for org in parties:
        for name in [org.name, *(org.short_names or [])]:
            names.setdefault(" ".join(str(name).split()).lower(), org)
    return names


def _check_row(
    row: ParsedRow,
    indicators: Mapping[str, Indicator],
    organisations: Mapping[str, Organisation],
    allowed: Callable[[Indicator, Organisation | None], bool],
    today: dt.date,
) -> tuple[Indicator, Period, Organisation | None, str, Decimal]:
    code = str(row.values["code"]).strip()
    indicator = indicators.get(code)
    if indicator is None:
        raise ValueError(_("Unknown indicator '%(code)s' in this covenant.") % {"code": code})
    if not indicator.is_entered:
        raise ValueError(
            _("'%(indicator)s' is calculated and cannot be read in.") % {"indicator": indicator.name}
        )
    period = check_period(indicator, row.values["period"], today=today)
    organisation_name = " ".join(str(row.values.get("organisation") or "").split()).lower()
    organisation = organisations.get(organisation_name) if organisation_name else None
    if organisation_name and organisation is None:
        raise ValueError(
            _("'%(organisation)s' is not a party to this covenant.")
            % {"organisation": row.values["organisation"]}
        )
    if indicator.per_organisation:
        if organisation is None:
            raise ValueError(
                _("'%(indicator)s' goes per organisation; fill in the column Organisatie.")
                % {"indicator": indicator.name}
            )
        if organisation not in indicator.delivered_by.all():
            raise ValueError(
                _("%(organisation)s does not deliver '%(indicator)s'.")
                % {"organisation": organisation.name, "indicator": indicator.name}
            )
    elif organisation is not None:
        raise ValueError(
            _("'%(indicator)s' is about all organisations together; leave Organisatie empty.")
            % {"indicator": indicator.name}
        )
    dimension = _dimension(indicator, row.values.get("dimension"))
    value = Decimal(row.values["value"])
    check_value(indicator, value)
    if not allowed(indicator, organisation):
        raise PermissionDenied(_permission_message(indicator, organisation))
    return indicator, period, organisation, dimension, value


def _dimension(indicator: Indicator, raw: object) -> str:
    text = " ".join(str(raw or "").split())
    options = dimension_values(indicator)
    if options == [("", "")]:
        if text:
            raise ValueError(
                _("'%(indicator)s' has no parts; leave Onderdeel empty.") % {"indicator": indicator.name}
            )
        return ""
    for value, label in options:
        if text.lower() in (value.lower(), label.lower()) or text == value:
            return value
    choices = ", ".join(value for value, _label in options)
    if not text:
        raise ValueError(_("Fill in the part (%(choices)s).") % {"choices": choices})
    raise ValueError(
        _("'%(text)s' is not a part of '%(indicator)s'; choose from %(choices)s.")
        % {"text": text, "indicator": indicator.name, "choices": choices}
    )
