"""Reads for a meeting's agenda: the template's suggestion, the agenda as text, and its recipients.

Which template applies is ``agenda_templates.template_for`` (spring, autumn or default; the rule is there).
The agreements behind or needing attention come from ``core.verdicts.covenant_verdicts``; nothing here
decides a status. Each function does a constant number of queries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.constants import WONINGWET_DEFAULTS, MilestoneKind, PlanState
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Milestone
from woonafspraken.core.formatting import format_date
from woonafspraken.core.verdicts import Status, Verdict, covenant_verdicts, monitor_day
from woonafspraken.meetings.agenda_templates import Template, template_for
from woonafspraken.meetings.constants import AgendaOutcome, ConcernKind, ConcernStage
from woonafspraken.meetings.models import AgendaItem, Concern, Meeting
from woonafspraken.meetings.selectors import agenda_proposal, covenant_end_points


@dataclass(frozen=True)
class Suggestion:
    """An agenda item a template proposes; ``key`` says what it is about, so it is added only once."""

    key: str
    title: str
    notes: str = ""
    outcome: str = AgendaOutcome.DISCUSSION
    agreement: Agreement | None = None
    annual_plan: AnnualPlan | None = None
    activity: Activity | None = None
    concern: Concern | None = None
    url: str = ""
    is_demo: bool = False

    @property
    def outcome_label(self) -> str:
        return str(AgendaOutcome(self.outcome).label)


@dataclass(frozen=True)
class SuggestionGroup:
    heading: str
    items: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class AgendaSuggestion:
    template: Template
    title: str  # "Voorjaarsoverleg 2026: terugblik op 2025"
    explanation: str
    groups: list[SuggestionGroup]

    @property
    def items(self) -> list[Suggestion]:
        return [item for group in self.groups for item in group.items]


def meeting_template(meeting: Meeting) -> Template:
    meeting_type = meeting.meeting_type
    return template_for(is_steering=meeting_type.is_steering, windows=meeting_type.windows, day=meeting.date)


def agenda_suggestion(meeting: Meeting, *, today: dt.date) -> AgendaSuggestion:
    """What the meeting's template proposes, in order: the standing items first."""
    template = meeting_template(meeting)
    agreements = {a.number: a for a in Agreement.objects.filter(covenant=meeting.covenant)}
    standing = SuggestionGroup(
        _("Standing agenda items"),
        [Suggestion(key=_key("vast", item), title=item) for item in meeting.meeting_type.standing_items],
    )
    if template is Template.SPRING:
        groups = _spring(meeting, agreements)
    elif template is Template.AUTUMN:
        groups = _autumn(meeting, agreements, today=today)
    else:
        groups = _default(meeting, agreements)
    year = meeting.date.year
    titles = {
        Template.SPRING: (
            _("Spring meeting %(year)s: looking back on %(last)s") % {"year": year, "last": year - 1},
            _(
                "A bestuurlijk overleg in the first half of the year looks back on the year before (agreement "
                "5.1): its monitor, the agreements behind or needing attention on 31 December and the results "
                "of its jaarschijf."
            ),
        ),
        Template.AUTUMN: (
            _("Autumn meeting %(year)s: jaarschijf %(next)s") % {"year": year, "next": year + 1},
            _(
                "A bestuurlijk overleg in the second half of the year adopts next year's jaarschijf (agreement "
                "5.1, before 15 December), discusses the corporations' bid and the proposals, the agreements "
                "behind and the open bottlenecks."
            ),
        ),
        Template.DEFAULT: (
            _("Agenda of this meeting"),
            _("The standing items and what became due or fell behind since the last meeting of this kind."),
        ),
    }
    title, explanation = titles[template]
    return AgendaSuggestion(
        template=template,
        title=title,
        explanation=explanation,
        groups=[group for group in [standing, *groups] if group.items],
    )


def _key(kind: str, what: object) -> str:
    return f"{kind}:{what}"[:100]


# -- spring -------------------------------------------------------------------------------------------


