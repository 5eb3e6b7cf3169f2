"""Writes of housing figures: from the document's appendices, from spreadsheets and from the pages.

Every write is atomic and compares before it writes, so repeating it changes nothing. Figures belong to
the corporation that delivers them: its editors, the covenant's coordinators and administrators may
change them; tenant organisations never do.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import can_edit_owned, can_manage_covenant, is_administrator, require
from woonafspraken.agreements.models import Agreement, Appendix, Covenant, CovenantParty
from woonafspraken.core.locking import Rows, ensure_unchanged
from woonafspraken.core.models import attribute_change
from woonafspraken.core.tabular import ParsedRow, RowError, TabularImportError, read_rows
from woonafspraken.housing import parsing
from woonafspraken.housing.constants import (
    RENT_LIMIT_KINDS,
    FigureSource,
    ProjectStatus,
    Segment,
    TargetKind,
    WithdrawalKind,
)
from woonafspraken.housing.domain import DWELLING_TYPES, RENT_CLASSES, PipelineKind, RentClass
from woonafspraken.housing.models import (
    AppendixCheck,
    LookAheadAssumption,
    Project,
    ProjectYear,
    ReferenceValue,
    StockCount,
    Target,
    Withdrawal,
)
from woonafspraken.housing.sheets import PIPELINE_SHEET, STOCK_SHEET
from woonafspraken.housing.targets import TARGET_LABELS, find_targets, nl_number

AnyUser = User | AnonymousUser


# -- permissions ---------------------------------------------------------------------------------------
@dataclass
class _Owner:
    owner_id: int


def can_edit_figures(user: AnyUser, covenant: Covenant, organisation_id: int) -> bool:
    """Deliver or correct the figures of one organisation in a covenant."""
    if not user.is_authenticated:
        return False
    if is_administrator(user):
        return True
    assert isinstance(user, User)
    if user.organisation is None or user.organisation.kind == OrganisationKind.TENANT_ORGANISATION:
        return False
    return can_edit_owned(user, _Owner(organisation_id), covenant)


def editable_organisations(
    user: AnyUser, covenant: Covenant, organisations: Iterable[Organisation]
) -> list[int]:
    return [org.pk for org in organisations if can_edit_figures(user, covenant, org.pk)]


def can_edit_assumptions(user: AnyUser, covenant: Covenant) -> bool:
    """The look-ahead's assumptions: the coordinators and the corporations' editors."""
    if can_manage_covenant(user, covenant):
        return True
    return bool(
        isinstance(user, User)
        and user.is_active
        and user.role == Role.EDITOR
        and user.organisation is not None
        and user.organisation.kind == OrganisationKind.CORPORATION
        and covenant.party_links.filter(organisation_id=user.organisation.pk).exists()
    )


def covenant_organisations(covenant: Covenant, *, kinds: Sequence[str] | None = None) -> list[Organisation]:
    links = CovenantParty.objects.filter(covenant=covenant).select_related("organisation").order_by("order")
    organisations = [link.organisation for link in links]
    if kinds is not None:
        organisations = [org for org in organisations if org.kind in kinds]
    return organisations


def _candidates(organisations: Iterable[Organisation]) -> list[tuple[int, str, Sequence[str]]]:
    return [(org.pk, org.name, tuple(org.short_names or ())) for org in organisations]


def _history_user(user: AnyUser | None) -> User | None:
    return user if isinstance(user, User) else None


# -- the appendices of an imported document ------------------------------------------------------------
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
            label = f"Bijlage {appendix.number}"
            if parsing.looks_like_stock(appendix.text):
                try:
                    stock = parsing.parse_stock(appendix.title, appendix.text, label=label)
                except parsing.AppendixFormatError as error:
                    messages.append(f"{error} De voorraadcijfers zijn niet opgeslagen.")
                    continue
                check = parsing.check_stock(stock)
                mismatches.extend((label, mismatch) for mismatch in check.mismatches)
                messages.extend(_stock_from_appendix(covenant, user, stock, corporations, check))
            elif parsing.looks_like_pipeline(appendix.text):
                try:
                    pipeline = parsing.parse_pipeline(appendix.title, appendix.text, label=label)
                except parsing.AppendixFormatError as error:
                    messages.append(f"{error} De woningbouwplanning is niet opgeslagen.")
                    continue
                check = parsing.check_pipeline(pipeline)
                mismatches.extend((label, mismatch) for mismatch in check.mismatches)
                messages.extend(_pipeline_from_appendix(covenant, user, pipeline, corporations, check))
        messages.extend(_targets_from_agreements(covenant, user))
        _record_checks(covenant, mismatches)
    return messages


def _checked_sentence(check: parsing.CheckResult, what: str) -> list[str]:
    if not check.mismatches:
        return [f"Alle {check.checked} gedrukte {what} kloppen."]
    wrong = len(check.mismatches)
    head = (
        f"Let op: {wrong} van de {check.checked} gedrukte {what} "
        f"{'klopt' if wrong == 1 else 'kloppen'} niet met de cijfers eronder:"
    )
    return [head, *(str(mismatch) for mismatch in check.mismatches)]


def _stock_from_appendix(
    covenant: Covenant,
    user: AnyUser | None,
    stock: parsing.StockAppendix,
    corporations: Sequence[Organisation],
    check: parsing.CheckResult,
) -> list[str]:
    messages: list[str] = []
    candidates = _candidates(corporations)
    wanted: dict[tuple[int, str, str], int] = {}
    for block in stock.corporation_blocks:
        corporation_id = parsing.match_name(block.heading, candidates)
        if corporation_id is None:
            messages.append(
                f"{stock.label}: '{block.heading}' is geen corporatie in dit convenant; "
                "die cijfers zijn niet opgeslagen."
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
            f"{stock.label}: de voorraad van {names[corporation_id]} per {stock.date:%d-%m-%Y} is later "
            "aangeleverd of gecorrigeerd; die cijfers blijven staan en het document wordt daar niet overgenomen."
        )
    wanted = {key: count for key, count in wanted.items() if key[0] not in delivered}
    document_rows = [row for row in existing if row.corporation_id not in delivered]
    changes = write_stock_figures(covenant, user, stock.date, wanted, document_rows, FigureSource.DOCUMENT)
    corporation_count = len({key[0] for key in wanted})
    state = "" if changes else " (ongewijzigd)"
    checked = _checked_sentence(check, "totalen")
    summary = (
        f"{stock.label} (woningvoorraad per {stock.date.day} {_MONTHS[stock.date.month]} {stock.date.year}): "
        f"{len(wanted)} aantallen van {corporation_count} "
        f"{'corporatie' if corporation_count == 1 else 'corporaties'} gelezen{state}. {checked[0]}"
    )
    return [summary, *checked[1:], *_limit_remarks(stock), *messages]


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
        known = reference.get(kinds[rent_class.value])
        if line.printed_limit is None or known is None or line.printed_limit == known:
            continue
        remarks.append(
            f"{stock.label}, {line.label}: het document noemt als grens € {nl_number(line.printed_limit, 2)}, "
            f"de referentie voor {stock.date.year} is € {nl_number(known, 2)}."
        )
    return remarks


_MONTHS = [
    "",
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


# Foreign keys the callers looked up themselves; validating them again would cost a query per row.
_KNOWN_KEYS = ["covenant", "corporation", "owner", "created_by"]


@dataclass
class StockChanges:
    """Rows to create, update and delete so the stored stock equals what was delivered."""

    creates: list[StockCount] = field(default_factory=list)
    updates: list[StockCount] = field(default_factory=list)
    stale: list[StockCount] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.creates) + len(self.updates) + len(self.stale)


def stock_changes(
    changes: StockChanges,
    *,
    covenant: Covenant,
    user: AnyUser | None,
    date: dt.date,
    wanted: Mapping[tuple[int, str, str], int],
    existing: Iterable[StockCount],
    source: str,
) -> None:
    """Add to ``changes`` what makes the stored figures of ``date`` equal to ``wanted`` (nothing is written)."""
    current = {(row.corporation_id, row.rent_class, row.dwelling_type): row for row in existing}
    history_user = _history_user(user)
    is_demo = source == FigureSource.DEMO
    for (corporation_id, rent_class, dwelling_type), count in wanted.items():
        row = current.pop((corporation_id, rent_class, dwelling_type), None)
        if row is None:
            row = StockCount(
                covenant=covenant,
                corporation_id=corporation_id,
                owner_id=corporation_id,
                created_by=history_user,
                date=date,
                rent_class=rent_class,
                dwelling_type=dwelling_type,
                count=count,
                source=source,
                is_demo=is_demo,
            )
            row.full_clean(exclude=_KNOWN_KEYS, validate_unique=False, validate_constraints=False)
            changes.creates.append(row)
        elif row.count != count or row.source != source or row.is_demo != is_demo:
            row.count, row.source, row.is_demo = count, source, is_demo
            row.full_clean(exclude=_KNOWN_KEYS, validate_unique=False, validate_constraints=False)
            changes.updates.append(row)
    changes.stale.extend(current.values())


def stock_changes_apply(changes: StockChanges, user: AnyUser | None) -> int:
    """Write the changes in a few bulk statements, each with its history record."""
    history_user = _history_user(user)
    now = timezone.now()
    for row in changes.updates:
        row.updated_at = now
    if changes.creates:
        bulk_create_with_history(changes.creates, StockCount, default_user=history_user, batch_size=1000)
    if changes.updates:
        bulk_update_with_history(
            changes.updates,
            StockCount,
            ["count", "source", "is_demo", "updated_at"],
            default_user=history_user,
            batch_size=1000,
        )
    for row in changes.stale:
        attribute_change(row, history_user)
        row.delete()
    return changes.count


def write_stock_figures(
    covenant: Covenant,
    user: AnyUser | None,
    date: dt.date,
    wanted: Mapping[tuple[int, str, str], int],
    existing: Iterable[StockCount],
    source: str,
) -> int:
    """Make the stored figures of ``date`` equal to ``wanted``; returns the number of rows changed."""
    changes = StockChanges()
    stock_changes(
        changes, covenant=covenant, user=user, date=date, wanted=wanted, existing=existing, source=source
    )
    return stock_changes_apply(changes, user)


def _pipeline_from_appendix(
    covenant: Covenant,
    user: AnyUser | None,
    pipeline: parsing.PipelineAppendix,
    corporations: Sequence[Organisation],
    check: parsing.CheckResult,
) -> list[str]:
    messages: list[str] = []
    candidates = _candidates(corporations)
    history_user = _history_user(user)
    changes = 0
    project_count = new_build = withdrawn = 0
    seen_projects: set[int] = set()
    for block in pipeline.corporation_blocks:
        corporation_id = parsing.match_name(block.heading, candidates)
        if corporation_id is None:
            messages.append(
                f"{pipeline.label}: in '{block.heading}' staat geen corporatie van dit convenant; "
                "die planning is niet opgeslagen."
            )
            continue
        for ignored in block.ignored:
            messages.append(
                f"{pipeline.label}, {block.heading}: '{ignored}' is geen sloop, verkoop of liberalisatie "
                "en is niet opgeslagen (wel meegeteld in de controle)."
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
    state = "" if changes else " (ongewijzigd)"
    checked = _checked_sentence(check, "totalen en saldi")
    summary = (
        f"{pipeline.label} (woningbouwprogrammering {period}): {project_count} projecten met "
        f"{nl_number(new_build)} geplande woningen en {nl_number(withdrawn)} geplande onttrekkingen "
        f"gelezen{state}. {checked[0]}"
    )
    return [summary, *checked[1:], *messages]


def _project(
    covenant: Covenant, organisation_id: int, name: str, order: int, user: User | None
) -> tuple[Project, bool]:
    project = Project.objects.filter(covenant=covenant, organisation_id=organisation_id, name=name).first()
    if project is not None:
        if project.order != order:
            project.order = order
            _save(project, user)
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
    attribute_change(project, user)
    project.full_clean(validate_constraints=False)
    project.save()
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
        attribute_change(row, user)
        row.full_clean(validate_constraints=False)
        row.save()
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
            attribute_change(row, user)
            row.full_clean(validate_constraints=False)
            row.save()
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
                f"Project {project.name} staat niet meer in het document, maar heeft gerealiseerde "
                "aantallen; het blijft bewaard."
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
    history_user = _history_user(user)
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
        attribute_change(target, history_user)
        target.full_clean(validate_constraints=False)
        target.save()
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
    return [f"Doelen gevonden in de afspraken: {listed}."]


def _target_value(kind: str, value: Decimal) -> str:
    if kind in (TargetKind.SOCIAL_NEW_BUILD, TargetKind.TOTAL_NEW_BUILD):
        return nl_number(value)
    return f"{nl_number(value)}%"


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


# -- spreadsheets ------------------------------------------------------------------------------------------
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
    return organisations, _candidates(organisations)


def _exact_organisation(text: str, candidates: Sequence[tuple[int, str, Sequence[str]]]) -> int | None:
    """A cell must name the organisation itself (full or short name), not merely contain it."""
    wanted = " ".join(str(text).split()).casefold()
    for key, name, short_names in candidates:
        if wanted in {" ".join(n.split()).casefold() for n in (name, *short_names)}:
            return key
    return None


def stock_upload(*, covenant: Covenant, user: User, content: bytes, filename: str) -> UploadResult:
    """Read a filled stock template (xlsx or csv) and store it; every error at once, nothing half-stored."""
    corporations, candidates = _organisation_lookup(covenant, [OrganisationKind.CORPORATION])
    require(
        bool(editable_organisations(user, covenant, corporations)),
        "U mag voor geen enkele corporatie van dit convenant woningvoorraad aanleveren.",
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
                    f"'{row.values['corporation']}' is geen corporatie in dit convenant "
                    f"(kies uit {', '.join(names.values())}).",
                )
            )
            continue
        if not allowed[corporation_id]:
            errors.append(
                RowError(row.row, "Corporatie", f"u mag geen cijfers van {names[corporation_id]} aanleveren.")
            )
            continue
        if row.values["date"] > today:
            errors.append(
                RowError(row.row, "Peildatum", f"{row.values['date']:%d-%m-%Y} ligt in de toekomst.")
            )
            continue
        groups[(corporation_id, row.values["date"])].append(row)
    for (corporation_id, date), group in groups.items():
        first_row: dict[tuple[str, str], int] = {}
        for row in group:
            key = (row.values["rent_class"], row.values["dwelling_type"])
            if key in first_row:
                errors.append(
                    RowError(row.row, None, f"Deze regel staat er dubbel in (ook op rij {first_row[key]}).")
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
                    f"De voorraad van {names[corporation_id]} per {date:%d-%m-%Y} is niet compleet; "
                    f"er ontbreken regels voor: {', '.join(missing)}. Vul ook een 0 in waar een corporatie "
                    "geen woningen heeft.",
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
        (f"{replaced_demo} voorbeeldcijfers (verzonnen) zijn vervangen door de aangeleverde cijfers.",)
        if replaced_demo
        else ()
    )
    labels = tuple(
        f"{names[c]} per {d:%d-%m-%Y}" for c, d in sorted(groups, key=lambda key: (names[key[0]], key[1]))
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
        "U mag voor geen enkele partij van dit convenant de woningbouwplanning aanleveren.",
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
                f"'{values['organisation']}' is geen corporatie of gemeente in dit convenant.",
            )
        elif kind is not PipelineKind.NEW_BUILD and kinds[organisation_id] != OrganisationKind.CORPORATION:
            problem = ("Corporatie", "onttrekkingen horen bij een corporatie.")
        elif not allowed[organisation_id]:
            problem = ("Corporatie", f"u mag geen cijfers van {names[organisation_id]} aanleveren.")
        elif kind is PipelineKind.NEW_BUILD and not values["project"]:
            problem = ("Project (locatie)", "nieuwbouw heeft een project (locatie) nodig.")
        elif kind is not PipelineKind.NEW_BUILD and values["project"]:
            problem = ("Project (locatie)", "laat 'Project' leeg bij sloop, verkoop en liberalisatie.")
        elif not first_year <= values["year"] <= last_year:
            problem = ("Jaar", f"{values['year']} ligt niet tussen {first_year} en {last_year}.")
        elif values["realised"] is not None and values["year"] > timezone.localdate().year:
            problem = (
                "Gerealiseerd",
                f"{values['year']} is nog niet voorbij; er kan nog niets gerealiseerd zijn.",
            )
        if problem:
            errors.append(RowError(row.row, problem[0], problem[1]))
        else:
            assert organisation_id is not None
            accepted.append((row, organisation_id))
    if errors:
        raise TabularImportError(errors)
    created = updated = unchanged = 0
    history_user = _history_user(user)
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
                    _save(project, history_user)
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
                        _save(project, history_user)
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
                _save(target, history_user)
                created += 1
            elif changed:
                _save(target, history_user)
                updated += 1
            else:
                unchanged += 1
        if new_rows:
            transaction.set_rollback(True)
            raise TabularImportError(
                [RowError(number, None, "vul 'Gepland' of 'Gerealiseerd' in.") for number, _org in new_rows]
            )
    return UploadResult(created, updated, unchanged)


def _save(obj: Project | ProjectYear | Withdrawal, user: User | None) -> None:
    attribute_change(obj, user)
    obj.full_clean(validate_constraints=False)
    obj.save()


# -- pages ---------------------------------------------------------------------------------------------
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
        f"U mag geen cijfers van {organisation.name} invoeren.",
    )
    if year > timezone.localdate().year:
        raise ValidationError(f"{year} is nog niet begonnen; er kan nog niets gerealiseerd zijn.")
    if any(value is not None and value < 0 for value in (*projects.values(), *withdrawals.values())):
        raise ValidationError("Een aantal woningen kan niet negatief zijn.")
    unknown_kinds = set(withdrawals) - set(WithdrawalKind.values)
    if unknown_kinds:
        raise ValidationError(f"Onbekende soort onttrekking: {', '.join(sorted(unknown_kinds))}.")
    changes = 0
    with transaction.atomic():
        own = {
            p.pk: p
            for p in Project.objects.filter(
                covenant=covenant, organisation=organisation, pk__in=list(projects)
            )
        }
        if set(projects) - set(own):
            raise ValidationError("Een van de projecten hoort niet bij deze organisatie.")
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
        _save(new, user)
        return 1
    if row.realised == value:
        return 0  # also an unchanged example figure stays marked as example
    if value is None and row.planned is None:
        attribute_change(row, user)
        row.delete()
        return 1
    row.realised, row.realised_is_demo = value, False
    _save(row, user)
    return 1


def _mark_completed(projects: Iterable[Project], user: User) -> None:
    """A project whose planned homes have all been realised is completed."""
    for project in projects:
        rows = list(project.years.all())
        planned = sum(row.planned or 0 for row in rows)
        realised = sum(row.realised or 0 for row in rows if not row.realised_is_demo)
        if planned and realised >= planned and project.status != ProjectStatus.COMPLETED:
            project.status = ProjectStatus.COMPLETED
            _save(project, user)


def assumption_rows(covenant: Covenant, years: Iterable[int]) -> Rows:
    """The look-ahead assumptions on the page, per year (ADR 0005)."""
    return Rows(
        LookAheadAssumption,
        {"covenant_id": covenant.pk, "year__in": sorted(years)},
        ("rent_increase", "limit_indexation"),
        describe=lambda row: str(row.year),
    )


def lookahead_assumptions_save(
    *,
    covenant: Covenant,
    user: User,
    values: Mapping[int, tuple[Decimal | None, Decimal | None]],
    expected: str | None = None,
) -> int:
    """Set the assumptions of several years at once, all or none; returns the number of years changed.

    ``expected``: the edit token of these years as the user saw them; if someone changed one since,
    nothing is saved (``StaleEditError``).
    """
    require(can_edit_assumptions(user, covenant), "U mag de uitgangspunten van de vooruitblik niet wijzigen.")
    with transaction.atomic():
        list(
            LookAheadAssumption.objects.select_for_update(of=("self",)).filter(
                covenant=covenant, year__in=list(values)
            )
        )
        ensure_unchanged(
            assumption_rows(covenant, values),
            expected=expected,
            what=_("Look-ahead assumptions"),
        )
        return sum(
            lookahead_assumption_set(
                covenant=covenant, user=user, year=year, rent_increase=rent, limit_indexation=index
            )
            for year, (rent, index) in values.items()
        )


def lookahead_assumption_set(
    *,
    covenant: Covenant,
    user: User,
    year: int,
    rent_increase: Decimal | None,
    limit_indexation: Decimal | None,
) -> bool:
    """Set (or with two empty values: remove) the user's assumptions for one year; True when changed."""
    require(can_edit_assumptions(user, covenant), "U mag de uitgangspunten van de vooruitblik niet wijzigen.")
    with transaction.atomic():
        row = LookAheadAssumption.objects.filter(covenant=covenant, year=year).first()
        if rent_increase is None and limit_indexation is None:
            if row is None:
                return False
            attribute_change(row, user)
            row.delete()
            return True
        if row is None:
            row = LookAheadAssumption(covenant=covenant, year=year, owner=covenant.owner, created_by=user)
        elif row.rent_increase == rent_increase and row.limit_indexation == limit_indexation:
            return False
        row.rent_increase, row.limit_indexation = rent_increase, limit_indexation
        attribute_change(row, user)
        row.full_clean(validate_constraints=False)
        row.save()
    return True
