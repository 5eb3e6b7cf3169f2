"""The new-build pipeline and withdrawals, planned and realised: the table of Bijlage 2, templates, exports."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.housing.domain import PIPELINE_KIND_LABELS, SEGMENT_LABELS, WITHDRAWAL_KINDS, PipelineKind
from woonafspraken.housing.models import Project, ProjectYear, Withdrawal
from woonafspraken.housing.presentation import Cell, PipelineBlockView, PipelineLineView, PipelineTable
from woonafspraken.housing.selectors.organisations import covenant_builders

SEGMENT_NAMES: dict[str, str] = {segment.value: label for segment, label in SEGMENT_LABELS.items()}


def pipeline_table(covenant: Covenant, organisation_id: int | None = None) -> PipelineTable:
    """Plan and realisation per organisation in the layout of Bijlage 2, with an overall block."""
    project_years = list(
        ProjectYear.objects.for_covenant(covenant, organisation_id)
        .select_related("project", "project__organisation")
        .order_by("project__order", "project__name", "year")
    )
    withdrawals = list(
        Withdrawal.objects.for_covenant(covenant, organisation_id)
        .select_related("corporation")
        .order_by("year")
    )
    empty_projects = list(
        Project.objects.filter(covenant=covenant, years__isnull=True)
        .select_related("organisation")
        .order_by("order", "name")
    )
    if organisation_id:
        empty_projects = [p for p in empty_projects if p.organisation_id == organisation_id]
    years = sorted(
        {row.year for row in project_years}
        | {row.year for row in withdrawals}
        | set(range(covenant.start_date.year, covenant.end_date.year + 1))
    )
    blocks: dict[int, PipelineBlockView] = {}
    order = {org.pk: index for index, org in enumerate(covenant_builders(covenant))}

    def block(organisation: Organisation) -> PipelineBlockView:
        if organisation.pk not in blocks:
            blocks[organisation.pk] = PipelineBlockView(organisation.name, organisation.pk, years)
        return blocks[organisation.pk]

    lines: dict[int, PipelineLineView] = {}
    for row in project_years:
        project_obj = row.project
        if project_obj.pk not in lines:
            lines[project_obj.pk] = PipelineLineView(
                project_obj.name,
                PipelineKind.NEW_BUILD,
                {},
                project_obj.pk,
                SEGMENT_NAMES.get(project_obj.segment, project_obj.segment),
                project_obj.get_status_display(),
            )
            block(project_obj.organisation).projects.append(lines[project_obj.pk])
        lines[project_obj.pk].cells[row.year] = Cell(row.planned, row.realised, row.realised_is_demo)
    for project_obj in empty_projects:
        block(project_obj.organisation).projects.append(
            PipelineLineView(
                project_obj.name,
                PipelineKind.NEW_BUILD,
                {},
                project_obj.pk,
                SEGMENT_NAMES.get(project_obj.segment, project_obj.segment),
                project_obj.get_status_display(),
            )
        )
    withdrawal_lines: dict[tuple[int, str], PipelineLineView] = {}
    for withdrawal in withdrawals:
        key = (withdrawal.corporation_id, withdrawal.kind)
        if key not in withdrawal_lines:
            kind = PipelineKind(withdrawal.kind)
            withdrawal_lines[key] = PipelineLineView(withdrawal.label or PIPELINE_KIND_LABELS[kind], kind, {})
            block(withdrawal.corporation).withdrawals.append(withdrawal_lines[key])
        withdrawal_lines[key].cells[withdrawal.year] = Cell(
            withdrawal.planned, withdrawal.realised, withdrawal.realised_is_demo
        )
    kind_order = {kind: index for index, kind in enumerate(WITHDRAWAL_KINDS)}
    for view in blocks.values():
        view.withdrawals.sort(key=lambda line: kind_order[line.kind])
    ordered = sorted(
        blocks.values(), key=lambda view: (order.get(view.organisation_id or 0, 99), view.heading)
    )
    if len(ordered) > 1:
        headings = _(" and ").join(view.heading for view in ordered)
        total = PipelineBlockView(_("Total %(headings)s") % {"headings": headings}, None, years)
        total.projects = [line for view in ordered for line in view.projects]
        total.withdrawals = [line for view in ordered for line in view.withdrawals]
        total.parts = list(ordered)
        ordered.append(total)
    any_demo = any(row.realised_is_demo for row in project_years) or any(
        w.realised_is_demo for w in withdrawals
    )
    return PipelineTable(years, ordered, any_demo)


def pipeline_export_rows(covenant: Covenant) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {
            "organisation": name,
            "year": year,
            "kind": PipelineKind.NEW_BUILD.value,
            "project": project_name,
            "planned": planned,
            "realised": realised,
            "is_demo": is_demo,
        }
        for name, year, project_name, planned, realised, is_demo in ProjectYear.objects.filter(
            project__covenant=covenant
        )
        .order_by("project__organisation__name", "project__name", "year")
        .values_list(
            "project__organisation__name", "year", "project__name", "planned", "realised", "realised_is_demo"
        )
    ]
    rows.extend(
        {
            "organisation": name,
            "year": year,
            "kind": kind,
            "project": None,
            "planned": planned,
            "realised": realised,
            "is_demo": is_demo,
        }
        for name, year, kind, planned, realised, is_demo in Withdrawal.objects.filter(covenant=covenant)
        .order_by("corporation__name", "kind", "year")
        .values_list("corporation__name", "year", "kind", "planned", "realised", "realised_is_demo")
    )
    kind_order = {kind.value: index for index, kind in enumerate(PipelineKind)}
    rows.sort(
        key=lambda r: (
            str(r["organisation"]),
            kind_order[str(r["kind"])],
            str(r["project"] or ""),
            int(str(r["year"])),
        )
    )
    return rows


def pipeline_template_rows(covenant: Covenant, organisation_ids: Sequence[int]) -> list[dict[str, object]]:
    """Every stored project year and withdrawal of these organisations; example figures left blank."""
    rows: list[dict[str, object]] = []
    for row in (
        ProjectYear.objects.filter(project__covenant=covenant, project__organisation_id__in=organisation_ids)
        .select_related("project__organisation")
        .order_by("project__organisation__name", "project__order", "project__name", "year")
    ):
        rows.append(
            {
                "organisation": row.project.organisation.name,
                "kind": PipelineKind.NEW_BUILD.value,
                "project": row.project.name,
                "segment": row.project.segment,
                "rent_class": row.project.rent_class or None,
                "year": row.year,
                "planned": row.planned,
                "realised": None if row.realised_is_demo else row.realised,
            }
        )
    for withdrawal in (
        Withdrawal.objects.filter(covenant=covenant, corporation_id__in=organisation_ids)
        .select_related("corporation")
        .order_by("corporation__name", "kind", "year")
    ):
        rows.append(
            {
                "organisation": withdrawal.corporation.name,
                "kind": withdrawal.kind,
                "project": None,
                "segment": None,
                "rent_class": None,
                "year": withdrawal.year,
                "planned": withdrawal.planned,
                "realised": None if withdrawal.realised_is_demo else withdrawal.realised,
            }
        )
    return rows
