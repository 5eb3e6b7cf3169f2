"""Every state change of the jaarschijf, the forbidden ones included; carry-over; progress; comments."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.constants import ActivityStatus, MilestoneKind, PlanState
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Comment, Milestone, ProgressUpdate
from woonafspraken.annual_plans.selectors import (
    agreement_years,
    needs_update,
    plan_overview,
    plan_proposal,
)
from woonafspraken.annual_plans.services import (
    activity_create,
    activity_update,
    annual_plan_adopt,
    annual_plan_close,
    annual_plan_create,
    annual_plan_reopen,
    comment_add,
    progress_record,
)
from woonafspraken.annual_plans.tests.factories import activity, plan

pytestmark = pytest.mark.django_db


def test_coordinator_creates_a_plan_with_the_woningwet_milestones(kampen: Covenant, coordinator: User):
    created = annual_plan_create(covenant=kampen, year=2027, user=coordinator)
    assert created.state == PlanState.CONCEPT
    assert created.history.first().history_user == coordinator
    dates = dict(Milestone.objects.filter(covenant=kampen, year=2027).values_list("kind", "due_date"))
    assert dates == {
        MilestoneKind.BID: dt.date(2026, 7, 1),
        MilestoneKind.AGREEMENTS: dt.date(2026, 12, 15),
        MilestoneKind.ACCOUNT: dt.date(2028, 5, 1),
    }


def test_one_plan_per_year_and_within_the_term(kampen: Covenant, coordinator: User):
    annual_plan_create(covenant=kampen, year=2027, user=coordinator)
    with pytest.raises(ValidationError, match="al een jaarschijf 2027"):
        annual_plan_create(covenant=kampen, year=2027, user=coordinator)
    with pytest.raises(ValidationError, match="looptijd"):
        annual_plan_create(covenant=kampen, year=2031, user=coordinator)
    assert AnnualPlan.objects.count() == 1


def test_readers_and_editors_cannot_manage_plans(kampen: Covenant, reader: User, corporation_editor: User):
    for user in (reader, corporation_editor):
        with pytest.raises(PermissionDenied):
            annual_plan_create(covenant=kampen, year=2027, user=user)
    assert not AnnualPlan.objects.exists()


@freeze_time("2026-11-27")
def test_adopt_once_with_date_and_meeting(kampen: Covenant, coordinator: User):
    concept = plan(kampen, 2027)
    with pytest.raises(ValidationError, match="zonder activiteiten"):
        annual_plan_adopt(
            plan=concept, user=coordinator, adopted_on=dt.date(2026, 11, 20), meeting="BO najaar"
        )
    activity(concept)
    with pytest.raises(ValidationError) as missing:
        annual_plan_adopt(plan=concept, user=coordinator, adopted_on=dt.date(2026, 11, 20), meeting=" ")
    assert "overleg" in str(missing.value)
    adopted = annual_plan_adopt(
        plan=concept, user=coordinator, adopted_on=dt.date(2026, 11, 20), meeting="Bestuurlijk overleg najaar"
    )
    assert (adopted.state, adopted.adopted_on) == (PlanState.ADOPTED, dt.date(2026, 11, 20))
    with pytest.raises(ValidationError, match="al vastgesteld op 20 november 2026"):
        annual_plan_adopt(
            plan=adopted, user=coordinator, adopted_on=dt.date(2026, 11, 21), meeting="Nog eens"
        )


@freeze_time("2026-03-01")
def test_close_reopen_and_a_closed_year_is_read_only(kampen: Covenant, coordinator: User, corporation_editor):
    year = plan(kampen, 2025)
    item = activity(year)
    with pytest.raises(ValidationError, match="nog niet vastgesteld"):
        annual_plan_close(plan=year, user=coordinator)
    annual_plan_adopt(plan=year, user=coordinator, adopted_on=dt.date(2024, 11, 20), meeting="BO najaar 2024")
    with pytest.raises(ValidationError, match="na afloop van het jaar"):
        annual_plan_close(plan=year, user=coordinator, closed_on=dt.date(2025, 12, 1))
    closed = annual_plan_close(plan=year, user=coordinator)
    assert closed.state == PlanState.CLOSED and closed.closed_on == dt.date(2026, 3, 1)
    with pytest.raises(ValidationError, match="al afgesloten"):
        annual_plan_close(plan=closed, user=coordinator)

    agreement = item.agreement
    forbidden = [
        lambda: progress_record(
            activity=item, user=corporation_editor, date=dt.date(2026, 2, 1), status="gereed", text="Klaar"
        ),
        lambda: activity_create(
            plan=closed, user=coordinator, agreement=agreement, title="Nieuw", owners=[item.owner]
        ),
        lambda: activity_update(activity=item, user=coordinator, title="Anders", owners=[item.owner]),
        lambda: comment_add(agreement=agreement, user=coordinator, text="Te laat", activity=item),
        lambda: annual_plan_adopt(plan=closed, user=coordinator, adopted_on=dt.date(2026, 1, 1), meeting="x"),
    ]
    for attempt in forbidden:
        with pytest.raises(ValidationError, match="afgesloten"):
            attempt()
    assert ProgressUpdate.objects.count() == 0
    assert Activity.objects.get(pk=item.pk).title == "Taakstelling statushouders"

    with pytest.raises(ValidationError, match="reden"):
        annual_plan_reopen(plan=closed, user=coordinator, reason="  ")
    reopening = annual_plan_reopen(plan=closed, user=coordinator, reason="Cijfer statushouders gecorrigeerd")
    assert reopening.plan.state == PlanState.ADOPTED and reopening.reopened_by == coordinator
    progress_record(
        activity=item, user=corporation_editor, date=dt.date(2026, 2, 1), status="gereed", text="Klaar"
    )
    with pytest.raises(ValidationError, match="niet afgesloten"):
        annual_plan_reopen(plan=reopening.plan, user=coordinator, reason="nog eens")


@freeze_time("2025-05-01")
def test_editor_records_progress_only_on_own_activities(kampen: Covenant, corporation_editor: User):
    year = plan(kampen, 2025)
    own = activity(year, owner="deltaWonen")
    other = activity(year, owner="Beter Wonen", title="Andermans werk")
    update = progress_record(
        activity=own,
        user=corporation_editor,
        date=dt.date(2025, 4, 30),
        status=ActivityStatus.RUNNING,
        text="12 van 30 woningen toegewezen",
        progress_percent=40,
        quantity=12,
    )
    own.refresh_from_db()
    assert (own.status, own.progress_percent, own.achieved_quantity) == ("loopt", 40, 12)
    assert own.last_progress_on == dt.date(2025, 4, 30)
    assert update.author_name.startswith("Test Gebruiker") and "deltaWonen" in update.author_name
    with pytest.raises(PermissionDenied):
        progress_record(
            activity=other, user=corporation_editor, date=dt.date(2025, 4, 30), status="loopt", text="x"
        )
    with pytest.raises(ValidationError) as bad:
        progress_record(
            activity=own,
            user=corporation_editor,
            date=dt.date(2025, 6, 1),
            status="loopt",
            text=" ",
            progress_percent=120,
        )
    assert set(bad.value.message_dict) == {"date", "text", "progress_percent"}
    assert ProgressUpdate.objects.count() == 1


def test_done_means_a_hundred_percent(kampen: Covenant, coordinator: User):
    item = activity(plan(kampen, 2024))
    progress_record(
        activity=item, user=coordinator, date=dt.date(2024, 10, 1), status="gereed", text="Afgerond"
    )
    item.refresh_from_db()
    assert item.progress_percent == 100


def test_tenant_organisations_comment_but_do_not_edit(kampen: Covenant, tenant_reader: User):
    tenants = Organisation.objects.get(name="Centrale Bewonersraad deltaWonen")
    tenant_editor = UserFactory(organisation=tenants, role=Role.EDITOR, username="cbr-editor")
    year = plan(kampen, 2025)
    item = activity(year, number="4.1.6", owner="Centrale Bewonersraad")
    with pytest.raises(PermissionDenied):
        progress_record(activity=item, user=tenant_editor, date=dt.date(2025, 3, 1), status="loopt", text="x")
    with pytest.raises(PermissionDenied):
        activity_create(plan=year, user=tenant_editor, agreement=item.agreement, title="x", owners=[tenants])
    with pytest.raises(PermissionDenied):  # readers only read
        comment_add(agreement=item.agreement, user=tenant_reader, text="Mag ik iets zeggen?", activity=item)
    comment = comment_add(
        agreement=item.agreement, user=tenant_editor, text="Graag ook in de Flevowijk.", activity=item
    )
    assert comment.organisation == tenants
    with pytest.raises(ValidationError, match="reactie"):
        comment_add(agreement=item.agreement, user=tenant_editor, text="  ")
    outsider = UserFactory(username="buiten")  # an organisation that is no party
    with pytest.raises(PermissionDenied):
        comment_add(agreement=item.agreement, user=outsider, text="Hallo")
    assert Comment.objects.count() == 1


def test_activity_fields_are_checked_in_dutch(kampen: Covenant, coordinator: User):
    year = plan(kampen, 2025)
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.5")
    stranger = Organisation.objects.create(name="Woonstichting Elders", kind="corporatie")
    with pytest.raises(ValidationError) as error:
        activity_create(
            plan=year,
            user=coordinator,
            agreement=agreement,
            title=" ",
            owners=[stranger],
            planned_quarter=1,
            planned_date=dt.date(2026, 5, 1),
        )
    assert set(error.value.message_dict) == {"title", "owners", "planned_date", "planned_quarter"}
    # The jaarschijf holds only its yearly 2.1.1 decision, which every new jaarschijf gets.
    assert list(Activity.objects.values_list("kind", flat=True)) == ["besluit"]


def test_editor_adds_an_activity_for_own_organisation_only(kampen: Covenant, corporation_editor: User):
    year = plan(kampen, 2025)
    agreement = Agreement.objects.get(covenant=kampen, number="4.1.3")
    delta = Organisation.objects.get(name="deltaWonen")
    beter = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    created = activity_create(
        plan=year, user=corporation_editor, agreement=agreement, title="60 woningen isoleren", owners=[delta]
    )
    assert created.owner == delta
    with pytest.raises(PermissionDenied):
        activity_create(plan=year, user=corporation_editor, agreement=agreement, title="x", owners=[beter])
    with pytest.raises(ValidationError, match="eigen organisatie"):
        activity_update(activity=created, user=corporation_editor, title="y", owners=[beter])


@freeze_time("2026-11-27")
def test_next_year_proposes_unfinished_work_and_flags_jaarschijf_agreements(
    kampen: Covenant, coordinator: User
):
    this_year = plan(kampen, 2026)
    unfinished = activity(this_year, number="1.2.4", owner="Gemeente", title="Analyse doelgroep woonwagens")
    done = activity(this_year, number="1.3.5", title="Taakstelling 2026")
    progress_record(
        activity=unfinished,
        user=coordinator,
        date=dt.date(2026, 6, 1),
        status="vertraagd",
        text="Wacht",
        progress_percent=30,
    )
    progress_record(activity=done, user=coordinator, date=dt.date(2026, 10, 1), status="gereed", text="Klaar")

    with pytest.raises(ValidationError, match="gereed en gaat niet mee"):
        annual_plan_create(covenant=kampen, year=2027, user=coordinator, carry_over=[done])
    assert not AnnualPlan.objects.filter(year=2027).exists()  # nothing half-stored

    proposal = plan_proposal(kampen, 2027)
    # The 2.1.1 decision of 2026 (about 2027) was not taken: it goes along as unfinished work too.
    assert [a.title for a in proposal.carry_over] == [
        "Analyse doelgroep woonwagens",
        "Besluit over de huursomstijging 2027",
    ]
    flagged = [a.number for a in proposal.flagged]
    assert "1.3.5" in flagged and "4.1.6" in flagged and "1.2.4" not in flagged  # 1.2.4 comes via carry-over
    assert "1.1.1" not in flagged  # does not mention the jaarschijf

    next_year = annual_plan_create(
        covenant=kampen, year=2027, user=coordinator, carry_over=proposal.carry_over
    )
    carried = next_year.activities.get(carried_from=unfinished)
    assert next_year.activities.get(carried_from__kind="besluit").kind == "besluit"
    assert carried.carried_from == unfinished and carried.progress_percent == 30 and carried.status == "loopt"
    assert list(carried.owners.all()) == list(unfinished.owners.all())
    assert plan_proposal(kampen, 2027).carry_over == []  # taken along once

    overview = plan_overview(kampen, 2027)
    row = next(r for r in overview.rows if r.agreement.number == "1.3.5")
    assert row.flagged and row.verdict is None  # a coming year is judged from its 1 January
    years = agreement_years(carried.agreement)
    assert [y.plan.year for y in years] == [2027, 2026]
    assert years[0].on is None and years[0].items[0].judgement is None
    judgement = years[1].items[0].judgement
    assert judgement is not None and judgement.outcome == "behind"
    assert judgement.text == "‘Analyse doelgroep woonwagens’ vertraagd sinds 1 juni 2026 (gepland voor 2026)."


@freeze_time("2025-08-15")
def test_the_overview_takes_the_agreement_status_from_the_verdict_and_judges_each_activity(
    kampen: Covenant, coordinator: User
):
    year = plan(kampen, 2025)
    activity(year, number="1.3.5", title="Taakstelling H1", quarter=2)
    activity(year, number="1.3.5", title="Taakstelling H2", quarter=4)
    overview = plan_overview(kampen, 2025)
    row = next(r for r in overview.rows if r.agreement.number == "1.3.5")
    assert overview.verdicts is not None and row.verdict == overview.verdicts["1.3.5"]
    assert row.verdict.status == "behind"
    assert "‘Taakstelling H1’ gepland voor K2 2025, nog niet gereed." in [
        e.text for e in row.verdict.evidence
    ]
    assert [(item.activity.title, item.outcome) for item in row.items] == [
        ("Taakstelling H1", "behind"),
        ("Taakstelling H2", "on_track"),
    ]
    assert [item.activity.title for item in overview.behind_activities] == ["Taakstelling H1"]


def test_bij_te_werken_after_the_set_period(kampen: Covenant, coordinator: User):
    with freeze_time("2025-01-10"):
        year = plan(kampen, 2025)
        stale = activity(year, owner="deltaWonen", title="Oud")
        fresh = activity(year, owner="Beter Wonen", title="Vers")
        annual_plan_adopt(plan=year, user=coordinator, adopted_on=dt.date(2025, 1, 5), meeting="BO")
    with freeze_time("2025-05-01"):
        progress_record(
            activity=fresh, user=coordinator, date=dt.date(2025, 4, 20), status="loopt", text="Bezig"
        )
        backlog = needs_update(kampen)
    assert [(b.organisation.name, [a.title for a, _ in b.activities]) for b in backlog] == [
        ("deltaWonen", ["Oud"])
    ]
    assert backlog[0].activities[0][1] is None  # never updated
    assert stale.pk
