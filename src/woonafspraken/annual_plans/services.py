"""Writes of the yearly cycle: jaarschijf states, activities, progress, comments and the calendar.

Every function checks permissions itself (the console and the web obey the same rules), validates,
writes inside one transaction and attributes the change for the history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.constants import (
    OPEN_STATUSES,
    WONINGWET_DEFAULTS,
    ActivityStatus,
    MilestoneKind,
    PlanState,
)
from woonafspraken.annual_plans.models import (
    Activity,
    AnnualPlan,
    Comment,
    Milestone,
    PlanReopening,
    ProgressUpdate,
)
from woonafspraken.annual_plans.permissions import can_comment, can_edit_activity, can_manage_plans
from woonafspraken.core.locking import Rows, ensure_unchanged, lock_unchanged
from woonafspraken.core.models import attribute_change

MANAGE_ONLY = gettext_lazy("Only the coordinator of the covenant can manage the jaarschijf.")
# What each edit form writes: someone else's change to one of these fields refuses a stale save (ADR 0005).
ACTIVITY_FIELDS = (
    "title",
    "description",
    "owners",
    "planned_quarter",
    "planned_date",
    "target_quantity",
    "target_unit",
)
PROGRESS_FIELDS = ("status", "progress_percent", "achieved_quantity")
MILESTONE_FIELDS = ("title", "due_date", "remind_days_before", "done_on")
INTERVAL_FIELDS = ("update_interval_days",)


def _closed_error(plan: AnnualPlan) -> ValidationError:
    return ValidationError(
        _(
            "Jaarschijf %(year)s is closed and can no longer be changed. "
            "Have the coordinator reopen the jaarschijf (with a reason) for a correction."
        )
        % {"year": plan.year},
        code="closed",
    )


def _lock(plan: AnnualPlan) -> AnnualPlan:
    return AnnualPlan.objects.select_for_update().select_related("covenant").get(pk=plan.pk)


def _municipality(covenant: Covenant) -> Organisation:
    municipality = covenant.parties.filter(kind="gemeente").first()
    return municipality or Organisation.objects.get(pk=covenant.owner_id)


def _author_name(user: User | None) -> str:
    if user is None:
        return ""
    name = user.get_full_name() or user.username
    return f"{name} ({user.organisation})" if user.organisation_id else name


def milestones_ensure(*, covenant: Covenant, year: int, is_demo: bool = False) -> list[Milestone]:
    """The default Woningwet milestones around jaarschijf ``year``, created where missing (idempotent)."""
    titles = {
        MilestoneKind.BID: _("Bid (activity overview) of the corporations for %(year)s") % {"year": year},
        MilestoneKind.AGREEMENTS: _("Performance agreements and jaarschijf %(year)s adopted")
        % {"year": year},
        MilestoneKind.ACCOUNT: _("Account of %(year)s (look back in the spring meeting)") % {"year": year},
    }
    created = []
    for kind, (month, day, offset) in WONINGWET_DEFAULTS.items():
        milestone, was_created = Milestone.objects.get_or_create(
            covenant=covenant,
            year=year,
            kind=kind,
            defaults={"title": titles[MilestoneKind(kind)], "due_date": dt.date(year + offset, month, day)},
        )
        if was_created:
            created.append(milestone)
    return created


def annual_plan_create(
    *,
    covenant: Covenant,
    year: int,
    user: User | None,
    carry_over: Sequence[Activity] = (),
    is_demo: bool = False,
) -> AnnualPlan:
    """A new jaarschijf in concept, with the chosen unfinished activities of the year before carried over."""
    if user is not None:
        require(can_manage_plans(user, covenant), MANAGE_ONLY)
    first, last = covenant.start_date.year, (covenant.end_date.year + 1)
    if not first <= year <= last:
        raise ValidationError(
            {
                "year": ValidationError(
                    _(
                        "Choose a year within the term of the covenant (%(first)s up to and including %(last)s)."
                    )
                    % {"first": first, "last": last},
                    code="outside_term",
                )
            }
        )
    with transaction.atomic():
        if AnnualPlan.objects.filter(covenant=covenant, year=year).exists():
            raise ValidationError({"year": _exists_error(year)})
        plan = AnnualPlan(
            covenant=covenant, year=year, owner=_municipality(covenant), created_by=user, is_demo=is_demo
        )
        plan.full_clean()
        attribute_change(plan, user)
        try:
            plan.save()
        except IntegrityError as error:  # a concurrent create of the same year
            raise ValidationError({"year": _exists_error(year)}) from error
        for order, source in enumerate(carry_over):
            _carry(source=source, plan=plan, user=user, order=order)
        milestones_ensure(covenant=covenant, year=year)
        milestones_ensure(covenant=covenant, year=year + 1)  # next year's bid falls in this year
    return plan


def _exists_error(year: int) -> ValidationError:
    return ValidationError(
        _("There already is a jaarschijf %(year)s for this covenant.") % {"year": year}, code="exists"
    )


def _carry(*, source: Activity, plan: AnnualPlan, user: User | None, order: int) -> Activity:
    source = Activity.objects.select_related("plan").get(pk=source.pk)
    if source.plan.covenant_id != plan.covenant_id or source.plan.year != plan.year - 1:
        raise ValidationError(
            _("‘%(title)s’ does not belong to jaarschijf %(year)s of this covenant.")
            % {"title": source.title, "year": plan.year - 1},
            code="other_plan",
        )
    if source.status not in OPEN_STATUSES:
        raise ValidationError(
            _("‘%(title)s’ is %(status)s and does not go along to %(year)s.")
            % {"title": source.title, "status": source.status, "year": plan.year},
            code="not_open",
        )
    if Activity.objects.filter(carried_from=source).exists():
        raise ValidationError(
            _("‘%(title)s’ has already been carried over to a next year.") % {"title": source.title},
            code="already_carried",
        )
    activity = Activity(
        plan=plan,
        agreement_id=source.agreement_id,
        title=source.title,
        description=source.description,
        owner_id=source.owner_id,
        created_by=user,
        planned_quarter=None,
        planned_date=None,
        target_quantity=source.target_quantity,
        target_unit=source.target_unit,
        status=ActivityStatus.RUNNING if source.progress_percent else ActivityStatus.PLANNED,
        progress_percent=source.progress_percent,
        achieved_quantity=source.achieved_quantity,
        last_progress_on=source.last_progress_on,
        carried_from=source,
        order=order,
        is_demo=plan.is_demo or source.is_demo,
    )
    activity.full_clean(exclude=["owners"])
    attribute_change(activity, user)
    activity.save()
    activity.owners.set(source.owners.all())
    return activity


def annual_plan_adopt(
    *, plan: AnnualPlan, user: User | None, adopted_on: dt.date, meeting: str
) -> AnnualPlan:
    """Adopt (vaststellen) a concept jaarschijf, recording the date and the meeting that adopted it."""
    if user is not None:  # None: the system itself (example data)
        require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    meeting = meeting.strip()
    with transaction.atomic():
        plan = _lock(plan)
        if plan.state == PlanState.CLOSED:
            raise _closed_error(plan)
        if plan.state == PlanState.ADOPTED:
            raise ValidationError(
                _("Jaarschijf %(year)s was already adopted on %(date)s.")
                % {"year": plan.year, "date": f"{plan.adopted_on:%d-%m-%Y}"},
                code="already_adopted",
            )
        errors: dict[str, ValidationError] = {}
        if not meeting:
            errors["adopted_meeting"] = ValidationError(
                _("Fill in in which meeting the jaarschijf was adopted."), code="required"
            )
        if adopted_on > timezone.localdate():
            errors["adopted_on"] = ValidationError(
                _("The date of adoption cannot lie in the future."), code="future"
            )
        if not plan.activities.exists():
            errors["__all__"] = ValidationError(
                _("A jaarschijf without activities cannot be adopted."), code="no_activities"
            )
        if errors:
            raise ValidationError(errors)
        plan.state, plan.adopted_on, plan.adopted_meeting = PlanState.ADOPTED, adopted_on, meeting
        plan.full_clean()
        attribute_change(plan, user)
        plan.save()
    return plan


def annual_plan_close(*, plan: AnnualPlan, user: User | None, closed_on: dt.date | None = None) -> AnnualPlan:
    """Close a jaarschijf after the spring review: from then on it is read-only."""
    if user is not None:  # None: the system itself (example data)
        require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    closed_on = closed_on or timezone.localdate()
    with transaction.atomic():
        plan = _lock(plan)
        if plan.state == PlanState.CLOSED:
            raise ValidationError(
                _("Jaarschijf %(year)s is already closed.") % {"year": plan.year}, code="already_closed"
            )
        if plan.state == PlanState.CONCEPT:
            raise ValidationError(
                _("Jaarschijf %(year)s has not been adopted yet; adopt it first.") % {"year": plan.year},
                code="not_adopted",
            )
        if closed_on.year <= plan.year:
            raise ValidationError(
                {
                    "closed_on": ValidationError(
                        _("You close a jaarschijf after the end of the year, so on or after 1-1-%(next)s.")
                        % {"next": plan.year + 1},
                        code="too_early",
                    )
                }
            )
        plan.state, plan.closed_on = PlanState.CLOSED, closed_on
        plan.full_clean()
        attribute_change(plan, user)
        plan.save()
    return plan


def annual_plan_reopen(*, plan: AnnualPlan, user: User, reason: str) -> PlanReopening:
    """Open a closed jaarschijf again for a correction; the reason is recorded and shown."""
    require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    _("Give the reason why the jaarschijf must open again."), code="required"
                )
            }
        )
    with transaction.atomic():
        plan = _lock(plan)
        if plan.state != PlanState.CLOSED:
            raise ValidationError(
                _("Jaarschijf %(year)s is not closed; reopening is not needed.") % {"year": plan.year},
                code="not_closed",
            )
        reopening = PlanReopening(plan=plan, reason=reason, reopened_by=user)
        reopening.full_clean()
        reopening.save()
        plan.state, plan.closed_on = PlanState.ADOPTED, None
        plan.full_clean()
        attribute_change(plan, user)
        plan.save()
    return reopening


def annual_plan_set_interval(
    *, plan: AnnualPlan, user: User, update_interval_days: int, expected: str | None = None
) -> AnnualPlan:
    """``expected``: the edit token the user saw (``core.locking``); a later change refuses the save."""
    require(can_manage_plans(user, plan.covenant), MANAGE_ONLY)
    with transaction.atomic():
        plan = _lock(plan)
        if plan.is_closed:
            raise _closed_error(plan)
        ensure_unchanged(Rows.of(plan, INTERVAL_FIELDS), expected=expected, current=plan)
        plan.update_interval_days = update_interval_days
        plan.full_clean()
        attribute_change(plan, user)
        plan.save()
    return plan


def _check_activity_fields(
    *,
    plan: AnnualPlan,
    agreement: Agreement,
    title: str,
    owners: Sequence[Organisation],
    planned_quarter: int | None,
    planned_date: dt.date | None,
) -> None:
    errors: dict[str, ValidationError] = {}
    if agreement.covenant_id != plan.covenant_id:
        errors["agreement"] = ValidationError(
            _("This agreement does not belong to the covenant of this jaarschijf."), code="other_covenant"
        )
    if not title.strip():
        errors["title"] = ValidationError(_("Give the activity a title."), code="required")
    if not owners:
        errors["owners"] = ValidationError(
            _("Choose at least one organisation that carries out the activity."), code="required"
        )
    party_ids = set(plan.covenant.party_links.values_list("organisation_id", flat=True))
    if any(owner.pk not in party_ids for owner in owners):
        errors["owners"] = ValidationError(
            _("Only parties to the covenant can carry out an activity."), code="not_party"
        )
    if planned_date and planned_date.year != plan.year:
        errors["planned_date"] = ValidationError(
            _("The planned date must lie in %(year)s.") % {"year": plan.year}, code="other_year"
        )
    if planned_date and planned_quarter and (planned_date.month - 1) // 3 + 1 != planned_quarter:
        errors["planned_quarter"] = ValidationError(
            _("The quarter does not match the planned date; choose one or the other."), code="mismatch"
        )
    if errors:
        raise ValidationError(errors)


def activity_create(
    *,
    plan: AnnualPlan,
    user: User | None,
    agreement: Agreement,
    title: str,
    owners: Sequence[Organisation],
    description: str = "",
    planned_quarter: int | None = None,
    planned_date: dt.date | None = None,
    target_quantity: Decimal | None = None,
    target_unit: str = "",
    is_demo: bool = False,
) -> Activity:
    owners = list(owners)
    if user is not None:
        require(
            can_edit_activity(user, plan.covenant, [owner.pk for owner in owners]),
            _("You can only add activities that your own organisation carries out."),
        )
    with transaction.atomic():
        plan = _lock(plan)
        if plan.is_closed:
            raise _closed_error(plan)
        _check_activity_fields(
            plan=plan,
            agreement=agreement,
            title=title,
            owners=owners,
            planned_quarter=planned_quarter,
            planned_date=planned_date,
        )
        order = plan.activities.filter(agreement=agreement).count()
        activity = Activity(
            plan=plan,
            agreement=agreement,
            title=title.strip(),
            description=description.strip(),
            owner=owners[0],
            created_by=user,
            planned_quarter=planned_quarter,
            planned_date=planned_date,
            target_quantity=target_quantity,
            target_unit=target_unit.strip(),
            order=order,
            is_demo=is_demo,
        )
        activity.full_clean(exclude=["owners"])
        attribute_change(activity, user)
        activity.save()
        activity.owners.set(owners)
    return activity


def activity_update(
    *,
    activity: Activity,
    user: User,
    title: str,
    owners: Sequence[Organisation],
    description: str = "",
    planned_quarter: int | None = None,
    planned_date: dt.date | None = None,
    target_quantity: Decimal | None = None,
    target_unit: str = "",
    expected: str | None = None,
) -> Activity:
    """Change an activity. ``expected``: the edit token of the activity as the user saw it; if someone
    changed one of these fields since, nothing is saved (``StaleEditError``)."""
    owners = list(owners)
    covenant = activity.plan.covenant
    current_owner_ids = list(activity.owners.values_list("pk", flat=True))
    require(
        can_edit_activity(user, covenant, current_owner_ids),
        _("You can only change activities that your own organisation carries out."),
    )
    if not can_manage_plans(user, covenant) and user.organisation_id not in {owner.pk for owner in owners}:
        raise ValidationError(
            {
                "owners": ValidationError(
                    _("Your own organisation must remain one of those carrying it out."),
                    code="own_organisation",
                )
            }
        )
    with transaction.atomic():
        plan = _lock(activity.plan)
        if plan.is_closed:
            raise _closed_error(plan)
        _check_activity_fields(
            plan=plan,
            agreement=activity.agreement,
            title=title,
            owners=owners,
            planned_quarter=planned_quarter,
            planned_date=planned_date,
        )
        activity = lock_unchanged(activity, expected=expected, fields=ACTIVITY_FIELDS)
        activity.title, activity.description = title.strip(), description.strip()
        activity.owner = owners[0]
        activity.planned_quarter, activity.planned_date = planned_quarter, planned_date
        activity.target_quantity, activity.target_unit = target_quantity, target_unit.strip()
        activity.full_clean(exclude=["owners"])
        attribute_change(activity, user)
        activity.save()
        activity.owners.set(owners)
    return activity


def progress_record(
    *,
    activity: Activity,
    user: User | None,
    date: dt.date,
    status: str,
    text: str,
    progress_percent: int | None = None,
    quantity: Decimal | None = None,
    is_demo: bool = False,
    expected: str | None = None,
) -> ProgressUpdate:
    """Record progress on an activity; the activity takes the new status, percentage and number.

    ``expected``: the edit token of the activity the user saw; if someone changed its status,
    percentage or number since, nothing is saved (``StaleEditError``).
    """
    plan = activity.plan
    if user is not None:
        require(
            can_edit_activity(user, plan.covenant, activity.owners.values_list("pk", flat=True)),
            _("Only the organisation carrying it out or the coordinator can record progress."),
        )
    errors: dict[str, ValidationError] = {}
    if not text.strip():
        errors["text"] = ValidationError(_("Describe briefly what happened."), code="required")
    if status not in ActivityStatus.values:
        errors["status"] = ValidationError(_("Choose a valid status."), code="invalid_choice")
    if not is_demo and date > timezone.localdate():
        errors["date"] = ValidationError(
            _("The date of a progress update cannot lie in the future."), code="future"
        )
    if date.year < plan.year - 1:
        errors["date"] = ValidationError(
            _("An update for jaarschijf %(year)s cannot be from before %(previous)s.")
            % {"year": plan.year, "previous": plan.year - 1},
            code="too_early",
        )
    if progress_percent is not None and not 0 <= progress_percent <= 100:
        errors["progress_percent"] = ValidationError(
            _("Progress is a percentage from 0 up to and including 100."), code="out_of_range"
        )
    if quantity is not None and quantity < 0:
        errors["quantity"] = ValidationError(_("The number cannot be negative."), code="negative")
    if errors:
        raise ValidationError(errors)
    if status == ActivityStatus.DONE and progress_percent is None:
        progress_percent = 100
    with transaction.atomic():
        plan = _lock(plan)
        if plan.is_closed:
            raise _closed_error(plan)
        locked = lock_unchanged(activity, expected=expected, fields=PROGRESS_FIELDS)
        update = ProgressUpdate(
            activity=activity,
            date=date,
            author=user,
            author_name=_author_name(user),
            status=status,
            progress_percent=progress_percent,
            text=text.strip(),
            quantity=quantity,
            is_demo=is_demo,
        )
        update.full_clean()
        update.save()
        locked.status = status
        if progress_percent is not None:
            locked.progress_percent = progress_percent
        if quantity is not None:
            locked.achieved_quantity = quantity
        if locked.last_progress_on is None or date >= locked.last_progress_on:
            locked.last_progress_on = date
        locked.full_clean(exclude=["owners"])
        attribute_change(locked, user)
        locked.save()
    activity.refresh_from_db()
    return update


def comment_add(
    *,
    agreement: Agreement,
    user: User | None,
    text: str,
    activity: Activity | None = None,
    organisation: Organisation | None = None,
    is_demo: bool = False,
) -> Comment:
    """A party's comment on an agreement, or on one of its activities.

    Without a user (example data, imports) the organisation it comes from must be given.
    """
    organisation_id: int | None
    if user is not None:
        require(can_comment(user, agreement.covenant), _("Only parties to the covenant can comment."))
        organisation_id = user.organisation_id
    elif organisation is not None:
        organisation_id = organisation.pk
    else:
        raise ValueError("comment_add needs a user or an organisation")
    if organisation_id is None:
        raise ValidationError(_("Only users of an organisation can comment."), code="no_organisation")
    if not text.strip():
        raise ValidationError(
            {"text": ValidationError(_("Write your comment in the text box."), code="required")}
        )
    if activity is not None and activity.agreement_id != agreement.pk:
        raise ValidationError(_("This activity does not belong to this agreement."), code="other_agreement")
    with transaction.atomic():
        if activity is not None and _lock(activity.plan).is_closed:
            raise _closed_error(activity.plan)
        comment = Comment(
            agreement=agreement,
            activity=activity,
            organisation_id=organisation_id,
            author=user,
            author_name=_author_name(user),
            text=text.strip(),
            is_demo=is_demo,
        )
        comment.full_clean()
        attribute_change(comment, user)
        comment.save()
    return comment


def milestone_update(
    *,
    milestone: Milestone,
    user: User,
    title: str,
    due_date: dt.date,
    remind_days_before: int,
    done_on: dt.date | None,
    expected: str | None = None,
) -> Milestone:
    """Edit a date of the Woningwet calendar (afspraken per gemeente differ) or mark it done.

    ``expected``: the edit token the user saw; a change by someone else since refuses the save.
    """
    require(can_manage_plans(user, milestone.covenant), MANAGE_ONLY)
    with transaction.atomic():
        milestone = lock_unchanged(milestone, expected=expected, fields=MILESTONE_FIELDS)
        milestone.title, milestone.due_date = title.strip(), due_date
        milestone.remind_days_before, milestone.done_on = remind_days_before, done_on
        milestone.full_clean()
        attribute_change(milestone, user)
        milestone.save()
    return milestone


def milestone_create(
    *, covenant: Covenant, user: User, year: int, title: str, due_date: dt.date, remind_days_before: int
) -> Milestone:
    require(can_manage_plans(user, covenant), MANAGE_ONLY)
    milestone = Milestone(
        covenant=covenant,
        year=year,
        kind=MilestoneKind.OTHER,
        title=title.strip(),
        due_date=due_date,
        remind_days_before=remind_days_before,
    )
    with transaction.atomic():
        milestone.full_clean()
        attribute_change(milestone, user)
        milestone.save()
    return milestone
