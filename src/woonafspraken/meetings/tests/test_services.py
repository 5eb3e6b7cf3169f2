"""Services: seeding from the document, meetings, decisions and actions and the agenda, with their
permissions and Dutch errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.services import activity_create, annual_plan_create
from woonafspraken.documents.services import document_import
from woonafspraken.meetings import services
from woonafspraken.meetings.constants import ActionStatus, MeetingStatus
from woonafspraken.meetings.models import ActionItem, AgendaMailing, MeetingType
from woonafspraken.meetings.selectors import agenda_proposal, cadence_for_year
from woonafspraken.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_import_seeds_meeting_types_with_their_agreement_and_participants(kampen: Covenant):
    types = {t.key: t for t in MeetingType.objects.filter(covenant=kampen).prefetch_related("participants")}
    assert len(types) == 10
    assert types["5.2"].agreement.number == "5.2" and types["5.2"].min_per_year == 4
    assert len(types["5.2"].participants.all()) == 5
    assert {o.kind for o in types["1.3.5"].participants.all()} == {"gemeente", "corporatie"}
    assert types["5.1"].is_steering and types["5.1"].windows == ["spring", "autumn"]
    assert types["3.2.1-flevowijk"].wijk == "Flevowijk" and types["3.2.1-flevowijk"].from_document


def test_seeding_is_idempotent_and_leaves_coordinator_edits_alone(
    kampen: Covenant, kampen_text: str, coordinator: User
):
    kerngroep = MeetingType.objects.get(covenant=kampen, key="5.2")
    services.meeting_type_save(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, name="Kerngroep prestatieafspraken",
        agreement=kerngroep.agreement, participants=kerngroep.participants.all(), min_per_year=6, windows=[],
        standing_items=["Rondvraag"],
    )  # fmt: skip
    assert services.meeting_types_seed(covenant=kampen) == []
    # A corrected document: the untouched types follow it, the edited one stays as the coordinator set it.
    corrected = kampen_text.replace(
        "minimaal vier maal per jaar een overleg", "minimaal vijf maal per jaar een overleg"
    )
    corrected = corrected.replace(
        "De gemeente en corporaties overleggen jaarlijks minimaal twee maal",
        "De gemeente en corporaties overleggen jaarlijks minimaal drie maal",
    )
    result = document_import(text=corrected, filename="kampen-v2.txt")
    assert "Overleg: 1 soorten overleg bijgewerkt naar het document." in result.messages
    kerngroep.refresh_from_db()
    assert (kerngroep.name, kerngroep.min_per_year, kerngroep.edited) == (
        "Kerngroep prestatieafspraken",
        6,
        True,
    )
    assert MeetingType.objects.get(covenant=kampen, key="4.1.2").min_per_year == 3
    assert MeetingType.objects.filter(covenant=kampen).count() == 10


def test_another_document_gets_its_own_meetings_or_none(db):
    text = (Path(__file__).parents[2] / "documents" / "tests" / "snippets" / "voorbeeldstad.txt").read_text()
    result = document_import(text=text, filename="voorbeeldstad.txt")
    [overleg] = MeetingType.objects.filter(covenant=result.covenant)
    assert (overleg.key, overleg.min_per_year, overleg.agreement.number) == ("2.1", 2, "2.1")
    quiet = document_import(
        text=text.replace("Voorbeeldstad", "Stilstad").replace("Partijen overleggen twee keer per jaar.", "Partijen werken samen."),
        filename="stilstad.txt",
    )  # fmt: skip
    assert not MeetingType.objects.filter(covenant=quiet.covenant).exists()
    assert not [m for m in quiet.messages if m.startswith("Overleg")]


def test_only_the_coordinator_schedules_and_manages_types(
    kampen: Covenant, kerngroep: MeetingType, reader: User, coordinator: User
):
    with pytest.raises(PermissionDenied):
        services.meeting_schedule(covenant=kampen, user=reader, meeting_type=kerngroep, date=D(2026, 3, 1))
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 3, 1),
        start_time=dt.time(10), end_time=dt.time(12), location="Stadhuis",
    )  # fmt: skip
    assert meeting.attendees.count() == 5
    assert meeting.history.first().history_user == coordinator
    with pytest.raises(ValidationError) as error:
        services.meeting_schedule(covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 3, 1),
                                  start_time=dt.time(12), end_time=dt.time(11))  # fmt: skip
    assert "De eindtijd moet na de begintijd liggen." in error.value.messages


@freeze_time("2026-06-15")
def test_a_meeting_in_the_future_cannot_be_held(kampen: Covenant, kerngroep: MeetingType, coordinator: User):
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 9, 1)
    )
    with pytest.raises(ValidationError, match="kan nog niet gehouden zijn"):
        services.meeting_update(
            meeting=meeting, user=coordinator, date=meeting.date, start_time=None, end_time=None, location="",
            status=MeetingStatus.HELD, attendees=[], attendee_names="", minutes="",
        )  # fmt: skip


@freeze_time("2026-11-27")
def test_cadence_counts_held_meetings_and_highlights_overdue_types(
    kampen: Covenant, kerngroep: MeetingType, steering: MeetingType
):
    for day in (D(2026, 2, 10), D(2026, 5, 12), D(2026, 9, 8)):
        MeetingFactory(meeting_type=kerngroep, date=day, held=True)
    MeetingFactory(meeting_type=kerngroep, date=D(2026, 12, 8))  # planned
    MeetingFactory(meeting_type=steering, date=D(2026, 4, 20), held=True)
    MeetingFactory(meeting_type=steering, date=D(2026, 10, 1), cancelled=True)
    rows = {row.meeting_type.key: row.status for row in cadence_for_year(kampen, 2026, today=D(2026, 11, 27))}
    assert (rows["5.2"].held, rows["5.2"].required, rows["5.2"].planned, rows["5.2"].overdue) == (
        3,
        4,
        1,
        False,
    )
    assert rows["5.2"].next_due == D(2026, 12, 31)
    assert (rows["5.1"].held, rows["5.1"].overdue, rows["5.1"].next_due) == (1, False, D(2026, 12, 31))
    assert rows["1.1.4"].overdue and rows["1.1.4"].next_due == D(
        2027, 1, 31
    )  # January passed, extension runs 2027
    assert rows["1.1.3"].required == 0


def test_decisions_and_actions_link_to_agreements(
    kampen: Covenant,
    kerngroep: MeetingType,
    coordinator: User,
    delta: Organisation,
    corporation_editor: User,
    beter_wonen_editor: User,
):
    meeting = MeetingFactory(meeting_type=kerngroep, date=D(2026, 3, 1), held=True)
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.5")
    decision = services.decision_record(
        meeting=meeting, user=coordinator, text="Extra woningen voor statushouders", agreement=agreement
    )
    action = services.action_create(
        covenant=kampen, user=coordinator, meeting=meeting, decision=decision, agreement=agreement,
        description="Kwartaalcijfers aanleveren", responsible=delta, due_date=D(2026, 4, 1),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.action_set_status(action=action, user=beter_wonen_editor, status=ActionStatus.DONE)
    done = services.action_set_status(
        action=action, user=corporation_editor, status=ActionStatus.DONE, on=D(2026, 3, 20)
    )
    assert done.done_on == D(2026, 3, 20)
    reopened = services.action_set_status(action=done, user=coordinator, status=ActionStatus.OPEN)
    assert reopened.done_on is None
    other = document_import(
        text=kampen.source_documents.first().text.replace("Kampen", "Elders"), filename="e.txt"
    ).covenant
    with pytest.raises(ValidationError, match="hoort niet bij dit convenant"):
        services.decision_record(
            meeting=meeting, user=coordinator, text="x", agreement=other.agreements.first()
        )
    with pytest.raises(ValidationError, match="Beschrijf de actie"):
        services.action_create(covenant=kampen, user=coordinator, description=" ", responsible=delta)


@freeze_time("2026-11-27")
def test_agenda_proposal_collects_since_the_last_meeting_and_escalated_concerns(
    kampen: Covenant,
    steering: MeetingType,
    kerngroep: MeetingType,
    coordinator: User,
    tenant_editor: User,
    delta: Organisation,
):
    MeetingFactory(meeting_type=steering, date=D(2026, 5, 1), held=True)
    autumn = MeetingFactory(meeting_type=steering, date=D(2026, 12, 10))
    agreement = Agreement.objects.get(covenant=kampen, number="2.1.1")
    concern = services.concern_raise(
        covenant=kampen,
        user=tenant_editor,
        title="Huurverhoging te hoog",
        description="…",
        agreement=agreement,
        raised_on=D(2026, 8, 1),
    )
    services.concern_raise(covenant=kampen, user=tenant_editor, title="Onderhoud traag", description="…")
    services.concern_record_step(
        concern=concern,
        user=coordinator,
        level="official",
        date=D(2026, 9, 1),
        outcome="Geen overeenstemming",
        resolved=False,
    )
    services.action_create(
        covenant=kampen,
        user=coordinator,
        description="Cijfers statushouders",
        responsible=delta,
        due_date=D(2026, 10, 1),
    )
    proposal = agenda_proposal(autumn)
    groups = {group.name: group for group in proposal.groups}
    assert proposal.since == D(2026, 5, 1) and proposal.until == D(2026, 12, 10)
    assert [p.title for p in groups["standing"].points] == [
        "Terugkoppeling: Overleg plannen gemeente en corporaties (afspraak 4.1.2)"
    ]
    assert [p.title for p in groups["escalated"].points] == ["Huurverhoging te hoog"]
    assert groups["escalated"].points[0].agreement == "2.1.1"
    assert [p.title for p in groups["meetings.concerns"].points] == ["Onderhoud traag"]
    assert "te laat" in groups["meetings.actions"].points[0].detail
    assert "31 december 2026" in groups["meetings.covenant_end"].points[0].detail
    text = proposal.as_text()
    assert (
        "## Knelpunten voor het bestuurlijk overleg (afspraak 5.9)" in text
        and "Huurverhoging te hoog (afspraak 2.1.1)" in text
    )
    # A kerngroep has no escalated group: the escalated concern is among the open ones.
    kern = MeetingFactory(meeting_type=kerngroep, date=D(2026, 12, 1))
    kern_groups = {group.name: group for group in agenda_proposal(kern).groups}
    assert "escalated" not in kern_groups
    assert {p.title for p in kern_groups["meetings.concerns"].points} == {
        "Huurverhoging te hoog",
        "Onderhoud traag",
    }


def test_sending_the_agenda_mails_the_participants_and_records_it(
    kampen: Covenant,
    kerngroep: MeetingType,
    coordinator: User,
    reader: User,
    corporation_editor: User,
    django_capture_on_commit_callbacks,
):
    coordinator.email, corporation_editor.email = "coordinator@kampen.nl", "staf@deltawonen.nl"
    coordinator.save()
    corporation_editor.save()
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 12, 1)
    )
    services.agenda_item_add(meeting=meeting, user=coordinator, title="Statushouders", outcome="besluit")
    with django_capture_on_commit_callbacks(execute=True):
        mailing = services.meeting_agenda_send(meeting=meeting, user=coordinator)
    assert mailing.recipients == ["coordinator@kampen.nl", "staf@deltawonen.nl"]
    assert len(mail.outbox) == 1 and "2. Statushouders – besluit" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Agenda Kerngroep 1 december 2026"
    assert AgendaMailing.objects.filter(meeting=meeting).count() == 1
    with pytest.raises(PermissionDenied):
        services.meeting_agenda_send(meeting=meeting, user=reader)
    with pytest.raises(ValidationError, match="De agenda is leeg"):
        services.meeting_agenda_save(meeting=meeting, user=coordinator, agenda="  ")


def test_sending_without_recipients_or_items_sends_nothing(
    kampen: Covenant, kerngroep: MeetingType, coordinator: User
):
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 12, 1)
    )
    with pytest.raises(ValidationError, match="Niemand van de deelnemende organisaties"):
        services.meeting_agenda_send(meeting=meeting, user=coordinator)
    assert not AgendaMailing.objects.exists() and not mail.outbox
    meeting.agenda_items.all().delete()
    with pytest.raises(ValidationError, match="De agenda is leeg"):
        services.meeting_agenda_send(meeting=meeting, user=coordinator)


def test_history_records_who_changed_an_action(kampen: Covenant, coordinator: User, delta: Organisation):
    action = services.action_create(
        covenant=kampen, user=coordinator, description="Monitor opstellen", responsible=delta
    )
    services.action_set_status(action=action, user=coordinator, status=ActionStatus.IN_PROGRESS)
    history = ActionItem.history.filter(id=action.pk).order_by("history_date")
    assert [h.status for h in history] == ["open", "in_progress"] and {h.history_user for h in history} == {
        coordinator
    }


def test_decisions_and_actions_link_to_a_jaarschijf_activity(kampen: Covenant, coordinator: User, kerngroep):
    plan = annual_plan_create(covenant=kampen, user=coordinator, year=2026)
    statushouders = Agreement.objects.get(covenant=kampen, number="1.3.5")
    activity = activity_create(
        plan=plan,
        user=coordinator,
        agreement=statushouders,
        title="Statushouders huisvesten volgens taakstelling",
        owners=[Organisation.objects.get(name="Gemeente Kampen")],
    )
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 9, 1)
    )
    decision = services.decision_record(
        meeting=meeting, user=coordinator, text="Extra woningen", agreement=None, activity=activity
    )
    assert decision.agreement == statushouders  # the agreement follows from the activity
    action = services.action_create(
        covenant=kampen,
        user=coordinator,
        description="Woningen aanbieden",
        responsible=Organisation.objects.get(name="deltaWonen"),
        activity=activity,
        decision=decision,
        meeting=meeting,
    )
    assert list(activity.action_items.all()) == [action] and list(activity.decisions.all()) == [decision]
    with pytest.raises(ValidationError) as error:
        services.action_create(
            covenant=kampen,
            user=coordinator,
            description="Verkeerd gekoppeld",
            responsible=Organisation.objects.get(name="deltaWonen"),
            agreement=Agreement.objects.get(covenant=kampen, number="1.1.1"),
            activity=activity,
        )
    assert "hoort bij afspraak 1.3.5" in error.value.message_dict["activity"][0]
