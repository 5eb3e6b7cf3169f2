"""Entering figures: who may, what is checked, the history; bulk import with row-level Dutch errors."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from freezegun import freeze_time
from openpyxl import load_workbook

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.tabular import TabularImportError, write_csv, write_xlsx
from woonafspraken.indicators.arithmetic import Period
from woonafspraken.indicators.models import Indicator, Observation, Target
from woonafspraken.indicators.selectors import indicator_by_code, template_rows
from woonafspraken.indicators.services import (
    figures_sheet,
    observation_record,
    observations_import,
    target_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def indicator(covenant: Covenant, code: str) -> Indicator:
    return Indicator.objects.select_related("covenant").get(covenant=covenant, code=code)


def record(covenant, code, user, period, values, organisation=None, **kwargs):
    return observation_record(
        indicator=indicator(covenant, code),
        user=user,
        period=period,
        values={key: Decimal(str(value)) for key, value in values.items()},
        organisation=organisation,
        **kwargs,
    )


# -- who may enter -------------------------------------------------------------------------------------
def test_a_corporation_editor_enters_its_own_figure_and_is_recorded(
    kampen: Covenant, corporation_editor: User, delta: Organisation
):
    result = record(
        kampen, "toewijzing.vrije-toewijzingsruimte", corporation_editor, "2025", {"": 12.5}, delta
    )
    assert (result.created, result.updated) == (1, 0)
    observation = Observation.objects.get()
    assert observation.value == Decimal("12.5")
    assert observation.entered_by == corporation_editor and observation.owner == delta
    assert observation.source == "Verantwoording toewijzingen corporatie"  # the indicator's usual source
    assert observation.history.get().history_user == corporation_editor


def test_an_editor_cannot_enter_another_corporations_figure(
    kampen: Covenant, corporation_editor: User, beter: Organisation
):
    with pytest.raises(PermissionDenied, match="Beter Wonen"):
        record(kampen, "toewijzing.vrije-toewijzingsruimte", corporation_editor, "2025", {"": 12}, beter)
    assert not Observation.objects.exists()


@pytest.mark.parametrize("who", ["tenant_editor", "tenant_coordinator", "reader", "gemeente_editor"])
def test_tenants_readers_and_non_delivering_editors_cannot_enter(kampen: Covenant, request, who: str):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        record(kampen, "toewijzing.toewijzingen", user, "2025-K4", {"wens": 80})
    assert not Observation.objects.exists()


def test_the_coordinator_enters_for_any_organisation_and_the_gemeente_its_quota(
    kampen: Covenant, coordinator: User, gemeente_editor: User, beter: Organisation
):
    record(kampen, "statushouders.gehuisvest", coordinator, "2025-K4", {"": 6}, beter)
    record(kampen, "statushouders.taakstelling", gemeente_editor, "2026-H1", {"": 21})
    assert Observation.objects.count() == 2


def test_a_correction_updates_and_keeps_the_history(kampen: Covenant, corporation_editor: User, delta):
    record(kampen, "toewijzing.toewijzingen", corporation_editor, "2025-K4", {"wens": 80, "spoed": 20})
    result = record(
        kampen, "toewijzing.toewijzingen", corporation_editor, "2025-K4", {"wens": 82, "spoed": 20}
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    wens = Observation.objects.get(dimension="wens")
    assert [h.value for h in wens.history.order_by("history_date")] == [Decimal("80"), Decimal("82")]


# -- what is checked ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "period", "values", "message"),
    [
        ("toewijzing.toewijzingen", "2025", {"wens": 10}, "gaat per kwartaal; '2025' is een jaar"),
        ("toewijzing.toewijzingen", "2021-K4", {"wens": 10}, "valt buiten de looptijd"),
        ("toewijzing.toewijzingen", "2026-K3", {"wens": 10}, "is nog niet begonnen"),
        ("toewijzing.toewijzingen", "2025-K7", {"wens": 10}, "geen periode"),
        ("toewijzing.toewijzingen", "2025-K4", {"wens": 10.5}, "geen geheel getal"),
        ("toewijzing.toewijzingen", "2025-K4", {"wens": -3}, "lager dan het laagst mogelijke 0"),
        ("toewijzing.toewijzingen", "2025-K4", {"urgent": 3}, "'urgent' is geen onderdeel"),
        ("toewijzing.passend", "2025", {"": 101}, "hoger dan het hoogst mogelijke 100"),
        ("toewijzing.passend", "2025", {}, "Kies de organisatie"),
        ("toewijzing.toewijzingen", "2025-K4", {}, "Vul minstens één waarde in"),
    ],
)
def test_bad_figures_get_a_dutch_message_and_nothing_is_stored(
    kampen, coordinator, code, period, values, message
):
    with pytest.raises(ValidationError) as error:
        record(kampen, code, coordinator, period, values)
    assert message in str(error.value)
    assert not Observation.objects.exists()


def test_a_quota_may_be_entered_ahead_but_a_realised_figure_not(kampen: Covenant, coordinator: User, delta):
    record(kampen, "statushouders.taakstelling", coordinator, "2026-H2", {"": 22})
    with pytest.raises(ValidationError, match="nog niet begonnen"):
        record(kampen, "statushouders.gehuisvest", coordinator, "2026-K3", {"": 4}, delta)


def test_the_extension_year_counts_as_covenant_term(kampen: Covenant, coordinator: User):
    with freeze_time("2027-11-01"):
        record(kampen, "statushouders.taakstelling", coordinator, "2027-H2", {"": 22})
        with pytest.raises(ValidationError, match="buiten de looptijd"):
            record(kampen, "statushouders.taakstelling", coordinator, "2028-H1", {"": 22})


def test_calculated_indicators_cannot_be_entered(kampen: Covenant, coordinator: User):
    with pytest.raises(ValidationError, match="wordt berekend"):
        record(kampen, "toewijzing.slaagkans", coordinator, "2025-K4", {"wens": 5})


# -- spreadsheets ---------------------------------------------------------------------------------------
def test_template_per_organisation_and_period_round_trips(kampen: Covenant, corporation_editor: User, delta):
    record(kampen, "toewijzing.passend", corporation_editor, "2025", {"": 97.4}, delta)
    rows = template_rows(kampen, organisation=delta, period=Period.parse("2025"))
    codes = {row["code"] for row in rows}
    assert "toewijzing.passend" in codes and "duurzaamheid.co2-reductie" in codes
    assert "toewijzing.toewijzingen" not in codes  # quarterly, not in a yearly template
    assert "statushouders.taakstelling" not in codes  # the gemeente's figure
    assert sum(1 for row in rows if row["code"] == "duurzaamheid.energielabels") == 11
    assert next(row for row in rows if row["code"] == "toewijzing.passend")["value"] == Decimal("97.4")
    workbook = load_workbook(io.BytesIO(write_xlsx(figures_sheet(info=[("Periode", "2025")]), rows)))
    sheet = workbook.active
    for row in sheet.iter_rows():
        if row[0].value == "duurzaamheid.co2-reductie":
            row[6].value = 44.5
        if row[0].value == "duurzaamheid.energielabels" and row[4].value == "G":
            row[6].value = 97
    buffer = io.BytesIO()
    workbook.save(buffer)
    summary = observations_import(
        covenant=kampen, user=corporation_editor, content=buffer.getvalue(), filename="delta-2025.xlsx"
    )
    assert (summary.rows, summary.created, summary.unchanged) == (3, 2, 1)
    co2 = Observation.objects.get(indicator__code="duurzaamheid.co2-reductie")
    assert (co2.value, co2.organisation, co2.period) == (Decimal("44.5"), delta, "2025")
    assert Observation.objects.get(dimension="G").value == 97


CSV_HEADER = "Code;Indicator;Periode;Organisatie;Onderdeel;Eenheid;Waarde;Bron;Toelichting\r\n"


def csv(*lines: str) -> bytes:
    return ("\ufeff" + CSV_HEADER + "".join(line + "\r\n" for line in lines)).encode("utf-8")


def test_a_quarterly_report_is_imported_from_csv(kampen: Covenant, corporation_editor: User):
    content = csv(
        "toewijzing.toewijzingen;;2025-K4;;wens;;88;Kwartaalrapportage Woningzoeker K4;",
        "toewijzing.toewijzingen;;2025-K4;;Spoedmodule;;24;;",
        "toewijzing.actief-woningzoekenden;;2025-K4;;wens;;2.640;;",
        "toewijzing.wachttijd-wens;;2025-K4;;;;2,6;;",
        "toewijzing.inschrijvingen;;2025-K4;;bemiddeling;;;;",  # empty value: skipped
        "statushouders.gehuisvest;;2025-K4;deltaWonen;;;7;;",
    )
    summary = observations_import(
        covenant=kampen, user=corporation_editor, content=content, filename="k4.csv"
    )
    assert (summary.rows, summary.created) == (5, 5)
    assert Observation.objects.get(indicator__code="toewijzing.actief-woningzoekenden").value == 2640
    assert Observation.objects.get(indicator__code="toewijzing.wachttijd-wens").value == Decimal("2.6")
    assert Observation.objects.get(dimension="spoed").source == "Kwartaalrapportage Woningzoeker"
    again = observations_import(covenant=kampen, user=corporation_editor, content=content, filename="k4.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)


def test_a_value_that_is_no_number_is_refused_with_its_row(kampen: Covenant, corporation_editor: User):
    content = csv(
        "toewijzing.toewijzingen;;2025-K4;;wens;;88;;", "toewijzing.toewijzingen;;2025-K4;;spoed;;veel;;"
    )
    with pytest.raises(TabularImportError) as error:
        observations_import(covenant=kampen, user=corporation_editor, content=content, filename="fout.csv")
    assert [str(item) for item in error.value.errors] == ["Rij 3, kolom 'Waarde': 'veel' is geen getal."]
    assert not Observation.objects.exists()


def test_bad_import_messages_name_the_row_and_the_problem(kampen: Covenant, corporation_editor: User):
    content = csv(
        "toewijzing.toewijzingen;;2025-K4;;wens;;88;;",
        "toewijzing.bestaat-niet;;2025-K4;;;;1;;",
        "toewijzing.toewijzingen;;2025;;wens;;88;;",
        "toewijzing.toewijzingen;;2025-K4;;urgent;;3;;",
        "toewijzing.passend;;2025;;;;97;;",
        "toewijzing.passend;;2025;Beter Wonen;;;97;;",
        "toewijzing.passend;;2025;Woonstichting X;;;97;;",
        "toewijzing.vrije-toewijzingsruimte;;2025;deltaWonen;;;115;;",
        "toewijzing.slaagkans;;2025-K4;;wens;;4;;",
        "toewijzing.toewijzingen;;2025-K4;;Wensmodule;;90;;",
    )
    with pytest.raises(TabularImportError) as error:
        observations_import(covenant=kampen, user=corporation_editor, content=content, filename="fout.csv")
    messages = [str(item) for item in error.value.errors]
    expected = [
        "Rij 3: Onbekende indicator 'toewijzing.bestaat-niet' in dit convenant.",
        "Rij 4: 'Toewijzingen' gaat per kwartaal; '2025' is een jaar (schrijf bijvoorbeeld 2025-K1).",
        "Rij 5: 'urgent' is geen onderdeel van 'Toewijzingen'; kies uit bemiddeling, spoed, wens.",
        "Rij 6: 'Aandeel passend toegewezen' gaat per organisatie; vul de kolom Organisatie in.",
        "Rij 7: U mag geen cijfers van Beter Wonen IJsselmuiden invoeren voor 'Aandeel passend toegewezen'.",
        "Rij 8: 'Woonstichting X' is geen partij bij dit convenant.",
        "Rij 9: 115 is hoger dan het hoogst mogelijke 100.",
        "Rij 10: 'Slaagkans' wordt berekend en kan niet worden ingelezen.",
        "Rij 11: Dit cijfer staat er dubbel in (ook op rij 2).",
    ]
    assert messages == expected
    assert not Observation.objects.exists()


def test_figures_that_do_not_fit_the_database_are_refused_per_row(kampen: Covenant, corporation_editor: User):
    """Refused with the row, not a server error from the model's validation after reading."""
    content = csv(
        "toewijzing.toewijzingen;;2025-K4;;wens;;10000000000;;",
        "toewijzing.wachttijd-wens;;2025-K4;;;;2,123456;;",
    )
    with pytest.raises(TabularImportError) as error:
        observations_import(covenant=kampen, user=corporation_editor, content=content, filename="groot.csv")
    assert [str(item) for item in error.value.errors] == [
        "Rij 2: 10000000000 is te groot; een cijfer heeft hoogstens 10 cijfers voor de komma.",
        "Rij 3: 2,123456 heeft te veel cijfers achter de komma; er passen er 4.",
    ]
    long_source = csv("toewijzing.toewijzingen;;2025-K4;;spoed;;3;" + "Rapportage " * 30 + ";")
    with pytest.raises(TabularImportError) as error:
        observations_import(covenant=kampen, user=corporation_editor, content=long_source, filename="b.csv")
    assert [str(item) for item in error.value.errors] == [
        "Rij 2, kolom 'Bron': de tekst is 329 tekens lang; er passen er hoogstens 300."
    ]
    assert not Observation.objects.exists()


