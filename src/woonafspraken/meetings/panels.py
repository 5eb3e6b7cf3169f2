"""How the meetings app plugs into shared places: the covenant home, the navigation, the agreement
page, the agenda proposal sources, the document import and the evidence for an agreement's verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django.db.models import F, Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext, gettext_lazy

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.core.formatting import format_date
from woonafspraken.core.registry import (
    BOARD_LINES,
    AgendaSource,
    AgreementPanel,
    AttentionSource,
    BoardGroup,
    BoardLine,
    ImportHook,
    NavItem,
    Panel,
    WorkAcross,
    WorkLine,
    WorkSource,
    register_agenda_source,
    register_agreement_panel,
    register_attention_source,
    register_import_hook,
    register_nav,
    register_panel,
    register_work_source,
)
from woonafspraken.core.verdicts import EvidenceSource, register_evidence_source
from woonafspraken.meetings.constants import AdviceInitiative
from woonafspraken.meetings.evidence import concern_evidence, meeting_evidence
from woonafspraken.meetings.models import ActionItem, AdviceRequest, Concern, Meeting
from woonafspraken.meetings.selectors import (
    agreement_meetings_data,
    cadence_for_year,
    covenant_end_points,
    open_actions_points,
    open_concern_points,
)
from woonafspraken.meetings.services import meeting_types_seed


def _home_context(request: HttpRequest, covenant: Covenant) -> dict[str, Any] | None:
    today = timezone.localdate()
    rows = [row for row in cadence_for_year(covenant, today.year, today=today) if row.status.required]
    concerns = list(
        Concern.objects.filter(covenant=covenant).open().select_related("agreement").order_by("raised_on")[:5]
    )
    if not rows and not concerns:
        return None
    return {
        "covenant": covenant,
        "year": today.year,
        "rows": rows,
        "overdue": sum(1 for row in rows if row.behind),
        "concerns": concerns,
        "concern_count": Concern.objects.filter(covenant=covenant).open().count(),
    }


register_panel(
    Panel(name="meetings", template="meetings/panels/covenant_home.html", order=40, context=_home_context)
)
register_nav(NavItem(label=cast(str, gettext_lazy("Meetings")), url_name="meetings:index", order=40))


def _agreement_context(request: HttpRequest, agreement: Agreement) -> dict[str, Any] | None:
    # Always shown: it is where a party raises a knelpunt on the agreement.
    return {"agreement": agreement, "data": agreement_meetings_data(agreement)}


register_agreement_panel(
    AgreementPanel(
        name="meetings", template="meetings/panels/agreement.html", order=40, context=_agreement_context
    )
)

register_agenda_source(
    AgendaSource(
        name="meetings.actions", heading=gettext_lazy("Open actions"), order=60, collect=open_actions_points
    )
)
register_agenda_source(
    AgendaSource(
        name="meetings.concerns",
        heading=gettext_lazy("Open bottlenecks"),
        order=70,
        collect=open_concern_points,
    )
)
register_agenda_source(
    AgendaSource(
        name="meetings.covenant_end",
        heading=gettext_lazy("Term of the performance agreements"),
        order=90,
        collect=covenant_end_points,
    )
)


def _seed(covenant: Covenant, user: Any) -> list[str]:
    return meeting_types_seed(covenant=covenant, user=user if isinstance(user, User) else None)


register_import_hook(ImportHook(name="meetings", order=30, run=_seed))

# The prescribed meetings held against their cadence, and the open knelpunten and disputes (issue 12).
register_evidence_source(EvidenceSource(name="meetings", order=40, collect=meeting_evidence))
register_evidence_source(EvidenceSource(name="concerns", order=45, collect=concern_evidence))


# -- the scoreboard (agreements.scoreboard) -------------------------------------------------------------
def _agreement_prefix(agreement: Any) -> str:
    return f"{agreement.number} " if agreement is not None else ""


def escalated_concerns(covenant: Covenant, on: dt.date) -> BoardGroup:
    """Open knelpunten and disputes taken to the steering meeting (one query)."""
    concerns = list(
        Concern.objects.filter(covenant=covenant)
        .open()
        .escalated()
        .select_related("agreement")
        .order_by("raised_on", "pk")
    )
    return BoardGroup(
        heading=gettext_lazy("Escalated knelpunten"),
        lines=tuple(
            BoardLine(
                text=_agreement_prefix(concern.agreement) + concern.title,
                url=reverse("meetings:concern", args=[covenant.pk, concern.pk]),
                detail=gettext("raised on %(date)s") % {"date": format_date(concern.raised_on)},
                is_demo=concern.is_demo,
            )
            for concern in concerns[:BOARD_LINES]
        ),
        total=len(concerns),
        all_url=reverse("meetings:concerns", args=[covenant.pk]),
        empty=gettext_lazy("No knelpunt has been taken to the steering meeting."),
    )


def next_meeting(covenant: Covenant, on: dt.date) -> BoardGroup:
    """The next planned meeting (one query)."""
    meeting = (
        Meeting.objects.filter(covenant=covenant, date__gte=on)
        .planned()
        .select_related("meeting_type")
        .order_by("date", "start_time", "pk")
        .first()
    )
    lines: tuple[BoardLine, ...] = ()
    if meeting is not None:
        lines = (
            BoardLine(
                text=meeting.meeting_type.name,
                url=reverse("meetings:meeting", args=[covenant.pk, meeting.pk]),
                detail=format_date(meeting.date),
                is_demo=meeting.is_demo,
            ),
        )
    return BoardGroup(
        heading=gettext_lazy("Next meeting"),
        lines=lines,
        total=len(lines),
        all_url=reverse("meetings:index", args=[covenant.pk]),
        empty=gettext_lazy("No meeting planned."),
        counted=False,
    )


def _advice_to_give_or_answer(
    covenants: Sequence[Covenant], organisation: Any, on: dt.date
) -> list[AdviceRequest]:
    requested = Q(initiative=AdviceInitiative.REQUESTED) & (
        Q(tenant_organisation=organisation, advice="") | Q(owner=organisation, response="") & ~Q(advice="")
    )
    unanswered = Q(initiative=AdviceInitiative.OWN, addressees=organisation) & ~Q(
        answers__organisation=organisation
    )
    return list(
        AdviceRequest.objects.filter(covenant__in=covenants)
        .filter(requested | unanswered)
        .distinct()
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def _advice_line(request: AdviceRequest) -> BoardLine:
    return BoardLine(
        text=request.subject,
        url=reverse("meetings:advice", args=[request.covenant_id, request.pk]),
        detail=_advice_detail(request),
        is_demo=request.is_demo,
    )


ADVICE_TO_GIVE = gettext_lazy("Advice to give or answer")


def advice_to_give_or_answer(covenant: Covenant, organisation: Any, on: dt.date) -> BoardGroup:
    """Advice the organisation has to give (as the tenant organisation asked), to respond to (as the party
    that asked, once the advice is in) or to answer (as an addressee of advice given on the tenant
    organisation's own initiative): one query."""
    requests = _advice_to_give_or_answer([covenant], organisation, on)
    return BoardGroup(
        heading=ADVICE_TO_GIVE,
        lines=tuple(_advice_line(request) for request in requests[:BOARD_LINES]),
        total=len(requests),
        all_url=reverse("meetings:advice_list", args=[covenant.pk]),
    )


def advice_to_give_or_answer_across(
    covenants: Sequence[Covenant], organisation: Any, on: dt.date
) -> WorkAcross:
    """The same over several covenants at once (the start page's "mijn werk"): one query."""
    return WorkAcross(
        heading=ADVICE_TO_GIVE,
        lines=tuple(
            WorkLine(request.covenant_id, _advice_line(request))
            for request in _advice_to_give_or_answer(covenants, organisation, on)
        ),
    )


def _advice_detail(request: AdviceRequest) -> str:
    if request.is_own_initiative:
        return gettext("advice on own initiative of %(date)s: your answer") % {
            "date": format_date(request.advice_on or request.requested_on)
        }
    if not request.advice:
        return gettext("advice due by %(date)s") % {
            "date": format_date(request.due_date or request.requested_on)
        }
    return gettext("advice given on %(date)s: your response") % {
        "date": format_date(request.advice_on or request.requested_on)
    }


def _open_actions(covenants: Sequence[Covenant], organisation: Any) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(covenant__in=covenants, owner=organisation)
        .open()
        .select_related("agreement")
        .order_by(F("due_date").asc(nulls_last=True), "pk")
    )


