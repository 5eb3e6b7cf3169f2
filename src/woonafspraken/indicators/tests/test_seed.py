"""Seeding the registry from the agreements: on import, idempotent, and only where the agreement exists."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Covenant
from woonafspraken.core import registry
from woonafspraken.documents.services import document_import
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.seeds import KAMPEN
from woonafspraken.indicators.services import indicators_seed

pytestmark = pytest.mark.django_db


def target(covenant: Covenant, code: str) -> Target:
    return Target.objects.select_related("agreement").get(indicator__covenant=covenant, indicator__code=code)


def test_importing_kampen_seeds_every_indicator_linked_to_its_agreements(kampen: Covenant):
    indicators = Indicator.objects.filter(covenant=kampen)
    assert indicators.count() == len(KAMPEN) == 23
    links = {
        i.code: sorted(a.number for a in i.agreements.all())
        for i in indicators.prefetch_related("agreements")
    }
    assert links["toewijzing.slaagkans"] == ["1.3.1"]
    assert links["toewijzing.vrije-toewijzingsruimte"] == ["1.3.3"]
    assert links["statushouders.achterstand"] == ["1.3.5"]
    assert links["duurzaamheid.co2-reductie"] == ["4.1.3"]
    assert links["betaalbaarheid.huurverhoging"] == ["2.1.1"]
    assert links["betaalbaarheid.vroegsignalen"] == ["2.2.2"]
    assert links["nieuwbouw.sociale-huur"] == ["1.1.2"]
    slaagkans = indicators.get(code="toewijzing.slaagkans")
    assert slaagkans.theme.number == 1 and slaagkans.dimension == "allocation_module"
    corporations = set(Indicator.objects.get(covenant=kampen, code="toewijzing.passend").delivered_by.all())
    assert corporations == set(Organisation.objects.corporations())
    quota_by = Indicator.objects.get(covenant=kampen, code="statushouders.taakstelling").delivered_by.get()
    assert quota_by.name == "Gemeente Kampen"


def test_targets_from_the_document_are_data_linked_to_their_agreement(kampen: Covenant):
    waiting = target(kampen, "toewijzing.wachttijd-wens")
    assert (waiting.kind, waiting.value, waiting.period, waiting.agreement.number) == (
        "benchmark",
        Decimal("2.4"),
        "year",
        "1.3.1",
    )
    assert "2,4 jaar" in waiting.source
    free = target(kampen, "toewijzing.vrije-toewijzingsruimte")
    assert (free.kind, free.value, free.applies_to, free.agreement.number) == (
        "per_period",
        15,
        "each",
        "1.3.3",
    )
    suitable = target(kampen, "toewijzing.passend")
    assert (suitable.value, suitable.agreement.number) == (95, "1.3.2")
    co2 = target(kampen, "duurzaamheid.co2-reductie")
    assert (co2.kind, co2.value, co2.upper, co2.baseline_year, co2.goal_year) == ("band", 80, 95, 1990, 2050)
    labels = target(kampen, "duurzaamheid.labels-efg")
    assert (labels.value, labels.first_year, labels.agreement.number) == (0, 2029, "4.1.3")
    new_build = target(kampen, "nieuwbouw.sociale-huur")
    assert (new_build.kind, new_build.value, new_build.first_year, new_build.agreement.number) == (
        "cumulative",
        80,
        2022,
        "1.1.2",
    )
    backlog = target(kampen, "statushouders.achterstand")
    assert (backlog.kind, backlog.value, backlog.agreement.number) == ("backlog", 0, "1.3.5")
    rents = Target.objects.filter(indicator__covenant=kampen, indicator__code="betaalbaarheid.huurverhoging")
    assert sorted(rents.values_list("first_year", flat=True)) == [
        2022,
        2023,
        2025,
        2026,
    ]  # 2024: entered by hand


def test_seeding_again_changes_nothing_and_keeps_a_coordinators_edits(kampen: Covenant):
    indicator = Indicator.objects.get(covenant=kampen, code="toewijzing.passend")
    indicator.name = "Passend toegewezen (eigen naam)"
    indicator.save()
    result = indicators_seed(covenant=kampen)
    assert (result.created, result.targets, result.existing) == (0, 0, 23)
    assert Indicator.objects.get(pk=indicator.pk).name == "Passend toegewezen (eigen naam)"
    assert Target.objects.filter(indicator__covenant=kampen).count() == 11


def test_a_corrected_document_runs_the_hook_again_without_duplicates(kampen: Covenant, kampen_text: str):
    result = document_import(text=kampen_text.replace("Definitief concept", "Definitief"), filename="v2.txt")
    assert result.covenant == kampen and result.changes > 0
    assert Indicator.objects.filter(covenant=kampen).count() == 23
    assert not any("Indicatoren" in message for message in result.messages)


def test_the_hook_is_registered_and_reports_what_it_created(db, kampen_text: str):
    hook = registry.import_hooks["indicators"]
    assert hook.order == 20
    result = document_import(text=kampen_text.replace("Kampen", "Hookstad"), filename="hookstad.txt")
    assert any("23 aangemaakt" in message and "11 doelen" in message for message in result.messages)


def test_only_agreements_that_say_what_the_indicator_is_about_get_one(db, kampen_text: str):
    """Another document with the same numbers but other content: no indicator is linked to the wrong promise."""
    other = kampen_text.replace("Kampen", "Andersstad")
    other = re.sub("statushouders", "nieuwkomers", other, flags=re.IGNORECASE)
    other = re.sub("slaagkans", "kans", other, flags=re.IGNORECASE)
    covenant = document_import(text=other, filename="andersstad.txt").covenant
    codes = set(Indicator.objects.filter(covenant=covenant).values_list("code", flat=True))
    assert not any(code.startswith("statushouders.") for code in codes)
    assert "toewijzing.slaagkans" not in codes and "toewijzing.wachttijd-wens" not in codes
    assert "toewijzing.vrije-toewijzingsruimte" in codes  # 1.3.3 is still about the vrije toewijzingsruimte
    result = indicators_seed(covenant=covenant)
    assert "statushouders.gehuisvest" in result.skipped and result.created == 0


def test_a_covenant_without_these_agreements_gets_nothing_and_nothing_fails(kampen: Covenant, gemeente):
    empty = Covenant.objects.create(
        title="Leeg convenant",
        municipality="Leegstad",
        start_date="2024-01-01",
        end_date="2028-12-31",
        owner=gemeente,
    )
    result = indicators_seed(covenant=empty)
    assert result.created == 0 and len(result.skipped) == 23
    assert not Indicator.objects.filter(covenant=empty).exists()


def test_seed_command_for_a_covenant_imported_before_the_app_existed(kampen: Covenant):
    Indicator.objects.filter(covenant=kampen).delete()
    out = io.StringIO()
    call_command("seed_indicators", "--covenant", str(kampen.pk), stdout=out)
    assert "23 indicatoren aangemaakt met 11 doelen" in out.getvalue()
    out = io.StringIO()
    call_command("seed_indicators", stdout=out)
    assert "0 indicatoren aangemaakt" in out.getvalue() and "23 bestonden al" in out.getvalue()