def _spring(meeting: Meeting, agreements: dict[str, Agreement]) -> list[SuggestionGroup]:
    covenant = meeting.covenant
    last = meeting.date.year - 1
    day = monitor_day(last)
    verdicts = covenant_verdicts(covenant, day)
    counts = verdicts.counts()
    plan = _plan(covenant, last)
    monitor = Suggestion(
        key=_key("monitor", last),
        title=_("Monitor of the performance agreements %(year)s") % {"year": last},
        notes=_(
            "The state on %(date)s: %(behind)s behind, %(attention)s needing attention, %(on_track)s on "
            "track, %(done)s completed, %(unknown)s cannot be assessed."
        )
        % {
            "date": format_date(day),
            "behind": counts[Status.BEHIND],
            "attention": counts[Status.ATTENTION],
            "on_track": counts[Status.ON_TRACK],
            "done": counts[Status.DONE],
            "unknown": counts[Status.NOT_ASSESSABLE],
        },
        url=reverse("reports:index", args=[covenant.pk]) + f"?jaar={last}",
        is_demo=verdicts.is_demo,
    )
    if plan is not None:
        results = Suggestion(
            key=_key("jaarschijf", last),
            title=_("Results of jaarschijf %(year)s") % {"year": last},
            notes=_plan_state(plan),
            annual_plan=plan,
            url=reverse("annual_plans:plan", args=[covenant.pk, last]),
            is_demo=plan.is_demo,
        )
    else:
        results = Suggestion(
            key=_key("jaarschijf", last),
            title=_("Results of jaarschijf %(year)s") % {"year": last},
            notes=_("There is no jaarschijf %(year)s in the system.") % {"year": last},
        )
    behind = [
        _verdict_item(verdict, agreements, day)
        for verdict in verdicts.values()
        if verdict.status in (Status.BEHIND, Status.ATTENTION)
    ]
    return [
        SuggestionGroup(_("Looking back on %(year)s (agreement 5.1)") % {"year": last}, [monitor, results]),
        SuggestionGroup(
            _("Agreements behind or needing attention on %(date)s") % {"date": format_date(day)}, behind
        ),
        *_concern_groups(meeting, agreements),
        _end_group(meeting),
    ]


# -- autumn -------------------------------------------------------------------------------------------


def _autumn(meeting: Meeting, agreements: dict[str, Agreement], *, today: dt.date) -> list[SuggestionGroup]:
    covenant = meeting.covenant
    year = meeting.date.year
    next_year = year + 1
    plan = _plan(covenant, next_year)
    milestones = {
        m.kind: m
        for m in Milestone.objects.filter(
            covenant=covenant, year=next_year, kind__in=[MilestoneKind.BID, MilestoneKind.AGREEMENTS]
        )
    }
    deadline = _milestone_date(milestones.get(MilestoneKind.AGREEMENTS), MilestoneKind.AGREEMENTS, next_year)
    adopt = _adopt_item(covenant, plan, next_year, deadline)
    bid_milestone = milestones.get(MilestoneKind.BID)
    bid_due = _milestone_date(bid_milestone, MilestoneKind.BID, next_year)
    if bid_milestone is not None and bid_milestone.done_on is not None:
        bid_state = _("received on %(date)s") % {"date": format_date(bid_milestone.done_on)}
    else:
        bid_state = _("not recorded as received")
    bid = Suggestion(
        key=_key("bod", next_year),
        title=_("The corporations' bid for %(year)s") % {"year": next_year},
        notes=_("The bid (activity overview) was due by %(date)s; %(state)s.")
        % {"date": format_date(bid_due), "state": bid_state},
        url=reverse("annual_plans:calendar", args=[covenant.pk]),
    )
    proposals = [
        _concern_item(concern, agreements, outcome=AgendaOutcome.DECISION)
        for concern in _open_concerns(meeting).filter(kind=ConcernKind.PROPOSAL)
    ]
    day = min(meeting.date, today)  # a meeting still to come: the latest that is known
    verdicts = covenant_verdicts(covenant, day)
    behind = [
        _verdict_item(verdict, agreements, day)
        for verdict in verdicts.values()
        if verdict.status is Status.BEHIND
    ]
    return [
        SuggestionGroup(
            _("Jaarschijf %(year)s (agreements 5.1 and 5.4)") % {"year": next_year}, [adopt, bid, *proposals]
        ),
        SuggestionGroup(_("Agreements behind on %(date)s") % {"date": format_date(day)}, behind),
        *_concern_groups(meeting, agreements, without_proposals=True),
        _end_group(meeting),
    ]