def _action_line(action: ActionItem) -> BoardLine:
    return BoardLine(
        text=_agreement_prefix(action.agreement) + Truncator(action.description).chars(120),
        url=reverse("meetings:actions", args=[action.covenant_id]),
        detail=gettext("due %(date)s") % {"date": format_date(action.due_date)} if action.due_date else "",
        is_demo=action.is_demo,
    )


ACTIONS = gettext_lazy("Actions")


def open_actions(covenant: Covenant, organisation: Any, on: dt.date) -> BoardGroup:
    """The organisation's open actions, the earliest due first (one query)."""
    actions = _open_actions([covenant], organisation)
    return BoardGroup(
        heading=ACTIONS,
        lines=tuple(_action_line(action) for action in actions[:BOARD_LINES]),
        total=len(actions),
        all_url=reverse("meetings:actions", args=[covenant.pk]),
    )


def open_actions_across(covenants: Sequence[Covenant], organisation: Any, on: dt.date) -> WorkAcross:
    """The same over several covenants at once (the start page's "mijn werk"): one query."""
    return WorkAcross(
        heading=ACTIONS,
        lines=tuple(
            WorkLine(action.covenant_id, _action_line(action))
            for action in _open_actions(covenants, organisation)
        ),
    )


register_attention_source(AttentionSource(name="meetings.escalated", order=30, collect=escalated_concerns))
register_attention_source(AttentionSource(name="meetings.next", order=50, collect=next_meeting))
register_work_source(
    WorkSource(
        name="meetings.advice",
        order=20,
        collect=advice_to_give_or_answer,
        collect_across=advice_to_give_or_answer_across,
    )
)
register_work_source(
    WorkSource(name="meetings.actions", order=30, collect=open_actions, collect_across=open_actions_across)
)
