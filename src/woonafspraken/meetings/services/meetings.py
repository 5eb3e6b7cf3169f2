"""Writes of the meetings: schedule, record, and the agenda's free text and its sending (the agenda items
themselves: ``services/agenda.py``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed
from woonafspraken.meetings import permissions
from woonafspraken.meetings.agenda import agenda_lines, agenda_recipients
from woonafspraken.meetings.constants import AgendaOutcome, MeetingStatus
from woonafspraken.meetings.models import AgendaItem, AgendaMailing, Meeting, MeetingType
from woonafspraken.meetings.services.common import _municipality

# What the edit form writes: someone else's change to one of these fields since the user opened the
# form refuses the save (``expected``, ADR 0005).
MEETING_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "location",
    "status",
    "attendees",
    "attendee_names",
    "minutes",
)
AGENDA_FIELDS = ("agenda",)


def _clean_times(
    start_time: dt.time | None, end_time: dt.time | None, errors: dict[str, ValidationError]
) -> None:
    if end_time is not None and start_time is None:
        errors["start_time"] = ValidationError(_("Also give the start time."), code="required")
    if start_time is not None and end_time is not None and end_time <= start_time:
        errors["end_time"] = ValidationError(
            _("The end time must lie after the start time."), code="end_before_start"
        )


def meeting_schedule(
    *,
    covenant: Covenant,
    user: User,
    meeting_type: MeetingType,
    date: dt.date,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    location: str = "",
    attendees: Iterable[Organisation] | None = None,
    is_demo: bool = False,
) -> Meeting:
    require(permissions.can_manage_meetings(user, covenant), _("Only the coordinator schedules meetings."))
    errors: dict[str, ValidationError] = {}
    if meeting_type.covenant_id != covenant.pk:
        errors["meeting_type"] = ValidationError(
            _("This kind of meeting does not belong to this covenant."), code="other_covenant"
        )
    _clean_times(start_time, end_time, errors)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting(
            covenant=covenant,
            meeting_type=meeting_type,
            date=date,
            start_time=start_time,
            end_time=end_time,
            location=location.strip(),
            owner=_municipality(covenant),
            created_by=user,
            is_demo=is_demo,
        )
        save_attributed(meeting, user)
        meeting.attendees.set(list(attendees) if attendees is not None else meeting_type.participants.all())
        # The standing items open the agenda; "Agenda voorstellen" adds the rest of the template.
        for position, title in enumerate(meeting_type.standing_items, start=1):
            save_attributed(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    key=f"vast:{title}"[:100],
                    title=title[:300],
                    outcome=AgendaOutcome.DISCUSSION,
                    owner=meeting.owner,
                    created_by=user,
                    is_demo=is_demo,
                ),
                user,
            )
    return meeting


def meeting_update(
    *,
    meeting: Meeting,
    user: User,
    date: dt.date,
    start_time: dt.time | None,
    end_time: dt.time | None,
    location: str,
    status: str,
    attendees: Iterable[Organisation],
    attendee_names: str,
    minutes: str,
    expected: str | None = None,
) -> Meeting:
    """Move, cancel or record a meeting: who came, the minutes, and that it was held.

    ``expected``: the edit token of the meeting as the user saw it; a change since refuses the save.
    """
    require(
        permissions.can_manage_meetings(user, meeting.covenant), _("Only the coordinator records meetings.")
    )
    errors: dict[str, ValidationError] = {}
    _clean_times(start_time, end_time, errors)
    if status not in MeetingStatus.values:
        errors["status"] = ValidationError(_("Choose a valid status."), code="invalid_choice")
    if status == MeetingStatus.HELD and date > timezone.localdate():
        errors["status"] = ValidationError(
            _("A meeting in the future cannot have been held yet."), code="future"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = lock_unchanged(meeting, expected=expected, fields=MEETING_FIELDS)
        locked.date, locked.start_time, locked.end_time = date, start_time, end_time
        locked.location, locked.status = location.strip(), status
        locked.attendee_names, locked.minutes = attendee_names.strip(), minutes.strip()
        save_attributed(locked, user)
        locked.attendees.set(list(attendees))
    return locked


def meeting_agenda_save(*, meeting: Meeting, user: User, agenda: str, expected: str | None = None) -> Meeting:
    require(
        permissions.can_manage_meetings(user, meeting.covenant),
        _("Only the coordinator draws up the agenda."),
    )
    if not agenda.strip():
        raise ValidationError({"agenda": ValidationError(_("The agenda is empty."), code="required")})
    with transaction.atomic():
        locked = lock_unchanged(meeting, expected=expected, fields=AGENDA_FIELDS)
        locked.agenda = agenda.strip()
        save_attributed(locked, user)
    return locked


@transaction.atomic
def meeting_agenda_send(*, meeting: Meeting, user: User) -> AgendaMailing:
    """Mail the agenda (its items, then any free text) to the participants after the commit, and record
    that it was sent. Refused, with nothing stored, when the agenda is empty or there is no one to send
    it to (the page says so before the click, ``agenda.agenda_recipients``)."""
    require(
        permissions.can_manage_meetings(user, meeting.covenant),
        _("Only the coordinator draws up the agenda."),
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting).select_related("agreement").order_by("position", "pk")
    )
    text = agenda_lines(items, meeting.agenda)
    if not text:
        raise ValidationError(
            _("The agenda is empty: add agenda items first; nothing has been sent."), code="empty"
        )
    recipients = sorted({recipient.email for recipient in agenda_recipients(meeting)})
    if not recipients:
        raise ValidationError(
            _(
                "No one of the participating organisations has an e-mail address; "
                "the agenda has not been sent."
            ),
            code="no_recipients",
        )
    when = format_date(meeting.date)
    subject = f"Agenda {meeting.meeting_type.name} {when}"
    body = "\n".join(
        [
            _("Agenda for %(meeting)s on %(date)s") % {"meeting": meeting.meeting_type.name, "date": when}
            + (f", {meeting.start_time:%H:%M}" if meeting.start_time else "")
            + (f", {meeting.location}" if meeting.location else "")
            + ".",
            "",
            text,
            "",
            _("Sent by %(name)s via Woonafspraken.") % {"name": user.get_full_name() or user.username},
        ]
    )
    mailing = AgendaMailing(
        meeting=meeting, sent_by=user, subject=subject, agenda=text, recipients=recipients
    )
    mailing.full_clean()
    mailing.save()
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients, fail_silently=False)
    )
    return mailing
