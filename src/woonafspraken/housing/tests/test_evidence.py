"""The housing evidence for the agreements' verdicts: realised figures as recorded on a date judge, plans
are information, years without figures are 'geen gegevens'; a constant number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.tests.factories import CovenantFactory
from woonafspraken.core import registry
from woonafspraken.core.verdicts import Evidence, Kind, Outcome, Status, decide, evidence_sources
from woonafspraken.housing.constants import FigureSource, TargetKind
from woonafspraken.housing.demo import fill
from woonafspraken.housing.models import ProjectYear, Target
from woonafspraken.housing.selectors import covenant_corporations, housing_evidence, new_build_figures
from woonafspraken.housing.services import realised_update, stock_upload
from woonafspraken.housing.tests.factories import ProjectFactory, ProjectYearFactory
from woonafspraken.housing.tests.test_integration import realise
from woonafspraken.housing.tests.test_uploads import stock_csv

pytestmark = pytest.mark.django_db


def judging(evidence: list[Evidence]) -> list[Evidence]:
    return [item for item in evidence if item.judges]


def about(evidence: list[Evidence], number: str) -> list[tuple[Outcome, str]]:
    return [(item.outcome, item.text) for item in evidence if item.agreement == number]


# -- hand-made: a small covenant (2025-2028) with one target of 20 homes a year ---------------------------
@pytest.fixture
def small() -> Covenant:
    covenant = CovenantFactory(small=True)
    agreement = Agreement.objects.get(covenant=covenant, number="1.1.1")
    agreement.text = "De corporaties bouwen samen gemiddeld 20 sociale huurwoningen per jaar."
    agreement.save()
    Target.objects.create(
        covenant=covenant,
        owner=covenant.owner,
        agreement=agreement,
        kind=TargetKind.SOCIAL_NEW_BUILD,
        value=Decimal(20),
        start_year=2025,
        end_year=2028,
        quote="gemiddeld 20 sociale huurwoningen per jaar",
        source=FigureSource.DOCUMENT,
    )
    return covenant


def corporations(covenant: Covenant) -> list[Organisation]:
    return covenant_corporations(covenant)


def planned(covenant: Covenant, organisation: Organisation, year: int, homes: int) -> ProjectYear:
    project = ProjectFactory(covenant=covenant, organisation=organisation)
    return ProjectYearFactory(project=project, year=year, planned=homes)


def set_realised(row: ProjectYear, homes: int, on: str) -> None:
    with freeze_time(on):
        row.realised = homes
        row.save()


def test_only_realised_figures_recorded_by_the_date_judge(small: Covenant):
    first, second = corporations(small)
    with freeze_time("2025-01-10"):
        own = planned(small, first, 2025, 10)
        other = planned(small, second, 2025, 15)
    set_realised(own, 12, "2026-01-15")
    set_realised(other, 10, "2026-02-15")

    before = housing_evidence(small, dt.date(2025, 12, 30))
    assert judging(before) == []  # 2025 has not ended: only the plan, for comparison
    assert about(before, "1.1.1")[0] == (
        Outcome.NO_DATA,
        "Nieuwbouw sociale huurwoningen door de corporaties (gemiddeld per jaar): 20 afgesproken; "
        "nog geen jaar afgesloten sinds 2025.",
    )
    assert (
        Outcome.INFO,
        "Planning, geen realisatie: 25 gepland over vier jaar is 6,3 per jaar tegen 20 afgesproken: 55 te weinig gepland.",
    ) in about(before, "1.1.1")

    january = housing_evidence(small, dt.date(2026, 1, 31))  # one of the two has delivered
    assert judging(january) == []
    assert (
        Outcome.NO_DATA,
        f"Gerealiseerde nieuwbouw in 2025: geen gegevens; nog niet aangeleverd door {second.name}.",
    ) in about(january, "1.1.1")
    assert decide("1.1.1", january).status is Status.NOT_ASSESSABLE

    february = housing_evidence(small, dt.date(2026, 2, 28))
    [item] = judging(february)
    assert (item.outcome, item.text) == (
        Outcome.ON_TRACK,
        "Gerealiseerd in 2025: 22 woningen, 22 woningen per jaar tegen 20 afgesproken.",
    )
    assert item.kind is Kind.HOUSING and item.agreement == "1.1.1" and not item.is_demo
    assert item.source == "Afspraak 1.1.1: ‘gemiddeld 20 sociale huurwoningen per jaar’"
    assert item.url.endswith("/woningen/#doelen")
    # Each corporation's part, and the one furthest behind its own plan, named (information only).
    texts = [text for outcome, text in about(february, "1.1.1") if outcome is Outcome.INFO]
    assert f"{first.name}: 12 woningen gerealiseerd in 2025 (gepland 10)." in texts
    assert f"{second.name}: 10 woningen gerealiseerd in 2025 (gepland 15)." in texts
    assert (
        f"Verst achter op de eigen planning: {second.name}, 66,7% van de geplande woningen gerealiseerd "
        "(10 van 15)."
    ) in texts


def test_behind_and_the_term_completed(small: Covenant):
    first, _second = corporations(small)
    with freeze_time("2025-01-10"):
        rows = [planned(small, first, year, 20) for year in range(2025, 2029)]
    for row, homes in zip(rows, (20, 10, 30, 20), strict=True):
        set_realised(row, homes, f"{row.year + 1}-01-10")
    # On 31 December 2026 the figures of 2026 (entered in January 2027) are not there yet.
    [first_year] = judging(housing_evidence(small, dt.date(2026, 12, 31)))
    assert first_year.outcome is Outcome.ON_TRACK and first_year.text.startswith("Gerealiseerd in 2025:")
    [behind] = judging(housing_evidence(small, dt.date(2027, 1, 31)))
    assert behind.outcome is Outcome.BEHIND  # 30 in two years against 40
    assert behind.text.endswith("(10 minder dan 40).")
    [done] = judging(housing_evidence(small, dt.date(2029, 1, 31)))
    assert (done.outcome, done.text) == (
        Outcome.DONE,
        "Gerealiseerd in 2025 t/m 2028: 80 woningen, 20 woningen per jaar tegen 20 afgesproken.",
    )


def test_a_target_not_in_the_agreements_own_words_is_information(small: Covenant):
    target = Target.objects.get(covenant=small)
    target.quote = "30%-40%-30%"
    target.kind = TargetKind.MIDDLE_SHARE
    target.value = Decimal(40)
    target.save()
    [item] = housing_evidence(small, dt.date(2026, 6, 1))
    assert item.outcome is Outcome.INFO and "niet als afspraak vastgelegd" in item.text
    assert item.source.startswith("Ambitie thema 1 (geen afspraak)")


# -- Kampen ---------------------------------------------------------------------------------------------
def test_kampen_without_example_data_judges_nothing_on_housing(kampen: Covenant):
    evidence = housing_evidence(kampen, dt.date(2025, 12, 31))
    assert judging(evidence) == []
    assert {item.agreement for item in evidence} == {"1.1.1", "1.1.2", "1.2.1"}
    realised_years = [text for outcome, text in about(evidence, "1.1.2") if text.startswith("Gerealiseerde")]
    assert len(realised_years) == 4 and all("geen gegevens" in text for text in realised_years)
    assert not any(
        "77" in text or "228" in text for text in realised_years
    )  # the plan is not the realisation
    middle = next(item for item in evidence if item.text.startswith("Aandeel betaalbaar"))
    assert middle.outcome is Outcome.INFO  # the 30-40-30 guideline is in the ambition, not in 1.1.2
    [stock] = [item for item in evidence if item.agreement == "1.2.1"]
    assert stock.outcome is Outcome.INFO
    assert stock.text == (
        "Woningvoorraad per 1 juli 2021 van alle corporaties: 5.468 woningen "
        "(Beter Wonen IJsselmuiden 1.036, deltaWonen 4.432)."
    )
    assert stock.source.startswith(
        "Afspraak 1.2.1: ‘Jaarlijks maken de corporaties in de jaarschijf inzichtelijk"
    )
    # The indicator series: the plan as "planned", no "realised" point for a year without figures.
    points = registry.computed_series["housing.social_new_build"].compute(kampen)
    assert [p for p in points if p.series == "realised"] == []


def test_kampen_example_figures_count_from_a_month_after_their_year(kampen: Covenant):
    fill(kampen)
    on_2024 = housing_evidence(kampen, dt.date(2024, 12, 31))
    [item] = judging(on_2024)
    assert item.text.startswith("Gerealiseerd in 2022 t/m 2023:") and item.is_demo
    assert any(
        text.startswith("Gerealiseerde nieuwbouw in 2024: geen gegevens")
        for _o, text in about(on_2024, "1.1.2")
    )
    [item] = judging(housing_evidence(kampen, dt.date(2026, 12, 31)))
    assert (item.outcome, item.is_demo) == (Outcome.BEHIND, True)
    assert item.text.startswith(
        "Gerealiseerd in 2022 t/m 2025: 285 woningen, 71,3 woningen per jaar tegen 80"
    )


@freeze_time("2026-03-01")
def test_realised_figures_count_from_the_day_they_were_entered(kampen: Covenant, coordinator: User):
    realise(kampen, coordinator, 20)
    assert judging(housing_evidence(kampen, dt.date(2026, 2, 28))) == []
    [item] = judging(housing_evidence(kampen, dt.date(2026, 3, 1)))
    assert item.outcome is Outcome.BEHIND and not item.is_demo


def _count(covenant: Covenant, on: dt.date) -> int:
    with CaptureQueriesContext(connection) as context:
        housing_evidence(covenant, on)
    return len(context.captured_queries)


@freeze_time("2026-03-01")
def test_a_constant_number_of_queries(kampen: Covenant, coordinator: User):
    on = dt.date(2026, 3, 1)
    before = _count(kampen, on)
    fill(kampen)
    realise(kampen, coordinator, 20)
    for year in (2022, 2023, 2024):
        stock_upload(
            covenant=kampen, user=coordinator, content=stock_csv(date=f"01-07-{year}"), filename="v.csv"
        )
    assert _count(kampen, on) == before <= 6


def test_the_source_is_registered():
    source = evidence_sources["housing"]
    assert source.collect is housing_evidence


def test_the_series_and_the_figures_agree_on_unknown_years(kampen: Covenant, coordinator: User):
    delta = Organisation.objects.get(name="deltaWonen")
    row = ProjectYear.objects.get(project__name="Hanzewijk cluster 5", year=2023)
    with freeze_time("2026-03-01"):
        realised_update(
            covenant=kampen,
            user=coordinator,
            organisation=delta,
            year=2023,
            projects={row.project_id: 55},
            withdrawals={},
        )
    figures = new_build_figures(kampen)
    year_2023 = next(year for year in figures.social if year.year == 2023)
    assert year_2023.realised is None and year_2023.missing == ("Beter Wonen IJsselmuiden",)
    points = registry.computed_series["housing.social_new_build"].compute(kampen)
    realised = {(p.period, p.dimension): p.value for p in points if p.series == "realised"}
    assert realised == {("2023", "deltaWonen"): 55}  # no total for 2023: Beter Wonen has not delivered
