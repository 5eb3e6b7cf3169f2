"""Reads of the yearly cycle, each in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.agreements.succession import successors_in
from woonafspraken.annual_plans.constants import OPEN_STATUSES, ActivityStatus, PlanState
from woonafspraken.annual_plans.fulfilment import MilestoneRow, milestone_rows, open_milestones
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Comment, Milestone, ProgressUpdate
from woonafspraken.annual_plans.rollup import (
    ActivityFacts,
    ActivityOutcome,
    Judgement,
    Report,
    behind_reason,
    judge,
    judgement_day,
)
from woonafspraken.core.formatting import format_date
from woonafspraken.core.verdicts import (
    OUTCOME_LABELS,
    STATUS_ORDER,
    CovenantVerdicts,
    Outcome,
    Verdict,
    covenant_verdicts,
)

_JAARSCHIJF = re.compile(r"jaarschijf|jaarschijven", re.IGNORECASE)


def mentions_jaarschijf(text: str) -> bool:
    """Whether an agreement says its details are worked out in the jaarschijf."""
    return bool(_JAARSCHIJF.search(text))


def facts(activity: Activity, reports: Iterable[Report] | None = None) -> ActivityFacts:
    """The activity's facts for the rule: with ``reports``, as of any date; without, as it stands now."""
    return ActivityFacts(
        title=activity.title,
        planned_by=activity.planned_by,
        timing=activity.timing_label,
        reports=tuple(reports or ()),
        is_decision=activity.is_decision,
        initial=ActivityStatus.PLANNED if reports is not None else activity.status,
    )


def activity_behind_reason(activity: Activity, on: dt.date) -> str | None:
    """Why the activity, as it stands now, is behind on ``on`` (for today's pages and agendas)."""
    return behind_reason(facts(activity), on)


def reports_of(activity_ids: Iterable[int], *, on: dt.date | None = None) -> dict[int, list[Report]]:
    """The progress reports of these activities (those dated on or before ``on``), in one query."""
    query = ProgressUpdate.objects.filter(activity_id__in=list(activity_ids))
    if on is not None:
        query = query.filter(date__lte=on)
    reports: dict[int, list[Report]] = defaultdict(list)
    rows = query.order_by("date", "pk").values_list(
        "activity_id", "date", "status", "progress_percent", "is_demo"
    )
    for activity_id, date, status, percent, is_demo in rows:
        reports[activity_id].append(Report(date, status, percent, is_demo))
    return reports


def existed_on(activity: Activity, on: dt.date) -> bool:
    return timezone.localdate(activity.created_at) <= on


@dataclass(frozen=True)
class JudgedActivity:
    activity: Activity
    judgement: Judgement | None  # None: judged on no day (a coming year), or it did not exist yet then

    @property
    def is_demo(self) -> bool:
        report = self.judgement.report if self.judgement else None
        return self.activity.is_demo or bool(report and report.is_demo)

    @property
    def outcome(self) -> str:
        return self.judgement.outcome.value if self.judgement else ""

    @property
    def outcome_label(self) -> str:
        """The activity's outcome in the words of ``core.verdicts.OUTCOME_LABELS`` ("achter", "afgerond")."""
        return str(OUTCOME_LABELS[Outcome(self.judgement.outcome.value)]) if self.judgement else ""


def judged_activities(covenant: Covenant, on: dt.date) -> list[JudgedActivity]:
    """The activities of jaarschijf ``on.year`` that existed on ``on``, each as it stood that day.

    Two queries, whatever the number of activities: the activities (with plan and agreement), and their
    progress reports dated on or before ``on``.
    """
    activities = list(
        Activity.objects.filter(plan__covenant=covenant, plan__year=on.year, created_at__date__lte=on)
        .select_related("plan", "agreement")
        .order_by("agreement__order", "order", "pk")
    )
    reports = reports_of([activity.pk for activity in activities], on=on)
    return [
        JudgedActivity(activity, judge(facts(activity, reports.get(activity.pk, [])), on))
        for activity in activities
    ]