def test_unreadable_files_and_files_without_values(kampen: Covenant, corporation_editor: User):
    with pytest.raises(TabularImportError, match="geen Excel-bestand"):
        observations_import(covenant=kampen, user=corporation_editor, content=b"nonsense", filename="x.xlsx")
    with pytest.raises(TabularImportError, match="Kies een Excel-bestand"):
        observations_import(covenant=kampen, user=corporation_editor, content=b"a;b", filename="x.pdf")
    with pytest.raises(TabularImportError, match="geen enkele waarde"):
        observations_import(
            covenant=kampen,
            user=corporation_editor,
            content=csv("toewijzing.toewijzingen;;2025-K4;;wens;;;;"),
            filename="leeg.csv",
        )
    header_only = write_csv(figures_sheet(), [])
    with pytest.raises(TabularImportError, match="geen gegevensregels"):
        observations_import(covenant=kampen, user=corporation_editor, content=header_only, filename="h.csv")


def test_a_tenant_cannot_import_figures(kampen: Covenant, tenant_coordinator: User):
    """Refused before the file is read: tenant organisations never enter figures."""
    with pytest.raises(PermissionDenied, match="U mag geen cijfers"):
        observations_import(
            covenant=kampen,
            user=tenant_coordinator,
            content=csv("toewijzing.toewijzingen;;2025-K4;;wens;;88;;"),
            filename="k4.csv",
        )
    assert not Observation.objects.exists()


