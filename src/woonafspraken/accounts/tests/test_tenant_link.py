"""A tenant organisation knows the corporation whose tenants it represents."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from woonafspraken.accounts.models import Organisation
from woonafspraken.accounts.tests.factories import OrganisationFactory
from woonafspraken.agreements.models import Covenant
from woonafspraken.documents.services import document_import

pytestmark = pytest.mark.django_db


def _landlords() -> dict[str, str | None]:
    return {
        organisation.name: getattr(organisation.represents_tenants_of, "name", None)
        for organisation in Organisation.objects.tenant_organisations().select_related(
            "represents_tenants_of"
        )
    }


def test_the_kampen_import_links_each_tenant_organisation_to_its_corporation(kampen: Covenant):
    assert _landlords() == {
        # by the signature line: no part of Beter Wonen's name is in the tenants' name
        "Huurders Vereniging groot IJsselmuiden": "Beter Wonen IJsselmuiden",
        # by the name
        "Centrale Bewonersraad deltaWonen": "deltaWonen",
    }


def test_a_link_the_administrator_set_survives_the_next_import(kampen: Covenant, kampen_text: str):
    tenants = Organisation.objects.get(name="Huurders Vereniging groot IJsselmuiden")
    tenants.represents_tenants_of = Organisation.objects.get(name="deltaWonen")  # a deliberate correction
    tenants.save()
    document_import(text=kampen_text, filename="kampen.txt")
    assert _landlords()["Huurders Vereniging groot IJsselmuiden"] == "deltaWonen"


def test_only_a_tenant_organisation_represents_and_only_a_corporation_is_represented(kampen: Covenant):
    corporation = Organisation.objects.get(name="deltaWonen")
    gemeente = Organisation.objects.get(name="Gemeente Kampen")
    tenants = OrganisationFactory(tenants=True)
    tenants.represents_tenants_of = gemeente
    with pytest.raises(ValidationError) as refused:
        tenants.full_clean()
    assert "represents_tenants_of" in refused.value.error_dict  # the gemeente is no corporation
    other = Organisation.objects.get(name="Beter Wonen IJsselmuiden")
    other.represents_tenants_of = corporation
    with pytest.raises(ValidationError) as refused:
        other.full_clean()
    assert refused.value.error_dict["represents_tenants_of"][0].code == "not_tenants"
    tenants.represents_tenants_of = corporation
    tenants.full_clean()
