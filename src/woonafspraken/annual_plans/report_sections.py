"""The jaarschijf's chapters in the monitor, the jaarschijf document and the dashboard (core.reporting)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import selectors
from woonafspraken.annual_plans.constants import ActivityStatus, PlanState
from woonafspraken.annual_plans.models import Activity
from woonafspraken.annual_plans.rollup import RULE
from woonafspraken.core.charts import Column, bar_chart, mark_examples
from woonafspraken.core.formatting import format_date, format_number
from woonafspraken.core.reporting import (
    ReportContent,
    ReportKind,
    ReportSection,
    ReportTable,
    register_report_section,
)
from woonafspraken.core.verdicts import Outcome, Status

# Lower case, as they read inside a table or chart legend; a context of their own next to the choices' labels.
STATUS_LABELS = {
    ActivityStatus.PLANNED: pgettext_lazy("activity status in a report", "planned"),
    ActivityStatus.RUNNING: pgettext_lazy("activity status in a report", "running"),
    ActivityStatus.DONE: pgettext_lazy("activity status in a report", "done"),
    ActivityStatus.DELAYED: pgettext_lazy("activity status in a report", "delayed"),
    ActivityStatus.CANCELLED: pgettext_lazy("activity status in a report", "cancelled"),
}


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
    examples: set[tuple[str, str]] = set()  # bars that count example activities
    for group in overview.themes:
        for row in group.rows:
            for item in row.items:
                if item.judgement is None:
                    continue  # not there yet on the day
                theme = _("Theme %(number)s") % {"number": group.theme.number}
                key = (theme, str(STATUS_LABELS[ActivityStatus(item.judgement.status)]))
                counts[key] += 1
                if item.is_demo:
                    examples.add(key)
    rows = [
        {"thema": theme, "status": status, "aantal": count}
        for (theme, status), count in sorted(counts.items())
    ]
    chart = bar_chart(
        slug=slug,
        title=_("Activities %(year)s per theme and status") % {"year": overview.year},
        description=_(
            "The number of activities of jaarschijf %(year)s per theme, stacked by their status on %(date)s."
        )
        % {"year": overview.year, "date": format_date(overview.on)},  # type: ignore[arg-type]
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
    return mark_examples(chart, [key in examples for key in sorted(counts)])


def _flagged_sentence(overview: selectors.PlanOverview) -> str | None:
    flagged = overview.flagged
    if not flagged:
        return None
    return ngettext(
        "%(count)s agreement says it is worked out in the jaarschijf, but has no activity in %(year)s: "
        "%(numbers)s.",
        "%(count)s agreements say they are worked out in the jaarschijf, but have no activity in %(year)s: "
        "%(numbers)s.",
        len(flagged),
    ) % {"count": len(flagged), "year": overview.year, "numbers": ", ".join(a.number for a in flagged)}


def _counts_sentence(overview: selectors.PlanOverview) -> str:
    """What the jaarschijf holds, and the agreements' status on the day (from ``covenant_verdicts``)."""
    with_activities = sum(1 for row in overview.rows if row.items)
    holds = ngettext(
        "The jaarschijf holds %(count)s activity",
        "The jaarschijf holds %(count)s activities",
        overview.activity_count,
    ) % {"count": overview.activity_count}
    agreements = ngettext("for %(count)s agreement.", "for %(count)s agreements.", with_activities) % {
        "count": with_activities
    }
    sentence = f"{holds} {agreements}"
    if overview.on is not None:
        counts = [line.text for line in overview.status_counts if line.count]
        sentence += " " + _("Status of the agreements on %(date)s, from all evidence: %(counts)s.") % {
            "date": format_date(overview.on),
            "counts": ", ".join(counts),
        }
    return sentence


def _state(item: selectors.JudgedActivity, on: object) -> str:
    """The activity's status on the day, with "achter" where the status alone does not say it: a planned
    or running activity past its moment ("loopt: achter"); vertraagd, gereed and vervallen speak for
    themselves."""
    if item.judgement is None:
        return _("not yet in the jaarschijf then") if on is not None else ""
    status = ActivityStatus(item.judgement.status)
    label = str(STATUS_LABELS[status])
    late = item.outcome == Outcome.BEHIND and status in (ActivityStatus.PLANNED, ActivityStatus.RUNNING)
    return f"{label}: {item.outcome_label}" if late else label


def _theme_counts(overview: selectors.PlanOverview, group: selectors.ThemeGroup) -> str:
    """The theme's agreements per status on the day, from ``covenant_verdicts``, naming the judged ones:
    "1 afspraak achter (1.3.5), 13 afspraken niet te beoordelen"."""
    if overview.verdicts is None:
        return ""
    numbers: dict[str, list[str]] = {}
    for row in group.rows:
        if row.verdict is not None:
            numbers.setdefault(row.verdict.status, []).append(row.agreement.number)
    counts = {status: len(members) for status, members in numbers.items()}
    lines = []
    for line in selectors.status_counts(counts, overview.verdicts):
        if not line.count:
            continue
        named = line.status != Status.NOT_ASSESSABLE
        lines.append(f"{line.text} ({', '.join(numbers[line.status])})" if named else line.text)
    return _("Status of these agreements on %(date)s: %(counts)s.") % {
        "date": format_date(overview.on),  # type: ignore[arg-type]
        "counts": ", ".join(lines),
    }


