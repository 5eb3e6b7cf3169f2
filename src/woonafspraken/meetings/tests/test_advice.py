"""Tenant voice: requested advice with a deadline to the corporation's own tenants, and advice on the
tenant organisation's own initiative that the addressees must answer (WOHV)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.constants import Role
from woonafspraken.accounts.models import Organisation, User
from woonafspraken.accounts.tests.factories import UserFactory
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.tests.factories import plan
from woonafspraken.meetings import services
from woonafspraken.meetings.models import AdviceAnswer, AdviceRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente_editor(gemeente: Organisation) -> User:
    return UserFactory(organisation=gemeente, role=Role.EDITOR, username="gemeente-editor")


@pytest.fixture
def beter_wonen_editor(beter_wonen: Organisation) -> User:
    return UserFactory(organisation=beter_wonen, role=Role.EDITOR, username="bw-editor")


@freeze_time("2026-03-02")
def test_a_corporation_asks_its_own_tenants_within_six_weeks_and_not_another_corporations(
    kampen: Covenant, corporation_editor: User, gemeente_editor: User, cbr: Organisation, client
):
    hvgi = Organisation.objects.get(name="Huurders Vereniging groot IJsselmuiden")
    with pytest.raises(ValidationError) as refused:
        services.advice_request(covenant=kampen, user=corporation_editor, tenant_organisation=hvgi,
                                subject="Huurvoorstel", question="Graag advies")  # fmt: skip
    assert refused.value.error_dict["tenant_organisation"][0].code == "other_corporation"
    assert not AdviceRequest.objects.exists()
    asked = services.advice_request(covenant=kampen, user=corporation_editor, tenant_organisation=cbr,
                                    subject="Huurvoorstel", question="Graag advies")  # fmt: skip
    assert asked.due_date == dt.date(2026, 4, 13)  # six weeks
    services.advice_request(covenant=kampen, user=gemeente_editor, tenant_organisation=hvgi,
                            subject="Woonvisie", question="Graag advies")  # fmt: skip
    client.force_login(corporation_editor)
    form = client.get(reverse("meetings:advice_new", args=[kampen.pk])).context["form"]
    assert form["tenant_organisation"].value() == cbr.pk
    assert form["due_date"].value() == dt.date(2026, 4, 13)
    with freeze_time("2026-04-14"):
        client.force_login(corporation_editor)  # the session of six weeks ago has expired
        page = client.get(reverse("meetings:advice_list", args=[kampen.pk])).content.decode()
    assert page.count("advies is te laat") + page.count("advice overdue") == 2


@freeze_time("2026-10-01")
def test_tenants_advise_on_their_own_initiative_and_each_addressee_answers(
    kampen: Covenant, tenant_editor: User, tenant_reader: User, corporation_editor: User,
    gemeente_editor: User, beter_wonen_editor: User, cbr: Organisation, delta: Organisation,
    gemeente: Organisation, beter_wonen: Organisation,
):  # fmt: skip
    draft = plan(kampen, 2027)
    with pytest.raises(ValidationError) as refused:
        services.advice_offer(covenant=kampen, user=tenant_editor, subject="Jaarschijf 2027", advice="Meer doorstroming",
                              addressees=[beter_wonen], plan=draft)  # fmt: skip
    assert refused.value.error_dict["addressees"][0].code == "not_allowed"
    with pytest.raises(PermissionDenied):
        services.advice_offer(
            covenant=kampen, user=tenant_reader, subject="x", advice="y", addressees=[delta], plan=draft
        )
    advice = services.advice_offer(covenant=kampen, user=tenant_editor, subject="Jaarschijf 2027",
                                   advice="Meer doorstroming", addressees=[delta, gemeente], plan=draft)  # fmt: skip
    assert (advice.is_own_initiative, advice.owner, advice.advice_on) == (True, cbr, dt.date(2026, 10, 1))
    assert advice.awaits_answer
    with pytest.raises(PermissionDenied):
        services.advice_respond(request=advice, user=beter_wonen_editor, response="Niet aan ons")
    services.advice_respond(request=advice, user=corporation_editor, response="We nemen het mee")
    with pytest.raises(ValidationError) as refused:
        services.advice_respond(request=advice, user=corporation_editor, response="Nogmaals")
    assert refused.value.error_dict["response"][0].code == "answered"
    assert AdviceRequest.objects.get(pk=advice.pk).awaits_answer  # the gemeente has not answered yet
    services.advice_respond(request=advice, user=gemeente_editor, response="Akkoord", on=dt.date(2026, 10, 5))
    assert not AdviceRequest.objects.get(pk=advice.pk).awaits_answer
    assert AdviceAnswer.objects.get(advice=advice, organisation=gemeente).answered_on == dt.date(2026, 10, 5)


@freeze_time("2026-10-01")
def test_the_pages_of_advice_on_own_initiative(
    kampen: Covenant, tenant_editor: User, corporation_editor: User, delta: Organisation, gemeente: Organisation,
    client, django_assert_max_num_queries,
):  # fmt: skip
    agreement = Agreement.objects.get(covenant=kampen, number="2.1.1")
    client.force_login(tenant_editor)
    offer = reverse("meetings:advice_offer", args=[kampen.pk])
    form = client.get(offer).context["form"]
    assert set(form["addressees"].value()) == {delta.pk, gemeente.pk}  # its corporation and the gemeente
    response = client.post(offer, {"subject": "Huurbeleid", "agreement": agreement.pk, "advice": "Gematigd blijven",
                                   "addressees": [delta.pk]})  # fmt: skip
    advice = AdviceRequest.objects.get(subject="Huurbeleid")
    assert response.status_code == 302 and list(advice.addressees.all()) == [delta]
    client.force_login(corporation_editor)
    page = client.get(reverse("meetings:advice", args=[kampen.pk, advice.pk])).content.decode()
    assert 'name="reactie-response"' in page
    client.post(reverse("meetings:advice", args=[kampen.pk, advice.pk]),
                {"form": "response", "reactie-response": "Dank, we volgen het"})  # fmt: skip
    assert AdviceAnswer.objects.get(advice=advice).organisation == delta
    for n in range(3):
        services.advice_offer(covenant=kampen, user=tenant_editor, subject=f"Advies {n}", advice="z",
                              addressees=[delta, gemeente], agreement=agreement)  # fmt: skip
    with django_assert_max_num_queries(30):
        assert client.get(reverse("meetings:advice_list", args=[kampen.pk])).status_code == 200