def test_dates_in_the_period_column_are_not_periods(kampen: Covenant, coordinator: User):
    content = csv(f"toewijzing.toewijzingen;;{dt.date(2025, 10, 1).isoformat()};;wens;;88;;")
    with pytest.raises(TabularImportError, match="geen periode"):
        observations_import(covenant=kampen, user=coordinator, content=content, filename="k4.csv")


# -- targets --------------------------------------------------------------------------------------------
def test_the_coordinator_records_the_rent_maximum_of_2024(kampen: Covenant, coordinator: User, enter, delta):
    enter("betaalbaarheid.huurverhoging", "2024", 5.5, organisation=delta)
    rent = indicator(kampen, "betaalbaarheid.huurverhoging")
    assert indicator_by_code(kampen, rent.code).evaluation.assessments == []
    target = target_create(
        indicator=rent,
        user=coordinator,
        kind="per_period",
        value=Decimal("5.8"),
        first_year=2024,
        last_year=2024,
        applies_to="each",
        agreement=rent.agreements.get(),
        source="Maximale huurverhoging per woning 2024 (Rijksoverheid).",
    )
    assert target.history.get().history_user == coordinator
    latest = indicator_by_code(kampen, rent.code).evaluation.latest
    assert (latest.period.key, latest.target, latest.verdict.value) == ("2024", 5.8, "on_track")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": "band"}, "upper", "bovengrens nodig"),
        ({"upper": Decimal("1")}, "upper", "minstens zo hoog"),
        ({"first_year": 2025, "last_year": 2024}, "last_year", "vóór het eerste jaar"),
        ({"kind": "backlog"}, "kind", "alleen bij de achterstand van de statushouders"),
        ({"source": " "}, "source", "waar het doel vandaan komt"),
    ],
)
def test_bad_targets_are_refused_in_dutch(kampen: Covenant, coordinator: User, changes, field, message):
    arguments = {"kind": "per_period", "value": Decimal("5"), "source": "Bron"} | changes
    before = Target.objects.count()
    with pytest.raises(ValidationError) as error:
        target_create(
            indicator=indicator(kampen, "betaalbaarheid.huurverhoging"), user=coordinator, **arguments
        )
    assert message in " ".join(error.value.message_dict[field])
    assert Target.objects.count() == before


@pytest.mark.parametrize("who", ["corporation_editor", "tenant_coordinator", "reader"])
def test_only_the_coordinator_records_targets(kampen: Covenant, request, who: str):
    with pytest.raises(PermissionDenied):
        target_create(
            indicator=indicator(kampen, "betaalbaarheid.huurverhoging"),
            user=request.getfixturevalue(who),
            kind="per_period",
            value=Decimal("5.8"),
            source="Bron",
        )