def build_monitor(covenant: Covenant, year: int) -> ReportContent:
    overview = selectors.plan_overview(covenant, year, with_comments=True)
    activities = [activity for row in overview.rows for activity in row.activities]
    latest = selectors.latest_updates(activities, on=overview.on)
    subsections = []
    for group in overview.themes:
        rows: list[list[Any]] = []
        demo_rows: set[int] = set()
        comments: list[list[Any]] = []
        comment_demo: set[int] = set()
        for row in group.rows:
            label = f"{row.agreement.number} {row.agreement.subject}"
            for item in row.items:
                activity, judgement = item.activity, item.judgement
                update = latest.get(activity.pk)
                if update:
                    done = f"{format_date(update.date)}: {update.text}"
                elif activity.carried_from_id:
                    done = _("Carried over from %(year)s; no new report yet.") % {"year": year - 1}
                else:
                    done = _("No progress reported yet.")
                if item.is_demo or (update is not None and update.is_demo):
                    demo_rows.add(len(rows))
                rows.append(
                    [
                        label,
                        activity.title,
                        _owners(activity),
                        activity.timing_label,
                        _state(item, overview.on),
                        judgement.percent if judgement else None,
                        done,
                    ]
                )
            if not row.items:
                rows.append([label, _("no activity"), "", "", "", None, ""])
            for comment in row.comments:
                if comment.is_demo:
                    comment_demo.add(len(comments))
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
                    _("Status"),  # on the day the section names; short, for narrow columns in Word
                    _("Progress (%)"),
                    _("What was done"),
                ],
                rows=rows,
                numeric_columns=frozenset({5}),
                demo_rows=frozenset(demo_rows),
            )
        ]
        if comments:
            tables.append(
                ReportTable(
                    title=_("Theme %(number)s: comments of the parties") % {"number": group.theme.number},
                    columns=[_("Agreement"), _("Organisation"), _("Date"), _("Comment")],
                    rows=comments,
                    demo_rows=frozenset(comment_demo),
                )
            )
        counts = _theme_counts(overview, group)
        subsections.append(
            ReportContent(
                title=_("Theme %(number)s – %(title)s")
                % {"number": group.theme.number, "title": group.theme.title},
                paragraphs=[counts] if counts else [],
                tables=tables,
            )
        )
    paragraphs = [_plan_sentence(overview)]
    if overview.plan is not None:
        paragraphs.append(_counts_sentence(overview))
    if overview.on is not None and activities:
        paragraphs.append(
            _(
                "The tables give each activity's status on %(date)s; ‘running: behind’ is past its planned moment."
            )
            % {"date": format_date(overview.on)}
        )
    flagged = _flagged_sentence(overview)
    if flagged:
        paragraphs.append(flagged)
    # RULE comes from the pure rollup module, in Dutch; only the lead-in is translated here. It judges
    # activities; the agreement's status comes from all evidence (the summary of the report).
    paragraphs.append(_("This is how we judge an activity:") + " " + " ".join(RULE))
    charts = [_status_chart(overview, f"monitor-{year}-status")] if activities and overview.on else []
    return ReportContent(
        title=_("Jaarschijf %(year)s: progress per agreement") % {"year": year},
        paragraphs=paragraphs,
        charts=charts,
        subsections=subsections,
    )


def build_plan_document(covenant: Covenant, year: int) -> ReportContent:
    overview = selectors.plan_overview(covenant, year)
    subsections = []
    for group in overview.themes:
        planned = [activity for row in group.rows for activity in row.activities]
        rows = [
            [
                f"{activity.agreement.number} {activity.agreement.subject}",
                activity.title,
                activity.description,
                _owners(activity),
                activity.timing_label,
                _target(activity),
            ]
            for activity in planned
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
                            demo_rows=frozenset(i for i, a in enumerate(planned) if a.is_demo),
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
            ngettext(
                "The jaarschijf holds %(count)s activity, of which %(carried)s carried over from %(previous)s.",
                "The jaarschijf holds %(count)s activities, of which %(carried)s carried over from %(previous)s.",
                overview.activity_count,
            )
            % {"count": overview.activity_count, "carried": carried, "previous": year - 1}
            + " "
            + _("For each activity it says who carries it out and when (quarter or date).")
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
        charts=[_status_chart(overview, f"dashboard-{year}-status")] if activities and overview.on else [],
        tables=[
            ReportTable(
                title=_("Activities that are behind on %(date)s") % {"date": format_date(overview.on)},  # type: ignore[arg-type]
                columns=[
                    _("Agreement"),
                    _("Activity"),
                    pgettext("report column", "Carried out by"),
                    _("Why"),
                ],
                rows=[
                    [
                        item.activity.agreement.number,
                        item.activity.title,
                        _owners(item.activity),
                        item.judgement.text,
                    ]
                    for item in behind
                    if item.judgement is not None
                ],
                demo_rows=frozenset(index for index, item in enumerate(behind) if item.is_demo),
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
