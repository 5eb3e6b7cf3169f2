"""The housing pages: content in the layout of the appendices, forms, permissions, constant queries."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import Organisation, User
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.services import document_import
from woonafspraken.housing.demo import fill
from woonafspraken.housing.models import LookAheadAssumption, ProjectYear, ReferenceValue, Withdrawal
from woonafspraken.housing.services import stock_upload
from woonafspraken.housing.tests.test_uploads import stock_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client: Client, reader: User) -> Client:
    client.force_login(reader)
    return client


def page(client: Client, url: str, **params: str) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_housing_page_shows_stock_pipeline_targets_and_look_ahead(
    reader_client: Client, kampen: Covenant
):
    html = page(reader_client, reverse("housing:overview", args=[kampen.pk]))
    for text in [
        "Woningcijfers",
        "Woningvoorraad van de corporaties per 1 juli 2021",
        "Totaal corporaties Kampen",
        "5.468",
        "2.368",
        "€ 442,46",
        "&gt; € 752,33",
        "Sonnenbergkwartier",
        "Verkoop (5-15 woningen pj)",
        "Saldo nieuwbouw en onttrekkingen",
        # a plan is shown for comparison, never judging; years without realised figures: geen gegevens
        "Planning, geen realisatie: 483 gepland over vijf jaar is 96,6 per jaar tegen 80 afgesproken.",
        "Gerealiseerde nieuwbouw in 2022: geen gegevens; nog niet aangeleverd door Beter Wonen IJsselmuiden "
        "en deltaWonen.",
        'data-agreement="1.1.2" data-status="not_assessable"',
        "Terugblik en vijf jaar vooruit (1.2.1)",
        "prognose",
        "Uitgangspunten van de vooruitblik",
        "deels referentie, deels geïndexeerd",
    ]:
        assert text in html, text
    assert (
        html.index("Sonnenbergkwartier") < html.index("Trekschuit") < html.index("Fuite")
    )  # as in Bijlage 2


def test_a_corporation_page_shows_only_its_figures(reader_client: Client, kampen: Covenant):
    delta = Organisation.objects.get(name="deltaWonen")
    html = page(reader_client, reverse("housing:corporation", args=[kampen.pk, delta.pk]))
    assert "Woningcijfers van deltaWonen" in html
    assert "4.432" in html and "1.036" not in html
    assert "Hanzewijk cluster 5" in html and "Fuite" not in html
    tenants = Organisation.objects.get(name="Centrale Bewonersraad deltaWonen")
    assert reader_client.get(reverse("housing:corporation", args=[kampen.pk, tenants.pk])).status_code == 404


@freeze_time("2026-03-01")
def test_choosing_a_reference_date(reader_client: Client, kampen: Covenant, coordinator: User):
    stock_upload(covenant=kampen, user=coordinator, content=stock_csv(), filename="v.csv")
    url = reverse("housing:overview", args=[kampen.pk])
    assert "per 1 juli 2025" in page(reader_client, url)  # the newest by default
    assert "Woningvoorraad van de corporaties per 1 juli 2021" in page(
        reader_client, url, peildatum="2021-07-01"
    )
    html = page(reader_client, url, peildatum="2019-01-01")
    assert "Er zijn geen voorraadcijfers per 1 januari 2019." in html
    assert "is geen datum" in page(reader_client, url, peildatum="gisteren")


def test_the_covenant_home_shows_the_target_verdicts(reader_client: Client, kampen: Covenant):
    html = page(reader_client, reverse("agreements:covenant", args=[kampen.pk]))
    assert "Doelen woningbouw" in html
    assert (
        "Planning, geen realisatie: 483 gepland over vijf jaar is 96,6 per jaar tegen 80 afgesproken." in html
    )
    assert 'data-agreement="1.1.2" data-status="not_assessable"' in html  # no realised figures yet
    assert ">Woningen</a>" in html  # the navigation item


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@freeze_time("2026-03-01")
def test_pages_do_a_constant_number_of_queries_as_figures_grow(
    reader_client: Client, kampen: Covenant, kampen_text: str, coordinator: User
):
    delta = Organisation.objects.get(name="deltaWonen")
    fill(kampen)  # example figures from the start: the site banner's check then costs the same each time
    urls = [
        reverse("housing:overview", args=[kampen.pk]),
        reverse("housing:corporation", args=[kampen.pk, delta.pk]),
        reverse("agreements:covenant", args=[kampen.pk]),
        reverse("housing:reference", args=[kampen.pk]),
    ]
    before = [_queries(reader_client, url) for url in urls]
    for year in (2022, 2023, 2024):
        stock_upload(
            covenant=kampen, user=coordinator, content=stock_csv(date=f"01-07-{year}"), filename="v.csv"
        )
    for index in range(2):
        document_import(
            text=kampen_text.replace("Kampen", f"Voorbeeldgemeente{index}"), filename=f"{index}.txt"
        )
    after = [_queries(reader_client, url) for url in urls]
    assert after == before


@freeze_time("2026-03-01")
def test_entering_realised_figures(client: Client, kampen: Covenant, corporation_editor: User):
    client.force_login(corporation_editor)
    delta = corporation_editor.organisation
    url = reverse("housing:realised", args=[kampen.pk, delta.pk, 2023])
    html = page(client, url)
    assert "Gerealiseerd in 2023: deltaWonen" in html and "Gepland in 2023: 60." in html
    hanzewijk = ProjectYear.objects.get(project__name="Hanzewijk cluster 5", year=2023)
    response = client.post(url, {f"project_{hanzewijk.project_id}": "55", "withdrawal_sale": "12"})
    assert response.status_code == 302
    hanzewijk.refresh_from_db()
    assert hanzewijk.realised == 55
    assert Withdrawal.objects.get(corporation=delta, kind="sale", year=2023).realised == 12
    assert "-12" in page(client, reverse("housing:corporation", args=[kampen.pk, delta.pk]))
    response = client.post(url, {f"project_{hanzewijk.project_id}": "-3"})
    assert (
        response.status_code == 200
        and "Zorg ervoor dat deze waarde minstens 0 is." in response.content.decode()
    )
    assert client.get(reverse("housing:realised", args=[kampen.pk, delta.pk, 2030])).status_code == 200
    response = client.post(
        reverse("housing:realised", args=[kampen.pk, delta.pk, 2030]), {"withdrawal_sale": "1"}
    )
    assert "2030 is nog niet begonnen" in response.content.decode()
    beter = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    assert client.get(reverse("housing:realised", args=[kampen.pk, beter.pk, 2023])).status_code == 403


def test_readers_cannot_enter_realised_figures(reader_client: Client, kampen: Covenant):
    delta = Organisation.objects.get(name="deltaWonen")
    url = reverse("housing:realised", args=[kampen.pk, delta.pk, 2023])
    assert reader_client.get(url).status_code == 403
    assert reader_client.post(url, {"withdrawal_sale": "3"}).status_code == 403
    assert reader_client.get(reverse("housing:assumptions", args=[kampen.pk])).status_code == 403


def test_changing_the_look_ahead_assumptions(client: Client, kampen: Covenant, coordinator: User):
    client.force_login(coordinator)
    url = reverse("housing:assumptions", args=[kampen.pk])
    html = page(client, url)
    assert "Huurverhoging 2024 (%)" in html and "aanname" in html
    response = client.post(url, {"rent_2024": "5,3", "index_2024": ""})
    assert response.status_code == 302
    assert LookAheadAssumption.objects.get(covenant=kampen, year=2024).rent_increase == Decimal("5.3")
    assert "5,3%" in page(client, reverse("housing:overview", args=[kampen.pk]))
    response = client.post(url, {"rent_2024": "veel"})
    assert response.status_code == 200 and "Verbeter de gemarkeerde velden." in response.content.decode()
    client.post(url, {"rent_2024": ""})
    assert not LookAheadAssumption.objects.filter(covenant=kampen).exists()


def test_the_reference_page_shows_values_sources_and_what_is_not_verified(
    reader_client: Client, kampen: Covenant
):
    html = page(reader_client, reverse("housing:reference", args=[kampen.pk]))
    assert "932,93" in html and "niet geverifieerd" in html
    assert "huurstunt.nl" in html
    assert "Referentiecijfers invullen" not in html  # only for administrators


def test_every_seeded_reference_value_is_in_the_reference_file():
    text = (Path(__file__).resolve().parents[1] / "data" / "nl-housing-facts.md").read_text(encoding="utf-8")
    values = ReferenceValue.objects.exclude(value__isnull=True)
    assert values.count() > 40
    for value in values:
        number = value.value
        candidates = {f"{number:.2f}", f"{number:,.0f}", f"{number:.1f}", f"{number:,.2f}"}
        assert any(candidate in text for candidate in candidates), value
        assert value.source
    assert not ReferenceValue.objects.filter(kind="lage_aftoppingsgrens", year=2026).get().value


def test_reference_values_need_a_source(kampen: Covenant):
    from django.core.exceptions import ValidationError

    value = ReferenceValue.objects.get(kind="lage_aftoppingsgrens", year=2026)
    value.value = Decimal("712.00")
    with pytest.raises(ValidationError):
        value.full_clean()


def test_stock_and_pipeline_exports_have_the_fixed_shapes(kampen: Covenant, tmp_path: Path, capsys):
    call_command("export", "stock", "--format", "json")
    stock = json.loads(capsys.readouterr().out)
    assert len(stock) == 20
    assert stock[0] == {
        "organisation": "Beter Wonen IJsselmuiden",
        "date": "2021-07-01",
        "rent_class": "kwaliteitskortingsgrens",
        "dwelling_type": "EGW",
        "count": 15,
        "is_demo": False,
    }
    assert sum(row["count"] for row in stock) == 5468
    call_command("export", "pipeline", "--format", "json")
    pipeline = json.loads(capsys.readouterr().out)
    assert set(pipeline[0]) == {"organisation", "year", "kind", "project", "planned", "realised", "is_demo"}
    new_build = [row for row in pipeline if row["kind"] == "new_build"]
    assert sum(row["planned"] for row in new_build) == 483
    assert all(row["realised"] is None and row["project"] for row in new_build)
    withdrawals = [row for row in pipeline if row["kind"] != "new_build"]
    assert {row["kind"] for row in withdrawals} == {"demolition", "sale"}
    assert sum(row["planned"] for row in withdrawals) == 163 and all(
        row["project"] is None for row in withdrawals
    )
    assert all(row["planned"] >= 0 for row in pipeline)
    call_command("export", "stock", "--format", "csv", "-o", str(tmp_path / "s.csv"))
    assert (
        (tmp_path / "s.csv")
        .read_text(encoding="utf-8-sig")
        .startswith("organisation;date;rent_class;dwelling_type;count;is_demo")
    )
    call_command("export", "pipeline", "--format", "xlsx", "-o", str(tmp_path / "p.xlsx"))
    assert (tmp_path / "p.xlsx").read_bytes()[:2] == b"PK"


def test_the_download_links_work(reader_client: Client, kampen: Covenant):
    for kind in ("stock", "pipeline"):
        for fmt in ("json", "csv", "xlsx"):
            assert (
                reader_client.get(reverse("agreements:export", args=[kampen.pk, kind, fmt])).status_code
                == 200
            )


def test_demo_figures_are_marked_and_never_handed_out_as_real(
    client: Client, kampen: Covenant, coordinator: User
):
    written = fill(kampen)
    assert written > 0
    assert fill(kampen) == 0  # idempotent
    client.force_login(coordinator)
    html = page(client, reverse("housing:overview", args=[kampen.pk]))
    assert "voorbeeld" in html and "Voorbeeldgegevens" in html  # the site banner
    assert "per 1 juli 2025" in html
    beter = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    response = client.get(
        reverse("housing:pipeline_template", args=[kampen.pk]), {"organisation": beter.pk, "format": "csv"}
    )
    assert ProjectYear.objects.filter(realised_is_demo=True, project__organisation=beter).exists()
    lines = response.content.decode("utf-8-sig").splitlines()
    assert all(line.endswith(";") for line in lines[1:])  # the realised column is left empty
    assert dt.date(2025, 7, 1)