def _adopt_item(covenant: Covenant, plan: AnnualPlan | None, year: int, deadline: dt.date) -> Suggestion:
    key = _key("jaarschijf", year)
    title = _("Adopt jaarschijf %(year)s") % {"year": year}
    by = format_date(deadline)
    if plan is None:
        return Suggestion(
            key=key,
            title=title,
            outcome=AgendaOutcome.DECISION,
            notes=_("Jaarschijf %(year)s still has to be made; it is to be adopted by %(date)s.")
            % {"year": year, "date": by},
            url=reverse("annual_plans:create", args=[covenant.pk]),
        )
    if plan.state == PlanState.CONCEPT:
        notes = _("%(state)s; to be adopted by %(date)s.") % {"state": _plan_state(plan), "date": by}
        outcome = AgendaOutcome.DECISION
    else:
        notes = _plan_state(plan)
        outcome = AgendaOutcome.INFORMATION
    return Suggestion(
        key=key,
        title=title,
        outcome=outcome,
        notes=notes,
        annual_plan=plan,
        url=reverse("annual_plans:plan", args=[covenant.pk, year]),
        is_demo=plan.is_demo,
    )


def _milestone_date(milestone: Milestone | None, kind: str, year: int) -> dt.date:
    """The milestone's date as the coordinator set it, else the Woningwet's default (15 December)."""
    if milestone is not None:
        return milestone.due_date
    month, day, offset = WONINGWET_DEFAULTS[kind]
    return dt.date(year + offset, month, day)


# -- default ------------------------------------------------------------------------------------------


def _default(meeting: Meeting, agreements: dict[str, Agreement]) -> list[SuggestionGroup]:
    """What the registered agenda sources report since the last meeting of this type; the knelpunten
    from this app's own rows (so the item links to the knelpunt)."""
    groups: list[SuggestionGroup] = []
    for group in agenda_proposal(meeting).groups:
        if group.name == "standing":
            continue
        if group.name in ("escalated", "meetings.concerns"):
            groups.extend(_concern_groups(meeting, agreements, only=group.name))
            continue
        groups.append(
            SuggestionGroup(
                group.heading,
                [
                    Suggestion(
                        key=_key(group.name, point.url or point.title),
                        title=point.title[:300],
                        notes=point.detail,
                        agreement=agreements.get(point.agreement or ""),
                        url=point.url,
                    )
                    for point in group.points
                ],
            )
        )
    return groups


# -- shared parts ---------------------------------------------------------------------------------------


def _plan(covenant: Covenant, year: int) -> AnnualPlan | None:
    return (
        AnnualPlan.objects.filter(covenant=covenant, year=year)
        .annotate(activity_count=Count("activities"))
        .first()
    )


def _plan_state(plan: AnnualPlan) -> str:
    count = getattr(plan, "activity_count", None)
    if plan.adopted_on is not None:
        state = _("Jaarschijf %(year)s, %(state)s on %(date)s") % {
            "year": plan.year,
            "state": plan.get_state_display(),
            "date": format_date(plan.adopted_on),
        }
    else:
        state = _("Jaarschijf %(year)s, %(state)s") % {"year": plan.year, "state": plan.get_state_display()}
    if count is None:
        return state
    return _("%(state)s, with %(count)s activities") % {"state": state, "count": count}


def _verdict_item(verdict: Verdict, agreements: dict[str, Agreement], day: dt.date) -> Suggestion:
    number = verdict.agreement
    agreement = agreements.get(number)
    return Suggestion(
        key=_key("afspraak", number),
        title=f"{number} {agreement.subject}" if agreement else number,
        notes=_("%(status)s on %(date)s: %(reason)s")
        % {
            "status": verdict.label.capitalize(),
            "date": format_date(day),
            "reason": verdict.reason,
        },
        agreement=agreement,
        is_demo=verdict.is_demo,
    )


