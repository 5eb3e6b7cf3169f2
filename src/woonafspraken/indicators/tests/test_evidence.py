"""The evidence the indicators give about the agreements (core.verdicts): provenance, as-of, honest absence."""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Iterator

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.agreements.models import Covenant
from woonafspraken.core import registry
from woonafspraken.core.registry import ComputedPoint, ComputedSeries, Registry
from woonafspraken.core.verdicts import (
    JUDGING,
    Evidence,
    Kind,
    Outcome,
    Status,
    covenant_verdicts,
    evidence_sources,
    monitor_day,
)
from woonafspraken.indicators.demo import indicators_demo_fill
from woonafspraken.indicators.evidence import collect
from woonafspraken.indicators.models import Indicator, Target
from woonafspraken.indicators.seeds import KAMPEN
from woonafspraken.indicators.services import target_adopt_reference

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TODAY = dt.date(2026, 3, 10)  # the frozen day


def evidence(covenant: Covenant, on: dt.date, number: str, code: str | None = None) -> list[Evidence]:
    found = [item for item in collect(covenant, on) if item.agreement == number]
    if code is not None:
        found = [item for item in found if item.url.endswith(f"/{code}/")]
    return found


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("¹", "")).strip()


# -- provenance ---------------------------------------------------------------------------------------------
def test_every_seeded_target_says_where_it_comes_from(kampen: Covenant):
    targets = list(Target.objects.filter(indicator__covenant=kampen).select_related("agreement", "indicator"))
    assert len(targets) == sum(len(seed.targets) for seed in KAMPEN)
    assert all(target.source.strip() for target in targets)
    assert {target.source_kind for target in targets} <= {"agreement", "reference"}
    kinds = {(target.indicator.code, target.source_kind) for target in targets}
    # The national norms the document does not state are references (issue 12).
    assert ("toewijzing.passend", "reference") in kinds
    assert ("betaalbaarheid.huurverhoging", "reference") in kinds
    assert ("duurzaamheid.labels-efg", "reference") in kinds
    assert ("betaalbaarheid.huurverhoging", "agreement") not in kinds
    themes = {theme.number: words(theme.ambition) for theme in kampen.themes.all()}
    for target in targets:
        if target.source_kind != "agreement":
            continue
        # An agreement target quotes its agreement, with its number, word for word.
        assert target.agreement is not None
        assert f"fspraak {target.agreement.number}" in target.source
        text = words(f"{target.agreement.subject} {target.agreement.text}")
        quoted = re.findall(r"'([^']+)'", target.source)
        assert quoted, target.source
        for quote in quoted:
            for part in re.split(r"\s*\(\.\.\.\)\.?\s*", words(quote)):
                assert part in text or any(part in ambition for ambition in themes.values()), part


def test_the_document_states_none_of_the_national_norms(kampen: Covenant):
    agreements = {agreement.number: words(agreement.text) for agreement in kampen.agreements.all()}
    assert "95" not in agreements["1.3.2"]
    assert not re.search(r"2,3|2,6|4,5|4,1", agreements["2.1.1"])
    assert "label" not in agreements["4.1.3"].lower() and "2029" not in agreements["4.1.3"]


# -- what the targets say ----------------------------------------------------------------------------------
def test_a_national_reference_never_judges(kampen: Covenant, enter, delta, beter):
    enter("toewijzing.passend", "2025", 94.0, organisation=delta)
    enter("toewijzing.passend", "2025", 96.5, organisation=beter)
    found = evidence(kampen, TODAY, "1.3.2", "toewijzing.passend")
    assert [(item.kind, item.outcome) for item in found] == [(Kind.TARGET, Outcome.INFO)]
    assert "94,0%" in found[0].text and "96,5%" in found[0].text
    assert found[0].source.startswith("Landelijke norm passend toewijzen")
    enter("betaalbaarheid.huurverhoging", "2025", 6.0, organisation=delta)  # above the national 4.5
    rent = evidence(kampen, TODAY, "2.1.1")
    assert rent and all(item.outcome is Outcome.INFO for item in rent)
    assert covenant_verdicts(kampen, TODAY)["2.1.1"].status is not Status.BEHIND


def test_the_co2_ambition_without_an_interim_target_cannot_be_judged(kampen: Covenant, enter, delta):
    enter("duurzaamheid.co2-reductie", "2025", 48.0, organisation=delta)
    found = evidence(kampen, TODAY, "4.1.3", "duurzaamheid.co2-reductie")
    assert [item.outcome for item in found] == [Outcome.INFO]
    assert "48,0%" in found[0].text and "2050" in found[0].text
    assert not any(item.judges for item in evidence(kampen, TODAY, "4.1.3"))


