"""Importing figures from a spreadsheet (Excel or CSV): every row checked, then all stored or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.tabular import Column, ParsedRow, RowError, Sheet, TabularImportError, read_rows
from woonafspraken.indicators.arithmetic import Period
from woonafspraken.indicators.models import Indicator, Observation
from woonafspraken.indicators.permissions import can_enter_any_figures, can_enter_figures
from woonafspraken.indicators.services.checks import check_period, check_value, dimension_values
from woonafspraken.indicators.services.observations import RecordResult, _permission_message, _store


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
