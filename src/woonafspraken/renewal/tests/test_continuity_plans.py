"""The first jaarschijf of a successor proposes the predecessor's unfinished work through the lineage."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.annual_plans.selectors import plan_proposal
from woonafspraken.annual_plans.services import annual_plan_create, progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan
from woonafspraken.renewal.services.draft import covenant_draft

pytestmark = pytest.mark.django_db

TITLE = "Prestatieafspraken Kampen 2027 – 2030"


def successor(kampen: Covenant) -> Covenant:
    return covenant_draft(source=kampen, title=TITLE, start=dt.date(2027, 1, 1), end=dt.date(2030, 12, 31))


def split(new: Covenant, number: str) -> Agreement:
    """A second part of ``number`` in the successor, sharing its predecessor (a split)."""
    first = new.agreements.get(number=number)
    part = Agreement.objects.create(
        covenant=new,
        theme=first.theme,
        section=first.section,
        number=f"{number}b",
        order=first.order,
        subject=first.subject,
        text="Het tweede deel.",
        owner=new.owner,
    )
    part.predecessors.set(first.predecessors.all())
    return part


@pytest.fixture
def old_year(kampen: Covenant, coordinator: User) -> dict[str, object]:
    """Kampen's jaarschijf 2026: unfinished work on 1.2.4, 1.3.5 and 4.1.6, and a finished one on 1.1.1."""
    with freeze_time("2026-11-27"):
        last = plan(kampen, 2026)
        started = activity(last, number="1.2.4", owner="Gemeente", title="Analyse woonwagens")
        progress_record(
            activity=started,
            user=coordinator,
            date=dt.date(2026, 6, 1),
            status="loopt",
            text="Half",
            progress_percent=50,
        )
        dropped = activity(last, number="4.1.6", owner="deltaWonen", title="Pilot warmtenet")
        divided = activity(last, number="1.3.5", owner="deltaWonen", title="Taakstelling 2026")
        done = activity(last, number="1.1.1", title="Woonvisie")
        progress_record(activity=done, user=coordinator, date=dt.date(2026, 9, 1), status="gereed", text="Ja")
    return {"started": started, "dropped": dropped, "divided": divided, "done": done}


@freeze_time("2026-12-01")
def test_the_first_jaarschijf_proposes_the_old_unfinished_work_on_the_successor_agreements(
    kampen: Covenant, coordinator: User, old_year: dict[str, object]
):
    new = successor(kampen)
    new.agreements.get(number="4.1.6").delete()  # dropped in the negotiation
    part = split(new, "1.3.5")
    new.agreements.filter(number="1.2.4").update(number="1.2.9")  # renumbered

    proposal = plan_proposal(new, 2027)
    assert proposal.from_predecessor and proposal.previous is not None
    assert proposal.previous.covenant == kampen and proposal.previous.year == 2026
    titles = [item.title for item in proposal.carry_over]
    assert titles == ["Analyse woonwagens", "Taakstelling 2026", "Besluit over de huursomstijging 2027"]
    assert [item.title for item in proposal.lapsed] == ["Pilot warmtenet"]
    started, divided = old_year["started"], old_year["divided"]
    assert proposal.destinations[started.pk].number == "1.2.9"  # type: ignore[attr-defined]
    assert proposal.destinations[divided.pk].number == "1.3.5"  # type: ignore[attr-defined]
    assert [a.number for a in proposal.also_for[divided.pk]] == [part.number]  # type: ignore[attr-defined]

    created = annual_plan_create(covenant=new, year=2027, user=coordinator, carry_over=proposal.carry_over)
    carried = created.activities.get(carried_from=started)
    assert carried.agreement.covenant == new and carried.agreement.number == "1.2.9"
    assert carried.progress_percent == 50 and carried.status == "loopt"
    assert [o.name for o in carried.owners.all()] == ["Gemeente Kampen"]
    assert created.activities.get(carried_from=divided).agreement.number == "1.3.5"
    # The old year keeps its own activities as they were (ADR 0020).
    assert started.plan.covenant == kampen and started.agreement.covenant == kampen  # type: ignore[attr-defined]
    assert plan_proposal(new, 2027).carry_over == []  # taken along once


@freeze_time("2026-12-01")
def test_an_activity_of_a_dropped_agreement_is_refused_and_nothing_is_stored(
    kampen: Covenant, coordinator: User, old_year: dict[str, object]
):
    new = successor(kampen)
    new.agreements.get(number="4.1.6").delete()
    with pytest.raises(ValidationError, match="4.1.6") as refused:
        annual_plan_create(covenant=new, year=2027, user=coordinator, carry_over=[old_year["dropped"]])
    assert refused.value.error_list[0].code == "lapsed"
    assert not new.annual_plans.exists()


@freeze_time("2026-12-01")
def test_only_the_first_jaarschijf_looks_at_the_predecessor(
    kampen: Covenant, coordinator: User, old_year: dict[str, object]
):
    new = successor(kampen)
    annual_plan_create(covenant=new, year=2027, user=coordinator)
    assert plan_proposal(new, 2028).previous.covenant == new  # type: ignore[union-attr]
    assert not plan_proposal(new, 2028).from_predecessor
    assert not plan_proposal(new, 2029).carry_over  # a gap in its own years is not bridged
    with pytest.raises(ValidationError, match="hoort niet bij jaarschijf 2028"):
        annual_plan_create(covenant=new, year=2029, user=coordinator, carry_over=[old_year["started"]])


@freeze_time("2026-12-01")
def test_the_create_page_says_where_the_work_comes_from_and_what_lapses(
    kampen: Covenant, coordinator: User, old_year: dict[str, object], client
):
    new = successor(kampen)
    new.agreements.get(number="4.1.6").delete()
    split(new, "1.3.5")
    client.force_login(coordinator)
    page = client.get(reverse("annual_plans:create", args=[new.pk]) + "?jaar=2027").content.decode()
    assert "Prestatieafspraken Kampen 2022" in page
    assert "(was 1.3.5)" in page and "1.3.5b" in page
    lapsed = page[page.index('id="lapsed-heading"') :]
    assert "‘Pilot warmtenet’" in lapsed and "4.1.6" in lapsed


@freeze_time("2026-12-01")
def test_the_create_page_does_a_constant_number_of_queries(
    kampen: Covenant, coordinator: User, old_year: dict[str, object], client
):
    new = successor(kampen)
    split(new, "1.3.5")
    client.force_login(coordinator)
    url = reverse("annual_plans:create", args=[new.pk]) + "?jaar=2027"

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    before = queries()
    last = kampen.annual_plans.get(year=2026)
    with freeze_time("2026-11-27"):
        for number in ("1.1.2", "2.2.2", "3.1.1"):
            activity(last, number=number, owner="Beter Wonen", title=f"Extra {number}")
    split(new, "2.2.2")
    assert queries() == before
