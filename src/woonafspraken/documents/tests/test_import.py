"""The import service on the real Kampen document: what is stored, idempotency, refusals."""

from __future__ import annotations

import pytest
from django.db import connection

from woonafspraken.accounts.models import Organisation
from woonafspraken.agreements.models import Agreement, AgreementVersion, Covenant, Signatory, Theme
from woonafspraken.documents.models import SourceDocument
from woonafspraken.documents.parsing.model import DocumentParseError
from woonafspraken.documents.services import ImportRefusedError, document_import

pytestmark = pytest.mark.django_db


def table_counts() -> dict[str, int]:
    """Rows in every table of the project, history tables included."""
    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.table_names(cursor):
            if table.startswith(("accounts_", "agreements_", "documents_")):
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608  (names from introspection)
                counts[table] = cursor.fetchone()[0]
        return counts


def test_kampen_is_stored_whole(kampen: Covenant):
    assert kampen.title.startswith("Prestatieafspraken Kampen 2022")
    assert kampen.municipality == "Kampen"
    assert str(kampen.start_date) == "2022-01-01"
    assert str(kampen.end_date) == "2026-12-31"
    assert kampen.automatic_extension_months == 12
    assert kampen.owner.name == "Gemeente Kampen"
    assert Agreement.objects.filter(covenant=kampen).count() == 43
    assert Theme.objects.filter(covenant=kampen).count() == 5
    assert Signatory.objects.filter(covenant=kampen).count() == 5
    assert kampen.appendices.count() == 2
    assert kampen.footnotes.count() == 1
    kinds = dict(Organisation.objects.values_list("name", "kind"))
    assert kinds == {
        "Gemeente Kampen": "gemeente",
        "Beter Wonen IJsselmuiden": "corporatie",
        "deltaWonen": "corporatie",
        "Huurders Vereniging groot IJsselmuiden": "huurdersorganisatie",
        "Centrale Bewonersraad deltaWonen": "huurdersorganisatie",
    }


def test_every_agreement_has_its_signed_text_as_version_one(kampen: Covenant):
    versions = AgreementVersion.objects.filter(agreement__covenant=kampen, version=1)
    assert versions.count() == 43
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.5")
    assert agreement.versions.get().text == agreement.text


def test_parties_and_leads_are_resolved_to_organisations(kampen: Covenant):
    agreement = Agreement.objects.get(covenant=kampen, number="1.1.5")
    assert sorted(agreement.parties.values_list("name", flat=True)) == [
        "Beter Wonen IJsselmuiden",
        "Gemeente Kampen",
        "deltaWonen",
    ]
    assert sorted(agreement.leads.values_list("name", flat=True)) == [
        "Beter Wonen IJsselmuiden",
        "deltaWonen",
    ]
    assert agreement.due_raw == "Start medio 2022"
    assert agreement.due_moments[0]["kind"] == "half_year"
    assert agreement.due_moments[0]["year"] == 2022
    everybody = Agreement.objects.get(covenant=kampen, number="5.1")
    assert everybody.parties.count() == 5


def test_importing_the_same_document_twice_changes_nothing(kampen: Covenant, kampen_text: str):
    before = table_counts()
    result = document_import(text=kampen_text, filename="again.txt")
    assert result.changes == 0
    assert result.created is False
    assert table_counts() == before


def test_a_whitespace_variant_of_the_same_document_changes_nothing(kampen: Covenant, kampen_text: str):
    before = table_counts()
    result = document_import(text=kampen_text + "\n\n", filename="copy.txt")
    assert result.changes == 0
    after = table_counts()
    # Only the fact that this file was seen is recorded.
    assert after.pop("documents_sourcedocument") == before.pop("documents_sourcedocument") + 1
    assert after == before


def test_a_corrected_document_updates_in_place_and_keeps_history(kampen: Covenant, kampen_text: str):
    corrected = kampen_text.replace(
        "De vrije toewijzingsruimte wordt per 1 januari 2022",
        "De vrije toewijzingsruimte wordt met ingang van 1 januari 2022",
    )
    result = document_import(text=corrected, filename="corrected.txt")
    assert result.changes >= 1
    agreement = Agreement.objects.get(covenant=kampen, number="1.3.3")
    assert "met ingang van 1 januari 2022" in agreement.text
    assert agreement.history.count() == 2
    assert Covenant.objects.count() == 1


def test_an_unreadable_document_writes_nothing(db: None):
    before = table_counts()
    with pytest.raises(DocumentParseError) as error:
        document_import(text="Dit is geen convenant.\n\nMaar gewoon tekst.\n", filename="bad.txt")
    assert error.value.line >= 1
    assert table_counts() == before


def test_a_broken_row_in_a_valid_document_names_its_line_and_writes_nothing(
    kampen_text: str, empty_database: None
):
    lines = kampen_text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("Huurbeleid\t2.1.1"))
    lines[index] = lines[index].replace("2.1.1", "7.7.7")
    with pytest.raises(DocumentParseError) as error:
        document_import(text="\n".join(lines), filename="broken.txt")
    assert error.value.line == index + 1
    assert Covenant.objects.count() == 0
    assert SourceDocument.objects.count() == 0


def test_an_organisation_of_another_kind_is_refused(kampen_text: str, empty_database: None):
    Organisation.objects.create(name="deltaWonen", kind="gemeente")
    with pytest.raises(ImportRefusedError):
        document_import(text=kampen_text, filename="kampen.txt")
    assert Covenant.objects.count() == 0


def test_two_municipalities_side_by_side(kampen: Covenant, kampen_text: str):
    other = (
        kampen_text.replace("Kampen", "Voorbeeldstad")
        .replace("deltaWonen", "Woonstichting Thuis")
        .replace("Beter Wonen IJsselmuiden", "Woongoed Noord")
    )
    result = document_import(text=other, filename="voorbeeldstad.txt")
    assert result.created
    assert result.covenant.municipality == "Voorbeeldstad"
    assert Covenant.objects.count() == 2
    assert Agreement.objects.count() == 86
    assert kampen.agreements.count() == 43


def test_a_title_too_long_to_store_is_refused_in_dutch_and_writes_nothing(kampen_text: str, db: None):
    title = "Prestatieafspraken Kampen 2022 – 2026"
    before = table_counts()
    with pytest.raises(ImportRefusedError, match="kan niet worden opgeslagen: titel: ") as error:
        document_import(text=kampen_text.replace(title, title + " en verder" * 40, 1), filename="lang.txt")
    assert "300" in str(error.value)
    assert table_counts() == before


def test_a_signature_on_behalf_of_no_party_is_skipped_with_its_warning(kampen_text: str, db: None):
    """The parser warns about it; the import stores the other signatories instead of failing."""
    text = kampen_text.replace("\nBeter Wonen IJsselmuiden\n", "\n", 1)  # gone from the parties
    result = document_import(text=text, filename="zonder-beter-wonen.txt")
    assert any("geen partij van dit convenant" in warning.message for warning in result.warnings)
    signatories = Signatory.objects.filter(covenant=result.covenant)
    assert signatories.count() == 4
    assert not signatories.filter(organisation__name="Beter Wonen IJsselmuiden").exists()