def _judged(
    activities: Iterable[Activity], reports: dict[int, list[Report]], on: dt.date | None
) -> list[JudgedActivity]:
    return [
        JudgedActivity(
            activity,
            judge(facts(activity, reports.get(activity.pk, [])), on)
            if on is not None and existed_on(activity, on)
            else None,
        )
        for activity in activities
    ]


def plans_of(covenant: Covenant) -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.filter(covenant=covenant).order_by("-year")


def plan_get(covenant: Covenant, year: int) -> AnnualPlan | None:
    return AnnualPlan.objects.filter(covenant=covenant, year=year).select_related("covenant").first()


@dataclass
class AgreementRow:
    agreement: Agreement
    items: list[JudgedActivity]
    verdict: Verdict | None  # the agreement's status on the overview's day (core.verdicts); None: no day
    mentions_jaarschijf: bool
    comments: list[Comment] = field(default_factory=list)

    @property
    def activities(self) -> list[Activity]:
        return [item.activity for item in self.items]

    @property
    def flagged(self) -> bool:
        """The agreement says it is worked out in the jaarschijf, but has no activity this year."""
        return self.mentions_jaarschijf and not self.items


@dataclass
class ThemeGroup:
    theme: Theme
    rows: list[AgreementRow]

    @property
    def activity_count(self) -> int:
        return sum(len(row.items) for row in self.rows)

    @property
    def flagged_count(self) -> int:
        return sum(1 for row in self.rows if row.flagged)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    css: str
    count: int
    text: str  # "1 afspraak achter"
    rest: str  # "afspraak achter", beside a count shown on its own


@dataclass
class PlanOverview:
    plan: AnnualPlan | None
    year: int
    on: dt.date | None  # the day the year is judged on: today, 31 December of a past year, None ahead
    themes: list[ThemeGroup]
    verdicts: CovenantVerdicts | None = None

    @property
    def rows(self) -> list[AgreementRow]:
        return [row for group in self.themes for row in group.rows]

    @property
    def items(self) -> list[JudgedActivity]:
        return [item for row in self.rows for item in row.items]

    @property
    def activity_count(self) -> int:
        return sum(len(row.items) for row in self.rows)

    @property
    def behind_activities(self) -> list[JudgedActivity]:
        return [
            item
            for item in self.items
            if item.judgement is not None and item.judgement.outcome is ActivityOutcome.BEHIND
        ]

    @property
    def flagged(self) -> list[Agreement]:
        return [row.agreement for row in self.rows if row.flagged]

    @property
    def status_counts(self) -> list[StatusCount]:
        """The agreements per status on the day (from ``covenant_verdicts``), worst first, counted in words."""
        if self.verdicts is None:
            return []
        return status_counts(self.verdicts.counts(), self.verdicts)

    @property
    def theme_lines(self) -> list[tuple[ThemeGroup, list[StatusCount]]]:
        """Each theme with its agreements per status on the day (only the statuses that occur), worst first:
        the line a theme folds to on the year's page."""
        if self.verdicts is None:
            return [(group, []) for group in self.themes]
        lines = []
        for group in self.themes:
            counts = Counter(row.verdict.status for row in group.rows if row.verdict is not None)
            lines.append((group, [line for line in status_counts(counts, self.verdicts) if line.count]))
        return lines


def status_counts(counts: dict[Any, int], verdicts: CovenantVerdicts) -> list[StatusCount]:
    rows = {row["status"]: row for row in verdicts.summary()}
    result = []
    for status in STATUS_ORDER:
        row = rows[status]
        count = counts.get(status, 0)
        words = ngettext("%(count)s agreement", "%(count)s agreements", count) % {"count": count}
        rest = ngettext("agreement %(status)s", "agreements %(status)s", count) % {"status": row["label"]}
        result.append(
            StatusCount(
                str(status),
                str(row["label"]),
                str(row["css"]),
                count,
                f"{words} {row['label']}",
                rest,
            )
        )
    return result