def test_adopting_a_reference_in_a_jaarschijf_makes_it_judge(
    client: Client, kampen: Covenant, enter, delta, beter, coordinator, reader
):
    enter("toewijzing.passend", "2025", 94.0, organisation=delta)
    enter("toewijzing.passend", "2025", 96.5, organisation=beter)
    reference = Target.objects.get(indicator__code="toewijzing.passend", indicator__covenant=kampen)
    with pytest.raises(PermissionDenied):
        target_adopt_reference(target=reference, year=2025, user=reader)
    adopted = target_adopt_reference(target=reference, year=2025, user=coordinator)
    assert (adopted.source_kind, adopted.first_year, adopted.last_year) == ("annual_plan", 2025, 2025)
    assert adopted.source == f"Jaarschijf 2025: overgenomen van {reference.source}"
    assert adopted.judges and not Target.objects.get(pk=reference.pk).judges
    with pytest.raises(ValidationError):
        target_adopt_reference(target=adopted, year=2025, user=coordinator)  # not a reference
    with pytest.raises(ValidationError):
        target_adopt_reference(target=reference, year=2025, user=coordinator)  # adopted already
    found = evidence(kampen, TODAY, "1.3.2", "toewijzing.passend")
    judged = [item for item in found if item.judges]
    assert [item.outcome for item in judged] == [Outcome.BEHIND]
    assert judged[0].source.startswith("Jaarschijf 2025: overgenomen van")
    assert "deltaWonen (94,0%)" in judged[0].text  # the least favourable corporation is named
    assert Outcome.INFO in [item.outcome for item in found]  # the reference stays, for comparison
    assert covenant_verdicts(kampen, TODAY)["1.3.2"].status is Status.BEHIND
    # The same through the small form on the indicator page.
    rent = Target.objects.get(indicator__code="betaalbaarheid.huurverhoging", first_year=2026)
    client.force_login(coordinator)
    page = reverse("indicators:detail", args=[kampen.pk, "betaalbaarheid.huurverhoging"])
    html = client.get(page).content.decode()
    assert f'name="reference" value="{rent.pk}"' in html  # the small form beside each reference
    response = client.post(
        reverse("indicators:targets", args=[kampen.pk, "betaalbaarheid.huurverhoging"]),
        {"reference": rent.pk, "year": 2026},
    )
    assert response.status_code == 302 and response["Location"] == page
    assert Target.objects.filter(
        indicator__code="betaalbaarheid.huurverhoging", source_kind="annual_plan", first_year=2026
    ).exists()


def test_each_corporation_is_shown_and_the_least_favourable_named(kampen: Covenant, enter, delta, beter):
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 9.5, organisation=beter)
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 16.2, organisation=delta)
    [item] = evidence(kampen, TODAY, "1.3.3")
    assert item.outcome is Outcome.BEHIND and item.kind is Kind.TARGET
    assert "Beter Wonen IJsselmuiden 9,5%" in item.text and "deltaWonen 16,2%" in item.text
    assert "deltaWonen (16,2%)" in item.text
    assert item.source.startswith("Afspraak 1.3.3: 'De vrije toewijzingsruimte")
    assert item.url == reverse("indicators:detail", args=[kampen.pk, "toewijzing.vrije-toewijzingsruimte"])
    assert item.is_demo is False


def test_a_corporation_without_a_figure_makes_a_good_result_no_data(kampen: Covenant, enter, delta):
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 12.0, organisation=delta)
    [item] = evidence(kampen, TODAY, "1.3.3")
    assert item.outcome is Outcome.NO_DATA and "Beter Wonen IJsselmuiden" in item.text


def test_no_figure_for_the_period_is_no_data_never_zero(kampen: Covenant, enter, delta, beter):
    [item] = evidence(kampen, TODAY, "1.3.3")
    assert item.outcome is Outcome.NO_DATA and "2025" in item.text
    # Last year's figures do not stand in for this year's.
    enter("toewijzing.vrije-toewijzingsruimte", "2024", 9.0, organisation=delta)
    enter("toewijzing.vrije-toewijzingsruimte", "2024", 9.0, organisation=beter)
    [item] = evidence(kampen, TODAY, "1.3.3")
    assert item.outcome is Outcome.NO_DATA and "2024" in item.text  # named as the latest figure


@pytest.fixture
def computed_series() -> Iterator[Registry[ComputedSeries]]:
    with registry.computed_series.temporarily() as series:
        yield series


def test_the_new_build_from_the_housing_figures_is_judged_there_not_twice(
    kampen: Covenant, computed_series: Registry[ComputedSeries]
):
    computed_series.unregister("housing.social_new_build")
    realised = {2022: 100, 2023: 20, 2024: 100, 2025: 60}
    computed_series.register(
        ComputedSeries(
            key="housing.social_new_build",
            label="Nieuwe sociale huurwoningen",
            unit="woningen",
            compute=lambda covenant: (
                [
                    ComputedPoint(str(year), dt.date(year, 1, 1), value, "realised")
                    for year, value in realised.items()
                ]
                + [ComputedPoint(str(year), dt.date(year, 1, 1), 80, "planned") for year in range(2022, 2027)]
            ),
        )
    )
    # The housing figures judge 1.1.2's 80 a year as they stood on each date; the indicator that shows
    # the same series is for comparison only, on every date (the cumulative arithmetic with a missing year
    # is tested in test_arithmetic).
    for day in (TODAY, dt.date(2025, 6, 30)):
        [item] = evidence(kampen, day, "1.1.2", "nieuwbouw.sociale-huur")
        assert item.outcome is Outcome.INFO and "beoordeeld" in item.text


