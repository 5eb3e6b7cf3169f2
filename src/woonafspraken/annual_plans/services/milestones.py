"""Writes of the Woningwet calendar: the default milestones around a jaarschijf, and editing them."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.accounts.permissions import require
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.constants import WONINGWET_DEFAULTS, MilestoneKind
from woonafspraken.annual_plans.fulfilment import FULFILMENTS, covered
from woonafspraken.annual_plans.models import Milestone
from woonafspraken.annual_plans.permissions import can_manage_plans
from woonafspraken.annual_plans.services._common import MANAGE_ONLY
from woonafspraken.core.locking import lock_unchanged
from woonafspraken.core.models import save_attributed

# What the milestone form writes: someone else's change to one of these refuses a stale save (ADR 0005).
MILESTONE_FIELDS = ("title", "due_date", "remind_days_before", "done_on")


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
    if covered(milestone.kind) and done_on is not None and done_on != milestone.done_on:
        raise ValidationError(
            {
                "done_on": ValidationError(
                    _("This milestone is ticked off by its event, not by hand: %(pending)s.")
                    % {"pending": FULFILMENTS[milestone.kind].pending},
                    code="by_event",
                )
            }
        )
    with transaction.atomic():
        milestone = lock_unchanged(milestone, expected=expected, fields=MILESTONE_FIELDS)
        milestone.title, milestone.due_date = title.strip(), due_date
        milestone.remind_days_before, milestone.done_on = remind_days_before, done_on
        save_attributed(milestone, user)
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
        save_attributed(milestone, user)
    return milestone
