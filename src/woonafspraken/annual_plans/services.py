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

MANAGE_ONLY = "Alleen de coördinator van het convenant kan de jaarschijf beheren."
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
        f"Jaarschijf {plan.year} is afgesloten en kan niet meer worden gewijzigd. "
        "Laat de coördinator de jaarschijf heropenen (met een reden) voor een correctie."
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
        MilestoneKind.BID: f"Bod (activiteitenoverzicht) van de corporaties voor {year}",
        MilestoneKind.AGREEMENTS: f"Prestatieafspraken en jaarschijf {year} vastgesteld",
        MilestoneKind.ACCOUNT: f"Verantwoording over {year} (terugblik in het voorjaarsoverleg)",
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
            {"year": f"Kies een jaar binnen de looptijd van het convenant ({first} tot en met {last})."}
        )
    with transaction.atomic():
        if AnnualPlan.objects.filter(covenant=covenant, year=year).exists():
            raise ValidationError({"year": f"Er is al een jaarschijf {year} voor dit convenant."})
        plan = AnnualPlan(
            covenant=covenant, year=year, owner=_municipality(covenant), created_by=user, is_demo=is_demo
        )
        plan.full_clean()
        attribute_change(plan, user)
        try:
            plan.save()
        except IntegrityError as error:  # a concurrent create of the same year
            raise ValidationError({"year": f"Er is al een jaarschijf {year} voor dit convenant."}) from error
        for order, source in enumerate(carry_over):
            _carry(source=source, plan=plan, user=user, order=order)
        milestones_ensure(covenant=covenant, year=year)
        milestones_ensure(covenant=covenant, year=year + 1)  # next year's bid falls in this year
    return plan


def _carry(*, source: Activity, plan: AnnualPlan, user: User | None, order: int) -> Activity:
    source = Activity.objects.select_related("plan").get(pk=source.pk)
    if source.plan.covenant_id != plan.covenant_id or source.plan.year != plan.year - 1:
        raise ValidationError(
            f"‘{source.title}’ hoort niet bij jaarschijf {plan.year - 1} van dit convenant."
        )
    if source.status not in OPEN_STATUSES:
        raise ValidationError(f"‘{source.title}’ is {source.status} en gaat niet mee naar {plan.year}.")
    if Activity.objects.filter(carried_from=source).exists():
        raise ValidationError(f"‘{source.title}’ is al naar een volgend jaar meegenomen.")
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
            raise ValidationError(f"Jaarschijf {plan.year} is al vastgesteld op {plan.adopted_on:%d-%m-%Y}.")
        errors: dict[str, str] = {}
        if not meeting:
            errors["adopted_meeting"] = "Vul in in welk overleg de jaarschijf is vastgesteld."
        if adopted_on > timezone.localdate():
            errors["adopted_on"] = "De datum van vaststelling kan niet in de toekomst liggen."
        if not plan.activities.exists():
            errors["__all__"] = "Een jaarschijf zonder activiteiten kan niet worden vastgesteld."
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
            raise ValidationError(f"Jaarschijf {plan.year} is al afgesloten.")
        if plan.state == PlanState.CONCEPT:
            raise ValidationError(f"Jaarschijf {plan.year} is nog niet vastgesteld; stel haar eerst vast.")
        if closed_on.year <= plan.year:
            raise ValidationError(
                {
                    "closed_on": f"Een jaarschijf sluit u af na afloop van het jaar, dus op of na 1-1-{plan.year + 1}."
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
        raise ValidationError({"reason": "Geef de reden waarom de jaarschijf weer open moet."})
    with transaction.atomic():
        plan = _lock(plan)
        if plan.state != PlanState.CLOSED:
            raise ValidationError(f"Jaarschijf {plan.year} is niet afgesloten; heropenen is niet nodig.")
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
    errors: dict[str, str] = {}
    if agreement.covenant_id != plan.covenant_id:
        errors["agreement"] = "Deze afspraak hoort niet bij het convenant van deze jaarschijf."
    if not title.strip():
        errors["title"] = "Geef de activiteit een titel."
    if not owners:
        errors["owners"] = "Kies minstens één organisatie die de activiteit uitvoert."
    party_ids = set(plan.covenant.party_links.values_list("organisation_id", flat=True))
    if any(owner.pk not in party_ids for owner in owners):
        errors["owners"] = "Alleen partijen van het convenant kunnen een activiteit uitvoeren."
    if planned_date and planned_date.year != plan.year:
        errors["planned_date"] = f"De geplande datum moet in {plan.year} liggen."
    if planned_date and planned_quarter and (planned_date.month - 1) // 3 + 1 != planned_quarter:
        errors["planned_quarter"] = "Het kwartaal past niet bij de geplande datum; kies het een of het ander."
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
            "U kunt alleen activiteiten toevoegen die uw eigen organisatie uitvoert.",
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
        "U kunt alleen activiteiten wijzigen die uw eigen organisatie uitvoert.",
    )
    if not can_manage_plans(user, covenant) and user.organisation_id not in {owner.pk for owner in owners}:
        raise ValidationError({"owners": "Uw eigen organisatie moet een van de uitvoerders blijven."})
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
            "Alleen de uitvoerende organisatie of de coördinator kan voortgang vastleggen.",
        )
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Beschrijf kort wat er is gebeurd."
    if status not in ActivityStatus.values:
        errors["status"] = "Kies een geldige status."
    if not is_demo and date > timezone.localdate():
        errors["date"] = "De datum van een voortgangsmelding kan niet in de toekomst liggen."
    if date.year < plan.year - 1:
        errors["date"] = f"Een melding voor jaarschijf {plan.year} kan niet van vóór {plan.year - 1} zijn."
    if progress_percent is not None and not 0 <= progress_percent <= 100:
        errors["progress_percent"] = "De voortgang is een percentage van 0 tot en met 100."
    if quantity is not None and quantity < 0:
        errors["quantity"] = "Het aantal kan niet negatief zijn."
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
        require(can_comment(user, agreement.covenant), "Alleen partijen van het convenant kunnen reageren.")
        organisation_id = user.organisation_id
    elif organisation is not None:
        organisation_id = organisation.pk
    else:
        raise ValueError("comment_add needs a user or an organisation")
    if organisation_id is None:
        raise ValidationError("Alleen gebruikers van een organisatie kunnen reageren.")
    if not text.strip():
        raise ValidationError({"text": "Schrijf uw reactie in het tekstvak."})
    if activity is not None and activity.agreement_id != agreement.pk:
        raise ValidationError("Deze activiteit hoort niet bij deze afspraak.")
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
