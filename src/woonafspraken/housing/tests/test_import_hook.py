"""Reading the appendices on import: figures stored once, checked, reported in Dutch, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import Sum

from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.services import document_import
from woonafspraken.housing.constants import FigureSource
from woonafspraken.housing.models import AppendixCheck, Project, ProjectYear, StockCount, Target, Withdrawal
from woonafspraken.housing.services import appendix_figures_read

pytestmark = pytest.mark.django_db


def history_rows() -> int:
    return sum(
        model.history.count()
        for model in (StockCount, Project, ProjectYear, Withdrawal, Target)  # type: ignore[attr-defined]
    )


def test_the_kampen_document_gives_its_figures(kampen: Covenant):
    stock = StockCount.objects.filter(covenant=kampen)
    assert stock.count() == 20
    assert {row.date for row in stock} == {dt.date(2021, 7, 1)}
    assert stock.aggregate(n=Sum("count"))["n"] == 5468
    assert (
        stock.get(
            corporation__name="deltaWonen", rent_class="lage_aftoppingsgrens", dwelling_type="MGW"
        ).count
        == 1547
    )
    assert stock.filter(corporation__name="Beter Wonen IJsselmuiden").aggregate(n=Sum("count"))["n"] == 1036
    assert all(row.owner_id == row.corporation_id and row.source == FigureSource.DOCUMENT for row in stock)
    assert Project.objects.filter(covenant=kampen).count() == 19
    assert ProjectYear.objects.filter(project__covenant=kampen).aggregate(n=Sum("planned"))["n"] == 483
    assert list(
        Project.objects.filter(covenant=kampen, organisation__name="Beter Wonen IJsselmuiden").values_list(
            "name", flat=True
        )
    )[:3] == ["Sonnenbergkwartier", "Trekschuit", "Fuite"]
    withdrawals = Withdrawal.objects.filter(covenant=kampen)
    assert withdrawals.aggregate(n=Sum("planned"))["n"] == 163
    assert (
        withdrawals.get(corporation__name="Beter Wonen IJsselmuiden", kind="demolition", year=2022).planned
        == 24
    )
    assert not withdrawals.filter(
        kind="demolition", corporation__name="Beter Wonen IJsselmuiden", year=2026
    ).exists()
    targets = {t.kind: (t.value, t.agreement.number) for t in Target.objects.filter(covenant=kampen)}
    assert targets["social_new_build_per_year"] == (80, "1.1.2")
    assert targets["social_share_area_development"] == (20, "1.1.1")
    assert len(targets) == 7
    assert not AppendixCheck.objects.exists()


def test_the_import_reports_what_it_read(kampen_text: str, empty_database: None):
    result = document_import(text=kampen_text, filename="kampen.txt")
    assert result.messages[0] == (
        "Bijlage 1 (woningvoorraad per 1 juli 2021): 20 aantallen van 2 corporaties gelezen. "
        "Alle 34 gedrukte totalen kloppen."
    )
    assert result.messages[1] == (
        "Bijlage 2 (woningbouwprogrammering 2022-2026): 19 projecten met 483 geplande woningen en 163 geplande "
        "onttrekkingen gelezen. Alle 42 gedrukte totalen en saldi kloppen."
    )
    assert result.messages[2].startswith(
        "Doelen gevonden in de afspraken: 1.1.2 nieuwbouw sociale huurwoningen"
    )


def test_running_the_hook_again_changes_nothing(kampen: Covenant):
    before = history_rows()
    messages = appendix_figures_read(covenant=kampen)
    assert "(ongewijzigd)" in messages[0] and "(ongewijzigd)" in messages[1]
    assert history_rows() == before


def test_a_corrected_document_changes_only_the_figure_and_a_wrong_total_is_reported(
    kampen: Covenant, kampen_text: str
):
    changed = kampen_text.replace(
        "Jongerengrens\t€ 442,46\t15\t92\t107", "Jongerengrens\t€ 442,46\t16\t92\t107", 1
    )
    before = StockCount.history.count()  # type: ignore[attr-defined]
    result = document_import(text=changed, filename="kampen-v2.txt")
    row = StockCount.objects.get(
        covenant=kampen,
        corporation__name="Beter Wonen IJsselmuiden",
        rent_class="kwaliteitskortingsgrens",
        dwelling_type="EGW",
    )
    assert row.count == 16
    assert StockCount.history.count() == before + 1  # type: ignore[attr-defined]
    assert "Let op: 4 van de 34 gedrukte totalen kloppen niet met de cijfers eronder:" in result.messages[0]
    assert (
        "Bijlage 1, Beter Wonen IJsselmuiden, Jongerengrens, kolom Totaal: in het document staat 107, opgeteld is het 108."
        in result.messages
    )
    places = list(AppendixCheck.objects.filter(covenant=kampen).values_list("place", flat=True))
    assert "Bijlage 1, Beter Wonen IJsselmuiden, Totaal woningen, kolom EGW" in places
    # A corrected version (the totals add up again) removes the remarks.
    document_import(text=kampen_text.replace("Definitief concept", "Definitief", 1), filename="kampen-v3.txt")
    assert not AppendixCheck.objects.filter(covenant=kampen).exists()


def test_a_document_without_housing_tables_gets_no_figures_and_no_error(empty_database: None):
    from pathlib import Path

    snippet = Path(__file__).resolve().parents[2] / "documents" / "tests" / "snippets" / "voorbeeldstad.txt"
    result = document_import(text=snippet.read_text(encoding="utf-8"), filename="v.txt")
    assert not StockCount.objects.exists() and not Project.objects.exists()
    assert not any("Bijlage" in message for message in result.messages)


def test_an_unknown_corporation_in_an_appendix_is_reported(kampen_text: str):
    text = kampen_text.replace(
        "deltaWonen\t\t\t\t\nHuurprijsgrens", "Woonstichting Elders\t\t\t\t\nHuurprijsgrens", 1
    )
    result = document_import(text=text, filename="k.txt")
    assert (
        "Bijlage 1: 'Woonstichting Elders' is geen corporatie in dit convenant; die cijfers zijn niet opgeslagen."
        in result.messages
    )
    assert StockCount.objects.count() == 10


def test_an_unreadable_table_is_reported_and_the_document_still_imports(
    kampen_text: str, empty_database: None
):
    text = kampen_text.replace("Zalk\t\t4\t", "Zalk\t\tvier\t", 1)
    result = document_import(text=text, filename="k.txt")
    assert result.agreements == 43
    assert any(
        "Zalk, kolom 2023: 'vier' is geen aantal woningen. De woningbouwplanning is niet opgeslagen." in m
        for m in result.messages
    )
    assert not Project.objects.exists()
    assert StockCount.objects.count() == 20


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # too large for the database's integer column (a server error before)
            "Zalk\t\t4\t",
            "Zalk\t\t99999999999999999999\t",
            "Zalk, kolom 2023: '99999999999999999999' is geen aantal woningen.",
        ),
        (
            "Sloop woningen\t-24",
            "Sloop woningen\t-99999999999999999999",
            "Sloop woningen, kolom 2022: '-99999999999999999999' is geen aantal woningen.",
        ),
        (  # a project without a name (a server error before)
            "Sonnenbergkwartier\t\t10",
            "\t\t10",
            "Bijlage 2, Beter Wonen IJsselmuiden: een regel met nieuwbouw heeft geen naam van het project.",
        ),
        (  # too long for a project name (a server error before)
            "Zalk\t\t4\t",
            "Zalk" + " en omgeving" * 20 + "\t\t4\t",
            "de naam is 244 tekens lang; er passen er hoogstens 200.",
        ),
    ],
)
def test_figures_that_cannot_be_stored_are_reported_and_the_document_still_imports(
    kampen_text: str, old: str, new: str, expected: str, empty_database: None
):
    result = document_import(text=kampen_text.replace(old, new, 1), filename="k.txt")
    assert result.agreements == 43
    assert any(expected in m and "De woningbouwplanning is niet opgeslagen." in m for m in result.messages)
    assert not Project.objects.exists()


def test_figures_delivered_later_are_not_overwritten_by_the_document(kampen: Covenant, kampen_text: str):
    row = StockCount.objects.get(
        covenant=kampen, corporation__name="deltaWonen", rent_class="huurtoeslaggrens", dwelling_type="EGW"
    )
    StockCount.objects.filter(covenant=kampen, corporation=row.corporation).update(source=FigureSource.UPLOAD)
    StockCount.objects.filter(pk=row.pk).update(count=380)
    result = document_import(text=kampen_text.replace("Zalk\t\t4", "Zalk\t\t5", 1), filename="k2.txt")
    assert StockCount.objects.get(pk=row.pk).count == 380
    assert any("later aangeleverd of gecorrigeerd" in message for message in result.messages)


def test_a_target_changed_by_a_user_stays(kampen: Covenant, kampen_text: str):
    target = Target.objects.get(covenant=kampen, kind="social_new_build_per_year")
    target.value, target.source = 90, FigureSource.FORM
    target.save()
    document_import(text=kampen_text.replace("Zalk\t\t4", "Zalk\t\t5", 1), filename="k2.txt")
    assert Target.objects.get(pk=target.pk).value == 90


def test_a_printed_limit_that_differs_from_the_reference_is_mentioned(kampen_text: str):
    text = kampen_text.replace(
        "Hoge aftoppingsgrens\t€ 678,66\t109", "Hoge aftoppingsgrens\t€ 687,66\t109", 1
    )
    result = document_import(text=text, filename="k.txt")
    assert (
        "Bijlage 1, Hoge aftoppingsgrens: het document noemt als grens € 687,66, de referentie voor 2021 is € 678,66."
        in result.messages
    )
    assert StockCount.objects.count() == 20