def test_only_what_was_recorded_on_or_before_the_date_counts(kampen: Covenant, enter, delta, beter):
    with freeze_time("2025-02-15 10:00"):
        enter("toewijzing.vrije-toewijzingsruimte", "2024", 16.0, organisation=delta)
        enter("toewijzing.vrije-toewijzingsruimte", "2024", 11.0, organisation=beter)
    [before] = evidence(kampen, dt.date(2025, 2, 14), "1.3.3")
    assert before.outcome is Outcome.NO_DATA  # entered the day after
    [after] = evidence(kampen, dt.date(2025, 2, 15), "1.3.3")
    assert after.outcome is Outcome.BEHIND


def test_example_figures_are_marked_and_count_as_delivered_after_their_period(kampen: Covenant):
    indicators_demo_fill(kampen)
    [item] = evidence(kampen, monitor_day(2025), "1.3.3")
    # On 31 December 2025 the figures of 2025 were not delivered yet: 2024 is the last year judged.
    assert "2024" in item.text and item.is_demo
    assert item.outcome in JUDGING
    [nothing] = evidence(kampen, dt.date(2022, 6, 30), "1.3.3")
    assert nothing.outcome is Outcome.NO_DATA and not nothing.is_demo


# -- the plug-in ------------------------------------------------------------------------------------------
def test_registered_as_the_evidence_source_targets(kampen: Covenant):
    assert evidence_sources["targets"].collect is collect
    verdicts = covenant_verdicts(kampen, monitor_day(2025))
    assert set(verdicts) == set(kampen.agreements.values_list("number", flat=True))
    items = list(collect(kampen, monitor_day(2025)))
    assert {"1.1.2", "1.3.1", "1.3.2", "1.3.3", "1.3.5", "2.1.1", "4.1.3"} <= {
        item.agreement for item in items
    }
    # Without any figure nothing judges: no agreement is on track or behind for lack of evidence.
    assert not any(item.judges for item in items)
    assert all(item.source and item.kind is Kind.TARGET for item in items)


def test_a_constant_number_of_queries_with_or_without_figures(kampen: Covenant):
    with CaptureQueriesContext(connection) as empty:
        list(collect(kampen, monitor_day(2025)))
    indicators_demo_fill(kampen)
    with CaptureQueriesContext(connection) as full:
        items = list(collect(kampen, monitor_day(2025)))
    assert len(items) >= 8
    assert len(full.captured_queries) == len(empty.captured_queries)


def test_the_statushouders_sentence_says_what_its_numbers_mean(kampen: Covenant, enter, delta):
    # Issue 12: "23 van de 10 gehuisvest" said nothing; now: housed, to be housed, and why.
    enter("statushouders.taakstelling", "2025-H1", 20)
    enter("statushouders.taakstelling", "2025-H2", 10)
    for quarter, housed in [(1, 10), (2, 20), (3, 12), (4, 11)]:
        enter("statushouders.gehuisvest", f"2025-K{quarter}", housed, organisation=delta)
    [item] = evidence(kampen, TODAY, "1.3.5")
    assert item.outcome is Outcome.ON_TRACK
    assert not re.search(r"\d+ (van de|of) \d+ (gehuisvest|housed)", item.text)
    assert "23" in item.text and "10" in item.text  # 23 housed; the quota of 10 minus a lead of 10: 0 due


def test_the_migration_gives_existing_targets_their_provenance(kampen: Covenant, coordinator):
    provenance = importlib.import_module(
        "woonafspraken.indicators.migrations.0003_target_provenance"
    ).provenance
    targets = Target.objects.filter(indicator__covenant=kampen)
    targets.update(source_kind="agreement", source="Passend toewijzen (Woningwet): ieder jaar minstens 95 %")
    own = Target.objects.create(
        indicator=targets.first().indicator,
        kind="per_period",
        value=1,
        source="Rijksoverheid 2024",
        owner=kampen.owner,
    )
    quoted = Target.objects.create(
        indicator=targets.first().indicator,
        kind="per_period",
        value=2,
        source="Afspraak 9.9: 'iets'",
        owner=kampen.owner,
    )
    Indicator.objects.filter(code="duurzaamheid.co2-reductie").update(direction="band")
    provenance(django_apps, None)
    by_code = {target.indicator.code: target for target in Target.objects.select_related("indicator")}
    assert by_code["toewijzing.passend"].source_kind == "reference"
    assert by_code["toewijzing.passend"].source.startswith("Landelijke norm passend toewijzen")
    assert by_code["toewijzing.vrije-toewijzingsruimte"].source_kind == "agreement"
    assert by_code["duurzaamheid.labels-efg"].source_kind == "reference"
    assert Target.objects.get(pk=own.pk).source_kind == "reference"  # no agreement quoted: never judges
    assert Target.objects.get(pk=quoted.pk).source_kind == "agreement"
    assert Indicator.objects.get(code="duurzaamheid.co2-reductie").direction == "higher_is_better"
    assert not Target.objects.filter(source="").exists()
