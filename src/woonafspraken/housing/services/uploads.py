"""Spreadsheet uploads (xlsx or csv) of the stock and of the pipeline: every error at once, nothing half-stored."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.core.models import save_attributed
from woonafspraken.core.tabular import ParsedRow, RowError, TabularImportError, read_rows
from woonafspraken.housing.constants import FigureSource, Segment
from woonafspraken.housing.domain import DWELLING_TYPES, RENT_CLASSES, PipelineKind
from woonafspraken.housing.models import Project, ProjectYear, StockCount, Withdrawal
from woonafspraken.housing.permissions import can_edit_figures, editable_organisations
from woonafspraken.housing.selectors import covenant_organisations
from woonafspraken.housing.services._common import name_candidates, recorded_user
from woonafspraken.housing.services.stock import StockChanges, stock_changes, stock_changes_apply
from woonafspraken.housing.sheets import PIPELINE_SHEET, STOCK_SHEET


@dataclass(frozen=True)
class UploadResult:
    created: int
    updated: int
    unchanged: int
    groups: tuple[str, ...] = ()  # what the file was about: "deltaWonen per 01-07-2025"
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def changed(self) -> int:
        return self.created + self.updated


def _organisation_lookup(
    covenant: Covenant, kinds: Sequence[str]
) -> tuple[list[Organisation], list[tuple[int, str, Sequence[str]]]]:
    organisations = covenant_organisations(covenant, kinds=kinds)
    return organisations, name_candidates(organisations)


def _exact_organisation(text: str, candidates: Sequence[tuple[int, str, Sequence[str]]]) -> int | None:
    """A cell must name the organisation itself (full or short name), not merely contain it."""
    wanted = " ".join(str(text).split()).casefold()
    for key, name, short_names in candidates:
        if wanted in {" ".join(n.split()).casefold() for n in (name, *short_names)}:
            return key
    return None


def _may_not_deliver(name: str) -> str:
    return _("you may not deliver figures of %(name)s.") % {"name": name}


def stock_upload(*, covenant: Covenant, user: User, content: bytes, filename: str) -> UploadResult:
    """Read a filled stock template (xlsx or csv) and store it; every error at once, nothing half-stored."""
    corporations, candidates = _organisation_lookup(covenant, [OrganisationKind.CORPORATION])
    require(
        bool(editable_organisations(user, covenant, corporations)),
        _("You may not deliver stock for any corporation of this covenant."),
    )
    rows = read_rows(content, filename, STOCK_SHEET)
    names = {org.pk: org.name for org in corporations}
    errors: list[RowError] = []
    groups: dict[tuple[int, dt.date], list[ParsedRow]] = defaultdict(list)
    today = timezone.localdate()
    allowed = {org.pk: can_edit_figures(user, covenant, org.pk) for org in corporations}
    for row in rows:
        corporation_id = _exact_organisation(row.values["corporation"], candidates)
        if corporation_id is None:
            errors.append(
                RowError(
                    row.row,
                    "Corporatie",
                    _("'%(name)s' is not a corporation in this covenant (choose from %(names)s).")
                    % {"name": row.values["corporation"], "names": ", ".join(names.values())},
                )
            )
            continue
        if not allowed[corporation_id]:
            errors.append(RowError(row.row, "Corporatie", _may_not_deliver(names[corporation_id])))
            continue
        if row.values["date"] > today:
            errors.append(
                RowError(
                    row.row,
                    "Peildatum",
                    _("%(date)s lies in the future.") % {"date": format_date(row.values["date"])},
                )
            )
            continue
        groups[(corporation_id, row.values["date"])].append(row)
    for (corporation_id, date), group in groups.items():
        first_row: dict[tuple[str, str], int] = {}
        for row in group:
            key = (row.values["rent_class"], row.values["dwelling_type"])
            if key in first_row:
                errors.append(
                    RowError(
                        row.row,
                        None,
                        _("This line is in it twice (also on row %(row)s).") % {"row": first_row[key]},
                    )
                )
            first_row.setdefault(key, row.row)
        present = set(first_row)
        missing = [
            f"{rent_class.value} {dwelling.value}"
            for rent_class in RENT_CLASSES
            for dwelling in DWELLING_TYPES
            if (rent_class.value, dwelling.value) not in present
        ]
        if missing:
            errors.append(
                RowError(
                    None,
                    None,
                    _(
                        "The stock of %(corporation)s on %(date)s is not complete; lines are missing for: "
                        "%(missing)s. Also fill in a 0 where a corporation has no homes."
                    )
                    % {
                        "corporation": names[corporation_id],
                        "date": format_date(date),
                        "missing": ", ".join(missing),
                    },
                )
            )
    if errors:
        raise TabularImportError(sorted(errors, key=lambda e: (e.row is None, e.row or 0)))
    created = updated = unchanged = 0
    replaced_demo = 0
    with transaction.atomic():
        dates = {date for _corporation, date in groups}
        existing: dict[tuple[int, dt.date], list[StockCount]] = defaultdict(list)
        for stored in StockCount.objects.filter(
            covenant=covenant, date__in=dates, corporation_id__in={c for c, _d in groups}
        ):
            existing[(stored.corporation_id, stored.date)].append(stored)
        changes = StockChanges()
        for (corporation_id, date), group in groups.items():
            stored_rows = existing.get((corporation_id, date), [])
            replaced_demo += sum(1 for stored in stored_rows if stored.is_demo)
            before = {(s.rent_class, s.dwelling_type): s.count for s in stored_rows if not s.is_demo}
            wanted = {
                (corporation_id, row.values["rent_class"], row.values["dwelling_type"]): row.values["count"]
                for row in group
            }
            for (_c, rent_class, dwelling_type), count in wanted.items():
                if (rent_class, dwelling_type) not in before:
                    created += 1
                elif before[(rent_class, dwelling_type)] != count:
                    updated += 1
                else:
                    unchanged += 1
            stock_changes(
                changes,
                covenant=covenant,
                user=user,
                date=date,
                wanted=wanted,
                existing=stored_rows,
                source=FigureSource.UPLOAD,
            )
        stock_changes_apply(changes, user)
    notes = (
        (
            _("%(count)s example figures (made up) have been replaced by the delivered figures.")
            % {"count": replaced_demo},
        )
        if replaced_demo
        else ()
    )
    labels = tuple(
        _("%(name)s on %(date)s") % {"name": names[c], "date": format_date(d)}
        for c, d in sorted(groups, key=lambda key: (names[key[0]], key[1]))
    )
    return UploadResult(created, updated, unchanged, labels, notes)


_KIND_BY_VALUE = {kind.value: kind for kind in PipelineKind}


def pipeline_upload(*, covenant: Covenant, user: User, content: bytes, filename: str) -> UploadResult:
    """Read a filled pipeline template: planned and realised homes per project/withdrawal and year.

    An empty cell leaves the stored figure as it is, so a downloaded template uploads again unchanged
    and fictitious example figures are only replaced by figures a user types in.
    """
    organisations, candidates = _organisation_lookup(
        covenant, [OrganisationKind.CORPORATION, OrganisationKind.MUNICIPALITY]
    )
    require(
        bool(editable_organisations(user, covenant, organisations)),
        _("You may not deliver the housing pipeline for any party of this covenant."),
    )
    rows = read_rows(content, filename, PIPELINE_SHEET)
    kinds = {org.pk: org.kind for org in organisations}
    names = {org.pk: org.name for org in organisations}
    first_year, last_year = covenant.start_date.year - 10, covenant.end_date.year + 10
    errors: list[RowError] = []
    accepted: list[tuple[ParsedRow, int]] = []
    allowed = {org.pk: can_edit_figures(user, covenant, org.pk) for org in organisations}
    for row in rows:
        values = row.values
        organisation_id = _exact_organisation(values["organisation"], candidates)
        kind = _KIND_BY_VALUE[values["kind"]]
        problem = None
        if organisation_id is None:
            problem = (
                "Corporatie",
                _("'%(name)s' is not a corporation or municipality in this covenant.")
                % {"name": values["organisation"]},
            )
        elif kind is not PipelineKind.NEW_BUILD and kinds[organisation_id] != OrganisationKind.CORPORATION:
            problem = ("Corporatie", _("withdrawals belong to a corporation."))
        elif not allowed[organisation_id]:
            problem = ("Corporatie", _may_not_deliver(names[organisation_id]))
        elif kind is PipelineKind.NEW_BUILD and not values["project"]:
            problem = ("Project (locatie)", _("new build needs a project (location)."))
        elif kind is not PipelineKind.NEW_BUILD and values["project"]:
            problem = (
                "Project (locatie)",
                _("leave 'Project' empty for demolition, sale and liberalisation."),
            )
        elif not first_year <= values["year"] <= last_year:
            problem = (
                "Jaar",
                _("%(year)s does not lie between %(first)s and %(last)s.")
                % {"year": values["year"], "first": first_year, "last": last_year},
            )
        elif values["realised"] is not None and values["year"] > timezone.localdate().year:
            problem = (
                "Gerealiseerd",
                _("%(year)s is not over yet; nothing can have been realised yet.") % {"year": values["year"]},
            )
        if problem:
            errors.append(RowError(row.row, problem[0], problem[1]))
        else:
            assert organisation_id is not None
            accepted.append((row, organisation_id))
    if errors:
        raise TabularImportError(errors)
    created = updated = unchanged = 0
    history_user = recorded_user(user)
    with transaction.atomic():
        projects = {(p.organisation_id, p.name): p for p in Project.objects.filter(covenant=covenant)}
        project_years = {
            (py.project_id, py.year): py for py in ProjectYear.objects.filter(project__covenant=covenant)
        }
        withdrawals = {
            (w.corporation_id, w.kind, w.year): w for w in Withdrawal.objects.filter(covenant=covenant)
        }
        new_rows: list[tuple[int, int]] = []
        for row, organisation_id in accepted:
            values = row.values
            kind = _KIND_BY_VALUE[values["kind"]]
            if kind is PipelineKind.NEW_BUILD:
                project = projects.get((organisation_id, values["project"]))
                if project is None:
                    project = Project(
                        covenant=covenant,
                        organisation_id=organisation_id,
                        owner_id=organisation_id,
                        created_by=history_user,
                        name=values["project"],
                        order=1
                        + max(
                            (p.order for p in projects.values() if p.organisation_id == organisation_id),
                            default=-1,
                        ),
                        segment=values["segment"] or Segment.SOCIAL_RENT,
                        rent_class=values["rent_class"] or "",
                        source=FigureSource.UPLOAD,
                    )
                    save_attributed(project, history_user, validate_constraints=False)
                    projects[(organisation_id, project.name)] = project
                else:
                    changes = {
                        name: value
                        for name, value in (
                            ("segment", values["segment"]),
                            ("rent_class", values["rent_class"]),
                        )
                        if value and getattr(project, name) != value
                    }
                    if changes:
                        for name, value in changes.items():
                            setattr(project, name, value)
                        save_attributed(project, history_user, validate_constraints=False)
                target: ProjectYear | Withdrawal | None = project_years.get((project.pk, values["year"]))
                if target is None:
                    target = ProjectYear(project=project, year=values["year"])
                    project_years[(project.pk, values["year"])] = target
            else:
                target = withdrawals.get((organisation_id, kind.value, values["year"]))
                if target is None:
                    target = Withdrawal(
                        covenant=covenant,
                        corporation_id=organisation_id,
                        owner_id=organisation_id,
                        created_by=history_user,
                        year=values["year"],
                        kind=kind.value,
                        source=FigureSource.UPLOAD,
                    )
                    withdrawals[(organisation_id, kind.value, values["year"])] = target
            is_new = target.pk is None
            if is_new and values["planned"] is None and values["realised"] is None:
                new_rows.append((row.row, organisation_id))
                continue
            changed = False
            if values["planned"] is not None and target.planned != values["planned"]:
                target.planned = values["planned"]
                changed = True
            if values["realised"] is not None and (
                target.realised != values["realised"] or target.realised_is_demo
            ):
                target.realised, target.realised_is_demo = values["realised"], False
                changed = True
            if is_new:
                save_attributed(target, history_user, validate_constraints=False)
                created += 1
            elif changed:
                save_attributed(target, history_user, validate_constraints=False)
                updated += 1
            else:
                unchanged += 1
        if new_rows:
            transaction.set_rollback(True)
            raise TabularImportError(
                [
                    RowError(number, None, _("fill in 'Gepland' or 'Gerealiseerd'."))
                    for number, _org in new_rows
                ]
            )
    return UploadResult(created, updated, unchanged)
