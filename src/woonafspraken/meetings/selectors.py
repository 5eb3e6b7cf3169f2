"""Reads of the meetings app that are more than a QuerySet method. Constant queries per call."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.accounts.constants import OrganisationKind
from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.selectors import covenant_status_on
from woonafspraken.core.formatting import format_date
from woonafspraken.core.registry import AgendaPoint, agenda_sources
from woonafspraken.core.verdicts import OUTCOME_LABELS, Outcome
from woonafspraken.meetings.cadence import Assessment, CadenceRule, CadenceStatus, assess, evaluate
from woonafspraken.meetings.cadence_words import cadence_problem
from woonafspraken.meetings.constants import (
    COUPLING_MAX_GAP_DAYS,
    COVENANT_END_NOTICE_DAYS,
    MeetingStatus,
)
from woonafspraken.meetings.coupling import Coupling, PlannedWork, find_couplings
from woonafspraken.meetings.models import (
    ActionItem,
    AdviceAnswer,
    AdviceRequest,
    AgendaItem,
    Concern,
    Decision,
    Meeting,
    MeetingType,
    SharedDocument,
    Work,
)


def rule_of(meeting_type: MeetingType) -> CadenceRule:
    return CadenceRule(min_per_year=meeting_type.min_per_year, windows=tuple(meeting_type.windows))


def term_of(covenant: Covenant) -> tuple[dt.date, dt.date]:
    """The period in which the meetings are required: the covenant's term and, unless a successor was
    signed in time, the automatic extension after it (afspraak 5.6)."""
    after_end = covenant_status_on(covenant, covenant.end_date + dt.timedelta(days=1))
    return covenant.start_date, after_end.extended_until or covenant.end_date


def cadence_outcome(assessment: Assessment, *, recorded: bool = True) -> Outcome | None:
    """One meeting type's year as evidence: behind (a named moment missed, the count not reached when the
    year is over, or no longer reachable) or on track; None when the year asks for no meeting; no data
    when the system holds no meeting of the type at all (``recorded``: a missing meeting cannot be told
    from an unrecorded one)."""
    if not assessment.due:
        return None
    if not recorded:
        return Outcome.NO_DATA
    return Outcome.BEHIND if assessment.behind else Outcome.ON_TRACK


def recorded_types(covenant: Covenant, on: dt.date) -> set[int]:
    """The meeting types of which any meeting (held, planned or cancelled) is recorded up to ``on``."""
    return set(
        Meeting.objects.filter(covenant=covenant, date__lte=on)
        .values_list("meeting_type_id", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class CadenceRow:
    meeting_type: MeetingType
    status: CadenceStatus  # with planned meetings, for the next due date
    assessment: Assessment  # held meetings only, at the end of ``today``: the same as the verdict's evidence
    recorded: bool = True  # any meeting of the type is recorded up to ``today``

    @property
    def agreement(self) -> str | None:
        return self.meeting_type.agreement.number if self.meeting_type.agreement else None

    @property
    def outcome(self) -> Outcome | None:
        return cadence_outcome(self.assessment, recorded=self.recorded)

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome]) if self.outcome else ""

    @property
    def behind(self) -> bool:
        return self.outcome is Outcome.BEHIND

    @property
    def problem(self) -> str:
        """Why it is behind, in Dutch ('geen overleg in het voorjaar 2026'); '' when it is not."""
        return cadence_problem(self.assessment)


def cadence_for_year(covenant: Covenant, year: int, *, today: dt.date) -> list[CadenceRow]:
    """Held against required for every active meeting type in ``year``, with its outcome on ``today``
    (four queries)."""
    types = list(
        MeetingType.objects.filter(covenant=covenant, is_active=True)
        .select_related("agreement")
        .order_by("agreement__order", "name")
    )
    held: dict[int, list[dt.date]] = defaultdict(list)
    planned: dict[int, list[dt.date]] = defaultdict(list)
    meetings = (
        Meeting.objects.filter(covenant=covenant)
        .not_cancelled()
        .in_years(year, year + 1)
        .values_list("meeting_type_id", "date", "status")
    )
    for type_id, day, status in meetings:
        (held if status == MeetingStatus.HELD else planned)[type_id].append(day)
    recorded = recorded_types(covenant, today)
    active_from, active_until = term_of(covenant)
    return [
        CadenceRow(
            meeting_type=meeting_type,
            status=evaluate(
                rule_of(meeting_type),
                year=year,
                held=held[meeting_type.pk],
                planned=planned[meeting_type.pk],
                today=today,
                active_from=active_from,
                active_until=active_until,
            ),
            assessment=assess(
                rule_of(meeting_type),
                year=year,
                held=held[meeting_type.pk],
                on=today,
                active_from=active_from,
                active_until=active_until,
            ),
            recorded=meeting_type.pk in recorded,
        )
        for meeting_type in types
    ]


def cadence_export_rows(covenant: Covenant, year: int, *, today: dt.date) -> list[dict[str, object]]:
    return [
        {
            "meeting_type": row.meeting_type.name,
            "agreement": row.agreement,
            "required": row.status.required,
            "held": row.status.held,
            "next_due": row.status.next_due.isoformat() if row.status.next_due else None,
        }
        for row in cadence_for_year(covenant, year, today=today)
    ]


# -- the agenda proposal ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaGroup:
    name: str
    heading: str
    points: list[AgendaPoint] = field(default_factory=list)


@dataclass(frozen=True)
class AgendaProposal:
    since: dt.date | None
    until: dt.date
    groups: list[AgendaGroup]

    def as_text(self) -> str:
        """The proposal as an editable agenda: numbered items, details indented below them."""
        lines: list[str] = []
        number = 0
        for group in self.groups:
            if not group.points:
                continue
            lines.append(f"## {group.heading}")
            for point in group.points:
                number += 1
                suffix = (
                    " " + _("(agreement %(number)s)") % {"number": point.agreement} if point.agreement else ""
                )
                lines.append(f"{number}. {point.title}{suffix}")
                if point.detail:
                    lines.append(f"   {point.detail}")
            lines.append("")
        return "\n".join(lines).strip()


def previous_meeting(meeting: Meeting) -> Meeting | None:
    return (
        Meeting.objects.filter(
            meeting_type=meeting.meeting_type, status=MeetingStatus.HELD, date__lt=meeting.date
        )
        .order_by("-date")
        .first()
    )


def agenda_proposal(meeting: Meeting) -> AgendaProposal:
    """What became due or fell behind since the last meeting of this type, from every registered agenda
    source (activities, indicators, housing figures, open actions, knelpunten, the covenant's end),
    plus the standing items. A bestuurlijk overleg gets the knelpunten that the ambtelijk round did
    not resolve as a group of their own (afspraak 5.9)."""
    covenant = meeting.covenant
    last = previous_meeting(meeting)
    since = last.date if last else None
    until = meeting.date
    groups = [
        AgendaGroup(
            "standing",
            _("Standing agenda items"),
            [AgendaPoint(title=item) for item in meeting.meeting_type.standing_items],
        )
    ]
    if meeting.meeting_type.is_steering:
        escalated = [_concern_point(concern) for concern in _escalated_concerns(covenant)]
        groups.append(
            AgendaGroup(
                "escalated", _("Bottlenecks for the administrative meeting (agreement 5.9)"), escalated
            )
        )
    escalated_urls = {point.url for group in groups for point in group.points if point.url}
    for source in agenda_sources:
        # A knelpunt already in the escalated group is not repeated among the open ones.
        points = [
            p for p in source.collect(covenant, since, until) if not (p.url and p.url in escalated_urls)
        ]
        groups.append(AgendaGroup(source.name, str(source.heading), points))
    return AgendaProposal(since=since, until=until, groups=[group for group in groups if group.points])


def _escalated_concerns(covenant: Covenant) -> QuerySet[Concern]:
    return (
        Concern.objects.filter(covenant=covenant)
        .escalated()
        .select_related("agreement", "owner")
        .order_by("raised_on")
    )


def _concern_point(concern: Concern) -> AgendaPoint:
    return AgendaPoint(
        title=concern.title,
        detail=_("%(kind)s, reported by %(owner)s on %(date)s; %(stage)s.")
        % {
            "kind": concern.get_kind_display(),
            "owner": concern.owner.name,
            "date": format_date(concern.raised_on),
            "stage": concern.get_stage_display(),
        },
        url=reverse("meetings:concern", args=[concern.covenant_id, concern.pk]),
        agreement=concern.agreement.number if concern.agreement else None,
    )


# -- the agenda sources this app registers ------------------------------------------------------------


def open_actions_points(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    """Every open action; those due by the meeting first."""
    actions = (
        ActionItem.objects.filter(covenant=covenant, created_at__date__lte=until)
        .open()
        .select_related("owner", "agreement", "activity__plan")
        .order_by("due_date", "pk")
    )
    points = []
    for action in actions:
        due = (
            ", " + _("by %(date)s at the latest") % {"date": format_date(action.due_date)}
            if action.due_date
            else ""
        )
        late = " – " + _("late") if action.due_date and action.due_date < until else ""
        points.append(
            AgendaPoint(
                title=action.description.splitlines()[0][:200],
                detail=f"{action.owner.name}{due}{late} ({action.get_status_display()}).",
                url=reverse("meetings:actions", args=[covenant.pk]) + f"#actie-{action.pk}",
                agreement=action.agreement.number if action.agreement else None,
            )
        )
    return points


def open_concern_points(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    """Every knelpunt, proposal and dispute open on the meeting's date (as the verdicts count them)."""
    concerns = (
        Concern.objects.filter(covenant=covenant)
        .open_on(until)
        .select_related("agreement", "owner")
        .order_by("raised_on", "pk")
    )
    return [_concern_point(concern) for concern in concerns]


def covenant_end_points(covenant: Covenant, since: dt.date | None, until: dt.date) -> list[AgendaPoint]:
    status = covenant_status_on(covenant, until)
    if status.state == "running" and status.days_left <= COVENANT_END_NOTICE_DAYS:
        return [
            AgendaPoint(
                title=_("End of the performance agreements and new agreements"),
                detail=_("The term ends on %(date)s, in %(days)s days.")
                % {"date": format_date(covenant.end_date), "days": status.days_left},
                url=reverse("agreements:covenant", args=[covenant.pk]),
            )
        ]
    if status.state == "extended" and status.extended_until is not None:
        return [
            AgendaPoint(
                title=_("Automatic extension running: sign new performance agreements"),
                detail=_(
                    "The end date %(end)s has passed; the agreements run on until "
                    "%(until)s at the latest (%(days)s days)."
                )
                % {
                    "end": format_date(covenant.end_date),
                    "until": format_date(status.extended_until),
                    "days": status.days_left,
                },
                url=reverse("agreements:covenant", args=[covenant.pk]),
            )
        ]
    return []


# -- pages --------------------------------------------------------------------------------------------


def meeting_list(covenant: Covenant) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(covenant=covenant)
        .select_related("meeting_type")
        .order_by("-date", "-start_time")
    )


