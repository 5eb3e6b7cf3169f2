"""Reads of the yearly cycle, each in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant, Theme
from woonafspraken.annual_plans.constants import OPEN_STATUSES, ActivityStatus, PlanState
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Comment, Milestone, ProgressUpdate
from woonafspraken.annual_plans.rollup import (
    ActivityFacts,
    AgreementState,
    Rollup,
    behind_reason,
    reference_day,
    roll_up,
)

_JAARSCHIJF = re.compile(r"jaarschijf|jaarschijven", re.IGNORECASE)


def mentions_jaarschijf(text: str) -> bool:
    """Whether an agreement says its details are worked out in the jaarschijf."""
    return bool(_JAARSCHIJF.search(text))


def facts(activity: Activity) -> ActivityFacts:
    return ActivityFacts(
        title=activity.title,
        status=activity.status,
        planned_by=activity.planned_by,
        timing=activity.timing_label,
    )


def activity_behind_reason(activity: Activity, on: dt.date) -> str | None:
    return behind_reason(facts(activity), on)


def plans_of(covenant: Covenant) -> QuerySet[AnnualPlan]:
    return AnnualPlan.objects.filter(covenant=covenant).order_by("-year")


def plan_get(covenant: Covenant, year: int) -> AnnualPlan | None:
    return AnnualPlan.objects.filter(covenant=covenant, year=year).select_related("covenant").first()


@dataclass
class AgreementRow:
    agreement: Agreement
    activities: list[Activity]
    rollup: Rollup
    mentions_jaarschijf: bool
    comments: list[Comment] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """The agreement says it is worked out in the jaarschijf, but has no activity this year."""
        return self.mentions_jaarschijf and not self.activities


@dataclass
class ThemeGroup:
    theme: Theme
    rows: list[AgreementRow]


@dataclass
class PlanOverview:
    plan: AnnualPlan | None
    year: int
    on: dt.date
    themes: list[ThemeGroup]

    @property
    def rows(self) -> list[AgreementRow]:
        return [row for group in self.themes for row in group.rows]

    def count(self, state: AgreementState) -> int:
        return sum(1 for row in self.rows if row.rollup.state == state)

    @property
    def activity_count(self) -> int:
        return sum(len(row.activities) for row in self.rows)

    @property
    def behind_activities(self) -> list[tuple[Activity, str]]:
        result = []
        for row in self.rows:
            for activity in row.activities:
                reason = activity_behind_reason(activity, self.on)
                if reason:
                    result.append((activity, reason))
        return result

    @property
    def flagged(self) -> list[Agreement]:
        return [row.agreement for row in self.rows if row.flagged]

    @property
    def counts(self) -> dict[str, int]:
        return {state.value: self.count(state) for state in AgreementState}


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
    """Every agreement of the covenant with its activities of ``year``, the rolled-up status and why."""
    plan = plan if plan is not None else plan_get(covenant, year)
    on = reference_day(year, today or timezone.localdate())
    agreements = list(
        Agreement.objects.filter(covenant=covenant).select_related("theme", "section").order_by("order")
    )
    by_agreement: dict[int, list[Activity]] = defaultdict(list)
    if plan is not None:
        for activity in _activities(plan):
            activity.plan = plan
            by_agreement[activity.agreement_id].append(activity)
    comments: dict[int, list[Comment]] = defaultdict(list)
    if with_comments:
        start = dt.date(year, 1, 1)
        query = Comment.objects.filter(agreement__covenant=covenant).filter(
            Q(activity__plan__year=year) | Q(activity__isnull=True, created_at__date__gte=start)
        )
        if year < (today or timezone.localdate()).year:
            query = query.filter(
                Q(activity__isnull=False) | Q(created_at__date__lte=dt.date(year + 1, 6, 30))
            )
        for comment in query.select_related("organisation", "activity").order_by("created_at"):
            comments[comment.agreement_id].append(comment)
    themes: dict[int, ThemeGroup] = {}
    for agreement in agreements:
        activities = by_agreement.get(agreement.pk, [])
        row = AgreementRow(
            agreement=agreement,
            activities=activities,
            rollup=roll_up([facts(activity) for activity in activities], on),
            mentions_jaarschijf=mentions_jaarschijf(agreement.text),
            comments=comments.get(agreement.pk, []),
        )
        group = themes.setdefault(agreement.theme_id, ThemeGroup(agreement.theme, []))
        group.rows.append(row)
    return PlanOverview(
        plan=plan, year=year, on=on, themes=sorted(themes.values(), key=lambda g: g.theme.number)
    )


@dataclass
class Proposal:
    year: int
    previous: AnnualPlan | None
    carry_over: list[Activity]
    flagged: list[Agreement]  # say "jaarschijf" and get no activity from the carry-over


def plan_proposal(covenant: Covenant, year: int) -> Proposal:
    """What creating jaarschijf ``year`` proposes: last year's unfinished work and agreements to fill."""
    previous = plan_get(covenant, year - 1)
    carry: list[Activity] = []
    if previous is not None:
        carry = list(
            _activities(previous)
            .filter(status__in=OPEN_STATUSES, carried_to__isnull=True)
            .select_related("agreement")
        )
    covered = {activity.agreement_id for activity in carry}
    flagged = [
        agreement
        for agreement in Agreement.objects.filter(covenant=covenant).order_by("order")
        if mentions_jaarschijf(agreement.text) and agreement.pk not in covered
    ]
    return Proposal(year=year, previous=previous, carry_over=carry, flagged=flagged)


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
        reason = activity_behind_reason(activity, reference_day(activity.plan.year, until))
        if reason is None:
            continue
        if since is not None:
            became = (
                activity.last_progress_on
                if activity.status == ActivityStatus.DELAYED
                else activity.planned_by
            )
            if became is not None and became >= since:
                reason += " " + _("(new since %(date)s)") % {
                    "date": f"{since.day}-{since.month}-{since.year}"
                }
        result.append((activity, reason))
    return result


