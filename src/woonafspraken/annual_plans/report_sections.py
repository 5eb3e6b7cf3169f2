"""The jaarschijf's chapters in the monitor, the jaarschijf document and the dashboard (core.reporting)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.constants import ActivityStatus, PlanState
from woonafspraken.annual_plans.models import Activity
from woonafspraken.annual_plans.rollup import RULE, AgreementState
from woonafspraken.core.charts import Column, bar_chart
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.reporting import (
    Finding,
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    Verdict,
    register_report_section,
)

VERDICT: dict[AgreementState, Verdict] = {
    AgreementState.ON_TRACK: "on_track",
    AgreementState.BEHIND: "behind",
    AgreementState.DONE: "done",
    AgreementState.NO_ACTIVITIES: "unknown",
}
# Lower case, as they read inside a table or chart legend; a context of their own next to the choices' labels.
STATUS_LABELS = {
    ActivityStatus.PLANNED: pgettext_lazy("activity status in a report", "planned"),
    ActivityStatus.RUNNING: pgettext_lazy("activity status in a report", "running"),
    ActivityStatus.DONE: pgettext_lazy("activity status in a report", "done"),
    ActivityStatus.DELAYED: pgettext_lazy("activity status in a report", "delayed"),
    ActivityStatus.CANCELLED: pgettext_lazy("activity status in a report", "cancelled"),
}
ORDER: dict[Verdict, int] = {"behind": 0, "attention": 1, "on_track": 2, "done": 3, "unknown": 4}


def _owners(activity: Activity) -> str:
    return ", ".join(owner.name for owner in activity.owners.all())


def _target(activity: Activity) -> str:
    if activity.target_quantity is None:
        return ""
    return f"{format_number(activity.target_quantity, 2, trim=True)} {activity.target_unit}".strip()


def _plan_sentence(overview: selectors.PlanOverview) -> str:
    plan = overview.plan
    if plan is None:
        return _("There is no jaarschijf %(year)s recorded (yet).") % {"year": overview.year}
    if plan.state == PlanState.CONCEPT:
        state = _("Jaarschijf %(year)s is a draft and not adopted yet.") % {"year": plan.year}
    else:
        adopted_on = format_date(plan.adopted_on)  # type: ignore[arg-type]
        if plan.adopted_meeting:
            state = _("Jaarschijf %(year)s was adopted on %(date)s in %(meeting)s.") % {
                "year": plan.year,
                "date": adopted_on,
                "meeting": plan.adopted_meeting,
            }
        else:
            state = _("Jaarschijf %(year)s was adopted on %(date)s.") % {
                "year": plan.year,
                "date": adopted_on,
            }
    if plan.state == PlanState.CLOSED and plan.closed_on:
        state += " " + _("It was closed on %(date)s.") % {"date": format_date(plan.closed_on)}
    return state


def _status_chart(overview: selectors.PlanOverview, slug: str) -> Any:
    counts: Counter[tuple[str, str]] = Counter()
    for group in overview.themes:
        for row in group.rows:
            for activity in row.activities:
                theme = _("Theme %(number)s") % {"number": group.theme.number}
                counts[(theme, str(STATUS_LABELS[ActivityStatus(activity.status)]))] += 1
    rows = [
        {"thema": theme, "status": status, "aantal": count}
        for (theme, status), count in sorted(counts.items())
    ]
    chart = bar_chart(
        slug=slug,
        title=_("Activities %(year)s per theme and status") % {"year": overview.year},
        description=_("The number of activities of jaarschijf %(year)s per theme, stacked by status.")
        % {"year": overview.year},
        rows=rows,
        x=Column("thema", _("Theme")),
        y=Column("aantal", _("Number of activities"), "integer"),
        series=Column("status", _("Status")),
    )
    # Fixed colours per status (done green, delayed red), each with at least 3:1 contrast on white.
    chart.spec["layer"][0]["encoding"]["color"]["scale"] = {
        "domain": [str(label) for label in STATUS_LABELS.values()],
        "range": ["#5a3d8a", "#154273", "#00775a", "#a4001f", "#4a4a4a"],
    }
    return chart


def _findings(overview: selectors.PlanOverview) -> list[Finding]:
    findings = []
    for row in overview.rows:
        label = f"{row.agreement.number} {row.agreement.subject}"
        if row.activities and row.rollup.state != AgreementState.NO_ACTIVITIES:
            findings.append(
                Finding(f"{label}: {row.rollup.reason}", VERDICT[row.rollup.state], row.agreement.number)
            )
        elif row.mentions_jaarschijf:
            findings.append(
                Finding(
                    _(
                        "%(agreement)s: according to the agreement it is worked out in the jaarschijf, "
                        "but it has no activity in %(year)s."
                    )
                    % {"agreement": label, "year": overview.year},
                    "attention",
                    row.agreement.number,
                )
            )
    return sorted(findings, key=lambda finding: ORDER[finding.verdict])


def _counts_sentence(overview: selectors.PlanOverview) -> str:
    with_activities = sum(1 for row in overview.rows if row.activities)
    return _(
        "The jaarschijf holds %(activities)s activities for %(agreements)s agreements. "
        "State on %(date)s: %(on_track)s agreements on schedule, %(behind)s behind, %(done)s done and "
        "%(none)s without activities in this year."
    ) % {
        "activities": overview.activity_count,
        "agreements": with_activities,
        "date": format_date(overview.on),
        "on_track": overview.count(AgreementState.ON_TRACK),
        "behind": overview.count(AgreementState.BEHIND),
        "done": overview.count(AgreementState.DONE),
        "none": overview.count(AgreementState.NO_ACTIVITIES),
    }


def build_monitor(covenant: Covenant, year: int) -> ReportContent:
    overview = selectors.plan_overview(covenant, year, with_comments=True)
    activities = [activity for row in overview.rows for activity in row.activities]
    latest = selectors.latest_updates(activities)
    subsections = []
    for group in overview.themes:
        rows: list[list[Any]] = []
        comments: list[list[Any]] = []
        for row in group.rows:
            label = f"{row.agreement.number} {row.agreement.subject}"
            for activity in row.activities:
                update = latest.get(activity.pk)
                if update:
                    done = f"{update.date:%d-%m-%Y}: {update.text}"
                elif activity.carried_from_id:
                    done = _("Carried over from %(year)s (%(percent)s%%); no new report yet.") % {
                        "year": year - 1,
                        "percent": activity.progress_percent,
                    }
                else:
                    done = _("No progress reported yet.")
                rows.append(
                    [
                        label,
                        activity.title,
                        _owners(activity),
                        activity.timing_label,
                        str(STATUS_LABELS[ActivityStatus(activity.status)]),
                        activity.progress_percent,
                        done,
                    ]
                )
            if not row.activities:
                rows.append([label, _("no activity"), "", "", row.rollup.label, None, ""])
            for comment in row.comments:
                comments.append(
                    [row.agreement.number, comment.organisation.name, comment.created_at.date(), comment.text]
                )
        tables = [
            ReportTable(
                title=_("Theme %(number)s: what the jaarschijf %(year)s planned and what was done")
                % {"number": group.theme.number, "year": year},
                columns=[
                    _("Agreement"),
                    _("Activity"),
                    pgettext("report column", "Carried out by"),
                    _("Planned"),
                    _("Status"),
                    _("Progress (%)"),
                    _("What was done"),
                ],
                rows=rows,
                numeric_columns=frozenset({5}),
            )
        ]
        if comments:
            tables.append(
                ReportTable(
                    title=_("Theme %(number)s: comments of the parties") % {"number": group.theme.number},
                    columns=[_("Agreement"), _("Organisation"), _("Date"), _("Comment")],
                    rows=comments,
                )
            )
        states = Counter(row.rollup.state for row in group.rows)
        subsections.append(
            ReportContent(
                title=_("Theme %(number)s – %(title)s")
                % {"number": group.theme.number, "title": group.theme.title},
                paragraphs=[
                    _(
                        "%(on_track)s agreements on schedule, %(behind)s behind, %(done)s done, "
                        "%(none)s without activities."
                    )
                    % {
                        "on_track": states[AgreementState.ON_TRACK],
                        "behind": states[AgreementState.BEHIND],
                        "done": states[AgreementState.DONE],
                        "none": states[AgreementState.NO_ACTIVITIES],
                    }
                ],
                tables=tables,
            )
        )
    paragraphs = [_plan_sentence(overview)]
    if overview.plan is not None:
        paragraphs.append(_counts_sentence(overview))
    # RULE comes from the pure rollup module, in Dutch; only the lead-in is translated here.
    paragraphs.append(_("This is how we decide the status of an agreement:") + " " + " ".join(RULE))
    charts = [_status_chart(overview, f"monitor-{year}-status")] if activities else []
    return ReportContent(
        title=_("Jaarschijf %(year)s: progress per agreement") % {"year": year},
        paragraphs=paragraphs,
        charts=charts,
        findings=_findings(overview),
        subsections=subsections,
    )


def build_plan_document(covenant: Covenant, year: int) -> ReportContent:
    overview = selectors.plan_overview(covenant, year)
    subsections = []
    for group in overview.themes:
        rows = [
            [
                f"{row.agreement.number} {row.agreement.subject}",
                activity.title,
                activity.description,
                _owners(activity),
                activity.timing_label,
                _target(activity),
            ]
            for row in group.rows
            for activity in row.activities
        ]
        if rows:
            subsections.append(
                ReportContent(
                    title=_("Theme %(number)s – %(title)s")
                    % {"number": group.theme.number, "title": group.theme.title},
                    paragraphs=[group.theme.ambition.split("\n")[0]] if group.theme.ambition else [],
                    tables=[
                        ReportTable(
                            title=_("Theme %(number)s: activities in %(year)s")
                            % {"number": group.theme.number, "year": year},
                            columns=[
                                _("Agreement"),
                                _("Activity"),
                                _("Description"),
                                pgettext("report column", "Carried out by"),
                                _("Timing"),
                                _("Target"),
                            ],
                            rows=rows,
                        )
                    ],
                )
            )
    flagged = overview.flagged
    if flagged:
        subsections.append(
            ReportContent(
                title=_("Still to be worked out"),
                paragraphs=[
                    _(
                        "These agreements say they are worked out in the jaarschijf, but they have no activity yet."
                    )
                ],
                tables=[
                    ReportTable(
                        title=_("Agreements without an activity in %(year)s") % {"year": year},
                        columns=[_("Agreement"), _("Subject")],
                        rows=[[agreement.number, agreement.subject] for agreement in flagged],
                    )
                ],
            )
        )
    carried = sum(1 for row in overview.rows for activity in row.activities if activity.carried_from_id)
    paragraphs = [_plan_sentence(overview)]
    if overview.plan is not None:
        paragraphs.append(
            _(
                "The jaarschijf holds %(count)s activities, of which %(carried)s carried over from %(previous)s. "
                "For each activity it says who carries it out and when (quarter or date)."
            )
            % {"count": overview.activity_count, "carried": carried, "previous": year - 1}
        )
    return ReportContent(
        title=_("Activities in %(year)s") % {"year": year}, paragraphs=paragraphs, subsections=subsections
    )


def build_dashboard(covenant: Covenant, year: int) -> ReportContent:
    overview = selectors.plan_overview(covenant, year)
    behind = overview.behind_activities
    activities = [activity for row in overview.rows for activity in row.activities]
    return ReportContent(
        title=_("Jaarschijf %(year)s") % {"year": year},
        paragraphs=[_plan_sentence(overview)] + ([_counts_sentence(overview)] if overview.plan else []),
        charts=[_status_chart(overview, f"dashboard-{year}-status")] if activities else [],
        findings=_findings(overview),
        tables=[
            ReportTable(
                title=_("Activities that are behind"),
                columns=[
                    _("Agreement"),
                    _("Activity"),
                    pgettext("report column", "Carried out by"),
                    _("Why"),
                ],
                rows=[[a.agreement.number, a.title, _owners(a), reason] for a, reason in behind],
            )
        ]
        if behind
        else [],
    )


def build(covenant: Covenant, year: int, kind: ReportKind) -> ReportContent | None:
    if kind == "monitor":
        return build_monitor(covenant, year)
    if kind == "jaarschijf":
        return build_plan_document(covenant, year)
    return build_dashboard(covenant, year)


register_report_section(
    ReportSection(
        name="annual_plans", order=10, kinds=frozenset({"monitor", "jaarschijf", "dashboard"}), build=build
    )
)