def meeting_detail(covenant: Covenant, pk: int) -> Meeting:
    return (
        Meeting.objects.filter(covenant=covenant, pk=pk)
        .select_related("meeting_type", "meeting_type__agreement")
        .prefetch_related(
            "attendees",
            "meeting_type__participants",
            Prefetch("decisions", queryset=Decision.objects.select_related("agreement", "activity__plan")),
            Prefetch(
                "action_items",
                queryset=ActionItem.objects.select_related("agreement", "owner", "activity__plan"),
            ),
            Prefetch("documents", queryset=SharedDocument.objects.select_related("owner")),
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related(
                    "agreement", "annual_plan", "activity__plan", "concern"
                ),
            ),
            "mailings__sent_by",
            "comments__organisation",
            "comments__author",
        )
        .get()
    )


@dataclass(frozen=True)
class AgreementMeetingsData:
    meeting_types: list[MeetingType]
    decisions: list[Decision]
    actions: list[ActionItem]
    concerns: list[Concern]
    advice: list[AdviceRequest]
    documents: list[SharedDocument]

    @property
    def empty(self) -> bool:
        return not any(
            (self.meeting_types, self.decisions, self.actions, self.concerns, self.advice, self.documents)
        )


def agreement_meetings_data(agreement: Agreement) -> AgreementMeetingsData:
    return AgreementMeetingsData(
        meeting_types=list(MeetingType.objects.filter(agreement=agreement, is_active=True).order_by("name")),
        decisions=list(
            Decision.objects.filter(agreement=agreement)
            .select_related("meeting__meeting_type")
            .order_by("-meeting__date", "-pk")
        ),
        actions=list(
            ActionItem.objects.filter(agreement=agreement)
            .open()
            .select_related("owner", "meeting__meeting_type")
        ),
        concerns=list(Concern.objects.filter(agreement=agreement).open().select_related("owner")),
        advice=list(_advice_rows().filter(agreement=agreement)),
        documents=list(SharedDocument.objects.filter(agreements=agreement).select_related("owner")),
    )


