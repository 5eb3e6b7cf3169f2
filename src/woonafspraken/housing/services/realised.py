"""The realised homes of one organisation in one year, entered on the page: per project and withdrawal."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.housing.constants import FigureSource, ProjectStatus, WithdrawalKind
from woonafspraken.housing.models import Project, ProjectYear, Withdrawal
from woonafspraken.housing.permissions import can_edit_figures


def realised_rows(
    covenant: Covenant, organisation: Organisation, year: int, project_ids: Iterable[int]
) -> tuple[Rows, Rows]:
    """The figures on the page of realised homes: per project and per kind of withdrawal (ADR 0005)."""
    return (
        Rows(
            ProjectYear,
            {"project_id__in": sorted(project_ids), "year": year},
            ("realised",),
            describe=lambda row: f"{row.project} ({row.year})",
        ),
        Rows(
            Withdrawal,
            {"covenant_id": covenant.pk, "corporation_id": organisation.pk, "year": year},
            ("realised",),
            describe=lambda row: f"{str(row.get_kind_display()).capitalize()} ({row.year})",
        ),
    )


def realised_update(
    *,
    covenant: Covenant,
    user: User,
    organisation: Organisation,
    year: int,
    projects: Mapping[int, int | None],
    withdrawals: Mapping[str, int | None],
    expected: str | None = None,
) -> int:
    """Set the realised homes of one organisation in one year; an empty value clears it. Returns changes.

    ``expected``: the edit token of the figures as the user saw them; if someone changed a realised
    figure of this organisation and year since, nothing is saved (``StaleEditError``).
    """
    require(
        can_edit_figures(user, covenant, organisation.pk),
        _("You may not enter figures of %(name)s.") % {"name": organisation.name},
    )
    if year > timezone.localdate().year:
        raise ValidationError(
            _("%(year)s has not begun yet; nothing can have been realised yet.") % {"year": year},
            code="future_year",
        )
    if any(value is not None and value < 0 for value in (*projects.values(), *withdrawals.values())):
        raise ValidationError(_("A number of homes cannot be negative."), code="negative")
    unknown_kinds = set(withdrawals) - set(WithdrawalKind.values)
    if unknown_kinds:
        raise ValidationError(
            _("Unknown kind of withdrawal: %(kinds)s.") % {"kinds": ", ".join(sorted(unknown_kinds))},
            code="unknown_kind",
        )
    changes = 0
    with transaction.atomic():
        own = {
            p.pk: p
            for p in Project.objects.filter(
                covenant=covenant, organisation=organisation, pk__in=list(projects)
            )
        }
        if set(projects) - set(own):
            raise ValidationError(
                _("One of the projects does not belong to this organisation."), code="other_organisation"
            )
        rows = {
            row.project_id: row
            for row in ProjectYear.objects.select_for_update(of=("self",)).filter(
                project_id__in=list(own), year=year
            )
        }
        current = {
            row.kind: row
            for row in Withdrawal.objects.select_for_update(of=("self",)).filter(
                covenant=covenant, corporation=organisation, year=year
            )
        }
        ensure_unchanged(  # after locking the rows, before writing any
            *realised_rows(covenant, organisation, year, own),
            expected=expected,
            what=_("Realised homes of %(organisation)s in %(year)s")
            % {"organisation": organisation.name, "year": year},
        )
        for project_id, value in projects.items():
            changes += _set_realised(
                rows.get(project_id), value, user, ProjectYear(project=own[project_id], year=year)
            )
        for kind, value in withdrawals.items():
            template = Withdrawal(
                covenant=covenant,
                corporation=organisation,
                owner=organisation,
                created_by=user,
                year=year,
                kind=kind,
                source=FigureSource.FORM,
            )
            changes += _set_realised(current.get(kind), value, user, template)
        if changes and projects:
            _mark_completed(own.values(), user)
    return changes


def _set_realised(
    row: ProjectYear | Withdrawal | None, value: int | None, user: User, new: ProjectYear | Withdrawal
) -> int:
    if row is None:
        if value is None:
            return 0
        new.realised = value
        save_attributed(new, user, validate_constraints=False)
        return 1
    if row.realised == value:
        return 0  # also an unchanged example figure stays marked as example
    if value is None and row.planned is None:
        attribute_change(row, user)
        row.delete()
        return 1
    row.realised, row.realised_is_demo = value, False
    save_attributed(row, user, validate_constraints=False)
    return 1


def _mark_completed(projects: Iterable[Project], user: User) -> None:
    """A project whose planned homes have all been realised is completed."""
    for project in projects:
        rows = list(project.years.all())
        planned = sum(row.planned or 0 for row in rows)
        realised = sum(row.realised or 0 for row in rows if not row.realised_is_demo)
        if planned and realised >= planned and project.status != ProjectStatus.COMPLETED:
            project.status = ProjectStatus.COMPLETED
            save_attributed(project, user, validate_constraints=False)
