"""Example data (flagged, banner, idempotent, never mixed with real plans), panels and the agenda source."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.annual_plans import demo
from woonafspraken.annual_plans.constants import ActivityStatus
from woonafspraken.annual_plans.models import Activity, AnnualPlan, Comment, ProgressUpdate
from woonafspraken.annual_plans.services import progress_record
from woonafspraken.annual_plans.tests.factories import activity, plan
from woonafspraken.core.registry import agenda_sources

pytestmark = pytest.mark.django_db


@freeze_time("2026-11-27 10:00")
def test_demo_fills_2022_to_2026_flagged_and_only_once(client: Client, kampen: Covenant, reader: User):
    written = demo.fill(kampen)
    assert written > 100
    plans = AnnualPlan.objects.filter(covenant=kampen).order_by("year")
    assert [(p.year, p.state) for p in plans] == [
        (2022, "afgesloten"), (2023, "afgesloten"), (2024, "afgesloten"), (2025, "afgesloten"), (2026, "vastgesteld")
    ]  # fmt: skip
    assert all(p.is_demo for p in plans)
    assert not Activity.objects.filter(is_demo=False).exists()
    assert (
        not ProgressUpdate.objects.filter(is_demo=False).exists()
        and Comment.objects.filter(is_demo=True).exists()
    )
    assert Activity.objects.filter(carried_from__isnull=False).exists()  # unfinished work went along
    assert demo.present(kampen)
    assert demo.fill(kampen) == 0  # idempotent
    # Done is 100% and 100% is done (the rule of progress_record), the numbers too: never 'gereed' at 90%.
    done = Activity.objects.filter(status=ActivityStatus.DONE)
    assert done.exists() and not done.exclude(progress_percent=100).exists()
    assert not Activity.objects.filter(progress_percent=100).exclude(status=ActivityStatus.DONE).exists()
    assert all(a.achieved_quantity >= a.target_quantity for a in done.exclude(achieved_quantity=None))
    client.force_login(reader)
    html = client.get(reverse("annual_plans:plan", args=[kampen.pk, 2026])).content.decode()
    assert "Voorbeeldgegevens" in html and "voorbeeld" in html


def test_demo_never_mixes_with_a_real_plan(kampen: Covenant):
    plan(kampen, 2024)
    assert demo.fill(kampen) == 0
    assert not demo.present(kampen)


@freeze_time("2026-08-01 10:00")
def test_home_panel_and_agenda_source(client: Client, kampen: Covenant, coordinator: User):
    year = plan(kampen, 2026)
    late = activity(year, number="1.3.5", title="Taakstelling H1", quarter=2)
    activity(year, number="4.1.3", title="Isoleren", quarter=4)
    client.force_login(coordinator)
    html = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    assert "Volgende Woningwet-mijlpaal" in html and "15 december 2026" in html
    assert "Activiteiten die achterlopen" in html
    nav = client.get(reverse("annual_plans:index", args=[kampen.pk])).content.decode()
    assert (
        f'href="/convenanten/{kampen.pk}/jaarschijf/"' in nav
        and f'href="/convenanten/{kampen.pk}/rapportages/"' in nav
    )
    source = agenda_sources["annual_plans.behind"]
    assert source.heading == "Activiteiten die achterlopen"
    points = source.collect(kampen, dt.date(2026, 5, 1), dt.date(2026, 8, 1))
    assert [p.agreement for p in points] == ["1.3.5"] and "gepland voor K2 2026" in points[0].detail
    assert "nieuw sinds 1 mei 2026" in points[0].detail
    assert "nieuw sinds" not in source.collect(kampen, dt.date(2026, 7, 1), dt.date(2026, 8, 1))[0].detail
    assert points[0].url.endswith(f"/activiteiten/{late.pk}/")
    progress_record(activity=late, user=coordinator, date=dt.date(2026, 7, 30), status="gereed", text="Klaar")
    assert source.collect(kampen, None, dt.date(2026, 8, 1)) == []
