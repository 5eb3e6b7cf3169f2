"""Optimistic locking on the meetings forms (ADR 0005): two people open the same form, the first save
wins, the second is refused with a Dutch message and the first person's change shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.locking import Rows, edit_token
from woonafspraken.core.models import StaleEditError
from woonafspraken.core.tests.editing import CONFLICT_HEADING, NOT_SAVED, seen_token
from woonafspraken.meetings import services
from woonafspraken.meetings.constants import WorkKind
from woonafspraken.meetings.models import ActionItem, AdviceRequest, Concern, Meeting, MeetingType, Work
from woonafspraken.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _colleague(user: User, name: str) -> User:
    return User.objects.create_user(name, organisation=user.organisation, role=user.role, first_name=name)


def _clients(*users: User) -> list[Client]:
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


def _refused(response, *, kept: str, shown: str) -> str:
    """The page after a stale save: the message, the other's value and the user's own input."""
    page = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT_HEADING in page and NOT_SAVED in page and "gewijzigd door" in page
    assert f"<ins>{shown}</ins>" in page, shown
    assert kept in page, kept
    return page


def test_meeting_type_edit(kampen: Covenant, coordinator: User, kerngroep: MeetingType):
    first, second = _clients(coordinator, _colleague(coordinator, "Tweede"))
    url = reverse("meetings:type_edit", args=[kampen.pk, kerngroep.pk])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))
    form = {"name": kerngroep.name, "min_per_year": "4", "windows": kerngroep.windows, "is_active": "on"}

    assert first.post(url, {**form, "wijk": "Brunnepe", "edit_token": token_first}).status_code == 302
    response = second.post(url, {**form, "wijk": "Flevowijk", "edit_token": token_second})

    _refused(response, kept='value="Flevowijk"', shown="Brunnepe")
    assert MeetingType.objects.get(pk=kerngroep.pk).wijk == "Brunnepe"


@freeze_time("2026-11-27 10:00")
def test_meeting_edit(kampen: Covenant, coordinator: User, kerngroep: MeetingType):
    meeting = MeetingFactory(meeting_type=kerngroep, date=D(2026, 11, 2))
    first, second = _clients(coordinator, _colleague(coordinator, "Tweede"))
    url = reverse("meetings:meeting_edit", args=[kampen.pk, meeting.pk])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))
    form = {"date": "2026-11-02", "status": "held", "location": "Stadhuis"}

    assert first.post(url, {**form, "minutes": "Verslag van A", "edit_token": token_first}).status_code == 302
    response = second.post(url, {**form, "minutes": "Verslag van B", "edit_token": token_second})

    _refused(response, kept="Verslag van B</textarea>", shown="Verslag van A")
    assert Meeting.objects.get(pk=meeting.pk).minutes == "Verslag van A"


def test_meeting_agenda_item(kampen: Covenant, coordinator: User, kerngroep: MeetingType):
    meeting = MeetingFactory(meeting_type=kerngroep, date=D(2099, 3, 1))
    item = services.agenda_item_add(meeting=meeting, user=coordinator, title="Opening")
    first, second = _clients(coordinator, _colleague(coordinator, "Tweede"))
    url = reverse("meetings:meeting_agenda", args=[kampen.pk, meeting.pk])
    edit = f"{url}?wijzig={item.pk}"
    token_first = seen_token(first.get(edit), "punt-edit_token")
    token_second = seen_token(second.get(edit), "punt-edit_token")
    form = {"form": "edit", "item": item.pk, "punt-outcome": "bespreken"}

    saved = first.post(url, {**form, "punt-title": "Opening door A", "punt-edit_token": token_first})
    assert saved.status_code == 302
    response = second.post(url, {**form, "punt-title": "Opening door B", "punt-edit_token": token_second})

    _refused(response, kept='value="Opening door B"', shown="Opening door A")
    item.refresh_from_db()
    assert item.title == "Opening door A"


@freeze_time("2026-11-27 10:00")
def test_action_status(kampen: Covenant, coordinator: User, corporation_editor: User, delta: Organisation):
    action = services.action_create(
        covenant=kampen, user=coordinator, description="Wachtlijst uitzoeken", responsible=delta
    )
    first, second = _clients(coordinator, corporation_editor)
    url = reverse("meetings:action_status", args=[kampen.pk, action.pk])
    actions = reverse("meetings:actions", args=[kampen.pk])
    token_first, token_second = seen_token(first.get(actions)), seen_token(second.get(actions))

    assert first.post(url, {"status": "done", "edit_token": token_first}).status_code == 302
    response = second.post(url, {"status": "in_progress", "next": actions, "edit_token": token_second})

    page = _refused(response, kept='<option value="in_progress" selected>', shown="gereed")
    assert f'href="{actions}"' in page
    assert ActionItem.objects.get(pk=action.pk).status == "done"


def test_concern_step_and_withdraw(kampen: Covenant, coordinator: User, municipality_editor: User):
    concern = services.concern_raise(
        covenant=kampen,
        user=municipality_editor,
        title="Wachttijd",
        description="Loopt op",
        raised_on=D(2026, 1, 5),
    )
    first, second = _clients(coordinator, municipality_editor)
    url = reverse("meetings:concern", args=[kampen.pk, concern.pk])
    token_first = seen_token(first.get(url), "stap-edit_token")
    page_second = second.get(url)
    token_second, withdraw_token = (
        seen_token(page_second, "stap-edit_token"),
        seen_token(page_second, "edit_token"),
    )
    step = {"form": "step", "stap-level": "official", "stap-date": "2026-02-01"}

    done = first.post(
        url, {**step, "stap-outcome": "Opgelost", "stap-resolved": "on", "stap-edit_token": token_first}
    )
    assert done.status_code == 302
    response = second.post(
        url, {**step, "stap-outcome": "Nog niet opgelost", "stap-edit_token": token_second}
    )

    page = _refused(response, kept="Nog niet opgelost</textarea>", shown="Opgelost")
    assert '<details class="app-card" open>' in page  # resolved meanwhile, the user's text is still there
    assert Concern.objects.get(pk=concern.pk).stage == "resolved"
    assert Concern.objects.get(pk=concern.pk).steps.count() == 1

    withdrawn = second.post(url, {"form": "withdraw", "edit_token": withdraw_token}, follow=True)
    assert NOT_SAVED in withdrawn.content.decode()
    assert Concern.objects.get(pk=concern.pk).stage != "withdrawn"


def test_work_edit_and_delete(kampen: Covenant, corporation_editor: User):
    work = services.work_register(
        covenant=kampen, user=corporation_editor, kind=WorkKind.RENOVATION, title="Renovatie Rozenstraat",
        wijk="Flevowijk", streets=["Rozenstraat"], start_date=D(2026, 3, 1), end_date=D(2026, 9, 1),
    )  # fmt: skip
    first, second = _clients(corporation_editor, _colleague(corporation_editor, "Tweede"))
    url = reverse("meetings:work_edit", args=[kampen.pk, work.pk])
    token_first, token_second = seen_token(first.get(url)), seen_token(second.get(url))
    form = {"kind": "renovation", "title": "Renovatie Rozenstraat", "wijk": "Flevowijk", "streets": "Rozenstraat",
            "start_date": "2026-03-01"}  # fmt: skip

    assert first.post(url, {**form, "end_date": "2026-12-01", "edit_token": token_first}).status_code == 302
    response = second.post(url, {**form, "end_date": "2026-10-01", "edit_token": token_second})
    _refused(response, kept='value="2026-10-01"', shown="1 december 2026")
    assert Work.objects.get(pk=work.pk).end_date == D(2026, 12, 1)

    removed = second.post(url, {"delete": "1", "edit_token": token_second})
    _refused(removed, kept="Renovatie Rozenstraat", shown="1 december 2026")
    assert Work.objects.filter(pk=work.pk).exists()


def _advice(kampen: Covenant, corporation_editor: User, cbr: Organisation) -> AdviceRequest:
    return services.advice_request(
        covenant=kampen, user=corporation_editor, tenant_organisation=cbr, subject="Huurvoorstel 2027",
        question="Graag advies", due_date=D(2099, 1, 1),
    )  # fmt: skip


def test_advice_give(kampen: Covenant, corporation_editor: User, tenant_editor: User, cbr: Organisation):
    advice = _advice(kampen, corporation_editor, cbr)
    first, second = _clients(tenant_editor, _colleague(tenant_editor, "Tweede"))
    url = reverse("meetings:advice", args=[kampen.pk, advice.pk])
    token_first = seen_token(first.get(url), "advies-edit_token")
    token_second = seen_token(second.get(url), "advies-edit_token")

    given = first.post(
        url, {"form": "advice", "advies-advice": "Advies van A", "advies-edit_token": token_first}
    )
    assert given.status_code == 302
    response = second.post(
        url, {"form": "advice", "advies-advice": "Advies van B", "advies-edit_token": token_second}
    )

    _refused(response, kept="Advies van B</textarea>", shown="Advies van A")
    assert AdviceRequest.objects.get(pk=advice.pk).advice == "Advies van A"


def test_advice_respond(kampen: Covenant, corporation_editor: User, tenant_editor: User, cbr: Organisation):
    advice = _advice(kampen, corporation_editor, cbr)
    services.advice_give(request=advice, user=tenant_editor, advice="Eerste advies")
    first, second = _clients(corporation_editor, _colleague(corporation_editor, "Tweede"))
    url = reverse("meetings:advice", args=[kampen.pk, advice.pk])
    token_first = seen_token(first.get(url), "reactie-edit_token")
    token_second = seen_token(second.get(url), "reactie-edit_token")

    answered = first.post(
        url, {"form": "response", "reactie-response": "Reactie A", "reactie-edit_token": token_first}
    )
    assert answered.status_code == 302
    response = second.post(
        url, {"form": "response", "reactie-response": "Reactie B", "reactie-edit_token": token_second}
    )

    _refused(response, kept="Reactie B</textarea>", shown="Reactie A")
    assert AdviceRequest.objects.get(pk=advice.pk).response == "Reactie A"


# -- services --------------------------------------------------------------------------------------------


def test_services_without_expected_keep_working(kampen: Covenant, coordinator: User, kerngroep: MeetingType):
    meeting = MeetingFactory(meeting_type=kerngroep, date=D(2099, 3, 1))
    seen = edit_token(Rows.of(meeting))
    services.meeting_agenda_save(meeting=meeting, user=coordinator, agenda="Door de console")
    with pytest.raises(StaleEditError) as caught:
        services.meeting_agenda_save(meeting=meeting, user=coordinator, agenda="Oud", expected=seen)
    assert caught.value.changes[0].fields[0].new == "Door de console"
    services.meeting_agenda_save(
        meeting=meeting, user=coordinator, agenda="Nieuw", expected=caught.value.token
    )
    assert Meeting.objects.get(pk=meeting.pk).agenda == "Nieuw"


def test_only_the_fields_a_form_writes_count(kampen: Covenant, coordinator: User, kerngroep: MeetingType):
    """The agenda and the record of a meeting are different forms: one does not block the other."""
    meeting = MeetingFactory(meeting_type=kerngroep, date=D(2026, 3, 1))
    seen = edit_token(Rows.of(meeting))
    services.meeting_agenda_save(meeting=meeting, user=coordinator, agenda="Agenda")
    services.meeting_update(
        meeting=meeting, user=coordinator, date=D(2026, 3, 2), start_time=None, end_time=None, location="",
        status="planned", attendees=[], attendee_names="", minutes="", expected=seen,
    )  # fmt: skip
    assert Meeting.objects.get(pk=meeting.pk).date == D(2026, 3, 2)


def test_a_save_that_changed_nothing_is_no_conflict(kampen: Covenant, coordinator: User, delta: Organisation):
    action = services.action_create(
        covenant=kampen, user=coordinator, description="Uitzoeken", responsible=delta
    )
    seen = edit_token(Rows.of(action))
    services.action_set_status(action=action, user=coordinator, status=action.status)
    services.action_set_status(action=action, user=coordinator, status="done", expected=seen)
    assert ActionItem.objects.get(pk=action.pk).status == "done"
