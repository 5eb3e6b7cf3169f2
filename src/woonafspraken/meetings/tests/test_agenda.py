"""The agenda that prepares itself: the template per kind of meeting and season, structured agenda items
(added, moved, removed, suggested without duplicates) and the recipients shown before sending."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans.tests.factories import plan
from woonafspraken.core.verdicts import Status, covenant_verdicts
from woonafspraken.meetings import services
from woonafspraken.meetings.agenda import agenda_suggestion
from woonafspraken.meetings.agenda_templates import Template, template_for
from woonafspraken.meetings.constants import AgendaOutcome
from woonafspraken.meetings.exports import calendar_file
from woonafspraken.meetings.models import AgendaItem, MeetingType
from woonafspraken.meetings.tests.factories import MeetingFactory

D = dt.date


@pytest.mark.parametrize(
    ("is_steering", "windows", "day", "template"),
    [
        (True, ["spring", "autumn"], D(2026, 3, 12), Template.SPRING),
        (True, ["spring", "autumn"], D(2026, 6, 30), Template.SPRING),
        (True, ["spring", "autumn"], D(2026, 7, 1), Template.AUTUMN),
        (True, [], D(2026, 11, 24), Template.AUTUMN),  # a bestuurlijk overleg without periods
        (False, ["spring", "autumn"], D(2026, 10, 1), Template.AUTUMN),  # periods as 5.1 reads
        (False, ["autumn"], D(2026, 10, 1), Template.DEFAULT),
        (False, [], D(2026, 3, 1), Template.DEFAULT),  # a kerngroep
    ],
)
def test_the_template_follows_from_the_kind_of_meeting_and_its_date(is_steering, windows, day, template):
    assert template_for(is_steering=is_steering, windows=windows, day=day) is template


@pytest.mark.django_db
@freeze_time("2026-11-27 10:00")
def test_the_autumn_2026_suggestion_adopts_jaarschijf_2027_by_15_december_and_lists_agreements_behind(
    kampen: Covenant, steering: MeetingType
):
    MeetingFactory(meeting_type=steering, date=D(2026, 10, 1), held=True)  # no spring meeting: 5.1 behind
    meeting = MeetingFactory(meeting_type=steering, date=D(2026, 12, 10))
    suggestion = agenda_suggestion(meeting, today=D(2026, 11, 27))
    assert suggestion.template is Template.AUTUMN
    by_key = {item.key: item for item in suggestion.items}
    adopt = by_key["jaarschijf:2027"]
    assert adopt.title == "Vaststellen jaarschijf 2027" and adopt.outcome == AgendaOutcome.DECISION
    assert adopt.annual_plan is None
    assert "moet nog worden opgesteld" in adopt.notes and "15 december 2026" in adopt.notes
    behind = {item.agreement.number for item in suggestion.items if item.key.startswith("afspraak:")}
    verdicts = covenant_verdicts(kampen, D(2026, 11, 27))
    assert behind == {number for number, v in verdicts.items() if v.status is Status.BEHIND}
    assert "5.1" in behind
    # Once jaarschijf 2027 exists, the item links to it.
    plan_2027 = plan(kampen, 2027)
    adopt = next(i for i in agenda_suggestion(meeting, today=D(2026, 11, 27)).items if i.key == adopt.key)
    assert adopt.annual_plan == plan_2027 and "15 december 2026" in adopt.notes


@pytest.mark.django_db
def test_the_spring_suggestion_looks_back_on_the_year_before(kampen: Covenant, steering: MeetingType):
    plan(kampen, 2025)
    meeting = MeetingFactory(meeting_type=steering, date=D(2026, 4, 15))
    suggestion = agenda_suggestion(meeting, today=D(2026, 3, 1))
    assert suggestion.template is Template.SPRING
    titles = [item.title for item in suggestion.items]
    assert "Monitor prestatieafspraken 2025" in titles and "Resultaten jaarschijf 2025" in titles
    assert not any(title.startswith("Vaststellen jaarschijf") for title in titles)


@pytest.mark.django_db
@freeze_time("2026-11-27 10:00")
def test_items_are_added_moved_removed_and_suggested_once(
    kampen: Covenant, steering: MeetingType, coordinator: User, reader: User
):
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=steering, date=D(2026, 12, 10)
    )
    standing = list(meeting.agenda_items.values_list("title", flat=True))
    assert standing == steering.standing_items
    added = services.agenda_suggest(meeting=meeting, user=coordinator)
    assert added and "Vaststellen jaarschijf 2027" in [item.title for item in added]
    count = meeting.agenda_items.count()
    assert services.agenda_suggest(meeting=meeting, user=coordinator) == []  # nothing twice
    assert meeting.agenda_items.count() == count

    rondvraag = services.agenda_item_add(meeting=meeting, user=coordinator, title="Rondvraag")
    assert rondvraag.position == count + 1
    moved = services.agenda_item_move(item=rondvraag, user=coordinator, direction="up")
    assert moved.position == count
    first = meeting.agenda_items.order_by("position").first()
    services.agenda_item_remove(item=first, user=coordinator)
    positions = list(meeting.agenda_items.order_by("position").values_list("position", flat=True))
    assert positions == list(range(1, count + 1))
    removal = AgendaItem.history.filter(id=first.pk, history_type="-").get()
    assert removal.history_user == coordinator
    back = services.agenda_item_restore(meeting=meeting, user=coordinator, history_id=removal.history_id)
    assert (back.pk, back.title, back.position) == (first.pk, first.title, count + 1)
    with pytest.raises(ValidationError, match="kan niet worden teruggezet"):
        services.agenda_item_restore(meeting=meeting, user=coordinator, history_id=removal.history_id)
    services.agenda_item_remove(item=back, user=coordinator)

    before = list(meeting.agenda_items.values_list("pk", "title", "position"))
    with pytest.raises(ValidationError) as refused:
        services.agenda_item_add(meeting=meeting, user=coordinator, title="  ", outcome="stemmen")
    assert set(refused.value.message_dict) == {"title", "outcome"}
    with pytest.raises(PermissionDenied):
        services.agenda_item_add(meeting=meeting, user=reader, title="Van een lezer")
    with pytest.raises(PermissionDenied):
        services.agenda_suggest(meeting=meeting, user=reader)
    assert list(meeting.agenda_items.values_list("pk", "title", "position")) == before


@pytest.mark.django_db
@freeze_time("2026-11-27 10:00")
def test_the_agenda_page_shows_the_recipients_before_sending(
    client: Client, kampen: Covenant, kerngroep: MeetingType, coordinator: User, reader: User
):
    meeting = services.meeting_schedule(
        covenant=kampen, user=coordinator, meeting_type=kerngroep, date=D(2026, 12, 1)
    )
    url = reverse("meetings:meeting_agenda", args=[kampen.pk, meeting.pk])
    client.force_login(coordinator)
    html = client.get(url).content.decode()
    assert "Er is niemand om de agenda naar te sturen" in html
    assert 'disabled aria-describedby="no-recipients">Agenda versturen' in html
    coordinator.email, coordinator.first_name, coordinator.last_name = "beleid@kampen.nl", "Anna", "Smit"
    coordinator.save()
    html = client.get(url).content.decode()
    assert "Anna Smit (Gemeente Kampen) – beleid@kampen.nl" in html
    assert ">Agenda versturen" in html and "no-recipients" not in html

    response = client.post(url, {"form": "add", "punt-title": "Statushouders", "punt-outcome": "besluit"})
    assert response.status_code == 302
    item = meeting.agenda_items.get(title="Statushouders")
    ics = calendar_file(kampen, 2026).decode()
    assert "Statushouders – besluit" in ics.replace("\r\n ", "")

    meeting.agenda = "- Opening (oude agendatekst)"
    meeting.save()
    html = client.get(reverse("meetings:meeting", args=[kampen.pk, meeting.pk])).content.decode()
    assert "Vrije tekst" in html and "Opening (oude agendatekst)" in html and "Statushouders" in html

    client.force_login(reader)
    assert client.post(url, {"form": "remove", "item": item.pk}).status_code == 403
    assert meeting.agenda_items.filter(pk=item.pk).exists()