def _activities(plan: AnnualPlan) -> QuerySet[Activity]:
    return (
        plan.activities.select_related("plan", "agreement", "carried_from__plan")
        .prefetch_related("owners")
        .order_by("agreement__order", "order", "pk")
    )


def plan_overview(
    covenant: Covenant,
    year: int,
    *,
    plan: AnnualPlan | None = None,
    today: dt.date | None = None,
    with_comments: bool = False,
) -> PlanOverview:
    """Every agreement of the covenant with its activities of ``year``, each activity as it stood on the
    year's day (today, or 31 December of a past year) and the agreement's verdict of that day."""
    plan = plan if plan is not None else plan_get(covenant, year)
    today = today or timezone.localdate()
    on = judgement_day(year, today)
    agreements = list(
        Agreement.objects.filter(covenant=covenant).select_related("theme", "section").order_by("order")
    )
    by_agreement: dict[int, list[JudgedActivity]] = defaultdict(list)
    if plan is not None:
        activities = list(_activities(plan))
        reports = reports_of([activity.pk for activity in activities], on=on) if on is not None else {}
        for item in _judged(activities, reports, on):
            item.activity.plan = plan
            by_agreement[item.activity.agreement_id].append(item)
    comments: dict[int, list[Comment]] = defaultdict(list)
    if with_comments:
        start = dt.date(year, 1, 1)
        query = Comment.objects.filter(agreement__covenant=covenant).filter(
            Q(activity__plan__year=year) | Q(activity__isnull=True, created_at__date__gte=start)
        )
        if year < today.year:
            query = query.filter(
                Q(activity__isnull=False) | Q(created_at__date__lte=dt.date(year + 1, 6, 30))
            )
        for comment in query.select_related("organisation", "activity").order_by("created_at"):
            comments[comment.agreement_id].append(comment)
    verdicts = covenant_verdicts(covenant, on) if on is not None else None
    themes: dict[int, ThemeGroup] = {}
    for agreement in agreements:
        row = AgreementRow(
            agreement=agreement,
            items=by_agreement.get(agreement.pk, []),
            verdict=verdicts.get(agreement.number) if verdicts is not None else None,
            mentions_jaarschijf=mentions_jaarschijf(agreement.text),
            comments=comments.get(agreement.pk, []),
        )
        group = themes.setdefault(agreement.theme_id, ThemeGroup(agreement.theme, []))
        group.rows.append(row)
    return PlanOverview(
        plan=plan,
        year=year,
        on=on,
        themes=sorted(themes.values(), key=lambda g: g.theme.number),
        verdicts=verdicts,
    )


@dataclass
class Proposal:
    year: int
    previous: AnnualPlan | None  # the jaarschijf the unfinished work comes from (maybe the predecessor's)
    carry_over: list[Activity]
    flagged: list[Agreement]  # say "jaarschijf" and get no activity from the carry-over
    # The first jaarschijf of a successor: the work comes from the predecessor's last jaarschijf, each
    # activity to the successor of its agreement (``destinations``: the first part of a split one; the
    # other parts in ``also_for``). Activities of a dropped agreement are ``lapsed``: listed, not offered.
    from_predecessor: bool = False
    destinations: dict[int, Agreement] = field(default_factory=dict)
    also_for: dict[int, list[Agreement]] = field(default_factory=dict)
    lapsed: list[Activity] = field(default_factory=list)


def carry_source(covenant: Covenant, year: int) -> tuple[AnnualPlan | None, bool]:
    """The jaarschijf whose unfinished work jaarschijf ``year`` takes over, and whether it is the
    predecessor's: the year before of this covenant, or, for the first jaarschijf of a successor, the
    predecessor's latest jaarschijf before ``year`` (ADR 0020, continued across covenants)."""
    previous = plan_get(covenant, year - 1)
    if previous is not None or covenant.predecessor_id is None:
        return previous, False
    if AnnualPlan.objects.filter(covenant=covenant, year__lt=year).exists():
        return None, False  # not the first jaarschijf: a gap in its own years is not bridged
    last = (
        AnnualPlan.objects.filter(covenant_id=covenant.predecessor_id, year__lt=year)
        .select_related("covenant")
        .order_by("-year")
        .first()
    )
    return last, last is not None