def next_milestone(covenant: Covenant, *, today: dt.date | None = None) -> Milestone | None:
    day = today or timezone.localdate()
    return (
        Milestone.objects.filter(covenant=covenant, due_date__gte=day, done_on__isnull=True)
        .order_by("due_date", "pk")
        .first()
    )


def milestones_of(covenant: Covenant) -> QuerySet[Milestone]:
    return Milestone.objects.filter(covenant=covenant).order_by("due_date", "pk")


@dataclass
class YearOfAgreement:
    plan: AnnualPlan
    activities: list[Activity]
    rollup: Rollup


def agreement_years(agreement: Agreement, *, today: dt.date | None = None) -> list[YearOfAgreement]:
    """The agreement's activities per jaarschijf, newest year first, with the status of each year."""
    day = today or timezone.localdate()
    activities = list(
        Activity.objects.filter(agreement=agreement)
        .select_related("plan")
        .prefetch_related("owners")
        .order_by("-plan__year", "order", "pk")
    )
    plans: dict[int, YearOfAgreement] = {}
    for activity in activities:
        entry = plans.setdefault(activity.plan_id, YearOfAgreement(activity.plan, [], roll_up([], day)))
        entry.activities.append(activity)
    for entry in plans.values():
        entry.rollup = roll_up([facts(a) for a in entry.activities], reference_day(entry.plan.year, day))
    return sorted(plans.values(), key=lambda entry: -entry.plan.year)


def agreement_comments(agreement: Agreement) -> list[Comment]:
    return list(
        Comment.objects.filter(agreement=agreement)
        .select_related("organisation", "activity__plan")
        .order_by("-created_at", "-pk")
    )


def latest_updates(activities: Iterable[Activity]) -> dict[int, ProgressUpdate]:
    """The newest progress update per activity, in one query."""
    ids = [activity.pk for activity in activities]
    latest: dict[int, ProgressUpdate] = {}
    for update in ProgressUpdate.objects.filter(activity_id__in=ids).order_by("activity_id", "-date", "-pk"):
        latest.setdefault(update.activity_id, update)
    return latest


def plans_with_counts(covenant: Covenant) -> list[AnnualPlan]:
    return list(
        plans_of(covenant).annotate(
            activity_count=Count("activities", distinct=True),
            done_count=Count("activities", filter=Q(activities__status=ActivityStatus.DONE), distinct=True),
        )
    )
