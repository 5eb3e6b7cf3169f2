"""The register's pages: login, content, filters, search, amendments and a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from woonafspraken.accounts.models import User
from woonafspraken.agreements.models import Agreement, Covenant
from woonafspraken.agreements.services import agreement_amend
from woonafspraken.documents.services import document_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client: Client, reader: User) -> Client:
    client.force_login(reader)
    return client


def test_only_the_landing_and_login_pages_are_public(client: Client, kampen: Covenant):
    assert client.get(reverse("web:landing")).status_code == 200
    assert client.get(reverse("login")).status_code == 200
    for url in [
        reverse("web:dashboard"),
        reverse("agreements:covenant", args=[kampen.pk]),
        reverse("agreements:list", args=[kampen.pk]),
        reverse("agreements:detail", args=[kampen.pk, "1.3.1"]),
        reverse("agreements:export", args=[kampen.pk, "agreements", "json"]),
        reverse("documents:import"),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_logging_in_leads_to_the_covenant(client: Client, reader: User, kampen: Covenant):
    response = client.post(
        reverse("login"), {"username": "reader", "password": "correct-horse-battery-staple"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("agreements:covenant", args=[kampen.pk])


def test_covenant_home_shows_parties_period_signatories_and_state(
    client: Client, reader: User, kampen: Covenant
):
    with freeze_time("2026-11-27 12:00"):
        client.force_login(reader)
        html = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    for text in [
        "Gemeente Kampen",
        "Beter Wonen IJsselmuiden",
        "Huurders Vereniging groot IJsselmuiden",
        "Centrale Bewonersraad deltaWonen",
        "woningcorporatie",
        "huurdersorganisatie",
        "1 januari 2022",
        "31 december 2026",
        "J.P. van der Sluis",
        "Loopt.",
        "Nog 34 dagen tot de einddatum van 31 december 2026.",
        "hoogstens één jaar",
    ]:
        assert text in html, text


def test_covenant_home_shows_the_extension_in_2027(client: Client, reader: User, kampen: Covenant):
    with freeze_time("2027-03-01 12:00"):
        client.force_login(reader)
        html = client.get(reverse("agreements:covenant", args=[kampen.pk])).content.decode()
    assert "Automatisch verlengd." in html
    assert "31 december 2027" in html


def test_theme_page_shows_ambition_sections_and_agreements(reader_client: Client, kampen: Covenant):
    html = reader_client.get(reverse("agreements:theme", args=[kampen.pk, 1])).content.decode()
    assert "Ambitie 2022 -2026" in html or "Ambitie 2022 - 2026" in html
    assert "1.3 - Woonruimteverdeling" in html.replace("–", "-")
    for number in ["1.1.1", "1.1.5", "1.2.4", "1.3.5"]:
        assert f"{number} " in html
    # Lists in agreement texts stay lists.
    assert "<li>de woningbouwprogrammering voor Kampen" in html


def test_agreement_page_shows_text_parties_lead_and_due(reader_client: Client, kampen: Covenant):
    html = reader_client.get(reverse("agreements:detail", args=[kampen.pk, "1.1.4"])).content.decode()
    assert "Locatieoverleg" in html
    assert "in januari" in html
    assert "Alle partijen" in html
    assert html.count("<li>") >= 3


def test_unknown_agreement_is_a_404(reader_client: Client, kampen: Covenant):
    assert reader_client.get(reverse("agreements:detail", args=[kampen.pk, "9.9.9"])).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "statushouders"}, ["1.3.5"], ["1.1.1"]),
        ({"theme": "4"}, ["4.1.1", "4.3.1"], ["1.1.1", "5.1"]),
        ({"q": "wachttijd ijkpunt"}, ["1.3.1"], ["1.3.5"]),
    ],
)
def test_filters_and_search(reader_client: Client, kampen: Covenant, query, expected, absent):
    html = reader_client.get(reverse("agreements:list", args=[kampen.pk]), query).content.decode()
    for number in expected:
        assert f">{number}</a>" in html
    for number in absent:
        assert f">{number}</a>" not in html


def test_filter_by_party_and_lead(reader_client: Client, kampen: Covenant):
    tenants = kampen.parties.get(name="Centrale Bewonersraad deltaWonen")
    html = reader_client.get(
        reverse("agreements:list", args=[kampen.pk]), {"lead": tenants.pk}
    ).content.decode()
    assert ">4.1.6</a>" in html and ">4.2.2</a>" in html and ">1.1.1</a>" not in html
    gemeente = kampen.parties.get(name="Gemeente Kampen")
    html = reader_client.get(
        reverse("agreements:list", args=[kampen.pk]), {"party": tenants.pk}
    ).content.decode()
    assert ">1.3.4</a>" not in html and ">5.1</a>" in html
    html = reader_client.get(
        reverse("agreements:list", args=[kampen.pk]), {"lead": gemeente.pk}
    ).content.decode()
    assert ">1.1.4</a>" in html and ">1.2.1</a>" not in html


def test_htmx_request_returns_only_the_results(reader_client: Client, kampen: Covenant):
    response = reader_client.get(
        reverse("agreements:list", args=[kampen.pk]), {"q": "statushouders"}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert ">1.3.5</a>" in html


def test_reader_cannot_amend(reader_client: Client, kampen: Covenant):
    url = reverse("agreements:amend", args=[kampen.pk, "1.3.3"])
    assert reader_client.get(url).status_code == 403
    assert (
        reader_client.post(url, {"text": "x", "valid_from": "2024-01-01", "reason": "y"}).status_code == 403
    )
    assert Agreement.objects.get(covenant=kampen, number="1.3.3").version == 1


def test_coordinator_amends_and_the_old_text_stays_readable(
    client: Client, coordinator: User, kampen: Covenant
):
    client.force_login(coordinator)
    url = reverse("agreements:amend", args=[kampen.pk, "1.3.3"])
    response = client.post(
        url,
        {
            "text": "Maximaal 20% vrije toewijzing.",
            "valid_from": "2024-01-01",
            "reason": "Rijksbeleid (5.7)",
            "expected_version": "1",
        },
    )
    assert response.status_code == 302
    page = client.get(
        reverse("agreements:detail", args=[kampen.pk, "1.3.3"]), {"op": "2023-06-01"}
    ).content.decode()
    assert "maximaal 15%" in page  # the text as it stood on that date
    assert "Maximaal 20% vrije toewijzing." in page  # the current text


def test_amendment_with_missing_reason_shows_a_dutch_message(
    client: Client, coordinator: User, kampen: Covenant
):
    client.force_login(coordinator)
    url = reverse("agreements:amend", args=[kampen.pk, "1.3.3"])
    response = client.post(
        url, {"text": "Nieuw", "valid_from": "2021-01-01", "reason": " ", "expected_version": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dit veld is verplicht" in html or "Geef de reden" in html
    assert Agreement.objects.get(covenant=kampen, number="1.3.3").version == 1


def test_amendment_with_a_tampered_version_field_says_why_in_dutch(
    client: Client, coordinator: User, kampen: Covenant
):
    """The hidden version field has no place on the page for its error; it is named on top (fuzzing)."""
    client.force_login(coordinator)
    url = reverse("agreements:amend", args=[kampen.pk, "1.3.3"])
    response = client.post(
        url, {"text": "Nieuw", "valid_from": "2021-01-01", "reason": "Beleid", "expected_version": "x"}
    )
    assert response.status_code == 200
    assert "Het formulier was onvolledig; er is niets opgeslagen." in response.content.decode()
    assert Agreement.objects.get(covenant=kampen, number="1.3.3").version == 1


def test_export_download(reader_client: Client, kampen: Covenant):
    response = reader_client.get(reverse("agreements:export", args=[kampen.pk, "agreements", "json"]))
    assert response.status_code == 200
    assert len(response.json()["agreements"]) == 43
    assert (
        reader_client.get(reverse("agreements:export", args=[kampen.pk, "nope", "json"])).status_code == 404
    )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_pages_do_a_constant_number_of_queries_as_covenants_grow(
    reader_client: Client, kampen: Covenant, kampen_text
):
    urls = [
        reverse("agreements:covenant", args=[kampen.pk]),
        reverse("agreements:list", args=[kampen.pk]),
        reverse("agreements:theme", args=[kampen.pk, 1]),
        reverse("agreements:detail", args=[kampen.pk, "1.3.2"]),
    ]
    before = [_queries(reader_client, url) for url in urls]
    for index in range(3):
        name = f"Voorbeeldgemeente{index}"
        document_import(text=kampen_text.replace("Kampen", name), filename=f"{name}.txt")
    after = [_queries(reader_client, url) for url in urls]
    assert after == before


def test_dashboard_lists_the_covenants_the_user_is_party_to(
    client: Client, reader: User, corporation_editor: User, kampen: Covenant, kampen_text: str
):
    """deltaWonen is party to both covenants; Gemeente Kampen only to its own."""
    other = document_import(text=kampen_text.replace("Kampen", "Voorbeeldstad"), filename="v.txt").covenant
    client.force_login(corporation_editor)
    html = client.get(reverse("web:dashboard")).content.decode()
    assert "Prestatieafspraken Voorbeeldstad" in html and "Prestatieafspraken Kampen" in html
    client.force_login(reader)
    assert client.get(reverse("web:dashboard"))["Location"] == reverse(
        "agreements:covenant", args=[kampen.pk]
    )
    refused = client.get(reverse("agreements:covenant", args=[other.pk]))
    assert refused.status_code == 403
    assert "Alleen de partijen van dit convenant" in refused.content.decode()


def test_document_import_page_refuses_a_bad_file_with_its_line(
    client: Client, coordinator: User, kampen: Covenant
):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("slecht.txt", b"Titel\n\nGemeente X\n\nzomaar\ttekst\n")
    response = client.post(reverse("documents:import"), {"document": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Regel " in html and "Er is niets opgeslagen" in html
    assert Covenant.objects.count() == 1


def test_document_import_page_is_for_coordinators(reader_client: Client, kampen: Covenant):
    assert reader_client.get(reverse("documents:import")).status_code == 403


def test_amend_service_date_rules(coordinator: User, kampen: Covenant):
    agreement = Agreement.objects.get(covenant=kampen, number="5.6")
    agreement_amend(
        agreement=agreement, user=coordinator, text="Nieuw", valid_from=dt.date(2024, 1, 1), reason="r"
    )
    with pytest.raises(ValidationError):
        agreement_amend(
            agreement=agreement, user=coordinator, text="Ouder", valid_from=dt.date(2023, 1, 1), reason="r"
        )
    agreement.refresh_from_db()
    assert agreement.version == 2
    assert agreement.history.first().history_user == coordinator


def test_two_coordinators_cannot_silently_overwrite_each_other(
    client: Client, coordinator: User, kampen: Covenant
):
    other = User.objects.create_user(
        "other-coordinator", organisation=coordinator.organisation, role="coordinator"
    )
    url = reverse("agreements:amend", args=[kampen.pk, "1.3.3"])
    client.force_login(coordinator)
    # Both open the form at version 1; the other saves first.
    agreement_amend(
        agreement=Agreement.objects.get(covenant=kampen, number="1.3.3"),
        user=other,
        text="De tekst van de ander.",
        valid_from=dt.date(2024, 1, 1),
        reason="Eerst",
        expected_version=1,
    )
    response = client.post(
        url, {"text": "Mijn tekst.", "valid_from": "2024-02-01", "reason": "Tweede", "expected_version": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "is intussen gewijzigd door" in html and "other-coordinator" in html
    assert "De tekst van de ander." in html  # the other's change is shown
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.3")
    assert agreement.version == 2 and agreement.text == "De tekst van de ander."
    # Having seen it, the user can save on top of it.
    response = client.post(
        url, {"text": "Mijn tekst.", "valid_from": "2024-02-01", "reason": "Tweede", "expected_version": "2"}
    )
    assert response.status_code == 302
    assert Agreement.objects.get(covenant=kampen, number="1.3.3").version == 3
