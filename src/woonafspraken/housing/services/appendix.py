"""The import hook: the figures of Bijlage 1 and 2 and the targets in the agreements of an imported document.

Every total the appendix prints is checked; figures a corporation later delivered or corrected, and
targets a user changed, are left as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Appendix, Covenant
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.models import attribute_change, save_attributed
from woonafspraken.housing import parsing
from woonafspraken.housing.constants import RENT_LIMIT_KINDS, FigureSource, Segment, TargetKind
from woonafspraken.housing.domain import RentClass
from woonafspraken.housing.models import (
    AppendixCheck,
    Project,
    ProjectYear,
    ReferenceValue,
    StockCount,
    Target,
    Withdrawal,
)
from woonafspraken.housing.selectors import covenant_organisations
from woonafspraken.housing.services._common import AnyUser, name_candidates, recorded_user
from woonafspraken.housing.services.stock import write_stock_figures
from woonafspraken.housing.targets import TARGET_LABELS, find_targets


def appendix_figures_read(*, covenant: Covenant, user: AnyUser | None = None) -> list[str]:
    """Read Bijlage 1 and 2 (or whichever appendices hold such tables), check and store; messages back.

    A covenant without such appendices gets no figures and no message. A table that cannot be read is
    reported and skipped; the import of the document itself goes on.
    """
    messages: list[str] = []
    mismatches: list[tuple[str, parsing.Mismatch]] = []
    corporations = covenant_organisations(covenant, kinds=[OrganisationKind.CORPORATION])
    appendices: list[Appendix] = list(covenant.appendices.all())
    with transaction.atomic():
        for appendix in sorted(appendices, key=lambda item: (len(item.number), item.number)):
            label = _("Appendix %(number)s") % {"number": appendix.number}
            if parsing.looks_like_stock(appendix.text):
                try:
                    stock = parsing.parse_stock(appendix.title, appendix.text, label=label)
                except parsing.AppendixFormatError as error:
                    messages.append(_("%(error)s The stock figures have not been stored.") % {"error": error})
                    continue
                check = parsing.check_stock(stock)
                mismatches.extend((label, mismatch) for mismatch in check.mismatches)
                messages.extend(_stock_from_appendix(covenant, user, stock, corporations, check))
            elif parsing.looks_like_pipeline(appendix.text):
                try:
                    pipeline = parsing.parse_pipeline(appendix.title, appendix.text, label=label)
                except parsing.AppendixFormatError as error:
                    messages.append(
                        _("%(error)s The housing pipeline has not been stored.") % {"error": error}
                    )
                    continue
                check = parsing.check_pipeline(pipeline)
                mismatches.extend((label, mismatch) for mismatch in check.mismatches)
                messages.extend(_pipeline_from_appendix(covenant, user, pipeline, corporations, check))
        messages.extend(_targets_from_agreements(covenant, user))
        _record_checks(covenant, mismatches)
    return messages


def _checked_sentence(check: parsing.CheckResult, what: str) -> list[str]:
    if not check.mismatches:
        return [_("All %(count)s printed %(what)s are correct.") % {"count": check.checked, "what": what}]
    wrong = len(check.mismatches)
    head = ngettext(
        "Note: %(wrong)s of the %(count)s printed %(what)s does not match the figures below:",
        "Note: %(wrong)s of the %(count)s printed %(what)s do not match the figures below:",
        wrong,
    ) % {"wrong": wrong, "count": check.checked, "what": what}
    return [head, *(str(mismatch) for mismatch in check.mismatches)]


def _stock_from_appendix(
    covenant: Covenant,
    user: AnyUser | None,
    stock: parsing.StockAppendix,
    corporations: Sequence[Organisation],
    check: parsing.CheckResult,
) -> list[str]:
    messages: list[str] = []
    candidates = name_candidates(corporations)
    wanted: dict[tuple[int, str, str], int] = {}
    for block in stock.corporation_blocks:
        corporation_id = parsing.match_name(block.heading, candidates)
        if corporation_id is None:
            messages.append(
                _(
                    "%(label)s: '%(heading)s' is not a corporation in this covenant; those figures have not been stored."
                )
                % {"label": stock.label, "heading": block.heading}
            )
            continue
        for line in block.lines:
            wanted[(corporation_id, line.rent_class.value, "EGW")] = line.egw
            wanted[(corporation_id, line.rent_class.value, "MGW")] = line.mgw
    existing = list(StockCount.objects.filter(covenant=covenant, date=stock.date))
    delivered = {
        row.corporation_id for row in existing if row.source not in (FigureSource.DOCUMENT, FigureSource.DEMO)
    }
    names = {org.pk: org.name for org in corporations}
    for corporation_id in sorted({key[0] for key in wanted} & delivered):
        messages.append(
            _(
                "%(label)s: the stock of %(corporation)s on %(date)s was delivered or corrected later; "
                "those figures stand and the document is not taken over there."
            )
            % {"label": stock.label, "corporation": names[corporation_id], "date": format_date(stock.date)}
        )
    wanted = {key: count for key, count in wanted.items() if key[0] not in delivered}
    document_rows = [row for row in existing if row.corporation_id not in delivered]
    changes = write_stock_figures(covenant, user, stock.date, wanted, document_rows, FigureSource.DOCUMENT)
    corporation_count = len({key[0] for key in wanted})
    checked = _checked_sentence(check, _("totals"))
    read = ngettext(
        "%(label)s (housing stock on %(date)s): %(count)s numbers of %(corporations)s corporation read",
        "%(label)s (housing stock on %(date)s): %(count)s numbers of %(corporations)s corporations read",
        corporation_count,
    ) % {
        "label": stock.label,
        "date": format_date(stock.date),
        "count": len(wanted),
        "corporations": corporation_count,
    }
    summary = f"{read}{_unchanged(changes)}. {checked[0]}"
    return [summary, *checked[1:], *_limit_remarks(stock), *messages]


def _unchanged(changes: int) -> str:
    return "" if changes else " " + _("(unchanged)")


def _limit_remarks(stock: parsing.StockAppendix) -> list[str]:
    """The limits the appendix prints against the reference figures of its year (a warning, not a refusal)."""
    kinds = {rent_class: kind for rent_class, kind in RENT_LIMIT_KINDS.items()}
    reference = dict(
        ReferenceValue.objects.filter(year=stock.date.year, kind__in=list(kinds.values())).values_list(
            "kind", "value"
        )
    )
    remarks: list[str] = []
    for line in stock.blocks[0].lines:
        rent_class = RentClass.BENEFIT if line.rent_class is RentClass.ABOVE_BENEFIT else line.rent_class
        known = reference.get(kinds[rent_class])
        if line.printed_limit is None or known is None or line.printed_limit == known:
            continue
        remarks.append(
            _(
                "%(label)s, %(line)s: the document gives € %(printed)s as the limit, "
                "the reference for %(year)s is € %(known)s."
            )
            % {
                "label": stock.label,
                "line": line.label,
                "printed": format_number(line.printed_limit, 2),
                "year": stock.date.year,
                "known": format_number(known, 2),
            }
        )
    return remarks


def _pipeline_from_appendix(
    covenant: Covenant,
    user: AnyUser | None,
    pipeline: parsing.PipelineAppendix,
    corporations: Sequence[Organisation],
    check: parsing.CheckResult,
) -> list[str]:
    messages: list[str] = []
    candidates = name_candidates(corporations)
    history_user = recorded_user(user)
    changes = 0
    project_count = new_build = withdrawn = 0
    seen_projects: set[int] = set()
    for block in pipeline.corporation_blocks:
        corporation_id = parsing.match_name(block.heading, candidates)
        if corporation_id is None:
            messages.append(
                _(
                    "%(label)s: '%(heading)s' names no corporation of this covenant; "
                    "that pipeline has not been stored."
                )
                % {"label": pipeline.label, "heading": block.heading}
            )
            continue
        for ignored in block.ignored:
            messages.append(
                _(
                    "%(label)s, %(heading)s: '%(ignored)s' is no demolition, sale or liberalisation "
                    "and has not been stored (but it is counted in the check)."
                )
                % {"label": pipeline.label, "heading": block.heading, "ignored": ignored}
            )
        for order, line in enumerate(block.projects):
            project, created = _project(covenant, corporation_id, line.label, order, history_user)
            changes += int(created)
            seen_projects.add(project.pk)
            project_count += 1
            new_build += line.total
            changes += _set_planned_years(project, dict(line.per_year), history_user)
        by_kind: dict[str, dict[int, int]] = defaultdict(dict)
        labels: dict[str, str] = {}
        for line in block.withdrawals:
            labels[line.kind.value] = line.label
            for year, value in line.per_year:
                by_kind[line.kind.value][year] = by_kind[line.kind.value].get(year, 0) + abs(value)
                withdrawn += abs(value)
        changes += _set_planned_withdrawals(
            covenant, corporation_id, by_kind, labels, block.years, history_user
        )
    changes += _remove_stale_document_projects(covenant, seen_projects, history_user, messages)
    years = pipeline.years
    period = f"{years[0]}-{years[-1]}" if years else ""
    checked = _checked_sentence(check, _("totals and balances"))
    read = _(
        "%(label)s (housing programme %(period)s): %(projects)s projects with %(new_build)s planned homes "
        "and %(withdrawn)s planned withdrawals read"
    ) % {
        "label": pipeline.label,
        "period": period,
        "projects": project_count,
        "new_build": format_number(new_build, 1, trim=True),
        "withdrawn": format_number(withdrawn, 1, trim=True),
    }
    summary = f"{read}{_unchanged(changes)}. {checked[0]}"
    return [summary, *checked[1:], *messages]


def _project(
    covenant: Covenant, organisation_id: int, name: str, order: int, user: User | None
) -> tuple[Project, bool]:
    project = Project.objects.filter(covenant=covenant, organisation_id=organisation_id, name=name).first()
    if project is not None:
        if project.order != order:
            project.order = order
            save_attributed(project, user, validate_constraints=False)
        return project, False
    project = Project(
        covenant=covenant,
        organisation_id=organisation_id,
        owner_id=organisation_id,
        created_by=user,
        name=name,
        order=order,
        segment=Segment.SOCIAL_RENT,
        source=FigureSource.DOCUMENT,
    )
    save_attributed(project, user, validate_constraints=False)
    return project, True


def _set_planned_years(project: Project, planned: Mapping[int, int], user: User | None) -> int:
    """The planned homes per year as in the document; realised figures are left as they are."""
    changes = 0
    existing = {row.year: row for row in project.years.all()}
    for year, homes in planned.items():
        row = existing.pop(year, None)
        if row is None:
            row = ProjectYear(project=project, year=year, planned=homes)
        elif row.planned == homes:
            continue
        else:
            row.planned = homes
        save_attributed(row, user, validate_constraints=False)
        changes += 1
    for row in existing.values():
        if row.planned is None:
            continue
        attribute_change(row, user)
        if row.realised is None:
            row.delete()
        else:
            row.planned = None
            row.save()
        changes += 1
    return changes


def _set_planned_withdrawals(
    covenant: Covenant,
    corporation_id: int,
    planned: Mapping[str, Mapping[int, int]],
    labels: Mapping[str, str],
    years: Sequence[int],
    user: User | None,
) -> int:
    changes = 0
    existing = {
        (row.kind, row.year): row
        for row in Withdrawal.objects.filter(covenant=covenant, corporation_id=corporation_id)
    }
    for kind, per_year in planned.items():
        for year, homes in per_year.items():
            row = existing.pop((kind, year), None)
            if row is None:
                row = Withdrawal(
                    covenant=covenant,
                    corporation_id=corporation_id,
                    owner_id=corporation_id,
                    created_by=user,
                    year=year,
                    kind=kind,
                    planned=homes,
                    label=labels.get(kind, ""),
                    source=FigureSource.DOCUMENT,
                )
            elif row.planned == homes and row.label == labels.get(kind, ""):
                continue
            else:
                row.planned, row.label = homes, labels.get(kind, "")
            save_attributed(row, user, validate_constraints=False)
            changes += 1
    for (_kind, year), row in existing.items():
        if row.source != FigureSource.DOCUMENT or year not in years or row.planned is None:
            continue
        attribute_change(row, user)
        if row.realised is None:
            row.delete()
        else:
            row.planned = None
            row.save()
        changes += 1
    return changes


def _remove_stale_document_projects(
    covenant: Covenant, seen: set[int], user: User | None, messages: list[str]
) -> int:
    changes = 0
    stale = Project.objects.filter(covenant=covenant, source=FigureSource.DOCUMENT).exclude(pk__in=seen)
    for project in stale.prefetch_related("years"):
        if any(row.realised is not None for row in project.years.all()):
            messages.append(
                _("Project %(name)s is no longer in the document, but it has realised numbers; it is kept.")
                % {"name": project.name}
            )
            continue
        attribute_change(project, user)
        project.delete()
        changes += 1
    return changes


def _targets_from_agreements(covenant: Covenant, user: AnyUser | None) -> list[str]:
    agreements = list(
        Agreement.objects.filter(covenant=covenant)
        .select_related("theme")
        .only("number", "text", "theme__number")
    )
    ambitions = [(theme.number, theme.ambition) for theme in covenant.themes.all()]
    found = find_targets([(a.number, a.theme.number, a.text) for a in agreements], ambitions)
    by_number = {agreement.number: agreement for agreement in agreements}
    existing = {target.kind: target for target in Target.objects.filter(covenant=covenant)}
    history_user = recorded_user(user)
    changed = 0
    for item in found:
        target = existing.pop(item.kind.value, None)
        values: dict[str, Any] = {
            "agreement": by_number[item.agreement],
            "value": item.value,
            "start_year": covenant.start_date.year,
            "end_year": covenant.end_date.year,
            "quote": item.quote,
        }
        if target is None:
            target = Target(
                covenant=covenant,
                kind=item.kind.value,
                owner=covenant.owner,
                created_by=history_user,
                source=FigureSource.DOCUMENT,
                **values,
            )
        elif target.source != FigureSource.DOCUMENT:
            continue  # changed by a user: the user's value stands
        elif all(getattr(target, name) == value for name, value in values.items()):
            continue
        else:
            for name, value in values.items():
                setattr(target, name, value)
        save_attributed(target, history_user, validate_constraints=False)
        changed += 1
    for stale in existing.values():
        if stale.source == FigureSource.DOCUMENT:
            attribute_change(stale, history_user)
            stale.delete()
    if not found:
        return []
    listed = "; ".join(
        f"{item.agreement} {TARGET_LABELS[item.kind].lower()}: {_target_value(item.kind.value, item.value)}"
        for item in found
    )
    return [_("Targets found in the agreements: %(targets)s.") % {"targets": listed}]


def _target_value(kind: str, value: Decimal) -> str:
    if kind in (TargetKind.SOCIAL_NEW_BUILD, TargetKind.TOTAL_NEW_BUILD):
        return format_number(value, 1, trim=True)
    return f"{format_number(value, 1, trim=True)}%"


def _record_checks(covenant: Covenant, mismatches: Sequence[tuple[str, parsing.Mismatch]]) -> None:
    wanted = [(label, m.place, m.printed, m.computed) for label, m in mismatches]
    current = list(
        AppendixCheck.objects.filter(covenant=covenant)
        .order_by("pk")
        .values_list("appendix", "place", "printed", "computed")
    )
    if current != wanted:
        AppendixCheck.objects.filter(covenant=covenant).delete()
        AppendixCheck.objects.bulk_create(
            AppendixCheck(covenant=covenant, appendix=a, place=p, printed=pr, computed=c)
            for a, p, pr, c in wanted
        )
