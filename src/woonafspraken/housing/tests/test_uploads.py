"""Spreadsheet templates: generated, filled in, read back; every bad file refused with row-level Dutch errors."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import Workbook, load_workbook

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.tabular import TabularImportError
from woonafspraken.housing.models import Project, ProjectYear, StockCount, Withdrawal
from woonafspraken.housing.services import pipeline_upload, stock_upload

pytestmark = pytest.mark.django_db
HEADER = "Corporatie;Peildatum;Huurprijsklasse;Woningtype;Aantal woningen\n"
CLASSES = [
    "Jongerengrens",
    "Lage aftoppingsgrens",
    "Hoge aftoppingsgrens",
    "Huurtoeslaggrens",
    "Boven huurtoeslaggrens",
]


def stock_csv(
    corporation: str = "deltaWonen", date: str = "01-07-2025", counts: list[int] | None = None
) -> bytes:
    counts = counts or list(range(10, 20))
    lines = [
        f"{corporation};{date};{rent_class};{dwelling};{counts[index * 2 + offset]}"
        for index, rent_class in enumerate(CLASSES)
        for offset, dwelling in enumerate(("EGW", "MGW"))
    ]
    return (HEADER + "\n".join(lines) + "\n").encode()


def messages(error: pytest.ExceptionInfo[TabularImportError]) -> list[str]:
    return [str(e) for e in error.value.errors]


def template(
    client: Client, covenant: Covenant, corporation: Organisation, date: str, fmt: str = "xlsx"
) -> bytes:
    response = client.get(
        reverse("housing:stock_template", args=[covenant.pk]),
        {"corporation": corporation.pk, "date": date, "format": fmt},
    )
    assert response.status_code == 200
    return response.content


@freeze_time("2026-03-01")
def test_the_stock_template_has_the_limits_of_the_year_and_round_trips(
    client: Client, kampen: Covenant, corporation_editor: User
):
    client.force_login(corporation_editor)
    delta = corporation_editor.organisation
    content = template(client, kampen, delta, "2021-07-01")
    sheet = load_workbook(io.BytesIO(content)).active
    info = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, max_row=10, values_only=True) if row[0]}
    # The reference date is a real date cell that Excel shows as 1 juli 2021 (core.writers).
    assert info["Corporatie"] == "deltaWonen" and info["Peildatum"] == dt.datetime(2021, 7, 1)
    assert info["Kwaliteitskortingsgrens (jongerengrens)"] == 442.46
    assert info["Huurtoeslaggrens (liberalisatiegrens)"] == 752.33
    result = stock_upload(covenant=kampen, user=corporation_editor, content=content, filename="t.xlsx")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 10)
    # A new year: fill in the template for 2025 and upload it.
    workbook = load_workbook(io.BytesIO(template(client, kampen, delta, "2025-07-01")))
    rows = [row for row in workbook.active.iter_rows() if row[0].value == "deltaWonen"]
    assert len(rows) == 10 and all(row[4].value is None for row in rows)
    for number, row in enumerate(rows):
        row[4].value = 100 + number
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(
        reverse("housing:stock_upload", args=[kampen.pk]),
        {"stock-file": SimpleUploadedFile("voorraad.xlsx", buffer.getvalue())},
        follow=True,
    )
    assert "10 nieuwe en 0 gewijzigde cijfers" in response.content.decode()
    assert (
        StockCount.objects.filter(covenant=kampen, date=dt.date(2025, 7, 1)).aggregate(n=Sum("count"))["n"]
        == 1045
    )
    again = stock_upload(
        covenant=kampen, user=corporation_editor, content=buffer.getvalue(), filename="v.xlsx"
    )
    assert again.changed == 0


@freeze_time("2026-03-01")
def test_csv_upload_and_update(kampen: Covenant, coordinator: User):
    first = stock_upload(covenant=kampen, user=coordinator, content=stock_csv(), filename="v.csv")
    assert first.created == 10
    second = stock_upload(
        covenant=kampen,
        user=coordinator,
        content=stock_csv(counts=[10, 11, 12, 13, 14, 15, 16, 17, 18, 99]),
        filename="v.csv",
    )
    assert (second.created, second.updated, second.unchanged) == (0, 1, 9)
    assert StockCount.history.filter(count=99).first().history_user == coordinator  # type: ignore[attr-defined]


@freeze_time("2026-03-01")
@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (
            b"Naam;Datum;Aantal\nx;y;1\n",
            "v.csv",
            "De kopregel mist de kolom(men): Corporatie, Peildatum, Huurprijsklasse, Woningtype.",
        ),
        (b"a;b\n1;2\n", "v.csv", "Geen kopregel gevonden"),
        (
            stock_csv().replace(b";10\n", b";tien\n", 1),
            "v.csv",
            "Rij 2, kolom 'Aantal woningen': 'tien' is geen getal.",
        ),
        (
            stock_csv().replace(b";11\n", b";-11\n", 1),
            "v.csv",
            "Rij 3, kolom 'Aantal woningen': -11 is kleiner dan 0; negatieve aantallen kunnen niet.",
        ),
        (
            stock_csv(corporation="Woonstichting Elders"),
            "v.csv",
            "Rij 2, kolom 'Corporatie': 'Woonstichting Elders' is geen corporatie in dit convenant",
        ),
        (
            stock_csv() + b"deltaWonen;01-07-2025;Jongerengrens;EGW;3\n",
            "v.csv",
            "Rij 12: Deze regel staat er dubbel in (ook op rij 2).",
        ),
        (b"%PDF-1.7 binary", "v.xlsx", "Dit bestand is geen Excel-bestand (.xlsx)."),
        (b"whatever", "v.docx", "Kies een Excel-bestand (.xlsx) of een CSV-bestand (.csv)."),
        (
            stock_csv().rsplit(b"\n", 2)[0] + b"\n",
            "v.csv",
            "er ontbreken regels voor: boven_huurtoeslaggrens MGW",
        ),
        (stock_csv(date="01-07-2027"), "v.csv", "Rij 2, kolom 'Peildatum': 1 juli 2027 ligt in de toekomst."),
        (
            stock_csv().replace(b"Lage aftoppingsgrens", b"Middenhuur", 1),
            "v.csv",
            "'Middenhuur' is geen geldige keuze",
        ),
        (  # would not fit the database column (a server error before)
            stock_csv().replace(b";10\n", b";10000000000\n", 1),
            "v.csv",
            "Rij 2, kolom 'Aantal woningen': 10000000000 is groter dan 1000000.",
        ),
    ],
)
def test_broken_stock_files_are_refused_whole(
    kampen: Covenant, coordinator: User, content: bytes, filename: str, expected: str
):
    before = StockCount.objects.count()
    with pytest.raises(TabularImportError) as error:
        stock_upload(covenant=kampen, user=coordinator, content=content, filename=filename)
    assert any(expected in message for message in messages(error)), messages(error)
    assert StockCount.objects.count() == before


@freeze_time("2026-03-01")
def test_a_corporation_delivers_only_its_own_figures(kampen: Covenant, corporation_editor: User):
    with pytest.raises(TabularImportError) as error:
        stock_upload(
            covenant=kampen,
            user=corporation_editor,
            content=stock_csv("Beter Wonen IJsselmuiden"),
            filename="v.csv",
        )
    assert (
        messages(error)[0]
        == "Rij 2, kolom 'Corporatie': u mag geen cijfers van Beter Wonen IJsselmuiden aanleveren."
    )


def test_readers_and_tenants_cannot_deliver(
    client: Client, kampen: Covenant, reader: User, tenant_reader: User
):
    for user in (reader, tenant_reader):
        client.force_login(user)
        assert client.get(reverse("housing:deliver", args=[kampen.pk])).status_code == 403
        response = client.post(
            reverse("housing:stock_upload", args=[kampen.pk]),
            {"stock-file": SimpleUploadedFile("v.csv", stock_csv())},
        )
        assert response.status_code == 403
    assert not StockCount.objects.filter(date=dt.date(2025, 7, 1)).exists()


@freeze_time("2026-03-01")
def test_the_upload_page_shows_every_error_and_stores_nothing(
    client: Client, kampen: Covenant, coordinator: User
):
    client.force_login(coordinator)
    bad = stock_csv().replace(b";10\n", b";tien\n", 1).replace(b";12\n", b";-1\n", 1)
    response = client.post(
        reverse("housing:stock_upload", args=[kampen.pk]), {"stock-file": SimpleUploadedFile("v.csv", bad)}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is niets opgeslagen" in html
    assert "Rij 2, kolom &#x27;Aantal woningen&#x27;: &#x27;tien&#x27; is geen getal." in html
    assert "Rij 4, kolom &#x27;Aantal woningen&#x27;: -1 is kleiner dan 0" in html


# -- pipeline ------------------------------------------------------------------------------------------
PIPELINE_HEADER = "Corporatie;Soort;Project (locatie);Segment;Huurprijsklasse;Jaar;Gepland;Gerealiseerd\n"


@freeze_time("2026-03-01")
def test_the_pipeline_template_round_trips_and_takes_realised_figures(
    client: Client, kampen: Covenant, corporation_editor: User
):
    client.force_login(corporation_editor)
    response = client.get(reverse("housing:pipeline_template", args=[kampen.pk]), {"format": "xlsx"})
    content = response.content
    assert (
        pipeline_upload(covenant=kampen, user=corporation_editor, content=content, filename="p.xlsx").changed
        == 0
    )
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = next(row for row in sheet.iter_rows() if row[0].value == "Corporatie")
    columns = {cell.value: cell.column - 1 for cell in header}
    rows = list(sheet.iter_rows(min_row=header[0].row + 1))
    assert {row[columns["Corporatie"]].value for row in rows} == {
        "deltaWonen"
    }  # only what the editor may deliver
    for row in rows:
        if row[columns["Project (locatie)"]].value == "Prinsenstraat":
            row[columns["Gerealiseerd"]].value = 2
        if row[columns["Soort"]].value == "Verkoop" and row[columns["Jaar"]].value == 2022:
            row[columns["Gerealiseerd"]].value = 8
    sheet.append(
        ["deltaWonen", "Nieuwbouw", "Nieuwe Buurt", "Sociale huur", "Lage aftoppingsgrens", 2027, 40, None]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = pipeline_upload(
        covenant=kampen, user=corporation_editor, content=buffer.getvalue(), filename="p.xlsx"
    )
    assert (result.created, result.updated) == (1, 2)
    assert ProjectYear.objects.get(project__name="Prinsenstraat", year=2022).realised == 2
    assert Withdrawal.objects.get(corporation__name="deltaWonen", kind="sale", year=2022).realised == 8
    new = Project.objects.get(name="Nieuwe Buurt")
    assert (new.rent_class, new.owner_id, new.years.get().planned) == (
        "lage_aftoppingsgrens",
        new.organisation_id,
        40,
    )
    again = pipeline_upload(
        covenant=kampen, user=corporation_editor, content=buffer.getvalue(), filename="p.xlsx"
    )
    assert again.changed == 0


@freeze_time("2026-03-01")
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "deltaWonen;Sloop;Prinsenstraat;;;2024;3;",
            "Rij 2, kolom 'Project (locatie)': laat 'Project' leeg bij sloop",
        ),
        (
            "deltaWonen;Nieuwbouw;;;;2024;3;",
            "Rij 2, kolom 'Project (locatie)': nieuwbouw heeft een project (locatie) nodig.",
        ),
        ("deltaWonen;Nieuwbouw;Oost;;;1950;3;", "Rij 2, kolom 'Jaar': 1950 is kleiner dan 1990."),
        ("deltaWonen;Nieuwbouw;Oost;;;2000;3;", "Rij 2, kolom 'Jaar': 2000 ligt niet tussen 2012 en 2036."),
        ("deltaWonen;Nieuwbouw;Oost;;;2027;3;5", "Rij 2, kolom 'Gerealiseerd': 2027 is nog niet voorbij"),
        (
            "Gemeente Kampen;Verkoop;;;;2024;3;",
            "Rij 2, kolom 'Corporatie': onttrekkingen horen bij een corporatie.",
        ),
        ("deltaWonen;Nieuwbouw;Oost;;;2024;;", "Rij 2: vul 'Gepland' of 'Gerealiseerd' in."),
        ("deltaWonen;Bouw;Oost;;;2024;3;", "'Bouw' is geen geldige keuze"),
        ("deltaWonen;Nieuwbouw;Oost;;;2024;drie;", "Rij 2, kolom 'Gepland': 'drie' is geen getal."),
        (
            "deltaWonen;Nieuwbouw;Oost;;;2024;3000000000;",
            "Rij 2, kolom 'Gepland': 3000000000 is groter dan 1000000.",
        ),
        (
            "deltaWonen;Nieuwbouw;" + "Oost" * 51 + ";;;2024;3;",
            "Rij 2, kolom 'Project (locatie)': de tekst is 204 tekens lang; er passen er hoogstens 200.",
        ),
    ],
)
def test_broken_pipeline_files_are_refused_whole(
    kampen: Covenant, coordinator: User, line: str, expected: str
):
    before = (Project.objects.count(), ProjectYear.objects.count(), Withdrawal.objects.count())
    with pytest.raises(TabularImportError) as error:
        pipeline_upload(
            covenant=kampen,
            user=coordinator,
            content=(PIPELINE_HEADER + line + "\n").encode(),
            filename="p.csv",
        )
    assert any(expected in message for message in messages(error)), messages(error)
    assert (Project.objects.count(), ProjectYear.objects.count(), Withdrawal.objects.count()) == before


@freeze_time("2026-03-01")
def test_the_municipality_records_projects_of_other_developers(kampen: Covenant, coordinator: User):
    content = (PIPELINE_HEADER + "Gemeente Kampen;Nieuwbouw;Kampen Zuidwest;Overig;;2025;120;\n").encode()
    assert pipeline_upload(covenant=kampen, user=coordinator, content=content, filename="p.csv").created == 1
    project = Project.objects.get(name="Kampen Zuidwest")
    assert project.segment == "other" and project.organisation.name == "Gemeente Kampen"


def test_excel_file_with_wrong_headers(kampen: Covenant, coordinator: User):
    workbook = Workbook()
    workbook.active.append(["Wie", "Wat"])
    workbook.active.append(["deltaWonen", 3])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(TabularImportError, match="Geen kopregel gevonden"):
        stock_upload(covenant=kampen, user=coordinator, content=buffer.getvalue(), filename="v.xlsx")


def test_a_tenant_organisation_never_edits_figures(kampen: Covenant, tenant_reader: User):
    from woonafspraken.housing.services import realised_update

    tenant_reader.role = "coordinator"
    tenant_reader.save()
    delta = Organisation.objects.get(name="deltaWonen")
    with pytest.raises(PermissionDenied):
        realised_update(
            covenant=kampen,
            user=tenant_reader,
            organisation=delta,
            year=2022,
            projects={},
            withdrawals={"sale": 3},
        )