def couplings(
    covenant: Covenant, *, max_gap_days: int = COUPLING_MAX_GAP_DAYS
) -> list[tuple[Coupling, Work, Work]]:
    works = {work.pk: work for work in Work.objects.filter(covenant=covenant).select_related("owner")}
    planned = [
        PlannedWork(
            id=work.pk,
            party_id=work.owner_id,
            party=work.owner.name,
            title=work.title,
            wijk=work.wijk,
            streets=tuple(work.streets),
            start=work.start_date,
            end=work.end_date,
        )  # fmt: skip
        for work in works.values()
    ]
    return [
        (c, works[c.first.id], works[c.second.id]) for c in find_couplings(planned, max_gap_days=max_gap_days)
    ]


def calendar_meetings(
    covenant: Covenant,
    year: int,
    *,
    organisation: Organisation | None = None,
    meeting_type: MeetingType | None = None,
) -> list[Meeting]:
    """Meetings of a year for one organisation (it attends or its type lists it) or one type."""
    meetings = (
        Meeting.objects.filter(covenant=covenant)
        .in_years(year, year)
        .select_related("meeting_type")
        .prefetch_related(Prefetch("agenda_items", queryset=AgendaItem.objects.select_related("agreement")))
    )
    if meeting_type is not None:
        meetings = meetings.filter(meeting_type=meeting_type)
    if organisation is not None:
        meetings = meetings.filter(attendees=organisation) | meetings.filter(
            meeting_type__participants=organisation
        )
    return list(meetings.distinct().order_by("date", "start_time"))


