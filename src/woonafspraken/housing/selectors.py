"""Reads of the housing figures: tables in the layout of the appendices, target verdicts, the look-ahead.

Each selector runs a fixed number of queries whatever the amount of data, and computes every total
from the stored detail figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant, CovenantParty
from woonafspraken.housing.constants import RENT_LIMIT_KINDS, ReferenceKind, Segment
from woonafspraken.housing.domain import (
    DWELLING_TYPES,
    PIPELINE_KIND_LABELS,
    RENT_CLASS_LABELS,
    RENT_CLASSES,
    SEGMENT_LABELS,
    WITHDRAWAL_KINDS,
    PipelineKind,
    RentClass,
)
from woonafspraken.housing.lookahead import (
    Basis,
    LimitsUnknownError,
    StepInput,
    YearAssumption,
    project,
    resolve_assumptions,
)
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
from woonafspraken.housing.targets import (
    PER_YEAR_KINDS,
    TARGET_LABELS,
    ShareFigures,
    TargetKind,
    VerdictLine,
    YearFigures,
    nl_number,
    plan_verdict,
    realised_verdict,
    share_verdict,
    total_plan_verdict,
)

# New social rental homes without a rent class count in this class in the look-ahead (shown to users).
DEFAULT_NEW_BUILD_CLASS = RentClass.LOW_CAP
LOOKAHEAD_YEARS = 5
SEGMENT_NAMES: dict[str, str] = {segment.value: label for segment, label in SEGMENT_LABELS.items()}


# -- organisations -------------------------------------------------------------------------------------
def covenant_corporations(covenant: Covenant) -> list[Organisation]:
    links = (
        CovenantParty.objects.filter(covenant=covenant, organisation__kind=OrganisationKind.CORPORATION)
        .select_related("organisation")
        .order_by("order")
    )
    return [link.organisation for link in links]


def covenant_builders(covenant: Covenant) -> list[Organisation]:
    """Corporations and the municipality: the organisations that may have projects."""
    links = (
        CovenantParty.objects.filter(
            covenant=covenant,
            organisation__kind__in=[OrganisationKind.CORPORATION, OrganisationKind.MUNICIPALITY],
        )
        .select_related("organisation")
        .order_by("order")
    )
    return [link.organisation for link in links]


# -- reference data ------------------------------------------------------------------------------------
def reference_limits() -> dict[int, dict[RentClass, Decimal | None]]:
    """{year: {rent class: upper limit}} for the four social classes, from the reference values."""
    by_kind = {kind: RentClass(rent_class) for rent_class, kind in RENT_LIMIT_KINDS.items()}
    result: dict[int, dict[RentClass, Decimal | None]] = defaultdict(dict)
    for kind, year, value in ReferenceValue.objects.filter(kind__in=list(by_kind)).values_list(
        "kind", "year", "value"
    ):
        result[year][by_kind[kind]] = value
    return dict(result)


def reference_rent_increases() -> dict[int, Decimal | None]:
    return dict(ReferenceValue.objects.filter(kind=ReferenceKind.RENT_INCREASE).values_list("year", "value"))


# -- stock ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StockLineView:
    rent_class: RentClass
    label: str
    limit: Decimal | None  # the class's upper limit; for the class above: the limit it lies above
    egw: int
    mgw: int

    @property
    def total(self) -> int:
        return self.egw + self.mgw

    @property
    def is_above(self) -> bool:
        return self.rent_class is RentClass.ABOVE_BENEFIT


@dataclass(frozen=True)
class StockBlockView:
    heading: str
    organisation_id: int | None  # None: the total over all corporations
    lines: tuple[StockLineView, ...]
    is_demo: bool = False

    @property
    def egw(self) -> int:
        return sum(line.egw for line in self.lines)

    @property
    def mgw(self) -> int:
        return sum(line.mgw for line in self.lines)

    @property
    def total(self) -> int:
        return self.egw + self.mgw


@dataclass(frozen=True)
class StockTable:
    date: dt.date
    blocks: tuple[StockBlockView, ...]
    limits_known: bool
    is_demo: bool


def stock_dates(covenant: Covenant, corporation_id: int | None = None) -> list[dt.date]:
    """The dates with stock figures, newest first."""
    return list(
        StockCount.objects.for_covenant(covenant, corporation_id)
        .order_by("-date")
        .values_list("date", flat=True)
        .distinct()
    )


def stock_table(
    covenant: Covenant,
    date: dt.date,
    *,
    corporation_id: int | None = None,
    limits: dict[int, dict[RentClass, Decimal | None]] | None = None,
) -> StockTable:
    """The stock on ``date`` in the layout of Bijlage 1: a block per corporation, then the total."""
    limits = reference_limits() if limits is None else limits
    year_limits = limits.get(date.year, {})
    rows = (
        StockCount.objects.for_covenant(covenant, corporation_id)
        .filter(date=date)
        .values_list("corporation_id", "corporation__name", "rent_class", "dwelling_type", "count", "is_demo")
    )
    counts: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    names: dict[int, str] = {}
    demo: dict[int, bool] = defaultdict(bool)
    for organisation_id, name, rent_class, dwelling_type, count, is_demo in rows:
        counts[organisation_id][(rent_class, dwelling_type)] = count
        names[organisation_id] = name
        demo[organisation_id] |= is_demo
    order = {org.pk: index for index, org in enumerate(covenant_corporations(covenant))}
    blocks = [
        _stock_block(names[org_id], org_id, counts[org_id], year_limits, demo[org_id])
        for org_id in sorted(counts, key=lambda key: (order.get(key, 99), names[key]))
    ]
    if len(blocks) > 1:
        total: dict[tuple[str, str], int] = defaultdict(int)
        for values in counts.values():
            for key, count in values.items():
                total[key] += count
        blocks.append(
            _stock_block(
                f"Totaal corporaties {covenant.municipality}", None, total, year_limits, any(demo.values())
            )
        )
    known = all(year_limits.get(rent_class) is not None for rent_class in RENT_CLASSES[:-1])
    return StockTable(date, tuple(blocks), known, any(demo.values()))


def _stock_block(
    heading: str,
    organisation_id: int | None,
    counts: dict[tuple[str, str], int],
    limits: dict[RentClass, Decimal | None],
    is_demo: bool,
) -> StockBlockView:
    lines = tuple(
        StockLineView(
            rent_class=rent_class,
            label=RENT_CLASS_LABELS[rent_class],
            limit=limits.get(RentClass.BENEFIT if rent_class is RentClass.ABOVE_BENEFIT else rent_class),
            egw=counts.get((rent_class.value, "EGW"), 0),
            mgw=counts.get((rent_class.value, "MGW"), 0),
        )
        for rent_class in RENT_CLASSES
    )
    return StockBlockView(heading, organisation_id, lines, is_demo)


def stock_template_rows(
    covenant: Covenant, corporation: Organisation, date: dt.date
) -> list[dict[str, object]]:
    """The rows of a stock template: every class and type, with the stored count where there is one."""
    stored = {
        (rent_class, dwelling_type): (count, is_demo)
        for rent_class, dwelling_type, count, is_demo in StockCount.objects.filter(
            covenant=covenant, corporation=corporation, date=date
        ).values_list("rent_class", "dwelling_type", "count", "is_demo")
    }
    rows: list[dict[str, object]] = []
    for rent_class in RENT_CLASSES:
        for dwelling_type in DWELLING_TYPES:
            count, is_demo = stored.get((rent_class.value, dwelling_type.value), (None, False))
            rows.append(
                {
                    "corporation": corporation.name,
                    "date": date,
                    "rent_class": rent_class.value,
                    "dwelling_type": dwelling_type.value,
                    "count": None if is_demo else count,  # example figures are never handed out as real
                }
            )
    return rows


def stock_export_rows(covenant: Covenant) -> list[dict[str, object]]:
    rows = (
        StockCount.objects.filter(covenant=covenant)
        .order_by("date", "corporation__name", "rent_class", "dwelling_type")
        .values_list("corporation__name", "date", "rent_class", "dwelling_type", "count")
    )
    class_order = {rent_class.value: index for index, rent_class in enumerate(RENT_CLASSES)}
    result = [
        {
            "organisation": name,
            "date": date.isoformat(),
            "rent_class": rent_class,
            "dwelling_type": dwelling_type,
            "count": count,
        }
        for name, date, rent_class, dwelling_type, count in rows
    ]
    result.sort(
        key=lambda r: (r["date"], r["organisation"], class_order[str(r["rent_class"])], r["dwelling_type"])
    )
    return result


# -- pipeline ------------------------------------------------------------------------------------------
@dataclass
class Cell:
    planned: int | None = None
    realised: int | None = None
    realised_is_demo: bool = False

    def add(self, other: Cell) -> None:
        if other.planned is not None:
            self.planned = (self.planned or 0) + other.planned
        if other.realised is not None:
            self.realised = (self.realised or 0) + other.realised
        self.realised_is_demo |= other.realised_is_demo


@dataclass
class PipelineLineView:
    label: str
    kind: PipelineKind
    cells: dict[int, Cell]
    project_id: int | None = None
    segment: str = ""
    status: str = ""

    def cell(self, year: int) -> Cell:
        return self.cells.get(year, Cell())

    @property
    def total(self) -> Cell:
        total = Cell()
        for cell in self.cells.values():
            total.add(cell)
        return total


@dataclass
class PipelineBlockView:
    heading: str
    organisation_id: int | None
    years: list[int]
    projects: list[PipelineLineView] = field(default_factory=list)
    withdrawals: list[PipelineLineView] = field(default_factory=list)

    def _sum(self, lines: Iterable[PipelineLineView], year: int | None) -> Cell:
        total = Cell()
        for line in lines:
            total.add(line.total if year is None else line.cell(year))
        return total

    def new_build(self, year: int | None = None) -> Cell:
        return self._sum(self.projects, year)

    def withdrawn(self, year: int | None = None) -> Cell:
        return self._sum(self.withdrawals, year)

    def balance(self, year: int | None = None) -> Cell:
        built, withdrawn = self.new_build(year), self.withdrawn(year)
        return Cell(
            planned=(built.planned or 0) - (withdrawn.planned or 0)
            if built.planned is not None or withdrawn.planned is not None
            else None,
            realised=(built.realised or 0) - (withdrawn.realised or 0)
            if built.realised is not None or withdrawn.realised is not None
            else None,
            realised_is_demo=built.realised_is_demo or withdrawn.realised_is_demo,
        )

    @property
    def project_rows(self) -> list[tuple[PipelineLineView, list[Cell], Cell]]:
        return [(line, [line.cell(y) for y in self.years], line.total) for line in self.projects]

    @property
    def withdrawal_rows(self) -> list[tuple[PipelineLineView, list[Cell], Cell]]:
        return [(line, [line.cell(y) for y in self.years], line.total) for line in self.withdrawals]

    @property
    def summary_rows(self) -> list[tuple[str, list[Cell], Cell, bool]]:
        """Subtotals in the order of Bijlage 2: new build, withdrawals (shown negative), balance."""
        return [
            ("Totaal nieuwbouw", [self.new_build(y) for y in self.years], self.new_build(), False),
            ("Totaal onttrekkingen", [self.withdrawn(y) for y in self.years], self.withdrawn(), True),
            (
                "Saldo nieuwbouw en onttrekkingen",
                [self.balance(y) for y in self.years],
                self.balance(),
                False,
            ),
        ]


@dataclass
class PipelineTable:
    years: list[int]
    blocks: list[PipelineBlockView]
    any_demo: bool

    @property
    def column_count(self) -> int:
        return 2 * len(self.years) + 3


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
        total = PipelineBlockView(f"Totaal {' en '.join(view.heading for view in ordered)}", None, years)
        total.projects = [line for view in ordered for line in view.projects]
        total.withdrawals = [line for view in ordered for line in view.withdrawals]
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
        }
        for name, year, project_name, planned, realised in ProjectYear.objects.filter(
            project__covenant=covenant
        )
        .order_by("project__organisation__name", "project__name", "year")
        .values_list("project__organisation__name", "year", "project__name", "planned", "realised")
    ]
    rows.extend(
        {
            "organisation": name,
            "year": year,
            "kind": kind,
            "project": None,
            "planned": planned,
            "realised": realised,
        }
        for name, year, kind, planned, realised in Withdrawal.objects.filter(covenant=covenant)
        .order_by("corporation__name", "kind", "year")
        .values_list("corporation__name", "year", "kind", "planned", "realised")
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


# -- targets -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class NewBuildFigures:
    """New build per year of the covenant: social rent by the corporations, and all segments."""

    social: list[YearFigures]
    all_segments: list[YearFigures]  # planned homes of every recorded project
    social_by_corporation: dict[str, list[YearFigures]]
    by_segment: dict[str, int]  # planned homes per segment over the covenant's years
    complete: bool  # whether projects other than the corporations' social rent are recorded
    any_demo: bool


def new_build_figures(covenant: Covenant) -> NewBuildFigures:
    years = list(range(covenant.start_date.year, covenant.end_date.year + 1))
    planned: dict[tuple[str, int], int] = defaultdict(int)
    realised: dict[tuple[str, int], int] = {}
    by_segment: dict[str, int] = defaultdict(int)
    all_planned: dict[int, int] = defaultdict(int)
    complete = False
    any_demo = False
    rows = ProjectYear.objects.filter(project__covenant=covenant).values_list(
        "project__organisation__name",
        "project__organisation__kind",
        "project__segment",
        "year",
        "planned",
        "realised",
        "realised_is_demo",
    )
    for name, kind, segment, year, planned_homes, realised_homes, is_demo in rows:
        if segment != Segment.SOCIAL_RENT or kind != OrganisationKind.CORPORATION:
            complete = True
        if year in years:
            by_segment[segment] += planned_homes or 0
            all_planned[year] += planned_homes or 0
        if segment != Segment.SOCIAL_RENT or kind != OrganisationKind.CORPORATION:
            continue
        planned[(name, year)] += planned_homes or 0
        if realised_homes is not None:
            realised[(name, year)] = realised.get((name, year), 0) + realised_homes
            any_demo |= is_demo
    corporations = sorted({name for name, _year in planned} | {name for name, _year in realised})
    by_corporation = {
        name: [YearFigures(year, planned.get((name, year), 0), realised.get((name, year))) for year in years]
        for name in corporations
    }
    social = [
        YearFigures(
            year,
            sum(planned.get((name, year), 0) for name in corporations),
            sum(realised[(name, year)] for name in corporations if (name, year) in realised)
            if any((name, year) in realised for name in corporations)
            else None,
        )
        for year in years
    ]
    all_segments = [YearFigures(year, all_planned.get(year, 0), None) for year in years]
    return NewBuildFigures(social, all_segments, by_corporation, dict(by_segment), complete, any_demo)


@dataclass(frozen=True)
class TargetView:
    target: Target
    label: str
    value_text: str
    lines: tuple[VerdictLine, ...]

    @property
    def worst(self) -> str:
        verdicts = [line.verdict for line in self.lines]
        for verdict in ("behind", "attention", "on_track", "done"):
            if verdict in verdicts:
                return verdict
        return "unknown"


def target_views(
    covenant: Covenant, *, today: dt.date, figures: NewBuildFigures | None = None
) -> list[TargetView]:
    """Every stored target of the covenant with its verdicts on the stored pipeline."""
    figures = new_build_figures(covenant) if figures is None else figures
    targets = list(Target.objects.filter(covenant=covenant).select_related("agreement"))
    kind_order = list(TargetKind)
    targets.sort(key=lambda target: kind_order.index(TargetKind(target.kind)))
    social = figures.by_segment.get(Segment.SOCIAL_RENT, 0)
    cheap_owner = figures.by_segment.get(Segment.CHEAP_OWNER_OCCUPIED, 0)
    middle = figures.by_segment.get(Segment.MIDDLE_RENT, 0)
    other = figures.by_segment.get(Segment.OTHER, 0)
    whole = social + cheap_owner + middle + other
    shares = {
        TargetKind.CHEAP_SHARE: ShareFigures(social + cheap_owner, whole),
        TargetKind.SOCIAL_SHARE_OF_CHEAP: ShareFigures(social, social + cheap_owner),
        TargetKind.MIDDLE_SHARE: ShareFigures(middle, whole),
        TargetKind.EXPENSIVE_SHARE: ShareFigures(other, whole),
        TargetKind.SOCIAL_SHARE_AREA: ShareFigures(social, whole),
    }
    views: list[TargetView] = []
    for target in targets:
        kind = TargetKind(target.kind)
        number = target.agreement.number
        label = TARGET_LABELS[kind]
        years = [y for y in figures.social if target.start_year <= y.year <= target.end_year]
        lines: tuple[VerdictLine, ...]
        if kind is TargetKind.SOCIAL_NEW_BUILD:
            lines = (
                plan_verdict(target_per_year=target.value, years=years, agreement=number),
                realised_verdict(
                    target_per_year=target.value, years=years, agreement=number, until_year=today.year - 1
                ),
            )
        elif kind is TargetKind.TOTAL_NEW_BUILD:
            lines = (
                total_plan_verdict(
                    target_per_year=target.value,
                    years=[y for y in figures.all_segments if target.start_year <= y.year <= target.end_year],
                    agreement=number,
                    complete=figures.complete,
                ),
            )
        else:
            lines = (
                share_verdict(
                    target_percent=target.value,
                    figures=shares[kind],
                    agreement=number,
                    label=label.lower(),
                    complete=figures.complete,
                ),
            )
        value_text = (
            f"gemiddeld {nl_number(target.value)} per jaar"
            if kind in PER_YEAR_KINDS
            else f"{nl_number(target.value)}%"
        )
        views.append(TargetView(target, label, value_text, lines))
    return views


def appendix_checks(covenant: Covenant) -> list[AppendixCheck]:
    return list(AppendixCheck.objects.filter(covenant=covenant))


# -- look-ahead ----------------------------------------------------------------------------------------
BASIS_LABELS: dict[Basis, str] = {
    "entered": "ingevuld",
    "reference": "referentiecijfer",
    "partly_reference": "deels referentie, deels geïndexeerd",
    "assumed": "aanname",
}


@dataclass(frozen=True)
class LookAheadRow:
    year: int
    measured: bool  # a stored stock (looking back) or a projection
    date: dt.date | None
    counts: dict[RentClass, int]
    total: int
    moved_up: int = 0
    moved_down: int = 0
    added: int = 0
    withdrawn: int = 0
    liberalised: int = 0

    @property
    def ordered(self) -> list[int]:
        return [self.counts[rent_class] for rent_class in RENT_CLASSES]


@dataclass(frozen=True)
class LookAheadView:
    heading: str
    organisation_id: int | None
    rows: list[LookAheadRow]
    assumptions: list[YearAssumption]
    start_date: dt.date | None
    problem: str = ""  # why there is no projection

    @property
    def projected(self) -> list[LookAheadRow]:
        return [row for row in self.rows if not row.measured]


def _assumption_inputs(
    covenant: Covenant,
) -> tuple[
    dict[int, dict[RentClass, Decimal | None]],
    dict[int, Decimal | None],
    dict[int, tuple[Decimal | None, Decimal | None]],
]:
    entered = {
        row.year: (row.rent_increase, row.limit_indexation)
        for row in LookAheadAssumption.objects.filter(covenant=covenant)
    }
    return reference_limits(), reference_rent_increases(), entered


def lookahead(covenant: Covenant, organisation_id: int | None = None) -> list[LookAheadView]:
    """Per corporation (and in total) the stock per class looking back and five years ahead."""
    limits, increases, entered = _assumption_inputs(covenant)
    stock: dict[int, dict[dt.date, dict[RentClass, int]]] = defaultdict(lambda: defaultdict(dict))
    for corporation_id, date, rent_class, homes in (
        StockCount.objects.for_covenant(covenant, organisation_id)
        .values("corporation_id", "date", "rent_class")
        .annotate(homes=Sum("count"))
        .values_list("corporation_id", "date", "rent_class", "homes")
        .order_by()
    ):
        stock[corporation_id][date][RentClass(rent_class)] = homes or 0
    new_build: dict[tuple[int, int], dict[RentClass, int]] = defaultdict(lambda: defaultdict(int))
    for org_id, year, segment, rent_class, planned, realised in ProjectYear.objects.for_covenant(
        covenant, organisation_id
    ).values_list(
        "project__organisation_id", "year", "project__segment", "project__rent_class", "planned", "realised"
    ):
        homes = realised if realised is not None else (planned or 0)
        if segment == Segment.SOCIAL_RENT:
            new_build[(org_id, year)][RentClass(rent_class) if rent_class else DEFAULT_NEW_BUILD_CLASS] += (
                homes
            )
        elif segment == Segment.MIDDLE_RENT:
            new_build[(org_id, year)][RentClass.ABOVE_BENEFIT] += homes
    withdrawn: dict[tuple[int, int, str], int] = defaultdict(int)
    for org_id, year, kind, planned, realised in Withdrawal.objects.for_covenant(
        covenant, organisation_id
    ).values_list("corporation_id", "year", "kind", "planned", "realised"):
        withdrawn[(org_id, year, kind)] += realised if realised is not None else (planned or 0)
    names = {org.pk: org.name for org in covenant_corporations(covenant)}
    views: list[LookAheadView] = []
    for org_id in sorted(stock, key=lambda key: list(names).index(key) if key in names else 99):
        # Looking back: the last stock of every year (a corporation may deliver more often).
        last_per_year = {date.year: date for date in sorted(stock[org_id])}
        dates = sorted(last_per_year.values())
        history = [
            LookAheadRow(
                d.year,
                True,
                d,
                {rc: stock[org_id][d].get(rc, 0) for rc in RENT_CLASSES},
                sum(stock[org_id][d].values()),
            )
            for d in dates
        ]
        start = dates[-1]
        try:
            first_limits, assumptions = resolve_assumptions(
                start_year=start.year,
                horizon=LOOKAHEAD_YEARS,
                limits=limits,
                rent_increases=increases,
                entered=entered,
            )
        except LimitsUnknownError as error:
            views.append(
                LookAheadView(
                    names.get(org_id, ""),
                    org_id,
                    history,
                    [],
                    start,
                    f"Geen vooruitblik: de huurgrenzen van {error.year} zijn niet allemaal bekend. "
                    "Een beheerder kan ze invullen bij de referentiecijfers.",
                )
            )
            continue
        steps = [
            StepInput(
                year=assumption.year,
                rent_increase_pct=assumption.rent_increase_pct,
                limits=assumption.limits,
                new_build=dict(new_build.get((org_id, assumption.year), {})),
                demolition=withdrawn.get((org_id, assumption.year, "demolition"), 0),
                sale=withdrawn.get((org_id, assumption.year, "sale"), 0),
                liberalisation=withdrawn.get((org_id, assumption.year, "liberalisation"), 0),
            )
            for assumption in assumptions
        ]
        results = project(
            start={rc: float(v) for rc, v in stock[org_id][start].items()},
            start_limits=first_limits,
            steps=steps,
        )
        projected = [
            LookAheadRow(
                result.year,
                False,
                None,
                {rc: round(value) for rc, value in result.counts.items()},
                round(result.total),
                round(result.moved_up),
                round(result.moved_down),
                result.added,
                round(result.withdrawn),
                round(result.liberalised),
            )
            for result in results
        ]
        views.append(LookAheadView(names.get(org_id, ""), org_id, history + projected, assumptions, start))
    if len(views) > 1 and organisation_id is None:
        views.append(_total_view(covenant, views))
    return views


def _total_view(covenant: Covenant, views: Sequence[LookAheadView]) -> LookAheadView:
    """The sum over corporations per year; only years every corporation has a row for."""
    by_year: dict[tuple[int, bool], list[LookAheadRow]] = defaultdict(list)
    for view in views:
        for row in view.rows:
            by_year[(row.year, row.measured)].append(row)
    rows = []
    for (year, measured), items in sorted(by_year.items(), key=lambda item: (item[0][0], not item[0][1])):
        if len(items) != len(views):
            continue
        rows.append(
            LookAheadRow(
                year,
                measured,
                items[0].date if measured else None,
                {rc: sum(item.counts[rc] for item in items) for rc in RENT_CLASSES},
                sum(item.total for item in items),
                sum(item.moved_up for item in items),
                sum(item.moved_down for item in items),
                sum(item.added for item in items),
                sum(item.withdrawn for item in items),
                sum(item.liberalised for item in items),
            )
        )
    first = next((view for view in views if view.assumptions), None)
    return LookAheadView(
        f"Totaal corporaties {covenant.municipality}",
        None,
        rows,
        first.assumptions if first else [],
        first.start_date if first else None,
    )
