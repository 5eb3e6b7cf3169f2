"""Reminder mails: owners whose open activities have no recent progress, and Woningwet milestones ahead.

Sending is idempotent per day: a ``ReminderLog`` row per (day, recipient, kind, key) is written in the
same transaction that schedules the mail, so running the command twice on one day mails once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from woonafspraken.accounts.constants import OrganisationKind, Role
from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant, CovenantStage
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.constants import MilestoneKind
from woonafspraken.annual_plans.fulfilment import open_milestones
from woonafspraken.annual_plans.models import Milestone, ReminderLog
from woonafspraken.core.formatting import format_date


@dataclass(frozen=True)
class Reminder:
    recipient: str
    kind: str  # "activities" or "milestone"
    key: str
    subject: str
    body: str


def _recipients(query: Q) -> list[User]:
    return list(User.objects.filter(query, is_active=True).exclude(email="").order_by("email"))


def _activity_reminders(covenant: Covenant, on: dt.date, base_url: str) -> list[Reminder]:
    reminders = []
    backlog = selectors.needs_update(covenant, on=on)
    if not backlog:
        return []
    users = _recipients(
        Q(
            organisation_id__in=[group.organisation.pk for group in backlog],
            role__in=[Role.EDITOR, Role.COORDINATOR],
        )
    )
    link = base_url + reverse("annual_plans:backlog", args=[covenant.pk])
    for group in backlog:
        lines = [
            _("- %(number)s %(title)s (jaarschijf %(year)s): %(state)s")
            % {
                "number": activity.agreement.number,
                "title": activity.title,
                "year": activity.plan.year,
                "state": _("never updated")
                if days is None
                else ngettext("last report %(days)s day ago", "last report %(days)s days ago", days)
                % {"days": days},
            }
            for activity, days in group.activities
        ]
        body = "\n".join(
            [
                _("Dear colleague,"),
                "",
                ngettext(
                    "For %(covenant)s, %(count)s activity of %(organisation)s is open without a recent "
                    "progress report:",
                    "For %(covenant)s, %(count)s activities of %(organisation)s are open without a recent "
                    "progress report:",
                    len(lines),
                )
                % {"covenant": covenant.title, "count": len(lines), "organisation": group.organisation.name},
                "",
                *lines,
                "",
                _("Would you update the progress? The overview is at %(link)s") % {"link": link},
                "",
                _("Kind regards,"),
                "Woonafspraken",
            ]
        )
        for user in users:
            if user.organisation_id == group.organisation.pk:
                reminders.append(
                    Reminder(
                        recipient=user.email,
                        kind="activities",
                        key=f"{covenant.pk}-{group.organisation.pk}",
                        subject=ngettext(
                            "Update progress: %(count)s activity (%(covenant)s)",
                            "Update progress: %(count)s activities (%(covenant)s)",
                            len(lines),
                        )
                        % {"count": len(lines), "covenant": covenant.title},
                        body=body,
                    )
                )
    return reminders


def _milestone_reminders(covenant: Covenant, on: dt.date, base_url: str) -> list[Reminder]:
    milestones = [
        milestone
        for milestone in open_milestones(Milestone.objects.filter(covenant=covenant, due_date__gte=on))
        if milestone.due_date - dt.timedelta(days=milestone.remind_days_before) <= on
    ]
    if not milestones:
        return []
    party_ids = list(covenant.party_links.values_list("organisation_id", flat=True))
    coordinators = _recipients(Q(organisation_id__in=party_ids, role=Role.COORDINATOR))
    corporation_staff = _recipients(
        Q(organisation_id__in=party_ids, organisation__kind=OrganisationKind.CORPORATION, role=Role.EDITOR)
    )
    link = base_url + reverse("annual_plans:calendar", args=[covenant.pk])
    reminders = []
    for milestone in milestones:
        days = (milestone.due_date - on).days
        users = coordinators + (
            corporation_staff if milestone.kind in (MilestoneKind.BID, MilestoneKind.ACCOUNT) else []
        )
        body = "\n".join(
            [
                _("Dear colleague,"),
                "",
                _("In %(days)s days, on %(date)s, the Woningwet calendar of %(covenant)s has: %(milestone)s.")
                % {
                    "days": days,
                    "date": format_date(milestone.due_date),
                    "covenant": covenant.title,
                    "milestone": milestone.title,
                },
                "",
                _("The calendar is at %(link)s") % {"link": link},
                "",
                _("Kind regards,"),
                "Woonafspraken",
            ]
        )
        for user in {user.email: user for user in users}.values():
            reminders.append(
                Reminder(
                    recipient=user.email,
                    kind="milestone",
                    key=str(milestone.pk),
                    subject=_("Reminder: %(milestone)s (%(date)s)")
                    % {"milestone": milestone.title, "date": format_date(milestone.due_date)},
                    body=body,
                )
            )
    return reminders


def _mail(reminder: Reminder) -> None:
    send_mail(reminder.subject, reminder.body, settings.DEFAULT_FROM_EMAIL, [reminder.recipient])


def reminders_due(covenant: Covenant, *, on: dt.date, base_url: str = "") -> list[Reminder]:
    """None for a draft covenant: nothing in it has been agreed yet, so nothing is due."""
    if covenant.stage == CovenantStage.DRAFT:
        return []
    return _activity_reminders(covenant, on, base_url) + _milestone_reminders(covenant, on, base_url)


@dataclass(frozen=True)
class SendResult:
    sent: int
    already_sent: int


def reminders_send(
    *, covenant: Covenant, on: dt.date, base_url: str = "", dry_run: bool = False
) -> SendResult:
    """Mail every reminder due today that has not been mailed today (idempotent per day)."""
    sent = already = 0
    for reminder in reminders_due(covenant, on=on, base_url=base_url):
        with transaction.atomic():
            if ReminderLog.objects.filter(
                day=on, recipient=reminder.recipient, kind=reminder.kind, key=reminder.key
            ).exists():
                already += 1
                continue
            if dry_run:
                sent += 1
                continue
            ReminderLog.objects.create(
                day=on, recipient=reminder.recipient, kind=reminder.kind, key=reminder.key
            )
            transaction.on_commit(partial(_mail, reminder))
            sent += 1
    return SendResult(sent=sent, already_sent=already)
