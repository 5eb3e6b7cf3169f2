"""The small covenant of the factories is a complete covenant to the rest of the system."""

from __future__ import annotations

import pytest

from woonafspraken.agreements.exports import agreements_data
from woonafspraken.agreements.tests.factories import CovenantFactory

pytestmark = pytest.mark.django_db


def test_a_small_covenant_has_one_gemeente_two_corporations_and_one_tenant_organisation():
    covenant = CovenantFactory(small=True, municipality="Zwartsluis")
    data = agreements_data(covenant)
    assert data["covenant"]["municipality"] == "Zwartsluis"
    assert [(party["name"], party["kind"]) for party in data["covenant"]["parties"]] == [
        ("Gemeente Zwartsluis", "gemeente"),
        ("Woonstichting Zwartsluis", "corporatie"),
        ("Wooncorporatie Zwartsluis-Oost", "corporatie"),
        ("Huurdersvereniging Zwartsluis", "huurdersorganisatie"),
    ]
    assert [agreement["number"] for agreement in data["agreements"]] == ["1.1.1", "1.1.2", "1.1.3"]
    assert data["agreements"][2]["leads"] == ["Huurdersvereniging Zwartsluis"]
    assert data["themes"][0]["sections"] == [{"number": "1.1", "title": "Nieuwbouw"}]


def _parties(covenant) -> list[str]:
    return [link.organisation.name for link in covenant.party_links.order_by("order")]


def test_without_the_trait_a_covenant_has_only_the_parties_it_is_given():
    bare = CovenantFactory()
    assert bare.agreements.count() == 0 and bare.parties.count() == 0
    other = CovenantFactory(small=True)
    joined = CovenantFactory(parties=[link.organisation for link in other.party_links.order_by("order")])
    assert _parties(joined) == _parties(other) and len(_parties(joined)) == 4
