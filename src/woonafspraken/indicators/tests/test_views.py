"""The indicator pages, the entry form, the spreadsheet pages, the panels and a constant number of queries."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import capfirst
from openpyxl import load_workbook

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Covenant
from woonafspraken.core.verdicts import OUTCOME_LABELS, Outcome, covenant_verdicts
from woonafspraken.documents.services import document_import
from woonafspraken.indicators.demo import indicators_demo_fill
from woonafspraken.indicators.models import Observation, Target

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def url(name: str, covenant: Covenant, *args: object) -> str:
    return reverse(f"indicators:{name}", args=[covenant.pk, *args])


def label(outcome: Outcome) -> str:
    """An outcome as the pages word it (core.verdicts.OUTCOME_LABELS)."""
    return capfirst(str(OUTCOME_LABELS[outcome]))


def login(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_pages_need_a_login(client: Client, kampen: Covenant):
    for page in [url("index", kampen), url("detail", kampen, "toewijzing.passend"), url("import", kampen)]:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_overview_shows_every_verdict_at_a_glance(
    client: Client, reader: User, kampen: Covenant, enter, delta
):
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 16.2, organisation=delta)
    html = login(client, reader).get(url("index", kampen)).content.decode()
    assert "Indicatoren: worden de afspraken waargemaakt?" in html
    assert (
        "Aandeel vrij toegewezen" in html and label(Outcome.BEHIND) in html and "16,2% (deltaWonen)" in html
    )
    assert "hoogstens 15% (vanaf 2022), voor elke corporatie" in html
    assert label(Outcome.NO_DATA) in html  # most indicators have no figures yet
    # The agreements' status comes from core.verdicts, with its badge (never counted here).
    assert 'data-agreement="1.3.3"' in html
    assert f'href="/convenanten/{kampen.pk}/indicatoren/thema/1/"' in html
    assert "Cijfers invoeren met een spreadsheet" not in html  # a reader enters nothing


def test_theme_page_has_charts_with_data_tables_definitions_and_targets(
    client: Client, reader: User, kampen: Covenant, enter
):
    for quarter, value in [(1, 2.1), (2, 2.9)]:
        enter("toewijzing.wachttijd-wens", f"2025-K{quarter}", value)
    html = login(client, reader).get(url("theme", kampen, 1)).content.decode()
    assert "Indicatoren van thema 1" in html
    assert "ijkpunt 2,4 jaar" in html and "tijd in jaren vanaf de datum van de eerste reactie" in html
    assert 'data-chart="chart-spec-toewijzing-wachttijd-wens"' in html
    assert "Gegevens bij deze grafiek" in html or "Data behind this chart" in html
    spec = json.loads(
        re.search(r'id="chart-spec-toewijzing-wachttijd-wens"[^>]*>(.*?)</script>', html).group(1)
    )
    assert spec["layer"][0]["encoding"]["y"]["title"] == ["Wachttijd wensmodule", "(jaar) – lager is beter"]
    assert spec["data"]["values"][0] == {
        "periode": "2025-K1",
        "reeks": "Wachttijd wensmodule",
        "waarde": 2.1,
        "doel": 2.4,
    }
    assert label(Outcome.ATTENTION) in html  # 2.5 so far in 2025 against 2.4
    assert "vega-embed.min.js" in html


def test_agreement_page_of_indicators(client: Client, reader: User, kampen: Covenant):
    html = login(client, reader).get(url("agreement", kampen, "1.3.5")).content.decode()
    assert "Indicatoren bij afspraak 1.3.5" in html
    assert "Taakstelling statushouders" in html and "Achterstand taakstelling statushouders" in html
    assert "Wachttijd wensmodule" not in html
    assert login(client, reader).get(url("agreement", kampen, "9.9")).status_code == 404


def test_detail_shows_definition_source_who_entered_and_history(
    client: Client, reader: User, kampen: Covenant, enter, coordinator
):
    enter("betaalbaarheid.vroegsignalen", "2024", 480)
    enter("betaalbaarheid.vroegsignalen", "2024", 495)
    html = login(client, reader).get(url("detail", kampen, "betaalbaarheid.vroegsignalen")).content.decode()
    assert "Monitor Vroeg Eropaf" in html and "Testbron" in html
    assert "Test Gebruiker" in html  # who entered it
    assert "Laatste wijzigingen" in html and "gewijzigd" in html and "ingevoerd" in html
    assert "Cijfers invoeren" not in html
    assert login(client, reader).get(url("detail", kampen, "bestaat.niet")).status_code == 404


def test_covenant_home_and_agreement_page_show_the_indicators(client: Client, reader: User, kampen: Covenant):
    login(client, reader)
    home = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    assert "Indicatoren in één oogopslag" in home and "Wachttijd wensmodule" in home
    assert f'href="/convenanten/{kampen.pk}/indicatoren/"' in home  # the nav item
    agreement = client.get(reverse("agreements:detail", args=[kampen.pk, "1.3.1"])).content.decode()
    assert "Indicatoren bij deze afspraak" in agreement and "Slaagkans" in agreement
    other = client.get(reverse("agreements:detail", args=[kampen.pk, "5.2"])).content.decode()
    assert "Indicatoren bij deze afspraak" not in other


def test_a_corporation_editor_enters_a_quarter_and_sees_the_verdict(
    client: Client, corporation_editor: User, kampen: Covenant, enter, delta
):
    enter("statushouders.taakstelling", "2025-H2", 20)
    login(client, corporation_editor)
    page = client.get(url("enter", kampen, "statushouders.gehuisvest"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<option value="2025-K4" selected>' in html and "2026-K1" in html
    assert "Beter Wonen" not in html.split("<form")[1]  # only its own organisation to choose
    response = client.post(
        url("enter", kampen, "statushouders.gehuisvest"),
        {
            "period": "2025-K3",
            "organisation": delta.pk,
            "value": "8",
            "source": "Eigen administratie",
            "note": "",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == url("detail", kampen, "statushouders.gehuisvest")
    message = response.content.decode()
    assert "Opgeslagen: 1 nieuw, 0 gewijzigd, 0 ongewijzigd." in message
    backlog = client.get(url("detail", kampen, "statushouders.achterstand")).content.decode()
    # K4 of 2025 is over without a figure: no data, not "nobody housed" (issue 12).
    assert label(Outcome.NO_DATA) in backlog and "een achterstand van" not in backlog
    client.post(
        url("enter", kampen, "statushouders.gehuisvest"),
        {"period": "2025-K4", "organisation": delta.pk, "value": "12", "source": "", "note": ""},
    )
    backlog = client.get(url("detail", kampen, "statushouders.achterstand")).content.decode()
    assert label(Outcome.ON_TRACK) in backlog
    assert not re.search(r"\d+ (van de|of) \d+ (gehuisvest|housed)", backlog)  # issue 12: say what they mean


def test_the_form_takes_dutch_decimals_and_shows_dutch_errors(
    client: Client, corporation_editor: User, kampen: Covenant, delta
):
    login(client, corporation_editor)
    page = url("enter", kampen, "toewijzing.wachttijd-wens")
    response = client.post(page, {"period": "2025-K4", "value": "2,6", "source": "", "note": ""})
    assert response.status_code == 302
    assert Observation.objects.get().value == Decimal("2.6")
    response = client.post(page, {"period": "2025-K4", "value": "60", "source": "", "note": ""})
    assert response.status_code == 200
    assert "60 is hoger dan het hoogst mogelijke 50." in response.content.decode()
    response = client.post(page, {"period": "2031-K1", "value": "2", "source": "", "note": ""})
    assert "Selecteer een geldige keuze" in response.content.decode()


def test_prefilled_values_for_a_period_from_the_figures_table(
    client: Client, corporation_editor: User, kampen: Covenant, enter
):
    enter("toewijzing.toewijzingen", "2025-K2", 61, dimension="wens")
    html = (
        login(client, corporation_editor)
        .get(url("enter", kampen, "toewijzing.toewijzingen") + "?periode=2025-K2")
        .content.decode()
    )
    assert 'name="value_wens" value="61"' in html
    assert '<option value="2025-K2" selected>' in html


@pytest.mark.parametrize("who", ["reader", "tenant_coordinator", "gemeente_editor"])
def test_who_may_not_enter_gets_403(client: Client, kampen: Covenant, request, who: str):
    login(client, request.getfixturevalue(who))
    assert client.get(url("enter", kampen, "toewijzing.toewijzingen")).status_code == 403
    assert (
        client.post(url("enter", kampen, "toewijzing.toewijzingen"), {"period": "2025-K4"}).status_code == 403
    )


def test_calculated_indicators_have_no_form(client: Client, coordinator: User, kampen: Covenant):
    login(client, coordinator)
    assert client.get(url("enter", kampen, "toewijzing.slaagkans")).status_code == 403
    html = client.get(url("detail", kampen, "toewijzing.slaagkans")).content.decode()
    assert "Cijfers invoeren" not in html


def test_template_download_and_upload_through_the_pages(
    client: Client, corporation_editor: User, kampen: Covenant, delta
):
    login(client, corporation_editor)
    page = client.get(url("import", kampen)).content.decode()
    assert "1. Download het sjabloon" in page
    response = client.get(
        url("template", kampen),
        {"sjabloon-organisation": delta.pk, "sjabloon-period": "2025-K4", "sjabloon-format": "xlsx"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="indicatoren-deltaWonen-2025-K4.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert ("Organisatie", "deltaWonen") in [tuple(row[:2]) for row in rows]
    for row in sheet.iter_rows():
        if row[0].value == "statushouders.gehuisvest":
            row[6].value = 5
        if row[0].value == "toewijzing.toewijzingen" and row[4].value == "wens":
            row[6].value = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("delta-k4.xlsx", buffer.getvalue())
    response = client.post(url("import", kampen), {"file": upload}, follow=True)
    assert "2 cijfers ingelezen: 2 nieuw" in response.content.decode()
    assert Observation.objects.count() == 2


def test_a_bad_upload_lists_the_rows_and_stores_nothing(
    client: Client, corporation_editor: User, kampen: Covenant
):
    login(client, corporation_editor)
    content = (
        b"Code;Periode;Organisatie;Onderdeel;Waarde\r\n"
        b"toewijzing.toewijzingen;2025-K4;;wens;88\r\n"
        b"toewijzing.toewijzingen;2025;;wens;88\r\n"
    )
    response = client.post(url("import", kampen), {"file": SimpleUploadedFile("k4.csv", content)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "er is niets opgeslagen" in html and "Rij 3: &#x27;Toewijzingen&#x27; gaat per kwartaal" in html
    assert not Observation.objects.exists()


def test_template_form_errors_and_access(
    client: Client, kampen: Covenant, corporation_editor: User, reader: User, delta
):
    login(client, corporation_editor)
    response = client.get(
        url("template", kampen),
        {"sjabloon-organisation": delta.pk, "sjabloon-period": "K4", "sjabloon-format": "csv"},
    )
    assert response.status_code == 200 and "is geen periode" in response.content.decode()
    login(client, reader)
    assert client.get(url("import", kampen)).status_code == 403
    assert client.get(url("template", kampen)).status_code == 403


def test_export_download(client: Client, reader: User, kampen: Covenant, enter):
    enter("toewijzing.toewijzingen", "2025-K4", 88, dimension="wens")
    response = login(client, reader).get(reverse("agreements:export", args=[kampen.pk, "indicators", "json"]))
    data = response.json()
    allocations = next(item for item in data if item["code"] == "toewijzing.toewijzingen")
    assert allocations["observations"][0]["value"] == 88


def _queries(client: Client, page: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(page).status_code == 200, page
    return len(context.captured_queries)


def test_pages_do_a_constant_number_of_queries_as_data_grows(
    client: Client, coordinator: User, kampen: Covenant, kampen_text: str, enter
):
    login(client, coordinator)
    enter("toewijzing.toewijzingen", "2022-K1", 50, dimension="wens")
    pages = [
        url("index", kampen),
        url("theme", kampen, 1),
        url("agreement", kampen, "1.3.1"),
        url("detail", kampen, "statushouders.achterstand"),
        url("detail", kampen, "toewijzing.toewijzingen"),
        url("enter", kampen, "toewijzing.toewijzingen"),
        url("import", kampen),
        reverse("agreements:covenant", args=[kampen.pk]),
        reverse("agreements:detail", args=[kampen.pk, "1.3.1"]),
    ]
    before = [_queries(client, page) for page in pages]
    indicators_demo_fill(kampen)
    for index in range(2):
        document_import(text=kampen_text.replace("Kampen", f"Groeistad{index}"), filename=f"g{index}.txt")
    after = [_queries(client, page) for page in pages]
    assert after == before


def test_the_coordinator_records_and_removes_a_target_through_the_page(
    client: Client, coordinator: User, corporation_editor: User, kampen: Covenant
):
    page = url("targets", kampen, "betaalbaarheid.huurverhoging")
    login(client, corporation_editor)
    assert client.get(page).status_code == 403
    assert (
        "Doel vastleggen of verwijderen"
        not in client.get(url("detail", kampen, "betaalbaarheid.huurverhoging")).content.decode()
    )
    login(client, coordinator)
    detail = client.get(url("detail", kampen, "betaalbaarheid.huurverhoging")).content.decode()
    assert "Doel vastleggen of verwijderen" in detail
    response = client.post(
        page,
        {
            "kind": "per_period",
            "value": "5,8",
            "first_year": "2024",
            "last_year": "2024",
            "applies_to": "each",
            "source_kind": "reference",
            "source": "",
        },
    )
    assert "Dit veld is verplicht" in response.content.decode()
    response = client.post(
        page,
        {
            "kind": "per_period",
            "value": "5,8",
            "first_year": "2024",
            "last_year": "2024",
            "applies_to": "each",
            "source_kind": "reference",
            "source": "Rijksoverheid 2024",
        },
        follow=True,
    )
    assert "Doel vastgelegd." in response.content.decode()
    assert "hoogstens 5,8% (2024), voor elke corporatie" in response.content.decode()
    target = Target.objects.get(indicator__code="betaalbaarheid.huurverhoging", first_year=2024)
    assert target.source_kind == "reference" and not target.judges
    client.post(url("target-delete", kampen, "betaalbaarheid.huurverhoging", target.pk))
    assert not Target.objects.filter(pk=target.pk).exists()


def test_agreement_statuses_on_the_index_and_home_come_from_core_verdicts(
    client: Client, reader: User, kampen: Covenant, enter, delta, beter
):
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 16.2, organisation=delta)
    enter("toewijzing.vrije-toewijzingsruimte", "2025", 9.0, organisation=beter)
    enter("toewijzing.passend", "2025", 90.0, organisation=delta)  # below the national 95: compared only
    verdicts = covenant_verdicts(kampen, dt.date(2026, 3, 10))
    login(client, reader)
    pages = [
        client.get(url("index", kampen)).content.decode(),
        client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode(),
    ]
    for html in pages:
        shown = dict(re.findall(r'data-agreement="([\d.]+)" data-status="(\w+)"', html))
        assert shown["1.3.3"] == verdicts["1.3.3"].status == "behind"
        assert all(verdicts[number].status == status for number, status in shown.items())
    detail = client.get(url("detail", kampen, "toewijzing.passend")).content.decode()
    assert 'data-target-source="reference"' in detail and "Landelijke norm passend toewijzen" in detail