# -- tenant advice --------------------------------------------------------------------------------------


def advice_addressees(covenant: Covenant, tenant_organisation: Organisation) -> list[Organisation]:
    """Whom a tenant organisation advises on its own initiative: the corporation whose tenants it
    represents and the gemeente, each only when party to this covenant."""
    parties = Organisation.objects.filter(covenants=covenant)
    landlord = tenant_organisation.represents_tenants_of_id
    municipalities = list(parties.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name"))
    if landlord is None:
        return municipalities
    return municipalities + list(parties.filter(pk=landlord, kind=OrganisationKind.CORPORATION))


def own_tenant_organisations(covenant: Covenant, organisation: Organisation | None) -> QuerySet[Organisation]:
    """The tenant organisations of this covenant that represent ``organisation``'s tenants."""
    if organisation is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        covenants=covenant, kind=OrganisationKind.TENANT_ORGANISATION, represents_tenants_of=organisation
    ).order_by("name")


def advice_of(covenant: Covenant) -> QuerySet[AdviceRequest]:
    """Every piece of advice of a covenant with what its list shows, in a constant number of queries."""
    return _advice_rows().filter(covenant=covenant)


def _advice_rows() -> QuerySet[AdviceRequest]:
    return AdviceRequest.objects.select_related(
        "owner", "tenant_organisation", "agreement", "activity", "plan"
    ).prefetch_related(
        Prefetch("addressees", queryset=Organisation.objects.order_by("name")),
        Prefetch("answers", queryset=AdviceAnswer.objects.select_related("organisation")),
    )
