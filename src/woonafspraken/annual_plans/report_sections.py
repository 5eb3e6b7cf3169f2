"""The jaarschijf's chapters in the monitor, the jaarschijf document and the dashboard (core.reporting)."""

from __future__ import annotations

from collections import Counter
from typing import Any

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
STATUS_LABELS = {
    ActivityStatus.PLANNED: "gepland",
    ActivityStatus.RUNNING: "loopt",
    ActivityStatus.DONE: "gereed",
    ActivityStatus.DELAYED: "vertraagd",
    ActivityStatus.CANCELLED: "vervallen",
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
        return f"Er is (nog) geen jaarschijf {overview.year} vastgelegd."
    if plan.state == PlanState.CONCEPT:
        state = f"Jaarschijf {plan.year} is een concept en nog niet vastgesteld."
    else:
        meeting = f" in {plan.adopted_meeting}" if plan.adopted_meeting else ""
        state = f"Jaarschijf {plan.year} is vastgesteld op {format_date(plan.adopted_on)}{meeting}."  # type: ignore[arg-type]
    if plan.state == PlanState.CLOSED and plan.closed_on:
        state += f" Zij is afgesloten op {format_date(plan.closed_on)}."
    return state


def _status_chart(overview: selectors.PlanOverview, slug: str) -> Any:
    counts: Counter[tuple[str, str]] = Counter()
    for group in overview.themes:
        for row in group.rows:
            for activity in row.activities:
                counts[(f"Thema {group.theme.number}", STATUS_LABELS[ActivityStatus(activity.status)])] += 1
    rows = [
        {"thema": theme, "status": status, "aantal": count}
        for (theme, status), count in sorted(counts.items())
    ]
    chart = bar_chart(
        slug=slug,
        title=f"Activiteiten {overview.year} per thema en status",
        description=f"Het aantal activiteiten van jaarschijf {overview.year} per thema, gestapeld naar status.",
        rows=rows,
        x=Column("thema", "Thema"),
        y=Column("aantal", "Aantal activiteiten", "integer"),
        series=Column("status", "Status"),
    )
    # Fixed colours per status (done green, delayed red), each with at least 3:1 contrast on white.
    chart.spec["layer"][0]["encoding"]["color"]["scale"] = {
        "domain": ["gepland", "loopt", "gereed", "vertraagd", "vervallen"],
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
                    f"{label}: wordt volgens de afspraak uitgewerkt in de jaarschijf, maar heeft geen activiteit in {overview.year}.",
                    "attention",
                    row.agreement.number,
                )
            )
    return sorted(findings, key=lambda finding: ORDER[finding.verdict])


def _counts_sentence(overview: selectors.PlanOverview) -> str:
    with_activities = sum(1 for row in overview.rows if row.activities)
    return (
        f"De jaarschijf bevat {overview.activity_count} activiteiten bij {with_activities} afspraken. "
        f"Stand op {format_date(overview.on)}: {overview.count(AgreementState.ON_TRACK)} afspraken op schema, "
        f"{overview.count(AgreementState.BEHIND)} achter, {overview.count(AgreementState.DONE)} gereed en "
        f"{overview.count(AgreementState.NO_ACTIVITIES)} zonder activiteiten in dit jaar."
    )


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
                    done = (
                        f"Meegenomen uit {year - 1} ({activity.progress_percent}%); nog geen nieuwe melding."
                    )
                else:
                    done = "Nog geen voortgang gemeld."
                rows.append(
                    [
                        label,
                        activity.title,
                        _owners(activity),
                        activity.timing_label,
                        STATUS_LABELS[ActivityStatus(activity.status)],
                        activity.progress_percent,
                        done,
                    ]
                )
            if not row.activities:
                rows.append([label, "geen activiteit", "", "", row.rollup.label, None, ""])
            for comment in row.comments:
                comments.append(
                    [row.agreement.number, comment.organisation.name, comment.created_at.date(), comment.text]
                )
        tables = [
            ReportTable(
                title=f"Thema {group.theme.number}: wat de jaarschijf {year} plande en wat er is gedaan",
                columns=[
                    "Afspraak",
                    "Activiteit",
                    "Uitvoering",
                    "Gepland",
                    "Status",
                    "Voortgang (%)",
                    "Wat is gedaan",
                ],
                rows=rows,
                numeric_columns=frozenset({5}),
            )
        ]
        if comments:
            tables.append(
                ReportTable(
                    title=f"Thema {group.theme.number}: reacties van de partijen",
                    columns=["Afspraak", "Organisatie", "Datum", "Reactie"],
                    rows=comments,
                )
            )
        states = Counter(row.rollup.state for row in group.rows)
        subsections.append(
            ReportContent(
                title=f"Thema {group.theme.number} – {group.theme.title}",
                paragraphs=[
                    f"{states[AgreementState.ON_TRACK]} afspraken op schema, {states[AgreementState.BEHIND]} achter, "
                    f"{states[AgreementState.DONE]} gereed, {states[AgreementState.NO_ACTIVITIES]} zonder activiteiten."
                ],
                tables=tables,
            )
        )
    paragraphs = [_plan_sentence(overview)]
    if overview.plan is not None:
        paragraphs.append(_counts_sentence(overview))
    paragraphs.append("Zo bepalen we de status van een afspraak: " + " ".join(RULE))
    charts = [_status_chart(overview, f"monitor-{year}-status")] if activities else []
    return ReportContent(
        title=f"Jaarschijf {year}: uitvoering per afspraak",
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
                    title=f"Thema {group.theme.number} – {group.theme.title}",
                    paragraphs=[group.theme.ambition.split("\n")[0]] if group.theme.ambition else [],
                    tables=[
                        ReportTable(
                            title=f"Thema {group.theme.number}: activiteiten in {year}",
                            columns=[
                                "Afspraak",
                                "Activiteit",
                                "Omschrijving",
                                "Uitvoering",
                                "Planning",
                                "Doel",
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
                title="Nog uit te werken",
                paragraphs=[
                    "Deze afspraken zeggen dat ze in de jaarschijf worden uitgewerkt, maar hebben nog geen activiteit."
                ],
                tables=[
                    ReportTable(
                        title=f"Afspraken zonder activiteit in {year}",
                        columns=["Afspraak", "Onderwerp"],
                        rows=[[agreement.number, agreement.subject] for agreement in flagged],
                    )
                ],
            )
        )
    carried = sum(1 for row in overview.rows for activity in row.activities if activity.carried_from_id)
    paragraphs = [_plan_sentence(overview)]
    if overview.plan is not None:
        paragraphs.append(
            f"De jaarschijf bevat {overview.activity_count} activiteiten, waarvan {carried} meegenomen uit {year - 1}. "
            "Per activiteit staat wie haar uitvoert en wanneer (kwartaal of datum)."
        )
    return ReportContent(title=f"Activiteiten in {year}", paragraphs=paragraphs, subsections=subsections)


def build_dashboard(covenant: Covenant, year: int) -> ReportContent:
    overview = selectors.plan_overview(covenant, year)
    behind = overview.behind_activities
    activities = [activity for row in overview.rows for activity in row.activities]
    return ReportContent(
        title=f"Jaarschijf {year}",
        paragraphs=[_plan_sentence(overview)] + ([_counts_sentence(overview)] if overview.plan else []),
        charts=[_status_chart(overview, f"dashboard-{year}-status")] if activities else [],
        findings=_findings(overview),
        tables=[
            ReportTable(
                title="Activiteiten die achterlopen",
                columns=["Afspraak", "Activiteit", "Uitvoering", "Waarom"],
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
