"""How the agreements app plugs into shared places (imported by CoreConfig.ready)."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.core.changes import RevertHandler, register_revert_handler
from woonafspraken.core.formatting import format_datetime
from woonafspraken.core.registry import (
    BOARD_LINES,
    AttentionSource,
    BoardGroup,
    BoardLine,
    register_attention_source,
)
from woonafspraken.core.verdicts import Status, covenant_verdicts


def _revert_agreement(obj: Any, record: Any, user: User) -> None:
    """An agreement goes back to an earlier text as a new amendment, so its versions stay complete."""
    assert isinstance(obj, Agreement)
    obj.refresh_from_db()
    agreement_amend(
        agreement=obj,
        user=user,
        text=record.text,
        subject=record.subject,
        valid_from=max(
            timezone.localdate(),
            obj.versions.order_by("-valid_from").values_list("valid_from", flat=True).first()
            or obj.covenant.start_date,
        ),
        reason=_("Reverted to the text of %(moment)s")
        % {"moment": format_datetime(timezone.localtime(record.history_date))},
        expected_version=obj.version,
    )


register_revert_handler(RevertHandler("agreements.Agreement", _revert_agreement))


def agreements_behind(covenant: Covenant, on: dt.date) -> BoardGroup:
    """The agreements whose verdict is "achter", each with the reason that decides it (one query)."""
    verdicts = covenant_verdicts(covenant, on)
    behind = [verdict for verdict in verdicts.values() if verdict.status is Status.BEHIND]
    subjects = dict(
        covenant.agreements.filter(number__in=[v.agreement for v in behind[:BOARD_LINES]]).values_list(
            "number", "subject"
        )
    )
    return BoardGroup(
        heading=gettext_lazy("Agreements behind"),
        lines=tuple(
            BoardLine(
                text=f"{verdict.agreement} {subjects.get(verdict.agreement, '')}".strip(),
                url=reverse("agreements:detail", args=[covenant.pk, verdict.agreement]),
                detail=verdict.reason,
                is_demo=verdict.is_demo,
            )
            for verdict in behind[:BOARD_LINES]
        ),
        total=len(behind),
        all_url=reverse("agreements:list", args=[covenant.pk])
        + "?"
        + urlencode({"status": Status.BEHIND.value}),
        empty=gettext_lazy("No agreement is behind."),
    )


register_attention_source(AttentionSource(name="agreements.behind", order=10, collect=agreements_behind))