def plan_proposal(covenant: Covenant, year: int) -> Proposal:
    """What creating jaarschijf ``year`` proposes: last year's unfinished work and agreements to fill."""
    previous, from_predecessor = carry_source(covenant, year)
    carry: list[Activity] = []
    destinations: dict[int, Agreement] = {}
    also_for: dict[int, list[Agreement]] = {}
    lapsed: list[Activity] = []
    if previous is not None:
        carry = list(
            _activities(previous)
            .filter(status__in=OPEN_STATUSES, carried_to__isnull=True)
            .select_related("agreement")
        )
    if from_predecessor:
        successors = successors_in(covenant, {activity.agreement_id for activity in carry})
        offered = []
        for activity in carry:
            parts = successors.get(activity.agreement_id)
            if not parts:
                lapsed.append(activity)
                continue
            offered.append(activity)
            destinations[activity.pk] = parts[0]
            if parts[1:]:
                also_for[activity.pk] = parts[1:]
        carry = offered
    covered = {destinations[a.pk].pk if a.pk in destinations else a.agreement_id for a in carry}
    flagged = [
        agreement
        for agreement in Agreement.objects.filter(covenant=covenant).order_by("order")
        if mentions_jaarschijf(agreement.text) and agreement.pk not in covered
    ]
    return Proposal(
        year=year,
        previous=previous,
        carry_over=carry,
        flagged=flagged,
        from_predecessor=from_predecessor,
        destinations=destinations,
        also_for=also_for,
        lapsed=lapsed,
    )


def activity_detail(covenant: Covenant, pk: int) -> Activity:
    return (
        Activity.objects.filter(plan__covenant=covenant, pk=pk)
        .select_related("plan", "plan__covenant", "agreement", "agreement__theme", "carried_from__plan")
        .prefetch_related("owners")
        .get()
    )


def activity_history(activity: Activity) -> list[ProgressUpdate]:
    """The progress updates of the activity and of the earlier years it was carried over from."""
    chain = [activity.pk]
    source = activity.carried_from
    seen = {activity.pk}
    while source is not None and source.pk not in seen:  # a handful of years at most
        seen.add(source.pk)
        chain.append(source.pk)
        source = (
            Activity.objects.filter(pk=source.carried_from_id).first() if source.carried_from_id else None
        )
    return list(
        ProgressUpdate.objects.filter(activity_id__in=chain)
        .select_related("activity__plan")
        .order_by("-date", "-pk")
    )


@dataclass
class OwnerBacklog:
    organisation: Organisation
    activities: list[tuple[Activity, int | None]]  # activity, days since the last update (None: never)


def needs_update(covenant: Covenant, *, on: dt.date | None = None) -> list[OwnerBacklog]:
    """The "bij te werken" list: open activities without an update within their plan's period, per owner."""
    day = on or timezone.localdate()
    activities = (
        Activity.objects.filter(plan__covenant=covenant)
        .needs_update(on=day)
        .select_related("plan", "agreement", "owner")
        .prefetch_related("owners")
        .order_by("plan__year", "agreement__order", "order")
    )
    groups: dict[int, OwnerBacklog] = {}
    for activity in activities:
        since = (day - activity.last_progress_on).days if activity.last_progress_on else None
        for owner in activity.owners.all():
            groups.setdefault(owner.pk, OwnerBacklog(owner, [])).activities.append((activity, since))
    return sorted(groups.values(), key=lambda backlog: backlog.organisation.name)


def needs_update_count(covenant: Covenant, *, on: dt.date | None = None) -> int:
    return (
        Activity.objects.filter(plan__covenant=covenant).needs_update(on=on or timezone.localdate()).count()
    )