def _open_concerns(meeting: Meeting) -> QuerySet[Concern]:
    return (
        Concern.objects.filter(covenant=meeting.covenant)
        .open_on(meeting.date)
        .select_related("agreement", "owner")
        .order_by("raised_on", "pk")
    )


def _concern_item(
    concern: Concern, agreements: dict[str, Agreement], *, outcome: str = AgendaOutcome.DISCUSSION
) -> Suggestion:
    return Suggestion(
        key=_key("knelpunt", concern.pk),
        title=concern.title,
        notes=_("%(kind)s, reported by %(owner)s on %(date)s; %(stage)s.")
        % {
            "kind": concern.get_kind_display(),
            "owner": concern.owner.name,
            "date": format_date(concern.raised_on),
            "stage": concern.get_stage_display(),
        },
        outcome=outcome,
        agreement=concern.agreement,
        concern=concern,
        url=reverse("meetings:concern", args=[concern.covenant_id, concern.pk]),
        is_demo=concern.is_demo,
    )


def _concern_groups(
    meeting: Meeting,
    agreements: dict[str, Agreement],
    *,
    without_proposals: bool = False,
    only: str | None = None,
) -> list[SuggestionGroup]:
    """The knelpunten open on the meeting's date: for a bestuurlijk overleg those the ambtelijk round did
    not resolve first (agreement 5.9, to decide on), then the others."""
    concerns = list(_open_concerns(meeting))
    if without_proposals:
        concerns = [c for c in concerns if c.kind != ConcernKind.PROPOSAL]
    steering = meeting.meeting_type.is_steering
    escalated = [c for c in concerns if steering and c.stage == ConcernStage.STEERING]
    others = [c for c in concerns if c not in escalated]
    groups = {
        "escalated": SuggestionGroup(
            _("Bottlenecks for the administrative meeting (agreement 5.9)"),
            [_concern_item(c, agreements, outcome=AgendaOutcome.DECISION) for c in escalated],
        ),
        "meetings.concerns": SuggestionGroup(
            _("Open bottlenecks"), [_concern_item(c, agreements) for c in others]
        ),
    }
    return [group for name, group in groups.items() if only is None or name == only]


def _end_group(meeting: Meeting) -> SuggestionGroup:
    points = covenant_end_points(meeting.covenant, None, meeting.date)
    return SuggestionGroup(
        _("Term of the performance agreements"),
        [
            Suggestion(
                key=_key("looptijd", meeting.covenant.end_date), title=p.title, notes=p.detail, url=p.url
            )
            for p in points
        ],
    )


# -- the agenda as it stands ------------------------------------------------------------------------------


def agenda_lines(items: list[AgendaItem], free_text: str = "") -> str:
    """The agenda as plain text, for the mail and the calendar: numbered items with their expected outcome
    and notes, then the free text of before the agenda items."""
    lines: list[str] = []
    for item in items:
        agreement = (
            " " + _("(agreement %(number)s)") % {"number": item.agreement.number} if item.agreement else ""
        )
        lines.append(f"{item.position}. {item.title}{agreement} – {item.get_outcome_display()}")
        lines.extend(f"   {line}" for line in item.notes.splitlines() if line.strip())
    if free_text.strip():
        if lines:
            lines.extend(["", _("Free text") + ":"])
        lines.append(free_text.strip())
    return "\n".join(lines)


@dataclass(frozen=True)
class Recipient:
    name: str
    organisation: str
    email: str


def agenda_recipients(meeting: Meeting) -> list[Recipient]:
    """The active users with an e-mail address of every organisation taking part in the meeting (its
    attendees and its type's participants), one per address, by name."""
    organisations = set(meeting.attendees.values_list("pk", flat=True)) | set(
        meeting.meeting_type.participants.values_list("pk", flat=True)
    )
    users = (
        User.objects.filter(organisation_id__in=organisations, is_active=True)
        .exclude(email="")
        .select_related("organisation")
        .order_by("last_name", "first_name", "username", "pk")
    )
    seen: dict[str, Recipient] = {}
    for user in users:
        seen.setdefault(
            user.email.lower(),
            Recipient(
                name=user.get_full_name() or user.username,
                organisation=user.organisation.name if user.organisation else "",
                email=user.email,
            ),
        )
    return list(seen.values())
