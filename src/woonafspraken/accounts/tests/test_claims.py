"""Which organisation and role the claims map to: the pure rules, on hand-made claims."""

import pytest

from woonafspraken.accounts.claims import AmbiguousClaimsError, Rule, claim_values, membership

RANK = ["reader", "editor", "coordinator", "administrator"]
KAMPEN, DELTA = 1, 2
RULES = [
    Rule("groups", "kampen-coordinatoren", KAMPEN, "coordinator"),
    Rule("groups", "kampen-medewerkers", KAMPEN, "reader"),
    Rule("groups", "delta-medewerkers", DELTA, "editor"),
    Rule("department", "wonen", KAMPEN, "editor"),
]


def test_a_list_claim_matches_when_it_contains_the_value():
    found = membership({"groups": ["iedereen", "kampen-coordinatoren"]}, RULES, RANK)
    assert found is not None
    assert (found.organisation_id, found.role) == (KAMPEN, "coordinator")
    assert [rule.value for rule in found.matched] == ["kampen-coordinatoren"]


def test_a_single_value_claim_matches_when_it_equals_the_value():
    found = membership({"department": "wonen"}, RULES, RANK)
    assert found is not None and (found.organisation_id, found.role) == (KAMPEN, "editor")
    assert membership({"department": "wonen en zorg"}, RULES, RANK) is None


def test_several_rules_of_one_organisation_give_the_highest_role():
    found = membership(
        {"groups": ["kampen-medewerkers", "kampen-coordinatoren"], "department": "wonen"}, RULES, RANK
    )
    assert found is not None and found.role == "coordinator" and len(found.matched) == 3


def test_no_matching_rule_is_no_organisation():
    assert membership({"groups": ["iedereen"]}, RULES, RANK) is None
    assert membership({}, RULES, RANK) is None
    assert membership({"groups": ["kampen-coordinatoren"]}, [], RANK) is None


def test_rules_of_two_organisations_are_ambiguous():
    with pytest.raises(AmbiguousClaimsError) as raised:
        membership({"groups": ["kampen-medewerkers", "delta-medewerkers"]}, RULES, RANK)
    assert raised.value.organisation_ids == [KAMPEN, DELTA]


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, set()), ("a", {"a"}), (["a", "b", None], {"a", "b"}), (7, {"7"}), (True, {"true"})],
)
def test_claim_values(value: object, expected: set[str]):
    assert claim_values({"c": value}, "c") == expected