def behind_since(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[tuple[Activity, str]]:
    """Activities behind on ``until`` (delayed, or past their planned moment and not done), with the reason.

    Every activity that is behind is listed; one that fell behind after ``since`` (the previous meeting)
    says so in its reason, so the agenda shows what is new.
    """
    activities = (
        Activity.objects.filter(plan__covenant=covenant, plan__year__lte=until.year)
        .exclude(plan__state=PlanState.CLOSED)
        .filter(status__in=OPEN_STATUSES)
        .select_related("plan", "agreement")
        .prefetch_related("owners")
        .order_by("plan__year", "agreement__order", "order")
    )
    result = []
    for activity in activities:
        reason = activity_behind_reason(activity, min(until, dt.date(activity.plan.year, 12, 31)))
        if reason is None:
            continue
        if since is not None:
            became = (
                activity.last_progress_on
                if activity.status == ActivityStatus.DELAYED
                else activity.planned_by
            )
            if became is not None and became >= since:
                reason += " " + _("(new since %(date)s)") % {"date": format_date(since)}
        result.append((activity, reason))
    return result


def next_milestone(covenant: Covenant, *, today: dt.date | None = None) -> Milestone | None:
    """The first milestone ahead that is still open (not ticked, not fulfilled by its event)."""
    day = today or timezone.localdate()
    return (
        open_milestones(Milestone.objects.filter(covenant=covenant, due_date__gte=day))
        .order_by("due_date", "pk")
        .first()
    )


def milestones_of(covenant: Covenant) -> QuerySet[Milestone]:
    return Milestone.objects.filter(covenant=covenant).order_by("due_date", "pk")


def calendar_rows(covenant: Covenant, *, today: dt.date) -> list[MilestoneRow]:
    """The Woningwet calendar with each milestone's state and evidence, in one query."""
    return milestone_rows(milestones_of(covenant), today=today)


@dataclass
class YearOfAgreement:
    plan: AnnualPlan
    on: dt.date | None  # the day this year's activities are judged on
    items: list[JudgedActivity]


def agreement_years(agreement: Agreement, *, today: dt.date | None = None) -> list[YearOfAgreement]:
    """The agreement's activities per jaarschijf, newest year first, each as it stood on its year's day
    (today, 31 December of a past year). Shows activities, not the agreement's status."""
    day = today or timezone.localdate()
    activities = list(
        Activity.objects.filter(agreement=agreement)
        .select_related("plan")
        .prefetch_related("owners")
        .order_by("-plan__year", "order", "pk")
    )
    reports = reports_of([activity.pk for activity in activities], on=day)
    by_plan: dict[int, list[Activity]] = defaultdict(list)
    plans: dict[int, AnnualPlan] = {}
    for activity in activities:
        by_plan[activity.plan_id].append(activity)
        plans[activity.plan_id] = activity.plan
    years = []
    for plan_id, members in by_plan.items():
        plan = plans[plan_id]
        on = judgement_day(plan.year, day)
        years.append(YearOfAgreement(plan, on, _judged(members, reports, on)))
    return sorted(years, key=lambda entry: -entry.plan.year)


def agreement_comments(agreement: Agreement) -> list[Comment]:
    return list(
        Comment.objects.filter(agreement=agreement)
        .select_related("organisation", "activity__plan")
        .order_by("-created_at", "-pk")
    )


def latest_updates(activities: Iterable[Activity], *, on: dt.date | None = None) -> dict[int, ProgressUpdate]:
    """The newest progress update per activity (dated on or before ``on``, if given), in one query."""
    ids = [activity.pk for activity in activities]
    latest: dict[int, ProgressUpdate] = {}
    query = ProgressUpdate.objects.filter(activity_id__in=ids)
    if on is not None:
        query = query.filter(date__lte=on)
    for update in query.order_by("activity_id", "-date", "-pk"):
        latest.setdefault(update.activity_id, update)
    return latest


def plans_with_counts(covenant: Covenant) -> list[AnnualPlan]:
    return list(
        plans_of(covenant).annotate(
            activity_count=Count("activities", distinct=True),
            done_count=Count("activities", filter=Q(activities__status=ActivityStatus.DONE), distinct=True),
        )
    )
